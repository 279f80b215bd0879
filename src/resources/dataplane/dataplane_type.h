// The Dataplane kind (a data plane proxy): mesh-scoped, REST path `dataplanes`, CLI
// `dataplane`/`dataplanes`, short name `dp`, legacy Universal shape (spec fields at the top
// level). Spec validation is ValidateDataplane; the manager rules (zone tag, computed labels,
// membership) are in manager/dataplane_lifecycle.h.
#pragma once

#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

inline constexpr const char* kDataplaneTypeName = "Dataplane";

void RegisterDataplaneType(ResourceTypeRegistry& registry);

// The registered descriptor of the builtin registry.
const ResourceTypeDescriptor& DataplaneType();

}  // namespace meshplane
