#include "messaging/calendar_sources.hpp"

#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "messaging/vocabularies.hpp"
#include "module/vocabulary.hpp"

namespace sawt::messaging {

std::vector<store::Migration> ContentCalendarSource::Migrations() {
  // Until this migration the calendar module created the index itself; IF NOT EXISTS keeps older
  // databases, which already have it, unchanged.
  return {{"messaging", 5, "0005_index_planned_content", R"SQL(
CREATE INDEX IF NOT EXISTS content_items_planned ON content_items(planned_at);
)SQL"},
          {"messaging", 9, "0009_index_published_content", R"SQL(
CREATE INDEX content_items_published ON content_items(published_at);
)SQL"}};
}

std::vector<std::string> ContentCalendarSource::Kinds() const {
  std::vector<std::string> out;
  for (const auto& term : ContentKinds().terms()) out.push_back(term.code);
  return out;
}

core::Result<std::vector<module::CalendarItem>> ContentCalendarSource::Items(store::Tx& tx, const std::string& from_date,
                                                                             const std::string& to_date) const {
  // A published item stands where it really went out, others where they are planned. planned_at is
  // a date or a UTC time; a day before `from` catches times late on the previous day.
  auto rows = tx.Query(
      "SELECT id, kind, owner_entity_id, title_ar, title_en, planned_at, published_at, state, themes, channels, "
      "version, updated_at, importance, audience FROM content_items "
      "WHERE ((published_at IS NULL AND planned_at >= $1 AND planned_at < $2) "
      "OR (published_at >= $1 AND published_at < $2)) AND state <> 'withdrawn' "
      "ORDER BY COALESCE(published_at, planned_at), id",
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
    // Published without a plan (planned_at NULL) is possible: read planned_at only when needed.
    // The calendar takes times to the second ("…T07:00:00Z"); published_at carries microseconds.
    const auto published_at = r.OptText("published_at");
    item.starts_at = published_at ? published_at->substr(0, 19) + "Z" : r.Text("planned_at");
    item.importance = r.Text("importance");
    item.audience = r.Text("audience");
    item.themes = module::StoredCodes(r.Text("themes"));
    item.channels = module::StoredCodes(r.Text("channels"));
    item.status = r.Text("state");
    // A draft sent back to its author is no announcement yet: it stays visible but clashes with nothing.
    item.in_conflicts = item.status != "changes_requested";
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

std::vector<std::string> ContentCalendarSource::EventTypes() const {
  return {"messaging.content_item_created", "messaging.content_item_updated", "messaging.content_item_transition"};
}

core::Result<std::optional<module::CalendarItem>> ContentCalendarSource::ItemOf(store::Tx& tx,
                                                                                const store::Event& event) const {
  using Found = std::optional<module::CalendarItem>;
  const auto id = core::ParseId(event.object_id);
  if (event.object_type != "content_item" || !id) return Found();
  // The item's day, then the item as Items shows it on that day: one place decides what an item
  // is on the calendar.
  auto rows = tx.Query("SELECT COALESCE(published_at, planned_at) AS at FROM content_items WHERE id = $1", {*id});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || !(*rows)[0].OptText("at")) return Found();
  const std::string day = (*rows)[0].Text("at").substr(0, 10);
  int64_t day_us = 0;
  if (!core::ParseIsoUtc(day, &day_us)) return Found();
  SAWT_ASSIGN_OR_RETURN(auto items, Items(tx, day, core::FormatIsoUtc(day_us + 86'400'000'000).substr(0, 10)));
  for (auto& item : items) {
    if (item.id == *id) return Found(std::move(item));
  }
  return Found();
}

}  // namespace sawt::messaging
