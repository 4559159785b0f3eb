#!/usr/bin/env python3
"""Score copy groups found by `newsdex copies --json` against labelled groups.

    python3 tools/copies-eval/score.py --gold tools/copies-eval/gold-real.tsv --predicted copies.jsonl
    python3 tools/copies-eval/score.py --gold GOLD --predicted FILE --universe ids.txt --list 20
    python3 tools/copies-eval/score.py --gold GOLD --predicted FILE --json

The measure is pairwise: every group, gold or predicted, stands for all the pairs of articles
within it (a group of n has n(n-1)/2 pairs), and

- precision = predicted pairs that are gold pairs / predicted pairs,
- recall = gold pairs that are predicted pairs / gold pairs,
- F1 = their harmonic mean.

With no predicted pair, precision is 1 (nothing was merged wrongly); with no gold pair, recall
is 1. A false positive is a predicted pair the gold does not hold (a wrong merge, which hides an
article from a reader); a false negative is a gold pair not predicted.

Files:
- GOLD: a TSV with a header `group article_id file line kind`, one article a line; the
  articles of one `group` value form one gold group. A group of one article is allowed: it
  marks a labelled article that is a copy of nothing (a hard negative), and its `kind` is
  reported with any false positive it takes part in. Lines starting with `#` are comments.
- FILE: `newsdex copies --json` output, one group a line:
  `{"size": N, "articles": [{"article_id", "path", "line", "title", "date", "source"}, ...]}`.
- `--universe`: only articles listed there count; predicted pairs with an article outside it
  are dropped (for a run over an index that holds more than the labelled articles). One
  article id a line, or JSON lines with an `id` or `article_id` key (`newsdex extract`
  output).

Articles are matched by `article_id`, or with `--key file+id` by the file name of their path
and their id (for corpora whose ids repeat across files).

Only the Python standard library is needed.
"""

import argparse
import itertools
import json
import os
import signal
import sys
from collections import Counter, defaultdict


class InputError(Exception):
    """A line of an input file that cannot be read; the message names the file and line."""


def article_key(article_id, path, key):
    """The key an article is matched by: its id, or its file name and id."""
    if key == "id":
        return str(article_id)
    return f"{os.path.basename(path or '')}#{article_id}"


def read_gold(path, key):
    """Gold groups ({group: [keys]}) and each article's kind ({key: kind}) from a gold TSV."""
    groups, kinds = defaultdict(list), {}
    with open(path, encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                missing = {"group", "article_id"} - set(header)
                if missing:
                    raise InputError(f"{path}: line {n}: the header lacks {', '.join(sorted(missing))}")
                continue
            if len(cells) != len(header):
                raise InputError(f"{path}: line {n}: {len(cells)} cells, the header has {len(header)}")
            row = dict(zip(header, cells))
            k = article_key(row["article_id"], row.get("file", ""), key)
            if k in kinds:
                raise InputError(f"{path}: line {n}: article {k} is listed twice")
            groups[row["group"]].append(k)
            kinds[k] = row.get("kind", "") or ""
    return list(groups.values()), kinds


def read_predicted(path, key):
    """Predicted groups ([[keys]]) and each article's title ({key: title}) from copies JSON lines."""
    groups, titles, seen = [], {}, {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                group = json.loads(line)
                members = group["articles"]
                keys = [article_key(a["article_id"], a.get("path"), key) for a in members]
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(f"{path}: line {n}: not a copies group ({e.__class__.__name__}: {e})") from None
            for k, a in zip(keys, members):
                if k in seen:
                    raise InputError(f"{path}: line {n}: article {k} is also in the group of line {seen[k]}")
                seen[k] = n
                titles[k] = a.get("title") or ""
            groups.append(keys)
    return groups, titles


def read_universe(path):
    """The set of article ids listed in a universe file (plain ids or JSON lines)."""
    ids = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):
                try:
                    row = json.loads(line)
                    ids.add(str(row["article_id"] if "article_id" in row else row["id"]))
                except (ValueError, KeyError) as e:
                    raise InputError(f"{path}: line {n}: no id ({e.__class__.__name__}: {e})") from None
            else:
                ids.add(line)
    return ids


def read_titles(path, key):
    """Each article's title ({key: title}) from `newsdex extract` JSON lines."""
    titles = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                titles[article_key(row["id"], row.get("path"), key)] = row.get("title") or ""
            except (ValueError, KeyError) as e:
                raise InputError(f"{path}: line {n}: not an extracted article ({e.__class__.__name__}: {e})") from None
    return titles


def pairs(groups):
    """Every unordered pair of articles within the same group, as sorted tuples."""
    out = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(set(g)), 2):
            out.add((a, b))
    return out


