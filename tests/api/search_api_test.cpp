// Black-box tests of GET /api/v1/search on both stores: Arabic and English analysis, permissions,
// highlighting, a judged query set with identical rankings on SQLite and PostgreSQL, bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "search/search_indexer.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

struct FixtureDoc {
  const char* key;  // entity code or member login
  const char* name_ar;
  const char* name_en;
  const char* title_ar;  // members only
  const char* title_en;
};

// Entities (departments under the office), visible to everyone.
constexpr FixtureDoc kEntities[] = {
    {"srch-wizarat", "الوزارات الاتحادية", "Federal Ministries", "", ""},
    {"srch-wizara", "وزارة الداخلية", "Ministry of Interior", "", ""},
    {"srch-walwizara", "والوزارة المعنية", "And the concerned ministry", "", ""},
    {"srch-idara", "إدارة الأزمات", "Crisis Management", "", ""},
    {"srch-idara2", "ادارة الطوارئ", "Emergency Administration", "", ""},
    {"srch-sihha", "مركز الصّحة العامة", "Public Health Centre", "", ""},
    {"srch-comms", "قسم الاتصالات الرقمية", "Digital Communication Section", "", ""},
};
// Members of the health authority: visible to its members and network admins only.
constexpr FixtureDoc kMembers[] = {
    {"srch.salem", "سالم الكعبي", "Salem Alkaabi", "رئيس قسم المتحدثين الرسميين", "Head of Official Spokespersons"},
    {"srch.mariam", "مريم الهاشمي", "Mariam Alhashmi", "مسؤولة الاتصال", "Communications Officer"},
};

/// Per backend: fixture key by (doc_type, doc_id), and each judged query's ranked keys.
struct BackendState {
  std::map<std::pair<std::string, int64_t>, std::string> keys;
  std::map<std::string, std::vector<std::string>> rankings;
};
std::map<BackendKind, BackendState>& States() {
  static auto* states = new std::map<BackendKind, BackendState>();
  return *states;
}

class SearchApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    BackendState& state = States()[GetParam()];
    if (!state.keys.empty()) return;
    for (const auto& e : kEntities) {
      Json body = {{"kind", "department"}, {"parent_id", EntityId("gco")}, {"code", e.key},
                   {"name_ar", e.name_ar},  {"name_en", e.name_en}};
      Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
      ASSERT_EQ(r.status, 201) << r.body;
      state.keys[{"entity", r.json()["id"].get<int64_t>()}] = e.key;
    }
    for (const auto& m : kMembers) {
      Json body = {{"login", m.key},         {"password", "search-password"}, {"name_ar", m.name_ar},
                   {"name_en", m.name_en},   {"title_ar", m.title_ar},       {"title_en", m.title_en},
                   {"email", std::string(m.key) + "@example.org"}, {"entity_id", EntityId("health")},
                   {"role", "member"}};
      Reply r = app().Call("POST", "/api/v1/members", Admin(), body);
      ASSERT_EQ(r.status, 201) << r.body;
      state.keys[{"member", r.json()["id"].get<int64_t>()}] = m.key;
    }
  }

  Reply Search(const std::string& q, const Credentials& who, const std::string& extra = "") {
    return app().Call("GET", "/api/v1/search?q=" + UrlEncode(q) + extra, who);
  }

  /// The fixture keys among the hits, in rank order.
  std::vector<std::string> FixtureHits(const Json& result) {
    const auto& keys = States()[GetParam()].keys;
    std::vector<std::string> out;
    for (const auto& item : result["items"]) {
      auto it = keys.find({item["doc_type"].get<std::string>(), item["doc_id"].get<int64_t>()});
      if (it != keys.end()) out.push_back(it->second);
    }
    return out;
  }

  std::vector<std::string> Hits(const std::string& q, const Credentials& who) {
    Reply r = Search(q, who, "&limit=100");
    EXPECT_EQ(r.status, 200) << q << ": " << r.body;
    return r.status == 200 ? FixtureHits(r.json()) : std::vector<std::string>{};
  }

  static bool Has(const std::vector<std::string>& hits, const std::string& key) {
    return std::find(hits.begin(), hits.end(), key) != hits.end();
  }
};
SAWT_INSTANTIATE_BOTH_STORES(SearchApiTest);

