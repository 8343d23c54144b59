#include "crisis/notification_source.hpp"

#include <algorithm>

#include "core/numbers.hpp"
#include "crisis/room_access.hpp"

namespace sawt::crisis {
namespace {

using core::Json;
using core::Result;
using module::NotificationDraft;

module::NotificationKind KindOf(const char* code, const char* ar, const char* en, bool email) {
  const std::string key = std::string("crisis.notify_") + code;
  return {code, ar, en, key + "_title", key + "_body", email};
}

std::vector<int64_t> Unique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<int64_t> RoleHolders(const Room& room) {
  std::vector<int64_t> out;
  for (const auto& [account, role] : room.roles) out.push_back(account);
  return Unique(std::move(out));
}

}  // namespace

const std::vector<http::Message>& CrisisNotificationSource::Messages() {
  // {0} title (ar), {1} title (en), {2} the crisis id, {3} real or drill, {4} and {5} the role, or the task's title (ar, en).
  static const std::vector<http::Message> kMessages = {
      {"crisis.notify_crisis_declared_title", "{3, select, drill {أُعلن تمرين} other {أُعلنت أزمة}}: {0}",
       "{3, select, drill {Drill declared} other {Crisis declared}}: {1}"},
      {"crisis.notify_crisis_declared_body", "{3, select, drill {أُعلن التمرين} other {أُعلنت الأزمة}} رقم {2, digits} «{0}». غرفة الأزمة مفتوحة.",
       "{3, select, drill {Drill} other {Crisis}} {2} \"{1}\" was declared. The crisis room is open."},
      {"crisis.notify_crisis_role_title", "كُلّفت بدور في غرفة الأزمة: {0}", "You have a role in the crisis room: {1}"},
      {"crisis.notify_crisis_role_body",
       "كُلّفت بدور «{4, select, lead {قائد الأزمة} spokesperson {المتحدث الرسمي} approver {معتمِد البيانات} other {الرصد والمتابعة}}» في الأزمة رقم {2, digits} «{0}».",
       "You were made {4, select, lead {crisis lead} spokesperson {spokesperson} approver {statement approver} other {monitoring}} in crisis {2} \"{1}\"."},
      {"crisis.notify_crisis_task_title", "مهمة أزمة: {4}", "Crisis task: {5}"},
      {"crisis.notify_crisis_task_body", "أُسندت إليك مهمة «{4}» في الأزمة رقم {2, digits} «{0}».",
       "The task \"{5}\" in crisis {2} \"{1}\" is yours."},
      {"crisis.notify_crisis_closed_title", "{3, select, drill {انتهى التمرين} other {انتهت الأزمة}}: {0}",
       "{3, select, drill {Drill ended} other {Crisis closed}}: {1}"},
      {"crisis.notify_crisis_closed_body", "أُغلقت غرفة الأزمة رقم {2, digits} «{0}».", "The room of crisis {2} \"{1}\" was closed."},
  };
  return kMessages;
}

std::vector<module::NotificationKind> CrisisNotificationSource::kinds() const {
  return {KindOf("crisis_declared", "إعلان أزمة", "Crisis declared", true),
          KindOf("crisis_role", "دور في غرفة أزمة", "Crisis room role", true),
          KindOf("crisis_task", "مهمة أزمة", "Crisis task", true),
          KindOf("crisis_closed", "انتهاء أزمة", "Crisis closed", false)};
}

std::vector<std::string> CrisisNotificationSource::event_types() const {
  return {"crisis.declared", "crisis.roles_assigned", "crisis.task_added", "crisis.task_updated", "crisis.closed"};
}

Result<std::vector<NotificationDraft>> CrisisNotificationSource::Drafts(store::Tx& tx, const store::Event& event) const {
  std::vector<NotificationDraft> out;
  // Task events name the task; the crisis is in their payload.
  const bool task_event = event.object_type == "crisis_task";
  const auto id = task_event ? core::JsonInt64(event.payload.value("crisis_id", Json())) : core::ParseId(event.object_id);
  if (!id || (!task_event && event.object_type != "crisis")) return out;
  auto loaded = LoadRoom(tx, *id);
  if (!loaded) return out;  // gone: nothing to tell
  const Room& room = *loaded;
  std::vector<std::string> params = {room.crisis.Text("title_ar"), room.crisis.Text("title_en"), std::to_string(*id),
                                     room.crisis.Text("kind"), "", ""};
  const std::string link = "#/crises/" + std::to_string(*id);
  const int64_t entity = room.lead_entity();
  if (event.action == "crisis.declared") {
    std::vector<int64_t> recipients = RoleHolders(room);
    for (int64_t e : room.Entities()) {
      SAWT_ASSIGN_OR_RETURN(auto holders, registry_.member_directory().Holders(
                                              tx, e, {auth::Role::kEntityAdmin, auth::Role::kSpokesperson}));
      recipients.insert(recipients.end(), holders.begin(), holders.end());
    }
    out.push_back({Unique(std::move(recipients)), "crisis_declared", params, link, entity});
  } else if (event.action == "crisis.roles_assigned") {
    for (const auto& added : event.payload.value("added", Json::array())) {
      const auto account = core::JsonInt64(added.value("account_id", Json()));
      if (!account) continue;
      params[4] = added.value("role", "");
      out.push_back({{*account}, "crisis_role", params, link, entity});
    }
  } else if (event.action == "crisis.task_added" ||
             (event.action == "crisis.task_updated" && event.payload.value("owner_changed", false))) {
    const auto account = core::JsonInt64(event.payload.value("owner_account_id", Json()));
    const auto task = core::ParseId(event.object_id);
    if (!account || !task) return out;
    auto rows = tx.Query("SELECT title_ar, title_en FROM crisis_tasks WHERE id = $1", {*task});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return out;
    params[4] = (*rows)[0].Text("title_ar");
    params[5] = (*rows)[0].Text("title_en");
    NotificationDraft draft{{*account}, "crisis_task", params, link, entity};
    draft.dedup_key = "crisis_task:" + std::to_string(*task) + ":" + std::to_string(*account);
    out.push_back(std::move(draft));
  } else if (event.action == "crisis.closed") {
    out.push_back({RoleHolders(room), "crisis_closed", params, link, entity});
  }
  return out;
}

}  // namespace sawt::crisis
