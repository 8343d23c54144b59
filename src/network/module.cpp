#include "network/module.hpp"

#include "network/demo.hpp"
#include "network/entity_directory.hpp"
#include "network/member_directory.hpp"
#include "network/network_service.hpp"
#include "network/resources.hpp"
#include "network/routes.hpp"
#include "network/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::network {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified

const std::vector<http::Message> kMessages = {
    {"network.bad_time_zone", "المنطقة الزمنية «{0}» غير معروفة؛ استخدم معرّفًا مثل Asia/Dubai.",
     "Unknown time zone \"{0}\"; use an IANA id such as Asia/Dubai."},
    {"network.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
    {"network.member_not_found", "العضو رقم {0, digits} غير موجود.", "Member {0} does not exist."},
    {"network.membership_not_found", "العضوية رقم {0, digits} غير موجودة.", "Membership {0} does not exist."},
    {"network.responsibility_not_found", "المسؤولية رقم {0, digits} غير موجودة.", "Responsibility {0} does not exist."},
    {"network.bad_kind", "نوع الجهة «{0}» غير معروف؛ الأنواع المقبولة: government وentity وdepartment.",
     "Unknown entity kind \"{0}\"; use government, entity or department."},
    {"network.bad_code", "رمز الجهة يجب أن يتكون من 2 إلى 64 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة.",
     "The entity code must be 2 to 64 lower-case Latin letters, digits or hyphens."},
    {"network.code_taken", "الرمز «{0}» مستخدم لجهة أخرى.", "The code \"{0}\" is already used by another entity."},
    {"network.bad_color", "اللون يجب أن يكون بصيغة ‎#RRGGBB.", "The colour must look like #RRGGBB."},
    {"network.bad_logo_url", "رابط الشعار يجب أن يبدأ بـ https://‎ أو بمسار داخلي.",
     "The logo URL must start with https:// or be a local path."},
    {"network.bad_parent", "الجهة الأم لا تناسب هذا النوع: الحكومة بلا أم، والجهة تتبع حكومة، والإدارة تتبع جهة أو إدارة.",
     "The parent does not fit this kind: a government has none, an entity sits under a government, a department "
     "under an entity or department."},
    {"network.parent_not_found", "الجهة الأم رقم {0, digits} غير موجودة.", "Parent entity {0} does not exist."},
    {"network.entity_not_empty", "لا يمكن حذف الجهة {0} لأن لها إدارات أو أعضاء أو مسؤوليات أو عناصر في وحدات أخرى (رسائل أو محتوى أو تقويم أو مبادرات).",
     "Entity {0} cannot be deleted: it still has departments, members, responsibilities or items of other modules (messages, content, calendar, initiatives)."},
    {"network.bad_email", "البريد الإلكتروني غير صالح.", "The e-mail address is not valid."},
    {"network.bad_role", "الدور «{0}» غير معروف.", "Unknown role \"{0}\"."},
    {"network.entity_and_role_together", "يجب تحديد الجهة والدور معًا.", "Give the entity and the role together."},
    {"network.membership_exists", "هذا العضو يحمل هذا الدور في هذه الجهة مسبقًا.",
     "The member already holds this role in this entity."},
    {"network.last_network_admin", "لا يمكن سحب دور آخر مدير نشط للشبكة أو تعطيل حسابه.",
     "The last active network administrator cannot lose that role or be deactivated."},
    {"network.member_beyond_authority",
     "يحمل هذا العضو أدوارًا لا تملك منحها (في جهات أخرى أو على مستوى الشبكة)؛ لا يعدّل حسابه إلا من يملك منحها كلها.",
     "This member holds roles you cannot grant (in other entities or network-wide); only someone who can grant all of "
     "them may change the account."},
    {"network.membership_not_invited", "هذه العضوية ليست دعوة بانتظار القبول.",
     "This membership is not an invitation waiting for acceptance."},
    {"network.cannot_deactivate_self", "لا يمكنك تعطيل حسابك بنفسك.", "You cannot deactivate your own account."},
    {"network.bad_axis", "المحور «{0}» ليس من محاور دليل الاتصال الحكومي السبعة.",
     "\"{0}\" is not one of the general guide's seven axes."},
    {"network.bad_raci", "قيمة RACI يجب أن تكون R أو A أو C أو I.", "RACI must be R, A, C or I."},
};


void RegisterSchemas(module::ModuleRegistry& reg) {
  reg.AddSchema("NetworkSettings", NetworkSettingsResource().Schema());
  reg.AddSchema("NetworkSettingsUpdate", NetworkSettingsResource().Input({"time_zone"}, {"time_zone"}));
  reg.AddSchema("Axis", {{"type", "object"},
                         {"properties", {{"key", {{"type", "string"}}}, {"name_ar", {{"type", "string"}}}, {"name_en", {{"type", "string"}}}}}});
  reg.AddSchema("AxisList", {{"type", "object"},
                             {"properties", {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Axis"}}}}}}}});
  reg.AddSchema("Entity", EntityResource().Schema());
  reg.AddSchema("EntityCreate", EntityResource().Input({"kind", "code", "name_ar", "name_en", "color", "logo_url", "parent_id"},
                                                       {"kind", "code", "name_ar", "name_en"}));
  reg.AddSchema("EntityUpdate", EntityResource().Input({"name_ar", "name_en", "color", "logo_url"}));
  reg.AddSchema("Member", MemberResource().Schema());
  // Creating an account also sets its first password and may grant a first role.
  reg.AddSchema("MemberCreate",
                MemberResource().Input({"login", "name_ar", "name_en", "title_ar", "title_en", "email"},
                                       {"login", "password", "name_ar", "name_en", "email"},
                                       {{"password", {{"type", "string"}, {"minLength", 10}, {"maxLength", 256}}},
                                        {"entity_id", Int()},
                                        {"role", Enum(Roles())}}));
  reg.AddSchema("MemberUpdate", MemberResource().Input({"name_ar", "name_en", "title_ar", "title_en", "email", "active"}));
  reg.AddSchema("Membership", MembershipResource().Schema());
  reg.AddSchema("MembershipCreate", MembershipResource().Input({"member_id", "entity_id", "role"},
                                                               {"member_id", "entity_id", "role"}));
  const auto& responsibility = ResponsibilityResource();
  reg.AddSchema("Responsibility", responsibility.Schema());
  reg.AddSchema("ResponsibilityCreate",
                responsibility.Input({"entity_id", "axis", "task_ar", "task_en", "member_id", "raci"},
                                     {"entity_id", "axis", "task_ar", "task_en", "member_id", "raci"}));
  reg.AddSchema("ResponsibilityUpdate", responsibility.Input({"axis", "task_ar", "task_en", "member_id", "raci"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("network", {"accounts"});
  using R = auth::Role;
  // The entity directory is visible to every member of the network; another entity's internals
  // (its members, their roles, its responsibilities) need a role in that entity.
  reg.AddPermissions({
      {"network.entities.read", {}, true, false, "See the entity directory"},
      {"network.entities.create", {R::kEntityAdmin}, false, true, "Create departments under the entity"},
      {"network.entities.update", {R::kEntityAdmin}, false, true, "Edit the entity's record"},
      {"network.entities.delete", {}, false, true, "Delete an entity (network admins only)"},
      {"network.members.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false, "See the entity's members"},
      {"network.members.create", {R::kEntityAdmin}, false, true, "Add members to the entity"},
      {"network.members.update", {R::kEntityAdmin}, false, true, "Edit or deactivate the entity's members"},
      {"network.memberships.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false, "See who holds which role in the entity"},
      {"network.memberships.write", {R::kEntityAdmin}, false, true, "Grant and revoke roles in the entity (never network admin)"},
      {"network.responsibilities.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false, "See the entity's RACI responsibilities"},
      {"network.responsibilities.write", {R::kEntityAdmin}, false, true, "Edit the entity's RACI responsibilities"},
      {"network.settings.write", {}, false, true, "Change the network's time zone (network admins only)"},
  });
  RegisterVocabularies(reg);
  reg.SetEntityDirectory(std::make_shared<NetworkEntityDirectory>());
  auto service = std::make_shared<NetworkService>(reg.services().store, &reg.entity_references());
  auto roles = std::make_shared<MembershipService>(reg.services().store);
  reg.Keep(service);
  reg.Keep(roles);
  auto settings = std::make_shared<NetworkSettingsService>(reg.services().store);
  reg.SetNetworkTime(settings);
  reg.AddMigrations(NetworkService::Migrations());
  reg.AddMigrations(NetworkSettingsService::Migrations());
  reg.AddMessages(kMessages);
  RegisterSchemas(reg);
  reg.services().auth.SetRoleResolver(&NetworkService::ResolveRoles);
  reg.SetMemberDirectory(std::make_shared<NetworkMemberDirectory>());
  for (auto& type : NetworkService::SearchTypes()) reg.AddSearchType(std::move(type));
  RegisterRoutes(reg, service, roles);
  RegisterSettingsRoutes(reg, settings);
  reg.AddDemoSeeder([service, roles](store::Store&, module::DemoContext& ctx) { return SeedDemo(*service, *roles, ctx); });
}

}  // namespace sawt::network
