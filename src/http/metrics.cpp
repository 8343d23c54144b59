#include "http/metrics.hpp"

#include <cstdio>

namespace sawt::http {
namespace {

std::string EscapeLabel(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out.push_back(c);
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Methods outside the standard set share one label value.
std::string_view MethodLabel(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (m == known) return known;
  }
  return "OTHER";
}

}  // namespace

void Metrics::RequestStarted() {
  std::lock_guard lock(mu_);
  ++in_flight_;
}

void Metrics::RequestFinished(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  --in_flight_;
  ++requests_[{std::string(MethodLabel(method)), std::string(route), status}];
  Histogram& h = durations_[std::string(route)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP sawt_http_requests_total HTTP requests answered, by method, route pattern and status.\n";
  out += "# TYPE sawt_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    out += "sawt_http_requests_total{method=\"" + EscapeLabel(std::get<0>(k)) + "\",route=\"" +
           EscapeLabel(std::get<1>(k)) + "\",status=\"" + std::to_string(std::get<2>(k)) + "\"} " +
           std::to_string(n) + "\n";
  }
  out += "# HELP sawt_http_request_duration_seconds Time from a complete request to its response, by route.\n";
  out += "# TYPE sawt_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    std::string label = "route=\"" + EscapeLabel(route) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "sawt_http_request_duration_seconds_bucket{" + label + ",le=\"" + Number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "sawt_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    out += "sawt_http_request_duration_seconds_sum{" + label + "} " + Number(h.sum) + "\n";
    out += "sawt_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP sawt_http_in_flight_requests Requests being handled right now.\n";
  out += "# TYPE sawt_http_in_flight_requests gauge\n";
  out += "sawt_http_in_flight_requests " + std::to_string(in_flight_) + "\n";
  return out;
}

Response MetricsResponse(const Metrics& metrics) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics.Render();
  return r;
}

}  // namespace sawt::http
