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

}  // namespace
}  // namespace sawt::core
