#include "strategy/resources.hpp"

#include "module/schema.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;
using module::Resource;

namespace {

Json Year() { return {{"type", "integer"}, {"minimum", 2000}, {"maximum", 2100}}; }
Json Code() { return {{"type", "string"}, {"pattern", "^[A-Za-z0-9_.-]{1,32}$"}}; }

}  // namespace

// Immutable descriptions, built once and never destroyed (usable from any thread).

const Resource& StrategyResource() {
  static const Resource* r = new Resource(
      {{"id", Int()},
                                           {"scope", Enum(Scopes())},
                                           {"entity_id", NullableInt()},
                                           {"umbrella_id", NullableInt()},
                                           {"title_ar", Str()},
                                           {"title_en", Str()},
                                           {"vision_ar", Str(4000)},
                                           {"vision_en", Str(4000)},
                                           {"period_start", Year()},
                                           {"period_end", Year()},
                                           {"status", Enum(StrategyStatuses())},
                                           {"version", Int()},
                                           {"created_by", Str(64)},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}},
      {{"objectives", {{"type", "array"}, {"items", ObjectiveResource().Schema()}}}});
  return *r;
}

const Resource& ObjectiveResource() {
  static const Resource* r = new Resource(
      {{"id", Int()}, {"code", Code()}, {"kind", Enum(ObjectiveKinds())}, {"title_ar", Str()}, {"title_en", Str()}},
      {{"serves", {{"type", "array"}, {"maxItems", 20}, {"items", Code()},
                   {"description", "codes of the umbrella objectives it serves (entity strategies)"}}}});
  return *r;
}

const Resource& ActivityResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"entity_id", Int()},
                                           {"objective_id", NullableInt(), "", true},
                                           {"title_ar", Str()},
                                           {"title_en", Str()},
                                           {"owner_login", NullableStr(64), "", true},
                                           {"start_date", Date()},
                                           {"due_date", Date()},
                                           {"status", Enum(ActivityStatuses())},
                                           {"progress", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
                                           {"notes", Str(4000)},
                                           {"version", Int()},
                                           {"created_by", Str(64)},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}},
                                          {{"overdue",
                                            {{"type", "boolean"},
                                             {"description", "due before today (network time zone), neither done nor cancelled"}}}});
  return *r;
}

Json ObjectiveInput() {
  return ObjectiveResource().Input({"code", "kind", "title_ar", "title_en", "serves"}, {"code", "title_ar", "title_en"});
}

}  // namespace sawt::strategy
