#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/json.hpp"
#include "http/server.hpp"
#include "tests/support/openapi_contract.hpp"

namespace sawt::testing {

/// The instant every test application starts at (TestApp::clock): Monday 2026-11-02 07:00 UTC,
/// fixed so that no test depends on today's date. The demo network is seeded an hour earlier
/// (kDemoSeededAtMicros), so what a test writes is always newer than the demo.
inline constexpr int64_t kTestStartMicros = 1'793'602'800'000'000;
inline constexpr int64_t kDemoSeededAtMicros = kTestStartMicros - 3'600'000'000;

/// Which store a test runs against. PostgreSQL needs SAWT_TEST_PG_URL (a role with CREATEDB);
/// without it the test skips, unless SAWT_REQUIRE_PG=1, when it fails.
enum class BackendKind { kSqlite, kPostgres };
std::string BackendName(BackendKind kind);

/// A fresh database of the given kind; dropped/removed on destruction.
class TestDatabase {
 public:
  /// An empty database.
  explicit TestDatabase(BackendKind kind);
  /// A copy of `copy_of`: a SQLite file, or a PostgreSQL database (CREATE DATABASE ... TEMPLATE,
  /// so nothing may be connected to it).
  TestDatabase(BackendKind kind, const std::string& copy_of);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  /// Empty when the backend is unavailable (see skip_reason()).
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }
  /// The SQLite file, or the PostgreSQL database's name.
  std::string location() const { return kind_ == BackendKind::kSqlite ? dir_ + "/sawt.db" : db_name_; }

 private:
  BackendKind kind_;
  std::string url_, dir_, admin_url_, db_name_, skip_reason_;
};

/// One HTTP answer.
struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names
  /// The body parsed (null when it is not JSON). A named reply keeps its parse, so references
  /// into it live as long as the reply and its body are unchanged; a temporary gives a copy.
  const core::Json& json() const&;
  core::Json json() &&;

  mutable std::optional<core::Json> parsed;  ///< cache of json(), valid for parsed_body
  mutable std::string parsed_body;
};

/// How a request authenticates.
struct Credentials {
  std::string cookie;  ///< session cookie value
  std::string csrf;
  std::string bearer;
};

/// Settings a test may change from the defaults `sawt serve` uses.
struct TestAppOptions {
  auth::AuthOptions auth;
  std::vector<http::Cidr> trusted_proxies;
  bool secure_cookie = false;  ///< as `sawt serve --secure-cookie on`
  /// Capabilities beyond the built-in ones (app::AppOptions::extra_modules).
  std::vector<std::function<void(module::ModuleRegistry&)>> extra_modules;
  /// Every answer Send() receives is held to the OpenAPI document (ResponseContract); a
  /// mismatch fails the running test.
  bool check_responses = true;
  /// The notification e-mails' SMTP relay (module::Settings::smtp_relay): a receiver the test
  /// runs on 127.0.0.1; empty keeps e-mails held.
  std::string smtp_relay;
  /// The web app's public address (module::Settings::public_url, as `sawt serve --public-url`
  /// after parsing): e-mail links are absolute; empty keeps them relative.
  std::string public_url;
  /// Extra trusted certificates for https webhooks (module::Settings::tls_ca_file, as
  /// `sawt serve --tls-ca-file`): a test CA.
  std::string tls_ca_file;
  /// The database already holds the demo (a copy of a DemoTemplate): the ids it made.
  std::optional<module::DemoContext> loaded_demo;
};

/// sawt itself, in process: the real store, every module, the real HTTP server on 127.0.0.1:0.
class TestApp {
 public:
  /// Opens and migrates `db_url`; loads the demo network when `demo` is set (see also
  /// TestAppOptions::loaded_demo).
  TestApp(const std::string& db_url, bool demo, TestAppOptions options = {});
  ~TestApp();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  uint16_t port() const { return server_->port(); }
  app::App& app() { return app_; }
  /// The application's clock: it starts at kTestStartMicros and moves only when a test moves it
  /// (or one microsecond per reading); workers waiting for a due time wake when it jumps.
  core::ManualClock& clock() { return clock_; }
  const module::DemoContext& demo() const { return demo_; }

  /// Sends one request on a new connection. `headers` are added as given. The answer is checked
  /// against the OpenAPI document unless TestAppOptions::check_responses was false.
  Reply Send(const std::string& method, const std::string& target, const std::string& body = {},
             const Credentials& who = {}, const std::vector<std::pair<std::string, std::string>>& headers = {});
  /// JSON convenience: sets Content-Type, the CSRF token for cookie sessions, Accept-Language: en.
  Reply Call(const std::string& method, const std::string& target, const Credentials& who,
             const core::Json& body = nullptr, const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// Signs in through POST /api/v1/sessions. Fails the test when it cannot.
  Credentials Login(const std::string& login, const std::string& password);
  /// First sign-in of an account an administrator created: signs in with the temporary password
  /// and replaces it with `new_password` (the forced change); returns the session, which stays open.
  Credentials FirstLogin(const std::string& login, const std::string& temporary_password,
                         const std::string& new_password);
  /// Number of rows in `events` written on behalf of callers, i.e. not by the background workers'
  /// actor "system" (to prove a rejected request wrote nothing).
  int64_t EventCount();

 private:
  std::string error_;
  std::string cookie_name_ = "sawt_session";
  core::ManualClock clock_{kTestStartMicros};  // before app_: outlives the store
  app::App app_;
  module::DemoContext demo_;
  std::unique_ptr<http::Server> server_;
  store::CommitSubscription wake_streams_;
  std::unique_ptr<ResponseContract> contract_;
};

}  // namespace sawt::testing
