// Black-box tests of the messaging module (key messages, facts, terms, alignment checks), both stores.
#include <gtest/gtest.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>

#include "core/clock.hpp"
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
    // Arabic in the deployment's Arabic-Indic digits, also when the request is in English.
    EXPECT_NE(facts[0]["message_ar"].get<std::string>().find("٢٤٫١ مليون"), std::string::npos) << facts[0];
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
constexpr int64_t kDayMicros = 86'400'000'000;
Json ContentBody(int64_t owner, const std::string& title_ar) {
  return {{"kind", "press_release"},
          {"owner_entity_id", owner},
          {"title_ar", title_ar},
          {"title_en", "Police launch a road safety campaign"},
          {"body_ar", "أطلقت الشرطة حملة للسلامة المرورية في المدارس & الجامعات <اليوم>."},
          {"body_en", "The police launched a road safety campaign in schools."},
          {"themes", {"road-safety"}},
          {"channels", {"website", "x"}},
          // Well after the test: the scheduler publishes items whose planned time has passed.
          {"planned_at", core::FormatIsoUtc(kTestStartMicros + kDayMicros * 60).substr(0, 10)}};
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

/// Exit status of `xmllint --noout` (libxml2-utils, a third-party parser) on `doc`; its complaint in `why`.
int XmlLint(const std::string& doc, std::string* why) {
  const auto dir = std::filesystem::temp_directory_path();
  static std::atomic<int> counter{0};
  const std::string base =
      (dir / ("sawt_xmllint_" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
  std::ofstream(base + ".xml", std::ios::binary) << doc;
  const int rc = std::system(("xmllint --noout " + base + ".xml 2> " + base + ".err").c_str());
  std::ifstream err(base + ".err");
  why->assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  std::filesystem::remove(base + ".xml");
  std::filesystem::remove(base + ".err");
  return rc;
}

/// The children of `parent` named `name` in the Atom namespace.
std::vector<xmlNodePtr> AtomChildren(xmlNodePtr parent, const char* name) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr n = parent->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
        std::string(reinterpret_cast<const char*>(n->ns->href)) == "http://www.w3.org/2005/Atom" &&
        std::string(reinterpret_cast<const char*>(n->name)) == name) {
      out.push_back(n);
    }
  }
  return out;
}

std::string TextOf(xmlNodePtr n) {
  xmlChar* t = xmlNodeGetContent(n);
  std::string out = t ? reinterpret_cast<const char*>(t) : "";
  xmlFree(t);
  return out;
}

