#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace sawt::store {

/// Opens a PostgreSQL store at `url` (a libpq URI, "postgresql://user@host:port/db?..."): checks
/// that one connection can be made; pools up to options.pool_size connections; a LISTEN
/// sawt_events connection is opened on the first OnCommit() registration. Does not migrate.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options = {});

/// `url` with any password replaced by "***" (for logs and Describe()).
std::string RedactPostgresUrl(const std::string& url);

}  // namespace sawt::store
