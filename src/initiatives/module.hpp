#pragma once

#include "module/registry.hpp"

namespace sawt::initiatives {

/// Registers the initiative registry and the best-initiatives showcase: migrations, routes,
/// messages, schemas, the search type and demo initiatives. REQUIRES: registered after network
/// and messaging (its tables reference entities and message themes).
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::initiatives
