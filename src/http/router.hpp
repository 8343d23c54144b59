#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/messages.hpp"

namespace sawt::http {

/// One parsed HTTP request as handlers see it. Header names are lower-case.
struct Request {
  std::string method;                            ///< "GET", "POST", ...
  std::string target;                            ///< raw request target
  std::string path;                              ///< percent-decoded path, no query
  std::map<std::string, std::string> query;      ///< decoded query parameters (last one wins)
  std::map<std::string, std::string> params;     ///< path parameters from the route pattern
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_ip;                         ///< the client (see ServerOptions::trusted_proxies)
  bool via_https = false;                        ///< a trusted proxy received it over HTTPS
  std::string request_id;                        ///< from X-Request-Id or generated
  /// The messages problems about this request are worded from (the server's); null: the common
  /// messages alone.
  const MessageCatalog* messages = nullptr;

  /// The header's value (first occurrence), empty if absent. `name` is matched case-insensitively.
  std::string_view Header(std::string_view name) const;
  /// The named cookie from the Cookie header, empty if absent.
  std::string Cookie(std::string_view name) const;
  /// "ar" or "en" from Accept-Language (first supported language by q-order; "ar" by default).
  std::string Lang() const;
  /// Lang() with the digits that language range asks for ("ar-u-nu-latn": Latin digits), if any;
  /// without them the message catalogue's default applies (the deployment's --digits for Arabic).
  http::Locale Locale() const;
  /// `messages`, or the common messages when none were set.
  const MessageCatalog& Messages() const { return messages != nullptr ? *messages : MessageCatalog::Common(); }
};

/// The language and digits an Accept-Language value asks for (Request::Locale reads the header;
/// an EventSource, which cannot set headers, may send the same value in a query parameter).
Locale LocaleOf(std::string_view accept_language);

/// A server-pushed stream (Server-Sent Events). The server calls Poll() after the headers are
/// sent, then whenever Wake() was called or at least every `poll_interval`, on one of its threads
/// (never two at once for one stream). Poll returns bytes to send, already in SSE framing (may be
/// empty), or nullopt to end the stream. The server sends a ": keep-alive" comment when idle.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual std::optional<std::string> Poll() = 0;
  /// True when the last Poll left data behind (a long replay sent in batches): the server polls
  /// again as soon as that batch is written, instead of waiting for the interval.
  virtual bool Pending() const { return false; }
};

/// A response. For SSE, set `stream` (status 200, content type text/event-stream is forced).
struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventStream> stream;

  static Response Json(int status, const core::Json& value);
  static Response NoContent();
  /// RFC 9457 application/problem+json for `error`, text in the request's language
  /// (see problem.hpp for the mapping).
  static Response Problem(const core::Error& error, const Request& request);
  Response& SetHeader(std::string name, std::string value);
};

using Handler = std::function<Response(Request&)>;

/// A registered endpoint. `pattern` uses {name} segments: "/api/v1/entities/{id}".
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::string summary;        ///< one line for OpenAPI (English)
  core::Json openapi;         ///< OpenAPI 3.1 operation object fragment (parameters, requestBody, responses)
  std::string tag;            ///< module name, e.g. "network"
  bool is_public = false;     ///< no authentication needed
  /// The largest request body it takes (file uploads); 0: the server's max_body_bytes. Only ever
  /// raises the server's limit, for this route alone.
  size_t max_body_bytes = 0;
};

/// Maps (method, path) to a route. Literal segments win over {param} segments. Add() is not
/// thread-safe; Find() is, once registration is over.
class Router {
 public:
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    /// True when the path matched some route but not with this method (405, not 404).
    bool method_not_allowed = false;
    std::vector<std::string> allowed_methods;
  };

  void Add(Route route);
  Match Find(std::string_view method, std::string_view path) const;
  /// The body limit for a request to (method, raw target): the matching route's max_body_bytes
  /// when it is larger than `server_limit`, else `server_limit`.
  size_t BodyLimit(std::string_view method, std::string_view target, size_t server_limit) const;
  /// The largest body any route takes, at least `server_limit`: what a request head is read
  /// against before its route is known.
  size_t LargestBodyLimit(size_t server_limit) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  /// routes_[i].pattern split on '/', kept in step with routes_ by Add().
  std::vector<std::vector<std::string>> segments_;
};

}  // namespace sawt::http
