#pragma once

#include "module/resource.hpp"

/// The initiative, described once (module::Resource): the service selects Columns() and answers
/// ToJson(row); module.cpp registers Schema() and the request schemas from the same fields.
namespace sawt::initiatives {

const module::Resource& InitiativeResource();

}  // namespace sawt::initiatives
