// Per-channel limits and how each platform counts a text. Sources of the numbers:
//  - X: twitter-text configuration v3 (github.com/twitter/twitter-text, config/v3.json:
//    maxWeightedTweetLength 280, scale 100, defaultWeight 200, transformedURLLength 23,
//    emojiParsingEnabled, ranges 0–4351, 8192–8205, 8208–8223, 8242–8247 with weight 100) and
//    developer.x.com "Counting characters" (NFC before counting).
//  - Instagram: Graph API, IG User Media "caption": 2,200 characters, at most 30 hashtags.
//  - YouTube: Data API v3, videos resource: snippet.title at most 100 characters,
//    snippet.description at most 5,000 bytes, neither may contain < or >; YouTube Help "Hashtags":
//    a video with more than 60 hashtags has all of them ignored.
//  - TikTok: Content Posting API, post_info.title: at most 2,200 UTF-16 runes.
//  - Facebook: 63,206 characters per post; LinkedIn: 3,000 characters per post (LinkedIn Help);
//    WhatsApp Cloud API text.body: 4,096 characters.
//  - Snapchat: 160 characters (Spotlight description as the app shows it; no published API
//    reference, so it is an assumption to verify).
// Platforms that say "characters" without a unit are counted in UTF-16 code units: never fewer than
// code points, so a text we accept is never too long for them.
#include "messaging/channels.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "text/nfc.hpp"
#include "text/unicode.hpp"

namespace sawt::messaging {
namespace {

using text::CharClass;

constexpr int64_t kXUrlLength = 23;
constexpr size_t kMaxHashtagCodePoints = 100;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

struct CodePoint {
  char32_t c;
  size_t pos;
  int len;
};

std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    char32_t c = text::DecodeUtf8(s, i, &len);
    out.push_back({c, i, len});
    i += static_cast<size_t>(len);
  }
  return out;
}

bool IsSpace(char32_t c) { return text::ClassOf(c) == CharClass::kSpace; }

bool IsWordChar(char32_t c) {
  const CharClass k = text::ClassOf(c);
  return text::IsLetterClass(k) || k == CharClass::kDigit || k == CharClass::kMark || c == '_';
}

bool IsHashtagChar(char32_t c) {
  const CharClass k = text::ClassOf(c);
  return k == CharClass::kLatinLetter || k == CharClass::kArabicLetter || k == CharClass::kDigit ||
         k == CharClass::kMark || c == '_';
}

// ---- X (twitter-text v3) ----

int WeightOf(char32_t c) {
  const bool light = c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) ||
                     (c >= 0x2032 && c <= 0x2037);
  return light ? 1 : 2;
}

