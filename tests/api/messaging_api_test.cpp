// Black-box tests of the messaging module (key messages, facts, terms, alignment checks), both stores.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <set>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class MessagingApiTest : public ApiTest {
 protected:
  int64_t ThemeId(const std::string& code) {
    const Json themes = app().Call("GET", "/api/v1/themes", Admin()).json();
    for (const auto& t : themes["items"]) {
      if (t["code"] == code) return t["id"];
    }
    ADD_FAILURE() << "no theme " << code;
    return 0;
  }
  Json Message(int64_t theme, int64_t owner) {
    return {{"theme_id", theme},
            {"owner_entity_id", owner},
            {"text_ar", "الطرق الآمنة مسؤولية مشتركة بين السائقين والمشاة والجهات المختصة."},
            {"text_en", "Safe roads are a shared responsibility of drivers, pedestrians and the authorities."},
            {"supporting_points", Json::array({{{"ar", "حملات توعية في المدارس"}, {"en", "Awareness campaigns in schools"}}})}};
  }
  std::vector<Json> Findings(const Json& report, const std::string& kind) {
    std::vector<Json> out;
    for (const auto& f : report["findings"]) {
      if (f["kind"] == kind) out.push_back(f);
    }
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(MessagingApiTest);

TEST_P(MessagingApiTest, DemoLibraryIsLoadedAndApproved) {
  Reply themes = app().Call("GET", "/api/v1/themes", Admin());
  ASSERT_EQ(themes.status, 200) << themes.body;
  EXPECT_GE(themes.json()["items"].size(), 4u);
  Reply approved = app().Call("GET", "/api/v1/key-messages?state=approved&limit=200", Demo("police.editor"));
  ASSERT_EQ(approved.status, 200);
  EXPECT_GE(approved.json()["items"].size(), 12u);
  Reply facts = app().Call("GET", "/api/v1/facts?state=approved", Admin());
  EXPECT_GE(facts.json()["items"].size(), 10u);
  EXPECT_GE(app().Call("GET", "/api/v1/terms", Admin()).json()["items"].size(), 8u);
  EXPECT_EQ(app().Call("GET", "/api/v1/key-messages?state=bogus", Admin()).status, 400);
}

TEST_P(MessagingApiTest, FactContradictionInBothDigitSystems) {
  for (const std::string number : {"23 مليون", "٢٣ مليون"}) {
    const std::string text = "أعلنت الدائرة أن عدد الزوار بلغ " + number + " زائر خلال العام.";
    Reply r = app().Call("POST", "/api/v1/alignment-checks", Demo("tourism.editor"),
                         {{"text_ar", text}, {"themes", {"tourism"}}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto facts = Findings(r.json(), "fact");
    ASSERT_EQ(facts.size(), 1u) << r.body;
    EXPECT_EQ(facts[0]["reason"], "messaging.alignment.fact_contradicted");
    EXPECT_EQ(facts[0]["span"]["excerpt"], number);
    const size_t offset = facts[0]["span"]["offset"];
    const size_t length = facts[0]["span"]["length"];
    EXPECT_EQ(text.substr(offset, length), number);
    EXPECT_EQ(facts[0]["details"]["expected"], 24100000.0);
    EXPECT_NE(facts[0]["message_en"].get<std::string>().find("24.1 million"), std::string::npos) << facts[0];
    EXPECT_NE(facts[0]["message_ar"].get<std::string>().find("24.1 مليون"), std::string::npos) << facts[0];
    EXPECT_EQ(Findings(r.json(), "language").size(), 1u);  // no English version
  }
  Reply ok = app().Call("POST", "/api/v1/alignment-checks", Admin(), {{"text_ar", "عدد الزوار ٢٤٫١ مليون"}});
  EXPECT_TRUE(Findings(ok.json(), "fact").empty()) << ok.body;
}

TEST_P(MessagingApiTest, AlignmentReportsTermsNamesAndKeyMessages) {
  Json draft = {{"text_ar", "أكدت هيئة الطرق أن السرعة الزائدة هي السبب الأول للحوادث المرورية الخطيرة. "
                            "وأطلقت مبادرة لذوي الاحتياجات الخاصة."},
                {"text_en", "The roads authority said speeding is the first cause of serious accidents."},
                {"themes", {"road-safety", "tourism"}}};
  Reply r = app().Call("POST", "/api/v1/alignment-checks", Admin(), draft);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json report = r.json();
  auto terms = Findings(report, "term");
  ASSERT_EQ(terms.size(), 1u) << r.body;
  EXPECT_EQ(terms[0]["details"]["replacement"], "أصحاب الهمم");
  auto names = Findings(report, "entity_name");
  ASSERT_EQ(names.size(), 2u) << r.body;
  EXPECT_EQ(names[0]["span"]["excerpt"], "هيئة الطرق");
  EXPECT_EQ(names[1]["lang"], "en");
  std::set<std::string> reasons;
  for (const auto& f : Findings(report, "key_message")) reasons.insert(f["reason"].get<std::string>() + "/" + f["details"]["theme"].get<std::string>());
  EXPECT_TRUE(reasons.count("messaging.alignment.key_message_reflected/road-safety")) << r.body;
  EXPECT_TRUE(reasons.count("messaging.alignment.key_message_missing/tourism")) << r.body;
  EXPECT_TRUE(Findings(report, "language").empty());
  EXPECT_EQ(app().Call("POST", "/api/v1/alignment-checks", Admin(), {{"text_ar", "نص"}, {"themes", {"no-such"}}}).json()["code"],
            "messaging.unknown_theme");
  EXPECT_EQ(app().Call("POST", "/api/v1/alignment-checks", Admin(), {{"themes", {"tourism"}}}).json()["code"],
            "messaging.draft_empty");
}

TEST_P(MessagingApiTest, NewlyApprovedFactIsCheckedAtOnce) {
  const std::string key = "fact-" + Unique();
  Json body = {{"key", key}, {"label_ar", "عدد المتطوعين في مبادرة " + key}, {"label_en", "volunteers " + key},
               {"value_ar", "1,250 متطوعًا"}, {"value_en", "1,250 volunteers"}, {"as_of", "2024-06-30"},
               {"source", "مكتب الاتصال الحكومي"}, {"owner_entity_id", EntityId("gco")}};
  Reply made = app().Call("POST", "/api/v1/facts", Admin(), body);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["numeric_value"], 1250.0);
  EXPECT_EQ(made.json()["state"], "draft");
  const std::string path = "/api/v1/facts/" + std::to_string(made.json()["id"].get<int64_t>());
  Json draft = {{"text_ar", "بلغ عدد المتطوعين في مبادرة " + key + " 1,900 متطوع."}};
  EXPECT_TRUE(Findings(app().Call("POST", "/api/v1/alignment-checks", Admin(), draft).json(), "fact").empty());
  ASSERT_EQ(app().Call("POST", path + "/approve", Admin(), Json::object()).status, 200);
  EXPECT_EQ(app().Call("POST", path + "/approve", Admin(), Json::object()).status, 409);
  EXPECT_EQ(Findings(app().Call("POST", "/api/v1/alignment-checks", Admin(), draft).json(), "fact").size(), 1u);
}

TEST_P(MessagingApiTest, KeyMessageLifecycleWithVersionsEtagAndApproval) {
  const int64_t theme = ThemeId("road-safety");  // owned by rta
  Credentials editor = Demo("police.editor");
  Reply made = app().Call("POST", "/api/v1/key-messages", editor, Message(theme, EntityId("police")));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["state"], "draft");
  EXPECT_EQ(made.headers["etag"], "\"1\"");
  const std::string path = "/api/v1/key-messages/" + std::to_string(made.json()["id"].get<int64_t>());

  Reply stale = app().Call("PATCH", path, editor, {{"text_en", "Changed"}}, {{"If-Match", "\"9\""}});
  EXPECT_EQ(stale.status, 412);
  Reply edited = app().Call("PATCH", path, editor, {{"text_en", "Safe roads are everyone's responsibility."}},
                            {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.headers["etag"], "\"2\"");

  // Approval belongs to the theme's owner (rta), not to the message's entity (police).
  EXPECT_EQ(app().Call("POST", path + "/approve", editor, Json::object()).status, 403);
  EXPECT_EQ(app().Call("POST", path + "/approve", Demo("police.director"), Json::object()).status, 403);
  Credentials rta_director = Demo("rta.director");
  EXPECT_EQ(app().Call("POST", path + "/approve", rta_director, Json::object(), {{"If-Match", "\"1\""}}).status, 412);
  Reply approved = app().Call("POST", path + "/approve", rta_director, {{"comment", "معتمدة"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "approved");
  EXPECT_EQ(approved.json()["approved_by"], "rta.director");
  Reply again = app().Call("POST", path + "/approve", Admin(), Json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"], "messaging.key_message_already_approved");

  // Editing an approved message sends it back to draft; every edit keeps the previous version.
  Reply reedit = app().Call("PATCH", path, editor, {{"valid_until", "2031-01-01"}});
  ASSERT_EQ(reedit.status, 200) << reedit.body;
  EXPECT_EQ(reedit.json()["state"], "draft");
  Reply versions = app().Call("GET", path + "/versions", editor);
  ASSERT_EQ(versions.status, 200);
  const Json items = versions.json()["items"];
  ASSERT_EQ(items.size(), 4u) << versions.body;
  EXPECT_EQ(items[0]["version"], 4);
  EXPECT_TRUE(items[0]["current"].get<bool>());
  EXPECT_EQ(items[1]["state"], "approved");
  EXPECT_EQ(items[3]["version"], 1);
  EXPECT_EQ(items[3]["text_en"], "Safe roads are a shared responsibility of drivers, pedestrians and the authorities.");

  Reply retired = app().Call("POST", path + "/retire", Admin(), Json::object());
  ASSERT_EQ(retired.status, 200);
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"text_en", "x"}}).status, 409);
  EXPECT_EQ(app().Call("GET", "/api/v1/key-messages/987654", editor).status, 404);
}

TEST_P(MessagingApiTest, TwoConcurrentApprovalsExactlyOneWins) {
  Reply made = app().Call("POST", "/api/v1/key-messages", Admin(), Message(ThemeId("tourism"), EntityId("tourism")));
  ASSERT_EQ(made.status, 201);
  const std::string path = "/api/v1/key-messages/" + std::to_string(made.json()["id"].get<int64_t>()) + "/approve";
  Credentials admin = Admin();
  auto approve = [&] { return app().Call("POST", path, admin, Json::object(), {{"If-Match", "\"1\""}}).status; };
  auto a = std::async(std::launch::async, approve);
  auto b = std::async(std::launch::async, approve);
  std::multiset<int> statuses = {a.get(), b.get()};
  EXPECT_EQ(statuses.count(200), 1u);
  EXPECT_EQ(statuses.size(), 2u);
  EXPECT_TRUE(statuses.count(409) + statuses.count(412) == 1u);
}

TEST_P(MessagingApiTest, TermListIsTheNetworkAdminsAndRejectsBadInput) {
  const std::string term = "مصطلح" + Unique();
  Credentials director = Demo("police.director");
  Json body = {{"term", term}, {"lang", "ar"}, {"status", "banned"}, {"replacement", "بديل"}};
  EXPECT_EQ(app().Call("POST", "/api/v1/terms", director, body).status, 403);
  Reply made = app().Call("POST", "/api/v1/terms", Admin(), body);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(app().Call("POST", "/api/v1/terms", Admin(), body).status, 409);
  body["lang"] = "fr";
  EXPECT_EQ(app().Call("POST", "/api/v1/terms", Admin(), body).json()["code"], "messaging.bad_lang");
  Json stop = {{"term", "في"}, {"lang", "ar"}, {"status", "banned"}, {"replacement", "x"}};
  EXPECT_EQ(app().Call("POST", "/api/v1/terms", Admin(), stop).json()["code"], "messaging.not_analysable");
  const std::string path = "/api/v1/terms/" + std::to_string(made.json()["id"].get<int64_t>());
  EXPECT_EQ(app().Call("DELETE", path, Admin()).status, 204);
  EXPECT_EQ(app().Call("DELETE", path, Admin()).status, 404);
}

TEST_P(MessagingApiTest, DomainValidation) {
  Json m = Message(ThemeId("tourism"), EntityId("tourism"));
  m["valid_from"] = "2025-02-30";
  EXPECT_EQ(app().Call("POST", "/api/v1/key-messages", Admin(), m).json()["code"], "messaging.bad_date");
  m["valid_from"] = "2026-01-01";
  m["valid_until"] = "2025-01-01";
  EXPECT_EQ(app().Call("POST", "/api/v1/key-messages", Admin(), m).json()["code"], "messaging.bad_validity");
  m.erase("valid_from");
  m.erase("valid_until");
  m["supporting_points"] = Json::array({{{"ar", "نقطة"}}});
  Reply points = app().Call("POST", "/api/v1/key-messages", Admin(), m);
  EXPECT_EQ(points.status, 400);
  EXPECT_EQ(points.json()["field"], "supporting_points[0].en");
  m["supporting_points"] = Json::array();
  m["theme_id"] = 987654;
  EXPECT_EQ(app().Call("POST", "/api/v1/key-messages", Admin(), m).json()["code"], "messaging.theme_not_found");
  Json fact = {{"key", "no-number-" + Unique()}, {"label_ar", "الشعار"}, {"label_en", "slogan"}, {"value_ar", "معًا"},
               {"value_en", "together"}, {"as_of", "2024-01-01"}, {"source", "x"}, {"owner_entity_id", EntityId("gco")}};
  EXPECT_EQ(app().Call("POST", "/api/v1/facts", Admin(), fact).json()["code"], "messaging.fact_needs_number");
  fact["kind"] = "text";
  EXPECT_EQ(app().Call("POST", "/api/v1/facts", Admin(), fact).status, 201);
}

// ---- content items ----

namespace {
Json ContentBody(int64_t owner, const std::string& title_ar) {
  return {{"kind", "press_release"},
          {"owner_entity_id", owner},
          {"title_ar", title_ar},
          {"title_en", "Police launch a road safety campaign"},
          {"body_ar", "أطلقت الشرطة حملة للسلامة المرورية في المدارس & الجامعات <اليوم>."},
          {"body_en", "The police launched a road safety campaign in schools."},
          {"themes", {"road-safety"}},
          {"channels", {"website", "x"}},
          {"planned_at", "2026-12-01"}};
}
}  // namespace

TEST_P(MessagingApiTest, ContentItemWorkflowFromDraftToAtomFeed) {
  Credentials editor = Demo("police.editor");
  Credentials reviewer = Demo("police.reviewer");
  const std::string title = "حملة السلامة " + Unique();
  Reply made = app().Call("POST", "/api/v1/content-items", editor, ContentBody(EntityId("police"), title));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["state"], "draft");
  EXPECT_TRUE(made.json()["alignment"]["findings"].is_array()) << made.body;
  const std::string path = "/api/v1/content-items/" + std::to_string(made.json()["id"].get<int64_t>());
  auto step = [&](const Credentials& who, const std::string& to, int version) {
    return app().Call("POST", path + "/transitions", who, {{"to", to}, {"comment", "ملاحظة"}},
                      {{"If-Match", "\"" + std::to_string(version) + "\""}});
  };
  // If-Match is required; illegal steps are 409.
  EXPECT_EQ(app().Call("POST", path + "/transitions", editor, {{"to", "in_review"}}).status, 412);
  Reply illegal = step(editor, "published", 1);
  EXPECT_EQ(illegal.status, 409);
  EXPECT_EQ(illegal.json()["code"], "messaging.illegal_transition");
  ASSERT_EQ(step(editor, "in_review", 1).status, 200);
  // The editor cannot approve; another entity's reviewer cannot either; drafts in review are locked.
  EXPECT_EQ(step(editor, "approved", 2).status, 403);
  EXPECT_EQ(step(Demo("health.reviewer"), "approved", 2).status, 403);
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"title_en", "x"}}).status, 409);
  Reply queue = app().Call("GET", "/api/v1/content-items?state=in_review&limit=200&entity_id=" +
                                      std::to_string(EntityId("police")), reviewer);
  ASSERT_EQ(queue.status, 200) << queue.body;
  bool queued = false;
  const Json queued_items = queue.json()["items"];
  for (const auto& it : queued_items) queued = queued || it["title_ar"] == title;
  EXPECT_TRUE(queued) << queue.body;
  EXPECT_EQ(app().Call("GET", "/api/v1/content-items?state=bogus", reviewer).status, 400);
  Reply approved = step(reviewer, "approved", 2);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "approved");
  EXPECT_EQ(approved.json()["approvals"]["reviewer"], "police.reviewer");
  ASSERT_EQ(step(editor, "scheduled", 3).status, 200);
  EXPECT_EQ(app().Call("GET", "/feeds/government.atom", {}).body.find(title), std::string::npos);
  Reply published = step(editor, "published", 4);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["state"], "published");

  for (const std::string feed : {"/feeds/government.atom", "/feeds/entities/police.atom"}) {
    Reply atom = app().Call("GET", feed, {});
    ASSERT_EQ(atom.status, 200) << feed;
    EXPECT_NE(atom.body.find("xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\""), std::string::npos);
    EXPECT_NE(atom.body.find(title), std::string::npos) << atom.body.substr(0, 400);
    EXPECT_NE(atom.body.find("&amp; الجامعات &lt;اليوم&gt;"), std::string::npos);
  }
  EXPECT_EQ(app().Call("GET", "/feeds/entities/health.atom", {}).body.find(title), std::string::npos);
  EXPECT_EQ(app().Call("GET", "/feeds/entities/no-such.atom", {}).status, 404);

  Reply got = app().Call("GET", path, Demo("health.editor"));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.headers["etag"], "\"5\"");
  EXPECT_TRUE(got.json().contains("alignment"));
  Reply withdrawn = step(reviewer, "withdrawn", 5);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(app().Call("GET", "/feeds/government.atom", {}).body.find(title), std::string::npos);
}

