#include "http/target.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

TEST(TargetTest, DecodesPathAndQuery) {
  auto t = ParseTarget("/api/v1/%D8%B5%D9%88%D8%AA?q=a+b%26c&empty=&flag&q2=%D8%B5");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/صوت");
  EXPECT_EQ(t->query.at("q"), "a b&c");
  EXPECT_EQ(t->query.at("empty"), "");
  EXPECT_EQ(t->query.at("flag"), "");
  EXPECT_EQ(t->query.at("q2"), "ص");
  EXPECT_FALSE(t->encoded_separator);
  EXPECT_EQ(ParseTarget("/a+b")->path, "/a+b");  // '+' is literal in paths
}

TEST(TargetTest, RejectsInvalidUtf8AndBadEscapes) {
  EXPECT_EQ(ParseTarget("/api/%C3%28").error().key, "common.invalid_utf8");
  EXPECT_EQ(ParseTarget("/api/%ED%A0%80").error().key, "common.invalid_utf8");  // surrogate
  EXPECT_EQ(ParseTarget("/api?x=%FF").error().key, "common.invalid_utf8");
  EXPECT_EQ(ParseTarget("/api/%4").error().key, "common.bad_path");
  EXPECT_EQ(ParseTarget("/api/%zz").error().key, "common.bad_path");
  EXPECT_EQ(ParseTarget("/api/%00").error().key, "common.bad_path");
  EXPECT_EQ(ParseTarget("http://x/").error().key, "common.bad_path");
  EXPECT_EQ(ParseTarget("/a?x=%G1").error().key, "common.bad_request");
}

TEST(TargetTest, FlagsEncodedSeparators) {
  EXPECT_TRUE(ParseTarget("/a%2Fb")->encoded_separator);
  EXPECT_TRUE(ParseTarget("/a%5cb")->encoded_separator);
  EXPECT_FALSE(ParseTarget("/a/b?x=%2F")->encoded_separator);
}

}  // namespace
}  // namespace sawt::http
