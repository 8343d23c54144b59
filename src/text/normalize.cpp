#include "text/normalize.hpp"

#include <array>
#include <cstdint>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include "text/unicode.hpp"

namespace sawt::text {
namespace {

// What the fast path does with each code point below U+0800 (ASCII, Latin-1, Arabic).
constexpr std::uint16_t kDelete = 0xFFFE;
constexpr std::uint16_t kSlow = 0xFFFF;
constexpr char32_t kFastLimit = 0x800;

// A fast-path rule for a code point below U+0800, as the UTF-8 bytes it becomes.
struct FastUtf8 {
  char bytes[2];
  std::uint8_t len;  // 0 = deleted, 1 or 2 = bytes used, kSlowLen = needs ICU
};
constexpr std::uint8_t kSlowLen = 3;

struct Tables {
  // Fast path: a code point maps to itself or another code point, is deleted, or sends the
  // whole text to the ICU path.
  std::array<std::uint16_t, kFastLimit> fast{};
  // After ICU nfkc_cf: the same rules, with kSlow read as "keep".
  std::array<std::uint16_t, kFastLimit> after_icu{};
  // `fast` as output bytes.
  std::array<FastUtf8, kFastLimit> fast_utf8{};
  const icu::Normalizer2* nfkc_cf = nullptr;
};

// The sawt rules that follow ICU's nfkc_cf; see README.md for the source of each.
void ApplyRules(std::array<std::uint16_t, kFastLimit>& t) {
  // Lucene ArabicNormalizer: hamza/madda on alef -> alef, alef maksura -> yeh,
  // teh marbuta -> heh, tatweel and the eight harakat removed.
  t[0x0622] = t[0x0623] = t[0x0625] = 0x0627;
  t[0x0649] = 0x064A;
  t[0x0629] = 0x0647;
  t[0x0640] = kDelete;
  for (char32_t c = 0x064B; c <= 0x0652; ++c) t[c] = kDelete;
  // sawt: superscript (dagger) alef removed like the harakat.
  t[0x0670] = kDelete;
  // Lucene PersianNormalizer: farsi yeh and yeh barree -> yeh, keheh -> kaf,
  // heh with yeh above and heh goal -> heh, combining hamza above removed.
  t[0x06CC] = t[0x06D2] = 0x064A;
  t[0x06A9] = 0x0643;
  t[0x06C0] = t[0x06C1] = 0x0647;
  t[0x0654] = kDelete;
  // sawt (after Lucene's DecimalDigitFilter in ArabicAnalyzer): Arabic-Indic and Extended
  // Arabic-Indic digits -> ASCII; Arabic decimal and thousands separators -> '.' and ','.
  for (char32_t d = 0; d < 10; ++d) {
    t[0x0660 + d] = static_cast<std::uint16_t>('0' + d);
    t[0x06F0 + d] = static_cast<std::uint16_t>('0' + d);
  }
  t[0x066B] = '.';
  t[0x066C] = ',';
}

const Tables& GetTables() {
  static const Tables tables = [] {
    Tables t;
    UErrorCode status = U_ZERO_ERROR;
    t.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) t.nfkc_cf = nullptr;
    for (char32_t c = 0; c < kFastLimit; ++c) {
      bool inert = c < 0x80;
      if (!inert && t.nfkc_cf != nullptr) {
        // A code point may stay on the fast path only if nfkc_cf maps it to itself and nothing
        // before it can combine with it; then no neighbour can change it either.
        UErrorCode s = U_ZERO_ERROR;
        const icu::UnicodeString one(static_cast<UChar32>(c));
        inert = t.nfkc_cf->hasBoundaryBefore(static_cast<UChar32>(c)) &&
                t.nfkc_cf->normalize(one, s) == one && U_SUCCESS(s);
      }
      t.fast[c] = inert ? static_cast<std::uint16_t>(c) : kSlow;
      t.after_icu[c] = static_cast<std::uint16_t>(c);
    }
    for (char32_t c = 'A'; c <= 'Z'; ++c) t.fast[c] = static_cast<std::uint16_t>(c - 'A' + 'a');
    ApplyRules(t.fast);
    // The rules delete the marks 0654 and 064B..0652, so the fast path may delete them
    // without the canonical reordering ICU would do; 0654 composes with the letter before it
    // and so must go through ICU first.
    t.fast[0x0654] = kSlow;
    ApplyRules(t.after_icu);
    for (char32_t c = 0; c < kFastLimit; ++c) {
      const std::uint16_t m = t.fast[c];
      FastUtf8& e = t.fast_utf8[c];
      if (m == kSlow) {
        e.len = kSlowLen;
      } else if (m == kDelete) {
        e.len = 0;
      } else if (m < 0x80) {
        e.bytes[0] = static_cast<char>(m);
        e.len = 1;
      } else {
        e.bytes[0] = static_cast<char>(0xC0 | (m >> 6));
        e.bytes[1] = static_cast<char>(0x80 | (m & 0x3F));
        e.len = 2;
      }
    }
    return t;
  }();
  return tables;
}

// Applies the rules in `table` (which has no kSlow entries) to `text`, appending to `*out`.
void MapCodePoints(std::string_view text, const std::array<std::uint16_t, kFastLimit>& table,
                   std::string* out) {
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(table[b]));
      ++i;
      continue;
    }
    int len = 0;
    const char32_t c = DecodeUtf8(text, i, &len);
    i += static_cast<std::size_t>(len);
    if (c == kInvalidCodePoint) continue;  // ill-formed bytes are dropped
    if (c < kFastLimit) {
      const std::uint16_t m = table[c];
      if (m != kDelete) AppendUtf8(m, *out);
      continue;
    }
    if (c == 0x200C || c == 0x200D) continue;  // nfkc_cf drops them as default ignorables
    out->append(text.substr(i - static_cast<std::size_t>(len), static_cast<std::size_t>(len)));
  }
}

}  // namespace

