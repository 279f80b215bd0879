// A certificate chain and the private key of its first certificate, read from PEM with the
// rules and error texts of Go's tls.X509KeyPair, so that users see the messages Kuma shows:
//  - every CERTIFICATE block of the cert input is part of the chain, other blocks are skipped;
//  - the first block whose type is `PRIVATE KEY` or ends in ` PRIVATE KEY` is the key, in
//    PKCS#1 (RSA), PKCS#8 (RSA, ECDSA, Ed25519) or SEC1 (ECDSA) form;
//  - the key must belong to the first certificate.
// Only the first certificate is parsed here; the others are kept as DER for the caller.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace meshplane {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

struct TlsKeyPair {
  // DER of every certificate of the chain, in input order; never empty.
  std::vector<std::string> certificates_der;
  EvpPkeyPtr private_key;
};

// Parses `cert_pem` and `key_pem`. On failure the status (kInvalidArgument) carries Go's text,
// e.g. `tls: private key does not match public key` or
// `tls: failed to find any PEM data in certificate input`.
Result<TlsKeyPair> ParseTlsKeyPair(std::string_view cert_pem, std::string_view key_pem);

// The message Go's x509.ParseCertificate gives for DER it cannot read.
inline constexpr const char* kMalformedCertificate = "x509: malformed certificate";

}  // namespace meshplane
