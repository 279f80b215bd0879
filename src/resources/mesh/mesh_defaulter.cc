#include "resources/mesh/mesh_defaulter.h"

namespace meshplane {

Status ApplyMeshDefaults(kuma::mesh::v1alpha1::Mesh& mesh) { return Status::Ok(); }

}  // namespace meshplane
