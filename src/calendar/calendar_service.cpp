#include "calendar/calendar_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "auth/policy.hpp"
#include "calendar/resources.hpp"
#include "calendar/rows.hpp"
#include "calendar/schedule.hpp"
#include "calendar/vocabularies.hpp"
#include "module/service_names.hpp"
#include "module/shared_vocabularies.hpp"
#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "http/messages.hpp"
#include "module/write_helpers.hpp"

namespace sawt::calendar {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using namespace rows;  // NOLINT: the calendar's row helpers, shared by its two services

constexpr int kMaxRangeDays = 400;

/// The words conflict messages use for an audience ("the general public").
std::string AudienceName(const std::string& code, bool arabic) {
  const module::Term* term = module::Audiences().Find(code);
  if (term == nullptr) return code;
  return term->attributes.value(arabic ? "phrase_ar" : "phrase_en", code);
}

// ---- time ----

/// All-day rows store their bounds "floating": 00:00Z of the first day and of the day after the
/// last, the same whatever the network's time zone. What instants they cover is decided when read,
/// in the zone of the moment, so changing the zone moves every all-day item and blackout with it.
int64_t InZone(const core::TimeZone& zone, int64_t floating_us) { return zone.WallToUtc(floating_us); }

// ---- rows → JSON ----

Blackout BlackoutOf(const Row& r, const core::TimeZone& zone) {
  return {r.Int("id"),          r.OptInt("entity_id"), InZone(zone, r.Int("starts_us")),
          InZone(zone, r.Int("ends_us")), r.Text("reason_ar"), r.Text("reason_en")};
}

/// One thing shown on the calendar, from either source.
struct Item {
  Slot slot;
  Json json;
  bool active = true;  // cancelled entries and withdrawn items never conflict
  int64_t version = 1;
  int64_t modified_us = 0;
};

Item ItemFromEntry(const Row& r, const core::TimeZone& zone) {
  Item it;
  it.json = EntryJson(r);
  const bool all_day = r.Int("all_day") != 0;
  const int64_t starts = all_day ? InZone(zone, r.Int("starts_us")) : r.Int("starts_us");
  const int64_t ends = all_day ? InZone(zone, r.Int("ends_us")) : r.Int("ends_us");
  it.slot = {it.json["uid"], r.Text("kind"),       r.OptInt("entity_id"), r.Text("title_ar"), r.Text("title_en"),
             starts,         ends,                all_day,               r.Text("importance"), r.Text("audience")};
  it.active = r.Text("status") != "cancelled";
  it.version = r.Int("version");
  core::ParseIsoUtc(r.Text("updated_at"), &it.modified_us);
  return it;
}

/// A dated thing of another module (a CalendarSource's item), with its owner's code and names.
std::optional<Item> ItemFromSource(const module::CalendarItem& c, const core::TimeZone& zone) {
  Item it;
  int64_t starts = 0, last_day = 0;
  bool all_day = false;
  if (!ParseWhen(c.starts_at, &starts, &all_day)) return std::nullopt;
  int64_t ends = starts + (all_day ? kDayUs : kHourUs);
  if (c.ends_at) {
    bool last_all_day = false;
    if (!ParseWhen(*c.ends_at, &last_day, &last_all_day) || !last_all_day) return std::nullopt;
    ends = last_day + kDayUs;
    all_day = true;
  }
  if (all_day) {
    starts = InZone(zone, starts);
    ends = InZone(zone, ends);
  }
  const std::string uid = (c.source == "content_item" ? "content-" : c.source + "-") + std::to_string(c.id);
  it.slot = {uid, c.kind, c.entity_id, c.title_ar, c.title_en, starts, ends, all_day, c.importance, c.audience};
  it.active = c.in_conflicts;
  it.version = c.version;
  core::ParseIsoUtc(c.updated_at, &it.modified_us);
  it.json = {{"id", c.id},
             {"uid", uid},
             {"source", c.source},
             {"entity_id", OptJson(c.entity_id)},
             {"kind", c.kind},
             {"title_ar", c.title_ar},
             {"title_en", c.title_en},
             {"starts_at", c.starts_at},
             {"ends_at", c.ends_at ? Json(*c.ends_at) : Json(nullptr)},
             {"all_day", all_day},
             {"importance", c.importance},
             {"audience", c.audience},
             {"themes", c.themes},
             {"channels", c.channels},
             {"status", c.status},
             {"version", c.version}};
  return it;
}

bool Contains(const Json& codes, const std::string& code) {
  return std::any_of(codes.begin(), codes.end(), [&](const Json& c) { return c.is_string() && c.get<std::string>() == code; });
}

Result<int> WindowHours(Tx& tx) {
  auto rows = tx.Query("SELECT conflict_window_hours FROM calendar_settings WHERE id = 1");
  if (!rows) return std::move(rows).error();
  return rows->empty() ? 48 : static_cast<int>((*rows)[0].Int("conflict_window_hours"));
}

std::string Hours(int64_t minutes) {
  if (minutes % 60 == 0) return std::to_string(minutes / 60);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(minutes) / 60.0);
  return buf;
}

