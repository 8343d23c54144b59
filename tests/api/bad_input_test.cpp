// Every write endpoint the server registers rejects bad input with a bilingual problem and writes nothing.
#include <gtest/gtest.h>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class BadInputTest : public ApiTest {
 protected:
  /// Write routes with a JSON body, path parameters filled with ids that exist.
  std::vector<std::pair<std::string, std::string>> WriteRoutes() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& route : app().app().registry->router().routes()) {
      if (route.method != "POST" && route.method != "PATCH" && route.method != "PUT") continue;
      std::string path = route.pattern;
      if (auto p = path.find("{id}"); p != std::string::npos) path.replace(p, 4, "1");
      out.emplace_back(route.method, path);
    }
    return out;
  }

  void ExpectProblem(Reply r, int status, const std::string& code, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    EXPECT_EQ(r.headers["content-type"].rfind("application/problem+json", 0), 0u) << what;
    Json j = r.json();
    EXPECT_EQ(j.value("status", 0), status) << what;
    if (!code.empty()) {
      EXPECT_EQ(j.value("code", ""), code) << what;
    }
    EXPECT_FALSE(j.value("detail", "").empty()) << what;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(BadInputTest);

TEST_P(BadInputTest, EveryWriteRouteRejectsBadBodiesAndWritesNothing) {
  Credentials admin = Admin();
  const int64_t before = app().EventCount();
  const std::string bad_utf8 = std::string("{\"name_ar\":\"\xC3\x28\"}");
  auto routes = WriteRoutes();
  ASSERT_GE(routes.size(), 8u);
  for (const auto& [method, path] : routes) {
    const std::string what = method + " " + path;
    std::vector<std::pair<std::string, std::string>> json = {{"Content-Type", "application/json"},
                                                               {"X-CSRF-Token", admin.csrf},
                                                               {"Accept-Language", "en"}};
    ExpectProblem(app().Send(method, path, "{\"a\":", admin, json), 400, "common.malformed_json", what + " malformed");
    ExpectProblem(app().Send(method, path, "[1,2]", admin, json), 400, "common.expected_object", what + " array");
    ExpectProblem(app().Send(method, path, bad_utf8, admin, json), 400, "", what + " invalid UTF-8");
    ExpectProblem(app().Send(method, path, "{\"zz_unknown\":1}", admin, json), 400, "", what + " unknown field");
    ExpectProblem(app().Send(method, path, "{}", admin, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", admin.csrf}}),
                  400, "common.unsupported_media_type", what + " text/plain");
    ExpectProblem(app().Send(method, path, std::string(2 << 20, 'x'), admin, json), 413, "", what + " oversized");
    if (path != "/api/v1/sessions") {
      ExpectProblem(app().Send(method, path, "{}", {}, json), 401, "auth.unauthenticated", what + " anonymous");
    }
  }
  EXPECT_EQ(app().EventCount(), before) << "a rejected request wrote an event";
}

TEST_P(BadInputTest, UnknownFieldsNameTheField) {
  Json body = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", "x-" + Unique()},
               {"name_ar", "إدارة"}, {"name_en", "Dept"}, {"colour", "#ffffff"}};
  Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
  ExpectProblem(r, 400, "common.unknown_field", "unknown");
  EXPECT_EQ(r.json()["field"], "colour");
}

TEST_P(BadInputTest, WrongTypesAreRejectedWithTheFieldPath) {
  Json body = {{"kind", "department"}, {"parent_id", "police"}, {"code", "t-" + Unique()}, {"name_ar", 5}, {"name_en", "D"}};
  Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
  ExpectProblem(r, 400, "common.expected_string", "name_ar as number");  // the first bad field is reported
  EXPECT_EQ(r.json()["field"], "name_ar");
  body["name_ar"] = "إدارة";
  Reply r2 = app().Call("POST", "/api/v1/entities", Admin(), body);
  ExpectProblem(r2, 400, "common.expected_integer", "parent_id as string");
  EXPECT_EQ(r2.json()["field"], "parent_id");
  Reply r3 = app().Call("PATCH", "/api/v1/members/1", Admin(), {{"active", "no"}});
  ExpectProblem(r3, 400, "common.expected_boolean", "active as string");
}

TEST_P(BadInputTest, ProblemsAreArabicByDefault) {
  Reply r = app().Send("POST", "/api/v1/sessions", "{", {}, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.headers["content-language"], "ar");
  const std::string detail = r.json().value("detail", "");
  EXPECT_NE(detail.find("\xD8"), std::string::npos) << detail;  // Arabic letters are U+06xx: lead byte 0xD8..0xDB
}

TEST_P(BadInputTest, DomainRulesAreEnforced) {
  Credentials admin = Admin();
  auto code_of = [&](const Json& body) { return app().Call("POST", "/api/v1/entities", admin, body).json().value("code", ""); };
  Json base = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", "d-" + Unique()},
               {"name_ar", "إدارة"}, {"name_en", "Dept"}};
  Json b = base;
  b["color"] = "red";
  EXPECT_EQ(code_of(b), "network.bad_color");
  b = base;
  b["code"] = "Bad Code!";
  EXPECT_EQ(code_of(b), "network.bad_code");
  b = base;
  b["kind"] = "entity";  // an entity must sit under a government, not under an entity
  EXPECT_EQ(code_of(b), "network.bad_parent");
  b = base;
  b["parent_id"] = 987654;
  EXPECT_EQ(code_of(b), "network.parent_not_found");
  b = base;
  b["logo_url"] = "javascript:alert(1)";
  EXPECT_EQ(code_of(b), "network.bad_logo_url");
  b = base;
  b["name_ar"] = "   ";
  EXPECT_EQ(code_of(b), "common.field_empty");
  Reply del = app().Call("DELETE", "/api/v1/entities/" + std::to_string(EntityId("police")), admin);
  EXPECT_EQ(del.json().value("code", ""), "network.entity_not_empty");
}

}  // namespace
}  // namespace sawt::testing
