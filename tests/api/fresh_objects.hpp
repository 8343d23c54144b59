#pragma once

// Factories of fresh objects for generic tests (authorization matrix, If-Match, strictness probe):
// each call makes a new object owned by `entity`, as the network admin, so a test can change or
// delete it freely. RouteCases() holds one request per route that an allowed caller answers with
// a stated success status.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/time_zone.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {

/// One request to a route: its path (ids filled in), JSON body (null: none), extra headers, and
/// for routes on the caller's own account the only caller who can make it.
struct RouteRequest {
  std::string path;
  core::Json body = nullptr;
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::optional<Credentials> caller = std::nullopt;
  /// A file body sent as it is with `content_type` (evidence uploads), instead of `body` as JSON.
  std::optional<std::string> raw_body = std::nullopt;
  std::string content_type = {};
};

/// How to call one route successfully: `make(entity)` prepares fresh objects owned by `entity`
/// and returns the request; a caller allowed to make it gets `status`.
struct RouteCase {
  int status;
  std::function<RouteRequest(int64_t entity)> make;
};

class FreshObjectsTest : public ApiTest {
 protected:
  using Json = core::Json;

  static std::string At(std::string pattern, int64_t id) { return pattern.replace(pattern.find("{id}"), 4, std::to_string(id)); }
  static std::vector<std::pair<std::string, std::string>> IfMatch(int64_t version) {
    return {{"If-Match", "\"" + std::to_string(version) + "\""}};
  }

