#!/usr/bin/env python3
"""Draw the articles of the quotation set: a seeded hash per source, not a reader's choice.

    python3 tools/quote-eval/sample.py [--data ../shared/data] > /tmp/sample.tsv
    python3 tools/quote-eval/sample.py --set fresh > /tmp/fresh.tsv
    python3 tools/quote-eval/sample.py --set fresh2 > /tmp/fresh2.tsv
    python3 tools/quote-eval/sample.py --set fresh3 > /tmp/fresh3.tsv
    python3 tools/quote-eval/sample.py --set fresh4 > /tmp/fresh4.tsv
    python3 tools/quote-eval/sample.py --set fresh5 > /tmp/fresh5.tsv
    python3 tools/quote-eval/sample.py --set fresh6 > /tmp/fresh6.tsv
    python3 tools/quote-eval/sample.py --set fresh7 > /tmp/fresh7.tsv
    python3 tools/quote-eval/sample.py --set fresh8 > /tmp/fresh8.tsv
    python3 tools/quote-eval/sample.py --set fresh9 > /tmp/fresh9.tsv
    python3 tools/quote-eval/sample.py --set fresh10 > /tmp/fresh10.tsv


Every candidate article gets the key `file[#line]` (the file's name without `.gz`, and the
1-based line for JSON lines files) and is ranked by SHA-1 of `SEED:key`; each source's strata
take the first articles of that order that meet their condition (an article drawn by an earlier
stratum is not drawn twice). The strata and their sizes are in STRATA below:

- `quoted`: the body holds a double quotation mark (straight or curly), since most wires and
  many releases hold none and the set is about quotations;
- `any`: any article, so that articles without quotations are measured too (false alarms);
- `turns`: a press-office transcript, a body where `Name Surname: ` opens a line or
  follows a sentence's end at least twice (speaker turns);
- long speeches, UN statements and transcripts are drawn among bodies of at most 15,000 bytes
  (labelling effort), which the table says.

The web pages are those of `tools/extract-eval/pages/` whose hand-written truth is English (at
least 2% of its words are "the"); the articles' bodies are the ones `newsdex extract` prints,
so the draw reads the truth only to tell the language. Prints `source, key, stratum, path, line`
as TSV, in draw order; a path is `data:` under the shared data folder or `repo:` in the
repository.
"""

import argparse
import gzip
import hashlib
import json
import os
import re
import sys

SEED = "newsdex-quotes-1"
MAX_LONG = 15000
QUOTE_MARK = re.compile('["\u201c\u201d]')
# A speaker turn: `Name Surname:` opening a line or following a sentence's end.
TURN = re.compile(r"(?:^|(?<=[.?!\u2026\"\u201d] ))[A-Z][a-z]+(?: [A-Z][a-z]+)+: ", re.M)

# source -> [(stratum, count, max body bytes or None)]
STRATA = {
    "reuters": [("quoted", 44, None), ("any", 6, None)],
    "pages": [("any", 24, None)],
    "kremlin": [("quoted", 4, None), ("turns", 3, MAX_LONG)],
    "speeches": [("any", 3, MAX_LONG)],
    "zelensky": [("quoted", 2, None), ("any", 1, None)],
    "ungdc": [("any", 2, MAX_LONG)],
}


# The fresh set (`fresh.jsonl`): a second draw with its own seed, leaving out the articles of
# `gold.jsonl`, labelled before any attribution rule was run on it and only reported on. Bodies
# of at most 8,000 bytes (pages) and 15,000 (releases, speeches), for the labelling effort.
FRESH_SEED = "newsdex-quotes-fresh-1"
FRESH_STRATA = {
    "reuters": [("quoted", 16, None), ("any", 4, None)],
    "pages": [("any", 10, 8000)],
    "kremlin": [("quoted", 6, MAX_LONG)],
    "speeches": [("quoted", 2, MAX_LONG)],
    "zelensky": [("quoted", 2, None)],
}

# The second fresh set (`fresh2.jsonl`): a third draw with its own seed, leaving out the
# articles of `gold.jsonl` and `fresh.jsonl`, labelled before any attribution rule was run on it
# and only reported on. Shorter bodies than the first fresh set (6,000 bytes for pages and
# releases), for the labelling effort.
FRESH2_SEED = "newsdex-quotes-fresh-2"
FRESH2_MAX = 6000
FRESH2_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "pages": [("any", 8, FRESH2_MAX)],
    "kremlin": [("quoted", 4, FRESH2_MAX)],
    "speeches": [("quoted", 2, MAX_LONG)],
    "zelensky": [("quoted", 2, None)],
}

