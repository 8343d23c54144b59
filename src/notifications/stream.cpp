#include "notifications/stream.hpp"

namespace sawt::notifications {
namespace {

class CallerStream final : public http::EventStream {
 public:
  CallerStream(std::shared_ptr<NotificationStreams> owner, int64_t account_id, int64_t after, http::Locale locale,
               module::Reauthenticate reauthenticate)
      : owner_(std::move(owner)), account_id_(account_id), after_(after), locale_(std::move(locale)),
        reauthenticate_(std::move(reauthenticate)) {}
  ~CallerStream() override { owner_->Closed(account_id_); }

  std::optional<std::string> Poll() override {
    std::string out;
    if (!greeted_) {
      out += "retry: 3000\n\n";
      greeted_ = true;
    }
    pending_ = false;
    auth::Caller fresh;
    switch (module::CheckStreamCaller(reauthenticate_, account_id_, fresh)) {
      case module::StreamCheck::kEnd: return std::nullopt;
      case module::StreamCheck::kSkip: return out;
      case module::StreamCheck::kDeliver: break;
    }
    auto batch = owner_->service().After(account_id_, after_, NotificationStreams::kBatch, locale_);
    if (!batch) return out;
    for (const auto& n : *batch) {
      after_ = n["id"].get<int64_t>();
      out += "event: notification\nid: " + std::to_string(after_) + "\ndata: " + core::DumpJson(n) + "\n\n";
    }
    pending_ = static_cast<int>(batch->size()) >= NotificationStreams::kBatch;
    return out;
  }

  bool Pending() const override { return pending_; }

 private:
  std::shared_ptr<NotificationStreams> owner_;
  int64_t account_id_;
  int64_t after_;
  http::Locale locale_;
  module::Reauthenticate reauthenticate_;
  bool greeted_ = false;
  bool pending_ = false;
};

}  // namespace

core::Result<std::shared_ptr<http::EventStream>> NotificationStreams::Open(const auth::Caller& caller, int64_t after,
                                                                           http::Locale locale,
                                                                           module::Reauthenticate reauthenticate) {
  SAWT_TRY_STATUS(quota_.Acquire(caller.account_id, "notifications.too_many_streams"));
  return std::shared_ptr<http::EventStream>(std::make_shared<CallerStream>(
      shared_from_this(), caller.account_id, after, std::move(locale), std::move(reauthenticate)));
}

void NotificationStreams::Closed(int64_t account_id) { quota_.Release(account_id); }

}  // namespace sawt::notifications
