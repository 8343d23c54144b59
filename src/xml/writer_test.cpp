#include "xml/writer.hpp"

#include <gtest/gtest.h>
#include <libxml/parser.h>

namespace sawt::xml {
namespace {

// Parses with libxml2 in strict mode (no recovery): true when the document is well-formed.
bool WellFormed(const std::string& doc) {
  xmlDocPtr parsed = xmlReadMemory(doc.data(), static_cast<int>(doc.size()), "test.xml", nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (parsed == nullptr) return false;
  xmlFreeDoc(parsed);
  return true;
}

TEST(XmlWriterTest, RemovesCharactersXmlCannotCarry) {
  // BEL, U+FFFE, U+FFFF, NUL, a lone surrogate's bytes and a stray continuation byte.
  const std::string hostile = std::string("a\x07") + "\xEF\xBF\xBE" + "b\xEF\xBF\xBF" + std::string(1, '\0') +
                              "c\xED\xA0\x80" + "d\x80" + "e\t\n";
  EXPECT_EQ(ToXmlText(hostile), "abcde\t\n");
  EXPECT_EQ(ToXmlText("صوت 😀 \xEF\xBF\xBD"), "صوت 😀 \xEF\xBF\xBD");  // U+FFFD stays
}

TEST(XmlWriterTest, EscapesAndStaysWellFormedWhateverTheText) {
  Writer w;
  w.StartElement("feed");
  w.Attribute("xmlns", "http://www.w3.org/2005/Atom");
  w.Attribute("title", std::string("\"<&>'\x01\xEF\xBF\xBF"));
  w.Element("title", std::string("<b>&amp;</b> \x07\x1B[31m \xEF\xBF\xBE") + "]]>");
  w.EndElement();
  const std::string doc = w.Finish();
  EXPECT_EQ(doc.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u) << doc;
  EXPECT_NE(doc.find("&lt;b&gt;&amp;amp;&lt;/b&gt;"), std::string::npos) << doc;
  EXPECT_EQ(doc.find('\x07'), std::string::npos);
  EXPECT_EQ(doc.find("\xEF\xBF\xBF"), std::string::npos);
  EXPECT_TRUE(WellFormed(doc)) << doc;
}

TEST(XmlWriterTest, FinishClosesOpenElements) {
  Writer w(false);
  w.StartElement("a");
  w.StartElement("b");
  w.Text("x");
  const std::string doc = w.Finish();
  EXPECT_NE(doc.find("<a><b>x</b></a>"), std::string::npos) << doc;
  EXPECT_TRUE(WellFormed(doc));
}

}  // namespace
}  // namespace sawt::xml
