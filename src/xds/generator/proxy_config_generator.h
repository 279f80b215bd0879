// What a connected proxy receives is a pure function of (MeshContext, proxy): no I/O, no clocks.
// A generator may memoize work shared between proxies (e.g. the mesh-wide client resources of
// a zone) as long as equal inputs give equal outputs; layers built from unchanged inputs should be
// the same shared pointers, so the xDS server can skip proxies whose configuration did not change.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "xds/context/mesh_context.h"
#include "xds/xds_types.h"

namespace meshplane::xds {

enum class ProxyFlavor {
  kProxylessGrpc,  // a gRPC library's xDS client (node.user_agent_name other than "envoy")
  kEnvoy,          // an Envoy sidecar (node.user_agent_name "envoy")
};

struct ProxyDescriptor {
  std::string mesh;
  std::string name;  // the Dataplane's name; the node id is "<mesh>.<name>"
  ProxyFlavor flavor = ProxyFlavor::kProxylessGrpc;
};

class ProxyConfigGenerator {
 public:
  virtual ~ProxyConfigGenerator() = default;
  // Thread-safe. kNotFound when the proxy's Dataplane is not in `ctx`.
  virtual Result<XdsSnapshot> Generate(const std::shared_ptr<const MeshContext>& ctx,
                                       const ProxyDescriptor& proxy) = 0;
};

}  // namespace meshplane::xds
