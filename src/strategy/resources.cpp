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

const Resource& KpiResource() {
  const Json nullable_number = {{"type", {"number", "null"}}};
  const Json period = {{"type", "object"},
                       {"required", {"period", "target", "value", "origin", "reason", "recorded_by", "recorded_at", "status"}},
                       {"properties",
                        {{"period", Str(16)},
                         {"target", nullable_number},
                         {"value", nullable_number},
                         {"origin", {{"enum", {"manual", "source", nullptr}}}},
                         {"reason", NullableStr(2000)},
                         {"recorded_by", NullableStr(64)},
                         {"recorded_at", NullableTimestamp()},
                         {"status", Enum(KpiStatuses())}}}};
  static const Resource* r = new Resource(
      {{"id", Int()},
       {"code", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9_.-]{0,63}$"}}},
       {"entity_id", NullableInt()},
       {"objective_id", NullableInt()},
       {"name_ar", Str()},
       {"name_en", Str()},
       {"unit", Str(32)},
       {"direction", Enum(KpiDirections())},
       {"frequency", Enum(KpiFrequencies())},
       {"baseline", nullable_number},
       {"source", {{"type", "string"}, {"maxLength", 64}, {"description", "\"manual\" or a KPI source's code"}}},
       {"at_risk_margin", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}},
       {"version", Int()},
       {"created_by", Str(64)},
       {"created_at", Timestamp()},
       {"updated_at", Timestamp()}},
      {{"periods", {{"type", "array"}, {"items", period}}},
       {"status", Enum(KpiStatuses())}});  // the latest measured period's
  return *r;
}

Json ObjectiveInput() {
  return ObjectiveResource().Input({"code", "kind", "title_ar", "title_en", "serves"}, {"code", "title_ar", "title_en"});
}

}  // namespace sawt::strategy
