#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// How a member is reached: their names and e-mail address as the network keeps them.
struct MemberContact {
  std::string name_ar, name_en;
  std::string email;  ///< empty when the network has none
};

/// Who holds which role where, owned by the network module and registered on the registry
/// (ModuleRegistry::member_directory). Other modules learn about members only through it, never
/// by reading the network's tables. Thread-safe; reads inside the caller's transaction.
class MemberDirectory {
 public:
  virtual ~MemberDirectory() = default;
  /// Accounts holding one of `roles` in `entity_id` as authorization sees it: an active role held
  /// in the entity or in an entity above it (roles apply down the tree). Sorted, unique.
  virtual core::Result<std::vector<int64_t>> Holders(store::Tx& tx, int64_t entity_id,
                                                     const std::vector<auth::Role>& roles) const = 0;
  /// The contacts of the accounts among `account_ids` that are members.
  virtual core::Result<std::map<int64_t, MemberContact>> Contacts(store::Tx& tx,
                                                                  const std::vector<int64_t>& account_ids) const = 0;
};

}  // namespace sawt::module
