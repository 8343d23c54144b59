// Search benchmark: indexing rate and query latency for four configurations in one run —
//   sqlite_sawt     SQLite FTS5 with sawt's tokenizer, sawt's Upsert and RunSearch (BM25 + snippets in C++)
//   sqlite_unicode61 SQLite FTS5 unicode61 (remove_diacritics 2), ORDER BY rank (FTS5's bm25)
//   pg_sawt         PostgreSQL tsvector of sawt's terms + GIN, sawt's Upsert and RunSearch
//   pg_arabic       PostgreSQL to_tsvector('arabic') + GIN, ORDER BY ts_rank
// Documents are the sentences of the ANT corpus (read at run time), cycled up to N. Prints one
// JSON object. Environment:
//   SAWT_BENCH_CORPUS  path of ant_v1.1_jawharafm.jsonl (required)
//   SAWT_BENCH_N       documents per configuration (default 1000000)
//   SAWT_BENCH_QUERIES number of queries (default 200)
//   SAWT_BENCH_TIME_LIMIT seconds of indexing per configuration before it stops early (default 150);
//                      the JSON then says "truncated": true and the rate is over what was indexed
//   SAWT_BENCH_DIR     scratch folder for the SQLite files (default /tmp/sawt-search-bench)
//   SAWT_BENCH_PG_URL  PostgreSQL URL; the PostgreSQL configurations are skipped without it
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "search/search_indexer.hpp"
#include "search/search_service.hpp"
#include "search/sqlite_tokenizer.hpp"
#include "store/open.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using sawt::core::Json;
using sawt::core::Status;
using sawt::store::Store;
using sawt::store::Tx;
using Clock = std::chrono::steady_clock;

constexpr int kBatch = 1000;
constexpr int kLimit = 20;

