#include "text/stem.hpp"

#include <array>
#include <cstdint>

#include <libstemmer.h>

namespace sawt::text {
namespace {

// Every affix letter is a two-byte UTF-8 sequence; a letter is compared as the 16-bit number
// made of its two bytes, so no comparison reads across a code point boundary.
constexpr std::uint16_t Letter(char32_t c) {
  return static_cast<std::uint16_t>(((0xC0u | (c >> 6)) << 8) | (0x80u | (c & 0x3Fu)));
}

constexpr std::uint16_t kAlef = Letter(0x0627);
constexpr std::uint16_t kBeh = Letter(0x0628);
constexpr std::uint16_t kTehMarbuta = Letter(0x0629);
constexpr std::uint16_t kTeh = Letter(0x062A);
constexpr std::uint16_t kFeh = Letter(0x0641);
constexpr std::uint16_t kKaf = Letter(0x0643);
constexpr std::uint16_t kLam = Letter(0x0644);
constexpr std::uint16_t kNoon = Letter(0x0646);
constexpr std::uint16_t kHeh = Letter(0x0647);
constexpr std::uint16_t kWaw = Letter(0x0648);
constexpr std::uint16_t kYeh = Letter(0x064A);

// Lucene ArabicStemmer's suffix table, in its order: ها ان ات ون ين يه ية ه ة ي. Index i in
// this order is what the comments below call "suffix i".
constexpr int kSuffixCount = 10;

inline std::uint16_t At(const unsigned char* p, std::size_t i) {
  return static_cast<std::uint16_t>((p[i] << 8) | p[i + 1]);
}

std::size_t CountLetters(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

struct ThreadStemmers {
  std::unique_ptr<SnowballStemmer> arabic = SnowballStemmer::Create("arabic");
  std::unique_ptr<SnowballStemmer> english = SnowballStemmer::Create("english");
};

ThreadStemmers& Stemmers() {
  thread_local ThreadStemmers stemmers;
  return stemmers;
}

// Lucene ArabicStemmer's suffix rules on word[begin, end) (`letters` code points): every suffix
// that matches, in table order, each leaving at least two letters. Returns the new end.
inline std::size_t StripSuffixes(const unsigned char* p, std::size_t begin, std::size_t end,
                                 std::size_t letters) {
  // Instead of testing all ten, look at the last letter: it names the few suffixes that can
  // match. `next` is the first table index still allowed (a suffix applies at most once and
  // never before one already applied).
  int next = 0;
  while (next < kSuffixCount && end - begin >= 2 && letters >= 3) {
    const std::uint16_t last = At(p, end - 2);
    const std::uint16_t prev = (end - begin >= 4) ? At(p, end - 4) : 0;
    const bool two_ok = letters >= 4 && end - begin >= 4;
    int match = -1;
    std::size_t strip = 0;
    if (last == kAlef) {
      if (next <= 0 && two_ok && prev == kHeh) match = 0, strip = 2;  // ها
    } else if (last == kNoon) {
      if (next <= 1 && two_ok && prev == kAlef) match = 1, strip = 2;       // ان
      else if (next <= 3 && two_ok && prev == kWaw) match = 3, strip = 2;   // ون
      else if (next <= 4 && two_ok && prev == kYeh) match = 4, strip = 2;   // ين
    } else if (last == kTeh) {
      if (next <= 2 && two_ok && prev == kAlef) match = 2, strip = 2;  // ات
    } else if (last == kHeh) {
      if (next <= 5 && two_ok && prev == kYeh) match = 5, strip = 2;  // يه
      else if (next <= 7) match = 7, strip = 1;                          // ه
    } else if (last == kTehMarbuta) {
      if (next <= 6 && two_ok && prev == kYeh) match = 6, strip = 2;  // ية
      else if (next <= 8) match = 8, strip = 1;                          // ة
    } else if (last == kYeh) {
      if (next <= 9) match = 9, strip = 1;  // ي
    }
    if (match < 0) break;
    end -= 2 * strip;
    letters -= strip;
    next = match + 1;
  }
  return end;
}

// The light stem; with kWantWithoutWaw, also the stem without the single-letter و rule when
// that rule applied (else empty) in `*without_waw`.
template <bool kWantWithoutWaw>
inline std::string_view LightStem(std::string_view word, std::size_t letters,
                                  std::string_view* without_waw) {
  if constexpr (kWantWithoutWaw) *without_waw = {};
  // Any strip leaves two letters after removing at least one two-byte letter.
  if (word.size() < 4) return word;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  std::size_t begin = 0;
  // Prefixes, first match in Lucene's order ال وال بال كال فال لل و. They differ in their first
  // letter except وال and و, where the longer one is tried first as in Lucene.
  const std::uint16_t f0 = At(p, 0);
  if (f0 == kAlef) {
    if (letters >= 4 && At(p, 2) == kLam) begin = 4;
  } else if (f0 == kWaw || f0 == kBeh || f0 == kKaf || f0 == kFeh) {
    if (letters >= 5 && word.size() >= 6 && At(p, 2) == kAlef && At(p, 4) == kLam) {
      begin = 6;
    } else if (f0 == kWaw && letters >= 4) {
      begin = 2;  // the single-letter و rule
      if constexpr (kWantWithoutWaw) {
        // Without this rule no other prefix matches a word starting with و (وال did not), so
        // only the suffix rules run, on the whole word.
        *without_waw = word.substr(0, StripSuffixes(p, 0, word.size(), letters));
      }
    }
  } else if (f0 == kLam) {
    if (letters >= 4 && At(p, 2) == kLam) begin = 4;
  }
  const std::size_t end = StripSuffixes(p, begin, word.size(), letters - begin / 2);
  return word.substr(begin, end - begin);
}

}  // namespace

std::string_view ArabicLightStem(std::string_view word) {
  return detail::ArabicLightStem(word, CountLetters(word));
}

std::string_view ArabicLightStem(std::string_view word, std::string_view* without_waw) {
  return detail::ArabicLightStem(word, CountLetters(word), without_waw);
}

std::string_view detail::ArabicLightStem(std::string_view word, std::size_t letters) {
  return LightStem<false>(word, letters, nullptr);
}

std::string_view detail::ArabicLightStem(std::string_view word, std::size_t letters,
                                         std::string_view* without_waw) {
  return LightStem<true>(word, letters, without_waw);
}

struct SnowballStemmer::Impl {
  sb_stemmer* stemmer = nullptr;
};

std::unique_ptr<SnowballStemmer> SnowballStemmer::Create(const std::string& algorithm) {
  sb_stemmer* s = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (s == nullptr) return nullptr;
  return std::unique_ptr<SnowballStemmer>(new SnowballStemmer(new Impl{s}));
}

SnowballStemmer::~SnowballStemmer() {
  sb_stemmer_delete(impl_->stemmer);
  delete impl_;
}

std::string_view SnowballStemmer::Stem(std::string_view word) {
  const sb_symbol* out = sb_stemmer_stem(impl_->stemmer,
                                         reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (out == nullptr) return word;  // out of memory inside libstemmer: leave the word alone
  return {reinterpret_cast<const char*>(out),
          static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer))};
}

void SnowballArabicStemInto(std::string_view word, std::string* out) {
  SnowballStemmer* s = Stemmers().arabic.get();
  out->assign(s != nullptr ? s->Stem(word) : word);
}

void EnglishStemInto(std::string_view word, std::string* out) {
  SnowballStemmer* s = Stemmers().english.get();
  out->assign(s != nullptr ? s->Stem(word) : word);
}

std::string SnowballArabicStem(std::string_view word) {
  std::string out;
  SnowballArabicStemInto(word, &out);
  return out;
}

std::string EnglishStem(std::string_view word) {
  std::string out;
  EnglishStemInto(word, &out);
  return out;
}

}  // namespace sawt::text
