#include "messaging/publication_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "auth/crypto.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "http/client.hpp"
#include "messaging/channels.hpp"
#include "messaging/messaging_service.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using core::Error;
using core::Json;
using core::JsonReader;
using core::Ok;
using core::Result;
using core::Status;
using module::AppendEvent;
using module::LoadOne;
using store::Row;
using store::Tx;
using store::Value;

constexpr size_t kMaxVariantTextBytes = 100000;
constexpr size_t kMaxVariantTitleBytes = 1000;
constexpr size_t kMaxHashtags = 60;
constexpr size_t kMaxErrorBytes = 500;
constexpr int kMaxAttemptsCap = 20;
constexpr const char* kSystemActor = "system";
const char* const kLangs[] = {"ar", "en"};

constexpr const char* kOutboxColumns =
    "id, item_id, owner_entity_id, channel, lang, payload, state, attempts, next_attempt_at, last_error, delivered_at, "
    "posted_url, posted_by, version, created_at, updated_at";

/// What the variants and the outbox need of a content item.
struct Item {
  int64_t id = 0;
  int64_t owner = 0;
  std::string state;
  std::vector<std::string> channels;
  std::vector<std::string> themes;
  std::map<std::string, std::string> title, body;  // by language
  std::string kind;
  int64_t version = 0;
  std::string entity_code;
};

Result<Item> LoadItemView(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(
      Row r, LoadOne(tx,
                     "SELECT c.id, c.owner_entity_id, c.state, c.channels, c.themes, c.title_ar, c.title_en, c.body_ar, "
                     "c.body_en, c.kind, c.version, COALESCE(e.code, '') FROM content_items c "
                     "LEFT JOIN entities e ON e.id = c.owner_entity_id WHERE c.id = $1",
                     id, "messaging.content_item_not_found"));
  Item item;
  item.id = r.Int(0);
  item.owner = r.Int(1);
  item.state = r.Text(2);
  for (const auto& c : Json::parse(r.Text(3))) item.channels.push_back(c.get<std::string>());
  for (const auto& t : Json::parse(r.Text(4))) item.themes.push_back(t.get<std::string>());
  item.title = {{"ar", r.Text(5)}, {"en", r.Text(6)}};
  item.body = {{"ar", r.Text(7)}, {"en", r.Text(8)}};
  item.kind = r.Text(9);
  item.version = r.Int(10);
  item.entity_code = r.Text(11);
  return item;
}

/// Languages the item has content in (title or body).
std::vector<std::string> ItemLangs(const Item& item) {
  std::vector<std::string> out;
  for (const char* l : kLangs) {
    if (!item.title.at(l).empty() || !item.body.at(l).empty()) out.emplace_back(l);
  }
  return out;
}

bool Editable(const std::string& state) { return state == "draft" || state == "changes_requested"; }

Json MeasureJson(const Measure& m) {
  return {{"counted", m.counted},
          {"limit", m.limit == 0 ? Json(nullptr) : Json(m.limit)},
          {"unit", UnitName(m.unit)},
          {"remaining", m.limit == 0 ? Json(nullptr) : Json(m.remaining())},
          {"ok", m.ok()}};
}

/// The measurement part of a variant or a channel check.
Json CheckJson(const ChannelRule& rule, const std::string& title, const std::string& text,
               const std::vector<std::string>& hashtags) {
  const ChannelCheck c = CheckChannelText(rule, title, text, hashtags);
  Json out = {{"length", MeasureJson(c.text)},
              {"hashtag_count", c.hashtag_count},
              {"max_hashtags", c.max_hashtags < 0 ? Json(nullptr) : Json(c.max_hashtags)},
              {"invalid_hashtags", c.invalid_hashtags},
              {"forbidden", c.forbidden_found},
              {"post", ComposePost(text, hashtags)},
              {"ok", c.ok()}};
  if (c.title) out["title_length"] = MeasureJson(*c.title);
  return out;
}

