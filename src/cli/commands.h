// The `meshplane` subcommands. Each Add*Command registers one verb on the root command; when
// the verb runs it stores its exit code in `ctx.exit_code`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/cli_context.h"

namespace CLI {
class App;
}  // namespace CLI

namespace meshplane {

// `run [--config-file FILE]`: starts the control plane.
void AddRunCommand(CLI::App& root, CliContext& ctx);
// `version [--detailed]`: client version, and the server's when it can be reached.
void AddVersionCommand(CLI::App& root, CliContext& ctx);
// `get <kinds> | get <kind> NAME`, with -o table|wide|yaml|json, --size, --offset.
void AddGetCommand(CLI::App& root, CliContext& ctx);
// `inspect mesh|dataplanes ...`.
void AddInspectCommand(CLI::App& root, CliContext& ctx);
// `inspect dataplanes [--tag k=v]...`: dataplanes with their connection state.
void AddInspectDataplanesCommand(CLI::App& inspect, CliContext& ctx);
// `apply -f FILE|DIR|-|URL [-v k=v]... [--dry-run]`.
void AddApplyCommand(CLI::App& root, CliContext& ctx);
// `delete <kind> NAME`.
void AddDeleteCommand(CLI::App& root, CliContext& ctx);
// `inspect mesh NAME [-o table|yaml|json]`: the mesh's mTLS backends and their CA certificates.
void AddInspectMeshCommand(CLI::App& inspect, CliContext& ctx);
// `validate -f FILE|DIR|-|URL [-v k=v]...`: offline checks, nothing is sent.
void AddValidateCommand(CLI::App& root, CliContext& ctx);
// `generate tls-certificate --type=server|client --hostname=H...`: offline, nothing is sent.
void AddGenerateCommand(CLI::App& root, CliContext& ctx);

// `--tag key=value` flags as REST list filters: ("tag", "key:value") pairs, or kBadRequest with
// pflag's message for a value without '='.
Result<std::vector<std::pair<std::string, std::string>>> TagFilters(
    const std::vector<std::string>& tags);

}  // namespace meshplane
