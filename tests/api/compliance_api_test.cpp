// Black-box tests of compliance with the general guide: checklist templates, assessments with
// evidence, review, computed scores, the heat map, scorecards and their reports, both stores.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "auth/crypto.hpp"
#include "core/clock.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class ComplianceApiTest : public ApiTest {
 protected:
  static void ExpectProblem(const Reply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json().value("code", ""), code) << r.body;
  }
  static std::vector<std::pair<std::string, std::string>> IfMatch(int64_t version) {
    return {{"If-Match", "\"" + std::to_string(version) + "\""}};
  }
  /// A fresh department under police: assessments made here disturb nobody else's figures.
  int64_t NewDepartment() {
    Json body = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", "cp-" + Unique()},
                 {"name_ar", "إدارة الامتثال"}, {"name_en", "Compliance department"}};
    Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }
  /// A small active template of this test's own: two axes, weights 3 and 1, one item needing evidence.
  Json NewTemplate() {
    Json body = {{"code", "t-" + Unique()},
                 {"title_ar", "قالب اختبار"},
                 {"title_en", "Test template"},
                 {"status", "active"},
                 {"items",
                  {{{"code", "A1"}, {"axis", "media_communication"}, {"principle", "public_interaction"}, {"weight", 3},
                    {"evidence_required", true}, {"title_ar", "متحدث رسمي"}, {"title_en", "Spokesperson"}},
                   {{"code", "A2"}, {"axis", "media_communication"}, {"weight", 1}, {"title_ar", "رد"}, {"title_en", "Replies"}},
                   {{"code", "B1"}, {"axis", "internal_communication"}, {"principle", "employees_voice"}, {"weight", 2},
                    {"title_ar", "نشرة"}, {"title_en", "Newsletter"}}}}};
    Reply r = app().Call("POST", "/api/v1/compliance/templates", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  Json NewAssessment(int64_t entity, int64_t template_id, const std::string& period = "2026") {
    Reply r = app().Call("POST", "/api/v1/assessments", Demo("police.director"),
                         {{"entity_id", entity}, {"period", period}, {"template_id", template_id}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  Reply Answer(int64_t id, const std::string& item, int level, const Credentials& who) {
    return app().Call("PUT", "/api/v1/assessments/" + std::to_string(id) + "/answers/" + item, who,
                      {{"level", level}, {"comment", "تعليق"}});
  }
  /// Uploads raw bytes as evidence of `item` (a cookie session: the CSRF header is sent by hand).
  Reply Upload(int64_t id, const std::string& item, const std::string& name, const std::string& type,
               const std::string& bytes, const Credentials& who) {
    return app().Send("POST",
                      "/api/v1/assessments/" + std::to_string(id) + "/evidence?item=" + item + "&name=" + UrlEncode(name),
                      bytes, who, {{"Content-Type", type}, {"X-CSRF-Token", who.csrf}, {"Accept-Language", "en"}});
  }
  static std::string Path(int64_t id, const std::string& rest = "") { return "/api/v1/assessments/" + std::to_string(id) + rest; }
};

/// The score the rule gives: the weighted share of the full level (4), one decimal.
double Expected(const std::vector<std::pair<int, int>>& weight_level) {
  double points = 0, weights = 0;
  for (auto [w, l] : weight_level) {
    points += w * l;
    weights += w * 4;
  }
  return std::round(1000.0 * points / weights) / 10.0;
}

TEST_P(ComplianceApiTest, AnEntityAssessesItselfWithEvidenceAndTheNetworkReviewsIt) {
  const Json tpl = NewTemplate();
  const int64_t dept = NewDepartment();
  const Json a = NewAssessment(dept, tpl["id"]);
  const int64_t id = a["id"];
  EXPECT_EQ(a["status"], "draft");
  EXPECT_EQ(a["answers"].size(), 3u);
  EXPECT_EQ(a["scores"]["overall"], 0.0) << "nothing answered yet scores zero";
  const Credentials director = Demo("police.director");

  // Not complete: unanswered items and missing required evidence are named.
  ExpectProblem(app().Call("POST", Path(id, "/submit"), director, Json::object()), 422, "compliance.incomplete");
  ASSERT_EQ(Answer(id, "A1", 4, director).status, 200);
  ASSERT_EQ(Answer(id, "A2", 2, director).status, 200);
  Reply answered = Answer(id, "B1", 1, director);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["scores"]["axes"]["media_communication"], Expected({{3, 4}, {1, 2}}));
  EXPECT_EQ(answered.json()["scores"]["axes"]["internal_communication"], Expected({{2, 1}}));
  EXPECT_EQ(answered.json()["scores"]["overall"], Expected({{3, 4}, {1, 2}, {2, 1}}));
  Reply missing = app().Call("POST", Path(id, "/submit"), director, Json::object());
  ExpectProblem(missing, 422, "compliance.incomplete");
  EXPECT_NE(missing.json().value("detail", "").find("A1"), std::string::npos) << "the item without evidence is named";
  ExpectProblem(Answer(id, "A1", 5, director), 400, "compliance.bad_level");
  ExpectProblem(Answer(id, "ZZ", 1, director), 404, "compliance.item_not_found");
  ExpectProblem(Answer(id, "A1", 1, Demo("police.editor")), 403, "auth.forbidden");

  // Evidence is judged by its bytes.
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  ExpectProblem(Upload(id, "A1", "page.html", "text/plain", "<html><script>alert(1)</script></html>", director), 415,
                "compliance.unsupported_file");
  ExpectProblem(Upload(id, "A1", "plan.pdf", "image/png", pdf, director), 415, "compliance.type_mismatch");
  ExpectProblem(Upload(id, "A1", "evil\u202Efdp.exe", "application/pdf", pdf, director), 400, "compliance.bad_file_name");
  ExpectProblem(Upload(id, "A1", "../plan.pdf", "application/pdf", pdf, director), 400, "compliance.bad_file_name");
  ExpectProblem(Upload(id, "A1", "plan.pdf", "application/pdf", "", director), 400, "compliance.empty_file");
  ExpectProblem(Upload(id, "A1", "plan.pdf", "application/pdf", pdf, Demo("health.director")), 403, "auth.forbidden");
  Reply up = Upload(id, "A1", "خطة الاتصال.pdf", "application/pdf", pdf, director);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["sha256"], auth::Sha256Hex(pdf));
  EXPECT_EQ(up.json()["media_type"], "application/pdf");
  EXPECT_EQ(up.json()["size"], static_cast<int64_t>(pdf.size()));
  const int64_t evidence = up.json()["id"];

  // Served back unchanged, as an attachment that cannot run, to the entity's people only.
  Reply file = app().Send("GET", "/api/v1/evidence/" + std::to_string(evidence), "", Demo("police.editor"));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(file.headers.at("content-type"), "application/pdf");
  EXPECT_EQ(file.headers.at("x-content-type-options"), "nosniff");
  EXPECT_NE(file.headers.at("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(file.headers.at("content-disposition").find("filename*=UTF-8''%D8%AE"), std::string::npos);
  EXPECT_NE(file.headers.at("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(app().Send("GET", "/api/v1/evidence/" + std::to_string(evidence), "", Demo("health.editor")).status, 403);

  Reply submitted = app().Call("POST", Path(id, "/submit"), director, Json::object());
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["status"], "submitted");
  EXPECT_EQ(submitted.json()["submitted_by"], "police.director");
  // The entity's answers and evidence are frozen while the network reviews.
  ExpectProblem(Upload(id, "A1", "more.pdf", "application/pdf", pdf, director), 409, "compliance.not_editable");
  EXPECT_EQ(Answer(id, "A1", 1, director).status, 403) << "answering now is the network's review";

  // The network's reviewer lowers one item; the review score follows, the entity's stays.
  Reply reviewed_item = Answer(id, "A1", 2, Admin());
  ASSERT_EQ(reviewed_item.status, 200) << reviewed_item.body;
  EXPECT_EQ(reviewed_item.json()["self_scores"]["overall"], Expected({{3, 4}, {1, 2}, {2, 1}}));
  EXPECT_EQ(reviewed_item.json()["review_scores"]["overall"], Expected({{3, 2}, {1, 2}, {2, 1}}));
  EXPECT_EQ(reviewed_item.json()["scores"], reviewed_item.json()["self_scores"]) << "the entity's own until reviewed";
  ExpectProblem(app().Call("POST", Path(id, "/complete"), director, Json::object()), 403, "auth.forbidden");
  Reply done = app().Call("POST", Path(id, "/complete"), Admin(), {{"note", "Reviewed"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "reviewed");
  EXPECT_EQ(done.json()["scores"]["overall"], Expected({{3, 2}, {1, 2}, {2, 1}}));
  for (const Json& answer : done.json()["answers"]) EXPECT_FALSE(answer["review_level"].is_null()) << answer.dump();
  ExpectProblem(app().Call("POST", Path(id, "/submit"), director, Json::object()), 409, "compliance.illegal_transition");

  // The heat map and the scorecard show the reviewed score.
  Reply heat = app().Call("GET", "/api/v1/compliance/heatmap?period=2026&entity_id=" + std::to_string(dept), Demo("health.editor"));
  ASSERT_EQ(heat.status, 200) << heat.body;
  ASSERT_EQ(heat.json()["rows"].size(), 1u) << heat.body;
  EXPECT_EQ(heat.json()["rows"][0]["status"], "reviewed");
  EXPECT_EQ(heat.json()["rows"][0]["overall"], done.json()["scores"]["overall"]);
  Reply card = app().Call("GET", "/api/v1/scorecards/" + std::to_string(dept), Demo("health.editor"));
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.json()["latest"]["scores"], done.json()["scores"]);
}

TEST_P(ComplianceApiTest, AReturnedAssessmentGoesBackToTheEntityWithTheNote) {
  const Json tpl = NewTemplate();
  const int64_t id = NewAssessment(NewDepartment(), tpl["id"])["id"];
  const Credentials director = Demo("police.director");
  for (const char* item : {"A1", "A2", "B1"}) ASSERT_EQ(Answer(id, item, 3, director).status, 200);
  ASSERT_EQ(Upload(id, "A1", "log.csv", "text/csv", "date,channel\n2026-01-02,x\n", director).status, 201);
  ASSERT_EQ(app().Call("POST", Path(id, "/submit"), director, Json::object()).status, 200);
  ExpectProblem(app().Call("POST", Path(id, "/return"), Admin(), Json::object()), 400, "common.field_required");
  Reply returned = app().Call("POST", Path(id, "/return"), Admin(), {{"note", "Attach the approved plan"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  EXPECT_EQ(returned.json()["review_note"], "Attach the approved plan");
  ASSERT_EQ(Answer(id, "B1", 4, director).status, 200) << "the entity may change its answers again";
  Reply again = app().Call("POST", Path(id, "/submit"), director, Json::object(), IfMatch(returned.json()["version"].get<int64_t>() + 1));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["status"], "submitted");
  // A stale If-Match on a transition is refused and changes nothing.
  ExpectProblem(app().Call("POST", Path(id, "/return"), Admin(), {{"note", "x"}}, IfMatch(1)), 412, "common.precondition_failed");
}

TEST_P(ComplianceApiTest, ChangingAWeightRecomputesEveryScoreAndIsAnEvent) {
  Json tpl = NewTemplate();
  const int64_t id = NewAssessment(NewDepartment(), tpl["id"])["id"];
  const Credentials director = Demo("police.director");
  ASSERT_EQ(Answer(id, "A1", 4, director).status, 200);
  ASSERT_EQ(Answer(id, "A2", 0, director).status, 200);
  ASSERT_EQ(Answer(id, "B1", 2, director).status, 200);
  EXPECT_EQ(app().Call("GET", Path(id), director).json()["scores"]["overall"], Expected({{3, 4}, {1, 0}, {2, 2}}));

  Json items = tpl["items"];
  for (Json& i : items) {
    for (const char* added : {"id"}) i.erase(added);
    if (i["principle"].is_null()) i.erase("principle");
    if (i["code"] == "A1") i["weight"] = 1;
  }
  const int64_t before = app().EventCount();
  const std::string tpl_path = "/api/v1/compliance/templates/" + std::to_string(tpl["id"].get<int64_t>());
  ExpectProblem(app().Call("PATCH", tpl_path, Admin(), {{"items", items}}), 412, "compliance.if_match_required");
  ExpectProblem(app().Call("PATCH", tpl_path, Demo("police.director"), {{"items", items}}, IfMatch(tpl["version"])), 403,
                "auth.forbidden");
  Reply changed = app().Call("PATCH", tpl_path, Admin(), {{"items", items}}, IfMatch(tpl["version"]));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(app().EventCount(), before + 2) << "the template's update and the weight change";
  bool found = false;
  for (const Json& e : AllPages("/api/v1/events?limit=200", Admin())) {
    if (e["action"] == "strategy.compliance_weights_changed" && e["object_id"] == std::to_string(tpl["id"].get<int64_t>())) {
      found = true;
      EXPECT_EQ(e["payload"]["weights"]["A1"], (Json{{"from", 3}, {"to", 1}}));
    }
  }
  EXPECT_TRUE(found) << "the weight change is in the audit trail";
  EXPECT_EQ(app().Call("GET", Path(id), director).json()["scores"]["overall"], Expected({{1, 4}, {1, 0}, {2, 2}}))
      << "scores are computed from the current weights, never stored";

  // An answered item cannot be removed; a new one joins every assessment unanswered.
  Json fewer = Json::array({items[1], items[2]});
  ExpectProblem(app().Call("PATCH", tpl_path, Admin(), {{"items", fewer}}, IfMatch(changed.json()["version"])), 409,
                "compliance.item_in_use");
  Json bad = items;
  bad[0]["axis"] = "nowhere";
  ExpectProblem(app().Call("PATCH", tpl_path, Admin(), {{"items", bad}}, IfMatch(changed.json()["version"])), 400,
                "compliance.bad_axis");
  bad = items;
  bad[0]["weight"] = 0;
  ExpectProblem(app().Call("PATCH", tpl_path, Admin(), {{"items", bad}}, IfMatch(changed.json()["version"])), 400,
                "compliance.bad_weight");
  ExpectProblem(app().Call("PATCH", tpl_path, Admin(), {{"items", items}, {"colour", "red"}}, IfMatch(changed.json()["version"])),
                400, "common.unknown_field");
  // Archived, the test's template stops being offered to new assessments.
  ASSERT_EQ(app().Call("PATCH", tpl_path, Admin(), {{"status", "archived"}}, IfMatch(changed.json()["version"])).status, 200);
  ExpectProblem(app().Call("POST", "/api/v1/assessments", Demo("police.director"),
                           {{"entity_id", NewDepartment()}, {"period", "2026"}, {"template_id", tpl["id"]}}),
                400, "compliance.template_not_active");
}

TEST_P(ComplianceApiTest, OneAssessmentPerEntityTemplateAndPeriod) {
  const Json tpl = NewTemplate();
  const int64_t dept = NewDepartment();
  const int64_t first = NewAssessment(dept, tpl["id"], "2026-H1")["id"];
  Reply twice = app().Call("POST", "/api/v1/assessments", Demo("police.director"),
                           {{"entity_id", dept}, {"period", "2026-H1"}, {"template_id", tpl["id"]}});
  ExpectProblem(twice, 409, "compliance.assessment_exists");
  EXPECT_NE(twice.json().value("detail", "").find(std::to_string(first)), std::string::npos);
  for (const char* period : {"2026-H3", "26", "2026-q1", "٢٠٢٦"}) {
    ExpectProblem(app().Call("POST", "/api/v1/assessments", Demo("police.director"),
                             {{"entity_id", dept}, {"period", period}, {"template_id", tpl["id"]}}),
                  400, "compliance.bad_period");
  }
  ExpectProblem(app().Call("POST", "/api/v1/assessments", Demo("health.director"),
                           {{"entity_id", dept}, {"period", "2027"}, {"template_id", tpl["id"]}}),
                403, "auth.forbidden");
  // Another entity's people see the scores in the list but not the answers and evidence.
  EXPECT_EQ(app().Call("GET", Path(first), Demo("health.editor")).status, 403);
  Reply listed = app().Call("GET", "/api/v1/assessments?entity_id=" + std::to_string(dept), Demo("health.editor"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_FALSE(listed.json()["items"][0].contains("answers"));
}

TEST_P(ComplianceApiTest, ProblemsCarryWhatAClientActsOnAndEveryChangeIsANewVersion) {
  const Json tpl = NewTemplate();
  const int64_t dept = NewDepartment();
  const Json created = NewAssessment(dept, tpl["id"], "2026-H2");
  const int64_t id = created["id"];
  const Credentials director = Demo("police.director");

  // The 409 names the assessment that exists; the 422 lists the items still missing, in order.
  Reply twice = app().Call("POST", "/api/v1/assessments", director,
                           {{"entity_id", dept}, {"period", "2026-H2"}, {"template_id", tpl["id"]}});
  ExpectProblem(twice, 409, "compliance.assessment_exists");
  EXPECT_EQ(twice.json()["ids"], Json::array({id})) << twice.body;
  ASSERT_EQ(Answer(id, "A2", 3, director).status, 200);
  Reply incomplete = app().Call("POST", Path(id, "/submit"), director, Json::object());
  ExpectProblem(incomplete, 422, "compliance.incomplete");
  EXPECT_EQ(incomplete.json()["items"], Json::array({"A1", "B1"})) << incomplete.body;

  // A null level takes the answer back: the item is unanswered again and scores nothing.
  Reply withdrawn = app().Call("PUT", Path(id, "/answers/A2"), director, {{"level", nullptr}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  for (const Json& answer : withdrawn.json()["answers"]) {
    if (answer["code"] == "A2") {
      EXPECT_TRUE(answer["self_level"].is_null()) << answer.dump();
    }
  }
  EXPECT_EQ(withdrawn.json()["scores"]["overall"], 0.0);
  Reply again = app().Call("POST", Path(id, "/submit"), director, Json::object());
  EXPECT_EQ(again.json()["items"], Json::array({"A1", "A2", "B1"})) << again.body;

  // Adding and removing evidence are changes: the version moves, so a stale form cannot submit.
  const int64_t before = app().Call("GET", Path(id), director).json()["version"];
  Reply csv = Upload(id, "A1", "posts.csv", "text/csv; charset=utf-8", "day,posts\n2026-07-01,3\n", director);
  ASSERT_EQ(csv.status, 201) << csv.body;
  EXPECT_EQ(csv.json()["media_type"], "text/csv") << "what the uploader said the text is";
  const int64_t after_upload = app().Call("GET", Path(id), director).json()["version"];
  EXPECT_EQ(after_upload, before + 1);
  Reply file = app().Send("GET", "/api/v1/evidence/" + std::to_string(csv.json()["id"].get<int64_t>()), "", director);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.headers.at("content-type").rfind("text/csv", 0), 0u) << file.headers.at("content-type");
  Reply removed = app().Call("DELETE", "/api/v1/evidence/" + std::to_string(csv.json()["id"].get<int64_t>()), director);
  ASSERT_EQ(removed.status, 204) << removed.body;
  EXPECT_EQ(app().Call("GET", Path(id), director).json()["version"], after_upload + 1);
}

TEST_P(ComplianceApiTest, EvidenceLargerThanTheServersBodyLimitUpToTenMebibytes) {
  const Json tpl = NewTemplate();
  const int64_t id = NewAssessment(NewDepartment(), tpl["id"])["id"];
  const Credentials director = Demo("police.director");
  std::string text;
  while (text.size() < (3u << 20)) text += "2026-01-02,x,منشور عن الخدمة\n";
  Reply big = Upload(id, "A1", "log.csv", "text/csv", text, director);
  ASSERT_EQ(big.status, 201) << big.body.substr(0, 300);
  EXPECT_EQ(big.json()["sha256"], auth::Sha256Hex(text));
  const std::string huge((10u << 20) + 1, 'a');
  EXPECT_EQ(Upload(id, "A1", "huge.csv", "text/csv", huge, director).status, 413);
  // Other routes keep the server's limit.
  Reply other = app().Send("POST", "/api/v1/assessments", std::string(2u << 20, ' '), director,
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", director.csrf}});
  EXPECT_EQ(other.status, 413);
}

TEST_P(ComplianceApiTest, TheDemoHeatMapScoresAreTheWeightedLevelsOfEachAssessment) {
  // The demo assesses last year and this year (the network's, by the test clock).
  const std::string year = core::FormatIsoUtc(app().clock().NowMicros()).substr(0, 4);
  Reply heat = app().Call("GET", "/api/v1/compliance/heatmap?period=" + year, Demo("health.editor"));
  ASSERT_EQ(heat.status, 200) << heat.body;
  const Json h = heat.json();
  EXPECT_EQ(h["axes"].size(), 7u) << "the guide's seven axes";
  EXPECT_EQ(h["period"], year);
  const std::string last_year = std::to_string(std::stoi(year) - 1);
  EXPECT_NE(std::find(h["periods"].begin(), h["periods"].end(), Json(last_year)), h["periods"].end()) << h["periods"].dump();
  std::set<std::string> statuses;
  for (const Json& row : h["rows"]) statuses.insert(row["status"].get<std::string>());
  for (const char* s : {"reviewed", "submitted", "returned", "draft", "not_started"}) EXPECT_EQ(statuses.count(s), 1u) << s;

  Reply templates = app().Call("GET", "/api/v1/compliance/templates", Admin());
  ASSERT_EQ(templates.status, 200);
  std::map<int64_t, std::map<int64_t, std::pair<std::string, int>>> items;  // template → item → (axis, weight)
  for (const Json& t : templates.json()["items"]) {
    for (const Json& i : t["items"]) items[t["id"]][i["id"]] = {i["axis"], i["weight"]};
  }
  int checked = 0;
  for (const Json& row : h["rows"]) {
    if (row["assessment_id"].is_null()) {
      EXPECT_TRUE(row["overall"].is_null());
      continue;
    }
    Reply detail = app().Call("GET", "/api/v1/assessments/" + std::to_string(row["assessment_id"].get<int64_t>()), Admin());
    ASSERT_EQ(detail.status, 200);
    const Json a = detail.json();
    if (a["status"] == "draft") {
      EXPECT_TRUE(row["overall"].is_null()) << "a draft's partial scores are not shown: " << row.dump();
      continue;
    }
    // Recompute from the answers and the template's weights: reviewed counts the review.
    std::map<std::string, std::vector<std::pair<int, int>>> by_axis;
    std::vector<std::pair<int, int>> all;
    for (const Json& ans : a["answers"]) {
      auto [axis, weight] = items[a["template_id"]][ans["item_id"]];
      Json level = a["status"] == "reviewed" ? ans["review_level"] : ans["self_level"];
      if (level.is_null()) level = ans["self_level"].is_null() ? Json(0) : ans["self_level"];
      by_axis[axis].push_back({weight, level.get<int>()});
      all.push_back({weight, level.get<int>()});
    }
    EXPECT_EQ(row["overall"], Expected(all)) << row.dump();
    for (const auto& [axis, wl] : by_axis) EXPECT_EQ(row["axes"][axis], Expected(wl)) << axis << " " << row.dump();
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST_P(ComplianceApiTest, ReportsDownloadAsCsvPrintableHtmlAndPdfInBothLanguages) {
  Reply csv = app().Send("GET", "/api/v1/compliance/heatmap/export?format=csv&lang=en", "", Demo("health.editor"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.headers.at("content-disposition").find("attachment"), std::string::npos);
  Reply heat = app().Call("GET", "/api/v1/compliance/heatmap", Demo("health.editor"));
  size_t lines = 0;
  for (char c : csv.body) lines += c == '\n';
  EXPECT_EQ(lines, heat.json()["rows"].size() + 1) << "a header and one line per entity";
  EXPECT_NE(csv.body.find("Media communication"), std::string::npos);

  Reply html = app().Send("GET", "/api/v1/scorecards/" + std::to_string(EntityId("health")) + "/report?format=html&lang=ar", "",
                          Demo("health.editor"));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(html.body.find("@media print"), std::string::npos);
  EXPECT_EQ(html.body.find("<script"), std::string::npos);
  EXPECT_NE(html.headers.at("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.body.find("٪"), std::string::npos) << "Arabic-Indic percent by default in Arabic";

  Reply pdf = app().Send("GET", "/api/v1/scorecards/" + std::to_string(EntityId("health")) + "/report?lang=en&digits=latn", "",
                         Demo("health.editor"));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers.at("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

  ExpectProblem(app().Call("GET", "/api/v1/scorecards/" + std::to_string(EntityId("health")) + "/report?format=csv", Admin()), 400,
                "compliance.bad_report_format");
  ExpectProblem(app().Call("GET", "/api/v1/compliance/heatmap/export?lang=fr", Admin()), 400, "compliance.bad_report_lang");
  ExpectProblem(app().Call("GET", "/api/v1/compliance/heatmap?period=2026-X", Admin()), 400, "compliance.bad_period");
  ExpectProblem(app().Call("GET", "/api/v1/scorecards/999999", Admin()), 404, "strategy.entity_not_found");
}

TEST_P(ComplianceApiTest, PrintedHeatMapShowsEachEntitysOverallScoreOverThePeriods) {
  Reply heat = app().Call("GET", "/api/v1/compliance/heatmap", Admin());
  ASSERT_EQ(heat.status, 200);
  Reply html = app().Send("GET", "/api/v1/compliance/heatmap/export?format=html&lang=en&digits=latn", "", Admin());
  ASSERT_EQ(html.status, 200) << html.body;
  ASSERT_NE(html.body.find("Overall score over periods"), std::string::npos);
  // Each entity's row in the trend table carries its scorecard's overall score for every period
  // before the map's own, in period order; a draft shows a dash.
  int rows_with_history = 0;
  for (const Json& row : heat.json()["rows"]) {
    Reply card = app().Call("GET", "/api/v1/scorecards/" + std::to_string(row["entity_id"].get<int64_t>()), Admin());
    ASSERT_EQ(card.status, 200);
    std::map<std::string, Json> by_period;
    for (const Json& p : card.json()["periods"]) by_period[p["period"].get<std::string>()] = p["status"] == "draft" ? Json(nullptr) : p["scores"]["overall"];
    std::string name = row["name_en"];
    for (size_t at = name.find('&'); at != std::string::npos; at = name.find('&', at + 1)) name.replace(at, 1, "&amp;");
    std::string cells = "<tr><td>" + name + "</td>";
    int shown = 0;
    for (const Json& p : heat.json()["periods"]) {  // the demo has fewer than eight periods
      const std::string period = p.get<std::string>();
      if (period > heat.json()["period"].get<std::string>()) continue;
      const Json overall = by_period.count(period) ? by_period[period] : Json(nullptr);
      char buf[32] = "\xE2\x80\x94";  // "—"
      if (overall.is_number()) {
        const double d = overall.get<double>();
        std::snprintf(buf, sizeof buf, d == static_cast<int64_t>(d) ? "%.0f" : "%.1f", d);
      }
      cells += "<td>" + std::string(buf) + "</td>";
      ++shown;
    }
    if (by_period.size() < 2) continue;
    EXPECT_GE(shown, 2);
    EXPECT_NE(html.body.find(cells + "</tr>"), std::string::npos) << cells;
    ++rows_with_history;
  }
  EXPECT_GE(rows_with_history, 5) << "the demo has two assessed periods";
  Reply csv = app().Send("GET", "/api/v1/compliance/heatmap/export?format=csv&lang=en", "", Admin());
  EXPECT_EQ(csv.body.find("Overall score over periods"), std::string::npos) << "the CSV stays one line per entity";
}

SAWT_INSTANTIATE_BOTH_STORES(ComplianceApiTest);

}  // namespace
}  // namespace sawt::testing
