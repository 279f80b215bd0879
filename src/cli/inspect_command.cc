// `meshplane inspect <what>`: the parent of the inspect commands, one file each.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace meshplane {

void AddInspectCommand(CLI::App& root, CliContext& ctx) {
  CLI::App* inspect = root.add_subcommand("inspect", "Inspect resources");
  inspect->require_subcommand(1);
  AddInspectMeshCommand(*inspect, ctx);
  AddInspectDataplanesCommand(*inspect, ctx);
}

}  // namespace meshplane
