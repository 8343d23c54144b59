// One conformance suite for every Store backend: StoreTest/Sqlite.* and StoreTest/Postgres.*.
// PostgreSQL runs against SAWT_TEST_PG_URL (a role with CREATEDB; scripts/pg.sh prints one);
// each test gets its own throwaway database. Without the variable the Postgres instance skips,
// unless SAWT_REQUIRE_PG=1, which turns the skip into a failure.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "failing_store.hpp"
#include "store/event_hash.hpp"
#include "store/open.hpp"

namespace sawt::store {
namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

// `url` with its database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t query = url.find('?');
  std::string base = url.substr(0, slash == std::string::npos ? (query == std::string::npos ? url.size() : query) : slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + db + rest;
}

std::string UniqueName(const char* prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
}

// The schema every test uses, owned by a "test" module.
std::vector<Migration> TestMigrations() {
  return {
      {"test", 1, "0001_create_items",
       "CREATE TABLE parents (id {{ID}}, name TEXT NOT NULL UNIQUE);\n"
       "CREATE TABLE items (id {{ID}}, parent_id BIGINT REFERENCES parents(id), name TEXT, n BIGINT,\n"
       "  x DOUBLE PRECISION, data {{BLOB}});\n"},
  };
}

// Runs one write that inserts a parent named `name` and appends its event.
Result<Event> AddParent(Store& store, const std::string& name, std::optional<int64_t> entity_id = 1) {
  return WriteValue<Event>(store, [&](Tx& tx) -> Result<Event> {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("INSERT INTO parents (name) VALUES ($1) RETURNING id", {name}));
    NewEvent e{"tester", "test.parent_created", entity_id, "parent", std::to_string(rows.at(0).Int(0)),
               core::Json{{"name", name}}};
    return tx.Append(e);
  });
}

Result<int64_t> CountRows(Store& store, const std::string& table) {
  return ReadValue<int64_t>(store, [&](Tx& tx) -> Result<int64_t> {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM " + table));
    return rows.at(0).Int(0);
  });
}

Status RawWrite(Store& store, const std::string& sql, const std::vector<Value>& params = {}) {
  return store.Write([&](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Exec(sql, params));
    return core::Ok();
  });
}

template <typename BackendTag>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (BackendTag::kBackend == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / UniqueName("sawt_store_test_");
      url_ = "sqlite:" + (dir_ / "nested" / "sawt.db").string();
    } else {
      admin_url_ = EnvOr("SAWT_TEST_PG_URL", "");
      if (admin_url_.empty()) {
        if (EnvOr("SAWT_REQUIRE_PG", "0") == "1") FAIL() << "SAWT_REQUIRE_PG=1 but SAWT_TEST_PG_URL is unset";
        GTEST_SKIP() << "SAWT_TEST_PG_URL is unset";
      }
      db_name_ = UniqueName("sawt_test_");
      try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction tx(admin);
        tx.exec("CREATE DATABASE " + db_name_);
      } catch (const std::exception& e) {
        FAIL() << "cannot create test database: " << e.what();
      }
      url_ = WithDatabase(admin_url_, db_name_);
    }
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
    Status st = store_->Migrate(TestMigrations());
    ASSERT_TRUE(st) << st.error().detail;
  }

  void TearDown() override {
    store_.reset();
    for (auto& s : extra_) s.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    if (!db_name_.empty()) {
      try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
      } catch (const std::exception&) {  // best effort: a leftover database does not fail the test
      }
    }
  }

  std::unique_ptr<Store> OpenStore(const StoreOptions& options = {}) {
    auto opened = Open(url_, options);
    EXPECT_TRUE(opened) << opened.error().detail;
    if (!opened) return nullptr;
    return std::move(opened).value();
  }

  std::filesystem::path dir_;
  std::string admin_url_;
  std::string db_name_;
  std::string url_;
  std::unique_ptr<Store> store_;
  std::vector<std::unique_ptr<Store>> extra_;
};

struct Sqlite {
  static constexpr Backend kBackend = Backend::kSqlite;
};
struct Postgres {
  static constexpr Backend kBackend = Backend::kPostgres;
};
// Names the instances StoreTest/Sqlite.* and StoreTest/Postgres.*.
struct BackendName {
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, Sqlite> ? "Sqlite" : "Postgres";
  }
};
using Backends = ::testing::Types<Sqlite, Postgres>;
TYPED_TEST_SUITE(StoreTest, Backends, BackendName);

