#include <cstdio>
#include <fstream>
#include <filesystem>
#include <memory>
#include <thread>

#include "app/app.hpp"
#include "core/log.hpp"
#include "core/numbers.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"
#include "module/openapi.hpp"
#include "notifications/email_link.hpp"

namespace sawt::app {
namespace {

constexpr const char* kHelp = R"(usage: sawt serve [--db URL] [--audit-key FILE] [--port N] [--address A] [--web DIR] [--threads N]
                  [--port-file F] [--access-log stderr|off|PATH]
                  [--metrics-address HOST:PORT] [--webhook-allow CIDR,...] [--webhook-deny CIDR,...]
                  [--trusted-proxy CIDR]... [--secure-cookie auto|on|off] [--session-idle-minutes N]
                  [--smtp-relay HOST:PORT] [--smtp-from ADDRESS] [--public-url URL]
                  [--digits arab|latn] [--tls-ca-file PEM]

Runs the HTTP server. Migrations are applied at start. SIGTERM/SIGINT shut down gracefully:
no new connections, in-flight requests finish, streams end, the store is closed.
  --port 0 picks a free port; --port-file writes the bound port to F once listening.
  --metrics-address serves GET /metrics (and /healthz) to anyone on that second listener, e.g.
    127.0.0.1:9100; without it GET /metrics on the main listener is for network admins only.
  --webhook-allow / --webhook-deny: address blocks webhook deliveries (channel endpoints, crisis
    subscribers) may (not) connect to, checked on the resolved address. By default loopback, link-local, private and cloud
    metadata addresses are refused; the most specific block wins (docs/security.md).
  --trusted-proxy CIDR   a reverse proxy (e.g. nginx) whose X-Forwarded-For / X-Forwarded-Proto are
                         believed: the client address for rate limits and the audit log then comes
                         from X-Forwarded-For, and HSTS is sent when the proxy was reached over HTTPS.
                         Repeat it or give a comma-separated list (IPv4 and IPv6: 10.0.0.0/8, ::1).
  --secure-cookie        auto (default): the session cookie is "__Host-sawt_session" with Secure unless
                         sawt is bound to loopback without a trusted proxy; on/off force it.
  --session-idle-minutes sessions unused this long end (default 30).
  --smtp-relay HOST:PORT where notification e-mails are handed over (plain SMTP, no TLS and no
                         authentication: a local relay such as postfix); without it they stay
                         "held" in the outbox (docs/notifications.md). --smtp-from sets their sender
                         (default sawt@localhost).
  --digits arab|latn     the digits of Arabic texts the server writes (problem details, conflict
                         and finding explanations, notifications) when the client does not ask for
                         others with Accept-Language "ar-u-nu-latn" / "ar-u-nu-arab": arab
                         (Arabic-Indic ٠١٢, the default) or latn (0 1 2). English uses Latin digits.
  --public-url URL       where members reach the web app, e.g. https://sawt.example.gov (http or https,
                         an optional path, no query or fragment): links in notification e-mails are
                         this + "/" + the page's route; without it they give the route alone.
  --tls-ca-file PEM      certificates trusted for https webhook deliveries besides the system's
                         trust store (ca-certificates), e.g. a government's own CA.
  See docs/operations.md for running behind nginx with TLS.
)";

/// Exit code 2 with a message: the operator mistyped a flag value.
int BadFlag(const std::string& flag, const std::string& value, const char* expected) {
  std::fprintf(stderr, "sawt: --%s \"%s\": expected %s\n", flag.c_str(), value.c_str(), expected);
  return 2;
}

/// "HOST:PORT" or "[V6]:PORT" → (host, port); nullopt when malformed.
std::optional<std::pair<std::string, uint16_t>> HostPort(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = core::ParseCanonicalInt(text.substr(colon + 1));
  if (!port || *port > 65535) return std::nullopt;
  return std::make_pair(host, static_cast<uint16_t>(*port));
}

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

