#include "tests/api/fixture.hpp"

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "tests/support/demo_cache.hpp"

namespace sawt::testing {
namespace {

struct Shared {
  std::unique_ptr<TestDatabase> db;
  std::optional<module::DemoContext> loaded_demo;  ///< the database is a copy of the demo template
  std::unique_ptr<TestApp> app;
  std::map<std::string, Credentials> sessions;
};

std::map<BackendKind, Shared>& Apps() {
  static auto* apps = new std::map<BackendKind, Shared>();
  return *apps;
}

/// Stops the shared servers before the process exits (their threads must not outlive main).
class SharedAppsEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    for (auto& [_, shared] : Apps()) {
      shared.app.reset();
      shared.db.reset();
    }
  }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new SharedAppsEnvironment);

}  // namespace

std::string BackendParamName(const ::testing::TestParamInfo<BackendKind>& info) { return BackendName(info.param); }

std::string ApiTest::Unique() {
  static std::atomic<int> n{0};
  return std::to_string(::getpid() % 100000) + "-" + std::to_string(++n);
}

std::string ApiTest::FillPath(std::string pattern, const std::string& text) {
  for (size_t p = pattern.find('{'); p != std::string::npos; p = pattern.find('{', p + 1)) {
    const size_t end = pattern.find('}', p);
    if (end == std::string::npos) break;
    const std::string name = pattern.substr(p + 1, end - p - 1);
    const bool id = name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0);
    if (id || !text.empty()) pattern.replace(p, end - p + 1, id ? "1" : text);
  }
  return pattern;
}

void ApiTest::SetUp() {
  Shared& shared = Apps()[GetParam()];
  if (!shared.db) {
    // Each CTest process runs one test: it copies the demo database made once per build.
    if (auto demo = DemoTemplateFor(GetParam())) {
      shared.db = std::make_unique<TestDatabase>(GetParam(), demo->source);
      ASSERT_FALSE(shared.db->url().empty()) << shared.db->skip_reason();
      shared.loaded_demo = std::move(demo->demo);
    } else {
      ASSERT_FALSE(HasFailure());
      shared.db = std::make_unique<TestDatabase>(GetParam());
    }
  }
  if (shared.db->url().empty()) {
    const char* require = std::getenv("SAWT_REQUIRE_PG");
    if (require && std::string(require) == "1") FAIL() << "SAWT_REQUIRE_PG=1: " << shared.db->skip_reason();
    GTEST_SKIP() << shared.db->skip_reason();
  }
  if (!shared.app) {
    TestAppOptions options;
    options.loaded_demo = shared.loaded_demo;
    shared.app = std::make_unique<TestApp>(shared.db->url(), /*demo=*/true, std::move(options));
    ASSERT_TRUE(shared.app->ok()) << shared.app->error();
  }
  app_ = shared.app.get();
}

const std::string& ApiTest::DbUrl() const { return Apps()[GetParam()].db->url(); }

Credentials ApiTest::Admin() {
  auto& sessions = Apps()[GetParam()].sessions;
  auto it = sessions.find("admin");
  if (it == sessions.end()) it = sessions.emplace("admin", app_->Login("admin", "admin-demo")).first;
  return it->second;
}

Credentials ApiTest::Demo(const std::string& login) {
  auto& sessions = Apps()[GetParam()].sessions;
  auto it = sessions.find(login);
  if (it == sessions.end()) it = sessions.emplace(login, app_->Login(login, "sawt-demo-2026")).first;
  return it->second;
}

std::vector<core::Json> ApiTest::AllPages(const std::string& path, const Credentials& who) {
  std::vector<core::Json> rows;
  std::string cursor;
  const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
  for (int page = 0; page < 1000; ++page) {
    Reply r = app_->Call("GET", path + (cursor.empty() ? "" : sep + "cursor=" + cursor), who);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    const core::Json body = r.json();
    if (!body.contains("items")) break;
    for (const auto& item : body["items"]) rows.push_back(item);
    if (!body.contains("next_cursor") || body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  return rows;
}

std::set<int64_t> ApiTest::Subtree(int64_t root) {
  std::set<int64_t> out = {root};
  std::vector<int64_t> pending = {root};
  while (!pending.empty()) {
    const int64_t parent = pending.back();
    pending.pop_back();
    for (const auto& child : AllPages("/api/v1/entities?limit=200&parent_id=" + std::to_string(parent), Admin())) {
      if (out.insert(child["id"].get<int64_t>()).second) pending.push_back(child["id"]);
    }
  }
  return out;
}

SettingsGuard::SettingsGuard(TestApp& app, Credentials admin, std::string path, std::vector<std::string> fields)
    : app_(app), admin_(std::move(admin)), path_(std::move(path)) {
  Reply r = app_.Call("GET", path_, admin_);
  EXPECT_EQ(r.status, 200) << path_ << ": " << r.body;
  const core::Json now = r.json();
  for (const auto& field : fields) {
    if (now.is_object() && now.contains(field)) saved_[field] = now[field];
  }
}

SettingsGuard::~SettingsGuard() {
  Reply r = app_.Call("PUT", path_, admin_, saved_);
  EXPECT_EQ(r.status, 200) << "restoring " << path_ << ": " << r.body;
}

EndpointsGuard::EndpointsGuard(TestApp& app, Credentials admin) : app_(app), admin_(std::move(admin)) {
  before_ = Endpoints();
}

std::map<std::string, core::Json> EndpointsGuard::Endpoints() {
  std::map<std::string, core::Json> out;
  Reply r = app_.Call("GET", "/api/v1/channel-endpoints", admin_);
  EXPECT_EQ(r.status, 200) << r.body;
  const core::Json body = r.json();
  if (body.contains("items")) {
    for (const auto& e : body["items"]) out[e["channel"].get<std::string>()] = e;
  }
  return out;
}

EndpointsGuard::~EndpointsGuard() {
  for (const auto& [channel, endpoint] : Endpoints()) {
    auto it = before_.find(channel);
    if (it == before_.end()) {
      Reply r = app_.Call("DELETE", "/api/v1/channel-endpoints/" + channel, admin_);
      EXPECT_EQ(r.status, 204) << "removing the endpoint of " << channel << ": " << r.body;
    } else {
      EXPECT_EQ(endpoint, it->second) << "a test changed the existing endpoint of " << channel;
    }
  }
}

std::string ApiTest::UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::unique_ptr<TestApp> ApiTest::OwnDemoApp(TestAppOptions options) {
  if (auto demo = DemoTemplateFor(GetParam())) {
    own_db_ = std::make_unique<TestDatabase>(GetParam(), demo->source);
    options.loaded_demo = demo->demo;
  } else {
    own_db_ = std::make_unique<TestDatabase>(GetParam());
  }
  if (own_db_->url().empty()) return nullptr;
  auto made = std::make_unique<TestApp>(own_db_->url(), /*demo=*/true, std::move(options));
  EXPECT_TRUE(made->ok()) << made->error();
  return made;
}

}  // namespace sawt::testing
