#include "search/sqlite_tokenizer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace sawt::search {
namespace {

class Db {
 public:
  Db() {
    sqlite3_open(":memory:", &db_);
    RegisterSawtTokenizer(db_);
  }
  ~Db() { sqlite3_close(db_); }
  void Exec(const std::string& sql) { ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db_); }
  std::vector<std::string> Column(const std::string& sql, const std::string& arg) {
    sqlite3_stmt* st = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return {"error"};
    sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST(SqliteTokenizerTest, IndexesAndQueriesWithTheAnalyzer) {
  Db db;
  db.Exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'sawt')");
  db.Exec("INSERT INTO t (rowid, body) VALUES (1, 'المتحدثين الرسميين'), (2, 'إدارة الصّحة'), (3, 'Communication office')");
  EXPECT_EQ(db.Column("SELECT rowid FROM t WHERE t MATCH ?1", "\"متحدث\""), std::vector<std::string>{"1"});
  EXPECT_EQ(db.Column("SELECT rowid FROM t WHERE t MATCH ?1", "\"ادارة\" AND \"الصحة\""), std::vector<std::string>{"2"});
  EXPECT_EQ(db.Column("SELECT rowid FROM t WHERE t MATCH ?1", "\"communications\""), std::vector<std::string>{"3"});
}

TEST(SqliteTokenizerTest, ReportsByteOffsetsOfTheSourceTokens) {
  Db db;
  db.Exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'sawt')");
  db.Exec("INSERT INTO t (rowid, body) VALUES (1, 'بيان المتحدثين اليوم')");
  EXPECT_EQ(db.Column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", "\"متحدث\""),
            std::vector<std::string>{"بيان [المتحدثين] اليوم"});
}

TEST(SqliteTokenizerTest, WawAlternativesAreColocated) {
  Db db;
  db.Exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'sawt')");
  db.Exec("INSERT INTO t (rowid, body) VALUES (1, 'وزارة الداخلية'), (2, 'الوزارات الاتحادية'), "
          "(3, 'والوزارة المعنية'), (4, 'زار المدينة')");
  // وزارة is indexed as زار and وزار at one position (0), then داخل at position 1.
  db.Exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
  EXPECT_EQ(db.Column("SELECT term || ':' || offset FROM v WHERE doc = CAST(?1 AS INTEGER) ORDER BY offset, term", "1"),
            (std::vector<std::string>{"زار:0", "وزار:0", "داخل:1"}));
  // Queries: the plural meets the bare singular; the singular's alternatives are OR-ed.
  const std::string q = "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid";
  EXPECT_EQ(db.Column(q, "\"الوزارات\""), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(db.Column(q, "\"وزارة\""), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(db.Column(q, "\"وزارة\" AND \"الداخلية\""), (std::vector<std::string>{"1"}));
  // Phrases count a colocated pair as one position.
  EXPECT_EQ(db.Column(q, "\"وزارة الداخلية\""), (std::vector<std::string>{"1"}));
  EXPECT_EQ(db.Column(q, "\"الوزارة الداخلية\""), (std::vector<std::string>{"1"}));
  EXPECT_EQ(db.Column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", "\"الوزارات\" AND \"الداخلية\""),
            std::vector<std::string>{"[وزارة] [الداخلية]"});
}

TEST(SqliteTokenizerTest, RejectsOptions) {
  Db db;
  sqlite3* raw = nullptr;
  sqlite3_open(":memory:", &raw);
  RegisterSawtTokenizer(raw);
  EXPECT_NE(sqlite3_exec(raw, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'sawt x')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
}

}  // namespace
}  // namespace sawt::search
