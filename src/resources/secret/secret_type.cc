#include "resources/secret/secret_type.h"

#include "core/meta_validator.h"
#include "resources/secret/secret_k8s_codec.h"
#include "system/v1alpha1/secret.pb.h"

namespace meshplane {

namespace {

ResourceTypeDescriptor SecretDescriptor() {
  ResourceTypeDescriptor d;
  d.name = kSecretTypeName;
  d.plural_path = "secrets";
  d.cli_singular = "secret";
  d.cli_plural = "secrets";
  d.singular_display = "Secret";
  d.plural_display = "Secrets";
  d.scope = ResourceScope::kMesh;
  d.admin_only = true;
  d.spec_at_top_level = true;
  d.k8s_api_version = "v1";
  d.spec_descriptor = kuma::system::v1alpha1::Secret::descriptor();
  d.deprecations = [](const Resource& r) { return NameDeprecationWarnings(r); };
  d.encode_kubernetes = EncodeKubernetesSecret;
  d.decode_kubernetes = [](const Json& doc, std::vector<std::string>* warnings) {
    return DecodeKubernetesSecret(doc, kSecretTypeName, warnings);
  };
  return d;
}

}  // namespace

void RegisterSecretTypes(ResourceTypeRegistry& registry) {
  registry.Register(SecretDescriptor());

  ResourceTypeDescriptor global = SecretDescriptor();
  global.name = kGlobalSecretTypeName;
  global.plural_path = "globalsecrets";
  global.alternative_paths = {"global-secrets"};
  global.cli_singular = "global-secret";
  global.cli_plural = "global-secrets";
  global.singular_display = "Global Secret";
  global.plural_display = "Global Secrets";
  global.scope = ResourceScope::kGlobal;
  global.decode_kubernetes = [](const Json& doc, std::vector<std::string>* warnings) {
    return DecodeKubernetesSecret(doc, kGlobalSecretTypeName, warnings);
  };
  registry.Register(std::move(global));
}

const ResourceTypeDescriptor& SecretType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kSecretTypeName);
}

const ResourceTypeDescriptor& GlobalSecretType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kGlobalSecretTypeName);
}

bool IsSecretKind(const ResourceTypeDescriptor& type) {
  return type.name == kSecretTypeName || type.name == kGlobalSecretTypeName;
}

Resource NewSecret(const ResourceTypeDescriptor& type, const std::string& mesh,
                   const std::string& name, const std::string& data) {
  Resource r(type);
  r.meta().mesh = type.IsMeshScoped() ? mesh : "";
  r.meta().name = name;
  r.SpecAs<kuma::system::v1alpha1::Secret>().mutable_data()->set_value(data);
  return r;
}

const std::string& SecretData(const Resource& secret) {
  return secret.SpecAs<kuma::system::v1alpha1::Secret>().data().value();
}

}  // namespace meshplane
