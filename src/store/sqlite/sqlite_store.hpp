#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/store.hpp"

struct sqlite3;

namespace sawt::store {

/// Registers `hook`, run once on every SQLite connection any SqliteStore uses (e.g. to register
/// the FTS5 tokenizer). Connections opened earlier run it before their next transaction.
/// Thread-safe. Hooks live for the whole process, must not throw and must not call
/// RegisterConnectionHook themselves.
void RegisterConnectionHook(std::function<void(sqlite3*)> hook);

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
