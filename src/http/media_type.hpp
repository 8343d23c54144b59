#pragma once

#include <string>
#include <string_view>

namespace sawt::http {

/// A Content-Type header value split as RFC 9110 §8.3.1 defines it: type "/" subtype, then
/// parameters. Type and subtype are lower-cased; `charset` is the charset parameter's value,
/// lower-cased and unquoted (empty when absent).
struct MediaType {
  std::string type;     ///< "application/json"
  std::string charset;  ///< "utf-8"
};

/// Parses `header`; false when it is not one well-formed media type (a missing subtype, a
/// parameter without "=", junk after a quoted value, a repeated charset ...).
bool ParseMediaType(std::string_view header, MediaType* out);

/// True when `header` names exactly `type` (case-insensitive, parameters allowed) and any charset
/// parameter is UTF-8. "text/plain; x=application/json" is not application/json.
bool IsMediaType(std::string_view header, std::string_view type);

}  // namespace sawt::http
