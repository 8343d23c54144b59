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
  EXPECT_EQ(c.Problems(), std::vector<std::string>());
}

TEST(MessagesTest, ProblemsNameBrokenPatternsAndUnknownVocabularies) {
  MessageCatalog c;
  c.Add({{"test.broken", "{0, plural, one {x}", "{0, number}"}, {"test.vocabulary", "{0, channel}", "{0, channels}"},
         {"test.underscored", "{0, countUnits}", "{0, countunits}"}});
  c.AddTerms("channels", {{"x", "إكس", "X"}});
  c.AddTerms("count_units", {{"bytes", "بايتات", "bytes"}});
  EXPECT_EQ(c.Translate("test.underscored", "ar", {"bytes"}), "بايتات");
  EXPECT_EQ(c.Translate("test.underscored", "en", {"bytes"}), "bytes");
  const auto problems = c.Problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind("test.broken (ar): not an ICU message pattern", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1], "test.vocabulary (ar): no vocabulary \"channel\"");
}

TEST(MessagesTest, FillsSlotsAndFallsBackToKey) {
  const MessageCatalog& c = MessageCatalog::Common();
  EXPECT_EQ(c.Translate("common.field_required", "en", {"name"}), "The field \"name\" is required.");
  EXPECT_EQ(c.Translate("common.field_required", "ar", {"name"}), "الحقل «name» مطلوب.");
  EXPECT_EQ(c.Translate("common.field_too_long", "en", {"title", "200"}),
            "The field \"title\" is longer than the allowed 200 bytes.");
  EXPECT_EQ(c.Translate("common.field_too_long", "ar", {"title", "2000"}),
            "قيمة الحقل «title» أطول من الحد المسموح به (٢٬٠٠٠ بايت).");
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

// Arabic plural forms (CLDR): zero 0, one 1, two 2, few 3–10, many 11–99, other 100 and fractions.
MessageCatalog HoursCatalog() {
  MessageCatalog c;
  c.Add({{"test.hours",
          "بينهما {0, plural, zero {أقل من ساعة} one {ساعة واحدة} two {ساعتان} few {# ساعات} many {# ساعة} other {# ساعة}} "
          "بعد «{1}»",
          "{0, plural, one {# hour} other {# hours}} after \"{1}\""}});
  return c;
}

TEST(MessagesTest, ArabicPluralFormsWithArabicIndicDigits) {
  const MessageCatalog c = HoursCatalog();
  const Locale ar{"ar", std::nullopt};
  EXPECT_EQ(c.Translate("test.hours", ar, {"0", "x"}), "بينهما أقل من ساعة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"1", "x"}), "بينهما ساعة واحدة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"2", "x"}), "بينهما ساعتان بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"3", "x"}), "بينهما ٣ ساعات بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"11", "x"}), "بينهما ١١ ساعة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"100", "x"}), "بينهما ١٠٠ ساعة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", ar, {"2.5", "x"}), "بينهما ٢٫٥ ساعة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", "ar", {"29.5", "x"}), "بينهما ٢٩٫٥ ساعة بعد «x»") << "the default digits";
}

TEST(MessagesTest, LatinDigitsWhenAskedOrByDeployment) {
  MessageCatalog c = HoursCatalog();
  EXPECT_EQ(c.Translate("test.hours", Locale{"ar", Digits::kLatn}, {"3", "x"}), "بينهما 3 ساعات بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", Locale{"ar", Digits::kLatn}, {"2.5", "x"}), "بينهما 2.5 ساعة بعد «x»");
  c.SetArabicDigits(Digits::kLatn);
  EXPECT_EQ(c.Translate("test.hours", "ar", {"11", "x"}), "بينهما 11 ساعة بعد «x»");
  EXPECT_EQ(c.Translate("test.hours", Locale{"ar", Digits::kArab}, {"11", "x"}), "بينهما ١١ ساعة بعد «x»")
      << "the reader's choice wins over the deployment's";
}

