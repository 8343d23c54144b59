// Vocabularies are declared once by their modules, served with both languages' labels, and are what
// input is validated against (issue 10: one channel list for messaging, the calendar and initiatives).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class VocabularyApiTest : public ApiTest {
 protected:
  std::map<std::string, Json> Vocabularies() {
    Reply r = app().Call("GET", "/api/v1/vocabularies", Demo("police.editor"));
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, Json> out;
    const Json body = r.json();
    for (const auto& v : body["items"]) out[v["name"]] = v;
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(VocabularyApiTest);

bool HasArabicLetter(const std::string& s) {
  // U+0621..U+064A are encoded D8 A1 .. D9 8A.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if ((a == 0xD8 && b >= 0xA1) || (a == 0xD9 && b <= 0x8A)) return true;
  }
  return false;
}

TEST_P(VocabularyApiTest, EveryValueHasALabelInBothLanguages) {
  const auto all = Vocabularies();
  for (const char* name : {"roles", "entity_kinds", "axes", "raci", "channels", "content_kinds", "content_states",
                           "library_states", "term_statuses", "languages", "calendar_entry_kinds", "importance",
                           "calendar_entry_statuses", "audiences", "initiative_statuses", "budget_bands"}) {
    ASSERT_TRUE(all.count(name)) << name;
  }
  for (const auto& [name, v] : all) {
    EXPECT_FALSE(v["module"].get<std::string>().empty()) << name;
    ASSERT_FALSE(v["terms"].empty()) << name;
    std::set<std::string> codes;
    for (const auto& t : v["terms"]) {
      const std::string code = t["code"];
      EXPECT_TRUE(codes.insert(code).second) << name << ": " << code << " twice";
      EXPECT_TRUE(HasArabicLetter(t["label_ar"])) << name << "." << code << ": " << t["label_ar"];
      const std::string en = t["label_en"];
      EXPECT_FALSE(en.empty()) << name << "." << code;
      EXPECT_FALSE(HasArabicLetter(en)) << name << "." << code << ": " << en;
    }
  }
}

TEST_P(VocabularyApiTest, OneChannelListValidatesTheCalendarAndTheInitiatives) {
  const auto all = Vocabularies();
  const Json channels = all.at("channels")["terms"];
  EXPECT_EQ(channels.size(), 18u);
  std::map<std::string, Json> by_code;
  for (const auto& c : channels) by_code[c["code"]] = c;
  EXPECT_TRUE(by_code.at("x")["online"].get<bool>());
  EXPECT_TRUE(by_code.at("x")["publishable"].get<bool>());
  EXPECT_FALSE(by_code.at("tv")["online"].get<bool>());
  EXPECT_FALSE(by_code.at("tv")["publishable"].get<bool>());

  Credentials editor = Demo("police.editor");
  const int64_t police = EntityId("police");
  Json entry = {{"entity_id", police}, {"kind", "event"}, {"title_ar", "فعالية"}, {"title_en", "Event"},
                {"starts_at", "2034-03-10"}, {"channels", {"tv", "x"}}};
  Reply ok = app().Call("POST", "/api/v1/calendar/entries", editor, entry);
  EXPECT_EQ(ok.status, 201) << ok.body;
  entry["channels"] = {"fax"};
  Reply bad = app().Call("POST", "/api/v1/calendar/entries", editor, entry);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json().value("code", ""), "calendar.unknown_channel");
  EXPECT_EQ(bad.json().value("field", ""), "channels");

  Json initiative = {{"owner_entity_id", police}, {"title_ar", "مبادرة"}, {"title_en", "Initiative"},
                     {"start_date", "2034-03-01"}, {"end_date", "2034-04-01"}, {"channels", {"radio", "website"}}};
  EXPECT_EQ(app().Call("POST", "/api/v1/initiatives", editor, initiative).status, 201);
  initiative["channels"] = {"fax"};
  EXPECT_EQ(app().Call("POST", "/api/v1/initiatives", editor, initiative).json().value("code", ""),
            "initiatives.bad_channel");
}

}  // namespace
}  // namespace sawt::testing
