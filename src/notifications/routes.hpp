#pragma once

#include <memory>

#include "module/registry.hpp"
#include "notifications/notification_service.hpp"
#include "notifications/stream.hpp"

namespace sawt::notifications {

/// The /api/v1/notifications routes (thin handlers: parse → service → reply).
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<NotificationService> service,
                    std::shared_ptr<NotificationStreams> streams);

}  // namespace sawt::notifications
