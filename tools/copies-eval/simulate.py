#!/usr/bin/env python3
"""Simulate extra copy rules over every candidate pair before writing them in Rust.

    python3 tools/copies-eval/simulate.py --extracted /tmp/extract.jsonl \\
        --candidates /tmp/candidates.tsv --gold tools/copies-eval/gold-real.tsv \\
        --predicted /tmp/cx-real.jsonl [--show RULE]

A rule here *adds* pairs: each candidate pair (`candidates.py`: every pair whose shorter body
shares 0.2 of its 5-shingles with the other) that the binary did not group and that the rule
accepts is joined to the binary's groups (`newsdex copies --json`), the groups are formed again
as connected components, and the result is scored as `score.py` scores a run. So a rule is
judged by the right and wrong pairs it adds *after* chaining, which is what a reader sees.

The rules are the ones tried for the twelfth, sixteenth and seventeenth rounds of the README's "Copies"
section: checks on aligned text (the share of the shorter body's words inside 5-word runs the
longer holds too, in place of the shingle containment) and aligned sentences, a smaller share
of the longer body, the same company ticker in both headlines at several containment lines,
the same first headline word, a flash under a headline that keeps most of its words, one
company's results of one period at a lower containment line. Each row says how many right and wrong pairs
it adds; `--show RULE` lists the wrong ones. Exact figures here, where the binary estimates
containment from 128 MinHash values.

Only the Python standard library is needed.
"""

import argparse
import csv
import re
import sys

import articles
import label
import score

# A number whole as written, as the Rust rule reads it ("1.5", "6-1/16", "3,200").
_NUMBER = re.compile(r"\d(?:[.,/:\-]?\d)*")


def number_share(a, b):
    """The share of the smaller set of a body's numbers found in the other's (1 when empty)."""
    x, y = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    return len(small & large) / len(small) if small else 1.0


def features(pair, a, b):
    """What the rules read of one candidate pair (`a`, `b`: extracted articles)."""
    ta, tb = articles.tokenize(a["body"]), articles.tokenize(b["body"])
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    sa, sb = int(pair["shingles_a"]), int(pair["shingles_b"])
    title_a, title_b = articles.tokenize(a["title"] or ""), articles.tokenize(b["title"] or "")
    return {
        "containment": float(pair["containment"]),
        "small": min(sa, sb),
        "large": max(sa, sb),
        "covered": articles.covered_share(short, long_),
        "covered_longer": articles.covered_share(long_, short),
        "sentences": articles.aligned_sentence_share(*sorted((a["body"], b["body"]), key=lambda t: len(articles.tokenize(t)))),
        "numbers": number_share(a["body"], b["body"]),
        "days": label.days_apart(a["date"], b["date"]),
        "title_overlap": label.title_overlap(a["title"], b["title"]),
        "same_first_word": bool(title_a and title_b and title_a[0] == title_b[0]),
        "same_ticker": bool(label.tickers(a["title"]) and label.tickers(a["title"]) == label.tickers(b["title"])),
        "one_ticker": len(label.tickers(a["title"])) == 1 and label.tickers(a["title"]) == label.tickers(b["title"]),
        "same_results_period": results_period(a["title"]) is not None and results_period(a["title"]) == results_period(b["title"]),
    }


# Results headlines, as the Rust rule reads them (`results_period` in src/corpus/copies.rs):
# a quarter, or a result over a span; two are of one period when they hold the same period words.
_QUARTER = {"qtr", "quarter"}
_RESULT = {"net", "loss", "profit", "earnings"}
_SPAN = {"year", "yr", "months", "mths"}
_PERIOD = {"1st", "2nd", "3rd", "4th", "first", "second", "third", "fourth", "six", "nine", "year", "qtr", "quarter"}


def results_period(title):
    """The period words of a results headline ("4TH QTR NET": {4th, qtr}); None for another headline."""
    words = set(articles.tokenize(title or ""))
    if not (words & _QUARTER or (words & _RESULT and words & _SPAN)):
        return None
    return frozenset(words & _PERIOD)


def near(f):
    """Within two days, ten shingles or more, the shorter body's figures (0.65) in the other: as the binary."""
    return f["days"] <= 2 and f["numbers"] >= 0.65 and f["small"] >= 10


