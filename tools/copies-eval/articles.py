"""Articles as newsdex reads them, and the word shingles the copy definition is measured on.

Shared by `candidates.py`, `baseline.py` and `generate.py` so that every tool of this folder
reads and compares articles by one rule:

- Articles: `newsdex extract PATH...` prints one JSON object per article (id, path, line, date,
  title, body, ...). Reading them through the binary is the simplest faithful way to see the
  articles newsdex indexes, with its ids and its bodies.
- Tokens: `\\w+` runs of the lower-cased body (Unicode letters, digits, underscore).
- Shingles: the set of distinct runs of 5 consecutive tokens, each as a 64-bit BLAKE2b hash; a
  body of 1 to 4 tokens is one shingle of its own, an empty body has none.
- Containment of a pair: shared shingles over the shingles of the article that has fewer;
  Jaccard: shared over the union; the covered share: the share of a body's words inside a
  5-word run the other body holds too (the measure the rewrite convention is decided on).

Only the Python standard library is needed.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SHINGLE = 5
_TOKEN = re.compile(r"\w+")


def tokenize(text):
    """The lower-cased `\\w+` tokens of a text."""
    return _TOKEN.findall(text.lower())


def _hash(words):
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest(), "little")


def shingles(text, size=SHINGLE):
    """The set of hashed `size`-token runs of a text (see the module doc)."""
    tokens = tokenize(text)
    if not tokens:
        return set()
    if len(tokens) < size:
        return {_hash(tokens)}
    return {_hash(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def containment(a, b):
    """Shared shingles over the smaller set's size (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def covered_share(tokens, other, size=SHINGLE):
    """The share of `tokens` (a body's words) inside a `size`-word run that `other` holds too.

    The text-aligned view of containment: one word changed breaks five shingles but leaves
    only one word uncovered, so a lightly rewritten re-send keeps a high share here while its
    shingle containment falls. 0 for a text shorter than one run."""
    if len(tokens) < size or len(other) < size:
        return 0.0
    runs = {tuple(other[i : i + size]) for i in range(len(other) - size + 1)}
    covered = [False] * len(tokens)
    for i in range(len(tokens) - size + 1):
        if tuple(tokens[i : i + size]) in runs:
            covered[i : i + size] = [True] * size
    return sum(covered) / len(tokens)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


def aligned_sentence_share(short_body, long_body, near=0.8, size=SHINGLE):
    """The share of the shorter body's words in sentences that reappear nearly verbatim in the
    longer one, in order: a sentence of `size` words or more counts when `near` of its words lie
    inside `size`-word runs the longer body holds, placed where its first run is; the
    sentences counted are the heaviest chain placed in increasing order (a rewrite keeps the
    order of what it keeps). 0 for an empty body."""
    sentences = [t for t in (tokenize(s) for s in _SENTENCE_END.split(short_body)) if t]
    other = tokenize(long_body)
    runs = {}
    for i in range(len(other) - size + 1):
        runs.setdefault(tuple(other[i : i + size]), i)
    placed = []
    for words in sentences:
        covered, first = [False] * len(words), None
        for i in range(len(words) - size + 1):
            at = runs.get(tuple(words[i : i + size]))
            if at is not None:
                covered[i : i + size] = [True] * size
                first = at - i if first is None else first
        if len(words) >= size and sum(covered) >= near * len(words):
            placed.append((first, len(words)))
    best = []
    for n, (at, weight) in enumerate(placed):
        best.append(weight + max((best[m] for m in range(n) if placed[m][0] < at), default=0))
    total = sum(len(t) for t in sentences)
    return max(best, default=0) / total if total else 0.0


def jaccard(a, b):
    """Shared shingles over the union (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def extract(newsdex, paths):
    """Every article newsdex reads under `paths`, as dicts, in the order `extract` prints them.

    The binary is copied to a temporary folder first, so a rebuild of the checkout it comes from
    cannot change it under a long run. Warnings newsdex prints go to our stderr.
    """
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "newsdex")
        shutil.copy2(newsdex, binary)
        run = subprocess.run([binary, "extract", *paths], stdout=subprocess.PIPE, check=False)
    if run.returncode != 0:
        sys.exit(f"newsdex extract failed with status {run.returncode}")
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines() if line.strip()]


def read_jsonl(path):
    """Articles saved earlier from `newsdex extract` (one JSON object a line)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load(args):
    """Articles from `--extracted FILE` when given, else from running `--newsdex` on `args.paths`."""
    if args.extracted:
        return read_jsonl(args.extracted)
    if not args.paths:
        sys.exit("give the PATHs to read, or --extracted FILE")
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        sys.exit(f"{missing[0]}: no such file or folder (the shared data set is not on this machine?)")
    return extract(args.newsdex, args.paths)


def add_source_arguments(parser):
    """The options every tool here takes to get its articles."""
    parser.add_argument("--newsdex", default="target/release/newsdex", help="the newsdex binary (default: %(default)s)")
    parser.add_argument("--extracted", metavar="FILE", help="read articles saved from `newsdex extract` instead of running it")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders, as given to `newsdex index`")
