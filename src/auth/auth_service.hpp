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
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::auth {

/// Plain options with safe defaults.
struct AuthOptions {
  std::chrono::hours session_ttl{12};        ///< absolute session lifetime
  int max_failed_logins = 5;                 ///< consecutive failures before lockout
  std::chrono::minutes lockout{15};          ///< lockout duration
  int login_attempts_per_minute = 30;        ///< per remote address, in this process
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

  /// Password rules: 10..256 bytes, not only spaces. kInvalidInput "auth.weak_password".
  static core::Status ValidateNewPassword(std::string_view password, const std::string& field = "password");
  /// Login rules: 3..64 chars of [a-z0-9._-], starting with a letter. kInvalidInput "auth.bad_login".
  static core::Status ValidateLogin(std::string_view login);

  /// Inserts an account inside the caller's write transaction (hash the password before the
  /// transaction: argon2 takes tens of milliseconds). Conflict "auth.login_taken" when taken.
  static core::Result<int64_t> CreateAccount(store::Tx& tx, const std::string& login, const std::string& password_hash);
  static core::Status SetActive(store::Tx& tx, int64_t account_id, bool active);
  static core::Result<std::optional<int64_t>> FindAccount(store::Tx& tx, const std::string& login);

  /// Checks the password and opens a session. Errors: kUnauthenticated "auth.bad_credentials",
  /// kRateLimited "auth.locked" / "auth.too_many_attempts".
  core::Result<SessionGrant> Login(const std::string& login, const std::string& password, const std::string& remote);
  core::Status Logout(const Caller& caller);

  /// Resolves the caller from a session cookie value or a bearer token (whichever is given;
  /// bearer wins). kUnauthenticated when neither is valid.
  core::Result<Caller> Authenticate(std::string_view session_token, std::string_view bearer_token);

  core::Status ChangePassword(const Caller& caller, const std::string& current, const std::string& replacement);

  /// Creates a token for `account_id`; returns its info and the secret (shown once).
  core::Result<std::pair<ApiTokenInfo, std::string>> CreateApiToken(int64_t account_id, const std::string& actor,
                                                                   const std::string& name,
                                                                   const std::vector<std::string>& scopes,
                                                                   const std::optional<std::string>& expires_at);
  core::Result<std::vector<ApiTokenInfo>> ListApiTokens(int64_t account_id);
  core::Status RevokeApiToken(const Caller& caller, int64_t token_id);

 private:
  bool AllowAttempt(const std::string& remote);
  core::Status FillRoles(store::Tx& tx, Caller& caller);
  core::Result<Caller> LoadCaller(bool bearer, const std::string& hash);

  // Resolved callers by credential hash. Every change that can alter a caller (revocation,
  // deactivation, password change, membership) appends an event, so an entry is valid only while
  // no event committed after it was made (`epoch_`, moved by Store::OnCommit) and for at most
  // kCallerCacheTtl, and never past the credential's own expiry.
  struct CachedCaller {
    Caller caller;
    int64_t epoch = 0;
    std::chrono::steady_clock::time_point cached_at;
    std::string expires_at;  // ISO 8601; empty = none
  };
  std::atomic<int64_t> epoch_{0};
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedCaller> cache_;

  store::Store& store_;
  AuthOptions options_;
  RoleResolver resolver_;
  std::string dummy_hash_;  // verified against for unknown logins, so timing does not reveal them
  std::mutex attempts_mu_;
  std::unordered_map<std::string, std::vector<std::chrono::steady_clock::time_point>> attempts_;
};

}  // namespace sawt::auth
