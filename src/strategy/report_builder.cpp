#include "strategy/report_builder.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "report/html.hpp"
#include "report/report.hpp"

namespace sawt::strategy {
namespace {

using core::Json;

/// The words and number style of one report.
class Wording {
 public:
  Wording(const module::ModuleRegistry& registry, const ReportOptions& options)
      : registry_(registry), ar_(options.lang == "ar"),
        arabic_digits_(options.digits.empty() ? ar_ : options.digits == "arab") {}

  bool ar() const { return ar_; }
  const char* Say(const char* arabic, const char* english) const { return ar_ ? arabic : english; }
  std::string Name(const Json& o) const { return o.value(ar_ ? "name_ar" : "name_en", ""); }
  /// A vocabulary's label for `code`, or the code itself.
  std::string Label(const char* vocabulary, const std::string& code) const {
    const module::Term* t = registry_.vocabulary(vocabulary).Find(code);
    return t == nullptr ? code : (ar_ ? t->label_ar : t->label_en);
  }
  std::string Status(const std::string& code) const { return Label("compliance_statuses", code); }
  /// At most one decimal, in the report's digits ("72.5", "٧٢٫٥"); "—" for null.
  std::string Number(const Json& v) const {
    if (!v.is_number()) return "—";
    const double d = v.get<double>();
    char buf[64];
    if (std::fabs(d - std::round(d)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", d);
    else std::snprintf(buf, sizeof buf, "%.1f", d);
    return Digits(buf);
  }
  std::string Percent(const Json& v) const {
    if (!v.is_number()) return "—";
    return Number(v) + (arabic_digits_ ? "٪" : "%");
  }
  std::string Digits(const std::string& latin) const {
    if (!arabic_digits_) return latin;
    static const char* kArabic[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
    std::string out;
    for (char c : latin) {
      if (c >= '0' && c <= '9') out += kArabic[c - '0'];
      else if (c == '.') out += "٫";
      else out.push_back(c);
    }
    return out;
  }
  /// "2026", "2026-H1", "2026-Q3" in words of the report's language.
  std::string Period(const std::string& code) const {
    std::string year = Digits(code.substr(0, 4));
    if (code.size() == 4) return year;
    const std::string part = code.substr(5);
    const std::string n = Digits(part.substr(1));
    if (part[0] == 'H') return ar_ ? "النصف " + std::string(part[1] == '1' ? "الأول" : "الثاني") + " " + year : "H" + n + " " + year;
    return ar_ ? "الربع " + n + " " + year : "Q" + n + " " + year;
  }

 private:
  const module::ModuleRegistry& registry_;
  bool ar_, arabic_digits_;
};

std::string CsvCell(const std::string& value) {
  std::string v = value;
  // A cell a spreadsheet would run as a formula is kept as text.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string CsvNumber(const Json& v) {
  if (!v.is_number()) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
  return buf;
}

report::Document NewDocument(const Wording& w, std::string title, std::string subtitle) {
  report::Document doc;
  doc.lang = w.ar() ? "ar" : "en";
  doc.title = std::move(title);
  doc.subtitle = std::move(subtitle);
  doc.footer = w.Say("صوت — منظومة الاتصال الحكومي المتكاملة", "sawt — integrated government communication");
  return doc;
}

void Heading(report::Document& doc, std::string text) { doc.blocks.push_back({report::Block::Kind::kHeading, std::move(text), {}}); }
void Paragraph(report::Document& doc, std::string text) {
  doc.blocks.push_back({report::Block::Kind::kParagraph, std::move(text), {}});
}
void AddTable(report::Document& doc, report::Table table) {
  doc.blocks.push_back({report::Block::Kind::kTable, {}, std::move(table)});
}

/// The download in the chosen format: printable HTML or PDF.
ReportFile Render(const report::Document& doc, const ReportOptions& options, const std::string& base_name) {
  if (options.format == "html") {
    return {"text/html; charset=utf-8", base_name + "-" + options.lang + ".html", report::RenderHtml(doc)};
  }
  return {"application/pdf", base_name + "-" + options.lang + ".pdf", report::RenderPdf(doc)};
}

}  // namespace

core::Result<ReportFile> HeatmapFile(const Json& heatmap, const module::ModuleRegistry& registry,
                                     const ReportOptions& options) {
  const Wording w(registry, options);
  const std::string period = heatmap["period"].is_string() ? heatmap["period"].get<std::string>() : "";
  std::vector<std::string> axes;
  for (const Json& a : heatmap["axes"]) axes.push_back(a.get<std::string>());

  if (options.format == "csv") {
    std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
    std::vector<std::string> header = {"entity_code", w.Say("الجهة", "Entity"), w.Say("الحالة", "Status"),
                                       w.Say("الدرجة الكلية", "Overall")};
    for (const auto& a : axes) header.push_back(w.Label("axes", a));
    for (size_t i = 0; i < header.size(); ++i) csv += (i ? "," : "") + CsvCell(header[i]);
    csv += "\r\n";
    for (const Json& row : heatmap["rows"]) {
      std::vector<std::string> cells = {row["code"], w.Name(row), w.Status(row["status"]), CsvNumber(row["overall"])};
      for (const auto& a : axes) cells.push_back(CsvNumber(row["axes"].value(a, Json(nullptr))));
      for (size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + CsvCell(cells[i]);
      csv += "\r\n";
    }
    return ReportFile{"text/csv; charset=utf-8", "compliance-" + (period.empty() ? "none" : period) + "-" + options.lang + ".csv",
                      std::move(csv)};
  }

  report::Document doc = NewDocument(
      w, w.Say("الامتثال لدليل الاتصال الحكومي: خريطة الجهات", "Compliance with the government communication guide: heat map"),
      period.empty() ? w.Say("لا توجد تقييمات بعد", "No assessments yet") : w.Say("الفترة: ", "Period: ") + w.Period(period));
  Paragraph(doc, std::string(w.Say("متوسط الدرجة الكلية للجهات: ", "Average overall score of the entities: ")) +
                     w.Percent(heatmap["average"]["overall"]));
  Heading(doc, w.Say("متوسط كل محور", "Average per axis"));
  report::Table averages{{"#", w.Say("المحور", "Axis"), w.Say("المتوسط", "Average")}, {}, {0.4, 3, 1}};
  for (size_t i = 0; i < axes.size(); ++i) {
    averages.rows.push_back({w.Digits(std::to_string(i + 1)), w.Label("axes", axes[i]),
                             w.Percent(heatmap["average"]["axes"].value(axes[i], Json(nullptr)))});
  }
  AddTable(doc, std::move(averages));
  Heading(doc, w.Say("الجهات والمحاور", "Entities and axes"));
  // Seven axis names do not fit seven narrow columns of a portrait page: the columns are
  // numbered as in the averages table above, which names them.
  report::Table table;
  table.headers = {w.Say("الجهة", "Entity"), w.Say("الحالة", "Status"), w.Say("الكلية", "Overall")};
  table.widths = {3, 1.6, 1};
  for (size_t i = 0; i < axes.size(); ++i) {
    table.headers.push_back(w.Digits(std::to_string(i + 1)));
    table.widths.push_back(0.8);
  }
  for (const Json& row : heatmap["rows"]) {
    std::vector<std::string> cells = {w.Name(row), w.Status(row["status"]), w.Percent(row["overall"])};
    for (const auto& a : axes) cells.push_back(w.Number(row["axes"].value(a, Json(nullptr))));
    table.rows.push_back(std::move(cells));
  }
  AddTable(doc, std::move(table));
  if (const Json& trend = heatmap.value("trend", Json(nullptr)); trend.is_object() && trend["periods"].size() > 1) {
    Heading(doc, w.Say("الدرجة الكلية عبر الفترات", "Overall score over periods"));
    report::Table over_time;
    over_time.headers = {w.Say("الجهة", "Entity")};
    over_time.widths = {3};
    for (const Json& p : trend["periods"]) {
      over_time.headers.push_back(w.Period(p));
      over_time.widths.push_back(1);
    }
    for (const Json& row : heatmap["rows"]) {
      const Json& scores = trend["rows"].value(std::to_string(row["entity_id"].get<int64_t>()), Json::object());
      std::vector<std::string> cells = {w.Name(row)};
      for (const Json& p : trend["periods"]) cells.push_back(w.Number(scores.value(p.get<std::string>(), Json(nullptr))));
      over_time.rows.push_back(std::move(cells));
    }
    AddTable(doc, std::move(over_time));
  }
  try {
    return Render(doc, options, "compliance-" + (period.empty() ? std::string("none") : period));
  } catch (const std::exception& e) {
    return core::Error::Internal(std::string("report: ") + e.what());
  }
}

core::Result<ReportFile> ScorecardFile(const Json& scorecard, const module::ModuleRegistry& registry,
                                       const ReportOptions& options) {
  const Wording w(registry, options);
  const Json& entity = scorecard["entity"];
  const Json& latest = scorecard["latest"];
  report::Document doc = NewDocument(w, w.Name(entity), w.Say("بطاقة الأداء: الاستراتيجية والامتثال", "Scorecard: strategy and compliance"));

  Heading(doc, w.Say("الامتثال لدليل الاتصال الحكومي", "Compliance with the government communication guide"));
  if (latest.is_null()) {
    Paragraph(doc, w.Say("لم تُقيَّم الجهة بعد.", "The entity has not been assessed yet."));
  } else {
    Paragraph(doc, std::string(w.Say("آخر تقييم: ", "Latest assessment: ")) + w.Period(latest["period"]) + " — " +
                       w.Status(latest["status"]) + " — " + w.Say("الدرجة الكلية ", "overall ") +
                       w.Percent(latest["scores"]["overall"]));
    report::Table axes{{w.Say("المحور", "Axis"), w.Say("الدرجة", "Score")}, {}, {3, 1}};
    for (const auto& term : registry.vocabulary("axes").terms()) {  // the guide's order, not the codes'
      const Json& axis_scores = latest["scores"]["axes"];
      if (axis_scores.contains(term.code)) axes.rows.push_back({w.Label("axes", term.code), w.Percent(axis_scores[term.code])});
    }
    AddTable(doc, std::move(axes));
    Heading(doc, w.Say("تطور الدرجة عبر الفترات", "Trend over periods"));
    report::Table trend{{w.Say("الفترة", "Period"), w.Say("الحالة", "Status"), w.Say("الدرجة الكلية", "Overall")}, {}, {2, 2, 1}};
    for (const Json& p : scorecard["periods"]) {
      trend.rows.push_back({w.Period(p["period"]), w.Status(p["status"]), w.Percent(p["scores"]["overall"])});
    }
    AddTable(doc, std::move(trend));
  }

  Heading(doc, w.Say("مؤشرات الأداء", "Key performance indicators"));
  const Json& kpis = scorecard["kpis"];
  if (kpis["items"].empty()) {
    Paragraph(doc, w.Say("لا توجد مؤشرات للجهة.", "The entity has no KPIs."));
  } else {
    report::Table table{{w.Say("المؤشر", "KPI"), w.Say("الفترة", "Period"), w.Say("القيمة", "Value"), w.Say("المستهدف", "Target"),
                         w.Say("الحالة", "Status")},
                        {},
                        {2.6, 1.4, 1, 1.3, 1.4}};
    for (const Json& k : kpis["items"]) {
      table.rows.push_back({w.Name(k), k["period"].is_string() ? w.Period(k["period"]) : "—", w.Number(k["value"]),
                            w.Number(k["target"]), w.Label("kpi_statuses", k["status"])});
    }
    AddTable(doc, std::move(table));
  }

  Heading(doc, w.Say("الأنشطة", "Activities"));
  const Json& act = scorecard["activities"];
  Paragraph(doc, std::string(w.Say("الأنشطة المفتوحة: ", "Open activities: ")) + w.Number(act["open"]) + " — " +
                     w.Say("على المسار: ", "on track: ") + w.Percent(act["on_track_share"]) + " — " +
                     w.Say("متأخرة: ", "overdue: ") + w.Number(act["overdue"]));
  report::Table statuses{{w.Say("الحالة", "Status"), w.Say("العدد", "Count")}, {}, {3, 1}};
  for (const auto& [status, n] : act["by_status"].items()) statuses.rows.push_back({w.Label("activity_statuses", status), w.Number(n)});
  AddTable(doc, std::move(statuses));
  try {
    return Render(doc, options, "scorecard-" + entity.value("code", std::string("entity")));
  } catch (const std::exception& e) {
    return core::Error::Internal(std::string("report: ") + e.what());
  }
}

}  // namespace sawt::strategy
