// The Mesh kind: global-scoped parent of every mesh resource.
#pragma once

#include "core/resource_type.h"

namespace meshplane {

inline constexpr const char* kMeshTypeName = "Mesh";

void RegisterMeshType(ResourceTypeRegistry& registry);

// The registered Mesh descriptor of the builtin registry.
const ResourceTypeDescriptor& MeshType();

}  // namespace meshplane
