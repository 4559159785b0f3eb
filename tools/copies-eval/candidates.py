#!/usr/bin/env python3
"""Every pair of articles whose shorter body shares at least 0.2 of its word 5-shingles with the other.

    python3 tools/copies-eval/candidates.py --newsdex /tmp/newsdex \\
        ../shared/data/news/zelensky-addresses.jsonl ../shared/data/news/kremlin-press \\
        ../shared/data/news/reuters-21578.jsonl > /tmp/candidates.tsv

All PATHs are read together, so pairs across files are found too. The search is exhaustive: an
inverted index from each shingle hash to the articles holding it, and a count of shared shingles
for every pair that meets in a posting list (no sampling, no frequency cut-off). Shingles and
containment are defined in `articles.py`.

Output: a TSV with a header, one pair a line, by containment then Jaccard (highest first):
`id_a id_b containment jaccard length_ratio shared shingles_a shingles_b same_title title_a title_b`,
where `length_ratio` is the shorter article's shingle count over the longer's. Articles are
named by their newsdex `article_id`; the tool stops if two articles share one.
"""

import argparse
import sys
from collections import Counter, defaultdict

import articles


def unique_ids(rows):
    """Stop with a message if two articles share an id (the key the gold files use)."""
    seen = {}
    for r in rows:
        if r["id"] in seen:
            sys.exit(f"article id {r['id']!r} is in both {seen[r['id']]} and {r['path']}: the ids are not a unique key")
        seen[r["id"]] = r["path"]


def candidate_pairs(sets, min_containment):
    """(i, j, shared) for every pair i < j whose containment is at least `min_containment`."""
    postings = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)
    shared = Counter()
    for docs in postings.values():
        for x in range(len(docs)):
            i = docs[x]
            for j in docs[x + 1 :]:
                shared[(i, j)] += 1
    for (i, j), n in shared.items():
        if n / min(len(sets[i]), len(sets[j])) >= min_containment:
            yield i, j, n


def clean(title):
    """A title on one TSV cell."""
    return " ".join((title or "").split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    articles.add_source_arguments(parser)
    parser.add_argument("--min-containment", type=float, default=0.2, help="the least containment printed (default: %(default)s)")
    args = parser.parse_args()
    rows = articles.load(args)
    unique_ids(rows)
    sets = [articles.shingles(r["body"]) for r in rows]
    out = []
    for i, j, n in candidate_pairs(sets, args.min_containment):
        a, b = len(sets[i]), len(sets[j])
        ta, tb = clean(rows[i]["title"]), clean(rows[j]["title"])
        out.append((n / min(a, b), n / (a + b - n), min(a, b) / max(a, b), n, a, b, ta.lower() == tb.lower(), rows[i]["id"], rows[j]["id"], ta, tb))
    out.sort(key=lambda t: (-t[0], -t[1], t[7], t[8]))
    print("id_a\tid_b\tcontainment\tjaccard\tlength_ratio\tshared\tshingles_a\tshingles_b\tsame_title\ttitle_a\ttitle_b")
    for c, jac, ratio, n, a, b, same, ia, ib, ta, tb in out:
        print(f"{ia}\t{ib}\t{c:.3f}\t{jac:.3f}\t{ratio:.3f}\t{n}\t{a}\t{b}\t{int(same)}\t{ta}\t{tb}")
    print(f"candidates.py: {len(rows)} articles, {len(out)} pairs with containment >= {args.min_containment}", file=sys.stderr)


if __name__ == "__main__":
    main()
