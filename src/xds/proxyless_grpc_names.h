// Names shared by the proxyless gRPC generator, the data plane agent that writes the gRPC xDS
// bootstrap, and the applications: they must agree, so they live in one place.
//
//   client target             xds:///<service>.mesh or xds:///<service>.mesh:<port>
//   server listener template  grpc/server?xds.resource.listening_address=%s
//   certificate provider      "meshplane" (a file_watcher over the agent's cert, key and CA files)
//   token in node metadata    "dataplane.token" (gRPC xDS clients cannot add call headers)
#pragma once

#include <string_view>

namespace meshplane::xds {

inline constexpr std::string_view kProxylessServiceHostSuffix = ".mesh";
inline constexpr std::string_view kServerListenerNamePrefix =
    "grpc/server?xds.resource.listening_address=";
inline constexpr std::string_view kServerListenerNameTemplate =
    "grpc/server?xds.resource.listening_address=%s";
inline constexpr std::string_view kCertificateProviderInstance = "meshplane";
inline constexpr std::string_view kNodeMetadataToken = "dataplane.token";

}  // namespace meshplane::xds
