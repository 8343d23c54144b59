// Every write endpoint the server registers rejects bad input with a bilingual problem and writes nothing.
#include <gtest/gtest.h>

#include "tests/api/fresh_objects.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class BadInputTest : public FreshObjectsTest {
 protected:
  /// Whether the route's body is JSON (not a file, like an evidence upload: see compliance_api_test.cpp).
  static bool TakesJson(const http::Route& route) {
    return !route.openapi.contains("requestBody") || route.openapi["requestBody"]["content"].contains("application/json");
  }
  /// Write routes with a JSON body, path parameters filled with ids that exist.
  std::vector<std::pair<std::string, std::string>> WriteRoutes() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& route : app().app().registry->router().routes()) {
      if (route.method != "POST" && route.method != "PATCH" && route.method != "PUT") continue;
      if (!TakesJson(route)) continue;
      out.emplace_back(route.method, FillPath(route.pattern));
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
    for (const char* type : {"text/plain", "text/plain; x=application/json", "application/json-seq",
                             "application/json; charset=latin1"}) {
      // The media type is compared exactly (it was a substring match): 415, not 400.
      ExpectProblem(app().Send(method, path, "{}", admin, {{"Content-Type", type}, {"X-CSRF-Token", admin.csrf}}),
                    415, "common.unsupported_media_type", what + " " + type);
    }
    ExpectProblem(app().Send(method, path, std::string(2 << 20, 'x'), admin, json), 413, "", what + " oversized");
    if (path != "/api/v1/sessions") {
      ExpectProblem(app().Send(method, path, "{}", {}, json), 401, "auth.unauthenticated", what + " anonymous");
    }
  }
  EXPECT_EQ(app().EventCount(), before) << "a rejected request wrote an event";
}

// A body nested 100,000 levels deep (once a stack overflow that took the whole server down, sent
// without signing in) is a 400 on every write route, and the server goes on answering.
TEST_P(BadInputTest, DeeplyNestedBodiesAreRefusedAndTheServerSurvives) {
  const std::string arrays = "{\"login\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  const std::vector<std::pair<std::string, std::string>> json = {{"Content-Type", "application/json"},
                                                                   {"Accept-Language", "en"}};
  ExpectProblem(app().Send("POST", "/api/v1/sessions", arrays, {}, json), 400, "common.json_too_deep", "arrays");
  ExpectProblem(app().Send("POST", "/api/v1/sessions", objects, {}, json), 400, "common.json_too_deep", "objects");
  Credentials admin = Admin();
  auto with_csrf = json;
  with_csrf.emplace_back("X-CSRF-Token", admin.csrf);
  for (const auto& [method, path] : WriteRoutes()) {
    ExpectProblem(app().Send(method, path, arrays, admin, with_csrf), 400, "common.json_too_deep", method + " " + path);
  }
  EXPECT_EQ(app().Call("GET", "/healthz", {}).status, 200);
}

// Every route that reads a JSON body documents it; POST, PUT and PATCH routes all do.
TEST_P(BadInputTest, EveryWriteRouteDocumentsItsBody) {
  for (const auto& route : app().app().registry->router().routes()) {
    if (route.method != "POST" && route.method != "PUT" && route.method != "PATCH") continue;
    EXPECT_TRUE(route.openapi.contains("requestBody")) << route.method << " " << route.pattern;
  }
}