bool IsKeycapBase(char32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

/// Length (in code points) of the emoji sequence starting at cps[i], or 0 when none starts there.
size_t EmojiSequenceAt(const std::vector<CodePoint>& cps, size_t i) {
  auto cls = [&](size_t j) { return j < cps.size() ? text::ClassOf(cps[j].c) : CharClass::kOther; };
  auto cp = [&](size_t j) { return j < cps.size() ? cps[j].c : char32_t{0}; };
  const CharClass k = cls(i);
  if (k == CharClass::kRegionalIndicator) return cls(i + 1) == CharClass::kRegionalIndicator ? 2 : 1;
  size_t j = i;
  if (IsKeycapBase(cp(i))) {
    // Keycap: base, optional VS16, U+20E3.
    size_t k2 = i + 1;
    if (cp(k2) == 0xFE0F) ++k2;
    if (cp(k2) != 0x20E3) return 0;
    return k2 + 1 - i;
  }
  const bool starts = k == CharClass::kEmoji || (k == CharClass::kEmojiText && cp(i + 1) == 0xFE0F);
  if (!starts) return 0;
  ++j;
  for (;;) {
    const CharClass n = cls(j);
    if (n == CharClass::kVariationSelector || n == CharClass::kEmojiModifier || n == CharClass::kTag ||
        cp(j) == 0x20E3) {
      ++j;
    } else if (cp(j) == 0x200D && (cls(j + 1) == CharClass::kEmoji || cls(j + 1) == CharClass::kEmojiText)) {
      j += 2;  // zero-width joiner: the next pictograph belongs to the same emoji
    } else {
      break;
    }
  }
  return j - i;
}

bool AsciiStartsWith(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Top-level domains recognised without a scheme ("sawt.ae/news"). twitter-text knows every TLD;
// this shorter list covers the ones a government text cites. A URL with http:// or https:// is
// always recognised.
constexpr std::array<std::string_view, 26> kBareTlds = {"com", "net", "org", "gov", "edu", "int", "info",
                                                        "biz", "io",  "co",  "ae",  "sa",  "qa",  "om",
                                                        "bh",  "kw",  "eg",  "jo",  "uk",  "us",  "me",
                                                        "tv",  "ly",  "app", "dev", "news"};

bool IsUrlTrailingPunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '"' || c == '\'';
}

/// Byte length of a URL starting at s[pos] (pos is at a token start), or 0.
size_t UrlAt(std::string_view s, size_t pos) {
  std::string_view rest = s.substr(pos);
  size_t end = 0;
  // A URL runs to the next whitespace (ASCII or not: only ASCII whitespace is checked here; other
  // separators end it through the caller's tokenisation of code points).
  auto run_end = [&](size_t from) {
    size_t e = from;
    while (e < rest.size() && !std::isspace(static_cast<unsigned char>(rest[e]))) {
      int len = 1;
      char32_t c = text::DecodeUtf8(rest, e, &len);
      if (c != text::kInvalidCodePoint && c >= 0x80 && IsSpace(c)) break;
      e += static_cast<size_t>(len);
    }
    while (e > from && IsUrlTrailingPunct(rest[e - 1])) --e;
    return e;
  };
  if (AsciiStartsWith(rest, "https://") || AsciiStartsWith(rest, "http://")) {
    const size_t scheme = AsciiStartsWith(rest, "https://") ? 8 : 7;
    end = run_end(scheme);
    return end > scheme ? end : 0;
  }
  // Without a scheme: host labels of [A-Za-z0-9-] separated by dots, the last a known TLD.
  size_t h = 0;
  while (h < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[h])) || rest[h] == '-' || rest[h] == '.')) ++h;
  std::string_view host = rest.substr(0, h);
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return 0;
  std::string tld(host.substr(dot + 1));
  for (auto& c : tld) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(kBareTlds.begin(), kBareTlds.end(), tld) == kBareTlds.end()) return 0;
  if (h < rest.size() && rest[h] == '@') return 0;  // an e-mail address, not a URL
  if (host.size() == h && h < rest.size() && rest[h] == '/') return run_end(h);
  return host.size();
}

// ---- fitting ----

