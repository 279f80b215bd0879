// MeshRetry spec validation (Kuma 2.14's pkg/plugins/policies/meshretry/api/v1alpha1/
// validator.go). Violations are rooted at `spec`; as in Kuma, the checks of a `default` are
// nested under `default.conf` (e.g. `spec.to[0].default.conf.http.backOff`).
#pragma once

#include "core/validation.h"
#include "policies/meshretry/v1alpha1/meshretry.pb.h"

namespace meshplane {

ValidationError ValidateMeshRetry(const kuma::policies::meshretry::v1alpha1::MeshRetry& spec);

}  // namespace meshplane
