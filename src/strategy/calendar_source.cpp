#include "strategy/calendar_source.hpp"

#include "module/calendar_rows.hpp"
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
  return module::CalendarItemsOf(std::move(rows), "activity", "strategy_activity", "entity_id",
                                 [](const store::Row& r, module::CalendarItem& item) {
                                   item.starts_at = r.Text("due_date");
                                   item.audience = "employees";
                                   item.in_conflicts = false;
                                 });
}

}  // namespace sawt::strategy
