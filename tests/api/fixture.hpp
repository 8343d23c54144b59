#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "tests/support/test_app.hpp"

namespace sawt::testing {

/// Parameterized over the two stores. One demo-loaded TestApp per backend is shared by every test
/// of the process (tests create uniquely named objects so they do not disturb each other).
class ApiTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override;
  TestApp& app() { return *app_; }
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

 private:
  TestApp* app_ = nullptr;
};

std::string BackendParamName(const ::testing::TestParamInfo<BackendKind>& info);

#define SAWT_INSTANTIATE_BOTH_STORES(Suite)                                                               \
  INSTANTIATE_TEST_SUITE_P(Stores, Suite,                                                                 \
                           ::testing::Values(::sawt::testing::BackendKind::kSqlite,                       \
                                             ::sawt::testing::BackendKind::kPostgres),                    \
                           ::sawt::testing::BackendParamName)

}  // namespace sawt::testing
