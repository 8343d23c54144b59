#pragma once

#include "module/registry.hpp"

namespace sawt::strategy {

/// Registers the strategy module: the umbrella strategy and entity strategies with traceability,
/// strategy activities (also on the shared calendar), their permissions, vocabularies, messages,
/// schemas, routes and demo. Depends on network (entities) and calendar-free interfaces only.
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::strategy
