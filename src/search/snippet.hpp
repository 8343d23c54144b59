#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "text/analyzer.hpp"

namespace sawt::search {

/// An HTML snippet of `text` around its first term in `terms` (analysed with `analyzer`; a token
/// hits when its term or its alternative term, see AnalyzerOptions::waw_alternatives, is in
/// `terms`): about
/// `max_words` tokens from a few before the first hit, every matching token wrapped in
/// <mark>…</mark>, everything else HTML-escaped, "…" where text was cut. Without a hit, the
/// start of the text. Thread-safe.
std::string Snippet(const text::Analyzer& analyzer, std::string_view text, const std::set<std::string>& terms,
                    std::size_t max_words = 30);

/// Whether `text` has any of `terms` (a token's term or alternative term, as in Snippet).
bool HasAnyTerm(const text::Analyzer& analyzer, std::string_view text, const std::set<std::string>& terms);

}  // namespace sawt::search
