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
    const std::string kind = r.Text(1);
    module::CalendarItem item;
    item.source = "content_item";
    item.id = r.Int(0);
    item.entity_id = r.Int(2);
    item.kind = kind;
    item.title_ar = r.Text(3);
    item.title_en = r.Text(4);
    item.starts_at = r.Text(5);
    item.importance = r.Text(11);
    item.audience = r.Text(12);
    item.themes = module::StoredCodes(r.Text(7));
    item.channels = module::StoredCodes(r.Text(8));
    item.status = r.Text(6);
    item.version = r.Int(9);
    item.updated_at = r.Text(10);
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
