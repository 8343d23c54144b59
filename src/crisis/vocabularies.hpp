#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

/// The crisis module's code lists, declared once: served at GET /api/v1/vocabularies, used by the
/// OpenAPI schemas and checked on input.
namespace sawt::crisis {

const module::Vocabulary& Kinds();           ///< "crisis_kinds": real or drill
const module::Vocabulary& Types();           ///< "crisis_types": what happened (weather, health, …)
/// "crisis_severities": minor → extreme, the same four levels as CAP 1.2's <severity>, so an
/// alert issued for a crisis carries its level unchanged.
const module::Vocabulary& Severities();
const module::Vocabulary& Statuses();        ///< "crisis_statuses": active or closed
const module::Vocabulary& RoomRoles();       ///< "crisis_roles": lead, spokesperson, approver, monitoring
const module::Vocabulary& TaskStatuses();    ///< "crisis_task_statuses": open, done, cancelled
/// "crisis_timeline_kinds": what a timeline entry records. Members write notes, decisions and
/// signals; the rest is written by the room itself as things happen.
const module::Vocabulary& TimelineKinds();
const module::Vocabulary& CalendarKinds();     ///< "crisis_calendar_kinds": the room's calendar items
/// Crisis statements: "crisis_message_types" (alert, update, cancel: CAP's msgType),
/// "crisis_urgencies" and "crisis_certainties" (CAP's urgency and certainty, lower-cased) and
/// "crisis_statement_statuses" (draft → in_approval → published, or withdrawn).
const module::Vocabulary& MessageTypes();
const module::Vocabulary& Urgencies();
const module::Vocabulary& Certainties();
const module::Vocabulary& StatementStatuses();
/// "crisis_webhook_delivery_states": a delivery to a subscriber is pending (retried with backoff)
/// until it is delivered, failed (attempts used up) or cancelled (the subscriber was removed).
const module::Vocabulary& DeliveryStates();
/// "crisis_webhook_errors": why an attempt failed, in words a reader can act on (the technical
/// detail stays in `last_error`).
const module::Vocabulary& DeliveryErrors();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::crisis