# The third fresh set (`fresh3.jsonl`): a fourth draw with its own seed, leaving out the
# articles of the three sets before it, labelled before any attribution rule was run on it and
# only reported on. Bodies of at most 6,000 bytes for pages and releases and 8,000 for speeches
# and addresses, for the labelling effort.
FRESH3_SEED = "newsdex-quotes-fresh-3"
FRESH3_LONG = 8000
FRESH3_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "pages": [("any", 8, FRESH2_MAX)],
    "kremlin": [("quoted", 4, FRESH2_MAX)],
    "speeches": [("quoted", 2, FRESH3_LONG)],
    "zelensky": [("quoted", 2, FRESH3_LONG)],
}

# The fourth fresh set (`fresh4.jsonl`): a fifth draw with its own seed, leaving out the
# articles of the four sets before it, labelled before any attribution rule was run on it and
# scored once. Press releases, speeches and addresses weigh more than before (Reuters, Kremlin,
# speeches and addresses only); bodies of at most 6,000 bytes for releases and 8,000 for speeches
# and addresses, for the labelling effort.
FRESH4_SEED = "newsdex-quotes-fresh-4"
FRESH4_STRATA = {
    "reuters": [("quoted", 14, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, FRESH2_MAX)],
    "speeches": [("quoted", 4, FRESH3_LONG)],
    "zelensky": [("quoted", 4, FRESH3_LONG)],
}

# The fifth fresh set (`fresh5.jsonl`): a sixth draw with its own seed, leaving out the articles
# of the five sets before it, labelled and scored once before any rule of its round was written.
# Zelensky's addresses weigh more (the weakest source of the fourth set); bodies of at most 5,000
# bytes for releases and 6,000 for speeches and addresses, for the labelling effort.
FRESH5_SEED = "newsdex-quotes-fresh-5"
FRESH5_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, 5000)],
    "speeches": [("quoted", 3, 6000)],
    "zelensky": [("quoted", 7, 6000)],
}

# The sixth fresh set (`fresh6.jsonl`): a seventh draw with its own seed, leaving out the
# articles of the six sets before it, labelled and scored once before any rule of its round was
# written. Bodies of at most 4,000 bytes for releases and 5,000 for speeches and addresses, for
# the labelling effort.
FRESH6_SEED = "newsdex-quotes-fresh-6"
FRESH6_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, 4000)],
    "speeches": [("quoted", 3, 5000)],
    "zelensky": [("quoted", 7, 5000)],
}

# The seventh fresh set (`fresh7.jsonl`): an eighth draw with its own seed, leaving out the
# articles of the seven sets before it, labelled and scored once before any rule of its round was
# written. Bodies of at most 3,000 bytes for releases and 4,000 for speeches and addresses, for
# the labelling effort.
FRESH7_SEED = "newsdex-quotes-fresh-7"
FRESH7_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, 3000)],
    "speeches": [("quoted", 3, 4000)],
    "zelensky": [("quoted", 7, 4000)],
}

# The eighth fresh set (`fresh8.jsonl`): a ninth draw with its own seed, leaving out the
# articles of the eight sets before it, labelled and scored once before any rule of its round was
# written. Bodies of at most 3,000 bytes for releases and 4,000 for speeches and addresses, for
# the labelling effort.
FRESH8_SEED = "newsdex-quotes-fresh-8"
FRESH8_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, 3000)],
    "speeches": [("quoted", 3, 4000)],
    "zelensky": [("quoted", 7, 4000)],
}

# The ninth fresh set (`fresh9.jsonl`): a tenth draw with its own seed, leaving out the articles
# of the nine sets before it, labelled and scored once before any rule of its round was written.
# Bodies of at most 3,000 bytes for releases and 4,000 for speeches, and of 6,000 for addresses
# (few addresses of at most 4,000 bytes are left undrawn).
FRESH9_SEED = "newsdex-quotes-fresh-9"
FRESH9_STRATA = {
    "reuters": [("quoted", 12, None), ("any", 2, None)],
    "kremlin": [("quoted", 6, 3000)],
    "speeches": [("quoted", 3, 4000)],
    "zelensky": [("quoted", 7, 6000)],
}

# The tenth fresh set (`fresh10.jsonl`): an eleventh draw with its own seed, leaving out the
# articles of the ten sets before it, labelled and scored once before any rule of its round was
# written. Weighted to ordinary news prose and Reuters wires, where most quotations are: the web
# pages come back (at most 8,000 bytes, of the twelve English pages left undrawn); releases of at
# most 3,000 bytes, speeches of 4,000 and addresses of 6,000, as for the ninth.
FRESH10_SEED = "newsdex-quotes-fresh-10"
FRESH10_STRATA = {
    "reuters": [("quoted", 14, None), ("any", 2, None)],
    "pages": [("any", 4, 8000)],
    "kremlin": [("quoted", 4, 3000)],
    "speeches": [("quoted", 2, 4000)],
    "zelensky": [("quoted", 4, 6000)],
}

