// Time to render a 40-page scorecard to PDF, in Arabic and in English (the product target is
// 2 s a report). Run: build/bench/report/report_bench --benchmark_format=json
// The counter "pages" is the page count of the rendered PDF.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "report/report.hpp"

namespace sawt::report {
namespace {

// Sections of a heading, a paragraph and a table, like the scorecard the product prints.
Document Scorecard(bool arabic, int rows) {
  Document doc;
  doc.lang = arabic ? "ar" : "en";
  doc.title = arabic ? "بطاقة الأداء" : "Performance scorecard";
  doc.subtitle = arabic ? "الربع الرابع ٢٠٢٦" : "Fourth quarter 2026";
  doc.footer = arabic ? "أُنشئ في ٢٠٢٦-١٢-٠٦" : "Generated 2026-12-06";
  const std::string indicator = arabic ? "نسبة البيانات الصحفية الصادرة باللغة العربية أولاً"
                                       : "Share of press releases published in Arabic first";
  const std::string entity = arabic ? "وزارة الاتصال" : "Ministry of Communication";
  for (int done = 0, section = 1; done < rows; ++section) {
    doc.blocks.push_back({Block::Kind::kHeading, (arabic ? "المحور " : "Pillar ") + std::to_string(section), {}});
    doc.blocks.push_back({Block::Kind::kParagraph,
                          arabic ? "يعرض هذا المحور مؤشرات الجهات وأهدافها وما تحقق منها خلال الربع."
                                 : "This pillar lists the entities' indicators, their targets and what the quarter achieved.",
                          {}});
    Table table;
    table.headers = arabic ? std::vector<std::string>{"المؤشر", "الجهة", "القيمة", "الهدف"}
                           : std::vector<std::string>{"Indicator", "Entity", "Value", "Target"};
    table.widths = {3, 2, 1, 1};
    for (int i = 0; i < 40 && done < rows; ++i, ++done) {
      table.rows.push_back({indicator + " " + std::to_string(done + 1), entity, std::to_string(done % 100) + "%", "90%"});
    }
    doc.blocks.push_back({Block::Kind::kTable, "", std::move(table)});
  }
  return doc;
}

// Cairo writes the page tree uncompressed: "<< /Type /Pages /Kids [...] /Count N >>".
int PageCount(const std::string& pdf) {
  const size_t tree = pdf.find("/Type /Pages");
  const size_t count = pdf.find("/Count ", tree);
  return tree == std::string::npos || count == std::string::npos ? 0 : std::atoi(pdf.c_str() + count + 7);
}

// The document of about 40 pages: row counts scaled from a first render.
Document FortyPages(bool arabic) {
  int rows = 500;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const int pages = PageCount(RenderPdf(Scorecard(arabic, rows)));
    if (pages == 40 || pages == 0) break;
    const int scaled = rows * 40 / pages;
    rows = scaled != rows ? scaled : rows + (pages < 40 ? 1 : -1);  // a near miss still moves
  }
  return Scorecard(arabic, rows);
}

void BM_RenderFortyPages(benchmark::State& state) {
  const Document doc = FortyPages(state.range(0) == 1);
  int pages = 0;
  for (auto _ : state) {
    const std::string pdf = RenderPdf(doc);
    pages = PageCount(pdf);
    benchmark::DoNotOptimize(pdf.data());
  }
  state.counters["pages"] = pages;
  state.SetLabel(state.range(0) == 1 ? "ar" : "en");
}
BENCHMARK(BM_RenderFortyPages)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sawt::report

BENCHMARK_MAIN();
