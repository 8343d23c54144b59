#include "http/router.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

Route R(std::string method, std::string pattern, std::string tag) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.tag = std::move(tag);
  r.handler = [](Request&) { return Response::NoContent(); };
  return r;
}

Router MakeRouter() {
  Router router;
  router.Add(R("GET", "/api/v1/entities", "list"));
  router.Add(R("POST", "/api/v1/entities", "create"));
  router.Add(R("GET", "/api/v1/entities/{id}", "get"));
  router.Add(R("DELETE", "/api/v1/entities/{id}", "delete"));
  router.Add(R("GET", "/api/v1/entities/tree", "tree"));
  router.Add(R("GET", "/api/v1/entities/{id}/members/{member}", "member"));
  router.Add(R("PUT", "/api/v1/{kind}/x/{id}", "param-first"));
  router.Add(R("PUT", "/api/v1/entities/{id}/y", "literal-first"));
  return router;
}

TEST(RouterTest, MatchesLiteralAndParamSegments) {
  Router router = MakeRouter();
  auto m = router.Find("GET", "/api/v1/entities");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "list");
  m = router.Find("GET", "/api/v1/entities/42/members/7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "member");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.params.at("member"), "7");
}

TEST(RouterTest, LiteralBeatsParam) {
  Router router = MakeRouter();
  auto m = router.Find("GET", "/api/v1/entities/tree");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "tree");
  EXPECT_TRUE(m.params.empty());
  m = router.Find("GET", "/api/v1/entities/tre");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "get");
  EXPECT_EQ(m.params.at("id"), "tre");
}

TEST(RouterTest, EarlierLiteralSegmentWins) {
  Router router = MakeRouter();
  auto m = router.Find("PUT", "/api/v1/entities/x/y");  // both PUT patterns match
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "literal-first");
}

TEST(RouterTest, UnknownPathIsNotFound) {
  Router router = MakeRouter();
  for (const char* path : {"/api/v1/nothing", "/api/v1/entities/", "/", "/api/v1/entities/1/members", ""}) {
    auto m = router.Find("GET", path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_FALSE(m.method_not_allowed) << path;
  }
}

TEST(RouterTest, WrongMethodListsAllowedMethods) {
  Router router = MakeRouter();
  auto m = router.Find("PATCH", "/api/v1/entities/5");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
}

TEST(RouterTest, HeadFallsBackToGet) {
  Router router = MakeRouter();
  auto m = router.Find("HEAD", "/api/v1/entities/9");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->tag, "get");
  EXPECT_EQ(m.params.at("id"), "9");
}

Request WithHeader(std::string name, std::string value) {
  Request r;
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

TEST(RequestTest, LangFollowsAcceptLanguageQValues) {
  EXPECT_EQ(Request{}.Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "en").Lang(), "en");
  EXPECT_EQ(WithHeader("accept-language", "en-US,en;q=0.9").Lang(), "en");
  EXPECT_EQ(WithHeader("accept-language", "fr-FR, en;q=0.5, ar;q=0.8").Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "fr, de;q=0.9").Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "ar;q=0.2, EN-gb;q=0.7").Lang(), "en");
  EXPECT_EQ(WithHeader("accept-language", "en;q=0, ar;q=0").Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "ar-AE, en").Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "en, ar").Lang(), "en");
  EXPECT_EQ(WithHeader("accept-language", "en;q=abc, ar;q=0.1").Lang(), "ar");
  EXPECT_EQ(WithHeader("accept-language", "english").Lang(), "ar");
}

TEST(RequestTest, LocaleReadsTheDigitsOfTheChosenLanguageRange) {
  using D = std::optional<Digits>;
  EXPECT_EQ(Request{}.Locale().digits, D()) << "no preference: the deployment's default";
  EXPECT_EQ(WithHeader("accept-language", "ar").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-u-nu-latn").Locale().digits, D(Digits::kLatn));
  EXPECT_EQ(WithHeader("accept-language", "ar-u-nu-arab").Locale().digits, D(Digits::kArab));
  EXPECT_EQ(WithHeader("accept-language", "AR-AE-U-NU-LATN").Locale().digits, D(Digits::kLatn));
  EXPECT_EQ(WithHeader("accept-language", "ar-u-ca-islamic-nu-latn").Locale().digits, D(Digits::kLatn));
  EXPECT_EQ(WithHeader("accept-language", "en-u-nu-arab").Locale().lang, "en");
  EXPECT_EQ(WithHeader("accept-language", "en-u-nu-arab").Locale().digits, D(Digits::kArab));
  // Only the chosen range counts; other systems, private use and malformed extensions ask for nothing.
  EXPECT_EQ(WithHeader("accept-language", "en-u-nu-latn;q=0.5, ar").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-u-nu-thai").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-x-nu-latn").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-u-nu").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-nu-latn").Locale().digits, D());
  EXPECT_EQ(WithHeader("accept-language", "ar-u-nu-latn").Lang(), "ar");
}

TEST(RequestTest, LocaleReadsTheHijriCalendarPreference) {
  EXPECT_FALSE(Request{}.Locale().hijri);
  EXPECT_FALSE(WithHeader("accept-language", "ar-u-nu-latn").Locale().hijri);
  EXPECT_TRUE(WithHeader("accept-language", "ar-u-ca-islamic-umalqura-nu-arab").Locale().hijri);
  EXPECT_EQ(WithHeader("accept-language", "ar-u-ca-islamic-umalqura-nu-latn").Locale().digits, Digits::kLatn);
  EXPECT_TRUE(WithHeader("accept-language", "EN-U-CA-ISLAMIC").Locale().hijri);
  EXPECT_FALSE(WithHeader("accept-language", "ar-u-ca-gregory-nu-arab").Locale().hijri);
  EXPECT_FALSE(WithHeader("accept-language", "ar-x-ca-islamic-umalqura").Locale().hijri) << "private use";
  EXPECT_TRUE(LocaleOf("ar-u-ca-islamic-umalqura").hijri);
  EXPECT_TRUE(LocaleOf("ar-u-ca-islamic-umalqura").In("en").hijri) << "the same reader in the other language";
}

TEST(RequestTest, HeaderIsCaseInsensitiveAndCookieParses) {
  Request r = WithHeader("cookie", "a=1; sawt_session=\"abc\" ; theme=dark");
  EXPECT_EQ(r.Header("Cookie"), "a=1; sawt_session=\"abc\" ; theme=dark");
  EXPECT_EQ(r.Header("x-missing"), "");
  EXPECT_EQ(r.Cookie("sawt_session"), "abc");
  EXPECT_EQ(r.Cookie("theme"), "dark");
  EXPECT_EQ(r.Cookie("a"), "1");
  EXPECT_EQ(r.Cookie("the"), "");
}

TEST(ResponseTest, HelpersSetStatusBodyAndHeaders) {
  Response j = Response::Json(201, {{"id", "x"}});
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, R"({"id":"x"})");
  Response n = Response::NoContent();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
  n.SetHeader("ETag", "\"1\"").SetHeader("etag", "\"2\"").SetHeader("X-A", "b");
  ASSERT_EQ(n.headers.size(), 2u);
  EXPECT_EQ(n.headers[0].second, "\"2\"");
}

}  // namespace
}  // namespace sawt::http
