// Black-box tests of the initiative registry and the best-initiatives showcase, both stores.
#include <gtest/gtest.h>

#include <set>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class InitiativesApiTest : public ApiTest {
 protected:
  Json Body(const std::string& title) {
    return {{"owner_entity_id", EntityId("police")},
            {"partner_entity_ids", {EntityId("rta"), EntityId("rta")}},
            {"title_ar", "مبادرة " + title},
            {"title_en", "Initiative " + title},
            {"summary_ar", "حملة توعية بالسلامة المرورية على الطرق الخارجية."},
            {"summary_en", "A road safety campaign on the highways."},
            {"objectives_ar", "خفض الحوادث"},
            {"audience_en", "Drivers"},
            {"themes", {"road-safety"}},
            {"channels", {"x", "radio"}},
            {"start_date", "2027-01-10"},
            {"end_date", "2027-02-28"},
            {"budget_band", "lt_100k"}};
  }
  /// Every initiative the list answers for `query` (following the cursor).
  std::vector<Json> All(const std::string& query) {
    std::vector<Json> out;
    std::string cursor;
    for (int i = 0; i < 100; ++i) {
      Reply r = app().Call("GET", "/api/v1/initiatives?limit=5" + query + (cursor.empty() ? "" : "&cursor=" + cursor),
                           Demo("health.editor"));
      EXPECT_EQ(r.status, 200) << query << ": " << r.body;
      if (r.status != 200) break;
      const Json page = r.json();
      for (const auto& item : page["items"]) out.push_back(item);
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"].get<std::string>();
    }
    return out;
  }
  std::set<std::string> TitlesEn(const std::vector<Json>& items) {
    std::set<std::string> out;
    for (const auto& i : items) out.insert(i["title_en"].get<std::string>());
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(InitiativesApiTest);

TEST_P(InitiativesApiTest, DemoRegistryHasEveryStatusAndAShowcase) {
  const auto all = All("");
  ASSERT_GE(all.size(), 12u);
  std::set<std::string> statuses;
  for (const auto& i : all) statuses.insert(i["status"].get<std::string>());
  EXPECT_EQ(statuses, (std::set<std::string>{"planned", "active", "completed", "cancelled"}));
  Reply showcase = app().Call("GET", "/api/v1/initiatives/showcase", Demo("police.editor"));
  ASSERT_EQ(showcase.status, 200) << showcase.body;
  const Json items = showcase.json()["items"];
  ASSERT_GE(items.size(), 3u);
  for (const auto& i : items) {
    EXPECT_EQ(i["status"], "completed");
    EXPECT_TRUE(i["showcased"].get<bool>());
    EXPECT_FALSE(i["results"].empty());
    EXPECT_FALSE(i["showcase_note"].get<std::string>().empty());
  }
}

TEST_P(InitiativesApiTest, LifecycleFromPlannedToShowcase) {
  Credentials editor = Demo("police.editor");
  Reply made = app().Call("POST", "/api/v1/initiatives", editor, Body(Unique()));
  ASSERT_EQ(made.status, 201) << made.body;
  const Json created = made.json();
  EXPECT_EQ(made.headers["etag"], "\"1\"");
  EXPECT_EQ(created["status"], "planned");
  EXPECT_EQ(created["partner_entity_ids"], Json::array({EntityId("rta")}));
  EXPECT_EQ(created["created_by"], "police.editor");
  EXPECT_EQ(created["results"], Json::array());
  const std::string path = "/api/v1/initiatives/" + std::to_string(created["id"].get<int64_t>());

  // Every member reads it (the central office sees all); only the owner entity's writers edit it.
  EXPECT_EQ(app().Call("GET", path, Demo("health.editor")).status, 200);
  EXPECT_EQ(app().Call("PATCH", path, Demo("health.editor"), {{"title_en", "Taken"}}).status, 403);
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"title_en", "Stale"}}, {{"If-Match", "\"7\""}}).status, 412);
  Reply edited = app().Call("PATCH", path, editor, {{"title_en", "Highway safety"}, {"budget_band", nullptr}},
                            {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.headers["etag"], "\"2\"");
  EXPECT_TRUE(edited.json()["budget_band"].is_null());

  // Outcomes wait until it runs; steps outside the lifecycle are conflicts.
  Json outcomes = {{"outcomes_ar", "انخفضت الحوادث"},
                   {"outcomes_en", "Accidents fell"},
                   {"results", {{{"label_ar", "انخفاض الحوادث"}, {"label_en", "Fall in accidents"}, {"value", 12.5}, {"unit", "%"}}}}};
  Reply early = app().Call("PUT", path + "/outcomes", editor, outcomes);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["code"], "initiatives.outcomes_too_early");
  Reply skip = app().Call("POST", path + "/status", editor, {{"to", "completed"}});
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.json()["code"], "initiatives.illegal_transition");
  EXPECT_EQ(app().Call("POST", path + "/status", editor, {{"to", "active"}}, {{"If-Match", "\"1\""}}).status, 412);
  ASSERT_EQ(app().Call("POST", path + "/status", editor, {{"to", "active"}, {"comment", "انطلقت"}}).status, 200);
  EXPECT_EQ(app().Call("POST", path + "/status", editor, {{"to", "active"}}).status, 409);

  // Not completed yet: the showcase refuses it.
  EXPECT_EQ(app().Call("POST", path + "/showcase", Admin(), {{"note", "early"}}).json()["code"],
            "initiatives.showcase_not_eligible");
  Reply recorded = app().Call("PUT", path + "/outcomes", editor, outcomes);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(recorded.json()["results"][0]["value"], 12.5);
  Reply done = app().Call("POST", path + "/status", Demo("police.director"), {{"to", "completed"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["updated_by"], "police.director");

  // Only network admins showcase.
  EXPECT_EQ(app().Call("POST", path + "/showcase", editor, {{"note", "mine"}}).status, 403);
  EXPECT_EQ(app().Call("POST", path + "/showcase", Demo("police.director"), {{"note", "mine"}}).status, 403);
  Reply featured = app().Call("POST", path + "/showcase", Admin(), {{"note", "قدوة في التنسيق"}});
  ASSERT_EQ(featured.status, 200) << featured.body;
  EXPECT_TRUE(featured.json()["showcased"].get<bool>());
  EXPECT_EQ(featured.json()["showcased_by"], "admin");
  const Json showcase = app().Call("GET", "/api/v1/initiatives/showcase", editor).json()["items"];
  ASSERT_FALSE(showcase.empty());
  EXPECT_EQ(showcase[0]["id"], created["id"]);  // most recently featured first
  EXPECT_EQ(showcase[0]["showcase_note"], "قدوة في التنسيق");

  // The cited outcomes cannot be emptied; withdrawing twice is a conflict.
  Reply emptied = app().Call("PUT", path + "/outcomes", editor,
                             {{"outcomes_ar", ""}, {"outcomes_en", ""}, {"results", Json::array()}});
  EXPECT_EQ(emptied.json()["code"], "initiatives.showcase_needs_outcomes");
  EXPECT_EQ(app().Call("DELETE", path + "/showcase", editor).status, 403);
  Reply withdrawn = app().Call("DELETE", path + "/showcase", Admin());
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_FALSE(withdrawn.json()["showcased"].get<bool>());
  EXPECT_TRUE(withdrawn.json()["showcase_note"].is_null());
  EXPECT_EQ(app().Call("DELETE", path + "/showcase", Admin()).json()["code"], "initiatives.not_showcased");
  EXPECT_EQ(app().Call("POST", path + "/status", editor, {{"to", "cancelled"}}).status, 409);  // completed is final
}

TEST_P(InitiativesApiTest, EveryWriteAppendsOneEvent) {
  Credentials editor = Demo("police.editor");
  int64_t before = app().EventCount();
  Reply made = app().Call("POST", "/api/v1/initiatives", editor, Body(Unique()));
  ASSERT_EQ(made.status, 201);
  EXPECT_EQ(app().EventCount(), before + 1);
  const std::string path = "/api/v1/initiatives/" + std::to_string(made.json()["id"].get<int64_t>());
  before = app().EventCount();
  ASSERT_EQ(app().Call("POST", path + "/status", editor, {{"to", "cancelled"}, {"comment", "merged"}}).status, 200);
  EXPECT_EQ(app().EventCount(), before + 1);
  // A cancelled initiative no longer changes; refusals write nothing.
  before = app().EventCount();
  Reply locked = app().Call("PATCH", path, editor, {{"title_en", "Again"}});
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.json()["code"], "initiatives.cancelled");
  EXPECT_EQ(app().Call("POST", path + "/status", editor, {{"to", "active"}}).status, 409);
  EXPECT_EQ(app().EventCount(), before);
}

