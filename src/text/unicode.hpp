#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sawt::text {

/// Returned by DecodeUtf8 for an ill-formed sequence (which then counts as one byte).
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

/// Decodes the code point at `pos` of `s`; stores its encoded length (1..4) in `*len`.
/// Ill-formed input (overlong, surrogate, > U+10FFFF, truncated) yields kInvalidCodePoint
/// with `*len == 1`. REQUIRES: pos < s.size().
inline char32_t DecodeUtf8(std::string_view s, std::size_t pos, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const std::size_t left = s.size() - pos;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  *len = 1;
  if (b0 < 0xC2) return kInvalidCodePoint;
  if (b0 < 0xE0) {
    if (left < 2 || (p[1] & 0xC0) != 0x80) return kInvalidCodePoint;
    *len = 2;
    return (char32_t{b0 & 0x1Fu} << 6) | (p[1] & 0x3Fu);
  }
  if (b0 < 0xF0) {
    if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return kInvalidCodePoint;
    const char32_t c = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | (p[2] & 0x3Fu);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return kInvalidCodePoint;
    *len = 3;
    return c;
  }
  if (b0 < 0xF5) {
    if (left < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) {
      return kInvalidCodePoint;
    }
    const char32_t c = (char32_t{b0 & 0x07u} << 18) | (char32_t{p[1] & 0x3Fu} << 12) |
                       (char32_t{p[2] & 0x3Fu} << 6) | (p[3] & 0x3Fu);
    if (c < 0x10000 || c > 0x10FFFF) return kInvalidCodePoint;
    *len = 4;
    return c;
  }
  return kInvalidCodePoint;
}

/// Appends the UTF-8 encoding of `c` to `out`. REQUIRES: c is a Unicode scalar value.
inline void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// Number of code points in `s`, counting each ill-formed byte as one.
std::size_t CountCodePoints(std::string_view s);

/// What the tokenizer needs to know about a code point. Computed once per BMP code point
/// from ICU properties into a table; supplementary code points are asked of ICU directly.
enum class CharClass : std::uint8_t {
  kOther = 0,           // punctuation, symbols, controls, unassigned: separates tokens
  kSpace,               // White_Space
  kLatinLetter,         // letters of the Latin script
  kArabicLetter,        // letters of the Arabic script
  kOtherLetter,         // letters of any other script
  kDigit,               // General_Category=Nd (ASCII, Arabic-Indic, Extended Arabic-Indic, ...)
  kMark,                // Mn, Mc, Me: never start a token, never split from their base
  kJoiner,              // ZWNJ U+200C, ZWJ U+200D
  kTatweel,             // U+0640: continues an Arabic word, never starts one
  kVariationSelector,   // U+FE00..FE0F, U+E0100..E01EF
  kEmoji,               // Extended_Pictographic with emoji presentation by default
  kEmojiText,           // Extended_Pictographic with text presentation (an emoji only before VS16)
  kEmojiModifier,       // U+1F3FB..1F3FF skin tones
  kRegionalIndicator,   // U+1F1E6..1F1FF
  kTag,                 // U+E0020..E007F (flag tag sequences)
};

namespace detail {
inline constexpr char32_t kClassTableSize = 0x20000;
extern std::atomic<const CharClass*> g_class_table;
const CharClass* InitClassTable();
CharClass ComputeClass(char32_t c);
}  // namespace detail

/// The table of classes for code points below detail::kClassTableSize, for loops that look
/// up many code points (see ClassIn). Thread-safe.
inline const CharClass* ClassTable() {
  const CharClass* table = detail::g_class_table.load(std::memory_order_acquire);
  return table != nullptr ? table : detail::InitClassTable();
}

/// The class of `c` using a table from ClassTable().
inline CharClass ClassIn(const CharClass* table, char32_t c) {
  return c < detail::kClassTableSize ? table[c] : detail::ComputeClass(c);
}

/// The class of `c`. Any char32_t is accepted; kInvalidCodePoint gives kOther. Thread-safe.
inline CharClass ClassOf(char32_t c) { return ClassIn(ClassTable(), c); }

/// True for the classes that may start or continue a word (letters of any script).
inline bool IsLetterClass(CharClass k) {
  return k == CharClass::kLatinLetter || k == CharClass::kArabicLetter ||
         k == CharClass::kOtherLetter;
}

/// True for code points that extend the grapheme before them (marks, joiners, tatweel,
/// variation selectors, emoji modifiers, tags).
inline bool IsExtendClass(CharClass k) {
  return k == CharClass::kMark || k == CharClass::kJoiner || k == CharClass::kTatweel ||
         k == CharClass::kVariationSelector || k == CharClass::kEmojiModifier ||
         k == CharClass::kTag;
}

/// The decimal value 0..9 of a kDigit code point, or -1.
int DigitValue(char32_t c);

}  // namespace sawt::text
