#include "messaging/resources.hpp"

#include "messaging/vocabularies.hpp"
#include "module/schema.hpp"
#include "module/shared_vocabularies.hpp"

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
  static const Resource* r = new Resource({
      {"id", Int()}, {"code", Str(64)}, {"name_ar", Str()}, {"name_en", Str()},
      {"owner_entity_id", Int()}, {"strategic", Bool()},
      {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& TermResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"term", Str(200)}, {"lang", Enum(Languages())},
      {"status", Enum(TermStatuses())}, {"replacement", Str()},
      {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& KeyMessageResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"theme_id", Int()}, {"theme_code", Str(64), "code"}, {"owner_entity_id", Int()},
      {"text_ar", Str(4000)}, {"text_en", Str(4000)}, {"supporting_points", SupportingPoints(), "points"},
      {"state", Enum(LibraryStates())},
      {"valid_from", NullableDate(), "", true}, {"valid_until", NullableDate(), "", true},
      {"approved_by", NullableStr()}, {"approved_at", NullableTimestamp()},
      {"version", Int()}, {"created_by", Str()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& FactResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"key", Str(64), "fact_key"}, {"kind", {{"enum", {"number", "date", "text"}}}},
      {"label_ar", Str()}, {"label_en", Str()}, {"value_ar", Str()}, {"value_en", Str()},
      {"numeric_value", {{"type", {"number", "null"}}}}, {"date_value", NullableDate()}, {"as_of", Date()},
      {"source", Str(1000)}, {"owner_entity_id", Int()}, {"state", Enum(LibraryStates())},
      {"approved_by", NullableStr()}, {"approved_at", NullableTimestamp()},
      {"valid_until", NullableDate(), "", true},
      {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& AliasResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"entity_id", Int()}, {"alias", Str()}, {"lang", Enum(Languages())},
      {"created_at", Timestamp()},
  });
  return *r;
}

const Resource& ContentItemResource() {
  static const Resource* r = [] {
    const Json codes = {{"type", "array"}, {"maxItems", 20}, {"items", Str(64)}};
    Json importance = Enum(module::Importance());
    importance["description"] = "default: high for press releases and speeches, else normal";
    Json audience = Enum(module::Audiences());
    audience["description"] = "default: employees for internal memos, else public";
    // Who gave the sign-offs an approval needs (null until given).
    const Json approvals = {{"type", "object"},
                            {"properties", {{"reviewer", NullableStr()}, {"network", NullableStr()}}},
                            {"required", {"reviewer", "network"}}};
    return new Resource(
        {{"id", Int()}, {"kind", Enum(ContentKinds())}, {"owner_entity_id", Int()},
         {"title_ar", Str(1000)}, {"title_en", Str(1000)}, {"body_ar", Str(100000)}, {"body_en", Str(100000)},
         {"themes", codes}, {"channels", codes}, {"planned_at", NullableStr(), "", true},
         {"state", Enum(ContentStates())}, {"strategic", Bool()}, {"published_at", NullableTimestamp()},
         {"version", Int()}, {"created_by", Str()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
         {"importance", importance}, {"audience", audience}},
        {{"approvals", approvals}});
  }();
  return *r;
}

const Resource& PublicationResource() {
  static const Resource* r = new Resource(
      {{"id", Int()}, {"item_id", Int()}, {"owner_entity_id", Int()}, {"channel", Str(32)},
       {"lang", Enum(Languages())}, {"payload", {{"type", "object"}}},
       {"state", {{"enum", {"pending", "delivered", "manual", "posted", "failed", "cancelled"}}}},
       {"attempts", Int()}, {"last_error", NullableStr()}, {"delivered_at", NullableTimestamp()},
       {"posted_url", NullableStr(2000)}, {"posted_by", NullableStr()},
       {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()}},
      {{"next_attempt_at", NullableTimestamp()}});
  return *r;
}

const Resource& ChannelEndpointResource() {
  static const Resource* r = new Resource(
      {{"channel", Str(32)}, {"url", Str(2000)}, {"max_attempts", Int()},
       {"version", Int()}, {"updated_by", Str()}, {"updated_at", Timestamp()}},
      {{"has_secret", Bool()}});
  return *r;
}

const Resource& PublishingPauseResource() {
  static const Resource* r = new Resource(
      {{"id", Int()}, {"reason", Str(2000)},
       {"entity_ids", {{"type", "array"}, {"maxItems", 200}, {"items", Int()}}},
       {"channels", {{"type", "array"}, {"maxItems", 20}, {"items", Str(32)}}},
       {"source_type", NullableStr(32)}, {"source_id", {{"type", {"integer", "null"}}}},
       {"paused_by", Str()}, {"paused_at", Timestamp()}, {"resumed_by", NullableStr()},
       {"resumed_at", NullableTimestamp()}, {"resume_reason", NullableStr(2000)}, {"version", Int()}},
      {{"active", Bool()},
       {"held", {{"type", "object"}, {"properties", {{"publications", Int()}, {"items", Int()}}},
                 {"required", {"publications", "items"}}}}});
  return *r;
}

const Resource& ReviewSettingsResource() {
  static const Resource* r = new Resource(
      {{"entity_id", Int()}, {"maker_checker", Bool()}, {"forbid_error_override", Bool()}, {"version", Int()}});
  return *r;
}

}  // namespace sawt::messaging