TEST_P(InitiativesApiTest, RejectsInvalidInputWithTheField) {
  Credentials editor = Demo("police.editor");
  struct Case {
    Json patch;
    std::string code, field;
  };
  const std::vector<Case> cases = {
      {{{"themes", {"no-such-theme"}}}, "initiatives.unknown_theme", "themes"},
      {{{"channels", {"carrier-pigeon"}}}, "initiatives.bad_channel", "channels"},
      {{{"start_date", "2027-02-30"}}, "initiatives.bad_date", "start_date"},
      {{{"end_date", "2026-12-31"}}, "initiatives.bad_period", "end_date"},
      {{{"partner_entity_ids", {EntityId("police")}}}, "initiatives.owner_is_partner", "partner_entity_ids"},
      {{{"partner_entity_ids", {999999}}}, "initiatives.entity_not_found", "partner_entity_ids"},
      {{{"budget_band", "huge"}}, "initiatives.bad_budget_band", "budget_band"},
      {{{"title_ar", ""}}, "", "title_ar"},
  };
  const int64_t before = app().EventCount();
  for (const auto& c : cases) {
    Json body = Body(Unique());
    body.update(c.patch);
    Reply r = app().Call("POST", "/api/v1/initiatives", editor, body);
    EXPECT_EQ(r.status, 400) << c.patch << ": " << r.body;
    if (!c.code.empty()) {
      EXPECT_EQ(r.json()["code"], c.code) << r.body;
    }
    EXPECT_EQ(r.json()["field"], c.field) << r.body;
  }
  Json no_owner = Body(Unique());
  no_owner["owner_entity_id"] = EntityId("health");
  EXPECT_EQ(app().Call("POST", "/api/v1/initiatives", editor, no_owner).status, 403);
  EXPECT_EQ(app().EventCount(), before);
  EXPECT_EQ(app().Call("GET", "/api/v1/initiatives?status=done", editor).json()["code"], "initiatives.bad_status");
  EXPECT_EQ(app().Call("GET", "/api/v1/initiatives?from=tomorrow", editor).json()["field"], "from");
  EXPECT_EQ(app().Call("GET", "/api/v1/initiatives/999999", editor).status, 404);
  Reply bad_result = app().Call("PATCH", "/api/v1/initiatives/1", Admin(),
                                {{"results", {{{"label_ar", "عدد"}, {"label_en", "Count"}, {"value", "many"}}}}});
  EXPECT_EQ(bad_result.status, 400);
  EXPECT_EQ(bad_result.json()["field"], "results[0].value");
}

