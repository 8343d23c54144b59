#include "report/html.hpp"

#include "core/html.hpp"
#include "core/utf8.hpp"

namespace sawt::report {
namespace {

constexpr const char* kStyle = R"CSS(
body{font-family:"Noto Naskh Arabic","Noto Sans",sans-serif;margin:2rem auto;max-width:60rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.6rem;margin:0}p.subtitle{color:#444;margin:.25rem 0 1.5rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #bbb}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #999;padding:.3rem .45rem;text-align:start;vertical-align:top}
th{background:#eef2f1}tr{break-inside:avoid}
footer{margin-top:2rem;color:#555;font-size:.85rem}
@page{size:A4;margin:16mm}
@media print{body{margin:0;max-width:none}thead{display:table-header-group}a{color:inherit}}
)CSS";

bool Printable(char32_t c) { return (c == '\n' || c >= 0x20) && !(c >= 0x7F && c <= 0x9F) && !core::IsNoncharacter(c); }

/// Escapes text for HTML, dropping what RenderPdf drops (ill-formed UTF-8, controls); a newline
/// starts a new line.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : core::HtmlEscape(core::KeepCodePoints(s, Printable))) {
    if (c == '\n') out += "<br>";
    else out.push_back(c);
  }
  return out;
}

void AppendTable(std::string& out, const Table& t) {
  out += "<table><thead><tr>";
  for (const auto& h : t.headers) out += "<th scope=\"col\">" + Escape(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < t.headers.size(); ++i) out += "<td>" + (i < row.size() ? Escape(row[i]) : "") + "</td>";
    out += "</tr>";
  }
  out += "</tbody></table>";
}

}  // namespace

std::string RenderHtml(const Document& doc) {
  const bool rtl = doc.lang == "ar";
  std::string out = "<!DOCTYPE html><html lang=\"" + std::string(rtl ? "ar" : "en") + "\" dir=\"" + (rtl ? "rtl" : "ltr") +
                    "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>" + Escape(doc.title) + "</title><style>" + kStyle + "</style></head><body><header><h1>" +
                    Escape(doc.title) + "</h1>";
  if (!doc.subtitle.empty()) out += "<p class=\"subtitle\">" + Escape(doc.subtitle) + "</p>";
  out += "</header><main>";
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading: out += "<h2>" + Escape(b.text) + "</h2>"; break;
      case Block::Kind::kParagraph: out += "<p>" + Escape(b.text) + "</p>"; break;
      case Block::Kind::kTable: AppendTable(out, b.table); break;
      case Block::Kind::kPageBreak: out += "<div style=\"break-after:page\"></div>"; break;
    }
  }
  out += "</main>";
  if (!doc.footer.empty()) out += "<footer>" + Escape(doc.footer) + "</footer>";
  return out + "</body></html>";
}

}  // namespace sawt::report
