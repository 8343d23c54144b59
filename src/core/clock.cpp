#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace sawt::core {

int64_t NowMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

Clock::JumpSubscription Clock::OnJump(std::function<void()>) const { return nullptr; }

namespace {
class RealClock final : public Clock {
 public:
  int64_t NowMicros() const override { return core::NowMicros(); }
};
}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

ManualClock::ManualClock(int64_t start_micros) : now_(start_micros) {}

int64_t ManualClock::NowMicros() const {
  std::lock_guard<std::mutex> lock(mu_);
  return now_++;
}

void ManualClock::Advance(std::chrono::microseconds by) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += by.count();
  }
  Jumped();
}

void ManualClock::Set(int64_t micros) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = micros;
  }
  Jumped();
}

void ManualClock::Jumped() const {
  std::lock_guard<std::mutex> lock(subscribers_->mu);
  for (const auto& [id, wake] : subscribers_->wake) wake();
}

Clock::JumpSubscription ManualClock::OnJump(std::function<void()> wake) const {
  int64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(subscribers_->mu);
    id = subscribers_->next_id++;
    subscribers_->wake.emplace(id, std::move(wake));
  }
  // The handle keeps the subscriber list alive (it may outlive the clock) and removes its entry
  // under the same mutex Jumped holds while calling.
  auto subscribers = subscribers_;
  return std::shared_ptr<void>(nullptr, [subscribers, id](void*) {
    std::lock_guard<std::mutex> lock(subscribers->mu);
    subscribers->wake.erase(id);
  });
}

std::string FormatIsoUtc(int64_t micros) {
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto number = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

bool ParseIsoUtc(const std::string& text, int64_t* micros) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  long long frac = 0;
  int consumed = 0;
  std::tm tm{};
  if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) return false;
  } else {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) return false;
    std::string rest = text.substr(static_cast<size_t>(consumed));
    if (!rest.empty() && rest[0] == '.') {
      size_t i = 1;
      int digits = 0;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
        if (digits < 6) {
          frac = frac * 10 + (rest[i] - '0');
          ++digits;
        }
        ++i;
      }
      if (digits == 0) return false;
      while (digits++ < 6) frac *= 10;
      rest = rest.substr(i);
    }
    if (rest != "Z") return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t t = timegm(&tm);
  if (tm.tm_mday != d) return false;  // e.g. Feb 30 normalised into March
  *micros = static_cast<int64_t>(t) * 1000000 + frac;
  return true;
}

}  // namespace sawt::core
