#include "cli/cli_main.h"

#include <CLI/CLI.hpp>

#include <exception>

#include "cli/cli_context.h"
#include "cli/commands.h"

namespace meshplane {

int CliMain(int argc, char** argv) {
  CliContext ctx;
  CLI::App app("meshplane: a Kuma-compatible service mesh control plane and its CLI", "meshplane");
  app.set_version_flag("--version", std::string("meshplane ") + MESHPLANE_VERSION);
  app.require_subcommand(1);
  // Global flags may follow the subcommand: `meshplane get meshes --api-url ...`.
  app.fallthrough();
  app.add_option("--api-url", ctx.api_url, "URL of the control plane's REST API")
      ->envname("MESHPLANE_API_URL")
      ->capture_default_str();
  // Usage errors read like every other error: `Error: ...`, exit code 1.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return "Error: " + std::string(e.what()) + "\nRun '" + failed->get_name() +
           " --help' for usage.\n";
  });
  app.add_option("-m,--mesh", ctx.mesh, "Mesh of mesh-scoped resources")->capture_default_str();

  AddRunCommand(app, ctx);
  AddVersionCommand(app, ctx);
  AddGetCommand(app, ctx);
  AddInspectCommand(app, ctx);
  AddApplyCommand(app, ctx);
  AddDeleteCommand(app, ctx);
  AddValidateCommand(app, ctx);
  AddGenerateCommand(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, the version, or the failure message
    return code == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    // Commands report failures through their exit code; this is a last resort.
    return ctx.Fail(e.what());
  }
  return ctx.exit_code;
}

}  // namespace meshplane
