// Black-box tests of the activities' RACI and dependencies (issue 12), both stores: who is
// responsible, accountable, consulted and informed (members of the activity's entity), which
// activities one waits for (no self, no cycle, only what the caller can read), that an activity
// is not done while it still waits, and its evidence files.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "auth/crypto.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class ActivityApiTest : public ApiTest {
 protected:
  static void ExpectProblem(const Reply& r, int status, const std::string& code, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json().value("code", ""), code) << r.body;
    if (!field.empty()) {
      EXPECT_EQ(r.json().value("field", ""), field) << r.body;
    }
  }
  static std::vector<std::pair<std::string, std::string>> IfMatch(const Json& activity) {
    return {{"If-Match", "\"" + std::to_string(activity["version"].get<int64_t>()) + "\""}};
  }
  static std::string Path(const Json& activity) {
    return "/api/v1/activities/" + std::to_string(activity["id"].get<int64_t>());
  }
  /// A fresh activity of `entity` (far-future dates: never overdue whatever the fixture's clock).
  Json NewActivity(int64_t entity, Json extra = Json::object()) {
    Json body = {{"entity_id", entity}, {"title_ar", "نشاط " + Unique()}, {"title_en", "Activity"},
                 {"start_date", "2031-01-01"}, {"due_date", "2031-03-31"}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    Reply r = app().Call("POST", "/api/v1/activities", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  Json Patch(const Json& activity, const Json& body) {
    Reply r = app().Call("PATCH", Path(activity), Admin(), body, IfMatch(activity));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  Json Get(const Json& activity) {
    Reply r = app().Call("GET", Path(activity), Demo("health.editor"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
};

TEST_P(ActivityApiTest, RaciRoundTripsAndOwnerLoginIsTheResponsible) {
  const int64_t police = EntityId("police");
  Reply made = app().Call("POST", "/api/v1/activities", Demo("police.editor"),
                          {{"entity_id", police}, {"title_ar", "نشاط"}, {"title_en", "Activity"},
                           {"start_date", "2031-01-01"}, {"due_date", "2031-01-31"}, {"owner_login", "police.editor"},
                           {"accountable", "police.director"}, {"consulted", {"police.reviewer", "police.reviewer"}},
                           {"informed", {"police.editor", "police.director"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const Json a = made.json();
  EXPECT_EQ(a["owner_login"], "police.editor");
  EXPECT_EQ(a["accountable"], "police.director");
  EXPECT_EQ(a["consulted"], Json::array({"police.reviewer"})) << "duplicates dropped";
  EXPECT_EQ(a["informed"], Json::array({"police.editor", "police.director"})) << "order kept";
  EXPECT_EQ(a["depends_on"], Json::array());
  EXPECT_EQ(a["waiting_on"], Json::array());
  const Json got = Get(a);
  for (const char* k : {"owner_login", "accountable", "consulted", "informed", "depends_on", "waiting_on"}) {
    EXPECT_EQ(got[k], a[k]) << k;
  }

  // Clearing: null for the accountable, an empty list for the others; the rest stays.
  Json cleared = Patch(a, {{"accountable", nullptr}, {"consulted", Json::array()}});
  EXPECT_TRUE(cleared["accountable"].is_null());
  EXPECT_EQ(cleared["consulted"], Json::array());
  EXPECT_EQ(cleared["informed"], a["informed"]);
  EXPECT_EQ(cleared["version"], 2);

  // A member of an entity above the activity's entity belongs to it too (a police department).
  Reply dept = app().Call("POST", "/api/v1/entities", Admin(),
                          {{"kind", "department"}, {"parent_id", police}, {"code", "ac-" + Unique()},
                           {"name_ar", "إدارة"}, {"name_en", "Department"}});
  ASSERT_EQ(dept.status, 201) << dept.body;
  const Json in_dept = NewActivity(dept.json()["id"], {{"accountable", "police.director"}, {"informed", {"police.reviewer"}}});
  EXPECT_EQ(in_dept["accountable"], "police.director");
}

TEST_P(ActivityApiTest, RaciLoginsMustBeMembersOfTheActivitysEntity) {
  const int64_t police = EntityId("police");
  const Json a = NewActivity(police);
  Admin();
  Demo("health.editor");  // signing in is an event: before counting
  const int64_t before = app().EventCount();
  auto patch = [&](const Json& body) { return app().Call("PATCH", Path(a), Admin(), body, IfMatch(a)); };
  ExpectProblem(patch({{"accountable", "health.director"}}), 422, "strategy.not_a_member", "accountable");
  ExpectProblem(patch({{"consulted", {"police.reviewer", "health.editor"}}}), 422, "strategy.not_a_member", "consulted[1]");
  ExpectProblem(patch({{"informed", {"nobody-" + Unique()}}}), 422, "strategy.not_a_member", "informed[0]");
  Json create = {{"entity_id", police}, {"title_ar", "نشاط"}, {"title_en", "Activity"}, {"start_date", "2031-01-01"},
                 {"due_date", "2031-01-31"}, {"accountable", "tourism.director"}};
  ExpectProblem(app().Call("POST", "/api/v1/activities", Admin(), create), 422, "strategy.not_a_member", "accountable");
  // Malformed lists are bad requests.
  ExpectProblem(patch({{"consulted", "police.reviewer"}}), 400, "strategy.bad_logins", "consulted");
  ExpectProblem(patch({{"informed", {"police.reviewer", 7}}}), 400, "strategy.bad_logins", "informed[1]");
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back("user" + std::to_string(i));
  ExpectProblem(patch({{"consulted", many}}), 400, "strategy.bad_logins", "consulted");
  ExpectProblem(patch({{"responsible", "police.editor"}}), 400, "common.unknown_field");
  EXPECT_EQ(app().EventCount(), before) << "refused requests write nothing";
  EXPECT_EQ(Get(a)["version"], 1);
}

TEST_P(ActivityApiTest, DependenciesRefuseSelfCyclesAndWhatTheCallerCannotSee) {
  const int64_t police = EntityId("police");
  const Json a = NewActivity(police);
  const Json b = NewActivity(police);
  const Json c = NewActivity(police);
  const Json b2 = Patch(b, {{"depends_on", {a["id"]}}});
  EXPECT_EQ(b2["depends_on"], Json::array({a["id"]}));
  EXPECT_EQ(b2["waiting_on"], Json::array({a["id"]}));
  const Json c2 = Patch(c, {{"depends_on", {b["id"]}}});

  Admin();
  Demo("health.editor");
  const int64_t before = app().EventCount();
  auto patch = [&](const Json& target, const Json& body) {
    return app().Call("PATCH", Path(target), Admin(), body, IfMatch(target));
  };
  ExpectProblem(patch(a, {{"depends_on", {b["id"]}}}), 422, "strategy.dependency_cycle", "depends_on[0]");
  ExpectProblem(patch(a, {{"depends_on", {a["id"]}}}), 422, "strategy.self_dependency", "depends_on[0]");
  // c waits for b, which waits for a: a cannot wait for c either.
  ExpectProblem(patch(a, {{"depends_on", {c["id"]}}}), 422, "strategy.dependency_cycle", "depends_on[0]");
  // A missing activity is refused like one the caller may not read: the same problem, no hint.
  const int64_t missing = int64_t{1} << 40;
  Reply unknown = patch(b2, {{"depends_on", {a["id"].get<int64_t>(), missing}}});
  ExpectProblem(unknown, 422, "strategy.unknown_dependency", "depends_on[1]");
  ExpectProblem(patch(b2, {{"depends_on", {0}}}), 400, "strategy.bad_dependencies", "depends_on[0]");
  ExpectProblem(patch(b2, {{"depends_on", "1"}}), 400, "strategy.bad_dependencies", "depends_on");
  EXPECT_EQ(app().EventCount(), before) << "refused requests write nothing";
  EXPECT_EQ(Get(b2)["depends_on"], Json::array({a["id"]})) << "unchanged";

  // Another entity's activity is a valid dependency when the caller can read it.
  const Json health = NewActivity(EntityId("health"));
  const Json c3 = Patch(c2, {{"depends_on", {b["id"], health["id"], b["id"]}}});
  EXPECT_EQ(c3["depends_on"], Json::array({b["id"], health["id"]})) << "duplicates dropped, order kept";
  // Removing a dependency is always possible.
  EXPECT_EQ(Patch(c3, {{"depends_on", Json::array()}})["depends_on"], Json::array());
}

TEST_P(ActivityApiTest, AnActivityIsNotDoneWhileItWaits) {
  const int64_t police = EntityId("police");
  const Json a = NewActivity(police);
  const Json cancelled = NewActivity(police, {{"status", "cancelled"}});
  const Json b = NewActivity(police, {{"depends_on", {a["id"], cancelled["id"]}}});
  EXPECT_EQ(b["depends_on"], Json::array({a["id"], cancelled["id"]}));
  EXPECT_EQ(b["waiting_on"], Json::array({a["id"]})) << "a cancelled dependency is not waited for";

  Admin();
  const int64_t before = app().EventCount();
  Reply refused = app().Call("PATCH", Path(b), Admin(), {{"status", "done"}}, IfMatch(b));
  ExpectProblem(refused, 409, "strategy.activity_waiting", "status");
  EXPECT_EQ(refused.json()["ids"], Json::array({a["id"]})) << refused.body;
  // Created done while waiting, or given a dependency once done: the same refusal.
  Reply created_done = app().Call("POST", "/api/v1/activities", Admin(),
                                  {{"entity_id", police}, {"title_ar", "نشاط"}, {"title_en", "Activity"},
                                   {"start_date", "2031-01-01"}, {"due_date", "2031-01-31"}, {"status", "done"},
                                   {"depends_on", {a["id"]}}});
  ExpectProblem(created_done, 409, "strategy.activity_waiting", "status");
  EXPECT_EQ(app().EventCount(), before) << "refused requests write nothing";
  const Json other_done = NewActivity(police, {{"status", "done"}});
  ExpectProblem(app().Call("PATCH", Path(other_done), Admin(), {{"depends_on", {a["id"]}}}, IfMatch(other_done)), 409,
                "strategy.activity_waiting", "status");

  // Cancelling is not held back by what the activity waits for.
  const Json d = NewActivity(police, {{"depends_on", {a["id"]}}});
  EXPECT_EQ(Patch(d, {{"status", "cancelled"}})["waiting_on"], Json::array({a["id"]}));

  // Once the dependency is done, nothing is awaited and the activity can be done.
  Patch(a, {{"status", "done"}});
  const Json waiting = Get(b);
  EXPECT_EQ(waiting["waiting_on"], Json::array());
  EXPECT_EQ(waiting["depends_on"], Json::array({a["id"], cancelled["id"]}));
  const Json done = Patch(waiting, {{"status", "done"}});
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["progress"], 100);

  // The list computes the same for every item.
  Reply list = app().Call("GET", "/api/v1/activities?limit=200&entity_id=" + std::to_string(police), Demo("health.editor"));
  ASSERT_EQ(list.status, 200) << list.body;
  bool found = false;
  for (const auto& item : list.json()["items"]) {
    ASSERT_TRUE(item["depends_on"].is_array() && item["waiting_on"].is_array()) << item.dump();
    if (item["id"] == b["id"]) {
      found = true;
      EXPECT_EQ(item["depends_on"], done["depends_on"]);
      EXPECT_EQ(item["waiting_on"], Json::array());
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(ActivityApiTest, EvidenceFilesAreCheckedByContentServedSafelyAndVersionTheActivity) {
  const Json activity = NewActivity(EntityId("police"));
  const std::string at = Path(activity);
  const Credentials editor = Demo("police.editor");
  auto upload = [&](const std::string& name, const std::string& type, const std::string& bytes, const Credentials& who) {
    return app().Send("POST", at + "/evidence?name=" + UrlEncode(name), bytes, who,
                      {{"Content-Type", type}, {"X-CSRF-Token", who.csrf}, {"Accept-Language", "en"}});
  };
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  ExpectProblem(upload("run.html", "text/plain", "<html><script>alert(1)</script></html>", editor), 415,
                "compliance.unsupported_file");
  ExpectProblem(upload("minutes.pdf", "image/png", pdf, editor), 415, "compliance.type_mismatch");
  ExpectProblem(upload("a\u202Efdp.exe", "application/pdf", pdf, editor), 400, "compliance.bad_file_name");
  ExpectProblem(upload("minutes.pdf", "application/pdf", "", editor), 400, "compliance.empty_file");
  ExpectProblem(upload("minutes.pdf", "application/pdf", pdf, Demo("health.editor")), 403, "auth.forbidden");
  ExpectProblem(upload("minutes.pdf", "application/pdf", pdf, Demo("police.reviewer")), 403, "auth.forbidden");
  ExpectProblem(app().Send("POST", "/api/v1/activities/999999/evidence?name=x.pdf", pdf, editor,
                           {{"Content-Type", "application/pdf"}, {"X-CSRF-Token", editor.csrf}}),
                404, "strategy.activity_not_found");
  EXPECT_EQ(app().Call("GET", at, Admin()).json()["version"], activity["version"]) << "refused uploads change nothing";

  Reply up = upload("محضر الاجتماع.pdf", "application/pdf", pdf, editor);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["activity_id"], activity["id"]);
  EXPECT_EQ(up.json()["sha256"], auth::Sha256Hex(pdf));
  EXPECT_EQ(up.json()["uploaded_by"], "police.editor");
  const int64_t evidence = up.json()["id"];

  // The activity lists it and is a new version: a form opened before cannot overwrite it blindly.
  Reply now = app().Call("GET", at, Admin());
  ASSERT_EQ(now.json()["evidence"].size(), 1u);
  EXPECT_EQ(now.json()["evidence"][0]["file_name"], "محضر الاجتماع.pdf");
  EXPECT_EQ(now.json()["version"], activity["version"].get<int64_t>() + 1);
  EXPECT_EQ(app().Call("PATCH", at, Admin(), {{"progress", 40}}, IfMatch(activity)).status, 412);
  Reply listed = app().Call("GET", "/api/v1/activities?entity_id=" + std::to_string(EntityId("police")) + "&limit=200", Admin());
  bool found = false;
  for (const Json& a : listed.json()["items"]) {
    if (a["id"] == activity["id"]) found = a["evidence"].size() == 1;
  }
  EXPECT_TRUE(found) << "the list carries the files too";

  // Every member reads it, as an attachment that cannot run.
  Reply file = app().Send("GET", "/api/v1/activity-evidence/" + std::to_string(evidence), "", Demo("health.editor"));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(file.headers.at("content-type"), "application/pdf");
  EXPECT_NE(file.headers.at("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(file.headers.at("content-security-policy").find("sandbox"), std::string::npos);

  // Removing: only the entity's writers; then it is gone and the activity moves on again.
  const std::string file_path = "/api/v1/activity-evidence/" + std::to_string(evidence);
  ExpectProblem(app().Call("DELETE", file_path, Demo("health.editor")), 403, "auth.forbidden");
  EXPECT_EQ(app().Call("DELETE", file_path, editor).status, 204);
  ExpectProblem(app().Send("GET", file_path, "", Admin()), 404, "strategy.activity_evidence_not_found");
  Reply after = app().Call("GET", at, Admin());
  EXPECT_TRUE(after.json()["evidence"].empty());
  EXPECT_EQ(after.json()["version"], activity["version"].get<int64_t>() + 2);
}

TEST_P(ActivityApiTest, AnActivityCarriesAtMostTwentyEvidenceFiles) {
  const Json activity = NewActivity(EntityId("health"));
  const Credentials admin = Admin();
  auto upload = [&](int i) {
    return app().Send("POST", Path(activity) + "/evidence?name=note-" + std::to_string(i) + ".txt", "note " + std::to_string(i),
                      admin, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", admin.csrf}});
  };
  for (int i = 0; i < 20; ++i) ASSERT_EQ(upload(i).status, 201) << i;
  ExpectProblem(upload(20), 409, "strategy.too_many_evidence_files");
  EXPECT_EQ(app().Call("GET", Path(activity), Admin()).json()["evidence"].size(), 20u);
}

TEST_P(ActivityApiTest, TheDemoHasRaciAndAnActivityWaitingOnAnOverdueOne) {
  Reply list = app().Call("GET", "/api/v1/activities?limit=200&entity_id=" + std::to_string(EntityId("police")),
                          Demo("police.editor"));
  ASSERT_EQ(list.status, 200) << list.body;
  std::map<int64_t, Json> by_id;
  for (const auto& item : list.json()["items"]) by_id[item["id"].get<int64_t>()] = item;
  int with_accountable = 0, waiting_on_overdue = 0;
  for (const auto& [id, item] : by_id) {
    if (!item["accountable"].is_null()) ++with_accountable;
    for (const auto& dep : item["waiting_on"]) {
      auto it = by_id.find(dep.get<int64_t>());
      if (it != by_id.end() && it->second["overdue"].get<bool>()) ++waiting_on_overdue;
    }
  }
  EXPECT_GE(with_accountable, 3);
  EXPECT_GE(waiting_on_overdue, 1);
}

SAWT_INSTANTIATE_BOTH_STORES(ActivityApiTest);

}  // namespace
}  // namespace sawt::testing
