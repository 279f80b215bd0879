// Token signing keys as Kuma stores them (pkg/core/tokens/keys.go): a fresh RSA-2048 private key
// in PKCS#1 PEM ("-----BEGIN RSA PRIVATE KEY-----"), kept as the bytes of a Secret.
#pragma once

#include <string>

#include "core/error.h"

namespace meshplane {

inline constexpr int kSigningKeyBits = 2048;

// Generates a new signing key; kInternal only if OpenSSL fails.
Result<std::string> NewSigningKeyPem();

// Name prefix of a mesh's data plane token signing keys: "dataplane-token-signing-key-<mesh>";
// the keys are "<prefix>-<serial>", the first one "-1".
std::string DataplaneTokenSigningKeyPrefix(const std::string& mesh);

}  // namespace meshplane
