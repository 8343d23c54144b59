// The authorization matrix: every endpoint × every role × own / other entity. Expected outcomes
// are written out here, independently of auth/policy.cpp, so a change in the policy table that
// widens or narrows access shows up as a failing row.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

const std::vector<std::string> kRoles = {"network_admin", "entity_admin", "editor", "reviewer",
                                         "spokesperson",  "analyst",      "trainer", "member"};

/// One row: how to call the endpoint against entity `target`, and which roles may do so when the
/// target is the caller's own entity and when it is another one.
struct Row {
  std::string method;
  std::string pattern;
  std::function<std::pair<std::string, Json>(int64_t target)> request;
  std::set<std::string> own;
  std::set<std::string> other;
};

const std::set<std::string> kEveryone(kRoles.begin(), kRoles.end());
const std::set<std::string> kAdmins = {"network_admin", "entity_admin"};
const std::set<std::string> kNetworkAdmin = {"network_admin"};
const std::set<std::string> kWriters = {"network_admin", "entity_admin", "editor"};

class AuthzMatrixTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    own_ = EntityId("police");
    other_ = EntityId("health");
    // One account per role in the caller's own entity (police); network_admin is the demo admin.
    for (const auto& role : kRoles) {
      if (role == "network_admin") {
        callers_[role] = Admin();
        continue;
      }
      const std::string login = "z" + role.substr(0, 5) + Unique();
      Json body = {{"login", login},          {"password", "matrix-password"}, {"name_ar", "عضو اختبار"},
                   {"name_en", "Matrix member"}, {"email", login + "@example.org"}, {"entity_id", own_}, {"role", role}};
      Reply r = app().Call("POST", "/api/v1/members", Admin(), body);
      ASSERT_EQ(r.status, 201) << r.body;
      callers_[role] = app().Login(login, "matrix-password");
    }
  }

  /// A fresh object in `entity` for destructive rows.
  int64_t NewMembership(int64_t entity) {
    const std::string login = "zm" + Unique();
    Json body = {{"login", login}, {"password", "matrix-password"}, {"name_ar", "عضو"}, {"name_en", "Member"},
                 {"email", login + "@example.org"}, {"entity_id", entity}, {"role", "member"}};
    Reply made = app().Call("POST", "/api/v1/members", Admin(), body);
    Reply list = app().Call("GET", "/api/v1/memberships?member_id=" + std::to_string(made.json()["id"].get<int64_t>()), Admin());
    return list.json()["items"][0]["id"];
  }
  int64_t NewResponsibility(int64_t entity) {
    Json body = {{"entity_id", entity}, {"axis", "public_image"}, {"task_ar", "مهمة"}, {"task_en", "Task"},
                 {"member_id", AccountId("admin")}, {"raci", "I"}};
    return app().Call("POST", "/api/v1/responsibilities", Admin(), body).json()["id"];
  }
  // messaging: fresh objects owned by `entity`, made by the network admin.
  int64_t NewTheme(int64_t entity) {
    Json body = {{"code", "zt-" + Unique()}, {"name_ar", "محور"}, {"name_en", "Theme"}, {"owner_entity_id", entity}};
    return app().Call("POST", "/api/v1/themes", Admin(), body).json()["id"];
  }
  int64_t NewKeyMessage(int64_t entity) {
    Json body = {{"theme_id", NewTheme(entity)}, {"owner_entity_id", entity}, {"text_ar", "رسالة"}, {"text_en", "Message"}};
    return app().Call("POST", "/api/v1/key-messages", Admin(), body).json()["id"];
  }
  Json FactBody(int64_t entity) {
    return {{"key", "zf-" + Unique()}, {"label_ar", "عدد"}, {"label_en", "count"}, {"value_ar", "5"}, {"value_en", "5"},
            {"as_of", "2024-01-01"}, {"source", "matrix"}, {"owner_entity_id", entity}};
  }
  int64_t NewFact(int64_t entity) { return app().Call("POST", "/api/v1/facts", Admin(), FactBody(entity)).json()["id"]; }
  int64_t NewTerm() {
    Json body = {{"term", "zterm" + Unique()}, {"lang", "en"}, {"status", "banned"}, {"replacement", "other"}};
    return app().Call("POST", "/api/v1/terms", Admin(), body).json()["id"];
  }
  int64_t NewAlias(int64_t entity) {
    Json body = {{"entity_id", entity}, {"alias", "zalias" + Unique()}, {"lang", "en"}};
    return app().Call("POST", "/api/v1/entity-aliases", Admin(), body).json()["id"];
  }
  Json ContentBody(int64_t entity) {
    return {{"kind", "social_post"}, {"owner_entity_id", entity}, {"title_ar", "منشور"}, {"body_ar", "نص المنشور"}};
  }
  int64_t NewContentItem(int64_t entity) {
    return app().Call("POST", "/api/v1/content-items", Admin(), ContentBody(entity)).json()["id"];
  }
  // initiatives: a fresh planned initiative owned by `entity`.
  Json InitiativeBody(int64_t entity) {
    return {{"owner_entity_id", entity}, {"title_ar", "مبادرة"}, {"title_en", "Initiative"},
            {"start_date", "2027-01-01"}, {"end_date", "2027-02-01"}};
  }
  int64_t NewInitiative(int64_t entity) {
    return app().Call("POST", "/api/v1/initiatives", Admin(), InitiativeBody(entity)).json()["id"];
  }
  /// A published item of `entity` on a channel without an endpoint; returns its first publication.
  int64_t NewPublication(int64_t entity) {
    Json body = ContentBody(entity);
    body["channels"] = {"snapchat"};
    const int64_t id = app().Call("POST", "/api/v1/content-items", Admin(), body).json()["id"];
    const std::string path = "/api/v1/content-items/" + std::to_string(id) + "/transitions";
    int version = 1;
    for (const char* to : {"in_review", "approved", "scheduled", "published"}) {
      app().Call("POST", path, Admin(), {{"to", to}}, {{"If-Match", "\"" + std::to_string(version++) + "\""}});
    }
    const Json rows = app().Call("GET", "/api/v1/content-items/" + std::to_string(id) + "/publications", Admin()).json();
    return rows["items"][0]["id"];
  }
  int64_t MemberOf(int64_t entity) { return entity == own_ ? AccountId("police.editor") : AccountId("health.editor"); }

  // calendar: fresh entries and blackouts of `entity` in January 2031.
  Json EntryBody(int64_t entity) {
    return {{"entity_id", entity}, {"kind", "event"}, {"title_ar", "فعالية"}, {"title_en", "Event"},
            {"starts_at", "2031-01-10T09:00:00Z"}};
  }
  int64_t NewEntry(int64_t entity) {
    return app().Call("POST", "/api/v1/calendar/entries", Admin(), EntryBody(entity)).json()["id"];
  }
  Json BlackoutBody(int64_t entity) {
    return {{"entity_id", entity}, {"starts_on", "2031-01-20"}, {"reason_ar", "حداد"}, {"reason_en", "Mourning"}};
  }
  int64_t NewBlackout(int64_t entity) {
    return app().Call("POST", "/api/v1/calendar/blackouts", Admin(), BlackoutBody(entity)).json()["id"];
  }
  std::vector<Row> Rows() {
    auto path = [](std::string p, int64_t id) { return p.replace(p.find("{id}"), 4, std::to_string(id)); };
    std::vector<Row> rows = {
        {"GET", "/api/v1/entities/{id}", [&](int64_t e) { return std::make_pair(path("/api/v1/entities/{id}", e), Json()); },
         kEveryone, kEveryone},
        {"PATCH", "/api/v1/entities/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/entities/{id}", e), Json{{"color", "#334455"}}); }, kAdmins,
         kNetworkAdmin},
        {"DELETE", "/api/v1/entities/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/entities/{id}", e), Json()); }, kNetworkAdmin, kNetworkAdmin},
        {"POST", "/api/v1/entities",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/entities"),
                                 Json{{"kind", "department"}, {"parent_id", e}, {"code", "az-" + Unique()},
                                      {"name_ar", "إدارة"}, {"name_en", "Department"}});
         },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/members",
         [&](int64_t e) { return std::make_pair("/api/v1/members?entity_id=" + std::to_string(e), Json()); }, kEveryone,
         kNetworkAdmin},
        {"POST", "/api/v1/members",
         [&](int64_t e) {
           const std::string login = "zn" + Unique();
           return std::make_pair(std::string("/api/v1/members"),
                                 Json{{"login", login}, {"password", "matrix-password"}, {"name_ar", "عضو"},
                                      {"name_en", "Member"}, {"email", login + "@example.org"}, {"entity_id", e},
                                      {"role", "member"}});
         },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/members/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/members/{id}", MemberOf(e)), Json()); }, kEveryone,
         kNetworkAdmin},
        {"PATCH", "/api/v1/members/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/members/{id}", MemberOf(e)), Json{{"title_en", "Editor"}}); },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/memberships",
         [&](int64_t e) { return std::make_pair("/api/v1/memberships?entity_id=" + std::to_string(e), Json()); },
         kEveryone, kNetworkAdmin},
        {"POST", "/api/v1/memberships",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/memberships"),
                                 Json{{"member_id", AccountId("gco.trainer")}, {"entity_id", e}, {"role", "member"}});
         },
         kAdmins, kNetworkAdmin},
        {"DELETE", "/api/v1/memberships/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/memberships/{id}", NewMembership(e)), Json()); }, kAdmins,
         kNetworkAdmin},
        {"GET", "/api/v1/responsibilities",
         [&](int64_t e) { return std::make_pair("/api/v1/responsibilities?entity_id=" + std::to_string(e), Json()); },
         kEveryone, kNetworkAdmin},
        {"POST", "/api/v1/responsibilities",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/responsibilities"),
                                 Json{{"entity_id", e}, {"axis", "internal_communication"}, {"task_ar", "مهمة"},
                                      {"task_en", "Task"}, {"member_id", MemberOf(e)}, {"raci", "C"}});
         },
         kAdmins, kNetworkAdmin},
        {"PATCH", "/api/v1/responsibilities/{id}",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/responsibilities/{id}", NewResponsibility(e)), Json{{"raci", "C"}});
         },
         kAdmins, kNetworkAdmin},
        {"DELETE", "/api/v1/responsibilities/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/responsibilities/{id}", NewResponsibility(e)), Json()); },
         kAdmins, kNetworkAdmin},
        // messaging: the library is readable by everyone; drafting by editors and entity admins of the
        // owner entity; approval by entity admins of the owner entity; the term list by network admins.
        {"GET", "/api/v1/themes", [&](int64_t) { return std::make_pair(std::string("/api/v1/themes"), Json()); }, kEveryone,
         kEveryone},
        {"POST", "/api/v1/themes",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/themes"), Json{{"code", "zt-" + Unique()}, {"name_ar", "محور"},
                                                                      {"name_en", "Theme"}, {"owner_entity_id", e}});
         },
         kAdmins, kNetworkAdmin},
        {"PATCH", "/api/v1/themes/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/themes/{id}", NewTheme(e)), Json{{"name_en", "Renamed"}}); },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/key-messages", [&](int64_t) { return std::make_pair(std::string("/api/v1/key-messages"), Json()); },
         kEveryone, kEveryone},
        {"POST", "/api/v1/key-messages",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/key-messages"),
                                 Json{{"theme_id", NewTheme(e)}, {"owner_entity_id", e}, {"text_ar", "رسالة"},
                                      {"text_en", "Message"}});
         },
         kWriters, kNetworkAdmin},
        {"GET", "/api/v1/key-messages/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/key-messages/{id}", NewKeyMessage(e)), Json()); }, kEveryone,
         kEveryone},
        {"PATCH", "/api/v1/key-messages/{id}",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/key-messages/{id}", NewKeyMessage(e)), Json{{"text_en", "Edited"}});
         },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/key-messages/{id}/approve",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/key-messages/{id}/approve", NewKeyMessage(e)), Json::object());
         },
         kAdmins, kNetworkAdmin},
        {"POST", "/api/v1/key-messages/{id}/retire",
         [&](int64_t e) { return std::make_pair(path("/api/v1/key-messages/{id}/retire", NewKeyMessage(e)), Json::object()); },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/key-messages/{id}/versions",
         [&](int64_t e) { return std::make_pair(path("/api/v1/key-messages/{id}/versions", NewKeyMessage(e)), Json()); },
         kEveryone, kEveryone},
        {"GET", "/api/v1/facts", [&](int64_t) { return std::make_pair(std::string("/api/v1/facts"), Json()); }, kEveryone,
         kEveryone},
        {"POST", "/api/v1/facts", [&](int64_t e) { return std::make_pair(std::string("/api/v1/facts"), FactBody(e)); },
         kWriters, kNetworkAdmin},
        {"GET", "/api/v1/facts/{id}", [&](int64_t e) { return std::make_pair(path("/api/v1/facts/{id}", NewFact(e)), Json()); },
         kEveryone, kEveryone},
        {"PATCH", "/api/v1/facts/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/facts/{id}", NewFact(e)), Json{{"source", "edited"}}); },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/facts/{id}/approve",
         [&](int64_t e) { return std::make_pair(path("/api/v1/facts/{id}/approve", NewFact(e)), Json::object()); }, kAdmins,
         kNetworkAdmin},
        {"GET", "/api/v1/terms", [&](int64_t) { return std::make_pair(std::string("/api/v1/terms"), Json()); }, kEveryone,
         kEveryone},
        {"POST", "/api/v1/terms",
         [&](int64_t) {
           return std::make_pair(std::string("/api/v1/terms"), Json{{"term", "zterm" + Unique()}, {"lang", "en"},
                                                                     {"status", "banned"}, {"replacement", "other"}});
         },
         kNetworkAdmin, kNetworkAdmin},
        {"PATCH", "/api/v1/terms/{id}",
         [&](int64_t) { return std::make_pair(path("/api/v1/terms/{id}", NewTerm()), Json{{"status", "deprecated"}}); },
         kNetworkAdmin, kNetworkAdmin},
        {"DELETE", "/api/v1/terms/{id}", [&](int64_t) { return std::make_pair(path("/api/v1/terms/{id}", NewTerm()), Json()); },
         kNetworkAdmin, kNetworkAdmin},
        {"GET", "/api/v1/entity-aliases",
         [&](int64_t e) { return std::make_pair("/api/v1/entity-aliases?entity_id=" + std::to_string(e), Json()); },
         kEveryone, kEveryone},
        {"POST", "/api/v1/entity-aliases",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/entity-aliases"),
                                 Json{{"entity_id", e}, {"alias", "zalias" + Unique()}, {"lang", "en"}});
         },
         kAdmins, kNetworkAdmin},
        {"DELETE", "/api/v1/entity-aliases/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/entity-aliases/{id}", NewAlias(e)), Json()); }, kAdmins,
         kNetworkAdmin},
        // content items: read and diff by everyone; drafting, editing and submitting by the owner
        // entity's writers (the transition row submits a draft; no If-Match, so allowed callers get 412).
        {"POST", "/api/v1/content-items",
         [&](int64_t e) { return std::make_pair(std::string("/api/v1/content-items"), ContentBody(e)); }, kWriters,
         kNetworkAdmin},
        {"GET", "/api/v1/content-items",
         [&](int64_t e) { return std::make_pair("/api/v1/content-items?state=draft&entity_id=" + std::to_string(e), Json()); },
         kEveryone, kEveryone},
        {"GET", "/api/v1/content-items/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/content-items/{id}", NewContentItem(e)), Json()); },
         kEveryone, kEveryone},
        {"PATCH", "/api/v1/content-items/{id}",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/content-items/{id}", NewContentItem(e)), Json{{"title_en", "Post"}});
         },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/content-items/{id}/transitions",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/content-items/{id}/transitions", NewContentItem(e)),
                                 Json{{"to", "in_review"}});
         },
         kWriters, kNetworkAdmin},
        {"GET", "/api/v1/content-items/{id}/versions",
         [&](int64_t e) { return std::make_pair(path("/api/v1/content-items/{id}/versions", NewContentItem(e)), Json()); },
         kEveryone, kEveryone},
        {"GET", "/api/v1/content-items/{id}/diff",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/content-items/{id}/diff", NewContentItem(e)) + "?from=1&to=1", Json());
         },
         kEveryone, kEveryone},
        // channel variants: read by everyone, stored by the owner entity's writers; channel checks by
        // everyone; publications read by everyone, marked posted by the owner's publishers; delivery
        // endpoints by network admins only.
        {"GET", "/api/v1/content-items/{id}/variants",
         [&](int64_t e) { return std::make_pair(path("/api/v1/content-items/{id}/variants", NewContentItem(e)), Json()); },
         kEveryone, kEveryone},
        {"PUT", "/api/v1/content-items/{id}/variants/{channel}",
         [&](int64_t e) {
           Json body = ContentBody(e);
           body["channels"] = {"x"};
           const int64_t id = app().Call("POST", "/api/v1/content-items", Admin(), body).json()["id"];
           return std::make_pair(path("/api/v1/content-items/{id}/variants/x", id), Json{{"lang", "ar"}, {"text", "نص"}});
         },
         kWriters, kNetworkAdmin},
        {"DELETE", "/api/v1/content-items/{id}/variants/{channel}",
         [&](int64_t e) {
           Json body = ContentBody(e);
           body["channels"] = {"x"};
           const int64_t id = app().Call("POST", "/api/v1/content-items", Admin(), body).json()["id"];
           const std::string variant = path("/api/v1/content-items/{id}/variants/x", id);
           app().Call("PUT", variant, Admin(), Json{{"lang", "ar"}, {"text", "نص"}});
           return std::make_pair(variant + "?lang=ar", Json());
         },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/channel-checks",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/channel-checks"), Json{{"channel", "x"}, {"text", "نص"}}); },
         kEveryone, kEveryone},
        {"GET", "/api/v1/content-items/{id}/publications",
         [&](int64_t e) { return std::make_pair(path("/api/v1/content-items/{id}/publications", NewContentItem(e)), Json()); },
         kEveryone, kEveryone},
        {"POST", "/api/v1/publications/{id}/posted",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/publications/{id}/posted", NewPublication(e)),
                                 Json{{"url", "https://example.org/post"}});
         },
         {"network_admin", "entity_admin", "editor", "reviewer"}, kNetworkAdmin},
        {"POST", "/api/v1/publications/{id}/retry",
         [&](int64_t e) { return std::make_pair(path("/api/v1/publications/{id}/retry", NewPublication(e)), Json::object()); },
         {"network_admin", "entity_admin", "editor", "reviewer"}, kNetworkAdmin},
        {"GET", "/api/v1/channel-endpoints",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/channel-endpoints"), Json()); }, kNetworkAdmin,
         kNetworkAdmin},
        {"PUT", "/api/v1/channel-endpoints/{channel}",
         [&](int64_t) {
           return std::make_pair(std::string("/api/v1/channel-endpoints/whatsapp"),
                                 Json{{"url", "http://127.0.0.1:9/hook"}, {"secret", "0123456789abcdef"}});
         },
         kNetworkAdmin, kNetworkAdmin},
        {"DELETE", "/api/v1/channel-endpoints/{channel}",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/channel-endpoints/whatsapp"), Json()); }, kNetworkAdmin,
         kNetworkAdmin},
        // calendar (dates far from the calendar API tests' so the rows never create their conflicts)
        {"GET", "/api/v1/calendar",
         [&](int64_t e) { return std::make_pair("/api/v1/calendar?from=2031-01-01&to=2031-01-31&entity_id=" + std::to_string(e), Json()); },
         kEveryone, kEveryone},
        {"GET", "/api/v1/calendar.ics",
         [&](int64_t e) { return std::make_pair("/api/v1/calendar.ics?from=2031-01-01&to=2031-01-31&entity_id=" + std::to_string(e), Json()); },
         kEveryone, kEveryone},
        {"POST", "/api/v1/calendar/entries",
         [&](int64_t e) { return std::make_pair(std::string("/api/v1/calendar/entries"), EntryBody(e)); }, kWriters,
         kNetworkAdmin},
        {"GET", "/api/v1/calendar/entries/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/calendar/entries/{id}", NewEntry(e)), Json()); }, kEveryone,
         kEveryone},
        {"PATCH", "/api/v1/calendar/entries/{id}",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/calendar/entries/{id}", NewEntry(e)), Json{{"status", "tentative"}});
         },
         kWriters, kNetworkAdmin},
        {"DELETE", "/api/v1/calendar/entries/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/calendar/entries/{id}", NewEntry(e)), Json()); }, kWriters,
         kNetworkAdmin},
        {"GET", "/api/v1/calendar/blackouts",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/calendar/blackouts"), Json()); }, kEveryone, kEveryone},
        {"POST", "/api/v1/calendar/blackouts",
         [&](int64_t e) { return std::make_pair(std::string("/api/v1/calendar/blackouts"), BlackoutBody(e)); }, kAdmins,
         kNetworkAdmin},
        {"DELETE", "/api/v1/calendar/blackouts/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/calendar/blackouts/{id}", NewBlackout(e)), Json()); },
         kAdmins, kNetworkAdmin},
        {"GET", "/api/v1/calendar/settings",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/calendar/settings"), Json()); }, kEveryone, kEveryone},
        {"PUT", "/api/v1/calendar/settings",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/calendar/settings"), Json{{"conflict_window_hours", 48}}); },
         kNetworkAdmin, kNetworkAdmin},
        // initiatives: every member reads every entity's initiatives; the owner entity's writers
        // register, edit, move and record outcomes (a planned one takes none: allowed callers get 409);
        // the showcase belongs to network admins (a planned initiative is not eligible: 409).
        {"GET", "/api/v1/initiatives",
         [&](int64_t e) { return std::make_pair("/api/v1/initiatives?entity_id=" + std::to_string(e), Json()); }, kEveryone,
         kEveryone},
        {"POST", "/api/v1/initiatives",
         [&](int64_t e) { return std::make_pair(std::string("/api/v1/initiatives"), InitiativeBody(e)); }, kWriters,
         kNetworkAdmin},
        {"GET", "/api/v1/initiatives/showcase",
         [&](int64_t) { return std::make_pair(std::string("/api/v1/initiatives/showcase"), Json()); }, kEveryone, kEveryone},
        {"GET", "/api/v1/initiatives/{id}",
         [&](int64_t e) { return std::make_pair(path("/api/v1/initiatives/{id}", NewInitiative(e)), Json()); }, kEveryone,
         kEveryone},
        {"PATCH", "/api/v1/initiatives/{id}",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/initiatives/{id}", NewInitiative(e)), Json{{"title_en", "Renamed"}});
         },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/initiatives/{id}/status",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/initiatives/{id}/status", NewInitiative(e)), Json{{"to", "active"}});
         },
         kWriters, kNetworkAdmin},
        {"PUT", "/api/v1/initiatives/{id}/outcomes",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/initiatives/{id}/outcomes", NewInitiative(e)),
                                 Json{{"outcomes_ar", "نتائج"}, {"outcomes_en", "Results"}, {"results", Json::array()}});
         },
         kWriters, kNetworkAdmin},
        {"POST", "/api/v1/initiatives/{id}/showcase",
         [&](int64_t e) {
           return std::make_pair(path("/api/v1/initiatives/{id}/showcase", NewInitiative(e)), Json{{"note", "Best"}});
         },
         kNetworkAdmin, kNetworkAdmin},
        {"DELETE", "/api/v1/initiatives/{id}/showcase",
         [&](int64_t e) { return std::make_pair(path("/api/v1/initiatives/{id}/showcase", NewInitiative(e)), Json()); },
         kNetworkAdmin, kNetworkAdmin},
        {"POST", "/api/v1/alignment-checks",
         [&](int64_t e) {
           return std::make_pair(std::string("/api/v1/alignment-checks"),
                                 Json{{"text_ar", "عدد الزوار 23 مليون"}, {"entity_id", e}});
         },
         kEveryone, kEveryone},
    };
    return rows;
  }

  int64_t own_ = 0, other_ = 0;
  std::map<std::string, Credentials> callers_;
};
SAWT_INSTANTIATE_BOTH_STORES(AuthzMatrixTest);

