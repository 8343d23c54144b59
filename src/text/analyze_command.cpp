#include "text/analyze_command.hpp"

#include <charconv>
#include <cmath>
#include <istream>
#include <ostream>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

namespace sawt::text {
namespace {

enum class Mode { kNormalize, kStem, kIndex, kJson };

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                    static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          // U+2028 and U+2029 are valid JSON but end lines in JavaScript.
          out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
          i += 2;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  out->append(FormatNumber(v));
}

void AppendSize(std::size_t v, std::string* out) { out->append(std::to_string(v)); }

void AppendJoined(const std::vector<std::string>& items, std::string* out) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(' ');
    out->append(items[i]);
  }
}

void AppendStringArray(const std::vector<std::string>& items, std::string* out) {
  out->push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(items[i], out);
  }
  out->push_back(']');
}

void AppendSpan(std::string_view text, std::size_t offset, std::size_t length, std::string* out) {
  out->append("\"text\":");
  AppendJsonString(text, out);
  out->append(",\"offset\":");
  AppendSize(offset, out);
  out->append(",\"length\":");
  AppendSize(length, out);
}

// Stem of one normalized token as the index would stem it, but without stop-word removal.
std::string StemOf(const Analyzer& analyzer, const Token& token) {
  std::string scratch;
  std::string term;
  if (!analyzer.TermOf(token, &scratch, &term)) return scratch;
  return term;
}

void Json(const Analyzer& index_analyzer, const Analyzer& stem_analyzer, std::string_view line,
          std::string* out) {
  const std::vector<Token> tokens = Tokenize(line);
  std::vector<std::string> normalized;
  std::vector<std::string> stems;
  for (const Token& t : tokens) {
    normalized.emplace_back();
    NormalizeTokenInto(t, &normalized.back());
    stems.push_back(StemOf(stem_analyzer, t));
  }
  out->append("{\"language\":");
  AppendJsonString(LanguageCode(DetectLanguage(line)), out);
  out->append(",\"tokens\":[");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (i > 0) out->push_back(',');
    out->push_back('{');
    AppendSpan(t.text, t.offset, t.length, out);
    out->append(",\"type\":");
    AppendJsonString(TokenTypeName(t.type), out);
    out->append(",\"script\":");
    AppendJsonString(ScriptName(t.script), out);
    out->push_back('}');
  }
  out->append("],\"normalized\":");
  AppendStringArray(normalized, out);
  out->append(",\"stems\":");
  AppendStringArray(stems, out);
  out->append(",\"terms\":");
  AppendStringArray(index_analyzer.Terms(line), out);
  out->append(",\"numbers\":[");
  const std::vector<NumberMention> numbers = ExtractNumbers(line);
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"value\":");
    AppendNumber(numbers[i].value, out);
    out->push_back(',');
    AppendSpan(numbers[i].text, numbers[i].offset, numbers[i].length, out);
    out->push_back('}');
  }
  out->append("],\"dates\":[");
  const std::vector<DateMention> dates = ExtractDates(line);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"date\":");
    AppendJsonString(dates[i].Iso(), out);
    out->push_back(',');
    AppendSpan(dates[i].text, dates[i].offset, dates[i].length, out);
    out->push_back('}');
  }
  out->append("]}");
}

}  // namespace

int RunAnalyzeCommand(const std::string& mode, std::istream& in, std::ostream& out,
                      std::ostream& err) {
  Mode m;
  if (mode == "normalize") {
    m = Mode::kNormalize;
  } else if (mode == "stem") {
    m = Mode::kStem;
  } else if (mode == "index") {
    m = Mode::kIndex;
  } else if (mode == "json") {
    m = Mode::kJson;
  } else {
    err << "sawt analyze: unknown mode '" << mode
        << "' (expected one of: normalize, stem, index, json)\n";
    return 2;
  }
  const Analyzer analyzer;
  AnalyzerOptions keep_stop_words;
  keep_stop_words.remove_stop_words = false;
  const Analyzer stem_analyzer(keep_stop_words);
  int status = 0;
  std::string line;
  std::string result;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    result.clear();
    if (!IsValidUtf8(line)) {
      err << "line " << line_number << ": invalid UTF-8\n";
      status = 1;
      out << '\n';
      continue;
    }
    switch (m) {
      case Mode::kNormalize: {
        std::vector<std::string> parts;
        Tokenizer tokenizer(line);
        Token token;
        while (tokenizer.Next(&token)) {
          std::string n;
          NormalizeTokenInto(token, &n);
          if (!n.empty()) parts.push_back(std::move(n));
        }
        AppendJoined(parts, &result);
        break;
      }
      case Mode::kStem: {
        std::vector<std::string> parts;
        Tokenizer tokenizer(line);
        Token token;
        while (tokenizer.Next(&token)) parts.emplace_back(ArabicLightStem(token.text));
        AppendJoined(parts, &result);
        break;
      }
      case Mode::kIndex:
        AppendJoined(analyzer.Terms(line), &result);
        break;
      case Mode::kJson:
        Json(analyzer, stem_analyzer, line, &result);
        break;
    }
    result.push_back('\n');
    out << result;
  }
  out.flush();
  return status;
}

}  // namespace sawt::text
