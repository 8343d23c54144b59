#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace sawt::store {

/// Opens a store from a URL: "sqlite:PATH" (parent folders created; ":memory:" not supported since
/// WAL needs a file) or "postgresql://user@host:port/db?..." / "postgres://...". Does not migrate.
/// Only the composition root (app/) and tests call this.
Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options = {});

}  // namespace sawt::store
