#include "messaging/module.hpp"

#include "messaging/calendar_sources.hpp"
#include "messaging/demo.hpp"
#include "messaging/kpi_sources.hpp"
#include "messaging/notification_source.hpp"
#include "messaging/publication_worker.hpp"
#include "messaging/resources.hpp"
#include "messaging/routes.hpp"
#include "messaging/services.hpp"
#include "messaging/crisis_signals.hpp"
#include "messaging/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::messaging {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified

using core::Json;

const std::vector<http::Message> kMessages = {
    {"messaging.theme_not_found", "المحور رقم {0, digits} غير موجود.", "Theme {0} does not exist."},
    {"messaging.theme_code_taken", "رمز المحور «{0}» مستخدم.", "The theme code \"{0}\" is already used."},
    {"messaging.bad_code", "الرمز يجب أن يتكون من 2 إلى 64 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة.",
     "The code must be 2 to 64 lower-case Latin letters, digits or hyphens."},
    {"messaging.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
    {"messaging.key_message_not_found", "الرسالة الرئيسية رقم {0, digits} غير موجودة.", "Key message {0} does not exist."},
    {"messaging.key_message_already_approved", "الرسالة الرئيسية رقم {0, digits} معتمدة مسبقًا.", "Key message {0} is already approved."},
    {"messaging.key_message_retired", "الرسالة الرئيسية رقم {0, digits} متقاعدة ولا يمكن تعديلها.",
     "Key message {0} is retired and cannot change."},
    {"messaging.bad_points", "النقاط الداعمة قائمة من 20 عنصرًا على الأكثر، لكل منها نص عربي (ar) وإنجليزي (en).",
     "Supporting points are a list of at most 20 items, each with an Arabic (ar) and an English (en) text."},
    {"messaging.bad_date", "الحقل {0} يجب أن يكون تاريخًا بصيغة YYYY-MM-DD.", "The field {0} must be a date (YYYY-MM-DD)."},
    {"messaging.bad_validity", "تاريخ نهاية الصلاحية يسبق تاريخ بدايتها.", "The validity ends before it starts."},
    {"messaging.bad_state", "الحالة «{0}» غير معروفة؛ الحالات: draft وapproved وretired.",
     "Unknown state \"{0}\"; use draft, approved or retired."},
    {"messaging.fact_not_found", "المعلومة رقم {0, digits} غير موجودة.", "Fact {0} does not exist."},
    {"messaging.fact_key_taken", "مفتاح المعلومة «{0}» مستخدم.", "The fact key \"{0}\" is already used."},
    {"messaging.bad_fact_key", "مفتاح المعلومة يجب أن يتكون من 2 إلى 64 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة.",
     "The fact key must be 2 to 64 lower-case Latin letters, digits or hyphens."},
    {"messaging.bad_fact_kind", "نوع المعلومة «{0}» غير معروف؛ الأنواع: number وdate وtext.",
     "Unknown fact kind \"{0}\"; use number, date or text."},
    {"messaging.bad_number", "الحقل {0} يجب أن يكون رقمًا.", "The field {0} must be a number."},
    {"messaging.fact_needs_number", "المعلومة الرقمية تحتاج إلى قيمة رقمية (numeric_value) أو رقم في نص القيمة.",
     "A number fact needs numeric_value or a number in its value text."},
    {"messaging.fact_needs_date", "معلومة التاريخ تحتاج إلى تاريخ (date_value) أو تاريخ في نص القيمة.",
     "A date fact needs date_value or a date in its value text."},
    {"messaging.fact_already_approved", "المعلومة رقم {0, digits} معتمدة مسبقًا.", "Fact {0} is already approved."},
    {"messaging.term_not_found", "المصطلح رقم {0, digits} غير موجود.", "Term {0} does not exist."},
    {"messaging.term_exists", "المصطلح «{0}» موجود في القائمة.", "The term \"{0}\" is already listed."},
    {"messaging.bad_lang", "اللغة «{0}» غير مدعومة؛ استخدم ar أو en.", "Unsupported language \"{0}\"; use ar or en."},
    {"messaging.bad_term_status", "حالة المصطلح «{0}» غير معروفة؛ استخدم banned أو deprecated.",
     "Unknown term status \"{0}\"; use banned or deprecated."},
    {"messaging.not_analysable", "النص لا يحوي كلمة يمكن مطابقتها (كله أدوات وحروف).",
     "The text has no word that can be matched (only stop words)."},
    {"messaging.alias_not_found", "الاسم البديل رقم {0, digits} غير موجود.", "Alias {0} does not exist."},
    {"messaging.alias_exists", "الاسم البديل «{0}» مسجل مسبقًا.", "The alias \"{0}\" is already registered."},
    {"messaging.draft_empty", "أرسل النص العربي أو الإنجليزي أو كليهما.", "Send the Arabic text, the English text or both."},
    {"messaging.bad_themes", "المحاور قائمة من 20 رمزًا على الأكثر.", "Themes are a list of at most 20 codes."},
    {"messaging.unknown_theme", "المحور «{0}» غير موجود.", "Unknown theme \"{0}\"."},
    {"messaging.content_item_not_found", "المادة رقم {0, digits} غير موجودة.", "Content item {0} does not exist."},
    {"messaging.kpi_no_approvals", "لم تُعتمد أي مادة في هذه الفترة؛ لا يوجد زمن مراجعة يُقاس.",
     "No item was approved in this period: there is no review time to measure."},
    {"messaging.bad_content_kind", "نوع المادة «{0}» غير معروف؛ الأنواع: press_release وsocial_post وspeech وweb_article وinternal_memo.",
     "Unknown content kind \"{0}\"; use press_release, social_post, speech, web_article or internal_memo."},
    {"messaging.bad_importance", "الأهمية «{0}» غير معروفة؛ استخدم high أو normal أو low.",
     "Unknown importance \"{0}\"; use high, normal or low."},
    {"messaging.bad_audience", "الجمهور «{0}» غير معروف؛ القيم في المفردات audiences.",
     "Unknown audience \"{0}\"; the values are in the audiences vocabulary."},
    {"messaging.content_title_required", "أدخل العنوان العربي أو الإنجليزي.", "Give the Arabic or the English title."},
    {"messaging.bad_channel", "القنوات قائمة من 20 قناة معروفة على الأكثر ({0}).", "Channels are a list of at most 20 known channels ({0})."},
    {"messaging.bad_planned_at", "موعد النشر يجب أن يكون YYYY-MM-DD أو YYYY-MM-DDTHH:MM:SSZ.",
     "planned_at must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ."},
    {"messaging.content_item_locked", "لا يمكن تعديل المادة رقم {0, digits} في الحالة «{1}»؛ التعديل في المسودة أو عند طلب التعديلات فقط.",
     "Content item {0} cannot be edited in state \"{1}\"; edit drafts or items with changes requested."},
    {"messaging.bad_content_state", "الحالة «{0}» غير معروفة.", "Unknown state \"{0}\"."},
    {"messaging.illegal_transition", "لا يمكن نقل المادة من «{0}» إلى «{1}».", "A content item cannot go from \"{0}\" to \"{1}\"."},
    {"messaging.if_match_required", "أرسل ترويسة If-Match بإصدار المادة الذي اطلعت عليه.",
     "Send If-Match with the version of the item you saw."},
    {"messaging.maker_checker",
     "لا يجوز لك اعتماد مادة كتبتها أو عدّلتها: تشترط جهتها أن يعتمدها شخص آخر (مبدأ الفصل بين المُعِدّ والمُعتمِد).",
     "You may not approve an item you wrote or edited: its entity requires another person to approve it (maker-checker)."},
    {"messaging.open_errors",
     "في المادة {0} من الملاحظات من نوع خطأ (مثل رقم يخالف صحيفة الحقائق). صحّحها، أو اكتب سبب المضي رغمها في override_reason.",
     "The item has {0} open error findings (such as a figure that contradicts the fact sheet). Fix them, or give the reason to go ahead anyway in override_reason."},
    {"messaging.override_forbidden",
     "لا تسمح جهة المادة بتجاوز ملاحظات الأخطاء: صحّحها قبل هذه الخطوة.",
     "The item's entity does not allow going ahead over error findings: fix them before this step."},
    {"messaging.override_reason_empty", "اكتب سبب التجاوز.", "Write the reason for the override."},
    {"messaging.approval_already_recorded", "موافقتك على المادة رقم {0, digits} مسجلة مسبقًا.", "Your approval of content item {0} is already recorded."},
    {"messaging.diff_versions_required", "حدد الإصدارين from وto.", "Give the two versions, from and to."},
    {"messaging.content_version_not_found", "الإصدار {0, digits} غير موجود.", "Version {0} does not exist."},
    {"messaging.feed_entity_not_found", "لا توجد جهة بالرمز «{0}».", "No entity has the code \"{0}\"."},
    // Channel variants and publication.
    {"messaging.unknown_channel", "القناة «{0}» غير معروفة.", "Unknown channel \"{0}\"."},
    {"messaging.variant_no_title", "قناة «{0, channels}» ليس لها عنوان منفصل.", "The channel \"{0, channels}\" has no separate title."},
    {"messaging.bad_hashtags", "الوسوم قائمة من 60 نصًا على الأكثر.", "Hashtags are a list of at most 60 strings."},
    {"messaging.bad_hashtag", "الوسم «{0}» غير صالح: يبدأ بـ# ويتكون من حروف عربية أو لاتينية وأرقام وشرطة سفلية دون مسافات أو علامات ترقيم.",
     "The hashtag \"{0}\" is not valid: # followed by Arabic or Latin letters, digits and underscores, without spaces or punctuation."},
    {"messaging.variant_channel_not_in_item", "قناة «{0, channels}» ليست من قنوات المادة.",
     "\"{0, channels}\" is not one of the item''s channels."},
    {"messaging.variant_does_not_fit",
     "{4, select, hashtags {في نص {0, channels} باللغة {1, languages} {2, plural, one {وسم واحد} two {وسمان} few {# وسوم} many {# وسمًا} other {# وسم}}، والحد {3, number}.} forbidden {في نص {0, channels} باللغة {1, languages} محارف لا تقبلها المنصة: {2}.} other {{5, select, title {عنوان} other {نص}} {0, channels} باللغة {1, languages} يبلغ {2, number} والحد {3, number} (وحدة العد: {4, countUnits}).}}",
     "{4, select, hashtags {The {0, channels} text in {1, languages} has {2, plural, one {# hashtag} other {# hashtags}}; the limit is {3, number}.} forbidden {The {0, channels} text in {1, languages} contains characters the platform refuses: {2}.} other {The {0, channels} {5, select, title {title} other {text}} in {1, languages} counts {2, number}; the limit is {3, number} ({4, countUnits}).}}"},
    {"messaging.variant_blocks_publication",
     "لا يمكن الجدولة أو النشر: {4, select, hashtags {في نص {0, channels} باللغة {1, languages} {2, plural, one {وسم واحد} two {وسمان} few {# وسوم} many {# وسمًا} other {# وسم}}، والحد {3, number}.} forbidden {في نص {0, channels} باللغة {1, languages} محارف لا تقبلها المنصة: {2}.} other {{5, select, title {عنوان} other {نص}} {0, channels} باللغة {1, languages} يبلغ {2, number} والحد {3, number} (وحدة العد: {4, countUnits}).}}",
     "Cannot schedule or publish: {4, select, hashtags {the {0, channels} text in {1, languages} has {2, plural, one {# hashtag} other {# hashtags}}; the limit is {3, number}.} forbidden {the {0, channels} text in {1, languages} contains characters the platform refuses: {2}.} other {the {0, channels} {5, select, title {title} other {text}} in {1, languages} counts {2, number}; the limit is {3, number} ({4, countUnits}).}}"},
    {"messaging.bad_posted_url", "أدخل رابط المنشور (http:// أو https://).", "Give the link of the post (http:// or https://)."},
    {"messaging.publication_not_found", "النشر رقم {0, digits} غير موجود.", "Publication {0} does not exist."},
    {"messaging.publication_not_retryable", "النشر رقم {0, digits} في الحالة «{1}»؛ تُعاد المحاولة للحالتين failed وmanual فقط.",
     "Publication {0} is {1}; only failed and manual publications are sent again."},
    {"messaging.variant_not_stored", "لا توجد صيغة محفوظة لقناة «{0, channels}» باللغة {1, languages}.",
     "No variant is stored for \"{0, channels}\" in {1, languages}."},
    {"messaging.publication_not_manual", "النشر رقم {0, digits} في الحالة «{1}»؛ يُسجَّل النشر اليدوي للحالتين manual وfailed فقط.",
     "Publication {0} is \"{1}\"; only manual or failed publications are recorded as posted."},
    {"messaging.endpoint_secret_short", "السر يجب أن يكون 16 حرفًا على الأقل.", "The secret must be at least 16 characters."},
    {"messaging.bad_max_attempts", "عدد المحاولات بين 1 و20.", "max_attempts is between 1 and 20."},
    {"messaging.endpoint_not_found", "لا توجد نقطة تسليم لقناة «{0}».", "No endpoint is set for the channel \"{0}\"."},
    // Pausing publishing.
    {"messaging.pause_not_found", "الإيقاف رقم {0, digits} غير موجود.", "Pause {0} does not exist."},
    {"messaging.pause_ended", "انتهى الإيقاف رقم {0, digits} من قبل.", "Pause {0} has already ended."},
    {"messaging.pause_reason_required", "اكتب سبب الإيقاف (حتى {0, number} حرف)؛ تقرؤه كل جهة يشملها.",
     "Write why publishing is paused (up to {0, number} characters); every entity it covers reads it."},
    {"messaging.bad_pause_entities", "الجهات قائمة من {0, number} رقم جهة على الأكثر؛ أرسل قائمة فارغة أو لا ترسلها لإيقاف النشر في كل الجهات.",
     "Entities are a list of at most {0, number} entity ids; send none (or an empty list) to pause every entity."},
    {"messaging.bad_pause_channels", "القنوات قائمة من عشرين قناة معروفة على الأكثر؛ أرسل قائمة فارغة أو لا ترسلها لإيقاف كل القنوات.",
     "Channels are a list of at most twenty known channels; send none (or an empty list) to pause every channel."},
    {"messaging.bad_pause_status", "الحالة «{0}» غير معروفة؛ استخدم active أو all.", "Unknown status \"{0}\"; use active or all."},
    // Alignment findings.
    // Similarity reads as a band (AlignmentOptions: strong, close, partial); the score itself is in details.
    {"messaging.alignment.key_message_reflected",
     "تعكس هذه الجملة رسالة رئيسية لمحور «{0}» ({1, select, strong {تطابق قوي} close {تطابق قريب} other {تطابق جزئي}}).",
     "This sentence reflects a key message of the theme \"{0}\" ({1, select, strong {a strong match} close {a close match} "
     "other {a partial match}})."},
    {"messaging.alignment.key_message_missing", "لا تعكس المسودة أي رسالة رئيسية معتمدة لمحور «{0}»، ولا حتى تطابقًا جزئيًا.",
     "The draft reflects no approved key message of the theme \"{0}\", not even as a partial match."},
    {"messaging.alignment.fact_contradicted", "الرقم «{0}» يخالف الرقم المعتمد لـ«{1}»: {2, digits} (حتى {3, date}).",
     "\"{0}\" contradicts the approved figure for \"{1}\": {2, digits} (as of {3, date})."},
    {"messaging.alignment.fact_date_contradicted", "التاريخ «{0}» يخالف التاريخ المعتمد لـ«{1}»: {2, date}.",
     "\"{0}\" contradicts the approved date for \"{1}\": {2, date}."},
    {"messaging.alignment.term_banned", "المصطلح «{0}» محظور؛ استخدم «{1}».", "The term \"{0}\" is banned; use \"{1}\"."},
    {"messaging.alignment.term_deprecated", "المصطلح «{0}» لم يعد معتمدًا؛ يُفضَّل «{1}».",
     "The term \"{0}\" is deprecated; prefer \"{1}\"."},
    {"messaging.alignment.missing_en", "لا توجد نسخة إنجليزية من المسودة.", "The draft has no English version."},
    {"messaging.alignment.missing_ar", "لا توجد نسخة عربية من المسودة.", "The draft has no Arabic version."},
    {"messaging.alignment.entity_alias", "«{0}» ليس الاسم الرسمي للجهة؛ الاسم الرسمي: «{1}».",
     "\"{0}\" is not the entity's official name; use \"{1}\"."},
};

void RegisterPublicationSchemas(module::ModuleRegistry& reg) {
  const Json measure = {{"type", "object"},
                        {"properties",
                         {{"counted", Int()}, {"limit", {{"type", {"integer", "null"}}}},
                          {"unit", {{"enum", {"weighted", "utf16", "code_points", "bytes", "none"}}}},
                          {"remaining", {{"type", {"integer", "null"}}}}, {"ok", {{"type", "boolean"}}}}}};
  const Json tags = {{"type", "array"}, {"maxItems", 60}, {"items", Str(400)}};
  const Json check_props = {{"length", measure}, {"title_length", measure}, {"hashtag_count", Int()},
                            {"max_hashtags", {{"type", {"integer", "null"}}}}, {"invalid_hashtags", tags},
                            {"forbidden", Str()}, {"post", Str(200000)}, {"ok", {{"type", "boolean"}}}};
  Json variant = check_props;
  variant.update({{"channel", Str(32)}, {"lang", {{"enum", {"ar", "en"}}}}, {"derived", {{"type", "boolean"}}},
                  {"title", NullableStr()}, {"text", Str(100000)}, {"hashtags", tags},
                  {"version", {{"type", {"integer", "null"}}}}, {"updated_by", NullableStr()}, {"updated_at", NullableStr()}});
  reg.AddSchema("Variant", {{"type", "object"}, {"properties", variant}});
  reg.AddSchema("VariantList", {{"type", "object"},
                                {"properties",
                                 {{"item_id", Int()}, {"item_version", Int()}, {"editable", {{"type", "boolean"}}},
                                  {"ok", {{"type", "boolean"}}},
                                  {"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Variant"}}}}}}}});
  reg.AddSchema("VariantSave", Obj({{"lang", {{"enum", {"ar", "en"}}}}, {"text", Str(100000)}, {"title", Str(1000)},
                                    {"hashtags", tags}},
                                   {"lang", "text"}));
  reg.AddSchema("ChannelCheck", Obj({{"channel", Str(32)}, {"text", Str(100000)}, {"title", Str(1000)}, {"hashtags", tags}},
                                    {"channel", "text"}));
  Json check_result = check_props;
  check_result["channel"] = Str(32);
  reg.AddSchema("ChannelCheckResult", {{"type", "object"}, {"properties", check_result}});
  reg.AddSchema("Publication", PublicationResource().Schema());
  reg.AddSchema("PublicationList",
                {{"type", "object"},
                 {"properties",
                  {{"item_id", Int()},
                   {"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Publication"}}}}}}}});
  reg.AddSchema("PublicationPosted", Obj({{"url", Str(2000)}}, {"url"}));
  reg.AddSchema("PublishingPause", PublishingPauseResource().Schema());
  reg.AddSchema("PublishingPauseList", ListOf("PublishingPause"));
  reg.AddSchema("PublishingPauseCreate",
                PublishingPauseResource().Input({"reason", "entity_ids", "channels"}, {"reason"}));
  reg.AddSchema("PublishingPauseEnd", PublishingPauseResource().Input({}, {}, {{"reason", Str(2000)}}));
  reg.AddSchema("ChannelEndpoint", ChannelEndpointResource().Schema());
  reg.AddSchema("ChannelEndpointList", ListOf("ChannelEndpoint"));
  reg.AddSchema("ChannelEndpointSave",
                ChannelEndpointResource().Input({"url", "max_attempts"}, {"url", "secret"}, {{"secret", Str(200)}}));
}

