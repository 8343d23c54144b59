#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::calendar {

/// "calendar_entry_kinds", "importance", "calendar_entry_statuses", and "audiences": a fixed list,
/// because "the same audience" must not depend on spelling. An audience's attributes "phrase_ar" /
/// "phrase_en" are the words conflict messages use ("the general public").
const module::Vocabulary& EntryKinds();
const module::Vocabulary& Importance();
const module::Vocabulary& EntryStatuses();
const module::Vocabulary& Audiences();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::calendar
