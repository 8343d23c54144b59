#include "messaging/variant_service.hpp"

#include <algorithm>
#include <vector>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/channels.hpp"
#include "messaging/detail/item_variants.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::ItemView;
using detail::LoadItemView;
using detail::RuleOf;
using detail::StoredVariants;
using detail::Variant;

constexpr size_t kMaxVariantTextBytes = 100000;
constexpr size_t kMaxVariantTitleBytes = 1000;
constexpr size_t kMaxHashtags = 60;

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

/// The first problem of a check for the messages: {channel, lang, counted, limit, what, part}, where
/// `what` is a count unit (vocabulary count_units) or "hashtags" / "forbidden" (then counted holds
/// the characters found) and `part` is "text" or "title".
std::vector<std::string> ProblemArgs(const ChannelRule& rule, const ChannelCheck& c, const std::string& lang) {
  const std::string ch(rule.channel);
  if (!c.text.ok()) {
    return {ch, lang, std::to_string(c.text.counted), std::to_string(c.text.limit), UnitName(c.text.unit), "text"};
  }
  if (c.title && !c.title->ok()) {
    return {ch, lang, std::to_string(c.title->counted), std::to_string(c.title->limit), UnitName(c.title->unit), "title"};
  }
  if (!c.hashtags_ok()) {
    return {ch, lang, std::to_string(c.hashtag_count), std::to_string(c.max_hashtags), "hashtags", "text"};
  }
  return {ch, lang, c.forbidden_found, "0", "forbidden", "text"};
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

}  // namespace

Result<Json> VariantService::ListVariants(const auth::Caller& caller, int64_t item_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
    SAWT_ASSIGN_OR_RETURN(auto variants, detail::FinalVariants(tx, item));
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

Result<Json> VariantService::SaveVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
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
    SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", item.owner));
    auto existing = tx.Query("SELECT id, version FROM content_item_variants WHERE item_id = $1 AND channel = $2 AND lang = $3",
                             {item_id, channel, *lang});
    if (!existing) return std::move(existing).error();
    if (if_match && (existing->empty() || (*existing)[0].Int("version") != *if_match)) {
      return Error::PreconditionFailed();
    }
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
    const std::string now = store_.clock().NowIsoUtc();
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
          {title_value, *text, tags, caller.login, now, (*existing)[0].Int("id"),
           (*existing)[0].Int("version")});
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

Status VariantService::ResetVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                                    const std::string& lang) {
  if (lang != "ar" && lang != "en") return Error::InvalidInput("messaging.bad_lang", "lang", {lang});
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
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

Result<Json> VariantService::CheckText(const auth::Caller& caller, const Json& body) {
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

Status VariantService::CheckStoredVariants(Tx& tx, int64_t item_id) {
  SAWT_ASSIGN_OR_RETURN(ItemView item, LoadItemView(tx, item_id));
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

}  // namespace sawt::messaging
