#include "core/validation.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

TEST(PathBuilderTest, ComposesFieldsIndexesAndKeysLikeKuma) {
  EXPECT_EQ(PathBuilder().String(), "");
  EXPECT_EQ(PathBuilder().Field("mtls").String(), "mtls");
  EXPECT_EQ(PathBuilder::RootedAt("mtls").Field("backends").Index(0).Field("name").String(),
            "mtls.backends[0].name");
  EXPECT_EQ(PathBuilder().Index(3).String(), "[3]");
  EXPECT_EQ(PathBuilder().Index(3).Field("name").String(), "[3].name");
  EXPECT_EQ(PathBuilder::RootedAt("tags").Key("kuma.io/service").String(),
            R"(tags["kuma.io/service"])");
  EXPECT_EQ(PathBuilder::RootedAt("tags").Key("a\"b\\c\n").String(), R"(tags["a\"b\\c\n"])");
  // Builders are values: extending one leaves the original alone.
  PathBuilder base = PathBuilder::RootedAt("metrics");
  PathBuilder child = base.Field("backends");
  EXPECT_EQ(base.String(), "metrics");
  EXPECT_EQ(child.String(), "metrics.backends");
}

TEST(GoQuoteTest, QuotesLikeGoPercentQ) {
  EXPECT_EQ(GoQuote(""), R"("")");
  EXPECT_EQ(GoQuote("plain"), R"("plain")");
  EXPECT_EQ(GoQuote(R"(say "hi")"), R"("say \"hi\"")");
  EXPECT_EQ(GoQuote("back\\slash"), R"("back\\slash")");
  EXPECT_EQ(GoQuote("a\tb\nc\rd"), R"("a\tb\nc\rd")");
  EXPECT_EQ(GoQuote(std::string("\x01\x7f", 2)), R"("\x01\x7f")");
  EXPECT_EQ(GoQuote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // printable UTF-8 stays as is
  EXPECT_EQ(GoQuote("\"X\""), R"("\"X\"")");
  EXPECT_EQ(GoQuote("\a\b\f\v"), R"("\a\b\f\v")");
  // Invalid UTF-8 bytes and non-printable code points are escaped as Go does, so the result is
  // always valid UTF-8 (error bodies are JSON).
  EXPECT_EQ(GoQuote("a\xff"
                    "b\xc3"),
            R"("a\xffb\xc3")");
  EXPECT_EQ(GoQuote("nbsp\xc2\xa0 bom\xef\xbb\xbf ls\xe2\x80\xa8"),
            R"("nbsp\u00a0 bom\ufeff ls\u2028")");
  EXPECT_EQ(GoQuote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");  // emoji are printable
}

TEST(ValidationErrorTest, StartsEmptyAndCollectsViolationsInOrder) {
  ValidationError err;
  EXPECT_TRUE(err.Ok());
  EXPECT_FALSE(err.HasViolations());
  EXPECT_EQ(err.ToString(), "");
  err.AddViolation("mtls.backends", "cannot have more than 1 backends");
  err.AddViolationAt(PathBuilder::RootedAt("logging").Field("backends").Index(0).Field("name"),
                     "cannot be empty");
  EXPECT_FALSE(err.Ok());
  ASSERT_EQ(err.Violations().size(), 2u);
  EXPECT_EQ(err.Violations()[1], (Violation{"logging.backends[0].name", "cannot be empty"}));
  EXPECT_EQ(err.ToString(),
            "mtls.backends: cannot have more than 1 backends; logging.backends[0].name: cannot be "
            "empty");
}

TEST(ValidationErrorTest, AddErrorNestsChildPathsUnderThePrefix) {
  ValidationError child;
  child.AddViolation("name", "must be unique");
  child.AddViolation("[2]", "bad element");
  child.AddViolation("", "whole thing is wrong");
  child.AddViolation("[\"k\"].x", "bad key");

  ValidationError parent;
  parent.AddError("mtls.backends[0]", child);
  std::vector<Violation> expected = {
      {"mtls.backends[0].name", "must be unique"},
      {"mtls.backends[0][2]", "bad element"},
      {"mtls.backends[0]", "whole thing is wrong"},
      {"mtls.backends[0][\"k\"].x", "bad key"},
  };
  EXPECT_EQ(parent.Violations(), expected);

  // An empty prefix keeps the child's paths.
  ValidationError flat;
  flat.AddErrorAt(PathBuilder(), child);
  EXPECT_EQ(flat.Violations(), child.Violations());

  // Nesting twice composes.
  ValidationError outer;
  outer.AddErrorAt(PathBuilder::RootedAt("spec"), parent);
  EXPECT_EQ(outer.Violations()[0].field, "spec.mtls.backends[0].name");
  EXPECT_EQ(outer.Violations()[1].field, "spec.mtls.backends[0][2]");

  // Adding an empty error adds nothing.
  outer.AddError("x", ValidationError());
  EXPECT_EQ(outer.Violations().size(), 4u);
}

TEST(ValidationErrorTest, AppendKeepsPathsAsTheyAre) {
  ValidationError a;
  a.AddViolation("mtls", "first");
  ValidationError b;
  b.AddViolation("metrics", "second");
  a.Append(b);
  EXPECT_EQ(a.ToString(), "mtls: first; metrics: second");
}

}  // namespace
}  // namespace meshplane
