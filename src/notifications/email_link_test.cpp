// The public URL of --public-url and the absolute links notification e-mails carry.
#include "notifications/email_link.hpp"

#include <gtest/gtest.h>

namespace sawt::notifications {
namespace {

TEST(PublicUrl, AcceptsAbsoluteHttpAndHttpsUrlsAndDropsTheTrailingSlash) {
  EXPECT_EQ(ParsePublicUrl("https://sawt.example.gov"), "https://sawt.example.gov");
  EXPECT_EQ(ParsePublicUrl("https://sawt.example.gov/"), "https://sawt.example.gov");
  EXPECT_EQ(ParsePublicUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(ParsePublicUrl("https://gov.example/apps/sawt/"), "https://gov.example/apps/sawt");
  EXPECT_EQ(ParsePublicUrl("https://[2001:db8::1]:8443/sawt"), "https://[2001:db8::1]:8443/sawt");
  EXPECT_EQ(ParsePublicUrl("https://localhost"), "https://localhost");
}

TEST(PublicUrl, RefusesAnythingElse) {
  for (const char* bad : {"", "sawt.example.gov", "//sawt.example.gov", "ftp://sawt.example.gov", "HTTPS://x.example",
                          "https://", "https:///path", "https://sawt.example.gov?x=1", "https://sawt.example.gov/#/home",
                          "https://sawt.example.gov/a?b", "https://user:pw@sawt.example.gov", "https://sawt.example.gov:0",
                          "https://sawt.example.gov:65536", "https://sawt.example.gov:08", "https://sawt.example.gov:",
                          "https://sawt example.gov", "https://sawt.example.gov/a b", "https://-sawt.example.gov",
                          "https://sawt..example.gov", "https://sawt.example.gov/a//b", "https://sawt.example.gov/\r\n",
                          "https://[zz::1]", "javascript:alert(1)", "https://sawt.example.gov\\evil"}) {
    EXPECT_EQ(ParsePublicUrl(bad), std::nullopt) << bad;
  }
}

TEST(EmailLink, IsAbsoluteWithAPublicUrlAndRelativeWithout) {
  EXPECT_EQ(EmailLink("https://sawt.example.gov", "#/review/42"), "https://sawt.example.gov/#/review/42");
  EXPECT_EQ(EmailLink("https://gov.example/sawt", "#/calendar/week/2026-11-10"),
            "https://gov.example/sawt/#/calendar/week/2026-11-10");
  EXPECT_EQ(EmailLink("", "#/review/42"), "#/review/42");
  EXPECT_EQ(EmailLink("https://sawt.example.gov", ""), "");
}

}  // namespace
}  // namespace sawt::notifications
