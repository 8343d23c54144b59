#include "http/server.hpp"

#include <array>
#include <cctype>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "http/gzip.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "http/target.hpp"

namespace sawt::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using beast::error_code;

constexpr auto kLingerTimeout = std::chrono::seconds(2);
// One year (RFC 6797); sent only for requests that reached a trusted proxy over HTTPS.
constexpr char kHsts[] = "max-age=31536000";
constexpr char kCsp[] =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

bool SafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == '\r' || c == '\n' || c == ':' || c == ' ' || c == '\0') return false;
  }
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool HasHeader(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (beast::iequals(k, name)) return true;
  }
  return false;
}

// A client-supplied id is echoed only if short and made of safe characters.
bool SaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   (static_cast<uint64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id())))};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

/// One JSON line per request to stderr, stdout or a file. Thread-safe.
class AccessLog {
 public:
  explicit AccessLog(const std::string& target) {
    if (target == "stderr") {
      file_ = stderr;
    } else if (target == "stdout") {
      file_ = stdout;
    } else if (!target.empty() && target != "off" && target != "none") {
      file_ = std::fopen(target.c_str(), "a");
      owned_ = file_ != nullptr;
      if (!owned_) core::Log(core::LogLevel::kError, "cannot open access log", {{"path", target}});
    }
  }
  ~AccessLog() {
    if (owned_) std::fclose(file_);
  }
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(const Request& req, std::string_view route, int status, size_t bytes, double seconds) {
    if (file_ == nullptr) return;
    core::Json line = {{"ts", core::NowIsoUtc()},
                       {"request_id", req.request_id},
                       {"method", req.method},
                       {"path", req.path},
                       {"route", route},
                       {"status", status},
                       {"bytes", bytes},
                       {"duration_ms", static_cast<double>(static_cast<int64_t>(seconds * 1e6)) / 1e3},
                       {"remote", req.remote_ip}};
    std::string text = core::DumpJson(line);
    text.push_back('\n');
    std::lock_guard lock(mu_);
    std::fwrite(text.data(), 1, text.size(), file_);
    std::fflush(file_);
  }

 private:
  std::mutex mu_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

class Session;

/// Everything the listener and the sessions share (Server::Impl is this, named privately).
class ServerCore {
 public:
  ServerCore(ServerOptions options, const Router& router);

  core::Status Start();
  void RequestShutdown(std::chrono::seconds grace);
  void Drain();
  void Wait();
  void Wake();
  void DoAccept();

  /// Routes one request: app routes, then built-ins, then static files, then 404/405.
  /// Sets `route` to the metrics label. Never throws.
  Response Dispatch(Request& req, bool encoded_separator, std::string* route);

  void Register(uint64_t* id, const std::shared_ptr<Session>& s, bool* stopping);
  void Unregister(uint64_t id);
  /// Marks a registered session as an event stream (Wake() reaches only these).
  void AddStream(uint64_t id, const std::shared_ptr<Session>& s);

  ServerOptions opts_;
  const Router& router_;
  size_t largest_body_limit_ = 0;  ///< router_.LargestBodyLimit(opts_.max_body_bytes), fixed at start
  Router builtin_;
  std::unique_ptr<StaticFiles> static_;
  std::shared_ptr<Metrics> metrics_;
  AccessLog access_log_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> streams_;  // subset of sessions_
  uint64_t next_id_ = 1;
  bool started_ = false;
  bool stop_requested_ = false;
  bool stopping_ = false;  // under mu_: set once draining begins
  std::atomic<bool> shutting_down_{false};  // the same, readable without mu_
  bool draining_ = false;
  bool drained_ = false;
  std::chrono::seconds grace_{0};
  uint16_t port_ = 0;
  std::vector<std::thread> threads_;

  // Destroyed first (reverse order): pending handlers may own sessions that Unregister().
  net::io_context ioc_;
  tcp::acceptor acceptor_{net::make_strand(ioc_)};
  net::steady_timer accept_backoff_{acceptor_.get_executor()};
  std::optional<net::signal_set> signals_;
};

/// One connection. All its work runs on its strand; the Server reaches it only through
/// Stop()/Wake(), which post onto that strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), timer_(stream_.get_executor()) {
    error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() { server_.Unregister(id_); }

