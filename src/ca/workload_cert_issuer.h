// Issues a data plane proxy's identity (workload) certificate: Kuma's NewWorkloadCert
// (pkg/core/ca/issuer/issuer.go, mtls.md §3.3-§3.4). Pure apart from randomness: the clock and
// the CA are inputs; nothing is stored (Kuma keeps workload certificates in memory only).
//
// The certificate:
//   subject empty; issuer = the CA's first certificate; serial uniform in [1, 2^128-1];
//   notBefore = now - 10s; notAfter = now + validity (UTC, to the second);
//   basicConstraints critical CA:FALSE; extendedKeyUsage serverAuth, clientAuth;
//   keyUsage (critical) by the leaf's key type:
//     RSA:   digitalSignature, keyEncipherment, keyAgreement (Kuma's, bit for bit);
//     ECDSA: digitalSignature, keyAgreement — keyEncipherment is dropped because an EC key
//            cannot encrypt (RFC 5480 §3 does not allow it for id-ecPublicKey);
//     other: digitalSignature;
//   subjectAltName (critical, since the subject is empty) with URIs only, in this order:
//     spiffe://<mesh>/<service> for each kuma.io/service value, ascending;
//     kuma://<key>/<value> for each tag key ascending (kuma.io/service included) and each of
//     its values ascending;
//   authorityKeyIdentifier = the CA's subjectKeyIdentifier, when it has one.
// Signed with SHA-256 (SHA-384/512 for an ECDSA CA on a larger curve).
//
// Errors (kInvalidArgument) a caller may show to users:
//   `dataplane has no kuma.io/service tag, cannot derive mTLS identity`
//   `invalid path segment "<v>": path segment characters are limited to letters, numbers, dots,
//    dashes, and underscores` (go-spiffe's text; also for "." / ".." / "")
//   `invalid Kuma URI: ...` (a tag key Go's url.Parse would reject)
//   `invalid CSR: ...` (unparseable CSR or a signature that does not verify)
//   `failed to load CA key pair: ...` (the SigningCa is not a valid key pair)
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ca/ca_plugin.h"
#include "core/error.h"
#include "core/resource.h"
#include "core/well_known_tags.h"

namespace meshplane {

// A Dataplane's identity tags: every value of every inbound / gateway tag (Kuma's
// MultiValueTagSet).
using IdentityTags = std::map<std::string, std::set<std::string>>;

// Kuma's DefaultWorkloadCertValidityPeriod, used when dpCert.rotation.expiration is not set.
inline constexpr std::chrono::hours kDefaultWorkloadCertValidity{24};

// The key type of a generated workload key (config `ca.workloadCertificateKeyType`).
enum class WorkloadKeyType { kRsa2048, kEcdsaP256 };

// "RSA" or "ECDSA" (the values of `ca.workloadCertificateKeyType`); kInvalidArgument otherwise.
Result<WorkloadKeyType> ParseWorkloadKeyType(const std::string& name);

// Where the certificate's public key comes from: a key the control plane generates (and
// returns), or a PKCS#10 CSR made by the proxy, whose private key never leaves the proxy. Of a
// CSR only the public key and its signature are used; its subject and SANs are ignored because
// the control plane alone decides identity.
struct WorkloadKeyRequest {
  static WorkloadKeyRequest Generate(WorkloadKeyType type) { return {type, std::nullopt}; }
  static WorkloadKeyRequest FromCsr(std::string csr_pem) {
    return {WorkloadKeyType::kRsa2048, std::move(csr_pem)};
  }
  bool uses_csr() const { return csr_pem.has_value(); }

  WorkloadKeyType generate = WorkloadKeyType::kRsa2048;
  // PEM `CERTIFICATE REQUEST`; when set (even empty, which is rejected), nothing is generated.
  std::optional<std::string> csr_pem;
};

struct WorkloadCertificate {
  // The leaf alone, one PEM block. This is what Kuma puts in the proxy's identity secret.
  std::string certificate_pem;
  // The CA certificate(s) the leaf was issued under, as configured: the builtin root, or the
  // whole `conf.cert` of a provided backend (issuing CA first). Proxies already trust these
  // through the trust bundle; append them to `certificate_pem` for a full chain.
  std::string ca_chain_pem;
  // The generated key (PKCS#1 `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY`); empty for a CSR.
  std::string private_key_pem;
  std::string serial_number;  // decimal
  std::vector<std::string> uri_sans;
  Timestamp not_before{};
  Timestamp not_after{};
  // When to get a new one: issue time + 4/5 of (notAfter - issue time), as Kuma's rotation.
  Timestamp renew_at{};
};

struct WorkloadCertificateParams {
  std::string mesh;  // the SPIFFE trust domain
  IdentityTags tags;
  std::chrono::seconds validity = kDefaultWorkloadCertValidity;
  Timestamp now{};
};

Result<WorkloadCertificate> IssueWorkloadCertificate(const WorkloadCertificateParams& params,
                                                     const SigningCa& ca,
                                                     const WorkloadKeyRequest& key);

// The URI SANs for `tags` in `mesh`, in certificate order (exposed for tests and callers that
// match peers).
Result<std::vector<std::string>> WorkloadUriSans(const std::string& mesh, const IdentityTags& tags);

}  // namespace meshplane
