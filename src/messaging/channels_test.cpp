#include "messaging/channels.hpp"

#include <gtest/gtest.h>

namespace sawt::messaging {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const ChannelRule& Rule(const char* channel) {
  const ChannelRule* r = FindChannel(channel);
  EXPECT_NE(r, nullptr) << channel;
  return *r;
}

TEST(ChannelsTest, EveryContentChannelHasARule) {
  for (const char* c : {"website", "press", "x", "instagram", "facebook", "linkedin", "youtube", "tiktok", "snapchat",
                        "whatsapp", "intranet"}) {
    EXPECT_NE(FindChannel(c), nullptr) << c;
  }
  EXPECT_EQ(FindChannel("myspace"), nullptr);
  EXPECT_EQ(Rule("x").text.max, 280);
  EXPECT_EQ(Rule("instagram").text.max, 2200);
  EXPECT_EQ(Rule("instagram").max_hashtags, 30);
  EXPECT_EQ(Rule("youtube").title->max, 100);
  EXPECT_EQ(Rule("youtube").text.max, 5000);
  EXPECT_EQ(Rule("linkedin").text.max, 3000);
  EXPECT_EQ(Rule("website").text.max, 0);
}

TEST(ChannelsTest, XWeighsLatinAndArabicOneAndOtherScriptsTwo) {
  EXPECT_EQ(WeightedLength("hello"), 5);
  EXPECT_EQ(WeightedLength("مرحبا"), 5);              // U+06xx lies in U+0000–U+10FF
  EXPECT_EQ(WeightedLength("你好"), 4);                // CJK weighs 2
  EXPECT_EQ(WeightedLength("a\xE2\x80\x9C" "b"), 3);  // U+201C in U+2010–U+201F
  EXPECT_EQ(WeightedLength("a\xE2\x80\xA6" "b"), 4);  // U+2026 (…) lies outside every light range
  EXPECT_EQ(WeightedLength("\xE2\x80\x94"), 1);       // em dash U+2014
  EXPECT_EQ(WeightedLength("\xE2\x80\xB2"), 1);       // prime U+2032
  EXPECT_EQ(WeightedLength("\xE2\x82\xAC"), 2);       // euro sign U+20AC
  EXPECT_EQ(WeightedLength(""), 0);
}

TEST(ChannelsTest, XCountsAfterNfc) {
  // Alef + combining hamza above is one code point (U+0623) in NFC.
  EXPECT_EQ(WeightedLength("\xD8\xA7\xD9\x94"), 1);
  EXPECT_EQ(CountIn(CountUnit::kCodePoints, "\xD8\xA7\xD9\x94"), 1);
}

TEST(ChannelsTest, XCountsEveryUrlAs23) {
  EXPECT_EQ(WeightedLength("see https://example.com/a/b?c=d"), 4 + 23);
  EXPECT_EQ(WeightedLength("http://x.co"), 23);
  EXPECT_EQ(WeightedLength("https://www.rta.ae/wps/portal/rta/ae/home/about-rta/news"), 23);
  EXPECT_EQ(WeightedLength("زوروا sawt.ae/news."), 6 + 23 + 1);  // trailing full stop is not part of the URL
  EXPECT_EQ(WeightedLength("(https://a.ae)"), 1 + 23 + 1);
  EXPECT_EQ(WeightedLength("mail info@sawt.ae"), 17);  // an e-mail address is text
  EXPECT_EQ(WeightedLength("e.g. 3.5"), 8);
}

TEST(ChannelsTest, XCountsEveryEmojiSequenceAsTwo) {
  EXPECT_EQ(WeightedLength("\xF0\x9F\x91\x8D"), 2);                  // 👍
  EXPECT_EQ(WeightedLength("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 2);  // 👍🏽 skin tone
  EXPECT_EQ(WeightedLength("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"), 2);  // family ZWJ
  EXPECT_EQ(WeightedLength("\xF0\x9F\x87\xA6\xF0\x9F\x87\xAA"), 2);  // flag AE
  EXPECT_EQ(WeightedLength("1\xEF\xB8\x8F\xE2\x83\xA3"), 2);         // keycap 1
  EXPECT_EQ(WeightedLength("\xE2\x9D\xA4\xEF\xB8\x8F"), 2);          // ❤️ with VS16
  EXPECT_EQ(WeightedLength("شكرا \xF0\x9F\x99\x8F"), 5 + 2);
}

TEST(ChannelsTest, XLimitExactlyAtAndOneOver) {
  const ChannelRule& x = Rule("x");
  EXPECT_TRUE(CheckChannelText(x, "", Repeat("a", 280), {}).ok());
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("a", 281), {}).ok());
  EXPECT_TRUE(CheckChannelText(x, "", Repeat("م", 280), {}).ok());
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("م", 281), {}).ok());
  EXPECT_TRUE(CheckChannelText(x, "", Repeat("你", 140), {}).ok());
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("你", 140) + "a", {}).ok());
  // 256 + space + URL (23) = 280.
  EXPECT_TRUE(CheckChannelText(x, "", Repeat("b", 256) + " https://sawt.ae/x", {}).ok());
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("b", 257) + " https://sawt.ae/x", {}).ok());
  // 139 emoji + 2 letters = 280.
  EXPECT_TRUE(CheckChannelText(x, "", Repeat("\xF0\x9F\x98\x80", 139) + "ab", {}).ok());
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("\xF0\x9F\x98\x80", 140) + "a", {}).ok());
  // Hashtags count: 270 + "\n\n" + "#abcdefg" (8) = 280.
  ChannelCheck with_tag = CheckChannelText(x, "", Repeat("c", 270), {"#abcdefg"});
  EXPECT_EQ(with_tag.text.counted, 280);
  EXPECT_TRUE(with_tag.ok());
  EXPECT_EQ(with_tag.text.remaining(), 0);
  EXPECT_FALSE(CheckChannelText(x, "", Repeat("c", 270), {"#abcdefgh"}).ok());
}