  void Run() {
    bool stopping = false;
    server_.Register(&id_, shared_from_this(), &stopping);
    net::dispatch(stream_.get_executor(), [self = shared_from_this(), stopping] {
      if (stopping) self->stopping_ = true;
      self->DoWait();
    });
  }

  void Stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->OnStop(); });
  }

  void Wake() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->state_ != State::kStreaming) return;
      self->wake_ = true;
      self->timer_.cancel();
    });
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kStreaming, kClosed };

  void OnStop() {
    stopping_ = true;
    if (state_ == State::kIdle || state_ == State::kClosed) {
      stream_.cancel();  // an idle or lingering read completes with operation_aborted and closes
    } else if (state_ == State::kStreaming) {
      stream_done_ = true;
      timer_.cancel();
      if (!writing_) FinishStream();
    }
    // Reading, handling or writing: the current request finishes and the connection then closes.
  }

  // Waits for the first byte of the next request under the idle (or first-request) timeout.
  void DoWait() {
    state_ = State::kIdle;
    if (stopping_) return Close();
    if (buffer_.size() > 0) return DoRead();  // pipelined request already buffered
    stream_.expires_after(first_ ? server_.opts_.read_timeout : server_.opts_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, size_t n) {
      self->buffer_.commit(n);
      if (ec || self->stopping_) return self->Close();
      self->DoRead();
    });
  }

  void DoRead() {
    state_ = State::kReading;
    parser_.emplace();
    // The route is known only once the head is in: read it against the largest limit any route
    // has, then hold the body to its own route's (OnHeader).
    parser_->body_limit(server_.largest_body_limit_);
    parser_->header_limit(static_cast<std::uint32_t>(server_.opts_.max_header_bytes));
    stream_.expires_after(server_.opts_.read_timeout);  // covers head and body together
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      self->OnHeader(ec);
    });
  }

  void OnHeader(error_code ec) {
    if (ec) return OnReadError(ec);
    auto& req = parser_->get();
    // A route that takes files (evidence uploads) may take a larger body than the server's default;
    // every other request is held to the default, declared length or not.
    // Most requests declare a length within the default: they need no route lookup here.
    const size_t standard = server_.opts_.max_body_bytes;
    const auto declared = parser_->content_length();
    const bool may_exceed = server_.largest_body_limit_ > standard && (!declared || *declared > standard);
    const size_t limit = may_exceed ? server_.router_.BodyLimit(req.method_string(), req.target(), standard) : standard;
    if (declared && *declared > limit) {
      return RespondError(413, "too_large", "common.too_large");
    }
    parser_->body_limit(limit);
    if (beast::iequals(req[bhttp::field::expect], "100-continue") && !parser_->is_done()) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue), [self = shared_from_this()](error_code wec, size_t) {
        if (wec) return self->Close();
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->OnReadError(ec);
      self->Handle();
    });
  }

  void OnReadError(error_code ec) {
    if (ec == bhttp::error::body_limit) return RespondError(413, "too_large", "common.too_large");
    if (ec == bhttp::error::header_limit) return RespondError(431, "headers_too_large", "common.headers_too_large");
    // Timeouts close the socket (tcp_stream), EOF and cancellation need no answer.
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::eof || ec == net::error::connection_reset || ec == bhttp::error::partial_message) {
      return Close();
    }
    RespondError(400, "bad_request", "common.bad_request");
  }

  Request BaseRequest() {
    Request req;
    req.messages = server_.opts_.messages;
    req.remote_ip = remote_;
    if (parser_ && parser_->is_header_done()) {
      auto& breq = parser_->get();
      std::vector<std::string_view> forwarded_for;
      std::string_view forwarded_proto;
      for (const auto& f : breq) {
        if (beast::iequals(f.name_string(), "X-Forwarded-For")) forwarded_for.push_back(f.value());
        if (beast::iequals(f.name_string(), "X-Forwarded-Proto")) forwarded_proto = f.value();
      }
      ClientAddress client = ResolveClient(remote_, server_.opts_.trusted_proxies, forwarded_for, forwarded_proto);
      req.remote_ip = std::move(client.ip);
      req.via_https = client.via_https;
      req.method = std::string(breq.method_string());
      req.target = std::string(breq.target());
      req.path = req.target.substr(0, req.target.find('?'));
      std::string_view id = breq["X-Request-Id"];
      req.request_id = SaneRequestId(id) ? std::string(id) : NewRequestId();
      for (const auto& f : breq) {
        std::string name(f.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }
    } else {
      req.request_id = NewRequestId();
    }
    return req;
  }

  // A request that could not be read: answer with a problem, then close gracefully.
  void RespondError(int status, std::string_view type, std::string key) {
    Request req = BaseRequest();
    Clock::time_point started = Clock::now();
    server_.metrics_->RequestStarted();
    Response res = MakeProtocolProblem(status, type, std::move(key), req);
    Respond(req, std::move(res), "unmatched", started, /*keep_alive=*/false, /*linger=*/true);
  }

  void Handle() {
    state_ = State::kHandling;
    Clock::time_point started = Clock::now();
    server_.metrics_->RequestStarted();
    Request req = BaseRequest();
    auto& breq = parser_->get();
    req.body = std::move(breq.body());
    bool keep_alive = breq.keep_alive() && !stopping_;
    std::string route = "unmatched";
    Response res;
    auto parsed = ParseTarget(req.target);
    if (!parsed) {
      res = MakeProblem(parsed.error(), req);
    } else {
      req.path = std::move(parsed->path);
      req.query = std::move(parsed->query);
      try {
        res = server_.Dispatch(req, parsed->encoded_separator, &route);
      } catch (const std::exception& e) {  // handlers' own exceptions are caught in Dispatch
        res = MakeProblem(core::Error::Internal(std::string("dispatch threw: ") + e.what()), req);
      }
    }
    if (res.stream && res.status == 200 && req.method == "GET") {
      return StartStream(req, std::move(res), route, started);
    }
    Respond(req, std::move(res), route, started, keep_alive);
  }

  void SetCommonHeaders(const Request& req, const Response& res, bhttp::fields& f) {
    for (const auto& [k, v] : res.headers) {
      if (!SafeHeader(k, v)) continue;
      if (beast::iequals(k, "content-length") || beast::iequals(k, "transfer-encoding") ||
          beast::iequals(k, "connection")) {
        continue;
      }
      f.insert(k, v);
    }
    if (f.find("X-Request-Id") == f.end()) f.set("X-Request-Id", req.request_id);
    f.set(bhttp::field::server, "sawt");
    f.set("X-Content-Type-Options", "nosniff");
    f.set("Referrer-Policy", "same-origin");
    f.set("X-Frame-Options", "DENY");
    if (req.via_https) f.set("Strict-Transport-Security", kHsts);
    if (res.content_type.rfind("text/html", 0) == 0 && f.find("Content-Security-Policy") == f.end()) {
      f.set("Content-Security-Policy", kCsp);
    }
  }

  // `linger`: the request was not read completely, so drain before closing.
  void Respond(const Request& req, Response res, std::string_view route, Clock::time_point started,
               bool keep_alive, bool linger = false) {
    keep_alive = keep_alive && !stopping_ && !server_.shutting_down_.load();
    bool bodiless = res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
    if (!bodiless && IsCompressibleType(res.content_type) && res.body.size() >= kGzipMinBytes &&
        !HasHeader(res, "content-encoding")) {
      res.SetHeader("Vary", "Accept-Encoding");
      if (AcceptsGzip(req.Header("accept-encoding"))) {
        if (auto gz = GzipCompress(res.body); gz && gz->size() < res.body.size()) {
          res.body = std::move(*gz);
          res.SetHeader("Content-Encoding", "gzip");
        }
      }
    }
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(res.status));
    if (!res.content_type.empty() && res.status != 204) res_.set(bhttp::field::content_type, res.content_type);
    SetCommonHeaders(req, res, res_);
    res_.keep_alive(keep_alive);
    size_t bytes = res.body.size();
    if (bodiless) {
      res_.body().clear();
    } else if (req.method == "HEAD") {
      res_.content_length(bytes);  // what GET would send; no body follows
      bytes = 0;
    } else {
      res_.body() = std::move(res.body);
      res_.prepare_payload();
    }
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    server_.metrics_->RequestFinished(req.method, route, res.status, seconds);
    server_.access_log_.Write(req, route, res.status, bytes, seconds);

    state_ = State::kWriting;
    stream_.expires_after(server_.opts_.read_timeout);
    bhttp::async_write(stream_, res_, [self = shared_from_this(), keep_alive, linger](error_code ec, size_t) {
      if (ec) return self->Close();
      if (linger) return self->Linger();
      if (!keep_alive || self->stopping_) return self->Close();
      self->first_ = false;
      self->DoWait();
    });
  }

  // Half-closes, then discards what the client still sends (e.g. an oversized body) for a
  // moment, so the kernel does not reset the connection before the client reads our answer.
  void Linger() {
    state_ = State::kClosed;
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTimeout);
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->Close();
      self->DrainSome();
    });
  }

  void Close() {
    state_ = State::kClosed;
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  // ---- Server-Sent Events: close-delimited body after a hand-written head. ----

  void StartStream(const Request& req, Response res, std::string_view route, Clock::time_point started) {
    state_ = State::kStreaming;
    events_ = std::move(res.stream);
    bhttp::response<bhttp::empty_body> head;
    head.version(11);
    head.result(bhttp::status::ok);
    res.content_type = "text/event-stream; charset=utf-8";
    head.set(bhttp::field::content_type, res.content_type);
    head.set(bhttp::field::cache_control, "no-cache");
    head.set("X-Accel-Buffering", "no");
    head.set(bhttp::field::connection, "close");
    SetCommonHeaders(req, res, head);
    head.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
    std::string text;
    text.reserve(512);
    text += "HTTP/1.1 200 OK\r\n";
    for (const auto& f : head) {
      text.append(f.name_string().data(), f.name_string().size());
      text += ": ";
      text.append(f.value().data(), f.value().size());
      text += "\r\n";
    }
    text += "\r\n";
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    server_.metrics_->RequestFinished(req.method, route, 200, seconds);
    server_.access_log_.Write(req, route, 200, 0, seconds);

    server_.AddStream(id_, shared_from_this());
    stream_.expires_never();
    WatchDisconnect();
    WriteStream(std::move(text), /*then_poll=*/true);
  }

  // The client sends nothing on an event stream; a completed read means it went away.
  void WatchDisconnect() {
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](error_code ec, size_t) {
      if (self->state_ != State::kStreaming) return;
      if (!ec) return self->WatchDisconnect();
      self->stream_done_ = true;
      self->timer_.cancel();
      if (!self->writing_) self->FinishStream();
    });
  }

  void WriteStream(std::string data, bool then_poll) {
    writing_ = true;
    out_ = std::move(data);
    // Only the write timer is set (the disconnect watch read is pending): a client that stops
    // reading is dropped after read_timeout instead of pinning the session.
    stream_.expires_after(server_.opts_.read_timeout);
    net::async_write(stream_, net::buffer(out_), [self = shared_from_this(), then_poll](error_code ec, size_t) {
      self->writing_ = false;
      self->last_sent_ = Clock::now();
      if (ec) self->stream_done_ = true;
      if (self->stream_done_ || self->stopping_) return self->FinishStream();
      if (then_poll || (self->events_ && self->events_->Pending())) return self->PollStream();
      self->ScheduleStream();
    });
  }

  void PollStream() {
    if (state_ != State::kStreaming) return;
    if (stream_done_ || stopping_) return FinishStream();
    wake_ = false;
    std::optional<std::string> data;
    try {
      data = events_->Poll();
    } catch (const std::exception& e) {
      core::Log(core::LogLevel::kError, "event stream failed", {{"error", e.what()}});
    } catch (...) {
      core::Log(core::LogLevel::kError, "event stream failed", {{"error", "unknown exception"}});
    }
    if (!data) return FinishStream();
    if (data->empty() && Clock::now() - last_sent_ >= server_.opts_.sse_keepalive) *data = ": keep-alive\n\n";
    if (!data->empty()) return WriteStream(std::move(*data), /*then_poll=*/false);
    ScheduleStream();
  }

  void ScheduleStream() {
    if (wake_) {
      wake_ = false;
      return net::post(stream_.get_executor(), [self = shared_from_this()] { self->PollStream(); });
    }
    timer_.expires_after(server_.opts_.sse_poll_interval);
    timer_.async_wait([self = shared_from_this()](error_code) { self->PollStream(); });
  }

  void FinishStream() {
    if (state_ != State::kStreaming || writing_) return;
    events_.reset();
    timer_.cancel();
    Close();
  }

  ServerCore& server_;
  uint64_t id_ = 0;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  State state_ = State::kIdle;
  bool stopping_ = false;
  bool first_ = true;
  std::string remote_;
  std::array<char, 1024> scratch_{};
  // Event stream state.
  std::shared_ptr<EventStream> events_;
  net::steady_timer timer_;
  std::string out_;
  bool writing_ = false;
  bool wake_ = false;
  bool stream_done_ = false;
  Clock::time_point last_sent_ = Clock::now();
};

