#include "auth/auth_service.hpp"

#include <algorithm>

#include "auth/crypto.hpp"
#include "auth/password_policy.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "store/sql.hpp"

namespace sawt::auth {
namespace {

using core::Error;
using core::Ok;
using core::Result;
using core::Status;

template <typename Rep, typename Period>
int64_t Micros(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

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
    : epoch_(store),
      store_(store),
      options_(std::move(options)),
      dummy_hash_(HashPassword("not-a-real-password")),
      throttle_(options_.throttle) {}

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
)SQL"},
          // Throttling moves from the account (anyone could lock anyone out) to the pair
          // (account, client address); sessions remember their last use for the idle timeout.
          {"auth", 2, "0002_throttle_pairs_idle_sessions_forced_change", R"SQL(
ALTER TABLE accounts DROP COLUMN failed_logins;
ALTER TABLE accounts DROP COLUMN locked_until;
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
CREATE TABLE login_throttles (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  remote TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until TEXT,
  PRIMARY KEY (account_id, remote)
);
)SQL"}};
}

Status AuthService::ValidateNewPassword(std::string_view password, std::string_view login, const std::string& field) {
  return CheckNewPassword(password, login, field);
}

Status AuthService::ValidateLogin(std::string_view login) {
  bool ok = login.size() >= 3 && login.size() <= 64 && login[0] >= 'a' && login[0] <= 'z';
  for (char c : login) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (!ok) return Error::InvalidInput("auth.bad_login", "login");
  return Ok();
}

Result<int64_t> AuthService::CreateAccount(store::Tx& tx, const std::string& login, const std::string& password_hash,
                                           bool must_change_password) {
  SAWT_TRY_STATUS(ValidateLogin(login));
  std::string now = tx.clock().NowIsoUtc();
  auto rows = tx.Query(
      "INSERT INTO accounts (login, password_hash, created_at, password_changed_at, must_change_password) "
      "VALUES ($1, $2, $3, $3, $4) ON CONFLICT (login) DO NOTHING RETURNING id",
      {login, password_hash, now, int64_t{must_change_password ? 1 : 0}});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Conflict("auth.login_taken", {login}, "login");
  return (*rows)[0].Int("id");
}

Status AuthService::SetActive(store::Tx& tx, int64_t account_id, bool active) {
  auto n = tx.Exec("UPDATE accounts SET active = $1 WHERE id = $2", {int64_t{active ? 1 : 0}, account_id});
  if (!n) return std::move(n).error();
  if (!active) SAWT_TRY_STATUS(RevokeCredentials(tx, account_id, tx.clock().NowIsoUtc(), {}));
  return Ok();
}

Result<std::optional<int64_t>> AuthService::FindAccount(store::Tx& tx, const std::string& login) {
  auto rows = tx.Query("SELECT id FROM accounts WHERE login = $1", {login});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>{(*rows)[0].Int("id")};
}

Result<std::map<int64_t, AuthService::AccountView>> AuthService::Accounts(store::Tx& tx,
                                                                         const std::vector<int64_t>& ids) {
  std::map<int64_t, AccountView> out;
  if (ids.empty()) return out;
  store::Sql sql;
  sql.BindList("SELECT id, login, active FROM accounts WHERE id IN (", std::vector<store::Value>(ids.begin(), ids.end()))
      .Append(")");
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) out[r.Int("id")] = {r.Text("login"), r.Int("active") != 0};
  return out;
}

Result<int64_t> AuthService::AccountIdByLogin(const std::string& login) {
  auto found = store::ReadValue<std::optional<int64_t>>(store_, [&](store::Tx& tx) { return FindAccount(tx, login); });
  if (!found) return std::move(found).error();
  if (!found->has_value()) return Error::NotFound("auth.account_not_found", {login});
  return **found;
}

