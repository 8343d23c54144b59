#pragma once

#include "core/result.hpp"
#include "crisis/template_service.hpp"
#include "module/registry.hpp"

namespace sawt::crisis {

/// The demo network's holding-statement templates (bilingual, one per common crisis type), so a
/// drill can be run from the first minute.
core::Status SeedDemo(TemplateService& templates, module::DemoContext& ctx);

}  // namespace sawt::crisis
