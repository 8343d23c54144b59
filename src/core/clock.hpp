#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace sawt::core {

/// ISO 8601 UTC with microseconds, e.g. "2026-11-23T11:36:47.123456Z". Sorts lexicographically.
std::string FormatIsoUtc(int64_t micros);

/// Whether `text` is a calendar date "YYYY-MM-DD" (a real day: no 2026-02-30).
bool IsIsoDate(std::string_view text);

/// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.ffffff]Z"; false on anything else.
bool ParseIsoUtc(const std::string& text, int64_t* micros);

/// What time it is, as the application sees it. Services never read the system clock: they ask
/// the store's clock (store::Store::clock, set by StoreOptions::clock), so a test can run a whole
/// application at a chosen instant and move it forward instead of sleeping or depending on
/// today's date. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Microseconds since the Unix epoch, UTC.
  virtual int64_t NowMicros() const = 0;
  std::string NowIsoUtc() const { return FormatIsoUtc(NowMicros()); }

  /// Registers `wake`, called whenever the clock jumps forward or back (a ManualClock moved by a
  /// test), so that a worker sleeping until a due time re-checks at once. The registration lasts
  /// as long as the returned handle; once the handle is destroyed `wake` is not running and is
  /// never called again. `wake` must be fast and must not use the clock. The system clock never
  /// jumps (it returns an empty handle).
  using JumpSubscription = std::shared_ptr<void>;
  virtual JumpSubscription OnJump(std::function<void()> wake) const;
};

/// The real time (std::chrono::system_clock).
const Clock& SystemClock();

/// A clock that stands still until a test moves it. Each reading is one microsecond later than
/// the previous one, so rows written one after the other keep distinct, ordered timestamps as
/// they would with a real clock.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_micros);
  int64_t NowMicros() const override;
  JumpSubscription OnJump(std::function<void()> wake) const override;

  /// Moves the clock forward by `by` and wakes every subscriber.
  void Advance(std::chrono::microseconds by);
  /// Sets the clock to `micros` and wakes every subscriber.
  void Set(int64_t micros);

 private:
  struct Subscribers {
    std::mutex mu;  // held while calling: a handle's end waits for a call in progress
    std::map<int64_t, std::function<void()>> wake;
    int64_t next_id = 0;
  };
  void Jumped() const;

  mutable std::mutex mu_;
  mutable int64_t now_;
  std::shared_ptr<Subscribers> subscribers_ = std::make_shared<Subscribers>();
};

/// The system clock's time, for what is about the process rather than the application: log lines
/// and request timing. Everything stored or decided uses a Clock.
int64_t NowMicros();
inline std::string NowIsoUtc() { return FormatIsoUtc(NowMicros()); }

}  // namespace sawt::core
