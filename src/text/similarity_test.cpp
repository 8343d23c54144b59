#include "text/similarity.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "text/analyzer.hpp"

namespace sawt::text {
namespace {

TEST(SimilarityTest, CosineOfIdenticalVectorsIsOne) {
  const std::vector<std::string> terms = {"a", "b", "b"};
  EXPECT_NEAR(CosineSimilarity(MakeTermVector(terms), MakeTermVector(terms)), 1.0, 1e-12);
}

TEST(SimilarityTest, CosineOfDisjointOrEmptyVectorsIsZero) {
  const std::vector<std::string> a = {"a"};
  const std::vector<std::string> b = {"b"};
  EXPECT_EQ(CosineSimilarity(MakeTermVector(a), MakeTermVector(b)), 0.0);
  EXPECT_EQ(CosineSimilarity(MakeTermVector(a), TermVector{}), 0.0);
}

TEST(SimilarityTest, CosineMatchesHandComputedValue) {
  const std::vector<std::string> a = {"x", "y"};
  const std::vector<std::string> b = {"x", "z"};
  EXPECT_NEAR(CosineSimilarity(MakeTermVector(a), MakeTermVector(b)), 0.5, 1e-12);
}

TEST(SimilarityTest, ArabicVariantsOfOneSentenceAreSimilar) {
  const Analyzer analyzer;
  const TermVector a = MakeTermVector(analyzer.Terms("أعلنت وزارة الصحة عن حملة التطعيم"));
  const TermVector b = MakeTermVector(analyzer.Terms("واعلنت وزارة الصحّة حملة للتطعيم"));
  EXPECT_GT(CosineSimilarity(a, b), 0.6);
}

TEST(SimilarityTest, Bm25RanksTheMatchingDocumentFirst) {
  const Analyzer analyzer;
  Bm25Index index;
  ASSERT_TRUE(index.Add(1, analyzer.Terms("افتتاح الطريق السريع الجديد في العاصمة")));
  ASSERT_TRUE(index.Add(2, analyzer.Terms("وزارة الصحة تطلق حملة التطعيم ضد الانفلونزا")));
  ASSERT_TRUE(index.Add(3, analyzer.Terms("مهرجان الثقافة والفنون يبدأ غدا")));
  const std::vector<ScoredDocument> hits = index.Search(analyzer.Terms("حملات تطعيم الصحة"), 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, 2u);
  EXPECT_EQ(hits.size(), 1u);
  EXPECT_GT(hits[0].score, 0.0);
}

TEST(SimilarityTest, Bm25RejectsDuplicateIds) {
  Bm25Index index;
  const std::vector<std::string> terms = {"a"};
  EXPECT_TRUE(index.Add(7, terms));
  EXPECT_FALSE(index.Add(7, terms));
  EXPECT_EQ(index.size(), 1u);
}

TEST(SimilarityTest, Bm25ScoreMatchesFormula) {
  Bm25Index index;
  const std::vector<std::string> d1 = {"a", "b"};
  const std::vector<std::string> d2 = {"b", "c"};
  index.Add(1, d1);
  index.Add(2, d2);
  const std::vector<std::string> q = {"a"};
  const std::vector<ScoredDocument> hits = index.Search(q, 5);
  ASSERT_EQ(hits.size(), 1u);
  // N = 2, df = 1, tf = 1, |d| = avgdl = 2: idf * (k1 + 1) / (1 + k1).
  const double idf = std::log(1.0 + (2 - 1 + 0.5) / (1 + 0.5));
  EXPECT_NEAR(hits[0].score, idf, 1e-12);
}

TEST(SimilarityTest, Bm25LimitsAndOrdersHits) {
  Bm25Index index;
  for (std::uint64_t id = 1; id <= 5; ++id) {
    std::vector<std::string> terms(id, "a");
    terms.push_back("pad");
    index.Add(id, terms);
  }
  const std::vector<std::string> q = {"a"};
  const std::vector<ScoredDocument> hits = index.Search(q, 2);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[0].score, hits[1].score);
  EXPECT_TRUE(index.Search(q, 0).empty());
}

TEST(SimilarityTest, Bm25AlternativesCountOnceWithTheBestScore) {
  Bm25Index index;
  // Doc 1 holds the pair زار/وزار at one position (length 2 positions); doc 2 only وزار, twice;
  // doc 3 neither.
  const std::vector<std::string> d1 = {"zar", "wzar", "dakhil"};
  const std::vector<std::string> d2 = {"wzar", "wzar"};
  const std::vector<std::string> d3 = {"sihha", "amma"};
  index.Add(1, d1, 2);
  index.Add(2, d2);
  index.Add(3, d3);
  const std::vector<std::vector<std::string>> q = {{"zar", "wzar"}};
  const std::vector<ScoredDocument> hits = index.SearchAlternatives(q, 5);
  ASSERT_EQ(hits.size(), 2u);
  // The group scores max(score(zar), score(wzar)) in each document, never their sum.
  const std::vector<std::string> zar = {"zar"};
  const std::vector<std::string> wzar = {"wzar"};
  double best[3] = {0, 0, 0};
  for (const auto& h : index.Search(zar, 5)) best[h.id - 1] = std::max(best[h.id - 1], h.score);
  for (const auto& h : index.Search(wzar, 5)) best[h.id - 1] = std::max(best[h.id - 1], h.score);
  for (const ScoredDocument& h : hits) EXPECT_DOUBLE_EQ(h.score, best[h.id - 1]) << h.id;
  // A repeated group counts once; single-term groups score exactly as Search.
  const std::vector<std::vector<std::string>> twice = {{"zar", "wzar"}, {"zar", "wzar"}};
  EXPECT_EQ(index.SearchAlternatives(twice, 5)[0].score, hits[0].score);
  const std::vector<std::string> flat = {"wzar", "dakhil"};
  const std::vector<std::vector<std::string>> singles = {{"wzar"}, {"dakhil"}};
  const auto a = index.Search(flat, 5);
  const auto b = index.SearchAlternatives(singles, 5);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].score, b[i].score);
  }
}

TEST(SimilarityTest, Bm25LengthOverrideNormalizesByPositions) {
  Bm25Index with_pair;
  Bm25Index plain;
  const std::vector<std::string> pair = {"zar", "wzar", "x"};
  const std::vector<std::string> single = {"wzar", "x"};
  with_pair.Add(1, pair, 2);
  with_pair.Add(2, std::vector<std::string>{"y", "z"});
  plain.Add(1, single);
  plain.Add(2, std::vector<std::string>{"y", "z"});
  const std::vector<std::string> q = {"wzar"};
  EXPECT_DOUBLE_EQ(with_pair.Search(q, 5).at(0).score, plain.Search(q, 5).at(0).score);
}

}  // namespace
}  // namespace sawt::text
