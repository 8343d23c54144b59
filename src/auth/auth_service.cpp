#include "auth/auth_service.hpp"

#include <algorithm>

#include "auth/crypto.hpp"
#include "core/clock.hpp"

namespace sawt::auth {
namespace {

using core::Error;
using core::Ok;
using core::Result;
using core::Status;

constexpr int64_t kMicrosPerSecond = 1000000;

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitScopes(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

constexpr auto kCallerCacheTtl = std::chrono::seconds(5);
constexpr size_t kCallerCacheMax = 10000;

AuthService::AuthService(store::Store& store, AuthOptions options)
    : store_(store), options_(options), dummy_hash_(HashPassword("not-a-real-password")) {
  store_.OnCommit([this](int64_t last_id) {
    int64_t cur = epoch_.load(std::memory_order_relaxed);
    while (cur < last_id && !epoch_.compare_exchange_weak(cur, last_id, std::memory_order_acq_rel)) {
    }
  });
}

std::vector<store::Migration> AuthService::Migrations() {
  return {{"auth", 1, "0001_create_accounts", R"SQL(
CREATE TABLE accounts (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE TABLE api_tokens (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);
)SQL"}};
}

Status AuthService::ValidateNewPassword(std::string_view password, const std::string& field) {
  if (password.size() < 10 || password.size() > 256 || password.find_first_not_of(' ') == std::string_view::npos) {
    return Error::InvalidInput("auth.weak_password", field);
  }
  return Ok();
}

Status AuthService::ValidateLogin(std::string_view login) {
  bool ok = login.size() >= 3 && login.size() <= 64 && login[0] >= 'a' && login[0] <= 'z';
  for (char c : login) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (!ok) return Error::InvalidInput("auth.bad_login", "login");
  return Ok();
}

Result<int64_t> AuthService::CreateAccount(store::Tx& tx, const std::string& login, const std::string& password_hash) {
  SAWT_TRY_STATUS(ValidateLogin(login));
  std::string now = core::NowIsoUtc();
  auto rows = tx.Query(
      "INSERT INTO accounts (login, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $3) "
      "ON CONFLICT (login) DO NOTHING RETURNING id",
      {login, password_hash, now});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Conflict("auth.login_taken", {login}, "login");
  return (*rows)[0].Int(0);
}

Status AuthService::SetActive(store::Tx& tx, int64_t account_id, bool active) {
  auto n = tx.Exec("UPDATE accounts SET active = $1 WHERE id = $2", {int64_t{active ? 1 : 0}, account_id});
  if (!n) return std::move(n).error();
  if (!active) {
    auto r = tx.Exec("UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL",
                     {core::NowIsoUtc(), account_id});
    if (!r) return std::move(r).error();
  }
  return Ok();
}

Result<std::optional<int64_t>> AuthService::FindAccount(store::Tx& tx, const std::string& login) {
  auto rows = tx.Query("SELECT id FROM accounts WHERE login = $1", {login});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>{(*rows)[0].Int(0)};
}

bool AuthService::AllowAttempt(const std::string& remote) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(attempts_mu_);
  if (attempts_.size() > 100000) attempts_.clear();  // bound memory under address spraying
  auto& times = attempts_[remote];
  times.erase(std::remove_if(times.begin(), times.end(),
                             [&](auto t) { return now - t > std::chrono::minutes(1); }),
              times.end());
  if (static_cast<int>(times.size()) >= options_.login_attempts_per_minute) return false;
  times.push_back(now);
  return true;
}

Result<SessionGrant> AuthService::Login(const std::string& login, const std::string& password,
                                        const std::string& remote) {
  if (!AllowAttempt(remote)) return Error::RateLimited("auth.too_many_attempts");
  struct AccountRow {
    int64_t id;
    std::string hash;
    bool active;
    int64_t failed;
    std::optional<std::string> locked_until;
  };
  auto found = store::ReadValue<std::optional<AccountRow>>(store_, [&](store::Tx& tx) -> Result<std::optional<AccountRow>> {
    auto rows = tx.Query(
        "SELECT id, password_hash, active, failed_logins, locked_until FROM accounts WHERE login = $1", {login});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<AccountRow>{};
    const auto& r = (*rows)[0];
    return std::optional<AccountRow>{AccountRow{r.Int(0), r.Text(1), r.Int(2) != 0, r.Int(3), r.OptText(4)}};
  });
  if (!found) return std::move(found).error();
  const std::string now = core::NowIsoUtc();
  if (!found->has_value()) {
    VerifyPassword(password, dummy_hash_);
    return Error::Unauthenticated("auth.bad_credentials");
  }
  const AccountRow& account = **found;
  if (account.locked_until && *account.locked_until > now) return Error::RateLimited("auth.locked");
  const bool password_ok = VerifyPassword(password, account.hash);
  if (!password_ok || !account.active) {
    const bool lock = password_ok ? false : account.failed + 1 >= options_.max_failed_logins;
    std::optional<std::string> until;
    if (lock) {
      until = core::FormatIsoUtc(core::NowMicros() +
                                 std::chrono::duration_cast<std::chrono::microseconds>(options_.lockout).count());
    }
    Status st = store_.Write([&](store::Tx& tx) -> Status {
      if (password_ok) return Ok();  // inactive account: nothing to count
      auto n = tx.Exec(
          "UPDATE accounts SET failed_logins = CASE WHEN $2 = 1 THEN 0 ELSE failed_logins + 1 END, "
          "locked_until = $3 WHERE id = $1",
          {account.id, int64_t{lock ? 1 : 0}, store::OrNull(until)});
      if (!n) return std::move(n).error();
      auto ev = tx.Append({login, lock ? "auth.account_locked" : "auth.login_failed", std::nullopt, "account",
                           std::to_string(account.id), core::Json{{"remote", remote}}});
      if (!ev) return std::move(ev).error();
      return Ok();
    });
    if (!st) return std::move(st).error();
    return Error::Unauthenticated("auth.bad_credentials");
  }
  SessionGrant grant;
  grant.token = RandomToken();
  grant.csrf_token = RandomToken(24);
  grant.account_id = account.id;
  grant.expires_at = core::FormatIsoUtc(
      core::NowMicros() + std::chrono::duration_cast<std::chrono::seconds>(options_.session_ttl).count() * kMicrosPerSecond);
  Status st = store_.Write([&](store::Tx& tx) -> Status {
    auto n = tx.Exec("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1", {account.id});
    if (!n) return std::move(n).error();
    auto rows = tx.Query(
        "INSERT INTO sessions (account_id, token_hash, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) "
        "RETURNING id",
        {account.id, Sha256Hex(grant.token), grant.csrf_token, now, grant.expires_at});
    if (!rows) return std::move(rows).error();
    auto ev = tx.Append({login, "auth.session_started", std::nullopt, "session", std::to_string((*rows)[0].Int(0)),
                         core::Json{{"remote", remote}}});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
  if (!st) return std::move(st).error();
  return grant;
}

Status AuthService::Logout(const Caller& caller) {
  if (caller.credential != Credential::kSession) return Ok();
  return store_.Write([&](store::Tx& tx) -> Status {
    auto n = tx.Exec("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                     {core::NowIsoUtc(), caller.session_or_token_id});
    if (!n) return std::move(n).error();
    auto ev = tx.Append({caller.login, "auth.session_ended", std::nullopt, "session",
                         std::to_string(caller.session_or_token_id), core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Status AuthService::FillRoles(store::Tx& tx, Caller& caller) {
  if (!resolver_) return Ok();
  auto roles = resolver_(tx, caller.account_id);
  if (!roles) return std::move(roles).error();
  caller.roles = std::move(roles).value();
  caller.network_admin = false;
  for (const auto& [_, set] : caller.roles) {
    if (set.count(Role::kNetworkAdmin)) caller.network_admin = true;
  }
  return Ok();
}

Result<Caller> AuthService::Authenticate(std::string_view session_token, std::string_view bearer_token) {
  if (session_token.empty() && bearer_token.empty()) return Error::Unauthenticated();
  const bool bearer = !bearer_token.empty();
  std::string hash = Sha256Hex(bearer ? bearer_token : session_token);
  const auto now = std::chrono::steady_clock::now();
  // Read the epoch before loading: a change committed meanwhile makes the entry stale at once.
  const int64_t epoch = epoch_.load(std::memory_order_acquire);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) {
      const CachedCaller& c = it->second;
      if (c.epoch == epoch && now - c.cached_at < kCallerCacheTtl &&
          (c.expires_at.empty() || c.expires_at > core::NowIsoUtc())) {
        return c.caller;
      }
      cache_.erase(it);
    }
  }
  auto loaded = LoadCaller(bearer, hash);
  if (!loaded) return loaded;
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_.size() >= kCallerCacheMax) cache_.clear();
  cache_[std::move(hash)] = CachedCaller{*loaded, epoch, now, loaded->expires_at};
  return loaded;
}

Result<Caller> AuthService::LoadCaller(bool bearer, const std::string& hash) {
  return store::ReadValue<Caller>(store_, [&](store::Tx& tx) -> Result<Caller> {
    const std::string now = core::NowIsoUtc();
    Caller caller;
    if (bearer) {
      auto rows = tx.Query(
          "SELECT t.id, t.account_id, a.login, t.scopes, t.expires_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
          "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) "
          "AND a.active = 1",
          {hash, now});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::Unauthenticated("auth.bad_token");
      const auto& r = (*rows)[0];
      caller.credential = Credential::kApiToken;
      caller.session_or_token_id = r.Int(0);
      caller.account_id = r.Int(1);
      caller.login = r.Text(2);
      for (auto& s : SplitScopes(r.Text(3))) caller.scopes.insert(s);
      caller.expires_at = r.OptText(4).value_or("");
    } else {
      auto rows = tx.Query(
          "SELECT s.id, s.account_id, a.login, s.csrf_token, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id "
          "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.active = 1",
          {hash, now});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::Unauthenticated("auth.session_expired");
      const auto& r = (*rows)[0];
      caller.credential = Credential::kSession;
      caller.session_or_token_id = r.Int(0);
      caller.account_id = r.Int(1);
      caller.login = r.Text(2);
      caller.csrf_token = r.Text(3);
      caller.expires_at = r.Text(4);
    }
    SAWT_TRY_STATUS(FillRoles(tx, caller));
    return caller;
  });
}

Status AuthService::ChangePassword(const Caller& caller, const std::string& current, const std::string& replacement) {
  SAWT_TRY_STATUS(ValidateNewPassword(replacement, "new_password"));
  auto hash = store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    auto rows = tx.Query("SELECT password_hash FROM accounts WHERE id = $1", {caller.account_id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Unauthenticated();
    return (*rows)[0].Text(0);
  });
  if (!hash) return std::move(hash).error();
  if (!VerifyPassword(current, *hash)) return Error::InvalidInput("auth.wrong_password", "current_password");
  const std::string new_hash = HashPassword(replacement);
  return store_.Write([&](store::Tx& tx) -> Status {
    const std::string now = core::NowIsoUtc();
    auto n = tx.Exec("UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
                     {new_hash, now, caller.account_id});
    if (!n) return std::move(n).error();
    // Other sessions of the account end: a changed password must lock out whoever knew the old one.
    auto r = tx.Exec("UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND id <> $3 AND revoked_at IS NULL",
                     {now, caller.account_id,
                      caller.credential == Credential::kSession ? caller.session_or_token_id : int64_t{0}});
    if (!r) return std::move(r).error();
    auto ev = tx.Append({caller.login, "auth.password_changed", std::nullopt, "account",
                         std::to_string(caller.account_id), core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Result<std::pair<ApiTokenInfo, std::string>> AuthService::CreateApiToken(int64_t account_id, const std::string& actor,
                                                                        const std::string& name,
                                                                        const std::vector<std::string>& scopes,
                                                                        const std::optional<std::string>& expires_at) {
  for (const auto& s : scopes) {
    if (s != "read" && s != "write") return Error::InvalidInput("auth.bad_scope", "scopes", {s});
  }
  if (scopes.empty()) return Error::InvalidInput("auth.bad_scope", "scopes", {""});
  std::string secret = "sawt_" + RandomToken();
  ApiTokenInfo info;
  info.name = name;
  info.scopes = scopes;
  info.created_at = core::NowIsoUtc();
  info.expires_at = expires_at;
  Status st = store_.Write([&](store::Tx& tx) -> Status {
    auto rows = tx.Query(
        "INSERT INTO api_tokens (account_id, name, token_hash, scopes, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {account_id, name, Sha256Hex(secret), JoinScopes(scopes), info.created_at, store::OrNull(expires_at)});
    if (!rows) return std::move(rows).error();
    info.id = (*rows)[0].Int(0);
    auto ev = tx.Append({actor, "auth.token_created", std::nullopt, "api_token", std::to_string(info.id),
                         core::Json{{"name", name}, {"account_id", account_id}, {"scopes", scopes}}});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
  if (!st) return std::move(st).error();
  return std::make_pair(info, secret);
}

Result<std::vector<ApiTokenInfo>> AuthService::ListApiTokens(int64_t account_id) {
  return store::ReadValue<std::vector<ApiTokenInfo>>(store_, [&](store::Tx& tx) -> Result<std::vector<ApiTokenInfo>> {
    auto rows = tx.Query(
        "SELECT id, name, scopes, created_at, expires_at, revoked_at FROM api_tokens WHERE account_id = $1 ORDER BY id",
        {account_id});
    if (!rows) return std::move(rows).error();
    std::vector<ApiTokenInfo> out;
    for (const auto& r : *rows) {
      out.push_back({r.Int(0), r.Text(1), SplitScopes(r.Text(2)), r.Text(3), r.OptText(4), r.OptText(5)});
    }
    return out;
  });
}

Status AuthService::RevokeApiToken(const Caller& caller, int64_t token_id) {
  return store_.Write([&](store::Tx& tx) -> Status {
    auto n = tx.Exec("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL",
                     {core::NowIsoUtc(), token_id, caller.account_id});
    if (!n) return std::move(n).error();
    if (*n == 0) return Error::NotFound("auth.token_not_found", {std::to_string(token_id)});
    auto ev = tx.Append({caller.login, "auth.token_revoked", std::nullopt, "api_token", std::to_string(token_id),
                         core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

}  // namespace sawt::auth
