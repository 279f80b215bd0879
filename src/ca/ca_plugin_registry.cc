#include "ca/ca_plugin_registry.h"

#include "ca/builtin/builtin_ca_plugin.h"
#include "ca/provided/provided_ca_plugin.h"

namespace meshplane {

void CaPluginRegistry::Install(std::unique_ptr<CaPlugin> plugin) {
  std::string type = plugin->Type();
  by_type_[type] = std::move(plugin);
}

const CaPlugin* CaPluginRegistry::Find(const std::string& type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? nullptr : it->second.get();
}

std::vector<std::string> CaPluginRegistry::Types() const {
  std::vector<std::string> types;
  types.reserve(by_type_.size());
  for (const auto& [type, plugin] : by_type_) {
    types.push_back(type);
  }
  return types;
}

const CaPluginRegistry& CaPluginRegistry::Builtin() {
  static const CaPluginRegistry* registry = [] {
    auto* r = new CaPluginRegistry();
    r->Install(std::make_unique<BuiltinCaPlugin>());
    r->Install(std::make_unique<ProvidedCaPlugin>());
    return r;
  }();
  return *registry;
}

}  // namespace meshplane
