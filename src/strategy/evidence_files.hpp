#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/store.hpp"

/// What an uploaded evidence file is, judged by its bytes (never by its name or the declared type
/// alone), how it may be named and served, and where its bytes are kept: once per content in
/// `compliance_files` (the strategy module's file store, keyed by SHA-256), whether an assessment
/// item or an activity refers to it.
namespace sawt::strategy {

/// An evidence file as it is served: its metadata and its bytes (checksum verified).
struct EvidenceFile {
  std::string file_name, media_type, sha256, bytes;
};

inline constexpr size_t kMaxEvidenceBytes = 10u << 20;  ///< 10 MiB per file

/// Every media type an evidence file is stored as (what GET /api/v1/evidence/{id} may serve):
/// SniffEvidenceType's answers and text/csv (StoredEvidenceType).
inline constexpr const char* kEvidenceMediaTypes[] = {
    "application/pdf", "image/png", "image/jpeg", "image/webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "text/plain", "text/csv"};

/// The media type the bytes are: application/pdf, image/png, image/jpeg, image/webp, the Office
/// Open XML documents (docx, xlsx, pptx), or text/plain for valid UTF-8 text without control
/// characters (CSV and notes). nullopt for anything else (executables, HTML, archives, …).
std::optional<std::string> SniffEvidenceType(std::string_view bytes);

/// Whether `declared` (a Content-Type, parameters ignored) names the same type as `sniffed`
/// (text/csv and text/plain are both text; application/octet-stream leaves the choice to the bytes).
bool DeclaredTypeFits(std::string_view declared, const std::string& sniffed);

/// The type a fitting file is stored and served as: what the bytes are, except that text declared
/// as text/csv stays text/csv (bytes cannot tell a CSV table from a note; the uploader can).
std::string StoredEvidenceType(std::string_view declared, const std::string& sniffed);

/// A file name fit to store and show: 1–200 bytes of valid UTF-8, no path separators, control,
/// bidirectional-override or noncharacter code points, not "." or "..".
bool IsSafeFileName(std::string_view name);

/// Content-Disposition for a download: attachment, an ASCII fallback name and the real name
/// percent-encoded (RFC 6266, RFC 8187).
std::string AttachmentDisposition(const std::string& file_name, const std::string& fallback);

/// Checks an upload (the name, emptiness, size, what the bytes are against the declared
/// Content-Type) and answers the type it is stored as. Problems: 400 compliance.bad_file_name /
/// compliance.empty_file, 413 compliance.file_too_large, 415 compliance.unsupported_file /
/// compliance.type_mismatch.
core::Result<std::string> CheckEvidenceUpload(const std::string& file_name, std::string_view declared,
                                              std::string_view bytes);

/// Keeps the bytes in the file store under their SHA-256 (once per content); returns it.
core::Result<std::string> KeepEvidenceBytes(store::Tx& tx, std::string_view bytes);
/// Drops the stored bytes of `sha256` once no evidence row of any kind refers to them.
core::Status ReleaseEvidenceBytes(store::Tx& tx, const std::string& sha256);
/// The stored bytes of `sha256`, verified against it: bytes that no longer match are never served
/// as evidence (500, naming `what`).
core::Result<std::string> ReadEvidenceBytes(store::Tx& tx, const std::string& sha256, const std::string& what);

}  // namespace sawt::strategy
