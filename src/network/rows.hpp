#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

/// The network module's rows and the authority rules both of its services apply (NetworkService:
/// entities and members; MembershipService: roles and responsibilities).
namespace sawt::network::rows {

core::Json EntityJson(const store::Row& r);
core::Json MembershipJson(const store::Row& r);
core::Json ResponsibilityJson(const store::Row& r);

std::string SelectEntities();
std::string SelectMembers();  ///< alias m
std::string SelectMemberships();
std::string SelectResponsibilities();

/// Runs `sql` (a SelectMembers()) and adds each member's login and active flag, which are its
/// account's (the accounts module's).
core::Result<std::vector<core::Json>> QueryMembers(store::Tx& tx, const store::Sql& sql);
core::Result<store::Row> LoadEntity(store::Tx& tx, int64_t id);
core::Result<core::Json> LoadMember(store::Tx& tx, int64_t id);
/// Entities the member holds any active role in (invitations not yet accepted grant nothing).
core::Result<std::vector<int64_t>> MemberEntities(store::Tx& tx, int64_t member_id);

/// Ok when `permission` holds in any entity the member belongs to (or the caller is that member
/// and `self_ok`). For reading; changing an account needs AuthorizeAdministration.
core::Status AuthorizeOnMember(store::Tx& tx, const auth::Caller& caller, std::string_view permission, int64_t member_id,
                               bool self_ok);
/// Whether the caller has authority over the whole account: it could grant every active role the
/// member holds (network admins can; an entity admin only when all of the member's roles lie in
/// entities they administer and none is network_admin). Whoever lacks it must not edit, deactivate
/// or pull the account into their entity, or a role in one entity would become control over
/// another entity's (or the network's) account. kForbidden "auth.forbidden" for callers who
/// administer no entity at all, "network.member_beyond_authority" for admins of other entities.
core::Status AuthorizeAdministration(store::Tx& tx, const auth::Caller& caller, int64_t member_id);
/// Conflict "network.last_network_admin" when the network would be left without an active
/// network admin once `member_id` stops being one. Append the change's event before calling it:
/// on PostgreSQL that takes the events chain lock, so two admins removing each other at once are
/// serialised and the second sees the first's change (SQLite serialises writers anyway).
core::Status KeepOneNetworkAdmin(store::Tx& tx, int64_t member_id);
/// Whether the member holds an active network_admin role.
core::Result<bool> IsNetworkAdmin(store::Tx& tx, int64_t member_id);

/// Search: entities and members are searchable; the index changes in the same transaction.
core::Status IndexEntity(store::Tx& tx, const core::Json& e);
core::Status IndexMember(store::Tx& tx, int64_t id);

}  // namespace sawt::network::rows
