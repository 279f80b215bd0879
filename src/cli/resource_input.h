// Reads the documents given to `apply -f` / `validate -f` (kumactl apply's input rules):
//  - `-`: standard input;
//  - `http://...`: fetched with a 10 s timeout; any status but 200 fails. `https://` is not
//    supported (the HTTP client speaks plain HTTP only): download the file first;
//  - a directory: its `.yaml`, `.yml` and `.json` files (not recursive), in name order;
//  - any other path: that file.
// The text is split on `---` lines; empty and comment-only documents are dropped.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "core/error.h"

namespace meshplane {

// The raw text of `source`. Fails with a message naming the file or URL.
Result<std::string> ReadInputText(const std::string& source, std::istream& stdin_stream);

// `text` split into documents, as kumactl splits a stream.
std::vector<std::string> SplitDocuments(const std::string& text);

// ReadInputText + SplitDocuments; fails with `no resource(s) passed to apply` when nothing is
// left.
Result<std::vector<std::string>> ReadInputDocuments(const std::string& source,
                                                    std::istream& stdin_stream);

}  // namespace meshplane
