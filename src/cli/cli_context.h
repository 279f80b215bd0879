// State shared by the `meshplane` commands: global flags, the streams commands write to, the
// resource kinds they know and the clock used for ages. Commands print results to `out`,
// errors and warnings to `err`, and report failure through their exit code.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "cli/api_client.h"
#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

inline constexpr char kDefaultApiUrl[] = "http://localhost:5681";

struct CliContext {
  // --api-url / MESHPLANE_API_URL
  std::string api_url = kDefaultApiUrl;
  // --mesh: the mesh of mesh-scoped resources (ignored for global kinds such as Mesh).
  std::string mesh = "default";

  const ResourceTypeRegistry* registry = &ResourceTypeRegistry::Builtin();
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  std::istream* in = &std::cin;
  std::function<Timestamp()> now = [] { return Now(); };

  // Set by the command that ran.
  int exit_code = 0;

  // A client for --api-url.
  Result<std::unique_ptr<ApiClient>> Client() const { return ApiClient::Create(api_url); }
  // The mesh to address a resource of `type` in: --mesh for mesh-scoped kinds, "" otherwise.
  std::string MeshFor(const ResourceTypeDescriptor& type) const {
    return type.IsMeshScoped() ? mesh : std::string();
  }
  // Prints `Error: <message>` (kumactl's error line) and returns the failure exit code.
  int Fail(const std::string& message) const {
    *err << "Error: " << message << "\n";
    return 1;
  }
  void Warn(const std::string& message) const { *err << "Warning: " << message << "\n"; }
};

}  // namespace meshplane