TYPED_TEST(StoreTest, AppendEventChainsHash) {
  auto a = AddParent(*this->store_, "police");
  auto b = AddParent(*this->store_, "health", std::nullopt);
  ASSERT_TRUE(a) << a.error().detail;
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_EQ(a->prev_hash, kGenesisHash);
  EXPECT_EQ(b->prev_hash, a->hash);
  EXPECT_LT(a->id, b->id);
  EXPECT_EQ(a->hash, ComputeEventHash(a->prev_hash, *a));
  EXPECT_EQ(b->hash, ComputeEventHash(b->prev_hash, *b));
  EXPECT_EQ(a->hash.size(), 64u);

  auto events = this->store_->EventsAfter(0, 10);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].hash, a->hash);
  EXPECT_EQ((*events)[0].at, a->at);
  EXPECT_EQ((*events)[0].payload, (core::Json{{"name", "police"}}));
  EXPECT_EQ((*events)[0].entity_id, std::optional<int64_t>(1));
  EXPECT_EQ((*events)[1].entity_id, std::nullopt);
  EXPECT_EQ((*events)[1].action, "test.parent_created");

  auto report = this->store_->VerifyAudit();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_EQ(report->rows_checked, 2);
  EXPECT_EQ(this->store_->backend(), TypeParam::kBackend);
}

TYPED_TEST(StoreTest, RowsAreReadByTheNamesTheSelectGives) {
  ASSERT_TRUE(AddParent(*this->store_, "tourism"));
  auto rows = ReadValue<std::vector<Row>>(*this->store_, [&](Tx& tx) {
    return tx.Query("SELECT p.id, p.name AS title, NULL AS missing FROM parents p WHERE p.name = $1", {std::string("tourism")});
  });
  ASSERT_TRUE(rows) << rows.error().detail;
  ASSERT_EQ(rows->size(), 1u);
  const Row& r = rows->at(0);
  EXPECT_EQ(r.Int("id"), r.Int(0));
  EXPECT_EQ(r.Text("title"), "tourism");
  EXPECT_EQ(r.Index("title"), 1u);
  EXPECT_TRUE(r.IsNull("missing"));
  EXPECT_EQ(r.OptText("missing"), std::nullopt);
}

TYPED_TEST(StoreTest, MigrationsAreIdempotentAndOrdered) {
  // Given out of order: alpha/2 needs alpha/1's table, so it only works if applied after it.
  std::vector<Migration> ms = {
      {"zeta", 1, "0001_create_z", "CREATE TABLE z (id {{ID}});"},
      {"alpha", 2, "0002_fill_a", "INSERT INTO a (label) VALUES ('second');"},
      {"alpha", 1, "0001_create_a", "CREATE TABLE a (id {{ID}}, label TEXT NOT NULL);"},
  };
  ASSERT_TRUE(this->store_->Migrate(ms));
  ASSERT_TRUE(this->store_->Migrate(ms));  // idempotent
  ASSERT_TRUE(this->store_->Migrate(TestMigrations()));
  EXPECT_EQ(CountRows(*this->store_, "a").value(), 1);

  auto applied = ReadValue<std::vector<std::string>>(*this->store_, [](Tx& tx) -> Result<std::vector<std::string>> {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT module, version, name FROM schema_migrations ORDER BY module, version"));
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(r.Text(0) + "/" + std::to_string(r.Int(1)) + "/" + r.Text(2));
    return out;
  });
  ASSERT_TRUE(applied);
  EXPECT_EQ(*applied, (std::vector<std::string>{"alpha/1/0001_create_a", "alpha/2/0002_fill_a", "store/1/0001_create_events",
                                                "test/1/0001_create_items", "zeta/1/0001_create_z"}));

  // A new version is applied alone; a failing one is not recorded and changes nothing.
  ms.push_back({"alpha", 3, "0003_more", "INSERT INTO a (label) VALUES ('third');"});
  ASSERT_TRUE(this->store_->Migrate(ms));
  EXPECT_EQ(CountRows(*this->store_, "a").value(), 2);
  ms.push_back({"alpha", 4, "0004_broken", "INSERT INTO a (label) VALUES ('fourth'); INSERT INTO nowhere VALUES (1);"});
  EXPECT_FALSE(this->store_->Migrate(ms));
  EXPECT_EQ(CountRows(*this->store_, "a").value(), 2);
  EXPECT_EQ(CountRows(*this->store_, "schema_migrations").value(), 6);

  EXPECT_FALSE(this->store_->Migrate({{"dup", 1, "x", "SELECT 1"}, {"dup", 1, "y", "SELECT 1"}}));
  EXPECT_FALSE(this->store_->Migrate({{"store", 9, "x", "SELECT 1"}}));

  // A second store on the same database sees everything as applied.
  auto other = this->OpenStore();
  ASSERT_NE(other, nullptr);
  ms.pop_back();
  EXPECT_TRUE(other->Migrate(ms));
  EXPECT_EQ(CountRows(*other, "a").value(), 2);
}