TEST_P(MessagingApiTest, ContentItemTwoReviewersAtOnceExactlyOneWins) {
  Reply made = app().Call("POST", "/api/v1/content-items", Admin(), ContentBody(EntityId("police"), "بيان " + Unique()));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/content-items/" + std::to_string(made.json()["id"].get<int64_t>()) + "/transitions";
  ASSERT_EQ(app().Call("POST", path, Admin(), {{"to", "in_review"}}, {{"If-Match", "\"1\""}}).status, 200);
  Credentials reviewer = Demo("police.reviewer");
  Credentials director = Admin();  // network admin: may request changes too
  auto act = [&](const Credentials& who, const std::string& to) {
    return app().Call("POST", path, who, {{"to", to}}, {{"If-Match", "\"2\""}}).status;
  };
  auto a = std::async(std::launch::async, act, reviewer, "approved");
  auto b = std::async(std::launch::async, act, director, "changes_requested");
  std::multiset<int> statuses = {a.get(), b.get()};
  EXPECT_EQ(statuses.count(200), 1u) << *statuses.begin() << " " << *statuses.rbegin();
  EXPECT_EQ(statuses.count(412), 1u) << *statuses.begin() << " " << *statuses.rbegin();
}

TEST_P(MessagingApiTest, ContentItemStrategicThemeNeedsNetworkApproval) {
  Json body = ContentBody(EntityId("police"), "خدمات رقمية " + Unique());
  body["themes"] = {"digital"};  // strategic
  Reply made = app().Call("POST", "/api/v1/content-items", Demo("police.editor"), body);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_TRUE(made.json()["strategic"].get<bool>());
  const std::string path = "/api/v1/content-items/" + std::to_string(made.json()["id"].get<int64_t>()) + "/transitions";
  ASSERT_EQ(app().Call("POST", path, Admin(), {{"to", "in_review"}}, {{"If-Match", "\"1\""}}).status, 200);
  Reply first = app().Call("POST", path, Demo("police.reviewer"), {{"to", "approved"}},
                           {{"If-Match", "\"2\""}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["state"], "in_review");
  EXPECT_EQ(first.json()["approvals"]["reviewer"], "police.reviewer");
  Reply second = app().Call("POST", path, Admin(), {{"to", "approved"}}, {{"If-Match", "\"3\""}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["state"], "approved");
  EXPECT_EQ(second.json()["approvals"]["network"], "admin");
}

TEST_P(MessagingApiTest, ContentItemVersionsAndWordDiff) {
  Credentials editor = Demo("police.editor");
  Json body = ContentBody(EntityId("police"), "أطلقت الشرطة حملة جديدة للسلامة");
  Reply made = app().Call("POST", "/api/v1/content-items", editor, body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/content-items/" + std::to_string(made.json()["id"].get<int64_t>());
  Reply edited = app().Call("PATCH", path, editor, {{"title_ar", "أطلقت الشرطة اليوم حملة وطنية للسلامة"}},
                            {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["version"], 2);
  EXPECT_TRUE(edited.json().contains("alignment"));
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"title_ar", "x"}}, {{"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"channels", {"fax"}}}).json()["code"], "messaging.bad_channel");
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"themes", {"no-such"}}}).json()["code"], "messaging.unknown_theme");
  EXPECT_EQ(app().Call("PATCH", path, editor, {{"planned_at", "2026-13-01"}}).json()["code"], "messaging.bad_planned_at");
  ASSERT_EQ(app().Call("PATCH", path, editor, {{"planned_at", "2026-12-01T09:30:00Z"}}).status, 200);

  Reply versions = app().Call("GET", path + "/versions", editor);
  ASSERT_EQ(versions.status, 200) << versions.body;
  const Json listed = versions.json()["items"];
  ASSERT_EQ(listed.size(), 3u) << versions.body;
  EXPECT_EQ(listed[0]["version"], 3);
  EXPECT_TRUE(listed[0]["current"].get<bool>());
  EXPECT_EQ(listed[2]["title_ar"], "أطلقت الشرطة حملة جديدة للسلامة");
  Reply diff = app().Call("GET", path + "/diff?from=1&to=2", editor);
  ASSERT_EQ(diff.status, 200) << diff.body;
  const Json d = diff.json();
  std::vector<std::string> inserted, deleted, equal;
  for (const auto& t : d["fields"]["title_ar"]) {
    const std::string op = t["op"];
    (op == "insert" ? inserted : op == "delete" ? deleted : equal).push_back(t["text"]);
  }
  EXPECT_EQ(inserted, (std::vector<std::string>{"اليوم", "وطنية"})) << diff.body;
  EXPECT_EQ(deleted, (std::vector<std::string>{"جديدة"})) << diff.body;
  EXPECT_EQ(equal, (std::vector<std::string>{"أطلقت", "الشرطة", "حملة", "للسلامة"})) << diff.body;
  EXPECT_EQ(d["summary"]["inserted"], 2);
  for (const auto& t : d["fields"]["body_en"]) EXPECT_EQ(t["op"], "equal");
  EXPECT_EQ(app().Call("GET", path + "/diff?from=1&to=99", editor).status, 404);
  EXPECT_EQ(app().Call("GET", path + "/diff?from=1", editor).status, 400);
  EXPECT_EQ(app().Call("POST", "/api/v1/content-items", editor, {{"kind", "tweet"}, {"owner_entity_id", 1}}).json()["code"],
            "messaging.bad_content_kind");
  EXPECT_EQ(app().Call("POST", "/api/v1/content-items", editor, ContentBody(EntityId("health"), "x")).status, 403);
}

}  // namespace
}  // namespace sawt::testing

