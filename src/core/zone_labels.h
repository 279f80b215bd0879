// The labels a zone control plane puts on the resources zones provide (Dataplane, MeshService,
// zone-originated policies): Kuma's labels.Compute for mode `zone` on Universal. Each label is
// added only when absent: `kuma.io/mesh: <mesh>` for mesh-scoped kinds, `kuma.io/origin: zone`,
// and, unless the origin label says `global`, `kuma.io/zone: <zone>` and `kuma.io/env:
// universal`.
#pragma once

#include <string>

#include "core/resource.h"

namespace meshplane {

void AddZoneOriginLabels(Labels& labels, const std::string& mesh, const std::string& zone);

}  // namespace meshplane
