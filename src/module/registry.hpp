#pragma once

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "auth/auth_service.hpp"
#include "auth/caller.hpp"
#include "core/result.hpp"
#include "http/address_policy.hpp"
#include "http/messages.hpp"
#include "http/router.hpp"
#include "module/calendar_source.hpp"
#include "module/entity_directory.hpp"
#include "module/crisis_signal.hpp"
#include "module/draft_check.hpp"
#include "module/publishing_control.hpp"
#include "module/kpi_source.hpp"
#include "module/member_directory.hpp"
#include "module/network_time.hpp"
#include "module/notification_source.hpp"
#include "module/search_type.hpp"
#include "module/theme_catalog.hpp"
#include "module/vocabulary.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// Deployment settings the composition root hands to modules (from `sawt serve` flags).
struct Settings {
  /// Where outgoing webhooks (the publication outbox) may connect: --webhook-allow/--webhook-deny.
  http::AddressPolicy webhook_addresses;
  /// Where notification e-mails go: an SMTP relay "host:port" (--smtp-relay); empty = none, and
  /// e-mails wait in the outbox as "held".
  std::string smtp_relay;
  /// The envelope and From address of notification e-mails (--smtp-from).
  std::string smtp_from = "sawt@localhost";
  /// The digits of Arabic texts the server writes when the reader does not ask for others
  /// (--digits; Accept-Language "ar-u-nu-latn" asks): Arabic-Indic unless the deployment says.
  http::Digits arabic_digits = http::Digits::kArab;
  /// The web app's public address (--public-url, normalised by notifications::ParsePublicUrl, no
  /// trailing "/"): e-mails link to it + "/" + a hash route. Empty: they give the route alone.
  std::string public_url;
  /// Certificates (PEM) trusted for https webhook deliveries besides the system trust store
  /// (--tls-ca-file); empty: the system's alone.
  std::string tls_ca_file;
};

/// Platform services every module may use. Owned by the composition root; outlive the registry.
struct Services {
  store::Store& store;
  auth::AuthService& auth;
  Settings settings = {};
};

/// Ids that demo seeders share, so later modules can refer to what earlier ones created.
struct DemoContext {
  std::map<std::string, int64_t> entities;  ///< entity code → id
  std::map<std::string, int64_t> accounts;  ///< login → account id
  /// Every demo login with its password and a short description, printed by the run command.
  std::vector<std::array<std::string, 3>> logins;
};

struct DemoSeeder {
  std::string module;
  std::function<core::Status(store::Store&, DemoContext&)> seed;
};

/// A background task of a module (e.g. the publication dispatcher). It runs on its own thread
/// until `stop` is requested and must then return promptly (wait with the token, e.g.
/// std::condition_variable_any::wait_until(lock, stop, deadline, pred)).
using Worker = std::function<void(std::stop_token stop)>;

/// A handler that runs only for an authenticated caller.
using AuthedHandler = std::function<http::Response(http::Request&, const auth::Caller&)>;

/// Authenticates the credential a request carried once more. Long-lived responses (event streams)
/// call it before each delivery, so that a revoked token, an ended or expired session, a
/// deactivated account or a removed role ends them. Cheap while nothing has been committed
/// (AuthService caches callers until the next commit).
using Reauthenticate = std::function<core::Result<auth::Caller>()>;

/// Whether a route serves a caller who must first replace an administrator-given password.
enum class PasswordChangeGate {
  kBlocked,  ///< 403 auth.password_change_required until the password is changed (the default)
  kAllowed,  ///< reading /me, changing the password, signing out
};

/// How the session cookie is named and flagged. Secure mode (sawt not bound to loopback, or
/// behind a proxy) names it "__Host-sawt_session" and adds Secure: browsers then send it only
/// over HTTPS and refuse it from a sibling host or an HTTP page (RFC 6265bis, cookie prefixes).
/// The server reads only the name it sets. Set before the server starts; read-only after.
struct SessionCookie {
  bool secure = false;
  std::string Name() const { return secure ? "__Host-sawt_session" : "sawt_session"; }
  /// A Set-Cookie value carrying `token`; an empty token clears the cookie.
  std::string SetCookie(const std::string& token) const;
};

/// What a module contributes: routes, migrations, translated messages, demo data. Each module's
/// module.cpp has one `Register(ModuleRegistry&)`; app/modules.cpp calls them in order. Tests
/// enumerate the registry (every route has OpenAPI, an authz row and a 4xx test).
class ModuleRegistry {
 public:
  /// Starts with the platform's shared vocabularies (module/shared_vocabularies.hpp).
  explicit ModuleRegistry(Services services);
  /// Stops the workers before the services they use go away.
  ~ModuleRegistry() { StopWorkers(); }
  ModuleRegistry(const ModuleRegistry&) = delete;
  ModuleRegistry& operator=(const ModuleRegistry&) = delete;

