#include "http/messages.hpp"

#include <gtest/gtest.h>

namespace sawt::http {
namespace {

TEST(MessagesTest, CommonKeysExistInBothLanguages) {
  const MessageCatalog& c = MessageCatalog::Common();
  for (const char* key :
       {"common.malformed_json", "common.expected_object", "common.field_required", "common.expected_string",
        "common.expected_integer", "common.expected_boolean", "common.field_too_long", "common.field_empty",
        "common.unknown_field", "common.precondition_failed", "common.too_large", "common.rate_limited",
        "common.unavailable", "common.internal", "common.not_found", "common.method_not_allowed",
        "common.invalid_utf8", "common.unsupported_media_type", "common.timeout", "auth.unauthenticated",
        "auth.forbidden"}) {
    EXPECT_NE(c.Translate(key, "ar"), key) << key;
    EXPECT_NE(c.Translate(key, "en"), key) << key;
    EXPECT_NE(c.Translate(key, "ar"), c.Translate(key, "en")) << key;
  }
  for (const auto& m : c.All()) {
    EXPECT_FALSE(m.ar.empty()) << m.key;
    EXPECT_FALSE(m.en.empty()) << m.key;
  }
}

TEST(MessagesTest, FillsSlotsAndFallsBackToKey) {
  const MessageCatalog& c = MessageCatalog::Common();
  EXPECT_EQ(c.Translate("common.field_required", "en", {"name"}), "The field \"name\" is required.");
  EXPECT_EQ(c.Translate("common.field_required", "ar", {"name"}), "الحقل «name» مطلوب.");
  EXPECT_EQ(c.Translate("common.field_too_long", "en", {"title", "200"}),
            "The field \"title\" is longer than the allowed 200 bytes.");
  EXPECT_EQ(c.Translate("no.such_key", "en"), "no.such_key");
  // Missing args leave the slot visible rather than crashing.
  EXPECT_EQ(c.Translate("common.field_required", "en"), "The field \"{0}\" is required.");
}

TEST(MessagesTest, LaterRegistrationReplacesAndCataloguesAreApart) {
  MessageCatalog c;
  c.Add({{"test.greeting", "مرحبًا {0}", "Hello {0}"}});
  EXPECT_EQ(c.Translate("test.greeting", "en", {"Sara"}), "Hello Sara");
  c.Add({{"test.greeting", "أهلًا {0}", "Hi {0}"}});
  EXPECT_EQ(c.Translate("test.greeting", "ar", {"سارة"}), "أهلًا سارة");
  EXPECT_EQ(c.Translate("test.greeting", "fr", {"x"}), "أهلًا x");  // unsupported → Arabic
  EXPECT_EQ(MessageCatalog::Common().Translate("test.greeting", "en"), "test.greeting") << "another app's message";
}

}  // namespace
}  // namespace sawt::http
