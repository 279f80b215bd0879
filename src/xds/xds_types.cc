#include "xds/xds_types.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace meshplane::xds {

namespace {

// FNV-1a, 64 bit: fast, stable across runs and machines (std::hash is neither promised).
uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::shared_ptr<const XdsResource> MakeXdsResource(std::string name,
                                                   const google::protobuf::Message& message) {
  auto resource = std::make_shared<XdsResource>();
  resource->name = std::move(name);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  resource->body.set_type_url("type.googleapis.com/" + message.GetDescriptor()->full_name());
  resource->content_hash = Fnv1a64(bytes);
  resource->body.set_value(std::move(bytes));
  return resource;
}

const XdsResource* XdsSnapshot::Find(std::string_view type_url, std::string_view name) const {
  auto it = layers.find(type_url);
  if (it == layers.end()) {
    return nullptr;
  }
  for (const auto& layer : it->second) {
    auto found = layer->find(name);
    if (found != layer->end()) {
      return found->second.get();
    }
  }
  return nullptr;
}

size_t XdsSnapshot::Count(std::string_view type_url) const {
  auto it = layers.find(type_url);
  if (it == layers.end()) {
    return 0;
  }
  size_t n = 0;
  for (const auto& layer : it->second) {
    n += layer->size();
  }
  return n;
}

}  // namespace meshplane::xds
