#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sawt::core {

/// The value of `text` when it is a canonical decimal integer in [`min`, INT64_MAX]: ASCII digits
/// only, no sign, no leading zeros ("0" itself is canonical), no spaces. Anything else (including
/// "06", "+6", "6 " and values of 2^63 or more) is nullopt, so one number has one spelling on the
/// wire and nothing wraps. REQUIRES: min >= 0.
std::optional<int64_t> ParseCanonicalInt(std::string_view text, int64_t min = 0);

/// An id: a canonical integer in 1..2^63-1.
inline std::optional<int64_t> ParseId(std::string_view text) { return ParseCanonicalInt(text, 1); }

/// The median of `values` (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> Median(std::vector<double> values);

}  // namespace sawt::core
