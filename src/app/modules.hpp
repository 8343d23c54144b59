#pragma once

#include <memory>

#include "events/events_service.hpp"
#include "module/registry.hpp"

namespace sawt::app {

/// The list of modules, in dependency order (a module's tables may refer to earlier ones').
/// Returns the events service, which the server wakes streams through.
std::shared_ptr<events::EventsService> RegisterModules(module::ModuleRegistry& registry);

}  // namespace sawt::app
