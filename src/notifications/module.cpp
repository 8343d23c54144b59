#include "notifications/module.hpp"

#include "core/log.hpp"
#include "module/schema.hpp"
#include "notifications/email_delivery.hpp"
#include "notifications/notification_service.hpp"
#include "notifications/producer.hpp"
#include "notifications/routes.hpp"
#include "notifications/stream.hpp"

namespace sawt::notifications {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;

const std::vector<http::Message> kMessages = {
    {"notifications.not_found", "التنبيه رقم {0, digits} غير موجود.", "Notification {0} does not exist."},
    {"notifications.bad_unread", "قيمة unread إما true أو false.", "unread is true or false."},
    {"notifications.bad_preferences", "التفضيلات قائمة kinds من 100 عنصر على الأكثر، لكل منها kind وin_app وemail.",
     "Preferences are a kinds list of at most 100 objects, each with kind, in_app and email."},
    {"notifications.unknown_kind", "نوع التنبيه «{0}» غير معروف (انظر ‎/api/v1/vocabularies).",
     "Unknown notification kind \"{0}\" (see /api/v1/vocabularies)."},
    {"notifications.duplicate_kind", "نوع التنبيه «{0}» مكرر.", "Notification kind \"{0}\" appears twice."},
    {"notifications.too_many_streams", "فتحت اتصالات بث تنبيهات كثيرة بهذا الحساب؛ أغلق بعضها ثم أعد المحاولة.",
     "This account has too many notification streams open; close some and try again."},
    {"notifications.bad_last_event_id", "قيمة Last-Event-ID غير صالحة.", "Last-Event-ID is not valid."},
    {"notifications.bad_smtp_relay", "عنوان خادم البريد يُكتب بصيغة المضيف:المنفذ.", "The SMTP relay is written host:port."},
    {"notifications.bad_address", "عنوان البريد الإلكتروني غير صالح للإرسال.", "The e-mail address cannot be sent to."},
};

void RegisterSchemas(module::ModuleRegistry& reg, const module::Vocabulary& kinds) {
  reg.AddSchema("Notification",
                Obj({{"id", Int()}, {"kind", Enum(kinds)}, {"title", Str(4000)}, {"body", Str(8000)}, {"link", Str(2000)},
                     {"entity_id", NullableInt()}, {"created_at", Timestamp()}, {"read_at", NullableTimestamp()}},
                    {"id", "kind", "title", "body", "link", "entity_id", "created_at", "read_at"}));
  reg.AddSchema("NotificationList",
                Obj({{"items", {{"type", "array"}, {"items", Ref("Notification")}}},
                     {"next_cursor", NullableStr(32)},
                     {"unread", Int()}},
                    {"items", "next_cursor", "unread"}));
  reg.AddSchema("NotificationUnread", Obj({{"unread", Int()}}, {"unread"}));
  reg.AddSchema("NotificationPreferences",
                Obj({{"kinds", {{"type", "array"},
                                {"maxItems", 100},
                                {"items", Obj({{"kind", Enum(kinds)}, {"in_app", Bool()}, {"email", Bool()}},
                                              {"kind", "in_app", "email"})}}}},
                    {"kinds"}));
  reg.AddSchema("NotificationEmail",
                Obj({{"id", Int()}, {"notification_id", Int()}, {"account_id", Int()}, {"address", Str(254)},
                     {"subject", Str(8000)}, {"status", {{"type", "string"}, {"enum", {"pending", "sent", "failed", "held"}}}},
                     {"attempts", Int()}, {"last_error", NullableStr(500)}, {"created_at", Timestamp()},
                     {"updated_at", Timestamp()}, {"sent_at", NullableTimestamp()}},
                    {"id", "notification_id", "account_id", "address", "subject", "status", "attempts", "last_error",
                     "created_at", "updated_at", "sent_at"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("notifications", {"network", "messaging", "calendar", "strategy"});
  reg.AddPermissions({
      {"notifications.read", {}, true, false, "See one's own notifications and notification preferences"},
      {"notifications.write", {}, true, true, "Mark one's own notifications read and set one's own preferences"},
      {"notifications.outbox.read", {}, false, false, "See the notification e-mail outbox (network admins only)"},
  });
  auto service = std::make_shared<NotificationService>(reg.services().store, reg);
  std::vector<module::Term> terms;
  for (const auto& kind : service->Kinds()) {
    terms.push_back({kind.code, kind.label_ar, kind.label_en, {{"email_by_default", kind.email_by_default}}});
  }
  const module::Vocabulary& kinds = reg.AddVocabulary(module::Vocabulary("notification_kinds", std::move(terms)));
  reg.AddMigrations(NotificationService::Migrations());
  reg.AddMessages(kMessages);
  RegisterSchemas(reg, kinds);
  auto streams = std::make_shared<NotificationStreams>(*service);
  RegisterRoutes(reg, service, streams);

  const module::Settings settings = reg.services().settings;
  EmailOptions email;
  email.from = settings.smtp_from;
  if (!settings.smtp_relay.empty()) {
    auto relay = smtp::ParseRelay(settings.smtp_relay);
    if (relay) {
      email.relay = *relay;
    } else {
      core::Log(core::LogLevel::kError, "notification e-mails held: the SMTP relay is not host:port",
                {{"relay", settings.smtp_relay}});
    }
  }
  auto delivery = std::make_shared<EmailDelivery>(reg.services().store, email);
  auto producer = std::make_shared<Producer>(reg.services().store, reg, *service, settings,
                                             [weak = std::weak_ptr<EmailDelivery>(delivery)] {
                                               if (auto d = weak.lock()) d->WakeUp();
                                             });
  reg.Keep(service);
  reg.Keep(streams);
  reg.Keep(producer);
  reg.Keep(delivery);
  reg.AddWorker("producer", [producer](std::stop_token stop) { producer->Run(stop); });
  reg.AddWorker("email", [delivery](std::stop_token stop) { delivery->Run(stop); });
  // The demo's notifications come from the real producer, over every event the seeders wrote.
  reg.AddDemoSeeder([producer](store::Store&, module::DemoContext&) -> core::Status {
    for (bool first = true;; first = false) {
      auto handled = producer->RunOnce(first);
      if (!handled) return std::move(handled).error();
      if (*handled == 0 && !first) return core::Ok();
    }
  });
}

}  // namespace sawt::notifications
