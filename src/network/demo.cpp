#include "network/demo.hpp"

#include <array>

#include "network/model.hpp"

namespace sawt::network {
namespace {

using core::Json;

struct DemoEntity {
  const char* code;
  const char* parent;  // code of the parent, "" for the government
  const char* kind;
  const char* name_ar;
  const char* name_en;
  const char* color;
};

// A fictional emirate government modelled on the seed articles: a central communication office
// that coordinates the communication departments of every government entity.
constexpr DemoEntity kEntities[] = {
    {"government", "", "government", "حكومة الإمارة", "Emirate Government", "#7a1f2b"},
    {"gco", "government", "entity", "مكتب الاتصال الحكومي", "Government Communication Office", "#7a1f2b"},
    {"executive-council", "government", "entity", "الأمانة العامة للمجلس التنفيذي",
     "General Secretariat of the Executive Council", "#8a6d3b"},
    {"cabinet", "government", "entity", "الأمانة العامة لمجلس الوزراء", "General Secretariat of the Cabinet", "#5b4636"},
    {"police", "government", "entity", "القيادة العامة للشرطة", "General Command of Police", "#1d3f73"},
    {"health", "government", "entity", "هيئة الصحة", "Health Authority", "#00857c"},
    {"rta", "government", "entity", "هيئة الطرق والمواصلات", "Roads and Transport Authority", "#c8102e"},
    {"municipality", "government", "entity", "البلدية", "Municipality", "#2e7d32"},
    {"tourism", "government", "entity", "دائرة السياحة والتسويق التجاري", "Department of Tourism and Commerce Marketing",
     "#b8860b"},
    {"economy", "government", "entity", "دائرة التنمية الاقتصادية", "Department of Economic Development", "#37474f"},
    {"knowledge", "government", "entity", "هيئة المعرفة والتنمية البشرية", "Knowledge and Human Development Authority",
     "#6a1b9a"},
    {"civil-defence", "government", "entity", "الإدارة العامة للدفاع المدني", "General Directorate of Civil Defence",
     "#d84315"},
    {"electricity", "government", "entity", "هيئة الكهرباء والمياه", "Electricity and Water Authority", "#0277bd"},
    {"police-media", "police", "department", "إدارة الإعلام الأمني", "Security Media Department", "#1d3f73"},
    {"health-comms", "health", "department", "إدارة الاتصال المؤسسي", "Corporate Communication Department", "#00857c"},
    {"rta-marketing", "rta", "department", "إدارة التسويق والاتصال المؤسسي",
     "Marketing and Corporate Communication Department", "#c8102e"},
    {"municipality-comms", "municipality", "department", "إدارة الاتصال الحكومي", "Government Communication Department",
     "#2e7d32"},
};

struct DemoPerson {
  const char* name_ar;
  const char* name_en;
};

// Fictional people.
constexpr DemoPerson kPeople[] = {
    {"مريم سالم الكعبي", "Maryam Salem Al Kaabi"},       {"خالد عبدالله المنصوري", "Khalid Abdullah Al Mansouri"},
    {"فاطمة أحمد الشامسي", "Fatima Ahmed Al Shamsi"},     {"سعيد راشد النعيمي", "Saeed Rashid Al Nuaimi"},
    {"عائشة محمد الظاهري", "Aisha Mohammed Al Dhaheri"},  {"عمر يوسف الحمادي", "Omar Yousef Al Hammadi"},
    {"نورة حمد المهيري", "Noura Hamad Al Muhairi"},        {"حمد سلطان السويدي", "Hamad Sultan Al Suwaidi"},
    {"ليلى خليفة البلوشي", "Laila Khalifa Al Balushi"},   {"راشد جمعة الفلاسي", "Rashid Juma Al Falasi"},
    {"هند علي المري", "Hind Ali Al Marri"},              {"ماجد إبراهيم الزعابي", "Majid Ibrahim Al Zaabi"},
    {"شيخة ناصر القاسمي", "Shaikha Nasser Al Qasimi"},    {"يوسف مبارك الكتبي", "Yousef Mubarak Al Ketbi"},
    {"موزة سعيد العامري", "Moza Saeed Al Amri"},          {"عبدالرحمن حسن الرميثي", "Abdulrahman Hassan Al Romaithi"},
    {"سارة عبيد الشحي", "Sara Obaid Al Shehhi"},          {"محمد عيسى الهاشمي", "Mohammed Eisa Al Hashimi"},
    {"آمنة راشد بن حيدر", "Amna Rashid Bin Haider"},      {"سلطان خلفان الدرعي", "Sultan Khalfan Al Derei"},
    {"مها عبدالعزيز الخاجة", "Maha Abdulaziz Al Khaja"},  {"أحمد سيف المزروعي", "Ahmed Saif Al Mazrouei"},
    {"ريم حميد الجنيبي", "Reem Humaid Al Junaibi"},       {"جاسم محمد البستكي", "Jassim Mohammed Al Bastaki"},
    {"لطيفة خالد النقبي", "Latifa Khalid Al Naqbi"},      {"بدر عبدالله الغفلي", "Badr Abdullah Al Ghafli"},
    {"حصة مطر الطنيجي", "Hessa Matar Al Tunaiji"},        {"علي حسين الأنصاري", "Ali Hussein Al Ansari"},
    {"شما سالم المطروشي", "Shamma Salem Al Matrooshi"},   {"فيصل أحمد العوضي", "Faisal Ahmed Al Awadhi"},
    {"ميثاء جمعة الرئيسي", "Maitha Juma Al Raisi"},       {"طارق ماجد الحوسني", "Tariq Majid Al Hosani"},
    {"نوف سعيد بن سليمان", "Nouf Saeed Bin Sulaiman"},    {"هزاع محمد اليماحي", "Hazza Mohammed Al Yammahi"},
    {"دانة يوسف المرزوقي", "Dana Yousef Al Marzouqi"},    {"عبدالله راشد السبوسي", "Abdullah Rashid Al Suboosi"},
    {"منى حسن الكندي", "Mona Hassan Al Kindi"},           {"زايد خليفة المنهالي", "Zayed Khalifa Al Manhali"},
    {"أسماء علي الحمودي", "Asma Ali Al Hammoudi"},        {"ناصر عبيد الكربي", "Nasser Obaid Al Karbi"},
    {"وفاء محمد الملا", "Wafa Mohammed Al Mulla"},        {"سيف حمد الشامسي", "Saif Hamad Al Shamsi"},
};

struct DemoRole {
  const char* suffix;  // login is "<entity code>.<suffix>"
  auth::Role role;
  const char* title_ar;
  const char* title_en;
};

constexpr DemoRole kEntityRoles[] = {
    {"director", auth::Role::kEntityAdmin, "مدير إدارة الاتصال", "Director of Communication"},
    {"editor", auth::Role::kEditor, "أخصائي اتصال ومحرر", "Communication Specialist and Editor"},
    {"reviewer", auth::Role::kReviewer, "رئيس قسم المحتوى", "Head of Content"},
};

struct DemoTask {
  const char* axis;
  const char* task_ar;
  const char* task_en;
};

constexpr DemoTask kTasks[] = {
    {"stakeholder_responsibilities", "تحديد الأطراف المعنية وتحديث خريطة أصحاب المصلحة",
     "Map the stakeholders and keep the stakeholder map current"},
    {"communication_tasks", "إعداد خطة الاتصال السنوية ومتابعة تنفيذها",
     "Prepare the annual communication plan and follow up its execution"},
    {"public_image", "مراقبة الالتزام بدليل الهوية المؤسسية", "Monitor compliance with the corporate identity guide"},
    {"internal_communication", "إصدار النشرة الداخلية الشهرية", "Publish the monthly internal newsletter"},
    {"external_communication", "تنسيق المشاركة في الفعاليات والمعارض", "Coordinate participation in events and exhibitions"},
    {"electronic_communication", "إدارة حسابات التواصل الاجتماعي والموقع الإلكتروني",
     "Run the social media accounts and the website"},
    {"media_communication", "إعداد البيانات الصحفية والرد على استفسارات وسائل الإعلام",
     "Prepare press releases and answer media inquiries"},
};

core::Result<int64_t> AddMember(NetworkService& svc, const auth::Caller& system, module::DemoContext& ctx,
                                size_t& person, const std::string& login, const std::string& password,
                                int64_t entity_id, auth::Role role, const char* title_ar, const char* title_en) {
  const DemoPerson& p = kPeople[person++ % std::size(kPeople)];
  Json body = {{"login", login},     {"password", password},         {"name_ar", p.name_ar},
               {"name_en", p.name_en}, {"title_ar", title_ar},       {"title_en", title_en},
               {"email", login + "@demo.sawt.example"}, {"entity_id", entity_id}, {"role", auth::RoleName(role)}};
  auto member = svc.CreateMember(system, body, NewAccount::kDemo);
  if (!member) return std::move(member).error();
  int64_t id = (*member)["id"];
  ctx.accounts[login] = id;
  ctx.logins.push_back({login, password, std::string(auth::RoleName(role)) + " — " + title_en});
  return id;
}

}  // namespace

core::Status SeedDemo(NetworkService& svc, MembershipService& roles, module::DemoContext& ctx) {
  // The demo is loaded by the system itself, acting with network-wide rights.
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;

  for (const auto& e : kEntities) {
    Json body = {{"kind", e.kind}, {"code", e.code}, {"name_ar", e.name_ar}, {"name_en", e.name_en}, {"color", e.color}};
    if (*e.parent) body["parent_id"] = ctx.entities.at(e.parent);
    auto created = svc.CreateEntity(system, body);
    if (!created) return std::move(created).error();
    ctx.entities[e.code] = (*created)["id"];
  }

  size_t person = 0;
  const int64_t gco = ctx.entities.at("gco");
  SAWT_TRY_STATUS(AddMember(svc, system, ctx, person, "admin", "admin-demo", gco, auth::Role::kNetworkAdmin,
                            "مدير مكتب الاتصال الحكومي", "Director, Government Communication Office"));
  SAWT_TRY_STATUS(AddMember(svc, system, ctx, person, "gco.analyst", kDemoPassword, gco, auth::Role::kAnalyst,
                            "محلل رصد إعلامي", "Media Monitoring Analyst"));
  SAWT_TRY_STATUS(AddMember(svc, system, ctx, person, "gco.trainer", kDemoPassword, gco, auth::Role::kTrainer,
                            "مسؤول بناء القدرات", "Capacity Building Officer"));
  SAWT_TRY_STATUS(AddMember(svc, system, ctx, person, "gco.editor", kDemoPassword, gco, auth::Role::kEditor,
                            "محرر الرسائل الرئيسية", "Key Messages Editor"));

  int index = 0;
  for (const auto& e : kEntities) {
    if (std::string_view(e.kind) != "entity" || std::string_view(e.code) == "gco") continue;
    const int64_t entity_id = ctx.entities.at(e.code);
    std::map<std::string, int64_t> staff;
    for (const auto& r : kEntityRoles) {
      SAWT_ASSIGN_OR_RETURN(staff[r.suffix], AddMember(svc, system, ctx, person, std::string(e.code) + "." + r.suffix,
                                                       kDemoPassword, entity_id, r.role, r.title_ar, r.title_en));
    }
    // Every other entity has its own official spokesperson.
    if (index++ % 2 == 0) {
      SAWT_ASSIGN_OR_RETURN(staff["spokesperson"],
                            AddMember(svc, system, ctx, person, std::string(e.code) + ".spokesperson", kDemoPassword,
                                      entity_id, auth::Role::kSpokesperson, "المتحدث الرسمي", "Official Spokesperson"));
    }
    for (const auto& t : kTasks) {
      const bool media = std::string_view(t.axis) == "media_communication";
      const std::pair<const char*, const char*> raci[] = {
          {media && staff.count("spokesperson") ? "spokesperson" : "editor", "R"},
          {"director", "A"},
          {"reviewer", "C"},
      };
      for (const auto& [who, letter] : raci) {
        Json body = {{"entity_id", entity_id}, {"axis", t.axis},       {"task_ar", t.task_ar},
                     {"task_en", t.task_en},   {"member_id", staff.at(who)}, {"raci", letter}};
        auto created = roles.CreateResponsibility(system, body);
        if (!created) return std::move(created).error();
      }
    }
  }
  return core::Ok();
}

}  // namespace sawt::network
