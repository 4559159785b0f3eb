#!/usr/bin/env python3
"""Decide every candidate pair by the copy definition, and write the gold groups of the real set.

    python3 tools/copies-eval/label.py --extracted /tmp/extract.jsonl --candidates /tmp/candidates.tsv \\
        --decisions tools/copies-eval/decisions.tsv --gold tools/copies-eval/gold-real.tsv \\
        --unread /tmp/unread.tsv

Each pair of `candidates.py` output gets one decision, `copy` or `not`, with a reason. Pairs far
above doubt are decided by the first rule that applies (in this order, see the README):

1. `stub`: either body is only its own headline (a video caption), or the shorter body has fewer
   than 10 shingles: too little text to tell one item from the next edition of a recurring one.
2. `low`: containment below 0.3: most of the shorter article's text is its own.
3. `template`: the headlines name different companies (different `<TICKER>`s) and containment is
   below 0.9: one notice filled for two subjects.
4. `apart`: published more than 2 days apart, and containment below 0.9 or the shorter body
   under 100 shingles: a later edition of a formulaic report (whose short text may even repeat
   word for word: a council's unchanged policy, a weekly table), or a short item sharing a
   stock phrase with an unrelated one.
5. `loose`: containment below 0.5 and headlines that share less than 0.6 of the shorter one's
   words: the same topic or formula, not the same text.
6. `edition`: headlines that differ only in numbers (a time, a day) and containment below 0.9:
   two editions of one formulaic report.
7. `same`: containment 0.9 or more, headlines sharing 0.6 or more of the shorter one's words,
   30 shingles or more and no different tickers: the same text under the same headline.

Every other pair is borderline: it is decided by reading both texts, and the decision with its
one-line reason is a line of `--decisions` whose `how` is `read`. The tool reads those lines,
then writes the file again with every pair decided by reading, by `same` or by `edition`
(`id_a id_b containment jaccard decision how reason`); the pairs the other rules decide are
counted, not listed. A borderline pair with no reading is written to `--unread` (to read and add
with `how` = `read`) and the tool fails, so the gold never holds a guess. Gold groups are the
connected components of the `copy` pairs.
"""

import argparse
import csv
import os
import re
import sys
from datetime import date

import articles

# A ticker in angle brackets (`<IBM>`, `<CRZY.O>`); Reuters also brackets unlisted companies'
# full names (`<Canamax Resources Inc>`), which are not tickers.
_TICKER = re.compile(r"<\s*([A-Z]{1,6}(?:\.[A-Z]{1,2})?)\s*>")
_NUMBER = re.compile(r"^\d+$")


def tickers(title):
    """The company tickers a Reuters headline names (`<IBM>`, `<CRZY.O>` -> CRZY)."""
    return {t.split(".")[0] for t in _TICKER.findall(title or "")}


def title_overlap(a, b):
    """Shared headline words over the word count of the headline with fewer words."""
    x, y = set(articles.tokenize(a or "")), set(articles.tokenize(b or ""))
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def days_apart(a, b):
    """Days between two RFC 3339 dates (a large number when either is missing)."""
    if not a or not b:
        return 10**6
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def is_stub(article):
    """A body that is only its own headline: a caption with no text of its own."""
    return articles.tokenize(article["body"]) == articles.tokenize(article["title"] or "")


def differ_in_numbers_only(a, b):
    """Two different headlines that are equal once their numbers are dropped."""
    x, y = articles.tokenize(a or ""), articles.tokenize(b or "")
    return x != y and [t for t in x if not _NUMBER.match(t)] == [t for t in y if not _NUMBER.match(t)]


def rule(pair, a, b):
    """The (decision, rule, reason) of a pair far above doubt, or None for a borderline pair."""
    c, smaller = float(pair["containment"]), min(int(pair["shingles_a"]), int(pair["shingles_b"]))
    ta, tb = tickers(a["title"]), tickers(b["title"])
    other_company = bool(ta and tb and not ta & tb)
    overlap, apart = title_overlap(a["title"], b["title"]), days_apart(a["date"], b["date"])
    if is_stub(a) or is_stub(b) or smaller < 10:
        return "not", "stub", "a body of a caption or a line only: too little text to call a copy"
    if c < 0.3:
        return "not", "low", "under 0.3 of the shorter text shared"
    if other_company and c < 0.9:
        return "not", "template", "one notice filled for companies the headlines name differently"
    if apart > 2 and (c < 0.9 or smaller < 100):
        return "not", "apart", f"{apart} days apart, short or differing text: another edition or a stock phrase"
    if c < 0.5 and overlap < 0.6:
        return "not", "loose", "same topic or formula, under half the shorter text shared, other headline"
    if differ_in_numbers_only(a["title"], b["title"]) and c < 0.9:
        return "not", "edition", "headlines differ only in a number: two editions of a formulaic report"
    if c >= 0.9 and overlap >= 0.6 and smaller >= 30 and not other_company:
        return "copy", "same", "the same text under the same headline"
    return None


