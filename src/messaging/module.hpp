#pragma once

#include "module/registry.hpp"

namespace sawt::messaging {

/// Registers the messaging module ("one voice", first slice): migrations, routes, messages,
/// schemas and demo data (themes, key messages, facts, terms, entity aliases).
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::messaging
