// Black-box tests of sign-in security on a real server, for both stores: credential kinds, token
// scopes, password policy and the forced first change, sign-in throttling per (account, address),
// idle sessions, the session cookie, trusted proxies and HSTS, and the `sawt admin` account commands.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <future>
#include <vector>

#include "auth/crypto.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class AuthApiTest : public ApiTest {
 protected:
  /// A member created by the network admin (temporary password `password`), in police as editor.
  int64_t NewMember(const std::string& login, const std::string& password = "temporary-pass-91") {
    Json body = {{"login", login},          {"password", password},          {"name_ar", "عضو اختبار"},
                 {"name_en", "Test member"}, {"email", login + "@example.org"}, {"entity_id", EntityId("police")},
                 {"role", "editor"}};
    Reply r = app().Call("POST", "/api/v1/members", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", int64_t{0});
  }
  Reply SignIn(TestApp& on, const std::string& login, const std::string& password, const std::string& from = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!from.empty()) headers.emplace_back("X-Forwarded-For", from);
    return on.Call("POST", "/api/v1/sessions", {}, {{"login", login}, {"password", password}}, headers);
  }
  static Credentials SessionOf(const Reply& r) {
    Credentials c;
    const std::string cookie = r.headers.count("set-cookie") ? r.headers.at("set-cookie") : "";
    const auto eq = cookie.find('=');
    if (eq != std::string::npos) c.cookie = cookie.substr(eq + 1, cookie.find(';') - eq - 1);
    c.csrf = r.json().value("csrf_token", "");
    return c;
  }
  /// Events of `action` about account `account_id`, oldest first (payloads).
  static std::vector<Json> Events(TestApp& on, const std::string& action, int64_t account_id,
                                  std::vector<std::string>* actors = nullptr) {
    auto rows = store::ReadValue<std::vector<store::Row>>(*on.app().store, [&](store::Tx& tx) {
      return tx.Query("SELECT payload, actor FROM events WHERE action = $1 AND object_id = $2 ORDER BY id",
                      {action, std::to_string(account_id)});
    });
    std::vector<Json> out;
    if (!rows) return out;
    for (const auto& r : *rows) {
      out.push_back(Json::parse(r.Text(0)));
      if (actors) actors->push_back(r.Text(1));
    }
    return out;
  }
  /// A throwaway app of this test's store kind with its own settings (no demo data).
  std::unique_ptr<TestApp> OwnApp(TestAppOptions options) {
    own_db_ = std::make_unique<TestDatabase>(GetParam());
    if (own_db_->url().empty()) return nullptr;
    auto made = std::make_unique<TestApp>(own_db_->url(), /*demo=*/false, std::move(options));
    EXPECT_TRUE(made->ok()) << made->error();
    return made;
  }
  static int64_t AddAccount(TestApp& on, const std::string& login, const std::string& password) {
    const std::string hash = auth::HashPassword(password);
    auto id = store::WriteValue<int64_t>(*on.app().store, [&](store::Tx& tx) {
      return auth::AuthService::CreateAccount(tx, login, hash);
    });
    EXPECT_TRUE(id);
    return id ? *id : 0;
  }
  static std::optional<Json> Throttle(TestApp& on, int64_t account_id, const std::string& remote) {
    auto rows = store::ReadValue<std::vector<store::Row>>(*on.app().store, [&](store::Tx& tx) {
      return tx.Query("SELECT failures, locked_until FROM login_throttles WHERE account_id = $1 AND remote = $2",
                      {account_id, remote});
    });
    if (!rows || rows->empty()) return std::nullopt;
    const auto& r = (*rows)[0];
    return Json{{"failures", r.Int(0)}, {"locked_until", r.OptText(1) ? Json(*r.OptText(1)) : Json(nullptr)}};
  }
  static TestAppOptions BehindProxy() {
    TestAppOptions o;
    o.trusted_proxies = *http::ParseCidrList("127.0.0.1/32");
    return o;
  }
  int RunAdmin(std::vector<std::string> args, const std::string& input = "", std::string* output = nullptr) {
    args.push_back("--db=" + DbUrl());
    std::FILE* in = std::tmpfile();
    std::FILE* out = std::tmpfile();
    std::fputs(input.c_str(), in);
    std::rewind(in);
    const int code = app::RunAdmin(args, in, out);
    if (output) {
      std::rewind(out);
      output->clear();
      for (int c = std::fgetc(out); c != EOF; c = std::fgetc(out)) output->push_back(static_cast<char>(c));
    }
    std::fclose(in);
    std::fclose(out);
    return code;
  }

  std::unique_ptr<TestDatabase> own_db_;
};
SAWT_INSTANTIATE_BOTH_STORES(AuthApiTest);

