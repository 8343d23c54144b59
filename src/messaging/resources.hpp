#pragma once

#include "module/resource.hpp"

/// Messaging's resources, each described once (module::Resource): the services select
/// Columns() and answer ToJson(row); module.cpp registers Schema() and the request schemas from
/// the same fields.
namespace sawt::messaging {

const module::Resource& ThemeResource();
const module::Resource& TermResource();
/// A key message; its theme's code comes from the joined theme (column "code").
const module::Resource& KeyMessageResource();
const module::Resource& FactResource();
/// A known short form of an entity's name.
const module::Resource& AliasResource();
/// A content item; the service adds its approvals ({reviewer, network}: who signed off, from two
/// columns, SelectItems()).
const module::Resource& ContentItemResource();
/// A publication of the outbox; the service adds next_attempt_at (only while it is pending).
const module::Resource& PublicationResource();
/// A channel's delivery endpoint; the service adds has_secret (the secret itself is never shown).
const module::Resource& ChannelEndpointResource();
/// An entity's review rules.
/// A pause of publishing (PauseService): what it covers, who paused and resumed it, and what it holds.
const module::Resource& PublishingPauseResource();
const module::Resource& ReviewSettingsResource();

/// A key message's supporting points: at most 20 {ar, en}.
core::Json SupportingPoints();

}  // namespace sawt::messaging
