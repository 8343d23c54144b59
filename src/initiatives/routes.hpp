#pragma once

#include <memory>

#include "initiatives/initiatives_service.hpp"
#include "module/registry.hpp"

namespace sawt::initiatives {

void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<InitiativesService> service);

}  // namespace sawt::initiatives
