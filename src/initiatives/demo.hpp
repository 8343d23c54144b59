#pragma once

#include "initiatives/initiatives_service.hpp"
#include "module/registry.hpp"

namespace sawt::initiatives {

/// Demo registry: a dozen bilingual initiatives of the fictional emirate's entities in every
/// status, three completed with measured outcomes and featured in the showcase. Loaded through the
/// service's own commands. REQUIRES: the network and messaging demos ran first.
core::Status SeedDemo(InitiativesService& service, module::DemoContext& ctx);

}  // namespace sawt::initiatives
