// Write and read costs of the stores. SQLite is measured with synchronous=FULL (our default) and
// NORMAL (the peer we compare against, see docs/adr/0001-store.md); PostgreSQL when
// SAWT_BENCH_PG_URL is set. Run: build/bench/store/store_bench --benchmark_format=json
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/open.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sawt::store {
namespace {

const std::vector<Migration> kSchema = {
    {"bench", 1, "0001_create_items", "CREATE TABLE items (id {{ID}}, name TEXT NOT NULL, n BIGINT);"}};

std::filesystem::path BenchDir() {
  auto dir = std::filesystem::temp_directory_path() / ("sawt_store_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

std::unique_ptr<Store> OpenSqlite(bool full, const std::string& name) {
  auto path = BenchDir() / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  SqliteOptions so;
  so.synchronous_full = full;
  auto store = OpenSqliteStore(path.string(), {}, so);
  if (!store || !(*store)->Migrate(kSchema)) std::abort();
  return std::move(store).value();
}

std::unique_ptr<Store> OpenPg() {
  const char* url = std::getenv("SAWT_BENCH_PG_URL");
  if (url == nullptr) return nullptr;
  auto store = Open(url);
  if (!store || !(*store)->Migrate(kSchema)) return nullptr;
  return std::move(store).value();
}

// One state change = one row plus its audit event, the shape of every module write.
void WriteOne(benchmark::State& state, Store& store) {
  int64_t i = 0;
  for (auto _ : state) {
    Status st = store.Write([&](Tx& tx) -> Status {
      SAWT_TRY_STATUS(tx.Exec("INSERT INTO items (name, n) VALUES ($1, $2)", {std::string("item"), i}));
      SAWT_TRY_STATUS(tx.Append({"bench", "bench.item_created", 1, "item", std::to_string(i), core::Json{{"n", i}}}));
      return core::Ok();
    });
    if (!st) state.SkipWithError(st.error().detail.c_str());
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SqliteWriteFull(benchmark::State& state) {
  auto store = OpenSqlite(true, "full.db");
  WriteOne(state, *store);
}
BENCHMARK(BM_SqliteWriteFull)->UseRealTime();

void BM_SqliteWriteNormal(benchmark::State& state) {
  auto store = OpenSqlite(false, "normal.db");
  WriteOne(state, *store);
}
BENCHMARK(BM_SqliteWriteNormal)->UseRealTime();

void BM_SqliteReadEventsAfter(benchmark::State& state) {
  static auto store = [] {
    auto s = OpenSqlite(false, "read.db");
    for (int i = 0; i < 1000; ++i) {
      (void)s->Write([&](Tx& tx) -> Status {
        SAWT_TRY_STATUS(tx.Append({"bench", "bench.item_created", 1, "item", std::to_string(i), core::Json::object()}));
        return core::Ok();
      });
    }
    return s;
  }();
  for (auto _ : state) benchmark::DoNotOptimize(store->EventsAfter(500, 100));
}
BENCHMARK(BM_SqliteReadEventsAfter)->ThreadRange(1, 4)->UseRealTime();

void BM_PostgresWrite(benchmark::State& state) {
  auto store = OpenPg();
  if (!store) {
    state.SkipWithError("SAWT_BENCH_PG_URL unset");
    return;
  }
  WriteOne(state, *store);
}
BENCHMARK(BM_PostgresWrite)->UseRealTime();

}  // namespace
}  // namespace sawt::store

BENCHMARK_MAIN();
