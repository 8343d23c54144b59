#pragma once

#include <memory>

#include "crisis/webhook_service.hpp"
#include "module/registry.hpp"

namespace sawt::crisis {

/// Webhook subscribers of crisis statements and their deliveries (network admins).
void RegisterWebhookRoutes(module::ModuleRegistry& reg, std::shared_ptr<WebhookService> webhooks);

}  // namespace sawt::crisis
