#pragma once

#include <span>
#include <string_view>

namespace sawt::text {

/// True if `normalized_word` (output of Normalize) is one of sawt's Arabic or English stop
/// words. The lists are sawt's own, compiled into the library and documented in
/// src/text/README.md. Thread-safe.
bool IsStopWord(std::string_view normalized_word);

/// The Arabic stop-word list as written (not normalized), for documentation and tests.
std::span<const std::string_view> ArabicStopWords();

/// The English stop-word list (lower case), for documentation and tests.
std::span<const std::string_view> EnglishStopWords();

}  // namespace sawt::text
