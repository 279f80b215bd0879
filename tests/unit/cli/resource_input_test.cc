#include "cli/resource_input.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace meshplane {
namespace {

namespace fs = std::filesystem;

class ResourceInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meshplane-cli-input-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_;
  std::istringstream no_stdin_;
};

TEST(SplitDocumentsTest, SplitsOnSeparatorLinesAndDropsEmptyAndCommentOnlyDocuments) {
  auto docs = SplitDocuments(
      "---\n"
      "type: Mesh\n"
      "name: a\n"
      "---\n"
      "# only a comment\n"
      "   # and an indented one\n"
      "---\n"
      "\n"
      "---   \n"
      "type: Mesh\n"
      "name: b # trailing comment\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0], "type: Mesh\nname: a\n");
  EXPECT_EQ(docs[1], "type: Mesh\nname: b # trailing comment\n");
}

TEST(SplitDocumentsTest, DashesInsideADocumentDoNotSplit) {
  auto docs = SplitDocuments("type: Mesh\nname: a\nlabels:\n  x: '---'\n");
  ASSERT_EQ(docs.size(), 1u);
}

TEST_F(ResourceInputTest, ReadsAFile) {
  Write("mesh.yaml", "type: Mesh\nname: a\n---\ntype: Mesh\nname: b\n");
  auto docs = ReadInputDocuments((dir_ / "mesh.yaml").string(), no_stdin_);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  EXPECT_EQ(docs->size(), 2u);
}

TEST_F(ResourceInputTest, ReadsManifestFilesOfADirectoryInNameOrder) {
  Write("b.yaml", "name: b\n");
  Write("a.yml", "name: a\n");
  Write("c.json", "{\"name\": \"c\"}");  // no trailing newline: still its own document
  Write("d.json", "{\"name\": \"d\"}\n");
  Write("notes.txt", "name: ignored\n");
  Write("nested/e.yaml", "name: not recursive\n");
  auto docs = ReadInputDocuments(dir_.string(), no_stdin_);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  std::vector<std::string> expected = {"name: a\n", "name: b\n", "{\"name\": \"c\"}\n",
                                       "{\"name\": \"d\"}\n"};
  EXPECT_EQ(*docs, expected);
}

TEST_F(ResourceInputTest, ReadsStandardInputForDash) {
  std::istringstream in("type: Mesh\nname: from-stdin\n");
  auto docs = ReadInputDocuments("-", in);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0], "type: Mesh\nname: from-stdin\n");
}

TEST_F(ResourceInputTest, NothingToApplyIsAnError) {
  std::istringstream empty("");
  auto docs = ReadInputDocuments("-", empty);
  ASSERT_FALSE(docs.ok());
  EXPECT_EQ(docs.status().message(), "no resource(s) passed to apply");

  Write("comments.yaml", "# nothing here\n---\n");
  docs = ReadInputDocuments((dir_ / "comments.yaml").string(), no_stdin_);
  ASSERT_FALSE(docs.ok());
  EXPECT_EQ(docs.status().message(), "no resource(s) passed to apply");

  docs = ReadInputDocuments(dir_.string(), no_stdin_);  // a directory without manifests
  ASSERT_FALSE(docs.ok());
  EXPECT_EQ(docs.status().message(), "no resource(s) passed to apply");
}

TEST_F(ResourceInputTest, MissingFileNamesThePath) {
  const std::string path = (dir_ / "missing.yaml").string();
  auto docs = ReadInputDocuments(path, no_stdin_);
  ASSERT_FALSE(docs.ok());
  EXPECT_EQ(docs.status().message(),
            "error while opening provided file: open " + path + ": no such file or directory");
}

TEST_F(ResourceInputTest, HttpsUrlsAreRejectedWithAnExplanation) {
  auto docs = ReadInputDocuments("https://example.com/mesh.yaml", no_stdin_);
  ASSERT_FALSE(docs.ok());
  EXPECT_NE(docs.status().message().find("https URLs are not supported"), std::string::npos)
      << docs.status().message();
}

}  // namespace
}  // namespace meshplane
