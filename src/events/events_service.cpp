#include "events/events_service.hpp"

#include "module/stream_support.hpp"
#include "store/sql.hpp"

namespace sawt::events {
namespace {

using core::Json;

Json EventJson(const store::Row& r) {
  Json payload = Json::parse(r.Text("payload"), nullptr, false);
  if (payload.is_discarded()) payload = Json::object();
  return {{"id", r.Int("id")},
          {"at", r.Text("at")},
          {"actor", r.Text("actor")},
          {"action", r.Text("action")},
          {"entity_id", r.IsNull("entity_id") ? Json(nullptr) : Json(r.Int("entity_id"))},
          {"object_type", r.Text("object_type")},
          {"object_id", r.Text("object_id")},
          {"payload", std::move(payload)}};
}

/// One caller's stream. Each Poll first authenticates the credential again, then delivers at most
/// one batch of the events committed up to the newest id seen before that check: the credential
/// cache is invalidated by every commit before EventsService learns of it (AuthService subscribes
/// to OnCommit first), so no event committed after a revocation can go out under the old caller.
class CallerStream final : public http::EventStream {
 public:
  CallerStream(EventsService& service, auth::Caller caller, int64_t after, module::Reauthenticate reauthenticate)
      : service_(service), caller_(std::move(caller)), after_(after), reauthenticate_(std::move(reauthenticate)) {}
  ~CallerStream() override { service_.StreamClosed(caller_.account_id); }

  std::optional<std::string> Poll() override {
    std::string out;
    if (!greeted_) {
      // Tells the browser how long to wait before reconnecting (EventSource `retry`).
      out += "retry: 3000\n\n";
      greeted_ = true;
    }
    pending_ = false;
    const int64_t target = service_.latest();
    // Roles removed meanwhile narrow what is visible from now on.
    switch (module::CheckStreamCaller(reauthenticate_, caller_.account_id, caller_)) {
      case module::StreamCheck::kEnd: return std::nullopt;
      case module::StreamCheck::kSkip: return out;
      case module::StreamCheck::kDeliver: break;
    }
    if (after_ >= target) return out;
    auto batch = service_.Visible(caller_, after_, EventsService::kStreamBatch, target);
    if (!batch) return out;  // store trouble: try again at the next poll
    for (const auto& e : *batch) {
      after_ = e["id"].get<int64_t>();
      out += "id: " + std::to_string(after_) + "\nevent: " + e["action"].get<std::string>() +
             "\ndata: " + core::DumpJson(e) + "\n\n";
    }
    if (static_cast<int>(batch->size()) < EventsService::kStreamBatch) {
      // Every event up to `target` has committed (OnCommit runs after commit), so a short batch
      // means the caller has seen all it may see up to there, even when it could see none.
      after_ = std::max(after_, target);
    } else {
      pending_ = true;
    }
    return out;
  }

  bool Pending() const override { return pending_; }

 private:
  EventsService& service_;
  auth::Caller caller_;
  int64_t after_;
  module::Reauthenticate reauthenticate_;
  bool greeted_ = false;
  bool pending_ = false;
};

}  // namespace

EventsService::EventsService(store::Store& store) : store_(store), latest_(store) {
  auto newest = store::ReadValue<int64_t>(store_, [](store::Tx& tx) -> core::Result<int64_t> {
    auto rows = tx.Query("SELECT COALESCE(MAX(id), 0) AS last_id FROM events");
    if (!rows) return std::move(rows).error();
    return (*rows)[0].Int("last_id");
  });
  if (newest) latest_.Raise(*newest);
}

core::Result<std::vector<Json>> EventsService::Visible(const auth::Caller& caller, int64_t after_id, int limit,
                                                       std::optional<int64_t> up_to) {
  return store::ReadValue<std::vector<Json>>(store_, [&](store::Tx& tx) -> core::Result<std::vector<Json>> {
    store::Sql sql("SELECT id, at, actor, action, entity_id, object_type, object_id, payload FROM events WHERE id > ",
                   after_id);
    if (!caller.network_admin) {
      sql.Bind(" AND (actor = ", caller.login);
      const std::vector<int64_t> entities = caller.Entities();
      if (!entities.empty()) sql.BindList(" OR entity_id IN (", std::vector<store::Value>(entities.begin(), entities.end())).Append(")");
      sql.Append(")");
    }
    if (up_to) sql.Bind(" AND id <= ", *up_to);
    sql.Bind(" ORDER BY id LIMIT ", int64_t{limit});
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    std::vector<Json> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(EventJson(r));
    return out;
  });
}

core::Result<std::shared_ptr<http::EventStream>> EventsService::OpenStream(const auth::Caller& caller,
                                                                            int64_t last_event_id,
                                                                            module::Reauthenticate reauthenticate) {
  SAWT_TRY_STATUS(streams_.Acquire(caller.account_id, "events.too_many_streams"));
  return std::shared_ptr<http::EventStream>(
      std::make_shared<CallerStream>(*this, caller, last_event_id, std::move(reauthenticate)));
}

void EventsService::StreamClosed(int64_t account_id) { streams_.Release(account_id); }

}  // namespace sawt::events
