#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::messaging {

/// "channels": every channel of the network, one list for messaging, the calendar and the initiative
/// registry. Attributes: "online" (a digital channel) and "publishable" (sawt counts and publishes
/// posts to it: it has a ChannelRule in channels.hpp).
const module::Vocabulary& Channels();
/// "content_kinds": press release, social post, speech, web article, internal memo.
const module::Vocabulary& ContentKinds();
/// "content_states": the content workflow's states.
const module::Vocabulary& ContentStates();
/// "library_states": key messages and facts (draft, approved, retired).
const module::Vocabulary& LibraryStates();
/// "term_statuses": banned or deprecated terms.
const module::Vocabulary& TermStatuses();
/// "languages": ar, en.
const module::Vocabulary& Languages();
/// How platforms count a text's length ("weighted", "utf16", …: UnitName), named in the length messages.
const module::Vocabulary& CountUnits();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::messaging
