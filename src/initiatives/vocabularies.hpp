#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::initiatives {

/// "initiative_statuses" (planned → active → completed, or cancelled) and "budget_bands".
const module::Vocabulary& Statuses();
const module::Vocabulary& BudgetBands();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::initiatives
