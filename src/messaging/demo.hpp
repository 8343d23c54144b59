#pragma once

#include "messaging/review_settings.hpp"
#include "messaging/services.hpp"
#include "module/registry.hpp"

namespace sawt::messaging {

/// Demo library: four themes, approved bilingual key messages, the fact sheet, the network term list
/// and known short forms of entity names, then content items in every workflow state. Loaded through
/// the services' own commands (validated and audited like real data). REQUIRES: the network demo ran
/// first (entity codes in ctx).
/// Dates are relative to `clock`'s today, planned times are 10:00 in the network's `zone`.
core::Status SeedDemo(const Services& services, const core::Clock& clock, const core::TimeZone& zone,
                      module::DemoContext& ctx);
/// Maker-checker on for the tourism authority (its director cannot approve what they drafted).
core::Status SeedReviewSettings(ReviewSettingsService& service, module::DemoContext& ctx);

}  // namespace sawt::messaging
