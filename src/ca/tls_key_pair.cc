#include "ca/tls_key_pair.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace meshplane {

namespace {

struct PemBlock {
  std::string type;
  std::string der;
};

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// Every well-formed PEM block of `pem`, in order. Text around blocks is ignored, as Go's
// pem.Decode does.
std::vector<PemBlock> ReadPemBlocks(std::string_view pem) {
  std::vector<PemBlock> blocks;
  if (pem.empty()) {
    return blocks;
  }
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) {
    return blocks;
  }
  while (true) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    if (PEM_read_bio(bio, &name, &header, &data, &len) != 1) {
      break;
    }
    blocks.push_back(
        PemBlock{name, std::string(reinterpret_cast<char*>(data), static_cast<size_t>(len))});
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
  }
  // The loop ends on "no start line" (or a malformed block); neither is an error to keep.
  ERR_clear_error();
  BIO_free(bio);
  return blocks;
}

std::string FormatTypes(const std::vector<std::string>& types) {
  // Go prints a []string with %v: "[A B]".
  std::string out = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) {
      out += " ";
    }
    out += types[i];
  }
  return out + "]";
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Result<X509Ptr> ParseCertificateDer(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!cert) {
    return Status::InvalidArgument(kMalformedCertificate);
  }
  if (p != end) {
    return Status::InvalidArgument("x509: trailing data");
  }
  return cert;
}

// The key families Go's crypto/tls knows; anything else is "unknown".
enum class KeyFamily { kRsa, kEcdsa, kEd25519, kOther };

KeyFamily FamilyOf(const EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return KeyFamily::kRsa;
    case EVP_PKEY_EC:
      return KeyFamily::kEcdsa;
    case EVP_PKEY_ED25519:
      return KeyFamily::kEd25519;
    default:
      return KeyFamily::kOther;
  }
}

// Go's parsePrivateKey: PKCS#1, then PKCS#8, then SEC1. The three encodings are structurally
// distinct, so at most one of them can succeed.
Result<EvpPkeyPtr> ParsePrivateKeyDer(const std::string& der) {
  const auto* begin = reinterpret_cast<const unsigned char*>(der.data());
  const long len = static_cast<long>(der.size());

  {
    const unsigned char* p = begin;
    PKCS8_PRIV_KEY_INFO* p8 = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, len);
    if (p8 != nullptr) {
      EvpPkeyPtr key(EVP_PKCS82PKEY(p8));
      PKCS8_PRIV_KEY_INFO_free(p8);
      ERR_clear_error();
      if (key) {
        if (FamilyOf(key.get()) == KeyFamily::kOther) {
          return Status::InvalidArgument("tls: found unknown private key type in PKCS#8 wrapping");
        }
        return key;
      }
    }
  }
  for (int type : {EVP_PKEY_RSA, EVP_PKEY_EC}) {
    const unsigned char* p = begin;
    EvpPkeyPtr key(d2i_PrivateKey(type, nullptr, &p, len));
    ERR_clear_error();
    if (key && EVP_PKEY_get_base_id(key.get()) == type) {
      return key;
    }
  }
  return Status::InvalidArgument("tls: failed to parse private key");
}

}  // namespace

Result<TlsKeyPair> ParseTlsKeyPair(std::string_view cert_pem, std::string_view key_pem) {
  TlsKeyPair pair;
  std::vector<std::string> skipped;
  for (PemBlock& block : ReadPemBlocks(cert_pem)) {
    if (block.type == "CERTIFICATE") {
      pair.certificates_der.push_back(std::move(block.der));
    } else {
      skipped.push_back(block.type);
    }
  }
  if (pair.certificates_der.empty()) {
    if (skipped.empty()) {
      return Status::InvalidArgument("tls: failed to find any PEM data in certificate input");
    }
    if (skipped.size() == 1 && EndsWith(skipped[0], "PRIVATE KEY")) {
      return Status::InvalidArgument(
          "tls: failed to find certificate PEM data in certificate input, but did find a "
          "private key; PEM inputs may have been switched");
    }
    return Status::InvalidArgument(
        "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM "
        "blocks of the following types: " +
        FormatTypes(skipped));
  }

  skipped.clear();
  const PemBlock* key_block = nullptr;
  std::vector<PemBlock> key_blocks = ReadPemBlocks(key_pem);
  for (const PemBlock& block : key_blocks) {
    if (block.type == "PRIVATE KEY" || EndsWith(block.type, " PRIVATE KEY")) {
      key_block = &block;
      break;
    }
    skipped.push_back(block.type);
  }
  if (key_block == nullptr) {
    if (skipped.empty()) {
      return Status::InvalidArgument("tls: failed to find any PEM data in key input");
    }
    if (skipped.size() == 1 && skipped[0] == "CERTIFICATE") {
      return Status::InvalidArgument(
          "tls: found a certificate rather than a key in the PEM for the private key");
    }
    return Status::InvalidArgument(
        "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after "
        "skipping PEM blocks of the following types: " +
        FormatTypes(skipped));
  }

  Result<X509Ptr> leaf = ParseCertificateDer(pair.certificates_der[0]);
  if (!leaf.ok()) {
    return leaf.status();
  }
  Result<EvpPkeyPtr> key = ParsePrivateKeyDer(key_block->der);
  if (!key.ok()) {
    return key.status();
  }

  const EVP_PKEY* public_key = X509_get0_pubkey(leaf->get());
  ERR_clear_error();
  if (public_key == nullptr || FamilyOf(public_key) == KeyFamily::kOther) {
    return Status::InvalidArgument("tls: unknown public key algorithm");
  }
  if (FamilyOf(public_key) != FamilyOf(key->get())) {
    return Status::InvalidArgument("tls: private key type does not match public key type");
  }
  int same = EVP_PKEY_eq(public_key, key->get());
  ERR_clear_error();
  if (same != 1) {
    return Status::InvalidArgument("tls: private key does not match public key");
  }
  pair.private_key = std::move(*key);
  return pair;
}

}  // namespace meshplane
