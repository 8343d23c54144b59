#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.hpp"
#include "core/result.hpp"

namespace sawt::auth {

/// Permission names are "<module>.<resource>.<verb>"; the full table lives in policy.cpp, the one
/// place where sawt decides who may do what. Services call Authorize before acting.
struct PermissionRule {
  std::string permission;
  /// Roles that grant it in the target entity (or an ancestor). network_admin always passes.
  std::vector<Role> roles;
  /// Any authenticated caller passes, whatever the entity (e.g. reading the entity directory).
  bool any_member = false;
  /// Needs the "write" scope when the caller uses an API token.
  bool writes = false;
};

/// Every rule, for documentation and the authorization test matrix.
const std::vector<PermissionRule>& PermissionRules();

/// The decision: Ok, or kForbidden ("auth.forbidden"). `entity_id` is the entity the action
/// targets; nullopt means network-wide (only network admins and any_member rules pass).
/// Unknown permissions are denied (and are a programmer error caught by tests).
core::Status Authorize(const Caller& caller, std::string_view permission, std::optional<int64_t> entity_id);

/// Whether the caller may hand out `role` in `entity_id` (entity admins may grant every role but
/// network_admin, only within their entities).
core::Status AuthorizeGrant(const Caller& caller, Role role, int64_t entity_id);

}  // namespace sawt::auth