Result<SessionGrant> AuthService::Login(const std::string& login, const std::string& password,
                                        const std::string& remote) {
  const int64_t now = NowMicros();
  const std::string now_iso = core::FormatIsoUtc(now);
  // Every refusal is this one answer, so it tells nothing about why.
  auto refuse = [&](bool count_for_address) -> Error {
    const bool over = throttle_.AddressOverLimit(remote, now);
    if (count_for_address) throttle_.RecordAddressFailure(remote, now);
    return over ? Error::RateLimited("auth.too_many_attempts") : Error::Unauthenticated("auth.bad_credentials");
  };
  struct AccountRow {
    int64_t id;
    std::string hash;
    bool active;
    bool throttled;
  };
  auto found = store::ReadValue<std::optional<AccountRow>>(store_, [&](store::Tx& tx) -> Result<std::optional<AccountRow>> {
    auto rows = tx.Query("SELECT id, password_hash, active FROM accounts WHERE login = $1", {login});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<AccountRow>{};
    const auto& r = (*rows)[0];
    SAWT_ASSIGN_OR_RETURN(bool throttled, LoginThrottle::Throttled(tx, r.Int("id"), remote, now));
    return std::optional<AccountRow>{
        AccountRow{r.Int("id"), r.Text("password_hash"), r.Int("active") != 0, throttled}};
  });
  if (!found) return std::move(found).error();
  if (!found->has_value() || (*found)->throttled) {
    // The same argon2 work as a real check, so the answer's timing does not tell either.
    VerifyPassword(password, dummy_hash_);
    return refuse(true);
  }
  const AccountRow& account = **found;
  if (!VerifyPassword(password, account.hash)) {
    SAWT_TRY_STATUS(store_.Write([&](store::Tx& tx) { return throttle_.RecordFailure(tx, account.id, login, remote, now); }));
    return refuse(true);
  }
  if (!account.active) return refuse(false);
  auto grant = OpenSession(account.id, login, remote, now);
  if (!grant && grant.error().code == core::ErrorCode::kRateLimited) return refuse(false);
  return grant;
}

