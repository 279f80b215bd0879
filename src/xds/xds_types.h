// The unit of xDS delivery: typed resources, named and hashed, grouped by type URL.
// Resources are immutable once built and shared by pointer between proxies that receive the same
// thing, so a push to 10,000 proxies does not copy 10,000 listeners. The server compares
// `content_hash` to decide what changed; equal hashes mean equal serialized bytes.
#pragma once

#include <google/protobuf/any.pb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace meshplane::xds {

inline constexpr std::string_view kListenerType =
    "type.googleapis.com/envoy.config.listener.v3.Listener";
inline constexpr std::string_view kRouteConfigurationType =
    "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
inline constexpr std::string_view kClusterType =
    "type.googleapis.com/envoy.config.cluster.v3.Cluster";
inline constexpr std::string_view kClusterLoadAssignmentType =
    "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
inline constexpr std::string_view kSecretType =
    "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";

struct XdsResource {
  std::string name;
  google::protobuf::Any body;  // the packed Listener, Cluster, ...
  uint64_t content_hash = 0;   // of body's deterministic serialization
};

// Packs `message` into a resource named `name` and computes its hash.
std::shared_ptr<const XdsResource> MakeXdsResource(std::string name,
                                                   const google::protobuf::Message& message);

// Resources of one type, by name.
using XdsResourceMap = std::map<std::string, std::shared_ptr<const XdsResource>, std::less<>>;

// Everything one proxy may receive. Per type URL, one or more layers (e.g. the mesh-wide client
// resources shared by every proxy of a zone, plus the proxy's own server listeners); names are
// unique across the layers of a type. Layers are shared pointers so that identical inputs give
// pointer-identical layers, which the server uses as a cheap "nothing changed" test.
struct XdsSnapshot {
  std::map<std::string, std::vector<std::shared_ptr<const XdsResourceMap>>, std::less<>> layers;

  // The resource of `type_url` named `name`, or null.
  const XdsResource* Find(std::string_view type_url, std::string_view name) const;
  // Calls fn(resource) for every resource of `type_url`, layer by layer, names ascending
  // within a layer.
  template <typename Fn>
  void ForEach(std::string_view type_url, Fn&& fn) const {
    auto it = layers.find(type_url);
    if (it == layers.end()) {
      return;
    }
    for (const auto& layer : it->second) {
      for (const auto& [name, resource] : *layer) {
        fn(*resource);
      }
    }
  }
  size_t Count(std::string_view type_url) const;
};

}  // namespace meshplane::xds
