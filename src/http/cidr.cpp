#include "http/cidr.hpp"

#include <boost/asio/ip/address.hpp>

#include "core/numbers.hpp"

namespace sawt::http {
namespace {

namespace ip = boost::asio::ip;

constexpr int kV4MappedBits = 96;

bool IsV4Mapped(const std::array<uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[static_cast<size_t>(i)] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::array<uint8_t, 16>> AddressBytes(std::string_view text) {
  if (text.empty() || text.find_first_of("% \t[]") != std::string_view::npos) return std::nullopt;
  boost::system::error_code ec;
  const ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

core::Result<Cidr> Cidr::Parse(std::string_view text) {
  const auto bad = [&] { return core::Error::InvalidInput("common.bad_cidr", "", {std::string(text)}); };
  const size_t slash = text.find('/');
  const std::string_view literal = text.substr(0, slash);
  auto bytes = AddressBytes(literal);
  if (!bytes) return bad();
  // A literal written as IPv4 counts in IPv4 bits; "::ffff:a.b.c.d" is IPv6 notation for the same.
  const bool v4 = literal.find(':') == std::string_view::npos;
  const int max = v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    auto n = core::ParseCanonicalInt(text.substr(slash + 1));
    if (!n || *n > max) return bad();
    prefix = static_cast<int>(*n);
  }
  Cidr c;
  c.bytes = *bytes;
  c.prefix = v4 ? prefix + kV4MappedBits : prefix;
  for (int bit = c.prefix; bit < 128; ++bit) {
    if (c.bytes[static_cast<size_t>(bit / 8)] & (0x80 >> (bit % 8))) return bad();  // host bits set
  }
  return c;
}

bool Cidr::Contains(const std::array<uint8_t, 16>& address) const {
  for (int bit = 0; bit < prefix; ++bit) {
    const auto i = static_cast<size_t>(bit / 8);
    const int mask = 0x80 >> (bit % 8);
    if ((bytes[i] & mask) != (address[i] & mask)) return false;
  }
  return true;
}

bool Cidr::Contains(std::string_view address) const {
  auto b = AddressBytes(address);
  return b && Contains(*b);
}

std::string Cidr::ToString() const {
  if (IsV4Mapped(bytes) && prefix >= kV4MappedBits) {
    return ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]}).to_string() + "/" +
           std::to_string(prefix - kV4MappedBits);
  }
  return ip::address_v6(bytes).to_string() + "/" + std::to_string(prefix);
}

core::Result<std::vector<Cidr>> ParseCidrList(std::string_view text) {
  std::vector<Cidr> out;
  while (true) {
    const size_t comma = text.find(',');
    auto cidr = Cidr::Parse(Trim(text.substr(0, comma)));
    if (!cidr) return std::move(cidr).error();
    out.push_back(*cidr);
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  return out;
}

}  // namespace sawt::http
