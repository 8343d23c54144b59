#pragma once

#include <string>
#include <string_view>

namespace sawt::text {

/// Normalizes UTF-8 text for matching: NFKC with Unicode case folding (ICU "nfkc_cf", which
/// also drops default-ignorable code points such as ZWNJ and ZWJ), then the character rules of
/// Lucene's ArabicNormalizer and PersianNormalizer, plus the removal of superscript alef and
/// the mapping of Arabic-Indic digits and separators to ASCII. Every rule and its source is
/// listed in src/text/README.md.
///
/// Works on whole texts as well as on single tokens (spaces are kept). Ill-formed UTF-8 bytes
/// are dropped. Idempotent: Normalize(Normalize(s)) == Normalize(s). Thread-safe.
std::string Normalize(std::string_view text);

/// As Normalize, but writes into `*out` (cleared first) so a caller can reuse its buffer.
/// REQUIRES: `out` does not alias `text`.
void NormalizeInto(std::string_view text, std::string* out);

namespace detail {

/// Normalize's table-only fast path, for the analyzer's hot loop. Returns false (with `*out`
/// unspecified) when `text` needs ICU; otherwise writes what Normalize would and stores the
/// number of code points written in `*code_points`.
bool NormalizeFastPath(std::string_view text, std::string* out, std::size_t* code_points);

/// True when Normalize(text) == text can be decided without ICU and holds (the usual case for
/// undiacritized words); then stores the number of code points in `*code_points`.
bool IsNormalizedFast(std::string_view text, std::size_t* code_points);

}  // namespace detail

}  // namespace sawt::text
