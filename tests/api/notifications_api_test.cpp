// The notification centre: who hears of what (through the real producer following the events
// table), reading and marking one's own notifications, preferences, the live stream, the e-mail
// outbox (held without a relay, delivered through an SMTP receiver written here on 127.0.0.1)
// and activity reminders driven by the test clock.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "auth/crypto.hpp"
#include "notifications/smtp.hpp"
#include "tests/api/fixture.hpp"
#include "tests/api/sse_client.hpp"
#include "tests/support/demo_cache.hpp"

namespace sawt::testing {
namespace {

using core::Json;
namespace asio = boost::asio;


bool Has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

/// A tiny SMTP server on 127.0.0.1 that accepts every message and keeps what it received: the
/// envelope and the DATA exactly as it came over the wire (dot-stuffed, CRLF).
class SmtpReceiver {
 public:
  struct Mail {
    std::string mail_from, rcpt_to, wire;
  };
  SmtpReceiver() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~SmtpReceiver() {
    stop_ = true;
    boost::system::error_code ec;
    asio::io_context io;
    asio::ip::tcp::socket wake(io);
    wake.connect({asio::ip::make_address("127.0.0.1"), port()}, ec);  // unblocks accept
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string relay() const { return "127.0.0.1:" + std::to_string(port()); }
  std::vector<Mail> mails() {
    std::lock_guard<std::mutex> lock(mu_);
    return mails_;
  }
  /// Waits up to `seconds` for a mail whose wire text contains `needle`.
  std::optional<Mail> WaitFor(const std::string& needle, int seconds = 15) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& m : mails()) {
        if (Has(m.wire, needle)) return m;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
  }

