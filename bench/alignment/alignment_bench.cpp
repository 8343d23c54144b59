// Alignment check of a 1,000-word Arabic draft against a library of 10,000 key messages, 5,000
// facts, 200 terms and 50 entity names, all built from corpus sentences at run time (the corpus is
// read, never copied). Prints one JSON object: p50/p99 of the check (one thread; run.sh pins one
// core) and two naive peers:
//   rebuild  - recomputes the term vectors of the whole library on every check, then checks;
//   pairwise - precomputed text::TermVector per message, but cosine of every draft sentence against
//              every message (no inverted index), as text::CosineSimilarity does it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "messaging/alignment.hpp"
#include "text/analyzer.hpp"

namespace {

using sawt::core::Json;
using namespace sawt::messaging;
using Clock = std::chrono::steady_clock;

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Join(const std::vector<std::string>& w, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e && i < w.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += w[i];
  }
  return out;
}

/// Sentences of 8..40 words from the corpus texts.
std::vector<std::string> Sentences(const std::string& path, size_t want) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot read corpus " << path << "\n";
    std::exit(2);
  }
  std::vector<std::string> out;
  std::string line;
  while (out.size() < want && std::getline(in, line)) {
    Json j = Json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
    const std::string text = j["text"];
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      const bool end = i == text.size() || text[i] == '\n' || (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' '));
      if (!end) continue;
      std::string s = text.substr(start, i - start);
      start = i + 1;
      auto words = SplitWords(s);
      if (words.size() >= 8 && words.size() <= 40) out.push_back(Join(words, 0, words.size()) + ".");
    }
  }
  return out;
}

struct Stats {
  double p50_ms, p99_ms, mean_ms;
};

template <typename Fn>
Stats Time(int iterations, Fn fn) {
  std::vector<double> ms;
  for (int i = 0; i < iterations; ++i) {
    auto t0 = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double m : ms) sum += m;
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  return {at(0.5), at(0.99), sum / static_cast<double>(ms.size())};
}

Json StatsJson(const Stats& s) {
  auto r = [](double v) { return std::round(v * 1000) / 1000; };
  return {{"p50_ms", r(s.p50_ms)}, {"p99_ms", r(s.p99_ms)}, {"mean_ms", r(s.mean_ms)}};
}

}  // namespace

