#include "http/server.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sawt::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace fs = std::filesystem;
using tcp = net::ip::tcp;
using Res = bhttp::response<bhttp::string_body>;

/// A small synchronous client on one connection.
class Client {
 public:
  explicit Client(uint16_t port) { sock_.connect({net::ip::make_address("127.0.0.1"), port}); }

  Res Send(std::string method, std::string target, std::string body = {},
           std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(sock_, req);
    return Read(method == "HEAD");
  }

  Res Read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> p;
    p.skip(head);
    p.body_limit(64 << 20);
    bhttp::read(sock_, buf_, p);
    return p.release();
  }

  void WriteRaw(const std::string& bytes) { net::write(sock_, net::buffer(bytes)); }

  /// Reads raw bytes until `needle` shows up, EOF, or `timeout`. Returns all bytes read.
  std::string ReadUntil(std::string_view needle, std::chrono::milliseconds timeout, bool* eof = nullptr) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (raw_.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd pfd{sock_.native_handle(), POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[4096];
      ssize_t n = ::recv(sock_.native_handle(), buf, sizeof buf, 0);
      if (n <= 0) {
        if (eof) *eof = true;
        break;
      }
      raw_.append(buf, static_cast<size_t>(n));
    }
    return raw_;
  }

  bool Eof(std::chrono::milliseconds timeout) {
    bool eof = false;
    ReadUntil("\x01never\x02", timeout, &eof);
    return eof;
  }

 private:
  net::io_context ioc_;
  tcp::socket sock_{ioc_};
  beast::flat_buffer buf_;
  std::string raw_;
};

core::Json JsonOf(const Res& r) { return core::Json::parse(r.body()); }

class TestStream : public EventStream {
 public:
  explicit TestStream(std::atomic<int>* pending) : pending_(pending) {}
  std::optional<std::string> Poll() override {
    ++polls;
    int n = pending_->exchange(0);
    std::string out;
    for (int i = 0; i < n; ++i) out += "event: note\ndata: hello\n\n";
    return out;
  }
  std::atomic<int> polls{0};

 private:
  std::atomic<int>* pending_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = fs::temp_directory_path() / ("sawt_server_test_" + std::to_string(::getpid()));
    fs::create_directories(web_);
    std::ofstream(web_ / "index.html") << "<!doctype html><title>sawt</title>";
    std::ofstream(web_ / "app.js") << std::string(3000, 'x');
    std::ofstream(web_ / "secret.txt") << "top";

    Add("GET", "/api/v1/echo/{id}", [](Request& r) {
      return Response::Json(200, {{"id", r.params["id"]}, {"q", r.query["q"]}, {"lang", r.Lang()},
                                  {"path", r.path}});
    });
    Add("POST", "/api/v1/echo", [](Request& r) { return Response::Json(201, {{"bytes", r.body.size()}}); });
    Add("GET", "/api/v1/big", [](Request&) { return Response::Json(200, {{"text", std::string(5000, 'a')}}); });
    Add("GET", "/api/v1/throw", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
    Add("GET", "/api/v1/fail", [](Request& r) { return Response::Problem(core::Error::Forbidden(), r); });
    Add("GET", "/api/v1/slow", [this](Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      return Response::Json(200, {{"slow", true}});
    });
    Add("GET", "/api/v1/stream", [this](Request&) {
      Response r;
      stream_ = std::make_shared<TestStream>(&pending_);
      r.stream = stream_;
      return r;
    });
    options_.port = 0;
    options_.threads = 4;
    options_.max_body_bytes = 4096;
    options_.max_header_bytes = 2048;
    options_.static_root = web_.string();
    options_.access_log = (web_ / "access.log").string();
  }

  void TearDown() override {
    server_.reset();
    fs::remove_all(web_);
  }

  void Add(std::string method, std::string pattern, Handler h) {
    Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.handler = std::move(h);
    router_.Add(std::move(r));
  }

  uint16_t Start() {
    server_ = std::make_unique<Server>(options_, router_);
    auto st = server_->Start();
    EXPECT_TRUE(st) << (st ? "" : st.error().detail);
    return server_->port();
  }

