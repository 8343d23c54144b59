// Black-box tests of the shared calendar (entries, planned content items, conflicts, blackouts,
// ICS export), on both stores. Each test plans in its own far-future month so tests never see each
// other's items in the shared app.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include "core/clock.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class CalendarApiTest : public ApiTest {
 protected:
  Json Entry(int64_t entity, const std::string& starts_at, const std::string& importance = "high",
             const std::string& audience = "public") {
    return {{"entity_id", entity}, {"kind", "announcement"}, {"title_ar", "إعلان " + Unique()},
            {"title_en", "Announcement " + Unique()}, {"starts_at", starts_at}, {"importance", importance},
            {"audience", audience}, {"themes", {"road-safety"}}, {"channels", {"website", "x"}}};
  }
  Json Create(const Credentials& who, const Json& body) {
    Reply r = app().Call("POST", "/api/v1/calendar/entries", who, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  Json View(const std::string& query, const Credentials& who) {
    Reply r = app().Call("GET", "/api/v1/calendar?" + query, who);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static const Json* ItemOf(const Json& view, const std::string& uid) {
    for (const auto& it : view["items"]) {
      if (it["uid"] == uid) return &it;
    }
    return nullptr;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(CalendarApiTest);

TEST_P(CalendarApiTest, DemoWeekShowsTheTwoRoadAnnouncementsInConflict) {
  // The demo plans the week starting the Monday after it was loaded (on the tests' fixed day).
  const int64_t day = 86'400'000'000, today = kTestStartMicros / day;
  const int64_t monday = (today + (7 - (today + 3) % 7)) * day;
  const std::string from = core::FormatIsoUtc(monday).substr(0, 10), to = core::FormatIsoUtc(monday + 6 * day).substr(0, 10);
  Json view = View("from=" + from + "&to=" + to, Demo("health.editor"));
  EXPECT_GE(view["items"].size(), 8u);
  int window_conflicts_between_demo_entries = 0;
  for (const auto& c : view["conflicts"]) {
    if (c["rule"] != "window") continue;
    const Json* a = ItemOf(view, c["uids"][0]);
    const Json* b = ItemOf(view, c["uids"][1]);
    if (!a || !b || (*a)["source"] != "entry" || (*b)["source"] != "entry" || (*a)["created_by"] != "system") continue;
    ++window_conflicts_between_demo_entries;
    EXPECT_EQ((*a)["title_en"], "Launch of the 2030 road network plan");
    EXPECT_EQ((*b)["title_en"], "Annual road safety statistics");
    EXPECT_EQ(c["gap_minutes"], 120);
    EXPECT_NE(c["message_ar"].get<std::string>().find("إطلاق خطة تطوير شبكة الطرق 2030"), std::string::npos);
  }
  EXPECT_EQ(window_conflicts_between_demo_entries, 1) << view["conflicts"].dump();
  ASSERT_EQ(view["blackouts"].size(), 1u);
  EXPECT_EQ(view["blackouts"][0]["starts_on"], to);
}

TEST_P(CalendarApiTest, TwoHighImportanceAnnouncementsForOneAudienceConflictAcrossEntities) {
  Json first = Create(Demo("police.editor"), Entry(EntityId("police"), "2033-03-10T06:00:00Z"));
  EXPECT_TRUE(first["conflicts"].empty());
  Json second = Create(Demo("rta.editor"), Entry(EntityId("rta"), "2033-03-11T05:00:00Z"));
  ASSERT_EQ(second["conflicts"].size(), 1u) << second.dump();
  const Json& c = second["conflicts"][0];
  EXPECT_EQ(c["rule"], "window");
  EXPECT_EQ(c["uids"], Json({first["uid"], second["uid"]}));
  EXPECT_EQ(c["gap_minutes"], 23 * 60);
  EXPECT_NE(c["message_en"].get<std::string>().find("23 hours apart; the conflict window is 48 hours."), std::string::npos)
      << c;
  // Arabic: Arabic-Indic digits and the plural the count takes (many: 11–99), also when asked in English.
  EXPECT_NE(c["message_ar"].get<std::string>().find("بينهما ٢٣ ساعة، ونافذة التعارض ٤٨ ساعة."), std::string::npos) << c;
  // Other audiences, normal importance and cancelled entries never conflict.
  EXPECT_TRUE(Create(Demo("rta.editor"), Entry(EntityId("rta"), "2033-03-10T09:00:00Z", "high", "media"))["conflicts"].empty());
  EXPECT_TRUE(Create(Demo("rta.editor"), Entry(EntityId("rta"), "2033-03-10T09:00:00Z", "normal"))["conflicts"].empty());
  Reply cancelled = app().Call("PATCH", "/api/v1/calendar/entries/" + std::to_string(first["id"].get<int64_t>()),
                               Demo("police.editor"), {{"status", "cancelled"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_TRUE(cancelled.json()["conflicts"].empty());
  // The police's own view still shows the RTA item's conflicts only with active items.
  Json view = View("from=2033-03-01&to=2033-03-31", Admin());
  EXPECT_TRUE(view["conflicts"].empty()) << view["conflicts"].dump();
}

TEST_P(CalendarApiTest, ConflictsFeedTheStrategysKpiThroughTheCalendarsSource) {
  // A year long past, so that the demo's own plans are not in it.
  Create(Demo("police.editor"), Entry(EntityId("police"), "2020-03-10T06:00:00Z"));
  Create(Demo("rta.editor"), Entry(EntityId("rta"), "2020-03-11T05:00:00Z"));
  Create(Demo("rta.editor"), Entry(EntityId("rta"), "2020-09-01T05:00:00Z"));
  Create(Demo("rta.editor"), Entry(EntityId("rta"), "2020-09-01T09:00:00Z"));
  auto measure = [&](std::optional<int64_t> entity) {
    Json kpi = {{"code", "conflicts-" + Unique()}, {"name_ar", "تعارضات"}, {"name_en", "Conflicts"}, {"unit", "conflicts"},
                {"direction", "down"}, {"frequency", "yearly"}, {"source", "calendar.conflicts"}};
    kpi["entity_id"] = entity ? Json(*entity) : Json(nullptr);
    Reply made = app().Call("POST", "/api/v1/kpis", Admin(), kpi);
    EXPECT_EQ(made.status, 201) << made.body;
    Reply r = app().Call("POST", "/api/v1/kpis/" + std::to_string(made.json()["id"].get<int64_t>()) + "/refresh", Admin(),
                         {{"period", "2020"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["periods"].back()["value"];
  };
  EXPECT_EQ(measure(EntityId("police")), 1.0) << "the police's announcement against the RTA's";
  EXPECT_EQ(measure(EntityId("rta")), 2.0) << "that one and the RTA's two on one morning";
  EXPECT_EQ(measure(EntityId("health")), 0.0);
  EXPECT_EQ(measure(std::nullopt), 2.0) << "the network counts each conflict once";
  Reply sources = app().Call("GET", "/api/v1/kpi-sources", Demo("police.editor"));
  EXPECT_NE(sources.body.find("\"calendar.conflicts\""), std::string::npos) << sources.body;
}

TEST_P(CalendarApiTest, TheConflictWindowIsConfigurable) {
  Credentials admin = Admin();
  Create(admin, Entry(EntityId("police"), "2033-04-10T06:00:00Z"));
  Create(admin, Entry(EntityId("health"), "2033-04-13T06:00:00Z"));
  EXPECT_TRUE(View("from=2033-04-01&to=2033-04-30", admin)["conflicts"].empty());
  SettingsGuard restore(app(), admin, "/api/v1/calendar/settings", {"conflict_window_hours"});
  Reply settings = app().Call("GET", "/api/v1/calendar/settings", admin);
  ASSERT_EQ(settings.status, 200);
  const std::string etag = settings.headers["etag"];
  Reply changed = app().Call("PUT", "/api/v1/calendar/settings", admin, {{"conflict_window_hours", 96}}, {{"If-Match", etag}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(View("from=2033-04-01&to=2033-04-30", admin)["conflicts"].size(), 1u);
  // A stale version is refused; a bad window is a 400; the editor may not change it.
  EXPECT_EQ(app().Call("PUT", "/api/v1/calendar/settings", admin, {{"conflict_window_hours", 24}}, {{"If-Match", etag}}).status, 412);
  EXPECT_EQ(app().Call("PUT", "/api/v1/calendar/settings", admin, {{"conflict_window_hours", 0}}).status, 400);
  EXPECT_EQ(app().Call("PUT", "/api/v1/calendar/settings", Demo("police.editor"), {{"conflict_window_hours", 24}}).status, 403);
}

// Dates name days of the network's time zone: 21:00Z on 9 February is already the 10th in Dubai
// (UTC+4) but still the 9th in UTC. Changing the zone moves every all-day item and blackout with it.
TEST_P(CalendarApiTest, TheNetworkTimeZoneDecidesWhichDayATimeFallsOn) {
  Credentials admin = Admin();
  SettingsGuard restore(app(), admin, "/api/v1/network/settings", {"time_zone"});
  Reply settings = app().Call("GET", "/api/v1/network/settings", Demo("police.editor"));
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.json()["time_zone"], "Asia/Dubai");
  Reply blackout = app().Call("POST", "/api/v1/calendar/blackouts", admin,
                              {{"starts_on", "2035-02-10"}, {"reason_ar", "صمت إعلامي"}, {"reason_en", "Media silence"}});
  ASSERT_EQ(blackout.status, 201) << blackout.body;
  Json late = Create(admin, Entry(EntityId("police"), "2035-02-09T21:00:00Z", "normal"));
  ASSERT_EQ(late["conflicts"].size(), 1u) << late.dump();
  EXPECT_EQ(late["conflicts"][0]["rule"], "blackout");
  auto shown_on = [&](const std::string& day) {
    return ItemOf(View("from=" + day + "&to=" + day, admin), late["uid"]) != nullptr;
  };
  EXPECT_TRUE(shown_on("2035-02-10"));
  EXPECT_FALSE(shown_on("2035-02-09"));
  // An all-day entry stays on its date in the ICS file (VALUE=DATE), whatever the zone.
  Json all_day = Create(admin, Entry(EntityId("police"), "2035-02-12", "normal"));
  Reply ics = app().Call("GET", "/api/v1/calendar.ics?from=2035-02-01&to=2035-02-28&lang=en", admin);
  ASSERT_EQ(ics.status, 200);
  EXPECT_NE(ics.body.find("DTSTART;VALUE=DATE:20350212"), std::string::npos) << ics.body;
  EXPECT_NE(ics.body.find("DTSTART:20350209T210000Z"), std::string::npos) << ics.body;

  Reply utc = app().Call("PUT", "/api/v1/network/settings", admin, {{"time_zone", "UTC"}},
                         {{"If-Match", settings.headers["etag"]}});
  ASSERT_EQ(utc.status, 200) << utc.body;
  EXPECT_EQ(utc.json()["time_zone"], "UTC");
  const std::string entry = "/api/v1/calendar/entries/" + std::to_string(late["id"].get<int64_t>());
  EXPECT_TRUE(app().Call("GET", entry, admin).json()["conflicts"].empty());
  EXPECT_TRUE(shown_on("2035-02-09"));
  EXPECT_FALSE(shown_on("2035-02-10"));

  // A stale version, a zone that does not exist (or hides a bidi mark) and an editor are refused,
  // and the setting stays as it was.
  EXPECT_EQ(app().Call("PUT", "/api/v1/network/settings", admin, {{"time_zone", "Asia/Riyadh"}},
                       {{"If-Match", settings.headers["etag"]}}).status, 412);
  EXPECT_EQ(app().Call("PUT", "/api/v1/network/settings", admin, {{"time_zone", ""}}).json()["code"], "common.field_empty");
  for (const char* zone : {"Mars/Olympus_Mons", "Asia/Dubai\u200f", "../../etc/localtime", "EST5EDT,M3.2.0,M11.1.0"}) {
    Reply bad = app().Call("PUT", "/api/v1/network/settings", admin, {{"time_zone", zone}});
    EXPECT_EQ(bad.status, 400) << zone;
    EXPECT_EQ(bad.json()["code"], "network.bad_time_zone") << bad.body;
  }
  EXPECT_EQ(app().Call("PUT", "/api/v1/network/settings", Demo("police.director"), {{"time_zone", "Asia/Riyadh"}}).status, 403);
  EXPECT_EQ(app().Call("GET", "/api/v1/network/settings", admin).json()["time_zone"], "UTC");
}

TEST_P(CalendarApiTest, BlackoutsApplyToTheirEntityOrToEveryone) {
  Credentials director = Demo("police.director");
  Reply own = app().Call("POST", "/api/v1/calendar/blackouts", director,
                         {{"entity_id", EntityId("police")}, {"starts_on", "2033-05-04"}, {"ends_on", "2033-05-05"},
                          {"reason_ar", "حداد"}, {"reason_en", "Mourning"}});
  ASSERT_EQ(own.status, 201) << own.body;
  // Only network admins declare network-wide blackouts.
  EXPECT_EQ(app().Call("POST", "/api/v1/calendar/blackouts", director,
                       {{"starts_on", "2033-05-20"}, {"reason_ar", "صمت"}, {"reason_en", "Silence"}})
                .status,
            403);
  Json police_item = Create(Demo("police.editor"), Entry(EntityId("police"), "2033-05-05T10:00:00Z", "low"));
  ASSERT_EQ(police_item["conflicts"].size(), 1u);
  EXPECT_EQ(police_item["conflicts"][0]["rule"], "blackout");
  EXPECT_NE(police_item["conflicts"][0]["message_en"].get<std::string>().find("Mourning"), std::string::npos);
  EXPECT_TRUE(Create(Demo("health.editor"), Entry(EntityId("health"), "2033-05-05T10:00:00Z", "low"))["conflicts"].empty());
  // The day after the blackout is free.
  EXPECT_TRUE(Create(Demo("police.editor"), Entry(EntityId("police"), "2033-05-06T00:00:00Z", "low"))["conflicts"].empty());
  const std::string path = "/api/v1/calendar/blackouts/" + std::to_string(own.json()["id"].get<int64_t>());
  ASSERT_EQ(app().Call("DELETE", path, director).status, 204);
  EXPECT_EQ(app().Call("DELETE", path, director).status, 404);
}

TEST_P(CalendarApiTest, PlannedContentItemsAppearAndFiltersNarrowTheView) {
  Credentials editor = Demo("tourism.editor");
  Reply item = app().Call("POST", "/api/v1/content-items", editor,
                          {{"kind", "press_release"}, {"owner_entity_id", EntityId("tourism")},
                           {"title_ar", "افتتاح موسم الشتاء"}, {"title_en", "Winter season opens"},
                           {"themes", {"tourism"}}, {"channels", {"website"}}, {"planned_at", "2033-06-10T07:00:00Z"}});
  ASSERT_EQ(item.status, 201) << item.body;
  const std::string uid = "content-" + std::to_string(item.json()["id"].get<int64_t>());
  Json entry = Create(Demo("police.editor"), Entry(EntityId("police"), "2033-06-10T09:00:00Z"));
  Json network_day = Create(Admin(), {{"kind", "national_day"}, {"title_ar", "يوم الشهيد"}, {"title_en", "Commemoration Day"},
                                      {"starts_at", "2033-06-20"}, {"importance", "normal"}});
  EXPECT_TRUE(network_day["entity_id"].is_null());

  Json all = View("from=2033-06-01&to=2033-06-30", editor);
  const Json* content = ItemOf(all, uid);
  ASSERT_NE(content, nullptr) << all.dump();
  EXPECT_EQ((*content)["source"], "content_item");
  EXPECT_EQ((*content)["status"], "draft");
  EXPECT_EQ((*content)["importance"], "high");
  EXPECT_EQ((*content)["entity_code"], "tourism");
  // A press release and a high police announcement for the public two hours apart conflict.
  ASSERT_EQ(all["conflicts"].size(), 1u) << all["conflicts"].dump();
  EXPECT_EQ(all["conflicts"][0]["uids"], Json({uid, entry["uid"]}));

  // Per entity: its items (and network-wide ones), but the conflict with the other entity stays visible.
  Json tourism = View("from=2033-06-01&to=2033-06-30&entity_id=" + std::to_string(EntityId("tourism")), editor);
  EXPECT_NE(ItemOf(tourism, uid), nullptr);
  EXPECT_EQ(ItemOf(tourism, entry["uid"]), nullptr);
  EXPECT_NE(ItemOf(tourism, network_day["uid"]), nullptr);
  EXPECT_EQ(tourism["conflicts"].size(), 1u);
  // Departments belong to their entity's calendar.
  Json dept = Create(Demo("police.editor"), Entry(EntityId("police-media"), "2033-06-25T09:00:00Z", "normal"));
  const Json police_view = View("from=2033-06-01&to=2033-06-30&entity_id=" + std::to_string(EntityId("police")), editor);
  EXPECT_NE(ItemOf(police_view, dept["uid"]), nullptr);
  // Theme, channel and kind filters.
  Json by_theme = View("from=2033-06-01&to=2033-06-30&theme=road-safety", editor);
  EXPECT_EQ(ItemOf(by_theme, uid), nullptr);
  EXPECT_NE(ItemOf(by_theme, entry["uid"]), nullptr);
  Json by_channel = View("from=2033-06-01&to=2033-06-30&channel=x", editor);
  EXPECT_EQ(ItemOf(by_channel, uid), nullptr);
  EXPECT_NE(ItemOf(by_channel, entry["uid"]), nullptr);
  Json by_kind = View("from=2033-06-01&to=2033-06-30&kind=press_release", editor);
  EXPECT_EQ(by_kind["items"].size(), 1u);
  // A draft sent back to its author stays on the calendar but clashes with nothing until resubmitted.
  const std::string item_path = "/api/v1/content-items/" + std::to_string(item.json()["id"].get<int64_t>());
  std::string etag = item.headers["etag"];
  auto move = [&](const char* to) {
    Reply moved = app().Call("POST", item_path + "/transitions", Admin(), {{"to", to}, {"comment", "test"}}, {{"If-Match", etag}});
    EXPECT_EQ(moved.status, 200) << to << " " << moved.body;
    etag = moved.headers["etag"];
    return moved.json();
  };
  for (const char* to : {"in_review", "changes_requested", "in_review", "approved", "scheduled"}) {
    move(to);
    const Json view = View("from=2033-06-01&to=2033-06-30", editor);
    const Json* shown = ItemOf(view, uid);
    ASSERT_NE(shown, nullptr) << to;
    EXPECT_EQ((*shown)["status"], to);
    EXPECT_EQ(view["conflicts"].size(), std::string(to) == "changes_requested" ? 0u : 1u) << to << view["conflicts"].dump();
  }
  // Published early, the item stands on the day it really went out, no longer on its planned day.
  const Json published = move("published");
  const std::string day = published["published_at"].get<std::string>().substr(0, 10);
  EXPECT_EQ(ItemOf(View("from=2033-06-01&to=2033-06-30", editor), uid), nullptr);
  const Json published_view = View("from=" + day + "&to=" + day, editor);
  ASSERT_NE(ItemOf(published_view, uid), nullptr) << published_view.dump();
  EXPECT_EQ((*ItemOf(published_view, uid))["starts_at"], published["published_at"].get<std::string>().substr(0, 19) + "Z");
  // Withdrawn items leave the calendar.
  move("withdrawn");
  EXPECT_EQ(ItemOf(View("from=" + day + "&to=" + day, editor), uid), nullptr);
}

TEST_P(CalendarApiTest, ContentItemsSayTheirImportanceAndAudienceAndTheCalendarUsesThem) {
  Credentials editor = Demo("tourism.editor");
  const int64_t tourism = EntityId("tourism");
  auto make = [&](Json fields) {
    Json body = {{"owner_entity_id", tourism}, {"title_ar", "مادة"}, {"title_en", "Item"}, {"channels", {"website"}}};
    body.update(fields);
    return app().Call("POST", "/api/v1/content-items", editor, body);
  };
  // Defaults follow the kind (messaging's rule, stored on the item).
  Reply memo = make({{"kind", "internal_memo"}, {"planned_at", "2033-08-02T06:00:00Z"}});
  ASSERT_EQ(memo.status, 201) << memo.body;
  EXPECT_EQ(memo.json()["importance"], "normal");
  EXPECT_EQ(memo.json()["audience"], "employees");
  Reply release = make({{"kind", "press_release"}});
  ASSERT_EQ(release.status, 201) << release.body;
  EXPECT_EQ(release.json()["importance"], "high");
  EXPECT_EQ(release.json()["audience"], "public");

  // A social post the author marks high importance for investors conflicts with a high
  // announcement for investors; a press release the author marks low conflicts with nothing.
  Reply post = make({{"kind", "social_post"}, {"importance", "high"}, {"audience", "investors"},
                     {"planned_at", "2033-08-10T07:00:00Z"}});
  ASSERT_EQ(post.status, 201) << post.body;
  Reply quiet = make({{"kind", "press_release"}, {"importance", "low"}, {"planned_at", "2033-08-10T08:00:00Z"}});
  ASSERT_EQ(quiet.status, 201) << quiet.body;
  Json entry = Create(Demo("police.editor"), Entry(EntityId("police"), "2033-08-10T09:00:00Z", "high", "investors"));
  const std::string post_uid = "content-" + std::to_string(post.json()["id"].get<int64_t>());
  const std::string quiet_uid = "content-" + std::to_string(quiet.json()["id"].get<int64_t>());
  Json view = View("from=2033-08-01&to=2033-08-31", editor);
  ASSERT_NE(ItemOf(view, post_uid), nullptr) << view.dump();
  EXPECT_EQ((*ItemOf(view, post_uid))["importance"], "high");
  EXPECT_EQ((*ItemOf(view, post_uid))["audience"], "investors");
  EXPECT_EQ((*ItemOf(view, quiet_uid))["importance"], "low");
  EXPECT_EQ((*ItemOf(view, "content-" + std::to_string(memo.json()["id"].get<int64_t>())))["audience"], "employees");
  ASSERT_EQ(view["conflicts"].size(), 1u) << view["conflicts"].dump();
  EXPECT_EQ(view["conflicts"][0]["uids"], Json({post_uid, entry["uid"]}));

  // Changing them moves the item out of the conflict.
  const std::string path = "/api/v1/content-items/" + std::to_string(post.json()["id"].get<int64_t>());
  Reply lowered = app().Call("PATCH", path, editor, {{"importance", "normal"}}, {{"If-Match", post.headers["etag"]}});
  ASSERT_EQ(lowered.status, 200) << lowered.body;
  EXPECT_EQ(lowered.json()["importance"], "normal");
  EXPECT_EQ(lowered.json()["audience"], "investors");
  EXPECT_TRUE(View("from=2033-08-01&to=2033-08-31", editor)["conflicts"].empty());

  // Values outside the shared vocabularies are refused by name, and nothing changes.
  Reply bad = make({{"kind", "social_post"}, {"importance", "urgent"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json()["code"], "messaging.bad_importance");
  EXPECT_EQ(bad.json()["field"], "importance");
  Reply bad_audience = app().Call("PATCH", path, editor, {{"audience", "Investors"}}, {{"If-Match", lowered.headers["etag"]}});
  EXPECT_EQ(bad_audience.status, 400) << bad_audience.body;
  EXPECT_EQ(bad_audience.json()["code"], "messaging.bad_audience");
  Reply after = app().Call("GET", path, editor);
  EXPECT_EQ(after.json()["audience"], "investors");
  EXPECT_EQ(after.json()["version"], lowered.json()["version"]);
}

TEST_P(CalendarApiTest, InitiativesShowAsSpansThatNeverConflict) {
  Credentials editor = Demo("health.editor");
  Reply made = app().Call("POST", "/api/v1/initiatives", editor,
                          {{"owner_entity_id", EntityId("health")}, {"title_ar", "مبادرة صحتك أولًا"},
                           {"title_en", "Your health first"}, {"start_date", "2033-09-05"}, {"end_date", "2033-09-25"},
                           {"themes", {"happiness"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string uid = "initiative-" + std::to_string(made.json()["id"].get<int64_t>());
  // A network-wide blackout inside the span concerns announcements, not the initiative.
  ASSERT_EQ(app().Call("POST", "/api/v1/calendar/blackouts", Admin(),
                       {{"starts_on", "2033-09-10"}, {"reason_ar", "حداد"}, {"reason_en", "Mourning"}})
                .status,
            201);
  const Json view = View("from=2033-09-15&to=2033-09-30", editor);
  const Json* span = ItemOf(view, uid);
  ASSERT_NE(span, nullptr) << view.dump();
  EXPECT_EQ((*span)["source"], "initiative");
  EXPECT_EQ((*span)["starts_at"], "2033-09-05");
  EXPECT_EQ((*span)["ends_at"], "2033-09-25");
  EXPECT_EQ((*span)["status"], "planned");
  EXPECT_TRUE((*span)["conflicts"].empty());
  EXPECT_TRUE(view["conflicts"].empty()) << view["conflicts"].dump();
  const Json by_kind = View("from=2033-09-01&to=2033-09-30&kind=initiative", editor);
  ASSERT_EQ(by_kind["items"].size(), 1u);
  Reply ics = app().Call("GET", "/api/v1/calendar.ics?from=2033-09-01&to=2033-09-30&kind=initiative&lang=en", editor);
  EXPECT_NE(ics.body.find("DTSTART;VALUE=DATE:20330905\r\nDTEND;VALUE=DATE:20330926\r\n"), std::string::npos) << ics.body;
  // Cancelled initiatives leave the calendar.
  Reply cancelled = app().Call("POST", "/api/v1/initiatives/" + std::to_string(made.json()["id"].get<int64_t>()) + "/status",
                               editor, {{"to", "cancelled"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_TRUE(View("from=2033-09-01&to=2033-09-30&kind=initiative", editor)["items"].empty());
}

TEST_P(CalendarApiTest, IcsExportIsRfc5545) {
  Credentials editor = Demo("health.editor");
  Json timed = Create(editor, Entry(EntityId("health"), "2033-07-02T06:30:00Z", "normal"));
  Json all_day = Create(editor, {{"entity_id", EntityId("health")}, {"kind", "campaign"}, {"title_ar", "حملة، الصيف"},
                                 {"title_en", "Summer; campaign"}, {"starts_at", "2033-07-05"}, {"ends_at", "2033-07-07"}});
  Reply ics = app().Call("GET", "/api/v1/calendar.ics?from=2033-07-01&to=2033-07-31&lang=en&entity_id=" +
                                    std::to_string(EntityId("health")),
                         editor);
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_EQ(ics.headers["content-type"], "text/calendar; charset=utf-8");
  const std::string& body = ics.body;
  EXPECT_EQ(body.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(body.find("UID:" + timed["uid"].get<std::string>() + "@sawt\r\n"), std::string::npos);
  EXPECT_NE(body.find("DTSTART:20330702T063000Z\r\nDTEND:20330702T073000Z\r\n"), std::string::npos);
  // All-day: DTEND is the day after the last day (RFC 5545 §3.6.1).
  EXPECT_NE(body.find("DTSTART;VALUE=DATE:20330705\r\nDTEND;VALUE=DATE:20330708\r\n"), std::string::npos) << body;
  EXPECT_NE(body.find("SUMMARY;LANGUAGE=en:Summer\\; campaign\r\n"), std::string::npos);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') {
      ASSERT_EQ(body[i - 1], '\r');
    }
  }
  Reply arabic = app().Call("GET", "/api/v1/calendar.ics?from=2033-07-01&to=2033-07-31&lang=ar", editor);
  EXPECT_NE(arabic.body.find("SUMMARY;LANGUAGE=ar:حملة، الصيف\r\n"), std::string::npos);
  (void)all_day;
}

TEST_P(CalendarApiTest, IcsExportCarriesDescriptionAndLocationAndNoControlCharacters) {
  Credentials editor = Demo("rta.editor");
  Json body = Entry(EntityId("rta"), "2034-01-10T07:00:00Z");
  body["description_en"] = "Opening of the new metro line, phase 2; speeches, then a tour.";
  body["description_ar"] = "افتتاح خط المترو الجديد، المرحلة الثانية";
  body["location_en"] = "Union station, hall B";
  body["location_ar"] = "محطة الاتحاد، القاعة ب";
  // Input refuses control characters ...
  Json hostile = body;
  hostile["location_en"] = "Hall\x07";
  Reply refused = app().Call("POST", "/api/v1/calendar/entries", editor, hostile);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["code"], "common.invalid_characters");
  EXPECT_EQ(refused.json()["field"], "location_en");
  // ... and the export removes those already stored (BEL, VT, DEL: RFC 5545 §3.3.11 forbids them).
  Json made = Create(editor, body);
  ASSERT_TRUE(app().app().store->Write([&](store::Tx& tx) -> core::Status {
    SAWT_TRY_STATUS(tx.Exec("UPDATE calendar_entries SET title_en = $1 WHERE id = $2",
                            {std::string("Metro\x07 line\x0b opening\x7f"), made["id"].get<int64_t>()}));
    return core::Ok();
  }));
  Reply ics = app().Call("GET", "/api/v1/calendar.ics?from=2034-01-01&to=2034-01-31&lang=en", editor);
  ASSERT_EQ(ics.status, 200) << ics.body;
  for (char c : ics.body) {
    const auto u = static_cast<unsigned char>(c);
    ASSERT_TRUE(u >= 0x20 ? u != 0x7F : (c == '\r' || c == '\n')) << "control character " << static_cast<int>(u);
  }
  // libical, the reference parser, reads back the event with its description and location.
  icalcomponent* cal = icalparser_parse_string(ics.body.c_str());
  ASSERT_NE(cal, nullptr) << ics.body;
  icalcomponent* found = nullptr;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != nullptr;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    if (std::string(icalcomponent_get_uid(ev)) == made["uid"].get<std::string>() + "@sawt") found = ev;
  }
  ASSERT_NE(found, nullptr) << ics.body;
  EXPECT_STREQ(icalcomponent_get_summary(found), "Metro line opening");
  EXPECT_STREQ(icalcomponent_get_location(found), "Union station, hall B");
  const std::string description = icalcomponent_get_description(found);
  EXPECT_EQ(description.rfind("Opening of the new metro line, phase 2; speeches, then a tour.\n\n", 0), 0u) << description;
  EXPECT_EQ(icalcomponent_get_sequence(found), 0);
  EXPECT_NE(icalcomponent_get_first_property(found, ICAL_LASTMODIFIED_PROPERTY), nullptr);
  icalcomponent_free(cal);
  Reply arabic = app().Call("GET", "/api/v1/calendar.ics?from=2034-01-01&to=2034-01-31&lang=ar", editor);
  icalcomponent* cal_ar = icalparser_parse_string(arabic.body.c_str());
  ASSERT_NE(cal_ar, nullptr);
  bool arabic_location = false;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal_ar, ICAL_VEVENT_COMPONENT); ev != nullptr;
       ev = icalcomponent_get_next_component(cal_ar, ICAL_VEVENT_COMPONENT)) {
    const char* where = icalcomponent_get_location(ev);
    arabic_location = arabic_location || (where != nullptr && std::string(where) == "محطة الاتحاد، القاعة ب");
  }
  EXPECT_TRUE(arabic_location) << arabic.body;
  icalcomponent_free(cal_ar);
}

TEST_P(CalendarApiTest, BadInputIsRefusedAndNothingIsWritten) {
  Credentials editor = Demo("police.editor");
  const Credentials admin = Admin();  // signed in before counting: a sign-in is an event
  const int64_t police = EntityId("police");
  const int64_t before = app().EventCount();
  struct Case {
    Json body;
    std::string code;
  };
  const std::vector<Case> cases = {
      {{{"entity_id", police}, {"kind", "party"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01"}},
       "calendar.bad_entry_kind"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-02-30"}},
       "calendar.bad_when"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01T25:00:00Z"}},
       "calendar.bad_when"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01"},
        {"ends_at", "2033-08-02T10:00:00Z"}},
       "calendar.mixed_when"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-05"},
        {"ends_at", "2033-08-01"}},
       "calendar.ends_before_start"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01"},
        {"audience", "everyone"}},
       "calendar.bad_audience"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01"},
        {"themes", {"no-such-theme"}}},
       "calendar.unknown_theme"},
      {{{"entity_id", police}, {"kind", "event"}, {"title_ar", ""}, {"title_en", ""}, {"starts_at", "2033-08-01"}},
       "calendar.title_required"},
      {{{"entity_id", 999999}, {"kind", "event"}, {"title_ar", "x"}, {"title_en", "x"}, {"starts_at", "2033-08-01"}},
       ""},
  };
  for (const auto& c : cases) {
    // The unknown entity is tried as the network admin (an editor is refused it before the lookup).
    Reply r = app().Call("POST", "/api/v1/calendar/entries", c.body["entity_id"] == 999999 ? admin : editor, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << " → " << r.body;
    if (!c.code.empty()) {
      EXPECT_EQ(r.json()["code"], c.code) << r.body;
    }
  }
  EXPECT_EQ(app().Call("GET", "/api/v1/calendar?from=2033-08-10&to=2033-08-01", editor).status, 400);
  EXPECT_EQ(app().Call("GET", "/api/v1/calendar?from=2033-01-01&to=2034-12-31", editor).status, 400);
  EXPECT_EQ(app().Call("GET", "/api/v1/calendar?from=yesterday", editor).status, 400);
  EXPECT_EQ(app().Call("GET", "/api/v1/calendar?from=2033-08-01&to=2033-08-31&kind=party", editor).status, 400);
  EXPECT_EQ(app().EventCount(), before);

  // Concurrent edits: a stale If-Match is 412 and changes nothing.
  Json entry = Create(editor, Entry(police, "2033-08-15T06:00:00Z"));
  const std::string path = "/api/v1/calendar/entries/" + std::to_string(entry["id"].get<int64_t>());
  ASSERT_EQ(app().Call("PATCH", path, editor, {{"title_en", "First"}}, {{"If-Match", "\"1\""}}).status, 200);
  Reply stale = app().Call("PATCH", path, editor, {{"title_en", "Second"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(app().Call("DELETE", path, editor, nullptr, {{"If-Match", "\"1\""}}).status, 412);
  Reply now = app().Call("GET", path, editor);
  EXPECT_EQ(now.json()["title_en"], "First");
  EXPECT_EQ(now.headers["etag"], "\"2\"");
  // Moving the entry recomputes its times; an all-day move keeps the inclusive last day.
  Reply moved = app().Call("PATCH", path, editor, {{"starts_at", "2033-08-20"}, {"ends_at", "2033-08-21"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_TRUE(moved.json()["all_day"].get<bool>());
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"ends_at", "2033-08-19"}}).status, 400);
  ASSERT_EQ(app().Call("DELETE", path, editor).status, 204);
  EXPECT_EQ(app().Call("GET", path, editor).status, 404);
}

}  // namespace
}  // namespace sawt::testing
