// `meshplane run`: starts the control plane (see runtime/control_plane.h).
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

#include "cli/commands.h"
#include "runtime/control_plane.h"

namespace meshplane {

void AddRunCommand(CLI::App& root, CliContext& ctx) {
  auto config_file = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand("run", "Run the control plane");
  cmd->add_option("-c,--config-file", *config_file,
                  "Configuration file (YAML, kuma-cp keys); environment variables override it");
  cmd->callback([&ctx, config_file] {
    ctx.exit_code = RunFromCommandLine(
        config_file->empty() ? std::nullopt : std::optional<std::string>(*config_file));
  });
}

}  // namespace meshplane
