// Spec validation of a Dataplane (Kuma's DataplaneResource.Validate(),
// pkg/core/resources/apis/mesh/dataplane_validator.go), emitting Kuma's field paths and messages
// in Kuma's order, including the `networking.transparentProxing` spelling of reachable backend
// paths. No defaulting and no store access: the manager adds the zone tag and checks membership.
#pragma once

#include "core/validation.h"
#include "mesh/v1alpha1/dataplane.pb.h"

namespace meshplane {

ValidationError ValidateDataplane(const kuma::mesh::v1alpha1::Dataplane& dp);

}  // namespace meshplane
