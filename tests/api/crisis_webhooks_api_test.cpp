// Black-box tests of crisis webhook subscribers (issue 13): a published statement reaches every
// active subscriber once, signed (HMAC-SHA256 over timestamp and body) with its idempotency key,
// over plain HTTP and over HTTPS with the certificate verified against a test CA; a subscriber that
// is down gets the same delivery again after the backoff; drills reach only those that take them;
// an untrusted certificate is refused; who may manage subscribers and bad input. Both stores.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auth/crypto.hpp"
#include "tests/api/fixture.hpp"
#include "tests/support/webhook_receiver.hpp"

namespace sawt::testing {
namespace {

using core::Json;
using namespace std::chrono_literals;

class CrisisWebhooksApiTest : public ApiTest {
 protected:
  static Json Subscriber(const std::string& url, bool drills = true) {
    return {{"name", "Broadcaster " + Unique()}, {"url", url}, {"include_drills", drills}};
  }
  /// Publishes a one-approver drill statement in `app` (a copy of the demo: the same ids) led by
  /// police; returns its id.
  int64_t PublishDrillStatement(TestApp& app, const std::string& title_en) {
    const Credentials director = app.Login("police.director", kDemoPassword);
    const Credentials spokesperson = app.Login("police.spokesperson", kDemoPassword);
    const Credentials reviewer = app.Login("police.reviewer", kDemoPassword);
    const int64_t police_id = EntityId("police"), reviewer_id = AccountId("police.reviewer"),
                  spokesperson_id = AccountId("police.spokesperson");
    Json body = {{"kind", "drill"}, {"crisis_type", "weather"}, {"severity", "severe"}, {"title_ar", "تمرين"},
                 {"title_en", "Drill"}, {"lead_entity_id", police_id}, {"required_approvals", 1},
                 {"roles", {{{"account_id", reviewer_id}, {"role", "lead"}}, {{"account_id", spokesperson_id}, {"role", "spokesperson"}}}}};
    Reply crisis = app.Call("POST", "/api/v1/crises", director, body);
    EXPECT_EQ(crisis.status, 201) << crisis.body;
    const std::string statements = "/api/v1/crises/" + std::to_string(crisis.json().value("id", int64_t{0})) + "/statements";
    Reply drafted = app.Call("POST", statements, spokesperson,
                             {{"title_ar", "تنبيه"}, {"title_en", title_en}, {"body_ar", "ابتعدوا عن الأودية."},
                              {"body_en", "Keep away from wadis."}});
    EXPECT_EQ(drafted.status, 201) << drafted.body;
    const int64_t id = drafted.json().value("id", int64_t{0});
    const std::string at = statements + "/" + std::to_string(id);
    EXPECT_EQ(app.Call("POST", at + "/submit", spokesperson, Json::object()).status, 200);
    Reply approved = app.Call("POST", at + "/approve", reviewer, Json::object());
    EXPECT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().value("status", ""), "published") << approved.body;
    return id;
  }
  /// The subscriber's deliveries, once its worker has recorded `state` on the newest, or after 30 s.
  static Json DeliveryOnceIn(TestApp& app, const Credentials& admin, int64_t hook, const std::string& state) {
    const std::string path = "/api/v1/crisis-webhooks/" + std::to_string(hook) + "/deliveries";
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    Json last;
    do {
      Reply r = app.Call("GET", path, admin);
      EXPECT_EQ(r.status, 200) << r.body;
      last = r.json();
      if (!last["items"].empty() && last["items"][0]["state"] == state) return last["items"][0];
      std::this_thread::sleep_for(20ms);
    } while (std::chrono::steady_clock::now() < deadline);
    ADD_FAILURE() << "no " << state << " delivery: " << last.dump();
    return Json::object();
  }
};
SAWT_INSTANTIATE_BOTH_STORES(CrisisWebhooksApiTest);

TEST_P(CrisisWebhooksApiTest, APublishedStatementReachesEverySubscriberSignedOnceOverHttpAndHttps) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << "openssl could not make the test CA";
  WebhookReceiver plain, secure(&pki), down, no_drills;
  down.SetStatus(503);
  TestAppOptions options;
  options.tls_ca_file = pki.ca_file();
  auto own = OwnDemoApp(std::move(options));
  if (!own) GTEST_SKIP() << "no database";
  const Credentials admin = own->Login("admin", "admin-demo");

