// Black-box tests of crisis rooms (issue 13): declaring a crisis or drill, its roles, situation,
// tasks and timeline (with other modules' signals), calendar milestones, notifications, closing, and
// holding-statement templates; both stores.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "module/crisis_signal.hpp"
#include "module/registry.hpp"
#include "tests/api/fixture.hpp"
#include "tests/api/sse_client.hpp"

namespace sawt::testing {
namespace {

using core::Json;

// A closed CAP polygon around Dubai's creek (lat,lon pairs, first = last).
constexpr const char* kCreek = "25.20,55.25 25.30,55.25 25.30,55.40 25.20,55.40 25.20,55.25";

class CrisisApiTest : public ApiTest {
 protected:
  Json DrillBody(const std::string& title) {
    return {{"kind", "drill"},
            {"crisis_type", "weather"},
            {"severity", "moderate"},
            {"title_ar", "تمرين أمطار " + title},
            {"title_en", "Rain drill " + title},
            {"situation_ar", "أمطار غزيرة متوقعة."},
            {"situation_en", "Heavy rain expected."},
            {"lead_entity_id", EntityId("police")},
            {"affected_entity_ids", {EntityId("rta")}},
            {"areas", {{{"desc_ar", "خور دبي"}, {"desc_en", "Dubai Creek"}, {"polygons", {kCreek}}, {"circles", {"25.25,55.30 5"}}}}},
            {"themes", {"road-safety"}}};
  }
  static std::string Path(int64_t id, const std::string& rest = "") { return "/api/v1/crises/" + std::to_string(id) + rest; }
  /// The timeline's entries of `kind`.
  std::vector<Json> Entries(int64_t id, const std::string& kind) {
    Reply r = app().Call("GET", Path(id, "/timeline"), Demo("health.editor"));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Json> out;
    for (const auto& e : r.json()["items"]) {
      if (e["kind"] == kind) out.push_back(e);
    }
    return out;
  }
  /// Waits (the notifications worker follows the events) for `who`'s notification of `kind` on `link`.
  Json Notification(const Credentials& who, const std::string& link, const std::string& kind) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    do {
      Reply r = app().Call("GET", "/api/v1/notifications?limit=200", who);
      EXPECT_EQ(r.status, 200) << r.body;
      for (const auto& n : r.json()["items"]) {
        if (n["link"] == link && n["kind"] == kind) return n;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return nullptr;
  }
  static std::set<std::string> Roles(const Json& crisis) {
    std::set<std::string> out;
    for (const auto& r : crisis["roles"]) out.insert(r["role"].get<std::string>() + ":" + std::to_string(r["account_id"].get<int64_t>()));
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(CrisisApiTest);

TEST_P(CrisisApiTest, DeclareRunAndCloseADrill) {
  Credentials director = Demo("police.director");
  Reply made = app().Call("POST", "/api/v1/crises", director, DrillBody(Unique()));
  ASSERT_EQ(made.status, 201) << made.body;
  const Json crisis = made.json();
  const int64_t id = crisis["id"];
  EXPECT_EQ(crisis["status"], "active");
  EXPECT_EQ(crisis["kind"], "drill");
  EXPECT_EQ(crisis["declared_by"], "police.director");
  EXPECT_EQ(crisis["affected_entity_ids"], Json::array({EntityId("rta")}));
  EXPECT_EQ(crisis["areas"][0]["polygons"][0], kCreek);
  // The declarer leads the room when the body names no lead, and is named from the directory.
  ASSERT_EQ(crisis["roles"].size(), 1u) << crisis.dump();
  EXPECT_EQ(crisis["roles"][0]["account_id"], AccountId("police.director"));
  EXPECT_EQ(crisis["roles"][0]["role"], "lead");
  EXPECT_FALSE(crisis["roles"][0]["name_en"].get<std::string>().empty());
  ASSERT_EQ(Entries(id, "declared").size(), 1u);

  // The spokespeople of the lead and affected entities hear of it; an unrelated entity's do not.
  const std::string link = "#/crises/" + std::to_string(id);
  EXPECT_FALSE(Notification(Demo("police.spokesperson"), link, "crisis_declared").is_null());
  EXPECT_FALSE(Notification(Demo("rta.director"), link, "crisis_declared").is_null());

  // Severity and situation move: each is a timeline entry; If-Match guards the crisis.
  Reply updated = app().Call("PATCH", Path(id), director,
                             {{"severity", "severe"}, {"situation_en", "Roads flooded near the creek."}},
                             {{"If-Match", "\"1\""}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["severity"], "severe");
  EXPECT_EQ(updated.json()["version"], 2);
  EXPECT_EQ(Entries(id, "situation").size(), 2u);
  EXPECT_EQ(app().Call("PATCH", Path(id), director, {{"severity", "minor"}}, {{"If-Match", "\"1\""}}).status, 412);

  // Roles: the spokesperson and an approver join; the newcomer is told.
  Json roles = {{"roles",
                 {{{"account_id", AccountId("police.director")}, {"role", "lead"}},
                  {{"account_id", AccountId("police.spokesperson")}, {"role", "spokesperson"}},
                  {{"account_id", AccountId("police.reviewer")}, {"role", "approver"}}}}};
  Reply assigned = app().Call("PUT", Path(id, "/roles"), director, roles);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.json()["roles"].size(), 3u);
  Json told = Notification(Demo("police.reviewer"), link, "crisis_role");
  ASSERT_FALSE(told.is_null());
  // A room without a lead is refused, and so is an account that is not a member.
  Reply no_lead = app().Call("PUT", Path(id, "/roles"), director,
                             {{"roles", {{{"account_id", AccountId("police.reviewer")}, {"role", "approver"}}}}});
  EXPECT_EQ(no_lead.json().value("code", ""), "crisis.needs_lead") << no_lead.body;
  Reply stranger = app().Call("PUT", Path(id, "/roles"), director,
                              {{"roles", {{{"account_id", 987654321}, {"role", "lead"}}}}});
  EXPECT_EQ(stranger.json().value("code", ""), "crisis.unknown_member") << stranger.body;

  // A task for the editor, due tomorrow; the owner marks it done, but cannot rename it.
  Reply task = app().Call("POST", Path(id, "/tasks"), director,
                          {{"title_ar", "تحديث الأسئلة الشائعة"}, {"title_en", "Update the FAQ"},
                           {"owner_account_id", AccountId("police.editor")}, {"due_at", "2026-11-03T09:00:00Z"}});
  ASSERT_EQ(task.status, 201) << task.body;
  const int64_t task_id = task.json()["id"];
  EXPECT_EQ(task.json()["status"], "open");
  EXPECT_FALSE(Notification(Demo("police.editor"), link, "crisis_task").is_null());
  const std::string task_path = Path(id, "/tasks/" + std::to_string(task_id));
  Credentials editor = Demo("police.editor");
  EXPECT_EQ(app().Call("PATCH", task_path, editor, {{"title_en", "Mine now"}}).status, 403);
  // The task is a milestone on the shared calendar, with the declaration.
  const Json view = app().Call("GET", "/api/v1/calendar?from=2026-11-01&to=2026-11-07", editor).json();
  std::set<std::string> kinds;
  for (const auto& item : view["items"]) {
    if (item["source"] == "crisis" && item["id"] == id) kinds.insert(item["kind"]);
    if (item["source"] == "crisis_task" && item["id"] == task_id) kinds.insert(item["kind"]);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"crisis_declared", "crisis_task_due"})) << view.dump();
  Reply done = app().Call("PATCH", task_path, editor, {{"status", "done"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["done_by"], "police.editor");
  EXPECT_EQ(app().Call("PATCH", task_path, director, {{"status", "open"}}).json().value("code", ""), "crisis.task_finished");

  // The affected entity's editor writes in the room; an unrelated entity's editor cannot.
  Reply note = app().Call("POST", Path(id, "/timeline"), Demo("rta.editor"),
                          {{"kind", "decision"}, {"text_en", "Close the creek tunnel."}});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.json()["by"], "rta.editor");
  EXPECT_EQ(app().Call("POST", Path(id, "/timeline"), Demo("health.editor"), {{"kind", "note"}, {"text_en", "x"}}).status, 403);
  Reply system_kind = app().Call("POST", Path(id, "/timeline"), Demo("rta.editor"), {{"kind", "closed"}, {"text_en", "x"}});
  EXPECT_EQ(system_kind.json().value("code", ""), "crisis.bad_entry_kind");
  // The timeline reads oldest first.
  const Json timeline = app().Call("GET", Path(id, "/timeline"), editor).json()["items"];
  ASSERT_GE(timeline.size(), 6u);
  for (size_t i = 1; i < timeline.size(); ++i) EXPECT_LE(timeline[i - 1]["at"], timeline[i]["at"]);
  EXPECT_EQ(timeline[0]["kind"], "declared");

  // Closing with lessons; a closed room changes no more.
  Reply closed = app().Call("POST", Path(id, "/close"), Demo("police.director"),
                            {{"lessons_en", "Pre-approve the flood holding statement."}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(closed.json()["closed_by"], "police.director");
  EXPECT_EQ(app().Call("PATCH", Path(id), director, {{"severity", "minor"}}).json().value("code", ""), "crisis.closed");
  EXPECT_EQ(app().Call("POST", Path(id, "/timeline"), Demo("rta.editor"), {{"kind", "note"}, {"text_en", "late"}}).status, 409);

  // The list filters by status, kind and entity (lead or affected).
  std::set<int64_t> closed_rta;
  for (const auto& c : AllPages("/api/v1/crises?status=closed&kind=drill&entity_id=" + std::to_string(EntityId("rta")), editor)) {
    closed_rta.insert(c["id"].get<int64_t>());
  }
  EXPECT_TRUE(closed_rta.count(id));
  for (const auto& c : AllPages("/api/v1/crises?status=active", editor)) EXPECT_NE(c["id"], id);
}

TEST_P(CrisisApiTest, DeclaringChecksItsInput) {
  Credentials director = Demo("police.director");
  auto code = [&](Json body) {
    Reply r = app().Call("POST", "/api/v1/crises", director, body);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.json().value("code", "");
  };
  Json body = DrillBody(Unique());
  body["severity"] = "catastrophic";
  EXPECT_EQ(code(body), "crisis.bad_severity");
  body = DrillBody(Unique());
  body["areas"][0]["polygons"] = {"25.2,55.2 25.3,55.2 25.3,55.4"};  // not closed
  EXPECT_EQ(code(body), "crisis.bad_area");
  body = DrillBody(Unique());
  body["areas"][0]["circles"] = {"95,55.3 5"};  // latitude beyond 90
  EXPECT_EQ(code(body), "crisis.bad_area");
  body = DrillBody(Unique());
  body["affected_entity_ids"] = {EntityId("police")};
  EXPECT_EQ(code(body), "crisis.lead_is_affected");
  body = DrillBody(Unique());
  body["themes"] = {"no-such-theme"};
  EXPECT_EQ(code(body), "crisis.unknown_theme");
  body = DrillBody(Unique());
  body["roles"] = {{{"account_id", AccountId("police.editor")}, {"role", "chief"}}};
  EXPECT_EQ(code(body), "crisis.bad_role");
  body = DrillBody(Unique());
  body["sirens"] = true;
  EXPECT_EQ(code(body), "common.unknown_field");
  // Another entity's admin cannot declare a crisis the police lead.
  Reply other = app().Call("POST", "/api/v1/crises", Demo("health.director"), DrillBody(Unique()));
  EXPECT_EQ(other.status, 403) << other.body;
  // Unknown crises and tasks are 404s with the crisis module's codes.
  EXPECT_EQ(app().Call("GET", Path(987654321), director).json().value("code", ""), "crisis.not_found");
  Reply made = app().Call("POST", "/api/v1/crises", director, DrillBody(Unique()));
  ASSERT_EQ(made.status, 201) << made.body;
  Reply no_task = app().Call("PATCH", Path(made.json()["id"], "/tasks/987654321"), director, {{"status", "done"}});
  EXPECT_EQ(no_task.json().value("code", ""), "crisis.task_not_found") << no_task.body;
  Reply bad_due = app().Call("POST", Path(made.json()["id"], "/tasks"), director,
                             {{"title_ar", "مهمة"}, {"title_en", "Task"}, {"owner_account_id", AccountId("police.editor")},
                              {"due_at", "tomorrow"}});
  EXPECT_EQ(bad_due.json().value("code", ""), "crisis.bad_time") << bad_due.body;
}

TEST_P(CrisisApiTest, HoldingStatementTemplatesFillInSeconds) {
  Credentials editor = Demo("police.editor");
  // The demo network has a template per common crisis type; each lists its placeholders.
  Reply list = app().Call("GET", "/api/v1/crisis-templates?crisis_type=weather", editor);
  ASSERT_EQ(list.status, 200) << list.body;
  Json rain;
  for (const auto& t : list.json()["items"]) {
    EXPECT_EQ(t["crisis_type"], "weather");
    if (t["code"] == "heavy-rain-holding") rain = t;
  }
  ASSERT_FALSE(rain.is_null()) << list.body;
  EXPECT_EQ(rain["placeholders"], Json::array({"area", "time"}));
  const std::string render = "/api/v1/crisis-templates/" + std::to_string(rain["id"].get<int64_t>()) + "/render";
  Reply filled = app().Call("POST", render, editor, {{"values", {{"area", "خور دبي"}}}});
  ASSERT_EQ(filled.status, 200) << filled.body;
  EXPECT_NE(filled.json()["title_ar"].get<std::string>().find("خور دبي"), std::string::npos);
  EXPECT_EQ(filled.json()["title_ar"].get<std::string>().find("{{area}}"), std::string::npos);
  EXPECT_NE(filled.json()["body_en"].get<std::string>().find("{{time}}"), std::string::npos);
  EXPECT_EQ(filled.json()["missing"], Json::array({"time"}));
  EXPECT_EQ(app().Call("POST", render, editor, {{"values", {{"sirens", "x"}}}}).json().value("code", ""),
            "crisis.unknown_placeholder");
  EXPECT_EQ(app().Call("POST", render, editor, {{"values", {{"area", 7}}}}).json().value("code", ""), "crisis.bad_values");

  // Network admins write them; codes are unique; a retired template leaves the default list.
  const std::string code = "tpl-" + Unique();
  Json body = {{"code", code}, {"crisis_type", "cyber"}, {"title_ar", "حادث {{system}}"}, {"title_en", "{{system}} incident"},
               {"body_ar", "نتعامل مع حادث في {{system}}."}, {"body_en", "We are handling an incident in {{system}}."}};
  EXPECT_EQ(app().Call("POST", "/api/v1/crisis-templates", Demo("police.director"), body).status, 403);
  Reply made = app().Call("POST", "/api/v1/crisis-templates", Admin(), body);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["placeholders"], Json::array({"system"}));
  EXPECT_EQ(app().Call("POST", "/api/v1/crisis-templates", Admin(), body).json().value("code", ""), "crisis.template_code_taken");
  body["code"] = "Bad Code";
  EXPECT_EQ(app().Call("POST", "/api/v1/crisis-templates", Admin(), body).json().value("code", ""), "crisis.bad_template_code");
  const std::string path = "/api/v1/crisis-templates/" + std::to_string(made.json()["id"].get<int64_t>());
  Reply retired = app().Call("PATCH", path, Admin(), {{"status", "retired"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  auto listed = [&](const std::string& query) {
    Reply r = app().Call("GET", "/api/v1/crisis-templates" + query, editor);
    for (const auto& t : r.json()["items"]) {
      if (t["code"] == code) return true;
    }
    return false;
  };
  EXPECT_FALSE(listed("?crisis_type=cyber"));
  EXPECT_TRUE(listed("?crisis_type=cyber&include_retired=true"));
}

/// What xmllint (the third-party referee) says of `xml`: "" when it is well formed and, with a
/// schema, valid against it; its complaint otherwise.
std::string Xmllint(const std::string& xml, const std::string& schema = "") {
  static std::atomic<int> n{0};
  const std::string path = ::testing::TempDir() + "sawt-xmllint-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".xml";
  std::ofstream(path) << xml;
  const std::string command =
      "xmllint --noout --nonet " + (schema.empty() ? std::string() : "--schema " + schema + " ") + path + " 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    if (::pclose(pipe) == 0) out.clear();
  } else {
    out = "xmllint did not run";
  }
  std::remove(path.c_str());
  return out;
}

TEST_P(CrisisApiTest, StatementsAreApprovedByTwoAndReachThePublicAsCap) {
  Credentials director = Demo("police.director");
  Json body = DrillBody(Unique());
  body["roles"] = {{{"account_id", AccountId("police.director")}, {"role", "lead"}},
                   {{"account_id", AccountId("police.reviewer")}, {"role", "approver"}},
                   {{"account_id", AccountId("police.spokesperson")}, {"role", "spokesperson"}}};
  Reply declared = app().Call("POST", "/api/v1/crises", director, body);
  ASSERT_EQ(declared.status, 201) << declared.body;
  const int64_t id = declared.json()["id"];
  EXPECT_EQ(declared.json()["required_approvals"], 2);
  const std::string statements = Path(id, "/statements");

  // A public listener connected before anything is published.
  SseClient listener(app().port(), "", "", "/api/v1/public/alerts/stream");
  ASSERT_TRUE(listener.Started());

  // The spokesperson drafts from the heavy-rain template.
  Credentials spokesperson = Demo("police.spokesperson");
  Json rain;
  Reply templates = app().Call("GET", "/api/v1/crisis-templates?crisis_type=weather", spokesperson);
  for (const auto& t : templates.json()["items"]) {
    if (t["code"] == "heavy-rain-holding") rain = t;
  }
  ASSERT_FALSE(rain.is_null());
  const std::string render = "/api/v1/crisis-templates/" + std::to_string(rain["id"].get<int64_t>()) + "/render";
  Json filled = app().Call("POST", render, spokesperson,
                           {{"values", {{"area", "خور دبي"}, {"time", "السادسة صباحًا"}}}}).json();
  ASSERT_EQ(filled["missing"], Json::array());
  filled["body_en"] = "The authorities are following the weather over Dubai Creek since 6 am.";
  filled["title_en"] = "Alert: heavy rain over Dubai Creek";
  Reply drafted = app().Call("POST", statements, spokesperson,
                             {{"title_ar", filled["title_ar"]}, {"title_en", filled["title_en"]}, {"body_ar", filled["body_ar"]},
                              {"body_en", filled["body_en"]}, {"instruction_en", "Keep away from wadis."},
                              {"urgency", "expected"}, {"channels", {"x", "website"}}, {"template_id", rain["id"]}});
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const int64_t first = drafted.json()["id"];
  EXPECT_EQ(drafted.json()["status"], "draft");
  EXPECT_EQ(drafted.json()["msg_type"], "alert");
  const std::string at = statements + "/" + std::to_string(first);
  Reply checked = app().Call("GET", at, spokesperson);
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json()["alignment"]["summary"]["error"], 0) << checked.body;
  ASSERT_EQ(app().Call("POST", at + "/submit", spokesperson, Json::object()).status, 200);

  // Two approvers: only the room's approvers and lead (the spokesperson is neither, the editor has
  // no room role); an approver who wrote a statement cannot approve it (the next test).
  EXPECT_EQ(app().Call("POST", at + "/approve", spokesperson, Json::object()).status, 403);
  EXPECT_EQ(app().Call("POST", at + "/approve", Demo("police.editor"), Json::object()).status, 403);
  Reply one = app().Call("POST", at + "/approve", Demo("police.reviewer"), Json::object());
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json()["status"], "in_approval");
  EXPECT_EQ(one.json()["approvals"].size(), 1u);
  EXPECT_EQ(app().Call("POST", at + "/approve", Demo("police.reviewer"), Json::object()).json().value("code", ""),
            "crisis.already_approved");
  // The public sees nothing before the last approval.
  EXPECT_EQ(app().Call("GET", "/api/v1/public/alerts/" + std::to_string(first), Credentials{}).status, 404);
  Reply two = app().Call("POST", at + "/approve", director, Json::object());
  ASSERT_EQ(two.status, 200) << two.body;
  EXPECT_EQ(two.json()["status"], "published");
  EXPECT_FALSE(two.json()["published_at"].is_null());
  EXPECT_EQ(one.json()["content_items"], Json::array());  // nothing goes out before the last approval

  // One voice on every channel at once: the statement is a published content item of the lead and
  // of the affected entity, its channels queued in each one's outbox.
  const Json items = two.json()["content_items"];
  ASSERT_EQ(items.size(), 2u) << two.body;
  std::set<int64_t> entities;
  for (const auto& link : items) {
    entities.insert(link["entity_id"].get<int64_t>());
    const std::string item = "/api/v1/content-items/" + std::to_string(link["content_item_id"].get<int64_t>());
    Reply content = app().Call("GET", item, Demo("rta.editor"));
    ASSERT_EQ(content.status, 200) << content.body;
    EXPECT_EQ(content.json()["state"], "published");
    EXPECT_EQ(content.json()["owner_entity_id"], link["entity_id"]);
    EXPECT_EQ(content.json()["title_en"], "Alert: heavy rain over Dubai Creek");
    EXPECT_EQ(content.json()["channels"], Json::array({"x", "website"}));
    Reply outbox = app().Call("GET", item + "/publications", director);
    ASSERT_EQ(outbox.status, 200) << outbox.body;
    EXPECT_EQ(outbox.json()["items"].size(), 4u) << outbox.body;  // x and website, Arabic and English
  }
  EXPECT_EQ(entities, (std::set<int64_t>{EntityId("police"), EntityId("rta")}));

  // The listener hears it at once; the public list and CAP document carry it, without signing in.
  const std::string& heard = listener.ReadUntil([](const std::string& t) { return t.find("event: statement") != std::string::npos; });
  EXPECT_NE(heard.find("\"id\":" + std::to_string(first) + ","), std::string::npos) << heard;
  Reply latest = app().Call("GET", "/api/v1/public/statements", Credentials{});
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_EQ(latest.json()["items"][0]["id"], first);
  Reply cap = app().Call("GET", "/api/v1/public/alerts/" + std::to_string(first), Credentials{});
  ASSERT_EQ(cap.status, 200) << cap.body;
  EXPECT_EQ(cap.headers["content-type"], "application/cap+xml; charset=utf-8");
  EXPECT_EQ(Xmllint(cap.body, SAWT_CAP_XSD), "") << cap.body;
  EXPECT_NE(cap.body.find("<status>Exercise</status>"), std::string::npos) << cap.body;  // a drill
  EXPECT_NE(cap.body.find("<msgType>Alert</msgType>"), std::string::npos);
  EXPECT_NE(cap.body.find("<severity>Moderate</severity>"), std::string::npos);
  EXPECT_NE(cap.body.find("<urgency>Expected</urgency>"), std::string::npos);
  EXPECT_NE(cap.body.find("<language>ar-AE</language>"), std::string::npos);
  EXPECT_NE(cap.body.find(std::string("<polygon>") + kCreek + "</polygon>"), std::string::npos);

  // An update supersedes the published statement; its CAP document references it.
  Reply update = app().Call("POST", statements, spokesperson,
                            {{"title_ar", "تحديث"}, {"title_en", "Update"}, {"body_ar", "انحسرت المياه."},
                             {"body_en", "The water has receded."}, {"supersedes_id", first}});
  ASSERT_EQ(update.status, 201) << update.body;
  EXPECT_EQ(update.json()["msg_type"], "update");
  const std::string update_at = statements + "/" + std::to_string(update.json()["id"].get<int64_t>());
  ASSERT_EQ(app().Call("POST", update_at + "/submit", spokesperson, Json::object()).status, 200);
  ASSERT_EQ(app().Call("POST", update_at + "/approve", Demo("police.reviewer"), Json::object()).status, 200);
  ASSERT_EQ(app().Call("POST", update_at + "/approve", director, Json::object()).status, 200);
  Reply update_cap = app().Call("GET", "/api/v1/public/alerts/" + std::to_string(update.json()["id"].get<int64_t>()), Credentials{});
  ASSERT_EQ(update_cap.status, 200);
  EXPECT_EQ(Xmllint(update_cap.body, SAWT_CAP_XSD), "") << update_cap.body;
  EXPECT_NE(update_cap.body.find("<msgType>Update</msgType>"), std::string::npos);
  EXPECT_NE(update_cap.body.find("sawt-alert-" + std::to_string(first) + ","), std::string::npos) << update_cap.body;
  // A reconnecting listener resumes after what it saw (Last-Event-ID) and gets the update only.
  const size_t id_at = heard.find("id: ");
  ASSERT_NE(id_at, std::string::npos);
  const std::string seen = heard.substr(id_at + 4, heard.find('\n', id_at) - id_at - 4);
  SseClient resumed(app().port(), "", seen, "/api/v1/public/alerts/stream");
  const std::string& replay = resumed.ReadUntil([](const std::string& t) { return t.find("event: statement") != std::string::npos; });
  EXPECT_NE(replay.find("\"msg_type\":\"update\""), std::string::npos) << replay;
  EXPECT_EQ(replay.find("\"id\":" + std::to_string(first) + ","), std::string::npos) << replay;

  // The Atom index lists both, each linked to its CAP document.
  Reply index = app().Call("GET", "/api/v1/public/alerts", Credentials{});
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(Xmllint(index.body), "") << index.body;
  EXPECT_NE(index.body.find("type=\"application/cap+xml\""), std::string::npos);
  EXPECT_NE(index.body.find("/api/v1/public/alerts/" + std::to_string(first) + "\""), std::string::npos);

  // Supersession rules: an update needs a published statement of the same crisis, an alert none.
  EXPECT_EQ(app().Call("POST", statements, spokesperson,
                       {{"title_ar", "x"}, {"title_en", "x"}, {"body_ar", "x"}, {"body_en", "x"}, {"msg_type", "cancel"}})
                .json().value("code", ""),
            "crisis.supersedes_required");
  EXPECT_EQ(app().Call("POST", statements, spokesperson,
                       {{"title_ar", "x"}, {"title_en", "x"}, {"body_ar", "x"}, {"body_en", "x"}, {"msg_type", "alert"},
                        {"supersedes_id", first}})
                .json().value("code", ""),
            "crisis.alert_supersedes");
}

TEST_P(CrisisApiTest, AMisalignedStatementNeedsAWrittenReason) {
  Credentials director = Demo("police.director");
  Json body = DrillBody(Unique());
  body["required_approvals"] = 1;
  Reply declared = app().Call("POST", "/api/v1/crises", director, body);
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string statements = Path(declared.json()["id"], "/statements");
  // 30 million visitors against the approved 24.1 million.
  Reply drafted = app().Call("POST", statements, director,
                             {{"title_ar", "بيان"}, {"title_en", "Statement"}, {"body_ar", "بلغ عدد الزوار 30 مليون زائر."},
                              {"body_en", "The number of visitors reached 30 million."}});
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const std::string at = statements + "/" + std::to_string(drafted.json()["id"].get<int64_t>());
  EXPECT_GT(app().Call("GET", at, director).json()["alignment"]["summary"]["error"].get<int>(), 0);
  Reply refused = app().Call("POST", at + "/submit", director, Json::object());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json().value("code", ""), "crisis.statement_misaligned");
  Reply forced = app().Call("POST", at + "/submit", director, {{"override_reason", "The figure is this morning's count."}});
  ASSERT_EQ(forced.status, 200) << forced.body;
  EXPECT_EQ(forced.json()["override_reason"], "The figure is this morning's count.");
  // The only approver configured is the author: it waits for another approver to be named.
  EXPECT_EQ(app().Call("POST", at + "/approve", director, Json::object()).json().value("code", ""), "crisis.author_cannot_approve");
  // A draft no longer in draft cannot be edited; it can be withdrawn.
  EXPECT_EQ(app().Call("PATCH", at, director, {{"title_en", "x"}}).json().value("code", ""), "crisis.statement_not_draft");
  Reply withdrawn = app().Call("POST", at + "/withdraw", director, Json::object());
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
}

// A module with signals (as media inquiries or listening will be) plugs into every crisis room
// through the registry: this one reports an inquiry about any entity a room asks for.
class InquirySignals final : public module::CrisisSignalSource {
 public:
  core::Result<std::vector<module::CrisisSignal>> Signals(store::Tx&, const module::CrisisSignalQuery& query,
                                                          size_t limit) const override {
    std::vector<module::CrisisSignal> out;
    for (int64_t entity : query.entity_ids) {
      if (out.size() == limit) break;
      out.push_back({"media_inquiry", query.since, entity, "استفسار صحفي عن الجهة " + std::to_string(entity),
                     "Press inquiry about entity " + std::to_string(entity), "#/inquiries/" + std::to_string(entity)});
    }
    return out;
  }
};

void RegisterInquirySignals(module::ModuleRegistry& reg) {
  reg.BeginModule("example_inquiries", {"crisis"});
  reg.AddCrisisSignalSource(std::make_shared<InquirySignals>());
}

class CrisisSignalsTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(CrisisSignalsTest, AnotherModulesSignalsReachTheRoomTimeline) {
  TestDatabase db(GetParam());
  if (db.url().empty()) GTEST_SKIP() << db.skip_reason();
  TestAppOptions options;
  options.extra_modules.push_back(&RegisterInquirySignals);
  TestApp app(db.url(), /*demo=*/true, options);
  ASSERT_TRUE(app.ok()) << app.error();
  Credentials admin = app.Login("admin", "admin-demo");
  const int64_t police = app.demo().entities.at("police");
  const int64_t rta = app.demo().entities.at("rta");
  const int64_t health = app.demo().entities.at("health");
  Json body = {{"kind", "real"}, {"crisis_type", "infrastructure"}, {"severity", "severe"}, {"title_ar", "انقطاع"},
               {"title_en", "Outage"}, {"lead_entity_id", rta}, {"affected_entity_ids", {police}}};
  Reply made = app.Call("POST", "/api/v1/crises", admin, body);
  ASSERT_EQ(made.status, 201) << made.body;
  Reply timeline = app.Call("GET", "/api/v1/crises/" + std::to_string(made.json()["id"].get<int64_t>()) + "/timeline", admin);
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  std::set<int64_t> asked;
  for (const auto& e : timeline.json()["items"]) {
    if (e["source"] != "media_inquiry") continue;
    EXPECT_EQ(e["kind"], "signal");
    EXPECT_TRUE(e["id"].is_null());
    const std::string link = e["link"];
    asked.insert(std::stoll(link.substr(link.rfind('/') + 1)));
  }
  // The room asked about its lead and affected entities (and their departments), not the others.
  EXPECT_TRUE(asked.count(rta));
  EXPECT_TRUE(asked.count(police));
  EXPECT_FALSE(asked.count(health));
}

INSTANTIATE_TEST_SUITE_P(Stores, CrisisSignalsTest, ::testing::Values(BackendKind::kSqlite, BackendKind::kPostgres),
                         [](const ::testing::TestParamInfo<BackendKind>& info) { return BackendName(info.param); });

}  // namespace
}  // namespace sawt::testing

namespace sawt::testing {
namespace {

// Metrics and the post-crisis report, on a throwaway copy with its own clock: a real crisis whose
// first statement is published 15 minutes after the declaration (approved 3 minutes after its
// submission) and an update approved in 5; the report's figures, and the strategy KPI fed by them.
TEST_P(CrisisApiTest, MetricsFeedThePostCrisisReportAndStrategyKpis) {
  auto own = OwnDemoApp({});
  if (!own) GTEST_SKIP() << "no database";
  const Credentials director = own->Login("police.director", kDemoPassword);
  const Credentials spokesperson = own->Login("police.spokesperson", kDemoPassword);
  const Credentials reviewer = own->Login("police.reviewer", kDemoPassword);
  const Credentials admin = own->Login("admin", "admin-demo");
  Json body = DrillBody(Unique());
  body["kind"] = "real";
  body["required_approvals"] = 1;
  body["roles"] = {{{"account_id", AccountId("police.director")}, {"role", "lead"}},
                   {{"account_id", AccountId("police.reviewer")}, {"role", "approver"}},
                   {{"account_id", AccountId("police.spokesperson")}, {"role", "spokesperson"}}};
  Reply declared = own->Call("POST", "/api/v1/crises", director, body);
  ASSERT_EQ(declared.status, 201) << declared.body;
  const int64_t id = declared.json()["id"];
  const std::string report_path = Path(id, "/report");

  Reply empty = own->Call("GET", report_path, spokesperson);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json()["metrics"]["minutes_to_first_statement"].is_null()) << "unknown, not 0";
  EXPECT_TRUE(empty.json()["metrics"]["approval_minutes_median"].is_null());
  EXPECT_EQ(empty.json()["metrics"]["statements_published"], 0);

