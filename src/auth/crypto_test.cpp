#include "auth/crypto.hpp"

#include <gtest/gtest.h>

namespace sawt::auth {
namespace {

TEST(CryptoTest, Sha256MatchesFipsVector) {
  // FIPS 180-2, appendix B.1: SHA-256("abc").
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoTest, WebhookSignaturesBindTheTimeAndRefuseReplaysOutsideTheWindow) {
  const auto headers = WebhookSignatureHeaders("s3cret", R"({"a":1})", 1'800'000'000);
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"X-Sawt-Timestamp", "1800000000"}));
  EXPECT_EQ(headers[1].second, "sha256=" + HmacSha256Hex("s3cret", R"(1800000000.{"a":1})"));
  const std::string& sig = headers[1].second;
  EXPECT_TRUE(VerifyWebhookSignature("s3cret", "1800000000", R"({"a":1})", sig, 1'800'000'000));
  EXPECT_TRUE(VerifyWebhookSignature("s3cret", "1800000000", R"({"a":1})", sig, 1'800'000'300));
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "1800000000", R"({"a":1})", sig, 1'800'000'301)) << "a replay";
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "1800000000", R"({"a":1})", sig, 1'799'999'699)) << "from the future";
  EXPECT_FALSE(VerifyWebhookSignature("other", "1800000000", R"({"a":1})", sig, 1'800'000'000));
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "1800000001", R"({"a":1})", sig, 1'800'000'000)) << "another time";
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "1800000000", R"({"a":2})", sig, 1'800'000'000)) << "another body";
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "-5", R"({"a":1})", sig, 1'800'000'000));
  EXPECT_FALSE(VerifyWebhookSignature("s3cret", "", R"({"a":1})", sig, 1'800'000'000));
}

TEST(CryptoTest, PasswordHashIsArgon2idAndVerifies) {
  std::string h = HashPassword("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << h;
  EXPECT_TRUE(VerifyPassword("correct horse battery", h));
  EXPECT_FALSE(VerifyPassword("wrong horse battery", h));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_NE(HashPassword("correct horse battery"), h);  // salted
}

TEST(CryptoTest, RandomTokensAreUniqueAndUrlSafe) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

}  // namespace
}  // namespace sawt::auth
