// `meshplane delete TYPE NAME`: kumactl delete (app/kumactl/cmd/delete/delete.go).
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"

namespace meshplane {

namespace {

struct DeleteOptions {
  std::string type;
  std::string name;
};

std::string AllowedTypes(const ResourceTypeRegistry& registry) {
  std::string out;
  for (const auto* type : registry.All()) {
    if (type->read_only || type->cli_singular.empty()) {
      continue;
    }
    out += (out.empty() ? "" : ", ") + type->cli_singular;
  }
  return out;
}

int RunDelete(CliContext& ctx, const DeleteOptions& opts) {
  const ResourceTypeDescriptor* type = ctx.registry->FindByCliArg(opts.type);
  if (type == nullptr ||
      (type->cli_singular != opts.type && type->cli_singular_alias != opts.type)) {
    return ctx.Fail("unknown TYPE: " + opts.type +
                    ". Allowed values: " + AllowedTypes(*ctx.registry));
  }
  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  Status st = (*client)->Delete(*type, ctx.MeshFor(*type), opts.name);
  if (st.IsNotFound()) {
    return ctx.Fail("there is no " + type->name + " with name " + GoQuote(opts.name));
  }
  if (!st.ok()) {
    return ctx.Fail("failed to delete " + type->name + " with the name " + GoQuote(opts.name) +
                    ": " + st.message());
  }
  *ctx.out << "deleted " << type->name << " " << GoQuote(opts.name) << "\n";
  return 0;
}

}  // namespace

void AddDeleteCommand(CLI::App& root, CliContext& ctx) {
  auto opts = std::make_shared<DeleteOptions>();
  CLI::App* cmd = root.add_subcommand("delete", "Delete a resource");
  cmd->add_option("TYPE", opts->type, "Kind of the resource, e.g. mesh")->required();
  cmd->add_option("NAME", opts->name, "Name of the resource")->required();
  cmd->callback([&ctx, opts] { ctx.exit_code = RunDelete(ctx, *opts); });
}

}  // namespace meshplane
