// bench/crisis/sse_fanout — the measuring client of bench/crisis/run.sh, in C++ so that reading
// 10,000 sockets costs the two cores as little as possible (the Python client, sse_fanout.py, was
// most of the latency it reported). Opens N Server-Sent Events connections to one stream on
// loopback, waits until every one has been greeted ("retry:"), fires a trigger (an HTTP POST that
// publishes something) and measures when each connection receives its first `event: statement`.
// Prints one JSON object, the same as sse_fanout.py:
//   {"clients","connected","received","p50_ms","p99_ms","max_ms","trigger_ms","trigger_status","trigger_epoch","client"}
// Times run from just before the trigger request is sent. One thread for the streams; every wait is
// bounded (--timeout seconds per phase).
//   sse_fanout --port P [--path /api/v1/public/alerts/stream] --clients N --trigger-url http://127.0.0.1:P/...
//              [--trigger-token T] [--timeout 60]
#include <algorithm>
#include <array>
#include <functional>
#include <future>
#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  uint16_t port = 0;
  std::string path = "/api/v1/public/alerts/stream";
  int clients = 1000;
  std::string trigger_host = "127.0.0.1";
  uint16_t trigger_port = 0;
  std::string trigger_target;
  std::string trigger_token;
  int timeout_s = 60;
};

struct Shared {
  std::atomic<int> greeted{0};
  std::atomic<int> connected{0};
  std::atomic<int> received{0};
  std::optional<Clock::time_point> start;  // set (on the stream thread) when the trigger goes
  std::vector<double> arrivals_ms;         // per client; NaN until it received
};

/// One stream: connects, asks, reads until "retry:" (greeted) and then until "event: statement".
class Stream : public std::enable_shared_from_this<Stream> {
 public:
  Stream(net::io_context& io, const Options& o, Shared& s, size_t index) : socket_(io), o_(o), s_(s), index_(index) {}

  void Start(std::function<void()> on_connected) {
    on_connected_ = std::move(on_connected);
    auto self = shared_from_this();
    socket_.async_connect({net::ip::make_address("127.0.0.1"), o_.port}, [self](boost::system::error_code ec) {
      self->on_connected_();
      if (ec) return;
      self->s_.connected++;
      self->request_ = "GET " + self->o_.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
      net::async_write(self->socket_, net::buffer(self->request_),
                       [self](boost::system::error_code wec, size_t) {
                         if (!wec) self->Read();
                       });
    });
  }
  void Close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void Read() {
    auto self = shared_from_this();
    socket_.async_read_some(net::buffer(buffer_), [self](boost::system::error_code ec, size_t n) {
      if (ec) return;
      self->text_.append(self->buffer_.data(), n);
      if (!self->greeted_ && self->text_.find("retry:") != std::string::npos) {
        self->greeted_ = true;
        self->s_.greeted++;
      }
      if (self->text_.find("event: statement") != std::string::npos) {
        if (self->s_.start) {
          self->s_.arrivals_ms[self->index_] =
              std::chrono::duration<double, std::milli>(Clock::now() - *self->s_.start).count();
          self->s_.received++;
        }
        return;  // done: one event is what is measured
      }
      // Keep only the tail a marker could straddle.
      if (self->text_.size() > 4096) self->text_.erase(0, self->text_.size() - 64);
      self->Read();
    });
  }

  tcp::socket socket_;
  const Options& o_;
  Shared& s_;
  size_t index_;
  std::function<void()> on_connected_;
  std::string request_, text_;
  std::array<char, 4096> buffer_{};
  bool greeted_ = false;
};

/// POST {} to the trigger (blocking, its own connection); the HTTP status or 0.
int Trigger(const Options& o) {
  try {
    net::io_context io;
    tcp::socket socket(io);
    socket.connect({net::ip::make_address(o.trigger_host), o.trigger_port});
    std::string req = "POST " + o.trigger_target + " HTTP/1.1\r\nHost: " + o.trigger_host +
                      "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n";
    if (!o.trigger_token.empty()) req += "Authorization: Bearer " + o.trigger_token + "\r\n";
    req += "\r\n{}";
    net::write(socket, net::buffer(req));
    std::string head;
    std::array<char, 1024> buf{};
    boost::system::error_code ec;
    while (head.find("\r\n") == std::string::npos) {
      size_t n = socket.read_some(net::buffer(buf), ec);
      if (ec) break;
      head.append(buf.data(), n);
    }
    return head.size() > 12 ? std::atoi(head.substr(9, 3).c_str()) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

bool ParseUrl(const std::string& url, Options& o) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) return false;
  const std::string rest = url.substr(prefix.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  o.trigger_target = slash == std::string::npos ? "/" : rest.substr(slash);
  const size_t colon = authority.rfind(':');
  o.trigger_host = authority.substr(0, colon);
  o.trigger_port = colon == std::string::npos ? 80 : static_cast<uint16_t>(std::atoi(authority.substr(colon + 1).c_str()));
  return true;
}

double Percentile(const std::vector<double>& sorted, double q) {
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(std::llround(q * static_cast<double>(sorted.size() - 1))))];
}

