// Black-box tests of the strategy module: the umbrella strategy, entity strategies traced to it
// and the activities that carry them out, both stores.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/time_zone.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class StrategyApiTest : public ApiTest {
 protected:
  static void ExpectProblem(const Reply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json().value("code", ""), code) << r.body;
  }
  Json Umbrella() {
    Reply r = app().Call("GET", "/api/v1/strategies?scope=umbrella&status=active", Demo("health.editor"));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["items"].size(), 1u) << "one active umbrella strategy";
    return r.json()["items"][0];
  }
  /// A fresh department under police, so strategy rules are tested without touching the demo's.
  int64_t NewDepartment() {
    Json body = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", "st-" + Unique()},
                 {"name_ar", "إدارة"}, {"name_en", "Department"}};
    Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }
  Json StrategyBody(int64_t entity, Json objectives) {
    return {{"scope", "entity"},   {"entity_id", entity},  {"umbrella_id", Umbrella()["id"]},
            {"title_ar", "خطة"},   {"title_en", "Plan"},   {"period_start", 2027},
            {"period_end", 2029},  {"objectives", std::move(objectives)}};
  }
  static Json Objective(const std::string& code, Json serves) {
    return {{"code", code}, {"title_ar", "هدف " + code}, {"title_en", "Objective " + code}, {"serves", std::move(serves)}};
  }
  static std::vector<std::pair<std::string, std::string>> IfMatch(int64_t version) {
    return {{"If-Match", "\"" + std::to_string(version) + "\""}};
  }
  /// The network's day `days` from today (the demo network's zone, Asia/Dubai).
  std::string Day(int days) {
    const auto zone = core::TimeZone::Named("Asia/Dubai");
    int64_t today = 0;
    core::ParseIsoUtc(zone->DateOf(app().clock().NowMicros()), &today);
    return core::FormatIsoUtc(today + int64_t{days} * 86'400'000'000).substr(0, 10);
  }
};

TEST_P(StrategyApiTest, TheDemoUmbrellaIsTracedToEveryEntitysStrategy) {
  const Json umbrella = Umbrella();
  EXPECT_EQ(umbrella["scope"], "umbrella");
  EXPECT_TRUE(umbrella["entity_id"].is_null());
  std::set<std::string> kinds;
  for (const auto& o : umbrella["objectives"]) kinds.insert(o["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"objective", "national_priority"}));

  Reply r = app().Call("GET", "/api/v1/strategies/" + std::to_string(umbrella["id"].get<int64_t>()) + "/traceability",
                       Demo("police.editor"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json t = r.json();
  EXPECT_TRUE(t["entities_without_strategy"].empty()) << "every demo entity has a strategy: " << t.dump();
  EXPECT_EQ(t["unserved"], Json::array({"P2"})) << "the demo leaves one national priority unserved";
  // The rule over every row: an objective is unserved exactly when no entity contributes to it,
  // and each contribution comes from an entity strategy linked to this umbrella.
  for (const auto& o : t["objectives"]) {
    const bool listed = std::find(t["unserved"].begin(), t["unserved"].end(), o["code"]) != t["unserved"].end();
    EXPECT_EQ(listed, o["contributions"].empty()) << o.dump();
    for (const auto& c : o["contributions"]) {
      Reply s = app().Call("GET", "/api/v1/strategies/" + std::to_string(c["strategy_id"].get<int64_t>()), Admin());
      ASSERT_EQ(s.status, 200);
      EXPECT_EQ(s.json()["umbrella_id"], umbrella["id"]);
      EXPECT_EQ(s.json()["entity_id"], c["entity_id"]);
      bool serves = false;
      for (const auto& eo : s.json()["objectives"]) {
        if (eo["id"] == c["objective_id"]) serves = std::count(eo["serves"].begin(), eo["serves"].end(), o["code"]) == 1;
      }
      EXPECT_TRUE(serves) << c.dump() << " does not serve " << o["code"];
    }
  }
  EXPECT_EQ(t["summary"]["unserved"], 1);
  EXPECT_EQ(t["summary"]["served"].get<int>() + 1, t["summary"]["objectives"].get<int>());
}

TEST_P(StrategyApiTest, EntityObjectivesMustServeTheUmbrellasObjectives) {
  const int64_t dept = NewDepartment();
  // Everyone this test acts as signs in before events are counted (signing in is an event).
  const Credentials director = Demo("police.director");
  Admin();
  Demo("health.editor");
  const int64_t before = app().EventCount();
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(), StrategyBody(dept, {Objective("A", Json::array())})), 400,
                "strategy.objective_serves_nothing");
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(), StrategyBody(dept, {Objective("A", {"O9"})})), 400,
                "strategy.unknown_umbrella_objective");
  Json priority = Objective("A", {"O1"});
  priority["kind"] = "national_priority";
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(), StrategyBody(dept, {priority})), 400,
                "strategy.priority_on_umbrella_only");
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(),
                           StrategyBody(dept, {Objective("A", {"O1"}), Objective("A", {"O2"})})),
                400, "strategy.duplicate_objective");
  Json backwards = StrategyBody(dept, Json::array());
  backwards["period_end"] = 2026;
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(), backwards), 400, "strategy.bad_period");
  EXPECT_EQ(app().EventCount(), before) << "refused requests write nothing";

  Reply made = app().Call("POST", "/api/v1/strategies", director,
                          StrategyBody(dept, {Objective("A", {"O1", "P3", "O1"}), Objective("B", {"O2"})}));
  ASSERT_EQ(made.status, 201) << made.body;
  const Json s = made.json();
  EXPECT_EQ(s["status"], "draft");
  EXPECT_EQ(s["created_by"], "police.director");
  ASSERT_EQ(s["objectives"].size(), 2u);
  EXPECT_EQ(s["objectives"][0]["serves"], Json::array({"O1", "P3"})) << "duplicates dropped, umbrella order";
  EXPECT_EQ(app().EventCount(), before + 1);
}

