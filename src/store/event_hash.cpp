#include "store/event_hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/assert.hpp"

namespace sawt::store {
namespace {

std::string Hex(const unsigned char* digest, unsigned int len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * len, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return out;
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back('=');
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

}  // namespace

std::string CanonicalPayload(const core::Json& payload) { return core::DumpJson(payload); }

std::string CanonicalEvent(const EventContent& c) {
  std::string out;
  out.reserve(128 + c.actor.size() + c.action.size() + c.object_type.size() + c.object_id.size() +
              c.payload_json.size());
  AppendField(out, "id", std::to_string(c.id));
  AppendField(out, "at", c.at);
  AppendField(out, "actor", c.actor);
  AppendField(out, "action", c.action);
  AppendField(out, "entity_id", c.entity_id ? std::to_string(*c.entity_id) : std::string());
  AppendField(out, "object_type", c.object_type);
  AppendField(out, "object_id", c.object_id);
  AppendField(out, "payload", c.payload_json);
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  int ok = EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  SAWT_ASSERT(ok == 1 && len == 32, "EVP_Digest(SHA-256) failed");
  return Hex(digest, len);
}

std::string HmacSha256Hex(std::string_view key, std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const unsigned char* ok = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest, &len);
  SAWT_ASSERT(ok != nullptr && len == 32, "HMAC-SHA256 failed");
  return Hex(digest, len);
}

std::string ComputeEventHash(std::string_view prev_hash, const EventContent& content, const AuditKey* key) {
  std::string input;
  input.reserve(prev_hash.size() + 1 + 256);
  input.append(prev_hash);
  input.push_back('\n');
  input.append(CanonicalEvent(content));
  if (key != nullptr && content.id >= key->from_id) return HmacSha256Hex(key->secret, input);
  return Sha256Hex(input);
}

std::string ComputeEventHash(std::string_view prev_hash, const Event& e, const AuditKey* key) {
  std::string payload = CanonicalPayload(e.payload);
  return ComputeEventHash(prev_hash,
                          EventContent{e.id, e.at, e.actor, e.action, e.entity_id, e.object_type, e.object_id, payload},
                          key);
}

}  // namespace sawt::store
