#include "crisis/webhook_service.hpp"

#include <limits>

#include "auth/crypto.hpp"
#include "auth/policy.hpp"
#include "crisis/alert_stream.hpp"
#include "crisis/resources.hpp"
#include "crisis/vocabularies.hpp"
#include "http/client.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr const char* kPermission = "crisis.webhooks";
constexpr size_t kMaxName = 200;
constexpr size_t kMaxUrl = 2000;

std::string SelectWebhooks() { return "SELECT " + WebhookResource().Columns() + " FROM crisis_webhooks "; }

/// The subscriber `id`, unless removed.
Result<Row> LoadWebhook(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectWebhooks() + "WHERE id = $1 AND removed_at IS NULL", id, "crisis.webhook_not_found");
}

Status MustExist(Tx& tx, int64_t id) {
  auto row = LoadWebhook(tx, id);
  if (!row) return std::move(row).error();
  return Ok();
}

/// A URL deliveries can go to: http or https, no user info, at most kMaxUrl bytes.
Status CheckUrl(const std::string& url) {
  auto parsed = http::ParseHttpUrl(url, /*allow_https=*/true);
  if (!parsed) return Error::InvalidInput("crisis.bad_webhook_url", "url");
  return Ok();
}

std::string NewSecret() { return "whsec_" + auth::RandomToken(32); }

/// The subscriber's JSON with its delivery counts and the last failure's reason.
Result<Json> WebhookJson(Tx& tx, const Row& row) {
  Json out = WebhookResource().ToJson(row);
  auto counts = tx.Query(
      "SELECT state, COUNT(*) AS n, MAX(delivered_at) AS last_delivered_at FROM crisis_webhook_deliveries "
      "WHERE webhook_id = $1 GROUP BY state",
      {row.Int("id")});
  if (!counts) return std::move(counts).error();
  Json deliveries = {{"pending", 0}, {"delivered", 0}, {"failed", 0}, {"cancelled", 0}, {"last_delivered_at", nullptr},
                     {"last_error", nullptr}, {"last_error_code", nullptr}};
  for (const auto& c : *counts) {
    deliveries[c.Text("state")] = c.Int("n");
    if (c.Text("state") == "delivered") deliveries["last_delivered_at"] = OptJson(c.OptText("last_delivered_at"));
  }
  auto last = tx.Query(
      "SELECT last_error, last_error_code FROM crisis_webhook_deliveries WHERE webhook_id = $1 AND last_error IS NOT NULL "
      "AND state <> 'delivered' ORDER BY updated_at DESC, id DESC LIMIT 1",
      {row.Int("id")});
  if (!last) return std::move(last).error();
  if (!last->empty()) {
    deliveries["last_error"] = (*last)[0].Text("last_error");
    deliveries["last_error_code"] = OptJson((*last)[0].OptText("last_error_code"));
  }
  out["deliveries"] = std::move(deliveries);
  return out;
}

/// The fields create and update share.
struct WebhookFields {
  std::optional<std::string> name, url;
  std::optional<bool> active, include_drills;

  void Read(JsonReader& in, bool create) {
    name = in.String("name", create, kMaxName);
    url = in.String("url", create, kMaxUrl);
    active = in.Bool("active", false);
    include_drills = in.Bool("include_drills", false);
  }
  Status Check() const {
    if (url) SAWT_TRY_STATUS(CheckUrl(*url));
    return Ok();
  }
};

int64_t AsFlag(bool b) { return b ? 1 : 0; }

}  // namespace