/// Largest index in [lo, hi] for which fits(index) holds, given fits is monotone (true then false);
/// lo - 1 when none does.
template <typename Fn>
ptrdiff_t LastFitting(ptrdiff_t lo, ptrdiff_t hi, Fn fits) {
  ptrdiff_t best = lo - 1;
  while (lo <= hi) {
    const ptrdiff_t mid = lo + (hi - lo) / 2;
    if (fits(mid)) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

std::string TrimEnd(std::string_view s) {
  auto cps = Decode(s);
  size_t end = s.size();
  for (size_t i = cps.size(); i-- > 0;) {
    // Trailing spaces and separating punctuation (ASCII, Arabic comma and semicolon) go before "…".
    const char32_t c = cps[i].c;
    const bool separator = c == ',' || c == ';' || c == ':' || c == '-' || c == '.' || c == 0x060C || c == 0x061B;
    if (!IsSpace(c) && !separator) break;
    end = cps[i].pos;
  }
  return std::string(s.substr(0, end));
}

const std::vector<ChannelRule> kRules = {
    {"website", {0, CountUnit::kNone}, std::nullopt, 0, ""},
    {"press", {0, CountUnit::kNone}, std::nullopt, 0, ""},
    {"x", {280, CountUnit::kWeighted}, std::nullopt, -1, ""},
    {"instagram", {2200, CountUnit::kUtf16}, std::nullopt, 30, ""},
    {"facebook", {63206, CountUnit::kUtf16}, std::nullopt, -1, ""},
    {"linkedin", {3000, CountUnit::kUtf16}, std::nullopt, -1, ""},
    {"youtube", {5000, CountUnit::kBytes}, FieldLimit{100, CountUnit::kCodePoints}, 60, "<>"},
    {"tiktok", {2200, CountUnit::kUtf16}, std::nullopt, -1, ""},
    {"snapchat", {160, CountUnit::kUtf16}, std::nullopt, -1, ""},
    {"whatsapp", {4096, CountUnit::kUtf16}, std::nullopt, 0, ""},
    {"intranet", {0, CountUnit::kNone}, std::nullopt, 0, ""},
};

}  // namespace

const char* UnitName(CountUnit unit) {
  switch (unit) {
    case CountUnit::kWeighted: return "weighted";
    case CountUnit::kUtf16: return "utf16";
    case CountUnit::kCodePoints: return "code_points";
    case CountUnit::kBytes: return "bytes";
    case CountUnit::kNone: return "none";
  }
  return "none";
}

const std::vector<ChannelRule>& ChannelRules() { return kRules; }

const ChannelRule* FindChannel(std::string_view channel) {
  for (const auto& r : kRules) {
    if (r.channel == channel) return &r;
  }
  return nullptr;
}

int64_t WeightedLength(std::string_view raw) {
  const std::string s = text::ToNfc(raw);
  const auto cps = Decode(s);
  int64_t weight = 0;
  bool at_token_start = true;
  for (size_t i = 0; i < cps.size();) {
    if (at_token_start && cps[i].c < 0x80 && std::isalnum(static_cast<int>(cps[i].c))) {
      if (size_t url = UrlAt(s, cps[i].pos); url > 0) {
        weight += kXUrlLength;
        const size_t end = cps[i].pos + url;
        while (i < cps.size() && cps[i].pos < end) ++i;
        at_token_start = false;
        continue;
      }
    }
    if (size_t n = EmojiSequenceAt(cps, i); n > 0) {
      weight += 2;
      i += n;
      at_token_start = true;
      continue;
    }
    weight += cps[i].c == text::kInvalidCodePoint ? 2 : WeightOf(cps[i].c);
    // URLs begin after a space or punctuation, not inside a word ("abc.com" inside "xabc.com" is).
    at_token_start = !IsWordChar(cps[i].c) && cps[i].c != '.' && cps[i].c != '@' && cps[i].c != '-';
    ++i;
  }
  return weight;
}

int64_t CountIn(CountUnit unit, std::string_view raw) {
  if (unit == CountUnit::kNone) return 0;
  if (unit == CountUnit::kWeighted) return WeightedLength(raw);
  const std::string s = text::ToNfc(raw);
  if (unit == CountUnit::kBytes) return static_cast<int64_t>(s.size());
  int64_t n = 0;
  for (const auto& cp : Decode(s)) n += unit == CountUnit::kUtf16 && cp.c >= 0x10000 && cp.c != text::kInvalidCodePoint ? 2 : 1;
  return n;
}

bool IsValidHashtag(std::string_view tag) {
  if (tag.size() < 2 || tag[0] != '#') return false;
  const auto cps = Decode(tag.substr(1));
  if (cps.size() > kMaxHashtagCodePoints) return false;
  bool letter = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i].c == text::kInvalidCodePoint || !IsHashtagChar(cps[i].c)) return false;
    const CharClass k = text::ClassOf(cps[i].c);
    if (k == CharClass::kMark && i == 0) return false;  // a mark needs a base letter
    letter = letter || k == CharClass::kLatinLetter || k == CharClass::kArabicLetter;
  }
  return letter;
}

std::vector<std::string> HashtagsIn(std::string_view s) {
  std::vector<std::string> out;
  const auto cps = Decode(s);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i].c != '#' || (i > 0 && (IsWordChar(cps[i - 1].c) || cps[i - 1].c == '#'))) continue;
    size_t j = i + 1;
    while (j < cps.size() && IsHashtagChar(cps[j].c)) ++j;
    const size_t end = j < cps.size() ? cps[j].pos : s.size();
    std::string tag(s.substr(cps[i].pos, end - cps[i].pos));
    if (IsValidHashtag(tag) && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
    i = j - 1;
  }
  return out;
}