TEST_P(StrategyApiTest, OneActiveStrategyPerEntityAndArchivedIsFinal) {
  const int64_t dept = NewDepartment();
  Json active = StrategyBody(dept, {Objective("A", {"O1"})});
  active["status"] = "active";
  Reply first = app().Call("POST", "/api/v1/strategies", Admin(), active);
  ASSERT_EQ(first.status, 201) << first.body;
  ExpectProblem(app().Call("POST", "/api/v1/strategies", Admin(), active), 409, "strategy.already_active");
  Reply draft = app().Call("POST", "/api/v1/strategies", Admin(), StrategyBody(dept, {Objective("A", {"O1"})}));
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string draft_path = "/api/v1/strategies/" + std::to_string(draft.json()["id"].get<int64_t>());
  ExpectProblem(app().Call("PATCH", draft_path, Admin(), {{"status", "active"}}, IfMatch(1)), 409, "strategy.already_active");
  ExpectProblem(app().Call("PATCH", draft_path, Admin(), {{"status", "active"}}), 412, "strategy.if_match_required");

  const std::string first_path = "/api/v1/strategies/" + std::to_string(first.json()["id"].get<int64_t>());
  Reply archived = app().Call("PATCH", first_path, Admin(), {{"status", "archived"}}, IfMatch(1));
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.json()["version"], 2);
  ExpectProblem(app().Call("PATCH", first_path, Admin(), {{"title_en", "Again"}}, IfMatch(2)), 409, "strategy.archived");
  Reply now_active = app().Call("PATCH", draft_path, Admin(), {{"status", "active"}}, IfMatch(1));
  EXPECT_EQ(now_active.status, 200) << now_active.body;
  ExpectProblem(app().Call("PATCH", draft_path, Admin(), {{"status", "draft"}}, IfMatch(2)), 409, "strategy.illegal_transition");
}

