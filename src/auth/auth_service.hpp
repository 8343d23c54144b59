#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/caller.hpp"
#include "auth/login_throttle.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/commit_watermark.hpp"

namespace sawt::auth {

/// Plain options with safe defaults.
struct AuthOptions {
  std::chrono::hours session_ttl{12};        ///< absolute session lifetime
  std::chrono::minutes session_idle{30};     ///< a session unused this long ends (last use is
                                             ///< recorded at most once per `touch_interval`)
  std::chrono::seconds touch_interval{60};   ///< how stale a session's recorded last use may get
  ThrottleOptions throttle;                  ///< sign-in throttling (login_throttle.hpp)
};

struct SessionGrant {
  std::string token;       ///< the cookie value; stored only as a hash
  std::string csrf_token;
  std::string expires_at;
  int64_t account_id = 0;
};

struct ApiTokenInfo {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> scopes;
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> revoked_at;
};

/// Effective roles of an account per entity (the network module provides it: memberships plus
/// inheritance down the entity tree). Runs inside the caller's read transaction.
using RoleResolver = std::function<core::Result<std::map<int64_t, std::set<Role>>>(store::Tx&, int64_t account_id)>;

/// Accounts, sessions and API tokens. Thread-safe.
class AuthService {
 public:
  AuthService(store::Store& store, AuthOptions options = {});

  static std::vector<store::Migration> Migrations();
  void SetRoleResolver(RoleResolver resolver) { resolver_ = std::move(resolver); }
  /// The permission rules modules contribute (module::ModuleRegistry::AddPermissions) and every
  /// caller this service authenticates is judged by.
  Policy& policy() { return policy_; }
  const Policy& policy() const { return policy_; }

  /// Password rules for a new password of account `login`: 10..256 bytes, not only spaces
  /// ("auth.weak_password"), not containing the login, case-insensitively
  /// ("auth.password_contains_login"), not one of the commonly used passwords
  /// ("auth.common_password"); see password_policy.hpp. All kInvalidInput on `field`.
  static core::Status ValidateNewPassword(std::string_view password, std::string_view login,
                                          const std::string& field = "password");
  /// Login rules: 3..64 chars of [a-z0-9._-], starting with a letter. kInvalidInput "auth.bad_login".
  static core::Status ValidateLogin(std::string_view login);

  /// Inserts an account inside the caller's write transaction (hash the password before the
  /// transaction: argon2 takes tens of milliseconds). Conflict "auth.login_taken" when taken.
  /// `must_change_password`: the account may only change its password (and read /me, sign out)
  /// until it does; accounts an administrator creates start so.
  static core::Result<int64_t> CreateAccount(store::Tx& tx, const std::string& login, const std::string& password_hash,
                                             bool must_change_password = false);
  /// Deactivating also ends the account's sessions and revokes its API tokens.
  static core::Status SetActive(store::Tx& tx, int64_t account_id, bool active);
  static core::Result<std::optional<int64_t>> FindAccount(store::Tx& tx, const std::string& login);
  /// What other modules may know of accounts (the network module's member records extend them):
  /// login and active flag by account id, for the ids that exist.
  struct AccountView {
    std::string login;
    bool active = false;
  };
  static core::Result<std::map<int64_t, AccountView>> Accounts(store::Tx& tx, const std::vector<int64_t>& ids);
  /// The account's effective roles per entity, as the network module's resolver gives them
  /// (memberships plus inheritance down the entity tree; empty without a resolver): how other
  /// modules learn whether someone belongs to an entity without reading the network's tables.
  core::Result<std::map<int64_t, std::set<Role>>> EffectiveRoles(store::Tx& tx, int64_t account_id) const;

  /// Checks the password and opens a session. Every refusal looks the same whatever the reason
  /// (unknown login, wrong password, inactive account, throttled pair): kUnauthenticated
  /// "auth.bad_credentials", or kRateLimited "auth.too_many_attempts" while `remote` is over its
  /// failure limit. Failures are counted atomically per (account, remote).
  core::Result<SessionGrant> Login(const std::string& login, const std::string& password, const std::string& remote);
  core::Status Logout(const Caller& caller);
  /// Ends every session and revokes every API token of the caller's account ("sign out
  /// everywhere"), the calling credential included. Audited as "auth.signed_out_everywhere".
  core::Status LogoutEverywhere(const Caller& caller);

