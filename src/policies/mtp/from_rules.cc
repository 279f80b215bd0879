#include "policies/mtp/from_rules.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "policies/mtp/policy_matching.h"

namespace meshplane::mtp {
namespace {

// Tags interned to small integers so subset tests compare ints, not strings.
struct ITag {
  int key;
  int value;
  bool negated;
  bool operator==(const ITag&) const = default;
};
using ISubset = std::vector<ITag>;

class Interner {
 public:
  int Key(const std::string& s) { return Intern(keys_, key_names_, s); }
  int Value(const std::string& s) { return Intern(values_, value_names_, s); }
  const std::string& KeyName(int k) const { return key_names_[k]; }
  const std::string& ValueName(int v) const { return value_names_[v]; }

 private:
  static int Intern(std::unordered_map<std::string, int>& ids, std::vector<std::string>& names,
                    const std::string& s) {
    auto [it, inserted] = ids.try_emplace(s, static_cast<int>(names.size()));
    if (inserted) {
      names.push_back(s);
    }
    return it->second;
  }
  std::unordered_map<std::string, int> keys_, values_;
  std::vector<std::string> key_names_, value_names_;
};

// subsetutils isSubset(t1, t2): the point set of t2 lies inside that of t1.
bool TagContains(const ITag& t1, const ITag& t2) {
  if (t1.key != t2.key) return false;
  if (t1.negated == t2.negated) return t1.value == t2.value;
  if (t1.negated) return t1.value != t2.value;
  return false;  // t2 negated, t1 positive
}

bool IsSubset(const ISubset& ss, const ISubset& other) {
  if (ss.empty()) {
    return true;
  }
  for (const ITag& tag : ss) {
    bool found = false;
    for (const ITag& o : other) {
      if (o.key != tag.key) continue;
      found = true;
      if (!TagContains(tag, o)) return false;
    }
    if (!found) return false;
  }
  return true;
}

// subsetutils Subset.Intersect: some point belongs to both (only positive tags constrain).
bool Intersect(const ISubset& ss, const ISubset& other) {
  if (ss.empty() || other.empty()) {
    return true;
  }
  for (const ITag& tag : ss) {
    if (tag.negated) continue;
    for (const ITag& o : other) {
      if (o.negated || o.key != tag.key) continue;
      if (!(o == tag)) return false;
    }
  }
  return true;
}

int NumPositive(const ISubset& s) {
  return static_cast<int>(
      std::count_if(s.begin(), s.end(), [](const ITag& t) { return !t.negated; }));
}

// Maximal cliques of an undirected graph given as adjacency bitsets (Bron–Kerbosch with Tomita
// pivoting). The set of maximal cliques is what gonum's topo.BronKerbosch returns; their order
// does not matter because BuildRules sorts them.
class CliqueFinder {
 public:
  using Bits = std::vector<uint64_t>;
  explicit CliqueFinder(const std::vector<Bits>& adj) : adj_(adj), words_(WordsFor(adj.size())) {}

  std::vector<std::vector<int>> Run() {
    Bits p(words_, 0), x(words_, 0);
    for (size_t i = 0; i < adj_.size(); ++i) p[i / 64] |= uint64_t{1} << (i % 64);
    std::vector<int> r;
    Recurse(r, p, x);
    return std::move(out_);
  }

  static size_t WordsFor(size_t n) { return (n + 63) / 64; }