/// Everything the view and the export need, computed in one read transaction.
struct Computed {
  std::vector<Item> shown;
  Json conflicts = Json::array();
  Json blackouts = Json::array();
  int window_hours = 48;
  core::TimeZone zone = core::TimeZone::Utc();  // the network's, as the computation read it
  std::vector<Item> loaded;  // every item read, the margins included (the conflicts name them)
};

// The conflicts' explanations are worded for `reader` (its digits) in both languages.
Result<Computed> Compute(Tx& tx, const CalendarFilter& f, const module::ModuleRegistry& registry,
                         const http::Locale& reader = {}) {
  Computed out;
  SAWT_ASSIGN_OR_RETURN(out.window_hours, WindowHours(tx));
  SAWT_ASSIGN_OR_RETURN(out.zone, registry.network_time().Zone(tx));
  const core::TimeZone& zone = out.zone;
  // The range names calendar days of the network's time zone; `to` is inclusive (its end is when
  // the next day begins: a day is 23 or 25 hours long where clocks change).
  int64_t from_day = 0, to_day = 0;
  core::ParseIsoUtc(f.from, &from_day);
  core::ParseIsoUtc(f.to, &to_day);
  const int64_t from_us = InZone(zone, from_day);
  const int64_t to_us = InZone(zone, to_day + kDayUs);
  // Load a margin of one window on each side: a conflict with an item just outside the range still
  // concerns the item inside it. Rows are selected a day wider still: all-day bounds are stored
  // floating (InZone), up to 14 hours from the instants they stand for.
  const int64_t margin = int64_t{out.window_hours} * kHourUs;
  const int64_t lo = from_us - margin, hi = to_us + margin;
  auto overlaps = [&](const Slot& s) { return s.starts_us < hi && s.ends_us > lo; };

  std::vector<Item> all;
  auto entries = tx.Query(SelectEntries() + "WHERE e.starts_us < $1 AND e.ends_us > $2 ORDER BY e.starts_us, e.id",
                          {hi + kDayUs, lo - kDayUs});
  if (!entries) return std::move(entries).error();
  for (const auto& r : *entries) {
    if (Item it = ItemFromEntry(r, zone); overlaps(it.slot)) all.push_back(std::move(it));
  }
  for (const auto& source : registry.calendar_sources()) {
    SAWT_ASSIGN_OR_RETURN(auto items, source->Items(tx, DateOf(lo - kDayUs), DateOf(hi + kDayUs)));
    for (const auto& c : items) {
      if (auto it = ItemFromSource(c, zone); it && overlaps(it->slot)) all.push_back(*it);
    }
  }

  auto blackout_rows = tx.Query(SelectBlackouts() + "WHERE starts_us < $1 AND ends_us > $2 ORDER BY starts_us, id",
                                {hi + kDayUs, lo - kDayUs});
  if (!blackout_rows) return std::move(blackout_rows).error();
  std::vector<Blackout> blackouts;
  std::map<int64_t, Blackout> blackout_by_id;
  for (const auto& r : *blackout_rows) {
    const Blackout b = BlackoutOf(r, zone);
    if (b.starts_us >= hi || b.ends_us <= lo) continue;
    blackouts.push_back(b);
    blackout_by_id[b.id] = b;
    if (b.starts_us < to_us && b.ends_us > from_us) out.blackouts.push_back(BlackoutJson(r));
  }

  std::optional<std::set<int64_t>> subtree;
  if (f.entity_id) {
    SAWT_ASSIGN_OR_RETURN(auto ids, registry.entity_directory().Subtree(tx, *f.entity_id));
    subtree = std::set<int64_t>(ids.begin(), ids.end());
  }
  std::set<std::string> shown_uids;
  std::unordered_map<std::string, const Item*> by_uid;
  for (const Item& it : all) by_uid[it.slot.uid] = &it;
  for (const Item& it : all) {
    if (it.slot.starts_us >= to_us || it.slot.ends_us <= from_us) continue;
    if (subtree && it.slot.entity_id && subtree->count(*it.slot.entity_id) == 0) continue;
    if (f.theme && !Contains(it.json["themes"], *f.theme)) continue;
    if (f.channel && !Contains(it.json["channels"], *f.channel)) continue;
    if (f.kind && it.slot.kind != *f.kind) continue;
    out.shown.push_back(it);
    shown_uids.insert(it.slot.uid);
  }

  std::sort(out.shown.begin(), out.shown.end(), [](const Item& a, const Item& b) {
    return a.slot.starts_us != b.slot.starts_us ? a.slot.starts_us < b.slot.starts_us : a.slot.uid < b.slot.uid;
  });
  std::vector<Slot> active;
  for (const Item& it : all) {
    if (it.active) active.push_back(it.slot);
  }
  std::map<std::string, Json> item_conflicts;
  for (const Conflict& c : FindConflicts(std::move(active), blackouts, out.window_hours)) {
    if (std::none_of(c.uids.begin(), c.uids.end(), [&](const std::string& u) { return shown_uids.count(u) > 0; })) {
      continue;
    }
    const Slot& a = by_uid.at(c.uids[0])->slot;
    Json j = {{"rule", c.rule}, {"uids", c.uids}};
    if (c.rule == "window") {
      const Slot& b = by_uid.at(c.uids[1])->slot;
      const std::string hours = Hours(c.gap_minutes), window = std::to_string(out.window_hours);
      j["gap_minutes"] = c.gap_minutes;
      j["audience"] = a.audience;
      j["message_ar"] = registry.messages().Translate(
          "calendar.conflict.window", reader.In("ar"), {a.title_ar, b.title_ar, AudienceName(a.audience, true), hours, window});
      j["message_en"] = registry.messages().Translate(
          "calendar.conflict.window", reader.In("en"), {a.title_en, b.title_en, AudienceName(a.audience, false), hours, window});
    } else {
      const Blackout& b = blackout_by_id.at(*c.blackout_id);
      j["blackout_id"] = *c.blackout_id;
      j["message_ar"] = registry.messages().Translate("calendar.conflict.blackout", reader.In("ar"), {a.title_ar, b.reason_ar});
      j["message_en"] = registry.messages().Translate("calendar.conflict.blackout", reader.In("en"), {a.title_en, b.reason_en});
    }
    const size_t index = out.conflicts.size();
    for (const auto& u : c.uids) item_conflicts[u].push_back(index);
    out.conflicts.push_back(std::move(j));
  }
  SAWT_ASSIGN_OR_RETURN(auto entities, registry.entity_directory().All(tx));
  for (Item& it : out.shown) {
    auto found = item_conflicts.find(it.slot.uid);
    it.json["conflicts"] = found == item_conflicts.end() ? Json::array() : found->second;
    NameOwner(it.json, *entities);
  }
  out.loaded = std::move(all);
  return out;
}

}  // namespace

