#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::network {

/// The network's vocabularies: "roles", "entity_kinds", "axes" (the general guide's seven), "raci".
const module::Vocabulary& Roles();
const module::Vocabulary& EntityKinds();
const module::Vocabulary& Axes();
const module::Vocabulary& Raci();

/// Declares them on the registry (GET /api/v1/vocabularies serves them).
void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::network
