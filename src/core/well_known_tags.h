// Tag and label names with a meaning to the control plane (Kuma's mesh_proto constants).
#pragma once

namespace meshplane {

inline constexpr const char* kServiceTag = "kuma.io/service";
inline constexpr const char* kZoneTag = "kuma.io/zone";
inline constexpr const char* kProtocolTag = "kuma.io/protocol";
inline constexpr const char* kWorkloadLabel = "kuma.io/workload";

}  // namespace meshplane