long EnvInt(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

void Die(const std::string& what) {
  std::fprintf(stderr, "search_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const Status& st, const std::string& what) {
  if (!st) Die(what + ": " + st.error().key + " " + st.error().detail);
}

std::vector<std::string> Sentences(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
    const std::string text = j["text"];
    std::string cur;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const bool arabic_qm = text.compare(i, 2, "؟") == 0;
      if (c == '.' || c == '!' || c == '?' || c == '\n' || arabic_qm) {
        if (arabic_qm) ++i;
        if (cur.size() > 20) out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (cur.size() > 20) out.push_back(cur);
  }
  return out;
}

/// Queries of one or two words taken from the same sentence, so most have hits.
std::vector<std::string> Queries(const std::vector<std::string>& sentences, size_t n, size_t docs) {
  std::mt19937 rng(42);
  std::vector<std::string> out;
  const size_t pool = std::min(sentences.size(), docs);
  while (out.size() < n) {
    const std::string& s = sentences[rng() % pool];
    std::vector<std::string> words;
    size_t pos = 0;
    while (pos < s.size()) {
      size_t end = s.find(' ', pos);
      if (end == std::string::npos) end = s.size();
      std::string w = s.substr(pos, end - pos);
      if (w.size() >= 6 && (static_cast<unsigned char>(w[0]) & 0xE0) == 0xC0) words.push_back(w);  // Arabic, 3+ letters
      pos = end + 1;
    }
    if (words.empty()) continue;
    std::string q = words[rng() % words.size()];
    if (rng() % 3 == 0 && words.size() > 1) q += " " + words[rng() % words.size()];
    out.push_back(q);
  }
  return out;
}

struct Result {
  std::string name;
  long indexed = 0;
  bool truncated = false;
  double index_seconds = 0;
  double docs_per_s = 0;
  double p50_ms = 0, p99_ms = 0, mean_hits = 0;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void Latencies(Result& r, std::vector<double> ms, double hits) {
  std::sort(ms.begin(), ms.end());
  r.p50_ms = ms[ms.size() / 2];
  r.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  r.mean_hits = hits / static_cast<double>(ms.size());
}

/// Indexes with `insert(tx, i)` in batches of kBatch per transaction (one event each).
void Index(Store& store, Result& r, long n, double limit_s, const std::function<Status(Tx&, long)>& insert) {
  const auto start = Clock::now();
  long i = 0;
  while (i < n) {
    const long end = std::min(n, i + kBatch);
    Check(store.Write([&](Tx& tx) -> Status {
      for (long k = i; k < end; ++k) SAWT_TRY_STATUS(insert(tx, k));
      auto ev = tx.Append({"bench", "bench.indexed", std::nullopt, "batch", std::to_string(i), Json::object()});
      if (!ev) return std::move(ev).error();
      return sawt::core::Ok();
    }),
          r.name + " index");
    i = end;
    if (std::chrono::duration<double>(Clock::now() - start).count() > limit_s) break;
  }
  r.indexed = i;
  r.truncated = i < n;
  r.index_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.docs_per_s = static_cast<double>(i) / r.index_seconds;
}

void QuerySql(Store& store, Result& r, const std::vector<std::string>& queries, const std::string& sql,
              const std::function<std::string(const std::string&)>& param) {
  std::vector<double> ms;
  double hits = 0;
  for (const auto& q : queries) {
    const auto t0 = Clock::now();
    Check(store.Read([&](Tx& tx) -> Status {
      auto rows = tx.Query(sql, {param(q), int64_t{kLimit}});
      if (!rows) return std::move(rows).error();
      hits += static_cast<double>(rows->size());
      return sawt::core::Ok();
    }),
          r.name + " query");
    ms.push_back(Ms(Clock::now() - t0));
  }
  Latencies(r, std::move(ms), hits);
}

void QuerySawt(Store& store, Result& r, const std::vector<std::string>& queries) {
  const std::vector<sawt::search::TypeVisibility> visible = {{"bench", true, {}}};
  std::vector<double> ms;
  double hits = 0;
  for (const auto& q : queries) {
    const auto t0 = Clock::now();
    Check(store.Read([&](Tx& tx) -> Status {
      auto found = sawt::search::RunSearch(tx, q, visible, kLimit);
      if (!found) return std::move(found).error();
      hits += static_cast<double>(found->size());
      return sawt::core::Ok();
    }),
          r.name + " query");
    ms.push_back(Ms(Clock::now() - t0));
  }
  Latencies(r, std::move(ms), hits);
}

std::string FtsQuoted(const std::string& q) {
  std::string out;
  size_t pos = 0;
  while (pos < q.size()) {
    size_t end = q.find(' ', pos);
    if (end == std::string::npos) end = q.size();
    std::string w = q.substr(pos, end - pos);
    std::string quoted = "\"";
    for (char c : w) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += (out.empty() ? "" : " ") + quoted + "\"";
    pos = end + 1;
  }
  return out;
}

std::unique_ptr<Store> Open(const std::string& url) {
  sawt::store::StoreOptions options;
  options.sqlite_connection_hooks.push_back(&sawt::search::RegisterSawtTokenizer);
  auto store = sawt::store::Open(url, options);
  if (!store) Die("open " + url + ": " + store.error().detail);
  return std::move(store).value();
}

Json ToJson(const Result& r) {
  return {{"indexed_docs", r.indexed},   {"truncated", r.truncated}, {"index_seconds", r.index_seconds},
          {"index_docs_per_s", r.docs_per_s}, {"query_p50_ms", r.p50_ms}, {"query_p99_ms", r.p99_ms},
          {"mean_hits", r.mean_hits}};
}

}  // namespace

int main() {
  const char* corpus = std::getenv("SAWT_BENCH_CORPUS");
  if (!corpus) Die("set SAWT_BENCH_CORPUS");
  const long n = EnvInt("SAWT_BENCH_N", 1000000);
  const long nq = std::max(100L, EnvInt("SAWT_BENCH_QUERIES", 200));
  const double limit_s = static_cast<double>(EnvInt("SAWT_BENCH_TIME_LIMIT", 150));
  const std::string dir = std::getenv("SAWT_BENCH_DIR") ? std::getenv("SAWT_BENCH_DIR") : "/tmp/sawt-search-bench";
  const char* pg_url = std::getenv("SAWT_BENCH_PG_URL");

  const std::vector<std::string> sentences = Sentences(corpus);
  if (sentences.empty()) Die("no sentences in the corpus");
  auto doc = [&](long i) -> const std::string& { return sentences[static_cast<size_t>(i) % sentences.size()]; };
  const std::vector<std::string> queries = Queries(sentences, static_cast<size_t>(nq), static_cast<size_t>(n));
  auto upsert = [&](Tx& tx, long i) {
    return sawt::search::SearchIndexer::Upsert(tx, {"bench", i, std::nullopt, {}, "", "", doc(i), "", "2026-01-01"});
  };

  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::vector<Result> results;

  {  // SQLite, sawt
    Result r{"sqlite_sawt"};
    auto store = Open("sqlite:" + dir + "/sawt.db");
    Check(store->Migrate(sawt::search::Migrations(store->backend())), "migrate");
    Index(*store, r, n, limit_s, upsert);
    QuerySawt(*store, r, queries);
    results.push_back(r);
  }
  {  // SQLite, unicode61
    Result r{"sqlite_unicode61"};
    auto store = Open("sqlite:" + dir + "/u61.db");
    Check(store->Migrate({{"bench", 1, "0001_u61",
                           "CREATE VIRTUAL TABLE u61 USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"}}),
          "migrate");
    Index(*store, r, n, limit_s, [&](Tx& tx, long i) -> Status {
      auto x = tx.Exec("INSERT INTO u61 (rowid, body) VALUES ($1, $2)", {int64_t{i + 1}, doc(i)});
      if (!x) return std::move(x).error();
      return sawt::core::Ok();
    });
    QuerySql(*store, r, queries, "SELECT rowid, snippet(u61, 0, '<mark>', '</mark>', '…', 30) FROM u61 WHERE u61 MATCH $1 ORDER BY rank LIMIT $2",
             FtsQuoted);
    results.push_back(r);
  }
  if (pg_url) {
    {  // PostgreSQL, sawt
      Result r{"pg_sawt"};
      auto store = Open(pg_url);
      Check(store->Migrate(sawt::search::Migrations(store->backend())), "migrate");
      Index(*store, r, n, limit_s, upsert);
      QuerySawt(*store, r, queries);
      results.push_back(r);
    }
    {  // PostgreSQL, to_tsvector('arabic')
      Result r{"pg_arabic"};
      auto store = Open(pg_url);
      Check(store->Migrate({{"bench", 1, "0001_arabic",
                             "CREATE TABLE ar_docs (id BIGINT PRIMARY KEY, body TEXT NOT NULL, tsv TSVECTOR NOT NULL);"
                             "CREATE INDEX ar_docs_tsv ON ar_docs USING GIN (tsv);"}}),
            "migrate");
      Index(*store, r, n, limit_s, [&](Tx& tx, long i) -> Status {
        auto x = tx.Exec("INSERT INTO ar_docs (id, body, tsv) VALUES ($1, $2, to_tsvector('arabic', $2))",
                         {int64_t{i}, doc(i)});
        if (!x) return std::move(x).error();
        return sawt::core::Ok();
      });
      QuerySql(*store, r, queries,
               "SELECT id, ts_headline('arabic', body, q) FROM (SELECT id, body, q, ts_rank(tsv, q) AS rank FROM ar_docs, "
               "plainto_tsquery('arabic', $1) q WHERE tsv @@ q ORDER BY rank DESC, id LIMIT $2) t",
               [](const std::string& q) { return q; });
      results.push_back(r);
    }
  }

  Json out = {{"benchmark", "search"}, {"corpus_sentences", sentences.size()}, {"n", n}, {"queries", queries.size()},
              {"batch", kBatch},       {"limit", kLimit},                    {"cores", 2}};
  for (const auto& r : results) out[r.name] = ToJson(r);
  auto ratio = [&](const char* a, const char* b, const char* field) -> Json {
    if (!out.contains(a) || !out.contains(b) || out[b][field].get<double>() == 0) return nullptr;
    return out[a][field].get<double>() / out[b][field].get<double>();
  };
  out["ratios"] = {
      {"sqlite_sawt_vs_pg_arabic_index_rate", ratio("sqlite_sawt", "pg_arabic", "index_docs_per_s")},
      {"pg_sawt_vs_pg_arabic_index_rate", ratio("pg_sawt", "pg_arabic", "index_docs_per_s")},
      {"sqlite_sawt_vs_sqlite_unicode61_index_rate", ratio("sqlite_sawt", "sqlite_unicode61", "index_docs_per_s")},
      {"sqlite_sawt_vs_sqlite_unicode61_p99", ratio("sqlite_sawt", "sqlite_unicode61", "query_p99_ms")},
      {"pg_sawt_vs_pg_arabic_p99", ratio("pg_sawt", "pg_arabic", "query_p99_ms")},
  };
  out["targets"] = {
      {"sqlite_p99_le_10ms", out["sqlite_sawt"]["query_p99_ms"].get<double>() <= 10.0},
      {"sqlite_index_ge_pg_arabic", out.contains("pg_arabic") ? Json(out["sqlite_sawt"]["index_docs_per_s"].get<double>() >=
                                                                     out["pg_arabic"]["index_docs_per_s"].get<double>())
                                                               : Json(nullptr)},
  };
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