 private:
  void Recurse(std::vector<int>& r, Bits& p, Bits& x) {
    bool p_empty = true, x_empty = true;
    for (size_t w = 0; w < words_; ++w) {
      p_empty &= p[w] == 0;
      x_empty &= x[w] == 0;
    }
    if (p_empty) {
      if (x_empty) out_.push_back(r);
      return;
    }
    // Pivot: the vertex of P ∪ X with most neighbours in P.
    int pivot = -1, best = -1;
    for (size_t w = 0; w < words_; ++w) {
      for (uint64_t bits = p[w] | x[w]; bits != 0; bits &= bits - 1) {
        int u = static_cast<int>(w * 64 + std::countr_zero(bits));
        int c = 0;
        for (size_t k = 0; k < words_; ++k) c += std::popcount(p[k] & adj_[u][k]);
        if (c > best) {
          best = c;
          pivot = u;
        }
      }
    }
    Bits candidates(words_);
    for (size_t w = 0; w < words_; ++w) candidates[w] = p[w] & ~adj_[pivot][w];
    for (size_t w = 0; w < words_; ++w) {
      for (uint64_t bits = candidates[w]; bits != 0; bits &= bits - 1) {
        int v = static_cast<int>(w * 64 + std::countr_zero(bits));
        Bits np(words_), nx(words_);
        for (size_t k = 0; k < words_; ++k) {
          np[k] = p[k] & adj_[v][k];
          nx[k] = x[k] & adj_[v][k];
        }
        r.push_back(v);
        Recurse(r, np, nx);
        r.pop_back();
        p[v / 64] &= ~(uint64_t{1} << (v % 64));
        x[v / 64] |= uint64_t{1} << (v % 64);
      }
    }
  }

  const std::vector<Bits>& adj_;
  size_t words_;
  std::vector<std::vector<int>> out_;
};

// subsetutils SubsetIter: counts through every positive/negated assignment of `tags` with the
// first tag as the least significant digit, skipping contradictions (two positive values for
// one key). The all-positive assignment comes last.
class SubsetIter {
 public:
  explicit SubsetIter(ISubset tags) : current_(std::move(tags)) {}

  std::optional<ISubset> Next() {
    if (finished_) return std::nullopt;
    for (;;) {
      if (!Advance()) {
        finished_ = true;
        return Simplified();
      }
      if (auto s = Simplified()) return s;
    }
  }

 private:
  bool Advance() {
    for (ITag& t : current_) {
      if (t.negated) {
        t.negated = false;
      } else {
        t.negated = true;
        return true;
      }
    }
    return false;
  }

  // Per key: no positive tag keeps all negations, one positive tag keeps only it
  // ("env=dev, env!=prod" is "env=dev"), two positives contradict. The tags are sorted by key,
  // so each key is one run and runs come in first-appearance order, as Kuma's keyOrder.
  std::optional<ISubset> Simplified() const {
    ISubset result;
    result.reserve(current_.size());
    for (size_t begin = 0; begin < current_.size();) {
      size_t end = begin;
      int positive = 0;
      size_t positive_at = begin;
      while (end < current_.size() && current_[end].key == current_[begin].key) {
        if (!current_[end].negated) {
          ++positive;
          positive_at = end;
        }
        ++end;
      }
      if (positive == 0) {
        result.insert(result.end(), current_.begin() + begin, current_.begin() + end);
      } else if (positive == 1) {
        result.push_back(current_[positive_at]);
      } else {
        return std::nullopt;
      }
      begin = end;
    }
    return result;
  }

  ISubset current_;
  bool finished_ = false;
};

// Kuma's sortComponents: members ascending, groups by their ids joined with ":" descending
// (a string comparison, so "9" sorts after "10").
void SortCliques(std::vector<std::vector<int>>& cliques) {
  std::vector<std::pair<std::string, std::vector<int>>> keyed;
  keyed.reserve(cliques.size());
  for (auto& c : cliques) {
    std::sort(c.begin(), c.end());
    std::string key;
    for (size_t i = 0; i < c.size(); ++i) {
      if (i > 0) key += ':';
      key += std::to_string(c[i]);
    }
    keyed.emplace_back(std::move(key), std::move(c));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  cliques.clear();
  for (auto& [_, c] : keyed) cliques.push_back(std::move(c));
}

}  // namespace

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kAllow:
      return "Allow";
    case Action::kDeny:
      return "Deny";
    case Action::kAllowWithShadowDeny:
      return "AllowWithShadowDeny";
  }
  return "";
}