TEST_P(MessagingApiTest, AtomFeedsStayValidXmlWhateverTheStoredText) {
  // Input refuses what XML cannot carry ...
  Json hostile_body = ContentBody(EntityId("police"), "x");
  hostile_body["title_ar"] = std::string("bell \a nonchar \xEF\xBF\xBF");
  Reply refused = app().Call("POST", "/api/v1/content-items", Demo("police.editor"), hostile_body);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["code"], "common.invalid_characters");
  EXPECT_EQ(refused.json()["field"], "title_ar");

  // ... and the feed writer removes it from what is already stored (older rows, imports): a
  // published item whose title holds U+FFFE, U+FFFF and BEL.
  Credentials editor = Demo("police.editor");
  const std::string title = "خبر " + Unique();
  Reply made = app().Call("POST", "/api/v1/content-items", editor, ContentBody(EntityId("police"), title));
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = made.json()["id"];
  const std::string path = "/api/v1/content-items/" + std::to_string(id) + "/transitions";
  int version = 1;
  for (const auto& [who, to] : std::vector<std::pair<Credentials, std::string>>{
           {editor, "in_review"}, {Demo("police.reviewer"), "approved"}, {editor, "scheduled"}, {editor, "published"}}) {
    Reply r = app().Call("POST", path, who, {{"to", to}}, {{"If-Match", "\"" + std::to_string(version++) + "\""}});
    ASSERT_EQ(r.status, 200) << to << " " << r.body;
  }
  const std::string stored_title = title + " \xEF\xBF\xBE\xEF\xBF\xBF\x07 <end>";
  const std::string stored_body = std::string("body \x01\x1B[31m") + "\xEF\xBF\xBF done";
  ASSERT_TRUE(app().app().store->Write([&](store::Tx& tx) -> core::Status {
    SAWT_TRY_STATUS(tx.Exec("UPDATE content_items SET title_ar = $1, body_ar = $2 WHERE id = $3",
                            {stored_title, stored_body, id}));
    return core::Ok();
  }));

  for (const std::string feed : {"/feeds/government.atom", "/feeds/entities/police.atom"}) {
    Reply atom = app().Call("GET", feed, {});
    ASSERT_EQ(atom.status, 200) << feed;
    EXPECT_EQ(atom.headers["content-type"], "application/atom+xml; charset=utf-8");
    std::string why;
    EXPECT_EQ(XmlLint(atom.body, &why), 0) << feed << ": " << why;
    EXPECT_NE(atom.body.find(title + "  &lt;end&gt;"), std::string::npos) << feed;  // the rest of the title is kept

    // Structure (RFC 4287 §4.1): an atom:feed with id, title, updated and a self link; every
    // entry with id, title, updated, author/name and content.
    xmlDocPtr doc = xmlReadMemory(atom.body.data(), static_cast<int>(atom.body.size()), "feed.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ASSERT_NE(doc, nullptr) << feed;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    ASSERT_NE(root, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "feed");
    ASSERT_NE(root->ns, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://www.w3.org/2005/Atom");
    for (const char* required : {"id", "title", "updated", "link"}) {
      EXPECT_EQ(AtomChildren(root, required).size(), 1u) << feed << " feed/" << required;
    }
    bool found = false;
    for (xmlNodePtr entry : AtomChildren(root, "entry")) {
      for (const char* required : {"id", "title", "updated", "published", "author", "content"}) {
        EXPECT_EQ(AtomChildren(entry, required).size(), 1u) << feed << " entry/" << required;
      }
      const auto authors = AtomChildren(entry, "author");
      if (!authors.empty()) {
        EXPECT_EQ(AtomChildren(authors[0], "name").size(), 1u);
      }
      if (TextOf(AtomChildren(entry, "id").at(0)) == "urn:sawt:content-item:" + std::to_string(id)) {
        found = true;
        EXPECT_EQ(TextOf(AtomChildren(entry, "title").at(0)), title + "  <end>");
        EXPECT_EQ(TextOf(AtomChildren(entry, "content").at(0)), "body [31m done");
      }
    }
    EXPECT_TRUE(found) << feed;
    xmlFreeDoc(doc);
  }
}

TEST_P(MessagingApiTest, MakerCheckerForbidsApprovingWhatOneWrote) {
  const int64_t rta = EntityId("rta");
  const std::string settings = "/api/v1/entities/" + std::to_string(rta) + "/review-settings";
  Credentials director = Demo("rta.director");  // entity admin: may draft, approve and publish
  Credentials editor = Demo("rta.editor");
  Credentials reviewer = Demo("rta.reviewer");
  SettingsGuard restore(app(), Admin(), settings, {"maker_checker"});
  // Set by the entity's admins (or network admins) only; every member may read it.
  Reply read = app().Call("GET", settings, editor);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(read.json()["maker_checker"].get<bool>());  // off by default
  const std::string etag = read.headers["etag"];
  EXPECT_EQ(app().Call("PUT", settings, editor, {{"maker_checker", true}}, {{"If-Match", etag}}).status, 403);
  EXPECT_EQ(app().Call("PUT", settings, Demo("health.director"), {{"maker_checker", true}}, {{"If-Match", etag}}).status,
            403);
  EXPECT_EQ(app().Call("PUT", settings, director, {{"maker_checker", "yes"}}).status, 400);
  EXPECT_EQ(app().Call("PUT", "/api/v1/entities/987654/review-settings", Admin(), {{"maker_checker", true}}).status, 404);
  Reply on = app().Call("PUT", settings, director, {{"maker_checker", true}}, {{"If-Match", etag}});
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_TRUE(on.json()["maker_checker"].get<bool>());
  EXPECT_EQ(app().Call("PUT", settings, director, {{"maker_checker", true}}, {{"If-Match", etag}}).status, 412);

  auto transition = [&](const Credentials& who, int64_t id, const std::string& to) {
    const std::string path = "/api/v1/content-items/" + std::to_string(id);
    const std::string version = app().Call("GET", path, who).headers["etag"];
    return app().Call("POST", path + "/transitions", who, {{"to", to}}, {{"If-Match", version}});
  };
  Json body = ContentBody(rta, "تحويلات مرورية " + Unique());
  body["themes"] = {"road-safety"};
  // 1. The director drafts alone and may not approve.
  Reply own = app().Call("POST", "/api/v1/content-items", director, body);
  ASSERT_EQ(own.status, 201) << own.body;
  const int64_t own_id = own.json()["id"];
  ASSERT_EQ(transition(director, own_id, "in_review").status, 200);
  Reply refused = transition(director, own_id, "approved");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.json()["code"], "messaging.maker_checker");
  Reply refused_ar = app().Call("POST", "/api/v1/content-items/" + std::to_string(own_id) + "/transitions", director,
                                {{"to", "approved"}},
                                {{"If-Match", app().Call("GET", "/api/v1/content-items/" + std::to_string(own_id),
                                                         director).headers["etag"]},
                                 {"Accept-Language", "ar"}});
  EXPECT_NE(refused_ar.json()["detail"].get<std::string>().find("\xD8"), std::string::npos);  // Arabic text
  EXPECT_EQ(transition(reviewer, own_id, "approved").status, 200);  // a second person
  // 2. Anyone who edited the text is a maker too, not only the one who drafted it.
  body["title_ar"] = "تحويلات مرورية " + Unique();
  Reply other = app().Call("POST", "/api/v1/content-items", editor, body);
  ASSERT_EQ(other.status, 201) << other.body;
  const int64_t other_id = other.json()["id"];
  const std::string other_path = "/api/v1/content-items/" + std::to_string(other_id);
  ASSERT_EQ(app().Call("PATCH", other_path, director, {{"title_en", "Ring road diversions"}},
                       {{"If-Match", app().Call("GET", other_path, director).headers["etag"]}}).status, 200);
  ASSERT_EQ(transition(editor, other_id, "in_review").status, 200);
  EXPECT_EQ(transition(director, other_id, "approved").json()["code"], "messaging.maker_checker");
  // Requesting changes is no authorship: the reviewer who sent it back may approve later.
  ASSERT_EQ(transition(reviewer, other_id, "changes_requested").status, 200);
  ASSERT_EQ(transition(editor, other_id, "in_review").status, 200);
  EXPECT_EQ(transition(reviewer, other_id, "approved").status, 200);
  // 3. Off again: the director approves their own item.
  Reply off = app().Call("PUT", settings, director, {{"maker_checker", false}},
                         {{"If-Match", app().Call("GET", settings, director).headers["etag"]}});
  ASSERT_EQ(off.status, 200) << off.body;
  body["title_ar"] = "تحويلات مرورية " + Unique();
  Reply alone = app().Call("POST", "/api/v1/content-items", director, body);
  ASSERT_EQ(alone.status, 201);
  ASSERT_EQ(transition(director, alone.json()["id"], "in_review").status, 200);
  EXPECT_EQ(transition(director, alone.json()["id"], "approved").status, 200);
  // The demo shows the rule on for the tourism authority.
  Reply tourism = app().Call("GET", "/api/v1/entities/" + std::to_string(EntityId("tourism")) + "/review-settings", editor);
  EXPECT_TRUE(tourism.json()["maker_checker"].get<bool>()) << tourism.body;
}

