#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::auth {

/// Roles a member holds in an entity (DESIGN.md "Who uses it"). A role in an entity also applies
/// to its descendants (departments). network_admin is network-wide wherever it is held.
enum class Role { kNetworkAdmin, kEntityAdmin, kEditor, kReviewer, kSpokesperson, kAnalyst, kTrainer, kMember };

inline constexpr Role kAllRoles[] = {Role::kNetworkAdmin, Role::kEntityAdmin, Role::kEditor,  Role::kReviewer,
                                     Role::kSpokesperson, Role::kAnalyst,     Role::kTrainer, Role::kMember};

/// "network_admin", "entity_admin", ...
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

class Policy;

/// How the caller proved who they are.
enum class Credential { kSession, kApiToken };

/// The authenticated caller of one request. Built by AuthService::Authenticate; read-only after.
struct Caller {
  int64_t account_id = 0;
  std::string login;
  Credential credential = Credential::kSession;
  std::string csrf_token;           ///< sessions only
  std::set<std::string> scopes;     ///< API tokens only: "read", "write"
  int64_t session_or_token_id = 0;
  std::string expires_at;           ///< when the session or token ends (ISO 8601); empty = never
  /// Effective roles per entity: direct memberships plus inheritance down the entity tree.
  std::map<int64_t, std::set<Role>> roles;
  bool network_admin = false;
  /// Set until the account replaces the password an administrator gave it: only /api/v1/me,
  /// the password change and signing out are allowed meanwhile.
  bool must_change_password = false;
  /// Sessions only: when the session was last recorded as used (microseconds since the epoch).
  int64_t last_seen_micros = 0;
  /// The permission rules the caller is judged by (AuthService's); null for a caller built in code.
  const Policy* policy = nullptr;

  bool HasRole(int64_t entity_id, Role role) const;
  /// True when the caller holds any role in the entity (directly or through an ancestor).
  bool BelongsTo(int64_t entity_id) const;
  /// Entities the caller belongs to (sorted).
  std::vector<int64_t> Entities() const;
};

}  // namespace sawt::auth
