// A mesh's CA as the rest of the control plane uses it, resolved from the stored Mesh:
//
//   EnsureMeshCas                 creates missing CA material of every listed backend (the Mesh
//                                 lifecycle calls it inside the Mesh write's transaction);
//   IssueMeshWorkloadCertificate  a proxy identity certificate from the ENABLED backend;
//   MeshTrustBundle               the root PEM(s) proxies of the mesh must trust;
//   DescribeMeshMtls              what `GET /meshes/{mesh}/mtls` and `inspect mesh` show.
//
// Typical callers (REST `POST /meshes/{mesh}/dataplanes/{name}/certificate`, the xDS server):
//
//   Result<WorkloadCertificate> cert = IssueMeshWorkloadCertificate(
//       manager.store(), manager.registry(), CaPluginRegistry::Builtin(), "default",
//       {{"kuma.io/service", {"web"}}}, WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048),
//       Clock::now());
//   // or WorkloadKeyRequest::FromCsr(csr_pem): the proxy keeps its private key.
//
// Pass a WorkloadCertificateMetrics to count issued certificates and failures of a mesh whose
// Mesh exists. All of them read through `store` (pass a transaction to see its writes) and never
// write, except EnsureMeshCas. Errors:
//   kNotFound     `resource not found: type="Mesh" name="<mesh>" mesh=""` (no such mesh), or
//                 a missing CA Secret / file (message names the mesh and backend);
//   kBadRequest   `CA default backend in mesh "<mesh>" has to be defined` (mTLS is disabled),
//                 an invalid dpCert.rotation.expiration;
//   kInvalidArgument  from the issuer (bad tags or CSR, see workload_cert_issuer.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ca/ca_plugin_registry.h"
#include "ca/workload_cert_issuer.h"
#include "ca/workload_cert_metrics.h"
#include "ca/x509_certificate.h"
#include "core/resource.h"
#include "core/resource_type.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "store/resource_store.h"

namespace meshplane {

// Runs each listed backend's EnsureBackend (enabled or not, as Kuma), in order, through `tx`.
// The first failure is returned as `could not ensure CA of backend "<name>": <reason>`.
Status EnsureMeshCas(const std::string& mesh, const kuma::mesh::v1alpha1::Mesh& spec,
                     ResourceStore& tx, const ResourceTypeRegistry& registry,
                     const CaPluginRegistry& plugins, Timestamp now);

// Runs EnsureMeshCas for every stored mesh, each in its own transaction. The control plane calls
// it at startup so that meshes written before their CA could be made (an older version, a
// restore from backup) get one without waiting for their next update. A mesh whose CA cannot be
// made is logged and skipped; the result counts the meshes that failed.
Result<int> EnsureAllMeshCas(ResourceStore& store, const ResourceTypeRegistry& registry,
                             const CaPluginRegistry& plugins, Timestamp now);

Result<WorkloadCertificate> IssueMeshWorkloadCertificate(
    ResourceStore& store, const ResourceTypeRegistry& registry, const CaPluginRegistry& plugins,
    const std::string& mesh, const IdentityTags& tags, const WorkloadKeyRequest& key, Timestamp now,
    WorkloadCertificateMetrics* metrics = nullptr);

// The enabled backend's root certificate(s), PEM, one element per configured bundle.
Result<std::vector<std::string>> MeshTrustBundle(ResourceStore& store,
                                                 const ResourceTypeRegistry& registry,
                                                 const CaPluginRegistry& plugins,
                                                 const std::string& mesh);

struct MeshCaBackendStatus {
  std::string name;
  std::string type;
  std::string mode;  // STRICT | PERMISSIVE
  bool enabled = false;
  // The CA certificate (first of the bundle), or why it could not be read.
  std::optional<CertificateSummary> ca;
  std::string error;
};

struct MeshMtlsStatus {
  std::string mesh;
  std::string enabled_backend;  // empty: mTLS off
  std::vector<MeshCaBackendStatus> backends;
};

// Fails only when the mesh cannot be read; a backend whose CA cannot be read carries `error`.
Result<MeshMtlsStatus> DescribeMeshMtls(ResourceStore& store, const ResourceTypeRegistry& registry,
                                        const CaPluginRegistry& plugins, const std::string& mesh);

}  // namespace meshplane
