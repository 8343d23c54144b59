#include <cstdio>

#include "app/app.hpp"

namespace sawt::app {

int RunMigrate(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db", kAuditKeyFlag}, {"help"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help")) {
    std::puts("usage: sawt migrate [--db URL] [--audit-key FILE]\n\nApplies every module's pending migrations (idempotent).");
    return 0;
  }
  auto options = StoreOptionsFrom(*flags);
  if (!options) {
    PrintError(options.error());
    return 2;
  }
  AppOptions app_options;
  app_options.store = *options;
  auto app = OpenApp(flags->GetOr("db", DefaultDb()), app_options);
  if (!app) {
    PrintError(app.error());
    return 1;
  }
  std::printf("migrated %s (%zu migrations known)\n", app->store->Describe().c_str(),
              app->registry->migrations().size());
  return 0;
}

}  // namespace sawt::app
