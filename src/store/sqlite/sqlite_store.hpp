#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/store.hpp"

struct sqlite3;

namespace sawt::store {

/// SQLite-specific knobs beyond StoreOptions (tests and benchmarks; production keeps defaults).
struct SqliteOptions {
  /// PRAGMA synchronous: FULL (true) fsyncs the WAL on every commit, so acknowledged writes
  /// survive power loss; NORMAL (false) survives a process crash only. See docs/adr/0001-store.md.
  bool synchronous_full = true;
  /// Maximum reader connections (>= 1), opened on demand.
  int max_readers = 4;
};

/// Opens (creating if needed) the SQLite database at `path` in WAL mode with foreign keys on.
/// `path` must name a file (":memory:" is rejected); its parent folder must exist. Does not migrate.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options = {},
                                               const SqliteOptions& sqlite_options = {});

}  // namespace sawt::store
