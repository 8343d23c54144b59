#pragma once

#include "module/registry.hpp"
#include "network/membership_service.hpp"
#include "network/network_service.hpp"

namespace sawt::network {

/// The demo network (DESIGN.md "Demo network"): a government, its communication office, twelve
/// entities with departments, ~40 members with roles, and RACI responsibilities on the seven axes.
/// Loaded through the service's own commands, so it is validated and audited like real data.
core::Status SeedDemo(NetworkService& service, MembershipService& roles, module::DemoContext& ctx);

/// Password of every demo account except `admin` (whose password is "admin-demo").
inline constexpr const char* kDemoPassword = "sawt-demo-2026";

}  // namespace sawt::network
