#include "crisis/public_alerts.hpp"

#include "core/clock.hpp"
#include "crisis/cap.hpp"
#include "crisis/vocabularies.hpp"
#include "module/service_names.hpp"
#include "module/vocabulary.hpp"
#include "xml/writer.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr const char* kStatementColumns =
    "s.id, s.msg_type, s.supersedes_id, s.title_ar, s.title_en, s.body_ar, s.body_en, s.instruction_ar, "
    "s.instruction_en, s.urgency, s.certainty, s.published_at, c.kind, c.crisis_type, c.severity, c.areas, "
    "c.lead_entity_id, c.title_ar AS crisis_title_ar, c.title_en AS crisis_title_en";

/// The CAP category of a crisis type (CAP 1.2 §3.2.2 "category").
std::string Category(const std::string& type) {
  if (type == "weather") return "Met";
  if (type == "health") return "Health";
  if (type == "safety") return "Safety";
  if (type == "infrastructure") return "Infra";
  if (type == "cyber") return "Security";
  if (type == "environment") return "Env";
  return "Other";
}

std::string CapValue(const module::Vocabulary& v, const std::string& code) {
  const module::Term* t = v.Find(code);
  return t == nullptr ? "Unknown" : t->attributes.value("cap", "Unknown");
}

std::string Identifier(int64_t id) { return "sawt-alert-" + std::to_string(id); }

int64_t Micros(const std::string& iso) {
  int64_t micros = 0;
  core::ParseIsoUtc(iso, &micros);
  return micros;
}

/// The host of an "https://host[:port][/…]" address, or "sawt.localhost".
std::string HostOf(const std::string& url) {
  const size_t start = url.find("://");
  if (start == std::string::npos) return "sawt.localhost";
  const std::string rest = url.substr(start + 3);
  const std::string host = rest.substr(0, rest.find_first_of(":/"));
  return host.empty() || !IsCapToken(host) ? "sawt.localhost" : host;
}

}  // namespace

PublicAlerts::PublicAlerts(store::Store& store, const module::ModuleRegistry& registry, std::string public_url)
    : store_(store), registry_(registry), public_url_(std::move(public_url)), sender_(HostOf(public_url_)) {}

