#include "ca/store_secret_lookup.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace meshplane {

namespace {

// Kuma's Secret spec is `{ google.protobuf.BytesValue data = 1; }`; read it by reflection so
// this file does not depend on the Secret kind's generated code.
Result<std::string> SecretData(const google::protobuf::Message& spec) {
  const google::protobuf::Descriptor* descriptor = spec.GetDescriptor();
  const google::protobuf::FieldDescriptor* data = descriptor->FindFieldByName("data");
  if (data == nullptr || data->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE ||
      data->is_repeated()) {
    return Status::Internal("Secret spec " + descriptor->full_name() + " has no data field");
  }
  const google::protobuf::Reflection* reflection = spec.GetReflection();
  if (!reflection->HasField(spec, data)) {
    return std::string();
  }
  const google::protobuf::Message& wrapper = reflection->GetMessage(spec, data);
  const google::protobuf::FieldDescriptor* value =
      wrapper.GetDescriptor()->FindFieldByName("value");
  if (value == nullptr || value->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return Status::Internal("Secret data of type " + wrapper.GetDescriptor()->full_name() +
                            " has no bytes value");
  }
  return wrapper.GetReflection()->GetString(wrapper, value);
}

}  // namespace

SecretLookup StoreSecretLookup(ResourceStore& store, const ResourceTypeRegistry& registry) {
  return
      [&store, &registry](const std::string& mesh, const std::string& name) -> Result<std::string> {
        const ResourceTypeDescriptor* secret_type = registry.FindByName("Secret");
        if (secret_type == nullptr) {
          return SecretNotFound(mesh, name);
        }
        Result<Resource> secret = store.Get(*secret_type, ResourceKey{mesh, name});
        if (!secret.ok()) {
          return secret.status().IsNotFound() ? SecretNotFound(mesh, name) : secret.status();
        }
        return SecretData(secret->spec());
      };
}

}  // namespace meshplane