std::optional<Action> ParseAction(std::string_view s) {
  if (s == "Allow") return Action::kAllow;
  if (s == "Deny") return Action::kDeny;
  if (s == "AllowWithShadowDeny") return Action::kAllowWithShadowDeny;
  return std::nullopt;
}

std::string SubsetToString(const Subset& s) {
  std::string out = "{";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += ", ";
    out += s[i].key + (s[i].negated ? "!=" : "=") + s[i].value;
  }
  return out + "}";
}

Result<Subset> SubsetFromTargetRef(const ::kuma::common::v1alpha1::TargetRef& ref) {
  const std::string& kind = ref.kind();
  std::map<std::string, std::string> tags;
  if (kind == "Mesh") {
  } else if (kind == "MeshSubset") {
    tags.insert(ref.tags().begin(), ref.tags().end());
  } else if (kind == "MeshService") {
    tags[std::string(kServiceTag)] = ref.name();
  } else if (kind == "MeshServiceSubset") {
    tags.insert(ref.tags().begin(), ref.tags().end());
    // Kuma appends the tags after the service tag; a `kuma.io/service` tag then contradicts
    // the name. Keep both so the subset matches nothing, as in Kuma.
    Subset ss{{std::string(kServiceTag), ref.name(), false}};
    for (const auto& [k, v] : tags) ss.push_back({k, v, false});
    std::stable_sort(ss.begin(), ss.end(),
                     [](const Tag& a, const Tag& b) { return a.key < b.key; });
    return ss;
  } else {
    return Status::InvalidArgument("can't represent " + kind + " as tags");
  }
  Subset ss;
  for (const auto& [k, v] : tags) ss.push_back({k, v, false});
  return ss;
}

Result<std::vector<FromItem>> CollectFromItems(std::span<const MtpPolicy* const> sorted) {
  std::vector<FromItem> items;
  for (const MtpPolicy* p : sorted) {
    if (p->spec == nullptr) continue;
    for (int i = 0; i < p->spec->from_size(); ++i) {
      const auto& from = p->spec->from(i);
      const std::string& kind = from.targetref().kind();
      // TargetRefKind.IsOldKind: only these take part in from rules.
      if (kind != "Mesh" && kind != "MeshSubset" && kind != "MeshService" &&
          kind != "MeshServiceSubset" && kind != "MeshGateway" && kind != "MeshHTTPRoute") {
        continue;
      }
      Result<Subset> ss = SubsetFromTargetRef(from.targetref());
      if (!ss.ok()) return ss.status();
      items.push_back({std::move(*ss), from.default_().has_action() ? from.default_().action() : "",
                       p->name, i});
    }
  }
  return items;
}

bool SubsetContains(const Subset& ss, const Subset& cell) {
  Interner in;
  auto conv = [&](const Subset& s) {
    ISubset out;
    for (const Tag& t : s) out.push_back({in.Key(t.key), in.Value(t.value), t.negated});
    return out;
  };
  return IsSubset(conv(ss), conv(cell));
}

