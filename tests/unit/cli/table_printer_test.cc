#include "cli/table_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace meshplane {
namespace {

std::string Print(const Table& t) {
  std::ostringstream out;
  PrintTable(t, out);
  return out.str();
}

TEST(TablePrinterTest, AlignsColumnsLikeKumactl) {
  // kumactl's golden header-and-2-rows.golden.txt.
  Table t{{"MESH", "NAME"}, {{"default", "example"}, {"playground", "demo"}}, ""};
  EXPECT_EQ(Print(t),
            "MESH         NAME\n"
            "default      example\n"
            "playground   demo\n");
}

TEST(TablePrinterTest, LastColumnIsNotPadded) {
  Table t{{"NAME", "mTLS", "AGE"}, {{"default", "builtin/ca-1", "5m"}}, ""};
  EXPECT_EQ(Print(t),
            "NAME      mTLS           AGE\n"
            "default   builtin/ca-1   5m\n");
}

TEST(TablePrinterTest, HeaderOnlyWhenThereAreNoRows) {
  Table t{{"NAME", "AGE"}, {}, ""};
  EXPECT_EQ(Print(t), "NAME   AGE\n");
}

TEST(TablePrinterTest, FooterFollowsAnEmptyLine) {
  Table t{{"NAME", "AGE"}, {{"a", "1s"}}, PaginationFooter("1")};
  EXPECT_EQ(Print(t),
            "NAME   AGE\n"
            "a      1s\n"
            "\n"
            "Rerun command with --offset=1 argument to retrieve more resources\n");
}

TEST(TablePrinterTest, NoFooterOnTheLastPage) { EXPECT_EQ(PaginationFooter(""), ""); }

TEST(TablePrinterTest, CountsUtf8CharactersNotBytes) {
  Table t{{"NAME", "AGE"}, {{"żółw", "1s"}}, ""};
  EXPECT_EQ(Print(t),
            "NAME   AGE\n"
            "żółw   1s\n");
}

}  // namespace
}  // namespace meshplane
