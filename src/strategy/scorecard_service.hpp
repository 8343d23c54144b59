#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// A report as a download: its media type, file name and bytes.
struct ReportFile {
  std::string media_type, file_name, body;
};

/// How a report is written: language ("ar" | "en"), digits ("arab" | "latn"; Arabic-Indic by
/// default in Arabic, like the web page) and format ("html" | "pdf" | "csv").
struct ReportOptions {
  std::string lang = "ar";
  std::string digits;
  std::string format = "pdf";
};

/// What the network and each entity see of compliance and strategy at a glance, computed at read
/// time: the heat map (entities × the guide's seven axes for a period), an entity's scorecard
/// (compliance per axis and its trend over periods, KPIs against targets, activities on track),
/// and both as CSV, printable HTML and PDF.
class ScorecardService {
 public:
  ScorecardService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  /// {period, periods, axes, rows: [{entity_id, code, name_ar, name_en, assessment_id, status,
  ///  overall, axes}], average}. `period` absent: the latest period with an assessment; `root`:
  /// only that entity's subtree.
  core::Result<core::Json> Heatmap(const auth::Caller& caller, std::optional<std::string> period,
                                   std::optional<int64_t> root);
  /// {entity, periods: [{period, assessment_id, status, scores}], latest, kpis, activities}.
  core::Result<core::Json> Scorecard(const auth::Caller& caller, int64_t entity_id);

  /// Periods the printed heat map's trend section shows (the report's period and those before it).
  static constexpr size_t kTrendPeriods = 8;

  /// The heat map as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Arabic),
  /// or printed (HTML, PDF) with each entity's overall score over the last kTrendPeriods periods.
  core::Result<ReportFile> HeatmapReport(const auth::Caller& caller, std::optional<std::string> period,
                                         const ReportOptions& options);
  /// The entity's scorecard as a printable report (HTML with a print stylesheet, or PDF).
  core::Result<ReportFile> ScorecardReport(const auth::Caller& caller, int64_t entity_id, const ReportOptions& options);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::strategy