TYPED_TEST(StoreTest, WriteCommitsAndRollsBack) {
  EXPECT_FALSE(this->store_->HasEvents().value());
  ASSERT_TRUE(AddParent(*this->store_, "committed"));
  EXPECT_TRUE(this->store_->HasEvents().value());

  Status st = this->store_->Write([](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO parents (name) VALUES ($1)", {std::string("rolled back")}));
    SAWT_TRY_STATUS(tx.Append({"tester", "test.parent_created", std::nullopt, "parent", "x", core::Json::object()}));
    return core::Error::InvalidInput("test.refused");
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().key, "test.refused");
  EXPECT_EQ(CountRows(*this->store_, "parents").value(), 1);
  EXPECT_EQ(CountRows(*this->store_, "events").value(), 1);
  auto report = this->store_->VerifyAudit();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact) << report->problem;

  // The chain continues after a rollback.
  auto next = AddParent(*this->store_, "after");
  ASSERT_TRUE(next);
  EXPECT_TRUE(this->store_->VerifyAudit()->intact);
}

TYPED_TEST(StoreTest, ConstraintErrorsMapToConflict) {
  ASSERT_TRUE(AddParent(*this->store_, "unique"));
  auto dup = AddParent(*this->store_, "unique");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().key, "store.unique_violation");

  Status fk = RawWrite(*this->store_, "INSERT INTO items (parent_id, name) VALUES ($1, $2)", {int64_t{999}, std::string("orphan")});
  ASSERT_FALSE(fk);
  EXPECT_EQ(fk.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(fk.error().key, "store.foreign_key_violation");

  Status bad = RawWrite(*this->store_, "INSERT INTO no_such_table VALUES (1)");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInternal);
  EXPECT_FALSE(bad.error().detail.empty());
}

TYPED_TEST(StoreTest, ErrorAbortsTheWholeTransaction) {
  ASSERT_TRUE(AddParent(*this->store_, "taken"));
  // Ignoring a statement error does not let the transaction commit (same on both backends).
  Status st = this->store_->Write([](Tx& tx) -> Status {
    (void)tx.Exec("INSERT INTO parents (name) VALUES ($1)", {std::string("fresh")});
    auto dup = tx.Exec("INSERT INTO parents (name) VALUES ($1)", {std::string("taken")});
    EXPECT_FALSE(dup);
    auto later = tx.Exec("INSERT INTO parents (name) VALUES ($1)", {std::string("later")});
    EXPECT_FALSE(later);
    return core::Ok();
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().key, "store.unique_violation");
  EXPECT_EQ(CountRows(*this->store_, "parents").value(), 1);
}

TYPED_TEST(StoreTest, DetectsEditedPayload) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 5; ++i) ids.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value().id);
  ASSERT_TRUE(RawWrite(*this->store_, "UPDATE events SET payload = $1 WHERE id = $2", {std::string(R"({"name":"forged"})"), ids[2]}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, ids[2]);
  EXPECT_EQ(r.rows_checked, 2);
  EXPECT_FALSE(r.problem.empty());
}

TYPED_TEST(StoreTest, DetectsEditedActorEvenWithRecomputedHash) {
  std::vector<Event> evs;
  for (int i = 1; i <= 4; ++i) evs.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value());
  Event forged = evs[1];
  forged.actor = "intruder";
  forged.hash = ComputeEventHash(forged.prev_hash, forged);
  ASSERT_TRUE(RawWrite(*this->store_, "UPDATE events SET actor = $1, hash = $2 WHERE id = $3", {forged.actor, forged.hash, forged.id}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, evs[2].id);  // the next row's link breaks
}

