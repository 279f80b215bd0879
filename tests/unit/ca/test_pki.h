// Real keys and certificates for tests, made with OpenSSL: CA and non-CA certificates with
// chosen extensions, and private keys in PKCS#8 or traditional (PKCS#1 / SEC1) PEM.
#pragma once

#include <string>

#include "ca/tls_key_pair.h"

namespace meshplane::test_pki {

enum class KeyType { kRsa2048, kEcP256, kEd25519 };

EvpPkeyPtr GenerateKey(KeyType type);

// PEM of the private key: `PRIVATE KEY` (PKCS#8) or the traditional form
// (`RSA PRIVATE KEY` / `EC PRIVATE KEY`).
std::string PrivateKeyPem(EVP_PKEY* key, bool pkcs8 = true);

struct CertOptions {
  std::string common_name = "test-ca";
  // OpenSSL extension values; an empty value leaves the extension out.
  std::string basic_constraints = "critical,CA:TRUE";
  std::string key_usage = "critical,keyCertSign,cRLSign";
};

// A self-signed certificate for `key`, in PEM.
std::string SelfSignedCertPem(EVP_PKEY* key, const CertOptions& options = {});

// A CA certificate and its PKCS#8 key, both PEM.
struct CaMaterial {
  std::string cert_pem;
  std::string key_pem;
};
CaMaterial MakeCa(KeyType type = KeyType::kEcP256, const CertOptions& options = {});

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `contents` to `<dir>/<name>` and returns the file's path.
  std::string WriteFile(const std::string& name, const std::string& contents) const;

 private:
  std::string path_;
};

}  // namespace meshplane::test_pki
