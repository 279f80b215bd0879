#include "core/resource_type.h"

#include <stdexcept>

#include "resources/register.h"

namespace meshplane {

const ResourceTypeDescriptor& ResourceTypeRegistry::Register(ResourceTypeDescriptor descriptor) {
  if (FindByName(descriptor.name) != nullptr || FindByPath(descriptor.plural_path) != nullptr) {
    throw std::logic_error("resource type registered twice: " + descriptor.name);
  }
  for (const std::string& path : descriptor.alternative_paths) {
    if (FindByPath(path) != nullptr || path == descriptor.plural_path) {
      throw std::logic_error("resource path registered twice: " + path);
    }
  }
  auto owned = std::make_unique<ResourceTypeDescriptor>(std::move(descriptor));
  const auto& ref = *owned;
  by_name_.emplace(ref.name, std::move(owned));
  return ref;
}

const ResourceTypeDescriptor* ResourceTypeRegistry::FindByName(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second.get();
}

const ResourceTypeDescriptor* ResourceTypeRegistry::FindByPath(const std::string& path) const {
  for (const auto& [_, d] : by_name_) {
    if (d->plural_path == path) {
      return d.get();
    }
    for (const std::string& alternative : d->alternative_paths) {
      if (alternative == path) {
        return d.get();
      }
    }
  }
  return nullptr;
}

const ResourceTypeDescriptor* ResourceTypeRegistry::FindByCliArg(const std::string& arg) const {
  for (const auto& [_, d] : by_name_) {
    if (d->cli_singular == arg || d->cli_plural == arg) {
      return d.get();
    }
    if (!arg.empty() && (d->cli_singular_alias == arg || d->cli_plural_alias == arg)) {
      return d.get();
    }
  }
  return nullptr;
}

std::vector<const ResourceTypeDescriptor*> ResourceTypeRegistry::All() const {
  std::vector<const ResourceTypeDescriptor*> out;
  for (const auto& [_, d] : by_name_) {
    out.push_back(d.get());
  }
  return out;
}

const ResourceTypeRegistry& ResourceTypeRegistry::Builtin() {
  static const ResourceTypeRegistry* registry = [] {
    auto* r = new ResourceTypeRegistry();
    RegisterBuiltinResourceTypes(*r);
    return r;
  }();
  return *registry;
}

}  // namespace meshplane
