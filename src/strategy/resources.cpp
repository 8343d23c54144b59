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
  static const Resource* r = [] {
    // RACI: owner_login is the Responsible person (the name it had before RACI, kept for clients);
    // the others must belong to the activity's entity (a role in it or in an entity above it).
    Json responsible = NullableStr(64);
    responsible["description"] = "R of RACI: the login responsible for carrying the activity out (any account)";
    Json accountable = NullableStr(64);
    accountable["description"] = "A of RACI: the login answerable for it, a member of the activity's entity";
    const auto logins = [](const char* what) {
      return Json{{"type", "array"}, {"maxItems", 20}, {"items", Str(64)},
                  {"description", std::string(what) + ": logins of members of the activity's entity (duplicates dropped)"}};
    };
    const auto ids = [](const char* what) {
      return Json{{"type", "array"}, {"maxItems", 20}, {"items", Int()}, {"description", what}};
    };
    return new Resource({{"id", Int()},
                         {"entity_id", Int()},
                         {"objective_id", NullableInt(), "", true},
                         {"title_ar", Str()},
                         {"title_en", Str()},
                         {"owner_login", responsible, "", true},
                         {"accountable", accountable, "", true},
                         {"consulted", logins("C of RACI")},
                         {"informed", logins("I of RACI")},
                         {"start_date", Date()},
                         {"due_date", Date()},
                         {"status", Enum(ActivityStatuses())},
                         {"progress", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
                         {"notes", Str(4000)},
                         {"version", Int()},
                         {"created_by", Str(64)},
                         {"created_at", Timestamp()},
                         {"updated_at", Timestamp()}},
                        {{"depends_on", ids("ids of the activities this one waits for (readable ones, no cycle); "
                                            "it cannot be done before they are done or cancelled")},
                         {"waiting_on", ids("the dependencies still neither done nor cancelled")},
                         {"evidence", {{"type", "array"}, {"items", ActivityEvidenceResource().Schema()},
                                       {"description", "evidence files, oldest first"}}},
                         {"overdue",
                          {{"type", "boolean"},
                           {"description", "due before today (network time zone), neither done nor cancelled"}}}});
  }();
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

const Resource& MeetingResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"entity_id", Int()},
                                           {"title_ar", Str()},
                                           {"title_en", Str()},
                                           {"held_on", Date()},
                                           {"attendees", Str(2000)},
                                           {"minutes", Str(20000)},
                                           {"version", Int()},
                                           {"created_by", Str(64)},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}},
                                          {{"decisions", {{"type", "array"}, {"items", DecisionResource().Schema()}}}});
  return *r;
}

const Resource& DecisionResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"meeting_id", Int()},
                                           {"text_ar", Str(2000)},
                                           {"text_en", Str(2000)},
                                           {"activity_id", NullableInt()},
                                           {"created_by", Str(64)},
                                           {"created_at", Timestamp()}});
  return *r;
}

const Resource& TemplateResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"code", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9_.-]{0,63}$"}}},
                                           {"title_ar", Str()},
                                           {"title_en", Str()},
                                           {"status", Enum(StrategyStatuses())},
                                           {"version", Int()},
                                           {"created_by", Str(64)},
                                           {"created_at", Timestamp()},
                                           {"updated_at", Timestamp()}},
                                          {{"items", {{"type", "array"}, {"items", TemplateItemResource().Schema()}}}});
  return *r;
}

const Resource& TemplateItemResource() {
  static const Resource* r = new Resource({{"id", Int()},
                                           {"code", Code()},
                                           {"axis", {{"type", "string"}, {"maxLength", 64},
                                                     {"description", "one of the general guide's seven axes (vocabulary axes)"}}},
                                           {"principle", NullableStr(64), "", true},
                                           {"title_ar", Str(1000)},
                                           {"title_en", Str(1000)},
                                           {"weight", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
                                           {"evidence_required", Bool()}});
  return *r;
}

const Resource& AssessmentResource() {
  const Json answer = {
      {"type", "object"},
      {"required", {"item_id", "code", "self_level", "self_comment", "review_level", "review_comment", "evidence"}},
      {"properties",
       {{"item_id", Int()},
        {"code", Code()},
        {"self_level", {{"type", {"integer", "null"}}, {"minimum", 0}, {"maximum", 4}}},
        {"self_comment", Str(4000)},
        {"review_level", {{"type", {"integer", "null"}}, {"minimum", 0}, {"maximum", 4}}},
        {"review_comment", Str(4000)},
        {"evidence", {{"type", "array"}, {"items", EvidenceResource().Schema()}}}}}};
  static const Resource* r = new Resource(
      {{"id", Int()},
       {"entity_id", Int()},
       {"template_id", Int()},
       {"period", {{"type", "string"}, {"pattern", "^[0-9]{4}(-(H[12]|Q[1-4]))?$"}}},
       {"status", Enum(AssessmentStatuses())},
       {"review_note", Str(4000)},
       {"submitted_by", NullableStr(64)},
       {"submitted_at", NullableTimestamp()},
       {"reviewed_by", NullableStr(64)},
       {"reviewed_at", NullableTimestamp()},
       {"version", Int()},
       {"created_by", Str(64)},
       {"created_at", Timestamp()},
       {"updated_at", Timestamp()}},
      {{"answers", {{"type", "array"}, {"items", answer}}},
       {"self_scores", ScoresSchema()},
       {"review_scores", ScoresSchema()},
       {"scores", ScoresSchema()}});
  return *r;
}

namespace {

/// An evidence row: its id, what it is attached to (`owners`), then the file's own fields.
std::vector<module::Field> EvidenceFields(std::vector<module::Field> owners) {
  std::vector<module::Field> fields = {{"id", Int()}};
  fields.insert(fields.end(), owners.begin(), owners.end());
  for (module::Field f : std::vector<module::Field>{{"file_name", Str(200)},
                                                    {"media_type", Str(100)},
                                                    {"size", Int()},
                                                    {"sha256", {{"type", "string"}, {"pattern", "^[0-9a-f]{64}$"}}},
                                                    {"uploaded_by", Str(64)},
                                                    {"uploaded_at", Timestamp()}}) {
    fields.push_back(std::move(f));
  }
  return fields;
}

}  // namespace

const Resource& EvidenceResource() {
  static const Resource* r = new Resource(EvidenceFields({{"assessment_id", Int()}, {"item_id", Int()}}));
  return *r;
}

const Resource& ActivityEvidenceResource() {
  static const Resource* r = new Resource(EvidenceFields({{"activity_id", Int()}}));
  return *r;
}

Json ScoresSchema() {
  const Json score = {{"type", {"number", "null"}}, {"minimum", 0}, {"maximum", 100}};
  return {{"type", "object"},
          {"required", {"overall", "axes"}},
          {"properties", {{"overall", score}, {"axes", {{"type", "object"}, {"additionalProperties", score}}}}}};
}

Json ObjectiveInput() {
  return ObjectiveResource().Input({"code", "kind", "title_ar", "title_en", "serves"}, {"code", "title_ar", "title_en"});
}

}  // namespace sawt::strategy
