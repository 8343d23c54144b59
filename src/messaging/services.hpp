#pragma once

#include <memory>

#include "messaging/alignment_service.hpp"
#include "messaging/content_service.hpp"
#include "messaging/fact_service.hpp"
#include "messaging/feed_service.hpp"
#include "messaging/key_message_service.hpp"
#include "messaging/library_service.hpp"
#include "messaging/pause_service.hpp"
#include "messaging/publication_service.hpp"
#include "messaging/review_settings.hpp"
#include "messaging/variant_service.hpp"

namespace sawt::messaging {

/// The messaging module's services, one per aggregate, as Register builds them (the registry keeps
/// them alive). Routes and the demo seeder take what they call from here.
struct Services {
  std::shared_ptr<LibraryService> library;          ///< themes, terms, entity aliases
  std::shared_ptr<KeyMessageService> key_messages;  ///< key messages and their history
  std::shared_ptr<FactService> facts;               ///< the fact sheet
  std::shared_ptr<AlignmentService> alignment;      ///< the alignment check
  std::shared_ptr<ContentService> content;          ///< content items and their workflow
  std::shared_ptr<FeedService> feeds;               ///< public Atom feeds
  std::shared_ptr<VariantService> variants;         ///< channel variants and checks
  std::shared_ptr<PublicationService> publications; ///< the outbox and channel endpoints
  std::shared_ptr<ReviewSettingsService> review;    ///< per-entity review rules
  std::shared_ptr<PauseService> pauses;             ///< pausing publishing (also the registry's PublishingControl)
};

}  // namespace sawt::messaging
