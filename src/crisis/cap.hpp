#pragma once

// OASIS Common Alerting Protocol 1.2 (https://docs.oasis-open.org/emergency/cap/v1.2/CAP-v1.2-os.html):
// the alert a public crisis statement is issued as. This file knows the format only — what a
// statement becomes, and who may issue it, is the crisis service's to say. Every document CapXml
// writes validates against the official schema (cap-1.2.xsd beside this file; cap_test.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::crisis {

/// One <area>: a description and the shapes it covers, in WGS 84.
struct CapArea {
  std::string description;            ///< areaDesc, e.g. "دبي - Dubai"
  std::vector<std::string> polygons;  ///< "lat,lon lat,lon …", closed (first pair = last), ≥ 4 pairs
  std::vector<std::string> circles;   ///< "lat,lon radius_km"
};

/// One <info> block: the alert in one language.
struct CapInfo {
  std::string language;                 ///< RFC 3066 code, e.g. "ar-AE", "en-US"
  std::vector<std::string> categories;  ///< CAP categories (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other)
  std::string event;                    ///< what the alert is about, in words
  std::string urgency;                  ///< Immediate, Expected, Future, Past, Unknown
  std::string severity;                 ///< Extreme, Severe, Moderate, Minor, Unknown
  std::string certainty;                ///< Observed, Likely, Possible, Unlikely, Unknown
  std::optional<std::string> expires;   ///< a CapTime
  std::string sender_name, headline, description, instruction, web, contact;  ///< optional: empty is left out
  std::vector<CapArea> areas;
};

/// A reference to an earlier alert this one updates or cancels.
struct CapReference {
  std::string sender, identifier, sent;
};

/// The <alert> element.
struct CapAlert {
  std::string identifier;  ///< unique per sender; IsCapToken
  std::string sender;      ///< e.g. "gco.example.gov"; IsCapToken
  std::string sent;        ///< a CapTime
  std::string status;      ///< Actual, Exercise (drills), System, Test, Draft
  std::string msg_type;    ///< Alert, Update, Cancel
  std::string scope = "Public";
  std::string note;        ///< optional (required by CAP for Exercise and Error; the caller's to give)
  std::vector<CapReference> references;
  std::vector<CapInfo> infos;
};

/// "YYYY-MM-DDThh:mm:ss+hh:mm" as CAP requires (no fractions, explicit offset), for `utc_micros`
/// seen at `offset_minutes` east of UTC (whole seconds, rounded down).
std::string CapTime(int64_t utc_micros, int offset_minutes);

/// Whether `text` may stand as an identifier or sender: printable, no white space, "," "<" or "&".
bool IsCapToken(std::string_view text);
/// Whether `text` is a CAP polygon: ≥ 4 "lat,lon" pairs separated by spaces, latitudes in
/// [-90, 90], longitudes in [-180, 180], the last pair the same as the first.
bool IsCapPolygon(std::string_view text);
/// Whether `text` is a CAP circle: "lat,lon radius" with the radius in kilometres, ≥ 0.
bool IsCapCircle(std::string_view text);

/// The alert as a CAP 1.2 XML document (UTF-8). REQUIRES: the enumerated fields hold CAP values,
/// tokens are IsCapToken, shapes are IsCapPolygon/IsCapCircle and each info has at least one
/// category; texts may hold anything (what XML cannot carry is removed).
std::string CapXml(const CapAlert& alert);

}  // namespace sawt::crisis
