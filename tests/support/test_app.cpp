#include "tests/support/test_app.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <pqxx/pqxx>

namespace sawt::testing {
namespace {

namespace bhttp = boost::beast::http;
namespace net = boost::asio;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + std::to_string(::getpid()) + "_" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000000) + "_" +
         std::to_string(counter++);
}

/// postgresql://user@host:port/db?x → same URL naming database `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + db + tail;
}

}  // namespace

std::string BackendName(BackendKind kind) { return kind == BackendKind::kSqlite ? "Sqlite" : "Postgres"; }

TestDatabase::TestDatabase(BackendKind kind) : kind_(kind) {
  if (kind == BackendKind::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / UniqueName("sawt_api_")).string();
    url_ = "sqlite:" + dir_ + "/sawt.db";
    return;
  }
  admin_url_ = Env("SAWT_TEST_PG_URL");
  if (admin_url_.empty()) {
    skip_reason_ = "SAWT_TEST_PG_URL is unset";
    return;
  }
  db_name_ = UniqueName("sawt_api_");
  try {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + db_name_);
  } catch (const std::exception& e) {
    skip_reason_ = std::string("cannot create a PostgreSQL test database: ") + e.what();
    db_name_.clear();
    return;
  }
  url_ = WithDatabase(admin_url_, db_name_);
}

TestDatabase::TestDatabase(BackendKind kind, const std::string& copy_of) : kind_(kind) {
  if (kind == BackendKind::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / UniqueName("sawt_api_")).string();
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (!ec) std::filesystem::copy_file(copy_of, dir_ + "/sawt.db", ec);
    if (ec) {
      skip_reason_ = "cannot copy " + copy_of + ": " + ec.message();
      return;
    }
    url_ = "sqlite:" + dir_ + "/sawt.db";
    return;
  }
  admin_url_ = Env("SAWT_TEST_PG_URL");
  db_name_ = UniqueName("sawt_api_");
  try {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + db_name_ + " TEMPLATE " + copy_of);
  } catch (const std::exception& e) {
    skip_reason_ = std::string("cannot copy the PostgreSQL database ") + copy_of + ": " + e.what();
    db_name_.clear();
    return;
  }
  url_ = WithDatabase(admin_url_, db_name_);
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!db_name_.empty()) {
    try {
      pqxx::connection admin(admin_url_);
      pqxx::nontransaction tx(admin);
      tx.exec("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {  // best effort
    }
  }
}

namespace {
core::Json ParseBody(const std::string& body) {
  core::Json j = core::Json::parse(body, nullptr, false);
  return j.is_discarded() ? core::Json() : j;
}
}  // namespace

const core::Json& Reply::json() const& {
  if (!parsed || parsed_body != body) {
    parsed = ParseBody(body);
    parsed_body = body;
  }
  return *parsed;
}

core::Json Reply::json() && { return ParseBody(body); }

TestApp::TestApp(const std::string& db_url, bool demo, TestAppOptions test_options) {
  // The webhook receivers of the tests listen on 127.0.0.1, which the default policy refuses:
  // allowed explicitly, exactly that address (127.0.0.2 stays refused, see channels_api_test).
  app::AppOptions app_options;
  app_options.store.clock = &clock_;
  app_options.auth = std::move(test_options.auth);
  app_options.extra_modules = std::move(test_options.extra_modules);
  app_options.settings.smtp_relay = test_options.smtp_relay;
  app_options.settings.public_url = test_options.public_url;
  app_options.settings.tls_ca_file = test_options.tls_ca_file;
  if (auto st = app_options.settings.webhook_addresses.AllowList("127.0.0.1/32"); !st) {
    error_ = st.error().key;
    return;
  }
  auto opened = app::OpenApp(db_url, std::move(app_options));
  if (!opened) {
    error_ = opened.error().key + ": " + opened.error().detail;
    return;
  }
  app_ = std::move(opened).value();
  app::AddPlatformRoutes(app_);
  app_.registry->session_cookie().secure = test_options.secure_cookie;
  cookie_name_ = app_.registry->session_cookie().Name();
  if (test_options.loaded_demo) {
    demo_ = std::move(*test_options.loaded_demo);
  } else if (demo) {
    for (const auto& seeder : app_.registry->demo_seeders()) {
      if (auto st = seeder.seed(*app_.store, demo_); !st) {
        error_ = "demo " + seeder.module + ": " + st.error().key + " " + st.error().detail;
        return;
      }
    }
  }
  http::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.access_log = "off";
  options.metrics = app_.metrics;
  options.public_metrics = false;  // as `sawt serve`: GET /metrics is the app's, for network admins
  options.trusted_proxies = std::move(test_options.trusted_proxies);
  options.messages = &app_.registry->messages();
  if (test_options.check_responses) {
    contract_ = std::make_unique<ResponseContract>(app::BuildOpenApi(*app_.registry), app_.registry->router());
  }
  server_ = std::make_unique<http::Server>(options, app_.registry->router());
  if (auto st = server_->Start(); !st) {
    error_ = "server: " + st.error().detail;
    return;
  }
  http::Server* server = server_.get();
  wake_streams_ = app_.store->OnCommit([server](int64_t) { server->Wake(); });
  app_.registry->StartWorkers();
}

