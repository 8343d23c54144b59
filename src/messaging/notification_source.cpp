#include "messaging/notification_source.hpp"

#include <set>

#include "auth/auth_service.hpp"
#include "core/numbers.hpp"

namespace sawt::messaging {
namespace {

using core::Result;
using module::NotificationDraft;

constexpr const char* kTransition = "messaging.content_item_transition";
constexpr const char* kPublicationFailed = "messaging.publication_failed";
constexpr const char* kPaused = "messaging.publishing_paused";
constexpr const char* kResumed = "messaging.publishing_resumed";

module::NotificationKind KindOf(const char* code, const char* ar, const char* en, bool email) {
  const std::string key = std::string("messaging.notify_") + code;
  return {code, ar, en, key + "_title", key + "_body", email};
}

struct Item {
  int64_t id = 0;
  std::string title_ar, title_en, created_by;
};

Result<std::optional<Item>> LoadItem(store::Tx& tx, int64_t id) {
  auto rows = tx.Query("SELECT id, title_ar, title_en, created_by FROM content_items WHERE id = $1", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Item>();
  const auto& r = (*rows)[0];
  return std::optional<Item>(Item{r.Int("id"), r.Text("title_ar"), r.Text("title_en"), r.Text("created_by")});
}

/// The admins, editors and reviewers of every entity a pause covers (every entity when it lists
/// none), but not the person who paused or resumed it.
Result<std::vector<NotificationDraft>> PauseDrafts(store::Tx& tx, const store::Event& event,
                                                   const module::ModuleRegistry& registry) {
  std::vector<int64_t> entities;
  for (const auto& id : event.payload.value("entity_ids", core::Json::array())) {
    if (auto v = core::JsonInt64(id)) entities.push_back(*v);
  }
  if (entities.empty()) {
    SAWT_ASSIGN_OR_RETURN(auto all, registry.entity_directory().All(tx));
    for (const auto& [id, info] : *all) entities.push_back(id);
  }
  SAWT_ASSIGN_OR_RETURN(auto actor, auth::AuthService::FindAccount(tx, event.actor));
  std::set<int64_t> recipients;
  for (int64_t entity : entities) {
    SAWT_ASSIGN_OR_RETURN(auto holders, registry.member_directory().Holders(
                                            tx, entity, {auth::Role::kEntityAdmin, auth::Role::kEditor, auth::Role::kReviewer}));
    recipients.insert(holders.begin(), holders.end());
  }
  if (actor) recipients.erase(*actor);
  const bool paused = event.action == kPaused;
  // A resume's reason is optional (null in the payload).
  const core::Json& why = event.payload.contains(paused ? "reason" : "resume_reason")
                              ? event.payload[paused ? "reason" : "resume_reason"]
                              : core::Json();
  const std::string reason = why.is_string() ? why.get<std::string>() : std::string();
  std::vector<NotificationDraft> out;
  out.push_back({{recipients.begin(), recipients.end()}, paused ? "publishing_paused" : "publishing_resumed",
                 {reason, event.object_id}, "#/home", event.entity_id});
  return out;
}

}  // namespace

const std::vector<http::Message>& MessagingNotificationSource::Messages() {
  static const std::vector<http::Message> kMessages = {
      {"messaging.notify_review_requested_title", "بانتظار مراجعتك: {0}", "Awaiting your review: {1}"},
      {"messaging.notify_review_requested_body", "أُرسل المحتوى رقم {2, digits} «{0}» للمراجعة.",
       "Content item {2} \"{1}\" was submitted for review."},
      {"messaging.notify_changes_requested_title", "طُلبت تعديلات: {0}", "Changes requested: {1}"},
      {"messaging.notify_changes_requested_body", "طلب المراجع تعديلات على المحتوى رقم {2, digits} «{0}».",
       "The reviewer asked for changes to content item {2} \"{1}\"."},
      {"messaging.notify_content_approved_title", "اعتُمد: {0}", "Approved: {1}"},
      {"messaging.notify_content_approved_body", "اعتُمد المحتوى رقم {2, digits} «{0}».", "Content item {2} \"{1}\" was approved."},
      {"messaging.notify_content_published_title", "نُشر: {0}", "Published: {1}"},
      {"messaging.notify_content_published_body", "نُشر المحتوى رقم {2, digits} «{0}».", "Content item {2} \"{1}\" was published."},
      {"messaging.notify_publication_failed_title", "تعذّر النشر على {3, channels}: {0}", "Publishing to {3, channels} failed: {1}"},
      {"messaging.notify_publication_failed_body", "تعذّر نشر المحتوى رقم {2, digits} «{0}» على القناة {3, channels} بعد عدة محاولات.",
       "Content item {2} \"{1}\" could not be published to {3, channels} after several attempts."},
      {"messaging.notify_publishing_paused_title", "أُوقف النشر", "Publishing is paused"},
      {"messaging.notify_publishing_paused_body", "أُوقف النشر المجدول لجهتك حتى إشعار آخر: {0}",
       "Scheduled publishing of your entity is paused until further notice: {0}"},
      {"messaging.notify_publishing_resumed_title", "استُؤنف النشر", "Publishing has resumed"},
      {"messaging.notify_publishing_resumed_body", "انتهى إيقاف النشر؛ تُنشر المواد المعلّقة الآن. {0}",
       "The pause has ended; held publications go out now. {0}"},
  };
  return kMessages;
}

std::vector<module::NotificationKind> MessagingNotificationSource::kinds() const {
  return {KindOf("review_requested", "محتوى بانتظار المراجعة", "Content awaiting review", true),
          KindOf("changes_requested", "طلب تعديلات", "Changes requested", false),
          KindOf("content_approved", "اعتماد المحتوى", "Content approved", false),
          KindOf("content_published", "نشر المحتوى", "Content published", false),
          KindOf("publication_failed", "تعذّر النشر", "Publication failed", true),
          KindOf("publishing_paused", "إيقاف النشر", "Publishing paused", true),
          KindOf("publishing_resumed", "استئناف النشر", "Publishing resumed", false)};
}

std::vector<std::string> MessagingNotificationSource::event_types() const {
  return {kTransition, kPublicationFailed, kPaused, kResumed};
}

Result<std::vector<NotificationDraft>> MessagingNotificationSource::Drafts(store::Tx& tx, const store::Event& event) const {
  if (event.action == kPaused || event.action == kResumed) return PauseDrafts(tx, event, registry_);
  std::vector<NotificationDraft> out;
  if (!event.entity_id) return out;
  const int64_t entity = *event.entity_id;
  if (event.action == kPublicationFailed) {
    const auto item_id = core::JsonInt64(event.payload.value("item_id", core::Json()));
    if (!item_id) return out;
    SAWT_ASSIGN_OR_RETURN(auto item, LoadItem(tx, *item_id));
    if (!item) return out;
    SAWT_ASSIGN_OR_RETURN(auto holders, registry_.member_directory().Holders(
                                            tx, entity, {auth::Role::kEditor, auth::Role::kEntityAdmin}));
    const std::string channel = event.payload.value("channel", "");
    out.push_back({holders, "publication_failed", {item->title_ar, item->title_en, std::to_string(item->id), channel},
                   "#/editor/" + std::to_string(item->id), entity});
    return out;
  }
  const std::string from = event.payload.value("from", ""), to = event.payload.value("to", "");
  if (from == to) return out;  // a first sign-off of a strategic item: still in review
  const auto id = core::ParseId(event.object_id);
  if (!id) return out;
  SAWT_ASSIGN_OR_RETURN(auto item, LoadItem(tx, *id));
  if (!item) return out;
  const std::vector<std::string> params = {item->title_ar, item->title_en, std::to_string(item->id)};
  const std::string editor = "#/editor/" + std::to_string(item->id);
  if (to == "in_review") {
    SAWT_ASSIGN_OR_RETURN(auto reviewers, registry_.member_directory().Holders(tx, entity, {auth::Role::kReviewer}));
    out.push_back({reviewers, "review_requested", params, "#/review/" + std::to_string(item->id), entity});
    return out;
  }
  const char* kind = to == "changes_requested" ? "changes_requested"
                     : to == "approved"        ? "content_approved"
                     : to == "published"       ? "content_published"
                                               : nullptr;
  if (kind == nullptr) return out;
  SAWT_ASSIGN_OR_RETURN(auto author, auth::AuthService::FindAccount(tx, item->created_by));
  if (!author) return out;
  out.push_back({{*author}, kind, params, editor, entity});
  return out;
}

}  // namespace sawt::messaging