  // Registering answers the secret once; reading never shows it.
  std::map<std::string, std::pair<int64_t, std::string>> hooks;  // name → (id, secret)
  for (auto [name, url, drills] : {std::tuple{"plain", plain.Url(), true}, std::tuple{"secure", secure.Url("/sawt?x=1"), true},
                                   std::tuple{"down", down.Url(), true}, std::tuple{"no_drills", no_drills.Url(), false}}) {
    Reply made = own->Call("POST", "/api/v1/crisis-webhooks", admin, Subscriber(url, drills));
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string secret = made.json().value("secret", "");
    EXPECT_EQ(secret.rfind("whsec_", 0), 0u) << secret;
    EXPECT_GE(secret.size(), 40u);
    EXPECT_EQ(made.json()["active"], true);
    hooks[name] = {made.json()["id"].get<int64_t>(), secret};
    Reply read = own->Call("GET", "/api/v1/crisis-webhooks/" + std::to_string(hooks[name].first), admin);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_FALSE(read.json().contains("secret"));
  }
  EXPECT_EQ(hooks["plain"].second == hooks["secure"].second, false) << "each subscriber has its own secret";

  const int64_t statement = PublishDrillStatement(*own, "Alert: heavy rain");
  const std::string key = "crisis-statement-" + std::to_string(statement);
  ASSERT_TRUE(plain.WaitFor(1, 30s));
  ASSERT_TRUE(secure.WaitFor(1, 30s)) << "the HTTPS subscriber (test CA trusted) got nothing";
  ASSERT_TRUE(down.WaitFor(1, 30s));
  const int64_t now_s = own->clock().NowMicros() / 1'000'000;
  for (auto [receiver, name] : {std::pair{&plain, "plain"}, std::pair{&secure, "secure"}}) {
    const auto got = receiver->received();
    ASSERT_EQ(got.size(), 1u) << name;
    const auto& r = got[0];
    EXPECT_EQ(r.idempotency_key, key) << name;
    EXPECT_EQ(r.event, "crisis.statement_published") << name;
    EXPECT_TRUE(auth::VerifyWebhookSignature(hooks[name].second, r.timestamp, r.body, r.signature, now_s)) << name;
    EXPECT_FALSE(auth::VerifyWebhookSignature(hooks[name].second, r.timestamp, r.body + " ", r.signature, now_s)) << name;
    EXPECT_FALSE(auth::VerifyWebhookSignature(hooks[name].second, r.timestamp, r.body, r.signature, now_s + 301))
        << name << ": outside the replay window";
    const Json body = Json::parse(r.body);
    EXPECT_EQ(body["event"], "crisis.statement_published");
    EXPECT_EQ(body["idempotency_key"], key);
    EXPECT_EQ(body["statement"]["id"], statement);
    EXPECT_EQ(body["statement"]["title_en"], "Alert: heavy rain");
    EXPECT_EQ(body["statement"]["kind"], "drill");
    EXPECT_EQ(body["statement"]["cap_url"].get<std::string>().find("/api/v1/public/alerts/" + std::to_string(statement)) !=
                  std::string::npos,
              true);
  }
  EXPECT_EQ(secure.received()[0].target, "/sawt?x=1");

