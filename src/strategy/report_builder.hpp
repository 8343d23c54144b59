#pragma once

#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "strategy/scorecard_service.hpp"

/// Turns the heat map and a scorecard (as the API answers them) into downloads: CSV, printable
/// HTML and PDF (report::Document, rendered by src/report), worded in the report's language with
/// its digits. REQUIRES: options were checked (ScorecardService does).
namespace sawt::strategy {

core::Result<ReportFile> HeatmapFile(const core::Json& heatmap, const module::ModuleRegistry& registry,
                                     const ReportOptions& options);
core::Result<ReportFile> ScorecardFile(const core::Json& scorecard, const module::ModuleRegistry& registry,
                                       const ReportOptions& options);

}  // namespace sawt::strategy
