#include "events/events_service.hpp"

namespace sawt::events {
namespace {

using core::Json;

constexpr int kStreamBatch = 200;

Json EventJson(const store::Row& r) {
  Json payload = Json::parse(r.Text(7), nullptr, false);
  if (payload.is_discarded()) payload = Json::object();
  return {{"id", r.Int(0)},
          {"at", r.Text(1)},
          {"actor", r.Text(2)},
          {"action", r.Text(3)},
          {"entity_id", r.IsNull(4) ? Json(nullptr) : Json(r.Int(4))},
          {"object_type", r.Text(5)},
          {"object_id", r.Text(6)},
          {"payload", std::move(payload)}};
}

class CallerStream final : public http::EventStream {
 public:
  CallerStream(EventsService& service, auth::Caller caller, int64_t after)
      : service_(service), caller_(std::move(caller)), after_(after) {}

  std::optional<std::string> Poll() override {
    std::string out;
    if (!greeted_) {
      // Tells the browser how long to wait before reconnecting (EventSource `retry`).
      out += "retry: 3000\n\n";
      greeted_ = true;
    }
    while (after_ < service_.latest()) {
      // Every event up to `target` has committed (OnCommit runs after commit), so a short batch
      // means the caller has seen all it may see up to there, even when it could see none.
      const int64_t target = service_.latest();
      auto batch = service_.Visible(caller_, after_, kStreamBatch);
      if (!batch) return out;  // store trouble: try again at the next poll
      for (const auto& e : *batch) {
        after_ = e["id"].get<int64_t>();
        out += "id: " + std::to_string(after_) + "\nevent: " + e["action"].get<std::string>() +
               "\ndata: " + core::DumpJson(e) + "\n\n";
      }
      if (static_cast<int>(batch->size()) < kStreamBatch) {
        after_ = std::max(after_, target);
        break;
      }
    }
    return out;
  }

 private:
  EventsService& service_;
  auth::Caller caller_;
  int64_t after_;
  bool greeted_ = false;
};

}  // namespace

EventsService::EventsService(store::Store& store) : store_(store) {
  auto newest = store::ReadValue<int64_t>(store_, [](store::Tx& tx) -> core::Result<int64_t> {
    auto rows = tx.Query("SELECT COALESCE(MAX(id), 0) FROM events");
    if (!rows) return std::move(rows).error();
    return (*rows)[0].Int(0);
  });
  if (newest) latest_ = *newest;
  store_.OnCommit([this](int64_t id) { NoteCommitted(id); });
}

void EventsService::NoteCommitted(int64_t last_id) {
  int64_t cur = latest_.load(std::memory_order_relaxed);
  while (cur < last_id && !latest_.compare_exchange_weak(cur, last_id, std::memory_order_acq_rel)) {
  }
}

core::Result<std::vector<Json>> EventsService::Visible(const auth::Caller& caller, int64_t after_id, int limit) {
  return store::ReadValue<std::vector<Json>>(store_, [&](store::Tx& tx) -> core::Result<std::vector<Json>> {
    std::vector<store::Value> params = {after_id, int64_t{limit}};
    std::string sql =
        "SELECT id, at, actor, action, entity_id, object_type, object_id, payload FROM events WHERE id > $1";
    if (!caller.network_admin) {
      params.push_back(caller.login);
      std::string filter = " AND (actor = $3";
      std::string in;
      for (int64_t e : caller.Entities()) {
        params.push_back(e);
        in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
      }
      if (!in.empty()) filter += " OR entity_id IN (" + in + ")";
      sql += filter + ")";
    }
    sql += " ORDER BY id LIMIT $2";
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    std::vector<Json> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(EventJson(r));
    return out;
  });
}

std::shared_ptr<http::EventStream> EventsService::OpenStream(const auth::Caller& caller, int64_t last_event_id) {
  return std::make_shared<CallerStream>(*this, caller, last_event_id);
}

}  // namespace sawt::events
