#pragma once

#include <memory>

#include "messaging/messaging_service.hpp"
#include "module/registry.hpp"

namespace sawt::messaging {

void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<MessagingService> service);

}  // namespace sawt::messaging
