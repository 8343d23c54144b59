// The server's texts by the reader's language and digits (issue 11): problem details and finding
// explanations in Arabic with Arabic-Indic digits and the plural a count takes by default, Latin
// digits with Accept-Language "ar-u-nu-latn", English with Latin digits.
#include <gtest/gtest.h>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class LocaleApiTest : public ApiTest {
 protected:
  /// A body nested deeper than the 64 levels the server reads, refused before anyone signs in.
  Reply TooDeep(const std::string& accept_language) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
    if (!accept_language.empty()) headers.emplace_back("Accept-Language", accept_language);
    return app().Send("POST", "/api/v1/sessions", "{\"login\":" + std::string(100, '[') + std::string(100, ']') + "}",
                      {}, headers);
  }
  /// The alignment check of a draft stating 23 million visitors against the approved 24.1 million.
  Json FactFinding(const std::string& accept_language) {
    const Credentials editor = Demo("tourism.editor");
    Reply r = app().Send("POST", "/api/v1/alignment-checks",
                         Json{{"text_ar", "أعلنت الدائرة أن عدد الزوار بلغ 23 مليون زائر خلال العام."}}.dump(), editor,
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf},
                          {"Accept-Language", accept_language}});
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& f : r.json()["findings"]) {
      if (f["kind"] == "fact") return f;
    }
    ADD_FAILURE() << r.body;
    return Json::object();
  }
};

SAWT_INSTANTIATE_BOTH_STORES(LocaleApiTest);

TEST_P(LocaleApiTest, ProblemDetailsFollowLanguageDigitsAndPlurals) {
  Reply ar = TooDeep("");
  ASSERT_EQ(ar.status, 400) << ar.body;
  EXPECT_EQ(ar.json()["detail"], "نص الطلب متداخل بعمق يتجاوز ٦٤ مستوى.");
  EXPECT_EQ(ar.headers["content-language"], "ar");
  EXPECT_EQ(TooDeep("ar-u-nu-arab").json()["detail"], "نص الطلب متداخل بعمق يتجاوز ٦٤ مستوى.");
  EXPECT_EQ(TooDeep("ar-u-nu-latn").json()["detail"], "نص الطلب متداخل بعمق يتجاوز 64 مستوى.");
  EXPECT_EQ(TooDeep("ar-AE-u-nu-latn, en;q=0.5").json()["detail"], "نص الطلب متداخل بعمق يتجاوز 64 مستوى.");
  EXPECT_EQ(TooDeep("en").json()["detail"], "The request body is nested deeper than 64 levels.");
  EXPECT_EQ(TooDeep("en-u-nu-arab").json()["detail"], "The request body is nested deeper than ٦٤ levels.");
  // An unknown numbering system is no preference: the deployment's Arabic-Indic digits.
  EXPECT_EQ(TooDeep("ar-u-nu-thai").json()["detail"], "نص الطلب متداخل بعمق يتجاوز ٦٤ مستوى.");
}

TEST_P(LocaleApiTest, TheTextsOwnFiguresAndRecordNumbersFollowTheReader) {
  auto detail = [&](const std::string& path, const std::string& accept_language) {
    Reply r = app().Call("GET", path, Admin(), nullptr, {{"Accept-Language", accept_language}});
    EXPECT_GE(r.status, 400) << r.body;
    return r.json().value("detail", "");
  };
  EXPECT_EQ(detail("/api/v1/search?q=x&limit=1000", "ar"), "عدد النتائج يجب أن يكون بين ١ و١٠٠.");
  EXPECT_EQ(detail("/api/v1/search?q=x&limit=1000", "ar-u-nu-latn"), "عدد النتائج يجب أن يكون بين 1 و100.");
  EXPECT_EQ(detail("/api/v1/entities/987654", "ar"), "الجهة رقم ٩٨٧٦٥٤ غير موجودة.");
  EXPECT_EQ(detail("/api/v1/entities/987654", "ar-u-nu-latn"), "الجهة رقم 987654 غير موجودة.");
  EXPECT_EQ(detail("/api/v1/entities/987654", "en"), "Entity 987654 does not exist.");
}

