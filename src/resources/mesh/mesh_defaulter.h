// Defaulting of a Mesh (Kuma's MeshResource.Default()): only prometheus metrics backends.
#pragma once

#include "core/error.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {

Status ApplyMeshDefaults(kuma::mesh::v1alpha1::Mesh& mesh);

}  // namespace meshplane
