#include "notifications/notification_service.hpp"

#include <set>

#include "auth/policy.hpp"
#include "store/sql.hpp"

namespace sawt::notifications {
namespace {

using core::Error;
using core::Json;
using core::Result;
using store::Row;
using store::Tx;

constexpr const char* kColumns =
    "SELECT id, kind, title_ar, title_en, body_ar, body_en, params, link, entity_id, created_at, read_at "
    "FROM notifications ";

Json OutboxJson(const Row& r) {
  return {{"id", r.Int("id")},
          {"notification_id", r.Int("notification_id")},
          {"account_id", r.Int("account_id")},
          {"address", r.Text("address")},
          {"subject", r.Text("subject")},
          {"status", r.Text("status")},
          {"attempts", r.Int("attempts")},
          {"last_error", r.OptText("last_error") ? Json(*r.OptText("last_error")) : Json(nullptr)},
          {"created_at", r.Text("created_at")},
          {"updated_at", r.Text("updated_at")},
          {"sent_at", r.OptText("sent_at") ? Json(*r.OptText("sent_at")) : Json(nullptr)}};
}

Result<int64_t> UnreadCount(Tx& tx, int64_t account_id) {
  auto rows = tx.Query("SELECT COUNT(*) AS unread FROM notifications WHERE account_id = $1 AND read_at IS NULL",
                       {account_id});
  if (!rows) return std::move(rows).error();
  return (*rows)[0].Int("unread");
}

}  // namespace

std::map<std::string, module::NotificationKind> NotificationService::KindsByCode() const {
  std::map<std::string, module::NotificationKind> out;
  for (auto& kind : Kinds()) out.emplace(kind.code, std::move(kind));
  return out;
}

Json NotificationService::ToJson(const Row& r, const http::Locale& locale,
                                 const std::map<std::string, module::NotificationKind>& kinds) const {
  const bool en = locale.lang == "en";
  std::string title = r.Text(en ? "title_en" : "title_ar");
  std::string body = r.Text(en ? "body_en" : "body_ar");
  // Worded again for this reader (their digits and plural forms) from the slots kept with it; the
  // stored texts (the deployment's digits) stand for rows from before slots were kept, or a kind
  // no module declares any more.
  if (auto params = r.OptText("params")) {
    if (auto kind = kinds.find(r.Text("kind")); kind != kinds.end()) {
      const Json slots = Json::parse(*params, nullptr, /*allow_exceptions=*/false);
      if (slots.is_array()) {
        std::vector<std::string> args;
        for (const auto& slot : slots) args.push_back(slot.is_string() ? slot.get<std::string>() : slot.dump());
        title = registry_.messages().Translate(kind->second.title_key, locale, args);
        body = registry_.messages().Translate(kind->second.body_key, locale, args);
      }
    }
  }
  return {{"id", r.Int("id")},
          {"kind", r.Text("kind")},
          {"title", std::move(title)},
          {"body", std::move(body)},
          {"link", r.Text("link")},
          {"entity_id", r.OptInt("entity_id") ? Json(*r.OptInt("entity_id")) : Json(nullptr)},
          {"created_at", r.Text("created_at")},
          {"read_at", r.OptText("read_at") ? Json(*r.OptText("read_at")) : Json(nullptr)}};
}

NotificationService::NotificationService(store::Store& store, const module::ModuleRegistry& registry)
    : store_(store), registry_(registry) {}

std::vector<store::Migration> NotificationService::Migrations() {
  // One notification per (event, recipient, kind): the producer may see an event twice (a restart
  // between its write and its cursor moving is impossible, both are one transaction, but two
  // nodes may race) and never notifies twice. The cursor is the last event the producer handled.
  return {{"notifications", 1, "0001_create_notifications", R"SQL(
CREATE TABLE notifications (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  event_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_ar TEXT NOT NULL,
  body_en TEXT NOT NULL,
  link TEXT NOT NULL,
  entity_id BIGINT,
  created_at TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (event_id, account_id, kind)
);
CREATE INDEX notifications_account ON notifications(account_id, id);
CREATE TABLE notification_preferences (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  in_app BIGINT NOT NULL,
  email BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, kind)
);
CREATE TABLE notification_cursor (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  last_event_id BIGINT NOT NULL
);
CREATE TABLE notification_email_outbox (
  id {{ID}},
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX notification_email_outbox_due ON notification_email_outbox(status, next_attempt_at);
)SQL"},
          // A draft's dedup_key (module::NotificationDraft): one notification per recipient and key,
          // whatever the event. NULL (no key) never collides: both stores treat NULLs as distinct.
          {"notifications", 2, "0002_notification_dedup_key", R"SQL(
ALTER TABLE notifications ADD COLUMN dedup_key TEXT;
CREATE UNIQUE INDEX notifications_dedup ON notifications(account_id, dedup_key);
)SQL"},
          // The wording's slots (a JSON array of strings): the texts are worded again for each
          // reader, in their digits; title_* and body_* keep the wording at production time.
          {"notifications", 3, "0003_notification_params", R"SQL(
ALTER TABLE notifications ADD COLUMN params TEXT;
)SQL"}};
}

std::vector<module::NotificationKind> NotificationService::Kinds() const {
  std::vector<module::NotificationKind> out;
  for (const auto& source : registry_.notification_sources()) {
    for (auto& kind : source->kinds()) out.push_back(std::move(kind));
  }
  return out;
}

std::optional<module::NotificationKind> NotificationService::Kind(const std::string& code) const {
  for (auto& kind : Kinds()) {
    if (kind.code == code) return kind;
  }
  return std::nullopt;
}

Result<Json> NotificationService::List(const auth::Caller& caller, std::optional<bool> unread, const module::Page& page,
                                       const http::Locale& locale) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(std::string(kColumns) + "WHERE account_id = ", caller.account_id);
    if (page.after_id > 0) sql.Bind(" AND id < ", page.after_id);
    if (unread) sql.Append(*unread ? " AND read_at IS NULL" : " AND read_at IS NOT NULL");
    sql.Bind(" ORDER BY id DESC LIMIT ", int64_t{page.limit});
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    int64_t last = 0;
    const auto kinds = KindsByCode();
    for (const auto& r : *rows) {
      items.push_back(ToJson(r, locale, kinds));
      last = r.Int("id");
    }
    Json out = module::PageJson(std::move(items), page, last);
    SAWT_ASSIGN_OR_RETURN(out["unread"], UnreadCount(tx, caller.account_id));
    return out;
  });
}

