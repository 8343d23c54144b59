#pragma once

#include "module/registry.hpp"

namespace sawt::notifications {

/// Registers the notification centre: its tables, routes, the producer and e-mail workers, and
/// the "notification_kinds" vocabulary built from every notification source registered before it
/// (so it registers after the modules that produce notifications; app/modules.cpp).
void Register(module::ModuleRegistry& reg);

}  // namespace sawt::notifications
