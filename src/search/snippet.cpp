#include "search/snippet.hpp"

#include <algorithm>
#include <vector>

#include "core/html.hpp"

namespace sawt::search {
namespace {

using core::HtmlEscape;

struct Span {
  std::size_t offset;
  std::size_t length;
  bool hit;
};

/// Every token of the text (stop words too, so the window counts real words) and whether it hits.
std::vector<Span> Spans(const text::Analyzer& analyzer, std::string_view text, const std::set<std::string>& terms) {
  std::vector<Span> spans;
  text::Tokenizer tokenizer(text);
  text::Token token;
  std::string scratch, term, alternative;
  while (tokenizer.Next(&token)) {
    const bool hit = analyzer.TermOf(token, &scratch, &term, &alternative) &&
                     (terms.count(term) > 0 || (!alternative.empty() && terms.count(alternative) > 0));
    spans.push_back({token.offset, token.length, hit});
  }
  return spans;
}

}  // namespace

bool HasAnyTerm(const text::Analyzer& analyzer, std::string_view text, const std::set<std::string>& terms) {
  text::Tokenizer tokenizer(text);
  text::Token token;
  std::string scratch, term, alternative;
  while (tokenizer.Next(&token)) {
    if (analyzer.TermOf(token, &scratch, &term, &alternative) &&
        (terms.count(term) > 0 || (!alternative.empty() && terms.count(alternative) > 0))) {
      return true;
    }
  }
  return false;
}

std::string Snippet(const text::Analyzer& analyzer, std::string_view text, const std::set<std::string>& terms,
                    std::size_t max_words) {
  const std::vector<Span> spans = Spans(analyzer, text, terms);
  if (spans.empty() || max_words == 0) return HtmlEscape(text.substr(0, std::min<std::size_t>(text.size(), 200)));
  std::size_t first = 0;
  while (first < spans.size() && !spans[first].hit) ++first;
  if (first == spans.size()) first = 0;
  // A third of the window before the first hit, the rest after it.
  const std::size_t before = max_words / 3;
  std::size_t begin = first > before ? first - before : 0;
  std::size_t end = std::min(spans.size(), begin + max_words);
  if (end - begin < max_words) begin = end > max_words ? end - max_words : 0;
  const std::size_t from = begin == 0 ? 0 : spans[begin].offset;
  const std::size_t to = end == spans.size() ? text.size() : spans[end - 1].offset + spans[end - 1].length;
  std::string out;
  if (from > 0) out += "…";
  std::size_t at = from;
  for (std::size_t i = begin; i < end; ++i) {
    if (!spans[i].hit) continue;
    out += HtmlEscape(text.substr(at, spans[i].offset - at));
    out += "<mark>";
    out += HtmlEscape(text.substr(spans[i].offset, spans[i].length));
    out += "</mark>";
    at = spans[i].offset + spans[i].length;
  }
  out += HtmlEscape(text.substr(at, to - at));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace sawt::search