  // network: fresh departments, members, memberships and responsibilities in `entity`.
  Json DepartmentBody(int64_t parent) {
    return {{"kind", "department"}, {"parent_id", parent}, {"code", "zd-" + Unique()}, {"name_ar", "إدارة"},
            {"name_en", "Department"}};
  }
  int64_t NewDepartment(int64_t parent) { return Made(app().Call("POST", "/api/v1/entities", Admin(), DepartmentBody(parent))); }
  Json MemberBody(int64_t entity) {
    const std::string login = "zm" + Unique();
    return {{"login", login}, {"password", "matrix-password"}, {"name_ar", "عضو"}, {"name_en", "Member"},
            {"email", login + "@example.org"}, {"entity_id", entity}, {"role", "member"}};
  }
  int64_t NewMember(int64_t entity) { return Made(app().Call("POST", "/api/v1/members", Admin(), MemberBody(entity))); }
  /// A fresh member's membership in `entity` (destructive rows).
  int64_t NewMembership(int64_t entity) {
    const int64_t member = NewMember(entity);
    Reply list = app().Call("GET", "/api/v1/memberships?member_id=" + std::to_string(member), Admin());
    return list.json()["items"][0]["id"];
  }
  Json ResponsibilityBody(int64_t entity) {
    return {{"entity_id", entity}, {"axis", "public_image"}, {"task_ar", "مهمة"}, {"task_en", "Task"},
            {"member_id", AccountId("admin")}, {"raci", "I"}};
  }
  int64_t NewResponsibility(int64_t entity) {
    return Made(app().Call("POST", "/api/v1/responsibilities", Admin(), ResponsibilityBody(entity)));
  }
  // messaging: fresh objects owned by `entity`, made by the network admin.
  Json ThemeBody(int64_t entity) {
    return {{"code", "zt-" + Unique()}, {"name_ar", "محور"}, {"name_en", "Theme"}, {"owner_entity_id", entity}};
  }
  int64_t NewTheme(int64_t entity) { return Made(app().Call("POST", "/api/v1/themes", Admin(), ThemeBody(entity))); }
  Json KeyMessageBody(int64_t entity) {
    return {{"theme_id", NewTheme(entity)}, {"owner_entity_id", entity}, {"text_ar", "رسالة"}, {"text_en", "Message"}};
  }
  int64_t NewKeyMessage(int64_t entity) {
    return Made(app().Call("POST", "/api/v1/key-messages", Admin(), KeyMessageBody(entity)));
  }
  Json FactBody(int64_t entity) {
    return {{"key", "zf-" + Unique()}, {"label_ar", "عدد"}, {"label_en", "count"}, {"value_ar", "5"}, {"value_en", "5"},
            {"as_of", "2024-01-01"}, {"source", "matrix"}, {"owner_entity_id", entity}};
  }
  int64_t NewFact(int64_t entity) { return Made(app().Call("POST", "/api/v1/facts", Admin(), FactBody(entity))); }
  Json TermBody() { return {{"term", "zterm" + Unique()}, {"lang", "en"}, {"status", "banned"}, {"replacement", "other"}}; }
  int64_t NewTerm() { return Made(app().Call("POST", "/api/v1/terms", Admin(), TermBody())); }
  Json AliasBody(int64_t entity) { return {{"entity_id", entity}, {"alias", "zalias" + Unique()}, {"lang", "en"}}; }
  int64_t NewAlias(int64_t entity) { return Made(app().Call("POST", "/api/v1/entity-aliases", Admin(), AliasBody(entity))); }
  Json ContentBody(int64_t entity) {
    return {{"kind", "social_post"}, {"owner_entity_id", entity}, {"title_ar", "منشور"}, {"body_ar", "نص المنشور"}};
  }
  int64_t NewContentItem(int64_t entity, std::vector<std::string> channels = {}) {
    Json body = ContentBody(entity);
    if (!channels.empty()) body["channels"] = channels;
    return Made(app().Call("POST", "/api/v1/content-items", Admin(), body));
  }
  /// A fresh item of `entity` moved through `steps` of the workflow (If-Match from version 1).
  int64_t ContentItemIn(int64_t entity, const std::vector<std::string>& steps, std::vector<std::string> channels = {}) {
    const int64_t id = NewContentItem(entity, std::move(channels));
    int version = 1;
    for (const auto& to : steps) {
      Reply r = app().Call("POST", At("/api/v1/content-items/{id}/transitions", id), Admin(), {{"to", to}}, IfMatch(version++));
      EXPECT_EQ(r.status, 200) << to << " " << r.body;
    }
    return id;
  }
  /// A fresh item of `entity` on X with a stored Arabic variant.
  int64_t ContentItemWithVariant(int64_t entity) {
    const int64_t id = NewContentItem(entity, {"x"});
    Reply r = app().Call("PUT", At("/api/v1/content-items/{id}/variants/x", id), Admin(), {{"lang", "ar"}, {"text", "نص"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }
  /// A published item of `entity` on a channel without an endpoint; returns its first publication
  /// (state manual: it can be marked posted or queued again).
  int64_t NewPublication(int64_t entity) {
    const int64_t id = ContentItemIn(entity, {"in_review", "approved", "scheduled", "published"}, {"snapchat"});
    // The publication worker turns the pending publication into a manual one on its own thread.
    Json rows;
    for (int attempt = 0; attempt < 400; ++attempt) {
      rows = app().Call("GET", At("/api/v1/content-items/{id}/publications", id), Admin()).json();
      if (!rows["items"].empty() && rows["items"][0]["state"] != "pending") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_EQ(rows["items"][0]["state"], "manual") << rows.dump();
    return rows["items"][0]["id"];
  }

  // calendar: fresh entries and blackouts of `entity` in January 2031.
  Json EntryBody(int64_t entity) {
    return {{"entity_id", entity}, {"kind", "event"}, {"title_ar", "فعالية"}, {"title_en", "Event"},
            {"starts_at", "2031-01-10T09:00:00Z"}};
  }
  int64_t NewEntry(int64_t entity) { return Made(app().Call("POST", "/api/v1/calendar/entries", Admin(), EntryBody(entity))); }
  Json BlackoutBody(int64_t entity) {
    return {{"entity_id", entity}, {"starts_on", "2031-01-20"}, {"reason_ar", "حداد"}, {"reason_en", "Mourning"}};
  }
  int64_t NewBlackout(int64_t entity) {
    return Made(app().Call("POST", "/api/v1/calendar/blackouts", Admin(), BlackoutBody(entity)));
  }

  // initiatives: a fresh planned initiative owned by `entity`, and one moved on from there.
  Json InitiativeBody(int64_t entity) {
    return {{"owner_entity_id", entity}, {"title_ar", "مبادرة"}, {"title_en", "Initiative"},
            {"start_date", "2027-01-01"}, {"end_date", "2027-02-01"}};
  }
  int64_t NewInitiative(int64_t entity) {
    return Made(app().Call("POST", "/api/v1/initiatives", Admin(), InitiativeBody(entity)));
  }
  static Json OutcomesBody() { return {{"outcomes_ar", "نتائج"}, {"outcomes_en", "Results"}, {"results", Json::array()}}; }
  /// A fresh initiative moved through `steps`; outcomes are recorded before "completed" when `outcomes`.
  int64_t InitiativeIn(int64_t entity, const std::vector<std::string>& steps, bool outcomes) {
    const int64_t id = NewInitiative(entity);
    for (const auto& to : steps) {
      if (to == "completed" && outcomes) {
        Reply o = app().Call("PUT", At("/api/v1/initiatives/{id}/outcomes", id), Admin(), OutcomesBody());
        EXPECT_EQ(o.status, 200) << o.body;
      }
      Reply r = app().Call("POST", At("/api/v1/initiatives/{id}/status", id), Admin(), {{"to", to}});
      EXPECT_EQ(r.status, 200) << to << " " << r.body;
    }
    return id;
  }
  /// A completed initiative with outcomes in the showcase.
  int64_t ShowcasedInitiative(int64_t entity) {
    const int64_t id = InitiativeIn(entity, {"active", "completed"}, true);
    Reply r = app().Call("POST", At("/api/v1/initiatives/{id}/showcase", id), Admin(), {{"note", "Best"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  // crisis: a fresh drill led by `entity` (declared by the network admin, who leads its room) and a
  // task in it.
  Json CrisisBody(int64_t entity) {
    return {{"kind", "drill"}, {"crisis_type", "other"}, {"severity", "minor"}, {"title_ar", "تمرين"},
            {"title_en", "Drill"}, {"lead_entity_id", entity}};
  }
  /// A pause of `entity`'s publishing on a channel no test publishes to (a crisis's pause without one).
  static Json PauseBody(std::optional<int64_t> entity = std::nullopt) {
    Json body = {{"reason", "Authorization matrix"}, {"channels", Json::array({"outdoor"})}};
    if (entity) body["entity_ids"] = {*entity};
    return body;
  }
  int64_t NewPause(int64_t entity) { return Made(app().Call("POST", "/api/v1/publishing-pauses", Admin(), PauseBody(entity))); }
  int64_t NewCrisis(int64_t entity) { return Made(app().Call("POST", "/api/v1/crises", Admin(), CrisisBody(entity))); }
  Json CrisisTaskBody() {
    return {{"title_ar", "مهمة"}, {"title_en", "Task"}, {"owner_account_id", AccountId("admin")}};
  }
  Json CrisisTemplateBody() {
    return {{"code", "zct-" + Unique()}, {"crisis_type", "other"}, {"title_ar", "بيان {{x}}"}, {"title_en", "Statement {{x}}"},
            {"body_ar", "نص"}, {"body_en", "Text"}};
  }
  int64_t NewCrisisTemplate() { return Made(app().Call("POST", "/api/v1/crisis-templates", Admin(), CrisisTemplateBody())); }
  // crisis statements: drafts of the network admin, and statements awaiting approval that the
  // police spokesperson wrote (so the network admin, who leads the room, may approve them).
  static Json CrisisStatementBody() {
    return {{"title_ar", "بيان"}, {"title_en", "Statement"}, {"body_ar", "نص البيان"}, {"body_en", "The statement."}};
  }
  /// A fresh drill of `entity` led by the network admin, with the police spokesperson in its room.
  std::string NewCrisisWithSpokesperson(int64_t entity) {
    Json body = CrisisBody(entity);
    body["roles"] = {{{"account_id", AccountId("admin")}, {"role", "lead"}},
                     {{"account_id", AccountId("police.spokesperson")}, {"role", "spokesperson"}}};
    return At("/api/v1/crises/{id}", Made(app().Call("POST", "/api/v1/crises", Admin(), body)));
  }
  /// A fresh draft of the network admin in the crisis at `crisis_path`: "<crisis_path>/statements/<id>".
  std::string NewCrisisStatement(const std::string& crisis_path) {
    return crisis_path + "/statements/" +
           std::to_string(Made(app().Call("POST", crisis_path + "/statements", Admin(), CrisisStatementBody())));
  }
  /// A statement the police spokesperson wrote and submitted in the crisis at `crisis_path` (made
  /// by NewCrisisWithSpokesperson): "<crisis_path>/statements/<id>".
  std::string SubmittedCrisisStatement(const std::string& crisis_path) {
    const Credentials spokesperson = Demo("police.spokesperson");
    const std::string path = crisis_path + "/statements/" +
                             std::to_string(Made(app().Call("POST", crisis_path + "/statements", spokesperson, CrisisStatementBody())));
    Reply submitted = app().Call("POST", path + "/submit", spokesperson, Json::object());
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    return path;
  }
  // crisis webhooks: a fresh subscriber (inactive, so no statement of another test is queued for
  // it), and a delivery: an active subscriber gets one statement, published by a one-approver
  // drill, then is switched off. Its address is loopback's discard port (refused at once).
  static Json WebhookBody(bool active) {
    return {{"name", "Broadcaster " + Unique()}, {"url", "http://127.0.0.1:9/hook"}, {"active", active}, {"include_drills", true}};
  }
  int64_t NewWebhook() { return Made(app().Call("POST", "/api/v1/crisis-webhooks", Admin(), WebhookBody(false))); }
  /// "/api/v1/crisis-webhooks/<id>/deliveries/<delivery>".
  std::string NewWebhookDelivery(int64_t entity) {
    const int64_t hook = Made(app().Call("POST", "/api/v1/crisis-webhooks", Admin(), WebhookBody(true)));
    Json body = CrisisBody(entity);
    body["required_approvals"] = 1;
    body["roles"] = {{{"account_id", AccountId("admin")}, {"role", "lead"}},
                     {{"account_id", AccountId("police.spokesperson")}, {"role", "spokesperson"}}};
    const std::string crisis = At("/api/v1/crises/{id}", Made(app().Call("POST", "/api/v1/crises", Admin(), body)));
    Reply published = app().Call("POST", SubmittedCrisisStatement(crisis) + "/approve", Admin(), Json::object());
    EXPECT_EQ(published.status, 200) << published.body;
    const std::string at = At("/api/v1/crisis-webhooks/{id}", hook);
    Reply off = app().Call("PATCH", at, Admin(), {{"active", false}});
    EXPECT_EQ(off.status, 200) << off.body;
    Reply deliveries = app().Call("GET", at + "/deliveries", Admin());
    EXPECT_EQ(deliveries.status, 200) << deliveries.body;
    const Json items = deliveries.json().value("items", Json::array());
    EXPECT_EQ(items.size(), 1u) << deliveries.body;
    return at + "/deliveries/" + (items.empty() ? "0" : std::to_string(items[0]["id"].get<int64_t>()));
  }

  /// A fresh task of the network admin in the crisis at `crisis_path` ("/api/v1/crises/<id>").
  int64_t NewCrisisTask(const std::string& crisis_path) {
    return Made(app().Call("POST", crisis_path + "/tasks", Admin(), CrisisTaskBody()));
  }
  /// A fresh task in a fresh drill of `entity`: "/api/v1/crises/<id>/tasks/<task>".
  std::string NewCrisisTaskPath(int64_t entity) {
    const std::string crisis = At("/api/v1/crises/{id}", NewCrisis(entity));
    return crisis + "/tasks/" + std::to_string(NewCrisisTask(crisis));
  }

  // strategy: the demo's active umbrella strategy, a fresh draft strategy of `entity` serving it,
  // and a fresh activity of `entity` (dated in 2031, so never overdue while tests run).
  int64_t UmbrellaId() {
    Reply r = app().Call("GET", "/api/v1/strategies?scope=umbrella&status=active", Admin());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"].at(0)["id"];
  }
  Json EntityStrategyBody(int64_t entity) {
    return {{"scope", "entity"},
            {"entity_id", entity},
            {"umbrella_id", UmbrellaId()},
            {"title_ar", "استراتيجية"},
            {"title_en", "Strategy"},
            {"period_start", 2027},
            {"period_end", 2029},
            {"objectives", {{{"code", "T1"}, {"title_ar", "هدف"}, {"title_en", "Objective"}, {"serves", {"O1"}}}}}};
  }
  int64_t NewEntityStrategy(int64_t entity) {
    return Made(app().Call("POST", "/api/v1/strategies", Admin(), EntityStrategyBody(entity)));
  }
  Json ActivityBody(int64_t entity) {
    return {{"entity_id", entity}, {"title_ar", "نشاط"}, {"title_en", "Activity"}, {"start_date", "2031-01-05"},
            {"due_date", "2031-01-25"}};
  }
  int64_t NewActivity(int64_t entity) { return Made(app().Call("POST", "/api/v1/activities", Admin(), ActivityBody(entity))); }
  /// An evidence file of a fresh activity of `entity`.
  int64_t NewActivityEvidence(int64_t entity) {
    const std::string at = At("/api/v1/activities/{id}/evidence", NewActivity(entity)) + "?name=minutes.txt";
    return Made(Perform("POST", RouteRequest{at, nullptr, {}, {}, kEvidenceText, "text/plain"}, Admin()));
  }

  Json MeetingBody(int64_t entity) {
    return {{"entity_id", entity}, {"title_ar", "اجتماع متابعة"}, {"title_en", "Follow-up"}, {"held_on", "2031-01-10"}};
  }
  int64_t NewMeeting(int64_t entity) { return Made(app().Call("POST", "/api/v1/meetings", Admin(), MeetingBody(entity))); }

  // KPIs: a fresh quarterly KPI of `entity`, measured by people or fed from messaging's source.
  Json KpiBody(int64_t entity, bool from_source = false) {
    Json body = {{"code", "k-" + Unique()}, {"entity_id", entity}, {"name_ar", "مؤشر"}, {"name_en", "Indicator"},
                 {"unit", "%"},           {"direction", "up"},     {"frequency", "quarterly"}};
    if (from_source) body["source"] = "messaging.content_published";
    return body;
  }
  int64_t NewKpi(int64_t entity, bool from_source = false) {
    return Made(app().Call("POST", "/api/v1/kpis", Admin(), KpiBody(entity, from_source)));
  }
  /// The quarter the application's clock is in, in the network's zone (Asia/Dubai in the demo).
  std::string CurrentQuarter() {
    const std::string today = core::TimeZone::Named("Asia/Dubai")->DateOf(app().clock().NowMicros());
    return today.substr(0, 4) + "-Q" + std::to_string((std::stoi(today.substr(5, 2)) - 1) / 3 + 1);
  }
  static std::string KpiAt(std::string pattern, int64_t id, const std::string& period) {
    pattern = At(pattern, id);
    return pattern.replace(pattern.find("{period}"), 8, period);
  }

  /// Sends `req` as `who`: its JSON body, or its file body with its own media type.
  Reply Perform(const std::string& method, const RouteRequest& req, const Credentials& who) {
    if (!req.raw_body) return app().Call(method, req.path, who, req.body, req.headers);
    auto headers = req.headers;
    headers.emplace_back("Content-Type", req.content_type);
    if (!who.csrf.empty()) headers.emplace_back("X-CSRF-Token", who.csrf);
    headers.emplace_back("Accept-Language", "en");
    return app().Send(method, req.path, *req.raw_body, who, headers);
  }

  // Compliance: a fresh active template of its own (so assessments never collide), and
  // assessments of `entity` for 2031 in the state a route needs.
  Json ComplianceTemplateBody() {
    return {{"code", "ct-" + Unique()},
            {"title_ar", "قالب"},
            {"title_en", "Template"},
            {"status", "active"},
            {"items", Json::array({{{"code", "A1"}, {"axis", "media_communication"}, {"weight", 2}, {"evidence_required", true},
                                    {"title_ar", "بند"}, {"title_en", "Item"}}})}};
  }
  int64_t NewComplianceTemplate() {
    return Made(app().Call("POST", "/api/v1/compliance/templates", Admin(), ComplianceTemplateBody()));
  }
  Json AssessmentBody(int64_t entity) {
    return {{"entity_id", entity}, {"period", "2031"}, {"template_id", NewComplianceTemplate()}};
  }
  static constexpr const char* kEvidenceText = "date,channel\n2031-01-02,x\n";
  /// "draft", "complete" (answered, evidence attached, not yet submitted), "submitted" or "reviewed".
  int64_t NewAssessment(int64_t entity, const std::string& state = "draft") {
    const int64_t id = Made(app().Call("POST", "/api/v1/assessments", Admin(), AssessmentBody(entity)));
    if (state == "draft") return id;
    const std::string at = "/api/v1/assessments/" + std::to_string(id);
    EXPECT_EQ(app().Call("PUT", at + "/answers/A1", Admin(), {{"level", 3}}).status, 200);
    Made(Perform("POST", RouteRequest{at + "/evidence?item=A1&name=log.csv", nullptr, {}, {}, kEvidenceText, "text/csv"}, Admin()));
    if (state == "complete") return id;
    EXPECT_EQ(app().Call("POST", at + "/submit", Admin(), Json::object()).status, 200);
    if (state == "submitted") return id;
    EXPECT_EQ(app().Call("POST", at + "/complete", Admin(), Json::object()).status, 200);
    return id;
  }
  /// An evidence file of a fresh draft assessment of `entity`.
  int64_t NewEvidence(int64_t entity) {
    const std::string at = "/api/v1/assessments/" + std::to_string(NewAssessment(entity));
    return Made(Perform("POST", RouteRequest{at + "/evidence?item=A1&name=log.csv", nullptr, {}, {}, kEvidenceText, "text/csv"}, Admin()));
  }

  /// One successful request per route ("METHOD pattern") that deals with fresh objects; the
  /// routes every signed-in caller uses on their own account are in it too (the entity is
  /// ignored there). Callers of a request in another entity use `entity` as the owner.
  std::map<std::string, RouteCase> RouteCases() {
    auto fixed = [](std::string path, Json body = nullptr) {
      return [path, body](int64_t) { return RouteRequest{path, body}; };
    };
    const int64_t police = EntityId("police");
    return {
        // network
        {"GET /api/v1/entities/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/entities/{id}", NewDepartment(e))}; }}},
        {"POST /api/v1/entities", {201, [&](int64_t e) { return RouteRequest{"/api/v1/entities", DepartmentBody(e)}; }}},
        {"PATCH /api/v1/entities/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/entities/{id}", NewDepartment(e)), {{"color", "#334455"}}}; }}},
        {"DELETE /api/v1/entities/{id}", {204, [&](int64_t e) { return RouteRequest{At("/api/v1/entities/{id}", NewDepartment(e))}; }}},
        {"GET /api/v1/entities/{id}/review-settings",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/entities/{id}/review-settings", NewDepartment(e))}; }}},
        {"PUT /api/v1/entities/{id}/review-settings",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/entities/{id}/review-settings", NewDepartment(e)), {{"maker_checker", true}}};
          }}},
        {"GET /api/v1/members", {200, [&](int64_t e) { return RouteRequest{"/api/v1/members?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/members", {201, [&](int64_t e) { return RouteRequest{"/api/v1/members", MemberBody(e)}; }}},
        {"GET /api/v1/members/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/members/{id}", NewMember(e))}; }}},
        {"PATCH /api/v1/members/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/members/{id}", NewMember(e)), {{"title_en", "Editor"}}}; }}},
        {"DELETE /api/v1/members/{id}/login-throttles",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/members/{id}/login-throttles", NewMember(e))}; }}},
        {"GET /api/v1/memberships",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/memberships?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/memberships",
         {201, [&](int64_t e) {
            return RouteRequest{"/api/v1/memberships", {{"member_id", NewMember(e)}, {"entity_id", e}, {"role", "editor"}}};
          }}},
        {"DELETE /api/v1/memberships/{id}",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/memberships/{id}", NewMembership(e))}; }}},
        // An invitation of the network admin to a fresh department of `entity`'s, from its director.
        {"POST /api/v1/memberships/{id}/accept",
         {200, [&](int64_t e) {
            Reply offered = app().Call("POST", "/api/v1/memberships", Demo("police.director"),
                                       {{"member_id", AccountId("admin")}, {"entity_id", NewDepartment(e)}, {"role", "member"}});
            EXPECT_EQ(offered.json().value("status", ""), "invited") << offered.body;
            return RouteRequest{At("/api/v1/memberships/{id}/accept", Made(offered)), Json::object(), {}, Admin()};
          }}},
        {"GET /api/v1/responsibilities",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/responsibilities?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/responsibilities", {201, [&](int64_t e) { return RouteRequest{"/api/v1/responsibilities", ResponsibilityBody(e)}; }}},
        {"PATCH /api/v1/responsibilities/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/responsibilities/{id}", NewResponsibility(e)), {{"raci", "C"}}}; }}},
        {"DELETE /api/v1/responsibilities/{id}",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/responsibilities/{id}", NewResponsibility(e))}; }}},
        // messaging: the library
        {"GET /api/v1/themes", {200, fixed("/api/v1/themes")}},
        {"POST /api/v1/themes", {201, [&](int64_t e) { return RouteRequest{"/api/v1/themes", ThemeBody(e)}; }}},
        {"PATCH /api/v1/themes/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/themes/{id}", NewTheme(e)), {{"name_en", "Renamed"}}}; }}},
        {"GET /api/v1/key-messages", {200, fixed("/api/v1/key-messages")}},
        {"POST /api/v1/key-messages", {201, [&](int64_t e) { return RouteRequest{"/api/v1/key-messages", KeyMessageBody(e)}; }}},
        {"GET /api/v1/key-messages/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/key-messages/{id}", NewKeyMessage(e))}; }}},
        {"PATCH /api/v1/key-messages/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/key-messages/{id}", NewKeyMessage(e)), {{"text_en", "Edited"}}}; }}},
        {"POST /api/v1/key-messages/{id}/approve",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/key-messages/{id}/approve", NewKeyMessage(e)), Json::object()}; }}},
        {"POST /api/v1/key-messages/{id}/retire",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/key-messages/{id}/retire", NewKeyMessage(e)), Json::object()}; }}},
        {"GET /api/v1/key-messages/{id}/versions",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/key-messages/{id}/versions", NewKeyMessage(e))}; }}},
        {"GET /api/v1/facts", {200, fixed("/api/v1/facts")}},
        {"POST /api/v1/facts", {201, [&](int64_t e) { return RouteRequest{"/api/v1/facts", FactBody(e)}; }}},
        {"GET /api/v1/facts/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/facts/{id}", NewFact(e))}; }}},
        {"PATCH /api/v1/facts/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/facts/{id}", NewFact(e)), {{"source", "edited"}}}; }}},
        {"POST /api/v1/facts/{id}/approve",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/facts/{id}/approve", NewFact(e)), Json::object()}; }}},
        {"GET /api/v1/terms", {200, fixed("/api/v1/terms")}},
        {"POST /api/v1/terms", {201, [&](int64_t) { return RouteRequest{"/api/v1/terms", TermBody()}; }}},
        {"PATCH /api/v1/terms/{id}",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/terms/{id}", NewTerm()), {{"status", "deprecated"}}}; }}},
        {"DELETE /api/v1/terms/{id}", {204, [&](int64_t) { return RouteRequest{At("/api/v1/terms/{id}", NewTerm())}; }}},
        {"GET /api/v1/entity-aliases",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/entity-aliases?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/entity-aliases", {201, [&](int64_t e) { return RouteRequest{"/api/v1/entity-aliases", AliasBody(e)}; }}},
        {"DELETE /api/v1/entity-aliases/{id}", {204, [&](int64_t e) { return RouteRequest{At("/api/v1/entity-aliases/{id}", NewAlias(e))}; }}},
        {"POST /api/v1/alignment-checks",
         {200, [&](int64_t e) {
            return RouteRequest{"/api/v1/alignment-checks", {{"text_ar", "عدد الزوار 23 مليون"}, {"entity_id", e}}};
          }}},
        // messaging: content items, variants and publications
        {"POST /api/v1/content-items", {201, [&](int64_t e) { return RouteRequest{"/api/v1/content-items", ContentBody(e)}; }}},
        {"GET /api/v1/content-items",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/content-items?state=draft&entity_id=" + std::to_string(e)}; }}},
        {"GET /api/v1/content-items/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}", NewContentItem(e))}; }}},
        {"PATCH /api/v1/content-items/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}", NewContentItem(e)), {{"title_en", "Post"}}}; }}},
        {"POST /api/v1/content-items/{id}/transitions",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/content-items/{id}/transitions", NewContentItem(e)), {{"to", "in_review"}}, IfMatch(1)};
          }}},
        {"GET /api/v1/content-items/{id}/versions",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}/versions", NewContentItem(e))}; }}},
        {"GET /api/v1/content-items/{id}/diff",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}/diff", NewContentItem(e)) + "?from=1&to=1"}; }}},
        {"GET /api/v1/content-items/{id}/variants",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}/variants", NewContentItem(e))}; }}},
        {"PUT /api/v1/content-items/{id}/variants/{channel}",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/content-items/{id}/variants/x", NewContentItem(e, {"x"})), {{"lang", "ar"}, {"text", "نص"}}};
          }}},
        {"DELETE /api/v1/content-items/{id}/variants/{channel}",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}/variants/x", ContentItemWithVariant(e)) + "?lang=ar"}; }}},
        {"POST /api/v1/channel-checks", {200, fixed("/api/v1/channel-checks", {{"channel", "x"}, {"text", "نص"}})}},
        {"GET /api/v1/content-items/{id}/publications",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/content-items/{id}/publications", NewContentItem(e))}; }}},
        {"POST /api/v1/publications/{id}/posted",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/publications/{id}/posted", NewPublication(e)), {{"url", "https://example.org/post"}}};
          }}},
        {"POST /api/v1/publications/{id}/retry",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/publications/{id}/retry", NewPublication(e)), Json::object()}; }}},
        // Delivery endpoints are deployment settings: a test that changes them restores them
        // (SettingsGuard in the matrix).
        {"GET /api/v1/channel-endpoints", {200, fixed("/api/v1/channel-endpoints")}},
        {"PUT /api/v1/channel-endpoints/{channel}",
         {200, fixed("/api/v1/channel-endpoints/whatsapp", {{"url", "http://127.0.0.1:9/hook"}, {"secret", "0123456789abcdef"}})}},
        {"DELETE /api/v1/channel-endpoints/{channel}",
         {204, [&](int64_t) {
            Reply made = app().Call("PUT", "/api/v1/channel-endpoints/intranet", Admin(),
                                    {{"url", "http://127.0.0.1:9/hook"}, {"secret", "0123456789abcdef"}});
            EXPECT_EQ(made.status, 200) << made.body;
            return RouteRequest{"/api/v1/channel-endpoints/intranet"};
          }}},
        // pauses of publishing: of the fresh object's entity, on a channel no test publishes to
        {"GET /api/v1/publishing-pauses", {200, fixed("/api/v1/publishing-pauses?status=all")}},
        {"POST /api/v1/publishing-pauses", {201, [&](int64_t e) { return RouteRequest{"/api/v1/publishing-pauses", PauseBody(e)}; }}},
        {"GET /api/v1/publishing-pauses/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/publishing-pauses/{id}", NewPause(e))}; }}},
        {"POST /api/v1/publishing-pauses/{id}/resume",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/publishing-pauses/{id}/resume", NewPause(e)), Json::object()};
          }}},
        // calendar (dates far from the calendar API tests' so these never create their conflicts)
        {"GET /api/v1/calendar",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/calendar?from=2031-01-01&to=2031-01-31&entity_id=" + std::to_string(e)}; }}},
        {"GET /api/v1/calendar.ics",
         {200, [&](int64_t e) {
            return RouteRequest{"/api/v1/calendar.ics?from=2031-01-01&to=2031-01-31&entity_id=" + std::to_string(e)};
          }}},
        {"POST /api/v1/calendar/entries", {201, [&](int64_t e) { return RouteRequest{"/api/v1/calendar/entries", EntryBody(e)}; }}},
        {"GET /api/v1/calendar/entries/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/calendar/entries/{id}", NewEntry(e))}; }}},
        {"PATCH /api/v1/calendar/entries/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/calendar/entries/{id}", NewEntry(e)), {{"status", "tentative"}}}; }}},
        {"DELETE /api/v1/calendar/entries/{id}", {204, [&](int64_t e) { return RouteRequest{At("/api/v1/calendar/entries/{id}", NewEntry(e))}; }}},
        {"GET /api/v1/calendar/blackouts", {200, fixed("/api/v1/calendar/blackouts")}},
        {"POST /api/v1/calendar/blackouts", {201, [&](int64_t e) { return RouteRequest{"/api/v1/calendar/blackouts", BlackoutBody(e)}; }}},
        {"DELETE /api/v1/calendar/blackouts/{id}",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/calendar/blackouts/{id}", NewBlackout(e))}; }}},
        {"GET /api/v1/network/settings", {200, fixed("/api/v1/network/settings")}},
        // A network setting: a test that changes it restores it (SettingsGuard).
        {"PUT /api/v1/network/settings", {200, fixed("/api/v1/network/settings", {{"time_zone", "Asia/Dubai"}})}},
        {"GET /api/v1/calendar/settings", {200, fixed("/api/v1/calendar/settings")}},
        // A network setting: a test that changes it restores it (SettingsGuard).
        {"PUT /api/v1/calendar/settings", {200, fixed("/api/v1/calendar/settings", {{"conflict_window_hours", 48}})}},
        // initiatives
        {"GET /api/v1/initiatives",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/initiatives?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/initiatives", {201, [&](int64_t e) { return RouteRequest{"/api/v1/initiatives", InitiativeBody(e)}; }}},
        {"GET /api/v1/initiatives/showcase", {200, fixed("/api/v1/initiatives/showcase")}},
        {"GET /api/v1/initiatives/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/initiatives/{id}", NewInitiative(e))}; }}},
        {"PATCH /api/v1/initiatives/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/initiatives/{id}", NewInitiative(e)), {{"title_en", "Renamed"}}}; }}},
        {"POST /api/v1/initiatives/{id}/status",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/initiatives/{id}/status", NewInitiative(e)), {{"to", "active"}}}; }}},
        {"PUT /api/v1/initiatives/{id}/outcomes",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/initiatives/{id}/outcomes", InitiativeIn(e, {"active"}, false)), OutcomesBody()};
          }}},
        {"POST /api/v1/initiatives/{id}/showcase",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/initiatives/{id}/showcase", InitiativeIn(e, {"active", "completed"}, true)),
                                {{"note", "Best"}}};
          }}},
        {"DELETE /api/v1/initiatives/{id}/showcase",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/initiatives/{id}/showcase", ShowcasedInitiative(e))}; }}},
        {"GET /api/v1/crisis-templates", {200, fixed("/api/v1/crisis-templates")}},
        {"POST /api/v1/crisis-templates", {201, [&](int64_t) { return RouteRequest{"/api/v1/crisis-templates", CrisisTemplateBody()}; }}},
        {"GET /api/v1/crisis-templates/{id}",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-templates/{id}", NewCrisisTemplate())}; }}},
        {"PATCH /api/v1/crisis-templates/{id}",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-templates/{id}", NewCrisisTemplate()), {{"title_en", "Renamed"}}}; }}},
        {"POST /api/v1/crisis-templates/{id}/render",
         {200, [&](int64_t) {
            return RouteRequest{At("/api/v1/crisis-templates/{id}/render", NewCrisisTemplate()), {{"values", {{"x", "y"}}}}};
          }}},
        {"GET /api/v1/crises/{id}/statements",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/statements", NewCrisis(e))}; }}},
        {"POST /api/v1/crises/{id}/statements",
         {201, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/statements", NewCrisis(e)), CrisisStatementBody()}; }}},
        {"GET /api/v1/crises/{id}/statements/{statement_id}",
         {200, [&](int64_t e) { return RouteRequest{NewCrisisStatement(At("/api/v1/crises/{id}", NewCrisis(e)))}; }}},
        {"PATCH /api/v1/crises/{id}/statements/{statement_id}",
         {200, [&](int64_t e) {
            return RouteRequest{NewCrisisStatement(At("/api/v1/crises/{id}", NewCrisis(e))), {{"title_en", "Renamed"}}};
          }}},
        {"POST /api/v1/crises/{id}/statements/{statement_id}/submit",
         {200, [&](int64_t e) {
            return RouteRequest{NewCrisisStatement(At("/api/v1/crises/{id}", NewCrisis(e))) + "/submit", Json::object()};
          }}},
        {"POST /api/v1/crises/{id}/statements/{statement_id}/approve",
         {200, [&](int64_t e) {
            return RouteRequest{SubmittedCrisisStatement(NewCrisisWithSpokesperson(e)) + "/approve", Json::object()};
          }}},
        {"POST /api/v1/crises/{id}/statements/{statement_id}/withdraw",
         {200, [&](int64_t e) {
            return RouteRequest{NewCrisisStatement(At("/api/v1/crises/{id}", NewCrisis(e))) + "/withdraw", Json::object()};
          }}},
        {"GET /api/v1/crises", {200, fixed("/api/v1/crises")}},
        {"POST /api/v1/crises", {201, [&](int64_t e) { return RouteRequest{"/api/v1/crises", CrisisBody(e)}; }}},
        {"GET /api/v1/crises/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}", NewCrisis(e))}; }}},
        {"PATCH /api/v1/crises/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}", NewCrisis(e)), {{"severity", "severe"}}}; }}},
        {"PUT /api/v1/crises/{id}/roles",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/crises/{id}/roles", NewCrisis(e)),
                                {{"roles", {{{"account_id", AccountId("admin")}, {"role", "lead"}}}}}};
          }}},
        {"POST /api/v1/crises/{id}/close",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/close", NewCrisis(e)), {{"lessons_en", "Lessons"}}}; }}},
        {"POST /api/v1/crises/{id}/pause-publishing",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/crises/{id}/pause-publishing", NewCrisis(e)), PauseBody()};
          }}},
        {"POST /api/v1/crises/{id}/resume-publishing",
         {200, [&](int64_t e) {
            const int64_t crisis = NewCrisis(e);
            Reply paused = app().Call("POST", At("/api/v1/crises/{id}/pause-publishing", crisis), Admin(), PauseBody());
            EXPECT_EQ(paused.status, 200) << paused.body;
            return RouteRequest{At("/api/v1/crises/{id}/resume-publishing", crisis), Json::object()};
          }}},
        {"GET /api/v1/crises/{id}/timeline",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/timeline", NewCrisis(e))}; }}},
        {"POST /api/v1/crises/{id}/timeline",
         {201, [&](int64_t e) {
            return RouteRequest{At("/api/v1/crises/{id}/timeline", NewCrisis(e)), {{"kind", "note"}, {"text_en", "Note"}}};
          }}},
        {"GET /api/v1/crises/{id}/tasks",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/tasks", NewCrisis(e))}; }}},
        {"POST /api/v1/crises/{id}/tasks",
         {201, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/tasks", NewCrisis(e)), CrisisTaskBody()}; }}},
        {"PATCH /api/v1/crises/{id}/tasks/{task_id}",
         {200, [&](int64_t e) { return RouteRequest{NewCrisisTaskPath(e), {{"title_en", "Renamed"}}}; }}},
        {"GET /api/v1/crises/{id}/report", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/crises/{id}/report", NewCrisis(e))}; }}},
        {"GET /api/v1/crisis-webhooks", {200, fixed("/api/v1/crisis-webhooks")}},
        {"POST /api/v1/crisis-webhooks", {201, [&](int64_t) { return RouteRequest{"/api/v1/crisis-webhooks", WebhookBody(false)}; }}},
        {"GET /api/v1/crisis-webhooks/{id}", {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-webhooks/{id}", NewWebhook())}; }}},
        {"PATCH /api/v1/crisis-webhooks/{id}",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-webhooks/{id}", NewWebhook()), {{"name", "Renamed"}}}; }}},
        {"POST /api/v1/crisis-webhooks/{id}/rotate-secret",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-webhooks/{id}/rotate-secret", NewWebhook()), Json::object()}; }}},
        {"DELETE /api/v1/crisis-webhooks/{id}",
         {204, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-webhooks/{id}", NewWebhook())}; }}},
        {"GET /api/v1/crisis-webhooks/{id}/deliveries",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/crisis-webhooks/{id}/deliveries", NewWebhook()) + "?state=failed"}; }}},
        {"POST /api/v1/crisis-webhooks/{id}/deliveries/{delivery_id}/redeliver",
         {200, [&](int64_t e) { return RouteRequest{NewWebhookDelivery(e) + "/redeliver", Json::object()}; }}},
        // strategy
        {"GET /api/v1/strategies",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/strategies?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/strategies", {201, [&](int64_t e) { return RouteRequest{"/api/v1/strategies", EntityStrategyBody(e)}; }}},
        {"GET /api/v1/strategies/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/strategies/{id}", NewEntityStrategy(e))}; }}},
        {"PATCH /api/v1/strategies/{id}",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/strategies/{id}", NewEntityStrategy(e)), {{"title_en", "Renamed"}}, IfMatch(1)};
          }}},
        {"GET /api/v1/strategies/{id}/traceability",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/strategies/{id}/traceability", UmbrellaId())}; }}},
        {"GET /api/v1/activities",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/activities?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/activities", {201, [&](int64_t e) { return RouteRequest{"/api/v1/activities", ActivityBody(e)}; }}},
        {"GET /api/v1/activities/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/activities/{id}", NewActivity(e))}; }}},
        {"PATCH /api/v1/activities/{id}",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/activities/{id}", NewActivity(e)), {{"progress", 50}}, IfMatch(1)};
          }}},
        {"POST /api/v1/activities/{id}/evidence",
         {201, [&](int64_t e) {
            return RouteRequest{At("/api/v1/activities/{id}/evidence", NewActivity(e)) + "?name=minutes.txt", nullptr, {}, {},
                                kEvidenceText, "text/plain"};
          }}},
        {"GET /api/v1/activity-evidence/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/activity-evidence/{id}", NewActivityEvidence(e))}; }}},
        {"DELETE /api/v1/activity-evidence/{id}",
         {204, [&](int64_t e) { return RouteRequest{At("/api/v1/activity-evidence/{id}", NewActivityEvidence(e))}; }}},
        {"GET /api/v1/kpi-sources", {200, fixed("/api/v1/kpi-sources")}},
        {"GET /api/v1/kpis", {200, [&](int64_t e) { return RouteRequest{"/api/v1/kpis?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/kpis", {201, [&](int64_t e) { return RouteRequest{"/api/v1/kpis", KpiBody(e)}; }}},
        {"GET /api/v1/kpis/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/kpis/{id}", NewKpi(e))}; }}},
        {"PUT /api/v1/kpis/{id}/targets/{period}",
         {200, [&](int64_t e) {
            return RouteRequest{KpiAt("/api/v1/kpis/{id}/targets/{period}", NewKpi(e), "2031-Q1"), {{"target", 80}}};
          }}},
        {"PUT /api/v1/kpis/{id}/measurements/{period}",
         {200, [&](int64_t e) {
            return RouteRequest{KpiAt("/api/v1/kpis/{id}/measurements/{period}", NewKpi(e), CurrentQuarter()), {{"value", 77.5}}};
          }}},
        {"POST /api/v1/kpis/{id}/refresh",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/kpis/{id}/refresh", NewKpi(e, true)), {{"period", CurrentQuarter()}}};
          }}},
        {"GET /api/v1/meetings", {200, [&](int64_t e) { return RouteRequest{"/api/v1/meetings?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/meetings", {201, [&](int64_t e) { return RouteRequest{"/api/v1/meetings", MeetingBody(e)}; }}},
        {"GET /api/v1/meetings/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/meetings/{id}", NewMeeting(e))}; }}},
        {"PATCH /api/v1/meetings/{id}",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/meetings/{id}", NewMeeting(e)), {{"minutes", "Agreed"}}, IfMatch(1)};
          }}},
        {"POST /api/v1/meetings/{id}/decisions",
         {201, [&](int64_t e) {
            return RouteRequest{At("/api/v1/meetings/{id}/decisions", NewMeeting(e)),
                                {{"text_ar", "قرار"}, {"text_en", "Decision"}, {"activity", {{"due_date", "2031-02-01"}}}}};
          }}},
        // compliance: templates are the network admins'; an entity's admins assess it, the network
        // reviews; scores, the heat map and scorecards are for every member.
        {"GET /api/v1/compliance/templates", {200, fixed("/api/v1/compliance/templates")}},
        {"POST /api/v1/compliance/templates",
         {201, [&](int64_t) { return RouteRequest{"/api/v1/compliance/templates", ComplianceTemplateBody()}; }}},
        {"GET /api/v1/compliance/templates/{id}",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/compliance/templates/{id}", NewComplianceTemplate())}; }}},
        {"PATCH /api/v1/compliance/templates/{id}",
         {200, [&](int64_t) {
            return RouteRequest{At("/api/v1/compliance/templates/{id}", NewComplianceTemplate()), {{"title_en", "Renamed"}}, IfMatch(1)};
          }}},
        {"GET /api/v1/assessments",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/assessments?entity_id=" + std::to_string(e)}; }}},
        {"POST /api/v1/assessments", {201, [&](int64_t e) { return RouteRequest{"/api/v1/assessments", AssessmentBody(e)}; }}},
        {"GET /api/v1/assessments/{id}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/assessments/{id}", NewAssessment(e))}; }}},
        {"PUT /api/v1/assessments/{id}/answers/{item}",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/assessments/{id}/answers/A1", NewAssessment(e)), {{"level", 2}}}; }}},
        {"POST /api/v1/assessments/{id}/submit",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/assessments/{id}/submit", NewAssessment(e, "complete")), Json::object()}; }}},
        {"POST /api/v1/assessments/{id}/return",
         {200, [&](int64_t e) {
            return RouteRequest{At("/api/v1/assessments/{id}/return", NewAssessment(e, "submitted")), {{"note", "More evidence"}}};
          }}},
        {"POST /api/v1/assessments/{id}/complete",
         {200, [&](int64_t e) { return RouteRequest{At("/api/v1/assessments/{id}/complete", NewAssessment(e, "submitted")), Json::object()}; }}},
        {"POST /api/v1/assessments/{id}/evidence",
         {201, [&](int64_t e) {
            return RouteRequest{At("/api/v1/assessments/{id}/evidence", NewAssessment(e)) + "?item=A1&name=log.csv", nullptr, {}, {},
                                kEvidenceText, "text/csv"};
          }}},
        {"GET /api/v1/evidence/{id}", {200, [&](int64_t e) { return RouteRequest{At("/api/v1/evidence/{id}", NewEvidence(e))}; }}},
        {"DELETE /api/v1/evidence/{id}", {204, [&](int64_t e) { return RouteRequest{At("/api/v1/evidence/{id}", NewEvidence(e))}; }}},
        {"GET /api/v1/compliance/heatmap", {200, fixed("/api/v1/compliance/heatmap")}},
        {"GET /api/v1/compliance/heatmap/export", {200, fixed("/api/v1/compliance/heatmap/export?format=csv")}},
        {"GET /api/v1/scorecards/{entity_id}",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/scorecards/" + std::to_string(e)}; }}},
        {"GET /api/v1/scorecards/{entity_id}/report",
         {200, [&](int64_t e) { return RouteRequest{"/api/v1/scorecards/" + std::to_string(e) + "/report?format=html"}; }}},
        // The caller's own account (the entity is ignored).
        {"POST /api/v1/sessions", {201, fixed("/api/v1/sessions", {{"login", "police.editor"}, {"password", "sawt-demo-2026"}})}},
        {"PUT /api/v1/me/password",
         {204, [&, police](int64_t) {
            // A fresh account of its own, so that no other test's session is touched.
            Json body = MemberBody(police);
            EXPECT_EQ(app().Call("POST", "/api/v1/members", Admin(), body).status, 201);
            return RouteRequest{"/api/v1/me/password",
                                {{"current_password", "matrix-password"}, {"new_password", "matrix-password-2"}},
                                {},
                                app().Login(body["login"].get<std::string>(), "matrix-password")};
          }}},
        {"POST /api/v1/tokens", {201, fixed("/api/v1/tokens", {{"name", "probe-" + Unique()}, {"scopes", {"read"}}})}},
        {"GET /metrics", {200, fixed("/metrics")}},
        // notifications: each member's own (the entity is ignored); the outbox is the network admins'.
        {"GET /api/v1/notifications", {200, fixed("/api/v1/notifications")}},
        {"POST /api/v1/notifications/read-all", {200, fixed("/api/v1/notifications/read-all", Json::object())}},
        {"POST /api/v1/notifications/{id}/read",
         {200, [&](int64_t) { return RouteRequest{At("/api/v1/notifications/{id}/read", OwnNotification()), Json::object()}; }}},
        {"GET /api/v1/notifications/preferences", {200, fixed("/api/v1/notifications/preferences")}},
        {"PUT /api/v1/notifications/preferences",
         {200, fixed("/api/v1/notifications/preferences",
                     {{"kinds", {{{"kind", "content_published"}, {"in_app", true}, {"email", false}}}}})}},
        {"GET /api/v1/notifications/outbox", {200, fixed("/api/v1/notifications/outbox")}},
    };
  }

  /// A fresh notification of the network admin: an item the admin wrote, sent back by a police
  /// reviewer (the producer runs in the background: waits up to 15 s for it).
  int64_t OwnNotification() {
    const int64_t item = ContentItemIn(EntityId("police"), {"in_review"});
    Reply r = app().Call("POST", At("/api/v1/content-items/{id}/transitions", item), Demo("police.reviewer"),
                         {{"to", "changes_requested"}, {"comment", "Again"}}, IfMatch(2));
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string link = "#/editor/" + std::to_string(item);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    do {
      const Json listed = app().Call("GET", "/api/v1/notifications?limit=200", Admin()).json();
      for (const auto& n : listed["items"]) {
        if (n["link"] == link) return n["id"].get<int64_t>();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    ADD_FAILURE() << "no notification for " << link;
    return 0;
  }


 private:
  /// The id of a created object; fails the test when the creation did not succeed.
  static int64_t Made(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    const Json body = r.json();
    return body.contains("id") ? body["id"].get<int64_t>() : 0;
  }
};

}  // namespace sawt::testing
