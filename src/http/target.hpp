#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sawt::http {

/// A request target split into its decoded parts.
struct ParsedTarget {
  std::string path;                          ///< percent-decoded, starts with '/'
  std::map<std::string, std::string> query;  ///< decoded ('+' is a space), last value wins
  bool encoded_separator = false;            ///< the raw path held %2F or %5C (never a file path)
};

/// Splits an origin-form target ("/a%20b?x=1") and percent-decodes it. Errors (kInvalidInput):
/// "common.bad_path" for a target not starting with '/', a bad %-escape or a NUL byte;
/// "common.invalid_utf8" when the decoded path or a query key/value is not UTF-8. Thread-safe.
core::Result<ParsedTarget> ParseTarget(std::string_view target);

/// Percent-decodes `in` into `out`; `plus_is_space` for query components. False on a bad escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);

}  // namespace sawt::http
