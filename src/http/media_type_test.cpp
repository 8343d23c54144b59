#include "http/media_type.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

TEST(MediaTypeTest, MatchesTheTypeExactlyWithParameters) {
  EXPECT_TRUE(IsMediaType("application/json", "application/json"));
  EXPECT_TRUE(IsMediaType("Application/JSON; charset=UTF-8", "application/json"));
  EXPECT_TRUE(IsMediaType("application/json;charset=\"utf-8\"", "application/json"));
  EXPECT_TRUE(IsMediaType("application/json; profile=x; charset=utf-8", "application/json"));
  EXPECT_TRUE(IsMediaType("application/merge-patch+json", "application/merge-patch+json"));
}

TEST(MediaTypeTest, RefusesOtherTypesThatMerelyContainIt) {
  for (const char* bad : {"text/plain; x=application/json", "text/plain;application/json", "application/jsonx",
                          "application/json-seq", "xapplication/json", "application/json; charset=latin1",
                          "application/json; charset=utf-8; charset=utf-16", "application/json; junk",
                          "application/json; x=\"open", "application/", "application json", ""}) {
    EXPECT_FALSE(IsMediaType(bad, "application/json")) << bad;
  }
}

TEST(MediaTypeTest, ParsesTypeAndCharset) {
  MediaType m;
  ASSERT_TRUE(ParseMediaType(" text/HTML ; Charset=ISO-8859-1 ", &m));
  EXPECT_EQ(m.type, "text/html");
  EXPECT_EQ(m.charset, "iso-8859-1");
}

}  // namespace
}  // namespace sawt::http