# The sets in the order they were drawn: set -> (seed, strata, the labelled files whose
# articles it leaves out: those of every set drawn before it).
_DRAWN = [
    ("gold", SEED, STRATA),
    ("fresh", FRESH_SEED, FRESH_STRATA),
    ("fresh2", FRESH2_SEED, FRESH2_STRATA),
    ("fresh3", FRESH3_SEED, FRESH3_STRATA),
    ("fresh4", FRESH4_SEED, FRESH4_STRATA),
    ("fresh5", FRESH5_SEED, FRESH5_STRATA),
    ("fresh6", FRESH6_SEED, FRESH6_STRATA),
    ("fresh7", FRESH7_SEED, FRESH7_STRATA),
    ("fresh8", FRESH8_SEED, FRESH8_STRATA),
    ("fresh9", FRESH9_SEED, FRESH9_STRATA),
    ("fresh10", FRESH10_SEED, FRESH10_STRATA),
]
DRAWS = {
    name: (seed, strata, [f"{earlier}.jsonl" for earlier, _, _ in _DRAWN[:i]])
    for i, (name, seed, strata) in enumerate(_DRAWN)
}


def rank(key, seed=SEED):
    """The seeded hash that orders a source's articles."""
    return hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()


def jsonl_articles(path):
    """(key, path, line, body) of every line of a JSON lines file, gzip or not."""
    opener = gzip.open if path.endswith(".gz") else open
    name = os.path.basename(path).removesuffix(".gz")
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield f"{name}#{n}", path, n, json.loads(line).get("body") or ""


def txt_articles(folder):
    """(key, path, None, body) of every sample-layout `.txt` file of a folder."""
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                body = f.read().partition("\n")[2].strip()
            yield name, path, None, body


def page_articles(pages, truth):
    """(key, path, None, truth text) of every English page of the extraction dev set."""
    for name in sorted(os.listdir(pages)):
        if not name.endswith(".html.gz"):
            continue
        page_id = name.removesuffix(".html.gz")
        with open(os.path.join(truth, page_id + ".txt"), encoding="utf-8") as f:
            text = f.read()
        words = re.findall(r"\w+", text.lower())
        if words and words.count("the") / len(words) >= 0.02:
            yield page_id + ".html", os.path.join(pages, name), None, text


def located(path, data, repo):
    """A path as the labels write it: `data:` under the shared data, `repo:` in the repository."""
    inside = os.path.relpath(path, data)
    if not inside.startswith(".."):
        return "data:" + inside
    return "repo:" + os.path.relpath(path, repo)


def meets(stratum, body, limit):
    """Whether an article may be drawn by a stratum."""
    if limit is not None and len(body.encode()) > limit:
        return False
    if stratum == "quoted":
        return bool(QUOTE_MARK.search(body))
    if stratum == "turns":
        return len(TURN.findall(body)) >= 2
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data"))
    ap.add_argument("--set", choices=tuple(DRAWS), default="gold", help="the first draw, or a fresh one")
    args = ap.parse_args()
    seed, plan, earlier = DRAWS[args.set]
    taken_before = set()
    for name in earlier:
        with open(os.path.join(here, name), encoding="utf-8") as f:
            taken_before |= {json.loads(line)["key"] for line in f if line.strip()}
    news = os.path.join(args.data, "news")
    if not os.path.isdir(news):
        sys.exit(f"sample.py: {news}: no such folder (the shared data is absent)")
    repo = os.path.join(here, "..", "..")
    eval_dir = os.path.join(repo, "tools", "extract-eval")
    sources = {
        "reuters": lambda: jsonl_articles(os.path.join(news, "reuters-21578.jsonl")),
        "pages": lambda: page_articles(os.path.join(eval_dir, "pages"), os.path.join(eval_dir, "truth")),
        "kremlin": lambda: txt_articles(os.path.join(news, "kremlin-press")),
        "speeches": lambda: txt_articles(os.path.join(news, "presidential-speeches")),
        "zelensky": lambda: jsonl_articles(os.path.join(news, "zelensky-addresses.jsonl")),
        "ungdc": lambda: jsonl_articles(os.path.join(news, "ungdc.jsonl.gz")),
    }
    for source, strata in plan.items():
        articles = sorted(sources[source](), key=lambda a: rank(a[0], seed))
        drawn = set(taken_before)
        for stratum, count, limit in strata:
            taken = 0
            for key, path, line, body in articles:
                if taken == count:
                    break
                if key in drawn or not meets(stratum, body, limit):
                    continue
                drawn.add(key)
                taken += 1
                print(f"{source}\t{key}\t{stratum}\t{located(path, args.data, repo)}\t{line or ''}")


if __name__ == "__main__":
    main()