int main() {
  const char* corpus = std::getenv("SAWT_BENCH_CORPUS");
  const int iterations = std::getenv("SAWT_BENCH_ITERATIONS") ? std::atoi(std::getenv("SAWT_BENCH_ITERATIONS")) : 300;
  const size_t kMessages = 10000, kFacts = 5000, kTerms = 200, kEntities = 50, kThemes = 50;
  std::cerr << "reading corpus\n";
  auto sentences = Sentences(corpus ? corpus : "../shared/data/corpus/ant_v1.1_jawharafm.jsonl", kMessages + kFacts + 2000);
  if (sentences.size() < kMessages + kFacts + 500) {
    std::cerr << "corpus too small: " << sentences.size() << " sentences\n";
    return 2;
  }
  std::mt19937 rng(42);
  LibrarySnapshot snap;
  for (size_t t = 0; t < kThemes; ++t) snap.theme_names["theme-" + std::to_string(t)] = {"محور", "Theme"};
  for (size_t i = 0; i < kMessages; ++i) {
    snap.messages.push_back({static_cast<int64_t>(i + 1), "theme-" + std::to_string(i % kThemes), sentences[i], ""});
  }
  // Facts: a 2-3 word label taken from a sentence, a value in the millions.
  std::vector<std::string> labels;
  for (size_t i = 0; i < kFacts; ++i) {
    auto words = SplitWords(sentences[kMessages + i]);
    const size_t n = 2 + i % 2;
    FactEntry f;
    f.id = static_cast<int64_t>(i + 1);
    f.key = "fact-" + std::to_string(i);
    f.label_ar = Join(words, 1, 1 + n);
    f.label_en = "label " + std::to_string(i);
    f.numeric_value = static_cast<double>(1 + rng() % 900) * 100000.0;
    f.value_ar = std::to_string(f.numeric_value);
    f.value_en = f.value_ar;
    f.as_of = "2022-03-31";
    labels.push_back(f.label_ar);
    snap.facts.push_back(std::move(f));
  }
  // Terms and entity aliases: single words and bigrams from further sentences.
  const size_t base = kMessages + kFacts;
  for (size_t i = 0; i < kTerms; ++i) {
    auto words = SplitWords(sentences[base + i]);
    snap.terms.push_back({static_cast<int64_t>(i + 1), Join(words, 2, 2 + 1 + i % 2), "ar", i % 3 ? "deprecated" : "banned", "بديل"});
  }
  for (size_t i = 0; i < kEntities; ++i) {
    auto words = SplitWords(sentences[base + kTerms + i]);
    EntityNameEntry e{static_cast<int64_t>(i + 1), Join(words, 0, 4), "Entity", {{Join(words, 0, 2), "ar"}}};
    snap.entities.push_back(std::move(e));
  }

  // The draft: 1,000 words of consecutive corpus sentences not in the library, with a fact label
  // followed by a figure every 8th sentence (so the fact path runs, half of them contradicting).
  std::string draft_text;
  size_t words = 0, k = 0;
  for (size_t i = base + kTerms + kEntities; i < sentences.size() && words < 1000; ++i, ++k) {
    std::string s = sentences[i];
    if (k % 8 == 0) {
      const auto& f = snap.facts[(k * 37) % kFacts];
      const double v = (k % 16 == 0) ? f.numeric_value : f.numeric_value * 0.8;
      s = f.label_ar + " " + sawt::text::FormatNumber(v / 1e6) + " مليون. " + s;
    }
    words += SplitWords(s).size();
    draft_text += s + " ";
  }
  // ... and one message of the library quoted in it, so a match is found.
  draft_text += sentences[1234];
  Draft all;
  all.text_ar = draft_text;
  Draft three = all;
  three.themes = {"theme-1", "theme-2", "theme-3"};

  std::cerr << "building library\n";
  auto t0 = Clock::now();
  AlignmentLibrary lib(snap);
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

  auto findings = CheckAlignment(all, lib);
  Json counts = Json::object();
  for (const auto& f : findings) counts[f.kind] = counts.value(f.kind, 0) + 1;

  std::cerr << "timing the check\n";
  Stats all_themes = Time(iterations, [&] { CheckAlignment(all, lib); });
  Stats three_themes = Time(iterations, [&] { CheckAlignment(three, lib); });

  std::cerr << "timing naive peers\n";
  Stats rebuild = Time(std::max(3, iterations / 60), [&] {
    AlignmentLibrary fresh(snap);
    CheckAlignment(all, fresh);
  });
  // Pairwise cosine over precomputed term vectors (key-message similarity only).
  const sawt::text::Analyzer analyzer;
  std::vector<sawt::text::TermVector> vectors;
  vectors.reserve(kMessages);
  for (const auto& m : snap.messages) {
    auto t = analyzer.Terms(m.text_ar);
    vectors.push_back(sawt::text::MakeTermVector(t));
  }
  std::vector<std::string> draft_sentences;
  {
    size_t s = 0;
    for (size_t i = 0; i + 1 < draft_text.size(); ++i) {
      if (draft_text[i] == '.' && draft_text[i + 1] == ' ') {
        draft_sentences.push_back(draft_text.substr(s, i + 1 - s));
        s = i + 2;
      }
    }
  }
  double sink = 0;
  Stats pairwise = Time(std::max(3, iterations / 30), [&] {
    for (const auto& s : draft_sentences) {
      auto t = analyzer.Terms(s);
      auto v = sawt::text::MakeTermVector(t);
      for (const auto& m : vectors) sink = std::max(sink, sawt::text::CosineSimilarity(v, m));
    }
  });

  Json out = {
      {"bench", "alignment"},
      {"draft_words", words},
      {"draft_bytes", draft_text.size()},
      {"library", {{"key_messages", kMessages}, {"facts", kFacts}, {"terms", kTerms}, {"entities", kEntities},
                   {"themes", kThemes}, {"vocabulary", lib.vocabulary_size()}}},
      {"library_build_ms", std::round(build_ms * 10) / 10},
      {"iterations", iterations},
      {"threads", 1},
      {"check_all_themes", StatsJson(all_themes)},
      {"check_three_themes", StatsJson(three_themes)},
      {"target_p99_ms", 20},
      {"meets_target", all_themes.p99_ms <= 20.0},
      {"findings_all_themes", counts},
      {"peer_rebuild_library_per_check", StatsJson(rebuild)},
      {"peer_pairwise_cosine_per_sentence", StatsJson(pairwise)},
      {"ratio_rebuild_over_check_p50", std::round(rebuild.p50_ms / all_themes.p50_ms * 10) / 10},
      {"ratio_pairwise_over_check_p50", std::round(pairwise.p50_ms / all_themes.p50_ms * 10) / 10},
      {"corpus", corpus ? corpus : ""},
  };
  std::cout << out.dump() << std::endl;
  return sink > 2 ? 1 : 0;
}
