#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <vector>

#include "core/result.hpp"
#include "http/client_address.hpp"
#include "http/messages.hpp"
#include "http/router.hpp"

namespace sawt::http {

class Metrics;

/// Listener settings. Every limit is enforced per connection / per request.
struct ServerOptions {
  std::string address = "127.0.0.1";  ///< IPv4/IPv6 literal to bind
  uint16_t port = 8080;                ///< 0 binds an ephemeral port (see Server::port())
  int threads = 0;                     ///< pool size; 0 = std::thread::hardware_concurrency()
  size_t max_body_bytes = 1 << 20;     ///< larger bodies get a 413 problem and the connection closes
  size_t max_header_bytes = 16 << 10;  ///< larger request heads get a 431 problem
  std::chrono::seconds read_timeout{30};  ///< to receive one whole request (and to write a response)
  std::chrono::seconds idle_timeout{75};  ///< keep-alive wait for the next request
  std::string static_root;  ///< web/ dir served for GET/HEAD paths not under /api/; empty = none
  std::string access_log = "stderr";  ///< "stderr", "stdout", "off" (or empty), or a file path to append to
  std::chrono::seconds shutdown_grace{10};  ///< grace used when a signal starts the shutdown
  bool handle_signals = false;  ///< SIGINT/SIGTERM start a graceful shutdown (apps set this; tests don't)
  std::chrono::milliseconds sse_poll_interval{250};  ///< longest wait between EventStream::Poll() calls
  std::chrono::milliseconds sse_keepalive{15000};    ///< idle time before a ": keep-alive" comment
  /// Where request counters and durations go; null: the server keeps its own. Several servers
  /// (the main listener and a metrics-only one) may share one.
  std::shared_ptr<Metrics> metrics;
  /// Adds the built-in GET /metrics, open to anyone who can reach the listener. The app turns it
  /// off and serves the same counters to network admins, or on a separate metrics listener.
  bool public_metrics = true;
  /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (see ResolveClient);
  /// from any other peer those headers are ignored. Empty = the TCP peer is the client.
  std::vector<Cidr> trusted_proxies;
  /// The application's messages, which problems are worded from (every request points at them);
  /// null: the common messages alone. Must outlive the server.
  const MessageCatalog* messages = nullptr;
};

/// An HTTP/1.1 server (Boost.Beast) in front of a Router.
///  - Keep-alive and pipelining (requests on one connection are answered in order).
///  - Handlers run synchronously on the pool threads, one at a time per connection; they may
///    block briefly (database). A handler that throws yields a 500 problem and a log line.
///  - Adds GET /healthz and (public_metrics) GET /metrics (see metrics.hpp); serves static files (static_files.hpp);
///    gzip for compressible bodies ≥ 1 KiB; security headers on every response (plus
///    Strict-Transport-Security when a trusted proxy received the request over HTTPS); X-Request-Id
///    echoed (when sane) or generated; one JSON access-log line per request.
///  - Handler responses with `stream` set become Server-Sent Events (close-delimited).
/// The Router is borrowed and must outlive the Server; it must not change after Start().
/// Public methods are thread-safe unless stated.
class Server {
 public:
  Server(ServerOptions options, const Router& router);
  /// Shuts down with no grace if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the thread pool. Errors: kUnavailable (bind/listen failed),
  /// kInvalidInput (bad address). Call once.
  core::Status Start();
  /// The bound port (after Start()).
  uint16_t port() const;
  /// Makes every open event stream Poll() now.
  void Wake();
  /// Starts a graceful shutdown and returns at once (signal handlers, handlers may call it).
  void RequestShutdown(std::chrono::seconds grace);
  /// Stops accepting, lets in-flight requests finish (up to `grace`), ends event streams and
  /// idle connections, then joins the pool. Idempotent.
  /// REQUIRES: not called from a handler (it joins the pool threads).
  void Shutdown(std::chrono::seconds grace);
  /// Blocks until a shutdown was requested (Shutdown, RequestShutdown or a signal) and has finished.
  /// REQUIRES: not called from a handler.
  void Wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sawt::http
