#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

/// Rows of the calendar's own tables (entries and blackouts) as both calendar services read and
/// show them: the view (CalendarService) and the entries' editing (EntryService).
namespace sawt::calendar::rows {

inline constexpr int64_t kDayUs = 86'400'000'000;
inline constexpr int64_t kHourUs = 3'600'000'000;
inline constexpr int kMaxEntryDays = 366;

/// "SELECT … FROM calendar_entries e " (alias e) with the instants starts_us and ends_us, which are
/// the services' alone: the API shows starts_at, ends_at and all_day.
std::string SelectEntries();
/// "SELECT … FROM calendar_blackouts " with starts_us and ends_us.
std::string SelectBlackouts();

/// "YYYY-MM-DD" (all day) or "YYYY-MM-DDTHH:MM:SSZ"; the exact forms the API returns.
bool ParseWhen(const std::string& s, int64_t* us, bool* all_day);
/// The UTC date of an instant, "YYYY-MM-DD".
std::string DateOf(int64_t us);

/// An entry as the view lists it (uid "entry-<id>", source "entry").
core::Json EntryJson(const store::Row& r);
/// Adds the owner entity's code and names (null for network-wide items), from the directory.
void NameOwner(core::Json& item, const std::map<int64_t, module::EntityInfo>& entities);
core::Json BlackoutJson(const store::Row& r);

/// Ok when `id` is absent (network-wide) or an entity of the directory; else 400
/// calendar.entity_not_found naming entity_id.
core::Status EntityExists(store::Tx& tx, const module::EntityDirectory& directory, std::optional<int64_t> id);

/// The entry `id` (selected with SelectEntries), or 404 calendar.entry_not_found.
core::Result<store::Row> LoadEntry(store::Tx& tx, int64_t id);

}  // namespace sawt::calendar::rows
