#include "crisis/demo.hpp"

namespace sawt::crisis {
namespace {

struct DemoTemplate {
  const char* code;
  const char* type;
  const char* title_ar;
  const char* title_en;
  const char* body_ar;
  const char* body_en;
};

constexpr DemoTemplate kTemplates[] = {
    {"heavy-rain-holding", "weather", "تنبيه: أمطار غزيرة على {{area}}", "Alert: heavy rain over {{area}}",
     "تتابع الجهات المختصة الحالة الجوية في {{area}} منذ {{time}}، وتدعو الجمهور إلى تجنب الأودية والمناطق المنخفضة "
     "والالتزام بتعليمات الجهات الرسمية. ستصدر التحديثات عبر القنوات الرسمية فقط.",
     "The authorities are following the weather in {{area}} since {{time}} and ask the public to keep away from "
     "wadis and low-lying areas and to follow official instructions. Updates will be issued on official channels only."},
    {"outbreak-holding", "health", "بيان بشأن {{disease}}", "Statement on {{disease}}",
     "رصدت الجهات الصحية حالات من {{disease}} في {{area}}، وتعمل على تتبعها واحتوائها. لا داعي للقلق، ونرجو استقاء "
     "المعلومات من المصادر الرسمية. للاستفسار: {{hotline}}.",
     "Health authorities have recorded cases of {{disease}} in {{area}} and are tracing and containing them. There is "
     "no cause for alarm; please rely on official sources. Enquiries: {{hotline}}."},
    {"service-outage-holding", "infrastructure", "انقطاع في خدمة {{service}}", "Disruption to {{service}}",
     "تعمل الفرق المختصة على إعادة خدمة {{service}} في {{area}} بعد انقطاعها عند {{time}}. نعتذر عن الإزعاج، وسنعلن "
     "موعد عودة الخدمة فور تحديده.",
     "Teams are working to restore {{service}} in {{area}} after a disruption at {{time}}. We apologise for the "
     "inconvenience and will announce when the service returns as soon as it is known."},
    {"rumour-response", "reputation", "حقيقة ما يُتداول بشأن {{topic}}", "The facts about {{topic}}",
     "تداولت بعض الحسابات معلومات غير دقيقة بشأن {{topic}}. والصحيح أن {{fact}}. ندعو الجميع إلى استقاء الأخبار من "
     "المصادر الرسمية وعدم تداول الشائعات.",
     "Some accounts have shared inaccurate information about {{topic}}. The fact is that {{fact}}. Please rely on "
     "official sources and do not spread rumours."},
};

}  // namespace

core::Status SeedDemo(TemplateService& templates, module::DemoContext&) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  for (const auto& t : kTemplates) {
    auto made = templates.Create(system, {{"code", t.code},
                                          {"crisis_type", t.type},
                                          {"title_ar", t.title_ar},
                                          {"title_en", t.title_en},
                                          {"body_ar", t.body_ar},
                                          {"body_en", t.body_en}});
    if (!made) return std::move(made).error();
  }
  return core::Ok();
}

}  // namespace sawt::crisis