Result<SessionGrant> AuthService::OpenSession(int64_t account_id, const std::string& login, const std::string& remote,
                                              int64_t now) {
  const std::string now_iso = core::FormatIsoUtc(now);
  SessionGrant grant;
  grant.token = RandomToken();
  grant.csrf_token = RandomToken(24);
  grant.account_id = account_id;
  grant.expires_at = core::FormatIsoUtc(now + Micros(options_.session_ttl));
  Status st = store_.Write([&](store::Tx& tx) -> Status {
    // A failure from this address may have throttled the pair since it was read: that delay holds.
    SAWT_ASSIGN_OR_RETURN(bool throttled, LoginThrottle::Throttled(tx, account_id, remote, now));
    if (throttled) return Error::RateLimited("auth.too_many_attempts");
    SAWT_TRY_STATUS(LoginThrottle::Forget(tx, account_id, remote));
    auto rows = tx.Query(
        "INSERT INTO sessions (account_id, token_hash, csrf_token, created_at, expires_at, last_seen_at) "
        "VALUES ($1, $2, $3, $4, $5, $4) RETURNING id",
        {account_id, Sha256Hex(grant.token), grant.csrf_token, now_iso, grant.expires_at});
    if (!rows) return std::move(rows).error();
    const int64_t session_id = (*rows)[0].Int("id");
    auto ev = tx.Append({login, "auth.session_started", std::nullopt, "session", std::to_string(session_id),
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
                     {store_.clock().NowIsoUtc(), caller.session_or_token_id});
    if (!n) return std::move(n).error();
    auto ev = tx.Append({caller.login, "auth.session_ended", std::nullopt, "session",
                         std::to_string(caller.session_or_token_id), core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Status AuthService::RevokeCredentials(store::Tx& tx, int64_t account_id, const std::string& now,
                                      std::optional<int64_t> keep_session) {
  auto s = tx.Exec("UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND id <> $3 AND revoked_at IS NULL",
                   {now, account_id, keep_session.value_or(0)});
  if (!s) return std::move(s).error();
  auto t = tx.Exec("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL",
                   {now, account_id});
  if (!t) return std::move(t).error();
  return Ok();
}

Status AuthService::LogoutEverywhere(const Caller& caller) {
  SAWT_TRY_STATUS(Authorize(caller, "accounts.self.write", std::nullopt));
  return store_.Write([&](store::Tx& tx) -> Status {
    SAWT_TRY_STATUS(RevokeCredentials(tx, caller.account_id, store_.clock().NowIsoUtc(), {}));
    auto ev = tx.Append({caller.login, "auth.signed_out_everywhere", std::nullopt, "account",
                         std::to_string(caller.account_id), core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Result<std::map<int64_t, std::set<Role>>> AuthService::EffectiveRoles(store::Tx& tx, int64_t account_id) const {
  if (!resolver_) return std::map<int64_t, std::set<Role>>{};
  return resolver_(tx, account_id);
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

Result<Caller> AuthService::Authenticate(std::string_view session_token, std::string_view bearer_token,
                                         bool counts_as_use) {
  if (session_token.empty() && bearer_token.empty()) return Error::Unauthenticated();
  const bool bearer = !bearer_token.empty();
  // The kind is part of the key: a session token must never pass as a bearer token or the reverse.
  std::string key = (bearer ? "token:" : "session:") + Sha256Hex(bearer ? bearer_token : session_token);
  const int64_t now = NowMicros();
  const int64_t idle = Micros(options_.session_idle);
  // Read the epoch before loading: a change committed meanwhile makes the entry stale at once.
  const int64_t epoch = epoch_.value();
  std::optional<Caller> caller;
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      const CachedCaller& c = it->second;
      const bool idle_over = c.caller.credential == Credential::kSession && now - c.caller.last_seen_micros > idle;
      if (c.epoch == epoch && now - c.cached_at < Micros(kCallerCacheTtl) && !idle_over &&
          (c.expires_at.empty() || c.expires_at > core::FormatIsoUtc(now))) {
        caller = c.caller;
      } else {
        cache_.erase(it);
      }
    }
  }
  if (!caller) {
    auto loaded = LoadCaller(bearer, key.substr(key.find(':') + 1), now);
    if (!loaded) return loaded;
    caller = std::move(loaded).value();
  }
  if (caller->credential == Credential::kSession && counts_as_use) TouchSession(*caller, now);
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    if (cache_.size() >= kCallerCacheMax) cache_.clear();
    cache_.emplace(std::move(key), CachedCaller{*caller, epoch, now, caller->expires_at});
  } else {
    it->second.caller.last_seen_micros = std::max(it->second.caller.last_seen_micros, caller->last_seen_micros);
  }
  return *caller;
}

void AuthService::TouchSession(Caller& caller, int64_t now) {
  if (now - caller.last_seen_micros < Micros(options_.touch_interval)) return;
  const std::string now_iso = core::FormatIsoUtc(now);
  // Bookkeeping, not a change anybody made: no event. Best effort; the next request retries.
  Status st = store_.Write([&](store::Tx& tx) -> Status {
    auto n = tx.Exec("UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $1)",
                     {now_iso, caller.session_or_token_id});
    if (!n) return std::move(n).error();
    return Ok();
  });
  if (st) caller.last_seen_micros = now;
}

Result<Caller> AuthService::LoadCaller(bool bearer, const std::string& hash, int64_t now_micros) {
  return store::ReadValue<Caller>(store_, [&](store::Tx& tx) -> Result<Caller> {
    const std::string now = core::FormatIsoUtc(now_micros);
    Caller caller;
    caller.policy = &policy_;
    if (bearer) {
      auto rows = tx.Query(
          "SELECT t.id, t.account_id, a.login, t.scopes, t.expires_at, a.must_change_password FROM api_tokens t "
          "JOIN accounts a ON a.id = t.account_id "
          "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) "
          "AND a.active = 1",
          {hash, now});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::Unauthenticated("auth.bad_token");
      const auto& r = (*rows)[0];
      caller.credential = Credential::kApiToken;
      caller.session_or_token_id = r.Int("id");
      caller.account_id = r.Int("account_id");
      caller.login = r.Text("login");
      for (auto& s : SplitScopes(r.Text("scopes"))) caller.scopes.insert(s);
      caller.expires_at = r.OptText("expires_at").value_or("");
      caller.must_change_password = r.Int("must_change_password") != 0;
    } else {
      const std::string idle_since = core::FormatIsoUtc(now_micros - Micros(options_.session_idle));
      auto rows = tx.Query(
          "SELECT s.id, s.account_id, a.login, s.csrf_token, s.expires_at, a.must_change_password, "
          "COALESCE(s.last_seen_at, s.created_at) AS last_seen_at "
          "FROM sessions s JOIN accounts a ON a.id = s.account_id "
          "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.active = 1 "
          "AND COALESCE(s.last_seen_at, s.created_at) > $3",
          {hash, now, idle_since});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::Unauthenticated("auth.session_expired");
      const auto& r = (*rows)[0];
      caller.credential = Credential::kSession;
      caller.session_or_token_id = r.Int("id");
      caller.account_id = r.Int("account_id");
      caller.login = r.Text("login");
      caller.csrf_token = r.Text("csrf_token");
      caller.expires_at = r.Text("expires_at");
      caller.must_change_password = r.Int("must_change_password") != 0;
      if (!core::ParseIsoUtc(r.Text("last_seen_at"), &caller.last_seen_micros)) caller.last_seen_micros = 0;
    }
    SAWT_TRY_STATUS(FillRoles(tx, caller));
    return caller;
  });
}

Status AuthService::ChangePassword(const Caller& caller, const std::string& current, const std::string& replacement) {
  SAWT_TRY_STATUS(ValidateNewPassword(replacement, caller.login, "new_password"));
  auto hash = store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    auto rows = tx.Query("SELECT password_hash FROM accounts WHERE id = $1", {caller.account_id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Unauthenticated();
    return (*rows)[0].Text("password_hash");
  });
  if (!hash) return std::move(hash).error();
  if (!VerifyPassword(current, *hash)) return Error::InvalidInput("auth.wrong_password", "current_password");
  if (current == replacement) return Error::InvalidInput("auth.password_unchanged", "new_password");
  const std::string new_hash = HashPassword(replacement);
  return store_.Write([&](store::Tx& tx) -> Status {
    const std::string now = store_.clock().NowIsoUtc();
    auto n = tx.Exec(
        "UPDATE accounts SET password_hash = $1, password_changed_at = $2, must_change_password = 0 WHERE id = $3",
        {new_hash, now, caller.account_id});
    if (!n) return std::move(n).error();
    // Whoever knew the old password loses what it gave them: other sessions and every API token.
    // The session making the change stays open.
    SAWT_TRY_STATUS(RevokeCredentials(
        tx, caller.account_id, now,
        caller.credential == Credential::kSession ? std::optional<int64_t>(caller.session_or_token_id) : std::nullopt));
    auto ev = tx.Append({caller.login, "auth.password_changed", std::nullopt, "account",
                         std::to_string(caller.account_id), core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Status AuthService::ResetPassword(const std::string& login, const std::string& replacement, const std::string& actor) {
  SAWT_TRY_STATUS(ValidateNewPassword(replacement, login));
  SAWT_ASSIGN_OR_RETURN(int64_t account_id, AccountIdByLogin(login));
  const std::string new_hash = HashPassword(replacement);
  return store_.Write([&](store::Tx& tx) -> Status {
    const std::string now = store_.clock().NowIsoUtc();
    auto n = tx.Exec(
        "UPDATE accounts SET password_hash = $1, password_changed_at = $2, must_change_password = 1 WHERE id = $3",
        {new_hash, now, account_id});
    if (!n) return std::move(n).error();
    SAWT_TRY_STATUS(RevokeCredentials(tx, account_id, now, {}));
    SAWT_TRY_STATUS(LoginThrottle::Forget(tx, account_id, std::nullopt));
    auto ev = tx.Append({actor, "auth.password_reset", std::nullopt, "account", std::to_string(account_id),
                         core::Json{{"login", login}}});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Status AuthService::Activate(const std::string& login, const std::string& actor) {
  SAWT_ASSIGN_OR_RETURN(int64_t account_id, AccountIdByLogin(login));
  return store_.Write([&](store::Tx& tx) -> Status {
    SAWT_TRY_STATUS(SetActive(tx, account_id, true));
    auto ev = tx.Append({actor, "auth.account_activated", std::nullopt, "account", std::to_string(account_id),
                         core::Json{{"login", login}}});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

Result<int64_t> AuthService::Unlock(const std::string& login, const std::string& actor) {
  SAWT_ASSIGN_OR_RETURN(int64_t account_id, AccountIdByLogin(login));
  return store::WriteValue<int64_t>(store_, [&](store::Tx& tx) { return LoginThrottle::Unlock(tx, account_id, actor); });
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
  info.created_at = store_.clock().NowIsoUtc();
  info.expires_at = expires_at;
  Status st = store_.Write([&](store::Tx& tx) -> Status {
    auto rows = tx.Query(
        "INSERT INTO api_tokens (account_id, name, token_hash, scopes, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {account_id, name, Sha256Hex(secret), JoinScopes(scopes), info.created_at, store::OrNull(expires_at)});
    if (!rows) return std::move(rows).error();
    info.id = (*rows)[0].Int("id");
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
      out.push_back({r.Int("id"), r.Text("name"), SplitScopes(r.Text("scopes")), r.Text("created_at"),
                     r.OptText("expires_at"), r.OptText("revoked_at")});
    }
    return out;
  });
}

Status AuthService::RevokeApiToken(const Caller& caller, int64_t token_id) {
  SAWT_TRY_STATUS(Authorize(caller, "accounts.self.write", std::nullopt));
  return store_.Write([&](store::Tx& tx) -> Status {
    auto n = tx.Exec("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL",
                     {store_.clock().NowIsoUtc(), token_id, caller.account_id});
    if (!n) return std::move(n).error();
    if (*n == 0) return Error::NotFound("auth.token_not_found", {std::to_string(token_id)});
    auto ev = tx.Append({caller.login, "auth.token_revoked", std::nullopt, "api_token", std::to_string(token_id),
                         core::Json::object()});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
}

}  // namespace sawt::auth
