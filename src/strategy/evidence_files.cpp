#include "strategy/evidence_files.hpp"

#include "auth/crypto.hpp"
#include "core/utf8.hpp"

namespace sawt::strategy {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// An Office Open XML package is a ZIP whose first entries name its parts; the part folder says
/// which document it is.
std::optional<std::string> OfficeType(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 64 << 10);
  if (head.find("[Content_Types].xml") == std::string_view::npos) return std::nullopt;
  if (head.find("word/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (head.find("xl/") != std::string_view::npos) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (head.find("ppt/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  }
  return std::nullopt;
}

bool IsPlainText(std::string_view bytes) {
  if (!core::IsValidUtf8(bytes)) return false;
  for (unsigned char c : bytes) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c == 0x7f) return false;
  }
  // Markup a browser would render is not evidence text.
  const std::string_view head = bytes.substr(0, 512);
  for (std::string_view tag : {"<html", "<HTML", "<!DOCTYPE", "<!doctype", "<script", "<svg", "<?xml"}) {
    if (head.find(tag) != std::string_view::npos) return false;
  }
  return true;
}

std::string_view Essence(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  std::string_view t = content_type.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

bool IsUnsafeCodePoint(char32_t c) {
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '/' || c == '\\' || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c || core::IsNoncharacter(c);
}

}  // namespace

std::optional<std::string> SniffEvidenceType(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  if (StartsWith(bytes, "%PDF-")) return "application/pdf";
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (StartsWith(bytes, "\xff\xd8\xff")) return "image/jpeg";
  if (StartsWith(bytes, "RIFF") && bytes.size() > 12 && bytes.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) return OfficeType(bytes);
  if (IsPlainText(bytes)) return "text/plain";
  return std::nullopt;
}

bool DeclaredTypeFits(std::string_view declared, const std::string& sniffed) {
  const std::string_view essence = Essence(declared);
  if (essence == "application/octet-stream" || essence == sniffed) return true;
  return sniffed == "text/plain" && essence == "text/csv";
}

std::string StoredEvidenceType(std::string_view declared, const std::string& sniffed) {
  return sniffed == "text/plain" && Essence(declared) == "text/csv" ? "text/csv" : sniffed;
}

bool IsSafeFileName(std::string_view name) {
  if (name.empty() || name.size() > 200 || name == "." || name == ".." || !core::IsValidUtf8(name)) return false;
  size_t pos = 0;
  while (pos < name.size()) {
    auto c = core::DecodeUtf8(name, &pos);
    if (!c || IsUnsafeCodePoint(*c)) return false;
  }
  return true;
}

std::string AttachmentDisposition(const std::string& file_name, const std::string& fallback) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : file_name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_';
    if (plain) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

core::Result<std::string> CheckEvidenceUpload(const std::string& file_name, std::string_view declared,
                                              std::string_view bytes) {
  if (!IsSafeFileName(file_name)) return core::Error::InvalidInput("compliance.bad_file_name", "name");
  if (bytes.empty()) return core::Error::InvalidInput("compliance.empty_file", "body");
  if (bytes.size() > kMaxEvidenceBytes) return core::Error::TooLarge("compliance.file_too_large");
  const auto sniffed = SniffEvidenceType(bytes);
  if (!sniffed) return core::Error::UnsupportedMediaType("compliance.unsupported_file");
  if (!DeclaredTypeFits(declared, *sniffed)) return core::Error::UnsupportedMediaType("compliance.type_mismatch");
  return StoredEvidenceType(declared, *sniffed);
}

core::Result<std::string> KeepEvidenceBytes(store::Tx& tx, std::string_view bytes) {
  std::string sha256 = auth::Sha256Hex(bytes);
  SAWT_TRY_STATUS(tx.Exec("INSERT INTO compliance_files (sha256, content_base64) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                          {sha256, auth::Base64Encode(bytes)}));
  return sha256;
}

core::Status ReleaseEvidenceBytes(store::Tx& tx, const std::string& sha256) {
  SAWT_TRY_STATUS(tx.Exec("DELETE FROM compliance_files WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM compliance_evidence "
                          "WHERE sha256 = $1) AND NOT EXISTS (SELECT 1 FROM strategy_activity_evidence WHERE sha256 = $1)",
                          {sha256}));
  return core::Ok();
}

core::Result<std::string> ReadEvidenceBytes(store::Tx& tx, const std::string& sha256, const std::string& what) {
  auto rows = tx.Query("SELECT content_base64 FROM compliance_files WHERE sha256 = $1", {sha256});
  if (!rows) return std::move(rows).error();
  std::optional<std::string> bytes;
  if (!rows->empty()) bytes = auth::Base64Decode((*rows)[0].Text("content_base64"));
  if (!bytes || auth::Sha256Hex(*bytes) != sha256) return core::Error::Internal(what + " does not match its SHA-256");
  return std::move(*bytes);
}

}  // namespace sawt::strategy