/// Theme code → name in `lang`.
Result<std::map<std::string, std::string>> ThemeNames(Tx& tx, const std::vector<std::string>& codes,
                                                      const std::string& lang) {
  std::map<std::string, std::string> out;
  for (const auto& code : codes) {
    auto rows = tx.Query("SELECT name_ar, name_en FROM message_themes WHERE code = $1", {code});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) out[code] = (*rows)[0].Text(lang == "ar" ? 0 : 1);
  }
  return out;
}

std::string WithoutForbidden(std::string s, std::string_view forbidden) {
  s.erase(std::remove_if(s.begin(), s.end(), [&](char c) { return forbidden.find(c) != std::string_view::npos; }),
          s.end());
  return s;
}

/// One variant as it would be posted.
struct Variant {
  std::string channel, lang;
  bool derived = true;
  std::optional<std::string> title;
  std::string text;
  std::vector<std::string> hashtags;
  std::optional<int64_t> version;
  std::optional<std::string> updated_by, updated_at;
};

/// The variant derived from the item: title and body fitted to the channel at a word boundary,
/// hashtags from the item's theme names (none on channels without hashtags).
Variant Derive(const ChannelRule& rule, const Item& item, const std::string& lang,
               const std::map<std::string, std::string>& theme_names) {
  Variant v;
  v.channel = std::string(rule.channel);
  v.lang = lang;
  if (rule.max_hashtags != 0) {
    for (const auto& code : item.themes) {
      auto it = theme_names.find(code);
      const std::string tag = HashtagFromName(it != theme_names.end() ? it->second : code);
      if (!tag.empty() && std::find(v.hashtags.begin(), v.hashtags.end(), tag) == v.hashtags.end()) {
        v.hashtags.push_back(tag);
      }
    }
    if (rule.max_hashtags > 0 && v.hashtags.size() > static_cast<size_t>(rule.max_hashtags)) {
      v.hashtags.resize(static_cast<size_t>(rule.max_hashtags));
    }
  }
  const std::string title = WithoutForbidden(item.title.at(lang), rule.forbidden);
  const std::string body = WithoutForbidden(item.body.at(lang), rule.forbidden);
  std::string source;
  if (rule.title) {
    v.title = FitToLimit(title, *rule.title);
    source = body.empty() ? title : body;
  } else {
    source = title.empty() ? body : body.empty() ? title : title + "\n\n" + body;
  }
  // Hashtags that leave no room for the text are dropped, last first.
  for (;;) {
    v.text = FitToLimit(source, rule.text, v.hashtags);
    if (v.hashtags.empty() || CheckChannelText(rule, v.title.value_or(""), v.text, v.hashtags).ok()) break;
    v.hashtags.pop_back();
  }
  return v;
}

std::vector<std::string> TagsOf(const std::string& json) {
  std::vector<std::string> out;
  for (const auto& t : Json::parse(json)) out.push_back(t.get<std::string>());
  return out;
}

/// Stored variants of an item by (channel, lang).
Result<std::map<std::pair<std::string, std::string>, Variant>> StoredVariants(Tx& tx, int64_t item_id) {
  auto rows = tx.Query(
      "SELECT channel, lang, title, text, hashtags, version, updated_by, updated_at FROM content_item_variants "
      "WHERE item_id = $1",
      {item_id});
  if (!rows) return std::move(rows).error();
  std::map<std::pair<std::string, std::string>, Variant> out;
  for (const auto& r : *rows) {
    Variant v;
    v.channel = r.Text(0);
    v.lang = r.Text(1);
    v.derived = false;
    v.title = r.OptText(2);
    v.text = r.Text(3);
    v.hashtags = TagsOf(r.Text(4));
    v.version = r.Int(5);
    v.updated_by = r.Text(6);
    v.updated_at = r.Text(7);
    out[{v.channel, v.lang}] = std::move(v);
  }
  return out;
}

