#!/usr/bin/env python3
"""Reference groupings to score: exact-hash dedup, or a bare containment threshold.

    python3 tools/copies-eval/baseline.py --newsdex /tmp/newsdex PATH... > baseline.jsonl
    python3 tools/copies-eval/baseline.py --containment 0.5 --newsdex /tmp/newsdex PATH... > c50.jsonl
    python3 tools/copies-eval/score.py --gold tools/copies-eval/gold-real.tsv --predicted baseline.jsonl

Exact hash (the default): articles whose normalised bodies are identical form a group.
The normalised body is its lower-cased `\\w+` tokens joined by one space (`articles.tokenize`),
so case, punctuation and line breaks do not matter and every other difference does; its
SHA-256 is the key. Bodies without a token are left out.

`--containment T`: the connected components of every pair whose containment of word 5-shingles
is T or more (found exhaustively as in `candidates.py`): what the measure alone gives, without
the definition's judgement of templates, editions, digests and stubs.

Output has the shape of `newsdex copies --json`: one group of two or more a line, largest first.
"""

import argparse
import hashlib
import json
from collections import defaultdict

import articles
import candidates


def groups(rows):
    """Lists of articles whose normalised bodies hash alike, two or more, largest first."""
    by_hash = defaultdict(list)
    for r in rows:
        tokens = articles.tokenize(r["body"])
        if tokens:
            by_hash[hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()].append(r)
    found = [g for g in by_hash.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]["id"]))


def containment_groups(rows, threshold):
    """Connected components of the pairs whose containment is `threshold` or more."""
    sets = [articles.shingles(r["body"]) for r in rows]
    parent = list(range(len(rows)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in candidates.candidate_pairs(sets, threshold):
        parent[find(i)] = find(j)
    by_root = defaultdict(list)
    for k, r in enumerate(rows):
        by_root[find(k)].append(r)
    found = [g for g in by_root.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]["id"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    articles.add_source_arguments(parser)
    parser.add_argument("--containment", type=float, metavar="T", help="group by containment T or more instead of exact hash")
    args = parser.parse_args()
    rows = articles.load(args)
    for g in containment_groups(rows, args.containment) if args.containment else groups(rows):
        fields = (("article_id", "id"), ("path", "path"), ("line", "line"), ("title", "title"), ("date", "date"), ("source", "source"))
        members = [{k: r.get(v) for k, v in fields} for r in g]
        print(json.dumps({"size": len(g), "articles": members}, ensure_ascii=False))


if __name__ == "__main__":
    main()
