#include "strategy/calendar_source.hpp"

#include "strategy/vocabularies.hpp"

namespace sawt::strategy {

std::vector<std::string> ActivityCalendarSource::Kinds() const {
  std::vector<std::string> kinds;
  for (const auto& term : CalendarKinds().terms()) kinds.push_back(term.code);
  return kinds;
}

core::Result<std::vector<module::CalendarItem>> ActivityCalendarSource::Items(store::Tx& tx, const std::string& from_date,
                                                                              const std::string& to_date) const {
  auto rows = tx.Query(
      "SELECT id, entity_id, title_ar, title_en, due_date, status, version, updated_at FROM strategy_activities "
      "WHERE status NOT IN ('done', 'cancelled') AND due_date >= $1 AND due_date < $2 ORDER BY due_date, id",
      {from_date, to_date});
  if (!rows) return std::move(rows).error();
  std::vector<module::CalendarItem> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    module::CalendarItem item;
    item.source = "activity";
    item.id = r.Int("id");
    item.entity_id = r.Int("entity_id");
    item.kind = "strategy_activity";
    item.title_ar = r.Text("title_ar");
    item.title_en = r.Text("title_en");
    item.starts_at = r.Text("due_date");
    item.audience = "employees";
    item.status = r.Text("status");
    item.version = r.Int("version");
    item.updated_at = r.Text("updated_at");
    item.in_conflicts = false;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sawt::strategy
