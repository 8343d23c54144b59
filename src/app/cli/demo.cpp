#include <cstdio>

#include "app/app.hpp"
#include "app/cli/open_from_flags.hpp"

namespace sawt::app {
namespace {

constexpr const char* kDemoMarker = "demo.loaded";

/// Whether the store already holds the demo (its marker event is there).
core::Result<bool> HasDemo(store::Store& store) {
  return store::ReadValue<bool>(store, [](store::Tx& tx) -> core::Result<bool> {
    auto rows = tx.Query("SELECT 1 FROM events WHERE action = $1", {std::string(kDemoMarker)});
    if (!rows) return std::move(rows).error();
    return !rows->empty();
  });
}

}  // namespace

int RunDemo(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db", kAuditKeyFlag}, {"help", "quiet"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help")) {
    std::puts(
        "usage: sawt demo [--db URL] [--audit-key FILE] [--quiet]\n\nLoads the bilingual demo network into an empty store. A store that "
        "already holds the demo is left as it is; a store holding other data is refused.");
    return 0;
  }
  int exit_code = 0;
  auto app = OpenAppFromFlags(*flags, 1, &exit_code);
  if (!app) return exit_code;
  auto has_demo = HasDemo(*app->store);
  if (!has_demo) {
    PrintError(has_demo.error());
    return 1;
  }
  if (*has_demo) {
    std::printf("the demo network is already loaded in %s\n", app->store->Describe().c_str());
    return 0;
  }
  auto has_events = app->store->HasEvents();
  if (!has_events) {
    PrintError(has_events.error());
    return 1;
  }
  if (*has_events) {
    std::fprintf(stderr, "sawt: refusing to load the demo: %s already holds data\n", app->store->Describe().c_str());
    return 1;
  }
  module::DemoContext ctx;
  for (const auto& seeder : app->registry->demo_seeders()) {
    if (auto st = seeder.seed(*app->store, ctx); !st) {
      std::fprintf(stderr, "sawt: demo data of module %s failed\n", seeder.module.c_str());
      PrintError(st.error());
      return 1;
    }
  }
  auto marked = app->store->Write([&](store::Tx& tx) -> core::Status {
    auto ev = tx.Append({"system", kDemoMarker, std::nullopt, "demo", "1",
                         {{"entities", ctx.entities.size()}, {"accounts", ctx.accounts.size()}}});
    if (!ev) return std::move(ev).error();
    return core::Ok();
  });
  if (!marked) {
    PrintError(marked.error());
    return 1;
  }
  std::printf("loaded the demo network into %s: %zu entities, %zu accounts\n", app->store->Describe().c_str(),
              ctx.entities.size(), ctx.accounts.size());
  if (!flags->Has("quiet")) {
    std::puts("demo logins (login / password / role):");
    for (const auto& [login, password, what] : ctx.logins) {
      std::printf("  %-26s %-16s %s\n", login.c_str(), password.c_str(), what.c_str());
    }
  }
  return 0;
}

}  // namespace sawt::app