Result<std::string> PublicAlerts::Cap(int64_t id) const {
  return store::ReadValue<std::string>(store_, [&](Tx& tx) -> Result<std::string> {
    auto rows = tx.Query(std::string("SELECT ") + kStatementColumns +
                             " FROM crisis_statements s JOIN crises c ON c.id = s.crisis_id "
                             "WHERE s.id = $1 AND s.status = 'published'",
                         {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("crisis.alert_not_found", {std::to_string(id)});
    const Row& s = (*rows)[0];
    SAWT_ASSIGN_OR_RETURN(const core::TimeZone zone, registry_.network_time().Zone(tx));
    auto cap_time = [&](const std::string& iso) {
      const int64_t at = Micros(iso);
      return CapTime(at, static_cast<int>(zone.OffsetMicros(at) / 60'000'000));
    };
    CapAlert alert;
    alert.identifier = Identifier(id);
    alert.sender = sender_;
    alert.sent = cap_time(s.Text("published_at"));
    const bool drill = s.Text("kind") == "drill";
    alert.status = drill ? "Exercise" : "Actual";
    if (drill) alert.note = "تمرين — Drill: " + s.Text("crisis_title_en");
    alert.msg_type = CapValue(MessageTypes(), s.Text("msg_type"));
    if (!s.IsNull("supersedes_id")) {
      auto earlier = tx.Query("SELECT id, published_at FROM crisis_statements WHERE id = $1", {s.Int("supersedes_id")});
      if (!earlier) return std::move(earlier).error();
      if (!earlier->empty() && !(*earlier)[0].IsNull("published_at")) {
        alert.references.push_back({sender_, Identifier((*earlier)[0].Int("id")), cap_time((*earlier)[0].Text("published_at"))});
      }
    }
    SAWT_ASSIGN_OR_RETURN(auto entities, registry_.entity_directory().All(tx));
    const auto lead = entities->find(s.Int("lead_entity_id"));
    const module::Term* type = Types().Find(s.Text("crisis_type"));
    const Json areas = Json::parse(s.Text("areas"));
    for (const std::string lang : {"ar", "en"}) {
      const bool ar = lang == "ar";
      CapInfo info;
      info.language = ar ? "ar-AE" : "en-US";
      info.categories = {Category(s.Text("crisis_type"))};
      info.event = type == nullptr ? s.Text("crisis_type") : (ar ? type->label_ar : type->label_en);
      info.urgency = CapValue(Urgencies(), s.Text("urgency"));
      info.severity = CapValue(Severities(), s.Text("severity"));
      info.certainty = CapValue(Certainties(), s.Text("certainty"));
      if (lead != entities->end()) info.sender_name = ar ? lead->second.name_ar : lead->second.name_en;
      info.headline = s.Text("title_" + lang);
      info.description = s.Text("body_" + lang);
      info.instruction = s.Text("instruction_" + lang);
      if (!public_url_.empty()) info.web = public_url_ + "/#/alerts/" + std::to_string(id);
      for (const auto& a : areas) {
        CapArea area;
        area.description = a.value("desc_" + lang, "");
        for (const auto& p : a.value("polygons", Json::array())) area.polygons.push_back(p.get<std::string>());
        for (const auto& c : a.value("circles", Json::array())) area.circles.push_back(c.get<std::string>());
        info.areas.push_back(std::move(area));
      }
      alert.infos.push_back(std::move(info));
    }
    return CapXml(alert);
  });
}

Result<std::string> PublicAlerts::AtomIndex() const {
  return store::ReadValue<std::string>(store_, [&](Tx& tx) -> Result<std::string> {
    auto rows = tx.Query(std::string("SELECT ") + kStatementColumns +
                         " FROM crisis_statements s JOIN crises c ON c.id = s.crisis_id WHERE s.status = 'published' "
                         "ORDER BY s.published_at DESC, s.id DESC LIMIT 100");
    if (!rows) return std::move(rows).error();
    auto atom_time = [](const std::string& iso) { return iso.substr(0, 19) + "Z"; };
    xml::Writer w;
    w.StartElement("feed");
    w.Attribute("xmlns", "http://www.w3.org/2005/Atom");
    w.Attribute("xml:lang", "ar");
    w.Element("id", "urn:sawt:alerts:" + sender_);
    w.Element("title", "التنبيهات والبيانات الرسمية — Official alerts and statements");
    w.Element("updated", rows->empty() ? atom_time(tx.clock().NowIsoUtc()) : atom_time((*rows)[0].Text("published_at")));
    w.StartElement("author");
    w.Element("name", sender_);
    w.EndElement();
    w.StartElement("link");
    w.Attribute("rel", "self");
    w.Attribute("type", "application/atom+xml");
    w.Attribute("href", public_url_ + "/api/v1/public/alerts");
    w.EndElement();
    for (const auto& s : *rows) {
      const std::string cap = public_url_ + "/api/v1/public/alerts/" + std::to_string(s.Int("id"));
      w.StartElement("entry");
      w.Element("id", "urn:sawt:alert:" + sender_ + ":" + std::to_string(s.Int("id")));
      w.Element("title", s.Text("title_ar") + " — " + s.Text("title_en"));
      w.Element("updated", atom_time(s.Text("published_at")));
      w.StartElement("link");
      w.Attribute("rel", "alternate");
      w.Attribute("type", "application/cap+xml");
      w.Attribute("href", cap);
      w.EndElement();
      w.StartElement("summary");
      w.Text(s.Text("body_ar") + "\n\n" + s.Text("body_en"));
      w.EndElement();
      w.EndElement();
    }
    std::string out = w.Finish();
    if (out.empty()) return Error::Internal("crisis.atom_failed");
    return out;
  });
}

}  // namespace sawt::crisis