// With an audit key, rows from key.from_id on are HMAC-keyed: someone who can write the database
// but not read the key can no longer edit a row and recompute the chain after it.
TYPED_TEST(StoreTest, KeyedChainDetectsARecomputedRewrite) {
  std::vector<Event> plain;
  for (int i = 1; i <= 2; ++i) plain.push_back(AddParent(*this->store_, "plain" + std::to_string(i)).value());
  AuditKey key{std::string(32, '\x5a'), plain.back().id + 1};
  StoreOptions keyed_options;
  keyed_options.audit_key = key;
  this->store_ = this->OpenStore(keyed_options);
  std::vector<Event> keyed;
  for (int i = 1; i <= 4; ++i) keyed.push_back(AddParent(*this->store_, "keyed" + std::to_string(i)).value());
  EXPECT_EQ(keyed.front().id, key.from_id);
  EXPECT_NE(keyed[1].hash, ComputeEventHash(keyed[1].prev_hash, keyed[1])) << "a keyed row carries a plain hash";
  auto intact = this->store_->VerifyAudit().value();
  EXPECT_TRUE(intact.intact) << intact.problem;
  EXPECT_EQ(intact.rows_checked, 6);

  // Without the key the keyed rows do not verify (and the report says why that may be).
  auto without = this->OpenStore()->VerifyAudit().value();
  EXPECT_FALSE(without.intact);
  EXPECT_EQ(without.first_bad_id, key.from_id);
  EXPECT_NE(without.problem.find("--audit-key"), std::string::npos) << without.problem;

  // Rewrite row keyed[1] and recompute the whole chain after it without the key (plain SHA-256):
  // every link holds, but the keyed hashes do not.
  std::string prev = keyed[0].hash;
  for (size_t i = 1; i < keyed.size(); ++i) {
    Event e = keyed[i];
    if (i == 1) e.actor = "intruder";
    e.prev_hash = prev;
    e.hash = ComputeEventHash(e.prev_hash, e);
    ASSERT_TRUE(RawWrite(*this->store_, "UPDATE events SET actor = $1, prev_hash = $2, hash = $3 WHERE id = $4",
                         {e.actor, e.prev_hash, e.hash, e.id}));
    prev = e.hash;
  }
  ASSERT_TRUE(RawWrite(*this->store_, "UPDATE events_head SET last_hash = $1 WHERE id = 1", {prev}));
  auto rewritten = this->store_->VerifyAudit().value();
  EXPECT_FALSE(rewritten.intact);
  EXPECT_EQ(rewritten.first_bad_id, keyed[1].id);
  // A different key does not verify either.
  StoreOptions wrong;
  wrong.audit_key = AuditKey{std::string(32, '\x11'), key.from_id};
  EXPECT_FALSE(this->OpenStore(wrong)->VerifyAudit().value().intact);
}

TYPED_TEST(StoreTest, DetectsDeletedMiddleRow) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 5; ++i) ids.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value().id);
  ASSERT_TRUE(RawWrite(*this->store_, "DELETE FROM events WHERE id = $1", {ids[2]}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, ids[3]);
}

TYPED_TEST(StoreTest, DetectsDeletedFirstRow) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 3; ++i) ids.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value().id);
  ASSERT_TRUE(RawWrite(*this->store_, "DELETE FROM events WHERE id = $1", {ids[0]}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, ids[1]);
}

TYPED_TEST(StoreTest, DetectsDeletedLastRows) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 5; ++i) ids.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value().id);
  ASSERT_TRUE(RawWrite(*this->store_, "DELETE FROM events WHERE id >= $1", {ids[3]}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, ids[4]);  // events_head still names the newest row
  EXPECT_EQ(r.rows_checked, 3);
}

