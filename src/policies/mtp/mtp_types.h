// Plain inputs and outputs of the MeshTrafficPermission resolver. They do not depend on the
// registration of the MeshTrafficPermission kind: callers (the xDS generator, tests) build them
// from stored resources, a Dataplane inbound and a peer certificate.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/well_known_tags.h"
#include "policies/meshtrafficpermission/v1alpha1/meshtrafficpermission.pb.h"

namespace meshplane::mtp {

using MeshTrafficPermission =
    ::kuma::policies::meshtrafficpermission::v1alpha1::MeshTrafficPermission;
using Labels = std::map<std::string, std::string>;

// Labels and tags with a meaning for matching and ordering (Kuma's mesh_proto constants).
inline constexpr std::string_view kOriginLabel = "kuma.io/origin";
inline constexpr std::string_view kZoneLabel = "kuma.io/zone";
inline constexpr std::string_view kPolicyRoleLabel = "kuma.io/policy-role";
inline constexpr std::string_view kDisplayNameLabel = "kuma.io/display-name";
inline constexpr std::string_view kNamespaceLabel = "k8s.kuma.io/namespace";

// One MeshTrafficPermission as stored. `spec` must outlive every result that refers to it.
struct MtpPolicy {
  std::string name;
  Labels labels;  // kuma.io/origin, kuma.io/policy-role, kuma.io/zone, k8s.kuma.io/namespace
  const MeshTrafficPermission* spec = nullptr;
};

enum class ProxyType {
  kSidecar,
  kDelegatedGateway,  // a Dataplane with networking.gateway of type DELEGATED: proxyType Gateway
  kBuiltinGateway,    // MeshTrafficPermission never applies to builtin gateways
};

// One inbound of one data plane proxy: what a policy's top-level targetRef can select.
struct InboundTarget {
  std::string dataplane_name;
  Labels dataplane_labels;
  std::map<std::string, std::string> inbound_tags;
  std::string inbound_name;  // Dataplane networking.inbound[].name; matched by sectionName
  uint32_t port = 0;         // also matched by sectionName (as its decimal string)
  ProxyType proxy_type = ProxyType::kSidecar;
};

// The client as Envoy sees it on a Kuma mTLS filter chain.
struct Peer {
  // Tags from the client certificate's URI SANs: `spiffe://<mesh>/<svc>` and
  // `kuma://kuma.io/service/<svc>` give kuma.io/service values, `kuma://<k>/<v>` gives k=v.
  // Multi-valued: a proxy with several inbounds carries several values per key.
  std::map<std::string, std::set<std::string>> tags;
  // What Envoy's `envoy.matching.inputs.uri_san` yields for the client certificate.
  std::string spiffe_id;
  // What `envoy.matching.inputs.server_name` yields (the SNI the client sent).
  std::string sni;
};

enum class Action { kAllow, kDeny, kAllowWithShadowDeny };

// "Allow", "Deny", "AllowWithShadowDeny".
std::string_view ActionName(Action a);
// The Kuma spelling only (case-sensitive, as Kuma's enum); nullopt otherwise.
std::optional<Action> ParseAction(std::string_view s);

// k=v, or k!=v when negated. A subset is a conjunction of tags; the empty subset is everyone.
struct Tag {
  std::string key;
  std::string value;
  bool negated = false;
  bool operator==(const Tag&) const = default;
};
using Subset = std::vector<Tag>;

// "{}" or "{kuma.io/service=web, version!=v2}" in the subset's order.
std::string SubsetToString(const Subset& s);

}  // namespace meshplane::mtp
