#pragma once

#include <string>

#include "report/report.hpp"

namespace sawt::report {

/// The document as one self-contained printable HTML page (inline print stylesheet: A4, table
/// headers repeat on each printed page, no scripts, no external resources), right-to-left for
/// Arabic. Text is escaped; ill-formed UTF-8 is dropped like RenderPdf does.
std::string RenderHtml(const Document& doc);

}  // namespace sawt::report
