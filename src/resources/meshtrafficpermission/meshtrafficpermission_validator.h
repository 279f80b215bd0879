// MeshTrafficPermission spec validation and deprecation warnings (Kuma 2.14's
// pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/{validator,deprecated}.go).
// Violations are rooted at `spec`.
#pragma once

#include <string>
#include <vector>

#include "core/validation.h"
#include "policies/meshtrafficpermission/v1alpha1/meshtrafficpermission.pb.h"

namespace meshplane {

ValidationError ValidateMeshTrafficPermission(
    const kuma::policies::meshtrafficpermission::v1alpha1::MeshTrafficPermission& spec);

std::vector<std::string> MeshTrafficPermissionDeprecations(
    const kuma::policies::meshtrafficpermission::v1alpha1::MeshTrafficPermission& spec);

// go-spiffe's spiffeid.FromString error for `id`, or "" when it is a valid SPIFFE ID.
std::string SpiffeIdError(const std::string& id);

// Kubernetes' IsDNS1123Subdomain messages for `value` (empty when valid).
std::vector<std::string> Dns1123SubdomainErrors(const std::string& value);

}  // namespace meshplane