// ---- credential kinds and token scopes ----

TEST_P(AuthApiTest, SessionTokenIsNotABearerToken) {
  // The sign-in itself resolves (and caches) the session, so the bearer try comes right after.
  Credentials session = app().Login("police.editor", "sawt-demo-2026");
  Credentials as_bearer;
  as_bearer.bearer = session.cookie;
  Reply r = app().Call("GET", "/api/v1/me", as_bearer);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.json()["code"], "auth.bad_token");
  EXPECT_EQ(app().Call("GET", "/api/v1/me", session).status, 200);
}

TEST_P(AuthApiTest, ApiTokenIsNotASessionCookie) {
  Reply made = app().Call("POST", "/api/v1/tokens", Admin(), {{"name", "kinds"}, {"scopes", {"read", "write"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  Credentials bearer;
  bearer.bearer = made.json()["token"];
  ASSERT_EQ(app().Call("GET", "/api/v1/me", bearer).status, 200);  // now cached as a token
  Credentials as_cookie;
  as_cookie.cookie = bearer.bearer;  // and no CSRF token: an API token would skip the check
  const std::string code = "kind-" + Unique();
  Reply write = app().Call("POST", "/api/v1/entities", as_cookie,
                           {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", code},
                            {"name_ar", "إدارة"}, {"name_en", "Department"}});
  EXPECT_EQ(write.status, 401) << write.body;
  EXPECT_EQ(write.json()["code"], "auth.session_expired");
  EXPECT_EQ(app().Call("GET", "/api/v1/me", as_cookie).status, 401);
}

TEST_P(AuthApiTest, ReadOnlyTokenCannotRevokeOrCreateTokens) {
  Reply writer = app().Call("POST", "/api/v1/tokens", Admin(), {{"name", "writer"}, {"scopes", {"read", "write"}}});
  Reply reader = app().Call("POST", "/api/v1/tokens", Admin(), {{"name", "reader"}, {"scopes", {"read"}}});
  ASSERT_EQ(writer.status, 201);
  ASSERT_EQ(reader.status, 201);
  Credentials read_only;
  read_only.bearer = reader.json()["token"];
  Credentials write_token;
  write_token.bearer = writer.json()["token"];
  const std::string path = "/api/v1/tokens/" + std::to_string(writer.json()["id"].get<int64_t>());
  Reply revoke = app().Call("DELETE", path, read_only);
  EXPECT_EQ(revoke.status, 403) << revoke.body;
  EXPECT_EQ(revoke.json()["code"], "auth.token_scope");
  Reply create = app().Call("POST", "/api/v1/tokens", read_only, {{"name", "more"}, {"scopes", {"read"}}});
  EXPECT_EQ(create.status, 403) << create.body;
  EXPECT_EQ(create.json()["code"], "auth.token_scope");
  Reply everywhere = app().Call("DELETE", "/api/v1/sessions", read_only);
  EXPECT_EQ(everywhere.status, 403);
  EXPECT_EQ(everywhere.json()["code"], "auth.token_scope");
  EXPECT_EQ(app().Call("GET", "/api/v1/me", write_token).status, 200);  // still alive
  EXPECT_EQ(app().Call("DELETE", path, write_token).status, 204);       // a write token may
}

// What a caller may do, as /me states it, is what Authorize decides: everywhere for a network
// admin; in the entities (sub-entities included) of an entity role; writes never on a read token.
TEST_P(AuthApiTest, MeStatesThePermissionsTheCallerHoldsAndWhere) {
  Json admin = app().Call("GET", "/api/v1/me", Admin()).json()["permissions"];
  EXPECT_EQ(admin["network.entities.delete"], true);
  EXPECT_EQ(admin["messaging.content.review"], true);

  Json editor = app().Call("GET", "/api/v1/me", Demo("police.editor")).json()["permissions"];
  const int64_t police = EntityId("police"), media = EntityId("police-media");
  EXPECT_EQ(editor["messaging.content.read"], true) << "every member reads content";
  ASSERT_TRUE(editor["messaging.content.write"].is_array()) << editor.dump();
  std::vector<int64_t> where = editor["messaging.content.write"].get<std::vector<int64_t>>();
  EXPECT_NE(std::find(where.begin(), where.end(), police), where.end());
  EXPECT_NE(std::find(where.begin(), where.end(), media), where.end()) << "a sub-entity inherits the role";
  EXPECT_EQ(std::find(where.begin(), where.end(), EntityId("health")), where.end());
  EXPECT_FALSE(editor.contains("messaging.content.review")) << "an editor does not approve";
  EXPECT_FALSE(editor.contains("network.entities.delete"));

  Reply reader = app().Call("POST", "/api/v1/tokens", Demo("police.editor"), {{"name", "reader"}, {"scopes", {"read"}}});
  ASSERT_EQ(reader.status, 201) << reader.body;
  Credentials read_only;
  read_only.bearer = reader.json()["token"];
  Json read = app().Call("GET", "/api/v1/me", read_only).json()["permissions"];
  EXPECT_TRUE(read.contains("messaging.content.read"));
  EXPECT_FALSE(read.contains("messaging.content.write")) << "a read-only token holds no writing permission";
}

// ---- password change, sign out everywhere ----

TEST_P(AuthApiTest, PasswordChangeRevokesApiTokens) {
  const std::string login = "pwtok" + Unique();
  NewMember(login);
  Credentials session = app().FirstLogin(login, "temporary-pass-91", "first-own-pass-7");
  Reply made = app().Call("POST", "/api/v1/tokens", session, {{"name", "ci"}, {"scopes", {"read"}}});
  ASSERT_EQ(made.status, 201) << made.body;
  Credentials token;
  token.bearer = made.json()["token"];
  ASSERT_EQ(app().Call("GET", "/api/v1/me", token).status, 200);
  ASSERT_EQ(app().Call("PUT", "/api/v1/me/password", session,
                       {{"current_password", "first-own-pass-7"}, {"new_password", "second-own-pass-8"}}).status,
            204);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", token).status, 401);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", session).status, 200);  // the changing session stays
  Reply tokens = app().Call("GET", "/api/v1/tokens", session);
  ASSERT_EQ(tokens.json()["items"].size(), 1u);
  EXPECT_FALSE(tokens.json()["items"][0]["revoked_at"].is_null());
}

TEST_P(AuthApiTest, SignOutEverywhereEndsEverySessionAndToken) {
  const std::string login = "everywhere" + Unique();
  const int64_t id = NewMember(login);
  Credentials first = app().FirstLogin(login, "temporary-pass-91", "my-own-pass-123");
  Credentials second = app().Login(login, "my-own-pass-123");
  Reply made = app().Call("POST", "/api/v1/tokens", second, {{"name", "ci"}, {"scopes", {"read", "write"}}});
  ASSERT_EQ(made.status, 201);
  Credentials token;
  token.bearer = made.json()["token"];
  Credentials no_csrf = first;
  no_csrf.csrf.clear();
  EXPECT_EQ(app().Call("DELETE", "/api/v1/sessions", no_csrf).json()["code"], "auth.csrf");
  Reply out = app().Call("DELETE", "/api/v1/sessions", first);
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", first).status, 401);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", second).status, 401);
  EXPECT_EQ(app().Call("GET", "/api/v1/me", token).status, 401);
  std::vector<std::string> actors;
  EXPECT_EQ(Events(app(), "auth.signed_out_everywhere", id, &actors).size(), 1u);
  EXPECT_EQ(actors, std::vector<std::string>{login});
  EXPECT_EQ(SignIn(app(), login, "my-own-pass-123").status, 201);  // signing in again works
}