// A figure that contradicts the fact sheet is an open error: submitting, approving, scheduling and
// publishing need a written reason, kept in the audit trail; an entity can forbid the override.
TEST_P(MessagingApiTest, OpenErrorsNeedAWrittenOverrideThatTheEntityMayForbid) {
  const int64_t tourism = EntityId("tourism");
  const std::string settings = "/api/v1/entities/" + std::to_string(tourism) + "/review-settings";
  SettingsGuard restore(app(), Admin(), settings, {"maker_checker", "forbid_error_override"});
  Credentials editor = Demo("tourism.editor");
  Credentials director = Demo("tourism.director");
  Json body = ContentBody(tourism, "زوار الإمارة " + Unique());
  body["themes"] = {"tourism"};
  body["body_ar"] = "أعلنت الدائرة أن عدد الزوار بلغ 30 مليون زائر خلال العام.";
  Reply made = app().Call("POST", "/api/v1/content-items", editor, body);
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_GT(made.json()["alignment"]["summary"]["error"].get<int64_t>(), 0) << made.body;
  const int64_t id = made.json()["id"];
  const std::string path = "/api/v1/content-items/" + std::to_string(id);
  auto step = [&](const Credentials& who, const std::string& to, std::optional<std::string> reason) {
    Json b = {{"to", to}};
    if (reason) b["override_reason"] = *reason;
    return app().Call("POST", path + "/transitions", who, b, {{"If-Match", app().Call("GET", path, who).headers["etag"]}});
  };
  const int64_t events_before = app().EventCount();
  Reply refused = step(editor, "in_review", std::nullopt);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json()["code"], "messaging.open_errors");
  EXPECT_EQ(refused.json()["field"], "override_reason");
  EXPECT_EQ(app().Call("GET", path, editor).json()["state"], "draft");
  EXPECT_EQ(step(editor, "in_review", "   ").json()["code"], "messaging.override_reason_empty");
  EXPECT_EQ(app().EventCount(), events_before);  // refusals write nothing

  // With a reason, the step goes ahead and the reason is in the audit trail.
  const std::string reason = "الرقم الجديد معتمد من المدير العام وسيُحدَّث في صحيفة الحقائق اليوم";
  Reply submitted = step(editor, "in_review", reason);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  bool audited = false;
  for (const auto& e : AllPages("/api/v1/events?limit=200", Admin())) {
    if (e["action"] == "messaging.content_item_transition" && e["object_id"] == std::to_string(id) &&
        e["payload"].value("override_reason", "") == reason) {
      audited = e["payload"]["open_errors"].get<int64_t>() > 0;
    }
  }
  EXPECT_TRUE(audited) << "the override reason is not in the audit trail";

  // The entity forbids overrides: approving is refused even with a reason, and nothing changes.
  Reply read = app().Call("GET", settings, director);
  Reply forbid = app().Call("PUT", settings, director, {{"maker_checker", false}, {"forbid_error_override", true}},
                            {{"If-Match", read.headers["etag"]}});
  ASSERT_EQ(forbid.status, 200) << forbid.body;
  EXPECT_TRUE(forbid.json()["forbid_error_override"].get<bool>());
  Reply blocked = step(director, "approved", "موافق");
  EXPECT_EQ(blocked.status, 409) << blocked.body;
  EXPECT_EQ(blocked.json()["code"], "messaging.override_forbidden");
  EXPECT_EQ(app().Call("GET", path, director).json()["state"], "in_review");

  // Using the approved figure clears the error: no reason is needed any more.
  ASSERT_EQ(step(director, "changes_requested", std::nullopt).status, 200);
  Reply fixed = app().Call("PATCH", path, editor, {{"body_ar", "أعلنت الدائرة أن عدد الزوار بلغ 24.1 مليون زائر خلال العام."}},
                           {{"If-Match", app().Call("GET", path, editor).headers["etag"]}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(fixed.json()["alignment"]["summary"]["error"], 0) << fixed.body;
  EXPECT_EQ(step(editor, "in_review", std::nullopt).status, 200);
  EXPECT_EQ(step(director, "approved", std::nullopt).status, 200);
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
