#include "messaging/feed_service.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "module/service_names.hpp"
#include "store/sql.hpp"
#include "xml/writer.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

/// RFC 3339 timestamp for Atom from "YYYY-MM-DD" or a full UTC timestamp.
std::string AtomTime(const std::string& s) {
  if (s.size() == 10) return s + "T00:00:00Z";
  return s;
}

/// Where each item was posted for the public, by preference: its website publication before other
/// channels, Arabic before English. `ids` are content item ids.
Result<std::map<int64_t, std::pair<std::string, std::string>>> PostedLinks(Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::pair<std::string, std::string>> out;  // item → (url, lang)
  if (ids.empty()) return out;
  store::Sql sql("SELECT item_id, channel, lang, posted_url FROM publication_outbox WHERE state = 'posted' AND "
                 "posted_url IS NOT NULL");
  sql.BindList(" AND item_id IN (", std::vector<Value>(ids.begin(), ids.end())).Append(")");
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  std::map<int64_t, int> rank;
  for (const auto& r : *rows) {
    const int here = (r.Text("channel") == "website" ? 0 : 2) + (r.Text("lang") == "ar" ? 0 : 1);
    auto [it, fresh] = rank.try_emplace(r.Int("item_id"), here);
    if (!fresh && it->second <= here) continue;
    it->second = here;
    out[r.Int("item_id")] = {r.Text("posted_url"), r.Text("lang")};
  }
  return out;
}

}  // namespace

Result<std::string> FeedService::AtomFeed(const std::optional<std::string>& entity_code, const std::string& self_path) {
  struct Entry {
    int64_t id;
    std::string title_ar, title_en, body_ar, published_at, updated_at, entity_ar;
    std::optional<std::pair<std::string, std::string>> posted;  // (url, lang)
  };
  struct Feed {
    std::string title_ar, title_en;
    std::vector<Entry> entries;
  };
  auto feed = store::ReadValue<Feed>(store_, [&](Tx& tx) -> Result<Feed> {
    Feed f;
    std::vector<Value> params;
    std::string sql =
        "SELECT c.id, c.title_ar, c.title_en, c.body_ar, c.published_at, c.updated_at, c.owner_entity_id "
        "FROM content_items c WHERE c.state = 'published' AND c.kind <> 'internal_memo'";
    const module::EntityDirectory& directory = entities_();
    SAWT_ASSIGN_OR_RETURN(auto entities, directory.All(tx));
    if (entity_code) {
      SAWT_ASSIGN_OR_RETURN(auto entity, directory.ByCode(tx, *entity_code));
      if (!entity) return Error::NotFound("messaging.feed_entity_not_found", {*entity_code});
      f.title_ar = entity->name_ar;
      f.title_en = entity->name_en;
      params.push_back(entity->id);
      sql += " AND c.owner_entity_id = $1";
    } else {
      f.title_ar = "الأخبار الحكومية";
      f.title_en = "Government news";
    }
    auto rows = tx.Query(sql + " ORDER BY c.published_at DESC, c.id DESC LIMIT 50", params);
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      const auto owner = entities->find(r.Int("owner_entity_id"));
      f.entries.push_back({r.Int("id"), r.Text("title_ar"), r.Text("title_en"), r.Text("body_ar"),
                           r.OptText("published_at").value_or(r.Text("updated_at")), r.Text("updated_at"),
                           owner == entities->end() ? std::string() : owner->second.name_ar, std::nullopt});
    }
    std::vector<int64_t> ids;
    for (const auto& e : f.entries) ids.push_back(e.id);
    SAWT_ASSIGN_OR_RETURN(auto links, PostedLinks(tx, ids));
    for (auto& e : f.entries) {
      if (auto it = links.find(e.id); it != links.end()) e.posted = it->second;
    }
    return f;
  });
  if (!feed) return std::move(feed).error();
  std::string updated = feed->entries.empty() ? std::string("1970-01-01T00:00:00Z") : feed->entries.front().published_at;
  for (const auto& e : feed->entries) updated = std::max(updated, AtomTime(e.updated_at));
  // libxml2 writes and escapes; xml::Writer drops what XML 1.0 cannot carry (a title holding
  // U+FFFF or BEL once made the whole feed unreadable to every reader).
  xml::Writer w;
  w.StartElement("feed");
  w.Attribute("xmlns", "http://www.w3.org/2005/Atom");
  w.Attribute("xml:lang", "ar");
  w.Element("id", "urn:sawt:feed:" + entity_code.value_or("government"));
  w.Element("title", feed->title_ar);
  w.StartElement("subtitle");
  w.Attribute("xml:lang", "en");
  w.Text(feed->title_en);
  w.EndElement();
  w.Element("updated", AtomTime(updated));
  w.StartElement("link");
  w.Attribute("rel", "self");
  // Absolute where the deployment's address is known (RFC 4287 §4.2.7.1 prefers it); else relative.
  w.Attribute("href", public_url_ + self_path);
  w.EndElement();
  for (const auto& e : feed->entries) {
    w.StartElement("entry");
    w.Element("id", "urn:sawt:content-item:" + std::to_string(e.id));
    w.Element("title", e.title_ar.empty() ? e.title_en : e.title_ar);
    w.Element("published", AtomTime(e.published_at));
    w.Element("updated", AtomTime(e.updated_at));
    if (e.posted) {
      w.StartElement("link");
      w.Attribute("rel", "alternate");
      w.Attribute("type", "text/html");
      w.Attribute("hreflang", e.posted->second);
      w.Attribute("href", e.posted->first);
      w.EndElement();
    }
    w.StartElement("author");
    w.Element("name", e.entity_ar);
    w.EndElement();
    w.StartElement("content");
    w.Attribute("type", "text");
    w.Text(e.body_ar);
    w.EndElement();
    w.EndElement();
  }
  std::string xml = w.Finish();
  if (xml.empty()) return Error::Internal("atom feed: the XML writer failed");
  return xml;
}

}  // namespace sawt::messaging
