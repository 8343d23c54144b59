#include "tests/support/demo_cache.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <pqxx/pqxx>

#include "app/app.hpp"

namespace sawt::testing {
namespace {

namespace fs = std::filesystem;
using core::Json;

std::string Hex(size_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%012zx", static_cast<size_t>(v & 0xffffffffffffULL));
  return buf;
}

/// Holds an exclusive flock on a file while alive.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

Json ContextJson(const module::DemoContext& demo) {
  Json logins = Json::array();
  for (const auto& l : demo.logins) logins.push_back({l[0], l[1], l[2]});
  return {{"entities", demo.entities}, {"accounts", demo.accounts}, {"logins", logins}};
}

module::DemoContext ContextFrom(const Json& j) {
  module::DemoContext demo;
  demo.entities = j["entities"].get<std::map<std::string, int64_t>>();
  demo.accounts = j["accounts"].get<std::map<std::string, int64_t>>();
  for (const auto& l : j["logins"]) demo.logins.push_back({l[0], l[1], l[2]});
  return demo;
}

/// Opens `url`, runs every demo seeder and closes it again (no server, no workers).
core::Result<module::DemoContext> LoadDemo(const std::string& url) {
  // Seeded at the tests' fixed instant (as TestApp seeds), so the template never goes stale.
  core::ManualClock clock(kDemoSeededAtMicros);
  app::AppOptions options;
  options.store.clock = &clock;
  auto opened = app::OpenApp(url, std::move(options));
  if (!opened) return std::move(opened).error();
  module::DemoContext demo;
  for (const auto& seeder : opened->registry->demo_seeders()) {
    if (auto st = seeder.seed(*opened->store, demo); !st) return std::move(st).error();
  }
  return demo;
}

/// This binary (by path) and its build (size and modification time).
std::pair<std::string, std::string> Identity() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  struct stat st = {};
  ::stat("/proc/self/exe", &st);
  const std::string build = std::to_string(st.st_size) + "/" + std::to_string(st.st_mtim.tv_sec) + "." +
                            std::to_string(st.st_mtim.tv_nsec);
  return {Hex(std::hash<std::string>{}(exe.string())), Hex(std::hash<std::string>{}(build))};
}

/// Removes this binary's SQLite templates of other builds.
void RemoveStaleFiles(const fs::path& dir, const std::string& binary, const std::string& current) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("demo-" + binary + "-", 0) == 0 && name.find(current) == std::string::npos &&
        name.find(".lock") == std::string::npos) {
      fs::remove(entry.path(), ec);
    }
  }
}

/// Drops this binary's PostgreSQL templates of other builds.
void DropStaleDatabases(pqxx::connection& admin, const std::string& prefix, const std::string& current) {
  std::vector<std::string> stale;
  {
    pqxx::nontransaction tx(admin);
    for (const auto& row : tx.exec_params("SELECT datname FROM pg_database WHERE datname LIKE $1", prefix + "%")) {
      const std::string name = row[0].as<std::string>();
      if (name != current) stale.push_back(name);
    }
  }
  for (const auto& name : stale) {
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}

std::optional<module::DemoContext> ReadContext(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return ContextFrom(j);
}

void WriteContext(const fs::path& path, const module::DemoContext& demo) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial);
    out << ContextJson(demo).dump();
  }
  std::error_code ec;
  fs::rename(partial, path, ec);  // atomic: a reader sees all of it or nothing
}

}  // namespace

std::optional<DemoTemplate> DemoTemplateFor(BackendKind kind) {
  const char* cache = std::getenv("SAWT_TEST_DEMO_CACHE");
  if (cache == nullptr || *cache == '\0') return std::nullopt;
  const char* pg = std::getenv("SAWT_TEST_PG_URL");
  if (kind == BackendKind::kPostgres && (pg == nullptr || *pg == '\0')) return std::nullopt;
  const fs::path dir(cache);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto [binary, build] = Identity();
  const std::string backend = BackendName(kind);
  const fs::path context_path = dir / ("demo-" + binary + "-" + build + "-" + backend + ".json");
  const fs::path sqlite_path = dir / ("demo-" + binary + "-" + build + ".sqlite");
  const std::string pg_prefix = "sawt_tpl_" + binary + "_";
  const std::string pg_name = pg_prefix + build;
  const std::string source = kind == BackendKind::kSqlite ? sqlite_path.string() : pg_name;

  FileLock lock((dir / ("demo-" + binary + "-" + backend + ".lock")).string());
  if (!lock.ok()) {
    ADD_FAILURE() << "cannot lock the demo cache in " << dir;
    return std::nullopt;
  }
  if (auto demo = ReadContext(context_path)) return DemoTemplate{source, std::move(*demo)};

  // First process of this build: load the demo into a scratch database and keep it.
  try {
    TestDatabase scratch(kind);
    if (scratch.url().empty()) {
      ADD_FAILURE() << "demo template: " << scratch.skip_reason();
      return std::nullopt;
    }
    auto demo = LoadDemo(scratch.url());
    if (!demo) {
      ADD_FAILURE() << "demo template: " << demo.error().key << " " << demo.error().detail;
      return std::nullopt;
    }
    if (kind == BackendKind::kSqlite) {
      RemoveStaleFiles(dir, binary, build);
      const fs::path partial = sqlite_path.string() + ".partial";
      fs::copy_file(scratch.location(), partial, fs::copy_options::overwrite_existing);
      fs::rename(partial, sqlite_path);
    } else {
      pqxx::connection admin(pg);
      DropStaleDatabases(admin, pg_prefix, pg_name);
      pqxx::nontransaction tx(admin);
      tx.exec("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)");
      tx.exec("ALTER DATABASE " + scratch.location() + " RENAME TO " + pg_name);
    }
    WriteContext(context_path, *demo);
    return DemoTemplate{source, std::move(*demo)};
  } catch (const std::exception& e) {
    ADD_FAILURE() << "demo template: " << e.what();
    return std::nullopt;
  }
}

}  // namespace sawt::testing