TYPED_TEST(StoreTest, DetectsForgedRow) {
  std::vector<Event> evs;
  for (int i = 1; i <= 3; ++i) evs.push_back(AddParent(*this->store_, "p" + std::to_string(i)).value());
  // A forger who knows the algorithm links a well-formed row to the last hash, but cannot do so
  // without events_head noticing.
  Event f;
  f.id = evs.back().id + 1000;
  f.at = evs.back().at;
  f.actor = "intruder";
  f.action = "test.parent_created";
  f.object_type = "parent";
  f.object_id = "0";
  f.payload = core::Json::object();
  f.prev_hash = evs.back().hash;
  f.hash = ComputeEventHash(f.prev_hash, f);
  ASSERT_TRUE(RawWrite(*this->store_,
                       "INSERT INTO events (id, at, actor, action, entity_id, object_type, object_id, payload, "
                       "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       {f.id, f.at, f.actor, f.action, Null(), f.object_type, f.object_id, std::string("{}"),
                        f.prev_hash, f.hash}));
  auto r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, f.id);

  // A forged row with a made-up hash in the middle of the id range breaks at itself.
  ASSERT_TRUE(RawWrite(*this->store_, "DELETE FROM events WHERE id = $1", {f.id}));
  ASSERT_TRUE(this->store_->VerifyAudit()->intact);
  ASSERT_TRUE(RawWrite(*this->store_, "UPDATE events SET id = id + 10 WHERE id = $1", {evs[2].id}));
  const int64_t mid = evs[1].id + 5;
  ASSERT_TRUE(RawWrite(*this->store_,
                       "INSERT INTO events (id, at, actor, action, entity_id, object_type, object_id, payload, "
                       "prev_hash, hash) VALUES ($1, $2, 'x', 'y', NULL, 'o', 'i', '{}', $3, $4)",
                       {mid, f.at, evs[1].hash, std::string(64, 'a')}));
  r = this->store_->VerifyAudit().value();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_id, mid);
}

TYPED_TEST(StoreTest, ConcurrentWritersKeepChainIntact) {
  constexpr int kThreads = 8;
  constexpr int kWrites = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        auto e = AddParent(*this->store_, "t" + std::to_string(t) + "_" + std::to_string(i));
        if (!e) {
          ++failures;
          ADD_FAILURE() << e.error().key << ": " << e.error().detail;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  int64_t last = 0;
  std::string prev(kGenesisHash);
  int total = 0;
  for (;;) {
    auto page = this->store_->EventsAfter(last, 500);
    ASSERT_TRUE(page);
    if (page->empty()) break;
    for (const Event& e : *page) {
      EXPECT_GT(e.id, last);
      EXPECT_EQ(e.prev_hash, prev);
      prev = e.hash;
      last = e.id;
      ++total;
    }
  }
  EXPECT_EQ(total, kThreads * kWrites);
  auto r = this->store_->VerifyAudit().value();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.rows_checked, kThreads * kWrites);
}

TYPED_TEST(StoreTest, EventsAfterPaginates) {
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(AddParent(*this->store_, "p" + std::to_string(i)));
  std::vector<size_t> sizes;
  int64_t after = 0;
  std::vector<int64_t> seen;
  for (;;) {
    auto page = this->store_->EventsAfter(after, 10);
    ASSERT_TRUE(page);
    sizes.push_back(page->size());
    if (page->empty()) break;
    for (const Event& e : *page) seen.push_back(e.id);
    after = page->back().id;
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{10, 10, 5, 0}));
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_TRUE(this->store_->EventsAfter(seen.back(), 10)->empty());
  EXPECT_TRUE(this->store_->EventsAfter(0, 0)->empty());
  EXPECT_EQ(this->store_->EventsAfter(seen[3], 2)->front().id, seen[4]);
}

TYPED_TEST(StoreTest, OnCommitFires) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int64_t> got;
  store::CommitSubscription subscription = this->store_->OnCommit([&](int64_t id) {
    std::lock_guard<std::mutex> lock(mu);
    got.push_back(id);
    cv.notify_all();
  });
  auto e = AddParent(*this->store_, "notify me");
  ASSERT_TRUE(e);
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return !got.empty(); }));
    EXPECT_EQ(got.back(), e->id);
  }
  // A write without events and a rolled-back write do not fire.
  ASSERT_TRUE(RawWrite(*this->store_, "INSERT INTO parents (name) VALUES ('quiet')"));
  (void)this->store_->Write([](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Append({"tester", "test.nothing", std::nullopt, "x", "y", core::Json::object()}));
    return core::Error::InvalidInput("test.refused");
  });

  if (TypeParam::kBackend == Backend::kPostgres) {
    // Another "process" (a second store with its own connections) commits: LISTEN/NOTIFY wakes us.
    auto other = this->OpenStore();
    ASSERT_NE(other, nullptr);
    auto remote = AddParent(*other, "from elsewhere");
    ASSERT_TRUE(remote);
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return got.back() == remote->id; }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
  EXPECT_EQ(std::adjacent_find(got.begin(), got.end()), got.end()) << "each id is reported once";
}

