#pragma once

#include <string>
#include <string_view>

namespace sawt::core {

/// `text` with &, <, >, " and ' replaced by HTML entities (safe in element text and quoted
/// attributes).
std::string HtmlEscape(std::string_view text);

}  // namespace sawt::core