/// Every (channel, lang) of the item with its final variant (stored, else derived).
Result<std::vector<Variant>> FinalVariants(Tx& tx, const Item& item) {
  SAWT_ASSIGN_OR_RETURN(auto stored, StoredVariants(tx, item.id));
  std::vector<Variant> out;
  for (const auto& lang : ItemLangs(item)) {
    SAWT_ASSIGN_OR_RETURN(auto names, ThemeNames(tx, item.themes, lang));
    for (const auto& channel : item.channels) {
      const ChannelRule* rule = FindChannel(channel);
      if (!rule) continue;
      auto it = stored.find({channel, lang});
      out.push_back(it != stored.end() ? it->second : Derive(*rule, item, lang, names));
    }
  }
  return out;
}

Json VariantJson(const Variant& v) {
  const ChannelRule& rule = *FindChannel(v.channel);
  Json out = CheckJson(rule, v.title.value_or(""), v.text, v.hashtags);
  out["channel"] = v.channel;
  out["lang"] = v.lang;
  out["derived"] = v.derived;
  out["title"] = rule.title ? Json(v.title.value_or("")) : Json(nullptr);
  out["text"] = v.text;
  out["hashtags"] = v.hashtags;
  out["version"] = module::OptJson(v.version);
  out["updated_by"] = module::OptJson(v.updated_by);
  out["updated_at"] = module::OptJson(v.updated_at);
  return out;
}

/// The first problem of a check as (counted, limit, unit) for the messages.
std::vector<std::string> ProblemArgs(const ChannelRule& rule, const ChannelCheck& c, const std::string& lang) {
  const std::string ch(rule.channel);
  if (!c.text.ok()) {
    return {ch, lang, std::to_string(c.text.counted), std::to_string(c.text.limit), UnitName(c.text.unit)};
  }
  if (c.title && !c.title->ok()) {
    return {ch + " (title)", lang, std::to_string(c.title->counted), std::to_string(c.title->limit),
            UnitName(c.title->unit)};
  }
  if (!c.hashtags_ok()) {
    return {ch, lang, std::to_string(c.hashtag_count), std::to_string(c.max_hashtags), "hashtags"};
  }
  return {ch, lang, c.forbidden_found, "0", "forbidden"};
}

/// Reads "hashtags": a list of at most 60 valid hashtags (kInvalidInput otherwise).
Result<std::vector<std::string>> ReadHashtags(const Json* raw) {
  std::vector<std::string> out;
  if (!raw) return out;
  if (!raw->is_array() || raw->size() > kMaxHashtags) return Error::InvalidInput("messaging.bad_hashtags", "hashtags");
  for (const auto& h : *raw) {
    if (!h.is_string()) return Error::InvalidInput("messaging.bad_hashtags", "hashtags");
    const std::string tag = h.get<std::string>();
    if (!IsValidHashtag(tag)) return Error::InvalidInput("messaging.bad_hashtag", "hashtags", {tag});
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
  return out;
}

Result<const ChannelRule*> RuleOf(const std::string& channel, const char* field) {
  const ChannelRule* rule = FindChannel(channel);
  if (!rule) return Error::InvalidInput("messaging.unknown_channel", field, {channel});
  return rule;
}

Json OutboxJson(const Row& r) {
  return {{"id", r.Int(0)},
          {"item_id", r.Int(1)},
          {"owner_entity_id", r.Int(2)},
          {"channel", r.Text(3)},
          {"lang", r.Text(4)},
          {"payload", Json::parse(r.Text(5))},
          {"state", r.Text(6)},
          {"attempts", r.Int(7)},
          {"next_attempt_at", module::OptJson(r.Text(6) == "pending" ? r.OptText(8) : std::nullopt)},
          {"last_error", module::OptJson(r.OptText(9))},
          {"delivered_at", module::OptJson(r.OptText(10))},
          {"posted_url", module::OptJson(r.OptText(11))},
          {"posted_by", module::OptJson(r.OptText(12))},
          {"version", r.Int(13)},
          {"created_at", r.Text(14)},
          {"updated_at", r.Text(15)}};
}

Json EndpointJson(const Row& r) {
  return {{"channel", r.Text(0)},   {"url", r.Text(1)},        {"has_secret", !r.Text(2).empty()},
          {"max_attempts", r.Int(3)}, {"version", r.Int(4)},   {"updated_by", r.Text(5)},
          {"updated_at", r.Text(6)}};
}

Status AppendSystemEvent(Tx& tx, const char* action, int64_t entity_id, int64_t object_id, Json payload) {
  auto ev = tx.Append({kSystemActor, action, entity_id, "publication", std::to_string(object_id), std::move(payload)});
  if (!ev) return std::move(ev).error();
  return Ok();
}

auth::Caller SystemCaller() {
  auth::Caller c;
  c.login = kSystemActor;
  c.network_admin = true;
  return c;
}

}  // namespace