def score(gold_groups, predicted_groups):
    """Pairwise precision, recall, F1 and the false-positive and false-negative pairs."""
    gold, predicted = pairs(gold_groups), pairs(predicted_groups)
    tp = len(gold & predicted)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "true_positives": tp,
        "false_positives": sorted(predicted - gold),
        "false_negatives": sorted(gold - predicted),
    }


def restrict(groups, universe, key):
    """The groups with their articles outside `universe` removed (ids, or file+id keys by id)."""
    keep = (lambda k: k in universe) if key == "id" else (lambda k: k.split("#", 1)[1] in universe)
    return [[k for k in g if keep(k)] for g in groups]


def by_kind(result, gold_groups, kinds):
    """Gold pairs and false negatives per gold kind; false positives per pair of kinds."""
    group_kind = {}
    for g in gold_groups:
        for k in g:
            group_kind[k] = kinds.get(k, "")
    table = defaultdict(Counter)
    for a, b in pairs(gold_groups):
        table[group_kind[a]]["gold_pairs"] += 1
    for a, b in result["false_negatives"]:
        table[group_kind[a]]["false_negatives"] += 1
    for a, b in result["false_positives"]:
        ka, kb = sorted((kinds.get(a, "unlabelled"), kinds.get(b, "unlabelled")))
        table[ka if ka == kb else f"{ka}+{kb}"]["false_positives"] += 1
    return {k: dict(v) for k, v in sorted(table.items())}


def main():
    if hasattr(signal, "SIGPIPE"):
        # `score.py ... | head` ends quietly instead of with a traceback.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="gold groups (TSV: group, article_id, file, line, kind)")
    parser.add_argument("--predicted", required=True, help="`newsdex copies --json` output")
    parser.add_argument("--universe", help="count only these articles (ids, or `newsdex extract` JSON lines)")
    parser.add_argument("--titles", metavar="FILE", help="`newsdex extract` JSON lines to name articles no predicted group holds")
    parser.add_argument("--key", choices=("id", "file+id"), default="id", help="how articles are matched (default: %(default)s)")
    parser.add_argument("--list", type=int, metavar="N", default=10, help="list up to N false positives and N false negatives (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    for f in (args.gold, args.predicted, args.universe, args.titles):
        if f and not os.path.isfile(f):
            sys.exit(f"score.py: {f}: no such file")
    try:
        gold_groups, kinds = read_gold(args.gold, args.key)
        predicted_groups, titles = read_predicted(args.predicted, args.key)
        if args.universe:
            universe = read_universe(args.universe)
            predicted_groups = restrict(predicted_groups, universe, args.key)
            gold_groups = restrict(gold_groups, universe, args.key)
        if args.titles:
            titles = {**read_titles(args.titles, args.key), **titles}
    except InputError as e:
        sys.exit(f"score.py: {e}")
    result = score(gold_groups, predicted_groups)
    result["by_kind"] = by_kind(result, gold_groups, kinds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print("precision  recall     F1  gold pairs  predicted pairs  true positives")
    print(
        f"{result['precision']:9.4f}  {result['recall']:6.4f}  {result['f1']:5.4f}  {result['gold_pairs']:10d}"
        f"  {result['predicted_pairs']:15d}  {result['true_positives']:14d}"
    )
    if any(k for k in result["by_kind"]):
        print("\nkind                                gold pairs  false negatives  false positives")
        for kind, c in result["by_kind"].items():
            print(f"{kind or '-':<34}  {c.get('gold_pairs', 0):10d}  {c.get('false_negatives', 0):15d}  {c.get('false_positives', 0):15d}")
    for name in ("false_positives", "false_negatives"):
        listed = result[name][: args.list]
        if listed:
            print(f"\n{name.replace('_', ' ')} ({len(result[name])}, first {len(listed)}):")
        for a, b in listed:
            print(f"  {a}  {b}  | {titles.get(a, '')[:60]} | {titles.get(b, '')[:60]}")


if __name__ == "__main__":
    main()
