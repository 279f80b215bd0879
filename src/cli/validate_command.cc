// `meshplane validate`: runs apply's client-side checks offline and reports every document.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/resource_input.h"
#include "cli/resource_loader.h"
#include "core/validation.h"

namespace meshplane {

namespace {

struct ValidateOptions {
  std::string file;
  std::vector<std::string> vars;
};

// `type="Mesh" name="x"`, plus the mesh for mesh-scoped kinds.
std::string ValidLine(const LoadedDocument& doc) {
  const Resource& r = *doc.resource;
  std::string line = "resource[" + std::to_string(doc.index) + "] type=" + GoQuote(r.type().name);
  if (r.type().IsMeshScoped()) {
    line += " mesh=" + GoQuote(r.meta().mesh);
  }
  return line + " name=" + GoQuote(r.meta().name) + ": valid";
}

int RunValidate(CliContext& ctx, const ValidateOptions& opts) {
  auto vars = ParseTemplateVars(opts.vars);
  if (!vars.ok()) {
    return ctx.Fail(vars.status().message());
  }
  auto documents = ReadInputDocuments(opts.file, *ctx.in);
  if (!documents.ok()) {
    return ctx.Fail(documents.status().message());
  }
  bool all_valid = true;
  for (const auto& doc : LoadDocuments(*documents, *vars, *ctx.registry)) {
    for (const auto& warning : doc.warnings) {
      ctx.Warn(warning);
    }
    for (const auto& error : doc.errors) {
      *ctx.err << error << "\n";
    }
    if (doc.ok()) {
      *ctx.out << ValidLine(doc) << "\n";
    }
    all_valid = all_valid && doc.ok();
  }
  if (!all_valid) {
    return ctx.Fail("failed to validate some resources");
  }
  return 0;
}

}  // namespace

void AddValidateCommand(CLI::App& root, CliContext& ctx) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* cmd = root.add_subcommand(
      "validate", "Check resources offline with the same rules as apply; nothing is sent");
  cmd->add_option("-f,--file", opts->file,
                  "File, directory or http:// URL to check; `-` reads standard input")
      ->required();
  cmd->add_option("-v,--var", opts->vars,
                  "Variable to replace in the configuration, as key=value (repeatable)");
  cmd->callback([&ctx, opts] { ctx.exit_code = RunValidate(ctx, *opts); });
}

}  // namespace meshplane
