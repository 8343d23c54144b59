#include "tests/support/json_schema.hpp"

#include <gtest/gtest.h>

namespace sawt::testing {
namespace {

using core::Json;

Json Doc() {
  return {{"components",
           {{"schemas",
             {{"Entity",
               {{"type", "object"},
                {"required", {"id"}},
                {"properties",
                 {{"id", {{"type", "integer"}, {"minimum", 1}}},
                  {"kind", {{"enum", {"government", "entity"}}}},
                  {"logo_url", {{"type", {"string", "null"}}}},
                  {"code", {{"type", "string"}, {"minLength", 2}, {"maxLength", 4}, {"pattern", "^[a-z]+$"}}}}}}},
              {"a/b~c", {{"type", "boolean"}}}}}}}};
}

std::vector<std::string> Check(const Json& value, const Json& schema, bool closed = false) {
  return SchemaValidator(Doc(), {closed}).Validate(value, schema);
}

const Json kEntity = {{"$ref", "#/components/schemas/Entity"}};

TEST(SchemaValidatorTest, AcceptsAConformingValue) {
  EXPECT_TRUE(Check({{"id", 3}, {"kind", "entity"}, {"logo_url", nullptr}, {"code", "ab"}}, kEntity).empty());
  EXPECT_TRUE(Check({{"id", 3}, {"logo_url", "https://x"}}, kEntity).empty());
}

TEST(SchemaValidatorTest, ReportsEachBrokenKeywordWithItsPointer) {
  EXPECT_EQ(Check({{"kind", "entity"}}, kEntity), std::vector<std::string>{"/: missing required member \"id\""});
  EXPECT_EQ(Check({{"id", "3"}}, kEntity), std::vector<std::string>{"/id: expected type \"integer\", got string \"3\""});
  EXPECT_EQ(Check({{"id", 0}}, kEntity), std::vector<std::string>{"/id: 0 breaks minimum 1"});
  EXPECT_EQ(Check({{"id", 1}, {"kind", "initiative"}}, kEntity),
            std::vector<std::string>{"/kind: \"initiative\" is not one of [\"government\",\"entity\"]"});
  EXPECT_EQ(Check({{"id", 1}, {"logo_url", 5}}, kEntity).size(), 1u);
  EXPECT_EQ(Check({{"id", 1}, {"code", "a"}}, kEntity), std::vector<std::string>{"/code: shorter than minLength 2"});
  EXPECT_EQ(Check({{"id", 1}, {"code", "abcde"}}, kEntity), std::vector<std::string>{"/code: longer than maxLength 4"});
  EXPECT_EQ(Check({{"id", 1}, {"code", "AB"}}, kEntity), std::vector<std::string>{"/code: \"AB\" does not match pattern ^[a-z]+$"});
}

TEST(SchemaValidatorTest, CountsLengthsInCodePoints) {
  EXPECT_TRUE(Check("عربي", {{"type", "string"}, {"maxLength", 4}}).empty());
  EXPECT_FALSE(Check("عربيّ", {{"type", "string"}, {"maxLength", 4}}).empty());
}

TEST(SchemaValidatorTest, IntegersAreIntegralNumbers) {
  EXPECT_TRUE(Check(2.0, {{"type", "integer"}}).empty());
  EXPECT_FALSE(Check(2.5, {{"type", "integer"}}).empty());
  EXPECT_TRUE(Check(2, {{"type", "number"}}).empty());
  EXPECT_FALSE(Check(true, {{"type", "integer"}}).empty());
}

TEST(SchemaValidatorTest, ClosedObjectsRefuseUndescribedMembers) {
  const Json value = {{"id", 1}, {"created_at", "2026-01-01T00:00:00Z"}};
  EXPECT_TRUE(Check(value, kEntity).empty());
  EXPECT_EQ(Check(value, kEntity, /*closed=*/true), std::vector<std::string>{"/created_at: member not described by the schema"});
  EXPECT_FALSE(Check(value, {{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}}).empty());
  EXPECT_TRUE(Check(value, {{"type", "object"}, {"additionalProperties", {{"type", {"integer", "string"}}}}}, true).empty());
}

TEST(SchemaValidatorTest, ItemsAndCombinators) {
  const Json list = {{"type", "array"}, {"items", kEntity}, {"maxItems", 2}};
  EXPECT_EQ(Check(Json::array({{{"id", 1}}, {{"id", "x"}}}), list),
            std::vector<std::string>{"/1/id: expected type \"integer\", got string \"x\""});
  EXPECT_FALSE(Check(Json::array({{{"id", 1}}, {{"id", 2}}, {{"id", 3}}}), list).empty());
  const Json one = {{"oneOf", {{{"type", "integer"}}, {{"type", "number"}}}}};
  EXPECT_FALSE(Check(1, one).empty());  // both match
  EXPECT_TRUE(Check(1.5, one).empty());
  EXPECT_TRUE(Check("x", {{"anyOf", {{{"type", "integer"}}, {{"type", "string"}}}}}).empty());
  EXPECT_FALSE(Check(nullptr, {{"anyOf", {{{"type", "integer"}}, {{"type", "string"}}}}}).empty());
  EXPECT_FALSE(Check(1, {{"allOf", {{{"type", "integer"}}, {{"minimum", 2}}}}}).empty());
}

TEST(SchemaValidatorTest, ResolvesEscapedPointersAndReportsUnknownOnes) {
  EXPECT_TRUE(Check(true, {{"$ref", "#/components/schemas/a~1b~0c"}}).empty());
  EXPECT_FALSE(Check(1, {{"$ref", "#/components/schemas/a~1b~0c"}}).empty());
  EXPECT_EQ(Check(1, {{"$ref", "#/components/schemas/Missing"}}),
            std::vector<std::string>{"/: unresolved $ref #/components/schemas/Missing"});
}

TEST(SchemaValidatorTest, UnknownKeywordsNeverPassSilently) {
  EXPECT_EQ(Check("x", {{"type", "string"}, {"nullable", true}, {"description", "a note"}}),
            std::vector<std::string>{"/: unsupported schema keyword \"nullable\""});
}

}  // namespace
}  // namespace sawt::testing
