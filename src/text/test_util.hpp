#pragma once

// Test-only helpers for the text engine's data-driven tests.

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace sawt::text::testing {

/// One row of a testdata/*.tsv file: input<TAB>expected.
struct TsvCase {
  std::string input;
  std::string expected;
  int line = 0;
};

inline void PrintTo(const TsvCase& c, std::ostream* os) {
  *os << "line " << c.line << ": \"" << c.input << "\" -> \"" << c.expected << "\"";
}

/// Rows of testdata/`name`; '#' lines (sources and notes) and blank lines are skipped.
/// "\t" and "\n" inside a field stand for a tab and a newline.
inline std::vector<TsvCase> ReadTsv(const std::string& name) {
  std::vector<TsvCase> cases;
  std::ifstream in(std::string(SAWT_TEXT_TESTDATA_DIR) + "/" + name);
  std::string line;
  int number = 0;
  auto unescape = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 't' || s[i + 1] == 'n')) {
        out.push_back(s[i + 1] == 't' ? '\t' : '\n');
        ++i;
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      cases.push_back({unescape(line), "", number});
    } else {
      cases.push_back({unescape(line.substr(0, tab)), unescape(line.substr(tab + 1)), number});
    }
  }
  return cases;
}

}  // namespace sawt::text::testing