Result<Json> NotificationService::MarkRead(const auth::Caller& caller, int64_t id, const http::Locale& locale) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    // Only the recipient's own rows match: someone else's id reads exactly like a missing one.
    auto n = tx.Exec("UPDATE notifications SET read_at = $1 WHERE id = $2 AND account_id = $3 AND read_at IS NULL",
                     {tx.clock().NowIsoUtc(), id, caller.account_id});
    if (!n) return std::move(n).error();
    auto rows = tx.Query(std::string(kColumns) + "WHERE id = $1 AND account_id = $2", {id, caller.account_id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("notifications.not_found", {std::to_string(id)});
    return ToJson((*rows)[0], locale, KindsByCode());
  });
}

Result<Json> NotificationService::MarkAllRead(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto n = tx.Exec("UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL",
                     {tx.clock().NowIsoUtc(), caller.account_id});
    if (!n) return std::move(n).error();
    return Json{{"unread", 0}};
  });
}

Result<std::vector<Json>> NotificationService::After(int64_t account_id, int64_t after_id, int limit,
                                                     const http::Locale& locale) {
  return store::ReadValue<std::vector<Json>>(store_, [&](Tx& tx) -> Result<std::vector<Json>> {
    auto rows = tx.Query(std::string(kColumns) + "WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                         {account_id, after_id, int64_t{limit}});
    if (!rows) return std::move(rows).error();
    std::vector<Json> out;
    const auto kinds = KindsByCode();
    for (const auto& r : *rows) out.push_back(ToJson(r, locale, kinds));
    return out;
  });
}

Result<int64_t> NotificationService::Newest(int64_t account_id) {
  return store::ReadValue<int64_t>(store_, [&](Tx& tx) -> Result<int64_t> {
    auto rows = tx.Query("SELECT COALESCE(MAX(id), 0) AS newest FROM notifications WHERE account_id = $1", {account_id});
    if (!rows) return std::move(rows).error();
    return (*rows)[0].Int("newest");
  });
}

Result<std::pair<bool, bool>> NotificationService::PreferenceOf(Tx& tx, int64_t account_id,
                                                                const module::NotificationKind& kind) {
  auto rows = tx.Query("SELECT in_app, email FROM notification_preferences WHERE account_id = $1 AND kind = $2",
                       {account_id, kind.code});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::make_pair(true, kind.email_by_default);
  return std::make_pair((*rows)[0].Int("in_app") != 0, (*rows)[0].Int("email") != 0);
}

Result<Json> NotificationService::Preferences(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.read", std::nullopt));
  const auto kinds = Kinds();
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    Json items = Json::array();
    for (const auto& kind : kinds) {
      SAWT_ASSIGN_OR_RETURN(auto pref, PreferenceOf(tx, caller.account_id, kind));
      items.push_back({{"kind", kind.code}, {"in_app", pref.first}, {"email", pref.second}});
    }
    return Json{{"kinds", std::move(items)}};
  });
}

