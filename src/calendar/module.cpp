#include "calendar/module.hpp"

#include "calendar/calendar_service.hpp"
#include "calendar/entry_service.hpp"
#include "calendar/demo.hpp"
#include "calendar/kpi_source.hpp"
#include "calendar/notification_source.hpp"
#include "calendar/resources.hpp"
#include "calendar/routes.hpp"
#include "calendar/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::calendar {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified

using core::Json;

const std::vector<http::Message> kMessages = {
    {"calendar.entry_not_found", "عنصر التقويم رقم {0, digits} غير موجود.", "Calendar entry {0} does not exist."},
    {"calendar.blackout_not_found", "فترة الحظر رقم {0, digits} غير موجودة.", "Blackout {0} does not exist."},
    {"calendar.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
    {"calendar.bad_range", "الفترة غير صالحة: from وto تاريخان بصيغة YYYY-MM-DD، وto لا يسبق from، والفترة 400 يوم على الأكثر.",
     "Invalid range: from and to are YYYY-MM-DD dates, to is not before from, and the range is at most 400 days."},
    {"calendar.bad_kind", "النوع «{0}» غير معروف.", "Unknown kind \"{0}\"."},
    {"calendar.bad_entry_kind", "نوع العنصر «{0}» غير معروف؛ الأنواع: announcement وevent وcampaign وnational_day.",
     "Unknown entry kind \"{0}\"; use announcement, event, campaign or national_day."},
    {"calendar.bad_importance", "الأهمية «{0}» غير معروفة؛ استخدم high أو normal أو low.",
     "Unknown importance \"{0}\"; use high, normal or low."},
    {"calendar.bad_audience",
     "الجمهور «{0}» غير معروف؛ استخدم public أو media أو business أو investors أو residents أو visitors أو youth أو "
     "students أو families أو employees أو partners.",
     "Unknown audience \"{0}\"; use public, media, business, investors, residents, visitors, youth, students, "
     "families, employees or partners."},
    {"calendar.bad_status", "الحالة «{0}» غير معروفة؛ استخدم tentative أو confirmed أو cancelled.",
     "Unknown status \"{0}\"; use tentative, confirmed or cancelled."},
    {"calendar.bad_codes", "الحقل {0} قائمة من 20 رمزًا على الأكثر (حروف لاتينية صغيرة وأرقام وشرطات).",
     "The field {0} is a list of at most 20 codes (lower-case Latin letters, digits, hyphens)."},
    {"calendar.unknown_theme", "المحور «{0}» غير موجود.", "Unknown theme \"{0}\"."},
    {"calendar.unknown_channel", "القناة «{0}» ليست من قنوات الشبكة.", "\"{0}\" is not one of the network's channels."},
    {"calendar.title_required", "أدخل العنوان العربي أو الإنجليزي.", "Give the Arabic or the English title."},
    {"calendar.bad_when", "الحقل {0} يجب أن يكون YYYY-MM-DD (يوم كامل) أو YYYY-MM-DDTHH:MM:SSZ.",
     "The field {0} must be YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM:SSZ."},
    {"calendar.mixed_when", "البداية والنهاية يجب أن تكونا تاريخين معًا أو وقتين معًا.",
     "Start and end must both be dates or both be times."},
    {"calendar.ends_before_start", "النهاية تسبق البداية.", "The end comes before the start."},
    {"calendar.too_long", "المدة أطول من {0, plural, one {يوم واحد} two {يومين} few {# أيام} many {# يومًا} other {# يوم}}.",
     "The duration is longer than {0, plural, one {# day} other {# days}}."},
    {"calendar.bad_day", "الحقل {0} يجب أن يكون تاريخًا بصيغة YYYY-MM-DD.", "The field {0} must be a date (YYYY-MM-DD)."},
    {"calendar.reason_required", "أدخل سبب الحظر بالعربية والإنجليزية.", "Give the reason in Arabic and in English."},
    {"calendar.bad_window", "نافذة التعارض بين {0, number} و{1, number} ساعة.", "The conflict window is {0, number} to {1, number} hours."},
    {"calendar.conflict.window",
     "«{0}» و«{1}» إعلانان عاليا الأهمية للجمهور نفسه ({2}) {3, plural, =0 {في الوقت نفسه} one {بينهما ساعة واحدة} "
     "two {بينهما ساعتان} few {بينهما # ساعات} many {بينهما # ساعة} other {بينهما # ساعة}}، ونافذة التعارض "
     "{4, plural, one {ساعة واحدة} two {ساعتان} few {# ساعات} many {# ساعة} other {# ساعة}}.",
     "\"{0}\" and \"{1}\" are both high-importance for the same audience ({2}), "
     "{3, plural, =0 {at the same time} one {# hour apart} other {# hours apart}}; "
     "the conflict window is {4, plural, one {# hour} other {# hours}}."},
    {"calendar.conflict.blackout", "«{0}» يقع في فترة حظر: {1}.", "\"{0}\" falls on a blackout date: {1}."},
};


void RegisterSchemas(module::ModuleRegistry& reg) {
  const module::Resource& entry = EntryResource();
  const std::vector<std::string> fields = {"kind",        "title_ar",   "title_en",  "description_ar", "description_en",
                                           "starts_at",   "ends_at",    "importance", "audience",      "themes",
                                           "channels",    "location_ar", "location_en", "status"};
  std::vector<std::string> create = fields;
  create.push_back("entity_id");
  reg.AddSchema("CalendarEntryCreate", entry.Input(create, {"kind", "title_ar", "title_en", "starts_at"}));
  reg.AddSchema("CalendarEntryUpdate", entry.Input(fields));
  reg.AddSchema("CalendarEntry", entry.Schema());
  reg.AddSchema("CalendarConflict",
                {{"type", "object"},
                 {"properties",
                  {{"rule", {{"enum", {"window", "blackout"}}}}, {"uids", Codes(20)}, {"gap_minutes", Int()},
                   {"audience", Str(500)}, {"blackout_id", Int()}, {"message_ar", Str(2000)}, {"message_en", Str(2000)}}}});
  // A view's item: an entry, or an item a calendar source supplies (its kinds and statuses are
  // that source's vocabulary, and it has no description, place or authorship); conflicts are
  // indexes into the view's conflicts.
  Json item_props = entry.Schema()["properties"];
  item_props["source"] = {{"type", "string"},
                          {"description", "\"entry\", or the source's item type (content_item, initiative, …)"}};
  item_props["kind"] = Str(64);
  item_props["status"] = Str(64);
  item_props["conflicts"] = {{"type", "array"}, {"items", Int()}};
  reg.AddSchema("CalendarItem", {{"type", "object"},
                                 {"description", "a calendar entry or a dated item of another module (source)"},
                                 {"properties", item_props}});
  reg.AddSchema("Blackout", BlackoutResource().Schema());
  reg.AddSchema("BlackoutList", ListOf("Blackout"));
  reg.AddSchema("BlackoutCreate", BlackoutResource().Input({"entity_id", "starts_on", "ends_on", "reason_ar", "reason_en"},
                                                           {"starts_on", "reason_ar", "reason_en"}));
  reg.AddSchema("CalendarView",
                {{"type", "object"},
                 {"properties",
                  {{"from", Str(10)}, {"to", Str(10)}, {"window_hours", Int()},
                   {"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/CalendarItem"}}}}},
                   {"conflicts", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/CalendarConflict"}}}}},
                   {"blackouts", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Blackout"}}}}}}}});
  reg.AddSchema("CalendarSettings", CalendarSettingsResource().Schema());
  reg.AddSchema("CalendarSettingsUpdate", CalendarSettingsResource().Input({"conflict_window_hours"}, {"conflict_window_hours"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("calendar", {"network", "messaging"});
  using R = auth::Role;
  // One calendar across the network, read by every member; entries belong to their entity's editors
  // and admins; network-wide entries and blackouts and the conflict window to network admins.
  reg.AddPermissions({
      {"calendar.read", {}, true, false, "See the shared calendar and export it"},
      {"calendar.entries.write", {R::kEntityAdmin, R::kEditor}, false, true, "Plan, edit and cancel the entity's entries"},
      {"calendar.blackouts.write", {R::kEntityAdmin}, false, true, "Declare and lift the entity's blackout dates"},
      {"calendar.settings.write", {}, false, true, "Change the conflict window (network admins only)"},
  });
  RegisterVocabularies(reg);
  auto service = std::make_shared<CalendarService>(reg.services().store, reg);
  auto entries = std::make_shared<EntryService>(reg.services().store, reg, *service);
  reg.Keep(service);
  reg.Keep(entries);
  reg.AddKpiSource(std::make_shared<ConflictsKpi>(service));
  reg.AddMigrations(CalendarService::Migrations());
  reg.AddEntityReference("calendar_entries", "entity_id");
  reg.AddEntityReference("calendar_blackouts", "entity_id");
  reg.AddMessages(kMessages);
  reg.AddNotificationSource(std::make_shared<ConflictNotificationSource>(service, reg));
  reg.AddMessages(ConflictNotificationSource::Messages());
  RegisterSchemas(reg);
  RegisterRoutes(reg, service, entries);
  reg.AddDemoSeeder([entries, registry = &reg](store::Store& store, module::DemoContext& ctx) -> core::Status {
    SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry->CurrentTimeZone());
    return SeedDemo(*entries, store.clock(), zone, ctx);
  });
}

}  // namespace sawt::calendar
