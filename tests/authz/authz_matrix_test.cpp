// The authorization matrix: every endpoint × every role × own / other entity. Expected outcomes
// are written out here, independently of auth/policy.cpp, so a change in the policy table that
// widens or narrows access shows up as a failing row.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "tests/api/fresh_objects.hpp"

namespace sawt::testing {
namespace {

using core::Json;

const std::vector<std::string> kRoles = {"network_admin", "entity_admin", "editor", "reviewer",
                                         "spokesperson",  "analyst",      "trainer", "member"};

/// One row: which roles may call the route when the fresh object it deals with belongs to the
/// caller's own entity and when to another one. How to call it, and the status an allowed caller
/// gets, come from FreshObjectsTest::RouteCases().
struct Row {
  std::string route;  ///< "METHOD pattern"
  std::set<std::string> own;
  std::set<std::string> other;
  /// The code refused admins get instead of "auth.forbidden" (an account beyond their authority).
  std::string admin_refusal = "auth.forbidden";
};

const std::set<std::string> kEveryone(kRoles.begin(), kRoles.end());
const std::set<std::string> kAdmins = {"network_admin", "entity_admin"};
const std::set<std::string> kNetworkAdmin = {"network_admin"};
const std::set<std::string> kWriters = {"network_admin", "entity_admin", "editor"};
const std::set<std::string> kPublishers = {"network_admin", "entity_admin", "editor", "reviewer"};

const std::vector<Row> kRows = {
    // notifications: every member reads and sets their own; the e-mail outbox is the network admins'.
    {"GET /api/v1/notifications", kEveryone, kEveryone},
    {"POST /api/v1/notifications/read-all", kEveryone, kEveryone},
    {"GET /api/v1/notifications/preferences", kEveryone, kEveryone},
    {"PUT /api/v1/notifications/preferences", kEveryone, kEveryone},
    {"GET /api/v1/notifications/outbox", kNetworkAdmin, kNetworkAdmin},
    // network: the directory is readable by everyone; entity admins run their own entity's tree.
    {"GET /api/v1/entities/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/entities/{id}", kAdmins, kNetworkAdmin},
    {"DELETE /api/v1/entities/{id}", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/entities", kAdmins, kNetworkAdmin},
    {"GET /api/v1/members", kEveryone, kNetworkAdmin},
    {"POST /api/v1/members", kAdmins, kNetworkAdmin},
    {"GET /api/v1/members/{id}", kEveryone, kNetworkAdmin},
    {"PATCH /api/v1/members/{id}", kAdmins, kNetworkAdmin, "network.member_beyond_authority"},
    {"DELETE /api/v1/members/{id}/login-throttles", kAdmins, kNetworkAdmin},
    {"GET /api/v1/memberships", kEveryone, kNetworkAdmin},
    {"POST /api/v1/memberships", kAdmins, kNetworkAdmin},
    {"DELETE /api/v1/memberships/{id}", kAdmins, kNetworkAdmin},
    {"GET /api/v1/responsibilities", kEveryone, kNetworkAdmin},
    {"POST /api/v1/responsibilities", kAdmins, kNetworkAdmin},
    {"PATCH /api/v1/responsibilities/{id}", kAdmins, kNetworkAdmin},
    {"DELETE /api/v1/responsibilities/{id}", kAdmins, kNetworkAdmin},
    // An entity's review rules: read by everyone, set by its admins.
    {"GET /api/v1/entities/{id}/review-settings", kEveryone, kEveryone},
    {"PUT /api/v1/entities/{id}/review-settings", kAdmins, kNetworkAdmin},
    // messaging: the library is readable by everyone; drafting by editors and entity admins of the
    // owner entity; approval by entity admins of the owner entity; the term list by network admins.
    {"GET /api/v1/themes", kEveryone, kEveryone},
    {"POST /api/v1/themes", kAdmins, kNetworkAdmin},
    {"PATCH /api/v1/themes/{id}", kAdmins, kNetworkAdmin},
    {"GET /api/v1/key-messages", kEveryone, kEveryone},
    {"POST /api/v1/key-messages", kWriters, kNetworkAdmin},
    {"GET /api/v1/key-messages/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/key-messages/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/key-messages/{id}/approve", kAdmins, kNetworkAdmin},
    {"POST /api/v1/key-messages/{id}/retire", kAdmins, kNetworkAdmin},
    {"GET /api/v1/key-messages/{id}/versions", kEveryone, kEveryone},
    {"GET /api/v1/facts", kEveryone, kEveryone},
    {"POST /api/v1/facts", kWriters, kNetworkAdmin},
    {"GET /api/v1/facts/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/facts/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/facts/{id}/approve", kAdmins, kNetworkAdmin},
    {"GET /api/v1/terms", kEveryone, kEveryone},
    {"POST /api/v1/terms", kNetworkAdmin, kNetworkAdmin},
    {"PATCH /api/v1/terms/{id}", kNetworkAdmin, kNetworkAdmin},
    {"DELETE /api/v1/terms/{id}", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/entity-aliases", kEveryone, kEveryone},
    {"POST /api/v1/entity-aliases", kAdmins, kNetworkAdmin},
    {"DELETE /api/v1/entity-aliases/{id}", kAdmins, kNetworkAdmin},
    {"POST /api/v1/alignment-checks", kEveryone, kEveryone},
    // content items: read and diff by everyone; drafting, editing and submitting by the owner
    // entity's writers.
    {"POST /api/v1/content-items", kWriters, kNetworkAdmin},
    {"GET /api/v1/content-items", kEveryone, kEveryone},
    {"GET /api/v1/content-items/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/content-items/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/content-items/{id}/transitions", kWriters, kNetworkAdmin},
    {"GET /api/v1/content-items/{id}/versions", kEveryone, kEveryone},
    {"GET /api/v1/content-items/{id}/diff", kEveryone, kEveryone},
    // channel variants: read by everyone, stored by the owner entity's writers; channel checks by
    // everyone; publications read by everyone, marked posted or queued again by the owner's
    // publishers; delivery endpoints by network admins only.
    {"GET /api/v1/content-items/{id}/variants", kEveryone, kEveryone},
    {"PUT /api/v1/content-items/{id}/variants/{channel}", kWriters, kNetworkAdmin},
    {"DELETE /api/v1/content-items/{id}/variants/{channel}", kWriters, kNetworkAdmin},
    {"POST /api/v1/channel-checks", kEveryone, kEveryone},
    {"GET /api/v1/content-items/{id}/publications", kEveryone, kEveryone},
    {"POST /api/v1/publications/{id}/posted", kPublishers, kNetworkAdmin},
    {"POST /api/v1/publications/{id}/retry", kPublishers, kNetworkAdmin},
    // Pausing publishing is the network admins' (a crisis room pauses its own entities); a pause is
    // seen by the members of the entities it covers.
    {"GET /api/v1/publishing-pauses", kEveryone, kEveryone},
    {"POST /api/v1/publishing-pauses", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/publishing-pauses/{id}", kEveryone, kNetworkAdmin},
    {"POST /api/v1/publishing-pauses/{id}/resume", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/channel-endpoints", kNetworkAdmin, kNetworkAdmin},
    {"PUT /api/v1/channel-endpoints/{channel}", kNetworkAdmin, kNetworkAdmin},
    {"DELETE /api/v1/channel-endpoints/{channel}", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/network/settings", kEveryone, kEveryone},
    {"PUT /api/v1/network/settings", kNetworkAdmin, kNetworkAdmin},
    // calendar
    {"GET /api/v1/calendar", kEveryone, kEveryone},
    {"GET /api/v1/calendar.ics", kEveryone, kEveryone},
    {"POST /api/v1/calendar/entries", kWriters, kNetworkAdmin},
    {"GET /api/v1/calendar/entries/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/calendar/entries/{id}", kWriters, kNetworkAdmin},
    {"DELETE /api/v1/calendar/entries/{id}", kWriters, kNetworkAdmin},
    {"GET /api/v1/calendar/blackouts", kEveryone, kEveryone},
    {"POST /api/v1/calendar/blackouts", kAdmins, kNetworkAdmin},
    {"DELETE /api/v1/calendar/blackouts/{id}", kAdmins, kNetworkAdmin},
    {"GET /api/v1/calendar/settings", kEveryone, kEveryone},
    {"PUT /api/v1/calendar/settings", kNetworkAdmin, kNetworkAdmin},
    // initiatives: every member reads every entity's initiatives; the owner entity's writers
    // register, edit, move and record outcomes; the showcase belongs to network admins.
    {"GET /api/v1/initiatives", kEveryone, kEveryone},
    // strategy: every member reads every strategy and activity; an entity's admins write its
    // strategy, its admins and editors its activities; the umbrella is the network admins'.
    {"GET /api/v1/strategies", kEveryone, kEveryone},
    {"POST /api/v1/strategies", kAdmins, kNetworkAdmin},
    {"GET /api/v1/strategies/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/strategies/{id}", kAdmins, kNetworkAdmin},
    {"GET /api/v1/strategies/{id}/traceability", kEveryone, kEveryone},
    {"GET /api/v1/activities", kEveryone, kEveryone},
    {"POST /api/v1/activities", kWriters, kNetworkAdmin},
    {"GET /api/v1/activities/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/activities/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/activities/{id}/evidence", kWriters, kNetworkAdmin},
    {"GET /api/v1/activity-evidence/{id}", kEveryone, kEveryone},
    {"DELETE /api/v1/activity-evidence/{id}", kWriters, kNetworkAdmin},
    // Follow-up meetings: read by everyone, recorded by those who plan the entity's activities.
    {"GET /api/v1/meetings", kEveryone, kEveryone},
    {"POST /api/v1/meetings", kWriters, kNetworkAdmin},
    {"GET /api/v1/meetings/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/meetings/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/meetings/{id}/decisions", kWriters, kNetworkAdmin},
    // KPIs: an entity's admins define them and set targets; its admins, editors and analysts measure.
    {"GET /api/v1/kpi-sources", kEveryone, kEveryone},
    {"GET /api/v1/kpis", kEveryone, kEveryone},
    {"POST /api/v1/kpis", kAdmins, kNetworkAdmin},
    {"GET /api/v1/kpis/{id}", kEveryone, kEveryone},
    {"PUT /api/v1/kpis/{id}/targets/{period}", kAdmins, kNetworkAdmin},
    {"PUT /api/v1/kpis/{id}/measurements/{period}", {"network_admin", "entity_admin", "editor", "analyst"}, kNetworkAdmin},
    {"POST /api/v1/kpis/{id}/refresh", {"network_admin", "entity_admin", "editor", "analyst"}, kNetworkAdmin},
    {"POST /api/v1/initiatives", kWriters, kNetworkAdmin},
    {"GET /api/v1/initiatives/showcase", kEveryone, kEveryone},
    {"GET /api/v1/initiatives/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/initiatives/{id}", kWriters, kNetworkAdmin},
    {"POST /api/v1/initiatives/{id}/status", kWriters, kNetworkAdmin},
    {"PUT /api/v1/initiatives/{id}/outcomes", kWriters, kNetworkAdmin},
    {"POST /api/v1/initiatives/{id}/showcase", kNetworkAdmin, kNetworkAdmin},
    {"DELETE /api/v1/initiatives/{id}/showcase", kNetworkAdmin, kNetworkAdmin},
    // crisis: every member follows crises; the lead entity's admins declare and run them; its
    // editors and spokespeople (and the affected entities') write in the room.
    // crisis statements: everyone reads; those who may write in the room draft; the author or the
    // room's managers edit, submit and withdraw; only the room's approvers and lead approve (here
    // the network admin, who declared the drill and leads it).
    {"GET /api/v1/crises/{id}/statements", kEveryone, kEveryone},
    {"POST /api/v1/crises/{id}/statements", {"network_admin", "entity_admin", "editor", "spokesperson"}, kNetworkAdmin},
    {"GET /api/v1/crises/{id}/statements/{statement_id}", kEveryone, kEveryone},
    {"PATCH /api/v1/crises/{id}/statements/{statement_id}", kAdmins, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/statements/{statement_id}/submit", kAdmins, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/statements/{statement_id}/approve", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/statements/{statement_id}/withdraw", kAdmins, kNetworkAdmin},
    {"GET /api/v1/crisis-templates", kEveryone, kEveryone},
    {"POST /api/v1/crisis-templates", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/crisis-templates/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/crisis-templates/{id}", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/crisis-templates/{id}/render", kEveryone, kEveryone},
    {"GET /api/v1/crises", kEveryone, kEveryone},
    {"POST /api/v1/crises", kAdmins, kNetworkAdmin},
    {"GET /api/v1/crises/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/crises/{id}", kAdmins, kNetworkAdmin},
    {"PUT /api/v1/crises/{id}/roles", kAdmins, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/close", kAdmins, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/pause-publishing", kAdmins, kNetworkAdmin},
    {"POST /api/v1/crises/{id}/resume-publishing", kAdmins, kNetworkAdmin},
    {"GET /api/v1/crises/{id}/timeline", kEveryone, kEveryone},
    {"GET /api/v1/crises/{id}/report", kEveryone, kEveryone},
    {"POST /api/v1/crises/{id}/timeline", {"network_admin", "entity_admin", "editor", "spokesperson"}, kNetworkAdmin},
    {"GET /api/v1/crises/{id}/tasks", kEveryone, kEveryone},
    {"POST /api/v1/crises/{id}/tasks", kAdmins, kNetworkAdmin},
    {"PATCH /api/v1/crises/{id}/tasks/{task_id}", kAdmins, kNetworkAdmin},
    // crisis webhook subscribers are deployment-wide: the network admins'.
    {"GET /api/v1/crisis-webhooks", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/crisis-webhooks", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/crisis-webhooks/{id}", kNetworkAdmin, kNetworkAdmin},
    {"PATCH /api/v1/crisis-webhooks/{id}", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/crisis-webhooks/{id}/rotate-secret", kNetworkAdmin, kNetworkAdmin},
    {"DELETE /api/v1/crisis-webhooks/{id}", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/crisis-webhooks/{id}/deliveries", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/crisis-webhooks/{id}/deliveries/{delivery_id}/redeliver", kNetworkAdmin, kNetworkAdmin},
    // compliance: the network admins write templates and review; an entity's admins assess it; the
    // entity's people read its assessments and evidence; every member sees scores and reports.
    {"GET /api/v1/compliance/templates", kEveryone, kEveryone},
    {"POST /api/v1/compliance/templates", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/compliance/templates/{id}", kEveryone, kEveryone},
    {"PATCH /api/v1/compliance/templates/{id}", kNetworkAdmin, kNetworkAdmin},
    {"GET /api/v1/assessments", kEveryone, kEveryone},
    {"POST /api/v1/assessments", kAdmins, kNetworkAdmin},
    {"GET /api/v1/assessments/{id}", kEveryone, kNetworkAdmin},
    {"PUT /api/v1/assessments/{id}/answers/{item}", kAdmins, kNetworkAdmin},
    {"POST /api/v1/assessments/{id}/submit", kAdmins, kNetworkAdmin},
    {"POST /api/v1/assessments/{id}/return", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/assessments/{id}/complete", kNetworkAdmin, kNetworkAdmin},
    {"POST /api/v1/assessments/{id}/evidence", kAdmins, kNetworkAdmin},
    {"GET /api/v1/evidence/{id}", kEveryone, kNetworkAdmin},
    {"DELETE /api/v1/evidence/{id}", kAdmins, kNetworkAdmin},
    {"GET /api/v1/compliance/heatmap", kEveryone, kEveryone},
    {"GET /api/v1/compliance/heatmap/export", kEveryone, kEveryone},
    {"GET /api/v1/scorecards/{entity_id}", kEveryone, kEveryone},
    {"GET /api/v1/scorecards/{entity_id}/report", kEveryone, kEveryone},
    // Request counters and timings describe the deployment (platform, not entity-scoped).
    {"GET /metrics", kNetworkAdmin, kNetworkAdmin},
};

class AuthzMatrixTest : public FreshObjectsTest {
 protected:
  void SetUp() override {
    FreshObjectsTest::SetUp();
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
      callers_[role] = app().FirstLogin(login, "matrix-password", "matrix-password-mine");
    }
  }

  int64_t own_ = 0, other_ = 0;
  std::map<std::string, Credentials> callers_;
};
SAWT_INSTANTIATE_BOTH_STORES(AuthzMatrixTest);

// Routes any signed-in caller may use on their own account or the shared directory, and public ones.
const std::set<std::string> kNotEntityScoped = {
    "POST /api/v1/sessions", "DELETE /api/v1/sessions/current", "DELETE /api/v1/sessions", "GET /api/v1/me", "PUT /api/v1/me/password",
    "GET /api/v1/tokens",    "POST /api/v1/tokens",             "DELETE /api/v1/tokens/{id}", "GET /api/v1/axes",
    "GET /api/v1/entities",  "GET /api/v1/events",              "GET /api/v1/stream",         "GET /readyz",
    "GET /api/v1/openapi.json",
    "GET /api/v1/search",                    // filters by visibility: tests/api/search_api_test.cpp
    "POST /api/v1/memberships/{id}/accept",  // the invited member only: tests/api/security_api_test.cpp
    "GET /api/v1/vocabularies",              // reference data for every member: tests/api/vocabulary_api_test.cpp
    "GET /feeds/government.atom", "GET /feeds/entities/{feed}",  // public Atom feeds of published items
    // The public face of published crisis statements, read without signing in
    // (tests/api/crisis_api_test.cpp).
    "GET /api/v1/public/statements", "GET /api/v1/public/alerts/stream", "GET /api/v1/public/alerts",
    "GET /api/v1/public/alerts/{id}",
    // Each member's own notifications: another's id is 404, the stream is the caller's only
    // (tests/api/notifications_api_test.cpp).
    "POST /api/v1/notifications/{id}/read", "GET /api/v1/notifications/stream"};

TEST_P(AuthzMatrixTest, EveryRouteHasAnAuthorizationRow) {
  std::set<std::string> covered = kNotEntityScoped;
  const auto cases = RouteCases();
  for (const auto& row : kRows) {
    covered.insert(row.route);
    EXPECT_TRUE(cases.count(row.route)) << "no RouteCase (fresh_objects.hpp) for " << row.route;
  }
  for (const auto& route : app().app().registry->router().routes()) {
    EXPECT_TRUE(covered.count(route.method + " " + route.pattern)) << "no authz row for " << route.method << " "
                                                                      << route.pattern;
  }
}

// Each row is called by every role on a fresh object of the caller's own entity and of another
// one: an allowed caller gets exactly the row's success status, any other caller exactly 403.
TEST_P(AuthzMatrixTest, EndpointTimesRoleTimesEntity) {
  SettingsGuard calendar(app(), Admin(), "/api/v1/calendar/settings", {"conflict_window_hours"});
  SettingsGuard network(app(), Admin(), "/api/v1/network/settings", {"time_zone"});
  EndpointsGuard endpoints(app(), Admin());
  const auto cases = RouteCases();
  for (const auto& row : kRows) {
    const auto found = cases.find(row.route);
    ASSERT_NE(found, cases.end()) << row.route;
    const RouteCase& route = found->second;
    const std::string method = row.route.substr(0, row.route.find(' '));
    for (const auto& role : kRoles) {
      for (bool own : {true, false}) {
        const RouteRequest req = route.make(own ? own_ : other_);
        Reply r = Perform(method, req, callers_.at(role));
        const bool allowed = (own ? row.own : row.other).count(role) > 0;
        const std::string what = row.route + " as " + role + " on " + (own ? "own" : "other") + " entity → " +
                                 std::to_string(r.status) + " " + r.body.substr(0, 160);
        if (allowed) {
          EXPECT_EQ(r.status, route.status) << what;
        } else {
          EXPECT_EQ(r.status, 403) << what;
          const bool admin = kAdmins.count(role) > 0;
          EXPECT_EQ(r.json().value("code", ""), admin ? row.admin_refusal : "auth.forbidden") << what;
        }
      }
    }
  }
}

TEST_P(AuthzMatrixTest, EveryProtectedRouteNeedsAuthentication) {
  for (const auto& route : app().app().registry->router().routes()) {
    if (route.is_public) continue;
    Reply r = app().Call(route.method, FillPath(route.pattern), {}, route.method == "GET" || route.method == "DELETE" ? Json() : Json::object());
    EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern;
  }
}

// Without a filter, a member sees exactly the members who hold an active role somewhere in the
// tree of their own entity: every listed member is one, and every one is listed.
TEST_P(AuthzMatrixTest, MemberListWithoutFilterShowsOnlyOwnEntities) {
  std::set<int64_t> expected;
  for (int64_t entity : Subtree(own_)) {
    for (const auto& m : AllPages("/api/v1/memberships?limit=200&entity_id=" + std::to_string(entity), Admin())) {
      if (m["status"] == "active") expected.insert(m["member_id"].get<int64_t>());
    }
  }
  ASSERT_GT(expected.size(), 1u);
  std::set<int64_t> listed;
  for (const auto& m : AllPages("/api/v1/members?limit=50", callers_.at("editor"))) {
    EXPECT_TRUE(expected.count(m["id"].get<int64_t>())) << "visible outside the caller's entities: " << m.dump();
    listed.insert(m["id"].get<int64_t>());
  }
  EXPECT_EQ(listed, expected);
}

}  // namespace
}  // namespace sawt::testing