FIELDS = ["id_a", "id_b", "containment", "jaccard", "decision", "how", "reason"]


def read_decisions(path):
    """The decisions taken by reading, from a decisions file: {(id_a, id_b): (decision, reason)}."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            cells = line.rstrip("\n").split("\t")
            if n == 1 or not line.strip():
                continue
            if len(cells) != len(FIELDS) or cells[4] not in ("copy", "not"):
                sys.exit(f"{path}: line {n}: want {len(FIELDS)} cells ({' '.join(FIELDS)}), decision copy or not")
            if cells[5] == "read":
                out[tuple(sorted(cells[:2]))] = (cells[4], cells[6])
    return out


def components(ids, edges):
    """Connected components (lists of ids, each sorted) of the undirected graph `edges`."""
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extracted", required=True, help="`newsdex extract` output of the three sources")
    parser.add_argument("--candidates", required=True, help="`candidates.py` output")
    parser.add_argument("--decisions", required=True, help="the decisions file: its `read` lines are read, then it is written again")
    parser.add_argument("--gold", required=True, help="where to write the gold groups")
    parser.add_argument("--unread", required=True, help="where to write the borderline pairs still to read")
    args = parser.parse_args()
    rows = {r["id"]: r for r in articles.read_jsonl(args.extracted)}
    read = read_decisions(args.decisions)
    with open(args.candidates, encoding="utf-8") as f:
        pairs = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    decided, unread, counts = [], [], {}
    for p in pairs:
        a, b = rows[p["id_a"]], rows[p["id_b"]]
        key = tuple(sorted((p["id_a"], p["id_b"])))
        by_rule = rule(p, a, b)
        if by_rule:
            decision, how, reason = by_rule
        elif key in read:
            (decision, reason), how = read[key], "read"
        else:
            unread.append(p)
            continue
        counts[(how, decision)] = counts.get((how, decision), 0) + 1
        decided.append((p, decision, how, reason))
    with open(args.unread, "w", encoding="utf-8") as f:
        for p in unread:
            f.write("\t".join(p[k] for k in ("id_a", "id_b", "containment", "jaccard", "shingles_a", "shingles_b", "title_a", "title_b")) + "\n")
    for (how, decision), n in sorted(counts.items()):
        print(f"{how:<9} {decision:<5} {n:6d}", file=sys.stderr)
    if unread:
        sys.exit(f"label.py: {len(unread)} borderline pairs have no decision yet: see {args.unread}")
    with open(args.decisions, "w", encoding="utf-8") as f:
        f.write("\t".join(FIELDS) + "\n")
        for p, decision, how, reason in decided:
            if how in ("read", "same", "edition"):
                f.write(f"{p['id_a']}\t{p['id_b']}\t{p['containment']}\t{p['jaccard']}\t{decision}\t{how}\t{reason}\n")
    copies = [(p["id_a"], p["id_b"]) for p, decision, _, _ in decided if decision == "copy"]
    groups = components(sorted({i for e in copies for i in e}), copies)
    with open(args.gold, "w", encoding="utf-8") as f:
        f.write("group\tarticle_id\tfile\tline\tkind\n")
        for n, g in enumerate(groups, 1):
            for i in g:
                r = rows[i]
                f.write(f"{n}\t{i}\t{r['path'].rsplit('/', 1)[-1]}\t{r['line'] or ''}\t{kind(g)}\n")
    print(f"label.py: {len(groups)} groups, {sum(len(g) for g in groups)} articles, {sum(len(g) * (len(g) - 1) // 2 for g in groups)} pairs", file=sys.stderr)


def kind(group):
    """Which sources a gold group spans: reuters, zelensky, kremlin, or a `+` of them."""
    names = sorted({"reuters" if i.startswith("reuters-") else "kremlin" if re.match(r"\d{4}-\d\d-\d\d_", i) else "zelensky" for i in group})
    return "real:" + "+".join(names)


if __name__ == "__main__":
    main()
