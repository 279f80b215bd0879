#include "ca/mesh_ca.h"

#include <spdlog/spdlog.h>

#include "ca/store_secret_lookup.h"
#include "core/duration.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::CertificateAuthorityBackend;
using kuma::mesh::v1alpha1::Mesh;

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

Result<Mesh> LoadMesh(ResourceStore& store, const ResourceTypeRegistry& registry,
                      const std::string& mesh) {
  const ResourceTypeDescriptor* mesh_type = registry.FindByName("Mesh");
  if (mesh_type == nullptr) {
    return Status::Internal("the Mesh kind is not registered");
  }
  Result<Resource> r = store.Get(*mesh_type, ResourceKey{"", mesh});
  if (!r.ok()) {
    return r.status().IsNotFound() ? Status::ResourceNotFound("Mesh", "", mesh) : r.status();
  }
  return r->SpecAs<Mesh>();
}

struct EnabledBackend {
  CertificateAuthorityBackend backend;
  const CaPlugin* plugin = nullptr;
};

Result<EnabledBackend> ResolveEnabledBackend(const std::string& mesh_name, const Mesh& mesh,
                                             const CaPluginRegistry& plugins) {
  const std::string& enabled = mesh.mtls().enabledbackend();
  for (const auto& backend : mesh.mtls().backends()) {
    if (!enabled.empty() && backend.name() == enabled) {
      const CaPlugin* plugin = plugins.Find(backend.type());
      if (plugin == nullptr) {
        return Status::Internal("CA manager of type " + backend.type() + " not exist");
      }
      return EnabledBackend{backend, plugin};
    }
  }
  // Kuma's text (identity_provider.go); a stored mesh never names a backend it does not list.
  return Status::BadRequest("CA default backend in mesh " + Quoted(mesh_name) +
                            " has to be defined");
}

Result<std::chrono::seconds> WorkloadValidity(const CertificateAuthorityBackend& backend) {
  const std::string& expiration = backend.dpcert().rotation().expiration();
  if (expiration.empty()) {
    return std::chrono::seconds(kDefaultWorkloadCertValidity);
  }
  std::optional<std::chrono::milliseconds> parsed = ParseKumaDuration(expiration);
  if (!parsed.has_value() || parsed->count() < 1000) {
    return Status::BadRequest("invalid dpCert.rotation.expiration " + Quoted(expiration) +
                              " of backend " + Quoted(backend.name()));
  }
  return std::chrono::duration_cast<std::chrono::seconds>(*parsed);
}

}  // namespace

Status EnsureMeshCas(const std::string& mesh, const Mesh& spec, ResourceStore& tx,
                     const ResourceTypeRegistry& registry, const CaPluginRegistry& plugins,
                     Timestamp now) {
  for (const auto& backend : spec.mtls().backends()) {
    const CaPlugin* plugin = plugins.Find(backend.type());
    if (plugin == nullptr) {
      // Validation rejects unknown types before this runs.
      return Status::Internal("CA manager of type " + backend.type() + " not exist");
    }
    Status st = plugin->EnsureBackend(mesh, backend, tx, registry, now);
    if (!st.ok()) {
      return Status(st.code(), "could not ensure CA of backend " + Quoted(backend.name()) + ": " +
                                   st.message());
    }
  }
  return Status::Ok();
}

Result<int> EnsureAllMeshCas(ResourceStore& store, const ResourceTypeRegistry& registry,
                             const CaPluginRegistry& plugins, Timestamp now) {
  const ResourceTypeDescriptor* mesh_type = registry.FindByName("Mesh");
  if (mesh_type == nullptr) {
    return Status::Internal("the Mesh kind is not registered");
  }
  Result<ResourceList> meshes = store.List(*mesh_type);
  if (!meshes.ok()) {
    return meshes.status();
  }
  int failed = 0;
  for (const Resource& mesh : meshes->items) {
    const Mesh& spec = mesh.SpecAs<Mesh>();
    if (spec.mtls().backends().empty()) {
      continue;
    }
    Status st = store.Transact([&](ResourceStore& tx) {
      return EnsureMeshCas(mesh.meta().name, spec, tx, registry, plugins, now);
    });
    if (!st.ok()) {
      ++failed;
      spdlog::warn("could not ensure the CA of mesh {}: {}", mesh.meta().name, st.message());
    }
  }
  return failed;
}

