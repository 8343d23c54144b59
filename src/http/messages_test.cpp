#include "http/messages.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

TEST(MessagesTest, CommonKeysExistInBothLanguages) {
  for (const char* key :
       {"common.malformed_json", "common.expected_object", "common.field_required", "common.expected_string",
        "common.expected_integer", "common.expected_boolean", "common.field_too_long", "common.field_empty",
        "common.unknown_field", "common.precondition_failed", "common.too_large", "common.rate_limited",
        "common.unavailable", "common.internal", "common.not_found", "common.method_not_allowed",
        "common.invalid_utf8", "common.unsupported_media_type", "common.timeout", "auth.unauthenticated",
        "auth.forbidden"}) {
    EXPECT_NE(Translate(key, "ar"), key) << key;
    EXPECT_NE(Translate(key, "en"), key) << key;
    EXPECT_NE(Translate(key, "ar"), Translate(key, "en")) << key;
  }
  for (const auto& m : AllMessages()) {
    EXPECT_FALSE(m.ar.empty()) << m.key;
    EXPECT_FALSE(m.en.empty()) << m.key;
  }
}

TEST(MessagesTest, FillsSlotsAndFallsBackToKey) {
  EXPECT_EQ(Translate("common.field_required", "en", {"name"}), "The field \"name\" is required.");
  EXPECT_EQ(Translate("common.field_required", "ar", {"name"}), "الحقل «name» مطلوب.");
  EXPECT_EQ(Translate("common.field_too_long", "en", {"title", "200"}),
            "The field \"title\" is longer than the allowed 200 bytes.");
  EXPECT_EQ(Translate("no.such_key", "en"), "no.such_key");
  // Missing args leave the slot visible rather than crashing.
  EXPECT_EQ(Translate("common.field_required", "en"), "The field \"{0}\" is required.");
}

TEST(MessagesTest, LaterRegistrationReplaces) {
  AddMessages({{"test.greeting", "مرحبًا {0}", "Hello {0}"}});
  EXPECT_EQ(Translate("test.greeting", "en", {"Sara"}), "Hello Sara");
  AddMessages({{"test.greeting", "أهلًا {0}", "Hi {0}"}});
  EXPECT_EQ(Translate("test.greeting", "ar", {"سارة"}), "أهلًا سارة");
  EXPECT_EQ(Translate("test.greeting", "fr", {"x"}), "أهلًا x");  // unsupported → Arabic
}

}  // namespace
}  // namespace sawt::http
