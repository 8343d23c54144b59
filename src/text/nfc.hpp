#pragma once

#include <string>
#include <string_view>

namespace sawt::text {

/// Unicode Normalization Form C of UTF-8 text (ICU), the form sawt stores all input in
/// (DESIGN.md "Text"): canonically equivalent spellings, e.g. alef + combining hamza above
/// (U+0627 U+0654) and alef with hamza above (U+0623), become the same bytes. ASCII and text
/// already in NFC are returned unchanged without conversion. Ill-formed UTF-8 is returned as is
/// (callers validate encoding first). Thread-safe.
std::string ToNfc(std::string_view text);

}  // namespace sawt::text
