#include "http/client_address.hpp"

#include <cctype>
#include <optional>

#include <boost/asio/ip/address.hpp>

namespace sawt::http {
namespace {

namespace ip = boost::asio::ip;

/// An address literal in canonical form, IPv4-mapped IPv6 unwrapped to IPv4; nullopt otherwise.
std::optional<ip::address> ParseAddress(std::string_view text) {
  if (text.empty() || text.find_first_of("% \t[]") != std::string_view::npos) return std::nullopt;
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  return a;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool InAny(const ip::address& a, const std::vector<Cidr>& trusted) {
  const std::string text = a.to_string();
  for (const Cidr& c : trusted) {
    if (c.Contains(text)) return true;
  }
  return false;
}

}  // namespace

ClientAddress ResolveClient(std::string_view peer, const std::vector<Cidr>& trusted,
                            const std::vector<std::string_view>& forwarded_for, std::string_view forwarded_proto) {
  ClientAddress out;
  auto peer_addr = ParseAddress(peer);
  out.ip = peer_addr ? peer_addr->to_string() : std::string(peer);
  if (!peer_addr || trusted.empty() || !InAny(*peer_addr, trusted)) return out;
  // Each proxy appends the address it saw, so read from the right and stop at the first hop
  // that is not one of ours: everything left of it was written by the client and proves nothing.
  std::vector<std::string_view> hops;
  for (std::string_view header : forwarded_for) {
    while (true) {
      size_t comma = header.find(',');
      hops.push_back(Trim(header.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      header = header.substr(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = ParseAddress(*it);
    if (!hop) break;
    out.ip = hop->to_string();
    if (!InAny(*hop, trusted)) break;
  }
  std::string_view proto = forwarded_proto;
  if (auto comma = proto.rfind(','); comma != std::string_view::npos) proto = proto.substr(comma + 1);
  proto = Trim(proto);
  std::string scheme(proto);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  out.via_https = scheme == "https";
  return out;
}

bool IsLoopback(std::string_view address) {
  auto a = ParseAddress(address);
  return a && a->is_loopback();
}

}  // namespace sawt::http
