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

/// A parsed "http://host[:port][/path]" URL.
struct HttpUrl {
  std::string host;
  uint16_t port = 80;
  std::string target = "/";
};

/// Parses a plain-HTTP URL. https:// and anything else is kInvalidInput "common.bad_http_url":
/// sawt has no TLS client; HTTPS endpoints go through a TLS-terminating proxy.
core::Result<HttpUrl> ParseHttpUrl(std::string_view url);

/// The answer of a request; the body is cut at 64 KiB.
struct ClientResponse {
  int status = 0;
  std::string body;
};

/// Sends one POST on a new connection (HTTP/1.1, Connection: close) and reads the answer.
/// The whole exchange (resolve, connect, write, read) is bounded by `timeout`. Network failures
/// are kUnavailable with the reason in `detail`. When `policy` is given, only the resolved
/// addresses it permits are connected to (the check is on the address connected to, so DNS
/// rebinding cannot route around it); none left is kForbidden "common.address_refused" with the
/// refused addresses in `detail`. Blocks the calling thread; thread-safe.
core::Result<ClientResponse> PostRequest(const HttpUrl& url, const std::string& content_type, const std::string& body,
                                         const std::vector<std::pair<std::string, std::string>>& headers,
                                         std::chrono::milliseconds timeout, const AddressPolicy* policy = nullptr);

}  // namespace sawt::http
