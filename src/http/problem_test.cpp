#include "http/problem.hpp"

#include <gtest/gtest.h>

#include "http/messages.hpp"

namespace sawt::http {
namespace {

Request MakeRequest(std::string lang) {
  Request r;
  r.method = "GET";
  r.path = "/api/v1/entities/7";
  r.request_id = "req-1";
  if (!lang.empty()) r.headers.emplace_back("accept-language", lang);
  return r;
}

std::string HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

struct Case {
  core::Error error;
  int status;
  const char* type;
};

TEST(ProblemTest, MapsEveryErrorCodeInBothLanguages) {
  const Case cases[] = {
      {core::Error::InvalidInput("common.field_required", "name", {"name"}), 400, "invalid_input"},
      {core::Error::Unauthenticated(), 401, "unauthenticated"},
      {core::Error::Forbidden(), 403, "forbidden"},
      {core::Error::NotFound("common.not_found"), 404, "not_found"},
      {core::Error::Conflict("common.precondition_failed"), 409, "conflict"},
      {core::Error::PreconditionFailed(), 412, "precondition_failed"},
      {core::Error::Unprocessable("common.too_large"), 422, "unprocessable"},
      {core::Error::TooLarge(), 413, "too_large"},
      {core::Error::UnsupportedMediaType(), 415, "unsupported_media_type"},
      {core::Error::RateLimited(), 429, "rate_limited"},
      {core::Error::Unavailable("db down"), 503, "unavailable"},
      {core::Error::Internal("boom"), 500, "internal"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HttpStatus(c.error.code), c.status);
    for (std::string lang : {"ar", "en"}) {
      Response r = MakeProblem(c.error, MakeRequest(lang == "en" ? "en-GB,en;q=0.9" : ""));
      EXPECT_EQ(r.status, c.status);
      EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8");
      EXPECT_EQ(HeaderOf(r, "Content-Language"), lang);
      auto body = core::Json::parse(r.body);
      EXPECT_EQ(body["type"], "https://sawt.gov/problems/" + std::string(c.type));
      EXPECT_EQ(body["status"], c.status);
      EXPECT_EQ(body["code"], c.error.key);
      EXPECT_EQ(body["title"], MessageCatalog::Common().Translate("problem." + std::string(c.type), lang));
      EXPECT_NE(body["title"], "problem." + std::string(c.type));
      EXPECT_EQ(body["detail"], MessageCatalog::Common().Translate(c.error.key, lang, c.error.args));
      EXPECT_EQ(body["instance"], "/api/v1/entities/7");
      EXPECT_EQ(body["request_id"], "req-1");
      EXPECT_EQ(body.contains("field"), !c.error.field.empty());
      EXPECT_EQ(HeaderOf(r, "WWW-Authenticate"), c.status == 401 ? "Bearer" : "");
      // Internal details never reach the client.
      EXPECT_EQ(r.body.find("db down"), std::string::npos);
      EXPECT_EQ(r.body.find("boom"), std::string::npos);
    }
  }
}

TEST(ProblemTest, FieldAndArgsAreFilledInEnglishAndArabic) {
  auto e = core::Error::InvalidInput("common.field_required", "name_ar", {"name_ar"});
  auto en = core::Json::parse(MakeProblem(e, MakeRequest("en")).body);
  EXPECT_EQ(en["field"], "name_ar");
  EXPECT_EQ(en["detail"], "The field \"name_ar\" is required.");
  auto ar = core::Json::parse(Response::Problem(e, MakeRequest("ar")).body);
  EXPECT_EQ(ar["detail"], "الحقل «name_ar» مطلوب.");
  EXPECT_EQ(ar["title"], "مدخلات غير صالحة");
}

TEST(ProblemTest, ProtocolProblemUsesGivenStatus) {
  Response r = MakeProtocolProblem(405, "method_not_allowed", "common.method_not_allowed", MakeRequest("en"),
                                   {"PATCH"});
  EXPECT_EQ(r.status, 405);
  auto body = core::Json::parse(r.body);
  EXPECT_EQ(body["type"], "https://sawt.gov/problems/method_not_allowed");
  EXPECT_EQ(body["title"], "Method not allowed");
  EXPECT_EQ(body["detail"], "The method PATCH is not allowed for this resource.");
}

}  // namespace
}  // namespace sawt::http
