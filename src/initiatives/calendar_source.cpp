#include "initiatives/calendar_source.hpp"

#include "module/calendar_rows.hpp"
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
  return module::CalendarItemsOf(std::move(rows), "initiative", "initiative", "owner_entity_id",
                                 [](const store::Row& r, module::CalendarItem& item) {
                                   item.starts_at = r.Text("start_date");
                                   item.ends_at = r.Text("end_date");
                                   item.themes = module::StoredCodes(r.Text("themes"));
                                   item.channels = module::StoredCodes(r.Text("channels"));
                                   item.in_conflicts = false;  // a span of weeks: context only
                                 });
}

}  // namespace sawt::initiatives
