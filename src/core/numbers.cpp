#include "core/numbers.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

namespace sawt::core {

std::optional<int64_t> ParseCanonicalInt(std::string_view text, int64_t min) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  int64_t value = 0;
  // from_chars reports result_out_of_range instead of wrapping for 9223372036854775808 and up.
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min) return std::nullopt;
  return value;
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

}  // namespace sawt::core
