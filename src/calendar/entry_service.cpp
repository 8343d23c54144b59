#include "calendar/entry_service.hpp"

#include "auth/policy.hpp"
#include "calendar/resources.hpp"
#include "calendar/rows.hpp"
#include "calendar/vocabularies.hpp"
#include "module/service_names.hpp"
#include "module/shared_vocabularies.hpp"
#include "module/write_helpers.hpp"

namespace sawt::calendar {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using namespace rows;  // NOLINT: the calendar's row helpers, shared by its two services


Status ThemesExist(Tx& tx, const module::ThemeCatalog& catalog, const std::optional<std::string>& themes) {
  if (!themes) return Ok();
  for (const std::string& code : module::StoredCodes(*themes)) {
    SAWT_ASSIGN_OR_RETURN(bool exists, catalog.Exists(tx, code));
    if (!exists) return Error::InvalidInput("calendar.unknown_theme", "themes", {code});
  }
  return Ok();
}

/// An entry as the API shows it, with its owner's code and names.
Result<Json> EntryWithOwner(Tx& tx, const module::EntityDirectory& directory, const Row& row) {
  SAWT_ASSIGN_OR_RETURN(auto entities, directory.All(tx));
  Json entry = EntryJson(row);
  NameOwner(entry, *entities);
  return entry;
}

Status OneOf(const std::optional<std::string>& v, const module::Vocabulary& allowed, const char* key, const char* field) {
  return v ? allowed.Check(*v, key, field) : Ok();
}

/// Themes (slugs, then looked up in the library) and channels (the network's vocabulary), stored as
/// JSON text.
Result<std::optional<std::string>> ReadCodes(const Json* raw, const char* field, const module::Vocabulary* allowed) {
  SAWT_ASSIGN_OR_RETURN(auto codes, module::ReadCodes(raw, field, "calendar.bad_codes", "calendar.unknown_channel", allowed));
  if (!codes) return std::optional<std::string>();
  return std::optional<std::string>(codes->dump());
}

/// starts_at/ends_at → microseconds [start, end) and the all-day flag. For all-day entries ends_at is
/// the last day (inclusive); for timed ones the end instant. Default length: one day / one hour.
struct When {
  int64_t starts_us = 0, ends_us = 0;
  bool all_day = false;
};
Result<When> ReadWhen(const std::string& starts, const std::optional<std::string>& ends) {
  When w;
  if (!ParseWhen(starts, &w.starts_us, &w.all_day)) return Error::InvalidInput("calendar.bad_when", "starts_at", {"starts_at"});
  if (!ends) {
    w.ends_us = w.starts_us + (w.all_day ? kDayUs : kHourUs);
    return w;
  }
  bool end_all_day = false;
  if (!ParseWhen(*ends, &w.ends_us, &end_all_day)) return Error::InvalidInput("calendar.bad_when", "ends_at", {"ends_at"});
  if (end_all_day != w.all_day) return Error::InvalidInput("calendar.mixed_when", "ends_at");
  if (w.all_day) w.ends_us += kDayUs;
  if (w.ends_us <= w.starts_us) return Error::InvalidInput("calendar.ends_before_start", "ends_at");
  if (w.ends_us - w.starts_us > int64_t{kMaxEntryDays} * kDayUs) {
    return Error::InvalidInput("calendar.too_long", "ends_at", {std::to_string(kMaxEntryDays)});
  }
  return w;
}

}  // namespace


Result<Json> EntryService::GetEntry(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEntry(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json entry, EntryWithOwner(tx, registry_.entity_directory(), row));
    SAWT_ASSIGN_OR_RETURN(entry["conflicts"], calendar_.ConflictsOfEntry(tx, row));
    return entry;
  });
}

