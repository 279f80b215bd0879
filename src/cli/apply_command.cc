// `meshplane apply`: kumactl apply (app/kumactl/cmd/apply/apply.go). Every document is checked
// before anything is sent; then each resource is created or updated in order, and the first
// server error stops the run (earlier resources stay applied).
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/resource_input.h"
#include "cli/resource_loader.h"
#include "cli/resource_output.h"
#include "core/resource_codec.h"

namespace meshplane {

namespace {

// Kuma prints Go's zero time for resources that were never stored.
constexpr char kZeroTime[] = "0001-01-01T00:00:00Z";

struct ApplyOptions {
  std::string file;
  std::vector<std::string> vars;
  bool dry_run = false;
};

// The resource as `--dry-run` shows it: Universal shape, unset times as Go's zero time.
Json DryRunView(const Resource& resource) {
  Json json = EncodeUniversal(resource);
  if (resource.meta().creation_time == Timestamp{}) {
    json["creationTime"] = kZeroTime;
  }
  if (resource.meta().modification_time == Timestamp{}) {
    json["modificationTime"] = kZeroTime;
  }
  return json;
}

// The PUT body: Universal shape without output-only fields.
Json RequestBody(const Resource& resource) {
  Json json = EncodeUniversal(resource);
  json.erase("creationTime");
  json.erase("modificationTime");
  json.erase("kri");
  return json;
}

// Creates or updates one resource; prints `... Created|Updated` and the server's warnings.
Status Upsert(CliContext& ctx, ApiClient& client, const Resource& resource) {
  const auto& type = resource.type();
  const auto& meta = resource.meta();
  const std::string what = "resource " + DescribeResource(resource);
  auto failed = [&](const Status& st) {
    // Transport failures are not the server's answer.
    if (st.code() == ErrorCode::kUnavailable) {
      return Status(st.code(), what + ": " + st.message());
    }
    return Status(st.code(), what + ": failed server side: " + st.message());
  };
  // kumactl reads the resource first; a read failure other than "not found" stops the run.
  auto existing = client.Get(type, meta.mesh, meta.name);
  if (!existing.ok() && !existing.status().IsNotFound()) {
    return failed(existing.status());
  }
  auto outcome = client.Put(type, meta.mesh, meta.name, RequestBody(resource));
  if (!outcome.ok()) {
    return failed(outcome.status());
  }
  *ctx.out << what << (outcome->created ? " Created" : " Updated") << "\n";
  for (const auto& warning : outcome->warnings) {
    ctx.Warn(warning);
  }
  return Status::Ok();
}

int RunApply(CliContext& ctx, const ApplyOptions& opts) {
  auto vars = ParseTemplateVars(opts.vars);
  if (!vars.ok()) {
    return ctx.Fail(vars.status().message());
  }
  auto documents = ReadInputDocuments(opts.file, *ctx.in);
  if (!documents.ok()) {
    return ctx.Fail(documents.status().message());
  }
  std::vector<LoadedDocument> loaded = LoadDocuments(*documents, *vars, *ctx.registry);
  bool all_valid = true;
  for (const auto& doc : loaded) {
    for (const auto& warning : doc.warnings) {
      ctx.Warn(warning);
    }
    for (const auto& error : doc.errors) {
      *ctx.err << error << "\n";
    }
    all_valid = all_valid && doc.ok();
  }
  if (!all_valid) {
    return ctx.Fail("failed to validate some resources");
  }

  if (opts.dry_run) {
    for (size_t i = 0; i < loaded.size(); ++i) {
      if (i > 0) {
        *ctx.out << "---\n";
      }
      *ctx.out << ResourceYaml(DryRunView(*loaded[i].resource), loaded[i].resource->type());
    }
    return 0;
  }

  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  for (const auto& doc : loaded) {
    Status st = Upsert(ctx, **client, *doc.resource);
    if (!st.ok()) {
      return ctx.Fail(st.message());
    }
  }
  return 0;
}

}  // namespace

void AddApplyCommand(CLI::App& root, CliContext& ctx) {
  auto opts = std::make_shared<ApplyOptions>();
  CLI::App* cmd = root.add_subcommand("apply", "Create or modify resources");
  cmd->add_option("-f,--file", opts->file,
                  "File, directory or http:// URL to apply; `-` reads standard input")
      ->required();
  cmd->add_option("-v,--var", opts->vars,
                  "Variable to replace in the configuration, as key=value (repeatable)");
  cmd->add_flag("--dry-run", opts->dry_run,
                "Resolve variables and print the resulting resources without applying them");
  cmd->footer(
      "Examples:\n"
      "  meshplane apply -f mesh.yaml\n"
      "  meshplane apply -f manifests/ -v zone=eu --dry-run\n"
      "  printf 'type: Mesh\\nname: demo\\n' | meshplane apply -f -");
  cmd->callback([&ctx, opts] { ctx.exit_code = RunApply(ctx, *opts); });
}

}  // namespace meshplane
