#include "text/langid.hpp"

#include <cstddef>

#include "text/tokenize.hpp"
#include "text/unicode.hpp"

namespace sawt::text {

std::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kUnknown: return "und";
    case Language::kArabic: return "ar";
    case Language::kEnglish: return "en";
    case Language::kMixed: return "mixed";
  }
  return "und";
}

Language DetectLanguage(std::string_view text) {
  std::size_t arabic = 0;
  std::size_t latin = 0;
  std::size_t other = 0;
  Tokenizer tokenizer(text);
  Token token;
  while (tokenizer.Next(&token)) {
    if (token.type != TokenType::kWord && token.type != TokenType::kHashtag) continue;
    for (std::size_t i = 0; i < token.text.size();) {
      int len = 0;
      const char32_t c = DecodeUtf8(token.text, i, &len);
      i += static_cast<std::size_t>(len);
      switch (ClassOf(c)) {
        case CharClass::kArabicLetter: ++arabic; break;
        case CharClass::kLatinLetter: ++latin; break;
        case CharClass::kOtherLetter: ++other; break;
        default: break;
      }
    }
  }
  const std::size_t total = arabic + latin + other;
  if (total == 0) return Language::kUnknown;
  // 80% leaves room for a brand name or an acronym inside an otherwise one-language post.
  if (arabic * 5 >= total * 4) return Language::kArabic;
  if (latin * 5 >= total * 4) return Language::kEnglish;
  return Language::kMixed;
}

}  // namespace sawt::text
