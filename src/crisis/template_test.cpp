// Placeholders of holding-statement templates: what counts as one, and filling them in once.
#include <gtest/gtest.h>

#include "crisis/template_service.hpp"

namespace sawt::crisis {
namespace {

using Names = std::vector<std::string>;

TEST(TemplatePlaceholders, NamesAreLowerCaseWordsInDoubleBracesListedOnce) {
  EXPECT_EQ(PlaceholdersOf("في {{area}} عند {{time}}، {{area}} مجددًا"), (Names{"area", "time"}));
  EXPECT_EQ(PlaceholdersOf("{{hot_line2}}"), (Names{"hot_line2"}));
  // Not placeholders: capitals, a leading digit, spaces, single braces, an unclosed pair, an empty name.
  EXPECT_EQ(PlaceholdersOf("{{Area}} {{2x}} {{ area }} {area} {{area} {{}}"), Names{});
  // A name longer than 32 bytes is not one either.
  EXPECT_EQ(PlaceholdersOf("{{" + std::string(33, 'a') + "}}"), Names{});
  // Triple braces hold the placeholder inside the outer pair's text.
  EXPECT_EQ(PlaceholdersOf("{{{area}}}"), Names{});
  EXPECT_EQ(PlaceholdersOf("x{{{{area}}"), (Names{"area"}));
}

TEST(TemplatePlaceholders, FillingReplacesNamedOnesOnceAndKeepsTheRest) {
  const std::map<std::string, std::string> values = {{"area", "{{time}} دبي"}, {"unused", "x"}};
  // A value is inserted as it is: a placeholder written inside it is not filled in again.
  EXPECT_EQ(FillPlaceholders("{{area}} – {{time}}", values), "{{time}} دبي – {{time}}");
  EXPECT_EQ(FillPlaceholders("", values), "");
  EXPECT_EQ(FillPlaceholders("no placeholders {{", values), "no placeholders {{");
  EXPECT_EQ(FillPlaceholders("{{area}}{{area}}", {{"area", "A"}}), "AA");
}

}  // namespace
}  // namespace sawt::crisis
