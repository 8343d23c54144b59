#pragma once

#include "module/registry.hpp"

namespace sawt::crisis {

/// Registers crisis communication: crises and drills with their rooms (roles, tasks, timeline),
/// its calendar milestones and notifications. REQUIRES: registered after network and messaging
/// (entities, members and message themes) and before notifications.
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::crisis
