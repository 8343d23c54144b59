#include "messaging/resources.hpp"

#include "messaging/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::messaging {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;
using module::Resource;

// Immutable descriptions, built once and never destroyed (usable from any thread).

Json SupportingPoints() {
  return {{"type", "array"},
          {"maxItems", 20},
          {"items",
           {{"type", "object"},
            {"required", {"ar", "en"}},
            {"additionalProperties", false},
            {"properties", {{"ar", Str(1000)}, {"en", Str(1000)}}}}}};
}

const Resource& ThemeResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"code", Str(64)},
                                           {"name_ar", Str()},
                                           {"name_en", Str()},
                                           {"owner_entity_id", Int()},
                                           {"strategic", Bool()},
                                           {"version", Int()},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}});
  return *r;
}

const Resource& TermResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"term", Str(200)},
                                           {"lang", Enum(Languages())},
                                           {"status", Enum(TermStatuses())},
                                           {"replacement", Str()},
                                           {"version", Int()},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}});
  return *r;
}

const Resource& KeyMessageResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"theme_id", Int()},
                                           {"theme_code", Str(64), "code"},
                                           {"owner_entity_id", Int()},
                                           {"text_ar", Str(4000)},
                                           {"text_en", Str(4000)},
                                           {"supporting_points", SupportingPoints(), "points"},
                                           {"state", Enum(LibraryStates())},
                                           {"valid_from", NullableDate(), "", true},
                                           {"valid_until", NullableDate(), "", true},
                                           {"approved_by", NullableStr()},
                                           {"approved_at", NullableTimestamp()},
                                           {"version", Int()},
                                           {"created_by", Str()},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}});
  return *r;
}

const Resource& FactResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"key", Str(64), "fact_key"},
                                           {"kind", {{"enum", {"number", "date", "text"}}}},
                                           {"label_ar", Str()},
                                           {"label_en", Str()},
                                           {"value_ar", Str()},
                                           {"value_en", Str()},
                                           {"numeric_value", {{"type", {"number", "null"}}}},
                                           {"date_value", NullableDate()},
                                           {"as_of", Date()},
                                           {"source", Str(1000)},
                                           {"owner_entity_id", Int()},
                                           {"state", Enum(LibraryStates())},
                                           {"approved_by", NullableStr()},
                                           {"approved_at", NullableTimestamp()},
                                           {"valid_until", NullableDate(), "", true},
                                           {"version", Int()},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}});
  return *r;
}

}  // namespace sawt::messaging
