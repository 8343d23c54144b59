#include "calendar/rows.hpp"

#include "calendar/resources.hpp"
#include "core/clock.hpp"
#include "module/service_names.hpp"

namespace sawt::calendar::rows {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

std::string SelectEntries() {
  return "SELECT " + EntryResource().Columns("e") + ", e.starts_us, e.ends_us FROM calendar_entries e ";
}
std::string SelectBlackouts() {
  return "SELECT " + BlackoutResource().Columns() + ", starts_us, ends_us FROM calendar_blackouts ";
}

bool ParseWhen(const std::string& s, int64_t* us, bool* all_day) {
  if (s.size() != 10 && s.size() != 20) return false;
  if (s.size() == 20 && (s[10] != 'T' || s[19] != 'Z')) return false;
  if (!core::ParseIsoUtc(s, us)) return false;
  *all_day = s.size() == 10;
  return true;
}

std::string DateOf(int64_t us) { return core::FormatIsoUtc(us).substr(0, 10); }

Json EntryJson(const Row& r) {
  Json entry = EntryResource().ToJson(r);
  entry["uid"] = "entry-" + std::to_string(r.Int("id"));
  entry["source"] = "entry";
  return entry;
}

void NameOwner(Json& item, const std::map<int64_t, module::EntityInfo>& entities) {
  const module::EntityInfo* owner = nullptr;
  if (item["entity_id"].is_number_integer()) {
    auto found = entities.find(item["entity_id"].get<int64_t>());
    if (found != entities.end()) owner = &found->second;
  }
  item["entity_code"] = owner ? Json(owner->code) : Json(nullptr);
  item["entity_name_ar"] = owner ? Json(owner->name_ar) : Json(nullptr);
  item["entity_name_en"] = owner ? Json(owner->name_en) : Json(nullptr);
}

Json BlackoutJson(const Row& r) { return BlackoutResource().ToJson(r); }

Result<Row> LoadEntry(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectEntries() + "WHERE e.id = $1", id, "calendar.entry_not_found");
}

Status EntityExists(Tx& tx, const module::EntityDirectory& directory, std::optional<int64_t> id) {
  return id ? module::EntityMustExist(directory, tx, *id, "entity_id", "calendar.entity_not_found") : Ok();
}

}  // namespace sawt::calendar::rows
