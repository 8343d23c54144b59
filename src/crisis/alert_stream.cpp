#include "crisis/alert_stream.hpp"

#include "module/service_names.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

class PublicStream final : public http::EventStream {
 public:
  PublicStream(std::shared_ptr<AlertFeed> feed, int64_t after) : feed_(std::move(feed)), after_(after) {}
  ~PublicStream() override { feed_->Closed(); }

  std::optional<std::string> Poll() override {
    std::string out;
    if (!greeted_) {
      out += "retry: 3000\n\n";
      greeted_ = true;
    }
    auto batch = feed_->After(after_);
    if (!batch) return out;  // the store could not answer: try at the next poll
    for (const auto& [seq, json] : *batch) {
      after_ = seq;
      out += "event: statement\nid: " + std::to_string(seq) + "\ndata: " + json + "\n\n";
    }
    return out;
  }

 private:
  std::shared_ptr<AlertFeed> feed_;
  int64_t after_;
  bool greeted_ = false;
};

}  // namespace

std::string PublicStatementSelect() {
  return "SELECT s.id, s.crisis_id, s.publication_seq, s.msg_type, s.supersedes_id, s.title_ar, s.title_en, s.body_ar, "
         "s.body_en, s.instruction_ar, s.instruction_en, s.urgency, s.certainty, s.published_at, c.kind, c.severity, "
         "c.crisis_type FROM crisis_statements s JOIN crises c ON c.id = s.crisis_id ";
}

Json PublicStatementJson(const Row& r, const std::string& public_url) {
  return {{"id", r.Int("id")}, {"seq", r.Int("publication_seq")}, {"crisis_id", r.Int("crisis_id")},
          {"msg_type", r.Text("msg_type")}, {"kind", r.Text("kind")}, {"crisis_type", r.Text("crisis_type")},
          {"severity", r.Text("severity")}, {"urgency", r.Text("urgency")}, {"certainty", r.Text("certainty")},
          {"supersedes_id", r.IsNull("supersedes_id") ? Json(nullptr) : Json(r.Int("supersedes_id"))},
          {"title_ar", r.Text("title_ar")}, {"title_en", r.Text("title_en")}, {"body_ar", r.Text("body_ar")},
          {"body_en", r.Text("body_en")}, {"instruction_ar", r.Text("instruction_ar")},
          {"instruction_en", r.Text("instruction_en")}, {"published_at", r.Text("published_at")},
          {"cap_url", public_url + "/api/v1/public/alerts/" + std::to_string(r.Int("id"))}};
}

AlertFeed::AlertFeed(store::Store& store, std::string public_url)
    : store_(store), public_url_(std::move(public_url)), watermark_(store) {}

Status AlertFeed::Refresh() {
  const int64_t mark = watermark_.value();
  std::lock_guard<std::mutex> lock(mu_);
  if (mark == loaded_at_.load()) return Ok();
  auto rows = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) {
    return tx.Query(PublicStatementSelect() + "WHERE s.status = 'published' ORDER BY s.publication_seq DESC LIMIT $1",
                    {static_cast<int64_t>(kKept)});
  });
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<int64_t, std::string>> kept;
  std::vector<Json> kept_json;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    const Row& r = *it;
    Json j = PublicStatementJson(r, public_url_);
    kept.emplace_back(r.Int("publication_seq"), core::DumpJson(j));
    kept_json.push_back(std::move(j));
  }
  kept_ = std::move(kept);
  kept_json_ = std::move(kept_json);
  newest_.store(kept_.empty() ? 0 : kept_.back().first, std::memory_order_release);
  loaded_at_.store(mark);
  return Ok();
}

Result<std::vector<std::pair<int64_t, std::string>>> AlertFeed::After(int64_t after) {
  // The common case of ten thousand idle streams: nothing new, no lock taken.
  if (watermark_.value() == loaded_at_.load() && after >= newest_.load(std::memory_order_acquire)) {
    return std::vector<std::pair<int64_t, std::string>>();
  }
  SAWT_TRY_STATUS(Refresh());
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& entry : kept_) {
    if (entry.first > after) out.push_back(entry);
  }
  return out;
}

Result<int64_t> AlertFeed::Newest() {
  SAWT_TRY_STATUS(Refresh());
  return newest_.load(std::memory_order_acquire);
}

Result<Json> AlertFeed::Latest(size_t limit) {
  SAWT_TRY_STATUS(Refresh());
  std::lock_guard<std::mutex> lock(mu_);
  Json items = Json::array();
  for (auto it = kept_json_.rbegin(); it != kept_json_.rend() && items.size() < limit; ++it) items.push_back(*it);
  return Json{{"items", std::move(items)}};
}

Result<std::shared_ptr<http::EventStream>> AlertFeed::Open(int64_t after) {
  if (open_.fetch_add(1) >= kMaxStreams) {
    open_.fetch_sub(1);
    return Error::RateLimited("crisis.too_many_streams");
  }
  return std::shared_ptr<http::EventStream>(std::make_shared<PublicStream>(shared_from_this(), after));
}

}  // namespace sawt::crisis
