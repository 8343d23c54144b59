#include "text/stop_words.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "text/normalize.hpp"

namespace sawt::text {
namespace {

// sawt's own lists: function words that carry no topic in government news and social posts.
// Written in ordinary spelling; they are normalized when the set is built. "على" is left out on
// purpose: normalized it becomes "علي", the common given name Ali.
constexpr std::array kArabic = std::to_array<std::string_view>({
    // prepositions and adverbs of place and time
    "في", "من", "إلى", "عن", "مع", "حتى", "منذ", "لدى", "عند", "خلال", "بين", "حول", "دون",
    "نحو", "عبر", "فوق", "تحت", "أمام", "خلف", "بعد", "قبل", "ضمن", "إلا", "سوى", "غير",
    "مثل", "لدي", "كذلك", "هنا", "هناك", "حيث", "الآن", "ثمة",
    // conjunctions and particles
    "و", "أو", "ثم", "ف", "لكن", "بل", "أم", "إما", "كما", "إذ", "إذا", "إن", "أن",
    "لأن", "كي", "لكي", "حين", "بينما", "عندما", "لما", "لو", "لولا", "لعل", "قد", "لقد",
    "لا", "لم", "لن", "ليس", "ليست", "سوف", "هل", "يا", "إذن", "أي", "أيضا", "فقط", "ال",
    "ما", "ماذا", "متى", "أين", "كيف", "لماذا", "كم",
    // pronouns and demonstratives
    "هو", "هي", "هم", "هن", "هما", "أنا", "نحن", "أنت", "أنتم", "أنتما", "أنتن",
    "هذا", "هذه", "هذان", "هاتان", "هؤلاء", "ذلك", "تلك", "ذاك", "أولئك",
    // relative pronouns
    "الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي",
    // quantifiers and the copula
    "كل", "بعض", "جميع", "كان", "كانت", "يكون", "تكون", "كانوا",
    // frequent clitic combinations that stay one token
    "وقد", "وفي", "ومن", "وهو", "وهي", "وأن", "وإن", "ولا", "ولم", "وما", "فيه", "فيها",
    "فيهم", "منه", "منها", "منهم", "عليه", "عليها", "عليهم", "إليه", "إليها", "به", "بها",
    "بهم", "له", "لها", "لهم", "عنه", "عنها", "أنه", "أنها", "إنه", "إنها",
});

constexpr std::array kEnglish = std::to_array<std::string_view>({
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as",
    "of", "in", "on", "at", "by", "for", "to", "from", "with", "without", "into", "onto",
    "about", "over", "under", "after", "before", "between", "through", "during", "per",
    "is", "am", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
    "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here",
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how",
    "not", "no", "all", "any", "each", "some", "such", "only", "also", "very", "just",
    "up", "down", "out", "off", "again", "more", "most", "other", "same", "own", "too",
    "s", "t", "don't", "it's", "rt", "via",
});

// Set of normalized stop words, built once. A 12-bit signature of a word (length and a few
// bytes) picks a bucket; most words that are not stop words land in an empty bucket and cost
// one table load.
class StopSet {
 public:
  StopSet() {
    for (const std::string_view w : kArabic) Add(Normalize(w));
    for (const std::string_view w : kEnglish) Add(Normalize(w));
    buckets_.fill(-1);
    next_.assign(words_.size(), -1);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      const std::uint32_t sig = Signature(words_[i]);
      next_[i] = buckets_[sig];
      buckets_[sig] = static_cast<std::int16_t>(i);
    }
  }

  bool Contains(std::string_view w) const {
    if (w.empty() || w.size() > max_len_) return false;
    for (int i = buckets_[Signature(w)]; i >= 0; i = next_[static_cast<std::size_t>(i)]) {
      const std::string& candidate = words_[static_cast<std::size_t>(i)];
      if (candidate.size() == w.size() && std::memcmp(candidate.data(), w.data(), w.size()) == 0) {
        return true;
      }
    }
    return false;
  }

 private:
  // Length, the second and last bytes (for Arabic, the letters' distinguishing bytes) and the
  // third byte from the end, hashed to 12 bits.
  static std::uint32_t Signature(std::string_view w) {
    const auto* p = reinterpret_cast<const unsigned char*>(w.data());
    const std::size_t n = w.size();
    const std::uint32_t key = static_cast<std::uint32_t>(n) |
                              (std::uint32_t{p[n > 1 ? 1 : 0]} << 8) |
                              (std::uint32_t{p[n - 1]} << 16) |
                              (std::uint32_t{p[n > 2 ? n - 3 : 0]} << 24);
    return (key * 2654435761u) >> 20;
  }

  void Add(std::string w) {
    for (const std::string& existing : words_) {
      if (existing == w) return;
    }
    if (w.size() > max_len_) max_len_ = w.size();
    words_.push_back(std::move(w));
  }

  std::vector<std::string> words_;
  std::array<std::int16_t, 4096> buckets_{};
  std::vector<std::int16_t> next_;
  std::size_t max_len_ = 0;
};

const StopSet& GetStopSet() {
  static const StopSet set;
  return set;
}

}  // namespace

bool IsStopWord(std::string_view normalized_word) {
  return GetStopSet().Contains(normalized_word);
}

std::span<const std::string_view> ArabicStopWords() { return kArabic; }

std::span<const std::string_view> EnglishStopWords() { return kEnglish; }

}  // namespace sawt::text
