#include "module/registry.hpp"

#include "auth/crypto.hpp"

namespace sawt::module {
namespace {

bool IsUnsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

std::string_view BearerToken(const http::Request& req) {
  std::string_view h = req.Header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (h.size() > kPrefix.size() && h.substr(0, kPrefix.size()) == kPrefix) return h.substr(kPrefix.size());
  return {};
}

}  // namespace

void ModuleRegistry::BeginModule(std::string name) {
  current_ = std::move(name);
  modules_.push_back(current_);
}

void ModuleRegistry::AddPublicRoute(http::Route route) {
  route.is_public = true;
  if (route.tag.empty()) route.tag = current_;
  router_.Add(std::move(route));
}

void ModuleRegistry::AddRoute(http::Route route, AuthedHandler handler) {
  route.is_public = false;
  if (route.tag.empty()) route.tag = current_;
  auth::AuthService* auth = &services_.auth;
  route.handler = [auth, handler = std::move(handler)](http::Request& req) -> http::Response {
    std::string cookie = req.Cookie(kSessionCookie);
    std::string_view bearer = BearerToken(req);
    auto caller = auth->Authenticate(cookie, bearer);
    if (!caller) return http::Response::Problem(caller.error(), req);
    if (caller->credential == auth::Credential::kSession && IsUnsafe(req.method) &&
        !auth::ConstantTimeEquals(req.Header("x-csrf-token"), caller->csrf_token)) {
      return http::Response::Problem(core::Error::Forbidden("auth.csrf"), req);
    }
    return handler(req, *caller);
  };
  router_.Add(std::move(route));
}

void ModuleRegistry::AddMigrations(const std::vector<store::Migration>& migrations) {
  migrations_.insert(migrations_.end(), migrations.begin(), migrations.end());
}

void ModuleRegistry::AddMessages(const std::vector<http::Message>& messages) { http::AddMessages(messages); }

void ModuleRegistry::AddDemoSeeder(std::function<core::Status(store::Store&, DemoContext&)> seed) {
  seeders_.push_back({current_, std::move(seed)});
}

void ModuleRegistry::AddWorker(std::string name, Worker worker) {
  workers_.emplace_back(current_ + "." + name, std::move(worker));
}

void ModuleRegistry::StartWorkers() {
  if (!threads_.empty()) return;
  for (const auto& [name, worker] : workers_) threads_.emplace_back(worker);
}

void ModuleRegistry::StopWorkers() {
  for (auto& t : threads_) t.request_stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

std::vector<std::string> ModuleRegistry::worker_names() const {
  std::vector<std::string> out;
  for (const auto& w : workers_) out.push_back(w.first);
  return out;
}

}  // namespace sawt::module
