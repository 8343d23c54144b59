#pragma once

// The public face of sawt's text engine. Including this header gives the whole engine:
// tokenizer, normalizer, stemmers, stop words, number and date extraction, language
// identification, BM25 and cosine similarity, and SimHash near-duplicate detection.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/dedupe.hpp"
#include "text/langid.hpp"
#include "text/normalize.hpp"
#include "text/numbers.hpp"
#include "text/similarity.hpp"
#include "text/stem.hpp"
#include "text/stop_words.hpp"
#include "text/tokenize.hpp"
#include "text/unicode.hpp"
#include "text/word_diff.hpp"

namespace sawt::text {

/// The normalized form of one token: Normalize(token.text), except that emoji keep their
/// zero-width joiners (so a family emoji stays one emoji) and lose only variation selectors.
/// Writes into `*out` (cleared first). Thread-safe.
void NormalizeTokenInto(const Token& token, std::string* out);

/// How Arabic words are stemmed.
enum class ArabicStemming {
  kNone,      // normalized form only
  kLight,     // ArabicLightStem (Lucene ArabicStemmer rules), the default
  kSnowball,  // libstemmer's Snowball "arabic"
};

/// Analyzer settings. The defaults are what sawt indexes and queries with; an index and its
/// queries must use the same settings.
struct AnalyzerOptions {
  /// Stemmer for Arabic words. Default: kLight.
  ArabicStemming arabic_stemming = ArabicStemming::kLight;
  /// Stem Latin-script words with Porter2 (Snowball "english"). Default: true.
  bool stem_english = true;
  /// Drop sawt's Arabic and English stop words (see stop_words.hpp). Default: true.
  bool remove_stop_words = true;
  /// With kLight: when the light stem of an Arabic word removed the single-letter و prefix (the
  /// conjunction "and"), also emit the light stem with that rule disabled, at the same position
  /// and offsets, right after the primary term ("وزارة" → "زار" and "وزار"), so a word whose
  /// first و is a root letter still meets its other forms ("الوزارات" → "وزار"). See README.md.
  /// No effect with other stemmers. Default: false (one term per token, Lucene's output).
  bool waw_alternatives = false;
};

/// One term to index or to query, with where it came from.
struct IndexTerm {
  std::string text;            // normalized (and stemmed, for words) form
  TokenType type = TokenType::kWord;
  std::size_t offset = 0;      // bytes of the source token in the analysed text
  std::size_t length = 0;
  std::size_t position = 0;    // ordinal of the token among all tokens (stop words count)
};

/// Receives terms from Analyzer::Analyze without any allocation per term.
class TermSink {
 public:
  virtual ~TermSink() = default;
  /// Called once per term, in text order. `term` is valid only during the call; `token`
  /// views the analysed text. With AnalyzerOptions::waw_alternatives a token can give two
  /// terms: two calls in a row with the same token and position, the primary term first.
  virtual void OnTerm(std::string_view term, const Token& token, std::size_t position) = 0;
};

/// The analysis pipeline used by search on both stores (SQLite FTS5 and PostgreSQL):
/// tokenize -> normalize -> drop stop words -> stem (Arabic light stem for Arabic words,
/// Porter2 for Latin words). Numbers, hashtags, mentions, URLs, e-mail addresses and emoji
/// are normalized but never stemmed or stopped.
///
/// Immutable after construction; every method is thread-safe.
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});

  const AnalyzerOptions& options() const { return options_; }

  /// Feeds every term of `text` to `sink`, in order.
  void Analyze(std::string_view text, TermSink& sink) const;

  /// Every term of `text` with byte offsets into `text` (an alternative term shares its
  /// primary's position, offset and length and follows it).
  std::vector<IndexTerm> IndexTerms(std::string_view text) const;

  /// Just the term strings of IndexTerms (for BM25 and cosine similarity).
  std::vector<std::string> Terms(std::string_view text) const;

  /// The term for one token: writes it to `*term` and returns true, or returns false when the
  /// token is a stop word or normalizes to nothing. `*scratch` is a reusable buffer.
  bool TermOf(const Token& token, std::string* scratch, std::string* term) const;

  /// As TermOf, and writes the token's alternative term (see waw_alternatives) to
  /// `*alternative`, or clears it when there is none.
  bool TermOf(const Token& token, std::string* scratch, std::string* term,
              std::string* alternative) const;

  /// SimHash fingerprint of `text` for near-duplicate detection: the terms without URLs and
  /// mentions (so "RT @user:" and a changed link do not count), shingled by
  /// kDefaultShingleSize. Only primary terms count, so waw_alternatives does not change it.
  std::uint64_t Fingerprint(std::string_view text) const;

 private:
  // TermOf without the final copy: `*term` views `*scratch` or `*buffer`. When
  // `alternative` is not null, `*alternative` is set to the alternative term (viewing
  // `*scratch` or the token) or to empty.
  bool TermView(const Token& token, std::string* scratch, std::string* buffer,
                std::string_view* term, std::string_view* alternative = nullptr) const;

  AnalyzerOptions options_;
};

}  // namespace sawt::text
