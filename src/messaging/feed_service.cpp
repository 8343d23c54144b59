#include "messaging/feed_service.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "module/service_names.hpp"
#include "xml/writer.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

/// RFC 3339 timestamp for Atom from "YYYY-MM-DD" or a full UTC timestamp.
std::string AtomTime(const std::string& s) {
  if (s.size() == 10) return s + "T00:00:00Z";
  return s;
}

}  // namespace

Result<std::string> FeedService::AtomFeed(const std::optional<std::string>& entity_code,
                                          const std::string& self_url) {
  struct Entry {
    int64_t id;
    std::string title_ar, title_en, body_ar, published_at, updated_at, entity_ar;
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
                           owner == entities->end() ? std::string() : owner->second.name_ar});
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
  w.Attribute("href", self_url);
  w.EndElement();
  for (const auto& e : feed->entries) {
    w.StartElement("entry");
    w.Element("id", "urn:sawt:content-item:" + std::to_string(e.id));
    w.Element("title", e.title_ar.empty() ? e.title_en : e.title_ar);
    w.Element("published", AtomTime(e.published_at));
    w.Element("updated", AtomTime(e.updated_at));
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