  // Recorded per subscriber: delivered with the receiver's status; the one that is down waits for
  // its backoff (at least half of the 2 s base: the jitter's lower bound).
  const Json delivered = DeliveryOnceIn(*own, admin, hooks["plain"].first, "delivered");
  EXPECT_EQ(delivered["attempts"], 1);
  EXPECT_EQ(delivered["last_status"], 200);
  EXPECT_EQ(delivered["idempotency_key"], key);
  const Json waiting = DeliveryOnceIn(*own, admin, hooks["down"].first, "pending");
  const auto retry_wait = [&] {
    for (int i = 0; i < 1500; ++i) {
      const Json d = own->Call("GET", "/api/v1/crisis-webhooks/" + std::to_string(hooks["down"].first) + "/deliveries", admin)
                         .json()["items"][0];
      if (d["attempts"] == 1) return d;
      std::this_thread::sleep_for(20ms);
    }
    return Json::object();
  }();
  ASSERT_EQ(retry_wait["attempts"], 1) << waiting.dump();
  EXPECT_EQ(retry_wait["last_status"], 503);
  EXPECT_EQ(retry_wait["last_error"], "HTTP 503");
  EXPECT_EQ(retry_wait["last_error_code"], "http_status");
  int64_t due = 0;
  ASSERT_TRUE(core::ParseIsoUtc(retry_wait["next_attempt_at"].get<std::string>(), &due));
  EXPECT_GE(due - own->clock().NowMicros(), 1'000'000);
  EXPECT_LE(due - own->clock().NowMicros(), 2'000'000);
  Reply list = own->Call("GET", "/api/v1/crisis-webhooks", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  for (const auto& w : list.json()["items"]) {
    if (w["id"] == hooks["down"].first) {
      EXPECT_EQ(w["deliveries"]["pending"], 1);
      EXPECT_EQ(w["deliveries"]["last_error"], "HTTP 503");
      EXPECT_EQ(w["deliveries"]["last_error_code"], "http_status");
    }
    if (w["id"] == hooks["plain"].first) {
      EXPECT_EQ(w["deliveries"]["delivered"], 1);
    }
    EXPECT_FALSE(w.contains("secret"));
  }

  // The subscriber comes back; its time comes: the same delivery, the same body and key.
  down.SetStatus(200);
  own->clock().Advance(std::chrono::seconds(3));
  ASSERT_TRUE(down.WaitFor(2, 30s));
  const auto twice = down.received();
  EXPECT_EQ(twice[0].idempotency_key, twice[1].idempotency_key);
  EXPECT_EQ(twice[0].body, twice[1].body);
  EXPECT_EQ(twice[0].delivery, twice[1].delivery);
  const Json recovered = DeliveryOnceIn(*own, admin, hooks["down"].first, "delivered");
  EXPECT_EQ(recovered["attempts"], 2);
  EXPECT_TRUE(recovered["last_error_code"].is_null()) << recovered.dump();

  // A subscriber without drills got nothing; nobody got anything twice.
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(no_drills.received().empty());
  EXPECT_EQ(plain.received().size(), 1u);
  EXPECT_EQ(secure.received().size(), 1u);
  Reply none = own->Call("GET", "/api/v1/crisis-webhooks/" + std::to_string(hooks["no_drills"].first) + "/deliveries", admin);
  EXPECT_EQ(none.json()["items"], Json::array()) << none.body;

  // A delivered one is not sent again by hand.
  Reply again = own->Call("POST",
                          "/api/v1/crisis-webhooks/" + std::to_string(hooks["plain"].first) + "/deliveries/" +
                              std::to_string(delivered["id"].get<int64_t>()) + "/redeliver",
                          admin, Json::object());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json().value("code", ""), "crisis.delivery_delivered");

  // A new secret signs from now on; the old one no longer verifies what is sent.
  Reply rotated = own->Call("POST", "/api/v1/crisis-webhooks/" + std::to_string(hooks["plain"].first) + "/rotate-secret", admin,
                            Json::object());
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const std::string fresh = rotated.json().value("secret", "");
  EXPECT_NE(fresh, hooks["plain"].second);
  const int64_t second = PublishDrillStatement(*own, "Update: roads reopened");
  ASSERT_TRUE(plain.WaitFor(2, 30s));
  const auto r2 = plain.received()[1];
  EXPECT_EQ(r2.idempotency_key, "crisis-statement-" + std::to_string(second));
  EXPECT_TRUE(auth::VerifyWebhookSignature(fresh, r2.timestamp, r2.body, r2.signature, own->clock().NowMicros() / 1'000'000));
  EXPECT_FALSE(auth::VerifyWebhookSignature(hooks["plain"].second, r2.timestamp, r2.body, r2.signature,
                                            own->clock().NowMicros() / 1'000'000));

  // Removed: gone from the list and from reads; nothing more is queued for it.
  const std::string removed = "/api/v1/crisis-webhooks/" + std::to_string(hooks["secure"].first);
  EXPECT_EQ(own->Call("DELETE", removed, admin).status, 204);
  EXPECT_EQ(own->Call("GET", removed, admin).status, 404);
  const Json remaining = own->Call("GET", "/api/v1/crisis-webhooks", admin).json();  // named: the loop reads it
  for (const auto& w : remaining["items"]) EXPECT_NE(w["id"], hooks["secure"].first);
  PublishDrillStatement(*own, "Cancel");
  ASSERT_TRUE(plain.WaitFor(3, 30s));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(secure.received().size(), 2u) << "the second statement went before the removal; the third did not";
}

