#include "calendar/resources.hpp"

#include "calendar/vocabularies.hpp"
#include "module/schema.hpp"
#include "module/shared_vocabularies.hpp"

namespace sawt::calendar {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using module::Resource;

// Immutable descriptions, built once and never destroyed (usable from any thread).

const Resource& EntryResource() {
  static const Resource* r = new Resource(
      {{"id", Int()},
       {"entity_id", {{"type", {"integer", "null"}}, {"description", "null: network-wide (network admins)"}}, "", true},
       {"kind", Enum(EntryKinds())}, {"title_ar", Str(500)}, {"title_en", Str(500)},
       {"description_ar", Str(5000)}, {"description_en", Str(5000)},
       {"starts_at", {{"type", "string"}, {"description", "YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM:SSZ"}}},
       {"ends_at",
        {{"type", {"string", "null"}}, {"description", "same form as starts_at; inclusive last day when all day"}},
        "",
        true},
       {"all_day", Bool()}, {"importance", Enum(module::Importance())}, {"audience", Enum(module::Audiences())},
       {"themes", Codes(20)}, {"channels", Codes(20)}, {"location_ar", Str(500)}, {"location_en", Str(500)},
       {"status", Enum(EntryStatuses())},
       {"version", Int()}, {"created_by", Str(500)}, {"created_at", Timestamp()}, {"updated_at", Timestamp()}},
      {{"uid", Str(500)}, {"source", Str(500)},
       // The owner's code and names (from the entity directory), so that a view needs no second lookup.
       {"entity_code", NullableStr(64)}, {"entity_name_ar", NullableStr(500)}, {"entity_name_en", NullableStr(500)},
       {"conflicts", {{"type", "array"}, {"items", Ref("CalendarConflict")}}}});
  return *r;
}

const Resource& BlackoutResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"entity_id", NullableInt(), "", true},  // null: network-wide
      {"starts_on", Date()}, {"ends_on", Date()}, {"reason_ar", Str(500)}, {"reason_en", Str(500)},
      {"created_by", Str(500)}, {"created_at", Timestamp()}, {"version", Int()},
  });
  return *r;
}

const Resource& CalendarSettingsResource() {
  static const Resource* r = new Resource({
      {"conflict_window_hours", {{"type", "integer"}, {"minimum", 1}, {"maximum", 336}}},
      {"version", Int()}, {"updated_at", Timestamp()},
  });
  return *r;
}

}  // namespace sawt::calendar
