#include "strategy/activity_evidence.hpp"

#include <map>

#include "auth/policy.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/resources.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

const std::string& Columns() {
  static const std::string* columns = new std::string(ActivityEvidenceResource().Columns());
  return *columns;
}

/// The activity's entity, once the activity is found.
Result<int64_t> ActivityEntity(Tx& tx, int64_t activity_id) {
  SAWT_ASSIGN_OR_RETURN(Row row, module::LoadOne(tx, "SELECT entity_id FROM strategy_activities WHERE id = $1", activity_id,
                                                 "strategy.activity_not_found"));
  return row.Int("entity_id");
}

Status BumpActivityVersion(Tx& tx, int64_t activity_id) {
  SAWT_TRY_STATUS(tx.Exec("UPDATE strategy_activities SET version = version + 1, updated_at = $1 WHERE id = $2",
                          {tx.clock().NowIsoUtc(), activity_id}));
  return Ok();
}

Result<Row> LoadEvidence(Tx& tx, int64_t evidence_id) {
  return module::LoadOne(tx, "SELECT " + Columns() + " FROM strategy_activity_evidence WHERE id = $1", evidence_id,
                         "strategy.activity_evidence_not_found");
}

}  // namespace

std::vector<store::Migration> ActivityEvidenceMigrations() {
  // The bytes live in compliance_files (the module's file store), shared with assessment evidence.
  return {{"strategy", 10, "0010_activity_evidence", R"SQL(
CREATE TABLE strategy_activity_evidence (
  id {{ID}},
  activity_id BIGINT NOT NULL REFERENCES strategy_activities(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES compliance_files(sha256),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX strategy_activity_evidence_activity ON strategy_activity_evidence(activity_id);
CREATE INDEX strategy_activity_evidence_sha256 ON strategy_activity_evidence(sha256);
)SQL"}};
}

Status AddEvidenceLists(Tx& tx, Json& items) {
  std::vector<Json*> all;
  if (items.is_array()) {
    for (Json& a : items) all.push_back(&a);
  } else {
    all.push_back(&items);
  }
  std::map<int64_t, Json*> by_id;
  for (Json* a : all) {
    (*a)["evidence"] = Json::array();
    by_id[(*a)["id"].get<int64_t>()] = a;
  }
  if (by_id.empty()) return Ok();
  std::vector<Value> ids;
  for (const auto& [id, a] : by_id) ids.emplace_back(id);
  store::Sql sql("SELECT " + Columns() + " FROM strategy_activity_evidence");
  sql.BindList(" WHERE activity_id IN (", ids).Append(") ORDER BY id");
  SAWT_ASSIGN_OR_RETURN(auto rows, store::Query(tx, sql));
  for (const Row& r : rows) (*by_id.at(r.Int("activity_id")))["evidence"].push_back(ActivityEvidenceResource().ToJson(r));
  return Ok();
}

Result<Json> ActivityService::AddEvidence(const auth::Caller& caller, int64_t id, const std::string& file_name,
                                          const std::string& media_type, const std::string& bytes) {
  SAWT_ASSIGN_OR_RETURN(std::string stored_type, CheckEvidenceUpload(file_name, media_type, bytes));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(int64_t entity_id, ActivityEntity(tx, id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", entity_id));
    auto count = tx.Query("SELECT COUNT(*) AS n FROM strategy_activity_evidence WHERE activity_id = $1", {id});
    if (!count) return std::move(count).error();
    if ((*count)[0].Int("n") >= kMaxActivityEvidence) {
      return Error::Conflict("strategy.too_many_evidence_files", {std::to_string(kMaxActivityEvidence)});
    }
    SAWT_ASSIGN_OR_RETURN(std::string sha256, KeepEvidenceBytes(tx, bytes));
    auto inserted = tx.Query(
        "INSERT INTO strategy_activity_evidence (activity_id, file_name, media_type, size, sha256, uploaded_by, uploaded_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {id, file_name, stored_type, static_cast<int64_t>(bytes.size()), sha256, caller.login, tx.clock().NowIsoUtc()});
    if (!inserted) return std::move(inserted).error();
    const int64_t evidence_id = (*inserted)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEvidence(tx, evidence_id));
    SAWT_TRY_STATUS(BumpActivityVersion(tx, id));
    SAWT_TRY_STATUS(module::AppendEvent(tx, caller, "strategy.activity_evidence_added", entity_id, "activity", id,
                                        {{"evidence_id", evidence_id}, {"file_name", file_name}, {"sha256", sha256},
                                         {"size", bytes.size()}}));
    return ActivityEvidenceResource().ToJson(row);
  });
}

Result<EvidenceFile> ActivityService::GetEvidence(const auth::Caller& caller, int64_t evidence_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<EvidenceFile>(store_, [&](Tx& tx) -> Result<EvidenceFile> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEvidence(tx, evidence_id));
    SAWT_ASSIGN_OR_RETURN(std::string bytes, ReadEvidenceBytes(tx, row.Text("sha256"),
                                                               "activity evidence " + std::to_string(evidence_id)));
    return EvidenceFile{row.Text("file_name"), row.Text("media_type"), row.Text("sha256"), std::move(bytes)};
  });
}

Status ActivityService::DeleteEvidence(const auth::Caller& caller, int64_t evidence_id) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEvidence(tx, evidence_id));
    const int64_t activity_id = row.Int("activity_id");
    SAWT_ASSIGN_OR_RETURN(int64_t entity_id, ActivityEntity(tx, activity_id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", entity_id));
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM strategy_activity_evidence WHERE id = $1", {evidence_id}));
    SAWT_TRY_STATUS(ReleaseEvidenceBytes(tx, row.Text("sha256")));
    SAWT_TRY_STATUS(BumpActivityVersion(tx, activity_id));
    return module::AppendEvent(tx, caller, "strategy.activity_evidence_removed", entity_id, "activity", activity_id,
                               {{"evidence_id", evidence_id}, {"file_name", row.Text("file_name")},
                                {"sha256", row.Text("sha256")}});
  });
}

}  // namespace sawt::strategy
