#include "app/modules.hpp"

#include "auth/routes.hpp"
#include "calendar/module.hpp"
#include "crisis/module.hpp"
#include "events/module.hpp"
#include "initiatives/module.hpp"
#include "messaging/module.hpp"
#include "network/module.hpp"
#include "notifications/module.hpp"
#include "search/module.hpp"
#include "strategy/module.hpp"

namespace sawt::app {

std::shared_ptr<events::EventsService> RegisterModules(module::ModuleRegistry& registry) {
  auth::Register(registry);
  auto events = events::Register(registry);
  network::Register(registry);
  messaging::Register(registry);
  calendar::Register(registry);
  initiatives::Register(registry);
  search::Register(registry);
  strategy::Register(registry);
  crisis::Register(registry);
  // After every module that registers a notification source (it builds their kinds vocabulary).
  notifications::Register(registry);
  // Later capabilities register here: media, listening, capacity, platform.
  return events;
}

}  // namespace sawt::app
