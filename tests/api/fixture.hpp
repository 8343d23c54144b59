#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_app.hpp"

namespace sawt::testing {

/// Parameterized over the two stores. One demo-loaded TestApp per backend is shared by every test
/// of the process (tests create uniquely named objects so they do not disturb each other).
class ApiTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override;
  TestApp& app() { return *app_; }
  /// The shared app's database (for commands that open it themselves, like `sawt admin`).
  const std::string& DbUrl() const;
  Credentials Admin();
  /// A demo account's session (password sawt-demo-2026), signed in once per store: sign-ins are
  /// rate-limited per address.
  Credentials Demo(const std::string& login);
  /// Percent-encodes a query parameter value (UTF-8 bytes; unreserved characters kept).
  static std::string UrlEncode(const std::string& s);
  int64_t EntityId(const std::string& code) const { return app_->demo().entities.at(code); }
  int64_t AccountId(const std::string& login) const { return app_->demo().accounts.at(login); }
  /// A unique suffix for names created by one test.
  static std::string Unique();
  /// A route pattern with its id parameters ({id}, {task_id}, …) set to "1" and, unless `text` is
  /// empty, its other parameters ({channel}, {item}) to `text`: a path for generic probes.
  static std::string FillPath(std::string pattern, const std::string& text = "");
  /// `root` and every entity below it, as the network admin lists them.
  std::set<int64_t> Subtree(int64_t root);
  /// Every row of a paginated list, following next_cursor (`path` may carry a query).
  std::vector<core::Json> AllPages(const std::string& path, const Credentials& who);
  /// A throwaway copy of the demo network with its own settings and clock (nullptr when the
  /// store is not available); kept until the test ends.
  std::unique_ptr<TestApp> OwnDemoApp(TestAppOptions options);

 private:
  TestApp* app_ = nullptr;
  std::unique_ptr<TestDatabase> own_db_;
};

/// The demo accounts' password (every login but admin's).
inline constexpr const char* kDemoPassword = "sawt-demo-2026";

/// Puts a network-wide setting back as it was: reads `fields` of the resource at `path` when
/// made, and PUTs them back when destroyed (tests that change settings other tests read).
class SettingsGuard {
 public:
  SettingsGuard(TestApp& app, Credentials admin, std::string path, std::vector<std::string> fields);
  ~SettingsGuard();
  SettingsGuard(const SettingsGuard&) = delete;
  SettingsGuard& operator=(const SettingsGuard&) = delete;

 private:
  TestApp& app_;
  Credentials admin_;
  std::string path_;
  core::Json saved_ = core::Json::object();
};

/// Removes, when destroyed, every delivery endpoint (/api/v1/channel-endpoints) added since it
/// was made; one that existed before must not have been changed (its secret cannot be read back).
class EndpointsGuard {
 public:
  EndpointsGuard(TestApp& app, Credentials admin);
  ~EndpointsGuard();
  EndpointsGuard(const EndpointsGuard&) = delete;
  EndpointsGuard& operator=(const EndpointsGuard&) = delete;

 private:
  std::map<std::string, core::Json> Endpoints();
  TestApp& app_;
  Credentials admin_;
  std::map<std::string, core::Json> before_;
};

std::string BackendParamName(const ::testing::TestParamInfo<BackendKind>& info);

#define SAWT_INSTANTIATE_BOTH_STORES(Suite)                                                               \
  INSTANTIATE_TEST_SUITE_P(Stores, Suite,                                                                 \
                           ::testing::Values(::sawt::testing::BackendKind::kSqlite,                       \
                                             ::sawt::testing::BackendKind::kPostgres),                    \
                           ::sawt::testing::BackendParamName)

}  // namespace sawt::testing