std::string ComposePost(std::string_view text, const std::vector<std::string>& hashtags) {
  auto seen = HashtagsIn(text);
  std::string line;
  for (const auto& h : hashtags) {
    if (std::find(seen.begin(), seen.end(), h) != seen.end()) continue;
    seen.push_back(h);
    if (!line.empty()) line += ' ';
    line += h;
  }
  std::string out(text);
  if (line.empty()) return out;
  if (!out.empty()) out += "\n\n";
  return out + line;
}

ChannelCheck CheckChannelText(const ChannelRule& rule, std::string_view title, std::string_view text,
                              const std::vector<std::string>& hashtags) {
  ChannelCheck check;
  const std::string composed = ComposePost(text, hashtags);
  check.text = {CountIn(rule.text.unit, composed), rule.text.max, rule.text.unit};
  if (rule.title) check.title = Measure{CountIn(rule.title->unit, title), rule.title->max, rule.title->unit};
  check.max_hashtags = rule.max_hashtags;
  check.hashtag_count = static_cast<int64_t>(HashtagsIn(composed).size());
  for (const auto& h : hashtags) {
    if (!IsValidHashtag(h)) check.invalid_hashtags.push_back(h);
  }
  for (char f : rule.forbidden) {
    const bool in_title = rule.title && title.find(f) != std::string_view::npos;
    if (composed.find(f) != std::string::npos || in_title) check.forbidden_found += f;
  }
  return check;
}

std::string FitToLimit(std::string_view raw, const FieldLimit& limit, const std::vector<std::string>& hashtags) {
  const std::string s = text::ToNfc(raw);
  if (limit.max == 0 || CountIn(limit.unit, ComposePost(s, hashtags)) <= limit.max) return s;
  auto fits = [&](const std::string& candidate) { return CountIn(limit.unit, ComposePost(candidate, hashtags)) <= limit.max; };
  const auto cps = Decode(s);
  // Word boundaries: the byte offsets of spaces that follow a non-space.
  std::vector<size_t> cuts;
  for (size_t i = 1; i < cps.size(); ++i) {
    if (IsSpace(cps[i].c) && !IsSpace(cps[i - 1].c)) cuts.push_back(cps[i].pos);
  }
  auto with_cut = [&](size_t bytes) { return TrimEnd(s.substr(0, bytes)) + std::string(kEllipsis); };
  // Adding a word never shortens the text, so "fits" is monotone over the cut points.
  const ptrdiff_t best = LastFitting(0, static_cast<ptrdiff_t>(cuts.size()) - 1,
                                     [&](ptrdiff_t k) { return fits(with_cut(cuts[static_cast<size_t>(k)])); });
  if (best >= 0) {
    std::string out = with_cut(cuts[static_cast<size_t>(best)]);
    if (out != std::string(kEllipsis)) return out;
  }
  // No word fits whole: cut inside the first word, at a code point boundary.
  const ptrdiff_t hard = LastFitting(1, static_cast<ptrdiff_t>(cps.size()) - 1, [&](ptrdiff_t k) {
    return fits(s.substr(0, cps[static_cast<size_t>(k)].pos) + std::string(kEllipsis));
  });
  if (hard >= 1) return s.substr(0, cps[static_cast<size_t>(hard)].pos) + std::string(kEllipsis);
  return fits(std::string(kEllipsis)) ? std::string(kEllipsis) : std::string();
}

std::string HashtagFromName(std::string_view name) {
  const std::string s = text::ToNfc(name);
  std::string out = "#";
  bool new_word = true;
  for (const auto& cp : Decode(s)) {
    if (cp.c == text::kInvalidCodePoint) continue;
    if (!IsHashtagChar(cp.c)) {
      new_word = true;
      continue;
    }
    const bool latin = text::ClassOf(cp.c) == CharClass::kLatinLetter;
    if (new_word && out.size() > 1 && !latin && out.back() != '_') out += '_';
    if (new_word && latin && cp.c < 0x80) {
      out += static_cast<char>(std::toupper(static_cast<int>(cp.c)));
    } else {
      out += s.substr(cp.pos, static_cast<size_t>(cp.len));
    }
    new_word = false;
  }
  return IsValidHashtag(out) ? out : std::string();
}

}  // namespace sawt::messaging
