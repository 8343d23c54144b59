#include "module/resource.hpp"

#include <gtest/gtest.h>

#include "module/schema.hpp"

namespace sawt::module {
namespace {

using core::Json;
using store::Row;
using store::Value;

const Resource& Sample() {
  static const Resource* r = new Resource({{"id", schema::Int()},
                                           {"key", schema::Str(64), "fact_key"},
                                           {"kind", {{"enum", {"number", "date"}}}},
                                           {"numeric_value", {{"type", {"number", "null"}}}},
                                           {"valid_until", schema::NullableDate(), "", true},
                                           {"themes", schema::Codes(20)},
                                           {"strategic", schema::Bool()}});
  return *r;
}

Row SampleRow(Value numeric, Value valid_until) {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"id", "fact_key", "kind", "numeric_value", "valid_until", "themes", "strategic"});
  return Row({Value(int64_t{7}), Value(std::string("population")), Value(std::string("number")), std::move(numeric),
              std::move(valid_until), Value(std::string(R"(["economy"])")), Value(int64_t{1})},
             names);
}

TEST(ResourceTest, ColumnsNameEachStoredColumnOnce) {
  EXPECT_EQ(Sample().Columns(), "id, fact_key, kind, numeric_value, valid_until, themes, strategic");
  EXPECT_EQ(Sample().Columns("f"), "f.id, f.fact_key, f.kind, f.numeric_value, f.valid_until, f.themes, f.strategic");
}

TEST(ResourceTest, ARowBecomesJsonByTheFieldsSchemas) {
  Json j = Sample().ToJson(SampleRow(Value(24.1), Value(std::string("2027-01-01"))));
  EXPECT_EQ(j, Json::parse(R"({"id":7,"key":"population","kind":"number","numeric_value":24.1,
                              "valid_until":"2027-01-01","themes":["economy"],"strategic":true})"));
  Json nulls = Sample().ToJson(SampleRow(Value(), Value()));
  EXPECT_TRUE(nulls["numeric_value"].is_null());
  EXPECT_TRUE(nulls["valid_until"].is_null());
}

TEST(ResourceTest, TheResponseSchemaRequiresEveryFieldAndInputsDropNullUnlessItClears) {
  Json schema = Sample().Schema();
  EXPECT_EQ(schema["required"].size(), 7u);
  EXPECT_EQ(schema["properties"]["key"], schema::Str(64));
  Json input = Sample().Input({"key", "numeric_value", "valid_until"}, {"key"});
  EXPECT_EQ(input["additionalProperties"], false);
  EXPECT_EQ(input["required"], Json::array({"key"}));
  EXPECT_EQ(input["properties"]["numeric_value"]["type"], "number") << "null is answered, not sent";
  EXPECT_EQ(input["properties"]["valid_until"], schema::NullableDate()) << "null clears it";
  EXPECT_FALSE(input["properties"].contains("id"));
}

TEST(ResourceTest, AddedMembersAreDescribedButNotReadFromTheRow) {
  const Resource r({{"id", schema::Int()}, {"key", schema::Str(64), "fact_key"}},
                   {{"login", schema::Str(64)}, {"active", schema::Bool()}});
  EXPECT_EQ(r.Columns(), "id, fact_key");
  auto names = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"id", "fact_key"});
  EXPECT_EQ(r.ToJson(Row({Value(int64_t{3}), Value(std::string("k"))}, names)), Json::parse(R"({"id":3,"key":"k"})"));
  Json schema = r.Schema();
  EXPECT_EQ(schema["required"], Json::array({"id", "key", "login", "active"}));
  EXPECT_EQ(schema["properties"]["active"], schema::Bool());
  EXPECT_EQ(r.Input({"key", "active"})["properties"]["active"], schema::Bool());
}

TEST(ResourceTest, AnInputMayTakeMembersOnlyRequestsCarry) {
  Json input = Sample().Input({"key"}, {"key", "secret"}, {{"secret", schema::Str(200)}});
  EXPECT_EQ(input["properties"]["secret"], schema::Str(200));
  EXPECT_EQ(input["properties"]["key"], schema::Str(64));
  EXPECT_EQ(input["required"], Json::array({"key", "secret"}));
  EXPECT_EQ(input["properties"].size(), 2u);
}

}  // namespace
}  // namespace sawt::module