std::vector<store::Migration> CalendarService::Migrations() {
  return {{"calendar", 1, "0001_calendar", R"SQL(
CREATE TABLE calendar_entries (
  id {{ID}},
  entity_id BIGINT REFERENCES entities(id),
  kind TEXT NOT NULL CHECK (kind IN ('announcement', 'event', 'campaign', 'national_day')),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  description_ar TEXT NOT NULL,
  description_en TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  all_day BIGINT NOT NULL,
  starts_us BIGINT NOT NULL,
  ends_us BIGINT NOT NULL,
  importance TEXT NOT NULL CHECK (importance IN ('high', 'normal', 'low')),
  audience TEXT NOT NULL,
  themes TEXT NOT NULL,
  channels TEXT NOT NULL,
  location_ar TEXT NOT NULL,
  location_en TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (ends_us > starts_us)
);
CREATE INDEX calendar_entries_time ON calendar_entries(starts_us, ends_us);
CREATE TABLE calendar_blackouts (
  id {{ID}},
  entity_id BIGINT REFERENCES entities(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  starts_us BIGINT NOT NULL,
  ends_us BIGINT NOT NULL,
  reason_ar TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  CHECK (ends_us > starts_us)
);
CREATE INDEX calendar_blackouts_time ON calendar_blackouts(starts_us, ends_us);
CREATE TABLE calendar_settings (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  conflict_window_hours BIGINT NOT NULL CHECK (conflict_window_hours BETWEEN 1 AND 336),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO calendar_settings (id, conflict_window_hours, version, updated_at) VALUES (1, 48, 1, '1970-01-01T00:00:00.000000Z');
)SQL"}};
}

Result<int64_t> CalendarService::CountConflicts(Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                const std::string& from_date, const std::string& to_date) const {
  int64_t to_us = 0;
  if (!core::ParseIsoUtc(to_date, &to_us)) return Error::Internal("bad KPI period end " + to_date);
  CalendarFilter range;
  range.from = from_date;
  range.to = DateOf(to_us - kDayUs);  // the filter's end is inclusive
  if (range.to < range.from) return int64_t{0};
  SAWT_ASSIGN_OR_RETURN(Computed computed, Compute(tx, range, registry_));
  if (!entities) return static_cast<int64_t>(computed.conflicts.size());
  const std::set<int64_t> wanted(entities->begin(), entities->end());
  std::set<std::string> theirs;  // uids of the shown items that belong to one of the entities
  for (const Item& it : computed.shown) {
    if (it.slot.entity_id && wanted.count(*it.slot.entity_id) > 0) theirs.insert(it.slot.uid);
  }
  int64_t count = 0;
  for (const Json& c : computed.conflicts) {
    if (std::any_of(c["uids"].begin(), c["uids"].end(), [&](const Json& u) { return theirs.count(u.get<std::string>()) > 0; })) {
      ++count;
    }
  }
  return count;
}

Result<std::optional<ItemConflicts>> CalendarService::WindowConflictsOf(Tx& tx, const store::Event& event) const {
  using Found = std::optional<ItemConflicts>;
  SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry_.network_time().Zone(tx));
  std::optional<Item> item;
  if (event.object_type == "calendar_entry") {
    const auto id = core::ParseId(event.object_id);
    if (!id) return Found();
    auto rows = tx.Query(SelectEntries() + "WHERE e.id = $1", {*id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Found();
    item = ItemFromEntry((*rows)[0], zone);
  } else {
    for (const auto& source : registry_.calendar_sources()) {
      const auto types = source->EventTypes();
      if (std::find(types.begin(), types.end(), event.action) == types.end()) continue;
      SAWT_ASSIGN_OR_RETURN(auto found, source->ItemOf(tx, event));
      if (found) {
        item = ItemFromSource(*found, zone);
        break;
      }
    }
  }
  if (!item || !item->active) return Found();
  // The same computation as the view of the item's days (its margin of one window included).
  CalendarFilter around;
  around.from = zone.DateOf(item->slot.starts_us);
  around.to = zone.DateOf(item->slot.ends_us - 1);
  SAWT_ASSIGN_OR_RETURN(Computed computed, Compute(tx, around, registry_));
  std::unordered_map<std::string, const Item*> by_uid;
  for (const Item& it : computed.loaded) by_uid[it.slot.uid] = &it;
  const std::string& uid = item->slot.uid;
  ItemConflicts out{item->slot, around.from, computed.window_hours, {}};
  for (const Json& conflict : computed.conflicts) {
    if (conflict["rule"] != "window" || !Contains(conflict["uids"], uid)) continue;
    const std::string other = conflict["uids"][0] == uid ? conflict["uids"][1] : conflict["uids"][0];
    auto found = by_uid.find(other);
    if (found == by_uid.end()) continue;
    out.conflicts.push_back({found->second->slot, conflict["gap_minutes"].get<int64_t>()});
  }
  return Found(std::move(out));
}

Result<CalendarFilter> CalendarService::MakeFilter(const std::optional<std::string>& from,
                                                   const std::optional<std::string>& to,
                                                   std::optional<int64_t> entity_id, std::optional<std::string> theme,
                                                   std::optional<std::string> channel,
                                                   std::optional<std::string> kind) const {
  CalendarFilter f;
  SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry_.CurrentTimeZone());
  const std::string today = zone.DateOf(store_.clock().NowMicros());
  f.from = from.value_or(today.substr(0, 8) + "01");
  int64_t from_us = 0, to_us = 0;
  bool all_day = false;
  if (!ParseWhen(f.from, &from_us, &all_day) || !all_day) return Error::InvalidInput("calendar.bad_range", "from");
  f.to = to.value_or(DateOf(from_us + 41 * kDayUs));
  if (!ParseWhen(f.to, &to_us, &all_day) || !all_day) return Error::InvalidInput("calendar.bad_range", "to");
  if (to_us < from_us || to_us - from_us >= int64_t{kMaxRangeDays} * kDayUs) {
    return Error::InvalidInput("calendar.bad_range", "to");
  }
  if (kind && !EntryKinds().Has(*kind)) {
    bool known = false;
    for (const auto& source : registry_.calendar_sources()) {
      const auto kinds = source->Kinds();
      known = known || std::find(kinds.begin(), kinds.end(), *kind) != kinds.end();
    }
    if (!known) return Error::InvalidInput("calendar.bad_kind", "kind", {*kind});
  }
  f.entity_id = entity_id;
  f.theme = std::move(theme);
  f.channel = std::move(channel);
  f.kind = std::move(kind);
  return f;
}

Result<Json> CalendarService::View(const auth::Caller& caller, const CalendarFilter& filter, const http::Locale& reader) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, registry_.entity_directory(), filter.entity_id));
    SAWT_ASSIGN_OR_RETURN(Computed c, Compute(tx, filter, registry_, reader));
    Json items = Json::array();
    for (const Item& it : c.shown) items.push_back(it.json);
    return Json{{"from", filter.from},         {"to", filter.to},        {"window_hours", c.window_hours},
                {"items", std::move(items)},    {"conflicts", c.conflicts}, {"blackouts", c.blackouts}};
  });
}

