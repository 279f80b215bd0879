// Installed CA plugins by type name. A Mesh may only use backend types installed here; the
// mesh manager rejects any other type.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ca/ca_plugin.h"

namespace meshplane {

class CaPluginRegistry {
 public:
  CaPluginRegistry() = default;
  CaPluginRegistry(const CaPluginRegistry&) = delete;
  CaPluginRegistry& operator=(const CaPluginRegistry&) = delete;
  CaPluginRegistry(CaPluginRegistry&&) = default;
  CaPluginRegistry& operator=(CaPluginRegistry&&) = default;

  // Installs `plugin` under its Type(), replacing any plugin of the same type.
  void Install(std::unique_ptr<CaPlugin> plugin);

  // The plugin for `type`, or null when none is installed.
  const CaPlugin* Find(const std::string& type) const;
  // Installed type names, sorted.
  std::vector<std::string> Types() const;

  // The plugins meshplane ships: `builtin` and `provided` (built on first use).
  static const CaPluginRegistry& Builtin();

 private:
  std::map<std::string, std::unique_ptr<CaPlugin>> by_type_;
};

}  // namespace meshplane
