#include "messaging/publication_service.hpp"

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "http/client.hpp"
#include "messaging/channels.hpp"
#include "messaging/detail/item_variants.hpp"
#include "messaging/resources.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::ItemView;
using detail::LoadItemView;
using detail::RuleOf;

constexpr int kMaxAttemptsCap = 20;

std::string SelectPublications() {
  return "SELECT " + PublicationResource().Columns() + ", next_attempt_at FROM publication_outbox ";
}

Json OutboxJson(const Row& r) {
  Json publication = PublicationResource().ToJson(r);
  // When the next attempt is due means something only while one is to come.
  publication["next_attempt_at"] =
      module::OptJson(r.Text("state") == "pending" ? r.OptText("next_attempt_at") : std::nullopt);
  return publication;
}

// The secret is selected to tell whether there is one: it is never shown.
std::string SelectEndpoints() {
  return "SELECT " + ChannelEndpointResource().Columns() + ", secret, id FROM channel_endpoints ";
}

Json EndpointJson(const Row& r) {
  Json endpoint = ChannelEndpointResource().ToJson(r);
  endpoint["has_secret"] = !r.Text("secret").empty();
  return endpoint;
}

/// A publisher's step on a publication held for a person (manual) or given up (failed): checks the
/// caller may publish for its owner, If-Match and the state (else 409 `conflict_key`), runs
/// `update` ("UPDATE publication_outbox SET …") under the version read, audits `action` with where
/// the publication came from and `detail`, and answers it saved.
Result<Json> StepOnHeld(Tx& tx, const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                        const char* conflict_key, store::Sql update, const char* action, Json detail) {
  const std::string select = SelectPublications() + "WHERE id = $1";
  SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, select, id, "messaging.publication_not_found"));
  const int64_t owner = row.Int("owner_entity_id");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.publish", owner));
  if (if_match && *if_match != row.Int("version")) return Error::PreconditionFailed();
  const std::string state = row.Text("state");
  if (state != "manual" && state != "failed") return Error::Conflict(conflict_key, {std::to_string(id), state});
  update.Bind(", version = version + 1 WHERE id = ", id).Bind(" AND version = ", row.Int("version"));
  auto n = store::Exec(tx, update);
  if (!n) return std::move(n).error();
  if (*n != 1) return Error::PreconditionFailed();
  detail.update({{"item_id", row.Int("item_id")}, {"channel", row.Text("channel")}, {"lang", row.Text("lang")},
                 {"from", state}});
  SAWT_TRY_STATUS(AppendEvent(tx, caller, action, owner, "publication", id, std::move(detail)));
  SAWT_ASSIGN_OR_RETURN(Row saved, LoadOne(tx, select, id, "messaging.publication_not_found"));
  return OutboxJson(saved);
}

}  // namespace

PublicationService::PublicationService(store::Store& store, PublicationOptions options)
    : store_(store), options_(std::move(options)) {}

std::vector<store::Migration> PublicationService::Migrations() {
  return {{"messaging", 3, "0003_channel_variants_and_outbox", R"SQL(
CREATE TABLE content_item_variants (
  id {{ID}},
  item_id BIGINT NOT NULL REFERENCES content_items(id),
  channel TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('ar', 'en')),
  title TEXT,
  text TEXT NOT NULL,
  hashtags TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (item_id, channel, lang)
);
CREATE TABLE publication_outbox (
  id {{ID}},
  item_id BIGINT NOT NULL REFERENCES content_items(id),
  owner_entity_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('ar', 'en')),
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'manual', 'posted', 'failed', 'cancelled')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  delivered_at TEXT,
  posted_url TEXT,
  posted_by TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX publication_outbox_due ON publication_outbox(state, next_attempt_at);
CREATE INDEX publication_outbox_item ON publication_outbox(item_id);
CREATE TABLE channel_endpoints (
  id {{ID}},
  channel TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  max_attempts BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)SQL"}};
}

// ---- workflow hooks ----

Result<std::vector<int64_t>> PublicationService::QueuePublications(Tx& tx, const module::EntityDirectory& entities,
                                                                   int64_t item_id) {
  SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
  SAWT_ASSIGN_OR_RETURN(auto all, entities.All(tx));
  const auto owner = all->find(item.owner);
  const std::string entity_code = owner == all->end() ? std::string() : owner->second.code;
  SAWT_ASSIGN_OR_RETURN(auto variants, detail::FinalVariants(tx, item));
  std::vector<int64_t> ids;
  const std::string now = tx.clock().NowIsoUtc();
  for (const auto& v : variants) {
    Json payload = {{"item_id", item.id},
                    {"item_urn", "urn:sawt:content-item:" + std::to_string(item.id)},
                    {"item_version", item.version},
                    {"kind", item.kind},
                    {"entity_id", item.owner},
                    {"entity_code", entity_code},
                    {"feed_path", entity_code.empty() ? std::string("/feeds/government.atom")
                                                      : "/feeds/entities/" + entity_code + ".atom"},
                    {"channel", v.channel},
                    {"lang", v.lang},
                    {"title", module::OptJson(v.title)},
                    {"text", v.text},
                    {"hashtags", v.hashtags},
                    {"post", ComposePost(v.text, v.hashtags)},
                    {"derived", v.derived},
                    {"published_at", now}};
    auto rows = tx.Query(
        "INSERT INTO publication_outbox (item_id, owner_entity_id, channel, lang, payload, state, next_attempt_at, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6, $6) RETURNING id",
        {item.id, item.owner, v.channel, v.lang, payload.dump(), now});
    if (!rows) return std::move(rows).error();
    ids.push_back((*rows)[0].Int("id"));
  }
  return ids;
}