  Services& services() { return services_; }

  /// Starts a module's registration; later Add* calls are attributed to it. `depends_on` names the
  /// modules whose interfaces, vocabularies or tables (foreign keys) it uses: each must have
  /// registered already (asserted), so their migrations run first and their interfaces exist.
  void BeginModule(std::string name, std::vector<std::string> depends_on = {});
  /// Each module's declared dependencies.
  const std::map<std::string, std::vector<std::string>>& dependencies() const { return dependencies_; }

  /// A route anyone may call (no authentication).
  void AddPublicRoute(http::Route route);
  /// A route for authenticated callers: the wrapper resolves the caller from the session cookie or
  /// bearer token (401 otherwise) and, for cookie sessions on unsafe methods, checks X-CSRF-Token
  /// (403 auth.csrf). Authorization proper stays in the service (auth::Authorize).
  void AddRoute(http::Route route, AuthedHandler handler, PasswordChangeGate gate = PasswordChangeGate::kBlocked);

  /// The session cookie settings every route uses (`sawt serve` sets them from its flags).
  SessionCookie& session_cookie() { return session_cookie_; }
  /// The Reauthenticate for `req`'s credential, read as AddRoute reads it (copied: it outlives
  /// the request; the registry must outlive it).
  Reauthenticate ReauthenticatorFor(const http::Request& req) const;
  const SessionCookie& session_cookie() const { return session_cookie_; }

  /// The rules of the current module's permissions ("<module>.…"), decided by auth::Authorize.
  void AddPermissions(std::vector<auth::PermissionRule> rules) { services_.auth.policy().Add(current_, std::move(rules)); }
  /// Approvals of the current module that need more than one person (auth::SignOffsOf decides who signs).
  void AddApprovals(std::vector<auth::ApprovalRule> rules) { services_.auth.policy().AddApprovals(current_, std::move(rules)); }
  void AddMigrations(const std::vector<store::Migration>& migrations);
  /// Messages of the current module in both languages (problems, findings, conflicts).
  void AddMessages(const std::vector<http::Message>& messages) { messages_.Add(messages); }
  /// Every module's messages and the common ones; the server words problems from them.
  const http::MessageCatalog& messages() const { return messages_; }
  void AddDemoSeeder(std::function<core::Status(store::Store&, DemoContext&)> seed);
  /// A JSON Schema for OpenAPI components/schemas.
  void AddSchema(const std::string& name, core::Json schema) { schemas_[name] = std::move(schema); }
  const core::Json& schemas() const { return schemas_; }
  /// Registers a background worker; nothing runs until StartWorkers.
  void AddWorker(std::string name, Worker worker);
  /// Starts every registered worker on its own thread (`sawt serve` and the test server do; the
  /// one-shot commands do not). Idempotent.
  void StartWorkers();
  /// Requests every worker to stop and joins them. Idempotent.
  void StopWorkers();
  std::vector<std::string> worker_names() const;

  /// Declares that `table.column` holds entity ids: an entity that such a row names is in use and
  /// is not deleted (the network module asks before deleting). `table` and `column` are code
  /// constants, never input.
  void AddEntityReference(std::string table, std::string column) {
    entity_references_.push_back({std::move(table), std::move(column)});
  }
  /// Every declared reference; the vector lives as long as the registry (modules may keep a pointer).
  const std::vector<std::pair<std::string, std::string>>& entity_references() const { return entity_references_; }

  /// Declares a vocabulary of the current module (its name is unique across modules) and returns
  /// it; the reference lives as long as the registry, so services may keep it.
  const Vocabulary& AddVocabulary(Vocabulary vocabulary);
  /// A vocabulary an earlier module declared. REQUIRES: it exists (a programmer error otherwise:
  /// a module depends on one registered before it).
  const Vocabulary& vocabulary(std::string_view name) const;
  /// Every vocabulary with its module, in registration order.
  const std::deque<std::pair<std::string, Vocabulary>>& vocabularies() const { return vocabularies_; }

