#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/address_policy.hpp"

namespace sawt::http {

/// A parsed "http[s]://host[:port][/path]" URL.
struct HttpUrl {
  std::string host;
  uint16_t port = 80;
  std::string target = "/";
  bool tls = false;  ///< https: delivered over TLS with the server's certificate verified
};

/// Parses an http:// URL, and with `allow_https` an https:// one (port 443 unless given).
/// Anything else is kInvalidInput "common.bad_http_url".
core::Result<HttpUrl> ParseHttpUrl(std::string_view url, bool allow_https = false);

/// Whom a TLS client trusts: the system's trust store (ca-certificates) and, when set, the
/// certificates of `ca_file` (PEM) as well — e.g. a government's own CA.
struct TlsTrust {
  std::string ca_file;
};

/// The answer of a request; the body is cut at 64 KiB.
struct ClientResponse {
  int status = 0;
  std::string body;
};

/// Sends one POST on a new connection (HTTP/1.1, Connection: close) and reads the answer. An
/// https URL is sent over TLS 1.2 or newer, with SNI, after the certificate chain is verified
/// against `trust` and the certificate names the URL's host (a name, or an IP address in its
/// subjectAltName); a failed verification is kUnavailable "handshake: …".
/// The whole exchange (resolve, connect, write, read) is bounded by `timeout`. Network failures
/// are kUnavailable with the reason in `detail`. When `policy` is given, only the resolved
/// addresses it permits are connected to (the check is on the address connected to, so DNS
/// rebinding cannot route around it); none left is kForbidden "common.address_refused" with the
/// refused addresses in `detail`. Blocks the calling thread; thread-safe.
core::Result<ClientResponse> PostRequest(const HttpUrl& url, const std::string& content_type, const std::string& body,
                                         const std::vector<std::pair<std::string, std::string>>& headers,
                                         std::chrono::milliseconds timeout, const AddressPolicy* policy = nullptr,
                                         const TlsTrust& trust = {});

}  // namespace sawt::http
