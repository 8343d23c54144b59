#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

std::vector<Cidr> Trusted(std::string_view list) {
  auto parsed = ParseCidrList(list);
  EXPECT_TRUE(parsed) << list;
  return parsed ? *parsed : std::vector<Cidr>{};
}

TEST(ClientAddressTest, ParsesIpv4AndIpv6NetworksAndBareHosts) {
  EXPECT_EQ(Cidr::Parse("10.0.0.0/8")->ToString(), "10.0.0.0/8");
  EXPECT_EQ(Cidr::Parse("192.168.1.7")->ToString(), "192.168.1.7/32");
  EXPECT_EQ(Cidr::Parse("fd00::/8")->ToString(), "fd00::/8");
  EXPECT_EQ(Cidr::Parse("::1")->ToString(), "::1/128");
  EXPECT_EQ(Cidr::Parse("0.0.0.0/0")->ToString(), "0.0.0.0/0");
  EXPECT_EQ(Cidr::Parse("::ffff:10.1.2.3")->ToString(), "10.1.2.3/32");  // mapped = IPv4
}

TEST(ClientAddressTest, RefusesAnythingNotStrictlyACidr) {
  for (const char* bad : {"", "10.0.0.0/", "10.0.0.0/33", "fd00::/129", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/8 ",
                          " 10.0.0.0/8", "10.0.0.1/8", "10.0.0/8", "nginx.local", "fe80::1%eth0", "[::1]",
                          "10.0.0.0/8/8", "10.0.0.0/-1", "1.2.3.4:80", "10.0.0.0/1000"}) {
    auto r = Cidr::Parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().key, "common.bad_cidr") << bad;
    EXPECT_EQ(r.error().args.at(0), bad);
  }
  EXPECT_FALSE(ParseCidrList("10.0.0.0/8,,::1"));
  EXPECT_FALSE(ParseCidrList(""));
  EXPECT_EQ(ParseCidrList("10.0.0.0/8, ::1")->size(), 2u);
}

TEST(ClientAddressTest, ContainsMatchesOnlyTheFamilyAndPrefix) {
  const Cidr net = *Cidr::Parse("172.16.0.0/12");
  EXPECT_TRUE(net.Contains("172.16.0.1"));
  EXPECT_TRUE(net.Contains("172.31.255.255"));
  EXPECT_FALSE(net.Contains("172.32.0.0"));
  EXPECT_TRUE(net.Contains("::ffff:172.20.1.1"));
  EXPECT_FALSE(net.Contains("not an address"));
  const Cidr v6 = *Cidr::Parse("2001:db8::/32");
  EXPECT_TRUE(v6.Contains("2001:db8:1::5"));
  EXPECT_FALSE(v6.Contains("2001:db9::5"));
  EXPECT_FALSE(v6.Contains("10.0.0.1"));
  EXPECT_TRUE(Cidr::Parse("0.0.0.0/0")->Contains("8.8.8.8"));
}

TEST(ClientAddressTest, HeadersFromAnUntrustedPeerAreIgnored) {
  ClientAddress c = ResolveClient("203.0.113.9", Trusted("10.0.0.0/8"), {"198.51.100.1"}, "https");
  EXPECT_EQ(c.ip, "203.0.113.9");
  EXPECT_FALSE(c.via_https);
  c = ResolveClient("203.0.113.9", {}, {"198.51.100.1"}, "https");
  EXPECT_EQ(c.ip, "203.0.113.9");
}

TEST(ClientAddressTest, BehindATrustedProxyTheRightMostUntrustedHopIsTheClient) {
  const auto trusted = Trusted("10.0.0.0/8,::1");
  // The client forged the first entry; the proxy appended what it saw.
  ClientAddress c = ResolveClient("10.0.0.2", trusted, {"1.1.1.1, 198.51.100.7"}, "https");
  EXPECT_EQ(c.ip, "198.51.100.7");
  EXPECT_TRUE(c.via_https);
  // Two proxies of ours: skip both.
  c = ResolveClient("::1", trusted, {"198.51.100.7", "10.0.0.5"}, "http");
  EXPECT_EQ(c.ip, "198.51.100.7");
  EXPECT_FALSE(c.via_https);
  // Only proxies in the chain: the left-most one.
  c = ResolveClient("10.0.0.2", trusted, {"10.0.0.9,10.0.0.8"}, "");
  EXPECT_EQ(c.ip, "10.0.0.9");
  // No header: the proxy itself.
  c = ResolveClient("10.0.0.2", trusted, {}, "");
  EXPECT_EQ(c.ip, "10.0.0.2");
  // Garbage stops the walk at the last trusted hop instead of believing what is left of it.
  c = ResolveClient("10.0.0.2", trusted, {"198.51.100.7, <script>, 10.0.0.3"}, "");
  EXPECT_EQ(c.ip, "10.0.0.3");
  // Canonical form: mapped IPv4 unwrapped, IPv6 compressed.
  c = ResolveClient("::ffff:10.0.0.2", trusted, {"2001:0db8:0000:0000:0000:0000:0000:0001"}, "HTTPS");
  EXPECT_EQ(c.ip, "2001:db8::1");
  EXPECT_TRUE(c.via_https);
  // The last X-Forwarded-Proto value counts (the nearest proxy's).
  c = ResolveClient("10.0.0.2", trusted, {"198.51.100.7"}, "https, http");
  EXPECT_FALSE(c.via_https);
}

TEST(ClientAddressTest, LoopbackIsRecognized) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.8.9.10"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("::"));
  EXPECT_FALSE(IsLoopback("192.168.1.10"));
  EXPECT_FALSE(IsLoopback("localhost"));
}

}  // namespace
}  // namespace sawt::http