  auto publish = [&](const Json& extra, std::chrono::minutes before_submit, std::chrono::minutes waiting) {
    own->clock().Advance(before_submit);
    Json draft = {{"title_ar", "بيان"}, {"title_en", "Statement"}, {"body_ar", "نص البيان"}, {"body_en", "The statement."}};
    draft.update(extra);
    Reply made = own->Call("POST", Path(id, "/statements"), spokesperson, draft);
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string at = Path(id, "/statements/" + std::to_string(made.json().value("id", int64_t{0})));
    EXPECT_EQ(own->Call("POST", at + "/submit", spokesperson, Json::object()).status, 200);
    own->clock().Advance(waiting);
    Reply approved = own->Call("POST", at + "/approve", reviewer, Json::object());
    EXPECT_EQ(approved.json().value("status", ""), "published") << approved.body;
    return made.json().value("id", int64_t{0});
  };
  const int64_t first = publish(Json::object(), std::chrono::minutes(12), std::chrono::minutes(3));
  publish({{"supersedes_id", first}, {"title_en", "Update"}}, std::chrono::minutes(1), std::chrono::minutes(5));
  Reply closed = own->Call("POST", Path(id, "/close"), director, {{"lessons_ar", "دروس"}, {"lessons_en", "Publish sooner."}});
  ASSERT_EQ(closed.status, 200) << closed.body;