std::vector<store::Migration> WebhookService::Migrations() {
  // One delivery per (subscriber, idempotency key): a statement is queued for a subscriber once,
  // whatever retries or restarts follow.
  return {{"crisis", 5, "0005_crisis_webhooks", R"SQL(
CREATE TABLE crisis_webhooks (
  id {{ID}},
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  include_drills INTEGER NOT NULL CHECK (include_drills IN (0, 1)),
  removed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE crisis_webhook_deliveries (
  id {{ID}},
  webhook_id BIGINT NOT NULL REFERENCES crisis_webhooks(id),
  statement_id BIGINT NOT NULL REFERENCES crisis_statements(id),
  idempotency_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_status BIGINT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (webhook_id, idempotency_key)
);
CREATE INDEX crisis_webhook_deliveries_due ON crisis_webhook_deliveries(state, next_attempt_at);
CREATE INDEX crisis_webhook_deliveries_webhook ON crisis_webhook_deliveries(webhook_id, id);
)SQL"},
          // Why the last attempt failed, as a crisis_webhook_errors code (last_error keeps the detail).
          {"crisis", 6, "0006_crisis_webhook_error_code", R"SQL(
ALTER TABLE crisis_webhook_deliveries ADD COLUMN last_error_code TEXT;
)SQL"}};
}

Result<Json> WebhookService::List(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto rows = tx.Query(SelectWebhooks() + "WHERE removed_at IS NULL ORDER BY id LIMIT 500");
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) {
      SAWT_ASSIGN_OR_RETURN(Json w, WebhookJson(tx, r));
      items.push_back(std::move(w));
    }
    return Json{{"items", std::move(items)}};
  });
}

Result<Json> WebhookService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadWebhook(tx, id));
    return WebhookJson(tx, row);
  });
}

Result<Json> WebhookService::Create(const auth::Caller& caller, const Json& body) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  JsonReader in(body);
  WebhookFields f;
  f.Read(in, true);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check());
  const std::string secret = NewSecret();
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = tx.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO crisis_webhooks (name, url, secret, active, include_drills, created_by, created_at, updated_by, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7) RETURNING id",
        {*f.name, *f.url, secret, AsFlag(f.active.value_or(true)), AsFlag(f.include_drills.value_or(false)), caller.login,
         now});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadWebhook(tx, id));
    // The event names the subscriber, never its secret.
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.webhook_created", std::nullopt, "crisis_webhook", id,
                                {{"name", *f.name}, {"url", *f.url}}));
    SAWT_ASSIGN_OR_RETURN(Json out, WebhookJson(tx, row));
    out["secret"] = secret;
    return out;
  });
}

Result<Json> WebhookService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                    const Json& body) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  JsonReader in(body);
  WebhookFields f;
  f.Read(in, false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check());
  Assignments set;
  set.SetIf("name", f.name);
  set.SetIf("url", f.url);
  if (f.active) set.Set("active", AsFlag(*f.active), *f.active);
  if (f.include_drills) set.Set("include_drills", AsFlag(*f.include_drills), *f.include_drills);
  set.Set("updated_by", caller.login, caller.login);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadWebhook(tx, id));
    const int64_t version = if_match.value_or(old.Int("version"));
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_webhooks", set, id, version));
    if (!updated) return MissOrStale(tx, "crisis_webhooks", id, "crisis.webhook_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadWebhook(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.webhook_updated", std::nullopt, "crisis_webhook", id, set.changed));
    return WebhookJson(tx, row);
  });
}

Result<Json> WebhookService::RotateSecret(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  const std::string secret = NewSecret();
  Assignments set;
  set.Set("secret", secret, nullptr);  // the event says the secret changed, not what it is
  set.Set("updated_by", caller.login, caller.login);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadWebhook(tx, id));
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_webhooks", set, id, if_match.value_or(old.Int("version"))));
    if (!updated) return MissOrStale(tx, "crisis_webhooks", id, "crisis.webhook_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadWebhook(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.webhook_secret_rotated", std::nullopt, "crisis_webhook", id, Json::object()));
    SAWT_ASSIGN_OR_RETURN(Json out, WebhookJson(tx, row));
    out["secret"] = secret;
    return out;
  });
}

Status WebhookService::Remove(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadWebhook(tx, id));
    const std::string now = tx.clock().NowIsoUtc();
    Assignments set;
    set.Set("removed_at", now, now);
    set.Set("active", int64_t{0}, false);
    set.Set("updated_by", caller.login, caller.login);
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_webhooks", set, id, if_match.value_or(old.Int("version"))));
    if (!updated) return MissOrStale(tx, "crisis_webhooks", id, "crisis.webhook_not_found");
    auto cancelled = tx.Exec(
        "UPDATE crisis_webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL, version = version + 1, "
        "updated_at = $1 WHERE webhook_id = $2 AND state = 'pending'",
        {now, id});
    if (!cancelled) return std::move(cancelled).error();
    return AppendEvent(tx, caller, "crisis.webhook_removed", std::nullopt, "crisis_webhook", id,
                       {{"cancelled_deliveries", *cancelled}});
  });
}

