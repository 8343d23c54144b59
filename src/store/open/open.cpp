#include "store/open.hpp"

#include <filesystem>
#include <system_error>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sawt::store {

Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) == 0) {
    std::string path = url.substr(kSqlite.size());
    if (path.empty() || path == ":memory:") return core::Error::InvalidInput("store.invalid_url", {}, {url});
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) return core::Error::Unavailable("cannot create " + parent.string() + ": " + ec.message());
    }
    return OpenSqliteStore(path, options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgresStore(url, options);
  }
  return core::Error::InvalidInput("store.invalid_url", {}, {RedactPostgresUrl(url)});
}

}  // namespace sawt::store
