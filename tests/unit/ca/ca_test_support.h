// Helpers for the CA tests: decode PEM, verify a leaf against roots with OpenSSL's own chain
// verification, read extensions, and make an intermediate CA under a root.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

#include "ca/ca_plugin.h"
#include "ca/x509_certificate.h"

namespace meshplane::ca_test {

X509Ptr ParsePem(const std::string& pem);

// X509_verify_cert of `leaf_pem` with `roots_pem` trusted and `untrusted_pem` as intermediates,
// at time `at` (0: now). Returns "" on success, OpenSSL's reason otherwise.
std::string VerifyChain(const std::string& leaf_pem, const std::string& roots_pem,
                        const std::string& untrusted_pem = "", time_t at = 0);

// Key usage bits (X509_get_key_usage) and extended key usage NIDs.
uint32_t KeyUsage(X509* cert);
std::vector<int> ExtendedKeyUsageNids(X509* cert);
bool IsCa(X509* cert);
bool IsExtensionCritical(X509* cert, int nid);

// A CA (RSA 2048) signed by `parent`, with CA:TRUE and keyCertSign,cRLSign; cert and PKCS#8 key
// in PEM.
SigningCa MakeIntermediate(const SigningCa& parent, const std::string& common_name);

}  // namespace meshplane::ca_test
