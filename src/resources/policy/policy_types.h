// The new-style policy kinds meshplane serves: MeshTrafficPermission (mtp), MeshTimeout (mt),
// MeshRetry (mr) and MeshCircuitBreaker (mcb). Each is mesh-scoped, a policy, nested under
// `spec:` in the Universal shape, validated with Kuma's rules and messages, and has its Go
// duration strings canonicalized on write ("1h" is stored and served as "1h0m0s").
#pragma once

#include "core/resource_type.h"

namespace meshplane {

inline constexpr const char* kMeshTrafficPermissionTypeName = "MeshTrafficPermission";
inline constexpr const char* kMeshTimeoutTypeName = "MeshTimeout";
inline constexpr const char* kMeshRetryTypeName = "MeshRetry";
inline constexpr const char* kMeshCircuitBreakerTypeName = "MeshCircuitBreaker";

void RegisterPolicyTypes(ResourceTypeRegistry& registry);

// The registered descriptors of the builtin registry.
const ResourceTypeDescriptor& MeshTrafficPermissionType();
const ResourceTypeDescriptor& MeshTimeoutType();
const ResourceTypeDescriptor& MeshRetryType();
const ResourceTypeDescriptor& MeshCircuitBreakerType();

}  // namespace meshplane
