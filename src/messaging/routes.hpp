#pragma once

#include "messaging/services.hpp"
#include "module/registry.hpp"

namespace sawt::messaging {

/// The library (themes, key messages, facts, terms, aliases), content items with their workflow,
/// the Atom feeds and the alignment check.
void RegisterRoutes(module::ModuleRegistry& registry, const Services& services);
/// Channel variants, channel checks, the publication outbox and channel endpoints.
void RegisterPublicationRoutes(module::ModuleRegistry& registry, const Services& services);
/// An entity's review rules (maker-checker).
void RegisterReviewSettingsRoutes(module::ModuleRegistry& registry, std::shared_ptr<ReviewSettingsService> service);

}  // namespace sawt::messaging
