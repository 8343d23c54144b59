#include "auth/caller.hpp"

namespace sawt::auth {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kNetworkAdmin: return "network_admin";
    case Role::kEntityAdmin: return "entity_admin";
    case Role::kEditor: return "editor";
    case Role::kReviewer: return "reviewer";
    case Role::kSpokesperson: return "spokesperson";
    case Role::kAnalyst: return "analyst";
    case Role::kTrainer: return "trainer";
    case Role::kMember: return "member";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

bool Caller::HasRole(int64_t entity_id, Role role) const {
  auto it = roles.find(entity_id);
  return it != roles.end() && it->second.count(role) > 0;
}

bool Caller::BelongsTo(int64_t entity_id) const { return roles.count(entity_id) > 0; }

std::vector<int64_t> Caller::Entities() const {
  std::vector<int64_t> out;
  out.reserve(roles.size());
  for (const auto& [id, _] : roles) out.push_back(id);
  return out;
}

}  // namespace sawt::auth
