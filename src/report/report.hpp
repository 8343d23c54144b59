#pragma once

// Printable reports (scorecards) rendered to PDF on the server. Pango shapes the text, so Arabic
// is joined and ordered correctly, and Cairo writes it as real text: pdftotext gets it back.

#include <string>
#include <vector>

namespace sawt::report {

/// A table whose rows flow over pages; the header row repeats on every page it continues on.
struct Table {
  std::vector<std::string> headers;
  /// Each row has one cell per header; missing cells are empty, extra cells are ignored.
  std::vector<std::vector<std::string>> rows;
  /// Optional relative column widths (e.g. {3, 1, 1}); empty or of another size means equal widths.
  std::vector<double> widths;
};

/// One piece of the report body, in reading order.
struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kPageBreak };
  Kind kind = Kind::kParagraph;
  std::string text;  ///< kHeading and kParagraph: plain text ('\n' starts a new line), not markup
  Table table;       ///< kTable only
};

/// A report. All text is plain UTF-8; ill-formed sequences and control characters are dropped.
struct Document {
  /// "ar": right-to-left pages (right-aligned text, first table column on the right) with
  /// Arabic-Indic page numbers; anything else: left-to-right with Latin digits.
  std::string lang = "ar";
  std::string title;     ///< on top of the first page and in the PDF metadata
  std::string subtitle;  ///< under the title
  std::string footer;    ///< on every page (e.g. "Generated 2026-12-06"), beside "n / N"
  std::vector<Block> blocks;
};

/// The document as the bytes of an A4 portrait PDF. Always at least one page.
/// Safe to call from several threads at once: each call has its own surface and Pango context.
/// Throws std::runtime_error when Cairo fails (out of memory).
std::string RenderPdf(const Document& doc);

}  // namespace sawt::report
