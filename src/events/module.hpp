#pragma once

#include <memory>

#include "events/events_service.hpp"
#include "module/registry.hpp"

namespace sawt::events {

/// Registers GET /api/v1/events (the audit log a caller may see) and GET /api/v1/stream (SSE).
/// Returns the service so the app can wake streams on commits.
std::shared_ptr<EventsService> Register(module::ModuleRegistry& registry);

}  // namespace sawt::events