TYPED_TEST(StoreTest, AnEndedSubscriptionIsNeverCalledAgain) {
  std::mutex mu;
  std::vector<int64_t> got;
  store::CommitSubscription subscription = this->store_->OnCommit([&](int64_t id) {
    std::lock_guard<std::mutex> lock(mu);
    got.push_back(id);
  });
  auto seen = AddParent(*this->store_, "seen");
  ASSERT_TRUE(seen);
  size_t calls_before_end = 0;
  {
    // Local commits call back before Write returns (on PostgreSQL the listener may also report
    // the newest id it caught up with when it connected).
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_NE(std::find(got.begin(), got.end(), seen->id), got.end());
  }
  subscription.Reset();
  {
    std::lock_guard<std::mutex> lock(mu);
    calls_before_end = got.size();
  }
  ASSERT_TRUE(AddParent(*this->store_, "unseen"));
  if (TypeParam::kBackend == Backend::kPostgres) {
    auto other = this->OpenStore();
    ASSERT_NE(other, nullptr);
    ASSERT_TRUE(AddParent(*other, "unseen elsewhere"));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the listener's poll is 200 ms
  }
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(got.size(), calls_before_end);
}

TYPED_TEST(StoreTest, EndingASubscriptionWaitsForTheCallInProgress) {
  // A service ends its subscription in its destructor: the callback, running on a writer's
  // thread, must have returned before the members it uses are destroyed.
  std::atomic<bool> inside{false}, finished{false};
  auto subscription = std::make_unique<store::CommitSubscription>(this->store_->OnCommit([&](int64_t) {
    inside = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    finished = true;
  }));
  std::thread writer([&] { EXPECT_TRUE(AddParent(*this->store_, "slow callback")); });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!inside && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
  EXPECT_TRUE(inside.load()) << "the commit never called back";
  subscription.reset();
  EXPECT_TRUE(finished.load());
  writer.join();
}

TYPED_TEST(StoreTest, ReadSeesConsistentSnapshot) {
  ASSERT_TRUE(AddParent(*this->store_, "before"));
  int64_t first = -1, second = -1;
  Status st = this->store_->Read([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(auto a, tx.Query("SELECT COUNT(*) FROM parents"));
    first = a.at(0).Int(0);
    std::thread writer([&] { EXPECT_TRUE(AddParent(*this->store_, "during")); });
    writer.join();
    SAWT_ASSIGN_OR_RETURN(auto b, tx.Query("SELECT COUNT(*) FROM parents"));
    second = b.at(0).Int(0);
    return core::Ok();
  });
  ASSERT_TRUE(st) << st.error().detail;
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1);
  EXPECT_EQ(CountRows(*this->store_, "parents").value(), 2);
}

TYPED_TEST(StoreTest, ReadTransactionsRejectWrites) {
  Status st = this->store_->Read([](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO parents (name) VALUES ('nope')"));
    return core::Ok();
  });
  EXPECT_FALSE(st);
  st = this->store_->Read([](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Append({"tester", "test.nothing", std::nullopt, "x", "y", core::Json::object()}));
    return core::Ok();
  });
  EXPECT_FALSE(st);
  EXPECT_EQ(CountRows(*this->store_, "parents").value(), 0);
  EXPECT_FALSE(this->store_->HasEvents().value());
}

TYPED_TEST(StoreTest, ArabicTextRoundTrips) {
  const std::string arabic = "صوت الحكومة الواحد — بيان رسمي ١٢٣ 🌙";
  auto e = WriteValue<Event>(*this->store_, [&](Tx& tx) -> Result<Event> {
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO parents (name) VALUES ($1)", {arabic}));
    return tx.Append({"مدير", "test.parent_created", 7, "كيان", arabic, core::Json{{"الاسم", arabic}, {"n", 1}}});
  });
  ASSERT_TRUE(e) << e.error().detail;
  auto names = ReadValue<std::string>(*this->store_, [&](Tx& tx) -> Result<std::string> {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT name FROM parents WHERE name = $1", {arabic}));
    if (rows.size() != 1) return core::Error::NotFound("test.missing");
    return rows[0].Text(0);
  });
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, arabic);
  auto evs = this->store_->EventsAfter(0, 1).value();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].actor, "مدير");
  EXPECT_EQ(evs[0].object_type, "كيان");
  EXPECT_EQ(evs[0].object_id, arabic);
  EXPECT_EQ(evs[0].payload["الاسم"], arabic);
  EXPECT_TRUE(this->store_->VerifyAudit()->intact);
}

