#include <cstdio>

#include "app/app.hpp"
#include "app/cli/open_from_flags.hpp"

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
  int exit_code = 0;
  auto app = OpenAppFromFlags(*flags, 1, &exit_code);
  if (!app) return exit_code;
  std::printf("migrated %s (%zu migrations known)\n", app->store->Describe().c_str(),
              app->registry->migrations().size());
  return 0;
}

}  // namespace sawt::app
