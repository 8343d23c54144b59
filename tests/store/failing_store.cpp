#include "failing_store.hpp"

namespace sawt::store::testing {

class FailingTx final : public Tx {
 public:
  FailingTx(Tx& base, FailingStore& store) : base_(base), store_(store) {}
  Backend backend() const override { return base_.backend(); }
  bool writable() const override { return base_.writable(); }
  const core::Clock& clock() const override { return base_.clock(); }
  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    return base_.Query(sql, params);
  }
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    const int n = ++store_.exec_count_;
    if (store_.fail_at_ != 0 && n == store_.fail_at_) {
      return core::Error::Internal("injected failure at Exec #" + std::to_string(n));
    }
    return base_.Exec(sql, params);
  }
  Result<Event> Append(const NewEvent& event) override { return base_.Append(event); }

 private:
  Tx& base_;
  FailingStore& store_;
};

Status FailingStore::Write(const std::function<Status(Tx&)>& fn) {
  return base_.Write([&](Tx& tx) {
    FailingTx failing(tx, *this);
    return fn(failing);
  });
}

}  // namespace sawt::store::testing
