#include "report/report.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sawt::report {
namespace {

// The PDFs are read back with poppler-utils (scripts/deps.sh test installs it).
bool HavePoppler() { return std::system("command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null") == 0; }

#define SAWT_REQUIRE_POPPLER() \
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext/pdfinfo (poppler-utils) not installed"

// A PDF written to a file that is removed when the test ends.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    std::string pattern = ::testing::TempDir() + "sawt_report_XXXXXX";
    const int fd = mkstemp(pattern.data());
    EXPECT_GE(fd, 0);
    if (fd >= 0) close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() { std::remove(path_.c_str()); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string CommandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// pdftotext's text with one space between words. Without -layout, poppler emits each text block
// (paragraph, table cell) in reading order; -layout keeps the page's columns, so an RTL table row
// comes out as one line with its cells in visual (left-to-right) order. Both keep the letters of
// a word in logical order. Poppler wraps right-to-left lines in U+202B ... U+202C and Latin or
// digit runs inside them in U+202A ... U+202C; those marks are removed here.
std::string ExtractText(const PdfFile& pdf, int page = 0) {
  const std::string pages = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  std::string text = CommandOutput("pdftotext -enc UTF-8" + pages + " '" + pdf.path() + "' -");
  text = std::regex_replace(text, std::regex("\xE2\x80[\xAA-\xAE]"), "");
  text = std::regex_replace(text, std::regex("\\s+"), " ");
  return text;
}

std::optional<int> PageCount(const PdfFile& pdf) {
  std::smatch match;
  const std::string info = CommandOutput("pdfinfo '" + pdf.path() + "'");
  if (!std::regex_search(info, match, std::regex("Pages:\\s+(\\d+)"))) return std::nullopt;
  return std::stoi(match[1]);
}

Block Heading(std::string text) { return {Block::Kind::kHeading, std::move(text), {}}; }
Block Paragraph(std::string text) { return {Block::Kind::kParagraph, std::move(text), {}}; }
Block TableBlock(Table table) { return {Block::Kind::kTable, "", std::move(table)}; }

bool IsPdf(const std::string& bytes) { return bytes.rfind("%PDF-", 0) == 0 && bytes.find("%%EOF") != std::string::npos; }

// Lam-alef after a joining letter ("السلام") is one glyph whose two letters poppler 22 returns
// swapped, whatever the PDF says (docs/adr/0003-report-pdf.md); these phrases avoid it, and
// "الأداء" has the lam-alef that the renderer's font draws as two glyphs.
TEST(ReportTest, ArabicTextIsExtractableInLogicalOrder) {
  Document doc;
  doc.lang = "ar";
  doc.title = "تقرير الربع الثالث";
  doc.footer = "وزارة الاتصال";
  doc.blocks = {Heading("بطاقة الأداء"), Paragraph("يعرض هذا التقرير مؤشرات الاتصال الحكومي."),
                TableBlock({{"المؤشر", "القيمة"}, {{"استخدام اللغة العربية", "٩٠٪"}}, {3, 1}})};
  const std::string bytes = RenderPdf(doc);
  ASSERT_TRUE(IsPdf(bytes));
  SAWT_REQUIRE_POPPLER();
  PdfFile pdf(bytes);
  const std::string text = ExtractText(pdf);
  EXPECT_NE(text.find("بطاقة الأداء"), std::string::npos) << text;
  EXPECT_NE(text.find("استخدام اللغة العربية"), std::string::npos) << text;
  EXPECT_NE(text.find("المؤشر"), std::string::npos) << text;
  EXPECT_TRUE(std::regex_search(CommandOutput("pdfinfo '" + pdf.path() + "'"), std::regex("Title: +تقرير الربع الثالث\n")));
}

TEST(ReportTest, EnglishTextAndPageNumbersAreExtractable) {
  Document doc;
  doc.lang = "en";
  doc.title = "Quarterly scorecard";
  doc.subtitle = "Ministry of Communication";
  doc.footer = "Generated 2026-12-06";
  doc.blocks = {Heading("Performance"), Paragraph("Arabic-first messaging across the network."),
                TableBlock({{"Indicator", "Value"}, {{"Use of Arabic in official releases", "90%"}}, {}})};
  PdfFile pdf(RenderPdf(doc));
  SAWT_REQUIRE_POPPLER();
  const std::string text = ExtractText(pdf);
  for (const char* expected : {"Quarterly scorecard", "Ministry of Communication", "Performance",
                               "Arabic-first messaging across the network.", "Indicator",
                               "Use of Arabic in official releases", "90%", "Generated 2026-12-06"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in: " << text;
  }
  // The page number is drawn as "1 / 1"; poppler drops the spaces of a line this short.
  EXPECT_TRUE(std::regex_search(text, std::regex(" 1 ?/ ?1 "))) << text;
}

TEST(ReportTest, LongTableContinuesOnNextPageUnderItsHeaderRow) {
  Table table{{"المؤشر", "القيمة"}, {}, {}};
  for (int i = 1; i <= 200; ++i) table.rows.push_back({"مؤشر رقم " + std::to_string(i), std::to_string(i * 7)});
  Document doc;
  doc.blocks = {Heading("بطاقة الأداء"), TableBlock(table)};
  PdfFile pdf(RenderPdf(doc));
  SAWT_REQUIRE_POPPLER();
  const std::optional<int> pages = PageCount(pdf);
  ASSERT_TRUE(pages.has_value());
  EXPECT_GT(*pages, 1);
  const std::string page2 = ExtractText(pdf, 2);
  EXPECT_NE(page2.find("المؤشر"), std::string::npos) << page2;
  EXPECT_NE(page2.find("القيمة"), std::string::npos) << page2;
  EXPECT_EQ(page2.find("بطاقة الأداء"), std::string::npos) << "the heading stays on page 1";
  EXPECT_NE(ExtractText(pdf).find("1400"), std::string::npos) << "the last row is there";
}

TEST(ReportTest, BadInputStillRendersAPdf) {
  Document doc;
  doc.lang = "en";
  const std::string invalid = std::string("ok \xFF\xFE bad \xC3 cut \xED\xA0\x80 surrogate ") + std::string(1, '\0') +
                              " nul \x07 bell \xEF\xBF\xBF end";
  doc.title = invalid;
  doc.footer = invalid;
  Table ragged{{"a", "b", "c"}, {{"only one"}, {"1", "2", "3", "extra"}, {}}, {0, -1, 2}};
  Table tall{{"tall"}, {{std::string(5000, 'x')}, {std::string(300, '\n')}}, {}};
  doc.blocks = {Heading(invalid), Paragraph(invalid), TableBlock(ragged), TableBlock(tall),
                TableBlock({}), Block{Block::Kind::kPageBreak, "", {}}, Paragraph("")};
  const std::string bytes = RenderPdf(doc);
  EXPECT_TRUE(IsPdf(bytes));
  EXPECT_TRUE(IsPdf(RenderPdf(Document{})));
  SAWT_REQUIRE_POPPLER();
  EXPECT_EQ(PageCount(PdfFile(RenderPdf(Document{}))), 1);
  const std::string text = ExtractText(PdfFile(bytes));
  EXPECT_NE(text.find("ok bad cut surrogate nul bell end"), std::string::npos) << text;
}

TEST(ReportTest, RendersFromSeveralThreadsAtOnce) {
  Document doc;
  doc.blocks = {Heading("بطاقة الأداء"), TableBlock({{"المؤشر"}, std::vector<std::vector<std::string>>(100, {"قيمة"}), {}})};
  const std::string expected = RenderPdf(doc);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& result : results) threads.emplace_back([&doc, &result] { result = RenderPdf(doc); });
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result.size(), expected.size());
}

}  // namespace
}  // namespace sawt::report