TEST(ChannelsTest, InstagramCaptionAndHashtagLimits) {
  const ChannelRule& ig = Rule("instagram");
  EXPECT_TRUE(CheckChannelText(ig, "", Repeat("ن", 2200), {}).ok());
  EXPECT_FALSE(CheckChannelText(ig, "", Repeat("ن", 2201), {}).ok());
  // UTF-16: an emoji outside the BMP is two units.
  EXPECT_EQ(CountIn(CountUnit::kUtf16, "\xF0\x9F\x98\x80"), 2);
  std::vector<std::string> tags;
  for (int i = 0; i < 30; ++i) tags.push_back("#tag" + std::to_string(i));
  ChannelCheck thirty = CheckChannelText(ig, "", "نص", tags);
  EXPECT_EQ(thirty.hashtag_count, 30);
  EXPECT_TRUE(thirty.ok());
  // Hashtags written in the text count too.
  ChannelCheck over = CheckChannelText(ig, "", "نص #إضافي", tags);
  EXPECT_EQ(over.hashtag_count, 31);
  EXPECT_FALSE(over.ok());
  EXPECT_TRUE(over.text.ok());
}

TEST(ChannelsTest, YouTubeTitleInCharactersDescriptionInBytes) {
  const ChannelRule& yt = Rule("youtube");
  EXPECT_TRUE(CheckChannelText(yt, Repeat("ع", 100), "", {}).ok());
  ChannelCheck long_title = CheckChannelText(yt, Repeat("ع", 101), "", {});
  EXPECT_FALSE(long_title.ok());
  EXPECT_EQ(long_title.title->counted, 101);
  EXPECT_TRUE(CheckChannelText(yt, "t", Repeat("ع", 2500), {}).ok());  // 5,000 bytes
  ChannelCheck long_desc = CheckChannelText(yt, "t", Repeat("ع", 2501), {});
  EXPECT_FALSE(long_desc.ok());
  EXPECT_EQ(long_desc.text.counted, 5002);
  EXPECT_EQ(long_desc.text.unit, CountUnit::kBytes);
  ChannelCheck angle = CheckChannelText(yt, "a <b>", "c", {});
  EXPECT_EQ(angle.forbidden_found, "<>");
  EXPECT_FALSE(angle.ok());
}