void AddPlatformRoutes(App& app, bool metrics_route) {
  module::ModuleRegistry& reg = *app.registry;
  reg.BeginModule("platform");
  store::Store* store = app.store.get();
  http::Route readyz;
  readyz.method = "GET";
  readyz.pattern = "/readyz";
  readyz.summary = "Readiness: the store answers";
  const core::Json ready_schema = {{"type", "object"},
                                   {"required", {"status", "store"}},
                                   {"additionalProperties", false},
                                   {"properties", {{"status", {{"const", "ready"}}}, {"store", {{"type", "string"}}}}}};
  readyz.openapi = {{"summary", readyz.summary},
                    {"responses",
                     {{"200", {{"description", "Ready"}, {"content", {{"application/json", {{"schema", ready_schema}}}}}}},
                      {"503", module::ProblemResponseRef(503)}}}};
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
  openapi.openapi = {{"summary", openapi.summary},
                     {"responses",
                      {{"200",
                        {{"description", "The document"},
                         {"content",
                          {{"application/json",
                            {{"schema",
                              {{"type", "object"},
                               {"required", {"openapi", "paths"}},
                               {"properties", {{"openapi", {{"type", "string"}}}, {"paths", {{"type", "object"}}}}},
                               {"additionalProperties", true}}}}}}}}}}}};
  module::ModuleRegistry* registry = app.registry.get();
  openapi.handler = [registry](http::Request&) {
    // Built on demand so it always matches the registered routes; it is small and rarely fetched.
    return http::Response::Json(200, BuildOpenApi(*registry));
  };
  reg.AddPublicRoute(std::move(openapi));

  // Every module's vocabularies with both languages' labels: clients and the web UI keep no copies.
  const core::Json text = {{"type", "string"}};
  const core::Json term = {{"type", "object"},
                           {"required", {"code", "label_ar", "label_en"}},
                           {"properties", {{"code", text}, {"label_ar", text}, {"label_en", text}}},
                           // Each vocabulary's own attributes (a channel's "online", an audience's "phrase_ar").
                           {"additionalProperties", {{"type", {"string", "boolean", "integer", "number"}}}}};
  const core::Json vocabulary = {
      {"type", "object"},
      {"required", {"name", "module", "terms"}},
      {"properties", {{"name", text}, {"module", text}, {"terms", {{"type", "array"}, {"items", term}}}}}};
  reg.AddSchema("VocabularyList", {{"type", "object"},
                                   {"required", {"items"}},
                                   {"properties", {{"items", {{"type", "array"}, {"items", vocabulary}}}}}});
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/vocabularies",
                                 {"Every vocabulary (channels, audiences, kinds, statuses…) with Arabic and English labels",
                                  {}, {}, "", "VocabularyList"}),
               [registry](http::Request&, const auth::Caller&) {
                 core::Json items = core::Json::array();
                 for (const auto& [module, vocabulary] : registry->vocabularies()) {
                   core::Json v = vocabulary.ToJson();
                   v["module"] = module;
                   items.push_back(std::move(v));
                 }
                 http::Response res = http::Response::Json(200, {{"items", std::move(items)}});
                 res.SetHeader("Cache-Control", "private, max-age=300");
                 return res;
               });

  if (metrics_route) {
    // Route names, error rates and timings describe the deployment: network admins only (a
    // scraper uses a read-only API token of one), or --metrics-address on a private interface.
    http::Route metrics;
    metrics.method = "GET";
    metrics.pattern = "/metrics";
    metrics.summary = "Prometheus metrics of the HTTP server (network administrators)";
    metrics.openapi = {{"summary", metrics.summary},
                       {"responses",
                        {{"200", {{"description", "Prometheus text exposition 0.0.4"},
                                  {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}},
                         {"401", module::ProblemResponseRef(401)},
                         {"403", module::ProblemResponseRef(403)}}}};
    reg.AddRoute(std::move(metrics), [counters = app.metrics](http::Request& req, const auth::Caller& caller) {
      if (!caller.network_admin) return http::Response::Problem(core::Error::Forbidden(), req);
      return http::MetricsResponse(*counters);
    });
  }
}

