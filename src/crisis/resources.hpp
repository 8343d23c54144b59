#pragma once

#include "module/resource.hpp"

/// The crisis module's resources, each described once (module::Resource): the services select
/// Columns() and answer ToJson(row); module.cpp registers Schema() and the request schemas.
namespace sawt::crisis {

/// A declared crisis (or drill); its room's roles are added by the service.
const module::Resource& CrisisResource();
/// A task of a crisis room with its owner and due time.
const module::Resource& TaskResource();
/// One entry of a room's timeline (stored, or a signal another module supplied).
const module::Resource& TimelineEntryResource();

/// A crisis statement; its approvals, the approvals it needs and its CAP address are added.
const module::Resource& StatementResource();
/// A holding-statement template; its placeholders are added by the service.
const module::Resource& TemplateResource();
/// A webhook subscriber (its secret is never listed); its delivery counts are added.
const module::Resource& WebhookResource();
/// One statement's delivery to one subscriber, with its attempts.
const module::Resource& DeliveryResource();

}  // namespace sawt::crisis
