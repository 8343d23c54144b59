#include "notifications/email_link.hpp"

#include <cctype>

#include "core/numbers.hpp"

namespace sawt::notifications {
namespace {

bool IsHostChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.'; }

/// A host name or IPv4 address: labels of letters, digits and inner hyphens, separated by dots.
bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  size_t label = 0;
  for (size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      if (label == 0 || label > 63 || host[i - 1] == '-' || host[i - label] == '-') return false;
      label = 0;
    } else if (!IsHostChar(host[i])) {
      return false;
    } else {
      ++label;
    }
  }
  return true;
}

bool IsIpv6Literal(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  for (char c : host.substr(1, host.size() - 2)) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != ':' && c != '.') return false;
  }
  return true;
}

/// Path characters of RFC 3986 (pchar and "/"), percent escapes included; nothing that ends the
/// path (query, fragment) or could not stand in a URL.
bool IsPathChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)) != 0) return true;
  for (char allowed : std::string_view("-._~!$&'()*+,;=:@/%")) {
    if (c == allowed) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> ParsePublicUrl(std::string_view text) {
  if (text.size() > 2000) return std::nullopt;
  size_t scheme_end = 0;
  if (text.starts_with("https://")) {
    scheme_end = 8;
  } else if (text.starts_with("http://")) {
    scheme_end = 7;
  } else {
    return std::nullopt;
  }
  const std::string_view rest = text.substr(scheme_end);
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  // host[:port], the host possibly a bracketed IPv6 address.
  std::string_view host = authority, port;
  const size_t bracket = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    const auto number = core::ParseCanonicalInt(port, 1);
    if (!number || *number > 65535) return std::nullopt;
  }
  if (!IsHostName(host) && !IsIpv6Literal(host)) return std::nullopt;
  for (char c : path) {
    if (!IsPathChar(c)) return std::nullopt;
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.find("//") != std::string_view::npos) return std::nullopt;
  return std::string(text.substr(0, scheme_end)) + std::string(authority) + std::string(path);
}

std::string EmailLink(const std::string& public_url, const std::string& route) {
  if (public_url.empty() || route.empty()) return route;
  return public_url + "/" + route;
}

}  // namespace sawt::notifications
