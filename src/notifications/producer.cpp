#include "notifications/producer.hpp"

#include <algorithm>
#include <exception>
#include <set>

#include "core/log.hpp"
#include "notifications/email_link.hpp"

namespace sawt::notifications {
namespace {

using core::Json;
using core::Result;
using core::Status;
using store::Tx;

Result<std::optional<int64_t>> Cursor(Tx& tx) {
  auto rows = tx.Query("SELECT last_event_id FROM notification_cursor WHERE id = 1");
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>((*rows)[0].Int("last_event_id"));
}

}  // namespace

std::pair<std::string, std::string> EmailText(const Wording& w, const std::string& link) {
  std::string subject = w.title_ar + " | " + w.title_en;
  std::string body = w.title_ar + "\n" + w.body_ar + "\n\n" + w.title_en + "\n" + w.body_en + "\n";
  if (!link.empty()) body += "\n" + link + "\n";
  return {std::move(subject), std::move(body)};
}

Producer::Producer(store::Store& store, const module::ModuleRegistry& registry, const NotificationService& service,
                   module::Settings settings, std::function<void()> queued)
    : store_(store),
      registry_(registry),
      service_(service),
      settings_(std::move(settings)),
      queued_(std::move(queued)),
      wake_(store, module::WorkerWake::ClockJumps::kIgnore) {}

void Producer::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t seen = wake_.Epoch();
    bool more = false;
    try {
      auto handled = RunOnce();
      if (!handled) {
        core::Log(core::LogLevel::kWarn, "notification producer failed",
                  {{"code", handled.error().key}, {"detail", handled.error().detail}});
      } else {
        more = *handled >= kBatch;
      }
    } catch (const std::exception& e) {
      core::Log(core::LogLevel::kError, "notification producer failed", {{"error", e.what()}});
    }
    if (more) continue;
    wake_.WaitFor(stop, seen, std::chrono::seconds(60));
  }
}

Result<int> Producer::RunOnce(bool from_start) {
  auto cursor = store::ReadValue<std::optional<int64_t>>(store_, [](Tx& tx) { return Cursor(tx); });
  if (!cursor) return std::move(cursor).error();
  if (!*cursor) {
    // First run: announce only what happens from now on (or everything, for the demo).
    Status st = store_.Write([&](Tx& tx) -> Status {
      int64_t start = 0;
      if (!from_start) {
        auto newest = tx.VisibleEventId();
        if (!newest) return std::move(newest).error();
        start = *newest;
      }
      auto n = tx.Exec("INSERT INTO notification_cursor (id, last_event_id) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
                       {start});
      if (!n) return std::move(n).error();
      return core::Ok();
    });
    if (!st) return std::move(st).error();
    if (!from_start) return 0;
    *cursor = 0;
  }
  auto events = store_.EventsAfter(**cursor, kBatch);
  if (!events) return std::move(events).error();
  if (events->empty()) return 0;
  int handled = 0;
  Status st = store_.Write([&](Tx& tx) -> Status {
    handled = 0;
    queued_email_ = false;
    // Another node may have moved the cursor meanwhile: then this batch is its to handle.
    SAWT_ASSIGN_OR_RETURN(auto now_at, Cursor(tx));
    if (now_at != *cursor) return core::Ok();
    for (const auto& event : *events) SAWT_TRY_STATUS(Handle(tx, event));
    auto n = tx.Exec("UPDATE notification_cursor SET last_event_id = $1 WHERE id = 1 AND last_event_id = $2",
                     {events->back().id, **cursor});
    if (!n) return std::move(n).error();
    handled = static_cast<int>(events->size());
    return core::Ok();
  });
  if (!st) return std::move(st).error();
  if (queued_email_ && queued_) queued_();
  return handled;
}

Status Producer::Handle(Tx& tx, const store::Event& event) {
  for (const auto& source : registry_.notification_sources()) {
    const auto types = source->event_types();
    if (std::find(types.begin(), types.end(), event.action) == types.end()) continue;
    // A source that throws on one event (a bug: a payload it did not expect) must not stop every
    // later notification of every module: the event is logged and skipped for that source. Errors
    // it returns (the store unavailable) fail the batch, which is tried again.
    core::Result<std::vector<module::NotificationDraft>> made = std::vector<module::NotificationDraft>();
    try {
      made = source->Drafts(tx, event);
    } catch (const std::exception& e) {
      core::Log(core::LogLevel::kError, "notification source failed on an event; skipped",
                {{"event", event.id}, {"action", event.action}, {"error", e.what()}});
      continue;
    }
    SAWT_ASSIGN_OR_RETURN(auto drafts, std::move(made));
    const auto kinds = source->kinds();
    for (const auto& draft : drafts) {
      auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.code == draft.kind; });
      if (kind == kinds.end()) {
        core::Log(core::LogLevel::kWarn, "notification of an undeclared kind", {{"kind", draft.kind}});
        continue;
      }
      std::vector<int64_t> recipients = draft.recipients;
      std::sort(recipients.begin(), recipients.end());
      recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
      if (recipients.empty()) continue;
      SAWT_ASSIGN_OR_RETURN(auto accounts, auth::AuthService::Accounts(tx, recipients));
      SAWT_ASSIGN_OR_RETURN(auto contacts, registry_.member_directory().Contacts(tx, recipients));
      const auto& messages = registry_.messages();
      const Wording wording{messages.Translate(kind->title_key, "ar", draft.params),
                            messages.Translate(kind->title_key, "en", draft.params),
                            messages.Translate(kind->body_key, "ar", draft.params),
                            messages.Translate(kind->body_key, "en", draft.params)};
      const std::string params = core::DumpJson(Json(draft.params));
      const std::string now = tx.clock().NowIsoUtc();
      for (int64_t account : recipients) {
        auto found = accounts.find(account);
        if (found == accounts.end() || !found->second.active) continue;
        if (found->second.login == event.actor) continue;  // nobody is told of their own action
        SAWT_ASSIGN_OR_RETURN(auto pref, NotificationService::PreferenceOf(tx, account, *kind));
        if (!pref.first) continue;
        auto inserted = tx.Query(
            "INSERT INTO notifications (account_id, event_id, kind, title_ar, title_en, body_ar, body_en, link, entity_id, "
            "created_at, dedup_key, params) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
            "ON CONFLICT DO NOTHING RETURNING id",  // the same event again, or a key the recipient already heard of
            {account, event.id, kind->code, wording.title_ar, wording.title_en, wording.body_ar, wording.body_en,
             draft.link, store::OrNull(draft.entity_id), now,
             draft.dedup_key.empty() ? store::Null() : store::Value(draft.dedup_key), params});
        if (!inserted) return std::move(inserted).error();
        if (inserted->empty() || !pref.second) continue;
        auto contact = contacts.find(account);
        if (contact == contacts.end() || contact->second.email.empty()) continue;
        auto [subject, body] = EmailText(wording, EmailLink(settings_.public_url, draft.link));
        // Without a relay the e-mail waits, visible, until one is configured.
        const char* status = settings_.smtp_relay.empty() ? "held" : "pending";
        auto queued = tx.Exec(
            "INSERT INTO notification_email_outbox (notification_id, account_id, address, subject, body, status, "
            "next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
            {(*inserted)[0].Int("id"), account, contact->second.email, subject, body, std::string(status), now});
        if (!queued) return std::move(queued).error();
        queued_email_ = true;
      }
    }
  }
  return core::Ok();
}

}  // namespace sawt::notifications
