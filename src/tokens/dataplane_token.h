// Dataplane tokens in Kuma's format: an RS256 JWT signed with the mesh's
// `dataplane-token-signing-key-<mesh>-<serial>` Secret (the highest serial signs; every stored
// serial verifies), header `kid` = the serial. Claims: Name, Mesh, Tags, Type, Workload, jti,
// iat, nbf (now-5s) and exp (now+validFor+5s). Revoked jtis are listed in the Secret
// `dataplane-token-revocations-<mesh>`.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

class ResourceStore;

struct DataplaneTokenRequest {
  std::string mesh;
  std::string name;                                       // empty: any name
  std::map<std::string, std::vector<std::string>> tags;   // empty: any tags
  std::string type;                                       // "dataplane" (default), ...
  std::string workload;                                   // empty: any workload
  std::chrono::seconds valid_for{std::chrono::hours(24 * 365 * 10)};
};

struct DataplaneTokenClaims {
  std::string mesh;
  std::string name;
  std::map<std::string, std::vector<std::string>> tags;
  std::string type;
  std::string workload;
  std::string jti;
  Timestamp issued_at{};
  Timestamp not_before{};
  Timestamp expires_at{};
  std::string key_id;  // the signing key's serial
};

// Signs a token with the mesh's newest signing key. kMeshNotFound / kNotFound when the mesh or
// its signing key is missing.
Result<std::string> IssueDataplaneToken(ResourceStore& store, const ResourceTypeRegistry& registry,
                                        const DataplaneTokenRequest& request, Timestamp now);

// Checks the signature (with the key named by `kid` in `mesh`), expiry, not-before and
// revocation. kUnauthenticated with a user-facing reason on any failure.
Result<DataplaneTokenClaims> VerifyDataplaneToken(ResourceStore& store,
                                                  const ResourceTypeRegistry& registry,
                                                  const std::string& mesh, std::string_view token,
                                                  Timestamp now);

// Kuma's authorization of a verified token against the Dataplane it is used for: name and mesh
// equal when present, every token tag present on the Dataplane with every value allowed, the
// workload equal to the `kuma.io/workload` label when present. kAccessDenied with the reason.
Status AuthorizeDataplaneToken(const DataplaneTokenClaims& claims, const Resource& dataplane);

}  // namespace meshplane
