#pragma once

#include <array>
#include <string_view>

namespace sawt::network {

/// The general communication guide's seven axes (DESIGN.md): responsibilities are organised by them.
struct Axis {
  std::string_view key;
  std::string_view name_ar;
  std::string_view name_en;
};

inline constexpr std::array<Axis, 7> kAxes = {{
    {"stakeholder_responsibilities", "مسؤوليات الأطراف المعنية", "Stakeholder responsibilities"},
    {"communication_tasks", "مهام الاتصال", "Communication tasks"},
    {"public_image", "الصورة العامة للجهة", "Entity public image"},
    {"internal_communication", "الاتصال الداخلي", "Internal communication"},
    {"external_communication", "الاتصال الخارجي", "External communication"},
    {"electronic_communication", "الاتصال الإلكتروني", "Electronic communication"},
    {"media_communication", "الاتصال الإعلامي", "Media communication"},
}};

inline bool IsAxis(std::string_view key) {
  for (const auto& a : kAxes) {
    if (a.key == key) return true;
  }
  return false;
}

/// Entity kinds, top to bottom of the tree.
inline bool IsEntityKind(std::string_view k) { return k == "government" || k == "entity" || k == "department"; }

/// RACI letters: Responsible, Accountable, Consulted, Informed.
inline bool IsRaci(std::string_view r) { return r == "R" || r == "A" || r == "C" || r == "I"; }

}  // namespace sawt::network
