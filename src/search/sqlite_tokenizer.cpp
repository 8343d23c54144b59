// The FTS5 tokenizer "sawt", per https://sqlite.org/fts5.html#custom_tokenizers.
#include "search/sqlite_tokenizer.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <new>

#include "search/search_indexer.hpp"

namespace sawt::search {
namespace {

// Passes each term to FTS5's callback; stops forwarding after the first error it returns. A term
// at the position of the previous one (a colocated alternative) is flagged FTS5_TOKEN_COLOCATED:
// in documents FTS5 indexes it at the same position, in queries it is an alternative (OR).
class Fts5Sink : public text::TermSink {
 public:
  Fts5Sink(void* ctx, int (*x_token)(void*, int, const char*, int, int, int)) : ctx_(ctx), x_token_(x_token) {}
  void OnTerm(std::string_view term, const text::Token& token, std::size_t position) override {
    if (rc_ != SQLITE_OK) return;
    // FTS5 rejects the flag on the first token.
    const int flags = any_ && position == last_position_ ? FTS5_TOKEN_COLOCATED : 0;
    any_ = true;
    last_position_ = position;
    rc_ = x_token_(ctx_, flags, term.data(), static_cast<int>(term.size()), static_cast<int>(token.offset),
                   static_cast<int>(token.offset + token.length));
  }
  int rc() const { return rc_; }

 private:
  void* ctx_;
  int (*x_token_)(void*, int, const char*, int, int, int);
  int rc_ = SQLITE_OK;
  bool any_ = false;
  std::size_t last_position_ = 0;
};

// The tokenizer instance is the shared, immutable analyzer: no per-table state.
int Create(void*, const char**, int n_arg, Fts5Tokenizer** out) {
  if (n_arg != 0) return SQLITE_ERROR;  // no options: index and queries must analyse alike
  *out = reinterpret_cast<Fts5Tokenizer*>(const_cast<text::Analyzer*>(&SearchAnalyzer()));
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer*) {}

int Tokenize(Fts5Tokenizer* tokenizer, void* ctx, int /*flags*/, const char* text, int n_text,
             int (*x_token)(void*, int, const char*, int, int, int)) {
  if (n_text <= 0) return SQLITE_OK;
  try {
    // Documents and queries (FTS5_TOKENIZE_DOCUMENT / _QUERY / _AUX) get the same analysis.
    const auto* analyzer = reinterpret_cast<const text::Analyzer*>(tokenizer);
    Fts5Sink sink(ctx, x_token);
    analyzer->Analyze(std::string_view(text, static_cast<std::size_t>(n_text)), sink);
    return sink.rc();
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
  (void)sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

void RegisterSawtTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr || api->iVersion < 2) {
    std::fprintf(stderr, "sawt: SQLite has no FTS5; search on SQLite is unavailable\n");
    return;
  }
  static fts5_tokenizer tokenizer = {&Create, &Delete, &Tokenize};
  if (api->xCreateTokenizer(api, "sawt", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "sawt: could not register the FTS5 tokenizer: %s\n", sqlite3_errmsg(db));
  }
}

}  // namespace sawt::search
