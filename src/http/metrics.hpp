#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "http/router.hpp"

namespace sawt::http {

/// HTTP request metrics in Prometheus text exposition format 0.0.4:
///   sawt_http_requests_total{method,route,status}   counter
///   sawt_http_request_duration_seconds{route}        histogram
///   sawt_http_in_flight_requests                     gauge
/// `route` is the route pattern (or a fixed name such as "static" / "unmatched"), never the raw
/// path, so label cardinality stays bounded. Thread-safe.
class Metrics {
 public:
  static constexpr std::array<double, 13> kBuckets = {.001, .0025, .005, .01, .025, .05, .1,
                                                      .25,  .5,    1,    2.5, 5,   10};

  void RequestStarted();
  void RequestFinished(std::string_view method, std::string_view route, int status, double seconds);
  /// The whole exposition, ending with a newline.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  int64_t in_flight_ = 0;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
};

/// GET /metrics: the exposition of `metrics` as text/plain; version=0.0.4.
Response MetricsResponse(const Metrics& metrics);

}  // namespace sawt::http