TEST_P(InitiativesApiTest, FiltersByEntityTreeThemeStatusPeriodAndText) {
  // Police: its own, its department's (Eyes on the Road) and those it partners in.
  const auto police = TitlesEn(All("&entity_id=" + std::to_string(EntityId("police"))));
  for (const char* t : {"Accident-Free Summer", "Eyes on the Road", "Safe Return to School"}) {
    EXPECT_TRUE(police.count(t)) << t;
  }
  EXPECT_FALSE(police.count("Your Health First"));
  const auto department = TitlesEn(All("&entity_id=" + std::to_string(EntityId("police-media"))));
  EXPECT_TRUE(department.count("Eyes on the Road"));
  EXPECT_FALSE(department.count("Accident-Free Summer"));

  for (const auto& i : All("&theme=road-safety")) {
    EXPECT_NE(std::find(i["themes"].begin(), i["themes"].end(), "road-safety"), i["themes"].end()) << i["title_en"];
  }
  const auto completed = All("&status=completed");
  EXPECT_TRUE(TitlesEn(completed).count("Your Health First"));
  for (const auto& i : completed) EXPECT_EQ(i["status"], "completed");

  // Period overlap: running at some point in March 2027.
  const auto march = TitlesEn(All("&from=2027-03-01&to=2027-03-31"));
  EXPECT_TRUE(march.count("Family Reading Month"));
  EXPECT_TRUE(march.count("Winter in the Emirate"));  // Nov 2026 – Mar 2027
  EXPECT_FALSE(march.count("Safe Return to School"));
  EXPECT_FALSE(march.count("Your Licence in a Day"));  // ends Dec 2026

  const auto schools = TitlesEn(All("&q=" + UrlEncode("المدارس")));
  EXPECT_TRUE(schools.count("Safe Return to School"));
  EXPECT_FALSE(schools.count("Accident-Free Summer"));
  EXPECT_TRUE(TitlesEn(All("&q=paperless")).count("Paperless Government"));
  EXPECT_TRUE(All("&q=" + UrlEncode("100%_")).empty());  // wildcards are literal
}

TEST_P(InitiativesApiTest, InitiativesAreSearchable) {
  Reply r = app().Call("GET", "/api/v1/search?type=initiative&q=" + UrlEncode("صحتك"), Demo("health.editor"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.json()["items"].empty()) << r.body;
  EXPECT_EQ(r.json()["items"][0]["doc_type"], "initiative");
}

}  // namespace
}  // namespace sawt::testing
