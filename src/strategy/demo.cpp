#include "strategy/demo.hpp"

#include <cmath>
#include <optional>
#include <vector>

#include "core/clock.hpp"

namespace sawt::strategy {
namespace {

using core::Json;

struct DemoObjective {
  const char* code;
  const char* kind;
  const char* title_ar;
  const char* title_en;
};

const std::vector<DemoObjective> kUmbrella = {
    {"O1", "objective", "توحيد الصوت الحكومي: رسائل متسقة ومعتمدة لجميع الجهات",
     "One government voice: consistent, approved messages across every entity"},
    {"O2", "objective", "تعزيز التفاعل مع الجمهور وبناء الثقة بالخدمات الحكومية",
     "Stronger public interaction and trust in government services"},
    {"O3", "objective", "اتصال رقمي متكامل وفعّال على جميع القنوات", "Integrated, effective digital communication on every channel"},
    {"O4", "objective", "بناء قدرات فرق الاتصال الحكومي", "Capable government communication teams"},
    {"O5", "objective", "الجاهزية للاتصال في الأزمات والطوارئ", "Readiness to communicate in crises and emergencies"},
    {"P1", "national_priority", "تعزيز صورة الدولة وسمعتها محليًا وعالميًا", "The country's image and reputation at home and abroad"},
    {"P2", "national_priority", "تعزيز حضور اللغة العربية في الاتصال الحكومي", "Arabic at the heart of government communication"},
    {"P3", "national_priority", "منظومة اتصال حكومي متكاملة بين الجهات", "An integrated government communication system across entities"},
};

struct DemoEntityObjective {
  const char* title_ar;
  const char* title_en;
  std::vector<const char*> serves;
};

struct DemoEntityStrategy {
  const char* entity;
  std::vector<DemoEntityObjective> objectives;
};

// Every demo entity's own strategy; P2 is served by nobody (the traceability view says so).
const std::vector<DemoEntityStrategy> kEntities = {
    {"gco", {{"تنسيق الرسائل الاستراتيجية بين الجهات عبر الشبكة", "Coordinate strategic messages across entities through the network", {"O1", "P3"}},
             {"برنامج سنوي لتطوير مهارات أعضاء الشبكة", "A yearly skills programme for network members", {"O4"}}}},
    {"executive-council", {{"إبراز إنجازات الخطة الاستراتيجية للإمارة", "Show the emirate plan's achievements", {"P1", "O1"}}}},
    {"cabinet", {{"إعلام موحد لقرارات مجلس الوزراء", "One-voice announcement of cabinet decisions", {"O1"}}}},
    {"police", {{"توعية مرورية وأمنية مستمرة على جميع القنوات", "Continuous road and public safety awareness on every channel", {"O2", "O3"}},
                {"بيانات أولية خلال 30 دقيقة من أي حادث كبير", "First statement within 30 minutes of any major incident", {"O5"}}}},
    {"health", {{"رسائل صحية موثوقة تستند إلى الحقائق المعتمدة", "Trusted health messages built on approved facts", {"O1", "O2"}},
                {"جاهزية الاتصال في الطوارئ الصحية", "Communication readiness for health emergencies", {"O5"}}}},
    {"rta", {{"إشراك المتعاملين في تطوير خدمات النقل", "Involve customers in improving transport services", {"O2"}},
             {"حضور رقمي متكامل للتطبيقات والخدمات", "An integrated digital presence for apps and services", {"O3"}}}},
    {"municipality", {{"التواصل مع السكان حول المشاريع والخدمات البلدية", "Talk with residents about municipal projects and services", {"O2"}}}},
    {"tourism", {{"الترويج لصورة الإمارة وجهةً عالمية", "Promote the emirate as a global destination", {"P1", "O3"}}}},
    {"economy", {{"إبراز بيئة الأعمال والاستثمار", "Show the business and investment climate", {"P1"}}}},
    {"knowledge", {{"شراكة مع أولياء الأمور في التواصل المدرسي", "Partner with parents in school communication", {"O2"}}}},
    {"civil-defence", {{"رسائل السلامة الموحدة في المواسم والطوارئ", "One set of safety messages in seasons and emergencies", {"O5", "O1"}}}},
    {"electricity", {{"التوعية بترشيد الاستهلاك عبر القنوات الرقمية", "Digital awareness campaigns on saving energy and water", {"O3", "O2"}}}},
};

struct DemoActivity {
  const char* title_ar;
  const char* title_en;
  int start_offset, due_offset;  // days from today
  const char* status;
  int progress;
  // RACI beyond the owner (the entity's editor): role suffixes of the entity's demo staff
  // ("director" → police.director), left out where the entity has no such member.
  const char* accountable;
  std::vector<const char*> consulted, informed;
  std::vector<int> depends_on;  // indexes of earlier activities of the list
};

// Each entity gets these, dated around today: in every status, one overdue. The spokespersons'
// workshop waits for the overdue key message guide; the campaign followed the approved plan.
const std::vector<DemoActivity> kActivities = {
    {"إعداد خطة الاتصال السنوية واعتمادها", "Prepare and approve the annual communication plan", -120, -60, "done", 100,
     "director", {"reviewer"}, {"analyst", "spokesperson"}, {}},
    {"حملة توعوية ربع سنوية على القنوات الرقمية", "Quarterly awareness campaign on digital channels", -20, 25, "in_progress", 40,
     "director", {"reviewer", "spokesperson"}, {"analyst"}, {0}},
    {"تحديث دليل الرسائل الرئيسية للجهة", "Update the entity's key message guide", -45, -5, "in_progress", 70,
     "director", {"reviewer"}, {"spokesperson"}, {}},
    {"ورشة تدريبية للمتحدثين الرسميين", "Workshop for official spokespersons", 10, 40, "planned", 0,
     "director", {"spokesperson"}, {}, {2}},
    {"استبيان رضا الجمهور عن قنوات التواصل", "Public satisfaction survey on communication channels", -30, 14, "blocked", 20,
     nullptr, {"analyst"}, {}, {1}},
    {"مؤتمر صحفي مشترك ألغي لتعارض المواعيد", "Joint press conference (cancelled: clashing dates)", -10, 5, "cancelled", 0,
     nullptr, {}, {}, {}},
};

std::string DaysFrom(int64_t today_us, int days) {
  return core::FormatIsoUtc(today_us + int64_t{days} * 86400 * 1000000).substr(0, 10);
}

/// A command's outcome as a status (the demo needs only whether it worked).
core::Status Done(const core::Result<Json>& r) { return r ? core::Ok() : core::Status(r.error()); }

/// The last `n` quarters up to the one `today` falls in, oldest first ("2025-Q1" …).
std::vector<std::string> LastQuarters(const std::string& today, int n) {
  int year = std::stoi(today.substr(0, 4)), quarter = (std::stoi(today.substr(5, 2)) - 1) / 3 + 1;
  std::vector<std::string> out(static_cast<size_t>(n));
  for (int i = n - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = std::to_string(year) + "-Q" + std::to_string(quarter);
    if (--quarter == 0) {
      quarter = 4;
      --year;
    }
  }
  return out;
}

core::Status SeedKpis(KpiService& kpis, const auth::Caller& system, module::DemoContext& ctx, const std::string& today) {
  const auto quarters = LastQuarters(today, 8);
  auto id_of = [](const core::Result<Json>& made) { return (*made)["id"].get<int64_t>(); };
  // The network's output, computed from messaging's published content.
  auto published = kpis.Create(system, {{"code", "network.content-published"},
                                        {"name_ar", "المواد المنشورة عبر الشبكة"},
                                        {"name_en", "Content published across the network"},
                                        {"unit", "items"},
                                        {"direction", "up"},
                                        {"frequency", "quarterly"},
                                        {"source", "messaging.content_published"}});
  if (!published) return std::move(published).error();
  for (const auto& q : quarters) {
    SAWT_TRY_STATUS(Done(kpis.PutTarget(system, id_of(published), q, {{"target", 12}})));
    SAWT_TRY_STATUS(Done(kpis.Refresh(system, id_of(published), {{"period", q}})));
  }
  // Public satisfaction, surveyed each quarter by three entities; the municipality slips.
  struct Survey {
    const char* entity;
    double start, step;
  };
  for (const Survey& s : {Survey{"police", 78, 1.5}, Survey{"health", 81, 0.8}, Survey{"municipality", 74, -1.2}}) {
    auto made = kpis.Create(system, {{"code", std::string(s.entity) + ".satisfaction"},
                                     {"entity_id", ctx.entities.at(s.entity)},
                                     {"name_ar", "رضا الجمهور عن التواصل"},
                                     {"name_en", "Public satisfaction with communication"},
                                     {"unit", "%"},
                                     {"direction", "up"},
                                     {"frequency", "quarterly"},
                                     {"baseline", s.start}});
    if (!made) return std::move(made).error();
    double value = s.start;
    for (size_t i = 0; i < quarters.size(); ++i) {
      SAWT_TRY_STATUS(Done(kpis.PutTarget(system, id_of(made), quarters[i], {{"target", 80 + 0.5 * static_cast<double>(i)}})));
      value += s.step;
      SAWT_TRY_STATUS(Done(kpis.PutMeasurement(system, id_of(made), quarters[i],
                                          {{"value", std::round(value * 10) / 10}, {"reason", "Quarterly survey report"}})));
    }
  }
  auto completed = kpis.Create(system, {{"code", "rta.initiatives-completed"},
                                        {"entity_id", ctx.entities.at("rta")},
                                        {"name_ar", "المبادرات المكتملة"},
                                        {"name_en", "Initiatives completed"},
                                        {"unit", "initiatives"},
                                        {"direction", "up"},
                                        {"frequency", "yearly"},
                                        {"source", "initiatives.completed"}});
  if (!completed) return std::move(completed).error();
  const std::string year = today.substr(0, 4);
  SAWT_TRY_STATUS(Done(kpis.PutTarget(system, id_of(completed), year, {{"target", 2}})));
  SAWT_TRY_STATUS(Done(kpis.Refresh(system, id_of(completed), {{"period", year}})));
  return core::Ok();
}

/// A follow-up meeting of the entity's plan three weeks ago: minutes and two decisions, one of
/// which became an activity due next month.
core::Status SeedMeeting(MeetingService& meetings, const auth::Caller& system, int64_t entity_id, int64_t today_us) {
  auto made = meetings.Create(system, {{"entity_id", entity_id},
                                       {"title_ar", "اجتماع متابعة خطة الاتصال الربعي"},
                                       {"title_en", "Quarterly communication plan follow-up"},
                                       {"held_on", DaysFrom(today_us, -21)},
                                       {"attendees", "مدير الاتصال، رئيس المحتوى، المتحدث الرسمي"},
                                       {"minutes", "راجع الفريق تقدم الأنشطة وأسباب التأخر في النشاط المتوقف، واتفق على إجراءات "
                                                   "التصحيح. The team reviewed progress and agreed corrective actions."}});
  if (!made) return made.error();
  const int64_t id = (*made)["id"];
  SAWT_TRY_STATUS(Done(meetings.AddDecision(system, id, {{"text_ar", "إعادة جدولة الحملة المتوقفة بعد اعتماد الرسائل الرئيسية"},
                                                        {"text_en", "Reschedule the blocked campaign once its key messages are approved"},
                                                        {"activity", {{"due_date", DaysFrom(today_us, 30)}}}})));
  return Done(meetings.AddDecision(system, id, {{"text_ar", "رفع تقرير التقدم إلى مكتب الاتصال الحكومي"},
                                                {"text_en", "Report progress to the Government Communication Office"}}));
}

}  // namespace

core::Status SeedDemo(StrategyService& strategies, ActivityService& activities, KpiService& kpis, MeetingService& meetings,
                      const module::ModuleRegistry& registry, store::Store& store, module::DemoContext& ctx) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  Json objectives = Json::array();
  for (const auto& o : kUmbrella) {
    objectives.push_back({{"code", o.code}, {"kind", o.kind}, {"title_ar", o.title_ar}, {"title_en", o.title_en}});
  }
  auto umbrella = strategies.Create(
      system, {{"scope", "umbrella"},
               {"title_ar", "استراتيجية الاتصال الحكومي"},
               {"title_en", "Government Communication Strategy"},
               {"vision_ar", "اتصال حكومي موحد وفعّال يعزز ثقة المجتمع ويُبرز صورة الدولة."},
               {"vision_en", "Unified, effective government communication that builds public trust and the country's image."},
               {"period_start", 2026},
               {"period_end", 2030},
               {"status", "active"},
               {"objectives", objectives}});
  if (!umbrella) return std::move(umbrella).error();
  const int64_t umbrella_id = (*umbrella)["id"];

