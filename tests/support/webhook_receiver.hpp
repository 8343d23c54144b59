#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sawt::testing {

/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 and
/// localhost (tests/support/make_test_ca.sh, fresh for each instance, removed afterwards): what a
/// government's own CA would be to sawt's https deliveries.
class TestPki {
 public:
  TestPki();
  ~TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;
  bool ok() const { return ok_; }
  std::string ca_file() const { return Path("ca.pem"); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
  bool ok_ = false;
};

/// A webhook subscriber on 127.0.0.1 (plain HTTP, or HTTPS with `pki`'s certificate): records
/// every request and answers `status` (changeable while it runs, e.g. 503 while "down").
/// Thread-safe.
class WebhookReceiver {
 public:
  struct Received {
    std::string target, body, timestamp, signature, delivery, idempotency_key, event;
  };

  explicit WebhookReceiver(const TestPki* pki = nullptr);
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  /// "http[s]://127.0.0.1:<port><path>".
  std::string Url(const std::string& path = "/hook") const;
  void SetStatus(int status) { status_ = status; }
  std::vector<Received> received() const;
  /// Waits until `count` requests have arrived, or `timeout`; whether they did.
  bool WaitFor(size_t count, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> status_{200};
  bool tls_ = false;
};

}  // namespace sawt::testing
