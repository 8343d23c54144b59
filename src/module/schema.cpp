#include "module/schema.hpp"

namespace sawt::module::schema {

using core::Json;

Json Str(int max_length) { return {{"type", "string"}, {"maxLength", max_length}}; }
Json NullableStr(int max_length) { return {{"type", {"string", "null"}}, {"maxLength", max_length}}; }
Json Int() { return {{"type", "integer"}}; }
Json NullableInt() { return {{"type", {"integer", "null"}}}; }
Json Bool() { return {{"type", "boolean"}}; }
Json Number() { return {{"type", "number"}}; }
Json Date() { return {{"type", "string"}, {"format", "date"}}; }
Json NullableDate() { return {{"type", {"string", "null"}}, {"format", "date"}}; }
Json Timestamp() { return {{"type", "string"}, {"format", "date-time"}}; }
Json NullableTimestamp() { return {{"type", {"string", "null"}}, {"format", "date-time"}}; }

Json Enum(const Vocabulary& vocabulary, bool nullable) {
  Json codes = Json::array();
  for (const Term& term : vocabulary.terms()) codes.push_back(term.code);
  if (nullable) codes.push_back(nullptr);
  return {{"enum", std::move(codes)}};
}

Json Codes(int max_items, const Vocabulary* vocabulary) {
  Json item = vocabulary ? Enum(*vocabulary) : Json{{"type", "string"}, {"pattern", "^[a-z0-9_-]{1,64}$"}};
  return {{"type", "array"}, {"maxItems", max_items}, {"items", std::move(item)}};
}

Json Obj(Json properties, Json required) {
  Json o = {{"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  return o;
}

Json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

Json ListOf(const std::string& name) {
  return {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", Ref(name)}}}}}};
}

}  // namespace sawt::module::schema
