#!/usr/bin/env python3
"""Precision@50 of the top actors of each kind, against a file of judgements made by hand.

    tools/actor-eval/score.py --index /tmp/ae/A --corpus A --judged tools/actor-eval/judged.tsv
    tools/actor-eval/score.py --index /tmp/ae/U --corpus U --kind org --unjudged-tsv >> new.tsv

For each kind, runs `newsdex actors --kind K --top 50 --json` on the index and looks every
entry up in the judgement file (TSV: corpus, kind, name, verdict `ok` or `wrong`, reason; `#`
starts a comment). Prints precision@50 per kind (right entries over the entries listed, and
the list's length: a list shorter than 50 when the index holds more candidates is a fault of
its own), the wrong entries with their reasons, and the entries that have no judgement yet,
which are counted apart and must be judged by hand (`--unjudged-tsv` prints them as TSV rows
to fill in). Exit status 1 when some entry has no judgement. Only the standard library is
needed.
"""

import argparse
import json
import subprocess
import sys

KINDS = ["person", "org", "country", "place"]


def read_judged(path, corpus):
    judged = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4 or cols[3] not in ("ok", "wrong"):
                sys.exit(f"{path}: line {n}: expected corpus, kind, name, ok|wrong, reason")
            if cols[0] == corpus:
                judged[(cols[1], cols[2])] = (cols[3], cols[4] if len(cols) > 4 else "")
    return judged


def top_actors(newsdex, index, kind, top):
    out = subprocess.run(
        [newsdex, "actors", "--index", index, "--kind", kind, "--top", str(top), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="the index directory")
    parser.add_argument("--corpus", required=True, help="the corpus label in the judgement file")
    parser.add_argument("--judged", default="tools/actor-eval/judged.tsv")
    parser.add_argument("--newsdex", default="target/release/newsdex", help="the binary")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only these kinds")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--unjudged-tsv", action="store_true", help="print unjudged rows as TSV")
    args = parser.parse_args()

    judged = read_judged(args.judged, args.corpus)
    missing_any = False
    for kind in args.kind or KINDS:
        actors = top_actors(args.newsdex, args.index, kind, args.top)
        right, wrong, unjudged = 0, [], []
        for rank, actor in enumerate(actors, 1):
            verdict = judged.get((kind, actor["name"]))
            if verdict is None:
                unjudged.append((rank, actor))
            elif verdict[0] == "ok":
                right += 1
            else:
                wrong.append((rank, actor, verdict[1]))
        done = right + len(wrong)
        precision = right / done if done else 0.0
        if args.unjudged_tsv:
            for _, actor in unjudged:
                print(f"{args.corpus}\t{kind}\t{actor['name']}\t\t")
            missing_any |= bool(unjudged)
            continue
        print(
            f"{args.corpus} {kind:8} precision@{args.top} {precision:.2f}"
            f"  ({right}/{done} judged, {len(actors)} listed, {len(unjudged)} unjudged)"
        )
        for rank, actor, reason in wrong:
            print(f"    wrong {rank:3} {actor['name']} ({actor['articles']}): {reason}")
        for rank, actor in unjudged:
            print(f"    unjudged {rank:3} {actor['name']} ({actor['articles']})")
        missing_any |= bool(unjudged)
    sys.exit(1 if missing_any else 0)


if __name__ == "__main__":
    main()
