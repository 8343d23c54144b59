#pragma once

#include "module/vocabulary.hpp"

namespace sawt::module {

/// Vocabularies of the calendar-source contract (CalendarItem), shared by every module that puts
/// dated things on the calendar, so "high importance for the same audience" means one thing
/// across modules. The registry serves them under the module name "platform".
///   "importance": high, normal, low — high items for the same audience may conflict.
///   "audiences": a fixed list, because "the same audience" must not depend on spelling; a term's
///   attributes "phrase_ar" / "phrase_en" are the words messages use ("the general public").
const Vocabulary& Importance();
const Vocabulary& Audiences();

}  // namespace sawt::module