  /// Resolves the caller from a session cookie value or a bearer token (whichever is given;
  /// bearer wins). A session token is never accepted as a bearer token nor the reverse.
  /// kUnauthenticated when neither is valid, or the session was idle longer than session_idle.
  /// `counts_as_use` false (an event stream re-checking its credential) neither records use nor
  /// keeps the session from going idle: an open tab alone does not keep a session alive.
  core::Result<Caller> Authenticate(std::string_view session_token, std::string_view bearer_token,
                                    bool counts_as_use = true);

  /// Changes the caller's password (ValidateNewPassword rules; must differ from the current one:
  /// "auth.password_unchanged"), clears must_change_password, ends the account's other sessions
  /// and revokes all its API tokens: whoever knew the old password may have made one.
  core::Status ChangePassword(const Caller& caller, const std::string& current, const std::string& replacement);
  /// Sets a new password for `login` as an operator (`sawt admin reset-password`): the account
  /// must change it at next sign-in; its sessions, tokens and throttles end. Audited by `actor`.
  /// kNotFound "auth.account_not_found".
  core::Status ResetPassword(const std::string& login, const std::string& replacement, const std::string& actor);
  /// Re-activates a deactivated account (`sawt admin activate`). Audited by `actor`.
  core::Status Activate(const std::string& login, const std::string& actor);
  /// Lifts the sign-in throttles of `login` at every address (`sawt admin unlock`); see
  /// LoginThrottle::Unlock. kNotFound "auth.account_not_found".
  core::Result<int64_t> Unlock(const std::string& login, const std::string& actor);

  /// Creates a token for `account_id`; returns its info and the secret (shown once).
  core::Result<std::pair<ApiTokenInfo, std::string>> CreateApiToken(int64_t account_id, const std::string& actor,
                                                                   const std::string& name,
                                                                   const std::vector<std::string>& scopes,
                                                                   const std::optional<std::string>& expires_at);
  core::Result<std::vector<ApiTokenInfo>> ListApiTokens(int64_t account_id);
  core::Status RevokeApiToken(const Caller& caller, int64_t token_id);

  /// The current time as this service sees it (the store's clock).
  int64_t NowMicros() const { return store_.clock().NowMicros(); }

 private:
  core::Result<SessionGrant> OpenSession(int64_t account_id, const std::string& login, const std::string& remote,
                                         int64_t now);
  /// Ends the account's sessions (but `keep_session`) and revokes its API tokens.
  static core::Status RevokeCredentials(store::Tx& tx, int64_t account_id, const std::string& now,
                                        std::optional<int64_t> keep_session);
  core::Status FillRoles(store::Tx& tx, Caller& caller);
  core::Result<Caller> LoadCaller(bool bearer, const std::string& hash, int64_t now);
  /// Records a session's use when the stored value is older than touch_interval.
  void TouchSession(Caller& caller, int64_t now);
  core::Result<int64_t> AccountIdByLogin(const std::string& login);

  // Resolved callers by credential hash. Every change that can alter a caller (revocation,
  // deactivation, password change, membership) appends an event, so an entry is valid only while
  // no event committed after it was made (`epoch_`, moved by Store::OnCommit) and for at most
  // kCallerCacheTtl, and never past the credential's own expiry.
  struct CachedCaller {
    Caller caller;
    int64_t epoch = 0;
    int64_t cached_at = 0;  // NowMicros()
    std::string expires_at;  // ISO 8601; empty = none
  };
  store::CommitWatermark epoch_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedCaller> cache_;

  store::Store& store_;
  AuthOptions options_;
  RoleResolver resolver_;
  Policy policy_;
  std::string dummy_hash_;  // verified against for unknown logins, so timing does not reveal them
  LoginThrottle throttle_;
};

}  // namespace sawt::auth