PublicationService::PublicationService(store::Store& store, MessagingService& messaging, PublicationOptions options)
    : store_(store), messaging_(messaging), options_(options) {
  std::weak_ptr<Wake> weak = wake_;
  store.OnCommit([weak](int64_t last_id) {
    auto wake = weak.lock();
    if (!wake) return;
    {
      std::lock_guard<std::mutex> lock(wake->mu);
      wake->epoch = last_id;
    }
    wake->cv.notify_all();
  });
}

PublicationService::~PublicationService() = default;

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

// ---- variants ----

Result<Json> PublicationService::ListVariants(const auth::Caller& caller, int64_t item_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
    SAWT_ASSIGN_OR_RETURN(auto variants, FinalVariants(tx, item));
    Json items = Json::array();
    bool all_ok = true;
    for (const auto& v : variants) {
      items.push_back(VariantJson(v));
      all_ok = all_ok && items.back()["ok"].get<bool>();
    }
    return Json{{"item_id", item.id},
                {"item_version", item.version},
                {"editable", Editable(item.state)},
                {"ok", all_ok},
                {"items", items}};
  });
}

Result<Json> PublicationService::SaveVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                                             std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  auto lang = in.String("lang", true, 2);
  auto text = in.String("text", true, kMaxVariantTextBytes, false);
  auto title = in.String("title", false, kMaxVariantTitleBytes, false);
  const Json* hashtags_raw = in.Raw("hashtags");
  SAWT_TRY_STATUS(in.Finish());
  if (*lang != "ar" && *lang != "en") return Error::InvalidInput("messaging.bad_lang", "lang", {*lang});
  SAWT_ASSIGN_OR_RETURN(const ChannelRule* rule, RuleOf(channel, "channel"));
  if (title && !rule->title) return Error::InvalidInput("messaging.variant_no_title", "title", {channel});
  SAWT_ASSIGN_OR_RETURN(auto hashtags, ReadHashtags(hashtags_raw));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", item.owner));
    auto existing = tx.Query("SELECT id, version FROM content_item_variants WHERE item_id = $1 AND channel = $2 AND lang = $3",
                             {item_id, channel, *lang});
    if (!existing) return std::move(existing).error();
    if (if_match && (existing->empty() || (*existing)[0].Int(1) != *if_match)) return Error::PreconditionFailed();
    if (!Editable(item.state)) {
      return Error::Conflict("messaging.content_item_locked", {std::to_string(item_id), item.state});
    }
    if (std::find(item.channels.begin(), item.channels.end(), channel) == item.channels.end()) {
      return Error::Conflict("messaging.variant_channel_not_in_item", {channel}, "channel");
    }
    const std::string stored_title = rule->title ? title.value_or("") : "";
    const ChannelCheck check = CheckChannelText(*rule, stored_title, *text, hashtags);
    if (!check.ok()) {
      const char* field = check.title && !check.title->ok() ? "title" : !check.text.ok() ? "text" : "hashtags";
      return Error::Unprocessable("messaging.variant_does_not_fit", field, ProblemArgs(*rule, check, *lang));
    }
    const std::string now = core::NowIsoUtc();
    const std::string tags = Json(hashtags).dump();
    const Value title_value = rule->title ? Value(stored_title) : store::Null();
    if (existing->empty()) {
      auto n = tx.Exec(
          "INSERT INTO content_item_variants (item_id, channel, lang, title, text, hashtags, updated_by, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
          {item_id, channel, *lang, title_value, *text, tags, caller.login, now});
      if (!n) return std::move(n).error();
    } else {
      auto n = tx.Exec(
          "UPDATE content_item_variants SET title = $1, text = $2, hashtags = $3, updated_by = $4, updated_at = $5, "
          "version = version + 1 WHERE id = $6 AND version = $7",
          {title_value, *text, tags, caller.login, now, (*existing)[0].Int(0), (*existing)[0].Int(1)});
      if (!n) return std::move(n).error();
      if (*n != 1) return Error::PreconditionFailed();
    }
    SAWT_ASSIGN_OR_RETURN(auto stored, StoredVariants(tx, item_id));
    const Variant& saved = stored.at({channel, *lang});
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_variant_saved", item.owner, "content_item", item_id,
                                {{"channel", channel},
                                 {"lang", *lang},
                                 {"version", *saved.version},
                                 {"counted", check.text.counted},
                                 {"limit", check.text.limit}}));
    return VariantJson(saved);
  });
}

