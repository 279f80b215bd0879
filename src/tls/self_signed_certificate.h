// Self-signed TLS certificates for HTTPS servers and their clients, made like Kuma's
// tls.NewSelfSignedCert (pkg/tls/cert.go), which `kumactl generate tls-certificate` uses:
//  - key: RSA 2048 (PEM `RSA PRIVATE KEY`, PKCS#1) or ECDSA P-256 (PEM `EC PRIVATE KEY`, SEC1);
//  - version 3, empty subject and issuer, random 128-bit serial;
//  - valid from now - 5 minutes (clock skew) for 10 years (3650 days);
//  - basic constraints critical CA:TRUE, key usage critical digitalSignature, keyEncipherment,
//    keyCertSign (so the certificate can be trusted as its own CA);
//  - extended key usage serverAuth (server) or clientAuth (client);
//  - subject alternative names, critical since the subject is empty: each host that parses as
//    an IP address (v4 or v6) is an IP SAN, every other host a DNS SAN, in the given order;
//  - a subject key identifier (SHA-1 of the public key), no authority key identifier;
//  - signed with SHA-256.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/resource.h"

namespace meshplane {

enum class TlsCertType { kServer, kClient };
enum class TlsKeyType { kRsa, kEcdsa };

struct SelfSignedCertificateRequest {
  TlsCertType type = TlsCertType::kServer;
  TlsKeyType key_type = TlsKeyType::kRsa;
  std::vector<std::string> hosts;
  Timestamp now = Now();
};

struct PemKeyPair {
  std::string cert_pem;
  std::string key_pem;
};

// Fails with kInvalidArgument for a host that cannot be put in a certificate (a non-ASCII DNS
// name, Go's `x509: "<host>" cannot be encoded as an IA5String`), kInternal if OpenSSL fails.
Result<PemKeyPair> NewSelfSignedCertificate(const SelfSignedCertificateRequest& request);

}  // namespace meshplane
