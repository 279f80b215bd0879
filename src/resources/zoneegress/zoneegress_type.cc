#include "resources/zoneegress/zoneegress_type.h"

#include "core/go_net.h"
#include "core/meta_validator.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::ZoneEgress;

}  // namespace

ValidationError ValidateZoneEgress(const ZoneEgress& egress) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("networking");
  const auto& networking = egress.networking();
  if (networking.has_admin()) {
    // Kuma's UsesInboundInterface(127.0.0.1, admin port): the egress listener overlaps the
    // loopback admin listener when it binds 127.0.0.1 or a wildcard address.
    std::optional<GoIp> ip = GoParseIp(networking.address());
    bool overlaps = ip.has_value() && (ip->IsUnspecified() || *ip == *GoParseIp("127.0.0.1"));
    if (networking.admin().port() == networking.port() && overlaps) {
      err.AddViolationAt(path.Field("admin").Field("port"), "must differ from port");
    }
  }
  if (!networking.address().empty()) {
    // Kuma passes `networking.address` to a helper that appends `address` again.
    const PathBuilder field = path.Field("address").Field("address");
    if (networking.address() == "0.0.0.0" || networking.address() == "::") {
      err.AddViolationAt(field, "must not be 0.0.0.0 or ::");
    }
    if (!GoParseIp(networking.address()).has_value() && !GoIsDnsName(networking.address())) {
      err.AddViolationAt(field, "address has to be valid IP address or domain name");
    }
  }
  if (networking.port() == 0 || networking.port() > 65535) {
    err.AddViolationAt(path.Field("port"), "port must be in the range [1, 65535]");
  }
  return err;
}

void RegisterZoneEgressType(ResourceTypeRegistry& registry) {
  ResourceTypeDescriptor d;
  d.name = kZoneEgressTypeName;
  d.plural_path = "zoneegresses";
  d.cli_singular = "zoneegress";
  d.cli_plural = "zoneegresses";
  d.cli_singular_alias = "zone-egress";
  d.cli_plural_alias = "zone-egresses";
  d.singular_display = "Zone Egress";
  d.plural_display = "Zone Egresses";
  d.scope = ResourceScope::kGlobal;
  d.include_in_federation = true;
  d.spec_at_top_level = true;
  d.spec_descriptor = ZoneEgress::descriptor();
  d.validate = [](const Resource& r) { return ValidateZoneEgress(r.SpecAs<ZoneEgress>()); };
  d.deprecations = [](const Resource& r) { return NameDeprecationWarnings(r); };
  registry.Register(std::move(d));
}

const ResourceTypeDescriptor& ZoneEgressType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kZoneEgressTypeName);
}

}  // namespace meshplane
