#include "http/messages.hpp"

#include <unicode/datefmt.h>
#include <unicode/fieldpos.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <memory>

namespace sawt::http {
namespace {

// The messages every layer may use: JSON reading (core/json.cpp), the error factories
// (core/error.hpp), the HTTP edge itself (routing, limits, encoding) and problem titles.
std::vector<Message> CommonMessages() {
  return {
      {"store.unique_violation", "القيمة مستخدمة في سجل آخر.", "The value is already used by another record."},
      {"store.foreign_key_violation", "لا يمكن الحفظ: التغيير يخالف ارتباط السجل بسجلات أخرى (سجل مرتبط غير موجود أو ما زال مستخدمًا).",
       "Cannot save: the change breaks a link between records (a linked record is missing or still in use)."},
      {"common.malformed_json", "نص الطلب ليس بصيغة JSON صحيحة.", "The request body is not valid JSON."},
      {"common.json_too_deep",
       "نص الطلب متداخل بعمق يتجاوز {0, plural, one {مستوى واحدًا} two {مستويين} few {# مستويات} other {# مستوى}}.",
       "The request body is nested deeper than {0, plural, one {# level} other {# levels}}."},
      {"common.expected_object", "يجب أن يكون نص الطلب كائن JSON.", "The request body must be a JSON object."},
      {"common.field_required", "الحقل «{0}» مطلوب.", "The field \"{0}\" is required."},
      {"common.expected_string", "يجب أن تكون قيمة الحقل «{0}» نصًا.", "The field \"{0}\" must be a string."},
      {"common.expected_integer", "يجب أن تكون قيمة الحقل «{0}» عددًا صحيحًا.",
       "The field \"{0}\" must be an integer."},
      {"common.integer_out_of_range", "قيمة الحقل «{0}» خارج مدى الأعداد الصحيحة المقبول (حتى 9223372036854775807).",
       "The field \"{0}\" is outside the accepted integer range (up to 9223372036854775807)."},
      {"common.expected_boolean", "يجب أن تكون قيمة الحقل «{0}» صوابًا أو خطأً (true أو false).",
       "The field \"{0}\" must be true or false."},
      {"common.field_too_long", "قيمة الحقل «{0}» أطول من الحد المسموح به ({1, number} بايت).",
       "The field \"{0}\" is longer than the allowed {1, number} bytes."},
      {"common.field_empty", "لا يجوز أن يكون الحقل «{0}» فارغًا.", "The field \"{0}\" must not be empty."},
      {"common.unknown_field", "الحقل «{0}» غير معروف.", "The field \"{0}\" is not recognised."},
      {"common.precondition_failed",
       "تغيّر المورد منذ أن قرأته آخر مرة؛ يُرجى تحميله من جديد ثم إعادة المحاولة.",
       "The resource has changed since you last read it; reload it and try again."},
      {"common.too_large", "حجم الطلب أكبر من الحد المسموح به.", "The request is larger than the allowed limit."},
      {"common.rate_limited", "تجاوزت عدد الطلبات المسموح به؛ يُرجى المحاولة بعد قليل.",
       "Too many requests; please try again shortly."},
      {"common.unavailable", "الخدمة غير متاحة مؤقتًا؛ يُرجى المحاولة لاحقًا.",
       "The service is temporarily unavailable; please try again later."},
      {"common.internal", "حدث خطأ داخلي في الخادم. تم تسجيله وسنعمل على معالجته.",
       "An internal server error occurred. It has been logged and will be looked into."},
      {"common.not_found", "لم يُعثر على المورد المطلوب.", "The requested resource was not found."},
      {"common.method_not_allowed", "الطريقة {0} غير مسموح بها لهذا المورد.",
       "The method {0} is not allowed for this resource."},
      {"common.invalid_utf8", "يحتوي الطلب على نص غير صالح بترميز UTF-8.",
       "The request contains text that is not valid UTF-8."},
      {"common.invalid_characters",
       "يحتوي الحقل «{0}» على محرف غير مسموح به ({1}): محارف التحكم والمحارف غير المعرّفة واتجاه الكتابة غير المغلق (RLO/LRI دون PDF/PDI).",
       "The field \"{0}\" contains a character that is not allowed ({1}): control characters, noncharacters and "
       "bidirectional formatting left open (RLO/LRI without PDF/PDI)."},
      {"common.unsupported_media_type", "نوع المحتوى غير مدعوم؛ يُرجى إرسال application/json.",
       "Unsupported content type; please send application/json."},
      {"common.timeout", "انتهت مهلة الطلب قبل اكتماله.", "The request timed out before it was complete."},
      {"common.bad_request", "الطلب غير صالح.", "The request is malformed."},
      {"common.bad_path", "مسار الطلب غير صالح.", "The request path is not valid."},
      {"common.bad_http_url", "العنوان يجب أن يكون http://المضيف[:المنفذ]/المسار؛ لعناوين https استخدم وكيلًا ينهي TLS.",
       "The URL must be http://host[:port]/path; for https use a TLS-terminating proxy."},
      {"common.address_refused", "العنوان الذي يُشير إليه الاسم محظور بسياسة العناوين (عنوان داخلي أو محلي).",
       "The address the name resolves to is refused by the address policy (an internal or local address)."},
      {"common.bad_cidr", "«{0}» ليس عنوان IP أو نطاق CIDR صالحًا (مثل 127.0.0.1 أو 10.0.0.0/8 أو fd00::/8؛ بتات العنوان بعد طول البادئة أصفار).",
       "\"{0}\" is not a valid IP address or CIDR block (such as 127.0.0.1, 10.0.0.0/8 or fd00::/8; the address bits past "
       "the prefix must be zero)."},
      {"common.headers_too_large", "ترويسات الطلب أكبر من الحد المسموح به.",
       "The request headers are larger than the allowed limit."},
      {"auth.unauthenticated", "يجب تسجيل الدخول للوصول إلى هذا المورد.",
       "You must sign in to access this resource."},
      {"auth.forbidden", "ليست لديك صلاحية لتنفيذ هذا الإجراء.",
       "You do not have permission to perform this action."},
      // Problem titles, one per problem type (see problem.cpp).
      {"problem.invalid_input", "مدخلات غير صالحة", "Invalid input"},
      {"problem.unauthenticated", "غير مُصادَق عليه", "Unauthenticated"},
      {"problem.forbidden", "ممنوع", "Forbidden"},
      {"problem.not_found", "غير موجود", "Not found"},
      {"problem.conflict", "تعارض", "Conflict"},
      {"problem.precondition_failed", "فشل الشرط المسبق", "Precondition failed"},
      {"problem.unprocessable", "لا يمكن قبول المحتوى", "Unprocessable content"},
      {"problem.too_large", "الطلب كبير جدًا", "Request too large"},
      {"problem.rate_limited", "طلبات كثيرة جدًا", "Too many requests"},
      {"problem.unavailable", "الخدمة غير متاحة", "Service unavailable"},
      {"problem.internal", "خطأ داخلي", "Internal error"},
      {"problem.method_not_allowed", "طريقة غير مسموح بها", "Method not allowed"},
      {"problem.timeout", "انتهت مهلة الطلب", "Request timeout"},
      {"problem.unsupported_media_type", "نوع محتوى غير مدعوم", "Unsupported media type"},
      {"problem.headers_too_large", "ترويسات الطلب كبيرة جدًا", "Request header fields too large"},
      {"problem.bad_request", "طلب غير صالح", "Bad request"},
  };
}

// Replaces {N} slots with args[N]; unknown slots are left as written.
std::string Fill(std::string_view text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t j = i + 1;
      size_t n = 0;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - i <= 3) {
        n = n * 10 + static_cast<size_t>(text[j] - '0');
        ++j;
      }
      if (j > i + 1 && j < text.size() && text[j] == '}' && n < args.size()) {
        out += args[n];
        i = j;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// The code point of the UTF-8 sequence starting at byte i (0 when none or malformed).
char32_t CodePointAt(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return b;
  if ((b & 0xE0) == 0xC0 && i + 1 < text.size()) return ((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
  return 0xFFFF;  // beyond two bytes: neither ASCII nor Arabic letters
}

// The start of the UTF-8 sequence ending just before byte i.
size_t PreviousStart(std::string_view text, size_t i) {
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) --j;
  return j;
}

bool IsArabicLetter(char32_t c) { return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3); }
bool IsAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether the figures text[begin, end) stand as a number in Arabic prose ("من 10 إلى 256 حرفًا",
// "و100") rather than inside a code or a name ("ISO 8601", "2026-Q3", "127.0.0.1", "CAP 1.2",
// "UTF-8", "0600"): not glued to Latin letters or to the marks that join codes, no Latin word
// beside it, an Arabic word on at least one side.
bool StandsInArabicProse(std::string_view text, size_t begin, size_t end) {
  if (end - begin > 1 && text[begin] == '0') return false;
  auto joins = [](char32_t c) { return c == '/' || c == ':' || c == '_' || c == '@' || c == '#' || c == '%' || c == '+' || c == '='; };
  auto links = [](char32_t c) { return c == '.' || c == ',' || c == '-'; };
  const char32_t before = begin > 0 ? CodePointAt(text, PreviousStart(text, begin)) : 0;
  const char32_t after = CodePointAt(text, end);
  if (IsAsciiAlnum(before) || IsAsciiAlnum(after) || joins(before) || joins(after)) return false;
  if (links(before)) {
    const size_t mark = PreviousStart(text, begin);
    if (mark > 0 && IsAsciiAlnum(CodePointAt(text, PreviousStart(text, mark)))) return false;
  }
  if (links(after) && IsAsciiAlnum(CodePointAt(text, end + 1))) return false;
  // The neighbouring words, past spaces and brackets.
  auto quiet = [](char32_t c) { return c == ' ' || c == '(' || c == ')' || c == 0x00A0; };
  size_t i = begin;
  char32_t left = 0;
  while (i > 0) {
    i = PreviousStart(text, i);
    left = CodePointAt(text, i);
    if (!quiet(left)) break;
    left = 0;
  }
  size_t j = end;
  char32_t right = 0;
  while (j < text.size()) {
    right = CodePointAt(text, j);
    if (!quiet(right)) break;
    right = 0;
    ++j;
  }
  if (IsAsciiAlnum(left) || IsAsciiAlnum(right)) return false;
  return IsArabicLetter(left) || IsArabicLetter(right);
}

// An Arabic text's own figures in Arabic-Indic digits ("من 10 إلى 256 حرفًا" → "من ١٠ إلى ٢٥٦
// حرفًا"), where they stand as numbers in prose (StandsInArabicProse). Slots and their syntax are
// left alone ("{0, plural, one {…}}": only the texts of the branches are prose), and so is what
// stands between guillemets («2026-Q3» is something to type, not to read).
std::string ArabicIndicFiguresInProse(std::string_view text) {
  static constexpr std::string_view kArabic[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  std::string out;
  out.reserve(text.size() * 2);
  std::vector<bool> prose{true};  // per brace level: message text (true) or slot syntax (false)
  int quoted = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '{') {
      prose.push_back(!prose.back());
    } else if (c == '}') {
      if (prose.size() > 1) prose.pop_back();
    } else if (prose.back() && text.substr(i, 2) == "«") {
      ++quoted;
    } else if (prose.back() && text.substr(i, 2) == "»") {
      quoted = std::max(0, quoted - 1);
    } else if (prose.back() && c >= '0' && c <= '9') {
      size_t end = i;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      const bool convert = quoted == 0 && StandsInArabicProse(text, i, end);
      for (; i < end; ++i) out += convert ? std::string(kArabic[text[i] - '0']) : std::string(1, text[i]);
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// True when the text has a typed slot ("{3, plural, …}", "{0, number}"): it is then read as an
// ICU message pattern; texts of plain slots keep their apostrophes and braces as written.
bool HasTypedSlot(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    size_t j = i + 1;
    while (j < text.size() && text[j] == ' ') ++j;
    const size_t digits = j;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == digits) continue;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j < text.size() && text[j] == ',') return true;
  }
  return false;
}

// A number as data writes it: an integer or a decimal in ASCII ("-3", "29.5"), nothing around it.
std::optional<icu::Formattable> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  const char* end = text.data() + text.size();
  int64_t whole = 0;
  if (auto [p, ec] = std::from_chars(text.data(), end, whole); ec == std::errc() && p == end) {
    return icu::Formattable(static_cast<int64_t>(whole));
  }
  for (char c : text) {
    // from_chars also reads "inf", "nan" and exponents; data that reaches a message does not.
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return std::nullopt;
  }
  double value = 0;
  if (auto [p, ec] = std::from_chars(text.data(), end, value); ec != std::errc() || p != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return icu::Formattable(value);
}

icu::Locale IcuLocale(std::string_view lang, Digits digits) {
  std::string name = lang == "en" ? "en" : "ar";
  name += "@calendar=gregorian;numbers=";
  name += DigitsName(digits);
  return icu::Locale(name.c_str());
}

// "YYYY-MM-DD" written out as a long date in the locale (its own calendar day, no time zone shift;
// the locale's calendar may be another than the Gregorian the day is given in).
std::optional<std::string> FormatDay(std::string_view day, const icu::Locale& locale) {
  int y = 0, m = 0, d = 0;
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
  auto number = [&](size_t at, size_t len, int& out) {
    auto [p, ec] = std::from_chars(day.data() + at, day.data() + at + len, out);
    return ec == std::errc() && p == day.data() + at + len;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> gregorian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("en@calendar=gregorian"), status));
  if (U_FAILURE(status) || !gregorian) return std::nullopt;
  gregorian->setLenient(false);
  gregorian->clear();
  gregorian->set(y, m - 1, d);
  const UDate at = gregorian->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;  // 2026-02-30
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (!format) return std::nullopt;
  format->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  icu::UnicodeString out;
  format->format(at, out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// The day in the reader's calendars: Gregorian, and the Hijri (Umm al-Qura) after it in
// parentheses when asked ("٧ ديسمبر ٢٠٢٦ (٢٧ جمادى الآخرة ١٤٤٨ هـ)").
std::optional<std::string> FormatDayFor(std::string_view day, std::string_view lang, Digits digits, bool hijri) {
  auto gregorian = FormatDay(day, IcuLocale(lang, digits));
  if (!gregorian || !hijri) return gregorian;
  std::string name = lang == "en" ? "en" : "ar";
  name += "@calendar=islamic-umalqura;numbers=";
  name += DigitsName(digits);
  auto islamic = FormatDay(day, icu::Locale(name.c_str()));
  return islamic ? *gregorian + " (" + *islamic + ")" : gregorian;
}

// Text whose figures are written in `digits`: "24.1 million" → "٢٤٫١ million" and back; the
// separators between digits follow (٫ ٬), everything else stays as written.
std::string WithDigits(std::string_view text, Digits digits) {
  static constexpr std::string_view kArabic[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  static constexpr std::string_view kDecimal = "٫", kGroup = "٬";
  std::string out;
  out.reserve(text.size() * 2);
  auto digit_at = [&](size_t i) -> int {  // the value of the digit starting at byte i, or -1
    if (i >= text.size()) return -1;
    if (text[i] >= '0' && text[i] <= '9') return text[i] - '0';
    for (int d = 0; d < 10; ++d) {
      if (text.substr(i, kArabic[d].size()) == kArabic[d]) return d;
    }
    return -1;
  };
  auto width = [&](size_t i) { return text[i] >= '0' && text[i] <= '9' ? size_t{1} : kArabic[0].size(); };
  bool after_digit = false;
  for (size_t i = 0; i < text.size();) {
    if (int d = digit_at(i); d >= 0) {
      out += digits == Digits::kArab ? std::string(kArabic[d]) : std::string(1, static_cast<char>('0' + d));
      i += width(i);
      after_digit = true;
      continue;
    }
    // A separator between two digits: "." or "٫" (decimal), "," or "٬" (grouping).
    std::optional<bool> decimal;
    size_t len = 1;
    if (text[i] == '.') decimal = true;
    if (text[i] == ',') decimal = false;
    if (text.substr(i, kDecimal.size()) == kDecimal) decimal = true, len = kDecimal.size();
    if (text.substr(i, kGroup.size()) == kGroup) decimal = false, len = kGroup.size();
    if (after_digit && decimal && digit_at(i + len) >= 0) {
      if (digits == Digits::kArab) {
        out += *decimal ? kDecimal : kGroup;
      } else {
        out += *decimal ? '.' : ',';
      }
      i += len;
      continue;
    }
    after_digit = false;
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// A vocabulary as a slot names it: ICU argument types are letters only, so count_units is written
// {0, countUnits}; both read "countunits".
std::string TypeKey(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool IsBuiltInType(std::string_view type) {
  return type == "number" || type == "digits" || type == "date" || type == "time" || type == "spellout" || type == "ordinal" ||
         type == "duration";
}

using Terms = std::map<std::string, std::map<std::string, TermLabel, std::less<>>, std::less<>>;

// Formats an ICU message pattern. Slots ICU cannot take as they are (a number that is not one, a
// day, a vocabulary code, an argument that is missing) are first rewritten into plain slots holding
// the text to show, each a fresh argument, so one argument may serve several kinds of slot.
std::optional<std::string> FormatPattern(std::string_view text, std::string_view lang, Digits digits, bool hijri,
                                         const std::vector<std::string>& args, const Terms& terms) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  const icu::UnicodeString pattern = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::MessagePattern parsed(pattern, &parse_error, status);
  if (U_FAILURE(status) || parsed.hasNamedArguments()) return std::nullopt;
  const icu::Locale locale = IcuLocale(lang, digits);

  struct Rewrite {
    int32_t begin, end;  // the slot's span in `pattern`
    std::string shown;
  };
  std::vector<Rewrite> rewrites;
  std::vector<bool> numeric(args.size(), false);
  int32_t max_arg = -1;
  auto arg_text = [&](int32_t n) { return n < static_cast<int32_t>(args.size()) ? &args[static_cast<size_t>(n)] : nullptr; };
  const int32_t count = parsed.countParts();
  for (int32_t i = 0; i < count; ++i) {
    const icu::MessagePattern::Part& part = parsed.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const int32_t n = parsed.getPart(i + 1).getValue();
    max_arg = std::max(max_arg, n);
    const UMessagePatternArgType type = part.getArgType();
    if (type == UMSGPAT_ARG_TYPE_NONE || type == UMSGPAT_ARG_TYPE_SELECT) continue;
    const int32_t limit = parsed.getLimitPartIndex(i);
    const int32_t begin = part.getIndex(), end = parsed.getPart(limit).getLimit();
    const std::string* value = arg_text(n);
    auto rewrite = [&](std::string shown) {
      rewrites.push_back({begin, end, std::move(shown)});
      i = limit;  // slots nested in this one are gone with it
    };
    if (value == nullptr) {
      rewrite("{" + std::to_string(n) + "}");
      continue;
    }
    std::string type_name;
    if (type == UMSGPAT_ARG_TYPE_SIMPLE) parsed.getSubstring(parsed.getPart(i + 2)).toUTF8String(type_name);
    if (type == UMSGPAT_ARG_TYPE_SIMPLE && type_name == "digits") {
      rewrite(WithDigits(*value, digits));
    } else if (type == UMSGPAT_ARG_TYPE_SIMPLE && type_name == "date") {
      auto day = FormatDayFor(*value, lang, digits, hijri);
      rewrite(day ? *day : *value);
    } else if (type == UMSGPAT_ARG_TYPE_SIMPLE && !IsBuiltInType(type_name)) {
      auto vocabulary = terms.find(TypeKey(type_name));
      const TermLabel* term = nullptr;
      if (vocabulary != terms.end()) {
        auto found = vocabulary->second.find(*value);
        if (found != vocabulary->second.end()) term = &found->second;
      }
      rewrite(term == nullptr ? *value : lang == "en" ? term->en : term->ar);
    } else if (ParseNumber(*value)) {
      numeric[static_cast<size_t>(n)] = true;
    } else {
      rewrite(*value);
    }
  }

  // Fresh arguments come after every argument the text names.
  const size_t first_fresh = std::max(args.size(), static_cast<size_t>(max_arg + 1));
  std::vector<icu::Formattable> values;
  values.reserve(first_fresh + rewrites.size());
  for (size_t n = 0; n < first_fresh; ++n) {
    if (n >= args.size()) {
      values.emplace_back(icu::UnicodeString::fromUTF8("{" + std::to_string(n) + "}"));
    } else if (numeric[n]) {
      values.push_back(*ParseNumber(args[n]));
    } else {
      values.emplace_back(icu::UnicodeString::fromUTF8(args[n]));
    }
  }
  icu::UnicodeString rewritten;
  int32_t copied = 0;
  for (const Rewrite& r : rewrites) {
    rewritten.append(pattern, copied, r.begin - copied);
    rewritten.append(u'{').append(icu::UnicodeString::fromUTF8(std::to_string(values.size()))).append(u'}');
    values.emplace_back(icu::UnicodeString::fromUTF8(r.shown));
    copied = r.end;
  }
  rewritten.append(pattern, copied, pattern.length() - copied);

  icu::MessageFormat format(rewritten, locale, parse_error, status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString out;
  icu::FieldPosition ignore(icu::FieldPosition::DONT_CARE);
  format.format(values.data(), static_cast<int32_t>(values.size()), out, ignore, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

MessageCatalog::MessageCatalog() {
  for (auto& m : CommonMessages()) by_key_[m.key] = std::move(m);
}

void MessageCatalog::Add(const std::vector<Message>& messages) {
  for (const auto& m : messages) by_key_[m.key] = m;
}

std::optional<Digits> ParseDigits(std::string_view name) {
  if (name == "arab") return Digits::kArab;
  if (name == "latn") return Digits::kLatn;
  return std::nullopt;
}

const char* DigitsName(Digits digits) { return digits == Digits::kArab ? "arab" : "latn"; }

void MessageCatalog::AddTerms(const std::string& name, std::vector<TermLabel> terms) {
  auto& by_code = terms_[TypeKey(name)];
  by_code.clear();
  for (auto& t : terms) {
    std::string code = t.code;
    by_code.emplace(std::move(code), std::move(t));
  }
}

Digits MessageCatalog::DigitsFor(const Locale& locale) const {
  if (locale.digits) return *locale.digits;
  return locale.lang == "en" ? Digits::kLatn : arabic_digits_;
}

std::string MessageCatalog::Translate(std::string_view key, const Locale& locale,
                                      const std::vector<std::string>& args) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::string(key);
  const std::string lang = locale.lang == "en" ? "en" : "ar";
  const Digits digits = DigitsFor(locale);
  // The text's own figures follow the reader too (Arabic-Indic in Arabic unless asked otherwise).
  const std::string text = lang == "ar" && digits == Digits::kArab ? ArabicIndicFiguresInProse(it->second.ar)
                           : lang == "en"                          ? it->second.en
                                                                   : it->second.ar;
  if (!HasTypedSlot(text)) return Fill(text, args);
  try {
    if (auto out = FormatPattern(text, lang, digits, locale.hijri, args, terms_)) return *std::move(out);
  } catch (const std::exception&) {
    // ICU reports through status codes; this only guards allocation failures in our own code.
  }
  return Fill(text, args);
}

std::vector<Message> MessageCatalog::All() const {
  std::vector<Message> out;
  out.reserve(by_key_.size());
  for (const auto& [key, m] : by_key_) out.push_back(m);
  return out;
}

std::vector<std::string> MessageCatalog::Problems() const {
  std::vector<std::string> out;
  for (const auto& [key, m] : by_key_) {
    for (const auto& [lang, text] : {std::pair{"ar", &m.ar}, std::pair{"en", &m.en}}) {
      if (!HasTypedSlot(*text)) continue;
      const std::string where = key + " (" + lang + "): ";
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error;
      icu::MessagePattern parsed(icu::UnicodeString::fromUTF8(*text), &parse_error, status);
      if (U_FAILURE(status)) {
        out.push_back(where + "not an ICU message pattern (" + u_errorName(status) + " at " +
                      std::to_string(parse_error.offset) + ")");
        continue;
      }
      if (parsed.hasNamedArguments()) out.push_back(where + "named arguments; slots are numbered");
      for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_START || part.getArgType() != UMSGPAT_ARG_TYPE_SIMPLE) continue;
        std::string type;
        parsed.getSubstring(parsed.getPart(i + 2)).toUTF8String(type);
        if (!IsBuiltInType(type) && terms_.find(TypeKey(type)) == terms_.end()) out.push_back(where + "no vocabulary \"" + type + "\"");
      }
    }
  }
  return out;
}

const MessageCatalog& MessageCatalog::Common() {
  // Never destroyed: usable from static destructors and detached threads.
  static const MessageCatalog* common = new MessageCatalog();
  return *common;
}

}  // namespace sawt::http