TEST(MessagesTest, EnglishPluralsAndDigits) {
  const MessageCatalog c = HoursCatalog();
  EXPECT_EQ(c.Translate("test.hours", "en", {"1", "x"}), "1 hour after \"x\"");
  EXPECT_EQ(c.Translate("test.hours", "en", {"2.5", "x"}), "2.5 hours after \"x\"");
  EXPECT_EQ(c.Translate("test.hours", "en", {"1500", "x"}), "1,500 hours after \"x\"");
  EXPECT_EQ(c.Translate("test.hours", Locale{"en", Digits::kArab}, {"3", "x"}), "٣ hours after \"x\"");
}

TEST(MessagesTest, PlaceholdersInsidePluralText) {
  MessageCatalog c;
  c.Add({{"test.nested", "{0, plural, one {تعارض واحد مع «{1}»} two {تعارضان مع «{1}»} other {# تعارضات مع «{1}»}}",
          "{0, plural, one {one conflict with \"{1}\"} other {# conflicts with \"{1}\"}}"}});
  EXPECT_EQ(c.Translate("test.nested", "ar", {"2", "القمة"}), "تعارضان مع «القمة»");
  EXPECT_EQ(c.Translate("test.nested", "ar", {"5", "القمة"}), "٥ تعارضات مع «القمة»");
  EXPECT_EQ(c.Translate("test.nested", "en", {"1", "the summit"}), "one conflict with \"the summit\"");
}

TEST(MessagesTest, NumbersPercentagesDaysAndTerms) {
  MessageCatalog c;
  c.Add({{"test.kinds", "{0, number} و{1, number, percent} في {2, date} على {3, channels}",
          "{0, number} and {1, number, percent} on {2, date} on {3, channels}"}});
  c.AddTerms("channels", {{"x", "إكس", "X"}, {"website", "الموقع الإلكتروني", "Website"}});
  EXPECT_EQ(c.Translate("test.kinds", "ar", {"24.1", "0.25", "2026-12-07", "website"}),
            "٢٤٫١ و٢٥٪؜ في ٧ ديسمبر ٢٠٢٦ على الموقع الإلكتروني");
  EXPECT_EQ(c.Translate("test.kinds", Locale{"ar", Digits::kLatn}, {"24.1", "0.25", "2026-12-07", "x"}),
            "24.1 و25\u200E%\u200E في 7 ديسمبر 2026 على إكس")
      << "Latin digits in Arabic keep the percent sign left-to-right (CLDR)";
  EXPECT_EQ(c.Translate("test.kinds", "en", {"24.1", "0.25", "2026-12-07", "x"}),
            "24.1 and 25% on December 7, 2026 on X");
}

TEST(MessagesTest, FiguresInTextFollowTheReadersDigits) {
  MessageCatalog c;
  c.Add({{"test.figure", "القيمة المعتمدة: {0, digits}", "The approved value: {0, digits}"}});
  EXPECT_EQ(c.Translate("test.figure", "ar", {"24.1 مليون (2026)"}), "القيمة المعتمدة: ٢٤٫١ مليون (٢٠٢٦)");
  EXPECT_EQ(c.Translate("test.figure", "ar", {"1,250.5 زائر."}), "القيمة المعتمدة: ١٬٢٥٠٫٥ زائر.");
  EXPECT_EQ(c.Translate("test.figure", Locale{"ar", Digits::kLatn}, {"٢٤٫١ مليون"}), "القيمة المعتمدة: 24.1 مليون");
  EXPECT_EQ(c.Translate("test.figure", "en", {"24.1 million."}), "The approved value: 24.1 million.");
}

