// The `meshplane` subcommands. Each Add*Command registers one verb on the root command; when
// the verb runs it stores its exit code in `ctx.exit_code`.
#pragma once

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
// `apply -f FILE|DIR|-|URL [-v k=v]... [--dry-run]`.
void AddApplyCommand(CLI::App& root, CliContext& ctx);
// `delete <kind> NAME`.
void AddDeleteCommand(CLI::App& root, CliContext& ctx);
// `inspect mesh NAME [-o table|yaml|json]`: the mesh's mTLS backends and their CA certificates.
void AddInspectCommand(CLI::App& root, CliContext& ctx);
// `validate -f FILE|DIR|-|URL [-v k=v]...`: offline checks, nothing is sent.
void AddValidateCommand(CLI::App& root, CliContext& ctx);
// `generate tls-certificate --type=server|client --hostname=H...`: offline, nothing is sent.
void AddGenerateCommand(CLI::App& root, CliContext& ctx);

}  // namespace meshplane
