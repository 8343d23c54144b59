#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::text {

/// A number found in a text, in any digit system, with its scale word applied:
/// "24.1 مليون" and "٢٤٫١ مليون" both give 24100000.
struct NumberMention {
  double value = 0;
  std::size_t offset = 0;  // bytes into the text, sign and scale word included
  std::size_t length = 0;
  std::string_view text;   // views the searched text
};

/// A calendar date found in a text ("2022-03-31", "31/3/2022", "31 مارس 2022",
/// "31 آذار 2022", "March 31, 2022").
struct DateMention {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string_view text;

  /// "YYYY-MM-DD".
  std::string Iso() const;
};

/// `value` as JSON and people expect it: integers below 1e15 in full ("24100000"), other
/// values in the shortest form that reads back exactly ("24.1", "1.5e+20").
std::string FormatNumber(double value);

/// The value of one number token: digits of any decimal system with the separators
/// . , ٫ ٬ ("1,234.5", "١٬٢٣٤٫٥", "3,5"). The rules that tell a decimal from a thousands
/// separator are in README.md. Returns nullopt if `token` is not such a number.
std::optional<double> ParseNumber(std::string_view token);

/// Every number in `text` except those that are part of a date, in order, with an optional
/// leading minus sign and a following scale word (ألف آلاف مليون ملايين مليار مليارات بليون
/// تريليون thousand million billion trillion, etc.). Thread-safe.
std::vector<NumberMention> ExtractNumbers(std::string_view text);

/// Every date in `text`, in order: ISO Y-M-D, day-first D/M/Y (also with '-', '.', '؍'),
/// and day month year with Arabic month names (Egyptian/Gulf, Levantine and Maghrebi forms)
/// or English ones. Invalid calendar dates are skipped. Thread-safe.
std::vector<DateMention> ExtractDates(std::string_view text);

}  // namespace sawt::text
