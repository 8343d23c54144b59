#include "text/numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>
#include <utility>

#include "text/normalize.hpp"
#include "text/tokenize.hpp"
#include "text/unicode.hpp"

namespace sawt::text {
namespace {

struct Scale {
  std::string_view word;  // normalized
  int exponent;
};

// Normalized spellings (see Normalize): ألف -> الف, آلاف -> الاف.
constexpr Scale kScales[] = {
    {"\u0627\u0644\u0641", 3},                          // الف
    {"\u0627\u0644\u0641\u0627", 3},                    // الفا
    {"\u0627\u0644\u0627\u0641", 3},                    // الاف
    {"\u0645\u0644\u064A\u0648\u0646", 6},              // مليون
    {"\u0645\u0644\u0627\u064A\u064A\u0646", 6},        // ملايين
    {"\u0645\u0644\u064A\u0627\u0631", 9},              // مليار
    {"\u0645\u0644\u064A\u0627\u0631\u0627\u062A", 9},  // مليارات
    {"\u0628\u0644\u064A\u0648\u0646", 9},              // بليون
    {"\u062A\u0631\u064A\u0644\u064A\u0648\u0646", 12}, // تريليون
    {"\u062A\u0631\u0644\u064A\u0648\u0646", 12},       // ترليون
    {"thousand", 3}, {"thousands", 3}, {"million", 6}, {"millions", 6}, {"mn", 6},
    {"billion", 9},  {"billions", 9},  {"bn", 9},      {"trillion", 12},
};

struct MonthName {
  std::string_view name;  // as written; normalized when matching
  int month;
};

constexpr MonthName kMonths[] = {
    // Egyptian and Gulf usage
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4}, {"إبريل", 4}, {"مايو", 5},
    {"يونيو", 6}, {"يونيه", 6}, {"يوليو", 7}, {"يوليه", 7}, {"أغسطس", 8}, {"سبتمبر", 9},
    {"أكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
    // Levantine and Iraqi usage
    {"كانون الثاني", 1}, {"شباط", 2}, {"آذار", 3}, {"نيسان", 4}, {"أيار", 5}, {"حزيران", 6},
    {"تموز", 7}, {"آب", 8}, {"أيلول", 9}, {"تشرين الأول", 10}, {"تشرين الثاني", 11},
    {"كانون الأول", 12},
    // Maghrebi usage
    {"جانفي", 1}, {"فيفري", 2}, {"أفريل", 4}, {"ماي", 5}, {"جوان", 6}, {"جويلية", 7},
    {"أوت", 8},
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
};

struct NormalizedMonth {
  std::string first;
  std::string second;  // empty for one-word names
  int month;
};

const std::vector<NormalizedMonth>& Months() {
  static const std::vector<NormalizedMonth> months = [] {
    std::vector<NormalizedMonth> out;
    for (const MonthName& m : kMonths) {
      const std::string n = Normalize(m.name);
      const std::size_t space = n.find(' ');
      if (space == std::string::npos) {
        out.push_back({n, "", m.month});
      } else {
        out.push_back({n.substr(0, space), n.substr(space + 1), m.month});
      }
    }
    return out;
  }();
  return months;
}

// Digits and separators of a number token, in order.
struct Parsed {
  std::string digits;               // ASCII digits, no separators
  std::vector<std::size_t> cuts;    // index in `digits` where each separator stood
  std::vector<char32_t> seps;
};

std::optional<Parsed> Split(std::string_view token) {
  Parsed p;
  for (std::size_t i = 0; i < token.size();) {
    int len = 0;
    const char32_t c = DecodeUtf8(token, i, &len);
    i += static_cast<std::size_t>(len);
    const int d = DigitValue(c);
    if (c != kInvalidCodePoint && ClassOf(c) == CharClass::kDigit && d >= 0) {
      p.digits.push_back(static_cast<char>('0' + d));
    } else if (c == '.' || c == ',' || c == 0x066B || c == 0x066C) {
      if (p.digits.empty() || (!p.cuts.empty() && p.cuts.back() == p.digits.size())) {
        return std::nullopt;
      }
      p.cuts.push_back(p.digits.size());
      p.seps.push_back(c);
    } else if (c == kInvalidCodePoint || !IsExtendClass(ClassOf(c))) {
      return std::nullopt;
    }
  }
  if (p.digits.empty() || (!p.cuts.empty() && p.cuts.back() == p.digits.size())) {
    return std::nullopt;
  }
  return p;
}

// Decimal digits as "INT.FRAC" (FRAC may be empty) following the rules in README.md.
std::optional<std::string> Canonical(std::string_view token) {
  const std::optional<Parsed> parsed = Split(token);
  if (!parsed) return std::nullopt;
  const Parsed& p = *parsed;
  const std::size_t n = p.seps.size();
  if (n == 0) return p.digits;
  auto group_len = [&](std::size_t k) {  // digits after separator k
    const std::size_t end = k + 1 < n ? p.cuts[k + 1] : p.digits.size();
    return end - p.cuts[k];
  };
  auto count = [&](char32_t c) {
    std::size_t k = 0;
    for (const char32_t s : p.seps) k += s == c;
    return k;
  };
  // Which separator is the decimal one, if any.
  char32_t decimal = 0;
  if (count(0x066B) > 0) {
    decimal = 0x066B;
  } else if (count('.') > 0 && count(',') > 0) {
    decimal = p.seps.back();
  } else if (count('.') == 1 && count(0x066C) == 0) {
    decimal = '.';
  } else if (count(',') == 1 && count(0x066C) == 0 && group_len(n - 1) != 3) {
    decimal = ',';
  } else if (count('.') > 0 && count(0x066C) > 0) {
    decimal = '.';
  }
  std::size_t decimal_at = std::string::npos;
  for (std::size_t k = 0; k < n; ++k) {
    if (p.seps[k] == decimal) {
      if (decimal_at != std::string::npos || k + 1 != n) return std::nullopt;
      decimal_at = k;
    } else {
      // Thousands groups: 1..3 leading digits, then groups of exactly three.
      if (group_len(k) != 3 || (k == 0 && p.cuts[0] > 3)) return std::nullopt;
    }
  }
  if (decimal_at == std::string::npos) return p.digits;
  const std::size_t cut = p.cuts[decimal_at];
  return p.digits.substr(0, cut) + "." + p.digits.substr(cut);
}

double ToDouble(const std::string& canonical, int exponent) {
  const std::string s = canonical + "e" + std::to_string(exponent);
  double value = 0;
  const auto result = std::from_chars(s.data(), s.data() + s.size(), value);
  if (result.ec != std::errc()) return 0;  // only on overflow of absurdly long digit runs
  return value;
}

// Value of a plain digit run (no separators) of 1..max_digits digits, else -1.
int SmallInt(const Token& t, std::size_t min_digits, std::size_t max_digits) {
  if (t.type != TokenType::kNumber) return -1;
  const std::optional<Parsed> p = Split(t.text);
  if (!p || !p->seps.empty() || p->digits.size() < min_digits || p->digits.size() > max_digits) {
    return -1;
  }
  return std::stoi(p->digits);
}

// A day written as digits or as an English ordinal ("31st").
int DayValue(const Token& t) {
  const int d = SmallInt(t, 1, 2);
  if (d >= 0) return d;
  if (t.type != TokenType::kWord || t.text.size() < 3 || t.text.size() > 4) return -1;
  std::size_t i = 0;
  int v = 0;
  while (i < t.text.size() && t.text[i] >= '0' && t.text[i] <= '9') v = v * 10 + (t.text[i++] - '0');
  if (i == 0 || i > 2) return -1;
  std::string suffix(t.text.substr(i));
  for (char& c : suffix) c = static_cast<char>(c | 0x20);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return -1;
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

bool AllSpace(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    int len = 0;
    const char32_t c = DecodeUtf8(s, i, &len);
    if (c == kInvalidCodePoint || ClassOf(c) != CharClass::kSpace) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

// Whitespace with at most one comma in it.
bool SpaceOrComma(std::string_view s) {
  const std::size_t comma = s.find_first_of(",\xD8");
  if (comma == std::string_view::npos) return AllSpace(s) && !s.empty();
  std::string_view rest = s;
  std::size_t width = 1;
  if (s[comma] != ',') {
    if (s.substr(comma, 2) != "\u060C") return false;
    width = 2;
  }
  rest = s.substr(0, comma);
  const std::string_view after = s.substr(comma + width);
  return AllSpace(rest) && AllSpace(after);
}

class DateScanner {
 public:
  explicit DateScanner(std::string_view text) : text_(text), tokens_(Tokenize(text)) {
    normalized_.resize(tokens_.size());
  }

  const std::vector<Token>& tokens() const { return tokens_; }

  // Finds the dates; marks the tokens they use in `used`.
  std::vector<DateMention> Scan(std::vector<bool>* used) {
    std::vector<DateMention> out;
    used->assign(tokens_.size(), false);
    for (std::size_t i = 0; i < tokens_.size();) {
      std::size_t next = i;
      DateMention d;
      if (Numeric(i, &d, &next) || DayMonthYear(i, &d, &next) || MonthDayYear(i, &d, &next)) {
        d.offset = tokens_[i].offset;
        const Token& last = tokens_[next - 1];
        d.length = last.offset + last.length - d.offset;
        d.text = text_.substr(d.offset, d.length);
        for (std::size_t k = i; k < next; ++k) (*used)[k] = true;
        out.push_back(d);
        i = next;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  std::string_view Gap(std::size_t i) const {  // text between token i and token i+1
    const std::size_t end = tokens_[i].offset + tokens_[i].length;
    return text_.substr(end, tokens_[i + 1].offset - end);
  }

  const std::string& Norm(std::size_t i) {
    if (normalized_[i].empty()) normalized_[i] = Normalize(tokens_[i].text);
    return normalized_[i];
  }

  // Month name starting at token i; stores the index after it in *next.
  int Month(std::size_t i, std::size_t* next) {
    if (i >= tokens_.size() || tokens_[i].type != TokenType::kWord) return 0;
    const std::string& w = Norm(i);
    for (const NormalizedMonth& m : Months()) {
      if (m.first != w) continue;
      if (m.second.empty()) {
        *next = i + 1;
        return m.month;
      }
      if (i + 1 < tokens_.size() && AllSpace(Gap(i)) && !Gap(i).empty() &&
          Norm(i + 1) == m.second) {
        *next = i + 2;
        return m.month;
      }
    }
    return 0;
  }

  // Includes a following "م" (Gregorian era mark) glued to or after the year.
  std::size_t EraMark(std::size_t next) {
    if (next < tokens_.size() && Norm(next) == "\u0645" && AllSpace(Gap(next - 1)) &&
        Gap(next - 1).size() <= 1) {
      return next + 1;
    }
    return next;
  }

  bool Numeric(std::size_t i, DateMention* d, std::size_t* next) {
    const Token& t = tokens_[i];
    if (t.type != TokenType::kNumber) return false;
    // 31.3.2022 arrives as one number token.
    if (const std::optional<Parsed> p = Split(t.text); p && p->seps.size() == 2 &&
                                                       p->seps[0] == '.' && p->seps[1] == '.') {
      const std::size_t a = p->cuts[0];
      const std::size_t b = p->cuts[1];
      if (a <= 2 && b - a <= 2 && p->digits.size() - b == 4) {
        d->day = std::stoi(p->digits.substr(0, a));
        d->month = std::stoi(p->digits.substr(a, b - a));
        d->year = std::stoi(p->digits.substr(b));
        *next = EraMark(i + 1);
        return ValidDate(d->year, d->month, d->day);
      }
      return false;
    }
    if (i + 2 >= tokens_.size()) return false;
    const std::string_view g1 = Gap(i);
    const std::string_view g2 = Gap(i + 1);
    if (g1 != g2 || !(g1 == "-" || g1 == "/" || g1 == "\u060D")) return false;
    const int y = SmallInt(t, 4, 4);
    if (y >= 0 && g1 != "\u060D") {
      d->year = y;
      d->month = SmallInt(tokens_[i + 1], 1, 2);
      d->day = SmallInt(tokens_[i + 2], 1, 2);
    } else {
      d->day = SmallInt(t, 1, 2);
      d->month = SmallInt(tokens_[i + 1], 1, 2);
      d->year = SmallInt(tokens_[i + 2], 4, 4);
    }
    *next = EraMark(i + 3);
    return ValidDate(d->year, d->month, d->day);
  }

  bool DayMonthYear(std::size_t i, DateMention* d, std::size_t* next) {
    const int day = DayValue(tokens_[i]);
    if (day < 0 || i + 2 >= tokens_.size() || !AllSpace(Gap(i)) || Gap(i).empty()) return false;
    std::size_t after_month = 0;
    const int month = Month(i + 1, &after_month);
    if (month == 0 || after_month >= tokens_.size()) return false;
    if (!SpaceOrComma(Gap(after_month - 1))) return false;
    const int year = SmallInt(tokens_[after_month], 4, 4);
    if (!ValidDate(year, month, day)) return false;
    *d = DateMention{year, month, day, 0, 0, {}};
    *next = EraMark(after_month + 1);
    return true;
  }

  bool MonthDayYear(std::size_t i, DateMention* d, std::size_t* next) {
    std::size_t after_month = 0;
    const int month = Month(i, &after_month);
    if (month == 0 || after_month + 1 >= tokens_.size()) return false;
    if (!AllSpace(Gap(after_month - 1)) || Gap(after_month - 1).empty()) return false;
    const int day = DayValue(tokens_[after_month]);
    if (day < 0 || !SpaceOrComma(Gap(after_month))) return false;
    const int year = SmallInt(tokens_[after_month + 1], 4, 4);
    if (!ValidDate(year, month, day)) return false;
    *d = DateMention{year, month, day, 0, 0, {}};
    *next = EraMark(after_month + 2);
    return true;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<std::string> normalized_;
};

}  // namespace

std::string DateMention::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string FormatNumber(double value) {
  char buf[64];
  std::to_chars_result r;
  if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::trunc(value)) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(value));
  } else {
    r = std::to_chars(buf, buf + sizeof buf, value);
  }
  return std::string(buf, r.ptr);
}

std::optional<double> ParseNumber(std::string_view token) {
  const std::optional<std::string> canonical = Canonical(token);
  if (!canonical) return std::nullopt;
  return ToDouble(*canonical, 0);
}

std::vector<DateMention> ExtractDates(std::string_view text) {
  DateScanner scanner(text);
  std::vector<bool> used;
  return scanner.Scan(&used);
}

std::vector<NumberMention> ExtractNumbers(std::string_view text) {
  DateScanner scanner(text);
  std::vector<bool> used;
  scanner.Scan(&used);
  const std::vector<Token>& tokens = scanner.tokens();
  std::vector<NumberMention> out;
  std::string normalized;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (used[i] || t.type != TokenType::kNumber) continue;
    const std::optional<std::string> canonical = Canonical(t.text);
    if (!canonical) continue;
    std::size_t begin = t.offset;
    std::size_t end = t.offset + t.length;
    bool negative = false;
    // A minus sign glued to the number and not itself glued to a word: "-5", "(−3".
    for (const std::string_view minus : {std::string_view("-"), std::string_view("\u2212")}) {
      if (begin >= minus.size() && text.substr(begin - minus.size(), minus.size()) == minus) {
        const std::size_t before = begin - minus.size();
        const bool free = before == 0 || text[before - 1] == ' ' || text[before - 1] == '(' ||
                          text[before - 1] == '\t' || text[before - 1] == '\n';
        if (free) {
          negative = true;
          begin = before;
          break;
        }
      }
    }
    int exponent = 0;
    if (i + 1 < tokens.size() && tokens[i + 1].type == TokenType::kWord) {
      const Token& w = tokens[i + 1];
      const std::string_view gap = text.substr(end, w.offset - end);
      if (AllSpace(gap)) {
        NormalizeInto(w.text, &normalized);
        for (const Scale& s : kScales) {
          if (s.word == normalized) {
            exponent = s.exponent;
            end = w.offset + w.length;
            ++i;
            break;
          }
        }
      }
    }
    double value = ToDouble(*canonical, exponent);
    if (negative) value = -value;
    out.push_back(NumberMention{value, begin, end - begin, text.substr(begin, end - begin)});
  }
  return out;
}

}  // namespace sawt::text