namespace sawt::testing {
namespace {

// The analysed library is cached and kept across commits that do not touch it; a term added after
// unrelated writes is still seen by the very next check.
TEST_P(MessagingApiTest, LibraryCacheFollowsLibraryChangesOnly) {
  Credentials editor = Demo("police.editor");
  const std::string word = "zterm" + Unique();
  const Json draft = {{"text_en", "The " + word + " programme starts today."}};
  auto terms = [&] {
    Reply r = app().Call("POST", "/api/v1/alignment-checks", editor, draft);
    EXPECT_EQ(r.status, 200) << r.body;
    return Findings(r.json(), "term").size();
  };
  EXPECT_EQ(terms(), 0u);
  // Unrelated commits: a calendar entry and a content item.
  ASSERT_EQ(app().Call("POST", "/api/v1/calendar/entries", editor,
                       {{"entity_id", EntityId("police")}, {"kind", "event"}, {"title_ar", "فعالية"},
                        {"title_en", "Event"}, {"starts_at", "2034-01-10"}})
                .status,
            201);
  EXPECT_EQ(terms(), 0u);
  ASSERT_EQ(app().Call("POST", "/api/v1/terms", Admin(),
                       {{"term", word}, {"lang", "en"}, {"status", "banned"}, {"replacement", "initiative"}})
                .status,
            201);
  EXPECT_EQ(terms(), 1u);
}

}  // namespace
}  // namespace sawt::testing
