#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/caller.hpp"
#include "core/result.hpp"

namespace sawt::auth {

/// Permission names are "<module>.<resource>.<verb>". Each module contributes the rules of its own
/// permissions at registration (module::ModuleRegistry::AddPermissions); one function, Authorize,
/// decides them all. docs/permissions.md is the generated table.
struct PermissionRule {
  std::string permission;
  /// Roles that grant it in the target entity (or an ancestor). network_admin always passes.
  std::vector<Role> roles;
  /// Any authenticated caller passes, whatever the entity (e.g. reading the entity directory).
  bool any_member = false;
  /// Needs the "write" scope when the caller uses an API token.
  bool writes = false;
  /// What it allows, for the generated table (English).
  std::string summary;
};

/// An approval that needs more than one person (e.g. an item with a strategic theme: a reviewer of
/// the owner entity and a network admin). Each sign-off is given by a caller who holds one of its
/// roles in the entity or an entity above it; Role::kNetworkAdmin in the list means network admins.
/// Unlike a permission, a network admin gives only the sign-offs that name network admins or a role
/// it holds there: two people are needed unless one person truly holds both.
struct SignOff {
  std::string name;  ///< recorded with the approval, e.g. "reviewer", "network"
  std::vector<Role> roles;
};
struct ApprovalRule {
  std::string approval;  ///< "<module>.<resource>.<name>"
  std::vector<SignOff> sign_offs;
  std::string summary;  ///< what needs it (English, for the generated table)
};

/// Every module's rules. Filled while modules register (single-threaded), read-only afterwards,
/// so reads need no lock. Owned by AuthService; every Caller it builds points at it.
class Policy {
 public:
  /// Adds `module`'s rules. REQUIRES (asserted): each permission starts with "<module>." and is new.
  void Add(const std::string& module, std::vector<PermissionRule> rules);
  const PermissionRule* Find(std::string_view permission) const;
  /// Adds `module`'s approval rules. REQUIRES (asserted): names start with "<module>." and are new.
  void AddApprovals(const std::string& module, std::vector<ApprovalRule> rules);
  const ApprovalRule* FindApproval(std::string_view approval) const;
  const std::deque<std::pair<std::string, ApprovalRule>>& approvals() const { return approvals_; }
  struct Entry {
    std::string module;
    PermissionRule rule;
  };
  /// Every rule with its module, in registration order.
  const std::deque<Entry>& entries() const { return entries_; }

 private:
  std::deque<Entry> entries_;  // deque: the index points into it
  std::unordered_map<std::string_view, const PermissionRule*> index_;
  std::deque<std::pair<std::string, ApprovalRule>> approvals_;  // module, rule
};

/// The decision, by the policy the caller was authenticated under (Caller::policy): Ok, or
/// kForbidden ("auth.forbidden"; "auth.token_scope" for a read-only token). `entity_id` is the
/// entity the action targets; nullopt means network-wide (only network admins and any_member
/// rules pass). Unknown permissions are denied (a programmer error caught by tests). A caller built
/// in code without a policy (the system actor of demo seeders and workers) passes only as a
/// network admin.
core::Status Authorize(const Caller& caller, std::string_view permission, std::optional<int64_t> entity_id);

/// Where a caller holds one permission: everywhere (network admins; rules any member passes) or
/// in the listed entities (where a granting role is held, directly or through an ancestor).
struct Grant {
  std::string permission;
  bool everywhere = false;
  std::vector<int64_t> entity_ids;  ///< sorted; empty when `everywhere`
};

/// Every permission the caller holds somewhere, in the policy's order, as Authorize would decide
/// it (a read-only token holds no writing permission). For clients that show only what can be
/// used; each request is still decided by Authorize.
std::vector<Grant> GrantsOf(const Caller& caller);

/// The sign-offs of `approval` the caller can give for `entity_id`, in the rule's order (empty for
/// an unknown approval or a caller built in code without a policy).
std::vector<std::string> SignOffsOf(const Caller& caller, std::string_view approval, int64_t entity_id);

/// Whether the caller may hand out `role` in `entity_id` (entity admins may grant every role but
/// network_admin, only within their entities).
core::Status AuthorizeGrant(const Caller& caller, Role role, int64_t entity_id);

}  // namespace sawt::auth
