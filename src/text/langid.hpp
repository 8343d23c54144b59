#pragma once

#include <string_view>

namespace sawt::text {

/// Language of a text, decided by the scripts of its letters.
enum class Language {
  kUnknown,  // no letters
  kArabic,   // at least 80% of the letters are Arabic
  kEnglish,  // at least 80% of the letters are Latin (any Latin-script language counts)
  kMixed,    // anything else
};

/// "ar", "en", "mixed" or "und".
std::string_view LanguageCode(Language language);

/// Identifies the language of `text` by counting the letters of words and hashtags (URLs,
/// e-mail addresses and mentions are ignored, so a link does not make Arabic text mixed).
/// Thread-safe.
Language DetectLanguage(std::string_view text);

}  // namespace sawt::text
