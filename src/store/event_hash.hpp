#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace sawt::store {

/// prev_hash of the first event: 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed content of an event, as stored. `payload_json` is the stored payload text (compact
/// JSON, keys sorted, as produced by CanonicalPayload).
struct EventContent {
  int64_t id = 0;
  std::string_view at;
  std::string_view actor;
  std::string_view action;
  std::optional<int64_t> entity_id;
  std::string_view object_type;
  std::string_view object_id;
  std::string_view payload_json;
};

/// Compact JSON with object keys sorted (nlohmann orders keys), invalid UTF-8 replaced.
std::string CanonicalPayload(const core::Json& payload);

/// Deterministic serialisation: for each field in the order id, at, actor, action, entity_id
/// (decimal, or empty when null), object_type, object_id, payload, the line
/// "<name>=<byte length>:<bytes>\n". Length prefixes make it unambiguous for any field content.
std::string CanonicalEvent(const EventContent& content);

/// hex(SHA-256(prev_hash + "\n" + CanonicalEvent(content))), lowercase, 64 characters; with `key`
/// and content.id >= key->from_id, hex(HMAC-SHA256(key->secret, the same input)).
std::string ComputeEventHash(std::string_view prev_hash, const EventContent& content, const AuditKey* key = nullptr);

/// Same, for a stored Event (its payload is serialised with CanonicalPayload).
std::string ComputeEventHash(std::string_view prev_hash, const Event& event, const AuditKey* key = nullptr);

/// Lowercase hex HMAC-SHA256 of `bytes` under `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view bytes);

/// Lowercase hex SHA-256 of arbitrary bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace sawt::store
