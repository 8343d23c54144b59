#include "text/analyze_command.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace sawt::text {
namespace {

struct CommandRun {
  int status;
  std::string out;
  std::string err;
};

CommandRun RunMode(const std::string& mode, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int status = RunAnalyzeCommand(mode, in, out, err);
  return {status, out.str(), err.str()};
}

TEST(AnalyzeCommandTest, NormalizeWritesNormalizedTokens) {
  const CommandRun r = RunMode("normalize", "أَحْمَدُ  في   المدرسةِ!\nHELLO\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "احمد في المدرسه\nhello\n");
  EXPECT_EQ(r.err, "");
}

TEST(AnalyzeCommandTest, StemAppliesOnlyTheLightStemmer) {
  const CommandRun r = RunMode("stem", "والحسن في المدرسةِ running\n");
  EXPECT_EQ(r.out, "حسن في مدرسةِ running\n");
}

TEST(AnalyzeCommandTest, IndexRunsTheFullPipeline) {
  const CommandRun r = RunMode("index", "ذهب الطلابُ إلى المدرسةِ\n");
  EXPECT_EQ(r.out, "ذهب طلاب مدرس\n");
}

TEST(AnalyzeCommandTest, WritesOneLinePerInputLineIncludingEmptyOnes) {
  // "وزارة" -> "وزاره" -> و and ه stripped: Lucene's rules, as documented in README.md.
  const CommandRun r = RunMode("index", "a\n\nفي\r\nوزارة");
  EXPECT_EQ(r.out, "\n\n\nزار\n");
}

TEST(AnalyzeCommandTest, InvalidUtf8LineIsReportedAndLeftEmpty) {
  const CommandRun r = RunMode("normalize", "ok\nbad \xff line\nالثالث\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "ok\n\nالثالث\n");
  EXPECT_EQ(r.err, "line 2: invalid UTF-8\n");
}

TEST(AnalyzeCommandTest, UnknownModeFailsWithStatusTwo) {
  const CommandRun r = RunMode("frobnicate", "x\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos);
}

TEST(AnalyzeCommandTest, JsonHasEveryField) {
  const CommandRun r = RunMode("json", "بلغ ٢٤٫١ مليون \"زائر\"\n");
  EXPECT_EQ(r.status, 0);
  const std::string& j = r.out;
  EXPECT_EQ(j.rfind("{\"language\":\"ar\",\"tokens\":[", 0), 0u) << j;
  EXPECT_NE(j.find("\"type\":\"number\""), std::string::npos);
  EXPECT_NE(j.find("\"normalized\":[\"بلغ\",\"24.1\",\"مليون\",\"زائر\"]"), std::string::npos) << j;
  EXPECT_NE(j.find("\"numbers\":[{\"value\":24100000,\"text\":\"٢٤٫١ مليون\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"dates\":[]"), std::string::npos);
  EXPECT_EQ(j.back(), '\n');
  EXPECT_EQ(j.find('\n'), j.size() - 1);
}

TEST(AnalyzeCommandTest, JsonEscapesBackslashesInTokens) {
  const CommandRun r = RunMode("json", "see https://x.example/a\\b\x01 now\n");
  EXPECT_NE(r.out.find("\"https://x.example/a\\\\b\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x01'), std::string::npos);
}

TEST(AnalyzeCommandTest, JsonForEmptyLineIsAnEmptyObject) {
  const CommandRun r = RunMode("json", "\n");
  EXPECT_EQ(r.out,
            "{\"language\":\"und\",\"tokens\":[],\"normalized\":[],\"stems\":[],\"terms\":[],"
            "\"numbers\":[],\"dates\":[]}\n");
}

}  // namespace
}  // namespace sawt::text
