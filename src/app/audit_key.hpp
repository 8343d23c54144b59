#pragma once

#include <string>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::app {

/// The audit key file: a secret kept outside the database that keys the events chain
/// (store::AuditKey). Text, mode 0600, owned by the account that runs sawt:
///   # comment lines
///   key=<64 lowercase hex digits>
///   from=<the first event id hashed with the key>
/// Losing the file makes the rows from `from` on unverifiable; keep a copy offline.

/// Creates `path` with a new random 32-byte key and from=0, refusing an existing file; the file is
/// created 0600 (never readable by others, even for an instant).
core::Result<store::AuditKey> CreateAuditKeyFile(const std::string& path);

/// Rewrites `path` (atomically, 0600) with `key`.
core::Status WriteAuditKeyFile(const std::string& path, const store::AuditKey& key);

/// Reads `path`. Refuses a file that others may read or write, or that another account owns
/// (kInvalidInput "cli.audit_key_permissions"), and a malformed one ("cli.audit_key_malformed").
core::Result<store::AuditKey> ReadAuditKeyFile(const std::string& path);

/// A signed statement of the chain's head for safekeeping outside the database (one JSON line):
/// {"id", "hash", "at", "mac"} with mac = HMAC-SHA256(key, "sawt-audit-anchor\n" + id + "\n" + hash).
/// Anchors detect what the keyed chain alone cannot: the newest rows deleted (truncation).
std::string AnchorLine(const store::AuditKey& key, int64_t id, const std::string& hash, const std::string& at);

/// Checks the anchors (one AnchorLine per line) against the store: each must carry a valid mac and
/// name a row that exists with that hash. Ok, or kInvalidInput naming the first bad anchor.
core::Status VerifyAnchors(store::Store& store, const store::AuditKey& key, const std::string& anchors_text);

}  // namespace sawt::app