int RunServe(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args,
                            {"db", kAuditKeyFlag, "port", "address", "web", "threads", "port-file", "access-log",
                             "metrics-address", "webhook-allow", "webhook-deny", "trusted-proxy", "secure-cookie",
                             "session-idle-minutes", "smtp-relay", "smtp-from", "public-url", "digits",
                             "tls-ca-file"},
                            {"help"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  auto store_options = StoreOptionsFrom(*flags);
  if (!store_options) {
    PrintError(store_options.error());
    return 2;
  }
  // Numbers have one spelling here too: "08080" or "+1" is refused, not read as something else.
  const auto port = core::ParseCanonicalInt(flags->GetOr("port", "8080"));
  const auto threads = core::ParseCanonicalInt(flags->GetOr("threads", "0"));
  if (!port || *port > 65535) {
    PrintError(core::Error::InvalidInput("cli.bad_port", "port", {flags->GetOr("port", "")}));
    return 2;
  }
  if (!threads || *threads > 1024) {
    PrintError(core::Error::InvalidInput("cli.bad_threads", "threads", {flags->GetOr("threads", "")}));
    return 2;
  }
  std::optional<std::pair<std::string, uint16_t>> metrics_listener;
  if (auto m = flags->Get("metrics-address")) {
    metrics_listener = HostPort(*m);
    if (!metrics_listener) {
      PrintError(core::Error::InvalidInput("cli.bad_metrics_address", "metrics-address", {*m}));
      return 2;
    }
  }
  module::Settings settings;
  if (auto st = settings.webhook_addresses.AllowList(flags->GetOr("webhook-allow", "")); !st) {
    PrintError(st.error());
    return 2;
  }
  if (auto st = settings.webhook_addresses.DenyList(flags->GetOr("webhook-deny", "")); !st) {
    PrintError(st.error());
    return 2;
  }
  if (auto relay = flags->Get("smtp-relay")) {
    if (!HostPort(*relay)) return BadFlag("smtp-relay", *relay, "HOST:PORT");
    settings.smtp_relay = *relay;
  }
  settings.smtp_from = flags->GetOr("smtp-from", settings.smtp_from);
  if (settings.smtp_from.find_first_of("\r\n<> ") != std::string::npos || settings.smtp_from.find('@') == std::string::npos) {
    return BadFlag("smtp-from", settings.smtp_from, "an e-mail address");
  }
  if (auto url = flags->Get("public-url")) {
    auto parsed = notifications::ParsePublicUrl(*url);
    if (!parsed) return BadFlag("public-url", *url, "an absolute http:// or https:// URL without query or fragment");
    settings.public_url = *parsed;
  }
  if (auto ca = flags->Get("tls-ca-file")) {
    // Read now, so a mistyped path stops the start instead of failing every delivery later.
    std::FILE* f = std::fopen(ca->c_str(), "r");
    if (f == nullptr) return BadFlag("tls-ca-file", *ca, "a readable PEM file");
    std::fclose(f);
    settings.tls_ca_file = *ca;
  }
  const std::string digits = flags->GetOr("digits", "arab");
  const auto arabic_digits = http::ParseDigits(digits);
  if (!arabic_digits) return BadFlag("digits", digits, "arab or latn");
  settings.arabic_digits = *arabic_digits;
  http::ServerOptions options;
  options.address = flags->GetOr("address", "127.0.0.1");
  for (const std::string& list : flags->GetAll("trusted-proxy")) {
    auto cidrs = http::ParseCidrList(list);
    if (!cidrs) {
      PrintError(cidrs.error());
      return 2;
    }
    options.trusted_proxies.insert(options.trusted_proxies.end(), cidrs->begin(), cidrs->end());
  }
  const std::string secure_cookie = flags->GetOr("secure-cookie", "auto");
  if (secure_cookie != "auto" && secure_cookie != "on" && secure_cookie != "off") {
    return BadFlag("secure-cookie", secure_cookie, "auto, on or off");
  }
  AppOptions app_options;
  app_options.store = std::move(*store_options);
  app_options.settings = std::move(settings);
  if (auto idle = flags->Get("session-idle-minutes")) {
    const auto minutes = core::ParseCanonicalInt(*idle);
    if (!minutes || *minutes < 1 || *minutes > 7 * 24 * 60) return BadFlag("session-idle-minutes", *idle, "1 to 10080");
    app_options.auth.session_idle = std::chrono::minutes(*minutes);
  }
  auto app = OpenApp(flags->GetOr("db", DefaultDb()), std::move(app_options));
  if (!app) {
    PrintError(app.error());
    return 1;
  }
  AddPlatformRoutes(*app, /*metrics_route=*/!metrics_listener);
  // Reachable from other hosts, or behind a proxy that is (and should be) serving HTTPS: the
  // cookie must travel only over TLS and cannot be planted by a sibling host.
  app->registry->session_cookie().secure =
      secure_cookie == "on" ||
      (secure_cookie == "auto" && (!http::IsLoopback(options.address) || !options.trusted_proxies.empty()));

  options.port = static_cast<uint16_t>(*port);
  options.threads = static_cast<int>(*threads);
  options.metrics = app->metrics;
  options.messages = &app->registry->messages();
  options.public_metrics = false;
  options.static_root = FindWebRoot(flags->GetOr("web", ""));
  options.access_log = flags->GetOr("access-log", "stderr");
  options.handle_signals = true;
  auto server_owner = std::make_shared<http::Server>(options, app->registry->router());
  http::Server& server = *server_owner;
  if (auto st = server.Start(); !st) {
    PrintError(st.error());
    return 1;
  }
  // The metrics-only listener: the same counters, open to whoever reaches that address (bind it
  // to loopback or a monitoring network), and nothing else but /healthz.
  const http::Router no_routes;
  std::unique_ptr<http::Server> metrics_server;
  if (metrics_listener) {
    http::ServerOptions m;
    m.address = metrics_listener->first;
    m.port = metrics_listener->second;
    m.threads = 1;
    m.access_log = "off";
    m.metrics = app->metrics;
    metrics_server = std::make_unique<http::Server>(m, no_routes);
    if (auto st = metrics_server->Start(); !st) {
      PrintError(st.error());
      server.Shutdown(std::chrono::seconds(0));
      return 1;
    }
  }
  // New events wake the open SSE streams at once instead of at their next poll, for as long as
  // `wake_streams` lives; the weak pointer covers the server's end.
  std::weak_ptr<http::Server> weak_server = server_owner;
  store::CommitSubscription wake_streams = app->store->OnCommit([weak_server](int64_t) {
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
             {"web", options.static_root},
             {"session_cookie", app->registry->session_cookie().Name()},
             {"trusted_proxies", static_cast<int64_t>(options.trusted_proxies.size())}});
  server.Wait();
  if (metrics_server) metrics_server->Shutdown(std::chrono::seconds(1));
  app->registry->StopWorkers();
  core::Log(core::LogLevel::kInfo, "sawt stopped");
  return 0;
}

}  // namespace sawt::app
