#pragma once

#include <memory>

#include "messaging/messaging_service.hpp"
#include "messaging/publication_service.hpp"
#include "module/registry.hpp"

namespace sawt::messaging {

void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<MessagingService> service);
/// Channel variants, channel checks, the publication outbox and channel endpoints.
void RegisterPublicationRoutes(module::ModuleRegistry& registry, std::shared_ptr<PublicationService> service);

}  // namespace sawt::messaging
