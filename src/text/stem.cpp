#include "text/stem.hpp"

#include <array>

#include <libstemmer.h>

namespace sawt::text {
namespace {

// Every affix letter is a two-byte UTF-8 sequence, so affixes compare as bytes while the
// length rules count code points.
struct Affix {
  std::string_view bytes;
  std::size_t letters;
};

constexpr std::array<Affix, 7> kPrefixes = {{
    {"\u0627\u0644", 2},        // ال
    {"\u0648\u0627\u0644", 3},  // وال
    {"\u0628\u0627\u0644", 3},  // بال
    {"\u0643\u0627\u0644", 3},  // كال
    {"\u0641\u0627\u0644", 3},  // فال
    {"\u0644\u0644", 2},        // لل
    {"\u0648", 1},              // و
}};

constexpr std::array<Affix, 10> kSuffixes = {{
    {"\u0647\u0627", 2},  // ها
    {"\u0627\u0646", 2},  // ان
    {"\u0627\u062A", 2},  // ات
    {"\u0648\u0646", 2},  // ون
    {"\u064A\u0646", 2},  // ين
    {"\u064A\u0647", 2},  // يه
    {"\u064A\u0629", 2},  // ية
    {"\u0647", 1},        // ه
    {"\u0629", 1},        // ة
    {"\u064A", 1},        // ي
}};

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

}  // namespace

std::string_view ArabicLightStem(std::string_view word) {
  // Every affix starts with a lead byte of U+0600..U+06FF; anything else cannot match.
  if (word.size() < 4) return word;
  std::size_t letters = CountLetters(word);
  for (const Affix& prefix : kPrefixes) {
    const std::size_t min_letters = prefix.letters == 1 ? 4 : prefix.letters + 2;
    if (letters >= min_letters && word.starts_with(prefix.bytes)) {
      word.remove_prefix(prefix.bytes.size());
      letters -= prefix.letters;
      break;
    }
  }
  for (const Affix& suffix : kSuffixes) {
    if (letters >= suffix.letters + 2 && word.ends_with(suffix.bytes)) {
      word.remove_suffix(suffix.bytes.size());
      letters -= suffix.letters;
    }
  }
  return word;
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