  Reply report = own->Call("GET", report_path, spokesperson);
  ASSERT_EQ(report.status, 200) << report.body;
  const Json m = report.json()["metrics"];
  EXPECT_EQ(m["minutes_to_first_statement"], 15.0) << m.dump();
  EXPECT_EQ(m["statements_published"], 2);
  EXPECT_EQ(m["updates"], 1);
  EXPECT_EQ(m["cancellations"], 0);
  EXPECT_EQ(m["approval_minutes_median"], 4.0) << "the median of 3 and 5";
  EXPECT_EQ(m["approval_minutes_max"], 5.0);
  EXPECT_EQ(m["duration_hours"], 0.4) << "21 minutes, closed";
  EXPECT_EQ(m["channel_items"], 0) << "no channels were chosen";
  EXPECT_EQ(m["tasks"]["open"], 0);
  const Json statements = report.json()["statements"];
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0]["id"], first);
  EXPECT_EQ(statements[0]["approval_minutes"], 3.0);
  EXPECT_EQ(statements[1]["supersedes_id"], first);
  EXPECT_EQ(report.json()["lessons_en"], "Publish sooner.");
  EXPECT_EQ(report.json()["crisis"]["status"], "closed");
  // The timeline reads from the declaration onwards and holds both publications.
  const Json timeline = report.json()["timeline"];
  ASSERT_FALSE(timeline.empty());
  EXPECT_LE(timeline.front()["at"].get<std::string>(), timeline.back()["at"].get<std::string>());
  int published_entries = 0;
  for (const auto& e : timeline) published_entries += e["kind"] == "statement" ? 1 : 0;
  EXPECT_EQ(published_entries, 2);
  EXPECT_EQ(own->Call("GET", Path(999999, "/report"), spokesperson).status, 404);

