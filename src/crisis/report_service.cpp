#include "crisis/report_service.hpp"

#include <algorithm>
#include <cmath>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

/// Minutes from `from` to `to` (ISO UTC), one decimal; nullopt when either is missing or malformed.
std::optional<double> MinutesBetween(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  int64_t a = 0, b = 0;
  if (!from || !to || !core::ParseIsoUtc(*from, &a) || !core::ParseIsoUtc(*to, &b)) return std::nullopt;
  return std::round(static_cast<double>(b - a) / 6'000'000.0) / 10.0;
}

Json OrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// Counts of `table`'s rows of the crisis by `column` (a state or type), every one of `keys` present.
Result<Json> CountsBy(Tx& tx, const std::string& sql, int64_t crisis_id, const std::vector<std::string>& keys) {
  auto rows = tx.Query(sql, {crisis_id});
  if (!rows) return std::move(rows).error();
  Json out = Json::object();
  for (const auto& k : keys) out[k] = 0;
  for (const auto& r : *rows) out[r.Text("k")] = r.Int("n");
  return out;
}

}  // namespace

Result<Json> CrisisMetrics(Tx& tx, int64_t crisis_id) {
  auto crisis = tx.Query("SELECT declared_at, closed_at FROM crises WHERE id = $1", {crisis_id});
  if (!crisis) return std::move(crisis).error();
  if (crisis->empty()) return Error::NotFound("crisis.not_found", {std::to_string(crisis_id)});
  const std::string declared_at = (*crisis)[0].Text("declared_at");
  auto published = tx.Query(
      "SELECT msg_type, submitted_at, published_at FROM crisis_statements WHERE crisis_id = $1 AND status = 'published' "
      "ORDER BY published_at, id",
      {crisis_id});
  if (!published) return std::move(published).error();
  std::vector<double> approvals;
  int64_t updates = 0, cancellations = 0;
  for (const auto& s : *published) {
    if (auto m = MinutesBetween(s.OptText("submitted_at"), s.OptText("published_at"))) approvals.push_back(*m);
    updates += s.Text("msg_type") == "update" ? 1 : 0;
    cancellations += s.Text("msg_type") == "cancel" ? 1 : 0;
  }
  const std::optional<std::string> first =
      published->empty() ? std::nullopt : (*published)[0].OptText("published_at");
  const std::optional<double> median = core::Median(approvals);
  Json out = {
      {"declared_at", declared_at},
      {"first_statement_at", OptJson(first)},
      {"minutes_to_first_statement", OrNull(MinutesBetween(declared_at, first))},
      {"statements_published", static_cast<int64_t>(published->size())},
      {"updates", updates},
      {"cancellations", cancellations},
      {"approval_minutes_median", OrNull(median ? std::optional<double>(std::round(*median * 10.0) / 10.0) : std::nullopt)},
      {"approval_minutes_max", approvals.empty() ? Json(nullptr) : Json(*std::max_element(approvals.begin(), approvals.end()))},
      {"duration_hours", OrNull([&]() -> std::optional<double> {
         auto minutes = MinutesBetween(declared_at, (*crisis)[0].OptText("closed_at"));
         if (!minutes) return std::nullopt;
         return std::round(*minutes / 6.0) / 10.0;
       }())},
  };
  auto items = tx.Query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT i.entity_id) AS entities FROM crisis_statement_items i "
      "JOIN crisis_statements s ON s.id = i.statement_id WHERE s.crisis_id = $1",
      {crisis_id});
  if (!items) return std::move(items).error();
  // Reach where it is known: the channel publications the statements became, on how many
  // entities, and the subscribers that confirmed receipt.
  out["channel_items"] = (*items)[0].Int("n");
  out["entities_reached"] = (*items)[0].Int("entities");
  SAWT_ASSIGN_OR_RETURN(out["webhook_deliveries"],
                        CountsBy(tx,
                                 "SELECT d.state AS k, COUNT(*) AS n FROM crisis_webhook_deliveries d JOIN crisis_statements s "
                                 "ON s.id = d.statement_id WHERE s.crisis_id = $1 GROUP BY d.state",
                                 crisis_id, {"pending", "delivered", "failed", "cancelled"}));
  SAWT_ASSIGN_OR_RETURN(out["tasks"], CountsBy(tx,
                                               "SELECT status AS k, COUNT(*) AS n FROM crisis_tasks WHERE crisis_id = $1 "
                                               "GROUP BY status",
                                               crisis_id, {"open", "done", "cancelled"}));
  return out;
}

Result<Json> ReportService::Report(const auth::Caller& caller, int64_t crisis_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  SAWT_ASSIGN_OR_RETURN(Json crisis, crises_->Get(caller, crisis_id));
  SAWT_ASSIGN_OR_RETURN(Json timeline, rooms_->Timeline(caller, crisis_id, 500));
  SAWT_ASSIGN_OR_RETURN(Json report, store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Json metrics, CrisisMetrics(tx, crisis_id));
    auto rows = tx.Query(
        "SELECT id, msg_type, supersedes_id, title_ar, title_en, submitted_at, published_at FROM crisis_statements "
        "WHERE crisis_id = $1 AND status = 'published' ORDER BY published_at, id",
        {crisis_id});
    if (!rows) return std::move(rows).error();
    Json statements = Json::array();
    for (const auto& r : *rows) {
      statements.push_back({{"id", r.Int("id")}, {"msg_type", r.Text("msg_type")},
                            {"supersedes_id", r.IsNull("supersedes_id") ? Json(nullptr) : Json(r.Int("supersedes_id"))},
                            {"title_ar", r.Text("title_ar")}, {"title_en", r.Text("title_en")},
                            {"submitted_at", OptJson(r.OptText("submitted_at"))}, {"published_at", r.Text("published_at")},
                            {"approval_minutes", OrNull(MinutesBetween(r.OptText("submitted_at"), r.OptText("published_at")))}});
    }
    return Json{{"metrics", std::move(metrics)}, {"statements", std::move(statements)}};
  }));
  report["crisis"] = std::move(crisis);
  report["timeline"] = std::move(timeline["items"]);  // oldest first: the report reads from the start
  report["lessons_ar"] = report["crisis"]["lessons_ar"];
  report["lessons_en"] = report["crisis"]["lessons_en"];
  return report;
}

}  // namespace sawt::crisis