TEST(ChannelsTest, UnlimitedChannelsTakeAnyLengthButNoHashtags) {
  const ChannelRule& web = Rule("website");
  ChannelCheck c = CheckChannelText(web, "", Repeat("word ", 100000), {});
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.text.limit, 0);
  EXPECT_FALSE(CheckChannelText(web, "", "text", {"#tag"}).ok());
}

TEST(ChannelsTest, HashtagValidation) {
  for (const char* good : {"#السلامة_المرورية", "#RoadSafety2030", "#رؤية_٢٠٣٠", "#a", "#_x", "#مُرور"}) {
    EXPECT_TRUE(IsValidHashtag(good)) << good;
  }
  for (const char* bad : {"#", "road", "#road safety", "#road-safety", "#2030", "#على!", "##x", "#é\xCC", "#你好",
                          "# x"}) {
    EXPECT_FALSE(IsValidHashtag(bad)) << bad;
  }
  EXPECT_FALSE(IsValidHashtag("#" + Repeat("a", 101)));
  EXPECT_TRUE(IsValidHashtag("#" + Repeat("a", 100)));
}

TEST(ChannelsTest, HashtagsInTextAndComposition) {
  EXPECT_EQ(HashtagsIn("نص #وسم و#لا (#ثاني) #وسم"), (std::vector<std::string>{"#وسم", "#ثاني"}));
  EXPECT_EQ(ComposePost("text #a", {"#a", "#b", "#b"}), "text #a\n\n#b");
  EXPECT_EQ(ComposePost("text", {}), "text");
  EXPECT_EQ(ComposePost("", {"#a"}), "#a");
}

TEST(ChannelsTest, FitCutsAtAWordBoundaryWithAnEllipsis) {
  const std::string sentence = "تطلق هيئة الطرق والمواصلات حملة جديدة للسلامة المرورية في المدارس ";
  const std::string long_text = Repeat(sentence, 10);
  const FieldLimit x = Rule("x").text;
  const std::string fitted = FitToLimit(long_text, x, {"#السلامة_المرورية"});
  ASSERT_LE(WeightedLength(ComposePost(fitted, {"#السلامة_المرورية"})), 280);
  ASSERT_GE(fitted.size(), 3u);
  EXPECT_EQ(fitted.substr(fitted.size() - 3), "\xE2\x80\xA6");
  const std::string kept = fitted.substr(0, fitted.size() - 3);
  EXPECT_EQ(long_text.compare(0, kept.size(), kept), 0);
  EXPECT_EQ(long_text[kept.size()], ' ');  // the cut is at a word boundary
  // Adding the next word would not fit.
  const size_t next = long_text.find(' ', kept.size() + 1);
  EXPECT_GT(WeightedLength(ComposePost(long_text.substr(0, next) + "\xE2\x80\xA6", {"#السلامة_المرورية"})), 280);
  // Text that fits is kept as it is.
  EXPECT_EQ(FitToLimit(sentence, x), sentence);
  EXPECT_EQ(FitToLimit(long_text, Rule("website").text), long_text);
  // One word longer than the limit is cut inside the word.
  const std::string one_word = FitToLimit(Repeat("a", 300), x);
  EXPECT_EQ(WeightedLength(one_word), 280);
}

TEST(ChannelsTest, HashtagsFromThemeNames) {
  EXPECT_EQ(HashtagFromName("السلامة المرورية"), "#السلامة_المرورية");
  EXPECT_EQ(HashtagFromName("road safety"), "#RoadSafety");
  EXPECT_EQ(HashtagFromName("Health & well-being"), "#HealthWellBeing");
  EXPECT_EQ(HashtagFromName("2030"), "");
}

}  // namespace
}  // namespace sawt::messaging