TEST_P(CrisisWebhooksApiTest, AnUntrustedCertificateIsRefusedAndNothingIsSent) {
  TestPki pki;
  ASSERT_TRUE(pki.ok());
  WebhookReceiver secure(&pki);
  auto own = OwnDemoApp({});  // the test CA is not trusted
  if (!own) GTEST_SKIP() << "no database";
  const Credentials admin = own->Login("admin", "admin-demo");
  Reply made = own->Call("POST", "/api/v1/crisis-webhooks", admin, Subscriber(secure.Url()));
  ASSERT_EQ(made.status, 201) << made.body;
  PublishDrillStatement(*own, "Alert");
  const int64_t hook = made.json()["id"];
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  Json d;
  do {
    d = own->Call("GET", "/api/v1/crisis-webhooks/" + std::to_string(hook) + "/deliveries", admin).json()["items"][0];
    if (d["attempts"] == 1) break;
    std::this_thread::sleep_for(20ms);
  } while (std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(d["attempts"], 1) << d.dump();
  EXPECT_EQ(d["state"], "pending");
  EXPECT_TRUE(d["last_status"].is_null());
  EXPECT_NE(d["last_error"].get<std::string>().find("handshake"), std::string::npos) << d.dump();
  EXPECT_EQ(d["last_error_code"], "tls") << d.dump();
  EXPECT_TRUE(secure.received().empty()) << "nothing readable reached an unverified server";
}

TEST_P(CrisisWebhooksApiTest, OnlyNetworkAdminsManageSubscribersAndBadInputIsRefused) {
  const Json body = Subscriber("https://broadcaster.example/sawt");
  for (const char* login : {"police.director", "police.editor", "police.spokesperson"}) {
    EXPECT_EQ(app().Call("POST", "/api/v1/crisis-webhooks", Demo(login), body).status, 403) << login;
    EXPECT_EQ(app().Call("GET", "/api/v1/crisis-webhooks", Demo(login)).status, 403) << login;
  }
  for (const char* url : {"ftp://broadcaster.example/", "http://", "broadcaster.example", "https://user@host/x", ""}) {
    Reply r = app().Call("POST", "/api/v1/crisis-webhooks", Admin(), Subscriber(url));
    EXPECT_EQ(r.status, 400) << url << " " << r.body;
    EXPECT_EQ(r.json().value("code", ""), std::string(*url ? "crisis.bad_webhook_url" : "common.field_empty")) << url << " " << r.body;
  }
  Json extra = body;
  extra["secret"] = "mine";
  Reply unknown = app().Call("POST", "/api/v1/crisis-webhooks", Admin(), extra);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json().value("code", ""), "common.unknown_field") << unknown.body;
  Reply made = app().Call("POST", "/api/v1/crisis-webhooks", Admin(), Subscriber("http://127.0.0.1:9/hook"));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string at = "/api/v1/crisis-webhooks/" + std::to_string(made.json()["id"].get<int64_t>());
  Reply off = app().Call("PATCH", at, Admin(), {{"active", false}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["active"], false);
  Reply state = app().Call("GET", at + "/deliveries?state=lost", Admin());
  EXPECT_EQ(state.status, 400);
  EXPECT_EQ(state.json().value("code", ""), "crisis.bad_delivery_state");
  Reply missing = app().Call("POST", at + "/deliveries/999999/redeliver", Admin(), Json::object());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json().value("code", ""), "crisis.delivery_not_found");
  EXPECT_EQ(app().Call("GET", "/api/v1/crisis-webhooks/999999", Admin()).json().value("code", ""), "crisis.webhook_not_found");
  Reply bad_patch = app().Call("PATCH", at, Admin(), {{"url", "gopher://x"}});
  EXPECT_EQ(bad_patch.json().value("code", ""), "crisis.bad_webhook_url");
  EXPECT_EQ(app().Call("DELETE", at, Admin()).status, 204);
}

}  // namespace
}  // namespace sawt::testing