RULES = {
    "covered-0.70": lambda f: near(f) and f["small"] >= 40 and f["covered"] >= 0.7 and f["covered_longer"] >= 0.25,
    "covered-0.80": lambda f: near(f) and f["small"] >= 40 and f["covered"] >= 0.8 and f["covered_longer"] >= 0.25,
    "covered-0.85": lambda f: near(f) and f["small"] >= 40 and f["covered"] >= 0.85 and f["covered_longer"] >= 0.25,
    "covered-0.70-any-length": lambda f: near(f) and f["covered"] >= 0.7,
    "share-of-longer-0.18": lambda f: near(f)
    and f["small"] >= 40
    and f["containment"] >= 0.85
    and f["containment"] * f["small"] / f["large"] >= 0.18,
    "same-ticker": lambda f: near(f) and f["same_ticker"] and f["containment"] >= 0.8,
    # Sixteenth round: one company ticker (the same) in both headlines at half the text, as the
    # binary now does; and the aligned-sentence share for pairs under 0.6 containment.
    "one-ticker-0.50": lambda f: near(f) and f["one_ticker"] and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.5,
    "one-ticker-0.45": lambda f: near(f) and f["one_ticker"] and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.45,
    "one-ticker-0.40": lambda f: near(f) and f["one_ticker"] and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.4,
    "sentences-0.60": lambda f: near(f) and f["small"] / f["large"] >= 0.2 and f["containment"] < 0.6 and f["sentences"] >= 0.6,
    "sentences-0.70": lambda f: near(f) and f["small"] / f["large"] >= 0.2 and f["containment"] < 0.6 and f["sentences"] >= 0.7,
    "sentences-0.80": lambda f: near(f) and f["small"] / f["large"] >= 0.2 and f["containment"] < 0.6 and f["sentences"] >= 0.8,
    "flash-0.90-headline-0.6": lambda f: near(f) and f["small"] >= 40 and f["containment"] >= 0.9 and f["title_overlap"] >= 0.6,
    # Seventeenth round: one company's results of one period (the same ticker, results headlines
    # of the same period words) at 0.3; a flash nearly whole in its report (0.8) under a
    # headline keeping half the shorter's words, at any share of the report down to 0.2.
    "results-0.30": lambda f: near(f) and f["one_ticker"] and f["same_results_period"] and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.3,
    "results-0.25": lambda f: near(f) and f["one_ticker"] and f["same_results_period"] and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.25,
    "flash-0.80-headline-0.5": lambda f: near(f) and f["small"] >= 40 and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.8 and f["title_overlap"] >= 0.5,
    "flash-0.85-any-headline": lambda f: near(f) and f["small"] >= 40 and f["small"] / f["large"] >= 0.2 and f["containment"] >= 0.85,
    "same-first-headline-word": lambda f: near(f)
    and f["small"] < 40
    and f["containment"] >= 0.9
    and f["same_first_word"]
    and f["title_overlap"] >= 0.5,
}


def simulate(predicted, gold, pairs, rule):
    """The score of the predicted groups with the pairs `rule` accepts added, and those pairs."""
    gold_pairs = score.pairs(gold)
    grouped = score.pairs(predicted)
    added = [(a, b) for (a, b), f in pairs if tuple(sorted((a, b))) not in grouped and rule(f)]
    members = {k for g in predicted for k in g} | {k for pair in added for k in pair}
    edges = [(g[0], k) for g in predicted for k in g[1:]] + added
    result = score.score(gold, label.components(members, edges))
    right = sum(1 for a, b in added if tuple(sorted((a, b))) in gold_pairs)
    return result, right, len(added) - right, added


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extracted", required=True, help="`newsdex extract` output of the indexed articles")
    parser.add_argument("--candidates", required=True, help="`candidates.py` output over the same articles")
    parser.add_argument("--gold", required=True, help="the gold groups")
    parser.add_argument("--predicted", required=True, help="`newsdex copies --json` output of the binary")
    parser.add_argument("--show", choices=sorted(RULES), help="list the wrong pairs this rule adds")
    args = parser.parse_args()
    rows = {r["id"]: r for r in articles.read_jsonl(args.extracted)}
    gold, _ = score.read_gold(args.gold, "id")
    predicted, _ = score.read_predicted(args.predicted, "id")
    with open(args.candidates, encoding="utf-8") as f:
        candidates = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    pairs = [((p["id_a"], p["id_b"]), features(p, rows[p["id_a"]], rows[p["id_b"]])) for p in candidates]
    print(f"{'rule':26s} {'added right':>11s} {'added wrong':>11s} {'precision':>9s} {'recall':>7s} {'F1':>7s}")
    for name, rule in [("binary alone", lambda f: False)] + list(RULES.items()):
        result, right, wrong, added = simulate(predicted, gold, pairs, rule)
        print(f"{name:26s} {right:11d} {wrong:11d} {result['precision']:9.4f} {result['recall']:7.4f} {result['f1']:7.4f}")
        if name == args.show:
            gold_pairs = score.pairs(gold)
            for a, b in added:
                if tuple(sorted((a, b))) not in gold_pairs:
                    print(f"    wrong: {a} {b} | {rows[a]['title'][:50]} | {rows[b]['title'][:50]}")


if __name__ == "__main__":
    sys.exit(main())