TEST_P(SearchApiTest, ArabicPluralWithArticleFindsPrefixedSingular) {
  auto hits = Hits("الوزارات", Admin());
  EXPECT_TRUE(Has(hits, "srch-wizarat"));
  EXPECT_TRUE(Has(hits, "srch-walwizara"));
}

// The light stemmer (Lucene ArabicStemmer) reads the root و of "وزارة" as the conjunction
// (→ زار) while "الوزارات" loses only ال (→ وزار); search also indexes and queries the stem that
// keeps the و (AnalyzerOptions::waw_alternatives), so both meet (docs/search.md).
TEST_P(SearchApiTest, ArabicPluralWithArticleFindsBareSingular) {
  EXPECT_TRUE(Has(Hits("الوزارات", Admin()), "srch-wizara"));
}

TEST_P(SearchApiTest, ArabicBareSingularFindsDefinitePluralAndPrefixedSingular) {
  auto hits = Hits("وزارة", Admin());
  EXPECT_TRUE(Has(hits, "srch-wizara"));
  EXPECT_TRUE(Has(hits, "srch-wizarat"));    // الوزارات الاتحادية
  EXPECT_TRUE(Has(hits, "srch-walwizara"));  // والوزارة المعنية
  // Both words must match: the alternatives of one word count as one query term.
  EXPECT_EQ(Hits("وزارة الاتحادية", Admin()), std::vector<std::string>{"srch-wizarat"});
  Reply r = Search("وزارة", Admin(), "&type=entity&limit=100");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json result = r.json();
  bool found = false;
  for (const auto& item : result["items"]) {
    if (item["title_ar"] != "الوزارات الاتحادية") continue;
    found = true;
    EXPECT_NE(item["snippet"].get<std::string>().find("<mark>الوزارات</mark>"), std::string::npos) << item;
    EXPECT_GT(item["score"].get<double>(), 0);
  }
  EXPECT_TRUE(found) << r.body;
}

TEST_P(SearchApiTest, ArabicSingularFindsDefinitePlural) {
  EXPECT_TRUE(Has(Hits("متحدث", Admin()), "srch.salem"));
}

TEST_P(SearchApiTest, IgnoresHamzaAndDiacritics) {
  for (const std::string q : {"إدارة", "ادارة"}) {
    auto hits = Hits(q, Admin());
    EXPECT_TRUE(Has(hits, "srch-idara")) << q;
    EXPECT_TRUE(Has(hits, "srch-idara2")) << q;
  }
  EXPECT_TRUE(Has(Hits("الصحة", Admin()), "srch-sihha"));
  EXPECT_TRUE(Has(Hits("الصّحة", Admin()), "srch-sihha"));
}

TEST_P(SearchApiTest, EnglishIsStemmed) {
  auto hits = Hits("communications", Admin());
  EXPECT_TRUE(Has(hits, "srch-comms"));  // "Communication"
  EXPECT_TRUE(Has(hits, "srch.mariam"));
}

TEST_P(SearchApiTest, MembersOfOtherEntitiesStayHidden) {
  Credentials police = Demo("police.editor");
  // An administrator created the account: its first sign-in replaces the temporary password.
  Credentials health = app().FirstLogin("srch.salem", "search-password", "search-password-mine");
  EXPECT_FALSE(Has(Hits("مريم الهاشمي", police), "srch.mariam"));
  EXPECT_FALSE(Has(Hits("communications", police), "srch.mariam"));
  EXPECT_TRUE(Has(Hits("communications", police), "srch-comms"));  // entities are visible to all
  EXPECT_TRUE(Has(Hits("مريم الهاشمي", health), "srch.mariam"));
  EXPECT_TRUE(Has(Hits("مريم الهاشمي", Admin()), "srch.mariam"));
  Reply typed = Search("communications", police, "&type=member");
  ASSERT_EQ(typed.status, 200);
  const Json typed_hits = typed.json();
  for (const auto& item : typed_hits["items"]) EXPECT_EQ(item["doc_type"], "member");
  EXPECT_TRUE(FixtureHits(typed_hits).empty());
}

