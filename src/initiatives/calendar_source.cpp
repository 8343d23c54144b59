#include "initiatives/calendar_source.hpp"

#include "module/vocabulary.hpp"

namespace sawt::initiatives {

std::vector<std::string> InitiativeCalendarSource::Kinds() const { return {"initiative"}; }

core::Result<std::vector<module::CalendarItem>> InitiativeCalendarSource::Items(store::Tx& tx,
                                                                                const std::string& from_date,
                                                                                const std::string& to_date) const {
  auto rows = tx.Query(
      "SELECT id, owner_entity_id, title_ar, title_en, start_date, end_date, status, themes, channels, version, "
      "updated_at FROM initiatives WHERE status <> 'cancelled' AND start_date < $1 AND end_date >= $2 "
      "ORDER BY start_date, id",
      {to_date, from_date});
  if (!rows) return std::move(rows).error();
  std::vector<module::CalendarItem> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    module::CalendarItem item;
    item.source = "initiative";
    item.id = r.Int(0);
    item.entity_id = r.Int(1);
    item.kind = "initiative";
    item.title_ar = r.Text(2);
    item.title_en = r.Text(3);
    item.starts_at = r.Text(4);
    item.ends_at = r.Text(5);
    item.themes = module::StoredCodes(r.Text(7));
    item.channels = module::StoredCodes(r.Text(8));
    item.status = r.Text(6);
    item.version = r.Int(9);
    item.updated_at = r.Text(10);
    item.in_conflicts = false;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sawt::initiatives
