#include "resources/register.h"

#include "core/resource_type.h"
#include "resources/dataplane/dataplane_type.h"
#include "resources/mesh/mesh_type.h"
#include "resources/policy/policy_types.h"
#include "resources/secret/secret_type.h"
#include "resources/zoneegress/zoneegress_type.h"

namespace meshplane {

void RegisterBuiltinResourceTypes(ResourceTypeRegistry& registry) {
  RegisterMeshType(registry);
  RegisterSecretTypes(registry);
  RegisterPolicyTypes(registry);
  RegisterDataplaneType(registry);
  RegisterZoneEgressType(registry);
}

}  // namespace meshplane