namespace detail {

bool IsNormalizedFast(std::string_view text, std::size_t* code_points) {
  const Tables& tables = GetTables();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < size) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (tables.fast[b] != b) return false;
      ++i;
    } else if (b >= 0xC2 && b < 0xE0 && i + 1 < size && (p[i + 1] & 0xC0) == 0x80) {
      const char32_t c = (char32_t{b & 0x1Fu} << 6) | (p[i + 1] & 0x3Fu);
      if (tables.fast[c] != c) return false;
      i += 2;
    } else {
      return false;
    }
    ++n;
  }
  *code_points = n;
  return true;
}

bool NormalizeFastPath(std::string_view text, std::string* out, std::size_t* code_points) {
  const Tables& tables = GetTables();
  const FastUtf8* table = tables.fast_utf8.data();
  out->resize(text.size());
  char* o = out->data();
  std::size_t n = 0;
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      *o++ = static_cast<char>(tables.fast[b]);
      ++n;
      ++i;
      continue;
    }
    if (b >= 0xC2 && b < 0xE0 && i + 1 < size &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      // Two-byte code points (Latin-1 to Arabic) are the hot path: the table holds the output
      // bytes, so keeping, mapping and deleting are the same two stores.
      const FastUtf8 e =
          table[(std::size_t{b & 0x1Fu} << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu)];
      if (e.len == kSlowLen) return false;
      o[0] = e.bytes[0];
      o[1] = e.bytes[1];
      o += e.len;
      n += e.len != 0;
      i += 2;
      continue;
    }
    int len = 0;
    const char32_t c = DecodeUtf8(text, i, &len);
    i += static_cast<std::size_t>(len);
    if (c == kInvalidCodePoint || c == 0x200C || c == 0x200D) continue;
    return false;  // three- and four-byte code points other than ZWNJ/ZWJ go through ICU
  }
  out->resize(static_cast<std::size_t>(o - out->data()));
  *code_points = n;
  return true;
}

}  // namespace detail

namespace {

void NormalizeWithIcu(std::string_view text, std::string* out) {
  const Tables& tables = GetTables();
  std::string current;
  // Drop ill-formed bytes first: ICU would turn them into U+FFFD.
  current.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    int len = 0;
    const char32_t c = DecodeUtf8(text, i, &len);
    if (c != kInvalidCodePoint) current.append(text.substr(i, static_cast<std::size_t>(len)));
    i += static_cast<std::size_t>(len);
  }
  // Deleting marks can let a letter compose with the mark after them, so repeat until
  // nothing changes (in practice at most twice).
  for (int round = 0; round < 4; ++round) {
    std::string folded;
    if (tables.nfkc_cf != nullptr) {
      UErrorCode status = U_ZERO_ERROR;
      icu::StringByteSink<std::string> sink(&folded, static_cast<int32_t>(current.size()));
      tables.nfkc_cf->normalizeUTF8(0, icu::StringPiece(current.data(),
                                                         static_cast<int32_t>(current.size())),
                                    sink, nullptr, status);
      if (U_FAILURE(status)) folded = current;
    } else {
      folded = current;
    }
    std::string mapped;
    mapped.reserve(folded.size());
    MapCodePoints(folded, tables.after_icu, &mapped);
    if (mapped == current) break;
    current = std::move(mapped);
  }
  *out = std::move(current);
}

}  // namespace

void NormalizeInto(std::string_view text, std::string* out) {
  std::size_t code_points = 0;
  if (detail::NormalizeFastPath(text, out, &code_points)) return;
  NormalizeWithIcu(text, out);
}

std::string Normalize(std::string_view text) {
  std::string out;
  NormalizeInto(text, &out);
  return out;
}

}  // namespace sawt::text
