#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/messages.hpp"
#include "crisis/room_access.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// Crisis statements with fast-track approval: a member who may write in the room drafts a
/// statement (often from a holding-statement template), in both languages, for the public; it is
/// checked by the one-voice check (module::DraftCheck) like any draft, submitted, and approved by
/// the crisis's required number of approvers — room members holding the approver or lead role,
/// never its author — and is published the moment the last approval lands. An update or a
/// cancellation names the published statement it supersedes. Thread-safe; answers wire JSON.
class StatementService {
 public:
  /// `registry`: the draft check, the member directory; outlives the service. `public_url`: the
  /// deployment's address (--public-url), for the CAP address of published statements.
  StatementService(store::Store& store, const module::ModuleRegistry& registry, std::string public_url)
      : store_(store), registry_(registry), public_url_(std::move(public_url)) {}

  static std::vector<store::Migration> Migrations();

  /// {"items"}: the crisis's statements, newest first.
  core::Result<core::Json> List(const auth::Caller& caller, int64_t crisis_id);
  /// One statement with "alignment" (the one-voice check of its texts, in `reader`'s language).
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t crisis_id, int64_t id, const http::Locale& reader);
  /// A draft: {title_*, body_*, instruction_*?, urgency?, certainty?, channels?, template_id?,
  /// msg_type?, supersedes_id?}.
  core::Result<core::Json> Create(const auth::Caller& caller, int64_t crisis_id, const core::Json& body);
  /// Edits a draft (its author or those who manage the room).
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                  std::optional<int64_t> if_match, const core::Json& body);
  /// draft → in_approval. {"override_reason"}: required when the one-voice check finds errors.
  core::Result<core::Json> Submit(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                  std::optional<int64_t> if_match, const core::Json& body, const http::Locale& reader);
  /// One approval; the last one needed publishes the statement.
  core::Result<core::Json> Approve(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                   std::optional<int64_t> if_match);
  /// draft or in_approval → withdrawn (its author or those who manage the room).
  core::Result<core::Json> Withdraw(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                    std::optional<int64_t> if_match);

 private:
  core::Result<core::Json> Transition(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                      std::optional<int64_t> if_match, const std::string& to,
                                      const std::optional<std::string>& override_reason);
  core::Status PublishOnChannels(store::Tx& tx, const auth::Caller& caller, const Room& room,
                                 const store::Row& statement) const;

  store::Store& store_;
  const module::ModuleRegistry& registry_;
  std::string public_url_;
};

/// The statement's JSON as stored (`row` selected with StatementResource().Columns()), its
/// approvals and CAP address added.
core::Result<core::Json> StatementJson(store::Tx& tx, const store::Row& row, int64_t required_approvals,
                                       const std::string& public_url);

}  // namespace sawt::crisis
