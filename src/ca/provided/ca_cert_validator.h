// The X509-SVID requirements on a provided CA (Kuma's ca_cert_validator.go): the certificate
// and key form a TLS key pair, and every certificate of the chain is a CA (basic constraint
// CA=true) with key usage keyCertSign and without keyAgreement. Violations are at `cert`
// (the pair) and `cert[k]` (the k-th certificate).
#pragma once

#include <string>

#include "core/validation.h"

namespace meshplane {

ValidationError ValidateCaCertificate(const std::string& cert_pem, const std::string& key_pem);

}  // namespace meshplane
