#include "messaging/publication_worker.hpp"

#include <algorithm>
#include <exception>

#include "auth/crypto.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "http/client.hpp"
#include "messaging/pause_service.hpp"
#include "module/service_names.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxErrorBytes = 500;
constexpr const char* kSystemActor = "system";

Status AppendSystemEvent(Tx& tx, const char* action, int64_t entity_id, int64_t object_id, Json payload) {
  auto ev = tx.Append({kSystemActor, action, entity_id, "publication", std::to_string(object_id), std::move(payload)});
  if (!ev) return std::move(ev).error();
  return Ok();
}

auth::Caller SystemCaller() {
  auth::Caller c;
  c.login = kSystemActor;
  c.network_admin = true;
  return c;
}

}  // namespace

PublicationWorker::PublicationWorker(store::Store& store, ContentService& content, NetworkTimeSource network_time,
                                     PublicationOptions options)
    : store_(store),
      content_(content),
      network_time_(std::move(network_time)),
      options_(std::move(options)),
      wake_(store) {}

PublicationWorker::~PublicationWorker() = default;

void PublicationWorker::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t seen = wake_.Epoch();
    std::optional<int64_t> next_due;
    try {
      next_due = RunOnce();
    } catch (const std::exception& e) {
      // A broken invariant must not end the process from a background thread; log and go on.
      core::Log(core::LogLevel::kError, "publication dispatcher failed", {{"error", e.what()}});
    }
    wake_.WaitFor(stop, seen, options_.poll, next_due);
  }
}

std::optional<int64_t> PublicationWorker::RunOnce() {
  PublishDueItems();
  auto due = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) -> Result<std::vector<Row>> {
    return tx.Query(
        "SELECT o.id, o.channel, o.payload, o.attempts, o.version, o.owner_entity_id, o.item_id, o.lang, e.url, "
        "e.secret, e.max_attempts FROM publication_outbox o LEFT JOIN channel_endpoints e ON e.channel = o.channel "
        "WHERE o.state = 'pending' AND o.next_attempt_at <= $1 AND NOT " + PauseService::CoversOutboxRow() +
        " ORDER BY o.id LIMIT 50",
        {store_.clock().NowIsoUtc()});
  });
  if (!due) {
    core::Log(core::LogLevel::kWarn, "publication dispatcher cannot read the outbox", {{"code", due.error().key},
                                                                                        {"detail", due.error().detail}});
    return store_.clock().NowMicros() + 5'000'000;
  }
  for (const auto& row : *due) DeliverOne(row);
  // Rows a pause holds are not due: resuming commits, which wakes the worker.
  return module::EarliestDue(store_, "SELECT MIN(o.next_attempt_at) AS next_attempt_at FROM publication_outbox o "
                                     "WHERE o.state = 'pending' AND NOT " + PauseService::CoversOutboxRow());
}