Result<std::string> CalendarService::Ics(const auth::Caller& caller, const CalendarFilter& filter,
                                         const std::string& lang, const std::string& host) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.read", std::nullopt));
  return store::ReadValue<std::string>(store_, [&](Tx& tx) -> Result<std::string> {
    SAWT_TRY_STATUS(EntityExists(tx, registry_.entity_directory(), filter.entity_id));
    SAWT_ASSIGN_OR_RETURN(Computed c, Compute(tx, filter, registry_));
    const core::TimeZone& zone = c.zone;
    const bool ar = lang == "ar";
    std::string name = ar ? "تقويم الاتصال الحكومي" : "Government communication calendar";
    std::vector<IcsEvent> events;
    for (const Item& it : c.shown) {
      const Json& j = it.json;
      IcsEvent e;
      e.slot = it.slot;
      if (e.slot.all_day) {  // an all-day VEVENT names dates (VALUE=DATE), not the zone's instants
        e.slot.starts_us += zone.OffsetMicros(e.slot.starts_us);
        e.slot.ends_us += zone.OffsetMicros(e.slot.ends_us);
      }
      const std::string entity = j["entity_name_" + lang].is_string() ? j["entity_name_" + lang].get<std::string>() : "";
      e.entity_name = entity;
      if (filter.entity_id && it.slot.entity_id == filter.entity_id) name = (ar ? "تقويم " : "Calendar: ") + entity;
      const std::string other = j[ar ? "title_en" : "title_ar"];
      std::string themes, channels;
      for (const auto& t : j["themes"]) themes += (themes.empty() ? "" : ", ") + t.get<std::string>();
      for (const auto& ch : j["channels"]) channels += (channels.empty() ? "" : ", ") + ch.get<std::string>();
      // The entry's own description and place (content items have neither), then the facts a
      // reader of the calendar file cannot see otherwise.
      auto in_lang = [&](const std::string& field) {
        const std::string mine = j.value(field + "_" + lang, std::string());
        return mine.empty() ? j.value(field + (ar ? "_en" : "_ar"), std::string()) : mine;
      };
      e.location = in_lang("location");
      const std::string described = in_lang("description");
      if (!described.empty()) e.description = described + "\n\n";
      e.description += other + "\n";
      if (!entity.empty()) e.description += entity + "\n";
      e.description += (ar ? "الحالة: " : "Status: ") + j["status"].get<std::string>();
      if (!themes.empty()) e.description += "\n" + std::string(ar ? "المحاور: " : "Themes: ") + themes;
      if (!channels.empty()) e.description += "\n" + std::string(ar ? "القنوات: " : "Channels: ") + channels;
      const std::string status = j["status"];
      e.status = status == "cancelled" ? "CANCELLED"
                 : (status == "confirmed" || status == "approved" || status == "scheduled" || status == "published" ||
                    status == "active" || status == "completed")
                     ? "CONFIRMED"
                     : "TENTATIVE";
      e.categories = {it.slot.kind};
      for (const auto& t : j["themes"]) e.categories.push_back(t);
      e.sequence = it.version - 1;
      e.modified_us = it.modified_us;
      events.push_back(std::move(e));
    }
    return WriteIcs(events, name, ar ? "ar" : "en", host, store_.clock().NowMicros());
  });
}

