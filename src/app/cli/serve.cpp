#include <cstdio>
#include <fstream>
#include <filesystem>
#include <memory>
#include <thread>

#include "app/app.hpp"
#include "core/log.hpp"
#include "http/server.hpp"

namespace sawt::app {
namespace {

constexpr const char* kHelp = R"(usage: sawt serve [--db URL] [--port N] [--address A] [--web DIR] [--threads N] [--port-file F] [--access-log stderr|off|PATH]

Runs the HTTP server. Migrations are applied at start. SIGTERM/SIGINT shut down gracefully:
no new connections, in-flight requests finish, streams end, the store is closed.
  --port 0 picks a free port; --port-file writes the bound port to F once listening.
)";

std::string FindWebRoot(const std::string& flag) {
  if (!flag.empty()) return flag;
  for (const char* candidate : {"web", "../web", "../../web", "/usr/share/sawt/web"}) {
    if (std::filesystem::exists(std::filesystem::path(candidate) / "index.html")) {
      return std::filesystem::canonical(candidate).string();
    }
  }
  return "";
}

}  // namespace

void AddPlatformRoutes(App& app) {
  module::ModuleRegistry& reg = *app.registry;
  reg.BeginModule("platform");
  store::Store* store = app.store.get();
  http::Route readyz;
  readyz.method = "GET";
  readyz.pattern = "/readyz";
  readyz.summary = "Readiness: the store answers";
  readyz.openapi = {{"summary", readyz.summary},
                    {"responses", {{"200", {{"description", "Ready"}}}, {"503", {{"description", "Store unreachable"}}}}}};
  readyz.handler = [store](http::Request& req) {
    auto st = store->Ping();
    if (!st) return http::Response::Problem(st.error(), req);
    return http::Response::Json(200, {{"status", "ready"}, {"store", store->Describe()}});
  };
  reg.AddPublicRoute(std::move(readyz));

  http::Route openapi;
  openapi.method = "GET";
  openapi.pattern = "/api/v1/openapi.json";
  openapi.summary = "This OpenAPI 3.1 document";
  openapi.openapi = {{"summary", openapi.summary}, {"responses", {{"200", {{"description", "The document"}}}}}};
  module::ModuleRegistry* registry = app.registry.get();
  openapi.handler = [registry](http::Request&) {
    // Built on demand so it always matches the registered routes; it is small and rarely fetched.
    return http::Response::Json(200, BuildOpenApi(*registry));
  };
  reg.AddPublicRoute(std::move(openapi));
}

int RunServe(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db", "port", "address", "web", "threads", "port-file", "access-log"}, {"help"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  auto app = OpenApp(flags->GetOr("db", DefaultDb()));
  if (!app) {
    PrintError(app.error());
    return 1;
  }
  AddPlatformRoutes(*app);

  http::ServerOptions options;
  options.address = flags->GetOr("address", "127.0.0.1");
  options.port = static_cast<uint16_t>(std::stoi(flags->GetOr("port", "8080")));
  options.threads = std::stoi(flags->GetOr("threads", "0"));
  options.static_root = FindWebRoot(flags->GetOr("web", ""));
  options.access_log = flags->GetOr("access-log", "stderr");
  options.handle_signals = true;
  auto server_owner = std::make_shared<http::Server>(options, app->registry->router());
  http::Server& server = *server_owner;
  if (auto st = server.Start(); !st) {
    PrintError(st.error());
    return 1;
  }
  // New events wake the open SSE streams at once instead of at their next poll. The store keeps
  // its callbacks for its whole life, so the callback must not outlive the server.
  std::weak_ptr<http::Server> weak_server = server_owner;
  app->store->OnCommit([weak_server](int64_t) {
    if (auto s = weak_server.lock()) s->Wake();
  });
  // Background workers (e.g. the publication dispatcher) run while the server does.
  app->registry->StartWorkers();
  if (auto file = flags->Get("port-file")) {
    std::ofstream(*file + ".tmp") << server.port() << "\n";
    std::filesystem::rename(*file + ".tmp", *file);
  }
  core::Log(core::LogLevel::kInfo, "sawt listening",
            {{"url", "http://" + options.address + ":" + std::to_string(server.port()) + "/"},
             {"store", app->store->Describe()},
             {"web", options.static_root}});
  server.Wait();
  app->registry->StopWorkers();
  core::Log(core::LogLevel::kInfo, "sawt stopped");
  return 0;
}

}  // namespace sawt::app
