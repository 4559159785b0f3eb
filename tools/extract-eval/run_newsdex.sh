#!/usr/bin/env bash
# Run `newsdex extract` on every page of the extraction dev set and time it on one core.
#
#     tools/extract-eval/run_newsdex.sh OUT_DIR [PAGES_DIR...]
#     NEWSDEX=target/release/newsdex RUNS=3 tools/extract-eval/run_newsdex.sh OUT_DIR
#
# Decompresses every PAGES_DIR/<id>.html.gz (default: the pages folder beside this script) to
# a temporary folder as <id>.html, runs `taskset -c 0 newsdex extract [--json] FOLDER` (one
# process over all pages, RUNS times; `--json` is passed when `extract --help` lists it), and
# writes the `body` of the JSON line(s) whose `path` is <id>.html to OUT_DIR/<id>.txt (several
# articles from one page are joined by a blank line; a page without an article gets an empty
# file and a warning). Prints the median CPU time (user + system, all threads; pinned to one
# core, so other work on a busy machine inflates it less than wall time) and pages per CPU
# second, and the median wall time. The time includes what
# `extract` does besides the body (reading, actor extraction, JSON), so it is a lower bound of
# the body extraction's own speed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
newsdex="${NEWSDEX:-target/release/newsdex}"
runs="${RUNS:-3}"
if [ $# -lt 1 ]; then
    echo "usage: $0 OUT_DIR [PAGES_DIR...]" >&2
    exit 2
fi
out="$1"
shift
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=("$here/pages")
[ -x "$newsdex" ] || { echo "run_newsdex.sh: $newsdex: no such program (build it or set NEWSDEX)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/html" "$out"
n=0
for dir in "${pages[@]}"; do
    for gz in "$dir"/*.html.gz; do
        [ -e "$gz" ] || continue
        id="$(basename "$gz" .html.gz)"
        gunzip -c "$gz" >"$tmp/html/$id.html"
        n=$((n + 1))
    done
done
[ "$n" -gt 0 ] || { echo "run_newsdex.sh: no <id>.html.gz pages in ${pages[*]}" >&2; exit 2; }

json_flag=()
if "$newsdex" extract --help | grep -q -- '--json'; then
    json_flag=(--json)
fi

times=()
walls=()
for ((run = 1; run <= runs; run++)); do
    # A build without HTML support reads no article from the pages and exits non-zero: then
    # every page gets an empty file (recall 0) and the exit status is reported.
    status=0
    /usr/bin/time -f '%U %S %e' -o "$tmp/time.txt" \
        taskset -c 0 "$newsdex" extract "${json_flag[@]}" "$tmp/html" >"$tmp/out.jsonl" 2>"$tmp/err.txt" || status=$?
    # The last line: time puts "Command exited with non-zero status N" before it.
    read -r user sys wall < <(tail -n 1 "$tmp/time.txt")
    times+=("$(echo "$user + $sys" | bc)")
    walls+=("$wall")
done
if [ "$status" -ne 0 ]; then
    echo "run_newsdex.sh: newsdex extract exited with status $status" >&2
fi
if [ -s "$tmp/err.txt" ]; then
    echo "run_newsdex.sh: newsdex warnings:" >&2
    head -20 "$tmp/err.txt" >&2
fi

python3 - "$tmp/out.jsonl" "$tmp/html" "$out" <<'PY'
import json, os, sys
lines, html_dir, out = sys.argv[1:4]
bodies = {os.path.splitext(name)[0]: [] for name in os.listdir(html_dir)}
with open(lines, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"run_newsdex.sh: newsdex output line {n}: not JSON: {e}")
        page_id = os.path.splitext(os.path.basename(article.get("path") or ""))[0]
        if page_id in bodies:
            bodies[page_id].append(article.get("body") or "")
missing = sorted(k for k, v in bodies.items() if not any(b.strip() for b in v))
for page_id, texts in bodies.items():
    with open(os.path.join(out, page_id + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(texts))
if missing:
    print(f"run_newsdex.sh: {len(missing)} of {len(bodies)} pages gave no article body: {' '.join(missing[:10])}" + (" ..." if len(missing) > 10 else ""), file=sys.stderr)
PY

median_of() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
median=$(median_of "${times[@]}")
cpu_rate=$(awk -v n="$n" -v t="$median" 'BEGIN {print (t > 0) ? sprintf("%.1f", n / t) : "inf"}')
echo "newsdex ($("$newsdex" --version 2>/dev/null || echo newsdex)): $n pages, median $median CPU s of $runs runs ($(echo "${times[*]}" | sed 's/ /, /g')), $cpu_rate pages per CPU second on one core; median wall time $(median_of "${walls[@]}") s"
