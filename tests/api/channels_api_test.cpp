// Black-box tests of channel variants, channel checks and the publication outbox, both stores.
// Deliveries go to an HTTP receiver on loopback inside the test; nothing leaves the machine.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "auth/crypto.hpp"
#include "core/clock.hpp"
#include "tests/api/fixture.hpp"

namespace sawt::testing {
namespace {

using core::Json;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

/// A webhook receiver on 127.0.0.1: "/flaky" answers 500 to its first request and 200 after,
/// "/down" always 500, anything else 200. Records every request.
class LoopbackReceiver {
 public:
  struct Received {
    std::string target, body, signature, delivery, timestamp;
  };

  LoopbackReceiver() : acceptor_(ioc_, {net::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~LoopbackReceiver() {
    stop_ = true;
    boost::system::error_code ec;
    net::ip::tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ec);  // unblocks accept()
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }

 private:
  void Serve() {
    while (!stop_) {
      net::ip::tcp::socket sock(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(sock, ec);
      if (ec || stop_) return;
      boost::beast::flat_buffer buf;
      bhttp::request<bhttp::string_body> req;
      bhttp::read(sock, buf, req, ec);
      if (ec) continue;
      int status = 200;
      {
        std::lock_guard<std::mutex> lock(mu_);
        const std::string target(req.target());
        if (target == "/down" || (target == "/flaky" && flaky_calls_++ == 0)) status = 500;
        received_.push_back({target, req.body(), std::string(req["X-Sawt-Signature"]), std::string(req["X-Sawt-Delivery"]),
                             std::string(req["X-Sawt-Timestamp"])});
      }
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
      res.body() = status == 200 ? "ok" : "try later";
      res.prepare_payload();
      bhttp::write(sock, res, ec);
      sock.shutdown(net::ip::tcp::socket::shutdown_both, ec);
    }
  }

  net::io_context ioc_;
  net::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Received> received_;
  int flaky_calls_ = 0;
};

class ChannelsApiTest : public ApiTest {
 protected:
  Json Item(const Json& channels, const std::string& body_ar) {
    return {{"kind", "social_post"},
            {"owner_entity_id", EntityId("police")},
            {"title_ar", "حملة السلامة " + Unique()},
            {"title_en", "Safety campaign"},
            {"body_ar", body_ar},
            {"body_en", "Drive safely near schools."},
            {"themes", {"road-safety"}},
            {"channels", channels}};
  }
  int64_t Create(const Json& body) {
    Reply made = app().Call("POST", "/api/v1/content-items", Demo("police.editor"), body);
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("id", int64_t{0});
  }
  Reply Step(int64_t id, const std::string& to, const Credentials& who) {
    const std::string path = "/api/v1/content-items/" + std::to_string(id);
    const std::string etag = app().Call("GET", path, who).headers["etag"];
    return app().Call("POST", path + "/transitions", who, {{"to", to}}, {{"If-Match", etag}});
  }
  /// draft → in_review → approved → scheduled (→ published unless stop_at says otherwise).
  void MoveTo(int64_t id, const std::string& last) {
    for (const std::string to : {"in_review", "approved", "scheduled", "published"}) {
      const Credentials who = to == "approved" ? Demo("police.reviewer") : Demo("police.editor");
      Reply r = Step(id, to, who);
      ASSERT_EQ(r.status, 200) << to << ": " << r.body;
      if (to == last) return;
    }
  }
  /// The outbox rows as a publisher of the owner entity (police) sees them, last_error included.
  Json Publications(int64_t id, const std::string& who = "police.reviewer") {
    Reply r = app().Call("GET", "/api/v1/content-items/" + std::to_string(id) + "/publications", Demo(who));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  /// Polls until `done(publications)` or 20 s.
  Json WaitFor(int64_t id, const std::function<bool(const Json&)>& done) {
    Json rows;
    for (int i = 0; i < 200; ++i) {
      rows = Publications(id);
      if (done(rows)) return rows;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "timed out: " << rows.dump();
    return rows;
  }
  static Json Row(const Json& rows, const std::string& channel, const std::string& lang) {
    for (const auto& r : rows) {
      if (r["channel"] == channel && r["lang"] == lang) return r;
    }
    return Json();
  }
  static std::string Repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(ChannelsApiTest);

TEST_P(ChannelsApiTest, ChannelCheckCountsAsThePlatformDoes) {
  const Credentials member = Demo("health.editor");
  auto check = [&](const Json& body) { return app().Call("POST", "/api/v1/channel-checks", member, body); };
  Reply at = check({{"channel", "x"}, {"text", Repeat("م", 280)}});
  ASSERT_EQ(at.status, 200) << at.body;
  EXPECT_EQ(at.json()["length"]["counted"], 280);
  EXPECT_EQ(at.json()["length"]["limit"], 280);
  EXPECT_EQ(at.json()["length"]["unit"], "weighted");
  EXPECT_EQ(at.json()["length"]["remaining"], 0);
  EXPECT_TRUE(at.json()["ok"].get<bool>());
  Reply over = check({{"channel", "x"}, {"text", Repeat("م", 256) + " https://www.rta.ae/a/very/long/path/x"},
                      {"hashtags", {"#x"}}});
  EXPECT_EQ(over.json()["length"]["counted"], 256 + 1 + 23 + 2 + 2);
  EXPECT_FALSE(over.json()["ok"].get<bool>());
  EXPECT_EQ(over.json()["length"]["remaining"], -4);
  Reply emoji = check({{"channel", "x"}, {"text", "شكرا \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"}});
  EXPECT_EQ(emoji.json()["length"]["counted"], 7);
  Reply yt = check({{"channel", "youtube"}, {"title", Repeat("ع", 101)}, {"text", "وصف"}});
  EXPECT_EQ(yt.json()["title_length"]["counted"], 101);
  EXPECT_EQ(yt.json()["length"]["unit"], "bytes");
  EXPECT_FALSE(yt.json()["ok"].get<bool>());
  Reply tags = check({{"channel", "instagram"}, {"text", "نص"}, {"hashtags", {"#وسم", "#bad tag"}}});
  EXPECT_EQ(tags.json()["invalid_hashtags"], Json::array({"#bad tag"}));
  Reply web = check({{"channel", "website"}, {"text", Repeat("كلمة ", 5000)}});
  EXPECT_TRUE(web.json()["length"]["limit"].is_null());
  EXPECT_TRUE(web.json()["ok"].get<bool>());
  EXPECT_EQ(check({{"channel", "myspace"}, {"text", "x"}}).status, 400);
}

TEST_P(ChannelsApiTest, VariantsAreDerivedThenStoredWithinTheLimit) {
  const std::string body_ar = Repeat("تطلق القيادة العامة للشرطة حملة جديدة للسلامة المرورية قرب المدارس. ", 12);
  const int64_t id = Create(Item({"x", "youtube", "website"}, body_ar));
  const std::string path = "/api/v1/content-items/" + std::to_string(id) + "/variants";
  Reply listed = app().Call("GET", path, Demo("health.reviewer"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const Json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 6u) << listed.body;  // 3 channels × ar, en
  EXPECT_TRUE(listed.json()["editable"].get<bool>());
  Json x_ar = Row(items, "x", "ar");
  EXPECT_TRUE(x_ar["derived"].get<bool>());
  EXPECT_TRUE(x_ar["ok"].get<bool>()) << x_ar;
  EXPECT_LE(x_ar["length"]["counted"].get<int>(), 280);
  EXPECT_EQ(x_ar["hashtags"], Json::array({"#السلامة_المرورية"}));
  const std::string text = x_ar["text"];
  EXPECT_EQ(text.substr(text.size() - 3), "\xE2\x80\xA6");  // cut with an ellipsis
  EXPECT_EQ(Row(items, "x", "en")["hashtags"], Json::array({"#RoadSafety"}));
  EXPECT_TRUE(Row(items, "website", "ar")["length"]["limit"].is_null());
  EXPECT_EQ(Row(items, "website", "ar")["hashtags"], Json::array());
  EXPECT_EQ(Row(items, "youtube", "ar")["title_length"]["limit"], 100);

  const Credentials editor = Demo("police.editor");
  const int64_t events = app().EventCount();
  Reply too_long = app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", Repeat("م", 281)}});
  ASSERT_EQ(too_long.status, 422) << too_long.body;
  EXPECT_EQ(too_long.json()["code"], "messaging.variant_does_not_fit");
  EXPECT_NE(too_long.json()["detail"].get<std::string>().find("The X text in Arabic counts 281; the limit is 280 (weighted length, as X counts it)."),
            std::string::npos)
      << too_long.body;
  Reply arabic = app().Send("PUT", path + "/x", Json{{"lang", "ar"}, {"text", Repeat("م", 281)}}.dump(), editor,
                            {{"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf}});
  // Arabic by default: the channel, language and unit by their labels, Arabic-Indic digits.
  EXPECT_NE(arabic.json()["detail"].get<std::string>().find(
                "نص إكس باللغة العربية يبلغ ٢٨١ والحد ٢٨٠ (وحدة العد: الطول الموزون كما تعدّه إكس)"),
            std::string::npos)
      << arabic.body;
  Reply latin = app().Send("PUT", path + "/x", Json{{"lang", "ar"}, {"text", Repeat("م", 281)}}.dump(), editor,
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf},
                            {"Accept-Language", "ar-u-nu-latn"}});
  EXPECT_NE(latin.json()["detail"].get<std::string>().find("يبلغ 281 والحد 280"), std::string::npos) << latin.body;
  EXPECT_EQ(app().EventCount(), events);

  Reply saved = app().Call("PUT", path + "/x", editor,
                           {{"lang", "ar"}, {"text", "السلامة أولًا قرب المدارس"}, {"hashtags", {"#المدارس"}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.headers["etag"], "\"1\"");
  EXPECT_FALSE(saved.json()["derived"].get<bool>());
  EXPECT_EQ(saved.json()["post"], "السلامة أولًا قرب المدارس\n\n#المدارس");
  EXPECT_EQ(app().EventCount(), events + 1);
  Reply again = app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", "السلامة أولًا"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["version"], 2);
  EXPECT_EQ(app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", "x"}}, {{"If-Match", "\"1\""}}).status, 412);
  Reply stored = app().Call("GET", path, editor);
  EXPECT_FALSE(Row(stored.json()["items"], "x", "ar")["derived"].get<bool>());
  EXPECT_TRUE(Row(stored.json()["items"], "x", "en")["derived"].get<bool>());

  EXPECT_EQ(app().Call("PUT", path + "/tiktok", editor, {{"lang", "ar"}, {"text", "x"}}).status, 409);
  EXPECT_EQ(app().Call("PUT", path + "/myspace", editor, {{"lang", "ar"}, {"text", "x"}}).status, 400);
  Reply bad_tag = app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", "x"}, {"hashtags", {"#road-safety"}}});
  EXPECT_EQ(bad_tag.status, 400);
  EXPECT_EQ(bad_tag.json()["code"], "messaging.bad_hashtag");
  EXPECT_EQ(app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", "x"}, {"title", "t"}}).status, 400);
  EXPECT_EQ(app().Call("PUT", path + "/x", Demo("health.editor"), {{"lang", "ar"}, {"text", "x"}}).status, 403);
  Reply yt_title = app().Call("PUT", path + "/youtube", editor, {{"lang", "en"}, {"title", Repeat("t", 101)}, {"text", "d"}});
  EXPECT_EQ(yt_title.status, 422);
  EXPECT_EQ(yt_title.json()["field"], "title");

  ASSERT_EQ(Step(id, "in_review", editor).status, 200);
  Reply locked = app().Call("PUT", path + "/x", editor, {{"lang", "ar"}, {"text", "x"}});
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.json()["code"], "messaging.content_item_locked");
}

TEST_P(ChannelsApiTest, AStoredVariantCanBeDroppedBackToTheDerivedText) {
  const int64_t id = Create(Item({"x"}, "نص المنشور عن السلامة."));
  const std::string path = "/api/v1/content-items/" + std::to_string(id) + "/variants/x";
  Credentials editor = Demo("police.editor");
  ASSERT_EQ(app().Call("PUT", path, editor, {{"lang", "ar"}, {"text", "نص مخصص لمنصة إكس"}}).status, 200);
  EXPECT_EQ(app().Call("DELETE", path + "?lang=ar", Demo("health.editor")).status, 403);
  EXPECT_EQ(app().Call("DELETE", path + "?lang=fr", editor).status, 400);
  ASSERT_EQ(app().Call("DELETE", path + "?lang=ar", editor).status, 204);
  EXPECT_EQ(app().Call("DELETE", path + "?lang=ar", editor).status, 404);
  const Json variants = app().Call("GET", "/api/v1/content-items/" + std::to_string(id) + "/variants", editor).json();
  for (const auto& v : variants["items"]) {
    if (v["channel"] == "x" && v["lang"] == "ar") {
      EXPECT_TRUE(v["derived"].get<bool>()) << v;
    }
  }
}

TEST_P(ChannelsApiTest, AStoredVariantOverTheLimitBlocksSchedulingAndPublishing) {
  const int64_t id = Create(Item({"x"}, "نص قصير"));
  const std::string path = "/api/v1/content-items/" + std::to_string(id);
  ASSERT_EQ(app().Call("PUT", path + "/variants/x", Demo("police.editor"), {{"lang", "ar"}, {"text", "نص"}}).status, 200);
  MoveTo(id, "approved");
  // A variant stored under an older, larger limit (the API never stores one over the limit).
  auto st = app().app().store->Write([&](store::Tx& tx) -> core::Status {
    auto n = tx.Exec("UPDATE content_item_variants SET text = $1 WHERE item_id = $2", {Repeat("a", 300), id});
    if (!n) return std::move(n).error();
    auto ev = tx.Append({"test", "test.variant_aged", std::nullopt, "content_item", std::to_string(id), Json::object()});
    if (!ev) return std::move(ev).error();
    return core::Ok();
  });
  ASSERT_TRUE(st);
  Reply blocked = Step(id, "scheduled", Demo("police.editor"));
  ASSERT_EQ(blocked.status, 422) << blocked.body;
  EXPECT_EQ(blocked.json()["code"], "messaging.variant_blocks_publication");
  EXPECT_NE(blocked.json()["detail"].get<std::string>().find("counts 300; the limit is 280"), std::string::npos);
  EXPECT_EQ(app().Call("GET", path, Demo("police.editor")).json()["state"], "approved");
}

TEST_P(ChannelsApiTest, PublishingQueuesTheOutboxAndDeliversSignedWithRetries) {
  LoopbackReceiver receiver;
  const Credentials admin = Admin();
  EndpointsGuard restore(app(), admin);
  const std::string secret = "a-long-shared-secret-" + Unique();
  ASSERT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/tiktok", admin,
                       {{"url", receiver.Url("/flaky")}, {"secret", secret}, {"max_attempts", 3}}).status, 200);
  ASSERT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/linkedin", admin,
                       {{"url", receiver.Url("/down")}, {"secret", secret}, {"max_attempts", 2}}).status, 200);
  Reply endpoints = app().Call("GET", "/api/v1/channel-endpoints", admin);
  ASSERT_EQ(endpoints.status, 200);
  EXPECT_EQ(endpoints.body.find(secret), std::string::npos);  // the secret is never shown

  const int64_t id = Create(Item({"tiktok", "linkedin", "instagram"}, "نص المنشور عن السلامة."));
  EXPECT_TRUE(Publications(id).empty());
  MoveTo(id, "published");
  Json rows = Publications(id);
  ASSERT_EQ(rows.size(), 6u) << rows.dump();  // 3 channels × ar, en, queued with the publication

  // First attempts: the flaky endpoint's first answer and both down ones are 500s, and those rows
  // wait for their retry one backoff step (PublicationOptions::retry_base, 1 s) later.
  rows = WaitFor(id, [](const Json& rs) {
    for (const auto& r : rs) {
      if (r["state"] == "pending" && r["attempts"] == 0) return false;
    }
    return true;
  });
  int waiting = 0;
  for (const auto& r : rows) {
    if (r["state"] != "pending") continue;
    ++waiting;
    int64_t due = 0;
    ASSERT_TRUE(core::ParseIsoUtc(r["next_attempt_at"].get<std::string>(), &due)) << r.dump();
    EXPECT_GE(due - app().clock().NowMicros(), 900'000) << r.dump();  // not before the backoff
  }
  EXPECT_EQ(waiting, 3) << rows.dump();
  // The time comes: the retries go out at once (the worker wakes when the clock moves).
  app().clock().Advance(std::chrono::seconds(1));
  rows = WaitFor(id, [](const Json& rs) {
    for (const auto& r : rs) {
      const std::string s = r["state"];
      if (s == "pending") return false;
    }
    return true;
  });
  for (const char* lang : {"ar", "en"}) {
    EXPECT_EQ(Row(rows, "tiktok", lang)["state"], "delivered") << rows.dump();
    EXPECT_FALSE(Row(rows, "tiktok", lang)["delivered_at"].is_null());
    EXPECT_EQ(Row(rows, "linkedin", lang)["state"], "failed") << rows.dump();
    EXPECT_EQ(Row(rows, "linkedin", lang)["attempts"], 2);
    EXPECT_EQ(Row(rows, "linkedin", lang)["last_error"], "HTTP 500");
    EXPECT_EQ(Row(rows, "instagram", lang)["state"], "manual");
  }
  // The first tiktok delivery met the receiver's 500 and was retried.
  const int tiktok_attempts = Row(rows, "tiktok", "ar")["attempts"].get<int>() + Row(rows, "tiktok", "en")["attempts"].get<int>();
  EXPECT_EQ(tiktok_attempts, 3);

  // Members who cannot publish for the owner entity see the rows, not what the endpoints answered.
  for (const std::string outsider : {"health.editor", "police.spokesperson"}) {
    const Json seen = Publications(id, outsider);
    ASSERT_EQ(seen.size(), 6u) << outsider;
    for (const auto& r : seen) EXPECT_TRUE(r["last_error"].is_null()) << outsider << ": " << r.dump();
  }
  EXPECT_EQ(Row(Publications(id, "police.editor"), "linkedin", "ar")["last_error"], "HTTP 500");

  int verified = 0;
  const int64_t now_s = app().clock().NowMicros() / 1'000'000;
  for (const auto& got : receiver.received()) {
    // The signature covers the timestamp: "sha256=" HMAC(secret, timestamp + "." + body).
    ASSERT_FALSE(got.timestamp.empty());
    const int64_t sent_at = std::stoll(got.timestamp);
    EXPECT_LE(std::abs(now_s - sent_at), 120) << got.timestamp;  // a receiver's replay window (docs/messaging.md)
    EXPECT_EQ(got.signature, "sha256=" + auth::HmacSha256Hex(secret, got.timestamp + "." + got.body));
    EXPECT_NE(got.signature, "sha256=" + auth::HmacSha256Hex(secret, got.body));  // the body alone does not verify
    EXPECT_NE(got.signature, "sha256=" + auth::HmacSha256Hex(secret, std::to_string(sent_at - 1) + "." + got.body));
    EXPECT_NE(got.signature, "sha256=" + auth::HmacSha256Hex("wrong-secret", got.timestamp + "." + got.body));
    const Json payload = Json::parse(got.body);
    EXPECT_EQ(payload["item_id"], id);
    EXPECT_EQ(got.delivery, std::to_string(Row(rows, payload["channel"], payload["lang"])["id"].get<int64_t>()));
    EXPECT_FALSE(payload["post"].get<std::string>().empty());
    if (payload["channel"] == "tiktok" && payload["lang"] == "en") {
      EXPECT_EQ(payload["post"], "Safety campaign\n\nDrive safely near schools.\n\n#RoadSafety");
    }
    ++verified;
  }
  EXPECT_EQ(verified, 3 + 4);  // tiktok: 3 attempts; linkedin: 2 × 2

  // Once the endpoint is fixed, a failed row is sent again with a fresh attempt budget.
  ASSERT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/linkedin", admin,
                       {{"url", receiver.Url("/ok")}, {"secret", secret}, {"max_attempts", 2}}).status, 200);
  const int64_t retried = Row(rows, "linkedin", "ar")["id"];
  const std::string retry_path = "/api/v1/publications/" + std::to_string(retried) + "/retry";
  EXPECT_EQ(app().Call("POST", retry_path, Demo("health.editor"), Json::object()).status, 403);
  Reply retry = app().Call("POST", retry_path, Demo("police.reviewer"), {{"comment", "endpoint fixed"}});
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.json()["state"], "pending");
  EXPECT_EQ(retry.json()["attempts"], 0);
  rows = WaitFor(id, [](const Json& rs) {
    for (const auto& r : rs) {
      if (r["channel"] == "linkedin" && r["lang"] == "ar") return r["state"] == "delivered";
    }
    return false;
  });
  EXPECT_EQ(Row(rows, "linkedin", "ar")["state"], "delivered") << rows.dump();
  EXPECT_EQ(app().Call("POST", retry_path, Demo("police.reviewer"), Json::object()).status, 409);  // delivered is final

