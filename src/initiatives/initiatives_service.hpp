#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/respond.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::initiatives {

/// Filters of the initiative list; every one is optional and they combine with AND.
struct InitiativeFilter {
  /// Initiatives owned by this entity or one of its departments, or with one of them as a partner.
  std::optional<int64_t> entity_id;
  std::optional<std::string> theme;   ///< a message theme code
  std::optional<std::string> status;  ///< planned, active, completed, cancelled
  std::optional<std::string> from;    ///< YYYY-MM-DD: the initiative runs on or after this day
  std::optional<std::string> to;      ///< YYYY-MM-DD: the initiative runs on or before this day
  std::optional<std::string> q;       ///< words in the title or summary (either language)
};

/// The initiative registry and the best-initiatives showcase ("one voice"): every planned
/// initiative of every entity with its dates, themes, channels and status, so the central office
/// sees all of them; outcomes (text and measured results) once it runs; and the network admins'
/// showcase of completed initiatives with outcomes. Every command authorizes through
/// auth::Authorize, validates its input strictly and writes in one transaction that appends its
/// event and keeps the search index in step. Results are wire JSON. Thread-safe.
class InitiativesService {
 public:
  /// `registry`: the entity directory, the theme catalog and the channel vocabulary other modules
  /// registered; outlives the service.
  InitiativesService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();
  /// Initiatives as a search type (search module), visible under "initiatives.read".
  static std::vector<module::SearchType> SearchTypes();

  core::Result<core::Json> List(const auth::Caller& caller, const InitiativeFilter& filter, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// Registers a planned initiative (version 1).
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Edits any field but the owner and the status; outcome fields only once the initiative is
  /// active or completed. A cancelled initiative cannot change (409).
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// {"to", "comment"}: planned → active → completed, planned|active → cancelled; else 409.
  core::Result<core::Json> ChangeStatus(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                        const core::Json& body);
  /// Replaces the outcomes: {"outcomes_ar", "outcomes_en", "results": [{label_ar, label_en, value, unit}]}.
  core::Result<core::Json> PutOutcomes(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);
  /// {"note"}: a network admin features a completed initiative with outcomes (or rewrites the note).
  core::Result<core::Json> Showcase(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                    const core::Json& body);
  /// Takes an initiative out of the showcase (409 when it is not in it).
  core::Result<core::Json> Unshowcase(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);
  /// The showcase: featured initiatives, most recently featured first.
  core::Result<core::Json> ListShowcase(const auth::Caller& caller);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::initiatives