  SAWT_ASSIGN_OR_RETURN(core::TimeZone zone, registry.CurrentTimeZone());
  int64_t today_us = 0;
  core::ParseIsoUtc(zone.DateOf(store.clock().NowMicros()), &today_us);
  for (const auto& e : kEntities) {
    const int64_t entity_id = ctx.entities.at(e.entity);
    Json list = Json::array();
    int n = 0;
    for (const auto& o : e.objectives) {
      list.push_back({{"code", "E" + std::to_string(++n)}, {"title_ar", o.title_ar}, {"title_en", o.title_en},
                      {"serves", o.serves}});
    }
    auto made = strategies.Create(system, {{"scope", "entity"},
                                           {"entity_id", entity_id},
                                           {"umbrella_id", umbrella_id},
                                           {"title_ar", "استراتيجية الاتصال"},
                                           {"title_en", "Communication strategy"},
                                           {"period_start", 2026},
                                           {"period_end", 2030},
                                           {"status", "active"},
                                           {"objectives", list}});
    if (!made) return std::move(made).error();
    const int64_t first_objective = (*made)["objectives"][0]["id"];
    const auto editor = ctx.accounts.find(std::string(e.entity) + ".editor");
    auto staff = [&](const char* suffix) -> std::optional<std::string> {
      const std::string login = std::string(e.entity) + "." + suffix;
      if (ctx.accounts.count(login) == 0) return std::nullopt;
      return login;
    };
    auto logins = [&](const std::vector<const char*>& suffixes) {
      Json out = Json::array();
      for (const char* suffix : suffixes) {
        if (auto login = staff(suffix)) out.push_back(*login);
      }
      return out;
    };
    std::vector<int64_t> made_ids;
    for (const auto& a : kActivities) {
      Json body = {{"entity_id", entity_id},
                   {"objective_id", first_objective},
                   {"title_ar", a.title_ar},
                   {"title_en", a.title_en},
                   {"start_date", DaysFrom(today_us, a.start_offset)},
                   {"due_date", DaysFrom(today_us, a.due_offset)},
                   {"status", a.status},
                   {"progress", a.progress}};
      if (editor != ctx.accounts.end()) body["owner_login"] = editor->first;
      if (a.accountable != nullptr) {
        if (auto login = staff(a.accountable)) body["accountable"] = *login;
      }
      body["consulted"] = logins(a.consulted);
      body["informed"] = logins(a.informed);
      Json depends_on = Json::array();
      for (int i : a.depends_on) depends_on.push_back(made_ids.at(static_cast<size_t>(i)));
      body["depends_on"] = depends_on;
      auto added = activities.Create(system, body);
      if (!added) return std::move(added).error();
      made_ids.push_back((*added)["id"].get<int64_t>());
      if (std::string(a.status) == "done") {
        // What a finished activity leaves behind: the minutes of the meeting that approved it.
        const std::string minutes = "محضر اعتماد: " + std::string(a.title_ar) + "\nMinutes of approval: " + a.title_en +
                                    "\nالتاريخ / Date: " + DaysFrom(today_us, a.due_offset) + "\n";
        SAWT_TRY_STATUS(Done(activities.AddEvidence(system, made_ids.back(), "approval-minutes.txt", "text/plain", minutes)));
      }
    }
    SAWT_TRY_STATUS(SeedMeeting(meetings, system, entity_id, today_us));
  }
  return SeedKpis(kpis, system, ctx, zone.DateOf(store.clock().NowMicros()));
}

}  // namespace sawt::strategy