Result<Json> WebhookService::Deliveries(const auth::Caller& caller, int64_t id, const std::optional<std::string>& state,
                                        const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  if (state) SAWT_TRY_STATUS(DeliveryStates().Check(*state, "crisis.bad_delivery_state", "state"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(MustExist(tx, id));
    // Newest first: the cursor is the last (smallest) id seen.
    const int64_t before = page.after_id > 0 ? page.after_id : std::numeric_limits<int64_t>::max();
    const std::string select = "SELECT " + DeliveryResource().Columns() +
                               " FROM crisis_webhook_deliveries WHERE webhook_id = $1 AND id < $2 ";
    auto rows = state ? tx.Query(select + "AND state = $3 ORDER BY id DESC LIMIT $4", {id, before, *state, int64_t{page.limit}})
                      : tx.Query(select + "ORDER BY id DESC LIMIT $3", {id, before, int64_t{page.limit}});
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) items.push_back(DeliveryResource().ToJson(r));
    return module::PageJson(std::move(items), page, rows->empty() ? 0 : rows->back().Int("id"));
  });
}

Result<Json> WebhookService::Redeliver(const auth::Caller& caller, int64_t id, int64_t delivery_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, kPermission, std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(MustExist(tx, id));
    const std::string select = "SELECT " + DeliveryResource().Columns() + " FROM crisis_webhook_deliveries ";
    // The worker may claim or settle the delivery between our read and our write (its lease bumps the
    // version); that is not the caller's conflict, so read again and retry a few times.
    int64_t statement_id = 0;
    for (int attempt = 0;; ++attempt) {
      auto rows = tx.Query(select + "WHERE id = $1 AND webhook_id = $2", {delivery_id, id});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::NotFound("crisis.delivery_not_found", {std::to_string(delivery_id)});
      const Row& old = (*rows)[0];
      if (old.Text("state") == "delivered") {
        return Error::Conflict("crisis.delivery_delivered", {std::to_string(delivery_id)});
      }
      // A pending one goes now instead of at its backoff time; a failed or cancelled one starts over.
      const std::string now = tx.clock().NowIsoUtc();
      auto n = tx.Exec(
          "UPDATE crisis_webhook_deliveries SET state = 'pending', attempts = CASE WHEN state = 'pending' THEN attempts "
          "ELSE 0 END, next_attempt_at = $1, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
          {now, delivery_id, old.Int("version")});
      if (!n) return std::move(n).error();
      statement_id = old.Int("statement_id");
      if (*n == 1) break;
      if (attempt == 4) return Error::Unavailable("the delivery kept changing while it was being rescheduled");
    }
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.webhook_redelivery", std::nullopt, "crisis_webhook", id,
                                {{"delivery_id", delivery_id}, {"statement_id", statement_id}}));
    auto again = tx.Query(select + "WHERE id = $1", {delivery_id});
    if (!again) return std::move(again).error();
    return DeliveryResource().ToJson((*again)[0]);
  });
}

Status WebhookService::Enqueue(Tx& tx, int64_t statement_id, const std::string& public_url) {
  auto rows = tx.Query(PublicStatementSelect() + "WHERE s.id = $1 AND s.status = 'published'", {statement_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Ok();
  const Row& statement = (*rows)[0];
  const bool drill = statement.Text("kind") == "drill";
  const std::string key = "crisis-statement-" + std::to_string(statement_id);
  const std::string payload = core::DumpJson(
      {{"event", "crisis.statement_published"}, {"idempotency_key", key}, {"statement", PublicStatementJson(statement, public_url)}});
  const std::string now = tx.clock().NowIsoUtc();
  auto queued = tx.Exec(
      "INSERT INTO crisis_webhook_deliveries (webhook_id, statement_id, idempotency_key, payload, state, next_attempt_at, "
      "created_at, updated_at) SELECT w.id, $1, $2, $3, 'pending', $4, $4, $4 FROM crisis_webhooks w "
      "WHERE w.active = 1 AND w.removed_at IS NULL AND (w.include_drills = 1 OR $5 = 0)",
      {statement_id, key, payload, now, AsFlag(drill)});
  if (!queued) return std::move(queued).error();
  return Ok();
}

}  // namespace sawt::crisis