Status PublicationService::ResetVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                                        const std::string& lang) {
  if (lang != "ar" && lang != "en") return Error::InvalidInput("messaging.bad_lang", "lang", {lang});
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", item.owner));
    if (!Editable(item.state)) {
      return Error::Conflict("messaging.content_item_locked", {std::to_string(item_id), item.state});
    }
    auto n = tx.Exec("DELETE FROM content_item_variants WHERE item_id = $1 AND channel = $2 AND lang = $3",
                     {item_id, channel, lang});
    if (!n) return std::move(n).error();
    if (*n == 0) return Error::NotFound("messaging.variant_not_stored", {channel, lang});
    return AppendEvent(tx, caller, "messaging.content_item_variant_reset", item.owner, "content_item", item_id,
                       {{"channel", channel}, {"lang", lang}});
  });
}

Result<Json> PublicationService::CheckText(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto channel = in.String("channel", true, 32);
  auto text = in.String("text", true, kMaxVariantTextBytes, false);
  auto title = in.String("title", false, kMaxVariantTitleBytes, false);
  const Json* hashtags_raw = in.Raw("hashtags");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.channels.check", std::nullopt));
  SAWT_ASSIGN_OR_RETURN(const ChannelRule* rule, RuleOf(*channel, "channel"));
  // Invalid hashtags are reported in the answer (the counter shows them) rather than refused.
  std::vector<std::string> hashtags;
  if (hashtags_raw) {
    if (!hashtags_raw->is_array() || hashtags_raw->size() > kMaxHashtags) {
      return Error::InvalidInput("messaging.bad_hashtags", "hashtags");
    }
    for (const auto& h : *hashtags_raw) {
      if (!h.is_string()) return Error::InvalidInput("messaging.bad_hashtags", "hashtags");
      hashtags.push_back(h.get<std::string>());
    }
  }
  Json out = CheckJson(*rule, title.value_or(""), *text, hashtags);
  out["channel"] = *channel;
  return out;
}

// ---- workflow hooks ----

Status PublicationService::CheckStoredVariants(Tx& tx, int64_t item_id) {
  SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
  SAWT_ASSIGN_OR_RETURN(auto stored, StoredVariants(tx, item_id));
  for (const auto& [key, v] : stored) {
    if (std::find(item.channels.begin(), item.channels.end(), v.channel) == item.channels.end()) continue;
    const ChannelRule* rule = FindChannel(v.channel);
    if (!rule) continue;
    const ChannelCheck check = CheckChannelText(*rule, v.title.value_or(""), v.text, v.hashtags);
    if (!check.ok()) {
      return Error::Unprocessable("messaging.variant_blocks_publication", "channels", ProblemArgs(*rule, check, v.lang));
    }
  }
  return Ok();
}

