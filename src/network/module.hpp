#pragma once

#include "module/registry.hpp"

namespace sawt::network {

/// Registers the network module: migrations, routes, messages, schemas, demo data, and the role
/// resolver that auth uses to build callers.
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::network
