#pragma once

#include "module/resource.hpp"

/// The network's resources, each described once (module::Resource): the services select
/// Columns() and answer ToJson(row); module.cpp registers Schema() and the request schemas from
/// the same fields.
namespace sawt::network {

const module::Resource& EntityResource();
/// A member; its "login" and "active" are the account's (the accounts module's), added by the
/// service.
const module::Resource& MemberResource();
const module::Resource& MembershipResource();
const module::Resource& ResponsibilityResource();
/// The network's settings (one row: the time zone).
const module::Resource& NetworkSettingsResource();

}  // namespace sawt::network