TYPED_TEST(StoreTest, ValuesAndNullsRoundTrip) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  ASSERT_TRUE(RawWrite(*this->store_, "INSERT INTO items (parent_id, name, n, x) VALUES ($1, $2, $3, $4)",
                       {Null(), OrNull(std::optional<std::string>()), OrNull(std::optional<int64_t>()), Null()}));
  ASSERT_TRUE(RawWrite(*this->store_, "INSERT INTO items (name, n, x) VALUES ($1, $2, $3)",
                       {std::string("full"), big, 2.5}));
  auto rows = ReadValue<std::vector<Row>>(*this->store_, [](Tx& tx) {
    return tx.Query("SELECT parent_id, name, n, x, id FROM items ORDER BY id");
  });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  const Row& nulls = (*rows)[0];
  for (size_t c = 0; c < 4; ++c) EXPECT_TRUE(nulls.IsNull(c)) << c;
  EXPECT_EQ(nulls.OptInt(2), std::nullopt);
  EXPECT_EQ(nulls.OptText(1), std::nullopt);
  const Row& full = (*rows)[1];
  EXPECT_EQ(full.Text(1), "full");
  EXPECT_EQ(full.Int(2), big);
  EXPECT_DOUBLE_EQ(full.Double(3), 2.5);
  EXPECT_GT(full.Int(4), 0);

  // Parameters used in WHERE, and changed-row counts.
  auto changed = WriteValue<int64_t>(*this->store_, [](Tx& tx) {
    return tx.Exec("UPDATE items SET n = $1 WHERE n IS NULL OR n = $2", {int64_t{5}, int64_t{-1}});
  });
  ASSERT_TRUE(changed);
  EXPECT_EQ(*changed, 1);
}

TYPED_TEST(StoreTest, FailureMidWriteLeavesNothingHalfWritten) {
  testing::FailingStore failing(*this->store_);
  ASSERT_TRUE(AddParent(failing, "base"));
  for (int fail_at = 1; fail_at <= 3; ++fail_at) {
    failing.FailExecNumber(fail_at);
    Status st = failing.Write([](Tx& tx) -> Status {
      SAWT_ASSIGN_OR_RETURN(auto p, tx.Query("INSERT INTO parents (name) VALUES ('half') RETURNING id"));
      SAWT_TRY_STATUS(tx.Exec("INSERT INTO items (parent_id, name) VALUES ($1, 'one')", {p.at(0).Int(0)}));
      SAWT_TRY_STATUS(tx.Append({"tester", "test.half", std::nullopt, "parent", "half", core::Json::object()}));
      SAWT_TRY_STATUS(tx.Exec("INSERT INTO items (parent_id, name) VALUES ($1, 'two')", {p.at(0).Int(0)}));
      SAWT_TRY_STATUS(tx.Exec("UPDATE parents SET name = 'whole' WHERE id = $1", {p.at(0).Int(0)}));
      return core::Ok();
    });
    ASSERT_FALSE(st) << "fail_at=" << fail_at;
    EXPECT_NE(st.error().detail.find("injected"), std::string::npos);
    EXPECT_EQ(CountRows(*this->store_, "parents").value(), 1);
    EXPECT_EQ(CountRows(*this->store_, "items").value(), 0);
    EXPECT_EQ(CountRows(*this->store_, "events").value(), 1);
    EXPECT_TRUE(this->store_->VerifyAudit()->intact);
  }
  failing.FailExecNumber(0);
  ASSERT_TRUE(AddParent(failing, "after"));
  EXPECT_EQ(this->store_->VerifyAudit()->rows_checked, 2);
}

TYPED_TEST(StoreTest, PingAndDescribe) {
  EXPECT_TRUE(this->store_->Ping());
  EXPECT_FALSE(this->store_->Describe().empty());
  EXPECT_EQ(this->store_->Describe().find("password"), std::string::npos);
}

