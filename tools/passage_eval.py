#!/usr/bin/env python3
"""Known-item passage evaluation: run newsdex on a passage query set and score the run.

The query set is a folder with `queries.jsonl` and `score.py` (for example
`../shared/data/passages/`); the articles are the folders and files it names under `news/`.

    tools/passage_eval.py --data ../shared/data            # index, run, score
    tools/passage_eval.py --data ../shared/data --no-index  # reuse the index
    tools/passage_eval.py --data ../shared/data --per-query

Each query runs as `newsdex search --json --limit 10 [--from] [--to] [--actor] QUERY`; the
hits go to RUN/<qid>.jsonl and `score.py RUN` prints MRR@10, S@1, S@10 and wrong-passage.
Only the Python standard library is needed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

SOURCES = ["presidential-speeches", "reuters-21578.jsonl", "kremlin-press"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="folder holding news/ and passages/")
    parser.add_argument("--queries", help="query folder (default: DATA/passages)")
    parser.add_argument("--newsdex", default="target/release/newsdex", help="the binary")
    parser.add_argument("--index", default="target/passage-eval-index", help="index folder")
    parser.add_argument("--run", help="where to write the run (default: a temp folder)")
    parser.add_argument("--no-index", action="store_true", help="reuse an existing index")
    parser.add_argument("--per-query", action="store_true", help="score.py --per-query")
    args = parser.parse_args()

    queries_dir = args.queries or os.path.join(args.data, "passages")
    queries_file = os.path.join(queries_dir, "queries.jsonl")
    if not os.path.isfile(queries_file):
        sys.exit(f"passage_eval: {queries_file}: not found; pass --data or --queries")
    if not args.no_index:
        inputs = [os.path.join(args.data, "news", s) for s in SOURCES]
        subprocess.run(
            [args.newsdex, "--index", args.index, "index", "--quiet", *inputs], check=True
        )
    run_dir = args.run or tempfile.mkdtemp(prefix="newsdex-passages-")
    os.makedirs(run_dir, exist_ok=True)
    with open(queries_file, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            query = json.loads(line)
            command = [args.newsdex, "--index", args.index, "search", "--json", "--limit", "10"]
            filters = query.get("filters", {})
            for flag in ("from", "to", "actor"):
                if filters.get(flag):
                    command += [f"--{flag}", filters[flag]]
            command += ["--", query["query"]]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode not in (0, 1):
                sys.exit(f"passage_eval: query {query['qid']}: {result.stderr.strip()}")
            with open(os.path.join(run_dir, query["qid"] + ".jsonl"), "w") as out:
                out.write(result.stdout)
    score = [sys.executable, os.path.join(queries_dir, "score.py"), run_dir]
    if args.per_query:
        score.append("--per-query")
    print(f"run: {run_dir}", file=sys.stderr)
    subprocess.run(score, check=True)


if __name__ == "__main__":
    main()