Result<Json> CalendarService::ConflictsOfEntry(Tx& tx, const Row& entry) const {
  SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry_.network_time().Zone(tx));
  const bool all_day = entry.Int("all_day") != 0;
  CalendarFilter around;
  around.from = all_day ? DateOf(entry.Int("starts_us")) : zone.DateOf(entry.Int("starts_us"));
  around.to = all_day ? DateOf(entry.Int("ends_us") - 1) : zone.DateOf(entry.Int("ends_us") - 1);
  SAWT_ASSIGN_OR_RETURN(Computed c, Compute(tx, around, registry_));
  const std::string uid = "entry-" + std::to_string(entry.Int("id"));
  Json out = Json::array();
  for (const Json& conflict : c.conflicts) {
    if (Contains(conflict["uids"], uid)) out.push_back(conflict);
  }
  return out;
}

// ---- settings ----

Result<Json> CalendarService::GetSettings(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto rows = tx.Query("SELECT " + CalendarSettingsResource().Columns() + " FROM calendar_settings WHERE id = 1");
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Internal("calendar settings row missing");
    return CalendarSettingsResource().ToJson((*rows)[0]);
  });
}

Result<Json> CalendarService::UpdateSettings(const auth::Caller& caller, std::optional<int64_t> if_match,
                                             const Json& body) {
  JsonReader in(body);
  auto hours = in.Int("conflict_window_hours", true);
  SAWT_TRY_STATUS(in.Finish());
  if (*hours < 1 || *hours > 336) return Error::InvalidInput("calendar.bad_window", "conflict_window_hours", {"1", "336"});
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.settings.write", std::nullopt));
  SAWT_TRY_STATUS(store_.Write([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT version FROM calendar_settings WHERE id = 1");
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Internal("calendar settings row missing");
    const int64_t version = (*rows)[0].Int("version");
    if (if_match && *if_match != version) return Error::PreconditionFailed();
    Assignments set;
    set.Set("conflict_window_hours", *hours, *hours);
    SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "calendar_settings", set, 1, version));
    if (!updated) return Error::PreconditionFailed();
    return AppendEvent(tx, caller, "calendar.settings_updated", std::nullopt, "calendar_settings", 1, set.changed);
  }));
  return GetSettings(caller);
}

}  // namespace sawt::calendar
