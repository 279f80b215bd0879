#include "resources/mesh/mesh_validator.h"

namespace meshplane {

ValidationError ValidateMesh(const kuma::mesh::v1alpha1::Mesh& mesh) {
  ValidationError err;
  return err;
}

}  // namespace meshplane
