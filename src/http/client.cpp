#include "http/client.hpp"

#include <cctype>
#include <memory>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace sawt::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

constexpr size_t kMaxResponseBody = 64 * 1024;

using Request = bhttp::request<bhttp::string_body>;
using ResponseParser = bhttp::response_parser<bhttp::string_body>;

// Where an exchange failed ("resolve", "connect", "handshake", "write", "read"), if it did.
struct Outcome {
  beast::error_code failure;
  std::string stage;
  void Fail(beast::error_code ec, const char* where) {
    failure = ec;
    stage = where;
  }
};

// Writes the request and reads the answer on a connected (for TLS, handshaken) stream.
template <class Stream>
void WriteThenRead(Stream& stream, Request& req, beast::flat_buffer& buffer, ResponseParser& parser, Outcome& out) {
  bhttp::async_write(stream, req, [&](beast::error_code ec, size_t) {
    if (ec) return out.Fail(ec, "write");
    bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec2, size_t) {
      if (ec2 && ec2 != bhttp::error::body_limit) out.Fail(ec2, "read");
      beast::error_code ignored;
      beast::get_lowest_layer(stream).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    });
  });
}

// A TLS context for a client that verifies its peer against the system's trust store and `trust`.
core::Result<std::unique_ptr<net::ssl::context>> ClientContext(const TlsTrust& trust) {
  auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_client);
  beast::error_code ec;
  context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                           net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1,
                       ec);
  context->set_default_verify_paths(ec);
  if (ec) return core::Error::Unavailable("tls: the system trust store: " + ec.message());
  if (!trust.ca_file.empty()) {
    context->load_verify_file(trust.ca_file, ec);
    if (ec) return core::Error::Unavailable("tls: the CA file " + trust.ca_file + ": " + ec.message());
  }
  context->set_verify_mode(net::ssl::verify_peer);
  return context;
}

}  // namespace

core::Result<HttpUrl> ParseHttpUrl(std::string_view url, bool allow_https) {
  constexpr std::string_view kHttp = "http://", kHttps = "https://";
  HttpUrl out;
  std::string_view rest;
  if (url.substr(0, kHttp.size()) == kHttp) {
    rest = url.substr(kHttp.size());
  } else if (allow_https && url.substr(0, kHttps.size()) == kHttps) {
    rest = url.substr(kHttps.size());
    out.tls = true;
    out.port = 443;
  }
  if (rest.empty() || url.size() > 2000) return core::Error::InvalidInput("common.bad_http_url", "url");
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
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
                                         std::chrono::milliseconds timeout, const AddressPolicy* policy,
                                         const TlsTrust& trust) {
  std::unique_ptr<net::ssl::context> context;
  if (url.tls) {
    auto made = ClientContext(trust);
    if (!made) return std::move(made).error();
    context = std::move(*made);
  }
  net::io_context ioc;
  // One of the two streams is used: plain TCP, or TLS over TCP.
  beast::tcp_stream plain(ioc);
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  if (context) secure.emplace(ioc, *context);
  beast::tcp_stream& tcp = secure ? beast::get_lowest_layer(*secure) : plain;
  net::ip::tcp::resolver resolver(ioc);
  Request req{bhttp::verb::post, url.target, 11};
  std::string host = url.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const uint16_t default_port = url.tls ? 443 : 80;
  req.set(bhttp::field::host, url.port == default_port ? url.host : url.host + ":" + std::to_string(url.port));
  req.set(bhttp::field::user_agent, "sawt");
  req.set(bhttp::field::content_type, content_type);
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  if (secure) {
    // The certificate must name the host (X509_check_host, or X509_check_ip for an address);
    // SNI only for names (RFC 6066 forbids literal addresses).
    secure->set_verify_callback(net::ssl::host_name_verification(host));
    beast::error_code not_an_address;
    net::ip::make_address(host, not_an_address);
    if (not_an_address) SSL_set_tlsext_host_name(secure->native_handle(), host.c_str());
  }

  beast::flat_buffer buffer;
  ResponseParser parser;
  parser.body_limit(kMaxResponseBody);
  Outcome outcome;
  std::string refused;
  bool policy_refused = false;
  std::vector<net::ip::tcp::endpoint> permitted;
  // Asynchronous operations so that tcp_stream's deadline bounds every step; run on this thread.
  tcp.expires_after(timeout);
  resolver.async_resolve(host, std::to_string(url.port), [&](beast::error_code ec, net::ip::tcp::resolver::results_type results) {
    if (ec) return outcome.Fail(ec, "resolve");
    for (const auto& entry : results) {
      const std::string address = entry.endpoint().address().to_string();
      if (policy == nullptr || policy->Permits(address)) {
        permitted.push_back(entry.endpoint());
      } else {
        refused += (refused.empty() ? "" : ", ") + address;
      }
    }
    if (permitted.empty()) {
      policy_refused = true;
      return;
    }
    tcp.async_connect(permitted, [&](beast::error_code ec2, const net::ip::tcp::endpoint&) {
      if (ec2) return outcome.Fail(ec2, "connect");
      if (!secure) return WriteThenRead(plain, req, buffer, parser, outcome);
      secure->async_handshake(net::ssl::stream_base::client, [&](beast::error_code ec3) {
        if (ec3) return outcome.Fail(ec3, "handshake");
        WriteThenRead(*secure, req, buffer, parser, outcome);
      });
    });
  });
  ioc.run();
  if (policy_refused) {
    core::Error e = core::Error::Forbidden("common.address_refused");
    e.detail = "address refused by the webhook address policy: " + refused;
    return e;
  }
  if (outcome.failure) return core::Error::Unavailable(outcome.stage + ": " + outcome.failure.message());
  ClientResponse out;
  out.status = static_cast<int>(parser.get().result_int());
  out.body = parser.get().body();
  return out;
}

}  // namespace sawt::http