// ---- password policy and the forced first change ----

TEST_P(AuthApiTest, CommonPasswordsAndPasswordsWithTheLoginAreRefused) {
  const std::string login = "policy" + Unique();
  Json body = {{"login", login}, {"password", "Password123"}, {"name_ar", "عضو"}, {"name_en", "Member"},
               {"email", login + "@example.org"}};
  Reply common = app().Call("POST", "/api/v1/members", Admin(), body);
  EXPECT_EQ(common.status, 400) << common.body;
  EXPECT_EQ(common.json()["code"], "auth.common_password");
  EXPECT_EQ(common.json()["field"], "password");
  body["password"] = "x-" + login + "-2026";
  for (char& c : body["password"].get_ref<std::string&>()) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  Reply with_login = app().Call("POST", "/api/v1/members", Admin(), body);
  EXPECT_EQ(with_login.status, 400) << with_login.body;
  EXPECT_EQ(with_login.json()["code"], "auth.password_contains_login");
  // Both languages.
  Reply ar = app().Send("POST", "/api/v1/members", body.dump(), Admin(),
                        {{"Content-Type", "application/json"}, {"X-CSRF-Token", Admin().csrf}});
  EXPECT_EQ(ar.json()["detail"], "كلمة المرور يجب ألا تتضمن اسم الدخول.");

  NewMember(login);
  Credentials session = app().FirstLogin(login, "temporary-pass-91", "a-good-pass-991");
  auto change = [&](const std::string& replacement) {
    return app().Call("PUT", "/api/v1/me/password", session,
                      {{"current_password", "a-good-pass-991"}, {"new_password", replacement}});
  };
  EXPECT_EQ(change("qwertyuiop").json()["code"], "auth.common_password");
  EXPECT_EQ(change("my" + login + "pass").json()["code"], "auth.password_contains_login");
  Reply same = change("a-good-pass-991");
  EXPECT_EQ(same.status, 400);
  EXPECT_EQ(same.json()["code"], "auth.password_unchanged");
  EXPECT_EQ(same.json()["field"], "new_password");
}

