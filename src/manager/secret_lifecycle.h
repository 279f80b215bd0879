// The Secret kind's manager rules (Kuma's SecretValidator, pkg/core/secrets/manager/validator.go):
//  - delete: a Secret that a CA backend of its mesh depends on (the backend plugin lists it in
//    UsedSecrets; enabled or not) cannot be deleted. The rejection is a kValidation status at
//    field `name` with Kuma's message, one violation per backend using it. A Secret whose mesh
//    no longer exists can always be deleted. `ManagerOptions::unsafe_delete` skips the rule.
// GlobalSecrets have no such rule: CA backends only read mesh-scoped Secrets.
#pragma once

#include <string>

#include "ca/ca_plugin_registry.h"
#include "core/validation.h"
#include "manager/resource_manager.h"

namespace meshplane {

// Installs the rules above for kind "Secret". `plugins` must outlive `manager`.
void RegisterSecretLifecycle(ResourceManager& manager,
                             const CaPluginRegistry& plugins = CaPluginRegistry::Builtin());

// Kuma's message for a Secret that backend `backend` of mesh `mesh` uses.
std::string SecretInUseMessage(const std::string& secret, const std::string& mesh,
                               const std::string& backend);

}  // namespace meshplane
