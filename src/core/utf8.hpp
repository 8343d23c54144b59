#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sawt::core {

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// Decodes the code point starting at `s[*pos]` and advances `*pos` past it. An ill-formed
/// sequence (including the UTF-8 form of a lone surrogate) yields nullopt and advances one byte.
/// REQUIRES: *pos < s.size().
std::optional<char32_t> DecodeUtf8(std::string_view s, size_t* pos);

/// Appends the UTF-8 encoding of `c` (REQUIRES: a scalar value: not a surrogate, <= U+10FFFF).
void AppendUtf8(std::string& out, char32_t c);

/// The well-formed code points of `s` that `keep` accepts, in order; ill-formed sequences (lone
/// surrogates' bytes included) are dropped. Output writers use it to clean stored text.
std::string KeepCodePoints(std::string_view s, bool (*keep)(char32_t));

/// XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets): #x9 | #xA | #xD |
/// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool IsXmlChar(char32_t c);

/// A Unicode noncharacter: U+FDD0..U+FDEF and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE ...). Never meant for interchange.
bool IsNoncharacter(char32_t c);

/// Why a user-supplied text is refused, with the first offending code point.
struct TextFault {
  enum class Kind {
    kControl,       ///< C0 other than TAB/LF/CR, DEL, or C1 (U+0080..U+009F)
    kNoncharacter,  ///< IsNoncharacter
    kUnbalancedBidi,  ///< an embedding/override/isolate left open, or closed without an opener
  };
  Kind kind;
  char32_t code_point;
};

/// Checks text that users type for other people to read (titles, bodies, names): refuses
/// controls that no feed, calendar or terminal may carry, noncharacters, and explicit bidi
/// formatting (U+202A..U+202E, U+2066..U+2069) that does not close within the text: such a
/// sequence reorders whatever a page shows after the field ("Trojan Source", CVE-2021-42574).
/// The marks LRM, RLM and ALM, common in Arabic text, are allowed. REQUIRES: valid UTF-8.
std::optional<TextFault> FindTextFault(std::string_view s);

}  // namespace sawt::core