ServerCore::ServerCore(ServerOptions options, const Router& router)
    : opts_(std::move(options)),
      router_(router),
      largest_body_limit_(router.LargestBodyLimit(opts_.max_body_bytes)),
      metrics_(opts_.metrics ? opts_.metrics : std::make_shared<Metrics>()),
      access_log_(opts_.access_log) {
  builtin_.Add(Route{.method = "GET",
                     .pattern = "/healthz",
                     .handler = [](Request&) { return Response::Json(200, {{"status", "ok"}}); },
                     .summary = "Liveness probe",
                     .openapi = {},
                     .tag = "http",
                     .is_public = true});
  if (opts_.public_metrics) {
    builtin_.Add(Route{.method = "GET",
                       .pattern = "/metrics",
                       .handler = [metrics = metrics_](Request&) { return MetricsResponse(*metrics); },
                       .summary = "Prometheus metrics",
                       .openapi = {},
                       .tag = "http",
                       .is_public = true});
  }
  if (!opts_.static_root.empty()) static_ = std::make_unique<StaticFiles>(opts_.static_root);
}

Response ServerCore::Dispatch(Request& req, bool encoded_separator, std::string* route) {
  Router::Match m = router_.Find(req.method, req.path);
  if (m.route == nullptr) {
    Router::Match b = builtin_.Find(req.method, req.path);
    if (b.route != nullptr || (b.method_not_allowed && !m.method_not_allowed)) m = std::move(b);
  }
  if (m.route != nullptr) {
    *route = m.route->pattern;
    req.params = std::move(m.params);
    try {
      return m.route->handler(req);
    } catch (const std::exception& e) {
      return MakeProblem(core::Error::Internal(std::string("handler threw: ") + e.what()), req);
    } catch (...) {
      return MakeProblem(core::Error::Internal("handler threw a non-standard exception"), req);
    }
  }
  bool is_api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
  if (static_ && !is_api && (req.method == "GET" || req.method == "HEAD")) {
    *route = "static";
    return static_->Serve(req, encoded_separator);
  }
  if (m.method_not_allowed) {
    std::string allow;
    for (const auto& method : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + method;
    Response r = MakeProtocolProblem(405, "method_not_allowed", "common.method_not_allowed", req, {req.method});
    r.SetHeader("Allow", allow);
    return r;
  }
  return MakeProblem(core::Error::NotFound("common.not_found"), req);
}

void ServerCore::Register(uint64_t* id, const std::shared_ptr<Session>& s, bool* stopping) {
  std::lock_guard lock(mu_);
  *id = next_id_++;
  sessions_[*id] = s;
  *stopping = stopping_;
}

void ServerCore::AddStream(uint64_t id, const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mu_);
  streams_[id] = s;
}

