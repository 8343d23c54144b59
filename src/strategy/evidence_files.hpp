#pragma once

#include <optional>
#include <string>
#include <string_view>

/// What an uploaded evidence file is, judged by its bytes (never by its name or the declared type
/// alone), and how it may be named and served.
namespace sawt::strategy {

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

}  // namespace sawt::strategy
