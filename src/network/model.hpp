#pragma once

#include <array>
#include <string_view>

namespace sawt::network {

/// The general communication guide's seven axes (DESIGN.md): responsibilities are organised by them.
/// Served and validated as the "axes" vocabulary (network/vocabularies.hpp).
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

}  // namespace sawt::network
