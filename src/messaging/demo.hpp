#pragma once

#include "messaging/messaging_service.hpp"
#include "module/registry.hpp"

namespace sawt::messaging {

/// Demo library: four themes, approved bilingual key messages, the fact sheet, the network term list
/// and known short forms of entity names. Loaded through the service's own commands (validated and
/// audited like real data). REQUIRES: the network demo ran first (entity codes in ctx).
core::Status SeedDemo(MessagingService& service, module::DemoContext& ctx);

}  // namespace sawt::messaging
