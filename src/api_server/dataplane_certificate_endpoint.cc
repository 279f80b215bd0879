#include "api_server/dataplane_certificate_endpoint.h"

#include <spdlog/spdlog.h>

#include "api_server/rest_error.h"
#include "ca/mesh_ca.h"
#include "resources/dataplane/dataplane_helpers.h"

namespace meshplane {

namespace {

constexpr const char* kTitle = "Could not issue a certificate";

Status InvalidBody(const std::string& field, const std::string& message) {
  ValidationError err;
  err.AddViolation(field, message);
  return Status::Invalid(std::move(err));
}

// The CSR of the request body; empty when the body asks the control plane to generate a key.
Result<std::string> CsrOf(const std::string& body) {
  if (body.empty()) {
    return std::string();
  }
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::BadRequest("the body must be a JSON object such as {\"csr\": \"<PEM>\"}");
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "csr") {
      return InvalidBody(key, "unknown field; the only field is \"csr\"");
    }
  }
  if (!doc.contains("csr") || doc["csr"].is_null()) {
    return std::string();
  }
  if (!doc["csr"].is_string() || doc["csr"].get<std::string>().empty()) {
    return InvalidBody("csr", "must be a PEM CERTIFICATE REQUEST");
  }
  return doc["csr"].get<std::string>();
}

Json CertificateToJson(const WorkloadCertificate& cert, const std::vector<std::string>& bundle) {
  Json body = {{"certificate", cert.certificate_pem},
               {"caChain", cert.ca_chain_pem},
               {"trustBundle", bundle}};
  if (!cert.private_key_pem.empty()) {
    body["privateKey"] = cert.private_key_pem;
  }
  body["serialNumber"] = cert.serial_number;
  body["uriSans"] = cert.uri_sans;
  body["notBefore"] = FormatRfc3339(cert.not_before);
  body["notAfter"] = FormatRfc3339(cert.not_after);
  body["renewAt"] = FormatRfc3339(cert.renew_at);
  return body;
}

HttpServerResponse Issue(const RouteRequest& request, ResourceManager& manager,
                         const DataplaneCertificateOptions& options,
                         const CaPluginRegistry& plugins) {
  if (!request.http.from_loopback) {
    return ErrorResponse(
        Status::AccessDenied(
            "data plane proxy certificates are issued only to clients on the control plane's "
            "host until data plane proxies authenticate with dataplane tokens; call this "
            "endpoint from the control plane's host (for example through an SSH tunnel)"),
        "Access Denied");
  }
  const std::string mesh = request.Param("mesh");
  const std::string name = request.Param("name");
  Result<std::string> csr = CsrOf(request.http.body);
  if (!csr.ok()) {
    return ErrorResponse(csr.status(), kTitle);
  }
  const ResourceTypeDescriptor* mesh_type = manager.registry().FindByName("Mesh");
  const ResourceTypeDescriptor* dataplane_type = manager.registry().FindByName("Dataplane");
  if (mesh_type == nullptr || dataplane_type == nullptr) {
    return ErrorResponse(Status::Internal("the Mesh and Dataplane kinds are not registered"),
                         kTitle);
  }
  Result<Resource> mesh_resource = manager.Get(*mesh_type, ResourceKey{"", mesh});
  if (!mesh_resource.ok()) {
    return ErrorResponse(mesh_resource.status(), "Failed to retrieve Mesh");
  }
  Result<Resource> dataplane = manager.Get(*dataplane_type, ResourceKey{mesh, name});
  if (!dataplane.ok()) {
    return ErrorResponse(dataplane.status(), kTitle);
  }
  Result<TagSet> tags = DataplaneIdentityTags(*dataplane);
  if (!tags.ok()) {
    return ErrorResponse(Status::BadRequest(tags.status().message()), kTitle);
  }
  const WorkloadKeyRequest key = csr->empty()
                                     ? WorkloadKeyRequest::Generate(options.generated_key_type)
                                     : WorkloadKeyRequest::FromCsr(*csr);
  Result<WorkloadCertificate> cert =
      IssueMeshWorkloadCertificate(manager.store(), manager.registry(), plugins, mesh, *tags, key,
                                   Clock::now(), options.metrics);
  if (!cert.ok()) {
    const Status& s = cert.status();
    // Issuer input errors (a bad CSR, tags that cannot form a SPIFFE ID) are the caller's.
    if (s.code() == ErrorCode::kInvalidArgument) {
      return ErrorResponse(csr->empty() || s.message().rfind("invalid CSR", 0) != 0
                               ? Status::BadRequest(s.message())
                               : InvalidBody("csr", s.message()),
                           kTitle);
    }
    return ErrorResponse(s, kTitle);
  }
  Result<std::vector<std::string>> bundle =
      MeshTrustBundle(manager.store(), manager.registry(), plugins, mesh);
  if (!bundle.ok()) {
    return ErrorResponse(bundle.status(), kTitle);
  }
  spdlog::info("workload certificate issued mesh={} dataplane={} serial={} notAfter={} csr={}",
               mesh, name, cert->serial_number, FormatRfc3339(cert->not_after), !csr->empty());
  return JsonResponse(200, CertificateToJson(*cert, *bundle));
}

}  // namespace

void RegisterDataplaneCertificateEndpoint(Router& router, ResourceManager& manager,
                                          DataplaneCertificateOptions options,
                                          const CaPluginRegistry& plugins) {
  router.Add("POST", "/meshes/{mesh}/dataplanes/{name}/certificate",
             [&manager, options, &plugins](const RouteRequest& request) {
               return Issue(request, manager, options, plugins);
             });
}

}  // namespace meshplane