TEST_P(StrategyApiTest, AnUmbrellaObjectiveSomeoneServesCannotBeRemoved) {
  const Json umbrella = Umbrella();
  const std::string path = "/api/v1/strategies/" + std::to_string(umbrella["id"].get<int64_t>());
  // Everyone this test acts as signs in before events are counted (signing in is an event).
  const Credentials director = Demo("police.director");
  Admin();
  Demo("health.editor");
  Json without_o1 = Json::array();
  for (const auto& o : umbrella["objectives"]) {
    if (o["code"] != "O1") without_o1.push_back({{"code", o["code"]}, {"kind", o["kind"]}, {"title_ar", o["title_ar"]}, {"title_en", o["title_en"]}});
  }
  const int64_t before = app().EventCount();
  ExpectProblem(app().Call("PATCH", path, Admin(), {{"objectives", without_o1}}, IfMatch(umbrella["version"])), 409,
                "strategy.objective_in_use");
  Reply after = app().Call("GET", path, Admin());
  EXPECT_EQ(after.json()["version"], umbrella["version"]) << "nothing changed";
  EXPECT_EQ(after.json()["objectives"].size(), umbrella["objectives"].size());
  EXPECT_EQ(app().EventCount(), before);
  // An entity admin does not write the umbrella.
  ExpectProblem(app().Call("PATCH", path, director, {{"title_en", "Mine"}}, IfMatch(umbrella["version"])), 403,
                "auth.forbidden");
}

TEST_P(StrategyApiTest, ActivitiesAreOverdueByTheNetworksDayAndShowOnTheCalendar) {
  const int64_t police = EntityId("police");
  Json body = {{"entity_id", police}, {"title_ar", "نشاط متأخر"}, {"title_en", "Late activity"},
               {"start_date", Day(-10)}, {"due_date", Day(-1)}, {"status", "in_progress"}, {"progress", 30}};
  Reply late = app().Call("POST", "/api/v1/activities", Demo("police.editor"), body);
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_TRUE(late.json()["overdue"].get<bool>()) << late.body;
  body["due_date"] = Day(0);
  body["title_en"] = "Due today";
  Reply today = app().Call("POST", "/api/v1/activities", Demo("police.editor"), body);
  ASSERT_EQ(today.status, 201) << today.body;
  EXPECT_FALSE(today.json()["overdue"].get<bool>()) << "due today is not late yet";

  // The overdue list holds exactly the open activities due before today, of the entity's subtree.
  Reply list = app().Call("GET", "/api/v1/activities?overdue=true&limit=200&entity_id=" + std::to_string(police), Admin());
  ASSERT_EQ(list.status, 200) << list.body;
  bool found = false;
  for (const auto& a : list.json()["items"]) {
    EXPECT_TRUE(a["overdue"].get<bool>()) << a.dump();
    EXPECT_LT(a["due_date"].get<std::string>(), Day(0));
    EXPECT_NE(a["status"], "done");
    EXPECT_NE(a["status"], "cancelled");
    found = found || a["id"] == late.json()["id"];
  }
  EXPECT_TRUE(found);

  const std::string path = "/api/v1/activities/" + std::to_string(late.json()["id"].get<int64_t>());
  Reply done = app().Call("PATCH", path, Demo("police.editor"), {{"status", "done"}}, IfMatch(1));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["progress"], 100) << "done completes it";
  EXPECT_FALSE(done.json()["overdue"].get<bool>());

  // The calendar shows the open one on its due day, as context (never in a conflict).
  Reply cal = app().Call("GET", "/api/v1/calendar?from=" + Day(0) + "&to=" + Day(1), Demo("health.editor"));
  ASSERT_EQ(cal.status, 200) << cal.body;
  bool on_calendar = false;
  for (const auto& item : cal.json()["items"]) {
    if (item["source"] == "activity" && item["id"] == today.json()["id"]) {
      on_calendar = true;
      EXPECT_EQ(item["kind"], "strategy_activity");
      EXPECT_TRUE(item["conflicts"].empty());
    }
  }
  EXPECT_TRUE(on_calendar) << cal.body;
}