void RegisterSchemas(module::ModuleRegistry& reg) {
  reg.AddSchema("ReviewSettings", ReviewSettingsResource().Schema());
  reg.AddSchema("ReviewSettingsSave",
                ReviewSettingsResource().Input({"maker_checker", "forbid_error_override"}, {"maker_checker"}));
  reg.AddSchema("Theme", ThemeResource().Schema());
  reg.AddSchema("ThemeList", ListOf("Theme"));
  reg.AddSchema("ThemeCreate", ThemeResource().Input({"code", "name_ar", "name_en", "owner_entity_id", "strategic"},
                                                     {"code", "name_ar", "name_en", "owner_entity_id"}));
  reg.AddSchema("ThemeUpdate", ThemeResource().Input({"name_ar", "name_en", "strategic"}));
  reg.AddSchema("KeyMessage", KeyMessageResource().Schema());
  reg.AddSchema("KeyMessageCreate",
                KeyMessageResource().Input({"theme_id", "owner_entity_id", "text_ar", "text_en", "supporting_points",
                                            "valid_from", "valid_until"},
                                           {"theme_id", "owner_entity_id", "text_ar", "text_en"}));
  reg.AddSchema("KeyMessageUpdate", KeyMessageResource().Input({"theme_id", "text_ar", "text_en", "supporting_points",
                                                                "valid_from", "valid_until"}));
  reg.AddSchema("KeyMessageVersions",
                {{"type", "object"},
                 {"properties", {{"message_id", Int()}, {"items", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}});
  reg.AddSchema("Transition", Obj({{"comment", Str(2000)}}));
  reg.AddSchema("Fact", FactResource().Schema());
  reg.AddSchema("FactCreate",
                FactResource().Input({"key", "kind", "label_ar", "label_en", "value_ar", "value_en", "numeric_value",
                                      "date_value", "as_of", "source", "owner_entity_id", "valid_until"},
                                     {"key", "label_ar", "label_en", "value_ar", "value_en", "as_of", "source",
                                      "owner_entity_id"}));
  reg.AddSchema("FactUpdate", FactResource().Input({"label_ar", "label_en", "value_ar", "value_en", "numeric_value",
                                                    "date_value", "as_of", "source", "valid_until"}));
  reg.AddSchema("Term", TermResource().Schema());
  reg.AddSchema("TermList", ListOf("Term"));
  reg.AddSchema("TermCreate", TermResource().Input({"term", "lang", "status", "replacement"},
                                                   {"term", "lang", "status", "replacement"}));
  reg.AddSchema("TermUpdate", TermResource().Input({"status", "replacement"}));
  reg.AddSchema("Alias", AliasResource().Schema());
  reg.AddSchema("AliasList", ListOf("Alias"));
  reg.AddSchema("AliasCreate", AliasResource().Input({"entity_id", "alias", "lang"}, {"entity_id", "alias", "lang"}));
  reg.AddSchema("AlignmentCheck", Obj({{"text_ar", Str(200000)}, {"text_en", Str(200000)},
                                       {"themes", {{"type", "array"}, {"maxItems", 20}, {"items", Str(64)}}},
                                       {"entity_id", Int()}}));
  reg.AddSchema("AlignmentFinding",
                {{"type", "object"},
                 {"properties",
                  {{"kind", {{"enum", {"key_message", "fact", "term", "language", "entity_name"}}}},
                   {"severity", {{"enum", {"error", "warning", "info"}}}},
                   {"reason", Str()},
                   {"message_ar", Str(2000)},
                   {"message_en", Str(2000)},
                   {"lang", {{"enum", {"ar", "en"}}}},
                   {"span", {{"type", {"object", "null"}},
                             {"properties", {{"offset", Int()}, {"length", Int()}, {"excerpt", Str(400)}}}}},
                   {"details", {{"type", "object"}}}}}});
  const module::Resource& item = ContentItemResource();
  Json item_schema = item.Schema();
  // The alignment findings come with a single item, not on list pages: not required.
  item_schema["properties"]["alignment"] = {{"type", "object"}};
  reg.AddSchema("ContentItem", std::move(item_schema));
  const std::vector<std::string> content = {"kind",  "title_ar", "title_en",   "body_ar",   "body_en",
                                            "themes", "channels", "planned_at", "importance", "audience"};
  std::vector<std::string> create = content;
  create.push_back("owner_entity_id");
  reg.AddSchema("ContentItemCreate", item.Input(create, {"kind", "owner_entity_id"}));
  reg.AddSchema("ContentItemUpdate", item.Input(content));
  reg.AddSchema("ContentTransition",
                Obj({{"to", Enum(ContentStates())}, {"comment", Str(2000)}, {"override_reason", Str(2000)}}, {"to"}));
  reg.AddSchema("ContentItemVersions",
                {{"type", "object"},
                 {"properties", {{"item_id", Int()}, {"items", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}});
  reg.AddSchema("ContentDiff", {{"type", "object"},
                                {"properties",
                                 {{"item_id", Int()}, {"from", {{"type", "object"}}}, {"to", {{"type", "object"}}},
                                  {"fields", {{"type", "object"}}}, {"summary", {{"type", "object"}}}}}});
  RegisterPublicationSchemas(reg);
  reg.AddSchema("AlignmentReport",
                {{"type", "object"},
                 {"properties",
                  {{"findings", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AlignmentFinding"}}}}},
                   {"summary", {{"type", "object"}}},
                   {"entity_id", {{"type", {"integer", "null"}}}},
                   {"library", {{"type", "object"}}}}}});
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("messaging", {"network"});
  using R = auth::Role;
  // The library is read by every member; editors draft in their entity; approval belongs to the
  // entity admins of the owner entity; strategic themes and the network term list to network admins.
  // Content items: every member reads them; the owner entity's editors and admins draft and submit,
  // its reviewers and admins review (strategic themes also need a network admin), its editors,
  // reviewers and admins schedule and publish. Delivery endpoints belong to network admins.
  // Dual control of the government's strategic messages: an item with a strategic theme stays in
  // review until both sign-offs are recorded.
  reg.AddApprovals({{"messaging.content.strategic",
                     {{"reviewer", {R::kEntityAdmin, R::kReviewer}}, {"network", {R::kNetworkAdmin}}},
                     "Approving a content item with a strategic theme"}});
  reg.AddPermissions({
      {"messaging.library.read", {}, true, false, "Read themes, key messages, facts, terms and aliases"},
      {"messaging.themes.write", {R::kEntityAdmin}, false, true, "Create and edit the entity's themes"},
      {"messaging.themes.strategic", {}, false, true, "Mark a theme strategic (network admins only)"},
      {"messaging.key_messages.write", {R::kEntityAdmin, R::kEditor}, false, true, "Draft the entity's key messages"},
      {"messaging.key_messages.approve", {R::kEntityAdmin}, false, true, "Approve or retire the entity's key messages"},
      {"messaging.facts.write", {R::kEntityAdmin, R::kEditor}, false, true, "Draft the entity's facts"},
      {"messaging.facts.approve", {R::kEntityAdmin}, false, true, "Approve or retire the entity's facts"},
      {"messaging.terms.write", {}, false, true, "Edit the network's term list (network admins only)"},
      {"messaging.aliases.write", {R::kEntityAdmin}, false, true, "Edit the known short forms of the entity's name"},
      {"messaging.alignment.check", {}, true, false, "Check a text against the library"},
      {"messaging.content.read", {}, true, false, "Read content items and their versions"},
      {"messaging.content.write", {R::kEntityAdmin, R::kEditor}, false, true, "Draft and submit the entity's content"},
      {"messaging.content.review", {R::kEntityAdmin, R::kReviewer}, false, true, "Approve, send back or withdraw the entity's content"},
      {"messaging.content.publish", {R::kEntityAdmin, R::kEditor, R::kReviewer}, false, true, "Schedule and publish the entity's content"},
      {"messaging.review_settings.write", {R::kEntityAdmin}, false, true, "Set the entity's review rules (maker-checker)"},
      {"messaging.channels.check", {}, true, false, "Check a text against a channel's limits"},
      {"messaging.channels.admin", {}, false, true, "Manage delivery endpoints (network admins only)"},
      {"messaging.publishing.pause", {}, false, true, "Pause and resume publishing across the network (network admins only)"},
  });
  RegisterVocabularies(reg);
  store::Store& store = reg.services().store;
  // One service per aggregate; a service that calls another is built after it and kept after it.
  // Entities are the network module's: looked up through the directory it registers (it may
  // register after this module, so at each use).
  module::EntityDirectorySource entities = [&reg]() -> const module::EntityDirectory& { return reg.entity_directory(); };
  Services services;
  services.library = std::make_shared<LibraryService>(store, entities);
  services.key_messages = std::make_shared<KeyMessageService>(store, entities);
  services.facts = std::make_shared<FactService>(store, entities);
  services.alignment = std::make_shared<AlignmentService>(store, entities, reg.messages());
  services.content = std::make_shared<ContentService>(store, entities, *services.alignment);
  services.feeds = std::make_shared<FeedService>(store, entities, reg.services().settings.public_url);
  services.variants = std::make_shared<VariantService>(store, entities);
  PublicationOptions delivery;
  delivery.addresses = reg.services().settings.webhook_addresses;
  services.publications = std::make_shared<PublicationService>(store, delivery);
  auto worker = std::make_shared<PublicationWorker>(
      store, *services.content, [registry = &reg]() -> const module::NetworkTime& { return registry->network_time(); },
      std::move(delivery));
  services.review = std::make_shared<ReviewSettingsService>(store, entities);
  services.pauses = std::make_shared<PauseService>(store, entities, Channels());
  reg.Keep(services.library);
  reg.Keep(services.key_messages);
  reg.Keep(services.facts);
  reg.Keep(services.alignment);
  reg.Keep(services.content);
  reg.Keep(services.feeds);
  reg.Keep(services.variants);
  reg.Keep(services.publications);
  reg.Keep(worker);
  reg.Keep(services.review);
  reg.Keep(services.pauses);
  reg.AddMigrations(LibraryService::Migrations());
  reg.AddMigrations(ContentService::Migrations());
  reg.AddMigrations(PublicationService::Migrations());
  reg.AddMigrations(ReviewSettingsService::Migrations());
  reg.AddMigrations(ContentCalendarSource::Migrations());
  reg.AddMigrations(PauseService::Migrations());
  reg.SetThemeCatalog(std::make_shared<LibraryThemeCatalog>());
  reg.SetDraftCheck(std::make_shared<AlignmentDraftCheck>(services.alignment));
  reg.SetPublishingControl(services.pauses);
  reg.AddCalendarSource(std::make_shared<ContentCalendarSource>());
  reg.AddNotificationSource(std::make_shared<MessagingNotificationSource>(reg));
  reg.AddCrisisSignalSource(std::make_shared<PublicationFailureSignals>(Channels()));
  reg.AddMessages(MessagingNotificationSource::Messages());
  reg.AddKpiSource(std::make_shared<ContentPublishedKpi>());
  reg.AddKpiSource(std::make_shared<ApprovedWithErrorsKpi>());
  reg.AddKpiSource(std::make_shared<ReviewHoursKpi>());
  for (const char* table : {"message_themes", "key_messages", "facts", "content_items"}) {
    reg.AddEntityReference(table, "owner_entity_id");
  }
  reg.AddEntityReference("entity_aliases", "entity_id");
  reg.AddMessages(kMessages);
  RegisterSchemas(reg);
  RegisterRoutes(reg, services);
  RegisterPublicationRoutes(reg, services);
  RegisterReviewSettingsRoutes(reg, services.review);
  // Delivers the publication outbox and publishes scheduled items when their time comes.
  reg.AddWorker("publication_dispatcher", [worker](std::stop_token stop) { worker->Run(stop); });
  reg.AddDemoSeeder([services, registry = &reg](store::Store& store, module::DemoContext& ctx) -> core::Status {
    SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry->CurrentTimeZone());
    SAWT_TRY_STATUS(SeedDemo(services, store.clock(), zone, ctx));
    return SeedReviewSettings(*services.review, ctx);
  });
}

}  // namespace sawt::messaging
