#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"
#include "strategy/evidence_files.hpp"

namespace sawt::strategy {

struct AssessmentFilter {
  std::optional<int64_t> entity_id;  ///< the entity and its subtree
  std::optional<std::string> period;
  std::optional<std::string> status;
};

/// Compliance with the general communication guide: checklist templates (network admins) whose
/// items sit on the guide's seven axes and its principles, with weights and required evidence;
/// assessments of an entity for a period: the entity assesses itself (levels 0–4, comments,
/// evidence files), submits, and the network reviews (its own levels, a note) and returns or
/// completes it. Scores are never stored: they are computed from the levels and the template's
/// current weights (compliance_scores.hpp), so a weight change recomputes every score.
class ComplianceService {
 public:
  ComplianceService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> ListTemplates(const auth::Caller& caller);
  core::Result<core::Json> GetTemplate(const auth::Caller& caller, int64_t id);
  /// {code, title_ar, title_en, status?, items: [{code, axis, principle?, title_ar, title_en, weight, evidence_required?}]}
  core::Result<core::Json> CreateTemplate(const auth::Caller& caller, const core::Json& body);
  /// Texts, status, items (replaced by code: a kept code keeps its id and answers). A changed
  /// weight is an event (strategy.compliance_weights_changed) and changes every score at once.
  core::Result<core::Json> UpdateTemplate(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const core::Json& body);

  core::Result<core::Json> ListAssessments(const auth::Caller& caller, const AssessmentFilter& filter,
                                           const module::Page& page);
  core::Result<core::Json> GetAssessment(const auth::Caller& caller, int64_t id);
  /// {entity_id, period, template_id? (default: the newest active template)}
  core::Result<core::Json> CreateAssessment(const auth::Caller& caller, const core::Json& body);
  /// {level, comment?} for the item `item_code`: the entity's own answer while the assessment is a
  /// draft or returned, the network's review while it is submitted.
  core::Result<core::Json> PutAnswer(const auth::Caller& caller, int64_t id, const std::string& item_code,
                                     const core::Json& body);
  /// draft | returned → submitted: every item answered, evidence where the item requires it;
  /// {note?} for the network (kept in the event).
  core::Result<core::Json> Submit(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// submitted → returned, with {note}.
  core::Result<core::Json> Return(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// submitted → reviewed, with {note?}; items the reviewer left keep the entity's level.
  core::Result<core::Json> Complete(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                    const core::Json& body);

  /// Stores an evidence file for the item (while the entity may still change its answers). The
  /// type is what the bytes are, checked against the declared `media_type`.
  core::Result<core::Json> AddEvidence(const auth::Caller& caller, int64_t id, const std::string& item_code,
                                       const std::string& file_name, const std::string& media_type, const std::string& bytes);
  core::Result<EvidenceFile> GetEvidence(const auth::Caller& caller, int64_t evidence_id);
  core::Status DeleteEvidence(const auth::Caller& caller, int64_t evidence_id);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::strategy
