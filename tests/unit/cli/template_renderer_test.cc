#include "cli/template_renderer.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

std::string Render(const std::string& text, const TemplateVars& vars) {
  auto out = RenderTemplate(text, vars);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? *out : "";
}

TEST(TemplateRendererTest, ReplacesVariables) {
  EXPECT_EQ(Render("type: Mesh\nname: {{name}}\n", {{"name", "demo"}}), "type: Mesh\nname: demo\n");
}

TEST(TemplateRendererTest, DoubleBracesEscapeHtmlLikeGo) {
  EXPECT_EQ(Render("{{v}}", {{"v", "<a href='x'>&\"y\""}}),
            "&lt;a href=&#39;x&#39;&gt;&amp;&#34;y&#34;");
}

TEST(TemplateRendererTest, TripleBracesAndAmpersandAreRaw) {
  TemplateVars vars = {{"v", "<b>&'\""}};
  EXPECT_EQ(Render("{{{v}}}", vars), "<b>&'\"");
  EXPECT_EQ(Render("{{&v}}", vars), "<b>&'\"");
}

TEST(TemplateRendererTest, DottedKeysAreNested) {
  EXPECT_EQ(Render("address: {{var.with.dots}}", {{"var.with.dots", "2.2.2.2"}}),
            "address: 2.2.2.2");
}

TEST(TemplateRendererTest, KeysSharingAFirstSegmentReplaceEachOther) {
  // A shallow merge, as kumactl does: the later `a.*` flag replaces the earlier one.
  EXPECT_EQ(Render("[{{a.b}}][{{a.c}}]", {{"a.b", "1"}, {"a.c", "2"}}), "[][2]");
}

TEST(TemplateRendererTest, UnknownVariablesRenderEmpty) {
  EXPECT_EQ(Render("name: x{{missing}}y{{a.missing}}", {{"a.b", "1"}}), "name: xy");
}

TEST(TemplateRendererTest, ParsesRepeatedAndCommaSeparatedFlags) {
  auto vars = ParseTemplateVars({"name=demo", "a=1,b=2", "url=http://x/?q=1", "empty="});
  ASSERT_TRUE(vars.ok()) << vars.status().message();
  TemplateVars expected = {
      {"name", "demo"}, {"a", "1"}, {"b", "2"}, {"url", "http://x/?q=1"}, {"empty", ""}};
  EXPECT_EQ(*vars, expected);
}

TEST(TemplateRendererTest, QuotedPairKeepsItsComma) {
  auto vars = ParseTemplateVars({"\"list=a,b\",c=d"});
  ASSERT_TRUE(vars.ok()) << vars.status().message();
  TemplateVars expected = {{"list", "a,b"}, {"c", "d"}};
  EXPECT_EQ(*vars, expected);
}

TEST(TemplateRendererTest, RejectsPairsWithoutEquals) {
  auto vars = ParseTemplateVars({"name"});
  ASSERT_FALSE(vars.ok());
  EXPECT_EQ(vars.status().message(),
            "invalid argument \"name\" for \"-v, --var\" flag: name must be formatted as "
            "key=value");
}

}  // namespace
}  // namespace meshplane
