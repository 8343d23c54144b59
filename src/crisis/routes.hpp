#pragma once

#include <memory>

#include "crisis/crisis_service.hpp"
#include "crisis/report_service.hpp"
#include "crisis/room_service.hpp"
#include "crisis/template_service.hpp"
#include "module/registry.hpp"

namespace sawt::crisis {

/// The crisis module's HTTP routes (thin: parse, call the service, reply).
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<CrisisService> crises, std::shared_ptr<RoomService> rooms,
                    std::shared_ptr<TemplateService> templates, std::shared_ptr<ReportService> reports);

}  // namespace sawt::crisis
