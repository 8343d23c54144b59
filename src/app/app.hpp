#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "core/result.hpp"
#include "events/events_service.hpp"
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
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

/// The composed application: store, auth, and every module registered (the composition root).
struct App {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<module::ModuleRegistry> registry;
  std::shared_ptr<events::EventsService> events;
};

/// Opens the store named by `db_url`, applies every module's migrations and registers the
/// modules (app/modules.cpp).
core::Result<App> OpenApp(const std::string& db_url);

/// Adds the app's own routes: /readyz (store reachable) and /api/v1/openapi.json.
void AddPlatformRoutes(App& app);

/// The default database URL: $SAWT_DB or sqlite:var/sawt.db.
std::string DefaultDb();

/// The OpenAPI 3.1 document for every registered route plus the server's built-ins.
core::Json BuildOpenApi(const module::ModuleRegistry& registry);

int RunServe(const std::vector<std::string>& args);
int RunMigrate(const std::vector<std::string>& args);
int RunDemo(const std::vector<std::string>& args);
int RunAdmin(const std::vector<std::string>& args);
int RunAnalyze(const std::vector<std::string>& args);

/// Prints `error` for a person on stderr (English; the CLI is for operators).
void PrintError(const core::Error& error);

}  // namespace sawt::app
