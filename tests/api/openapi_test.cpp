// The OpenAPI document covers every registered route, and every message has both languages.
#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <set>

#include "http/messages.hpp"
#include "tests/api/fixture.hpp"
#include "tests/support/json_schema.hpp"

namespace sawt::testing {
namespace {

class OpenApiTest : public ApiTest {};
SAWT_INSTANTIATE_BOTH_STORES(OpenApiTest);

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_P(OpenApiTest, EveryRegisteredRouteIsDocumented) {
  Reply r = app().Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  core::Json doc = r.json();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const auto& routes = app().app().registry->router().routes();
  ASSERT_GE(routes.size(), 25u);
  for (const auto& route : routes) {
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    const auto& op = doc["paths"][route.pattern][Lower(route.method)];
    EXPECT_TRUE(op.is_object()) << route.method << " " << route.pattern;
    EXPECT_FALSE(op.value("summary", "").empty()) << route.method << " " << route.pattern;
    EXPECT_TRUE(op.contains("responses")) << route.method << " " << route.pattern;
  }
  EXPECT_TRUE(doc["paths"].contains("/healthz"));
  EXPECT_EQ(app().Send("GET", "/healthz").status, 200);
  EXPECT_TRUE(doc["paths"].contains("/metrics"));
}

TEST_P(OpenApiTest, MetricsAreForNetworkAdminsOnly) {
  // Before: GET /metrics answered anyone who could reach the port (route names, error rates).
  Reply anonymous = app().Send("GET", "/metrics");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.json()["code"], "auth.unauthenticated");
  Reply member = app().Call("GET", "/metrics", Demo("police.editor"));
  EXPECT_EQ(member.status, 403);
  EXPECT_EQ(member.json()["code"], "auth.forbidden");
  app().Send("GET", "/healthz");
  Reply admin = app().Call("GET", "/metrics", Admin());
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(admin.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  // The exposition counts the app's own requests (the counters are shared with the listener).
  EXPECT_NE(admin.body.find("sawt_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
            std::string::npos)
      << admin.body.substr(0, 400);
  EXPECT_NE(admin.body.find("# TYPE sawt_http_request_duration_seconds histogram"), std::string::npos);
}

TEST_P(OpenApiTest, EverySchemaReferenceResolves) {
  core::Json doc = app().Send("GET", "/api/v1/openapi.json").json();
  const SchemaValidator resolver(doc);
  std::function<void(const core::Json&)> walk = [&](const core::Json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        const std::string ref = j["$ref"];
        EXPECT_TRUE(ref.rfind("#/components/schemas/", 0) == 0 || ref.rfind("#/components/responses/", 0) == 0) << ref;
        EXPECT_NE(resolver.Resolve(ref), nullptr) << ref;
      }
      for (const auto& [_, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc);
}

// Generated clients name their methods after operationIds: plain identifiers, one per operation.
TEST_P(OpenApiTest, OperationIdsArePlainAndUnique) {
  const core::Json doc = app().Send("GET", "/api/v1/openapi.json").json();
  const std::regex plain("^[a-z][A-Za-z0-9]*$");
  std::set<std::string> seen;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      const std::string id = op.value("operationId", "");
      EXPECT_TRUE(std::regex_match(id, plain)) << method << " " << path << ": \"" << id << "\"";
      EXPECT_TRUE(seen.insert(id).second) << "operationId " << id << " twice";
    }
  }
  EXPECT_EQ(doc["paths"]["/api/v1/content-items/{id}/variants/{channel}"]["put"]["operationId"],
            "putContentItemsByIdVariantsByChannel");
}

// The statuses any operation can answer are documented where they apply (the contract check of
// every test's answers holds the rest): 400, 431, 500 and 503 everywhere; 401 and 403 when the
// route needs a caller; 413 and 415 with a body; 404 with a path parameter; 412 with If-Match.
// Every error answer is a problem document.
TEST_P(OpenApiTest, EveryOperationListsTheProblemsItCanAnswer) {
  const core::Json doc = app().Send("GET", "/api/v1/openapi.json").json();
  const SchemaValidator resolver(doc);
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      const std::string what = method + " " + path;
      const core::Json& responses = op["responses"];
      std::vector<std::string> expected = {"400", "431", "500", "503"};
      const bool is_public = op.contains("security") && op["security"].empty();
      if (!is_public) expected.insert(expected.end(), {"401", "403"});
      if (op.contains("requestBody")) expected.insert(expected.end(), {"413", "415"});
      for (const auto& p : op.value("parameters", core::Json::array())) {
        if (p["in"] == "path") expected.push_back("404");
        if (p["name"] == "If-Match") expected.push_back("412");
      }
      for (const auto& status : expected) EXPECT_TRUE(responses.contains(status)) << what << " lacks " << status;
      for (const auto& [status, response] : responses.items()) {
        if (status[0] != '4' && status[0] != '5') continue;
        const core::Json* resolved = response.contains("$ref") ? resolver.Resolve(response["$ref"]) : &response;
        ASSERT_NE(resolved, nullptr) << what << " " << status;
        EXPECT_TRUE(resolved->contains("content") && (*resolved)["content"].contains("application/problem+json"))
            << what << " " << status;
      }
    }
  }
}

TEST_P(OpenApiTest, EveryMessageHasArabicAndEnglish) {
  auto messages = app().app().registry->messages().All();
  ASSERT_GE(messages.size(), 40u);
  for (const auto& m : messages) {
    EXPECT_FALSE(m.ar.empty()) << m.key;
    EXPECT_FALSE(m.en.empty()) << m.key;
    EXPECT_NE(m.ar, m.en) << m.key;
    EXPECT_NE(m.key.find('.'), std::string::npos) << m.key;
  }
  // Typed slots ({0, plural, …}, {0, channels}) parse and name registered vocabularies.
  EXPECT_EQ(app().app().registry->messages().Problems(), std::vector<std::string>());
}

TEST_P(OpenApiTest, ReadinessChecksTheStore) {
  Reply r = app().Send("GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ready");
}

}  // namespace
}  // namespace sawt::testing
