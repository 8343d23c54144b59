#pragma once

#include <memory>

#include "module/registry.hpp"
#include "network/membership_service.hpp"
#include "network/network_service.hpp"
#include "network/settings_service.hpp"

namespace sawt::network {

void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<NetworkService> service,
                    std::shared_ptr<MembershipService> roles);
void RegisterSettingsRoutes(module::ModuleRegistry& registry, std::shared_ptr<NetworkSettingsService> settings);

}  // namespace sawt::network
