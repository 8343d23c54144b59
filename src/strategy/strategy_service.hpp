#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Filters of the strategy list (combined with AND).
struct StrategyFilter {
  std::optional<std::string> scope;   ///< umbrella or entity
  std::optional<int64_t> entity_id;   ///< that entity's strategies
  std::optional<std::string> status;  ///< draft, active, archived
};

/// The network's umbrella communication strategy (period, vision, strategic objectives and national
/// priorities; network admins) and each entity's strategy linked to it (entity admins): every
/// objective of an entity strategy serves one or more umbrella objectives, and the traceability
/// view shows which entities serve each umbrella objective and which objectives nobody serves.
/// One active umbrella strategy, one active strategy per entity. Every command authorizes through
/// auth::Authorize, reads its body strictly and writes in one transaction with its event. Results
/// are wire JSON. Thread-safe.
class StrategyService {
 public:
  /// `registry`: the entity directory; outlives the service.
  StrategyService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> List(const auth::Caller& caller, const StrategyFilter& filter);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {scope, entity_id (entity), umbrella_id (entity), title_ar, title_en, vision_ar?, vision_en?,
  ///  period_start, period_end, status? (draft|active), objectives?: [{code, kind?, title_ar, title_en, serves?}]}
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Titles, vision, period, status (draft → active → archived) and the objectives (replaced as a
  /// whole; an umbrella objective some entity serves cannot be removed). An archived strategy is final.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// For an umbrella strategy: each objective with the entity objectives that serve it, the
  /// objectives nobody serves and the entities with no strategy linked to it.
  core::Result<core::Json> Traceability(const auth::Caller& caller, int64_t id);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::strategy
