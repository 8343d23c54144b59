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
    item.id = r.Int("id");
    item.entity_id = r.Int("owner_entity_id");
    item.kind = "initiative";
    item.title_ar = r.Text("title_ar");
    item.title_en = r.Text("title_en");
    item.starts_at = r.Text("start_date");
    item.ends_at = r.Text("end_date");
    item.themes = module::StoredCodes(r.Text("themes"));
    item.channels = module::StoredCodes(r.Text("channels"));
    item.status = r.Text("status");
    item.version = r.Int("version");
    item.updated_at = r.Text("updated_at");
    item.in_conflicts = false;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sawt::initiatives
