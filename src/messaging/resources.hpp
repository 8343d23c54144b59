#pragma once

#include "module/resource.hpp"

/// The library's resources, each described once (module::Resource): the services select
/// Columns() and answer ToJson(row); module.cpp registers Schema() and the request schemas from
/// the same fields.
namespace sawt::messaging {

const module::Resource& ThemeResource();
const module::Resource& TermResource();
/// A key message; its theme's code comes from the joined theme (column "code").
const module::Resource& KeyMessageResource();
const module::Resource& FactResource();

/// A key message's supporting points: at most 20 {ar, en}.
core::Json SupportingPoints();

}  // namespace sawt::messaging