TEST(MessagesTest, TheTextsOwnFiguresFollowTheReadersDigits) {
  MessageCatalog c;
  c.Add({{"test.range", "يتكون من 3 إلى 64 حرفًا، وعدد المحاولات بين 1 و20.", "3 to 64 characters, 1 to 20 attempts."},
         {"test.codes",
          "بصيغة ISO 8601 أو CAP 1.2، مثل 127.0.0.1:9090 أو 10.0.0.0/8 أو UTF-8 أو «2026-Q3» أو «2026»؛ اجعله 0600 (انظر ‎/api/v1/x).",
          "codes"},
         {"test.slots", "{0, plural, one {بند واحد من 20} other {# بندًا من 20}} في {1}.", "{0, number} of 20 in {1}."}});
  EXPECT_EQ(c.Translate("test.range", "ar"), "يتكون من ٣ إلى ٦٤ حرفًا، وعدد المحاولات بين ١ و٢٠.");
  EXPECT_EQ(c.Translate("test.range", Locale{"ar", Digits::kLatn}), "يتكون من 3 إلى 64 حرفًا، وعدد المحاولات بين 1 و20.");
  EXPECT_EQ(c.Translate("test.range", "en"), "3 to 64 characters, 1 to 20 attempts.");
  // Codes, names and what is quoted to be typed stay as written.
  EXPECT_EQ(c.Translate("test.codes", "ar"),
            "بصيغة ISO 8601 أو CAP 1.2، مثل 127.0.0.1:9090 أو 10.0.0.0/8 أو UTF-8 أو «2026-Q3» أو «2026»؛ اجعله 0600 (انظر ‎/api/v1/x).");
  // Slot syntax is not prose; the branches' texts are; arguments are as the slot says.
  EXPECT_EQ(c.Translate("test.slots", "ar", {"3", "2026"}), "٣ بندًا من ٢٠ في 2026.");
  EXPECT_EQ(c.Translate("test.slots", "ar", {"1", "x"}), "بند واحد من ٢٠ في x.");
}

TEST(MessagesTest, DaysInTheHijriCalendarTooWhenAsked) {
  MessageCatalog c;
  c.Add({{"test.day", "في {0, date}.", "On {0, date}."}});
  EXPECT_EQ(c.Translate("test.day", Locale{"ar", Digits::kArab, true}, {"2026-12-07"}),
            "في ٧ ديسمبر ٢٠٢٦ (٢٧ جمادى الآخرة ١٤٤٨ هـ).");
  EXPECT_EQ(c.Translate("test.day", Locale{"ar", Digits::kLatn, true}, {"2026-12-07"}),
            "في 7 ديسمبر 2026 (27 جمادى الآخرة 1448 هـ).");
  EXPECT_EQ(c.Translate("test.day", Locale{"en", std::nullopt, true}, {"2026-12-07"}),
            "On December 7, 2026 (Jumada II 27, 1448 AH).");
  EXPECT_EQ(c.Translate("test.day", Locale{"ar", Digits::kArab, false}, {"2026-12-07"}), "في ٧ ديسمبر ٢٠٢٦.");
  EXPECT_EQ(c.Translate("test.day", Locale{"ar", Digits::kArab, true}, {"2026-02-30"}), "في 2026-02-30.")
      << "not a day: as written";
}

TEST(MessagesTest, MalformedArgumentsShowAsWritten) {
  MessageCatalog c = HoursCatalog();
  c.Add({{"test.kinds", "{0, number}|{1, date}|{2, channels}|{3, nosuchlist}|{4, number, percent}",
          "{0, number}|{1, date}|{2, channels}|{3, nosuchlist}|{4, number, percent}"}});
  c.AddTerms("channels", {{"x", "إكس", "X"}});
  for (const char* bad : {"", "abc", "1e400", "inf", "nan", "12abc", "--1", "1.2.3", "٣", " 3"}) {
    EXPECT_EQ(c.Translate("test.hours", "ar", {bad, "x"}), "بينهما " + std::string(bad) + " بعد «x»") << bad;
  }
  EXPECT_EQ(c.Translate("test.kinds", "en", {"many", "2026-02-30", "telegram", "x", "half"}),
            "many|2026-02-30|telegram|x|half");
  // Missing arguments stay visible, also in typed slots.
  EXPECT_EQ(c.Translate("test.hours", "en"), "{0} after \"{1}\"");
  EXPECT_EQ(c.Translate("test.kinds", "en", {"1"}), "1|{1}|{2}|{3}|{4}");
  // A text that is not a valid pattern falls back to the plain slots rather than failing.
  c.Add({{"test.broken", "{0, plural, one {x} {1}", "{0, plural, one {x} {1}"}});
  EXPECT_EQ(c.Translate("test.broken", "en", {"1", "y"}), "{0, plural, one {x} y");
  // Plain slots keep text as given, apostrophes and braces included.
  c.Add({{"test.plain", "'{0}' {x} {1}", "'{0}' {x} {1}"}});
  EXPECT_EQ(c.Translate("test.plain", "en", {"3", "{0, number}"}), "'3' {x} {0, number}");
}

}  // namespace
}  // namespace sawt::http