TEST_P(StrategyApiTest, AnObjectiveWithActivitiesCannotBeRemoved) {
  const int64_t dept = NewDepartment();
  Reply made = app().Call("POST", "/api/v1/strategies", Admin(), StrategyBody(dept, {Objective("A", {"O1"}), Objective("B", {"O2"})}));
  ASSERT_EQ(made.status, 201) << made.body;
  const Json s = made.json();
  Json activity = {{"entity_id", dept}, {"objective_id", s["objectives"][0]["id"]}, {"title_ar", "نشاط"}, {"title_en", "Activity"},
                   {"start_date", "2031-01-01"}, {"due_date", "2031-01-31"}};
  ASSERT_EQ(app().Call("POST", "/api/v1/activities", Admin(), activity).status, 201);
  const std::string path = "/api/v1/strategies/" + std::to_string(s["id"].get<int64_t>());
  ExpectProblem(app().Call("PATCH", path, Admin(), {{"objectives", {Objective("B", {"O2"})}}}, IfMatch(1)), 409,
                "strategy.objective_has_work");
  // Renaming A and dropping B (nothing follows B) keeps A's id: the activity still serves it.
  Reply kept = app().Call("PATCH", path, Admin(), {{"objectives", {Objective("A", {"O3"})}}}, IfMatch(1));
  ASSERT_EQ(kept.status, 200) << kept.body;
  ASSERT_EQ(kept.json()["objectives"].size(), 1u);
  EXPECT_EQ(kept.json()["objectives"][0]["id"], s["objectives"][0]["id"]);
  EXPECT_EQ(kept.json()["objectives"][0]["serves"], Json::array({"O3"}));
}

TEST_P(StrategyApiTest, AnActivityServesItsOwnEntitysObjectives) {
  Reply health = app().Call("GET", "/api/v1/strategies?entity_id=" + std::to_string(EntityId("health")) + "&status=active", Admin());
  ASSERT_EQ(health.status, 200);
  const int64_t health_objective = health.json()["items"][0]["objectives"][0]["id"];
  Json body = {{"entity_id", EntityId("police")}, {"objective_id", health_objective}, {"title_ar", "نشاط"},
               {"title_en", "Activity"}, {"start_date", "2031-01-01"}, {"due_date", "2031-01-31"}};
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), body), 400, "strategy.bad_objective");
  body["due_date"] = "2030-12-31";
  body.erase("objective_id");
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), body), 400, "strategy.bad_activity_period");
  body["due_date"] = "2031-02-30";
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), body), 400, "strategy.bad_date");
  body["due_date"] = "2031-02-28";
  body["progress"] = 101;
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), body), 400, "strategy.bad_progress");
  ExpectProblem(app().Call("GET", "/api/v1/activities?overdue=yes", Admin()), 400, "strategy.bad_overdue");
  body["progress"] = 10;
  body["owner_login"] = "nobody-" + Unique();
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), body), 400, "strategy.unknown_owner");
  body["owner_login"] = "police.editor";
  EXPECT_EQ(app().Call("POST", "/api/v1/activities", Admin(), body).status, 201);
}

