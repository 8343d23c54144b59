#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "core/result.hpp"
#include "events/events_service.hpp"
#include "http/metrics.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::app {

/// Command-line flags: "--name value" or "--name=value"; SAWT_<NAME> environment variables are the
/// fallback (e.g. --db ↔ SAWT_DB).
class Flags {
 public:
  /// Parses `args` (after the subcommand). Positional arguments are kept in order.
  static core::Result<Flags> Parse(const std::vector<std::string>& args, const std::vector<std::string>& known,
                                   const std::vector<std::string>& switches = {});
  /// The last value given for `name` (flags may repeat).
  std::optional<std::string> Get(const std::string& name) const;
  /// Every value given for `name`, in order (the environment fallback counts as one).
  std::vector<std::string> GetAll(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

/// The composed application: store, auth, and every module registered (the composition root).
struct App {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<module::ModuleRegistry> registry;
  std::shared_ptr<events::EventsService> events;
  /// Request counters of the HTTP listeners (ServerOptions::metrics), read by GET /metrics.
  std::shared_ptr<http::Metrics> metrics = std::make_shared<http::Metrics>();
};

/// What the composition root is configured with; every field has a safe default.
struct AppOptions {
  store::StoreOptions store;  ///< e.g. the audit key (StoreOptionsFrom)
  module::Settings settings;  ///< deployment settings modules read (e.g. the webhook address policy)
  auth::AuthOptions auth;     ///< session lifetimes and sign-in throttling
  /// Capabilities registered after the built-in list (app/modules.cpp). A real capability is one
  /// line in that list; the tests add an example capability here (tests/contract/example).
  std::vector<std::function<void(module::ModuleRegistry&)>> extra_modules;
};

/// Opens the store named by `db_url`, applies every module's migrations and registers the
/// modules (app/modules.cpp).
core::Result<App> OpenApp(const std::string& db_url, AppOptions options = {});

/// The store options the flags ask for: --audit-key FILE (or SAWT_AUDIT_KEY) keys the events chain.
/// Every command that opens the store accepts it (kAuditKeyFlag in its known flags).
inline constexpr const char* kAuditKeyFlag = "audit-key";
core::Result<store::StoreOptions> StoreOptionsFrom(const Flags& flags);

/// Adds the app's own routes: /readyz (store reachable), /api/v1/openapi.json and, unless
/// `metrics_route` is false (metrics on their own listener), GET /metrics for network admins.
void AddPlatformRoutes(App& app, bool metrics_route = true);

/// The default database URL: $SAWT_DB or sqlite:var/sawt.db.
std::string DefaultDb();

/// The OpenAPI 3.1 document for every registered route plus the server's built-ins.
core::Json BuildOpenApi(const module::ModuleRegistry& registry);

int RunServe(const std::vector<std::string>& args);
int RunMigrate(const std::vector<std::string>& args);
int RunDemo(const std::vector<std::string>& args);
int RunAdmin(const std::vector<std::string>& args);
/// RunAdmin reading a password from `in` (reset-password) and printing results to `out`.
int RunAdmin(const std::vector<std::string>& args, std::FILE* in, std::FILE* out);
int RunAnalyze(const std::vector<std::string>& args);

/// Prints `error` for a person on stderr (English; the CLI is for operators).
void PrintError(const core::Error& error);

}  // namespace sawt::app
