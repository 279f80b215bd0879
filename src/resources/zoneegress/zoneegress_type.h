// The ZoneEgress kind (a zone egress proxy): global-scoped, REST path `zoneegresses`, CLI
// `zoneegress`/`zoneegresses` (also `zone-egress`/`zone-egresses`), legacy Universal shape.
// Validation is Kuma's ZoneEgressResource.Validate()
// (pkg/core/resources/apis/mesh/zone_egress_validator.go), quirks included: an invalid address
// is reported at `networking.address.address`, as Kuma does.
#pragma once

#include "core/resource.h"
#include "core/resource_type.h"
#include "core/validation.h"
#include "mesh/v1alpha1/zoneegress.pb.h"

namespace meshplane {

inline constexpr const char* kZoneEgressTypeName = "ZoneEgress";

void RegisterZoneEgressType(ResourceTypeRegistry& registry);

const ResourceTypeDescriptor& ZoneEgressType();

ValidationError ValidateZoneEgress(const kuma::mesh::v1alpha1::ZoneEgress& egress);

}  // namespace meshplane