void ServerCore::Unregister(uint64_t id) {
  std::lock_guard lock(mu_);
  streams_.erase(id);
  sessions_.erase(id);
  if (sessions_.empty()) cv_.notify_all();
}

core::Status ServerCore::Start() {
  {
    std::lock_guard lock(mu_);
    if (started_) return core::Error::Internal("Server::Start called twice");
    started_ = true;
  }
  error_code ec;
  auto address = net::ip::make_address(opts_.address, ec);
  if (ec) return core::Error::InvalidInput("common.bad_request", "address", {opts_.address});
  tcp::endpoint endpoint(address, opts_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::Error::Unavailable("listen on " + opts_.address + ":" + std::to_string(opts_.port) + ": " +
                                    ec.message());
  }
  port_ = acceptor_.local_endpoint(ec).port();
  if (opts_.handle_signals) {
    signals_.emplace(acceptor_.get_executor(), SIGINT, SIGTERM);
    signals_->async_wait([this](error_code sec, int signo) {
      if (sec) return;
      core::Log(core::LogLevel::kInfo, "signal received, shutting down", {{"signal", signo}});
      RequestShutdown(opts_.shutdown_grace);
    });
  }
  DoAccept();
  int n = opts_.threads > 0 ? opts_.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (n < 1) n = 1;
  for (int i = 0; i < n; ++i) {
    threads_.emplace_back([this] {
      while (true) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {
          // Nothing on our paths throws; this keeps a stray exception from ending the process.
          core::Log(core::LogLevel::kError, "exception escaped the io loop", {{"error", e.what()}});
        }
      }
    });
  }
  core::Log(core::LogLevel::kInfo, "http server listening", {{"address", opts_.address}, {"port", port_},
                                                             {"threads", n}});
  return core::Ok();
}

