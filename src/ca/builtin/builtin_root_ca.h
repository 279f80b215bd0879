// Generation of a builtin backend's self-signed root CA, with the template of Kuma's
// pkg/plugins/ca/builtin/ca.go (mtls.md §1.3):
//   RSA key of `rsa_bits`; subject = issuer = O=Kuma, OU=Mesh, CN=<mesh>; serial 0;
//   notBefore = now - 10s; notAfter = now + validity; basicConstraints critical CA:TRUE (no path
//   length); keyUsage critical keyCertSign, cRLSign; no extended key usage; one URI SAN
//   spiffe://<mesh>; subjectKeyIdentifier; signed with SHA-256.
#pragma once

#include <chrono>
#include <string>

#include "core/error.h"
#include "core/resource.h"

namespace meshplane {

inline constexpr int kDefaultCaRsaBits = 2048;
// Kuma's DefaultCACertValidityPeriod: 10*365*24h.
inline constexpr std::chrono::hours kDefaultCaValidity{10 * 365 * 24};
// Kuma's DefaultAllowedClockSkew, subtracted from notBefore of every certificate it makes.
inline constexpr std::chrono::seconds kAllowedClockSkew{10};

struct GeneratedRootCa {
  std::string cert_pem;  // one CERTIFICATE block
  std::string key_pem;   // RSA PRIVATE KEY (PKCS#1)
  Timestamp not_after{};
};

Result<GeneratedRootCa> GenerateBuiltinRootCa(const std::string& mesh, int rsa_bits,
                                              std::chrono::seconds validity, Timestamp now);

}  // namespace meshplane
