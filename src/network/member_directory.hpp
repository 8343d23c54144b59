#pragma once

#include "module/member_directory.hpp"

namespace sawt::network {

/// The network module's MemberDirectory: reads its own `memberships` and `members` tables, with
/// the inheritance NetworkService::ResolveRoles applies (a role held above applies below).
class NetworkMemberDirectory final : public module::MemberDirectory {
 public:
  core::Result<std::vector<int64_t>> Holders(store::Tx& tx, int64_t entity_id,
                                             const std::vector<auth::Role>& roles) const override;
  core::Result<std::map<int64_t, module::MemberContact>> Contacts(store::Tx& tx,
                                                                  const std::vector<int64_t>& account_ids) const override;
};

}  // namespace sawt::network