TEST_P(StrategyApiTest, KpisAreMeasuredByPeopleOrFedFromAnotherModulesSource) {
  Reply sources = app().Call("GET", "/api/v1/kpi-sources", Demo("police.editor"));
  ASSERT_EQ(sources.status, 200) << sources.body;
  std::set<std::string> codes;
  for (const auto& s : sources.json()["items"]) codes.insert(s["code"].get<std::string>());
  EXPECT_TRUE(codes.count("messaging.content_published") && codes.count("initiatives.completed")) << sources.body;

  // The demo's network KPI is computed from messaging: its figure for a quarter is the number of
  // content items published in it (what GET /content-items says), whatever was stored before.
  Reply list = app().Call("GET", "/api/v1/kpis?limit=200", Admin());
  ASSERT_EQ(list.status, 200) << list.body;
  Json network;
  for (const auto& k : list.json()["items"]) {
    if (k["code"] == "network.content-published") network = k;
  }
  ASSERT_TRUE(network.is_object()) << list.body;
  EXPECT_EQ(network["source"], "messaging.content_published");
  EXPECT_EQ(network["periods"].size(), 8u) << "two years of quarters";
  const std::string path = "/api/v1/kpis/" + std::to_string(network["id"].get<int64_t>());
  const std::string quarter = network["periods"].back()["period"];
  Reply refreshed = app().Call("POST", path + "/refresh", Admin(), {{"period", quarter}});
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  const Json last = refreshed.json()["periods"].back();
  EXPECT_EQ(last["origin"], "source");
  int published_this_quarter = 0;
  Reply items = app().Call("GET", "/api/v1/content-items?limit=200", Admin());
  for (const auto& item : items.json()["items"]) {
    if (item["published_at"].is_null()) continue;
    const std::string day = core::TimeZone::Named("Asia/Dubai")->DateOf([&] {
      int64_t us = 0;
      core::ParseIsoUtc(item["published_at"].get<std::string>(), &us);
      return us;
    }());
    const int q = (std::stoi(day.substr(5, 2)) - 1) / 3 + 1;
    if (day.substr(0, 4) + "-Q" + std::to_string(q) == quarter) ++published_this_quarter;
  }
  EXPECT_GT(published_this_quarter, 0) << "the demo publishes content in the current quarter";
  EXPECT_EQ(last["value"], published_this_quarter);
  ExpectProblem(app().Call("PUT", path + "/measurements/" + quarter, Admin(), {{"value", 3}}), 409, "strategy.kpi_fed_by_source");

  // A KPI measured by people: targets and statuses, the rule of ended periods.
  Json body = {{"code", "test-" + Unique()}, {"entity_id", EntityId("police")}, {"name_ar", "رضا"}, {"name_en", "Satisfaction"},
               {"unit", "%"}, {"direction", "up"}, {"frequency", "quarterly"}};
  Reply made = app().Call("POST", "/api/v1/kpis", Demo("police.director"), body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string kpi = "/api/v1/kpis/" + std::to_string(made.json()["id"].get<int64_t>());
  ExpectProblem(app().Call("POST", "/api/v1/kpis", Admin(), body), 409, "strategy.kpi_code_taken");
  ExpectProblem(app().Call("PUT", kpi + "/targets/2027-09", Admin(), {{"target", 80}}), 400, "strategy.bad_period_code");
  ExpectProblem(app().Call("PUT", kpi + "/measurements/2099-Q1", Admin(), {{"value", 80}}), 400, "strategy.future_period");
  const std::string past = "2025-Q1";
  ExpectProblem(app().Call("PUT", kpi + "/measurements/" + past, Admin(), {{"value", 70}}), 400, "strategy.reason_required");
  ASSERT_EQ(app().Call("PUT", kpi + "/targets/" + past, Demo("police.director"), {{"target", 80}}).status, 200);
  ExpectProblem(app().Call("PUT", kpi + "/targets/" + past, Demo("police.editor"), {{"target", 1}}), 403, "auth.forbidden");
  auto status_after = [&](double value) {
    Reply r = app().Call("PUT", kpi + "/measurements/" + past, Demo("police.editor"), {{"value", value}, {"reason", "Corrected survey"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["periods"][0]["status"].get<std::string>();
  };
  EXPECT_EQ(status_after(81), "on_track");
  EXPECT_EQ(status_after(75), "at_risk") << "within the default 10% margin";
  EXPECT_EQ(status_after(60), "off_track");
  Reply got = app().Call("GET", kpi, Demo("health.editor"));
  EXPECT_EQ(got.json()["status"], "off_track");
  EXPECT_EQ(got.json()["periods"][0]["reason"], "Corrected survey");
  EXPECT_EQ(got.json()["periods"][0]["recorded_by"], "police.editor");
  ExpectProblem(app().Call("POST", kpi + "/refresh", Admin(), {{"period", past}}), 409, "strategy.kpi_is_manual");
}

TEST_P(StrategyApiTest, AMeetingsDecisionBecomesAnActivityOfTheEntitysPlan) {
  const int64_t dept = NewDepartment();
  const Credentials editor = Demo("police.editor");
  Reply made = app().Call("POST", "/api/v1/meetings", editor,
                          {{"entity_id", dept}, {"title_ar", "اجتماع متابعة"}, {"title_en", "Follow-up"}, {"held_on", Day(-7)},
                           {"attendees", "الفريق"}, {"minutes", "محضر"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = made.json()["id"];
  const std::string at = "/api/v1/meetings/" + std::to_string(id);
  EXPECT_TRUE(made.json()["decisions"].empty());

  // A decision that becomes an activity: titles from the decision, start on the meeting's day.
  const int64_t before = app().EventCount();
  Reply decided = app().Call("POST", at + "/decisions", editor,
                             {{"text_ar", "إطلاق حملة توعية"}, {"text_en", "Launch an awareness campaign"},
                              {"activity", {{"due_date", Day(20)}, {"owner_login", "police.editor"}}}});
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(app().EventCount(), before + 2) << "the activity and the decision, one write";
  const Json decision = decided.json()["decisions"][0];
  ASSERT_TRUE(decision["activity_id"].is_number_integer()) << decided.body;
  Reply activity = app().Call("GET", "/api/v1/activities/" + std::to_string(decision["activity_id"].get<int64_t>()), editor);
  ASSERT_EQ(activity.status, 200);
  EXPECT_EQ(activity.json()["entity_id"], dept);
  EXPECT_EQ(activity.json()["title_en"], "Launch an awareness campaign");
  EXPECT_EQ(activity.json()["start_date"], Day(-7));
  EXPECT_EQ(activity.json()["owner_login"], "police.editor");

  // The activity's rules hold, and a refused decision leaves nothing behind.
  const Credentials other = Demo("health.editor");  // signing in is an event: before counting
  const int64_t before_refusals = app().EventCount();
  ExpectProblem(app().Call("POST", at + "/decisions", editor,
                           {{"text_ar", "قرار"}, {"text_en", "Decision"}, {"activity", {{"due_date", Day(-30)}}}}),
                400, "strategy.bad_activity_period");
  ExpectProblem(app().Call("POST", at + "/decisions", editor,
                           {{"text_ar", "قرار"}, {"text_en", "Decision"}, {"activity", {{"due_date", Day(3)}, {"owner_login", "nobody-here"}}}}),
                400, "strategy.unknown_owner");
  ExpectProblem(app().Call("POST", at + "/decisions", editor,
                           {{"text_ar", "قرار"}, {"text_en", "Decision"}, {"activity", {{"due_date", Day(3)}, {"entity_id", EntityId("health")}}}}),
                400, "common.unknown_field");
  ExpectProblem(app().Call("POST", at + "/decisions", other, {{"text_ar", "قرار"}, {"text_en", "Decision"}}), 403,
                "auth.forbidden");
  EXPECT_EQ(app().EventCount(), before_refusals);
  EXPECT_EQ(app().Call("GET", at, editor).json()["decisions"].size(), 1u);

  // A decision without an activity, and the minutes edited under If-Match.
  Reply plain = app().Call("POST", at + "/decisions", editor, {{"text_ar", "رفع تقرير"}, {"text_en", "Report up"}});
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_TRUE(plain.json()["decisions"][1]["activity_id"].is_null());
  ExpectProblem(app().Call("PATCH", at, editor, {{"minutes", "x"}}), 412, "strategy.if_match_required");
  ExpectProblem(app().Call("PATCH", at, editor, {{"held_on", "2026-02-30"}}, IfMatch(plain.json()["version"])), 400, "strategy.bad_date");
  Reply edited = app().Call("PATCH", at, editor, {{"minutes", "محضر معتمد"}}, IfMatch(plain.json()["version"]));
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["minutes"], "محضر معتمد");
  EXPECT_EQ(edited.json()["decisions"].size(), 2u);
}

// Messaging's review measures feed KPIs: the median time from submission to approval and the
// share of approvals that let alignment errors through, each from messaging's own records.
TEST_P(StrategyApiTest, ReviewTimeAndApprovalsWithErrorsAreKpiSources) {
  Json dept_body = {{"kind", "department"}, {"parent_id", EntityId("tourism")}, {"code", "rv-" + Unique()},
                    {"name_ar", "إدارة"}, {"name_en", "Department"}};
  const int64_t dept = app().Call("POST", "/api/v1/entities", Admin(), dept_body).json()["id"];
  auto step = [&](int64_t id, const std::string& to, bool override) {
    const std::string path = "/api/v1/content-items/" + std::to_string(id);
    Json b = {{"to", to}};
    if (override) b["override_reason"] = "The new figure is confirmed by the director general";
    Reply r = app().Call("POST", path + "/transitions", Admin(), b, {{"If-Match", app().Call("GET", path, Admin()).headers["etag"]}});
    EXPECT_EQ(r.status, 200) << to << " " << r.body;
  };
  auto item = [&](const std::string& body_ar) {
    Json body = {{"kind", "social_post"}, {"owner_entity_id", dept}, {"title_ar", "منشور " + Unique()}, {"body_ar", body_ar},
                 {"themes", {"tourism"}}};
    Reply r = app().Call("POST", "/api/v1/content-items", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<int64_t>();
  };
  // One item contradicts the fact sheet (30 million visitors) and waits 9 minutes; one is clean
  // and waits 3 (short steps of the shared clock: sessions end after 30 idle minutes).
  const int64_t wrong = item("أعلنت الدائرة أن عدد الزوار بلغ 30 مليون زائر خلال العام.");
  const int64_t clean = item("نص المنشور");
  step(wrong, "in_review", true);
  step(clean, "in_review", false);
  app().clock().Advance(std::chrono::minutes(3));
  step(clean, "approved", false);
  app().clock().Advance(std::chrono::minutes(6));
  step(wrong, "approved", true);

  const std::string today = Day(0);
  const std::string quarter = today.substr(0, 4) + "-Q" + std::to_string((std::stoi(today.substr(5, 2)) - 1) / 3 + 1);
  auto measure = [&](int64_t entity, const std::string& source) {
    Json kpi = {{"code", "k-" + Unique()}, {"entity_id", entity}, {"name_ar", "مؤشر"}, {"name_en", "Indicator"},
                {"unit", "x"}, {"direction", "down"}, {"frequency", "quarterly"}, {"source", source}};
    Reply made = app().Call("POST", "/api/v1/kpis", Admin(), kpi);
    EXPECT_EQ(made.status, 201) << made.body;
    return app().Call("POST", "/api/v1/kpis/" + std::to_string(made.json()["id"].get<int64_t>()) + "/refresh", Admin(),
                      {{"period", quarter}});
  };
  Reply hours = measure(dept, "messaging.review_hours");
  ASSERT_EQ(hours.status, 200) << hours.body;
  EXPECT_EQ(hours.json()["periods"].back()["value"], 0.1) << "the median of 0.05 and 0.15 hours";
  Reply errors = measure(dept, "messaging.approved_with_errors");
  ASSERT_EQ(errors.status, 200) << errors.body;
  EXPECT_EQ(errors.json()["periods"].back()["value"], 50.0) << "one approval of two let an error through";

  // No approval, no median: said, not measured as zero.
  Json empty_body = dept_body;
  empty_body["code"] = "rv-" + Unique();
  const int64_t empty = app().Call("POST", "/api/v1/entities", Admin(), empty_body).json()["id"];
  ExpectProblem(measure(empty, "messaging.review_hours"), 409, "messaging.kpi_no_approvals");
  Reply sources = app().Call("GET", "/api/v1/kpi-sources", Demo("police.editor"));
  std::set<std::string> codes;
  for (const Json& s : sources.json()["items"]) codes.insert(s["code"].get<std::string>());
  for (const char* c : {"messaging.content_published", "messaging.review_hours", "messaging.approved_with_errors", "initiatives.completed"}) {
    EXPECT_EQ(codes.count(c), 1u) << c;
  }
}

SAWT_INSTANTIATE_BOTH_STORES(StrategyApiTest);

}  // namespace
}  // namespace sawt::testing