TestApp::~TestApp() {
  wake_streams_.Reset();  // before the server it wakes goes
  if (server_) server_->Shutdown(std::chrono::seconds(2));
  if (app_.registry) app_.registry->StopWorkers();
}

Reply TestApp::Send(const std::string& method, const std::string& target, const std::string& body,
                    const Credentials& who, const std::vector<std::pair<std::string, std::string>>& headers) {
  net::io_context ioc;
  net::ip::tcp::socket sock(ioc);
  sock.connect({net::ip::make_address("127.0.0.1"), port()});
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  if (!who.cookie.empty()) req.set(bhttp::field::cookie, cookie_name_ + "=" + who.cookie);
  if (!who.bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + who.bearer);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(sock, req);
  boost::beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  boost::system::error_code ec;
  bhttp::read(sock, buf, parser, ec);
  Reply out;
  if (ec) {
    out.status = -1;
    out.body = ec.message();
    return out;
  }
  auto res = parser.release();
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  if (contract_) {
    const auto findings = contract_->Check(method, target, out.status, out.headers, out.body);
    if (!findings.empty()) {
      std::string all;
      for (const auto& f : findings) all += "\n  " + f;
      ADD_FAILURE() << method << " " << target << " → " << out.status << " breaks the OpenAPI document:" << all
                    << "\n  body: " << out.body.substr(0, 300);
    }
  }
  return out;
}

Reply TestApp::Call(const std::string& method, const std::string& target, const Credentials& who,
                    const core::Json& body, const std::vector<std::pair<std::string, std::string>>& headers) {
  std::vector<std::pair<std::string, std::string>> all = {{"Accept-Language", "en"}};
  if (!body.is_null()) all.emplace_back("Content-Type", "application/json");
  if (!who.csrf.empty()) all.emplace_back("X-CSRF-Token", who.csrf);
  for (const auto& h : headers) all.push_back(h);
  return Send(method, target, body.is_null() ? "" : body.dump(), who, all);
}

Credentials TestApp::Login(const std::string& login, const std::string& password) {
  Reply r = Call("POST", "/api/v1/sessions", {}, {{"login", login}, {"password", password}});
  EXPECT_EQ(r.status, 201) << login << ": " << r.body;
  Credentials c;
  std::string cookie = r.headers["set-cookie"];
  auto eq = cookie.find('=');
  auto semi = cookie.find(';');
  if (eq != std::string::npos) c.cookie = cookie.substr(eq + 1, semi - eq - 1);
  c.csrf = r.json().value("csrf_token", "");
  return c;
}

Credentials TestApp::FirstLogin(const std::string& login, const std::string& temporary_password,
                                const std::string& new_password) {
  Credentials c = Login(login, temporary_password);
  Reply changed = Call("PUT", "/api/v1/me/password", c,
                       {{"current_password", temporary_password}, {"new_password", new_password}});
  EXPECT_EQ(changed.status, 204) << login << ": " << changed.body;
  return c;
}

int64_t TestApp::EventCount() {
  auto n = store::ReadValue<int64_t>(*app_.store, [](store::Tx& tx) -> core::Result<int64_t> {
    // Background workers (actor "system", e.g. the publication dispatcher) write on their own time.
    auto rows = tx.Query("SELECT COUNT(*) FROM events WHERE actor <> 'system'");
    if (!rows) return std::move(rows).error();
    return (*rows)[0].Int(0);
  });
  return n ? *n : -1;
}

}  // namespace sawt::testing
