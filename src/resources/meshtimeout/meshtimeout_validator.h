// MeshTimeout spec validation (Kuma 2.14's pkg/plugins/policies/meshtimeout/api/v1alpha1/
// validator.go). Violations are rooted at `spec`. `system_role` is true for policies labelled
// `kuma.io/policy-role: system`, which may also target a MeshGateway.
#pragma once

#include "core/validation.h"
#include "policies/meshtimeout/v1alpha1/meshtimeout.pb.h"

namespace meshplane {

ValidationError ValidateMeshTimeout(const kuma::policies::meshtimeout::v1alpha1::MeshTimeout& spec,
                                    bool system_role);

}  // namespace meshplane
