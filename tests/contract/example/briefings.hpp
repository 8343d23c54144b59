#pragma once

#include "module/registry.hpp"

namespace sawt::example {

/// A small capability written the way docs/modules.md says, kept in the tests to prove that a new
/// capability needs nothing outside its own folder: weekly media briefings of an entity. It owns one
/// table, declares one vocabulary, registers routes (with OpenAPI), its permissions' checks, a
/// calendar source and an entity reference, and uses the entity directory and the channel
/// vocabulary other modules registered. A real capability adds one line to app/modules.cpp; the
/// tests add this one through app::AppOptions::extra_modules.
void Register(module::ModuleRegistry& reg);

}  // namespace sawt::example