void ServerCore::DoAccept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      std::make_shared<Session>(*this, std::move(socket))->Run();
      return DoAccept();
    }
    // E.g. EMFILE: back off instead of spinning on the same error.
    core::Log(core::LogLevel::kWarn, "accept failed", {{"error", ec.message()}});
    accept_backoff_.expires_after(std::chrono::milliseconds(100));
    accept_backoff_.async_wait([this](error_code wec) {
      if (!wec && acceptor_.is_open()) DoAccept();
    });
  });
}

void ServerCore::Wake() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, w] : streams_) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->Wake();
}

void ServerCore::RequestShutdown(std::chrono::seconds grace) {
  std::lock_guard lock(mu_);
  if (!stop_requested_) {
    stop_requested_ = true;
    grace_ = grace;
  }
  cv_.notify_all();
}

void ServerCore::Drain() {
  std::unique_lock lock(mu_);
  if (draining_) {
    cv_.wait(lock, [this] { return drained_; });
    return;
  }
  draining_ = true;
  bool started = started_;
  stop_requested_ = true;
  stopping_ = true;
  shutting_down_ = true;
  auto deadline = Clock::now() + grace_;
  std::vector<std::shared_ptr<Session>> live;
  for (auto& [id, w] : sessions_) {
    if (auto s = w.lock()) live.push_back(std::move(s));
  }
  lock.unlock();

  if (started) {
    net::post(acceptor_.get_executor(), [this] {
      error_code ec;
      acceptor_.close(ec);
      accept_backoff_.cancel();
      if (signals_) signals_->cancel(ec);
    });
  }
  for (auto& s : live) s->Stop();
  live.clear();

  lock.lock();
  cv_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
  size_t left = sessions_.size();
  lock.unlock();
  if (left > 0) core::Log(core::LogLevel::kWarn, "shutdown grace over, dropping connections", {{"open", left}});
  ioc_.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  // The posted close above may never have run if the pool stopped first; with no thread left it
  // is safe to close here, so the port stops accepting before Wait()/Shutdown() return.
  {
    error_code ec;
    acceptor_.close(ec);
    if (signals_) signals_->cancel(ec);
  }
  core::Log(core::LogLevel::kInfo, "http server stopped", {{"port", port_}});

  lock.lock();
  drained_ = true;
  cv_.notify_all();
}

void ServerCore::Wait() {
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return stop_requested_; });
  }
  Drain();
}

}  // namespace

class Server::Impl : public ServerCore {
 public:
  using ServerCore::ServerCore;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  bool needs_drain = false;
  {
    std::lock_guard lock(impl_->mu_);
    needs_drain = impl_->started_ && !impl_->drained_;
  }
  if (needs_drain) Shutdown(std::chrono::seconds(0));
}

core::Status Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port_; }
void Server::Wake() { impl_->Wake(); }
void Server::RequestShutdown(std::chrono::seconds grace) { impl_->RequestShutdown(grace); }
void Server::Shutdown(std::chrono::seconds grace) {
  impl_->RequestShutdown(grace);
  impl_->Drain();
}
void Server::Wait() { impl_->Wait(); }

}  // namespace sawt::http