std::string Num(std::optional<double> v) {
  if (!v) return "null";
  char out[32];
  std::snprintf(out, sizeof out, "%.1f", *v);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") o.port = static_cast<uint16_t>(std::atoi(value.c_str()));
    else if (flag == "--path") o.path = value;
    else if (flag == "--clients") o.clients = std::atoi(value.c_str());
    else if (flag == "--trigger-url") {
      if (!ParseUrl(value, o)) {
        std::fprintf(stderr, "sse_fanout: --trigger-url must be http://host:port/path\n");
        return 2;
      }
    } else if (flag == "--trigger-token") o.trigger_token = value;
    else if (flag == "--timeout") o.timeout_s = std::atoi(value.c_str());
    else {
      std::fprintf(stderr, "sse_fanout: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (o.port == 0 || o.trigger_port == 0 || o.clients <= 0) {
    std::fprintf(stderr, "usage: sse_fanout --port P --clients N --trigger-url URL [--path P] [--trigger-token T]\n");
    return 2;
  }
  Shared s;
  s.arrivals_ms.assign(static_cast<size_t>(o.clients), NAN);
  net::io_context io;
  std::vector<std::shared_ptr<Stream>> streams;
  streams.reserve(static_cast<size_t>(o.clients));
  // At most 256 connects in flight: the server's accept backlog is not the thing measured.
  size_t next = 0;
  int in_flight = 0;
  std::function<void()> more = [&] {
    while (in_flight < 256 && next < static_cast<size_t>(o.clients)) {
      auto stream = std::make_shared<Stream>(io, o, s, next++);
      streams.push_back(stream);
      ++in_flight;
      stream->Start([&] {
        --in_flight;
        net::post(io, more);
      });
    }
  };
  net::post(io, more);
  std::thread runner([&] {
    auto guard = net::make_work_guard(io);
    io.run();
  });

  const auto phase_deadline = [&] { return Clock::now() + std::chrono::seconds(o.timeout_s); };
  auto deadline = phase_deadline();
  while (s.greeted.load() < o.clients && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const int greeted = s.greeted.load();
  // The start is published to the stream thread through the io_context (no data race).
  std::promise<void> started;
  const auto trigger_epoch = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  net::post(io, [&] {
    s.start = Clock::now();
    started.set_value();
  });
  started.get_future().wait();
  const auto sent = Clock::now();
  const int status = Trigger(o);
  const double trigger_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  deadline = phase_deadline();
  while (s.received.load() < greeted && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::promise<void> closed;
  net::post(io, [&] {
    for (auto& stream : streams) stream->Close();
    closed.set_value();
  });
  closed.get_future().wait();
  io.stop();
  runner.join();

  std::vector<double> ms;
  for (double v : s.arrivals_ms) {
    if (!std::isnan(v)) ms.push_back(v);
  }
  std::sort(ms.begin(), ms.end());
  const auto pct = [&](double q) { return ms.empty() ? std::nullopt : std::optional<double>(Percentile(ms, q)); };
  std::printf(
      "{\"clients\": %d, \"connected\": %d, \"received\": %zu, \"trigger_status\": %d, \"trigger_ms\": %s, "
      "\"trigger_epoch\": %.6f, \"p50_ms\": %s, \"p99_ms\": %s, \"max_ms\": %s, \"client\": \"c++\"}\n",
      o.clients, greeted, ms.size(), status, Num(trigger_ms).c_str(), trigger_epoch, Num(pct(0.50)).c_str(),
      Num(pct(0.99)).c_str(), Num(ms.empty() ? std::nullopt : std::optional<double>(ms.back())).c_str());
  return 0;
}
