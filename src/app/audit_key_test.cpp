#include "app/audit_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "app/app.hpp"

namespace sawt::app {
namespace {

class AuditKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sawt_audit_key_" + std::to_string(::getpid()) + "_" +
                                                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    key_path_ = (dir_ / "audit.key").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string key_path_;
};

TEST_F(AuditKeyTest, KeyFileIsCreatedPrivateAndRefusedWhenOthersCanReadIt) {
  auto key = CreateAuditKeyFile(key_path_);
  ASSERT_TRUE(key) << key.error().key;
  struct stat st {};
  ASSERT_EQ(::stat(key_path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(CreateAuditKeyFile(key_path_).error().key, "cli.audit_key_create_failed") << "an existing key was replaced";
  key->from_id = 42;
  ASSERT_TRUE(WriteAuditKeyFile(key_path_, *key));
  auto read = ReadAuditKeyFile(key_path_);
  ASSERT_TRUE(read) << read.error().key;
  EXPECT_EQ(read->secret, key->secret);
  EXPECT_EQ(read->from_id, 42);
  ASSERT_EQ(::chmod(key_path_.c_str(), 0644), 0);
  EXPECT_EQ(ReadAuditKeyFile(key_path_).error().key, "cli.audit_key_permissions");
}

// Anchors catch what a keyed chain cannot: its newest rows deleted.
TEST_F(AuditKeyTest, AnchorsDetectTruncationAndForgery) {
  auto key = CreateAuditKeyFile(key_path_);
  ASSERT_TRUE(key);
  key->from_id = 1;
  AppOptions options;
  options.store.audit_key = *key;
  auto app = OpenApp("sqlite:" + (dir_ / "sawt.db").string(), options);
  ASSERT_TRUE(app) << app.error().detail;
  std::vector<store::Event> events;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(app->store->Write([&](store::Tx& tx) -> core::Status {
      auto e = tx.Append({"tester", "test.happened", std::nullopt, "thing", std::to_string(i), core::Json::object()});
      if (!e) return std::move(e).error();
      events.push_back(*e);
      return core::Ok();
    }));
  }
  const std::string anchor = AnchorLine(*key, events[2].id, events[2].hash, events[2].at);
  EXPECT_TRUE(VerifyAnchors(*app->store, *key, anchor + "\n"));

  std::string forged = anchor;
  forged.replace(forged.find(events[2].hash), 4, "0000");
  EXPECT_EQ(VerifyAnchors(*app->store, *key, forged).error().key, "cli.audit_anchor_forged");

  // Delete the newest two rows and point the head at what is left: the chain alone is consistent.
  ASSERT_TRUE(app->store->Write([&](store::Tx& tx) -> core::Status {
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM events WHERE id > $1", {events[0].id}));
    SAWT_TRY_STATUS(tx.Exec("UPDATE events_head SET last_id = $1, last_hash = $2", {events[0].id, events[0].hash}));
    return core::Ok();
  }));
  EXPECT_TRUE(app->store->VerifyAudit()->intact);
  EXPECT_EQ(VerifyAnchors(*app->store, *key, anchor).error().key, "cli.audit_anchor_missing_row");
}

}  // namespace
}  // namespace sawt::app