// Strictness, seen past every other check: a body that succeeds as it is (shown by sending it
// afterwards) plus one unknown member is refused with common.unknown_field naming the member, on
// every route that takes a body. A route that read its fields loosely would accept it.
TEST_P(BadInputTest, EveryWriteRouteRefusesAnUnknownFieldInAValidBody) {
  SettingsGuard calendar(app(), Admin(), "/api/v1/calendar/settings", {"conflict_window_hours"});
  SettingsGuard network(app(), Admin(), "/api/v1/network/settings", {"time_zone"});
  EndpointsGuard endpoints(app(), Admin());
  const auto cases = RouteCases();
  int probed = 0;
  for (const auto& route : app().app().registry->router().routes()) {
    if (!route.openapi.contains("requestBody") || !TakesJson(route)) continue;
    const std::string what = route.method + " " + route.pattern;
    const auto found = cases.find(what);
    if (found == cases.end()) {
      ADD_FAILURE() << "no valid body for " << what << " in RouteCases (tests/api/fresh_objects.hpp)";
      continue;
    }
    const RouteRequest req = found->second.make(EntityId("police"));
    const Credentials who = req.caller ? *req.caller : Admin();
    ASSERT_TRUE(req.body.is_object()) << what;
    Json with_unknown = req.body;
    with_unknown["zz_unknown"] = 1;
    const int64_t before = app().EventCount();
    Reply refused = app().Call(route.method, req.path, who, with_unknown, req.headers);
    ExpectProblem(refused, 400, "common.unknown_field", what);
    EXPECT_EQ(refused.json().value("field", ""), "zz_unknown") << what;
    EXPECT_EQ(app().EventCount(), before) << what << ": the refused request wrote an event";
    Reply accepted = app().Call(route.method, req.path, who, req.body, req.headers);
    EXPECT_EQ(accepted.status, found->second.status) << what << " without the unknown field: " << accepted.body;
    ++probed;
  }
  EXPECT_GE(probed, 40);
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

TEST_P(BadInputTest, IntegersOutsideInt64AreRefusedNotWrapped) {
  // Before: 9223372036854775808 became -9223372036854775808 and the error quoted that number.
  const std::string head = "{\"kind\":\"department\",\"code\":\"w-" + Unique() + "\",\"name_ar\":\"x\",\"name_en\":\"y\",";
  const std::vector<std::pair<std::string, std::string>> json = {
      {"Content-Type", "application/json"}, {"X-CSRF-Token", Admin().csrf}, {"Accept-Language", "en"}};
  Reply huge = app().Send("POST", "/api/v1/entities", head + "\"parent_id\":9223372036854775808}", Admin(), json);
  ExpectProblem(huge, 400, "common.integer_out_of_range", "2^63");
  EXPECT_EQ(huge.json()["field"], "parent_id");
  EXPECT_EQ(huge.body.find("-9223372036854775808"), std::string::npos) << huge.body;
  Reply max_u64 = app().Send("POST", "/api/v1/entities", head + "\"parent_id\":18446744073709551615}", Admin(), json);
  ExpectProblem(max_u64, 400, "common.integer_out_of_range", "2^64-1");
  Reply integral_float = app().Send("POST", "/api/v1/entities", head + "\"parent_id\":5.0}", Admin(), json);
  ExpectProblem(integral_float, 400, "common.expected_integer", "5.0");
}

TEST_P(BadInputTest, IdsAndQueryNumbersHaveOneSpelling) {
  Reply made = app().Call("POST", "/api/v1/tokens", Admin(), {{"name", "canonical-" + Unique()}, {"scopes", {"read"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(made.json()["id"].get<int64_t>());
  for (const std::string& spelled : std::vector<std::string>{"0" + id, "+" + id, id + " ", "00" + id}) {
    Reply r = app().Call("DELETE", "/api/v1/tokens/" + UrlEncode(spelled), Admin());
    ExpectProblem(r, 404, "common.not_found", "DELETE /tokens/" + spelled);
  }
  EXPECT_EQ(app().Call("DELETE", "/api/v1/tokens/" + id, Admin()).status, 204);  // it was still there
  EXPECT_EQ(app().Call("GET", "/api/v1/entities/9223372036854775808", Admin()).status, 404);
  ExpectProblem(app().Call("GET", "/api/v1/members?limit=050", Admin()), 400, "common.bad_limit", "limit=050");
  ExpectProblem(app().Call("GET", "/api/v1/members?cursor=%2B5", Admin()), 400, "common.bad_cursor", "cursor=+5");
  ExpectProblem(app().Call("GET", "/api/v1/calendar?from=2030-01-01&to=2030-01-31&entity_id=07", Admin()), 400,
                "common.expected_integer", "entity_id=07");
  ExpectProblem(app().Call("GET", "/api/v1/stream", Admin(), nullptr, {{"Last-Event-ID", "007"}}), 400,
                "events.bad_last_event_id", "Last-Event-ID: 007");
  ExpectProblem(app().Call("GET", "/api/v1/stream", Admin(), nullptr, {{"Last-Event-ID", "9223372036854775808"}}), 400,
                "events.bad_last_event_id", "Last-Event-ID: 2^63");
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
