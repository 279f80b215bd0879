// MeshCircuitBreaker spec validation (Kuma 2.14's
// pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator.go). Violations are rooted at
// `spec`.
#pragma once

#include "core/validation.h"
#include "policies/meshcircuitbreaker/v1alpha1/meshcircuitbreaker.pb.h"

namespace meshplane {

ValidationError ValidateMeshCircuitBreaker(
    const kuma::policies::meshcircuitbreaker::v1alpha1::MeshCircuitBreaker& spec);

}  // namespace meshplane
