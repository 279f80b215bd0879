// A resource: type, meta (mesh, name, version, times, labels) and a protobuf spec.
#pragma once

#include <google/protobuf/message.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace meshplane {

struct ResourceTypeDescriptor;

using Clock = std::chrono::system_clock;
using Timestamp = std::chrono::time_point<Clock, std::chrono::nanoseconds>;
using Labels = std::map<std::string, std::string>;

// Identifies a resource within its type. `mesh` is empty for global-scoped types.
struct ResourceKey {
  std::string mesh;
  std::string name;
  auto operator<=>(const ResourceKey&) const = default;
};

struct ResourceMeta {
  std::string mesh;
  std::string name;
  // Optimistic-concurrency version assigned by the store; 0 means "not stored yet".
  int64_t version = 0;
  Timestamp creation_time{};
  Timestamp modification_time{};
  Labels labels;

  ResourceKey Key() const { return {mesh, name}; }
};

class Resource {
 public:
  // A resource of `type` with an empty spec.
  explicit Resource(const ResourceTypeDescriptor& type);
  Resource(const Resource& other);
  Resource& operator=(const Resource& other);
  Resource(Resource&&) noexcept = default;
  Resource& operator=(Resource&&) noexcept = default;

  const ResourceTypeDescriptor& type() const { return *type_; }
  ResourceMeta& meta() { return meta_; }
  const ResourceMeta& meta() const { return meta_; }
  google::protobuf::Message& spec() { return *spec_; }
  const google::protobuf::Message& spec() const { return *spec_; }
  // The status of types that have one (new-style policies, MeshService); null otherwise.
  google::protobuf::Message* status() { return status_.get(); }
  const google::protobuf::Message* status() const { return status_.get(); }

  // The spec as its concrete message type; the caller knows the type.
  template <typename T>
  T& SpecAs() {
    return static_cast<T&>(*spec_);
  }
  template <typename T>
  const T& SpecAs() const {
    return static_cast<const T&>(*spec_);
  }

 private:
  const ResourceTypeDescriptor* type_;
  ResourceMeta meta_;
  std::unique_ptr<google::protobuf::Message> spec_;
  std::unique_ptr<google::protobuf::Message> status_;
};

// Formats a timestamp as RFC 3339 with nanoseconds trimmed, as Go's time.Time marshals.
std::string FormatRfc3339(Timestamp t);
// Parses RFC 3339 (with optional fraction and offset); false on malformed input.
bool ParseRfc3339(const std::string& s, Timestamp* out);
// Now, truncated to microseconds so that times round-trip through every store.
Timestamp Now();

}  // namespace meshplane
