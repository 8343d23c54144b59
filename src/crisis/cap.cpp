#include "crisis/cap.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/clock.hpp"
#include "xml/writer.hpp"

namespace sawt::crisis {
namespace {

constexpr std::string_view kNamespace = "urn:oasis:names:tc:emergency:cap:1.2";

// A decimal number written plainly ("25.2", "-0.5"): no exponent, no "+", no spaces, as CAP's
// examples write coordinates.
bool ReadDecimal(std::string_view text, double* out) {
  if (text.empty() || text.front() == '+') return false;
  for (char c : text) {
    if ((c < '0' || c > '9') && c != '.' && c != '-') return false;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out, std::chars_format::fixed);
  return ec == std::errc() && end == text.data() + text.size();
}

// "lat,lon" within WGS 84's ranges.
bool ReadPoint(std::string_view text, double* lat, double* lon) {
  const size_t comma = text.find(',');
  if (comma == std::string_view::npos) return false;
  return ReadDecimal(text.substr(0, comma), lat) && ReadDecimal(text.substr(comma + 1), lon) && *lat >= -90 && *lat <= 90 &&
         *lon >= -180 && *lon <= 180;
}

// The text split at single spaces; an empty part (leading, trailing or doubled space) fails the shape.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t space = text.find(' ', start);
    const size_t end = space == std::string_view::npos ? text.size() : space;
    out.push_back(text.substr(start, end - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return out;
}

void OptionalElement(xml::Writer& w, std::string_view name, const std::string& text) {
  if (!text.empty()) w.Element(name, text);
}

void WriteArea(xml::Writer& w, const CapArea& area) {
  w.StartElement("area");
  w.Element("areaDesc", area.description);
  for (const auto& polygon : area.polygons) w.Element("polygon", polygon);
  for (const auto& circle : area.circles) w.Element("circle", circle);
  w.EndElement();
}

// The children of <info> in the order the schema's sequence fixes.
void WriteInfo(xml::Writer& w, const CapInfo& info) {
  w.StartElement("info");
  OptionalElement(w, "language", info.language);
  for (const auto& category : info.categories) w.Element("category", category);
  w.Element("event", info.event);
  w.Element("urgency", info.urgency);
  w.Element("severity", info.severity);
  w.Element("certainty", info.certainty);
  if (info.expires) w.Element("expires", *info.expires);
  OptionalElement(w, "senderName", info.sender_name);
  OptionalElement(w, "headline", info.headline);
  OptionalElement(w, "description", info.description);
  OptionalElement(w, "instruction", info.instruction);
  OptionalElement(w, "web", info.web);
  OptionalElement(w, "contact", info.contact);
  for (const auto& area : info.areas) WriteArea(w, area);
  w.EndElement();
}

}  // namespace

std::string CapTime(int64_t utc_micros, int offset_minutes) {
  const int64_t local = utc_micros + int64_t{offset_minutes} * 60'000'000;
  // FormatIsoUtc gives "YYYY-MM-DDTHH:MM:SS.ffffffZ"; CAP wants whole seconds and the offset.
  const std::string stamp = core::FormatIsoUtc(local - ((local % 1'000'000) + 1'000'000) % 1'000'000).substr(0, 19);
  const int magnitude = std::abs(offset_minutes);
  char offset[8];
  // CAP 1.2 §3.3.2: UTC is written "-00:00".
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", offset_minutes <= 0 ? '-' : '+', magnitude / 60 % 100, magnitude % 60);
  return stamp + offset;
}

bool IsCapToken(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7F || c == ',' || c == '<' || c == '&') return false;
  }
  return true;
}

bool IsCapPolygon(std::string_view text) {
  const auto points = Words(text);
  if (points.size() < 4 || points.front() != points.back()) return false;
  for (auto point : points) {
    double lat = 0, lon = 0;
    if (!ReadPoint(point, &lat, &lon)) return false;
  }
  return true;
}

bool IsCapCircle(std::string_view text) {
  const auto parts = Words(text);
  double lat = 0, lon = 0, radius = 0;
  return parts.size() == 2 && ReadPoint(parts[0], &lat, &lon) && ReadDecimal(parts[1], &radius) && radius >= 0;
}

std::string CapXml(const CapAlert& alert) {
  xml::Writer w;
  w.StartElement("alert");
  w.Attribute("xmlns", kNamespace);
  w.Element("identifier", alert.identifier);
  w.Element("sender", alert.sender);
  w.Element("sent", alert.sent);
  w.Element("status", alert.status);
  w.Element("msgType", alert.msg_type);
  w.Element("scope", alert.scope);
  OptionalElement(w, "note", alert.note);
  if (!alert.references.empty()) {
    std::string references;
    for (const auto& r : alert.references) {
      if (!references.empty()) references += ' ';
      references += r.sender + "," + r.identifier + "," + r.sent;
    }
    w.Element("references", references);
  }
  for (const auto& info : alert.infos) WriteInfo(w, info);
  w.EndElement();
  return w.Finish();
}

}  // namespace sawt::crisis