// The rule over every hit: a member is found only by callers who share an entity with them (an
// active role in it or above it); entities and initiatives by everyone. Each query's hits for a
// police editor are exactly the network admin's hits that pass the rule.
TEST_P(SearchApiTest, EveryHitFollowsTheVisibilityRule) {
  Credentials editor = Demo("police.editor");
  std::set<int64_t> editor_entities;
  // Keep the reply alive: a range-for over a member of a temporary dangles in C++20.
  const core::Json me = app().Call("GET", "/api/v1/me", editor).json();
  for (const auto& role : me["roles"]) {
    for (int64_t e : Subtree(role["entity_id"].get<int64_t>())) editor_entities.insert(e);
  }
  std::map<int64_t, bool> member_visible;
  auto visible = [&](const Json& hit) {
    if (hit["doc_type"] != "member") return true;
    const int64_t id = hit["doc_id"];
    if (!member_visible.count(id)) {
      bool shares = false;
      for (const auto& m : AllPages("/api/v1/memberships?limit=200&member_id=" + std::to_string(id), Admin())) {
        shares = shares || (m["status"] == "active" && editor_entities.count(m["entity_id"].get<int64_t>()) > 0);
      }
      member_visible[id] = shares;
    }
    return member_visible[id];
  };
  auto keys = [](const Json& items) {
    std::set<std::pair<std::string, int64_t>> out;
    for (const auto& hit : items) out.insert({hit["doc_type"].get<std::string>(), hit["doc_id"].get<int64_t>()});
    return out;
  };
  int hidden = 0;
  for (const std::string q : {"communications", "مريم الهاشمي", "editor", "محرر", "الشرطة", "health"}) {
    Reply mine = Search(q, editor, "&limit=100");
    Reply all = Search(q, Admin(), "&limit=100");
    ASSERT_EQ(mine.status, 200) << q << ": " << mine.body;
    ASSERT_EQ(all.status, 200) << q << ": " << all.body;
    ASSERT_LT(all.json()["items"].size(), 100u) << q << ": the comparison needs every hit";
    Json expected = Json::array();
    for (const auto& hit : all.json()["items"]) {
      if (visible(hit)) expected.push_back(hit);
      else ++hidden;
    }
    for (const auto& hit : mine.json()["items"]) EXPECT_TRUE(visible(hit)) << q << ": " << hit.dump();
    EXPECT_EQ(keys(mine.json()["items"]), keys(expected)) << q;
  }
  EXPECT_GT(hidden, 0) << "no query found a member the editor may not see: the rule was not exercised";
}

TEST_P(SearchApiTest, SnippetsMarkHitsAndEscapeHtml) {
  Reply r = Search("متحدث", Admin(), "&type=member");
  ASSERT_EQ(r.status, 200) << r.body;
  bool found = false;
  const Json result = r.json();
  for (const auto& item : result["items"]) {
    if (item["title_en"].get<std::string>() != "Salem Alkaabi") continue;
    found = true;
    EXPECT_NE(item["snippet"].get<std::string>().find("<mark>المتحدثين</mark>"), std::string::npos) << item;
    EXPECT_GT(item["score"].get<double>(), 0);
    EXPECT_EQ(item["title"], "Salem Alkaabi");  // Accept-Language: en
    EXPECT_EQ(item["entity_id"], EntityId("health"));
  }
  EXPECT_TRUE(found) << r.body;
}