Result<std::vector<int64_t>> PublicationService::QueuePublications(Tx& tx, int64_t item_id) {
  SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
  SAWT_ASSIGN_OR_RETURN(auto variants, FinalVariants(tx, item));
  std::vector<int64_t> ids;
  const std::string now = core::NowIsoUtc();
  for (const auto& v : variants) {
    Json payload = {{"item_id", item.id},
                    {"item_urn", "urn:sawt:content-item:" + std::to_string(item.id)},
                    {"item_version", item.version},
                    {"kind", item.kind},
                    {"entity_id", item.owner},
                    {"entity_code", item.entity_code},
                    {"feed_path", item.entity_code.empty() ? std::string("/feeds/government.atom")
                                                           : "/feeds/entities/" + item.entity_code + ".atom"},
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
    ids.push_back((*rows)[0].Int(0));
  }
  return ids;
}

Result<int64_t> PublicationService::CancelPublications(Tx& tx, int64_t item_id) {
  return tx.Exec(
      "UPDATE publication_outbox SET state = 'cancelled', version = version + 1, updated_at = $1 "
      "WHERE item_id = $2 AND state IN ('pending', 'manual')",
      {core::NowIsoUtc(), item_id});
}

// ---- outbox ----

Result<Json> PublicationService::ListPublications(const auth::Caller& caller, int64_t item_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Item item, LoadItemView(tx, item_id));
    auto rows = tx.Query(std::string("SELECT ") + kOutboxColumns + " FROM publication_outbox WHERE item_id = $1 ORDER BY id",
                         {item.id});
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) items.push_back(OutboxJson(r));
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
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, std::string("SELECT ") + kOutboxColumns + " FROM publication_outbox WHERE id = $1",
                                           id, "messaging.publication_not_found"));
    const int64_t owner = row.Int(2);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.publish", owner));
    if (if_match && *if_match != row.Int(13)) return Error::PreconditionFailed();
    const std::string state = row.Text(6);
    if (state != "manual" && state != "failed") {
      return Error::Conflict("messaging.publication_not_manual", {std::to_string(id), state});
    }
    const std::string now = core::NowIsoUtc();
    auto n = tx.Exec(
        "UPDATE publication_outbox SET state = 'posted', posted_url = $1, posted_by = $2, delivered_at = $3, "
        "updated_at = $3, version = version + 1 WHERE id = $4 AND version = $5",
        {*url, caller.login, now, id, row.Int(13)});
    if (!n) return std::move(n).error();
    if (*n != 1) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.publication_posted", owner, "publication", id,
                                {{"item_id", row.Int(1)}, {"channel", row.Text(3)}, {"lang", row.Text(4)},
                                 {"from", state}, {"url", *url}}));
    SAWT_ASSIGN_OR_RETURN(Row saved, LoadOne(tx, std::string("SELECT ") + kOutboxColumns + " FROM publication_outbox WHERE id = $1",
                                             id, "messaging.publication_not_found"));
    return OutboxJson(saved);
  });
}

Result<Json> PublicationService::Retry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const Json& body) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000, false);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string select = std::string("SELECT ") + kOutboxColumns + " FROM publication_outbox WHERE id = $1";
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, select, id, "messaging.publication_not_found"));
    const int64_t owner = row.Int(2);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.publish", owner));
    if (if_match && *if_match != row.Int(13)) return Error::PreconditionFailed();
    const std::string state = row.Text(6);
    if (state != "failed" && state != "manual") {
      return Error::Conflict("messaging.publication_not_retryable", {std::to_string(id), state});
    }
    const std::string now = core::NowIsoUtc();
    auto n = tx.Exec(
        "UPDATE publication_outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1, "
        "version = version + 1 WHERE id = $2 AND version = $3",
        {now, id, row.Int(13)});
    if (!n) return std::move(n).error();
    if (*n != 1) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.publication_retried", owner, "publication", id,
                                {{"item_id", row.Int(1)},
                                 {"channel", row.Text(3)},
                                 {"lang", row.Text(4)},
                                 {"from", state},
                                 {"comment", module::OptJson(comment)}}));
    SAWT_ASSIGN_OR_RETURN(Row saved, LoadOne(tx, select, id, "messaging.publication_not_found"));
    return OutboxJson(saved);
  });
}

// ---- endpoints ----

