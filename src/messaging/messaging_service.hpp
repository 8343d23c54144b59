#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "messaging/alignment.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// Filters of the key-message list.
struct KeyMessageFilter {
  std::optional<int64_t> theme_id;
  std::optional<std::string> state;  ///< draft, approved, retired
};

/// The messaging module's first slice ("one voice"): themes, bilingual key messages with version
/// history and approval, the fact sheet, the network term list, entity aliases, and the alignment
/// check of a draft against all of them. Every command authorizes through auth::Authorize,
/// validates its input (unknown fields are errors) and writes in one transaction that appends its
/// event. Results are wire JSON. Thread-safe.
class MessagingService {
 public:
  explicit MessagingService(store::Store& store);

  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> ListThemes(const auth::Caller& caller);
  core::Result<core::Json> CreateTheme(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateTheme(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);

  core::Result<core::Json> ListKeyMessages(const auth::Caller& caller, const KeyMessageFilter& filter,
                                           const module::Page& page);
  core::Result<core::Json> GetKeyMessage(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> CreateKeyMessage(const auth::Caller& caller, const core::Json& body);
  /// Stores the previous version in the history; an approved message goes back to draft.
  core::Result<core::Json> UpdateKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const core::Json& body);
  /// draft → approved, by a network admin or an entity admin of the theme's owner entity.
  core::Result<core::Json> ApproveKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const core::Json& body);
  /// draft or approved → retired (same permission as approval).
  core::Result<core::Json> RetireKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const core::Json& body);
  core::Result<core::Json> KeyMessageVersions(const auth::Caller& caller, int64_t id);

  core::Result<core::Json> ListFacts(const auth::Caller& caller, std::optional<std::string> state,
                                     const module::Page& page);
  core::Result<core::Json> GetFact(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> CreateFact(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const core::Json& body);
  core::Result<core::Json> ApproveFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);

  core::Result<core::Json> ListTerms(const auth::Caller& caller);
  core::Result<core::Json> CreateTerm(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateTerm(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const core::Json& body);
  core::Status DeleteTerm(const auth::Caller& caller, int64_t id);

  core::Result<core::Json> ListAliases(const auth::Caller& caller, std::optional<int64_t> entity_id);
  core::Result<core::Json> CreateAlias(const auth::Caller& caller, const core::Json& body);
  core::Status DeleteAlias(const auth::Caller& caller, int64_t id);

  /// Runs the alignment check of a draft against the approved, currently valid library. Writes
  /// nothing. The analysed library is cached until the next committed change or the next day.
  core::Result<core::Json> CheckDraft(const auth::Caller& caller, const core::Json& body);

  // ---- content items (press releases, posts, speeches, articles, memos) with their workflow ----
  /// Creates a draft (version 1); the answer carries "alignment" (the check of title + body).
  core::Result<core::Json> CreateContentItem(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> GetContentItem(const auth::Caller& caller, int64_t id);
  /// Content items (without alignment), filtered by state, owner entity and kind: the review queue is
  /// ?state=in_review&entity_id=.
  core::Result<core::Json> ListContentItems(const auth::Caller& caller, std::optional<std::string> state,
                                            std::optional<int64_t> entity_id, std::optional<std::string> kind,
                                            const module::Page& page);
  /// Edits a draft or an item with changes requested; every save keeps a version.
  core::Result<core::Json> UpdateContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const core::Json& body);
  /// {"to", "comment"}: one step of draft → in_review → changes_requested | approved → scheduled →
  /// published → withdrawn. If-Match is required.
  core::Result<core::Json> TransitionContentItem(const auth::Caller& caller, int64_t id,
                                                 std::optional<int64_t> if_match, const core::Json& body);
  /// Every stored version of an item, newest first (without bodies: diff two of them to compare).
  core::Result<core::Json> ContentItemVersions(const auth::Caller& caller, int64_t id);
  /// Word-level diff of two stored versions, per field.
  core::Result<core::Json> DiffContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> from,
                                           std::optional<int64_t> to);
  /// Published items of one entity (by code) or of the whole government, newest first, as Atom XML.
  core::Result<std::string> AtomFeed(const std::optional<std::string>& entity_code, const std::string& self_url);

  /// The library snapshot the check uses (approved and valid today), analysed.
  core::Result<std::shared_ptr<const AlignmentLibrary>> Library();

 private:
  core::Result<core::Json> WithAlignment(core::Json item);

  store::Store& store_;
  // Cached analysed library: valid while no event committed since it was loaded (same rule as
  // module::EpochCache) and on the same UTC day (validity dates).
  struct EpochState {
    std::atomic<int64_t> epoch{0};
  };
  std::shared_ptr<EpochState> epoch_ = std::make_shared<EpochState>();
  std::mutex mu_;
  std::shared_ptr<const AlignmentLibrary> library_;
  int64_t library_epoch_ = -1;
  std::string library_day_;
};

}  // namespace sawt::messaging
