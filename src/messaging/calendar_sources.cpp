#include "messaging/calendar_sources.hpp"

#include "messaging/vocabularies.hpp"
#include "module/vocabulary.hpp"

namespace sawt::messaging {

std::vector<store::Migration> ContentCalendarSource::Migrations() {
  // Until this migration the calendar module created the index itself; IF NOT EXISTS keeps older
  // databases, which already have it, unchanged.
  return {{"messaging", 5, "0005_index_planned_content", R"SQL(
CREATE INDEX IF NOT EXISTS content_items_planned ON content_items(planned_at);
)SQL"}};
}

std::vector<std::string> ContentCalendarSource::Kinds() const {
  std::vector<std::string> out;
  for (const auto& term : ContentKinds().terms()) out.push_back(term.code);
  return out;
}

core::Result<std::vector<module::CalendarItem>> ContentCalendarSource::Items(store::Tx& tx, const std::string& from_date,
                                                                             const std::string& to_date) const {
  // planned_at is a date or a UTC time; a day before `from` catches times late on the previous day.
  auto rows = tx.Query(
      "SELECT id, kind, owner_entity_id, title_ar, title_en, planned_at, state, themes, channels, version, updated_at, "
      "importance, audience "
      "FROM content_items WHERE planned_at IS NOT NULL AND planned_at >= $1 AND planned_at < $2 "
      "AND state <> 'withdrawn' ORDER BY planned_at, id",
      {from_date, to_date});
  if (!rows) return std::move(rows).error();
  std::vector<module::CalendarItem> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    const std::string kind = r.Text("kind");
    module::CalendarItem item;
    item.source = "content_item";
    item.id = r.Int("id");
    item.entity_id = r.Int("owner_entity_id");
    item.kind = kind;
    item.title_ar = r.Text("title_ar");
    item.title_en = r.Text("title_en");
    item.starts_at = r.Text("planned_at");
    item.importance = r.Text("importance");
    item.audience = r.Text("audience");
    item.themes = module::StoredCodes(r.Text("themes"));
    item.channels = module::StoredCodes(r.Text("channels"));
    item.status = r.Text("state");
    item.version = r.Int("version");
    item.updated_at = r.Text("updated_at");
    out.push_back(std::move(item));
  }
  return out;
}

core::Result<bool> LibraryThemeCatalog::Exists(store::Tx& tx, const std::string& code) const {
  auto rows = tx.Query("SELECT 1 FROM message_themes WHERE code = $1", {code});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

}  // namespace sawt::messaging