Result<int64_t> PublicationService::CancelPublications(Tx& tx, int64_t item_id) {
  return tx.Exec(
      "UPDATE publication_outbox SET state = 'cancelled', version = version + 1, updated_at = $1 "
      "WHERE item_id = $2 AND state IN ('pending', 'manual')",
      {tx.clock().NowIsoUtc(), item_id});
}

Result<Json> PublicationService::ListPublications(const auth::Caller& caller, int64_t item_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
    auto rows = tx.Query(SelectPublications() + "WHERE item_id = $1 ORDER BY id", {item.id});
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    // Delivery errors name endpoint hosts and what they answered: publishers and admins only.
    const bool may_publish = static_cast<bool>(auth::Authorize(caller, "messaging.content.publish", item.owner));
    for (const auto& r : *rows) {
      Json row = OutboxJson(r);
      if (!may_publish) row["last_error"] = nullptr;
      items.push_back(std::move(row));
    }
    return Json{{"item_id", item.id}, {"items", items}};
  });
}

Result<Json> PublicationService::MarkPosted(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const Json& body) {
  JsonReader in(body);
  auto url = in.String("url", true, 2000);
  SAWT_TRY_STATUS(in.Finish());
  if (url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0) {
    return Error::InvalidInput("messaging.bad_posted_url", "url");
  }
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = store_.clock().NowIsoUtc();
    store::Sql update("UPDATE publication_outbox SET state = 'posted', posted_url = ", *url);
    update.Bind(", posted_by = ", caller.login).Bind(", delivered_at = ", now).Bind(", updated_at = ", now);
    return StepOnHeld(tx, caller, id, if_match, "messaging.publication_not_manual", std::move(update),
                      "messaging.publication_posted", {{"url", *url}});
  });
}

Result<Json> PublicationService::Retry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const Json& body) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000, false);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = store_.clock().NowIsoUtc();
    store::Sql update("UPDATE publication_outbox SET state = 'pending', attempts = 0, next_attempt_at = ", now);
    update.Bind(", updated_at = ", now);
    return StepOnHeld(tx, caller, id, if_match, "messaging.publication_not_retryable", std::move(update),
                      "messaging.publication_retried", {{"comment", module::OptJson(comment)}});
  });
}

// ---- endpoints ----

Result<Json> PublicationService::ListEndpoints(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.channels.admin", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, SelectEndpoints() + "ORDER BY channel", {}, EndpointJson);
  });
}

Result<Json> PublicationService::SaveEndpoint(const auth::Caller& caller, const std::string& channel, const Json& body) {
  JsonReader in(body);
  auto url = in.String("url", true, 2000);
  auto secret = in.String("secret", true, 200);
  auto max_attempts = in.Int("max_attempts", false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.channels.admin", std::nullopt));
  SAWT_ASSIGN_OR_RETURN(const ChannelRule* rule, RuleOf(channel, "channel"));
  (void)rule;
  auto parsed = http::ParseHttpUrl(*url);
  if (!parsed) return std::move(parsed).error();
  if (secret->size() < 16) return Error::InvalidInput("messaging.endpoint_secret_short", "secret");
  const int64_t attempts = max_attempts.value_or(options_.default_max_attempts);
  if (attempts < 1 || attempts > kMaxAttemptsCap) return Error::InvalidInput("messaging.bad_max_attempts", "max_attempts");
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = store_.clock().NowIsoUtc();
    auto n = tx.Exec(
        "UPDATE channel_endpoints SET url = $1, secret = $2, max_attempts = $3, updated_by = $4, updated_at = $5, "
        "version = version + 1 WHERE channel = $6",
        {*url, *secret, attempts, caller.login, now, channel});
    if (!n) return std::move(n).error();
    if (*n == 0) {
      auto ins = tx.Exec(
          "INSERT INTO channel_endpoints (channel, url, secret, max_attempts, updated_by, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {channel, *url, *secret, attempts, caller.login, now});
      if (!ins) return std::move(ins).error();
    }
    auto rows = tx.Query(SelectEndpoints() + "WHERE channel = $1", {channel});
    if (!rows) return std::move(rows).error();
    const Row& r = (*rows)[0];
    // The secret never enters the audit log.
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.channel_endpoint_saved", std::nullopt,
                                "channel_endpoint", r.Int("id"),
                                {{"channel", channel}, {"url", *url}, {"max_attempts", attempts}}));
    return EndpointJson(r);
  });
}

Status PublicationService::DeleteEndpoint(const auth::Caller& caller, const std::string& channel) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.channels.admin", std::nullopt));
  return store_.Write([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT id FROM channel_endpoints WHERE channel = $1", {channel});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("messaging.endpoint_not_found", {channel});
    auto n = tx.Exec("DELETE FROM channel_endpoints WHERE channel = $1", {channel});
    if (!n) return std::move(n).error();
    return AppendEvent(tx, caller, "messaging.channel_endpoint_deleted", std::nullopt, "channel_endpoint",
                       (*rows)[0].Int("id"), {{"channel", channel}});
  });
}

}  // namespace sawt::messaging
