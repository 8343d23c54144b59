// The OpenAPI document covers every registered route, and every message has both languages.
#include <gtest/gtest.h>

#include <functional>

#include "http/messages.hpp"
#include "tests/api/fixture.hpp"

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
  for (const char* builtin : {"/healthz", "/metrics"}) {
    EXPECT_TRUE(doc["paths"].contains(builtin)) << builtin;
    EXPECT_EQ(app().Send("GET", builtin).status, 200) << builtin;
  }
}

TEST_P(OpenApiTest, EverySchemaReferenceResolves) {
  core::Json doc = app().Send("GET", "/api/v1/openapi.json").json();
  std::function<void(const core::Json&)> walk = [&](const core::Json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        std::string ref = j["$ref"];
        const std::string prefix = "#/components/schemas/";
        ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
        EXPECT_TRUE(doc["components"]["schemas"].contains(ref.substr(prefix.size()))) << ref;
      }
      for (const auto& [_, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc);
}

TEST_P(OpenApiTest, EveryMessageHasArabicAndEnglish) {
  auto messages = http::AllMessages();
  ASSERT_GE(messages.size(), 40u);
  for (const auto& m : messages) {
    EXPECT_FALSE(m.ar.empty()) << m.key;
    EXPECT_FALSE(m.en.empty()) << m.key;
    EXPECT_NE(m.ar, m.en) << m.key;
    EXPECT_NE(m.key.find('.'), std::string::npos) << m.key;
  }
}

TEST_P(OpenApiTest, ReadinessChecksTheStore) {
  Reply r = app().Send("GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ready");
}

}  // namespace
}  // namespace sawt::testing