  // A person posts the manual and the failed ones.
  const int64_t manual = Row(rows, "instagram", "ar")["id"];
  const std::string posted_path = "/api/v1/publications/" + std::to_string(manual) + "/posted";
  EXPECT_EQ(app().Call("POST", posted_path, Demo("police.editor"), {{"url", "ftp://x"}}).status, 400);
  EXPECT_EQ(app().Call("POST", posted_path, Demo("health.editor"), {{"url", "https://instagram.com/p/1"}}).status, 403);
  Reply posted = app().Call("POST", posted_path, Demo("police.editor"), {{"url", "https://instagram.com/p/1"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.json()["state"], "posted");
  EXPECT_EQ(posted.json()["posted_by"], "police.editor");
  EXPECT_EQ(app().Call("POST", posted_path, Demo("police.editor"), {{"url", "https://instagram.com/p/1"}}).status, 409);
  const int64_t failed = Row(rows, "linkedin", "en")["id"];
  EXPECT_EQ(app().Call("POST", "/api/v1/publications/" + std::to_string(failed) + "/posted", Demo("police.reviewer"),
                       {{"url", "https://linkedin.com/x"}}).status, 200);
  const int64_t delivered = Row(rows, "tiktok", "en")["id"];
  EXPECT_EQ(app().Call("POST", "/api/v1/publications/" + std::to_string(delivered) + "/posted", Demo("police.editor"),
                       {{"url", "https://tiktok.com/x"}}).status, 409);

  // The entity's Atom feed links the item to where it was posted: Arabic before English (no website
  // publication here); without --public-url the self link stays relative.
  Reply feed = app().Call("GET", "/feeds/entities/police.atom", {});
  ASSERT_EQ(feed.status, 200);
  const size_t entry = feed.body.find("<id>urn:sawt:content-item:" + std::to_string(id) + "</id>");
  ASSERT_NE(entry, std::string::npos) << feed.body;
  const std::string this_entry = feed.body.substr(entry, feed.body.find("</entry>", entry) - entry);
  EXPECT_NE(this_entry.find(R"(<link rel="alternate" type="text/html" hreflang="ar" href="https://instagram.com/p/1"/>)"),
            std::string::npos) << this_entry;
  EXPECT_NE(feed.body.find(R"(<link rel="self" href="/feeds/entities/police.atom"/>)"), std::string::npos);

  // Withdrawing cancels what is still waiting for a person.
  ASSERT_EQ(Step(id, "withdrawn", Demo("police.reviewer")).status, 200);
  EXPECT_EQ(Row(Publications(id), "instagram", "en")["state"], "cancelled");
  EXPECT_EQ(Row(Publications(id), "instagram", "ar")["state"], "posted");

  EXPECT_EQ(app().Call("DELETE", "/api/v1/channel-endpoints/tiktok", admin).status, 204);
  EXPECT_EQ(app().Call("DELETE", "/api/v1/channel-endpoints/linkedin", admin).status, 204);
  EXPECT_EQ(app().Call("DELETE", "/api/v1/channel-endpoints/linkedin", admin).status, 404);
}

TEST_P(ChannelsApiTest, DeliveriesToRefusedAddressesNeverConnect) {
  // The shared test app allows exactly 127.0.0.1/32; 127.0.0.2 is loopback too and stays refused,
  // as 169.254.169.254 (cloud metadata) would be. The check is on the resolved address.
  LoopbackReceiver receiver;
  const Credentials admin = Admin();
  EndpointsGuard restore(app(), admin);
  const std::string port = receiver.Url("/").substr(std::string("http://127.0.0.1:").size());
  const std::string refused_url = "http://127.0.0.2:" + port.substr(0, port.size() - 1) + "/hook";
  ASSERT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/snapchat", admin,
                       {{"url", refused_url}, {"secret", "a-long-shared-secret-" + Unique()}, {"max_attempts", 1}}).status,
            200);
  const int64_t id = Create(Item({"snapchat"}, "نص للتحقق من سياسة العناوين."));
  MoveTo(id, "published");
  Json rows = WaitFor(id, [](const Json& rs) {
    for (const auto& r : rs) {
      if (r["state"] == "pending") return false;
    }
    return !rs.empty();
  });
  for (const char* lang : {"ar", "en"}) {
    EXPECT_EQ(Row(rows, "snapchat", lang)["state"], "failed") << rows.dump();
    EXPECT_NE(Row(rows, "snapchat", lang)["last_error"].get<std::string>().find("address refused"), std::string::npos)
        << rows.dump();
  }
  EXPECT_TRUE(receiver.received().empty());
  EXPECT_EQ(app().Call("DELETE", "/api/v1/channel-endpoints/snapchat", admin).status, 204);
}

// A publication of a crisis's entity that fails reaches the crisis room's timeline as a signal
// (messaging's CrisisSignalSource), with a link to the item; a room of another entity hears nothing.
TEST_P(ChannelsApiTest, AFailedPublicationIsASignalInItsEntitysCrisisRoom) {
  const Credentials admin = Admin();
  EndpointsGuard restore(app(), admin);
  auto declare = [&](const std::string& entity) {
    Reply made = app().Call("POST", "/api/v1/crises", admin,
                            {{"kind", "drill"}, {"crisis_type", "weather"}, {"severity", "severe"},
                             {"lead_entity_id", EntityId(entity)}, {"title_ar", "تمرين إشارات النشر " + Unique()},
                             {"title_en", "Publication signals drill " + Unique()}});
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("id", int64_t{0});
  };
  const int64_t police_room = declare("police"), health_room = declare("health");
  // Nothing listens at 127.0.0.2 for the shared app (its address policy refuses it): one attempt, failed.
  ASSERT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/snapchat", admin,
                       {{"url", "http://127.0.0.2:9/hook"}, {"secret", "a-long-shared-secret-" + Unique()}, {"max_attempts", 1}}).status,
            200);
  const Json item = Item({"snapchat"}, "نص يتعذر نشره أثناء التمرين.");
  const int64_t id = Create(item);
  MoveTo(id, "published");
  WaitFor(id, [](const Json& rs) {
    for (const auto& r : rs) {
      if (r["state"] != "failed") return false;
    }
    return !rs.empty();
  });
  auto signals = [&](int64_t room) {
    Reply timeline = app().Call("GET", "/api/v1/crises/" + std::to_string(room) + "/timeline", admin);
    EXPECT_EQ(timeline.status, 200) << timeline.body;
    std::vector<Json> out;
    const Json entries = timeline.json()["items"];
    for (const auto& e : entries) {
      if (e["kind"] == "signal" && e["source"] == "publication_failed" && e["link"] == "#/editor/" + std::to_string(id)) {
        out.push_back(e);
      }
    }
    return out;
  };
  const std::vector<Json> seen = signals(police_room);
  ASSERT_EQ(seen.size(), 2u) << "one per text (ar, en)";
  for (const auto& e : seen) {
    EXPECT_NE(e["text_ar"].get<std::string>().find(item["title_ar"].get<std::string>()), std::string::npos) << e.dump();
    EXPECT_NE(e["text_ar"].get<std::string>().find("سناب شات"), std::string::npos) << e.dump();
    EXPECT_NE(e["text_en"].get<std::string>().find("Snapchat"), std::string::npos) << e.dump();
    EXPECT_TRUE(e["id"].is_null()) << "not stored in the room: asked of messaging";
  }
  EXPECT_TRUE(signals(health_room).empty());
  for (int64_t room : {police_room, health_room}) {
    EXPECT_EQ(app().Call("POST", "/api/v1/crises/" + std::to_string(room) + "/close", admin, {{"lessons_en", "Check endpoints."}}).status,
              200);
  }
  EXPECT_EQ(app().Call("DELETE", "/api/v1/channel-endpoints/snapchat", admin).status, 204);
}

TEST_P(ChannelsApiTest, EndpointsAreForNetworkAdminsAndPlainHttp) {
  const Credentials admin = Admin();
  EXPECT_EQ(app().Call("GET", "/api/v1/channel-endpoints", Demo("police.director")).status, 403);
  EXPECT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/x", Demo("police.director"),
                       {{"url", "http://127.0.0.1:9/x"}, {"secret", "0123456789abcdef"}}).status, 403);
  Reply https = app().Call("PUT", "/api/v1/channel-endpoints/x", admin,
                           {{"url", "https://example.org/hook"}, {"secret", "0123456789abcdef"}});
  EXPECT_EQ(https.status, 400);
  EXPECT_EQ(https.json()["code"], "common.bad_http_url");
  EXPECT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/x", admin, {{"url", "http://127.0.0.1:9/x"}, {"secret", "short"}}).status,
            400);
  EXPECT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/myspace", admin,
                       {{"url", "http://127.0.0.1:9/x"}, {"secret", "0123456789abcdef"}}).status, 400);
  EXPECT_EQ(app().Call("PUT", "/api/v1/channel-endpoints/x", admin,
                       {{"url", "http://127.0.0.1:9/x"}, {"secret", "0123456789abcdef"}, {"max_attempts", 99}}).status, 400);
}