Result<WorkloadCertificate> IssueMeshWorkloadCertificate(
    ResourceStore& store, const ResourceTypeRegistry& registry, const CaPluginRegistry& plugins,
    const std::string& mesh, const IdentityTags& tags, const WorkloadKeyRequest& key, Timestamp now,
    WorkloadCertificateMetrics* metrics) {
  Result<Mesh> spec = LoadMesh(store, registry, mesh);
  if (!spec.ok()) {
    return spec.status();
  }
  std::string backend_name;
  auto counted = [&](Result<WorkloadCertificate> result) {
    if (metrics != nullptr) {
      result.ok() ? metrics->Issued(mesh, backend_name) : metrics->Failed(mesh, backend_name);
    }
    return result;
  };
  Result<EnabledBackend> enabled = ResolveEnabledBackend(mesh, *spec, plugins);
  if (!enabled.ok()) {
    return counted(enabled.status());
  }
  backend_name = enabled->backend.name();
  Result<std::chrono::seconds> validity = WorkloadValidity(enabled->backend);
  if (!validity.ok()) {
    return counted(validity.status());
  }
  Result<SigningCa> ca =
      enabled->plugin->LoadSigningCa(mesh, enabled->backend, StoreSecretLookup(store, registry));
  if (!ca.ok()) {
    return counted(ca.status());
  }
  WorkloadCertificateParams params;
  params.mesh = mesh;
  params.tags = tags;
  params.validity = *validity;
  params.now = now;
  return counted(IssueWorkloadCertificate(params, *ca, key));
}

Result<std::vector<std::string>> MeshTrustBundle(ResourceStore& store,
                                                 const ResourceTypeRegistry& registry,
                                                 const CaPluginRegistry& plugins,
                                                 const std::string& mesh) {
  Result<Mesh> spec = LoadMesh(store, registry, mesh);
  if (!spec.ok()) {
    return spec.status();
  }
  Result<EnabledBackend> enabled = ResolveEnabledBackend(mesh, *spec, plugins);
  if (!enabled.ok()) {
    return enabled.status();
  }
  return enabled->plugin->RootCertificates(mesh, enabled->backend,
                                           StoreSecretLookup(store, registry));
}

Result<MeshMtlsStatus> DescribeMeshMtls(ResourceStore& store, const ResourceTypeRegistry& registry,
                                        const CaPluginRegistry& plugins, const std::string& mesh) {
  Result<Mesh> spec = LoadMesh(store, registry, mesh);
  if (!spec.ok()) {
    return spec.status();
  }
  MeshMtlsStatus status;
  status.mesh = mesh;
  status.enabled_backend = spec->mtls().enabledbackend();
  SecretLookup secrets = StoreSecretLookup(store, registry);
  for (const auto& backend : spec->mtls().backends()) {
    MeshCaBackendStatus b;
    b.name = backend.name();
    b.type = backend.type();
    b.mode = CertificateAuthorityBackend::Mode_Name(backend.mode());
    b.enabled = !status.enabled_backend.empty() && backend.name() == status.enabled_backend;
    const CaPlugin* plugin = plugins.Find(backend.type());
    if (plugin == nullptr) {
      b.error = "CA manager of type " + backend.type() + " not exist";
    } else {
      Result<std::vector<std::string>> roots = plugin->RootCertificates(mesh, backend, secrets);
      if (!roots.ok()) {
        b.error = roots.status().message();
      } else {
        Result<std::vector<X509Ptr>> certs =
            ParseCertificatesPem(roots->empty() ? std::string() : roots->front());
        if (!certs.ok()) {
          b.error = "invalid CA certificate: " + certs.status().message();
        } else {
          b.ca = SummarizeCertificate(certs->front().get());
        }
      }
    }
    status.backends.push_back(std::move(b));
  }
  return status;
}

}  // namespace meshplane
