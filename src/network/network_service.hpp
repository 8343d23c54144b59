#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/epoch_cache.hpp"
#include "module/respond.hpp"
#include "module/search_type.hpp"
#include "store/store.hpp"

namespace sawt::network {

/// How a new member account gets its password (see NetworkService::CreateMember).
enum class NewAccount { kTemporaryPassword, kDemo };

/// The network module's commands and queries about entities and members (their roles and
/// responsibilities: MembershipService).
/// Every command authorizes through auth::Authorize, validates its input (unknown fields are
/// errors), and writes in one transaction that appends its event. Results are wire JSON.
/// Thread-safe (stateless apart from the store).
class NetworkService {
 public:
  /// `entity_references`: (table, column) pairs of other modules that name entities (see
  /// ModuleRegistry::AddEntityReference); an entity named by any row is not deleted.
  NetworkService(store::Store& store, const std::vector<std::pair<std::string, std::string>>* entity_references = nullptr)
      : store_(store), entity_references_(entity_references), entity_lists_(store) {}

  static std::vector<store::Migration> Migrations();

  /// Effective roles of an account: its memberships, inherited down the entity tree.
  static core::Result<std::map<int64_t, std::set<auth::Role>>> ResolveRoles(store::Tx& tx, int64_t account_id);

  /// Entities and members as search types (search module), with their visibility rules.
  static std::vector<module::SearchType> SearchTypes();

  core::Json Axes() const;

  /// The entity directory page as rendered JSON. Every member sees the same directory and it is
  /// read on every page load, so rendered pages are cached until the next committed change.
  core::Result<std::shared_ptr<const std::string>> ListEntities(const auth::Caller& caller,
                                                                std::optional<int64_t> parent_id,
                                                                const module::Page& page);
  core::Result<core::Json> GetEntity(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> CreateEntity(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateEntity(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                        const core::Json& body);
  core::Status DeleteEntity(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);

  core::Result<core::Json> ListMembers(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                       const module::Page& page);
  core::Result<core::Json> GetMember(const auth::Caller& caller, int64_t id);
  /// Creates a member account. An administrator hands out a temporary password: it must pass the
  /// password policy (auth::AuthService::ValidateNewPassword) and the account must change it at its
  /// first sign-in. The demo loader (kDemo) uses its published demo passwords as they are.
  core::Result<core::Json> CreateMember(const auth::Caller& caller, const core::Json& body,
                                        NewAccount kind = NewAccount::kTemporaryPassword);
  /// Lifts the sign-in throttles of a member's account (network admins for anyone, entity admins
  /// for members of their entities, never oneself). Audited as "auth.login_unlocked".
  core::Status UnlockMember(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> UpdateMember(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                        const core::Json& body);

 private:
  store::Store& store_;
  const std::vector<std::pair<std::string, std::string>>* entity_references_;
  module::EpochCache entity_lists_;
};

}  // namespace sawt::network