  fs::path web_;
  Router router_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> slow_started_{false};
  std::atomic<int> pending_{0};
  std::shared_ptr<TestStream> stream_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client c(Start());
  for (int i = 0; i < 3; ++i) {
    Res r = c.Send("GET", "/api/v1/echo/" + std::to_string(i) + "?q=%D8%B5%D9%88%D8%AA",
                   {}, {{"Accept-Language", "en"}});
    ASSERT_EQ(r.result_int(), 200);
    EXPECT_TRUE(r.keep_alive());
    auto j = JsonOf(r);
    EXPECT_EQ(j["id"], std::to_string(i));
    EXPECT_EQ(j["q"], "صوت");
    EXPECT_EQ(j["lang"], "en");
  }
  Res p = c.Send("POST", "/api/v1/echo", "{\"a\":1}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(p.result_int(), 201);
  EXPECT_EQ(JsonOf(p)["bytes"], 7);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Client c(Start());
  c.WriteRaw(
      "GET /api/v1/echo/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/echo/2 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(JsonOf(c.Read())["id"], "1");
  EXPECT_EQ(JsonOf(c.Read())["id"], "2");
  EXPECT_EQ(JsonOf(c.Read())["status"], "ok");
}

TEST_F(ServerTest, OversizedBodyGets413Problem) {
  Client c(Start());
  Res r = c.Send("POST", "/api/v1/echo", std::string(10000, 'x'), {{"Accept-Language", "en"}});
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json; charset=utf-8");
  EXPECT_EQ(JsonOf(r)["code"], "common.too_large");
  EXPECT_FALSE(r.keep_alive());
}

TEST_F(ServerTest, ExpectContinueIsHonouredAndCheckedAgainstTheLimit) {
  Client c(Start());
  c.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_NE(c.ReadUntil("\r\n\r\n", std::chrono::seconds(5)).find("HTTP/1.1 100 Continue"), std::string::npos);
  Client big(server_->port());
  big.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\nExpect: 100-continue\r\n\r\n");
  Res r = big.Read();
  EXPECT_EQ(r.result_int(), 413);  // refused before the client sends the body
}

TEST_F(ServerTest, ClosesIdleAndSlowConnections) {
  options_.idle_timeout = std::chrono::seconds(1);
  options_.read_timeout = std::chrono::seconds(1);
  uint16_t port = Start();
  Client idle(port);
  EXPECT_EQ(idle.Send("GET", "/healthz").result_int(), 200);
  Client slow(port);
  slow.WriteRaw("GET /healthz HTTP/1.1\r\nHost:");  // never finishes its head
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(idle.Eof(std::chrono::seconds(3)));
  EXPECT_TRUE(slow.Eof(std::chrono::seconds(3)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
}

TEST_F(ServerTest, OversizedHeadersGet431) {
  Client c(Start());
  Res r = c.Send("GET", "/api/v1/echo/1", {}, {{"X-Filler", std::string(4000, 'y')}});
  EXPECT_EQ(r.result_int(), 431);
  EXPECT_EQ(JsonOf(r)["type"], "https://sawt.gov/problems/headers_too_large");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreProblems) {
  Client c(Start());
  Res nf = c.Send("GET", "/api/v1/nothing", {}, {{"Accept-Language", "ar"}});
  EXPECT_EQ(nf.result_int(), 404);
  EXPECT_EQ(nf[bhttp::field::content_type], "application/problem+json; charset=utf-8");
  EXPECT_EQ(nf["Content-Language"], "ar");
  auto j = JsonOf(nf);
  EXPECT_EQ(j["code"], "common.not_found");
  EXPECT_EQ(j["instance"], "/api/v1/nothing");
  EXPECT_EQ(j["request_id"], std::string(nf["X-Request-Id"]));

  Res na = c.Send("DELETE", "/api/v1/echo/1");
  EXPECT_EQ(na.result_int(), 405);
  EXPECT_EQ(na[bhttp::field::allow], "GET, HEAD");
  EXPECT_EQ(JsonOf(na)["code"], "common.method_not_allowed");
  EXPECT_EQ(c.Send("POST", "/healthz").result_int(), 405);
}

TEST_F(ServerTest, InvalidUtf8InPathIs400) {
  Client c(Start());
  Res r = c.Send("GET", "/api/v1/echo/%FF%FE");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(JsonOf(r)["code"], "common.invalid_utf8");
  Res q = c.Send("GET", "/api/v1/echo/1?q=%C3");
  EXPECT_EQ(q.result_int(), 400);
  EXPECT_EQ(JsonOf(q)["code"], "common.invalid_utf8");
}

TEST_F(ServerTest, HandlerExceptionBecomes500Problem) {
  Client c(Start());
  Res r = c.Send("GET", "/api/v1/throw", {}, {{"X-Request-Id", "trace-123"}});
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(r["X-Request-Id"], "trace-123");
  auto j = JsonOf(r);
  EXPECT_EQ(j["code"], "common.internal");
  EXPECT_EQ(j["request_id"], "trace-123");
  EXPECT_EQ(r.body().find("kaboom"), std::string::npos);
  // The connection survives.
  EXPECT_EQ(c.Send("GET", "/healthz").result_int(), 200);
  Res f = c.Send("GET", "/api/v1/fail");
  EXPECT_EQ(f.result_int(), 403);
}

TEST_F(ServerTest, SecurityHeadersAndRequestIds) {
  Client c(Start());
  Res r = c.Send("GET", "/healthz", {}, {{"X-Request-Id", "bad id with spaces"}});
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(r["Referrer-Policy"], "same-origin");
  EXPECT_EQ(r["X-Frame-Options"], "DENY");
  EXPECT_EQ(r["X-Request-Id"].size(), 16u);
  Res html = c.Send("GET", "/");
  EXPECT_NE(std::string(html["Content-Security-Policy"]).find("default-src 'self'"), std::string::npos);
}

TEST_F(ServerTest, HeadHasHeadersButNoBody) {
  Client c(Start());
  Res get = c.Send("GET", "/api/v1/echo/7");
  Res head = c.Send("HEAD", "/api/v1/echo/7");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size()));
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(c.Send("GET", "/healthz").result_int(), 200);  // the stream is still in sync
}

TEST_F(ServerTest, GzipsLargeHandlerResponses) {
  Client c(Start());
  Res gz = c.Send("GET", "/api/v1/big", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(gz[bhttp::field::vary], "Accept-Encoding");
  EXPECT_LT(gz.body().size(), 1000u);
  Res plain = c.Send("GET", "/api/v1/big");
  EXPECT_EQ(plain[bhttp::field::content_encoding], "");
  EXPECT_GT(plain.body().size(), 5000u);
  Res small = c.Send("GET", "/healthz", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small[bhttp::field::content_encoding], "");
}

TEST_F(ServerTest, ServesStaticFilesWith304GzipAndNoTraversal) {
  Client c(Start());
  Res index = c.Send("GET", "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index[bhttp::field::content_type], "text/html; charset=utf-8");
  Res js = c.Send("GET", "/app.js", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(js[bhttp::field::cache_control], "public, max-age=3600");
  Res not_modified = c.Send("GET", "/app.js", {}, {{"Accept-Encoding", "gzip"}, {"If-None-Match", std::string(js[bhttp::field::etag])}});
  EXPECT_EQ(not_modified.result_int(), 304);
  EXPECT_TRUE(not_modified.body().empty());
  EXPECT_EQ(c.Send("GET", "/../" + web_.filename().string() + "/secret.txt").result_int(), 400);
  EXPECT_EQ(c.Send("GET", "/%2e%2e/etc/passwd").result_int(), 400);
  EXPECT_EQ(c.Send("GET", "/a%2F..%2Fsecret.txt").result_int(), 400);
  EXPECT_EQ(c.Send("GET", "/dashboard/today").result_int(), 200);  // SPA fallback
  EXPECT_EQ(c.Send("GET", "/api/v1/unknown").result_int(), 404);   // never static under /api/
  EXPECT_EQ(c.Send("GET", "/nope.css").result_int(), 404);
  // Leading slashes never reach outside web/: an existing and a missing system file look alike.
  Res existing = c.Send("GET", "//etc/hostname");
  Res missing = c.Send("GET", "//etc/no-such-file-here");
  EXPECT_EQ(existing.result_int(), missing.result_int());
  EXPECT_EQ(existing.body(), missing.body());
  EXPECT_EQ(c.Send("GET", "//etc/passwd.txt").result_int(), c.Send("GET", "//etc/nothing.txt").result_int());
}

TEST_F(ServerTest, MetricsExposeCountersHistogramAndGauge) {
  Client c(Start());
  c.Send("GET", "/api/v1/echo/1");
  c.Send("GET", "/api/v1/echo/2");
  c.Send("GET", "/api/v1/nothing");
  Res m = c.Send("GET", "/metrics");
  EXPECT_EQ(m[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& t = m.body();
  EXPECT_NE(t.find("sawt_http_requests_total{method=\"GET\",route=\"/api/v1/echo/{id}\",status=\"200\"} 2"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("sawt_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("# TYPE sawt_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(t.find("sawt_http_request_duration_seconds_bucket{route=\"/api/v1/echo/{id}\",le=\"0.0025\"}"),
            std::string::npos);
  EXPECT_NE(t.find("sawt_http_request_duration_seconds_count{route=\"/api/v1/echo/{id}\"} 2"), std::string::npos);
  EXPECT_NE(t.find("sawt_http_in_flight_requests 1"), std::string::npos);
}

TEST_F(ServerTest, WritesOneAccessLogLinePerRequest) {
  Client c(Start());
  c.Send("GET", "/api/v1/echo/5?q=1", {}, {{"X-Request-Id", "log-me"}});
  server_->Shutdown(std::chrono::seconds(1));
  std::ifstream in(web_ / "access.log");
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  auto j = core::Json::parse(line);
  EXPECT_EQ(j["request_id"], "log-me");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["path"], "/api/v1/echo/5");
  EXPECT_EQ(j["route"], "/api/v1/echo/{id}");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["remote"], "127.0.0.1");
  EXPECT_TRUE(j.contains("ts") && j.contains("bytes") && j.contains("duration_ms"));
}

TEST_F(ServerTest, EventStreamGetsDataAfterWakeAndEndsAtShutdown) {
  uint16_t port = Start();
  Client c(port);
  c.WriteRaw("GET /api/v1/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string head = c.ReadUntil("\r\n\r\n", std::chrono::seconds(5));
  ASSERT_NE(head.find("HTTP/1.1 200 OK"), std::string::npos) << head;
  EXPECT_NE(head.find("text/event-stream"), std::string::npos);
  EXPECT_NE(head.find("X-Accel-Buffering: no"), std::string::npos);
  EXPECT_NE(head.find("Cache-Control: no-cache"), std::string::npos);
  pending_ = 2;
  server_->Wake();
  std::string got = c.ReadUntil("data: hello\n\nevent: note\ndata: hello\n\n", std::chrono::seconds(5));
  EXPECT_NE(got.find("data: hello\n\nevent: note\ndata: hello\n\n"), std::string::npos) << got;
  // Other requests still work while the stream is open.
  EXPECT_EQ(Client(port).Send("GET", "/healthz").result_int(), 200);
  auto started = std::chrono::steady_clock::now();
  server_->Shutdown(std::chrono::seconds(5));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_TRUE(c.Eof(std::chrono::seconds(2)));
}

TEST_F(ServerTest, EventStreamSendsKeepAliveWhenIdle) {
  options_.sse_keepalive = std::chrono::milliseconds(300);
  options_.sse_poll_interval = std::chrono::milliseconds(50);
  Client c(Start());
  c.WriteRaw("GET /api/v1/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string got = c.ReadUntil(": keep-alive\n\n", std::chrono::seconds(5));
  EXPECT_NE(got.find(": keep-alive\n\n"), std::string::npos) << got;
  EXPECT_GE(stream_->polls.load(), 3);  // polled on the interval without any Wake()
}

TEST_F(ServerTest, SigtermStartsGracefulShutdown) {
  options_.handle_signals = true;
  uint16_t port = Start();
  EXPECT_EQ(Client(port).Send("GET", "/healthz").result_int(), 200);
  std::raise(SIGTERM);
  server_->Wait();  // returns once the signal-triggered shutdown is over
  net::io_context ioc;
  tcp::socket s(ioc);
  beast::error_code ec;
  s.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_TRUE(ec);
}

TEST_F(ServerTest, EventStreamEndsWhenClientDisconnects) {
  uint16_t port = Start();
  {
    Client c(port);
    c.WriteRaw("GET /api/v1/stream HTTP/1.1\r\nHost: x\r\n\r\n");
    c.ReadUntil("\r\n\r\n", std::chrono::seconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::weak_ptr<TestStream> weak = stream_;
  stream_.reset();
  for (int i = 0; i < 50 && !weak.expired(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(weak.expired());  // the session dropped the stream
}

TEST_F(ServerTest, GracefulShutdownLetsInFlightRequestFinish) {
  uint16_t port = Start();
  Client idle(port);
  EXPECT_EQ(idle.Send("GET", "/healthz").result_int(), 200);  // an idle keep-alive connection
  auto slow = std::async(std::launch::async, [port] {
    Client c(port);
    return c.Send("GET", "/api/v1/slow");
  });
  while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto started = std::chrono::steady_clock::now();
  server_->Shutdown(std::chrono::seconds(5));
  auto took = std::chrono::steady_clock::now() - started;
  Res r = slow.get();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(JsonOf(r)["slow"], true);
  EXPECT_FALSE(r.keep_alive());
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE(idle.Eof(std::chrono::seconds(1)));
  net::io_context ioc;
  tcp::socket s(ioc);
  beast::error_code ec;
  s.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_TRUE(ec);  // no longer accepting
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  uint16_t port = Start();
  ServerOptions o = options_;
  o.port = port;
  Server second(o, router_);
  auto st = second.Start();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sawt::http
