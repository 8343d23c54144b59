#include "core/json.hpp"

#include <gtest/gtest.h>

namespace sawt::core {
namespace {

TEST(JsonTest, ParsesObject) {
  auto r = ParseJsonObject(R"({"name_ar":"شرطة"})");
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["name_ar"], "شرطة");
}

TEST(JsonTest, RejectsMalformedAndNonObjects) {
  EXPECT_EQ(ParseJsonObject("{").error().key, "common.malformed_json");
  EXPECT_EQ(ParseJsonObject("[1]").error().key, "common.expected_object");
  EXPECT_EQ(ParseJsonObject("").error().key, "common.malformed_json");
}

std::string Nested(int depth, char open, char close) {
  std::string inner = std::string(depth, open) + std::string(depth, close);
  return "{\"a\":" + inner + "}";
}

TEST(JsonTest, AcceptsNestingUpToTheLimit) {
  // The top-level object is level 1, so kMaxJsonDepth - 1 nested arrays fill the limit exactly.
  auto r = ParseJsonObject(Nested(kMaxJsonDepth - 1, '[', ']'));
  ASSERT_TRUE(r) << r.error().key;
}

TEST(JsonTest, RejectsNestingBeyondTheLimitWithoutRecursing) {
  for (int depth : {kMaxJsonDepth, 100000, 1000000}) {
    for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'{', '}'}}) {
      std::string body = open == '[' ? Nested(depth, open, close) : "{\"a\":";
      if (open == '{') {
        for (int i = 0; i < depth; ++i) body += "{\"a\":";
        body += "1" + std::string(depth + 1, '}');
      }
      auto r = ParseJsonObject(body);
      ASSERT_FALSE(r) << depth;
      EXPECT_EQ(r.error().key, "common.json_too_deep") << depth;
    }
  }
  // Unbalanced deep input is refused just the same (the depth is seen before the end).
  auto r = ParseJsonObject("{\"a\":" + std::string(200000, '['));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "common.json_too_deep");
}

TEST(JsonTest, RejectsInvalidUtf8InStrings) {
  std::string body = "{\"a\":\"\xC3\x28\"}";
  EXPECT_EQ(ParseJsonObject(body).error().key, "common.malformed_json");
}

TEST(JsonReaderTest, ReadsTypedFieldsAndRejectsUnknown) {
  Json j = Json::parse(R"({"a":"x","n":3,"b":true,"extra":1})");
  JsonReader r(j);
  EXPECT_EQ(r.String("a", true), "x");
  EXPECT_EQ(r.Int("n", true), 3);
  EXPECT_EQ(r.Bool("b", true), true);
  auto st = r.Finish();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().key, "common.unknown_field");
  EXPECT_EQ(st.error().field, "extra");
}

TEST(JsonReaderTest, ReportsFirstTypeError) {
  Json j = Json::parse(R"({"a":5,"n":"3"})");
  JsonReader r(j);
  r.String("a", true);
  r.Int("n", true);
  auto st = r.Finish();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().key, "common.expected_string");
  EXPECT_EQ(st.error().field, "a");
}

TEST(JsonReaderTest, RequiresFieldsAndLimitsLength) {
  Json j = Json::parse(R"({"a":"toolong"})");
  JsonReader r(j);
  r.String("a", true, 3);
  EXPECT_EQ(r.Finish().error().key, "common.field_too_long");
  const Json empty = Json::object();
  JsonReader r2(empty);
  r2.String("a", true);
  EXPECT_EQ(r2.Finish().error().key, "common.field_required");
}

TEST(JsonTest, DumpNeverThrowsOnBadUtf8) {
  Json j = std::string("\xFF");
  EXPECT_NO_THROW(DumpJson(j));
}

TEST(JsonReaderTest, IntegersOutsideInt64AreRefusedNotWrapped) {
  auto key_of = [](const std::string& body) {
    Json j = Json::parse(body);
    JsonReader r(j);
    auto v = r.Int("n", true);
    auto st = r.Finish();
    EXPECT_FALSE(v.has_value()) << body;
    return st ? std::string() : st.error().key;
  };
  EXPECT_EQ(key_of(R"({"n":9223372036854775808})"), "common.integer_out_of_range");
  EXPECT_EQ(key_of(R"({"n":18446744073709551615})"), "common.integer_out_of_range");
  EXPECT_EQ(key_of(R"({"n":18446744073709551616})"), "common.expected_integer");  // parsed as a float
  EXPECT_EQ(key_of(R"({"n":5.0})"), "common.expected_integer");
  EXPECT_EQ(key_of(R"({"n":-9223372036854775809})"), "common.expected_integer");
  Json edge = Json::parse(R"({"max":9223372036854775807,"min":-9223372036854775808})");
  JsonReader r(edge);
  EXPECT_EQ(r.Int("max", true), INT64_MAX);
  EXPECT_EQ(r.Int("min", true), INT64_MIN);
  EXPECT_TRUE(r.Finish());
}

}  // namespace
}  // namespace sawt::core
