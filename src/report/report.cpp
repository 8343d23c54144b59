#include "report/report.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "core/utf8.hpp"

namespace sawt::report {
namespace {

// A4 in PostScript points, and the printable frame inside it.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;  // about 2 cm
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin - 18.0;  // the footer line sits below
constexpr double kCellPadding = 4.0;
constexpr double kBlockGap = 8.0;
constexpr double kKeepWithHeading = 48.0;  // about three body lines

// Pango lays out and Cairo draws in different units; these keep the conversions in one place.
double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }
int ToPango(double points) { return static_cast<int>(points * PANGO_SCALE); }

bool Printable(char32_t c) {
  // '\n' separates lines and '\t' goes to a tab stop; other controls would print as hex boxes.
  return (c == '\n' || c == '\t' || c >= 0x20) && !(c >= 0x7F && c <= 0x9F) && !core::IsNoncharacter(c);
}

std::string LocalDigits(int n, bool arabic) {
  std::string latin = std::to_string(n);
  if (!arabic) return latin;
  std::string out;
  for (char d : latin) core::AppendUtf8(out, U'\u0660' + static_cast<char32_t>(d - '0'));
  return out;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays the document out page by page. Run twice: once to count the pages (nothing drawn), then
// to draw, because every footer carries the page count.
class Renderer {
 public:
  Renderer(cairo_t* cr, const Document& doc)
      : cr_(cr), doc_(doc), rtl_(doc.lang == "ar"), context_(pango_cairo_create_context(cr)) {
    // The base direction comes from the document, not from each string's first strong character,
    // so an Arabic report keeps right-aligned cells even where a cell starts with a Latin name.
    pango_context_set_base_dir(context_, rtl_ ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    // Cairo's PDF unit is the point: at Pango's default 96 dpi a "10" font would be 13.3 pt, and
    // positions rounded to whole units shift glyphs enough for pdftotext to see spaces in words.
    pango_cairo_context_set_resolution(context_, 72);
    pango_context_set_round_glyph_positions(context_, FALSE);
    pango_context_set_language(context_, pango_language_from_string(rtl_ ? "ar" : "en"));
    // Kufi keeps the most Arabic extractable by pdftotext (poppler 22): it draws lam-alef after a
    // non-joining letter (الأداء) as two glyphs, while poppler swaps the letters of Noto Sans
    // Arabic's one ligature glyph and breaks Naskh's lam-alef words apart (docs/adr/0003).
    const std::string families = rtl_ ? "Noto Kufi Arabic,Noto Sans" : "Noto Sans,Noto Kufi Arabic";
    title_font_ = pango_font_description_from_string((families + " Bold 20").c_str());
    subtitle_font_ = pango_font_description_from_string((families + " 13").c_str());
    heading_font_ = pango_font_description_from_string((families + " Bold 15").c_str());
    body_font_ = pango_font_description_from_string((families + " 11").c_str());
    header_font_ = pango_font_description_from_string((families + " Bold 10").c_str());
    cell_font_ = pango_font_description_from_string((families + " 10").c_str());
    footer_font_ = pango_font_description_from_string((families + " 9").c_str());
  }
  ~Renderer() {
    for (PangoFontDescription* font :
         {title_font_, subtitle_font_, heading_font_, body_font_, header_font_, cell_font_, footer_font_}) {
      pango_font_description_free(font);
    }
    g_object_unref(context_);
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Lays out (and, when `draw`, draws) every page; returns how many pages there are.
  int Run(bool draw, int page_count) {
    draw_ = draw;
    page_count_ = page_count;
    page_ = 1;
    y_ = kMargin;
    if (!doc_.title.empty()) Flow(doc_.title, title_font_, 4);
    if (!doc_.subtitle.empty()) Flow(doc_.subtitle, subtitle_font_, 4);
    if (!doc_.title.empty() || !doc_.subtitle.empty()) y_ += 2 * kBlockGap;
    for (const Block& block : doc_.blocks) {
      switch (block.kind) {
        case Block::Kind::kHeading: {
          // Keep a heading with the first lines of what it introduces.
          PangoLayout* layout = Layout(block.text, heading_font_, kContentWidth);
          if (y_ + Height(layout) + kKeepWithHeading > kBodyBottom) NewPage();
          g_object_unref(layout);
          y_ += kBlockGap;
          Flow(block.text, heading_font_, kBlockGap / 2);
          break;
        }
        case Block::Kind::kParagraph: Flow(block.text, body_font_, kBlockGap); break;
        case Block::Kind::kTable: DrawTable(block.table); break;
        case Block::Kind::kPageBreak: NewPage(); break;
      }
    }
    FinishPage();
    return page_;
  }

 private:
  // A layout of `text` wrapped to `width`, aligned to the start side of the document.
  PangoLayout* Layout(std::string_view text, const PangoFontDescription* font, double width,
                      bool align_end = false) {
    PangoLayout* layout = pango_layout_new(context_);
    pango_layout_set_auto_dir(layout, FALSE);  // with it on, Pango would mirror the alignment
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, ToPango(width));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);  // long words (URLs) still break
    pango_layout_set_alignment(layout, (rtl_ != align_end) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    const std::string clean = core::KeepCodePoints(text, Printable);
    pango_layout_set_text(layout, clean.data(), static_cast<int>(clean.size()));
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return FromPango(height);
  }

  void Show(PangoLayout* layout, double x, double y) {
    if (!draw_) return;
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  // Text across the full width, line by line so that a long paragraph continues on the next page.
  void Flow(std::string_view text, const PangoFontDescription* font, double gap_after) {
    PangoLayout* layout = Layout(text, font, kContentWidth);
    PangoLayoutIter* line = pango_layout_get_iter(layout);
    do {
      PangoRectangle extents;
      pango_layout_iter_get_line_extents(line, nullptr, &extents);
      const double height = FromPango(extents.height);
      if (y_ + height > kBodyBottom && y_ > kMargin) NewPage();
      if (draw_) {
        // show_layout_line starts at the baseline and at the line's own (aligned) left edge.
        const double baseline = FromPango(pango_layout_iter_get_baseline(line) - extents.y);
        cairo_move_to(cr_, kMargin + FromPango(extents.x), y_ + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(line));
      }
      y_ += height;
    } while (pango_layout_iter_next_line(line));
    pango_layout_iter_free(line);
    g_object_unref(layout);
    y_ += gap_after;
  }

  // Column widths in points; invalid or missing weights mean equal columns.
  std::vector<double> ColumnWidths(const Table& table) const {
    const size_t columns = table.headers.size();
    std::vector<double> weights = table.widths;
    if (weights.size() != columns || std::any_of(weights.begin(), weights.end(), [](double w) { return !(w > 0); })) {
      weights.assign(columns, 1.0);
    }
    double total = 0;
    for (double w : weights) total += w;
    for (double& w : weights) w = kContentWidth * w / total;
    return weights;
  }

  // One row of cells; returns its height. Laid out first so that a row never splits.
  double Row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header,
             bool measure_only) {
    std::vector<PangoLayout*> layouts;
    double height = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string_view text = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
      layouts.push_back(Layout(text, header ? header_font_ : cell_font_, widths[i] - 2 * kCellPadding));
      height = std::max(height, Height(layouts.back()) + 2 * kCellPadding);
    }
    if (!measure_only && draw_) {
      double start = 0;  // distance of the cell's start edge from the content's start edge
      for (size_t i = 0; i < widths.size(); ++i) {
        const double x = rtl_ ? kMargin + kContentWidth - start - widths[i] : kMargin + start;
        cairo_rectangle(cr_, x, y_, widths[i], height);
        if (header) {
          cairo_set_source_rgb(cr_, 0.90, 0.92, 0.94);
          cairo_fill_preserve(cr_);
        }
        cairo_set_source_rgb(cr_, 0.55, 0.58, 0.62);
        cairo_set_line_width(cr_, 0.5);
        cairo_stroke(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        Show(layouts[i], x + kCellPadding, y_ + kCellPadding);
        start += widths[i];
      }
    }
    for (PangoLayout* layout : layouts) g_object_unref(layout);
    return height;
  }

  void DrawTable(const Table& table) {
    if (table.headers.empty()) return;
    const std::vector<double> widths = ColumnWidths(table);
    const double header_height = Row(table.headers, widths, true, true);
    bool header_on_page = false;
    for (size_t r = 0; r <= table.rows.size(); ++r) {
      // r == rows.size() only places the header of a table without rows.
      const double row_height = r < table.rows.size() ? Row(table.rows[r], widths, false, true) : 0;
      const double needed = row_height + (header_on_page ? 0 : header_height);
      // A row taller than a whole page is drawn anyway (and clipped) rather than looping forever.
      if (y_ + needed > kBodyBottom && y_ > kMargin) {
        NewPage();
        header_on_page = false;
      }
      if (!header_on_page) {
        y_ += Row(table.headers, widths, true, false);
        header_on_page = true;
      }
      if (r < table.rows.size()) y_ += Row(table.rows[r], widths, false, false);
    }
    y_ += kBlockGap;
  }

  void DrawFooter() {
    const double y = kPageHeight - kMargin;
    PangoLayout* footer = Layout(doc_.footer, footer_font_, kContentWidth);
    const std::string number = LocalDigits(page_, rtl_) + " / " + LocalDigits(page_count_, rtl_);
    PangoLayout* page_number = Layout(number, footer_font_, kContentWidth, true);
    cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
    Show(footer, kMargin, y);
    Show(page_number, kMargin, y);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    g_object_unref(footer);
    g_object_unref(page_number);
  }

  void FinishPage() {
    if (!draw_) return;
    DrawFooter();
    cairo_show_page(cr_);
  }

  void NewPage() {
    FinishPage();
    ++page_;
    y_ = kMargin;
  }

  cairo_t* cr_;
  const Document& doc_;
  const bool rtl_;
  PangoContext* context_;
  PangoFontDescription* title_font_;
  PangoFontDescription* subtitle_font_;
  PangoFontDescription* heading_font_;
  PangoFontDescription* body_font_;
  PangoFontDescription* header_font_;
  PangoFontDescription* cell_font_;
  PangoFontDescription* footer_font_;
  bool draw_ = false;
  int page_ = 1;
  int page_count_ = 1;
  double y_ = kMargin;
};

}  // namespace

std::string RenderPdf(const Document& doc) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("report: cannot create a PDF surface");
  }
  cairo_t* cr = cairo_create(surface);
  const std::string title = core::KeepCodePoints(doc.title, Printable);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "sawt");
  {
    Renderer renderer(cr, doc);
    const int pages = renderer.Run(false, 0);
    renderer.Run(true, pages);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("report: cairo failed: ") + cairo_status_to_string(status));
  }
  return pdf;
}

}  // namespace sawt::report