TEST_P(ChannelsApiTest, ScheduledItemIsPublishedByTheWorkerWhenItsTimeHasCome) {
  Json body = Item({"snapchat"}, "نص مجدول.");
  // Ten minutes from now (less than a session's idle time, so the demo sessions stay open).
  const int64_t planned = app().clock().NowMicros() + 600'000'000;
  body["planned_at"] = core::FormatIsoUtc(planned - planned % 1'000'000).substr(0, 19) + "Z";
  const int64_t id = Create(body);
  MoveTo(id, "scheduled");
  const std::string path = "/api/v1/content-items/" + std::to_string(id);
  Reply scheduled = app().Call("GET", path, Demo("police.editor"));
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  std::string state = scheduled.json().value("state", "");
  EXPECT_EQ(state, "scheduled");
  EXPECT_TRUE(Publications(id).empty());
  app().clock().Advance(std::chrono::minutes(10));  // its time comes: the worker wakes and publishes
  for (int i = 0; i < 100 && state != "published"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Reply now = app().Call("GET", path, Demo("police.editor"));
    ASSERT_EQ(now.status, 200) << now.body;
    state = now.json().value("state", "");
  }
  ASSERT_EQ(state, "published");
  const Json versions = app().Call("GET", path + "/versions", Demo("police.editor")).json()["items"];
  EXPECT_EQ(versions[0]["saved_by"], "system");
  Json rows = WaitFor(id, [](const Json& rs) { return rs.size() == 2 && rs[0]["state"] == "manual" && rs[1]["state"] == "manual"; });
  EXPECT_EQ(rows.size(), 2u);
}

}  // namespace
}  // namespace sawt::testing

namespace sawt::testing {
namespace {

// Under --public-url the feeds' self links are absolute (what feed readers and validators expect).
TEST_P(ChannelsApiTest, FeedSelfLinksAreAbsoluteUnderThePublicAddress) {
  TestAppOptions options;
  options.public_url = "https://sawt.example.gov";
  auto own = OwnDemoApp(std::move(options));
  if (!own) GTEST_SKIP() << "no database";
  for (const std::string path : {"/feeds/government.atom", "/feeds/entities/police.atom"}) {
    Reply feed = own->Call("GET", path, {});
    ASSERT_EQ(feed.status, 200) << path;
    EXPECT_NE(feed.body.find(R"(<link rel="self" href="https://sawt.example.gov)" + path + R"("/>)"), std::string::npos)
        << feed.body.substr(0, 600);
  }
}

}  // namespace
}  // namespace sawt::testing
