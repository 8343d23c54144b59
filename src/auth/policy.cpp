#include "auth/policy.hpp"

#include "core/assert.hpp"

namespace sawt::auth {

void Policy::Add(const std::string& module, std::vector<PermissionRule> rules) {
  for (auto& rule : rules) {
    SAWT_ASSERT(rule.permission.rfind(module + ".", 0) == 0, "a module's permissions start with its name");
    SAWT_ASSERT(index_.count(rule.permission) == 0, "a permission is declared once");
    entries_.push_back({module, std::move(rule)});
    index_[entries_.back().rule.permission] = &entries_.back().rule;
  }
}

const PermissionRule* Policy::Find(std::string_view permission) const {
  auto it = index_.find(permission);
  return it == index_.end() ? nullptr : it->second;
}

void Policy::AddApprovals(const std::string& module, std::vector<ApprovalRule> rules) {
  for (auto& rule : rules) {
    SAWT_ASSERT(rule.approval.rfind(module + ".", 0) == 0, "a module's approvals start with its name");
    SAWT_ASSERT(FindApproval(rule.approval) == nullptr, "an approval is declared once");
    approvals_.emplace_back(module, std::move(rule));
  }
}

const ApprovalRule* Policy::FindApproval(std::string_view approval) const {
  for (const auto& [module, rule] : approvals_) {
    if (rule.approval == approval) return &rule;
  }
  return nullptr;
}

std::vector<std::string> SignOffsOf(const Caller& caller, std::string_view approval, int64_t entity_id) {
  std::vector<std::string> out;
  const ApprovalRule* rule = caller.policy != nullptr ? caller.policy->FindApproval(approval) : nullptr;
  if (rule == nullptr) return out;
  auto held = caller.roles.find(entity_id);  // effective roles: inherited from the entities above
  for (const SignOff& sign_off : rule->sign_offs) {
    for (Role r : sign_off.roles) {
      const bool holds = r == Role::kNetworkAdmin ? caller.network_admin
                                                  : held != caller.roles.end() && held->second.count(r) > 0;
      if (holds) {
        out.push_back(sign_off.name);
        break;
      }
    }
  }
  return out;
}

core::Status Authorize(const Caller& caller, std::string_view permission, std::optional<int64_t> entity_id) {
  if (caller.policy == nullptr) {
    return caller.network_admin ? core::Ok() : core::Status(core::Error::Forbidden("auth.forbidden"));
  }
  const PermissionRule* rule = caller.policy->Find(permission);
  if (rule == nullptr) return core::Error::Forbidden("auth.forbidden");
  if (rule->writes && caller.credential == Credential::kApiToken && caller.scopes.count("write") == 0) {
    return core::Error::Forbidden("auth.token_scope");
  }
  if (caller.network_admin || rule->any_member) return core::Ok();
  if (!entity_id) return core::Error::Forbidden("auth.forbidden");
  auto roles = caller.roles.find(*entity_id);
  if (roles == caller.roles.end()) return core::Error::Forbidden("auth.forbidden");
  for (Role r : rule->roles) {
    if (roles->second.count(r)) return core::Ok();
  }
  return core::Error::Forbidden("auth.forbidden");
}

std::vector<Grant> GrantsOf(const Caller& caller) {
  std::vector<Grant> out;
  if (caller.policy == nullptr) return out;
  for (const auto& [module, rule] : caller.policy->entries()) {
    if (rule.writes && caller.credential == Credential::kApiToken && caller.scopes.count("write") == 0) continue;
    Grant grant{rule.permission, caller.network_admin || rule.any_member, {}};
    if (!grant.everywhere) {
      for (const auto& [entity, roles] : caller.roles) {  // std::map: ids come sorted
        for (Role r : rule.roles) {
          if (roles.count(r)) {
            grant.entity_ids.push_back(entity);
            break;
          }
        }
      }
      if (grant.entity_ids.empty()) continue;
    }
    out.push_back(std::move(grant));
  }
  return out;
}

core::Status AuthorizeGrant(const Caller& caller, Role role, int64_t entity_id) {
  if (caller.network_admin) return core::Ok();
  if (role == Role::kNetworkAdmin) return core::Error::Forbidden("auth.forbidden");
  return Authorize(caller, "network.memberships.write", entity_id);
}

}  // namespace sawt::auth
