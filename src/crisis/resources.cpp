#include "crisis/resources.hpp"

#include "crisis/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::crisis {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;
using module::Resource;

namespace {

Json UpTo(int n, Json item) { return {{"type", "array"}, {"maxItems", n}, {"items", std::move(item)}}; }

/// An area the crisis covers, as CAP describes one: words in both languages and its shapes.
Json Area() {
  return Obj({{"desc_ar", Str()}, {"desc_en", Str()}, {"polygons", UpTo(10, Str(20000))}, {"circles", UpTo(10, Str(100))}},
             {"desc_ar", "desc_en", "polygons", "circles"});
}

/// A member holding a role in the room: their account, the role and their names.
Json RoleHolder() {
  return Obj({{"account_id", Int()}, {"role", Enum(RoomRoles())}, {"name_ar", Str()}, {"name_en", Str()}},
             {"account_id", "role", "name_ar", "name_en"});
}

}  // namespace

// Immutable descriptions, built once and never destroyed (usable from any thread).

const Resource& CrisisResource() {
  static const Resource* r = new Resource(
      {
          {"id", Int()}, {"kind", Enum(Kinds())}, {"crisis_type", Enum(Types())}, {"severity", Enum(Severities())},
          {"title_ar", Str()}, {"title_en", Str()},
          {"situation_ar", Str(4000)}, {"situation_en", Str(4000)},
          {"lead_entity_id", Int()}, {"affected_entity_ids", UpTo(50, Int()), "affected"},
          {"required_approvals", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}},
          {"areas", UpTo(10, Area())}, {"themes", UpTo(20, Str(64))},
          {"status", Enum(Statuses())},
          {"declared_by", Str()}, {"declared_at", Timestamp()},
          {"closed_by", NullableStr()}, {"closed_at", NullableTimestamp()},
          {"lessons_ar", Str(8000)}, {"lessons_en", Str(8000)},
          {"version", Int()}, {"updated_by", Str()}, {"updated_at", Timestamp()},
      },
      {{"roles", UpTo(100, RoleHolder())},
       {"publishing_pauses", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/PublishingPause"}}}}}});
  return *r;
}

const Resource& TaskResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"crisis_id", Int()}, {"title_ar", Str()}, {"title_en", Str()},
      {"owner_account_id", Int()}, {"due_at", NullableTimestamp()}, {"status", Enum(TaskStatuses())},
      {"created_by", Str()}, {"created_at", Timestamp()}, {"done_by", NullableStr()}, {"done_at", NullableTimestamp()},
      {"version", Int()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& TimelineEntryResource() {
  static const Resource* r = new Resource({
      {"id", NullableInt()}, {"at", Timestamp()}, {"kind", Enum(TimelineKinds())},
      {"text_ar", Str(4000)}, {"text_en", Str(4000)}, {"by", Str(), "by_login"},
      {"source", Str(64)}, {"link", Str(300)},
  });
  return *r;
}

const Resource& StatementResource() {
  static const Resource* r = new Resource(
      {
          {"id", Int()}, {"crisis_id", Int()}, {"msg_type", Enum(MessageTypes())}, {"supersedes_id", NullableInt()},
          {"template_id", NullableInt()},
          {"title_ar", Str()}, {"title_en", Str()}, {"body_ar", Str(8000)}, {"body_en", Str(8000)},
          {"instruction_ar", Str(2000)}, {"instruction_en", Str(2000)},
          {"urgency", Enum(Urgencies())}, {"certainty", Enum(Certainties())}, {"channels", UpTo(20, Str(64))},
          {"status", Enum(StatementStatuses())}, {"override_reason", NullableStr(2000)},
          {"author", Str()}, {"author_account_id", Int()}, {"submitted_at", NullableTimestamp()},
          {"published_at", NullableTimestamp()},
          {"version", Int()}, {"created_at", Timestamp()}, {"updated_by", Str()}, {"updated_at", Timestamp()},
      },
      {{"approvals", UpTo(5, Obj({{"account_id", Int()}, {"login", Str()}, {"at", Timestamp()}}, {"account_id", "login", "at"}))},
       {"required_approvals", Int()},
       {"cap_url", NullableStr(300)},
       {"content_items", UpTo(51, Obj({{"entity_id", Int()}, {"content_item_id", Int()}}, {"entity_id", "content_item_id"}))}});
  return *r;
}

const Resource& TemplateResource() {
  static const Resource* r = new Resource(
      {
          {"id", Int()}, {"code", Str(64)}, {"crisis_type", Enum(Types())},
          {"title_ar", Str()}, {"title_en", Str()}, {"body_ar", Str(8000)}, {"body_en", Str(8000)},
          {"status", {{"enum", {"active", "retired"}}}},
          {"version", Int()}, {"created_by", Str()}, {"created_at", Timestamp()}, {"updated_by", Str()},
          {"updated_at", Timestamp()},
      },
      {{"placeholders", UpTo(50, Str(32))}});
  return *r;
}

const Resource& WebhookResource() {
  static const Resource* r = new Resource(
      {
          {"id", Int()}, {"name", Str(200)}, {"url", Str(2000)}, {"active", Bool()}, {"include_drills", Bool()},
          {"version", Int()}, {"created_by", Str()}, {"created_at", Timestamp()}, {"updated_by", Str()},
          {"updated_at", Timestamp()},
      },
      {{"deliveries", Obj({{"pending", Int()}, {"delivered", Int()}, {"failed", Int()}, {"cancelled", Int()},
                           {"last_delivered_at", NullableTimestamp()}, {"last_error", NullableStr(500)},
                           {"last_error_code", Enum(DeliveryErrors(), /*nullable=*/true)}},
                          {"pending", "delivered", "failed", "cancelled", "last_delivered_at", "last_error",
                           "last_error_code"})}});
  return *r;
}

const Resource& DeliveryResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"webhook_id", Int()}, {"statement_id", Int()}, {"idempotency_key", Str(100)},
      {"state", Enum(DeliveryStates())}, {"attempts", Int()}, {"next_attempt_at", NullableTimestamp()},
      {"last_status", NullableInt()}, {"last_error", NullableStr(500)},
      {"last_error_code", Enum(DeliveryErrors(), /*nullable=*/true)}, {"created_at", Timestamp()},
      {"delivered_at", NullableTimestamp()}, {"version", Int()}, {"updated_at", Timestamp()},
  });
  return *r;
}

}  // namespace sawt::crisis
