// libFuzzer target: every public entry point of the text engine must accept any bytes.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "text/analyze_command.hpp"
#include "text/analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const sawt::text::Analyzer analyzer;
  for (const sawt::text::IndexTerm& t : analyzer.IndexTerms(text)) {
    if (t.offset + t.length > text.size()) __builtin_trap();
  }
  const std::string once = sawt::text::Normalize(text);
  if (sawt::text::Normalize(once) != once) __builtin_trap();
  (void)sawt::text::ExtractNumbers(text);
  (void)sawt::text::ExtractDates(text);
  (void)sawt::text::DetectLanguage(text);
  (void)analyzer.Fingerprint(text);
  (void)sawt::text::ArabicLightStem(text);
  std::istringstream in{std::string(text)};
  std::ostringstream out;
  std::ostringstream err;
  (void)sawt::text::RunAnalyzeCommand("json", in, out, err);
  return 0;
}
