// Issues a data plane proxy's identity certificate over REST (a meshplane extension; Kuma keeps
// workload certificates inside its xDS server):
//
//   POST /meshes/{mesh}/dataplanes/{name}/certificate
//   body (optional): {"csr": "-----BEGIN CERTIFICATE REQUEST-----..."}
//
// The identity is the stored Dataplane's (its inbound and gateway tags, mtls.md §3.2), never the
// CSR's subject or SANs. With a CSR the proxy's private key never leaves the proxy; without one
// the control plane generates a key of `ca.workloadCertificateKeyType` and returns it.
//
// 200: {"certificate": leaf PEM, "caChain": PEM of the issuing CA certificate(s),
//       "trustBundle": [root PEM, ...] (what peers of the mesh are verified against),
//       "privateKey": PEM (only without a CSR), "serialNumber", "uriSans": [...],
//       "notBefore", "notAfter", "renewAt" (RFC 3339; renew at 4/5 of the lifetime)}
// 400 mTLS disabled, an invalid CSR, tags that cannot form an identity; 404 unknown mesh or
// dataplane; 403 for clients not on the control plane's host: until data plane proxies
// authenticate (dataplane tokens), anyone who can reach this endpoint could obtain a proxy's
// identity, so it is served to loopback clients only, like Secrets.
#pragma once

#include "api_server/router.h"
#include "ca/ca_plugin_registry.h"
#include "ca/workload_cert_issuer.h"
#include "ca/workload_cert_metrics.h"
#include "manager/resource_manager.h"

namespace meshplane {

struct DataplaneCertificateOptions {
  // The key type generated when the request carries no CSR.
  WorkloadKeyType generated_key_type = WorkloadKeyType::kRsa2048;
  // Optional; counts issued certificates and failures.
  WorkloadCertificateMetrics* metrics = nullptr;
};

// `manager`, `plugins` and `options.metrics` must outlive the router.
void RegisterDataplaneCertificateEndpoint(
    Router& router, ResourceManager& manager, DataplaneCertificateOptions options,
    const CaPluginRegistry& plugins = CaPluginRegistry::Builtin());

}  // namespace meshplane
