#include "http/media_type.hpp"

namespace sawt::http {
namespace {

// RFC 9110 §5.6.2 tchar.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void SkipSpace(std::string_view s, size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
}

// A token starting at `i`; empty when there is none.
std::string_view Token(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && IsTokenChar(s[i])) ++i;
  return s.substr(start, i - start);
}

}  // namespace

bool ParseMediaType(std::string_view header, MediaType* out) {
  size_t i = 0;
  SkipSpace(header, i);
  std::string_view type = Token(header, i);
  if (type.empty() || i >= header.size() || header[i] != '/') return false;
  ++i;
  std::string_view subtype = Token(header, i);
  if (subtype.empty()) return false;
  MediaType m;
  m.type = Lower(type) + "/" + Lower(subtype);
  bool has_charset = false;
  for (;;) {
    SkipSpace(header, i);
    if (i == header.size()) break;
    if (header[i] != ';') return false;
    ++i;
    SkipSpace(header, i);
    if (i == header.size()) break;  // a trailing ";" is tolerated, as browsers send it
    std::string_view name = Token(header, i);
    if (name.empty() || i >= header.size() || header[i] != '=') return false;
    ++i;
    std::string value;
    if (i < header.size() && header[i] == '"') {
      ++i;
      bool closed = false;
      while (i < header.size()) {
        char c = header[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < header.size()) c = header[i++];
        value += c;
      }
      if (!closed) return false;
    } else {
      std::string_view token = Token(header, i);
      if (token.empty()) return false;
      value = std::string(token);
    }
    if (Lower(name) == "charset") {
      if (has_charset) return false;
      has_charset = true;
      m.charset = Lower(value);
    }
  }
  *out = std::move(m);
  return true;
}

bool IsMediaType(std::string_view header, std::string_view type) {
  MediaType m;
  if (!ParseMediaType(header, &m)) return false;
  return m.type == Lower(type) && (m.charset.empty() || m.charset == "utf-8" || m.charset == "utf8");
}

}  // namespace sawt::http