// Routes any signed-in caller may use on their own account or the shared directory, and public ones.
const std::set<std::string> kNotEntityScoped = {
    "POST /api/v1/sessions", "DELETE /api/v1/sessions/current", "GET /api/v1/me", "PUT /api/v1/me/password",
    "GET /api/v1/tokens",    "POST /api/v1/tokens",             "DELETE /api/v1/tokens/{id}", "GET /api/v1/axes",
    "GET /api/v1/entities",  "GET /api/v1/events",              "GET /api/v1/stream",         "GET /readyz",
    "GET /api/v1/openapi.json", "GET /api/v1/search",
    "GET /feeds/government.atom", "GET /feeds/entities/{feed}"};  // public Atom feeds of published items  // search filters by visibility: tests/api/search_api_test.cpp

TEST_P(AuthzMatrixTest, EveryRouteHasAnAuthorizationRow) {
  std::set<std::string> covered = kNotEntityScoped;
  for (const auto& row : Rows()) covered.insert(row.method + " " + row.pattern);
  for (const auto& route : app().app().registry->router().routes()) {
    EXPECT_TRUE(covered.count(route.method + " " + route.pattern)) << "no authz row for " << route.method << " "
                                                                      << route.pattern;
  }
}

TEST_P(AuthzMatrixTest, EndpointTimesRoleTimesEntity) {
  int checked = 0;
  for (const auto& row : Rows()) {
    for (const auto& role : kRoles) {
      for (bool own : {true, false}) {
        const int64_t target = own ? own_ : other_;
        auto [target_path, body] = row.request(target);
        Reply r = app().Call(row.method, target_path, callers_.at(role), body);
        const bool expect_allowed = (own ? row.own : row.other).count(role) > 0;
        const std::string what = row.method + " " + row.pattern + " as " + role + " on " + (own ? "own" : "other") +
                                 " entity → " + std::to_string(r.status) + " " + r.body.substr(0, 160);
        if (expect_allowed) {
          EXPECT_NE(r.status, 403) << what;
          EXPECT_LT(r.status, 500) << what;
          EXPECT_NE(r.status, 401) << what;
        } else {
          EXPECT_EQ(r.status, 403) << what;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Rows().size() * kRoles.size() * 2));
}

TEST_P(AuthzMatrixTest, EveryProtectedRouteNeedsAuthentication) {
  for (const auto& route : app().app().registry->router().routes()) {
    if (route.is_public) continue;
    std::string path = route.pattern;
    if (auto p = path.find("{id}"); p != std::string::npos) path.replace(p, 4, "1");
    Reply r = app().Call(route.method, path, {}, route.method == "GET" || route.method == "DELETE" ? Json() : Json::object());
    EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern;
  }
}

TEST_P(AuthzMatrixTest, MemberListWithoutFilterShowsOnlyOwnEntities) {
  Reply r = app().Call("GET", "/api/v1/members?limit=200", callers_.at("editor"));
  ASSERT_EQ(r.status, 200);
  const core::Json listed = r.json();
  ASSERT_GT(listed["items"].size(), 0u);
  for (const auto& m : listed["items"]) {
    EXPECT_NE(m["login"].get<std::string>().rfind("health.", 0), 0u) << m["login"];
  }
}

}  // namespace
}  // namespace sawt::testing
