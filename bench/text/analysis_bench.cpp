// Analysis throughput of sawt's text engine against libstemmer's Snowball Arabic on the same
// tokens (and, with --postgres_mbps from run.sh, PostgreSQL's to_tsvector('arabic', ...)).
//
// Usage: text_bench [--corpus=PATH] [--export_text=PATH] [--postgres_mbps=X]
//                   [google benchmark flags]
// Prints Google Benchmark's table on stderr and one JSON summary object on stdout.

#include <benchmark/benchmark.h>
#include <libstemmer.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/analyzer.hpp"

namespace {

struct Corpus {
  std::vector<std::string> docs;
  std::size_t bytes = 0;
  std::string source;
};

std::string g_corpus_path = SAWT_TEXT_DEFAULT_CORPUS;

// Used only when the shared corpus is absent: Arabic news-like sentences with diacritics,
// numbers, Latin words and hashtags, about 4 MB.
Corpus GenerateCorpus() {
  static const char* kWords[] = {
      "أعلنت", "وزارة", "الصحة", "اليوم", "عن", "إطلاق", "حملة", "وطنية", "للتطعيم", "في",
      "جميع", "المحافظات", "وقال", "الوزير", "إنَّ", "الحكومةَ", "ستواصل", "دعمها", "للمواطنين",
      "والمستشفيات", "بالتعاون", "مع", "البلديات", "خلال", "العام", "المقبل", "مليون", "دينار",
      "المشروع", "الجديد", "سيوفر", "فرص", "عمل", "للشباب", "والشابات", "#الصحة_للجميع",
      "Ministry", "of", "Health", "2024", "٢٤٫١", "31/3/2022", "الطريق", "السريع", "يربط",
      "العاصمةِ", "بالمطار", "الدولي"};
  Corpus c;
  c.source = "generated";
  std::mt19937 rng(1);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  while (c.bytes < (4u << 20)) {
    std::string doc;
    for (int i = 0; i < 400; ++i) {
      if (!doc.empty()) doc.push_back(' ');
      doc += kWords[pick(rng)];
    }
    c.bytes += doc.size();
    c.docs.push_back(std::move(doc));
  }
  return c;
}

Corpus LoadCorpus() {
  std::ifstream in(g_corpus_path);
  if (!in) {
    std::cerr << "text_bench: corpus " << g_corpus_path << " not found; using generated text\n";
    return GenerateCorpus();
  }
  Corpus c;
  c.source = g_corpus_path;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("text") || !doc["text"].is_string()) continue;
    std::string text = doc["text"].get<std::string>();
    c.bytes += text.size();
    c.docs.push_back(std::move(text));
  }
  if (c.docs.empty()) return GenerateCorpus();
  return c;
}

const Corpus& GetCorpus() {
  static const Corpus corpus = LoadCorpus();
  return corpus;
}

// Word tokens of the corpus, found once by sawt's tokenizer, for the stemmer-only peer.
const std::vector<std::string_view>& CorpusWords() {
  static const std::vector<std::string_view> words = [] {
    std::vector<std::string_view> out;
    for (const std::string& doc : GetCorpus().docs) {
      sawt::text::Tokenizer tokenizer(doc);
      sawt::text::Token token;
      while (tokenizer.Next(&token)) {
        if (token.type == sawt::text::TokenType::kWord) out.push_back(token.text);
      }
    }
    return out;
  }();
  return words;
}

class CountingSink final : public sawt::text::TermSink {
 public:
  void OnTerm(std::string_view term, const sawt::text::Token&, std::size_t) override {
    bytes_ += term.size();
  }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t bytes_ = 0;
};

