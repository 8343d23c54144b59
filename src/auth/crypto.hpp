#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sawt::auth {

/// `bytes` cryptographically random bytes (OpenSSL RAND_bytes), base64url without padding.
std::string RandomToken(size_t bytes = 32);

/// Lower-case hex SHA-256 of `data`. Used to store session and API tokens hashed: a leaked
/// database does not leak usable credentials. Tokens have 256 bits of entropy, so a fast hash is enough.
std::string Sha256Hex(std::string_view data);

/// Lower-case hex HMAC-SHA256 (RFC 2104) of `data` under `key`: signs outgoing webhook payloads
/// (X-Sawt-Signature) so a receiver can check they come from sawt unchanged.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

/// The signature headers of one webhook delivery: X-Sawt-Timestamp (Unix seconds) and
/// X-Sawt-Signature "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body). Binding the
/// time into the MAC lets a receiver refuse replays outside its window (docs/crisis.md, "Webhooks").
std::vector<std::pair<std::string, std::string>> WebhookSignatureHeaders(std::string_view secret, std::string_view body,
                                                                         int64_t unix_seconds);

/// What a receiver checks: `signature` is the X-Sawt-Signature of `body` sent at `timestamp`
/// (X-Sawt-Timestamp, decimal Unix seconds) under `secret`, and the timestamp is within
/// `window_seconds` of `now_unix_seconds` either way. Constant-time.
bool VerifyWebhookSignature(std::string_view secret, std::string_view timestamp, std::string_view body,
                            std::string_view signature, int64_t now_unix_seconds, int64_t window_seconds = 300);

/// Standard base64 (RFC 4648 §4, padded): how binary files (assessment evidence) are kept in a
/// text column that both stores accept.
std::string Base64Encode(std::string_view data);
/// nullopt for text that is not padded standard base64.
std::optional<std::string> Base64Decode(std::string_view text);

/// argon2id hash in PHC string form ($argon2id$v=19$m=19456,t=2,p=1$...), OWASP's minimum
/// parameters (19 MiB, 2 passes, 1 lane).
std::string HashPassword(std::string_view password);

/// Constant-time verification against a PHC string; false for malformed hashes.
bool VerifyPassword(std::string_view password, const std::string& encoded);

/// Constant-time string comparison (CSRF tokens).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sawt::auth
