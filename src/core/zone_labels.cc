#include "core/zone_labels.h"

namespace meshplane {

void AddZoneOriginLabels(Labels& labels, const std::string& mesh, const std::string& zone) {
  if (!mesh.empty()) {
    labels.try_emplace("kuma.io/mesh", mesh);
  }
  labels.try_emplace("kuma.io/origin", "zone");
  if (labels["kuma.io/origin"] != "global") {
    labels.try_emplace("kuma.io/zone", zone);
    labels.try_emplace("kuma.io/env", "universal");
  }
}

}  // namespace meshplane