  // The strategy's KPI fed by the crisis module: this quarter's median time to a first statement.
  const std::string quarter = "2026-Q4";  // the test clock starts on 2026-11-02
  Json kpi = {{"code", "k-" + Unique()}, {"entity_id", EntityId("police")}, {"name_ar", "مؤشر"}, {"name_en", "Indicator"},
              {"unit", "minutes"}, {"direction", "down"}, {"frequency", "quarterly"}, {"source", "crisis.minutes_to_first_statement"}};
  Reply made = own->Call("POST", "/api/v1/kpis", admin, kpi);
  ASSERT_EQ(made.status, 201) << made.body;
  Reply measured = own->Call("POST", "/api/v1/kpis/" + std::to_string(made.json()["id"].get<int64_t>()) + "/refresh", admin,
                             {{"period", quarter}});
  ASSERT_EQ(measured.status, 200) << measured.body;
  EXPECT_EQ(measured.json()["periods"].back()["value"], 15.0);
  kpi["code"] = "k-" + Unique();
  kpi["entity_id"] = EntityId("health");  // health led no crisis: no time to measure, not 0
  Reply other = own->Call("POST", "/api/v1/kpis", admin, kpi);
  ASSERT_EQ(other.status, 201) << other.body;
  Reply none = own->Call("POST", "/api/v1/kpis/" + std::to_string(other.json()["id"].get<int64_t>()) + "/refresh", admin,
                         {{"period", quarter}});
  EXPECT_EQ(none.status, 409) << none.body;
  EXPECT_EQ(none.json().value("code", ""), "crisis.kpi_no_crises");
  Reply sources = own->Call("GET", "/api/v1/kpi-sources", spokesperson);
  std::set<std::string> codes;
  for (const Json& s : sources.json()["items"]) codes.insert(s["code"].get<std::string>());
  for (const char* c : {"crisis.minutes_to_first_statement", "crisis.approval_minutes", "crisis.drills_held"}) {
    EXPECT_EQ(codes.count(c), 1u) << c;
  }
}

}  // namespace
}  // namespace sawt::testing