TEST_P(AuthApiTest, AdminCreatedAccountMustChangeItsPasswordFirst) {
  const std::string login = "forced" + Unique();
  NewMember(login);
  Reply signed_in = SignIn(app(), login, "temporary-pass-91");
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  EXPECT_TRUE(signed_in.json()["must_change_password"].get<bool>());
  Credentials session = SessionOf(signed_in);
  Reply me = app().Call("GET", "/api/v1/me", session);
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.json()["must_change_password"].get<bool>());
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/entities"}, {"GET", "/api/v1/tokens"}, {"GET", "/api/v1/content-items"}}) {
    Reply blocked = app().Call(method, path, session);
    EXPECT_EQ(blocked.status, 403) << path;
    EXPECT_EQ(blocked.json()["code"], "auth.password_change_required") << path;
  }
  Reply token = app().Call("POST", "/api/v1/tokens", session, {{"name", "early"}, {"scopes", {"read"}}});
  EXPECT_EQ(token.json()["code"], "auth.password_change_required");
  Reply ar = app().Send("GET", "/api/v1/entities", "", session);
  EXPECT_EQ(ar.json()["detail"], "يجب تغيير كلمة المرور المؤقتة قبل المتابعة.");
  ASSERT_EQ(app().Call("PUT", "/api/v1/me/password", session,
                       {{"current_password", "temporary-pass-91"}, {"new_password", "now-my-own-77"}}).status,
            204);
  EXPECT_EQ(app().Call("GET", "/api/v1/entities", session).status, 200);
  EXPECT_FALSE(app().Call("GET", "/api/v1/me", session).json()["must_change_password"].get<bool>());
  // Signing out was allowed all along; a fresh sign-in is not forced any more.
  Reply again = SignIn(app(), login, "now-my-own-77");
  EXPECT_FALSE(again.json()["must_change_password"].get<bool>());
}

TEST_P(AuthApiTest, DemoAccountsAreNotForcedToChangeTheirPassword) {
  Reply r = SignIn(app(), "police.reviewer", "sawt-demo-2026");
  ASSERT_EQ(r.status, 201);
  EXPECT_FALSE(r.json()["must_change_password"].get<bool>());
  EXPECT_EQ(app().Call("GET", "/api/v1/entities", SessionOf(r)).status, 200);
}

// ---- sign-in throttling ----

