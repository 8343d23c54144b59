#include "tests/api/fixture.hpp"

#include <atomic>
#include <cctype>
#include <cstdlib>

namespace sawt::testing {
namespace {

struct Shared {
  std::unique_ptr<TestDatabase> db;
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

void ApiTest::SetUp() {
  Shared& shared = Apps()[GetParam()];
  if (!shared.db) shared.db = std::make_unique<TestDatabase>(GetParam());
  if (shared.db->url().empty()) {
    const char* require = std::getenv("SAWT_REQUIRE_PG");
    if (require && std::string(require) == "1") FAIL() << "SAWT_REQUIRE_PG=1: " << shared.db->skip_reason();
    GTEST_SKIP() << shared.db->skip_reason();
  }
  if (!shared.app) {
    shared.app = std::make_unique<TestApp>(shared.db->url(), /*demo=*/true);
    ASSERT_TRUE(shared.app->ok()) << shared.app->error();
  }
  app_ = shared.app.get();
}

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

}  // namespace sawt::testing