Result<Json> PublicationService::ListEndpoints(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.channels.admin", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto rows = tx.Query(
        "SELECT channel, url, secret, max_attempts, version, updated_by, updated_at FROM channel_endpoints ORDER BY channel");
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) items.push_back(EndpointJson(r));
    return Json{{"items", items}};
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
    const std::string now = core::NowIsoUtc();
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
    auto rows = tx.Query(
        "SELECT channel, url, secret, max_attempts, version, updated_by, updated_at, id FROM channel_endpoints "
        "WHERE channel = $1",
        {channel});
    if (!rows) return std::move(rows).error();
    const Row& r = (*rows)[0];
    // The secret never enters the audit log.
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.channel_endpoint_saved", std::nullopt, "channel_endpoint",
                                r.Int(7), {{"channel", channel}, {"url", *url}, {"max_attempts", attempts}}));
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
                       (*rows)[0].Int(0), {{"channel", channel}});
  });
}

// ---- dispatcher ----

void PublicationService::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    int64_t seen = 0;
    {
      std::lock_guard<std::mutex> lock(wake_->mu);
      seen = wake_->epoch;
    }
    std::optional<int64_t> next_due;
    try {
      next_due = RunOnce();
    } catch (const std::exception& e) {
      // A broken invariant must not end the process from a background thread; log and go on.
      core::Log(core::LogLevel::kError, "publication dispatcher failed", {{"error", e.what()}});
    }
    auto wait = options_.poll;
    if (next_due) {
      const int64_t micros = std::max<int64_t>(0, *next_due - core::NowMicros());
      wait = std::min<std::chrono::milliseconds>(wait, std::chrono::milliseconds(micros / 1000 + 1));
    }
    std::unique_lock<std::mutex> lock(wake_->mu);
    wake_->cv.wait_for(lock, stop, wait, [&] { return wake_->epoch != seen; });
  }
}

std::optional<int64_t> PublicationService::RunOnce() {
  PublishDueItems();
  auto due = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) -> Result<std::vector<Row>> {
    return tx.Query(
        "SELECT o.id, o.channel, o.payload, o.attempts, o.version, o.owner_entity_id, o.item_id, o.lang, e.url, "
        "e.secret, e.max_attempts FROM publication_outbox o LEFT JOIN channel_endpoints e ON e.channel = o.channel "
        "WHERE o.state = 'pending' AND o.next_attempt_at <= $1 ORDER BY o.id LIMIT 50",
        {core::NowIsoUtc()});
  });
  if (!due) {
    core::Log(core::LogLevel::kWarn, "publication dispatcher cannot read the outbox", {{"code", due.error().key},
                                                                                        {"detail", due.error().detail}});
    return core::NowMicros() + 5'000'000;
  }
  for (const auto& row : *due) DeliverOne(row);
  auto next = store::ReadValue<std::optional<std::string>>(store_, [&](Tx& tx) -> Result<std::optional<std::string>> {
    auto rows = tx.Query("SELECT MIN(next_attempt_at) FROM publication_outbox WHERE state = 'pending'");
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<std::string>();
    return (*rows)[0].OptText(0);
  });
  if (!next || !*next) return std::nullopt;
  int64_t micros = 0;
  if (!core::ParseIsoUtc(**next, &micros)) return std::nullopt;
  return micros;
}

