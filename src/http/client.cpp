#include "http/client.hpp"

#include <cctype>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sawt::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

constexpr size_t kMaxResponseBody = 64 * 1024;

}  // namespace

core::Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme || url.size() > 2000) {
    return core::Error::InvalidInput("common.bad_http_url", "url");
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  HttpUrl out;
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    return core::Error::InvalidInput("common.bad_http_url", "url");
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return core::Error::InvalidInput("common.bad_http_url", "url");
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return core::Error::InvalidInput("common.bad_http_url", "url");
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) return core::Error::InvalidInput("common.bad_http_url", "url");
    out.port = static_cast<uint16_t>(value);
    authority = authority.substr(0, colon);
  }
  for (char c : authority) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
    if (!ok) return core::Error::InvalidInput("common.bad_http_url", "url");
  }
  if (authority.empty()) return core::Error::InvalidInput("common.bad_http_url", "url");
  out.host = std::string(authority);
  for (char c : out.target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return core::Error::InvalidInput("common.bad_http_url", "url");
  }
  return out;
}

core::Result<ClientResponse> PostRequest(const HttpUrl& url, const std::string& content_type, const std::string& body,
                                         const std::vector<std::pair<std::string, std::string>>& headers,
                                         std::chrono::milliseconds timeout, const AddressPolicy* policy) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  net::ip::tcp::resolver resolver(ioc);
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, url.target, 11};
  std::string host = url.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  req.set(bhttp::field::host, url.port == 80 ? url.host : url.host + ":" + std::to_string(url.port));
  req.set(bhttp::field::user_agent, "sawt");
  req.set(bhttp::field::content_type, content_type);
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  beast::error_code failure;
  std::string stage;
  std::string refused;
  std::vector<net::ip::tcp::endpoint> permitted;
  // Asynchronous operations so that tcp_stream's deadline bounds every step; run on this thread.
  stream.expires_after(timeout);
  resolver.async_resolve(host, std::to_string(url.port), [&](beast::error_code ec, net::ip::tcp::resolver::results_type results) {
    if (ec) {
      failure = ec;
      stage = "resolve";
      return;
    }
    for (const auto& entry : results) {
      const std::string address = entry.endpoint().address().to_string();
      if (policy == nullptr || policy->Permits(address)) {
        permitted.push_back(entry.endpoint());
      } else {
        refused += (refused.empty() ? "" : ", ") + address;
      }
    }
    if (permitted.empty()) {
      stage = "policy";
      return;
    }
    stream.async_connect(permitted, [&](beast::error_code ec2, const net::ip::tcp::endpoint&) {
      if (ec2) {
        failure = ec2;
        stage = "connect";
        return;
      }
      bhttp::async_write(stream, req, [&](beast::error_code ec3, size_t) {
        if (ec3) {
          failure = ec3;
          stage = "write";
          return;
        }
        bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec4, size_t) {
          if (ec4 && ec4 != bhttp::error::body_limit) {
            failure = ec4;
            stage = "read";
          }
          beast::error_code ignored;
          stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        });
      });
    });
  });
  ioc.run();
  if (stage == "policy") {
    core::Error e = core::Error::Forbidden("common.address_refused");
    e.detail = "address refused by the webhook address policy: " + refused;
    return e;
  }
  if (failure) return core::Error::Unavailable(stage + ": " + failure.message());
  ClientResponse out;
  out.status = static_cast<int>(parser.get().result_int());
  out.body = parser.get().body();
  return out;
}

}  // namespace sawt::http