void BM_SawtAnalyze(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const sawt::text::Analyzer analyzer;
  for (auto _ : state) {
    CountingSink sink;
    for (const std::string& doc : corpus.docs) analyzer.Analyze(doc, sink);
    benchmark::DoNotOptimize(sink.bytes());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_SawtAnalyze)->Unit(benchmark::kMillisecond);

void BM_SawtTokenize(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string& doc : corpus.docs) {
      sawt::text::Tokenizer tokenizer(doc);
      sawt::text::Token token;
      while (tokenizer.Next(&token)) n += token.length;
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_SawtTokenize)->Unit(benchmark::kMillisecond);

void BM_SawtTokenizeNormalize(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::string out;
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string& doc : corpus.docs) {
      sawt::text::Tokenizer tokenizer(doc);
      sawt::text::Token token;
      while (tokenizer.Next(&token)) {
        sawt::text::NormalizeInto(token.text, &out);
        n += out.size();
      }
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_SawtTokenizeNormalize)->Unit(benchmark::kMillisecond);

// The peer: libstemmer's Snowball Arabic over the same word tokens, tokenizing not counted.
void BM_SnowballArabicStem(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const std::vector<std::string_view>& words = CorpusWords();
  sb_stemmer* stemmer = sb_stemmer_new("arabic", "UTF_8");
  if (stemmer == nullptr) {
    state.SkipWithError("libstemmer has no arabic stemmer");
    return;
  }
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string_view w : words) {
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(w.data()),
                      static_cast<int>(w.size()));
      n += static_cast<std::size_t>(sb_stemmer_length(stemmer));
    }
    benchmark::DoNotOptimize(n);
  }
  sb_stemmer_delete(stemmer);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_SnowballArabicStem)->Unit(benchmark::kMillisecond);

// Collects bytes_per_second per benchmark while the console reporter prints to stderr.
class CapturingReporter final : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      const auto it = run.counters.find("bytes_per_second");
      if (it != run.counters.end()) mbps[run.benchmark_name()] = it->second.value / 1e6;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> mbps;
};

// Writes the corpus texts in PostgreSQL COPY text format, one row per document.
int ExportText(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "text_bench: cannot write " << path << "\n";
    return 1;
  }
  for (const std::string& doc : GetCorpus().docs) {
    std::string row;
    for (const char c : doc) {
      switch (c) {
        case '\\': row += "\\\\"; break;
        case '\n': row += "\\n"; break;
        case '\r': row += "\\r"; break;
        case '\t': row += "\\t"; break;
        default: row.push_back(c);
      }
    }
    row.push_back('\n');
    out << row;
  }
  std::cout << GetCorpus().bytes << "\n";
  return 0;
}

std::string Json(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string export_path;
  double postgres_mbps = 0;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--corpus=")) {
      g_corpus_path = std::string(arg.substr(9));
    } else if (arg.starts_with("--export_text=")) {
      export_path = std::string(arg.substr(14));
    } else if (arg.starts_with("--postgres_mbps=")) {
      postgres_mbps = std::strtod(std::string(arg.substr(16)).c_str(), nullptr);
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (!export_path.empty()) return ExportText(export_path);

  int bench_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&bench_argc, rest.data());
  const Corpus& corpus = GetCorpus();
  (void)CorpusWords();
  CapturingReporter reporter;
  reporter.SetOutputStream(&std::cerr);
  reporter.SetErrorStream(&std::cerr);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  const double ours = reporter.mbps["BM_SawtAnalyze"];
  const double snowball = reporter.mbps["BM_SnowballArabicStem"];
  std::string json = "{\"corpus\":\"" + corpus.source + "\",\"bytes\":" +
                     std::to_string(corpus.bytes) + ",\"documents\":" +
                     std::to_string(corpus.docs.size()) + ",\"words\":" +
                     std::to_string(CorpusWords().size()) +
                     ",\"mb_per_s\":{\"sawt_analyze\":" + Json(ours) +
                     ",\"sawt_tokenize\":" + Json(reporter.mbps["BM_SawtTokenize"]) +
                     ",\"sawt_tokenize_normalize\":" +
                     Json(reporter.mbps["BM_SawtTokenizeNormalize"]) +
                     ",\"snowball_arabic\":" + Json(snowball) + ",\"postgres_to_tsvector\":" +
                     (postgres_mbps > 0 ? Json(postgres_mbps) : std::string("null")) +
                     "},\"ratio\":{\"vs_snowball\":" + (snowball > 0 ? Json(ours / snowball) : "null") +
                     ",\"vs_postgres\":" +
                     (postgres_mbps > 0 ? Json(ours / postgres_mbps) : std::string("null")) +
                     "},\"targets\":{\"vs_snowball\":4,\"vs_postgres\":10}}";
  std::cout << json << std::endl;
  return 0;
}
