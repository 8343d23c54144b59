#pragma once

#include <memory>

#include "module/registry.hpp"
#include "network/network_service.hpp"

namespace sawt::network {

void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<NetworkService> service);

}  // namespace sawt::network