  /// The entity directory (registered by the network module) and the theme catalog (by messaging):
  /// how other modules learn about entities and themes without reading their tables. The getters
  /// REQUIRE that the owning module registered earlier (a module lists what it depends on first).
  void SetEntityDirectory(std::shared_ptr<const EntityDirectory> directory) { entity_directory_ = std::move(directory); }
  const EntityDirectory& entity_directory() const;
  void SetThemeCatalog(std::shared_ptr<const ThemeCatalog> catalog) { theme_catalog_ = std::move(catalog); }
  const ThemeCatalog& theme_catalog() const;
  /// The one-voice check of drafts (registered by the messaging module; same rule as the directory).
  void SetDraftCheck(std::shared_ptr<const DraftCheck> check) { draft_check_ = std::move(check); }
  const DraftCheck& draft_check() const;
  /// The pause-all-publishing switch (registered by the messaging module; same rule).
  void SetPublishingControl(std::shared_ptr<const PublishingControl> control) { publishing_control_ = std::move(control); }
  const PublishingControl& publishing_control() const;
  /// The network's time zone, registered by the network module (same rule as the directory).
  void SetNetworkTime(std::shared_ptr<const NetworkTime> time) { network_time_ = std::move(time); }
  const NetworkTime& network_time() const;
  /// The network's time zone read in a transaction of its own (outside one, e.g. in a demo seeder).
  core::Result<core::TimeZone> CurrentTimeZone() const;
  /// A module with dated things shows them on the shared calendar through a source; the vector
  /// lives as long as the registry (the calendar keeps a pointer and sees later registrations).
  void AddCalendarSource(std::shared_ptr<const CalendarSource> source) { calendar_sources_.push_back(std::move(source)); }
  const std::vector<std::shared_ptr<const CalendarSource>>& calendar_sources() const { return calendar_sources_; }

  /// A measure of the current module that KPIs can be fed from; the vector lives as long as the
  /// registry (the strategy module keeps a reference and sees later registrations).
  void AddKpiSource(std::shared_ptr<const KpiSource> source) { kpi_sources_.push_back(std::move(source)); }
  const std::vector<std::shared_ptr<const KpiSource>>& kpi_sources() const { return kpi_sources_; }

  /// A module whose signals (inquiries, listening spikes, …) crisis rooms show on their timeline;
  /// the vector lives as long as the registry (the crisis module keeps a reference).
  void AddCrisisSignalSource(std::shared_ptr<const CrisisSignalSource> source) {
    crisis_signal_sources_.push_back(std::move(source));
  }
  const std::vector<std::shared_ptr<const CrisisSignalSource>>& crisis_signal_sources() const {
    return crisis_signal_sources_;
  }

  /// The network's member directory (registered by the network module; same rule as the entity
  /// directory).
  void SetMemberDirectory(std::shared_ptr<const MemberDirectory> directory) { member_directory_ = std::move(directory); }
  const MemberDirectory& member_directory() const;

  /// A module that tells members about its events; the vector lives as long as the registry (the
  /// notifications module keeps a reference and sees later registrations).
  void AddNotificationSource(std::shared_ptr<const NotificationSource> source) {
    notification_sources_.push_back(std::move(source));
  }
  const std::vector<std::shared_ptr<const NotificationSource>>& notification_sources() const {
    return notification_sources_;
  }

  /// A kind of searchable object of the current module (by name; a later one replaces it).
  void AddSearchType(SearchType type) { search_types_[type.name] = std::move(type); }
  /// Every search type by name; the map lives as long as the registry (the search service keeps a
  /// reference and sees later registrations).
  const std::map<std::string, SearchType>& search_types() const { return search_types_; }

  /// Keeps a module's service objects alive as long as the registry.
  void Keep(std::shared_ptr<void> object) { kept_.push_back(std::move(object)); }

  http::Router& router() { return router_; }
  const std::vector<store::Migration>& migrations() const { return migrations_; }
  const std::vector<DemoSeeder>& demo_seeders() const { return seeders_; }
  const std::vector<std::string>& modules() const { return modules_; }

 private:
  Services services_;
  SessionCookie session_cookie_;
  std::string current_;
  std::vector<std::string> modules_;
  std::map<std::string, std::vector<std::string>> dependencies_;
  http::Router router_;
  std::vector<store::Migration> migrations_;
  std::vector<DemoSeeder> seeders_;
  std::vector<std::shared_ptr<void>> kept_;
  core::Json schemas_ = core::Json::object();
  std::vector<std::pair<std::string, Worker>> workers_;
  std::vector<std::pair<std::string, std::string>> entity_references_;
  std::deque<std::pair<std::string, Vocabulary>> vocabularies_;  // deque: references stay valid
  std::shared_ptr<const EntityDirectory> entity_directory_;
  std::shared_ptr<const ThemeCatalog> theme_catalog_;
  std::shared_ptr<const DraftCheck> draft_check_;
  std::shared_ptr<const PublishingControl> publishing_control_;
  std::shared_ptr<const NetworkTime> network_time_;
  std::vector<std::shared_ptr<const CalendarSource>> calendar_sources_;
  std::map<std::string, SearchType> search_types_;
  std::vector<std::shared_ptr<const KpiSource>> kpi_sources_;
  std::vector<std::shared_ptr<const CrisisSignalSource>> crisis_signal_sources_;
  std::shared_ptr<const MemberDirectory> member_directory_;
  std::vector<std::shared_ptr<const NotificationSource>> notification_sources_;
  http::MessageCatalog messages_;
  std::vector<std::jthread> threads_;  // last: joined before anything above is destroyed
};

}  // namespace sawt::module
