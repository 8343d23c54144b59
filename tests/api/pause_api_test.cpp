// Black-box tests of "pause all publishing" (issue 13): a network admin pauses one entity's
// publishing, the worker holds its scheduled items and outbox rows (they keep their state) while
// another entity's go out, and resuming lets them go; a crisis room pauses its own entities; who
// may, who sees a pause, and bad input. Both stores.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/clock.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class PauseApiTest : public ApiTest {
 protected:
  /// A social post of `entity` on snapchat (no endpoint: its outbox rows become manual when sent).
  int64_t ScheduledItem(const std::string& entity, int64_t planned_micros) {
    Json body = {{"kind", "social_post"},
                 {"owner_entity_id", EntityId(entity)},
                 {"title_ar", "منشور " + Unique()},
                 {"title_en", "Post"},
                 {"body_ar", "نص المنشور."},
                 {"body_en", "The post."},
                 {"channels", {"snapchat"}},
                 {"planned_at", core::FormatIsoUtc(planned_micros - planned_micros % 1'000'000).substr(0, 19) + "Z"}};
    Reply made = app().Call("POST", "/api/v1/content-items", Demo(entity + ".editor"), body);
    EXPECT_EQ(made.status, 201) << made.body;
    const int64_t id = made.json().value("id", int64_t{0});
    for (const std::string to : {"in_review", "approved", "scheduled"}) {
      const Credentials who = Demo(entity + (to == "approved" ? ".reviewer" : ".editor"));
      const std::string path = Item(id);
      const std::string etag = app().Call("GET", path, who).headers["etag"];
      Reply r = app().Call("POST", path + "/transitions", who, {{"to", to}}, {{"If-Match", etag}});
      EXPECT_EQ(r.status, 200) << to << ": " << r.body;
    }
    return id;
  }
  static std::string Item(int64_t id) { return "/api/v1/content-items/" + std::to_string(id); }
  std::string State(int64_t id) {
    Reply r = app().Call("GET", Item(id), Admin());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("state", "");
  }
  /// Polls (the worker runs on its own thread) until the item reaches `state`, or 30 s (sanitizer
  /// builds are slow).
  bool Reaches(int64_t id, const std::string& state) {
    for (int i = 0; i < 600; ++i) {
      if (State(id) == state) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  Json Publications(int64_t id) {
    Reply r = app().Call("GET", Item(id) + "/publications", Admin());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  static bool Listed(const Json& list, int64_t id) {
    for (const auto& p : list["items"]) {
      if (p["id"] == id) return true;
    }
    return false;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(PauseApiTest);

TEST_P(PauseApiTest, APauseHoldsWhatItCoversUntilResumedAndNothingElse) {
  const int64_t police = EntityId("police");
  Reply paused = app().Call("POST", "/api/v1/publishing-pauses", Admin(),
                            {{"reason", "Flood warning: the official line is being agreed"}, {"entity_ids", {police}}});
  ASSERT_EQ(paused.status, 201) << paused.body;
  const Json pause = paused.json();
  const int64_t pause_id = pause["id"];
  EXPECT_TRUE(pause["active"].get<bool>());
  EXPECT_EQ(pause["entity_ids"], Json::array({police}));
  EXPECT_EQ(pause["channels"], Json::array());
  EXPECT_EQ(pause["paused_by"], "admin");
  EXPECT_EQ(pause["held"], Json({{"publications", 0}, {"items", 0}}));

  // Two items due in ten minutes: the police one (paused) and the RTA one (not).
  const int64_t planned = app().clock().NowMicros() + 600'000'000;
  const int64_t held = ScheduledItem("police", planned);
  const int64_t free = ScheduledItem("rta", planned);
  app().clock().Advance(std::chrono::minutes(10));
  ASSERT_TRUE(Reaches(free, "published")) << State(free);
  // The worker has passed over both: the paused item keeps its state.
  EXPECT_EQ(State(held), "scheduled");
  EXPECT_TRUE(Publications(held).empty());
  Reply now = app().Call("GET", "/api/v1/publishing-pauses/" + std::to_string(pause_id), Demo("police.editor"));
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(now.json()["held"]["items"], 1);

  // Publishing by hand during the pause: the outbox rows wait (pending), they are not sent.
  const int64_t by_hand = ScheduledItem("police", app().clock().NowMicros() + 3'600'000'000);
  const std::string etag = app().Call("GET", Item(by_hand), Demo("police.editor")).headers["etag"];
  Reply published = app().Call("POST", Item(by_hand) + "/transitions", Demo("police.editor"), {{"to", "published"}},
                               {{"If-Match", etag}});
  ASSERT_EQ(published.status, 200) << published.body;
  const int64_t free_too = ScheduledItem("rta", app().clock().NowMicros() + 60'000'000);
  app().clock().Advance(std::chrono::minutes(1));
  ASSERT_TRUE(Reaches(free_too, "published"));
  // Once the worker has sent the RTA item's rows (none has an endpoint: manual), it has passed over
  // the police's older rows too, in id order.
  const auto all_manual = [&](const Json& rs) {
    return !rs.empty() && std::all_of(rs.begin(), rs.end(), [](const Json& r) { return r["state"] == "manual"; });
  };
  for (int i = 0; i < 600 && !all_manual(Publications(free_too)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(all_manual(Publications(free_too))) << Publications(free_too).dump();
  Json rows = Publications(by_hand);
  ASSERT_EQ(rows.size(), 2u) << rows.dump();
  for (const auto& r : rows) EXPECT_EQ(r["state"], "pending") << r.dump();
  now = app().Call("GET", "/api/v1/publishing-pauses/" + std::to_string(pause_id), Admin());
  EXPECT_EQ(now.json()["held"], Json({{"publications", 2}, {"items", 1}})) << now.body;

  // Who sees it: the police's people and network admins; not another entity's.
  Reply police_list = app().Call("GET", "/api/v1/publishing-pauses", Demo("police.editor"));
  ASSERT_EQ(police_list.status, 200) << police_list.body;
  EXPECT_TRUE(Listed(police_list.json(), pause_id));
  Reply health_list = app().Call("GET", "/api/v1/publishing-pauses", Demo("health.editor"));
  ASSERT_EQ(health_list.status, 200) << health_list.body;
  EXPECT_FALSE(Listed(health_list.json(), pause_id));
  Reply hidden = app().Call("GET", "/api/v1/publishing-pauses/" + std::to_string(pause_id), Demo("health.editor"));
  EXPECT_EQ(hidden.status, 403) << hidden.body;

  // The police's people hear of it (not the admin who paused).
  bool told = false;
  for (int i = 0; i < 600 && !told; ++i) {
    Reply n = app().Call("GET", "/api/v1/notifications?limit=200", Demo("police.editor"));
    for (const auto& item : n.json()["items"]) told = told || item["kind"] == "publishing_paused";
    if (!told) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(told);

  // Only network admins resume; then what was held goes out.
  const std::string resume = "/api/v1/publishing-pauses/" + std::to_string(pause_id) + "/resume";
  EXPECT_EQ(app().Call("POST", resume, Demo("police.director"), Json::object()).status, 403);
  Reply resumed = app().Call("POST", resume, Admin(), {{"reason", "Line agreed"}});
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_FALSE(resumed.json()["active"].get<bool>());
  EXPECT_EQ(resumed.json()["resumed_by"], "admin");
  EXPECT_EQ(resumed.json()["resume_reason"], "Line agreed");
  EXPECT_TRUE(Reaches(held, "published")) << State(held);
  for (int i = 0; i < 600; ++i) {
    rows = Publications(by_hand);
    if (rows.size() == 2 && rows[0]["state"] == "manual" && rows[1]["state"] == "manual") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (const auto& r : rows) EXPECT_EQ(r["state"], "manual") << r.dump();
  Reply again = app().Call("POST", resume, Admin(), Json::object());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json()["code"], "messaging.pause_ended");
  Reply active = app().Call("GET", "/api/v1/publishing-pauses", Admin());
  EXPECT_FALSE(Listed(active.json(), pause_id));
  Reply all = app().Call("GET", "/api/v1/publishing-pauses?status=all", Admin());
  EXPECT_TRUE(Listed(all.json(), pause_id));
}

TEST_P(PauseApiTest, OnlyNetworkAdminsPauseAndBadInputIsRefused) {
  const auto count = [&] { return app().Call("GET", "/api/v1/publishing-pauses?status=all", Admin()).json()["items"].size(); };
  const size_t before = count();
  const auto code = [&](const Credentials& who, const Json& body) {
    Reply r = app().Call("POST", "/api/v1/publishing-pauses", who, body);
    return std::to_string(r.status) + " " + r.json().value("code", "");
  };
  EXPECT_EQ(code(Demo("police.director"), {{"reason", "x"}}), "403 auth.forbidden");
  EXPECT_EQ(code(Admin(), {{"reason", "   "}}), "400 common.field_empty");
  EXPECT_EQ(code(Admin(), {{"reason", "x"}, {"entity_ids", {-1}}}), "400 messaging.bad_pause_entities");
  EXPECT_EQ(code(Admin(), {{"reason", "x"}, {"entity_ids", "all"}}), "400 messaging.bad_pause_entities");
  EXPECT_EQ(code(Admin(), {{"reason", "x"}, {"entity_ids", {999999}}}), "400 messaging.entity_not_found");
  EXPECT_EQ(code(Admin(), {{"reason", "x"}, {"channels", {"myspace"}}}), "400 messaging.unknown_channel");
  EXPECT_EQ(code(Admin(), {{"reason", "x"}, {"scope", "all"}}), "400 common.unknown_field");
  EXPECT_EQ(code(Admin(), {{"reason", std::string(2001, 'x')}}).substr(0, 3), "400");
  Reply listed = app().Call("GET", "/api/v1/publishing-pauses?status=old", Admin());
  EXPECT_EQ(listed.status, 400);
  EXPECT_EQ(listed.json().value("code", ""), "messaging.bad_pause_status");
  // Nothing was paused by the refused requests.
  EXPECT_EQ(count(), before);
}

TEST_P(PauseApiTest, ACrisisRoomPausesItsOwnEntities) {
  const Credentials director = Demo("police.director");
  Json drill = {{"kind", "drill"},       {"crisis_type", "weather"}, {"severity", "moderate"},
                {"title_ar", "تمرين"},    {"title_en", "Drill"},      {"lead_entity_id", EntityId("police")},
                {"affected_entity_ids", {EntityId("rta")}}};
  Reply made = app().Call("POST", "/api/v1/crises", director, drill);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string crisis = "/api/v1/crises/" + std::to_string(made.json()["id"].get<int64_t>());
  EXPECT_EQ(made.json()["publishing_pauses"], Json::array());

  // Another entity's admin does not manage the room.
  EXPECT_EQ(app().Call("POST", crisis + "/pause-publishing", Demo("health.director"), {{"reason", "x"}}).status, 403);
  Reply paused = app().Call("POST", crisis + "/pause-publishing", director, {{"reason", "Hold all posts during the drill"}});
  ASSERT_EQ(paused.status, 200) << paused.body;
  ASSERT_EQ(paused.json()["publishing_pauses"].size(), 1u) << paused.body;
  const Json pause = paused.json()["publishing_pauses"][0];
  Json both = Json::array({EntityId("police"), EntityId("rta")});
  if (both[0] > both[1]) std::swap(both[0], both[1]);
  EXPECT_EQ(pause["entity_ids"], both);
  EXPECT_EQ(pause["source_type"], "crisis");
  EXPECT_EQ(pause["reason"], "Hold all posts during the drill");
  Reply twice = app().Call("POST", crisis + "/pause-publishing", director, {{"reason", "again"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json().value("code", ""), "crisis.already_paused");
  // An affected entity's people see the pause.
  Reply seen = app().Call("GET", "/api/v1/publishing-pauses", Demo("rta.editor"));
  EXPECT_TRUE(Listed(seen.json(), pause["id"]));

  Reply resumed = app().Call("POST", crisis + "/resume-publishing", director, {{"reason", "Drill over"}});
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json()["publishing_pauses"], Json::array());
  Reply not_paused = app().Call("POST", crisis + "/resume-publishing", director, Json::object());
  EXPECT_EQ(not_paused.status, 409);
  EXPECT_EQ(not_paused.json().value("code", ""), "crisis.not_paused");

  // Both steps are in the room's timeline.
  Reply timeline = app().Call("GET", crisis + "/timeline", director);
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  int paused_entries = 0, resumed_entries = 0;
  for (const auto& e : timeline.json()["items"]) {
    paused_entries += e["kind"] == "publishing_paused";
    resumed_entries += e["kind"] == "publishing_resumed";
  }
  EXPECT_EQ(paused_entries, 1);
  EXPECT_EQ(resumed_entries, 1);
}

}  // namespace
}  // namespace sawt::testing
