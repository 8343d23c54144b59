#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/json.hpp"
#include "http/server.hpp"

namespace sawt::testing {

/// Which store a test runs against. PostgreSQL needs SAWT_TEST_PG_URL (a role with CREATEDB);
/// without it the test skips, unless SAWT_REQUIRE_PG=1, when it fails.
enum class BackendKind { kSqlite, kPostgres };
std::string BackendName(BackendKind kind);

/// A fresh, empty database of the given kind; dropped/removed on destruction.
class TestDatabase {
 public:
  explicit TestDatabase(BackendKind kind);
  ~TestDatabase();
  /// Empty when the backend is unavailable (see skip_reason()).
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  BackendKind kind_;
  std::string url_, dir_, admin_url_, db_name_, skip_reason_;
};

/// One HTTP answer.
struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names
  core::Json json() const;
};

/// How a request authenticates.
struct Credentials {
  std::string cookie;  ///< session cookie value
  std::string csrf;
  std::string bearer;
};

/// sawt itself, in process: the real store, every module, the real HTTP server on 127.0.0.1:0.
class TestApp {
 public:
  /// Opens and migrates `db_url`; loads the demo network when `demo` is set.
  TestApp(const std::string& db_url, bool demo);
  ~TestApp();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  uint16_t port() const { return server_->port(); }
  app::App& app() { return app_; }
  const module::DemoContext& demo() const { return demo_; }

  /// Sends one request on a new connection. `headers` are added as given.
  Reply Send(const std::string& method, const std::string& target, const std::string& body = {},
             const Credentials& who = {}, const std::vector<std::pair<std::string, std::string>>& headers = {});
  /// JSON convenience: sets Content-Type, the CSRF token for cookie sessions, Accept-Language: en.
  Reply Call(const std::string& method, const std::string& target, const Credentials& who,
             const core::Json& body = nullptr, const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// Signs in through POST /api/v1/sessions. Fails the test when it cannot.
  Credentials Login(const std::string& login, const std::string& password);
  /// Number of rows in `events` written on behalf of callers, i.e. not by the background workers'
  /// actor "system" (to prove a rejected request wrote nothing).
  int64_t EventCount();

 private:
  std::string error_;
  app::App app_;
  module::DemoContext demo_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace sawt::testing