TEST_P(AuthApiTest, FailuresThrottleOnlyTheirAddressAndAnswerLikeAnUnknownLogin) {
  TestAppOptions options = BehindProxy();
  options.auth.throttle.failures_before_delay = 3;
  auto own = OwnApp(std::move(options));
  if (!own) GTEST_SKIP() << "store unavailable";
  const int64_t id = AddAccount(*own, "victim", "victim-pass-123");
  const std::string attacker = "198.51.100.66", user = "203.0.113.7";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(SignIn(*own, "victim", "guess-" + std::to_string(i), attacker).status, 401);
  // Throttled: even the right password fails, with the very answer an unknown login gets.
  Reply throttled = SignIn(*own, "victim", "victim-pass-123", attacker);
  Reply unknown = SignIn(*own, "nobody-here", "victim-pass-123", attacker);
  EXPECT_EQ(throttled.status, 401);
  EXPECT_EQ(throttled.status, unknown.status);
  EXPECT_EQ(throttled.json()["code"], "auth.bad_credentials");
  EXPECT_EQ(throttled.json()["code"], unknown.json()["code"]);
  EXPECT_EQ(throttled.json()["detail"], unknown.json()["detail"]);
  // The real user elsewhere is not locked out.
  EXPECT_EQ(SignIn(*own, "victim", "victim-pass-123", user).status, 201);
  // Audited, with the attacker's address.
  auto locks = Events(*own, "auth.login_throttled", id);
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0]["remote"], attacker);
  EXPECT_EQ(Throttle(*own, id, attacker)->at("failures"), 3);
  // After the first delay (60 s) one more failure doubles it; the stored delay only grows.
  const std::string first_until = Throttle(*own, id, attacker)->at("locked_until");
  own->clock().Advance(std::chrono::microseconds(61 * 1000000LL));
  EXPECT_EQ(SignIn(*own, "victim", "guess-again", attacker).status, 401);
  auto after = *Throttle(*own, id, attacker);
  EXPECT_EQ(after["failures"], 4);
  int64_t first = 0, second = 0;
  ASSERT_TRUE(core::ParseIsoUtc(first_until, &first));
  ASSERT_TRUE(core::ParseIsoUtc(after["locked_until"].get<std::string>(), &second));
  EXPECT_NEAR(static_cast<double>(second - first), (61 + 120 - 60) * 1e6, 5e6);
  // Once the delay is over the right password works and the pair starts afresh.
  own->clock().Advance(std::chrono::microseconds(121 * 1000000LL));
  EXPECT_EQ(SignIn(*own, "victim", "victim-pass-123", attacker).status, 201);
  EXPECT_FALSE(Throttle(*own, id, attacker).has_value());
}

TEST_P(AuthApiTest, AFullAddressWindowStillAcceptsACorrectPassword) {
  TestAppOptions options = BehindProxy();
  options.auth.throttle.address_failures_per_minute = 3;
  auto own = OwnApp(std::move(options));
  if (!own) GTEST_SKIP() << "store unavailable";
  AddAccount(*own, "colleague", "colleague-pass-1");
  const std::string office = "192.0.2.10";  // one NAT address for the whole office
  for (int i = 0; i < 3; ++i) EXPECT_EQ(SignIn(*own, "spray" + std::to_string(i), "spray-pass-1", office).status, 401);
  Reply over = SignIn(*own, "spray9", "spray-pass-1", office);
  EXPECT_EQ(over.status, 429);
  EXPECT_EQ(over.json()["code"], "auth.too_many_attempts");
  EXPECT_EQ(over.headers["retry-after"], "60");
  // Failures only are counted, and a correct password of a pair that is not throttled passes.
  EXPECT_EQ(SignIn(*own, "colleague", "colleague-pass-1", office).status, 201);
  EXPECT_EQ(SignIn(*own, "colleague", "colleague-pass-1", office).status, 201);
  // A wrong password while over the limit gets the same 429 as an unknown login.
  Reply wrong = SignIn(*own, "colleague", "not-the-pass-1", office);
  EXPECT_EQ(wrong.status, 429);
  EXPECT_EQ(wrong.json()["detail"], over.json()["detail"]);
  // Another address is unaffected.
  EXPECT_EQ(SignIn(*own, "spray1", "spray-pass-1", "192.0.2.11").status, 401);
}

TEST_P(AuthApiTest, ConcurrentFailuresAreAllCounted) {
  TestAppOptions options = BehindProxy();
  options.auth.throttle.failures_before_delay = 20;
  options.auth.throttle.address_failures_per_minute = 1000;
  auto own = OwnApp(std::move(options));
  if (!own) GTEST_SKIP() << "store unavailable";
  const int64_t id = AddAccount(*own, "target", "target-pass-123");
  const std::string from = "198.51.100.20";
  std::vector<std::future<int>> attempts;
  for (int i = 0; i < 20; ++i) {
    attempts.push_back(std::async(std::launch::async, [&, i] {
      return SignIn(*own, "target", "wrong-" + std::to_string(i), from).status;
    }));
  }
  for (auto& a : attempts) EXPECT_EQ(a.get(), 401);
  auto throttle = Throttle(*own, id, from);
  ASSERT_TRUE(throttle.has_value());
  EXPECT_EQ(throttle->at("failures"), 20);
  EXPECT_FALSE(throttle->at("locked_until").is_null());
  EXPECT_EQ(SignIn(*own, "target", "target-pass-123", from).status, 401);
  EXPECT_EQ(Events(*own, "auth.login_failed", id).size(), 19u);
  EXPECT_EQ(Events(*own, "auth.login_throttled", id).size(), 1u);
}

