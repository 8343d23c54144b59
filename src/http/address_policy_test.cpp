#include "http/address_policy.hpp"

#include <gtest/gtest.h>

#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "http/client.hpp"

namespace sawt::http {
namespace {

TEST(AddressPolicyTest, DefaultRefusesInternalAddressesAndAllowsPublicOnes) {
  AddressPolicy p;
  for (const char* internal : {"127.0.0.1", "127.1.2.3", "::1", "169.254.169.254", "169.254.1.1", "fe80::1",
                               "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "0.0.0.0", "::",
                               "224.0.0.1", "255.255.255.255", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1",
                               "::ffff:169.254.169.254", "100.100.100.200", "not-an-ip", ""}) {
    EXPECT_FALSE(p.Permits(internal)) << internal;
  }
  for (const char* external : {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(p.Permits(external)) << external;
  }
}

TEST(AddressPolicyTest, TheMostSpecificBlockDecides) {
  AddressPolicy p;
  ASSERT_TRUE(p.AllowList("127.0.0.1/32, 10.20.0.0/16"));
  ASSERT_TRUE(p.DenyList("10.20.30.0/24,8.8.8.0/24"));
  EXPECT_TRUE(p.Permits("127.0.0.1"));
  EXPECT_FALSE(p.Permits("127.0.0.2"));
  EXPECT_FALSE(p.Permits("::1"));
  EXPECT_TRUE(p.Permits("10.20.1.1"));
  EXPECT_FALSE(p.Permits("10.20.30.1"));
  EXPECT_FALSE(p.Permits("8.8.8.8"));
  EXPECT_TRUE(p.Permits("8.8.4.4"));
  // An operator's block beats a built-in one of the same size; metadata stays refused.
  ASSERT_TRUE(p.AllowList("192.168.0.0/16,169.254.0.0/16,169.254.169.254/32"));
  EXPECT_TRUE(p.Permits("192.168.7.7"));
  EXPECT_TRUE(p.Permits("169.254.1.1"));
  EXPECT_FALSE(p.Permits("169.254.169.254"));
}

TEST(AddressPolicyTest, ParsesBlocksStrictly) {
  EXPECT_EQ(Cidr::Parse("10.0.0.0/8")->prefix, 104);
  EXPECT_EQ(Cidr::Parse("::1")->prefix, 128);
  EXPECT_EQ(Cidr::Parse("127.0.0.1")->prefix, 128);
  for (const char* bad : {"10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/", "x/8", "fe80::/129", "10.0.0.0/+8"}) {
    auto c = Cidr::Parse(bad);
    ASSERT_FALSE(c) << bad;
    EXPECT_EQ(c.error().key, "common.bad_cidr");
  }
}

TEST(AddressPolicyTest, TheClientChecksTheResolvedAddressBeforeConnecting) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
  const uint16_t port = acceptor.local_endpoint().port();
  std::thread server([&] {
    // Answers exactly one request: the allowed one below.
    net::ip::tcp::socket socket(ioc);
    acceptor.accept(socket);
    net::streambuf head;
    boost::system::error_code ec;
    net::read_until(socket, head, "\r\n\r\n", ec);
    net::write(socket, net::buffer(std::string("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")), ec);
  });
  AddressPolicy by_default;
  for (const std::string host : {"127.0.0.1", "localhost"}) {  // a name is checked on what it resolves to
    auto refused = PostRequest(*ParseHttpUrl("http://" + host + ":" + std::to_string(port) + "/hook"), "application/json",
                               "{}", {}, std::chrono::seconds(2), &by_default);
    ASSERT_FALSE(refused) << host;
    EXPECT_EQ(refused.error().key, "common.address_refused") << host;
    EXPECT_NE(refused.error().detail.find("127.0.0.1"), std::string::npos) << refused.error().detail;
  }
  AddressPolicy loopback_allowed;
  ASSERT_TRUE(loopback_allowed.AllowList("127.0.0.1/32"));
  auto answer = PostRequest(*ParseHttpUrl("http://127.0.0.1:" + std::to_string(port) + "/hook"), "application/json",
                            "{}", {}, std::chrono::seconds(2), &loopback_allowed);
  server.join();
  ASSERT_TRUE(answer) << answer.error().detail;
  EXPECT_EQ(answer->status, 204);
}

}  // namespace
}  // namespace sawt::http
