// Spec validation of a Mesh (Kuma's MeshResource.Validate()), emitting violations in Kuma's
// order: mtls, logging, tracing, metrics, constraints, zoneEgress.
#pragma once

#include "core/validation.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {

ValidationError ValidateMesh(const kuma::mesh::v1alpha1::Mesh& mesh);

}  // namespace meshplane