TEST_P(AuthApiTest, AdminsUnlockMembersOfTheirEntities) {
  const std::string login = "unlock" + Unique();
  const int64_t id = NewMember(login);
  app().FirstLogin(login, "temporary-pass-91", "own-pass-for-unlock");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(SignIn(app(), login, "wrong-pass-" + std::to_string(i)).status, 401);
  EXPECT_EQ(SignIn(app(), login, "own-pass-for-unlock").status, 401);
  const std::string path = "/api/v1/members/" + std::to_string(id) + "/login-throttles";
  Reply other = app().Call("DELETE", path, Demo("health.director"));
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.json()["code"], "auth.forbidden");
  Reply editor = app().Call("DELETE", path, Demo("police.editor"));
  EXPECT_EQ(editor.status, 403);
  EXPECT_EQ(app().Call("DELETE", path, Demo("police.director")).status, 204);
  std::vector<std::string> actors;
  auto unlocked = Events(app(), "auth.login_unlocked", id, &actors);
  ASSERT_EQ(unlocked.size(), 1u);
  EXPECT_EQ(unlocked[0]["throttled_addresses"], 1);
  EXPECT_EQ(actors[0], "police.director");
  EXPECT_EQ(SignIn(app(), login, "own-pass-for-unlock").status, 201);
  EXPECT_EQ(app().Call("DELETE", "/api/v1/members/999999/login-throttles", Admin()).status, 404);
}

// ---- idle sessions ----

TEST_P(AuthApiTest, IdleSessionsEndAndUseIsRecordedAtMostOncePerInterval) {
  TestAppOptions options;
  options.auth.session_idle = std::chrono::minutes(30);
  auto own = OwnApp(std::move(options));
  if (!own) GTEST_SKIP() << "store unavailable";
  AddAccount(*own, "idler", "idler-pass-123");
  Credentials session = SessionOf(SignIn(*own, "idler", "idler-pass-123"));
  auto last_seen = [&] {
    auto rows = store::ReadValue<std::vector<store::Row>>(*own->app().store, [&](store::Tx& tx) {
      return tx.Query("SELECT last_seen_at FROM sessions WHERE revoked_at IS NULL");
    });
    return rows && rows->size() == 1 ? (*rows)[0].Text(0) : std::string();
  };
  const std::string at_sign_in = last_seen();
  constexpr int64_t kMinute = 60 * 1000000LL;
  own->clock().Advance(std::chrono::microseconds(20 * kMinute));
  EXPECT_EQ(own->Call("GET", "/api/v1/me", session).status, 200);
  const std::string touched = last_seen();
  EXPECT_GT(touched, at_sign_in);
  own->clock().Advance(std::chrono::microseconds(10 * 1000000LL));  // ten seconds later: no second write
  EXPECT_EQ(own->Call("GET", "/api/v1/me", session).status, 200);
  EXPECT_EQ(last_seen(), touched);
  own->clock().Advance(std::chrono::microseconds(29 * kMinute));  // 29 min after the last recorded use: still alive
  EXPECT_EQ(own->Call("GET", "/api/v1/me", session).status, 200);
  own->clock().Advance(std::chrono::microseconds(31 * kMinute));  // now idle for 31 minutes
  Reply idle = own->Call("GET", "/api/v1/me", session);
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(idle.json()["code"], "auth.session_expired");
}

// ---- transport: cookie, trusted proxies, HSTS ----

TEST_P(AuthApiTest, OnLoopbackTheCookieIsPlain) {
  Reply r = SignIn(app(), "gco.analyst", "sawt-demo-2026");
  ASSERT_EQ(r.status, 201);
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("sawt_session=", 0), 0u) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
}

