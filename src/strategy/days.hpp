#pragma once

#include <string>

#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Today in the network's time zone ("YYYY-MM-DD").
core::Result<std::string> Today(store::Tx& tx, const module::ModuleRegistry& registry);

}  // namespace sawt::strategy
