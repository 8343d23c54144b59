#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sawt::text {

/// Arabic light stemming exactly as Lucene's ArabicStemmer (Larkey, Ballesteros and Connell's
/// light stemmer family): strips the first matching prefix of ال وال بال كال فال لل و and then,
/// in this order, every matching suffix of ها ان ات ون ين يه ية ه ة ي. A prefix is stripped
/// only if at least 2 letters remain (و: at least 3); each suffix only if at least 2 remain.
/// Lengths are counted in code points. Expects normalized input (see Normalize); other text
/// (Latin, numbers) comes back unchanged. The result views `word`. Thread-safe.
std::string_view ArabicLightStem(std::string_view word);

/// ArabicLightStem(word), the same result. In addition, when that stem removed the single-letter
/// و prefix (the last prefix rule), sets `*without_waw` to the light stem computed with that one
/// rule disabled, i.e. the word read with its first و as a root letter rather than the
/// conjunction ("وزاره": returns "زار", *without_waw = "وزار"); otherwise sets it empty. Both
/// results view `word`. Thread-safe.
std::string_view ArabicLightStem(std::string_view word, std::string_view* without_waw);

namespace detail {

/// ArabicLightStem for a caller that already knows the number of code points in `word`.
/// REQUIRES: letters == CountCodePoints(word).
std::string_view ArabicLightStem(std::string_view word, std::size_t letters);

/// The two-result ArabicLightStem for a caller that knows the number of code points in `word`.
/// REQUIRES: letters == CountCodePoints(word).
std::string_view ArabicLightStem(std::string_view word, std::size_t letters,
                                 std::string_view* without_waw);

}  // namespace detail

/// A Snowball stemmer from libstemmer working on UTF-8.
/// Not thread-safe: use one per thread (the free functions below keep one per thread).
class SnowballStemmer {
 public:
  /// Creates a stemmer for a libstemmer algorithm name ("arabic", "english", "porter", ...).
  /// Returns nullptr if libstemmer does not know `algorithm`.
  static std::unique_ptr<SnowballStemmer> Create(const std::string& algorithm);

  ~SnowballStemmer();
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  /// Stems `word`. The result views an internal buffer valid until the next call.
  std::string_view Stem(std::string_view word);

 private:
  struct Impl;
  explicit SnowballStemmer(Impl* impl) : impl_(impl) {}
  Impl* impl_;
};

/// Snowball "arabic" stem of `word` (raw or normalized text). Thread-safe.
std::string SnowballArabicStem(std::string_view word);

/// Snowball "english" (Porter2) stem of `word`. REQUIRES: `word` is lower-case (Normalize
/// does that). Thread-safe.
std::string EnglishStem(std::string_view word);

/// As EnglishStem, but writes into `*out` (cleared first). Thread-safe.
void EnglishStemInto(std::string_view word, std::string* out);

/// As SnowballArabicStem, but writes into `*out` (cleared first). Thread-safe.
void SnowballArabicStemInto(std::string_view word, std::string* out);

}  // namespace sawt::text
