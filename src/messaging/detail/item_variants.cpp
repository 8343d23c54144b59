#include "messaging/detail/item_variants.hpp"

#include <algorithm>
#include <string_view>

#include "core/json.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging::detail {
namespace {

using core::Error;
using core::Json;
using core::Result;
using store::Row;
using store::Tx;

const char* const kLangs[] = {"ar", "en"};

/// Languages the item has content in (title or body).
std::vector<std::string> ItemLangs(const ItemView& item) {
  std::vector<std::string> out;
  for (const char* l : kLangs) {
    if (!item.title.at(l).empty() || !item.body.at(l).empty()) out.emplace_back(l);
  }
  return out;
}

/// Theme code → name in `lang`.
Result<std::map<std::string, std::string>> ThemeNames(Tx& tx, const std::vector<std::string>& codes,
                                                      const std::string& lang) {
  std::map<std::string, std::string> out;
  for (const auto& code : codes) {
    auto rows = tx.Query("SELECT name_ar, name_en FROM message_themes WHERE code = $1", {code});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) out[code] = (*rows)[0].Text(lang == "ar" ? "name_ar" : "name_en");
  }
  return out;
}

std::string WithoutForbidden(std::string s, std::string_view forbidden) {
  s.erase(std::remove_if(s.begin(), s.end(), [&](char c) { return forbidden.find(c) != std::string_view::npos; }),
          s.end());
  return s;
}

/// The variant derived from the item: title and body fitted to the channel at a word boundary,
/// hashtags from the item's theme names (none on channels without hashtags).
Variant Derive(const ChannelRule& rule, const ItemView& item, const std::string& lang,
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

}  // namespace

Result<ItemView> LoadItemView(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(
      Row r, module::LoadOne(tx,
                             "SELECT c.id, c.owner_entity_id, c.state, c.channels, c.themes, c.title_ar, c.title_en, "
                             "c.body_ar, c.body_en, c.kind, c.version FROM content_items c WHERE c.id = $1",
                             id, "messaging.content_item_not_found"));
  ItemView item;
  item.id = r.Int("id");
  item.owner = r.Int("owner_entity_id");
  item.state = r.Text("state");
  for (const auto& c : Json::parse(r.Text("channels"))) item.channels.push_back(c.get<std::string>());
  for (const auto& t : Json::parse(r.Text("themes"))) item.themes.push_back(t.get<std::string>());
  item.title = {{"ar", r.Text("title_ar")}, {"en", r.Text("title_en")}};
  item.body = {{"ar", r.Text("body_ar")}, {"en", r.Text("body_en")}};
  item.kind = r.Text("kind");
  item.version = r.Int("version");
  return item;
}

Result<std::map<std::pair<std::string, std::string>, Variant>> StoredVariants(Tx& tx, int64_t item_id) {
  auto rows = tx.Query(
      "SELECT channel, lang, title, text, hashtags, version, updated_by, updated_at FROM content_item_variants "
      "WHERE item_id = $1",
      {item_id});
  if (!rows) return std::move(rows).error();
  std::map<std::pair<std::string, std::string>, Variant> out;
  for (const auto& r : *rows) {
    Variant v;
    v.channel = r.Text("channel");
    v.lang = r.Text("lang");
    v.derived = false;
    v.title = r.OptText("title");
    v.text = r.Text("text");
    v.hashtags = TagsOf(r.Text("hashtags"));
    v.version = r.Int("version");
    v.updated_by = r.Text("updated_by");
    v.updated_at = r.Text("updated_at");
    out[{v.channel, v.lang}] = std::move(v);
  }
  return out;
}

Result<std::vector<Variant>> FinalVariants(Tx& tx, const ItemView& item) {
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

Result<const ChannelRule*> RuleOf(const std::string& channel, const char* field) {
  const ChannelRule* rule = FindChannel(channel);
  if (!rule) return Error::InvalidInput("messaging.unknown_channel", field, {channel});
  return rule;
}

}  // namespace sawt::messaging::detail
