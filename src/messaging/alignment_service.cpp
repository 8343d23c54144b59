#include "messaging/alignment_service.hpp"

#include "auth/policy.hpp"
#include "http/messages.hpp"
#include "module/service_names.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxDraftBytes = 200000;

Json FindingJson(const Finding& f, const http::MessageCatalog& messages, const http::Locale& reader) {
  Json span = nullptr;
  if (f.span) span = {{"offset", f.span->offset}, {"length", f.span->length}, {"excerpt", f.span->excerpt}};
  return {{"kind", f.kind},
          {"severity", f.severity},
          {"reason", f.reason},
          {"message_ar", messages.Translate(f.reason, reader.In("ar"), f.args_ar)},
          {"message_en", messages.Translate(f.reason, reader.In("en"), f.args_en)},
          {"lang", f.lang},
          {"span", span},
          {"details", f.details}};
}

}  // namespace

Json AlignmentService::AlignmentJson(const std::vector<Finding>& findings, const http::Locale& reader) const {
  Json items = Json::array();
  Json summary = {{"error", 0}, {"warning", 0}, {"info", 0}};
  for (const auto& f : findings) {
    items.push_back(FindingJson(f, messages_, reader));
    summary[f.severity] = summary[f.severity].get<int>() + 1;
  }
  return {{"findings", items}, {"summary", summary}};
}

Result<Json> AlignmentService::CheckDraft(const auth::Caller& caller, const Json& body, const http::Locale& reader) {
  JsonReader in(body);
  auto text_ar = in.String("text_ar", false, kMaxDraftBytes, false);
  auto text_en = in.String("text_en", false, kMaxDraftBytes, false);
  const Json* themes_raw = in.Raw("themes");
  auto entity_id = in.Int("entity_id", false);
  SAWT_TRY_STATUS(in.Finish());
  Draft draft;
  if (text_ar && !text_ar->empty()) draft.text_ar = *text_ar;
  if (text_en && !text_en->empty()) draft.text_en = *text_en;
  if (!draft.text_ar && !draft.text_en) return Error::InvalidInput("messaging.draft_empty", "text_ar");
  if (themes_raw && !themes_raw->is_null()) {
    if (!themes_raw->is_array() || themes_raw->size() > 20) return Error::InvalidInput("messaging.bad_themes", "themes");
    for (const auto& t : *themes_raw) {
      if (!t.is_string()) return Error::InvalidInput("messaging.bad_themes", "themes");
      draft.themes.push_back(t.get<std::string>());
    }
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.alignment.check", entity_id));
  SAWT_ASSIGN_OR_RETURN(auto lib, library_.Get());
  for (const auto& t : draft.themes) {
    if (!lib->snapshot().theme_names.count(t)) return Error::InvalidInput("messaging.unknown_theme", "themes", {t});
  }
  Json report = AlignmentJson(CheckAlignment(draft, *lib), reader);
  report["entity_id"] = entity_id ? Json(*entity_id) : Json(nullptr);
  report["library"] = {{"key_messages", lib->snapshot().messages.size()},
                       {"facts", lib->snapshot().facts.size()},
                       {"terms", lib->snapshot().terms.size()}};
  return report;
}

Result<Json> AlignmentService::WithAlignment(Json item, const http::Locale& reader) {
  Draft draft;
  auto join = [](const std::string& title, const std::string& body) -> std::optional<std::string> {
    if (title.empty() && body.empty()) return std::nullopt;
    if (title.empty()) return body;
    if (body.empty()) return title;
    return title + "\n\n" + body;
  };
  draft.text_ar = join(item["title_ar"].get<std::string>(), item["body_ar"].get<std::string>());
  draft.text_en = join(item["title_en"].get<std::string>(), item["body_en"].get<std::string>());
  SAWT_ASSIGN_OR_RETURN(auto lib, library_.Get());
  for (const auto& t : item["themes"]) {
    // A theme removed from the library since the save is left out of the check.
    if (lib->snapshot().theme_names.count(t.get<std::string>())) draft.themes.push_back(t.get<std::string>());
  }
  if (!draft.text_ar && !draft.text_en) {
    item["alignment"] = {{"findings", Json::array()}, {"summary", {{"error", 0}, {"warning", 0}, {"info", 0}}}};
    return item;
  }
  item["alignment"] = AlignmentJson(CheckAlignment(draft, *lib), reader);
  return item;
}

}  // namespace sawt::messaging
