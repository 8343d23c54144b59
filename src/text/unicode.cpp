#include "text/unicode.hpp"

#include <array>
#include <memory>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace sawt::text {
namespace detail {

// Planes 0 and 1 cover every letter, digit and almost every emoji we meet; the rest is asked
// of ICU directly.
std::atomic<const CharClass*> g_class_table{nullptr};

CharClass ComputeClass(char32_t c) {
  if (c > 0x10FFFF) return CharClass::kOther;
  const auto u = static_cast<UChar32>(c);
  if (c == 0x200C || c == 0x200D) return CharClass::kJoiner;
  if (c == 0x0640) return CharClass::kTatweel;
  if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) {
    return CharClass::kVariationSelector;
  }
  if (c >= 0x1F3FB && c <= 0x1F3FF) return CharClass::kEmojiModifier;
  if (c >= 0x1F1E6 && c <= 0x1F1FF) return CharClass::kRegionalIndicator;
  if (c >= 0xE0020 && c <= 0xE007F) return CharClass::kTag;
  if (u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC)) {
    return u_hasBinaryProperty(u, UCHAR_EMOJI_PRESENTATION) ? CharClass::kEmoji
                                                            : CharClass::kEmojiText;
  }
  if (u_isUWhiteSpace(u)) return CharClass::kSpace;
  switch (u_charType(u)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(u, &status);
      if (U_FAILURE(status)) return CharClass::kOtherLetter;
      if (script == USCRIPT_ARABIC) return CharClass::kArabicLetter;
      if (script == USCRIPT_LATIN) return CharClass::kLatinLetter;
      return CharClass::kOtherLetter;
    }
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return CharClass::kMark;
    default:
      return CharClass::kOther;
  }
}

const CharClass* InitClassTable() {
  // A function-local static makes the one-time build thread-safe; the atomic then gives
  // ClassOf a lock-free fast path.
  static const std::unique_ptr<std::array<CharClass, kClassTableSize>> table = [] {
    auto t = std::make_unique<std::array<CharClass, kClassTableSize>>();
    for (char32_t c = 0; c < kClassTableSize; ++c) {
      (*t)[c] = (c >= 0xD800 && c <= 0xDFFF) ? CharClass::kOther : ComputeClass(c);
    }
    return t;
  }();
  g_class_table.store(table->data(), std::memory_order_release);
  return table->data();
}

}  // namespace detail

int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  if (c > 0x10FFFF) return -1;
  return u_charDigitValue(static_cast<UChar32>(c));
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    if (DecodeUtf8(s, i, &len) == kInvalidCodePoint) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    int len = 0;
    DecodeUtf8(s, i, &len);
    i += static_cast<std::size_t>(len);
    ++n;
  }
  return n;
}

}  // namespace sawt::text
