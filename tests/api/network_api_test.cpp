// Black-box tests of the accounts, network and events endpoints on a real server, for both stores.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <functional>
#include <future>
#include <set>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class NetworkApiTest : public ApiTest {};
SAWT_INSTANTIATE_BOTH_STORES(NetworkApiTest);

Json NewDepartment(int64_t parent, const std::string& code) {
  return {{"kind", "department"}, {"parent_id", parent}, {"code", code},
          {"name_ar", "إدارة التواصل الرقمي"}, {"name_en", "Digital Communication Department"}};
}

TEST_P(NetworkApiTest, LoginSetsHttpOnlyCookieAndMeShowsRoles) {
  Reply r = app().Call("POST", "/api/v1/sessions", {}, {{"login", "admin"}, {"password", "admin-demo"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  EXPECT_NE(r.headers["set-cookie"].find("SameSite=Strict"), std::string::npos);
  Reply me = app().Call("GET", "/api/v1/me", Admin());
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["login"], "admin");
  EXPECT_TRUE(me.json()["network_admin"].get<bool>());
}

TEST_P(NetworkApiTest, WrongPasswordIsRejectedInBothLanguages) {
  Json body = {{"login", "police.editor"}, {"password", "not-the-password"}};
  Reply en = app().Call("POST", "/api/v1/sessions", {}, body);
  EXPECT_EQ(en.status, 401);
  EXPECT_EQ(en.headers["content-type"].rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(en.json()["code"], "auth.bad_credentials");
  EXPECT_EQ(en.json()["detail"],
            "Sign-in failed: the login or password is wrong, or sign-in is paused for a while after repeated failures.");
  Reply ar = app().Send("POST", "/api/v1/sessions", body.dump(), {}, {{"Content-Type", "application/json"}});
  EXPECT_EQ(ar.status, 401);
  EXPECT_EQ(ar.json()["detail"],
            "تعذّر تسجيل الدخول: اسم المستخدم أو كلمة المرور غير صحيحة، أو أُوقف الدخول مؤقتًا بعد محاولات فاشلة متكررة.");
}

TEST_P(NetworkApiTest, EntityLifecycleWithEtagAndIfMatch) {
  const std::string code = "dept-" + Unique();
  Reply created = app().Call("POST", "/api/v1/entities", Admin(), NewDepartment(EntityId("police"), code));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json()["id"];
  const std::string path = "/api/v1/entities/" + std::to_string(id);
  Reply got = app().Call("GET", path, Admin());
  EXPECT_EQ(got.headers["etag"], "\"1\"");
  EXPECT_EQ(got.json()["name_ar"], "إدارة التواصل الرقمي");

  Reply stale = app().Call("PATCH", path, Admin(), {{"color", "#123456"}}, {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412);
  Reply fresh = app().Call("PATCH", path, Admin(), {{"color", "#123456"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(fresh.json()["version"], 2);
  EXPECT_EQ(fresh.headers["etag"], "\"2\"");

  EXPECT_EQ(app().Call("POST", "/api/v1/entities", Admin(), NewDepartment(EntityId("police"), code)).status, 409);
  EXPECT_EQ(app().Call("DELETE", path, Admin(), nullptr, {{"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(app().Call("DELETE", path, Admin(), nullptr, {{"If-Match", "\"2\""}}).status, 204);
  EXPECT_EQ(app().Call("GET", path, Admin()).status, 404);
}

TEST_P(NetworkApiTest, TwoConcurrentUpdatesExactlyOneWins) {
  Reply created = app().Call("POST", "/api/v1/entities", Admin(), NewDepartment(EntityId("health"), "race-" + Unique()));
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/entities/" + std::to_string(created.json()["id"].get<int64_t>());
  Credentials admin = Admin();
  auto patch = [&](const char* color) {
    return app().Call("PATCH", path, admin, {{"color", color}}, {{"If-Match", "\"1\""}}).status;
  };
  auto a = std::async(std::launch::async, patch, "#111111");
  auto b = std::async(std::launch::async, patch, "#222222");
  std::multiset<int> statuses = {a.get(), b.get()};
  EXPECT_EQ(statuses, (std::multiset<int>{200, 412}));
}

TEST_P(NetworkApiTest, CursorPaginationVisitsEveryEntityOnce) {
  std::set<int64_t> seen;
  std::string cursor;
  int pages = 0;
  while (true) {
    Reply page = app().Call("GET", "/api/v1/entities?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor), Admin());
    ASSERT_EQ(page.status, 200);
    const Json body = page.json();
    for (const auto& e : body["items"]) EXPECT_TRUE(seen.insert(e["id"].get<int64_t>()).second);
    ++pages;
    if (page.json()["next_cursor"].is_null()) break;
    cursor = page.json()["next_cursor"];
  }
  EXPECT_GE(seen.size(), 17u);
  EXPECT_GT(pages, 4);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities?limit=0", Admin()).status, 400);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities?cursor=abc", Admin()).status, 400);
}

TEST_P(NetworkApiTest, DeactivatedMemberCannotSignIn) {
  const std::string login = "temp" + Unique();
  Json member = {{"login", login},      {"password", "a-long-password"}, {"name_ar", "عضو مؤقت"},
                 {"name_en", "Temp member"}, {"email", login + "@example.org"}, {"entity_id", EntityId("rta")},
                 {"role", "editor"}};
  Reply created = app().Call("POST", "/api/v1/members", Admin(), member);
  ASSERT_EQ(created.status, 201) << created.body;
  Credentials session = app().Login(login, "a-long-password");
  EXPECT_EQ(app().Call("GET", "/api/v1/me", session).status, 200);
  const std::string path = "/api/v1/members/" + std::to_string(created.json()["id"].get<int64_t>());
  ASSERT_EQ(app().Call("PATCH", path, Admin(), {{"active", false}}).status, 200);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", session).status, 401);
  EXPECT_EQ(app().Call("POST", "/api/v1/sessions", {}, {{"login", login}, {"password", "a-long-password"}}).status, 401);
}

TEST_P(NetworkApiTest, ApiTokensAreScopedAndRevocable) {
  Reply made = app().Call("POST", "/api/v1/tokens", Admin(), {{"name", "ci"}, {"scopes", {"read"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  Credentials bearer;
  bearer.bearer = made.json()["token"];
  EXPECT_EQ(app().Call("GET", "/api/v1/entities", bearer).status, 200);
  Reply write = app().Call("POST", "/api/v1/entities", bearer, NewDepartment(EntityId("police"), "tok-" + Unique()));
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(write.json()["code"], "auth.token_scope");
  Reply listed = app().Call("GET", "/api/v1/tokens", Admin());
  EXPECT_EQ(listed.body.find(bearer.bearer), std::string::npos);  // never shown again
  const std::string path = "/api/v1/tokens/" + std::to_string(made.json()["id"].get<int64_t>());
  EXPECT_EQ(app().Call("DELETE", path, Admin()).status, 204);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities", bearer).status, 401);
}

TEST_P(NetworkApiTest, CookieWritesNeedTheCsrfToken) {
  Credentials no_csrf = Admin();
  no_csrf.csrf.clear();
  Reply r = app().Call("POST", "/api/v1/entities", no_csrf, NewDepartment(EntityId("police"), "csrf-" + Unique()));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["code"], "auth.csrf");
}

TEST_P(NetworkApiTest, PasswordChangeEndsOtherSessions) {
  const std::string login = "pw" + Unique();
  Json member = {{"login", login}, {"password", "first-password"}, {"name_ar", "عضو"}, {"name_en", "Member"},
                 {"email", login + "@example.org"}};
  ASSERT_EQ(app().Call("POST", "/api/v1/members", Admin(), member).status, 201);
  Credentials first = app().Login(login, "first-password");
  Credentials second = app().Login(login, "first-password");
  Reply weak = app().Call("PUT", "/api/v1/me/password", first, {{"current_password", "first-password"}, {"new_password", "short"}});
  EXPECT_EQ(weak.status, 400);
  Reply wrong = app().Call("PUT", "/api/v1/me/password", first,
                           {{"current_password", "nope-nope-nope"}, {"new_password", "second-password"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(app().Call("PUT", "/api/v1/me/password", first,
                       {{"current_password", "first-password"}, {"new_password", "second-password"}}).status, 204);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", first).status, 200);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", second).status, 401);
  app().Login(login, "second-password");
}

TEST_P(NetworkApiTest, RaciResponsibilitiesByAxis) {
  Reply axes = app().Call("GET", "/api/v1/axes", Admin());
  ASSERT_EQ(axes.json()["items"].size(), 7u);
  Credentials director = app().Login("police.director", "sawt-demo-2026");
  Json body = {{"entity_id", EntityId("police")}, {"axis", "media_communication"}, {"task_ar", "تنسيق المؤتمرات الصحفية"},
               {"task_en", "Coordinate press conferences"}, {"member_id", AccountId("police.spokesperson")}, {"raci", "R"}};
  Reply made = app().Call("POST", "/api/v1/responsibilities", director, body);
  ASSERT_EQ(made.status, 201) << made.body;
  body["raci"] = "X";
  EXPECT_EQ(app().Call("POST", "/api/v1/responsibilities", director, body).json()["code"], "network.bad_raci");
  body["raci"] = "A";
  body["axis"] = "astrology";
  EXPECT_EQ(app().Call("POST", "/api/v1/responsibilities", director, body).json()["code"], "network.bad_axis");
  Reply listed = app().Call("GET", "/api/v1/responsibilities?entity_id=" + std::to_string(EntityId("police")) + "&limit=200", director);
  EXPECT_GE(listed.json()["items"].size(), 22u);
}

TEST_P(NetworkApiTest, UnknownRoutesAndMethodsAreProblems) {
  Reply missing = app().Call("GET", "/api/v1/nothing-here", Admin());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["content-type"].rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(app().Call("PUT", "/api/v1/entities", Admin(), Json::object()).status, 405);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities/abc", Admin()).status, 404);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities/999999", Admin()).json()["code"], "network.entity_not_found");
}

// A member sees exactly the events of the entities they hold a role in (and those below them)
// and their own actions: the rule holds for every row, and no such event is missing.
TEST_P(NetworkApiTest, EventsOfOtherEntitiesStayHidden) {
  ASSERT_EQ(app().Call("POST", "/api/v1/entities", Admin(), NewDepartment(EntityId("health"), "hid-" + Unique())).status, 201);
  ASSERT_EQ(app().Call("POST", "/api/v1/entities", Admin(), NewDepartment(EntityId("police"), "vis-" + Unique())).status, 201);
  Credentials editor = Demo("police.editor");
  std::set<int64_t> entities;
  // Keep the reply alive: a range-for over a member of a temporary dangles in C++20.
  const core::Json me = app().Call("GET", "/api/v1/me", editor).json();
  for (const auto& role : me["roles"]) {
    for (int64_t e : Subtree(role["entity_id"].get<int64_t>())) entities.insert(e);
  }
  ASSERT_FALSE(entities.count(EntityId("health")));
  auto visible = [&](const Json& e) {
    return e["actor"] == "police.editor" || (!e["entity_id"].is_null() && entities.count(e["entity_id"].get<int64_t>()) > 0);
  };
  std::set<int64_t> seen;
  int64_t last = 0;
  for (const auto& e : AllPages("/api/v1/events?limit=200", editor)) {
    EXPECT_TRUE(visible(e)) << "an event the editor may not see: " << e.dump();
    seen.insert(e["id"].get<int64_t>());
    last = std::max(last, e["id"].get<int64_t>());
  }
  std::set<int64_t> expected;
  for (const auto& e : AllPages("/api/v1/events?limit=200", Admin())) {
    if (e["id"].get<int64_t>() <= last && visible(e)) expected.insert(e["id"].get<int64_t>());
  }
  EXPECT_GT(seen.size(), 0u);
  EXPECT_EQ(seen, expected);
}

TEST_P(NetworkApiTest, StreamSendsNewEventsAndResumesFromLastEventId) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket sock(ioc);
  sock.connect({net::ip::make_address("127.0.0.1"), app().port()});
  Credentials admin = Admin();
  std::string req = "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nCookie: sawt_session=" + admin.cookie +
                    "\r\nLast-Event-ID: 0\r\n\r\n";
  net::write(sock, net::buffer(req));
  const std::string code = "sse-" + Unique();
  ASSERT_EQ(app().Call("POST", "/api/v1/entities", admin, NewDepartment(EntityId("police"), code)).status, 201);
  std::string got;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (got.find(code) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{sock.native_handle(), POLLIN, 0};
    if (::poll(&pfd, 1, 500) <= 0) continue;
    char buf[65536];
    ssize_t n = ::recv(sock.native_handle(), buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  EXPECT_NE(got.find("text/event-stream"), std::string::npos);
  EXPECT_NE(got.find("id: 1\n"), std::string::npos);  // resumed from the very first event
  EXPECT_NE(got.find("event: network.entity_created"), std::string::npos);
  EXPECT_NE(got.find(code), std::string::npos);
}

TEST_P(NetworkApiTest, TextIsStoredInNfc) {
  Json body = NewDepartment(EntityId("police"), "nfc-" + Unique());
  body["name_ar"] = "\u0627\u0654\u062F\u0627\u0631\u0629 \u0627\u0644\u0627\u0654\u0645\u0646";  // alef + combining hamza
  Reply r = app().Call("POST", "/api/v1/entities", Admin(), body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["name_ar"], "\u0623\u062F\u0627\u0631\u0629 \u0627\u0644\u0623\u0645\u0646");  // أدارة الأمن
}

TEST_P(NetworkApiTest, AuditChainStaysIntact) {
  auto report = app().app().store->VerifyAudit();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_GT(report->rows_checked, 100);
}

}  // namespace
}  // namespace sawt::testing

namespace sawt::testing {
namespace {

// An entity that other modules' rows name (here a content item, then a calendar entry and an
// initiative partnership) is not deleted: 409 with a clear message, and nothing is lost.
TEST_P(NetworkApiTest, EntityNamedByOtherModulesIsNotDeleted) {
  Credentials admin = Admin();
  struct Use {
    std::string path;
    std::function<core::Json(int64_t)> body;
  };
  const std::vector<Use> uses = {
      {"/api/v1/content-items",
       [](int64_t e) { return core::Json{{"kind", "social_post"}, {"owner_entity_id", e}, {"title_ar", "منشور"}}; }},
      {"/api/v1/calendar/entries",
       [](int64_t e) {
         return core::Json{{"entity_id", e}, {"kind", "event"}, {"title_ar", "فعالية"}, {"title_en", "Event"},
                           {"starts_at", "2034-02-01"}};
       }},
      {"/api/v1/initiatives",
       [&](int64_t e) {
         return core::Json{{"owner_entity_id", EntityId("health")}, {"partner_entity_ids", {e}}, {"title_ar", "مبادرة"},
                           {"title_en", "Initiative"}, {"start_date", "2034-02-01"}, {"end_date", "2034-03-01"}};
       }},
  };
  for (const auto& use : uses) {
    Reply dept = app().Call("POST", "/api/v1/entities", admin, NewDepartment(EntityId("police"), "used-" + Unique()));
    ASSERT_EQ(dept.status, 201) << dept.body;
    const int64_t id = dept.json()["id"];
    Reply made = app().Call("POST", use.path, admin, use.body(id));
    ASSERT_EQ(made.status, 201) << use.path << " " << made.body;
    const std::string path = "/api/v1/entities/" + std::to_string(id);
    Reply del = app().Call("DELETE", path, admin, nullptr, {{"Accept-Language", "en"}});
    EXPECT_EQ(del.status, 409) << use.path << " " << del.body;
    EXPECT_EQ(del.json().value("code", ""), "network.entity_not_empty") << del.body;
    EXPECT_EQ(app().Call("GET", path, admin).status, 200);
  }
}

}  // namespace
}  // namespace sawt::testing
