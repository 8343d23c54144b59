#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/cidr.hpp"

namespace sawt::http {

/// Where a request came from, decided once per request.
struct ClientAddress {
  std::string ip;          ///< the client: the TCP peer, or the forwarded address behind a trusted proxy
  bool via_https = false;  ///< a trusted proxy said the client used HTTPS (X-Forwarded-Proto)
};

/// The client behind `peer` (the TCP peer's address). Headers are honoured only when `peer` is
/// inside `trusted`: then the client is the right-most X-Forwarded-For address that is not itself
/// a trusted proxy (every header instance, in order, forms one list), and via_https is whether
/// the last X-Forwarded-Proto value is "https". An entry that is not an address literal stops the
/// walk at the last trusted hop. Addresses come back in canonical text form.
ClientAddress ResolveClient(std::string_view peer, const std::vector<Cidr>& trusted,
                            const std::vector<std::string_view>& forwarded_for, std::string_view forwarded_proto);

/// True for 127.0.0.0/8, ::1 and IPv4-mapped loopback: a server bound there is reachable only
/// from this host.
bool IsLoopback(std::string_view address);

}  // namespace sawt::http
