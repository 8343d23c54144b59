#include "notifications/smtp.hpp"

#include <gtest/gtest.h>

#include "auth/crypto.hpp"

namespace sawt::notifications::smtp {
namespace {

std::string Decode(const std::string& value) {
  std::string out;
  size_t at = 0;
  while ((at = value.find("=?UTF-8?B?", at)) != std::string::npos) {
    at += 10;
    const size_t end = value.find("?=", at);
    out += auth::Base64Decode(value.substr(at, end - at)).value_or("");
    at = end + 2;
  }
  return out;
}

TEST(SmtpTest, DotStuffDoublesLeadingDotsAndEndsLinesInCrlf) {
  EXPECT_EQ(DotStuff(".a\n..b\nc.\n.\r\nd"), "..a\r\n...b\r\nc.\r\n..\r\nd\r\n");
  EXPECT_EQ(DotStuff("one\rtwo\r\n"), "one\r\ntwo\r\n");
  EXPECT_EQ(DotStuff(""), "\r\n");
}

TEST(SmtpTest, EncodeHeaderSplitsWholeCharactersIntoShortWords) {
  EXPECT_EQ(EncodeHeader("Plain subject"), "Plain subject");
  const std::string subject = "بانتظار مراجعتك: حملة السلامة المرورية في المدارس والجامعات | Awaiting your review";
  const std::string encoded = EncodeHeader(subject);
  EXPECT_EQ(Decode(encoded), subject);
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    // Every word decodes to valid UTF-8 on its own: no character is split between words.
    const std::string word = Decode(encoded.substr(start, end - start));
    EXPECT_FALSE(word.empty());
    EXPECT_NE(static_cast<unsigned char>(word[0]) & 0xC0, 0x80);
    start = end + 3;
  }
}

TEST(SmtpTest, ParseRelayNeedsHostAndPort) {
  auto relay = ParseRelay("mail.example:2525");
  ASSERT_TRUE(relay);
  EXPECT_EQ(relay->host, "mail.example");
  EXPECT_EQ(relay->port, 2525);
  auto v6 = ParseRelay("[::1]:25");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  for (const char* bad : {"mail.example", ":25", "host:0", "host:65536", "host:25x"}) {
    EXPECT_FALSE(ParseRelay(bad)) << bad;
  }
}

}  // namespace
}  // namespace sawt::notifications::smtp
