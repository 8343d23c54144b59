#include "crisis/calendar_source.hpp"

#include "module/calendar_rows.hpp"
#include "module/vocabulary.hpp"

namespace sawt::crisis {
namespace {

/// A stored instant ("…T07:00:00.000000Z") as the calendar writes times ("…T07:00:00Z").
std::string CalendarTime(const std::string& stored) { return stored.substr(0, 19) + "Z"; }

void Milestone(module::CalendarItem& item, const std::string& at, const store::Row& r) {
  item.starts_at = CalendarTime(at);
  item.importance = "high";
  item.themes = module::StoredCodes(r.Text("themes"));
  item.in_conflicts = false;  // a crisis is context for the publishing plan, not a publication
}

}  // namespace

std::vector<std::string> CrisisCalendarSource::Kinds() const {
  return {"crisis_declared", "crisis_closed", "crisis_task_due"};
}

core::Result<std::vector<module::CalendarItem>> CrisisCalendarSource::Items(store::Tx& tx, const std::string& from_date,
                                                                            const std::string& to_date) const {
  const std::string columns = "id, lead_entity_id, title_ar, title_en, status, version, updated_at, themes, declared_at, closed_at";
  SAWT_ASSIGN_OR_RETURN(auto out, module::CalendarItemsOf(
      tx.Query("SELECT " + columns + " FROM crises WHERE declared_at >= $1 AND declared_at < $2 ORDER BY declared_at, id",
               {from_date, to_date}),
      "crisis", "crisis_declared", "lead_entity_id",
      [](const store::Row& r, module::CalendarItem& item) { Milestone(item, r.Text("declared_at"), r); }));
  SAWT_ASSIGN_OR_RETURN(auto closed, module::CalendarItemsOf(
      tx.Query("SELECT " + columns + " FROM crises WHERE closed_at >= $1 AND closed_at < $2 ORDER BY closed_at, id",
               {from_date, to_date}),
      "crisis_closure", "crisis_closed", "lead_entity_id",
      [](const store::Row& r, module::CalendarItem& item) { Milestone(item, r.Text("closed_at"), r); }));
  out.insert(out.end(), closed.begin(), closed.end());
  SAWT_ASSIGN_OR_RETURN(auto tasks, module::CalendarItemsOf(
      tx.Query("SELECT t.id, c.lead_entity_id, t.title_ar, t.title_en, t.status, t.version, t.updated_at, c.themes, t.due_at "
               "FROM crisis_tasks t JOIN crises c ON c.id = t.crisis_id "
               "WHERE t.status = 'open' AND t.due_at >= $1 AND t.due_at < $2 ORDER BY t.due_at, t.id",
               {from_date, to_date}),
      "crisis_task", "crisis_task_due", "lead_entity_id",
      [](const store::Row& r, module::CalendarItem& item) { Milestone(item, r.Text("due_at"), r); }));
  out.insert(out.end(), tasks.begin(), tasks.end());
  return out;
}

}  // namespace sawt::crisis
