#pragma once

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/messages.hpp"
#include "messaging/analysed_library.hpp"
#include "module/draft_check.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The alignment check as a command: a draft (or a content item) against the analysed library
/// (AnalysedLibrary), reported as wire JSON with bilingual messages. Writes nothing. Thread-safe.
class AlignmentService {
 public:
  /// `messages`: the application's (the findings' texts); must outlive the service.
  AlignmentService(store::Store& store, module::EntityDirectorySource entities, const http::MessageCatalog& messages)
      : library_(store, std::move(entities)), messages_(messages) {}

  /// {"text_ar"?, "text_en"?, "themes"?, "entity_id"?} → {"findings", "summary", "entity_id",
  /// "library"}: the check against the approved, currently valid library. The findings' texts
  /// (message_ar, message_en) are written in `reader`'s digits.
  core::Result<core::Json> CheckDraft(const auth::Caller& caller, const core::Json& body, const http::Locale& reader = {});

  /// A content item's wire JSON with "alignment" added: the check of title + "\n\n" + body per
  /// language with the item's themes (those still in the library); texts in the deployment's digits.
  core::Result<core::Json> WithAlignment(core::Json item, const http::Locale& reader = {});

 private:
  core::Json AlignmentJson(const std::vector<Finding>& findings, const http::Locale& reader = {}) const;

  AnalysedLibrary library_;
  const http::MessageCatalog& messages_;
};

/// The alignment check as the registry's module::DraftCheck, for other modules' drafts.
class AlignmentDraftCheck final : public module::DraftCheck {
 public:
  explicit AlignmentDraftCheck(std::shared_ptr<AlignmentService> alignment) : alignment_(std::move(alignment)) {}
  core::Result<core::Json> Check(const auth::Caller& caller, const core::Json& draft,
                                 const http::Locale& reader) const override {
    return alignment_->CheckDraft(caller, draft, reader);
  }

 private:
  std::shared_ptr<AlignmentService> alignment_;
};

}  // namespace sawt::messaging
