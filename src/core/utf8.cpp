#include "core/utf8.hpp"

#include <cstdint>
#include <vector>

namespace sawt::core {

std::optional<char32_t> DecodeUtf8(std::string_view s, size_t* pos) {
  const size_t i = *pos;
  const auto c = static_cast<uint8_t>(s[i]);
  *pos = i + 1;
  if (c < 0x80) return c;
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + static_cast<size_t>(len) > s.size()) return std::nullopt;
  for (int k = 1; k < len; ++k) {
    const auto cc = static_cast<uint8_t>(s[i + static_cast<size_t>(k)]);
    if ((cc & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return std::nullopt;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  *pos = i + static_cast<size_t>(len);
  return cp;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (!DecodeUtf8(s, &i)) return false;
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string KeepCodePoints(std::string_view s, bool (*keep)(char32_t)) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const std::optional<char32_t> c = DecodeUtf8(s, &i);
    if (c && keep(*c)) out.append(s, start, i - start);
  }
  return out;
}

bool IsXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool IsNoncharacter(char32_t c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

std::optional<TextFault> FindTextFault(std::string_view s) {
  // Open explicit bidi formatting: embeddings/overrides close with PDF, isolates with PDI
  // (UAX #9 X6a: a PDI also closes the embeddings opened inside its isolate).
  std::vector<bool> open;  // true: an isolate
  size_t i = 0;
  while (i < s.size()) {
    const std::optional<char32_t> decoded = DecodeUtf8(s, &i);
    if (!decoded) continue;  // validated before; nothing to report here
    const char32_t c = *decoded;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
      return TextFault{TextFault::Kind::kControl, c};
    }
    if (IsNoncharacter(c)) return TextFault{TextFault::Kind::kNoncharacter, c};
    if (c == 0x202C) {  // PDF
      if (open.empty() || open.back()) return TextFault{TextFault::Kind::kUnbalancedBidi, c};
      open.pop_back();
    } else if (c >= 0x202A && c <= 0x202E) {  // LRE RLE LRO RLO
      open.push_back(false);
    } else if (c >= 0x2066 && c <= 0x2068) {  // LRI RLI FSI
      open.push_back(true);
    } else if (c == 0x2069) {  // PDI
      while (!open.empty() && !open.back()) open.pop_back();
      if (open.empty()) return TextFault{TextFault::Kind::kUnbalancedBidi, c};
      open.pop_back();
    }
  }
  if (!open.empty()) return TextFault{TextFault::Kind::kUnbalancedBidi, open.back() ? char32_t{0x2066} : char32_t{0x202A}};
  return std::nullopt;
}

}  // namespace sawt::core