TYPED_TEST(StoreTest, AggregatesReadAsTheSameTypes) {
  ASSERT_TRUE(RawWrite(*this->store_, "INSERT INTO items (name, n, x) VALUES ('a', 2, 1.5), ('b', 3, 2.5)"));
  auto row = ReadValue<Row>(*this->store_, [](Tx& tx) -> Result<Row> {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT SUM(n), COUNT(*), MAX(id), AVG(x), SUM(x) FROM items"));
    return rows.at(0);
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Int(0), 5);  // PostgreSQL: NUMERIC, SQLite: INTEGER
  EXPECT_EQ(row->Int(1), 2);
  EXPECT_GT(row->Int(2), 0);
  EXPECT_DOUBLE_EQ(row->Double(3), 2.0);
  EXPECT_DOUBLE_EQ(row->Double(4), 4.0);
}

TYPED_TEST(StoreTest, AcknowledgedWritesSurviveKill9) {
  if (TypeParam::kBackend != Backend::kSqlite) GTEST_SKIP() << "PostgreSQL durability is the server's";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    auto child = Open(this->url_);
    if (!child) ::_exit(2);
    for (int i = 0;; ++i) {
      if (!AddParent(**child, "k" + std::to_string(i))) ::_exit(3);
      if (::write(fds[1], &i, sizeof i) != static_cast<ssize_t>(sizeof i)) ::_exit(4);
    }
  }
  ::close(fds[1]);
  int acked = -1;
  int value = 0;
  while (acked < 40 && ::read(fds[0], &value, sizeof value) == static_cast<ssize_t>(sizeof value)) acked = value;
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  while (::read(fds[0], &value, sizeof value) == static_cast<ssize_t>(sizeof value)) acked = value;
  ::close(fds[0]);
  ASSERT_GE(acked, 40);
  auto reopened = this->OpenStore();
  ASSERT_NE(reopened, nullptr);
  EXPECT_GE(CountRows(*reopened, "parents").value(), acked + 1);
  auto r = reopened->VerifyAudit().value();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_GE(r.rows_checked, acked + 1);
}

TYPED_TEST(StoreTest, ReconnectsAfterConnectionLoss) {
  if (TypeParam::kBackend != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL connections only";
  StoreOptions options;
  options.pool_size = 1;
  auto store = Open(this->url_, options);
  ASSERT_TRUE(store);
  ASSERT_TRUE(AddParent(**store, "before"));
  {
    pqxx::connection admin(this->url_);
    pqxx::nontransaction tx(admin);
    tx.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  auto after = AddParent(**store, "after");
  ASSERT_TRUE(after) << after.error().detail;
  EXPECT_TRUE((*store)->Ping());
  EXPECT_TRUE((*store)->VerifyAudit()->intact);
}

TYPED_TEST(StoreTest, PoolExhaustionIsUnavailable) {
  if (TypeParam::kBackend != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL pool only";
  StoreOptions options;
  options.pool_size = 1;
  options.busy_timeout = std::chrono::milliseconds(200);
  auto store = Open(this->url_, options);
  ASSERT_TRUE(store);
  Status inner = core::Ok();
  Status outer = (*store)->Read([&](Tx&) -> Status {
    inner = (*store)->Ping();  // the only connection is in use by this Read
    return core::Ok();
  });
  EXPECT_TRUE(outer);
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, core::ErrorCode::kUnavailable);
}

TYPED_TEST(StoreTest, DatabaseFilesAreReadableByTheOwnerOnly) {
  if (TypeParam::kBackend != Backend::kSqlite) GTEST_SKIP() << "PostgreSQL's files are the server's";
  namespace fs = std::filesystem;
  auto mode_of = [](const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
  };
  const mode_t old_umask = ::umask(022);  // the usual umask: files would be 0644 without care
  const fs::path fresh = this->dir_ / "fresh.db";
  auto store = Open("sqlite:" + fresh.string());
  ASSERT_TRUE(store) << store.error().detail;
  ASSERT_TRUE((*store)->Migrate(TestMigrations()));
  ASSERT_TRUE(AddParent(**store, "p"));  // the WAL and the shared-memory index exist from here
  for (const char* suffix : {"", "-wal", "-shm"}) {
    EXPECT_EQ(mode_of(fresh.string() + suffix), 0600u) << suffix;
  }
  store->reset();
  // A database left world-readable (by an older version or a copy) is tightened when opened.
  const fs::path old = this->dir_ / "old.db";
  { std::ofstream(old.string()) << ""; }
  ::chmod(old.c_str(), 0644);
  auto reopened = Open("sqlite:" + old.string());
  ::umask(old_umask);
  ASSERT_TRUE(reopened) << reopened.error().detail;
  EXPECT_EQ(mode_of(old), 0600u);
}

TEST(StoreOpenTest, RejectsUnknownUrls) {
  EXPECT_FALSE(Open("mysql://x"));
  EXPECT_FALSE(Open("sqlite:"));
  EXPECT_FALSE(Open("sqlite::memory:"));
  auto pg = Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1");
  ASSERT_FALSE(pg);
  EXPECT_EQ(pg.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sawt::store