Result<Json> EntryService::CreateEntry(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity = in.Int("entity_id", false);
  auto kind = in.String("kind", true, 32);
  auto title_ar = in.String("title_ar", true, 500, false);
  auto title_en = in.String("title_en", true, 500, false);
  auto description_ar = in.String("description_ar", false, 5000, false);
  auto description_en = in.String("description_en", false, 5000, false);
  auto starts_at = in.String("starts_at", true, 20);
  auto ends_at = in.String("ends_at", false, 20);
  auto importance = in.String("importance", false, 16);
  auto audience = in.String("audience", false, 32);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  auto location_ar = in.String("location_ar", false, 500, false);
  auto location_en = in.String("location_en", false, 500, false);
  auto status = in.String("status", false, 16);
  if (in.IsNull("entity_id")) in.Raw("entity_id");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(OneOf(kind, EntryKinds(), "calendar.bad_entry_kind", "kind"));
  SAWT_TRY_STATUS(OneOf(importance, module::Importance(), "calendar.bad_importance", "importance"));
  SAWT_TRY_STATUS(OneOf(audience, module::Audiences(), "calendar.bad_audience", "audience"));
  SAWT_TRY_STATUS(OneOf(status, EntryStatuses(), "calendar.bad_status", "status"));
  if (title_ar->empty() && title_en->empty()) return Error::InvalidInput("calendar.title_required", "title_ar");
  SAWT_ASSIGN_OR_RETURN(When when, ReadWhen(*starts_at, ends_at));
  SAWT_ASSIGN_OR_RETURN(auto themes, ReadCodes(themes_raw, "themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, ReadCodes(channels_raw, "channels", &registry_.vocabulary("channels")));
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.entries.write", entity));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, registry_.entity_directory(), entity));
    SAWT_TRY_STATUS(ThemesExist(tx, registry_.theme_catalog(), themes));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO calendar_entries (entity_id, kind, title_ar, title_en, description_ar, description_en, starts_at, "
        "ends_at, all_day, starts_us, ends_us, importance, audience, themes, channels, location_ar, location_en, status, "
        "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
        "$16, $17, $18, $19, $20, $20) RETURNING id",
        {store::OrNull(entity), *kind, *title_ar, *title_en, description_ar.value_or(""), description_en.value_or(""),
         *starts_at, store::OrNull(ends_at), int64_t{when.all_day ? 1 : 0}, when.starts_us, when.ends_us,
         importance.value_or("normal"), audience.value_or("public"), themes.value_or("[]"), channels.value_or("[]"),
         location_ar.value_or(""), location_en.value_or(""), status.value_or("confirmed"), caller.login, now});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEntry(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json entry, EntryWithOwner(tx, registry_.entity_directory(), row));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "calendar.entry_created", entity, "calendar_entry", id, entry));
    SAWT_ASSIGN_OR_RETURN(entry["conflicts"], calendar_.ConflictsOfEntry(tx, row));
    return entry;
  });
}

Result<Json> EntryService::UpdateEntry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", false, 32);
  auto title_ar = in.String("title_ar", false, 500, false);
  auto title_en = in.String("title_en", false, 500, false);
  auto description_ar = in.String("description_ar", false, 5000, false);
  auto description_en = in.String("description_en", false, 5000, false);
  auto starts_at = in.String("starts_at", false, 20);
  const bool clear_end = in.IsNull("ends_at");
  std::optional<std::string> ends_at;
  if (clear_end) {
    in.Raw("ends_at");
  } else {
    ends_at = in.String("ends_at", false, 20);
  }
  auto importance = in.String("importance", false, 16);
  auto audience = in.String("audience", false, 32);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  auto location_ar = in.String("location_ar", false, 500, false);
  auto location_en = in.String("location_en", false, 500, false);
  auto status = in.String("status", false, 16);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(OneOf(kind, EntryKinds(), "calendar.bad_entry_kind", "kind"));
  SAWT_TRY_STATUS(OneOf(importance, module::Importance(), "calendar.bad_importance", "importance"));
  SAWT_TRY_STATUS(OneOf(audience, module::Audiences(), "calendar.bad_audience", "audience"));
  SAWT_TRY_STATUS(OneOf(status, EntryStatuses(), "calendar.bad_status", "status"));
  SAWT_ASSIGN_OR_RETURN(auto themes, ReadCodes(themes_raw, "themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, ReadCodes(channels_raw, "channels", &registry_.vocabulary("channels")));
  Assignments set;
  set.SetIf("kind", kind);
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  set.SetIf("description_ar", description_ar);
  set.SetIf("description_en", description_en);
  set.SetIf("importance", importance);
  set.SetIf("audience", audience);
  if (themes) set.Set("themes", *themes, Json::parse(*themes));
  if (channels) set.Set("channels", *channels, Json::parse(*channels));
  set.SetIf("location_ar", location_ar);
  set.SetIf("location_en", location_en);
  set.SetIf("status", status);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEntry(tx, id));
    const std::optional<int64_t> entity = row.OptInt("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.entries.write", entity));
    if (if_match && *if_match != row.Int("version")) return Error::PreconditionFailed();
    if (starts_at || ends_at || clear_end) {
      const std::string starts = starts_at.value_or(row.Text("starts_at"));
      const std::optional<std::string> ends = clear_end ? std::nullopt : (ends_at ? ends_at : row.OptText("ends_at"));
      SAWT_ASSIGN_OR_RETURN(When when, ReadWhen(starts, ends));
      set.Set("starts_at", starts, starts);
      set.Set("ends_at", store::OrNull(ends), OptJson(ends));
      set.Set("all_day", int64_t{when.all_day ? 1 : 0}, when.all_day);
      set.Set("starts_us", when.starts_us, nullptr);
      set.Set("ends_us", when.ends_us, nullptr);
    }
    const std::string title_ar_now = title_ar.value_or(row.Text("title_ar")), title_en_now = title_en.value_or(row.Text("title_en"));
    if (title_ar_now.empty() && title_en_now.empty()) return Error::InvalidInput("calendar.title_required", "title_ar");
    SAWT_TRY_STATUS(ThemesExist(tx, registry_.theme_catalog(), themes));
    SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "calendar_entries", set, id, row.Int("version")));
    if (!updated) return MissOrStale(tx, "calendar_entries", id, "calendar.entry_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row now, LoadEntry(tx, id));
    Json changed = set.changed;
    changed.erase("starts_us");
    changed.erase("ends_us");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "calendar.entry_updated", entity, "calendar_entry", id, changed));
    SAWT_ASSIGN_OR_RETURN(Json entry, EntryWithOwner(tx, registry_.entity_directory(), now));
    SAWT_ASSIGN_OR_RETURN(entry["conflicts"], calendar_.ConflictsOfEntry(tx, now));
    return entry;
  });
}

