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

// Open-addressing set of normalized stop words, built once.
class StopSet {
 public:
  StopSet() {
    for (const std::string_view w : kArabic) Add(Normalize(w));
    for (const std::string_view w : kEnglish) Add(Normalize(w));
    slots_.assign(std::size_t{1} << 11, -1);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::size_t h = Hash(words_[i]) & (slots_.size() - 1);
      while (slots_[h] >= 0) h = (h + 1) & (slots_.size() - 1);
      slots_[h] = static_cast<int>(i);
      const std::uint32_t bit = Signature(words_[i]);
      filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }

  bool Contains(std::string_view w) const {
    if (w.empty() || w.size() > max_len_) return false;
    // Most words are not stop words; a 4096-bit filter on length and a few bytes rejects
    // nearly all of them before any hashing.
    const std::uint32_t bit = Signature(w);
    if ((filter_[bit / 64] & (std::uint64_t{1} << (bit % 64))) == 0) return false;
    std::size_t h = Hash(w) & (slots_.size() - 1);
    while (slots_[h] >= 0) {
      const std::string& candidate = words_[static_cast<std::size_t>(slots_[h])];
      if (candidate.size() == w.size() && std::memcmp(candidate.data(), w.data(), w.size()) == 0) {
        return true;
      }
      h = (h + 1) & (slots_.size() - 1);
    }
    return false;
  }

 private:
  // Length, the second and last bytes (for Arabic, the letters' distinguishing bytes) and the
  // third byte from the end, hashed to 12 bits.
  static std::uint32_t Signature(std::string_view w) {
    const auto* p = reinterpret_cast<const unsigned char*>(w.data());
    const std::size_t n = w.size();
    const std::uint32_t key = static_cast<std::uint32_t>(n) | (std::uint32_t{p[n > 1 ? 1 : 0]} << 8) |
                              (std::uint32_t{p[n - 1]} << 16) |
                              (std::uint32_t{p[n > 2 ? n - 3 : 0]} << 24);
    return (key * 2654435761u) >> 20;
  }

  // Mixes the length with the first and last eight bytes: cheap, and distinct enough for a
  // few hundred short words.
  static std::size_t Hash(std::string_view s) {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    const std::size_t n = s.size() < 8 ? s.size() : 8;
    std::memcpy(&head, s.data(), n);
    std::memcpy(&tail, s.data() + s.size() - n, n);
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ (tail + s.size()) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }

  void Add(std::string w) {
    for (const std::string& existing : words_) {
      if (existing == w) return;
    }
    if (w.size() > max_len_) max_len_ = w.size();
    words_.push_back(std::move(w));
  }

  std::vector<std::string> words_;
  std::vector<int> slots_;
  std::array<std::uint64_t, 64> filter_{};
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
