#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sawt::http {

/// An IP literal as 16 bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one comparison covers
/// both families and a mapped address cannot slip past an IPv4 rule. Strict: no zone ("%eth0"),
/// brackets or spaces. nullopt for anything else.
std::optional<std::array<uint8_t, 16>> AddressBytes(std::string_view text);

/// An IPv4 or IPv6 block (trusted proxies, webhook address rules).
struct Cidr {
  std::array<uint8_t, 16> bytes{};  ///< network address, IPv4 mapped
  int prefix = 128;                 ///< over the 16 bytes: an IPv4 /8 is 104

  /// "10.0.0.0/8", "fe80::/10" or a single address ("127.0.0.1" = /32, "::1" = /128); the prefix
  /// in canonical decimal within the family's range, and no host bits set beyond it ("10.0.0.1/8"
  /// is refused as a likely typo). kInvalidInput "common.bad_cidr" with the text otherwise.
  static core::Result<Cidr> Parse(std::string_view text);
  bool Contains(const std::array<uint8_t, 16>& address) const;
  /// Whether the literal `address` lies inside; false for anything that is not an IP literal.
  bool Contains(std::string_view address) const;
  /// "10.0.0.0/8", "fd00::/8" (IPv4 blocks in IPv4 notation).
  std::string ToString() const;
};

/// A comma-separated list of blocks ("10.0.0.0/8, ::1"); empty items are errors.
core::Result<std::vector<Cidr>> ParseCidrList(std::string_view text);

}  // namespace sawt::http
