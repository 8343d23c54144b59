#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::calendar {

/// "calendar_entry_kinds" and "calendar_entry_statuses". Importance and audiences belong to the
/// calendar-source contract: module::Importance(), module::Audiences().
const module::Vocabulary& EntryKinds();
const module::Vocabulary& EntryStatuses();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::calendar