 private:
  static std::string Between(const std::string& line, char open, char close) {
    const size_t a = line.find(open), b = line.find(close, a);
    return a == std::string::npos || b == std::string::npos ? line : line.substr(a + 1, b - a - 1);
  }
  static bool ReadUntil(asio::ip::tcp::socket& s, std::string& pending, const std::string& delim, std::string* out) {
    for (;;) {
      if (auto p = pending.find(delim); p != std::string::npos) {
        *out = pending.substr(0, p + delim.size());
        pending.erase(0, p + delim.size());
        return true;
      }
      char buf[4096];
      boost::system::error_code ec;
      const size_t n = s.read_some(asio::buffer(buf), ec);
      if (ec) return false;
      pending.append(buf, n);
    }
  }
  void Serve() {
    while (!stop_) {
      asio::ip::tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      auto say = [&](const std::string& line) { asio::write(s, asio::buffer(line), ec); };
      say("220 receiver ESMTP\r\n");
      std::string pending, line;
      Mail mail;
      while (ReadUntil(s, pending, "\r\n", &line)) {
        if (line.rfind("EHLO", 0) == 0) {
          say("250-receiver\r\n250 8BITMIME\r\n");
        } else if (line.rfind("MAIL FROM:", 0) == 0) {
          mail = {Between(line, '<', '>'), "", ""};
          say("250 ok\r\n");
        } else if (line.rfind("RCPT TO:", 0) == 0) {
          mail.rcpt_to = Between(line, '<', '>');
          say("250 ok\r\n");
        } else if (line == "DATA\r\n") {
          say("354 go on\r\n");
          std::string data;
          if (!ReadUntil(s, pending, "\r\n.\r\n", &data)) break;
          mail.wire = data;
          {
            std::lock_guard<std::mutex> lock(mu_);
            mails_.push_back(mail);
          }
          say("250 queued\r\n");
        } else if (line == "QUIT\r\n") {
          say("221 bye\r\n");
          break;
        } else {
          say("502 no\r\n");
        }
      }
    }
  }

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Mail> mails_;
  std::thread thread_;
};

/// The text of a header of a received message ("" when absent), folded lines joined.
std::string HeaderOf(const std::string& wire, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  size_t at = ("\r\n" + wire).find(key);
  if (at == std::string::npos) return "";
  at += key.size() - 2;
  std::string out;
  for (;;) {
    const size_t end = wire.find("\r\n", at);
    out += wire.substr(at, end - at);
    if (end == std::string::npos || wire.compare(end + 2, 1, " ") != 0) break;
    at = end + 3;
    out += " ";
  }
  return out;
}

/// RFC 2047 "=?UTF-8?B?…?=" words decoded and joined.
std::string DecodeWords(const std::string& value) {
  std::string out;
  size_t at = 0;
  while ((at = value.find("=?UTF-8?B?", at)) != std::string::npos) {
    at += 10;
    const size_t end = value.find("?=", at);
    out += auth::Base64Decode(value.substr(at, end - at)).value_or("");
    at = end + 2;
  }
  return out;
}

class NotificationsApiTest : public ApiTest {
 protected:
  /// The caller's notification whose link is `link` and kind `kind`, waiting up to 15 s for the
  /// producer; null when none came.
  static Json WaitFor(TestApp& on, const Credentials& who, const std::string& link, const std::string& kind) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    do {
      Json found = Find(on, who, link, kind);
      if (!found.is_null()) return found;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return nullptr;
  }
  static Json Find(TestApp& on, const Credentials& who, const std::string& link, const std::string& kind) {
    Reply r = on.Call("GET", "/api/v1/notifications?limit=200", who);
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& n : r.json()["items"]) {
      if (n["link"] == link && n["kind"] == kind) return n;
    }
    return nullptr;
  }
  static int64_t Unread(TestApp& on, const Credentials& who) {
    return on.Call("GET", "/api/v1/notifications?limit=1", who).json().value("unread", int64_t{-1});
  }
  /// A police item made by `editor` and sent for review; its id.
  int64_t SubmitItem(TestApp& on, const Credentials& editor, const std::string& title_en) {
    Json body = {{"kind", "social_post"}, {"owner_entity_id", EntityId("police")}, {"title_ar", "منشور " + title_en},
                 {"title_en", title_en}, {"body_ar", "نص المنشور"}};
    Reply made = on.Call("POST", "/api/v1/content-items", editor, body);
    EXPECT_EQ(made.status, 201) << made.body;
    const int64_t id = made.json().value("id", int64_t{0});
    Reply sent = on.Call("POST", "/api/v1/content-items/" + std::to_string(id) + "/transitions", editor,
                         {{"to", "in_review"}}, {{"If-Match", "\"1\""}});
    EXPECT_EQ(sent.status, 200) << sent.body;
    return id;
  }
  /// Waits (up to 15 s) until the producer has handled every event stored so far.
  static void WaitForProducer(TestApp& on) {
    store::Store& store = *on.app().store;
    const int64_t newest =
        store::ReadValue<int64_t>(store, [](store::Tx& tx) -> core::Result<int64_t> { return tx.VisibleEventId(); }).value();
    auto cursor = [&] {
      return store::ReadValue<int64_t>(store, [](store::Tx& tx) -> core::Result<int64_t> {
               auto rows = tx.Query("SELECT last_event_id FROM notification_cursor WHERE id = 1");
               if (!rows) return std::move(rows).error();
               return rows->empty() ? int64_t{0} : (*rows)[0].Int("last_event_id");
             }).value();
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (cursor() < newest && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_GE(cursor(), newest) << "the producer did not catch up";
  }
  /// The caller's calendar_conflict notifications whose body contains `needle`.
  static std::vector<Json> ConflictsNaming(TestApp& on, const Credentials& who, const std::string& needle) {
    Reply r = on.Call("GET", "/api/v1/notifications?limit=200", who);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Json> out;
    for (const auto& n : r.json()["items"]) {
      if (n["kind"] == "calendar_conflict" && Has(n["body"], needle)) out.push_back(n);
    }
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(NotificationsApiTest);

TEST_P(NotificationsApiTest, ASubmittedItemReachesTheReviewerNotTheAuthor) {
  Credentials editor = Demo("police.editor"), reviewer = Demo("police.reviewer");
  const std::string title = "Reviewed " + Unique();
  const int64_t item = SubmitItem(app(), editor, title);
  const std::string link = "#/review/" + std::to_string(item);
  Json n = WaitFor(app(), reviewer, link, "review_requested");
  ASSERT_FALSE(n.is_null()) << "the reviewer was not told";
  EXPECT_TRUE(Has(n["title"], title)) << n.dump();
  EXPECT_TRUE(Has(n["body"], title)) << n.dump();
  EXPECT_EQ(n["entity_id"], EntityId("police"));
  EXPECT_TRUE(n["read_at"].is_null());
  const int64_t id = n["id"];
  // Worded in the request's language.
  Reply ar = app().Send("GET", "/api/v1/notifications?limit=200", "", reviewer, {{"Accept-Language", "ar"}});
  bool arabic = false;
  for (const auto& x : ar.json()["items"]) {
    if (x["id"] == id) arabic = Has(x["title"], "بانتظار مراجعتك");
  }
  EXPECT_TRUE(arabic) << ar.body.substr(0, 400);
  // Worded again for each reader from the kept slots: the item's number in the reader's digits.
  auto body_for = [&](const std::string& accept_language) {
    Reply r = app().Send("GET", "/api/v1/notifications?limit=200", "", reviewer, {{"Accept-Language", accept_language}});
    for (const auto& x : r.json()["items"]) {
      if (x["id"] == id) return x["body"].get<std::string>();
    }
    return std::string();
  };
  std::string arabic_indic;
  for (char c : std::to_string(item)) arabic_indic += std::string("\xd9") + static_cast<char>('\xa0' + (c - '0'));
  EXPECT_TRUE(Has(body_for("ar"), "رقم " + arabic_indic + " ")) << body_for("ar");
  EXPECT_TRUE(Has(body_for("ar-u-nu-latn"), "رقم " + std::to_string(item) + " ")) << body_for("ar-u-nu-latn");
  EXPECT_TRUE(Has(body_for("en"), "Content item " + std::to_string(item) + " ")) << body_for("en");
  // The author is never told of their own action; another entity's reviewer hears nothing.
  EXPECT_TRUE(Find(app(), editor, link, "review_requested").is_null());
  EXPECT_TRUE(Find(app(), Demo("health.reviewer"), link, "review_requested").is_null());
  // Unread: counted, and filtered.
  const int64_t unread = Unread(app(), reviewer);
  EXPECT_GE(unread, 1);
  bool listed = false;
  const Json page1 = app().Call("GET", "/api/v1/notifications?unread=true&limit=200", reviewer).json();
  for (const auto& x : page1["items"]) {
    listed = listed || x["id"] == id;
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(app().Call("GET", "/api/v1/notifications?unread=maybe", reviewer).status, 400);
  // Someone else's notification does not exist for them, whatever they do.
  const std::string read = "/api/v1/notifications/" + std::to_string(id) + "/read";
  Reply foreign = app().Call("POST", read, editor, Json::object());
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.json()["code"], "notifications.not_found");
  EXPECT_EQ(Unread(app(), reviewer), unread);
  // Marked read by its recipient (a bare POST, as the browser sends it, too).
  Reply marked = app().Call("POST", read, reviewer, Json::object());
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_FALSE(marked.json()["read_at"].is_null());
  EXPECT_EQ(Unread(app(), reviewer), unread - 1);
  EXPECT_EQ(app().Send("POST", read, "", reviewer, {{"X-CSRF-Token", reviewer.csrf}}).status, 200);
  bool in_read = false;
  const Json page2 = app().Call("GET", "/api/v1/notifications?unread=false&limit=200", reviewer).json();
  for (const auto& x : page2["items"]) {
    in_read = in_read || x["id"] == id;
  }
  EXPECT_TRUE(in_read);
  // The reviewer wants e-mails of items awaiting review by default; without a relay it is held.
  bool held = false;
  for (const auto& row : AllPages("/api/v1/notifications/outbox?limit=200", Admin())) {
    if (row["notification_id"] == id) {
      held = row["status"] == "held";
      EXPECT_TRUE(Has(row["subject"], title)) << row.dump();
      EXPECT_TRUE(Has(row["address"], "@")) << row.dump();
    }
  }
  EXPECT_TRUE(held);
  EXPECT_EQ(app().Call("GET", "/api/v1/notifications/outbox", reviewer).status, 403);
}

TEST_P(NotificationsApiTest, PreferencesTurnAKindOffAndAreReadStrictly) {
  Credentials editor = Demo("police.editor"), reviewer = Demo("police.reviewer");
  const std::string path = "/api/v1/notifications/preferences";
  Reply prefs = app().Call("GET", path, reviewer);
  ASSERT_EQ(prefs.status, 200) << prefs.body;
  std::map<std::string, Json> by_kind;
  for (const auto& k : prefs.json()["kinds"]) by_kind[k["kind"]] = k;
  ASSERT_TRUE(by_kind.count("review_requested")) << prefs.body;
  EXPECT_EQ(by_kind["review_requested"]["in_app"], true);
  EXPECT_EQ(by_kind["review_requested"]["email"], true);
  EXPECT_EQ(by_kind["content_approved"]["email"], false);
  EXPECT_TRUE(by_kind.count("activity_overdue"));
  // Strict reading.
  Reply unknown = app().Call("PUT", path, reviewer, {{"kinds", Json::array()}, {"zz", 1}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["code"], "common.unknown_field");
  Reply nested = app().Call("PUT", path, reviewer,
                            {{"kinds", {{{"kind", "review_requested"}, {"in_app", true}, {"email", true}, {"zz", 1}}}}});
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(nested.json()["code"], "common.unknown_field");
  Reply bad_kind = app().Call("PUT", path, reviewer, {{"kinds", {{{"kind", "no_such_kind"}, {"in_app", true}, {"email", true}}}}});
  EXPECT_EQ(bad_kind.status, 422) << bad_kind.body;
  EXPECT_EQ(bad_kind.json()["code"], "notifications.unknown_kind");
  // Off: no notification for the next submission.
  Reply off = app().Call("PUT", path, reviewer, {{"kinds", {{{"kind", "review_requested"}, {"in_app", false}, {"email", false}}}}});
  ASSERT_EQ(off.status, 200) << off.body;
  const int64_t item = SubmitItem(app(), editor, "Quiet " + Unique());
  // The reviewer's request for changes comes after the submission: once the editor has heard of
  // it, the producer has passed the submission too.
  Reply changes = app().Call("POST", "/api/v1/content-items/" + std::to_string(item) + "/transitions", reviewer,
                             {{"to", "changes_requested"}, {"comment", "Shorter, please"}}, {{"If-Match", "\"2\""}});
  ASSERT_EQ(changes.status, 200) << changes.body;
  Json told = WaitFor(app(), editor, "#/editor/" + std::to_string(item), "changes_requested");
  EXPECT_FALSE(told.is_null()) << "the author was not told of the requested changes";
  EXPECT_TRUE(Find(app(), reviewer, "#/review/" + std::to_string(item), "review_requested").is_null());
  Reply on = app().Call("PUT", path, reviewer, {{"kinds", {{{"kind", "review_requested"}, {"in_app", true}, {"email", true}}}}});
  EXPECT_EQ(on.status, 200);
  // Everything read at once.
  Reply all = app().Call("POST", "/api/v1/notifications/read-all", editor, Json::object());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["unread"], 0);
  EXPECT_EQ(Unread(app(), editor), 0);
}

TEST_P(NotificationsApiTest, TheStreamDeliversLiveAndEndsAtSignOut) {
  const std::string login = "nr" + Unique();
  Json body = {{"login", login}, {"password", "notify-temporary"}, {"name_ar", "مراجع"}, {"name_en", "Reviewer"},
               {"email", login + "@example.org"}, {"entity_id", EntityId("police")}, {"role", "reviewer"}};
  ASSERT_EQ(app().Call("POST", "/api/v1/members", Admin(), body).status, 201);
  Credentials session = app().FirstLogin(login, "notify-temporary", "notify-password-mine");
  SseClient stream(app().port(), "Cookie: sawt_session=" + session.cookie + "\r\n", "", "/api/v1/notifications/stream");
  ASSERT_TRUE(stream.Started()) << stream.text();
  const std::string title = "Streamed " + Unique();
  const int64_t item = SubmitItem(app(), Demo("police.editor"), title);
  const std::string link = "#/review/" + std::to_string(item);
  stream.ReadUntil([&](const std::string& t) { return Has(t, link); }, 15);
  ASSERT_TRUE(Has(stream.text(), link)) << stream.text();
  EXPECT_TRUE(Has(stream.text(), "event: notification\nid: ")) << stream.text();
  EXPECT_TRUE(Has(stream.text(), title));
  // Resuming from the start replays the account's notifications.
  SseClient replay(app().port(), "Cookie: sawt_session=" + session.cookie + "\r\n", "0", "/api/v1/notifications/stream");
  replay.ReadUntil([&](const std::string& t) { return Has(t, link); }, 15);
  EXPECT_TRUE(Has(replay.text(), link)) << replay.text();
  // An EventSource cannot send the page's Accept-Language: `lang` names it and wins over the
  // browser's header (this client sends "en").
  EXPECT_TRUE(Has(replay.text(), "Awaiting your review: " + title)) << replay.text();
  SseClient arabic(app().port(), "Cookie: sawt_session=" + session.cookie + "\r\n", "0",
                   "/api/v1/notifications/stream?lang=ar-u-nu-latn");
  arabic.ReadUntil([&](const std::string& t) { return Has(t, link); }, 15);
  EXPECT_TRUE(Has(arabic.text(), "بانتظار مراجعتك")) << arabic.text();
  EXPECT_TRUE(Has(arabic.text(), "رقم " + std::to_string(item) + " ")) << arabic.text();
  SseClient bad(app().port(), "Cookie: sawt_session=" + session.cookie + "\r\n", "007", "/api/v1/notifications/stream");
  bad.ReadUntil([](const std::string& t) { return Has(t, "\r\n\r\n{"); });
  EXPECT_TRUE(Has(bad.text(), "HTTP/1.1 400")) << bad.text().substr(0, 200);
  // Signing out ends it.
  EXPECT_EQ(app().Call("DELETE", "/api/v1/sessions/current", session).status, 204);
  stream.ReadUntil([](const std::string&) { return false; }, 5);
  EXPECT_TRUE(stream.closed()) << "the stream outlived its session";
}

// The producer handling events again (a restart before its cursor moved, a second node) adds no
// second notification: each is unique per event, recipient and kind.
TEST_P(NotificationsApiTest, HandlingEventsAgainNotifiesNobodyTwice) {
  Credentials editor = Demo("police.editor"), reviewer = Demo("police.reviewer");
  const int64_t item = SubmitItem(app(), editor, "Twice " + Unique());
  const std::string link = "#/review/" + std::to_string(item);
  ASSERT_FALSE(WaitFor(app(), reviewer, link, "review_requested").is_null());
  store::Store& store = *app().app().store;
  auto cursor = [&] {
    return store::ReadValue<int64_t>(store, [](store::Tx& tx) -> core::Result<int64_t> {
             auto rows = tx.Query("SELECT last_event_id FROM notification_cursor WHERE id = 1");
             if (!rows) return std::move(rows).error();
             return (*rows)[0].Int("last_event_id");
           }).value();
  };
  const int64_t at = cursor();
  ASSERT_TRUE(store.Write([&](store::Tx& tx) -> core::Status {
    auto n = tx.Exec("UPDATE notification_cursor SET last_event_id = $1 WHERE id = 1", {std::max<int64_t>(0, at - 30)});
    if (!n) return std::move(n).error();
    return core::Ok();
  }));
  // Any commit wakes the producer; then it walks back up to where it was.
  ASSERT_EQ(app().Call("PUT", "/api/v1/notifications/preferences", editor, {{"kinds", Json::array()}}).status, 200);
  SubmitItem(app(), editor, "Wake " + Unique());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (cursor() < at && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(cursor(), at);
  int copies = 0;
  const Json listed = app().Call("GET", "/api/v1/notifications?limit=200", reviewer).json();
  for (const auto& n : listed["items"]) copies += n["link"] == link ? 1 : 0;
  EXPECT_EQ(copies, 1);
}

TEST_P(NotificationsApiTest, StreamsPerAccountAreCapped) {
  auto token = app().app().auth->CreateApiToken(AccountId("police.spokesperson"), "test", "streams", {"read"}, std::nullopt);
  ASSERT_TRUE(token);
  const std::string auth = "Authorization: Bearer " + token->second + "\r\n";
  std::vector<std::unique_ptr<SseClient>> open;
  for (int i = 0; i < 8; ++i) {
    open.push_back(std::make_unique<SseClient>(app().port(), auth, "", "/api/v1/notifications/stream"));
    EXPECT_TRUE(open.back()->Started()) << i;
  }
  SseClient refused(app().port(), auth, "", "/api/v1/notifications/stream");
  refused.ReadUntil([](const std::string& t) { return Has(t, "\r\n\r\n{"); });
  EXPECT_TRUE(Has(refused.text(), "HTTP/1.1 429")) << refused.text().substr(0, 200);
  EXPECT_TRUE(Has(refused.text(), "notifications.too_many_streams"));
}

TEST_P(NotificationsApiTest, SmtpMessagesAreDotStuffedAndSubjectsEncoded) {
  const std::string subject = "بانتظار مراجعتك: " + std::string(30, 'x') + " حملة السلامة المرورية في المدارس";
  // The encoding rules themselves: src/notifications/smtp_test.cpp. Here, what a server receives.
  SmtpReceiver receiver;
  const std::string body = "first\n.hidden line\n..two\n.\nlast";
  const std::string message = notifications::smtp::ComposeMessage("sawt@localhost", "someone@example.org", subject,
                                                                   body, "probe@sawt", kTestStartMicros);
  auto relay = notifications::smtp::ParseRelay(receiver.relay());
  ASSERT_TRUE(relay);
  ASSERT_TRUE(notifications::smtp::Send(*relay, "sawt@localhost", "someone@example.org", message, std::chrono::seconds(5)));
  auto mail = receiver.WaitFor("probe@sawt");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->mail_from, "sawt@localhost");
  EXPECT_EQ(mail->rcpt_to, "someone@example.org");
  EXPECT_TRUE(Has(mail->wire, "\r\n\r\nfirst\r\n..hidden line\r\n...two\r\n..\r\nlast\r\n.\r\n")) << mail->wire;
  EXPECT_EQ(DecodeWords(HeaderOf(mail->wire, "Subject")), subject);
  EXPECT_EQ(HeaderOf(mail->wire, "Date"), "Mon, 02 Nov 2026 07:00:00 +0000");
}

TEST_P(NotificationsApiTest, EmailsGoThroughTheRelayWhenOneIsSet) {
  SmtpReceiver receiver;
  TestAppOptions options;
  options.smtp_relay = receiver.relay();
  auto own = OwnDemoApp(std::move(options));
  if (!own) GTEST_SKIP() << "no database";
  Credentials editor = own->Login("police.editor", kDemoPassword);
  Credentials admin = own->Login("admin", "admin-demo");
  const std::string title = "Mailed " + Unique();
  const int64_t item = SubmitItem(*own, editor, title);
  auto mail = receiver.WaitFor("#/review/" + std::to_string(item), 20);
  ASSERT_TRUE(mail) << receiver.mails().size() << " mails received";
  EXPECT_TRUE(Has(DecodeWords(HeaderOf(mail->wire, "Subject")), title)) << mail->wire;
  EXPECT_EQ(HeaderOf(mail->wire, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(HeaderOf(mail->wire, "From"), "sawt@localhost");
  EXPECT_TRUE(Has(HeaderOf(mail->wire, "To"), "@")) << mail->wire;
  EXPECT_EQ(HeaderOf(mail->wire, "To"), mail->rcpt_to);
  EXPECT_TRUE(Has(mail->wire, "#/review/" + std::to_string(item)));
  // The outbox shows it sent.
  bool sent = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!sent && std::chrono::steady_clock::now() < deadline) {
    const Json page3 = own->Call("GET", "/api/v1/notifications/outbox?limit=200", admin).json();
    for (const auto& row : page3["items"]) {
      if (Has(row["subject"], title) && row["status"] == "sent") sent = true;
    }
    if (!sent) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(sent);
}

TEST_P(NotificationsApiTest, ActivityRemindersFollowTheTestClock) {
  auto own = OwnDemoApp({});
  if (!own) GTEST_SKIP() << "no database";
  // A token: sessions end after half an hour idle, and the clock moves days.
  auto token = own->app().auth->CreateApiToken(AccountId("police.editor"), "test", "reminders", {"read"}, std::nullopt);
  ASSERT_TRUE(token);
  Credentials owner;
  owner.bearer = token->second;
  // Today is 2026-11-02 (kTestStartMicros); due in five days.
  Json body = {{"entity_id", EntityId("police")}, {"title_ar", "نشاط للتذكير"}, {"title_en", "Reminded " + Unique()},
               {"owner_login", "police.editor"}, {"start_date", "2026-11-01"}, {"due_date", "2026-11-07"}};
  Reply made = own->Call("POST", "/api/v1/activities", own->Login("admin", "admin-demo"), body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string title = body["title_en"];
  auto told = [&](const std::string& kind) {
    Reply listed = own->Call("GET", "/api/v1/notifications?limit=200", owner);
    EXPECT_EQ(listed.status, 200) << listed.body;
    if (listed.status != 200) return false;
    for (const auto& n : listed.json()["items"]) {
      if (n["kind"] == kind && Has(n["title"], title)) return true;
    }
    return false;
  };
  auto wait = [&](const std::string& kind) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!told(kind) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return told(kind);
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(told("activity_due_soon")) << "reminded five days early";
  constexpr int64_t kDay = 86'400'000'000;
  own->clock().Advance(std::chrono::microseconds(3 * kDay));  // 2026-11-05: due within three days
  EXPECT_TRUE(wait("activity_due_soon"));
  own->clock().Advance(std::chrono::microseconds(3 * kDay));  // 2026-11-08: overdue
  EXPECT_TRUE(wait("activity_overdue"));
  // Once each: another pass adds nothing.
  own->clock().Advance(std::chrono::microseconds(kDay));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int reminders = 0;
  const Json page5 = own->Call("GET", "/api/v1/notifications?limit=200", owner).json();
  for (const auto& n : page5["items"]) {
    if (Has(n["title"], title)) ++reminders;
  }
  EXPECT_EQ(reminders, 2);
}

// A calendar conflict (module calendar, kind calendar_conflict): moving a high-importance item next
// to another tells the entity admins and editors of both entities, once each; later edits of either
// item add nothing; the e-mail links to the calendar's week absolutely under --public-url. Dates are
// fixed, weeks after the test clock's 2026-11-02 and the demo's week.
TEST_P(NotificationsApiTest, ACalendarConflictIsAnnouncedOncePerRecipient) {
  TestAppOptions options;
  options.public_url = "https://sawt.example.gov";
  auto own = OwnDemoApp(std::move(options));
  if (!own) GTEST_SKIP() << "no database";
  Credentials health_editor = own->Login("health.editor", kDemoPassword);
  Credentials tourism_editor = own->Login("tourism.editor", kDemoPassword);
  Credentials health_director = own->Login("health.director", kDemoPassword);
  Credentials tourism_director = own->Login("tourism.director", kDemoPassword);
  Credentials unrelated = own->Login("police.director", kDemoPassword);
  Credentials health_reviewer = own->Login("health.reviewer", kDemoPassword);
  const std::string stamp = Unique();
  const std::string entry_title = "Health announcement " + stamp, item_title = "Tourism release " + stamp;
  Json entry = {{"entity_id", EntityId("health")}, {"kind", "announcement"}, {"title_ar", "إعلان الصحة " + stamp},
                {"title_en", entry_title}, {"starts_at", "2026-12-01T06:00:00Z"}, {"importance", "high"},
                {"audience", "public"}};
  Reply made_entry = own->Call("POST", "/api/v1/calendar/entries", health_editor, entry);
  ASSERT_EQ(made_entry.status, 201) << made_entry.body;
  const int64_t entry_id = made_entry.json()["id"];
  // A press release is high importance for the public unless its author says otherwise; a week later.
  Json item = {{"kind", "press_release"}, {"owner_entity_id", EntityId("tourism")}, {"title_ar", "بيان السياحة " + stamp},
               {"title_en", item_title}, {"body_ar", "نص البيان"}, {"planned_at", "2026-12-08T08:00:00Z"}};
  Reply made_item = own->Call("POST", "/api/v1/content-items", tourism_editor, item);
  ASSERT_EQ(made_item.status, 201) << made_item.body;
  const std::string item_path = "/api/v1/content-items/" + std::to_string(made_item.json()["id"].get<int64_t>());
  WaitForProducer(*own);
  EXPECT_TRUE(ConflictsNaming(*own, health_director, stamp).empty()) << "a week apart is no conflict";

  // Moved two hours after the health announcement.
  Reply moved = own->Call("PATCH", item_path, tourism_editor, {{"planned_at", "2026-12-01T08:00:00Z"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  WaitForProducer(*own);
  Json told;
  for (const Credentials* who : {&health_director, &health_editor, &tourism_director}) {
    const auto found = ConflictsNaming(*own, *who, stamp);
    ASSERT_EQ(found.size(), 1u) << "each recipient hears of the conflict once";
    const Json& n = found[0];
    EXPECT_EQ(n["link"], "#/calendar/week/2026-12-01") << n.dump();
    EXPECT_EQ(n["entity_id"], EntityId("tourism"));
    EXPECT_TRUE(Has(n["title"], item_title)) << n.dump();  // the item that moved
    EXPECT_TRUE(Has(n["body"], item_title) && Has(n["body"], entry_title)) << n.dump();
    EXPECT_TRUE(n["read_at"].is_null());
    told = n;
  }
  // Worded in Arabic too.
  Reply ar = own->Send("GET", "/api/v1/notifications?limit=200", "", health_director, {{"Accept-Language", "ar"}});
  bool arabic = false;
  for (const auto& n : ar.json()["items"]) {
    if (n["kind"] == "calendar_conflict" && Has(n["body"], stamp)) arabic = Has(n["title"], "تعارض في التقويم");
  }
  EXPECT_TRUE(arabic) << ar.body.substr(0, 400);
  // Not the one who moved it, nor members of other entities or other roles.
  EXPECT_TRUE(ConflictsNaming(*own, tourism_editor, stamp).empty());
  EXPECT_TRUE(ConflictsNaming(*own, unrelated, stamp).empty());
  EXPECT_TRUE(ConflictsNaming(*own, health_reviewer, stamp).empty());

  // The e-mail (on by default for this kind; held without a relay) links to the week absolutely.
  const int64_t notification_id = told["id"];
  auto mail = store::ReadValue<std::vector<store::Row>>(*own->app().store, [&](store::Tx& tx) {
    return tx.Query("SELECT body, status FROM notification_email_outbox WHERE notification_id = $1", {notification_id});
  });
  ASSERT_TRUE(mail);
  ASSERT_EQ(mail->size(), 1u);
  EXPECT_TRUE(Has((*mail)[0].Text("body"), "\nhttps://sawt.example.gov/#/calendar/week/2026-12-01\n")) << (*mail)[0].Text("body");
  EXPECT_EQ((*mail)[0].Text("status"), "held");

  // Editing either item again, still in conflict, announces nothing new to those who were told.
  Reply retitled = own->Call("PATCH", item_path, tourism_editor, {{"title_en", item_title + " (rev)"}}, {{"If-Match", "\"2\""}});
  ASSERT_EQ(retitled.status, 200) << retitled.body;
  Reply nudged = own->Call("PATCH", "/api/v1/calendar/entries/" + std::to_string(entry_id), health_editor,
                           {{"starts_at", "2026-12-01T07:00:00Z"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(nudged.status, 200) << nudged.body;
  WaitForProducer(*own);
  for (const Credentials* who : {&health_director, &health_editor, &tourism_director}) {
    EXPECT_EQ(ConflictsNaming(*own, *who, stamp).size(), 1u);
  }
  // The tourism editor, who made the conflict and was not told of their own move, hears of it
  // once the other side acts and the conflict is still there.
  EXPECT_EQ(ConflictsNaming(*own, tourism_editor, stamp).size(), 1u);
  EXPECT_TRUE(ConflictsNaming(*own, unrelated, stamp).empty());
}

// A notification source that throws on an event it did not expect (a bug in some module) must not
// stop the notifications of every other module: the producer skips that event for that source.
class ThrowingSource final : public module::NotificationSource {
 public:
  std::vector<module::NotificationKind> kinds() const override { return {}; }
  std::vector<std::string> event_types() const override { return {"messaging.content_item_transition"}; }
  core::Result<std::vector<module::NotificationDraft>> Drafts(store::Tx&, const store::Event& event) const override {
    module::NotificationDraft draft;
    draft.kind = event.payload.at("no_such_member").get<std::string>();  // throws: the payload has none
    return std::vector<module::NotificationDraft>{draft};
  }
};

void RegisterThrowingSource(module::ModuleRegistry& reg) {
  reg.BeginModule("example_throwing_notifications", {"notifications"});
  reg.AddNotificationSource(std::make_shared<ThrowingSource>());
}

class NotificationSourceFailureTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(NotificationSourceFailureTest, ASourceThatThrowsDoesNotStopTheOthers) {
  TestDatabase db(GetParam());
  if (db.url().empty()) GTEST_SKIP() << db.skip_reason();
  TestAppOptions options;
  options.extra_modules.push_back(&RegisterThrowingSource);
  TestApp app(db.url(), /*demo=*/true, options);
  ASSERT_TRUE(app.ok()) << app.error();
  const Credentials editor = app.Login("police.editor", "sawt-demo-2026");
  const Credentials reviewer = app.Login("police.reviewer", "sawt-demo-2026");
  // Submitting is a transition event: the throwing source fails on it, messaging's source tells
  // the reviewer all the same, and so for the next item.
  for (int i = 0; i < 2; ++i) {
    Json body = {{"kind", "social_post"}, {"owner_entity_id", app.demo().entities.at("police")},
                 {"title_ar", "منشور"}, {"title_en", "Still told " + std::to_string(i)}, {"body_ar", "نص المنشور"}};
    Reply made = app.Call("POST", "/api/v1/content-items", editor, body);
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string item = std::to_string(made.json()["id"].get<int64_t>());
    Reply sent = app.Call("POST", "/api/v1/content-items/" + item + "/transitions", editor, {{"to", "in_review"}},
                          {{"If-Match", "\"1\""}});
    ASSERT_EQ(sent.status, 200) << sent.body;
    bool told = false;
    for (int tries = 0; tries < 600 && !told; ++tries) {
      Reply listed = app.Call("GET", "/api/v1/notifications?limit=200", reviewer);
      for (const auto& n : listed.json()["items"]) told = told || n["link"] == "#/review/" + item;
      if (!told) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(told) << "the reviewer was not told of item " << item;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, NotificationSourceFailureTest,
                         ::testing::Values(BackendKind::kSqlite, BackendKind::kPostgres),
                         [](const ::testing::TestParamInfo<BackendKind>& info) { return BackendName(info.param); });

}  // namespace
}  // namespace sawt::testing
