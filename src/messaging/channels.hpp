#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::messaging {

/// How a platform counts the length of a text. Every count is taken after Unicode NFC.
enum class CountUnit {
  kWeighted,    ///< twitter-text v3 weighted length (X)
  kUtf16,       ///< UTF-16 code units (what JavaScript's String.length and the platforms' APIs count)
  kCodePoints,  ///< Unicode code points
  kBytes,       ///< UTF-8 bytes (YouTube descriptions)
  kNone,        ///< not limited
};

/// Wire name of a unit: "weighted", "utf16", "code_points", "bytes", "none".
const char* UnitName(CountUnit unit);

/// The limit of one field of a post. max == 0 means unlimited.
struct FieldLimit {
  int64_t max = 0;
  CountUnit unit = CountUnit::kNone;
};

/// What one channel accepts. The table (ChannelRules) cites its sources; see channels.cpp.
struct ChannelRule {
  std::string_view channel;
  FieldLimit text;                  ///< the post, caption or description
  std::optional<FieldLimit> title;  ///< channels with a separate title (YouTube)
  int max_hashtags = -1;            ///< -1: no limit; 0: the channel does not use hashtags
  std::string_view forbidden;       ///< ASCII characters the platform rejects (YouTube: < and >)
};

/// Every channel sawt knows, in a stable order (website, press, x, instagram, ...).
const std::vector<ChannelRule>& ChannelRules();
/// The rule of `channel`, or nullptr when unknown.
const ChannelRule* FindChannel(std::string_view channel);

/// twitter-text v3 weighted length: NFC; each URL counts 23; each emoji sequence 2; a code point in
/// U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F, U+2032–U+2037 counts 1, any other 2.
int64_t WeightedLength(std::string_view text);
/// The length of `text` (NFC first) in `unit`; 0 for kNone.
int64_t CountIn(CountUnit unit, std::string_view text);

/// "#" followed by 1..100 Arabic or Latin letters (with their combining marks), digits and
/// underscores, at least one of them a letter.
bool IsValidHashtag(std::string_view tag);
/// The distinct hashtags written in `text` ("#" after a start, space or punctuation), in order.
std::vector<std::string> HashtagsIn(std::string_view text);
/// The text as posted: `text`, then the hashtags it does not already contain on a last line,
/// separated by spaces. Hashtags count towards the limit like any other characters.
std::string ComposePost(std::string_view text, const std::vector<std::string>& hashtags);

/// One measured field.
struct Measure {
  int64_t counted = 0;
  int64_t limit = 0;  ///< 0: unlimited
  CountUnit unit = CountUnit::kNone;
  bool ok() const { return limit == 0 || counted <= limit; }
  int64_t remaining() const { return limit == 0 ? 0 : limit - counted; }
};

/// The full check of one channel variant.
struct ChannelCheck {
  Measure text;                  ///< ComposePost(text, hashtags) against rule.text
  std::optional<Measure> title;  ///< only for channels with a title
  int64_t hashtag_count = 0;     ///< distinct hashtags in the composed post
  int max_hashtags = -1;
  std::vector<std::string> invalid_hashtags;
  std::string forbidden_found;  ///< forbidden characters present (each once)
  bool hashtags_ok() const { return max_hashtags < 0 || hashtag_count <= max_hashtags; }
  bool ok() const {
    return text.ok() && (!title || title->ok()) && hashtags_ok() && invalid_hashtags.empty() && forbidden_found.empty();
  }
};

/// Measures a variant for `rule`. `title` is ignored for channels without one.
ChannelCheck CheckChannelText(const ChannelRule& rule, std::string_view title, std::string_view text,
                              const std::vector<std::string>& hashtags);

/// Shortens `text` so that ComposePost(result, hashtags) fits `limit`: cut at the last word
/// boundary that fits, followed by "…" (a hard cut inside the first word when no boundary fits).
/// Returned unchanged (NFC) when it already fits or the limit is 0.
std::string FitToLimit(std::string_view text, const FieldLimit& limit, const std::vector<std::string>& hashtags = {});

/// A hashtag made from a theme name: Arabic words joined by "_", English words capitalised and
/// joined ("road safety" → "#RoadSafety"); characters a hashtag cannot hold are dropped. Empty when
/// nothing valid remains.
std::string HashtagFromName(std::string_view name);

}  // namespace sawt::messaging
