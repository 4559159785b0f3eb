#!/usr/bin/env python3
"""Run `newsdex extract` on the articles of the quotation set and write its JSON lines.

    python3 tools/quote-eval/run_newsdex.py --out /tmp/pred/newsdex.jsonl
    python3 tools/quote-eval/run_newsdex.py --newsdex target/release/newsdex --gold GOLD --out FILE

Copies each labelled article into a temporary folder (the one line of a JSON lines file, a
sample-layout `.txt` file, a web page decompressed to `<id>.html`), runs `newsdex extract` once
over that folder, and writes its lines in the order of the labels, each with the article's
`key` added and its `path` and `line` set back to the shared file's. The output is what
`score.py --predicted` reads: the bodies the labels' offsets refer to, and, once `extract`
finds them, `quotes` and `turns`.
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

import gold as goldfile


def stage(article, folder, data, repo):
    """Copy one labelled article into `folder`; the name its copy has there."""
    path = goldfile.resolve(article["path"], data, repo)
    if not os.path.exists(path):
        sys.exit(f"run_newsdex.py: {path}: no such file (for {article['key']})")
    name = article["key"].replace("#", "-line-")
    if article.get("line"):
        name += ".jsonl"
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if n == article["line"]:
                    with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
                        out.write(line)
                    return name
        sys.exit(f"run_newsdex.py: {path}: no line {article['line']}")
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f, open(os.path.join(folder, name), "wb") as out:
            shutil.copyfileobj(f, out)
    else:
        shutil.copyfile(path, os.path.join(folder, name))
    return name


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newsdex", default=os.path.join(repo, "target", "release", "newsdex"))
    ap.add_argument("--gold", default=os.path.join(here, "gold.jsonl"))
    ap.add_argument("--data", default=goldfile.default_data(repo))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"run_newsdex.py: {args.data}: no such folder (the shared data is absent)")
    articles = goldfile.load(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        names = {stage(a, tmp, args.data, repo): a for a in articles}
        run = subprocess.run([args.newsdex, "extract", tmp], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"run_newsdex.py: newsdex extract exited with {run.returncode}: {run.stderr.strip()}")
        found = {}
        for line in run.stdout.splitlines():
            if line.strip():
                out = json.loads(line)
                article = names.get(os.path.basename(out.get("path") or ""))
                if article is not None:
                    out["key"] = article["key"]
                    out["path"] = goldfile.resolve(article["path"], args.data, repo)
                    out["line"] = article.get("line")
                    found[article["key"]] = out
    missing = [a["key"] for a in articles if a["key"] not in found]
    if missing:
        print(f"run_newsdex.py: no article read from {len(missing)}: {' '.join(missing[:5])}", file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as f:
        for a in articles:
            if a["key"] in found:
                f.write(json.dumps(found[a["key"]], ensure_ascii=False) + "\n")
    print(f"run_newsdex.py: {len(found)} of {len(articles)} articles written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
