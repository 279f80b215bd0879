// Read-only views of a Dataplane spec that the rest of the control plane relies on (Kuma's
// api/mesh/v1alpha1/dataplane_helpers.go and pkg/core/resources/apis/mesh/dataplane_helpers.go):
// its tag sets, the identity tags of its workload certificate, its interfaces and its kind of
// proxy. Pure functions of the spec (and labels); no I/O.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/go_net.h"
#include "core/resource.h"
#include "core/well_known_tags.h"
#include "mesh/v1alpha1/dataplane.pb.h"

namespace meshplane {

inline constexpr const char* kMatchAllTag = "*";

// Tags with several values per key (Kuma's MultiValueTagSet): values are sorted and unique.
using TagSet = std::map<std::string, std::set<std::string>>;
// Tags with one value per key (Kuma's SingleValueTagSet).
using SingleValueTagSet = std::map<std::string, std::string>;

// The union of every inbound's tags and the gateway's tags (Kuma's Dataplane.TagSet()).
TagSet DataplaneTagSet(const kuma::mesh::v1alpha1::Dataplane& dp);

// One tag set per inbound, in order (empty for a tagless inbound), then the gateway's tags when
// there is a gateway (Kuma's Dataplane.SingleValueTagSets()). A proxy with neither has none.
std::vector<SingleValueTagSet> DataplaneSingleValueTagSets(
    const kuma::mesh::v1alpha1::Dataplane& dp);

// "k1=v1 k2=v2": pairs sorted, joined by one space (SingleValueTagSet.String()).
std::string FormatTags(const SingleValueTagSet& tags);
// "k1=a,b k2=v": values of a key sorted and joined by commas (MultiValueTagSet.String()); this
// is the TAGS column of `get dataplanes`.
std::string FormatTags(const TagSet& tags);

// The tags a workload certificate of `dataplane` is issued for (Kuma's identity_tags.go): its
// TagSet when it has a `kuma.io/service` value; otherwise {kuma.io/service: <label
// kuma.io/workload>}. Fails with kInvalidArgument and Kuma's text
// `dataplane "<name>" has no kuma.io/service tag and no kuma.io/workload label, cannot derive
// mTLS identity` when neither exists.
Result<TagSet> DataplaneIdentityTags(const Resource& dataplane);

bool IsDelegatedGateway(const kuma::mesh::v1alpha1::Dataplane& dp);
bool IsBuiltinGateway(const kuma::mesh::v1alpha1::Dataplane& dp);

// "gateway" for a builtin gateway, "sidecar" otherwise (the kuma.io/proxy-type label).
std::string ProxyType(const kuma::mesh::v1alpha1::Dataplane& dp);

// Kuma's ParseProtocol: case-insensitive http, http2, tcp, grpc, kafka, tls, mysql; "" when
// unknown.
std::string ParseProtocol(const std::string& value);

// Where an inbound listens and forwards to (Kuma's InboundInterface): the listener address
// (inbound.address or networking.address) and port, and the workload address (serviceAddress
// or the listener address) and port (servicePort or port).
struct InboundInterface {
  std::string dataplane_ip;
  uint32_t dataplane_port = 0;
  std::string workload_ip;
  uint32_t workload_port = 0;
};
InboundInterface ToInboundInterface(const kuma::mesh::v1alpha1::Dataplane::Networking& networking,
                                    const kuma::mesh::v1alpha1::Dataplane::Networking::Inbound& in);

// Kuma's UsesInboundInterface / UsesOutboundInterface: some inbound listener or workload (or
// outbound listener, at outbound.address or 127.0.0.1) uses `port` on an address that overlaps
// `address` (equal, or either side unspecified: 0.0.0.0 or ::).
bool UsesInboundInterface(const kuma::mesh::v1alpha1::Dataplane& dp, const GoIp& address,
                          uint32_t port);
bool UsesOutboundInterface(const kuma::mesh::v1alpha1::Dataplane& dp, const GoIp& address,
                           uint32_t port);

// True when every key of `selector` is present in `tags` with a value that contains the
// selector's value as a substring, or the selector value is "*" (Kuma's
// TagSelector.MatchesFuzzy). An empty selector matches everything.
bool MatchesTagsFuzzy(const SingleValueTagSet& selector,
                      const google::protobuf::Map<std::string, std::string>& tags);

// MatchesTagsFuzzy against any inbound's tags or the gateway's tags (Dataplane.MatchTagsFuzzy):
// the `tag` filter of the REST list of dataplanes.
bool DataplaneMatchesTagsFuzzy(const kuma::mesh::v1alpha1::Dataplane& dp,
                               const SingleValueTagSet& selector);

}  // namespace meshplane