Result<std::vector<FromRule>> BuildFromRules(const std::vector<FromItem>& items,
                                             const BuildLimits& limits) {
  std::vector<FromRule> rules;
  if (items.empty()) {
    return rules;
  }
  const size_t n = items.size();
  Interner in;
  std::vector<ISubset> subsets(n);
  for (size_t i = 0; i < n; ++i) {
    for (const Tag& t : items[i].subset) {
      subsets[i].push_back({in.Key(t.key), in.Value(t.value), t.negated});
    }
  }

  // Graph: an edge wherever two subsets intersect.
  const size_t words = CliqueFinder::WordsFor(n);
  std::vector<CliqueFinder::Bits> adj(n, CliqueFinder::Bits(words, 0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (Intersect(subsets[i], subsets[j]) || Intersect(subsets[j], subsets[i])) {
        adj[i][j / 64] |= uint64_t{1} << (j % 64);
        adj[j][i / 64] |= uint64_t{1} << (i % 64);
      }
    }
  }
  std::vector<std::vector<int>> cliques = CliqueFinder(adj).Run();
  SortCliques(cliques);

  // Candidate items for a cell, kept in list order so the merge order is Kuma's. An item made
  // of positive tags (every targetRef kind gives those) can only contain a cell that has the
  // same positive tag for the item's first key, so items are indexed by that tag. Items with a
  // negated tag (only when callers build them by hand) and untagged items are always checked.
  std::vector<int> always;
  std::map<std::pair<int, int>, std::vector<int>> by_first_tag;
  for (size_t i = 0; i < n; ++i) {
    const ISubset& ss = subsets[i];
    const bool has_negation =
        std::any_of(ss.begin(), ss.end(), [](const ITag& t) { return t.negated; });
    if (ss.empty() || has_negation) {
      always.push_back(static_cast<int>(i));
    } else {
      const ITag& first = *std::min_element(
          ss.begin(), ss.end(), [](const ITag& a, const ITag& b) { return a.key < b.key; });
      by_first_tag[{first.key, first.value}].push_back(static_cast<int>(i));
    }
  }

  size_t cells_left = limits.max_cells;
  std::vector<int> relevant;
  for (const std::vector<int>& clique : cliques) {
    ISubset tags;
    for (int node : clique) {
      for (const ITag& t : subsets[node]) {
        if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
      }
    }
    std::sort(tags.begin(), tags.end(), [&](const ITag& a, const ITag& b) {
      if (a.key != b.key) return in.KeyName(a.key) < in.KeyName(b.key);
      return in.ValueName(a.value) < in.ValueName(b.value);
    });
    if (tags.size() >= 63 || (size_t{1} << tags.size()) > cells_left) {
      return Status::InvalidArgument(
          "MeshTrafficPermission from rules exceed the limit of " +
          std::to_string(limits.max_cells) + " cells (a group of " + std::to_string(clique.size()) +
          " overlapping from items with " + std::to_string(tags.size()) + " distinct tags)");
    }
    cells_left -= size_t{1} << tags.size();

    SubsetIter iter(tags);
    while (std::optional<ISubset> cell = iter.Next()) {
      relevant.clear();
      for (int idx : always) {
        if (IsSubset(subsets[idx], *cell)) relevant.push_back(idx);
      }
      for (const ITag& t : *cell) {
        if (t.negated) continue;
        auto it = by_first_tag.find({t.key, t.value});
        if (it == by_first_tag.end()) continue;
        for (int idx : it->second) {
          if (IsSubset(subsets[idx], *cell)) relevant.push_back(idx);
        }
      }
      if (relevant.empty()) continue;
      std::sort(relevant.begin(), relevant.end());

      FromRule rule;
      for (const ITag& t : *cell) {
        rule.subset.push_back({in.KeyName(t.key), in.ValueName(t.value), t.negated});
      }
      for (int idx : relevant) {
        const FromItem& item = items[idx];
        if (!item.action.empty()) rule.action = item.action;  // JSON merge patch: later wins
        if (std::find(rule.origins.begin(), rule.origins.end(), item.policy) ==
            rule.origins.end()) {
          rule.origins.push_back(item.policy);
        }
      }
      rules.push_back(std::move(rule));
    }
  }

  std::stable_sort(rules.begin(), rules.end(), [](const FromRule& a, const FromRule& b) {
    auto pos = [](const Subset& s) {
      return std::count_if(s.begin(), s.end(), [](const Tag& t) { return !t.negated; });
    };
    return pos(a.subset) > pos(b.subset);
  });
  return rules;
}

bool CellMatchesPeer(const Subset& cell, const Peer& peer) {
  for (const Tag& t : cell) {
    auto it = peer.tags.find(t.key);
    const bool has = it != peer.tags.end() && it->second.contains(t.value);
    if (has == t.negated) {
      return false;
    }
  }
  return true;
}

std::string PrincipalName(std::string_view mesh, const Tag& tag) {
  if (tag.key == kServiceTag) {
    return "spiffe://" + std::string(mesh) + "/" + tag.value;
  }
  return "kuma://" + tag.key + "/" + tag.value;
}

}  // namespace meshplane::mtp
