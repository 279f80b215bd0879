// The Mesh `default` that a zone control plane creates at startup (Kuma's
// EnsureDefaultMeshExists): created with an empty spec when missing, through the manager so that
// every per-mesh side effect applies; left alone when it exists. Several control planes starting
// on one store at once end up with exactly one `default`.
#pragma once

#include "core/error.h"

namespace meshplane {

class ResourceManager;

inline constexpr const char* kDefaultMeshName = "default";

// Ensures Mesh `default` exists unless `skip` (defaults.skipMeshCreation) is set. Idempotent;
// losing a creation race to another instance counts as success.
Status EnsureDefaultMesh(ResourceManager& manager, bool skip);

}  // namespace meshplane
