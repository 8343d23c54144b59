// Every route that takes If-Match changes exactly the row it addresses, and a stale If-Match
// changes nothing. Regression: an UPDATE numbered its id placeholder after the version guard had
// pushed its value ("WHERE id = $k AND version = $k"), so PATCH /members/{id} with If-Match "1"
// rewrote member 1, the network admin, whatever {id} said.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "store/store.hpp"
#include "tests/api/fresh_objects.hpp"

namespace sawt::testing {
namespace {

using core::Json;

/// One If-Match route: how to make a fresh target in the state the route needs, what to send, and
/// where to read every row of the same kind (all of which but the target must stay as they were).
struct Case {
  std::string method;
  std::string pattern;
  std::function<int64_t()> make;                 ///< a fresh target; returns its id
  std::function<std::string(int64_t)> path;      ///< the request path for the target
  Json body;
  std::function<std::vector<std::string>(int64_t)> lists;  ///< list paths that hold the target's kind
  std::string object_type;                       ///< the events' object_type for this kind
  int status = 200;
  bool deletes = false;
  /// The version If-Match must name, when it is not the target row's own `version`.
  std::function<int64_t(int64_t)> version = nullptr;
  /// Whether a listed row is the one addressed, when that is not the row with the target's id.
  std::function<bool(const Json& row)> is_target = nullptr;
};

class IfMatchTest : public FreshObjectsTest {
 protected:
  /// Every row (by id) of every list path, following cursors.
  std::map<std::string, Json> Snapshot(const std::vector<std::string>& lists) {
    std::map<std::string, Json> rows;
    for (const auto& list : lists) {
      std::string cursor;
      for (int page = 0; page < 100; ++page) {
        const std::string sep = list.find('?') == std::string::npos ? "?" : "&";
        Reply r = app().Call("GET", list + (cursor.empty() ? "" : sep + "cursor=" + cursor), Admin());
        EXPECT_EQ(r.status, 200) << list << " " << r.body;
        const Json body = r.json();
        // A list, or one resource standing for its row (per-entity settings).
        const Json items = body.contains("items") ? body["items"] : Json::array({body});
        for (const auto& item : items) rows[list + "#" + RowKey(item)] = item;
        if (!body.contains("next_cursor") || body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"];
      }
    }
    return rows;
  }

  /// A row's identity within its list: calendar rows by source and id, channel variants (which
  /// have no id of their own) by channel and language.
  static std::string RowKey(const Json& row) {
    if (row.contains("uid")) return row.value("source", "") + std::to_string(row["id"].get<int64_t>());
    if (row.contains("id")) return std::to_string(row["id"].get<int64_t>());
    if (row.contains("entity_id")) return "entity" + std::to_string(row["entity_id"].get<int64_t>());
    return row.value("channel", "") + "/" + row.value("lang", "");
  }

  /// The target's current version as its first list shows it.
  int64_t VersionOf(const std::vector<std::string>& lists, int64_t id) {
    for (const auto& [key, row] : Snapshot({lists.front()})) {
      // Calendar rows (they have a uid) of other sources share ids with entries.
      const bool entry = !row.contains("uid") || row.value("source", "") == "entry";
      if (row.contains("id") && row["id"] == id && entry) return row["version"];
    }
    ADD_FAILURE() << "no version for " << id << " in " << lists.front();
    return 0;
  }

  int64_t LastEventId() {
    auto id = store::ReadValue<int64_t>(*app().app().store, [](store::Tx& tx) -> core::Result<int64_t> {
      auto rows = tx.Query("SELECT COALESCE(MAX(id), 0) FROM events");
      if (!rows) return std::move(rows).error();
      return (*rows)[0].Int(0);
    });
    return id ? *id : 0;
  }

  std::vector<Case> Cases() {
    const int64_t police = EntityId("police");
    auto at = [](std::string pattern, int64_t id) { return pattern.replace(pattern.find("{id}"), 4, std::to_string(id)); };
    auto on = [at](std::string pattern) { return [at, pattern](int64_t id) { return at(pattern, id); }; };
    auto fixed = [](std::vector<std::string> lists) { return [lists](int64_t) { return lists; }; };
    const auto entity_lists = fixed({"/api/v1/entities?limit=200"});
    const auto member_lists = fixed({"/api/v1/members?limit=200"});
    const auto content_lists = fixed({"/api/v1/content-items?limit=200"});
    const auto initiative_lists = fixed({"/api/v1/initiatives?limit=200"});
    const auto crisis_lists = fixed({"/api/v1/crises?limit=200"});
    auto new_crisis = [this, police] { return NewCrisis(police); };
    const std::string task_crisis = "/api/v1/crises/" + std::to_string(NewCrisis(police));
    const std::string statement_crisis = NewCrisisWithSpokesperson(police);
    const auto statement_lists = fixed({statement_crisis + "/statements"});
    // A draft of the network admin, or one the spokesperson submitted (for the admin to approve).
    auto statement_in = [this, statement_crisis](bool submitted_by_spokesperson) {
      return [this, statement_crisis, submitted_by_spokesperson] {
        const std::string path = submitted_by_spokesperson ? SubmittedCrisisStatement(statement_crisis)
                                                           : NewCrisisStatement(statement_crisis);
        return std::stoll(path.substr(path.rfind('/') + 1));
      };
    };
    const auto calendar_lists = fixed({"/api/v1/calendar?from=2031-01-01&to=2031-02-01"});
    auto new_department = [this, police] {
      Json body = {{"kind", "department"}, {"parent_id", police}, {"code", "im-" + Unique()},
                   {"name_ar", "إدارة"}, {"name_en", "Department"}};
      return app().Call("POST", "/api/v1/entities", Admin(), body).json()["id"].get<int64_t>();
    };
    auto new_member = [this, police] {
      const std::string login = "im" + Unique();
      Json body = {{"login", login}, {"password", "if-match-password"}, {"name_ar", "عضو"}, {"name_en", "Member"},
                   {"email", login + "@example.org"}, {"entity_id", police}, {"role", "member"}};
      return app().Call("POST", "/api/v1/members", Admin(), body).json()["id"].get<int64_t>();
    };
    // A content item moved through the workflow to `state`.
    auto item_in = [this, police](std::vector<std::string> steps, std::vector<std::string> channels) {
      return [this, police, steps, channels] {
        Json body = ContentBody(police);
        if (!channels.empty()) body["channels"] = channels;
        const int64_t id = app().Call("POST", "/api/v1/content-items", Admin(), body).json()["id"];
        int version = 1;
        for (const auto& to : steps) {
          Reply r = app().Call("POST", "/api/v1/content-items/" + std::to_string(id) + "/transitions", Admin(),
                               {{"to", to}}, {{"If-Match", "\"" + std::to_string(version++) + "\""}});
          EXPECT_EQ(r.status, 200) << to << " " << r.body;
        }
        return id;
      };
    };
    auto initiative_in = [this, police](std::vector<std::string> steps, bool outcomes) {
      return [this, police, steps, outcomes] {
        const int64_t id = NewInitiative(police);
        const std::string path = "/api/v1/initiatives/" + std::to_string(id);
        for (const auto& to : steps) {
          if (to == "completed" && outcomes) {
            Reply o = app().Call("PUT", path + "/outcomes", Admin(),
                                 {{"outcomes_ar", "نتائج"}, {"outcomes_en", "Results"}, {"results", Json::array()}});
            EXPECT_EQ(o.status, 200) << o.body;
          }
          Reply r = app().Call("POST", path + "/status", Admin(), {{"to", to}});
          EXPECT_EQ(r.status, 200) << to << " " << r.body;
        }
        return id;
      };
    };
    // The first publication of a published item on a channel without an endpoint (manual).
    auto publication = [this, item_in] {
      const int64_t item = item_in({"in_review", "approved", "scheduled", "published"}, {"snapchat", "whatsapp"})();
      const Json rows = app().Call("GET", "/api/v1/content-items/" + std::to_string(item) + "/publications", Admin()).json();
      publication_items_[rows["items"][0]["id"]] = item;
      return rows["items"][0]["id"].get<int64_t>();
    };
    // An item on X with a stored Arabic variant (the variant's own version guards it).
    auto item_with_variant = [this, item_in] {
      const int64_t item = item_in({}, {"x"})();
      Reply r = app().Call("PUT", "/api/v1/content-items/" + std::to_string(item) + "/variants/x", Admin(),
                           {{"lang", "ar"}, {"text", "أول"}});
      EXPECT_EQ(r.status, 200) << r.body;
      return item;
    };
    auto variant_version = [this](int64_t item) {
      const Json rows = app().Call("GET", "/api/v1/content-items/" + std::to_string(item) + "/variants", Admin()).json();
      for (const auto& v : rows["items"]) {
        if (v["channel"] == "x" && v["lang"] == "ar" && v["version"].is_number_integer()) return v["version"].get<int64_t>();
      }
      ADD_FAILURE() << "no stored x/ar variant: " << rows.dump();
      return int64_t{0};
    };
    auto publication_lists = [this](int64_t id) {
      const int64_t item = publication_items_.at(id);
      return std::vector<std::string>{"/api/v1/content-items/" + std::to_string(item) + "/publications"};
    };
    return {
        {"PATCH", "/api/v1/entities/{id}", new_department, on("/api/v1/entities/{id}"), {{"color", "#123456"}},
         entity_lists, "entity"},
        {"DELETE", "/api/v1/entities/{id}", new_department, on("/api/v1/entities/{id}"), nullptr, entity_lists, "entity",
         204, true},
        // Per-entity settings: the neighbours are the departments made just before and after.
        {"PUT", "/api/v1/entities/{id}/review-settings", new_department, on("/api/v1/entities/{id}/review-settings"),
         {{"maker_checker", true}},
         [on](int64_t id) {
           auto settings = on("/api/v1/entities/{id}/review-settings");
           return std::vector<std::string>{settings(id - 1), settings(id), settings(id + 1)};
         },
         "review_settings", 200, false,
         [this, on](int64_t id) {
           return app().Call("GET", on("/api/v1/entities/{id}/review-settings")(id), Admin()).json()["version"].get<int64_t>();
         },
         nullptr},
        {"PATCH", "/api/v1/members/{id}", new_member, on("/api/v1/members/{id}"), {{"name_en", "Renamed"}},
         member_lists, "member"},
        {"PATCH", "/api/v1/responsibilities/{id}", [this, police] { return NewResponsibility(police); },
         on("/api/v1/responsibilities/{id}"), {{"raci", "C"}}, fixed({"/api/v1/responsibilities?limit=200"}),
         "responsibility"},
        {"DELETE", "/api/v1/responsibilities/{id}", [this, police] { return NewResponsibility(police); },
         on("/api/v1/responsibilities/{id}"), nullptr, fixed({"/api/v1/responsibilities?limit=200"}), "responsibility",
         204, true},
        {"PATCH", "/api/v1/themes/{id}", [this, police] { return NewTheme(police); }, on("/api/v1/themes/{id}"),
         {{"name_en", "Renamed"}}, fixed({"/api/v1/themes"}), "theme"},
        {"PATCH", "/api/v1/key-messages/{id}", [this, police] { return NewKeyMessage(police); },
         on("/api/v1/key-messages/{id}"), {{"text_en", "Renamed"}}, fixed({"/api/v1/key-messages?limit=200"}),
         "key_message"},
        {"POST", "/api/v1/key-messages/{id}/approve", [this, police] { return NewKeyMessage(police); },
         on("/api/v1/key-messages/{id}/approve"), Json::object(), fixed({"/api/v1/key-messages?limit=200"}),
         "key_message"},
        {"POST", "/api/v1/key-messages/{id}/retire", [this, police] { return NewKeyMessage(police); },
         on("/api/v1/key-messages/{id}/retire"), Json::object(), fixed({"/api/v1/key-messages?limit=200"}),
         "key_message"},
        {"PATCH", "/api/v1/facts/{id}", [this, police] { return NewFact(police); }, on("/api/v1/facts/{id}"),
         {{"value_en", "6"}}, fixed({"/api/v1/facts?limit=200"}), "fact"},
        {"POST", "/api/v1/facts/{id}/approve", [this, police] { return NewFact(police); },
         on("/api/v1/facts/{id}/approve"), Json::object(), fixed({"/api/v1/facts?limit=200"}), "fact"},
        {"PATCH", "/api/v1/terms/{id}", [this] { return NewTerm(); }, on("/api/v1/terms/{id}"),
         {{"replacement", "another"}}, fixed({"/api/v1/terms"}), "term"},
        {"PATCH", "/api/v1/content-items/{id}", item_in({}, {}), on("/api/v1/content-items/{id}"),
         {{"title_en", "Renamed"}}, content_lists, "content_item"},
        {"POST", "/api/v1/content-items/{id}/transitions", item_in({}, {}),
         on("/api/v1/content-items/{id}/transitions"), {{"to", "in_review"}}, content_lists, "content_item"},
        {"PUT", "/api/v1/content-items/{id}/variants/{channel}", item_with_variant,
         on("/api/v1/content-items/{id}/variants/x"), {{"lang", "ar"}, {"text", "ثان"}},
         [](int64_t item) {
           return std::vector<std::string>{"/api/v1/content-items/" + std::to_string(item) + "/variants",
                                           "/api/v1/content-items?limit=200"};
         },
         "content_item", 200, false, variant_version,
         [](const Json& row) { return row.value("channel", "") == "x" && row.value("lang", "") == "ar"; }},
        {"POST", "/api/v1/publications/{id}/posted", publication, on("/api/v1/publications/{id}/posted"),
         {{"url", "https://example.org/post"}}, publication_lists, "publication"},
        {"POST", "/api/v1/publications/{id}/retry", publication, on("/api/v1/publications/{id}/retry"),
         Json::object(), publication_lists, "publication"},
        {"PATCH", "/api/v1/calendar/entries/{id}", [this, police] { return NewEntry(police); },
         on("/api/v1/calendar/entries/{id}"), {{"title_en", "Renamed"}}, calendar_lists, "calendar_entry"},
        {"DELETE", "/api/v1/calendar/entries/{id}", [this, police] { return NewEntry(police); },
         on("/api/v1/calendar/entries/{id}"), nullptr, calendar_lists, "calendar_entry", 204, true},
        {"PATCH", "/api/v1/strategies/{id}", [this, police] { return NewEntityStrategy(police); },
         on("/api/v1/strategies/{id}"), {{"title_en", "Renamed"}}, fixed({"/api/v1/strategies"}), "strategy"},
        {"PATCH", "/api/v1/activities/{id}", [this, police] { return NewActivity(police); }, on("/api/v1/activities/{id}"),
         {{"progress", 60}}, fixed({"/api/v1/activities?limit=200"}), "activity"},
        {"PATCH", "/api/v1/meetings/{id}", [this, police] { return NewMeeting(police); }, on("/api/v1/meetings/{id}"),
         {{"minutes", "Agreed"}}, fixed({"/api/v1/meetings?limit=200"}), "meeting"},
        {"PATCH", "/api/v1/compliance/templates/{id}", [this] { return NewComplianceTemplate(); },
         on("/api/v1/compliance/templates/{id}"), {{"title_en", "Renamed"}}, fixed({"/api/v1/compliance/templates"}),
         "compliance_template"},
        {"POST", "/api/v1/assessments/{id}/submit", [this, police] { return NewAssessment(police, "complete"); },
         on("/api/v1/assessments/{id}/submit"), Json::object(), fixed({"/api/v1/assessments?limit=200&period=2031"}), "assessment"},
        {"POST", "/api/v1/assessments/{id}/return", [this, police] { return NewAssessment(police, "submitted"); },
         on("/api/v1/assessments/{id}/return"), {{"note", "More evidence"}}, fixed({"/api/v1/assessments?limit=200&period=2031"}),
         "assessment"},
        {"POST", "/api/v1/assessments/{id}/complete", [this, police] { return NewAssessment(police, "submitted"); },
         on("/api/v1/assessments/{id}/complete"), Json::object(), fixed({"/api/v1/assessments?limit=200&period=2031"}),
         "assessment"},
        {"PATCH", "/api/v1/initiatives/{id}", initiative_in({}, false), on("/api/v1/initiatives/{id}"),
         {{"title_en", "Renamed"}}, initiative_lists, "initiative"},
        {"POST", "/api/v1/initiatives/{id}/status", initiative_in({}, false), on("/api/v1/initiatives/{id}/status"),
         {{"to", "active"}}, initiative_lists, "initiative"},
        {"PUT", "/api/v1/initiatives/{id}/outcomes", initiative_in({"active"}, false),
         on("/api/v1/initiatives/{id}/outcomes"),
         {{"outcomes_ar", "نتائج"}, {"outcomes_en", "Results"}, {"results", Json::array()}}, initiative_lists,
         "initiative"},
        {"POST", "/api/v1/initiatives/{id}/showcase", initiative_in({"active", "completed"}, true),
         on("/api/v1/initiatives/{id}/showcase"), {{"note", "Best"}}, initiative_lists, "initiative"},
        {"DELETE", "/api/v1/initiatives/{id}/showcase",
         [this, initiative_in] {
           const int64_t id = initiative_in({"active", "completed"}, true)();
           Reply r = app().Call("POST", "/api/v1/initiatives/" + std::to_string(id) + "/showcase", Admin(), {{"note", "Best"}});
           EXPECT_EQ(r.status, 200) << r.body;
           return id;
         },
         on("/api/v1/initiatives/{id}/showcase"), nullptr, initiative_lists, "initiative"},
        {"PATCH", "/api/v1/crises/{id}", new_crisis, on("/api/v1/crises/{id}"), {{"severity", "severe"}}, crisis_lists,
         "crisis"},
        {"PUT", "/api/v1/crises/{id}/roles", new_crisis, on("/api/v1/crises/{id}/roles"),
         {{"roles", {{{"account_id", AccountId("admin")}, {"role", "lead"}}, {{"account_id", AccountId("police.editor")}, {"role", "monitoring"}}}}},
         crisis_lists, "crisis"},
        {"POST", "/api/v1/crises/{id}/close", new_crisis, on("/api/v1/crises/{id}/close"), {{"lessons_en", "Lessons"}},
         crisis_lists, "crisis"},
        {"POST", "/api/v1/crises/{id}/pause-publishing", new_crisis, on("/api/v1/crises/{id}/pause-publishing"), PauseBody(),
         crisis_lists, "crisis"},
        {"POST", "/api/v1/crises/{id}/resume-publishing",
         [this, police] {
           const int64_t id = NewCrisis(police);
           Reply paused = app().Call("POST", At("/api/v1/crises/{id}/pause-publishing", id), Admin(), PauseBody());
           EXPECT_EQ(paused.status, 200) << paused.body;
           return id;
         },
         on("/api/v1/crises/{id}/resume-publishing"), Json::object(), crisis_lists, "crisis"},
        {"PATCH", "/api/v1/crisis-webhooks/{id}", [this] { return NewWebhook(); }, on("/api/v1/crisis-webhooks/{id}"),
         {{"name", "Renamed"}}, fixed({"/api/v1/crisis-webhooks"}), "crisis_webhook"},
        {"POST", "/api/v1/crisis-webhooks/{id}/rotate-secret", [this] { return NewWebhook(); },
         on("/api/v1/crisis-webhooks/{id}/rotate-secret"), Json::object(), fixed({"/api/v1/crisis-webhooks"}), "crisis_webhook"},
        {"DELETE", "/api/v1/crisis-webhooks/{id}", [this] { return NewWebhook(); }, on("/api/v1/crisis-webhooks/{id}"), nullptr,
         fixed({"/api/v1/crisis-webhooks"}), "crisis_webhook", 204, true},
        {"POST", "/api/v1/publishing-pauses/{id}/resume", [this, police] { return NewPause(police); },
         on("/api/v1/publishing-pauses/{id}/resume"), Json::object(), fixed({"/api/v1/publishing-pauses?status=all"}),
         "publishing_pause"},
        // Tasks of one drill (its task list holds the neighbours).
        {"PATCH", "/api/v1/crises/{id}/tasks/{task_id}",
         [this, task_crisis] { return NewCrisisTask(task_crisis); },
         [task_crisis](int64_t id) { return task_crisis + "/tasks/" + std::to_string(id); }, {{"status", "done"}},
         fixed({task_crisis + "/tasks"}), "crisis_task"},
        // Statements of one drill the network admin leads (its statement list holds the neighbours).
        {"PATCH", "/api/v1/crises/{id}/statements/{statement_id}", statement_in(false),
         [statement_crisis](int64_t id) { return statement_crisis + "/statements/" + std::to_string(id); },
         {{"title_en", "Renamed"}}, statement_lists, "crisis_statement"},
        {"POST", "/api/v1/crises/{id}/statements/{statement_id}/submit", statement_in(false),
         [statement_crisis](int64_t id) { return statement_crisis + "/statements/" + std::to_string(id) + "/submit"; },
         Json::object(), statement_lists, "crisis_statement"},
        {"POST", "/api/v1/crises/{id}/statements/{statement_id}/approve", statement_in(true),
         [statement_crisis](int64_t id) { return statement_crisis + "/statements/" + std::to_string(id) + "/approve"; },
         Json::object(), statement_lists, "crisis_statement"},
        {"POST", "/api/v1/crises/{id}/statements/{statement_id}/withdraw", statement_in(false),
         [statement_crisis](int64_t id) { return statement_crisis + "/statements/" + std::to_string(id) + "/withdraw"; },
         Json::object(), statement_lists, "crisis_statement"},
        {"PATCH", "/api/v1/crisis-templates/{id}", [this] { return NewCrisisTemplate(); }, on("/api/v1/crisis-templates/{id}"),
         {{"title_en", "Renamed"}}, fixed({"/api/v1/crisis-templates?include_retired=true"}), "crisis_template"},
    };
  }

  std::map<int64_t, int64_t> publication_items_;  // publication id → its content item
};
SAWT_INSTANTIATE_BOTH_STORES(IfMatchTest);

TEST_P(IfMatchTest, ExactlyTheAddressedRowChanges) {
  for (const Case& c : Cases()) {
    const std::string what = c.method + " " + c.pattern;
    // Neighbours on both sides, so a statement that picks the wrong id has rows to pick.
    c.make();
    const int64_t target = c.make();
    c.make();
    const std::vector<std::string> lists = c.lists(target);
    const int64_t version = c.version ? c.version(target) : VersionOf(lists, target);
    ASSERT_GT(version, 0) << what;
    const auto before = Snapshot(lists);
    const int64_t events_before = LastEventId();

    // A stale If-Match is refused and changes nothing.
    Reply stale = app().Call(c.method, c.path(target), Admin(), c.body, {{"If-Match", "\"" + std::to_string(version + 1) + "\""}});
    EXPECT_EQ(stale.status, 412) << what << " " << stale.body;
    EXPECT_EQ(Snapshot(lists), before) << what << ": a stale If-Match changed rows";

    Reply r = app().Call(c.method, c.path(target), Admin(), c.body, {{"If-Match", "\"" + std::to_string(version) + "\""}});
    ASSERT_EQ(r.status, c.status) << what << " " << r.body;
    const auto after = Snapshot(lists);
    bool target_changed = false;
    for (const auto& [key, row] : before) {
      auto it = after.find(key);
      const bool is_target = c.is_target ? c.is_target(row)
                                         : row.contains("id") ? row["id"] == target
                                                              : row.value("entity_id", int64_t{0}) == target;
      if (is_target) {
        target_changed = c.deletes ? it == after.end() : it == after.end() || it->second != row;
        continue;
      }
      ASSERT_NE(it, after.end()) << what << ": " << key << " disappeared";
      EXPECT_EQ(it->second, row) << what << ": another row changed";
    }
    EXPECT_TRUE(target_changed) << what << ": the addressed row did not change";

    // The audit trail names the addressed row.
    auto events = app().app().store->EventsAfter(events_before, 100);
    ASSERT_TRUE(events) << what;
    int named = 0;
    for (const auto& e : *events) {
      if (e.actor != "admin" || e.object_type != c.object_type) continue;
      EXPECT_EQ(e.object_id, std::to_string(target)) << what << ": " << e.action;
      ++named;
    }
    EXPECT_GE(named, 1) << what << ": no event for the change";
  }
}

// Each route that reads If-Match has a case above: a malformed If-Match reaches it as a 412
// common.bad_if_match, which no other route answers.
TEST_P(IfMatchTest, EveryIfMatchRouteHasACase) {
  // The calendar and network settings are one row each: no other row to change (their stale
  // If-Match is tested in tests/api/calendar_api_test.cpp).
  std::set<std::string> covered = {"PUT /api/v1/calendar/settings", "PUT /api/v1/network/settings"};
  for (const auto& c : Cases()) covered.insert(c.method + " " + c.pattern);
  // The probe calls every write route, so it signs in as someone who can change nothing (a plain
  // member of a department of their own): a route that reads If-Match refuses the malformed one
  // before it looks at who is asking.
  const std::string login = "ip" + Unique();
  Json dept = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", "ip-" + Unique()},
               {"name_ar", "إدارة"}, {"name_en", "Department"}};
  const int64_t dept_id = app().Call("POST", "/api/v1/entities", Admin(), dept).json()["id"];
  Json member = {{"login", login}, {"password", "if-match-password"}, {"name_ar", "عضو"}, {"name_en", "Member"},
                 {"email", login + "@example.org"}, {"entity_id", dept_id}, {"role", "member"}};
  Reply made = app().Call("POST", "/api/v1/members", Admin(), member);
  ASSERT_EQ(made.status, 201) << made.body;
  // A token made directly: sign-ins are rate-limited per address, and the whole suite uses one.
  auto token = [&] {
    auto t = app().app().auth->CreateApiToken(made.json()["id"], "test", "probe", {"read", "write"}, std::nullopt);
    Credentials who;
    if (t) who.bearer = t->second;
    return who;
  };
  // An account made by an admin replaces its temporary password first (that revokes its tokens).
  ASSERT_EQ(app().Call("PUT", "/api/v1/me/password", token(),
                       {{"current_password", "if-match-password"}, {"new_password", "if-match-password-own"}})
                .status,
            204);
  const Credentials nobody = token();
  int found = 0;
  for (const auto& route : app().app().registry->router().routes()) {
    // Signing out would end the probe's own session (and takes no If-Match).
    if (route.method == "GET" || route.pattern.rfind("/api/v1/sessions", 0) == 0) continue;
    const std::string path = FillPath(route.pattern, "x");
    Reply r = app().Call(route.method, path, nobody, route.method == "DELETE" ? Json() : Json::object(),
                         {{"If-Match", "not-an-etag"}});
    if (r.status == 412 && r.json().value("code", "") == "common.bad_if_match") {
      EXPECT_TRUE(covered.count(route.method + " " + route.pattern)) << "no If-Match case for " << route.method << " "
                                                                     << route.pattern;
      ++found;
    }
  }
  // The probe itself works: it finds (at least) the routes the cases cover.
  EXPECT_GE(found, static_cast<int>(covered.size())) << "the probe found fewer If-Match routes than there are cases";
}

}  // namespace
}  // namespace sawt::testing