TEST_P(SearchApiTest, JudgedQueriesRankTheSameOnBothStores) {
  std::ifstream in(std::string(__FILE__).substr(0, std::string(__FILE__).rfind("tests/api/")) +
                   "src/search/testdata/judged_queries.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int queries = 0;
  BackendState& state = States()[GetParam()];
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string q = line.substr(0, tab);
    std::set<std::string> expected;
    std::stringstream keys(line.substr(tab + 1));
    for (std::string k; std::getline(keys, k, ',');) expected.insert(k);
    auto hits = Hits(q, Admin());
    EXPECT_EQ(std::set<std::string>(hits.begin(), hits.end()), expected) << q;
    EXPECT_EQ(hits.size(), expected.size()) << q;
    state.rankings[q] = hits;
    ++queries;
  }
  EXPECT_GE(queries, 10);
  // The other store, when it already ran this test, must have ranked every query identically.
  for (const auto& [kind, other] : States()) {
    if (kind == GetParam() || other.rankings.empty()) continue;
    for (const auto& [q, ranked] : state.rankings) EXPECT_EQ(ranked, other.rankings.at(q)) << q;
  }
}

TEST_P(SearchApiTest, RebuildsAnEmptiedIndex) {
  store::Store& store = *app().app().store;
  const search::SearchTypes& types = app().app().registry->search_types();
  ASSERT_TRUE(store.Write([&](store::Tx& tx) -> core::Status {
    for (const auto& [name, t] : types) SAWT_TRY_STATUS(search::SearchIndexer::RemoveType(tx, name));
    return tx.Append({"test", "test.search_index_cleared", std::nullopt, "search_index", "all", Json::object()})
        .has_value()
        ? core::Ok()
        : core::Status(core::Error::Internal("append"));
  }));
  EXPECT_TRUE(Hits("متحدث", Admin()).empty());
  auto rebuilt = search::RebuildIfEmpty(store, types);
  ASSERT_TRUE(rebuilt.has_value());
  EXPECT_GT(*rebuilt, 0);
  EXPECT_TRUE(Has(Hits("متحدث", Admin()), "srch.salem"));
  auto again = search::RebuildIfEmpty(store, types);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
}

TEST_P(SearchApiTest, BadQueriesAreProblems) {
  for (const std::string& extra : std::vector<std::string>{"", "?q=", "?q=%20%20", "?q=" + std::string(300, 'a')}) {
    Reply r = app().Call("GET", "/api/v1/search" + extra, Admin());
    EXPECT_EQ(r.status, 400) << extra;
    EXPECT_EQ(r.headers["content-type"].rfind("application/problem+json", 0), 0u);
    EXPECT_EQ(r.json()["code"], "search.bad_query") << r.body;
  }
  Reply ar = app().Send("GET", "/api/v1/search?q=", {}, {});
  EXPECT_EQ(ar.status, 401);
  EXPECT_EQ(Search("x", Admin(), "&type=nothing").json()["code"], "search.bad_type");
  EXPECT_EQ(Search("x", Admin(), "&limit=0").status, 400);
  EXPECT_EQ(Search("x", Admin(), "&limit=abc").status, 400);
  Reply stop_words_only = Search("the of", Admin());
  ASSERT_EQ(stop_words_only.status, 200);
  EXPECT_TRUE(stop_words_only.json()["items"].empty());
}

TEST_P(SearchApiTest, BadQueryMessageIsBilingual) {
  Reply en = app().Call("GET", "/api/v1/search?q=", Admin());
  EXPECT_EQ(en.json()["detail"], "The search text is required and must not exceed 256 bytes.");
  Reply ar = app().Call("GET", "/api/v1/search?q=", Admin(), nullptr, {{"Accept-Language", "ar"}});
  EXPECT_EQ(ar.json()["detail"], "نص البحث مطلوب، ويجب ألا يتجاوز ٢٥٦ بايت.");
}

}  // namespace
}  // namespace sawt::testing
