#include "crisis/cap.hpp"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <memory>

namespace sawt::crisis {
namespace {

// Validates `doc` against the official CAP 1.2 schema (OASIS, cap-1.2.xsd beside cap.cpp) with
// libxml2; an empty answer means valid, otherwise libxml2's complaint.
std::string SchemaProblems(const std::string& doc) {
  std::string errors;
  std::unique_ptr<xmlSchemaParserCtxt, decltype(&xmlSchemaFreeParserCtxt)> parser(
      xmlSchemaNewParserCtxt(SAWT_CAP_XSD), xmlSchemaFreeParserCtxt);
  std::unique_ptr<xmlSchema, decltype(&xmlSchemaFree)> schema(xmlSchemaParse(parser.get()), xmlSchemaFree);
  if (!schema) return "the schema did not load";
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> parsed(
      xmlReadMemory(doc.data(), static_cast<int>(doc.size()), "alert.xml", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!parsed) return "not well-formed";
  std::unique_ptr<xmlSchemaValidCtxt, decltype(&xmlSchemaFreeValidCtxt)> valid(xmlSchemaNewValidCtxt(schema.get()),
                                                                              xmlSchemaFreeValidCtxt);
  xmlSchemaSetValidStructuredErrors(
      valid.get(), [](void* sink, xmlErrorPtr error) { *static_cast<std::string*>(sink) += error->message; }, &errors);
  const int rc = xmlSchemaValidateDoc(valid.get(), parsed.get());
  return rc == 0 ? std::string() : (errors.empty() ? "invalid" : errors);
}

CapAlert Drill() {
  CapAlert alert;
  alert.identifier = "gco.example.gov-crisis-7-statement-3";
  alert.sender = "gco.example.gov";
  alert.sent = CapTime(1'796'601'600'000'000, 240);
  alert.status = "Exercise";
  alert.msg_type = "Alert";
  alert.note = "تمرين - Drill";
  CapArea dubai{"دبي - Dubai", {"25.30,55.20 25.30,55.40 25.10,55.40 25.10,55.20 25.30,55.20"}, {"25.2048,55.2708 12.5"}};
  CapInfo ar;
  ar.language = "ar-AE";
  ar.categories = {"Safety", "Transport"};
  ar.event = "أمطار غزيرة وإغلاق طرق";
  ar.urgency = "Immediate";
  ar.severity = "Severe";
  ar.certainty = "Observed";
  ar.expires = CapTime(1'796'616'000'000'000, 240);
  ar.sender_name = "مكتب الاتصال الحكومي";
  ar.headline = "إغلاق شارع الشيخ زايد مؤقتًا";
  ar.description = "يُغلق الشارع بين التقاطعين الأول والثالث حتى الساعة ٦ مساءً.";
  ar.instruction = "استخدموا الطرق البديلة.";
  ar.web = "https://gco.example.gov/crisis/7";
  ar.areas = {dubai};
  CapInfo en = ar;
  en.language = "en-US";
  en.event = "Heavy rain and road closures";
  en.sender_name = "Government Communication Office";
  en.headline = "Sheikh Zayed Road closed for now";
  en.description = "The road is closed between the first and third interchanges until 6 pm.";
  en.instruction = "Use other roads.";
  alert.infos = {ar, en};
  return alert;
}

TEST(CapTest, ABilingualDrillAlertValidatesAgainstTheOfficialSchema) {
  const std::string doc = CapXml(Drill());
  EXPECT_EQ(SchemaProblems(doc), "") << doc;
  EXPECT_NE(doc.find("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"), std::string::npos) << doc;
  EXPECT_NE(doc.find("<sent>2026-12-07T04:00:00+04:00</sent>"), std::string::npos) << doc;
  EXPECT_NE(doc.find("<language>ar-AE</language>"), std::string::npos);
  EXPECT_NE(doc.find("<circle>25.2048,55.2708 12.5</circle>"), std::string::npos);
}

TEST(CapTest, UpdatesAndCancelsNameTheAlertsTheyReplace) {
  CapAlert update = Drill();
  update.identifier += "-update-1";
  update.msg_type = "Update";
  update.references = {{"gco.example.gov", "gco.example.gov-crisis-7-statement-3", "2026-12-07T04:00:00+04:00"},
                       {"gco.example.gov", "gco.example.gov-crisis-7-statement-2", "2026-12-07T03:00:00+04:00"}};
  const std::string doc = CapXml(update);
  EXPECT_EQ(SchemaProblems(doc), "") << doc;
  EXPECT_NE(doc.find("<references>gco.example.gov,gco.example.gov-crisis-7-statement-3,2026-12-07T04:00:00+04:00 "
                     "gco.example.gov,gco.example.gov-crisis-7-statement-2,2026-12-07T03:00:00+04:00</references>"),
            std::string::npos)
      << doc;
  CapAlert cancel = update;
  cancel.msg_type = "Cancel";
  cancel.status = "Actual";
  cancel.note = "";
  cancel.infos.clear();  // a cancel may carry no info block
  EXPECT_EQ(SchemaProblems(CapXml(cancel)), "");
}

TEST(CapTest, HostileTextStaysValidAndEscaped) {
  CapAlert alert = Drill();
  // Markup, control characters, U+FFFE and bidi controls in free text.
  alert.infos[0].headline = std::string("<script>&amp;\x07") + "\xEF\xBF\xBE" + "\xE2\x80\xAE" + "نص";
  alert.infos[1].description = "]]> & \x1B[31m";
  alert.infos[0].areas[0].description = "\"<&>\"";
  const std::string doc = CapXml(alert);
  EXPECT_EQ(SchemaProblems(doc), "") << doc;
  EXPECT_NE(doc.find("&lt;script&gt;&amp;amp;"), std::string::npos) << doc;
  EXPECT_EQ(doc.find('\x07'), std::string::npos);
  EXPECT_EQ(doc.find("\xEF\xBF\xBE"), std::string::npos);
}

TEST(CapTest, TheValidatorRefusesWhatCapDoesNotAllow) {
  // A referee that accepts everything would prove nothing: a wrong status and a missing
  // required element are refused.
  CapAlert alert = Drill();
  alert.status = "Rehearsal";
  EXPECT_NE(SchemaProblems(CapXml(alert)), "");
  alert = Drill();
  alert.infos[0].urgency = "";  // an empty enumerated value
  EXPECT_NE(SchemaProblems(CapXml(alert)), "");
  alert = Drill();
  alert.sent = "2026-12-07T04:00:00Z";  // CAP wants an explicit offset
  EXPECT_NE(SchemaProblems(CapXml(alert)), "");
}

TEST(CapTest, TimesHaveWholeSecondsAndAnExplicitOffset) {
  EXPECT_EQ(CapTime(0, 0), "1970-01-01T00:00:00-00:00");  // CAP writes UTC as -00:00
  EXPECT_EQ(CapTime(1'796'601'600'999'999, 240), "2026-12-07T04:00:00+04:00");
  EXPECT_EQ(CapTime(1'796'601'600'000'000, -330), "2026-12-06T18:30:00-05:30");
  EXPECT_EQ(CapTime(-1, 0), "1969-12-31T23:59:59-00:00");
}

TEST(CapTest, ShapesAndTokensAreCheckedStrictly) {
  EXPECT_TRUE(IsCapPolygon("25.3,55.2 25.3,55.4 25.1,55.4 25.3,55.2"));
  EXPECT_TRUE(IsCapPolygon("-33.9,151.2 -33.8,151.3 -33.7,151.1 -33.9,151.2"));
  EXPECT_FALSE(IsCapPolygon("25.3,55.2 25.3,55.4 25.3,55.2"));               // three pairs
  EXPECT_FALSE(IsCapPolygon("25.3,55.2 25.3,55.4 25.1,55.4 25.2,55.2"));     // not closed
  EXPECT_FALSE(IsCapPolygon("95,55.2 25.3,55.4 25.1,55.4 95,55.2"));         // latitude out of range
  EXPECT_FALSE(IsCapPolygon("25.3,55.2  25.3,55.4 25.1,55.4 25.3,55.2"));    // doubled space
  EXPECT_FALSE(IsCapPolygon("25.3,1e1 25.3,55.4 25.1,55.4 25.3,1e1"));       // exponent
  EXPECT_FALSE(IsCapPolygon(""));
  EXPECT_TRUE(IsCapCircle("25.2048,55.2708 0"));
  EXPECT_TRUE(IsCapCircle("25.2048,55.2708 12.5"));
  EXPECT_FALSE(IsCapCircle("25.2048,55.2708 -1"));
  EXPECT_FALSE(IsCapCircle("25.2048,190 5"));
  EXPECT_FALSE(IsCapCircle("25.2048,55.2708"));
  EXPECT_FALSE(IsCapCircle("25.2048,55.2708 5 km"));
  EXPECT_TRUE(IsCapToken("gco.example.gov-7"));
  EXPECT_FALSE(IsCapToken("a b"));
  EXPECT_FALSE(IsCapToken("a,b"));
  EXPECT_FALSE(IsCapToken("a<b"));
  EXPECT_FALSE(IsCapToken("a&b"));
  EXPECT_FALSE(IsCapToken(""));
  EXPECT_FALSE(IsCapToken("\xD8\xB5\x0A"));
}

}  // namespace
}  // namespace sawt::crisis
