// `meshplane get`: one subcommand per kind and form, generated from the kind registry, like
// kumactl's `get meshes` / `get mesh NAME`.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/resource_output.h"
#include "cli/table_columns.h"
#include "cli/table_printer.h"
#include "core/resource_codec.h"

namespace meshplane {

namespace {

struct GetOptions {
  std::string output = "table";
  int64_t size = 0;
  std::string offset;
  // Positional arguments beyond the expected ones.
  std::vector<std::string> extra;
  // `--tag key=value` (dataplanes only).
  std::vector<std::string> tags;
};

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> TagFilters(
    const std::vector<std::string>& tags) {
  std::vector<std::pair<std::string, std::string>> filters;
  for (const std::string& tag : tags) {
    size_t eq = tag.find('=');
    if (eq == std::string::npos) {
      // pflag's message for a malformed StringToString value.
      return Status::BadRequest("invalid argument " + GoQuote(tag) + " for \"--tag\" flag: " + tag +
                                " must be formatted as key=value");
    }
    filters.emplace_back("tag", tag.substr(0, eq) + ":" + tag.substr(eq + 1));
  }
  return filters;
}

namespace {

Result<Table> BuildTable(const ResourceTypeDescriptor& type, OutputFormat format,
                         const std::vector<Json>& items, Timestamp now) {
  TableColumns columns =
      ColumnsFor(type, format == OutputFormat::kWide ? TableWidth::kWide : TableWidth::kNormal);
  Table table;
  table.headers = columns.headers;
  for (const auto& item : items) {
    auto decoded = DecodeUniversal(item, type);
    if (!decoded.ok()) {
      return Status::Internal("invalid " + type.name +
                              " object received from the server: " + decoded.status().message());
    }
    table.rows.push_back(columns.row(decoded->resource, now));
  }
  return table;
}

int ListResources(CliContext& ctx, const ResourceTypeDescriptor& type, const GetOptions& opts) {
  OutputFormat format;
  if (!ParseOutputFormat(opts.output, &format)) {
    return ctx.Fail("unknown output format " + GoQuote(opts.output));
  }
  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  auto filters = TagFilters(opts.tags);
  if (!filters.ok()) {
    return ctx.Fail(filters.status().message());
  }
  auto page = (*client)->List(type, ctx.MeshFor(type), opts.size, opts.offset, *filters);
  if (!page.ok()) {
    return ctx.Fail("failed to list " + type.name + ": " + page.status().message());
  }
  const Json& body = page->body;
  switch (format) {
    case OutputFormat::kJson:
      *ctx.out << JsonText(body);
      return 0;
    case OutputFormat::kYaml:
      *ctx.out << SortedYaml(body);
      return 0;
    case OutputFormat::kTable:
    case OutputFormat::kWide:
      break;
  }
  std::vector<Json> items;
  if (body.is_object()) {
    if (auto it = body.find("items"); it != body.end() && it->is_array()) {
      items.assign(it->begin(), it->end());
    }
  }
  auto table = BuildTable(type, format, items, ctx.now());
  if (!table.ok()) {
    return ctx.Fail("failed to list " + type.name + ": " + table.status().message());
  }
  table->footer = PaginationFooter(page->next_offset);
  PrintTable(*table, *ctx.out);
  return 0;
}

int GetResource(CliContext& ctx, const ResourceTypeDescriptor& type, const std::string& name,
                const GetOptions& opts) {
  OutputFormat format;
  if (!ParseOutputFormat(opts.output, &format)) {
    return ctx.Fail("unknown output format " + GoQuote(opts.output));
  }
  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  const std::string mesh = ctx.MeshFor(type);
  auto resource = (*client)->Get(type, mesh, name);
  if (!resource.ok()) {
    if (resource.status().IsNotFound()) {
      return ctx.Fail(type.IsMeshScoped() ? "No resources found in " + mesh + " mesh"
                                          : std::string("No resources found"));
    }
    return ctx.Fail("failed to get " + name + (type.IsMeshScoped() ? " in mesh " + mesh : "") +
                    ": " + resource.status().message());
  }
  switch (format) {
    case OutputFormat::kJson:
      *ctx.out << JsonText(*resource);
      return 0;
    case OutputFormat::kYaml:
      *ctx.out << ResourceYaml(*resource, type);
      return 0;
    case OutputFormat::kTable:
    case OutputFormat::kWide:
      break;
  }
  auto table = BuildTable(type, format, {*resource}, ctx.now());
  if (!table.ok()) {
    return ctx.Fail("failed to get " + name + ": " + table.status().message());
  }
  PrintTable(*table, *ctx.out);
  return 0;
}

void AddTagFlag(CLI::App& cmd, GetOptions& opts) {
  cmd.add_option("--tag", opts.tags,
                 "filter by tag in format of key=value. You can provide many tags");
}

void AddOutputFlag(CLI::App& cmd, GetOptions& opts) {
  cmd.add_option("-o,--output", opts.output, "Output format: one of table|wide|yaml|json")
      ->capture_default_str();
}

// Keeps surplus positional arguments in the kind's subcommand; otherwise they would fall through
// to `get` and read as an unknown kind.
void AddExtraArgsCatcher(CLI::App& cmd, GetOptions& opts) {
  cmd.add_option("ARGS", opts.extra)->group("");
}

std::string UnexpectedArgs(const std::string& command, const std::vector<std::string>& extra) {
  return "unexpected argument " + GoQuote(extra.front()) + " for \"meshplane get " + command + "\"";
}

}  // namespace

void AddGetCommand(CLI::App& root, CliContext& ctx) {
  CLI::App* get = root.add_subcommand("get", "Show resources");
  // A word that names no kind lands here (hidden from help) so that the error can name it.
  auto unknown_kind = std::make_shared<std::string>();
  get->add_option("KIND", *unknown_kind)->group("");
  get->require_subcommand(0, 1);
  get->callback([&ctx, get, unknown_kind] {
    if (!get->get_subcommands().empty()) {
      return;  // a kind's subcommand ran
    }
    ctx.exit_code = unknown_kind->empty()
                        ? ctx.Fail(
                              "a resource kind is required, e.g. `meshplane get meshes`; see "
                              "'meshplane get --help'")
                        : ctx.Fail("unknown command " + GoQuote(*unknown_kind) +
                                   " for \"meshplane get\"; see 'meshplane get --help'");
  });
  for (const ResourceTypeDescriptor* type : ctx.registry->All()) {
    if (!type->cli_plural.empty()) {
      auto opts = std::make_shared<GetOptions>();
      CLI::App* list = get->add_subcommand(type->cli_plural, "Show " + type->plural_display);
      AddOutputFlag(*list, *opts);
      AddExtraArgsCatcher(*list, *opts);
      list->add_option("--size", opts->size, "Maximum number of elements to return");
      list->add_option("--offset", opts->offset,
                       "The offset that indicates starting element of "
                       "the resources list to retrieve");
      if (!type->cli_plural_alias.empty()) {
        list->alias(type->cli_plural_alias);
      }
      if (type->name == "Dataplane") {
        AddTagFlag(*list, *opts);
      }
      list->callback([&ctx, type, opts] {
        ctx.exit_code = opts->extra.empty()
                            ? ListResources(ctx, *type, *opts)
                            : ctx.Fail(UnexpectedArgs(type->cli_plural, opts->extra));
      });
    }
    if (!type->cli_singular.empty()) {
      auto opts = std::make_shared<GetOptions>();
      auto name = std::make_shared<std::string>();
      CLI::App* single =
          get->add_subcommand(type->cli_singular, "Show a single " + type->name + " resource");
      if (!type->cli_singular_alias.empty()) {
        single->alias(type->cli_singular_alias);
      }
      single->add_option("NAME", *name, "Name of the resource")->required();
      AddOutputFlag(*single, *opts);
      AddExtraArgsCatcher(*single, *opts);
      single->callback([&ctx, type, opts, name] {
        ctx.exit_code = opts->extra.empty()
                            ? GetResource(ctx, *type, *name, *opts)
                            : ctx.Fail(UnexpectedArgs(type->cli_singular, opts->extra));
      });
    }
  }
}

}  // namespace meshplane
