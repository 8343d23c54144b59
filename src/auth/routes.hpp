#pragma once

#include "module/registry.hpp"

namespace sawt::auth {

/// Registers the accounts endpoints (sessions, me, password, API tokens) and auth messages.
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::auth