TEST_P(LocaleApiTest, CalendarLimitsInTheReadersDigitsAndPlural) {
  const Credentials editor = Demo("police.editor");
  const Json entry = {{"entity_id", EntityId("police")}, {"kind", "announcement"}, {"title_ar", "إعلان طويل"},
                      {"title_en", "A long announcement"}, {"starts_at", "2034-01-01T06:00:00Z"},
                      {"ends_at", "2035-06-01T06:00:00Z"}, {"importance", "normal"}, {"audience", "public"}};
  auto post = [&](const std::string& accept_language) {
    return app().Send("POST", "/api/v1/calendar/entries", entry.dump(), editor,
                      {{"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf}, {"Accept-Language", accept_language}});
  };
  Reply ar = post("ar");
  ASSERT_EQ(ar.status, 400) << ar.body;
  EXPECT_EQ(ar.json()["code"], "calendar.too_long");
  EXPECT_EQ(ar.json()["detail"], "المدة أطول من ٣٦٦ يومًا.");  // 366: the "many" form
  EXPECT_EQ(post("ar-u-nu-latn").json()["detail"], "المدة أطول من 366 يومًا.");
  EXPECT_EQ(post("en").json()["detail"], "The duration is longer than 366 days.");
}

TEST_P(LocaleApiTest, FindingTextsFollowTheReadersDigits) {
  const Json arab = FactFinding("ar");
  const std::string by_default = arab.value("message_ar", "");
  EXPECT_NE(by_default.find("يخالف الرقم المعتمد لـ"), std::string::npos) << arab;
  EXPECT_NE(by_default.find(": ٢٤٫١ مليون (حتى "), std::string::npos) << arab;
  EXPECT_EQ(by_default.find("24.1"), std::string::npos) << arab;
  EXPECT_NE(arab.value("message_en", "").find(": 24.1 million (as of "), std::string::npos) << arab;

  const Json latin = FactFinding("ar-u-nu-latn");
  EXPECT_NE(latin.value("message_ar", "").find(": 24.1 مليون (حتى "), std::string::npos) << latin;
  EXPECT_EQ(latin.value("message_ar", "").find("٢"), std::string::npos) << latin;
  // The excerpt is the draft's own text, never rewritten.
  EXPECT_NE(latin.value("message_ar", "").find("«23 مليون»"), std::string::npos) << latin;
  EXPECT_NE(arab.value("message_ar", "").find("«23 مليون»"), std::string::npos) << arab;
}

// A content item's own findings (create, read, edit, workflow steps) follow the reader's digits too.
TEST_P(LocaleApiTest, ContentItemFindingsFollowTheReadersDigits) {
  const Credentials editor = Demo("tourism.editor");
  auto send = [&](const std::string& method, const std::string& path, const Json& body, const std::string& lang) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf}, {"Accept-Language", lang}};
    return app().Send(method, path, body.is_null() ? "" : body.dump(), editor, headers);
  };
  auto fact = [](const Reply& r) {
    for (const auto& f : r.json()["alignment"]["findings"]) {
      if (f["kind"] == "fact") return f.value("message_ar", "");
    }
    return std::string();
  };
  Reply made = send("POST", "/api/v1/content-items",
                    {{"kind", "social_post"}, {"owner_entity_id", EntityId("tourism")}, {"title_ar", "زوار " + Unique()},
                     {"body_ar", "أعلنت الدائرة أن عدد الزوار بلغ 23 مليون زائر خلال العام."}, {"themes", {"tourism"}}},
                    "ar-u-nu-latn");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_NE(fact(made).find(": 24.1 مليون"), std::string::npos) << made.body;
  const std::string path = "/api/v1/content-items/" + std::to_string(made.json()["id"].get<int64_t>());
  Reply arab = send("GET", path, nullptr, "ar-u-nu-arab");
  ASSERT_EQ(arab.status, 200) << arab.body;
  EXPECT_NE(fact(arab).find(": ٢٤٫١ مليون"), std::string::npos) << arab.body;
  Reply latin = send("GET", path, nullptr, "ar-u-nu-latn");
  EXPECT_NE(fact(latin).find(": 24.1 مليون"), std::string::npos) << latin.body;
  EXPECT_EQ(fact(latin).find("٢"), std::string::npos) << latin.body;
}

TEST_P(LocaleApiTest, SimilarityReadsInWords) {
  const Credentials admin = Admin();
  Reply r = app().Send("POST", "/api/v1/alignment-checks",
                       Json{{"text_ar", "أكدت هيئة الطرق والمواصلات أن السرعة الزائدة هي السبب الأول للحوادث المرورية الخطيرة."},
                            {"themes", {"road-safety"}}}
                           .dump(),
                       admin, {{"Content-Type", "application/json"}, {"X-CSRF-Token", admin.csrf}});
  ASSERT_EQ(r.status, 200) << r.body;
  int reflected = 0;
  for (const auto& f : r.json()["findings"]) {
    if (f["reason"] != "messaging.alignment.key_message_reflected") continue;
    ++reflected;
    const std::string ar = f["message_ar"], en = f["message_en"];
    EXPECT_TRUE(ar.find("تطابق قوي") != std::string::npos || ar.find("تطابق قريب") != std::string::npos ||
                ar.find("تطابق جزئي") != std::string::npos)
        << ar;
    EXPECT_TRUE(en.find("a strong match") != std::string::npos || en.find("a close match") != std::string::npos ||
                en.find("a partial match") != std::string::npos)
        << en;
    EXPECT_EQ(en.find("0."), std::string::npos) << en;
    EXPECT_TRUE(f["details"]["score"].is_number()) << f;
  }
  EXPECT_GE(reflected, 1) << r.body;
}

}  // namespace
}  // namespace sawt::testing