Result<Json> NotificationService::SetPreferences(const auth::Caller& caller, const Json& body) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.write", std::nullopt));
  core::JsonReader reader(body);
  const Json* kinds = reader.Raw("kinds");
  SAWT_TRY_STATUS(reader.Finish());
  if (kinds == nullptr) return Error::InvalidInput("common.field_required", "kinds", {"kinds"});
  if (!kinds->is_array() || kinds->size() > 100) return Error::InvalidInput("notifications.bad_preferences", "kinds");
  struct Wanted {
    std::string kind;
    bool in_app, email;
  };
  std::vector<Wanted> wanted;
  std::set<std::string> seen;
  for (size_t i = 0; i < kinds->size(); ++i) {
    const Json& item = (*kinds)[i];
    const std::string at = "kinds[" + std::to_string(i) + "]";
    if (!item.is_object()) return Error::InvalidInput("notifications.bad_preferences", at);
    core::JsonReader r(item, at + ".");
    auto kind = r.String("kind", true, 64);
    auto in_app = r.Bool("in_app", true);
    auto email = r.Bool("email", true);
    SAWT_TRY_STATUS(r.Finish());
    if (!Kind(*kind)) return Error::Unprocessable("notifications.unknown_kind", at + ".kind", {*kind});
    if (!seen.insert(*kind).second) return Error::InvalidInput("notifications.duplicate_kind", at + ".kind", {*kind});
    wanted.push_back({*kind, *in_app, *email});
  }
  SAWT_TRY_STATUS(store_.Write([&](Tx& tx) -> core::Status {
    const std::string now = tx.clock().NowIsoUtc();
    for (const auto& w : wanted) {
      auto n = tx.Exec(
          "INSERT INTO notification_preferences (account_id, kind, in_app, email, updated_at) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (account_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email, "
          "updated_at = excluded.updated_at",
          {caller.account_id, w.kind, int64_t{w.in_app}, int64_t{w.email}, now});
      if (!n) return std::move(n).error();
    }
    return core::Ok();
  }));
  return Preferences(caller);
}

Result<Json> NotificationService::Outbox(const auth::Caller& caller, const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "notifications.outbox.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(
        "SELECT id, notification_id, account_id, address, subject, status, attempts, last_error, created_at, updated_at, "
        "sent_at FROM notification_email_outbox WHERE 1 = 1");
    if (page.after_id > 0) sql.Bind(" AND id < ", page.after_id);
    sql.Bind(" ORDER BY id DESC LIMIT ", int64_t{page.limit});
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    int64_t last = 0;
    for (const auto& r : *rows) {
      items.push_back(OutboxJson(r));
      last = r.Int("id");
    }
    return module::PageJson(std::move(items), page, last);
  });
}

}  // namespace sawt::notifications