void PublicationWorker::DeliverOne(const Row& row) {
  const int64_t id = row.Int("id"), attempts = row.Int("attempts") + 1, version = row.Int("version"),
                owner = row.Int("owner_entity_id");
  const Json base = {{"item_id", row.Int("item_id")}, {"channel", row.Text("channel")},
                     {"lang", row.Text("lang")}};
  const std::optional<std::string> url = row.OptText("url");
  Status st;
  if (!url) {
    // No endpoint for the channel: a person posts it and records the link.
    st = store_.Write([&](Tx& tx) -> Status {
      auto n = tx.Exec(
          "UPDATE publication_outbox SET state = 'manual', version = version + 1, updated_at = $1 "
          "WHERE id = $2 AND version = $3 AND state = 'pending'",
          {store_.clock().NowIsoUtc(), id, version});
      if (!n) return std::move(n).error();
      if (*n != 1) return Ok();  // another node moved it first
      return AppendSystemEvent(tx, "messaging.publication_manual", owner, id, base);
    });
  } else {
    const std::string payload = row.Text("payload");
    auto headers = auth::WebhookSignatureHeaders(row.Text("secret"), payload, store_.clock().NowMicros() / 1'000'000);
    headers.emplace_back("X-Sawt-Delivery", std::to_string(id));
    headers.emplace_back("X-Sawt-Event", "publication");
    std::string error;
    int status = 0;
    auto target = http::ParseHttpUrl(*url);
    if (!target) {
      error = "bad endpoint url";
    } else {
      auto answer = http::PostRequest(*target, "application/json", payload, headers, options_.timeout, &options_.addresses);
      if (!answer) {
        error = answer.error().detail;
      } else {
        status = answer->status;
        if (status < 200 || status > 299) error = "HTTP " + std::to_string(status);
      }
    }
    if (error.size() > kMaxErrorBytes) error.resize(kMaxErrorBytes);
    const int64_t max_attempts = row.OptInt("max_attempts").value_or(options_.default_max_attempts);
    st = store_.Write([&](Tx& tx) -> Status {
      const std::string now = store_.clock().NowIsoUtc();
      Json payload_event = base;
      payload_event["attempts"] = attempts;
      const char* action = nullptr;
      int64_t n = 0;
      if (error.empty()) {
        auto r = tx.Exec(
            "UPDATE publication_outbox SET state = 'delivered', attempts = $1, delivered_at = $2, last_error = NULL, "
            "updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4 AND state = 'pending'",
            {attempts, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_delivered";
        payload_event["status"] = status;
      } else if (attempts >= max_attempts) {
        auto r = tx.Exec(
            "UPDATE publication_outbox SET state = 'failed', attempts = $1, last_error = $2, updated_at = $3, "
            "version = version + 1 WHERE id = $4 AND version = $5 AND state = 'pending'",
            {attempts, error, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_failed";
        payload_event["error"] = error;
      } else {
        // Exponential backoff: base, 2×base, 4×base, … capped.
        auto delay = options_.retry_base * (int64_t{1} << std::min<int64_t>(attempts - 1, 30));
        delay = std::min<std::chrono::milliseconds>(delay, options_.retry_max);
        const std::string next = core::FormatIsoUtc(store_.clock().NowMicros() + delay.count() * 1000);
        auto r = tx.Exec(
            "UPDATE publication_outbox SET attempts = $1, last_error = $2, next_attempt_at = $3, updated_at = $4, "
            "version = version + 1 WHERE id = $5 AND version = $6 AND state = 'pending'",
            {attempts, error, next, now, id, version});
        if (!r) return std::move(r).error();
        n = *r;
        action = "messaging.publication_retry_scheduled";
        payload_event["error"] = error;
        payload_event["next_attempt_at"] = next;
      }
      if (n != 1) return Ok();  // another node recorded this row first
      return AppendSystemEvent(tx, action, owner, id, payload_event);
    });
  }
  if (!st) {
    core::Log(core::LogLevel::kWarn, "publication state not recorded",
              {{"publication", id}, {"code", st.error().key}, {"detail", st.error().detail}});
  }
}

void PublicationWorker::PublishDueItems() {
  // planned_at is stored as given, "YYYY-MM-DDTHH:MM:SSZ" or a date "YYYY-MM-DD". A time is due
  // once now (in that form: with microseconds "…:00.5Z" would sort before "…:00Z" and miss its
  // second) has reached it; a date once that day has begun in the network's time zone.
  const int64_t now = store_.clock().NowMicros();
  const std::string now_in_planned_form = core::FormatIsoUtc(now).substr(0, 19) + "Z";
  auto due = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) -> Result<std::vector<Row>> {
    SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, network_time_().Zone(tx));
    return tx.Query(
        "SELECT c.id, c.version FROM content_items c WHERE c.state = 'scheduled' AND c.planned_at IS NOT NULL AND "
        "((length(c.planned_at) = 20 AND c.planned_at <= $1) OR (length(c.planned_at) = 10 AND c.planned_at <= $2)) "
        "AND NOT " + PauseService::CoversScheduledItem() + " ORDER BY c.id LIMIT 20",
        {now_in_planned_form, zone.DateOf(now)});
  });
  if (!due) return;
  const auth::Caller system = SystemCaller();
  for (const auto& r : *due) {
    const auto key = std::make_pair(r.Int("id"), r.Int("version"));
    if (refused_.count(key)) continue;
    auto moved = content_.TransitionContentItem(system, r.Int("id"), r.Int("version"),
                                                  Json{{"to", "published"}, {"comment", "planned_at reached"}});
    if (!moved && moved.error().code != core::ErrorCode::kPreconditionFailed) {
      // Refused (e.g. a variant over its limit): reported once per item version, not on every pass.
      refused_.insert(key);
      core::Log(core::LogLevel::kWarn, "scheduled item not published",
                {{"item", r.Int("id")}, {"code", moved.error().key}, {"args", moved.error().args}});
    }
  }
}

}  // namespace sawt::messaging
