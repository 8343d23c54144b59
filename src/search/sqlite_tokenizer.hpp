#pragma once

struct sqlite3;

namespace sawt::search {

/// Registers the FTS5 tokenizer "sawt" on `db`: every term of search::SearchAnalyzer() with the
/// byte offsets of its source token, for documents and queries alike (so FTS5_TOKENIZE_QUERY
/// gets the same analysis). A term at the same position as the previous one (an Arabic word's
/// و alternative) is passed with FTS5_TOKEN_COLOCATED: indexed at one position in documents,
/// matched as an alternative in queries. Meant for store::StoreOptions::sqlite_connection_hooks; it must run on a connection
/// before any statement touches a table created with tokenize = 'sawt'. Never throws; on failure
/// (SQLite without FTS5) it logs and leaves the connection as it was, and the FTS5 table then
/// fails to open with "no such tokenizer: sawt".
void RegisterSawtTokenizer(sqlite3* db);

}  // namespace sawt::search
