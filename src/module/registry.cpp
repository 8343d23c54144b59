#include "module/registry.hpp"

#include <algorithm>

#include "auth/crypto.hpp"
#include "core/assert.hpp"
#include "module/shared_vocabularies.hpp"

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

Reauthenticate ModuleRegistry::ReauthenticatorFor(const http::Request& req) const {
  return [auth = &services_.auth, cookie = req.Cookie(session_cookie_.Name()), bearer = std::string(BearerToken(req))] {
    return auth->Authenticate(cookie, bearer, /*counts_as_use=*/false);
  };
}

ModuleRegistry::ModuleRegistry(Services services) : services_(services) {
  messages_.SetArabicDigits(services_.settings.arabic_digits);
  current_ = "platform";
  AddVocabulary(Importance());
  AddVocabulary(Audiences());
  current_.clear();
}

void ModuleRegistry::BeginModule(std::string name, std::vector<std::string> depends_on) {
  SAWT_ASSERT(std::find(modules_.begin(), modules_.end(), name) == modules_.end(), "a module registers once");
  for (const auto& dependency : depends_on) {
    SAWT_ASSERT(std::find(modules_.begin(), modules_.end(), dependency) != modules_.end(),
                "a module registers after the modules it depends on (src/app/modules.cpp)");
  }
  current_ = std::move(name);
  modules_.push_back(current_);
  dependencies_[current_] = std::move(depends_on);
}

void ModuleRegistry::AddPublicRoute(http::Route route) {
  route.is_public = true;
  if (route.tag.empty()) route.tag = current_;
  router_.Add(std::move(route));
}

std::string SessionCookie::SetCookie(const std::string& token) const {
  std::string c = Name() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (token.empty()) c += "; Max-Age=0";
  return c;
}

void ModuleRegistry::AddRoute(http::Route route, AuthedHandler handler, PasswordChangeGate gate) {
  route.is_public = false;
  if (route.tag.empty()) route.tag = current_;
  auth::AuthService* auth = &services_.auth;
  const SessionCookie* cookie_settings = &session_cookie_;
  route.handler = [auth, cookie_settings, gate, handler = std::move(handler)](http::Request& req) -> http::Response {
    std::string cookie = req.Cookie(cookie_settings->Name());
    std::string_view bearer = BearerToken(req);
    auto caller = auth->Authenticate(cookie, bearer);
    if (!caller) return http::Response::Problem(caller.error(), req);
    if (caller->credential == auth::Credential::kSession && IsUnsafe(req.method) &&
        !auth::ConstantTimeEquals(req.Header("x-csrf-token"), caller->csrf_token)) {
      return http::Response::Problem(core::Error::Forbidden("auth.csrf"), req);
    }
    if (caller->must_change_password && gate == PasswordChangeGate::kBlocked) {
      return http::Response::Problem(core::Error::Forbidden("auth.password_change_required"), req);
    }
    return handler(req, *caller);
  };
  router_.Add(std::move(route));
}

const Vocabulary& ModuleRegistry::AddVocabulary(Vocabulary vocabulary) {
  for (const auto& [module, v] : vocabularies_) {
    SAWT_ASSERT(v.name() != vocabulary.name(), "vocabulary names are unique");
  }
  // Messages name codes by their labels ({0, channels}), from the one list the module declared.
  std::vector<http::TermLabel> labels;
  for (const Term& t : vocabulary.terms()) labels.push_back({t.code, t.label_ar, t.label_en});
  messages_.AddTerms(vocabulary.name(), std::move(labels));
  vocabularies_.emplace_back(current_, std::move(vocabulary));
  return vocabularies_.back().second;
}

const Vocabulary& ModuleRegistry::vocabulary(std::string_view name) const {
  for (const auto& [module, v] : vocabularies_) {
    if (v.name() == name) return v;
  }
  SAWT_ASSERT(false, "vocabulary registered by an earlier module");
  __builtin_unreachable();
}

const EntityDirectory& ModuleRegistry::entity_directory() const {
  SAWT_ASSERT(entity_directory_ != nullptr, "the network module registers the entity directory first");
  return *entity_directory_;
}

const MemberDirectory& ModuleRegistry::member_directory() const {
  SAWT_ASSERT(member_directory_ != nullptr, "the network module registers the member directory first");
  return *member_directory_;
}

const NetworkTime& ModuleRegistry::network_time() const {
  SAWT_ASSERT(network_time_ != nullptr, "the network module registers the network time first");
  return *network_time_;
}

core::Result<core::TimeZone> ModuleRegistry::CurrentTimeZone() const {
  return store::ReadValue<core::TimeZone>(services_.store, [this](store::Tx& tx) { return network_time().Zone(tx); });
}

const ThemeCatalog& ModuleRegistry::theme_catalog() const {
  SAWT_ASSERT(theme_catalog_ != nullptr, "the messaging module registers the theme catalog first");
  return *theme_catalog_;
}

const DraftCheck& ModuleRegistry::draft_check() const {
  SAWT_ASSERT(draft_check_ != nullptr, "the messaging module registers the draft check first");
  return *draft_check_;
}

const PublishingControl& ModuleRegistry::publishing_control() const {
  SAWT_ASSERT(publishing_control_ != nullptr, "the messaging module registers the publishing control first");
  return *publishing_control_;
}

void ModuleRegistry::AddMigrations(const std::vector<store::Migration>& migrations) {
  migrations_.insert(migrations_.end(), migrations.begin(), migrations.end());
}


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