void PublicationService::DeliverOne(const Row& row) {
  const int64_t id = row.Int(0), attempts = row.Int(3) + 1, version = row.Int(4), owner = row.Int(5);
  const Json base = {{"item_id", row.Int(6)}, {"channel", row.Text(1)}, {"lang", row.Text(7)}};
  const std::optional<std::string> url = row.OptText(8);
  Status st;
  if (!url) {
    // No endpoint for the channel: a person posts it and records the link.
    st = store_.Write([&](Tx& tx) -> Status {
      auto n = tx.Exec(
          "UPDATE publication_outbox SET state = 'manual', version = version + 1, updated_at = $1 "
          "WHERE id = $2 AND version = $3 AND state = 'pending'",
          {core::NowIsoUtc(), id, version});
      if (!n) return std::move(n).error();
      if (*n != 1) return Ok();  // another node moved it first
      return AppendSystemEvent(tx, "messaging.publication_manual", owner, id, base);
    });
  } else {
    const std::string payload = row.Text(2);
    const std::string signature = "sha256=" + auth::HmacSha256Hex(row.Text(9), payload);
    std::string error;
    int status = 0;
    auto target = http::ParseHttpUrl(*url);
    if (!target) {
      error = "bad endpoint url";
    } else {
      auto answer = http::PostRequest(*target, "application/json", payload,
                                      {{"X-Sawt-Signature", signature},
                                       {"X-Sawt-Delivery", std::to_string(id)},
                                       {"X-Sawt-Event", "publication"}},
                                      options_.timeout);
      if (!answer) {
        error = answer.error().detail;
      } else {
        status = answer->status;
        if (status < 200 || status > 299) error = "HTTP " + std::to_string(status);
      }
    }
    if (error.size() > kMaxErrorBytes) error.resize(kMaxErrorBytes);
    const int64_t max_attempts = row.OptInt(10).value_or(options_.default_max_attempts);
    st = store_.Write([&](Tx& tx) -> Status {
      const std::string now = core::NowIsoUtc();
      Json payload_event = base;
      payload_event["attempts"] = attempts;
      const char* action = nullptr;
      int64_t n = 0;
      if (error.empty()) {
        auto r = tx.Exec(
            "UPDATE publication_outbox SET state = 'delivered', attempts = $1, delivered_at = $2, last_error = NULL, "
            "updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4 AND state = 'pending'",
            {attempts, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_delivered";
        payload_event["status"] = status;
      } else if (attempts >= max_attempts) {
        auto r = tx.Exec(
            "UPDATE publication_outbox SET state = 'failed', attempts = $1, last_error = $2, updated_at = $3, "
            "version = version + 1 WHERE id = $4 AND version = $5 AND state = 'pending'",
            {attempts, error, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_failed";
        payload_event["error"] = error;
      } else {
        // Exponential backoff: base, 2×base, 4×base, … capped.
        auto delay = options_.retry_base * (int64_t{1} << std::min<int64_t>(attempts - 1, 30));
        delay = std::min<std::chrono::milliseconds>(delay, options_.retry_max);
        const std::string next = core::FormatIsoUtc(core::NowMicros() + delay.count() * 1000);
        auto r = tx.Exec(
            "UPDATE publication_outbox SET attempts = $1, last_error = $2, next_attempt_at = $3, updated_at = $4, "
            "version = version + 1 WHERE id = $5 AND version = $6 AND state = 'pending'",
            {attempts, error, next, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_retry_scheduled";
        payload_event["error"] = error;
        payload_event["next_attempt_at"] = next;
      }
      if (n != 1) return Ok();  // another node recorded this row first
      return AppendSystemEvent(tx, action, owner, id, payload_event);
    });
  }
  if (!st) {
    core::Log(core::LogLevel::kWarn, "publication state not recorded",
              {{"publication", id}, {"code", st.error().key}, {"detail", st.error().detail}});
  }
}

void PublicationService::PublishDueItems() {
  auto due = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) -> Result<std::vector<Row>> {
    return tx.Query(
        "SELECT id, version FROM content_items WHERE state = 'scheduled' AND planned_at IS NOT NULL AND planned_at <= $1 "
        "ORDER BY id LIMIT 20",
        {core::NowIsoUtc()});
  });
  if (!due) return;
  const auth::Caller system = SystemCaller();
  for (const auto& r : *due) {
    const auto key = std::make_pair(r.Int(0), r.Int(1));
    if (refused_.count(key)) continue;
    auto moved = messaging_.TransitionContentItem(system, r.Int(0), r.Int(1),
                                                  Json{{"to", "published"}, {"comment", "planned_at reached"}});
    if (!moved && moved.error().code != core::ErrorCode::kPreconditionFailed) {
      // Refused (e.g. a variant over its limit): reported once per item version, not on every pass.
      refused_.insert(key);
      core::Log(core::LogLevel::kWarn, "scheduled item not published",
                {{"item", r.Int(0)}, {"code", moved.error().key}, {"args", moved.error().args}});
    }
  }
}

}  // namespace sawt::messaging
