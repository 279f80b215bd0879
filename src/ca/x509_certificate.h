// Small OpenSSL 3 building blocks shared by the CA code: owning pointers, key generation, PEM
// encoding of certificates and keys, extension editing and a printable summary of a certificate.
// Every function that can fail returns a Status carrying OpenSSL's reason; none aborts.
#pragma once

#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ca/tls_key_pair.h"
#include "core/error.h"
#include "core/resource.h"

namespace meshplane {

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// "<what>: <OpenSSL's first queued error>", and clears the queue.
std::string OpenSslError(const std::string& what);

// A fresh RSA key of `bits`, or an ECDSA key on P-256.
Result<EvpPkeyPtr> GenerateRsaKey(int bits);
Result<EvpPkeyPtr> GenerateEcdsaP256Key();

// The certificate as one PEM `CERTIFICATE` block.
std::string CertificatePem(X509* cert);
// The key in its traditional PEM form: `RSA PRIVATE KEY` (PKCS#1) for RSA, as Kuma writes it;
// `EC PRIVATE KEY` (SEC1) for ECDSA; `PRIVATE KEY` (PKCS#8) for anything else.
std::string PrivateKeyPem(EVP_PKEY* key);

// Every CERTIFICATE block of `pem`, in order; kInvalidArgument when there is none or one does not
// parse.
Result<std::vector<X509Ptr>> ParseCertificatesPem(std::string_view pem);
Result<X509Ptr> ParseCertificateDer(const std::string& der);

// Adds the extension `nid` with OpenSSL's config-style `value` (e.g. "critical,CA:TRUE"),
// with `issuer` as the issuing certificate (for authorityKeyIdentifier).
Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value);

// Sets notBefore/notAfter to the given instants (second precision, UTC).
Status SetValidity(X509* cert, Timestamp not_before, Timestamp not_after);

// The digest a CA key signs with: SHA-256 for RSA and P-256, SHA-384/512 for larger curves,
// none (the key's own) for Ed25519 — what Go's x509.CreateCertificate picks.
const EVP_MD* SignatureDigestFor(EVP_PKEY* signing_key);

Timestamp AsnTimeToTimestamp(const ASN1_TIME* t);

// What users see of a certificate (GET /meshes/{mesh}/mtls, `meshplane inspect mesh`).
struct CertificateSummary {
  std::string subject;  // RFC 2253 order, as Go prints a pkix.Name: "CN=default,OU=Mesh,O=Kuma"
  std::string issuer;
  std::string serial_number;  // decimal
  Timestamp not_before{};
  Timestamp not_after{};
  std::string sha256_fingerprint;  // "AB:CD:...", as `openssl x509 -fingerprint -sha256`
  std::vector<std::string> uri_sans;
};
CertificateSummary SummarizeCertificate(X509* cert);

}  // namespace meshplane
