#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::http {

/// One translated message. Texts hold slots filled from Error::args (strings, as data gives them):
///   {0}                       the argument as written (a name, a code, a title);
///   {0, number}               a number in the reader's digits and separators ("29.5" → "٢٩٫٥");
///   {0, number, percent}      a fraction as a percentage ("0.25" → "٢٥٪");
///   {0, plural, one {…} two {…} few {# …} many {# …} other {# …}}
///                             ICU plural forms by the language's rules, # the number formatted;
///   {0, select, a {…} other {…}}   a branch chosen by a code;
///   {0, date}                 a day "YYYY-MM-DD" written out in the language ("٧ ديسمبر ٢٠٢٦"),
///                             with the Hijri date after it for readers who ask (Locale::hijri);
///   {0, digits}               a text whose figures follow the reader's digits ("24.1 مليون" →
///                             "٢٤٫١ مليون"): approved values as the library words them;
///   {0, <vocabulary>}         the label of a code in a vocabulary added with AddTerms
///                             ({0, channels} → "إكس", {1, languages} → "العربية",
///                             {2, countUnits} for count_units).
/// The figures an Arabic text itself holds ("من 3 إلى 64 حرفًا") follow the reader's digits where
/// they stand as numbers in prose; figures of codes and names ("ISO 8601", "127.0.0.1", "CAP 1.2")
/// and anything between guillemets («2026-Q3», to be typed) stay as written.
/// Texts holding only plain {N} slots are filled as they are; the others follow ICU MessageFormat
/// syntax (an apostrophe before { or } quotes it). An argument that is not a number where a number
/// is asked for, or a code a vocabulary lacks, shows as written: data never breaks a message.
struct Message {
  std::string key;  ///< "<module>.<reason>"
  std::string ar;
  std::string en;
};

/// The digits numbers are written in: Arabic-Indic (٠١٢٣) or Latin (0123).
enum class Digits { kArab, kLatn };

/// "arab" or "latn" → the digits; anything else nullopt.
std::optional<Digits> ParseDigits(std::string_view name);
/// "arab" or "latn".
const char* DigitsName(Digits digits);

/// How a reader wants a text: its language ("ar" or "en"; anything else reads Arabic) and, when
/// the reader said so (Accept-Language "ar-u-nu-latn"), its digits; without that the catalogue's
/// default for the language applies (SetArabicDigits for Arabic, Latin for English).
struct Locale {
  std::string lang = "ar";
  std::optional<Digits> digits;
  /// Days ({0, date}) also in the Hijri calendar (Umm al-Qura), in parentheses after the
  /// Gregorian ("-u-ca-islamic-umalqura"), as the page shows them with that preference.
  bool hijri = false;

  /// The same reader's preference applied to another language (for texts given in both
  /// languages, message_ar / message_en).
  Locale In(std::string_view other_lang) const { return Locale{std::string(other_lang), digits, hijri}; }
};

/// A labelled code a message may name ({0, channels}).
struct TermLabel {
  std::string code;
  std::string ar;
  std::string en;
};

/// The translated messages of one application: the common ones every layer uses (JSON reading,
/// the error factories, the HTTP edge, problem titles) plus those its modules add while they
/// register (module::ModuleRegistry::AddMessages), and the vocabularies messages may name. Filled
/// single-threaded before the server starts and only read afterwards, so reads take no lock;
/// Translate is safe to call from any number of threads.
class MessageCatalog {
 public:
  /// A catalogue holding the common messages.
  MessageCatalog();

  /// Adds messages; a later message with the same key replaces the earlier one.
  void Add(const std::vector<Message>& messages);

  /// Adds (or replaces) the vocabulary `name` ([a-z_]), named in texts as {N, name} with its
  /// underscores dropped and the next letter in capitals if wished (ICU argument types are letters
  /// only: count_units is {N, countUnits}). REQUIRES: not number, plural, select, selectordinal,
  /// choice, date, time, digits.
  void AddTerms(const std::string& name, std::vector<TermLabel> terms);

  /// The digits Arabic texts use when the reader does not say (the deployment's --digits;
  /// Arabic-Indic by default). English uses Latin digits unless the reader asks otherwise.
  void SetArabicDigits(Digits digits) { arabic_digits_ = digits; }
  Digits arabic_digits() const { return arabic_digits_; }
  /// The digits `locale` is written in.
  Digits DigitsFor(const Locale& locale) const;

  /// The text for `key` in `locale` with its slots filled from `args`; the key itself if unknown.
  /// Slots whose argument is missing stay visible ({3}). Never throws.
  std::string Translate(std::string_view key, const Locale& locale, const std::vector<std::string>& args = {}) const;
  /// The same for a language alone, in the catalogue's default digits for it.
  std::string Translate(std::string_view key, std::string_view lang, const std::vector<std::string>& args = {}) const {
    return Translate(key, Locale{std::string(lang), std::nullopt}, args);
  }

  /// Every message, by key (for the completeness tests).
  std::vector<Message> All() const;
  /// What is wrong with the texts, one line each ("key (ar): …"): a typed text that is no valid
  /// ICU pattern, or a slot naming a vocabulary the catalogue lacks. Empty when all is well (the
  /// tests of each application's catalogue check it).
  std::vector<std::string> Problems() const;

  /// The common messages alone, for code that runs without an application (an HTTP server
  /// without modules, the command line before the app opens). Immutable.
  static const MessageCatalog& Common();

 private:
  std::map<std::string, Message, std::less<>> by_key_;
  /// vocabulary name → code → labels
  std::map<std::string, std::map<std::string, TermLabel, std::less<>>, std::less<>> terms_;
  Digits arabic_digits_ = Digits::kArab;
};

}  // namespace sawt::http
