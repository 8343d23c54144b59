#pragma once

#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

/// Evidence files of activities (minutes, photos, the published guide): stored like assessment
/// evidence (checked by content, kept once per SHA-256 in the module's file store) in
/// strategy_activity_evidence. ActivityService's AddEvidence, GetEvidence and DeleteEvidence use
/// these; answers about activities carry the list.
namespace sawt::strategy {

/// Files one activity may carry; one more is 409 "strategy.too_many_evidence_files".
inline constexpr int kMaxActivityEvidence = 20;

std::vector<store::Migration> ActivityEvidenceMigrations();

/// Adds "evidence" (its files, oldest first) to each activity of `items` (an array, or one activity).
core::Status AddEvidenceLists(store::Tx& tx, core::Json& items);

}  // namespace sawt::strategy
