#pragma once

#include <cstdint>
#include <optional>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::network {

/// Who does what where: memberships (a member's role in an entity, granted, offered as an
/// invitation, accepted, declined or revoked) and responsibilities (an entity's communication
/// axes with RACI assignments). The same rules as NetworkService: every command authorizes, reads
/// its input strictly and writes in one transaction with its event. Thread-safe; wire JSON.
class MembershipService {
 public:
  explicit MembershipService(store::Store& store) : store_(store) {}

  core::Result<core::Json> ListMemberships(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                           std::optional<int64_t> member_id, const module::Page& page);
  core::Result<core::Json> CreateMembership(const auth::Caller& caller, const core::Json& body);
  /// Entity admins revoke roles they could grant; a member declines their own invitation.
  core::Status DeleteMembership(const auth::Caller& caller, int64_t id);
  /// The invited member accepts an invitation (a role offered by someone without authority over
  /// all of the member's other roles); until then it grants nothing.
  core::Result<core::Json> AcceptMembership(const auth::Caller& caller, int64_t id);

  core::Result<core::Json> ListResponsibilities(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                                const module::Page& page);
  core::Result<core::Json> CreateResponsibility(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateResponsibility(const auth::Caller& caller, int64_t id,
                                                std::optional<int64_t> if_match, const core::Json& body);
  core::Status DeleteResponsibility(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);

 private:
  store::Store& store_;
};

}  // namespace sawt::network
