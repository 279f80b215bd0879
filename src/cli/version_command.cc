// `meshplane version`: the client version, then the control plane's from `GET /` (kumactl
// version). An unreachable control plane is only noted on stderr.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"

namespace meshplane {

namespace {

constexpr char kProduct[] = "meshplane";

std::string StringField(const Json& obj, const char* key) {
  if (!obj.is_object()) {
    return "";
  }
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

int RunVersion(CliContext& ctx, bool detailed) {
  if (detailed) {
    *ctx.out << "Product:    " << kProduct << "\n";
    *ctx.out << "Version:    " << MESHPLANE_VERSION << "\n";
  } else {
    *ctx.out << "Client: " << kProduct << " " << MESHPLANE_VERSION << "\n";
  }

  auto client = ctx.Client();
  Result<Json> index = client.ok() ? (*client)->Index() : Result<Json>(client.status());
  if (!index.ok()) {
    *ctx.err << "Unable to connect to control plane: " << index.status().message() << "\n";
    return 0;
  }
  std::string product = StringField(*index, "product");
  std::string server =
      (product.empty() ? std::string(kProduct) : product) + " " + StringField(*index, "version");
  if (std::string based_on = StringField(*index, "basedOnKuma"); !based_on.empty()) {
    server += " (based on Kuma " + based_on + ")";
  }
  *ctx.out << "Server: " << server << "\n";
  return 0;
}

}  // namespace

void AddVersionCommand(CLI::App& root, CliContext& ctx) {
  auto detailed = std::make_shared<bool>(false);
  CLI::App* cmd = root.add_subcommand("version", "Print the client and server versions");
  cmd->add_flag("-a,--detailed", *detailed, "Print detailed version information");
  cmd->callback([&ctx, detailed] { ctx.exit_code = RunVersion(ctx, *detailed); });
}

}  // namespace meshplane