Status EntryService::DeleteEntry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEntry(tx, id));
    const std::optional<int64_t> entity = row.OptInt("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.entries.write", entity));
    if (if_match && *if_match != row.Int("version")) return Error::PreconditionFailed();
    auto n = tx.Exec("DELETE FROM calendar_entries WHERE id = $1 AND version = $2", {id, row.Int("version")});
    if (!n) return std::move(n).error();
    if (*n == 0) return MissOrStale(tx, "calendar_entries", id, "calendar.entry_not_found");
    return AppendEvent(tx, caller, "calendar.entry_deleted", entity, "calendar_entry", id,
                       {{"title_ar", row.Text("title_ar")}, {"title_en", row.Text("title_en")}, {"starts_at", row.Text("starts_at")}});
  });
}

// ---- blackouts ----

Result<Json> EntryService::ListBlackouts(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, SelectBlackouts() + "ORDER BY starts_us, id", {}, BlackoutJson);
  });
}

Result<Json> EntryService::CreateBlackout(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity = in.Int("entity_id", false);
  auto starts_on = in.String("starts_on", true, 10);
  auto ends_on = in.String("ends_on", false, 10);
  auto reason_ar = in.String("reason_ar", true, 500);
  auto reason_en = in.String("reason_en", true, 500);
  if (in.IsNull("entity_id")) in.Raw("entity_id");
  SAWT_TRY_STATUS(in.Finish());
  int64_t starts_us = 0, ends_us = 0;
  bool all_day = false;
  if (!ParseWhen(*starts_on, &starts_us, &all_day) || !all_day) {
    return Error::InvalidInput("calendar.bad_day", "starts_on", {"starts_on"});
  }
  const std::string last = ends_on.value_or(*starts_on);
  if (!ParseWhen(last, &ends_us, &all_day) || !all_day) return Error::InvalidInput("calendar.bad_day", "ends_on", {"ends_on"});
  ends_us += kDayUs;
  if (ends_us <= starts_us) return Error::InvalidInput("calendar.ends_before_start", "ends_on");
  if (ends_us - starts_us > int64_t{kMaxEntryDays} * kDayUs) {
    return Error::InvalidInput("calendar.too_long", "ends_on", {std::to_string(kMaxEntryDays)});
  }
  if (reason_ar->empty() || reason_en->empty()) return Error::InvalidInput("calendar.reason_required", "reason_ar");
  SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.blackouts.write", entity));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, registry_.entity_directory(), entity));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO calendar_blackouts (entity_id, starts_on, ends_on, starts_us, ends_us, "
                                     "reason_ar, reason_en, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                                     "$5, $6, $7, $8, $9, $9) RETURNING ") +
                             BlackoutResource().Columns(),
                         {store::OrNull(entity), *starts_on, last, starts_us, ends_us, *reason_ar, *reason_en,
                          caller.login, now});
    if (!rows) return std::move(rows).error();
    Json blackout = BlackoutJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "calendar.blackout_created", entity, "calendar_blackout",
                                blackout["id"].get<int64_t>(), blackout));
    return blackout;
  });
}

Status EntryService::DeleteBlackout(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, SelectBlackouts() + "WHERE id = $1", id, "calendar.blackout_not_found"));
    const std::optional<int64_t> entity = row.OptInt("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "calendar.blackouts.write", entity));
    auto n = tx.Exec("DELETE FROM calendar_blackouts WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    return AppendEvent(tx, caller, "calendar.blackout_deleted", entity, "calendar_blackout", id, BlackoutJson(row));
  });
}

}  // namespace sawt::calendar