TEST_P(AuthApiTest, SecureModeUsesTheHostPrefixAndReadsOnlyThatName) {
  TestAppOptions options;
  options.secure_cookie = true;
  auto own = OwnApp(std::move(options));
  if (!own) GTEST_SKIP() << "store unavailable";
  AddAccount(*own, "secure", "secure-pass-123");
  Reply r = SignIn(*own, "secure", "secure-pass-123");
  ASSERT_EQ(r.status, 201);
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("__Host-sawt_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
  Credentials session = SessionOf(r);
  EXPECT_EQ(own->Call("GET", "/api/v1/me", session).status, 200);  // sent as __Host-sawt_session
  Reply plain = own->Send("GET", "/api/v1/me", "", {}, {{"Cookie", "sawt_session=" + session.cookie}});
  EXPECT_EQ(plain.status, 401);
  Reply out = own->Call("DELETE", "/api/v1/sessions/current", session);
  ASSERT_EQ(out.status, 204);
  EXPECT_EQ(out.headers["set-cookie"].rfind("__Host-sawt_session=;", 0), 0u) << out.headers["set-cookie"];
  EXPECT_NE(out.headers["set-cookie"].find("; Secure"), std::string::npos);
  const Json doc = own->Call("GET", "/api/v1/openapi.json", {}).json();
  EXPECT_EQ(doc["components"]["securitySchemes"]["session"]["name"], "__Host-sawt_session");
}

TEST_P(AuthApiTest, ForwardedHeadersCountOnlyFromATrustedProxy) {
  // Not behind a trusted proxy: a spoofed X-Forwarded-For changes nothing.
  const std::string login = "spoof" + Unique();
  NewMember(login);
  Reply direct = SignIn(app(), login, "temporary-pass-91", "203.0.113.99");
  ASSERT_EQ(direct.status, 201);
  EXPECT_EQ(direct.headers.count("strict-transport-security"), 0u);
  Reply https = app().Call("GET", "/healthz", {}, nullptr, {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(https.headers.count("strict-transport-security"), 0u);
  auto rows = store::ReadValue<std::vector<store::Row>>(*app().app().store, [&](store::Tx& tx) {
    return tx.Query("SELECT payload FROM events WHERE action = 'auth.session_started' AND actor = $1", {login});
  });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(Json::parse((*rows)[0].Text(0))["remote"], "127.0.0.1");

  // Behind a trusted proxy: the right-most address the proxy appended, and HSTS over HTTPS.
  auto own = OwnApp(BehindProxy());
  if (!own) GTEST_SKIP() << "store unavailable";
  AddAccount(*own, "proxied", "proxied-pass-1");
  Reply proxied = own->Call("POST", "/api/v1/sessions", {}, {{"login", "proxied"}, {"password", "proxied-pass-1"}},
                            {{"X-Forwarded-For", "10.9.9.9, 203.0.113.5"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(proxied.status, 201);
  EXPECT_EQ(proxied.headers["strict-transport-security"], "max-age=31536000");
  auto own_started = store::ReadValue<std::vector<store::Row>>(*own->app().store, [&](store::Tx& tx) {
    return tx.Query("SELECT payload FROM events WHERE action = 'auth.session_started'");
  });
  ASSERT_TRUE(own_started);
  ASSERT_EQ(own_started->size(), 1u);
  EXPECT_EQ(Json::parse((*own_started)[0].Text(0))["remote"], "203.0.113.5");
  Reply plain_http = own->Call("GET", "/healthz", {}, nullptr, {{"X-Forwarded-Proto", "http"}});
  EXPECT_EQ(plain_http.headers.count("strict-transport-security"), 0u);
}

// ---- sawt admin ----

TEST_P(AuthApiTest, AdminCommandsRefuseBadUsageWithExitCode2) {
  EXPECT_EQ(RunAdmin({"unlock", "--user"}), 2);                    // missing value
  EXPECT_EQ(RunAdmin({"unlock", "--user", "--db", "x"}), 2);      // a flag where the value belongs
  EXPECT_EQ(RunAdmin({"unlock", "--frobnicate", "1"}), 2);         // unknown flag
  EXPECT_EQ(RunAdmin({"unlock"}), 2);                              // no --user
  EXPECT_EQ(RunAdmin({"activate"}), 2);
  EXPECT_EQ(RunAdmin({"reset-password"}), 2);
  EXPECT_EQ(RunAdmin({"explode", "--user", "admin"}), 2);          // unknown command
  EXPECT_EQ(RunAdmin({"unlock", "--user", "admin", "--generate"}), 2);
  EXPECT_EQ(RunAdmin({"reset-password", "--user", "admin"}, ""), 2);  // no password on stdin
  EXPECT_EQ(RunAdmin({"unlock", "--user", "nobody-at-all"}), 1);
}

TEST_P(AuthApiTest, ServeRefusesBadTransportFlagsWithExitCode2) {
  // Each is refused before anything opens or listens.
  const std::string db = "--db=" + DbUrl();
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--trusted-proxy", "10.0.0.1/8", db},        // host bits set
           {"--trusted-proxy", "10.0.0.0/8,", db},        // empty item
           {"--trusted-proxy", "nginx", db},             // a name, not an address
           {"--trusted-proxy", "::1", "--trusted-proxy", "fd00::/129", db},
           {"--trusted-proxy", db},                      // missing value
           {"--secure-cookie", "maybe", db},
           {"--session-idle-minutes", "0", db},
           {"--session-idle-minutes", "30m", db},
           {"--port", "abc", db},
           {"--port", "70000", db},
           {"--port", "08080", db},                      // one spelling per number
           {"--threads", "-1", db},
           {"--metrics-address", "9090", db}}) {
    EXPECT_EQ(app::RunServe(args), 2) << args[0] << " " << args[1];
  }
}

TEST_P(AuthApiTest, AdminCommandsActivateResetAndUnlock) {
  const std::string login = "cli" + Unique();
  const int64_t id = NewMember(login);
  const std::string path = "/api/v1/members/" + std::to_string(id);
  ASSERT_EQ(app().Call("PATCH", path, Admin(), {{"active", false}}).status, 200);
  EXPECT_EQ(SignIn(app(), login, "temporary-pass-91").status, 401);
  EXPECT_EQ(RunAdmin({"activate", "--user", login}), 0);
  EXPECT_EQ(SignIn(app(), login, "temporary-pass-91").status, 201);

  // reset-password from standard input: the account must change it, old credentials end.
  Credentials before = app().FirstLogin(login, "temporary-pass-91", "own-pass-before");
  EXPECT_EQ(RunAdmin({"reset-password", "--user", login}, "Reset-By-Operator-7\n"), 0);
  // The command is another process: check the store (a running server's caller cache may take up
  // to its 5 s lifetime to notice on SQLite).
  auto open_sessions = store::ReadValue<int64_t>(*app().app().store, [&](store::Tx& tx) -> core::Result<int64_t> {
    auto rows = tx.Query("SELECT COUNT(*) FROM sessions WHERE account_id = $1 AND revoked_at IS NULL", {id});
    if (!rows) return std::move(rows).error();
    return (*rows)[0].Int(0);
  });
  ASSERT_TRUE(open_sessions);
  EXPECT_EQ(*open_sessions, 0);
  (void)before;
  EXPECT_EQ(SignIn(app(), login, "own-pass-before").status, 401);
  Reply reset = SignIn(app(), login, "Reset-By-Operator-7");
  ASSERT_EQ(reset.status, 201);
  EXPECT_TRUE(reset.json()["must_change_password"].get<bool>());
  EXPECT_EQ(RunAdmin({"reset-password", "--user", login}, "password123\n"), 1);  // the policy holds

  // --generate prints the new password.
  std::string printed;
  EXPECT_EQ(RunAdmin({"reset-password", "--user", login, "--generate"}, "", &printed), 0);
  ASSERT_FALSE(printed.empty());
  printed.pop_back();  // newline
  EXPECT_GE(printed.size(), 20u);
  EXPECT_EQ(SignIn(app(), login, printed).status, 201);

  // unlock after throttling failures from here.
  for (int i = 0; i < 5; ++i) SignIn(app(), login, "wrong-pass-" + std::to_string(i));
  EXPECT_EQ(SignIn(app(), login, printed).status, 401);
  std::string said;
  EXPECT_EQ(RunAdmin({"unlock", "--user", login}, "", &said), 0);
  EXPECT_NE(said.find("1 throttled"), std::string::npos) << said;
  EXPECT_EQ(SignIn(app(), login, printed).status, 201);

  for (const char* action : {"auth.account_activated", "auth.password_reset", "auth.login_unlocked"}) {
    std::vector<std::string> actors;
    Events(app(), action, id, &actors);
    ASSERT_FALSE(actors.empty()) << action;
    EXPECT_EQ(actors.back(), "cli") << action;
  }
}

}  // namespace
}  // namespace sawt::testing
