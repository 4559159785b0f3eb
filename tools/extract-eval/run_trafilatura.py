#!/usr/bin/env python3
"""Run Python trafilatura on every page of the extraction dev set and time it on one core.

    pip install trafilatura lxml_html_clean
    taskset -c 0 python3 tools/extract-eval/run_trafilatura.py OUT_DIR
    taskset -c 0 python3 tools/extract-eval/run_trafilatura.py --pages DIR --pages DIR2 OUT_DIR

Writes OUT_DIR/<id>.txt for every PAGES/<id>.html.gz (default: the pages folder beside this
script) with trafilatura's defaults and `include_comments=False`, then prints the version and
pages per CPU second. The pages are read and decompressed before the clock starts (a page's
bytes are decoded as UTF-8, as every page of the set is), the files are written after it
stops; the extraction runs `--runs` times (default 3) and the median is reported. The figure
is CPU time (user + system) of the extraction loop, which other work on a busy machine does not
inflate as it does wall time (printed too). The process pins itself to CPU 0 (`--cpu`) so the
figure is one core's even without taskset. An empty or failed
extraction writes an empty file (a failure is also reported on stderr).
"""

import argparse
import gzip
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load_pages(folders):
    """(id, html) of every <id>.html.gz in the folders, sorted by id."""
    pages = []
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".html.gz"):
                with gzip.open(os.path.join(folder, name)) as f:
                    pages.append((name[: -len(".html.gz")], f.read().decode("utf-8", errors="replace")))
    return sorted(pages)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="append", help="folder of <id>.html.gz (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs over all pages (median reported)")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU to pin to (-1: do not pin)")
    parser.add_argument("out_dir", help="folder for <id>.txt")
    args = parser.parse_args()
    if args.cpu >= 0:
        os.sched_setaffinity(0, {args.cpu})
    import trafilatura

    pages = load_pages(args.pages or [os.path.join(HERE, "pages")])
    if not pages:
        sys.exit("run_trafilatura.py: no <id>.html.gz pages")
    times, walls, texts = [], [], {}
    for run in range(args.runs):
        start, wall_start = time.process_time(), time.perf_counter()
        for page_id, html in pages:
            try:
                text = trafilatura.extract(html, include_comments=False)
            except Exception as e:  # one bad page must not stop the run
                if run == 0:
                    print(f"run_trafilatura.py: {page_id}: {e}", file=sys.stderr)
                text = None
            texts[page_id] = text or ""
        times.append(time.process_time() - start)
        walls.append(time.perf_counter() - wall_start)
    os.makedirs(args.out_dir, exist_ok=True)
    for page_id, text in texts.items():
        with open(os.path.join(args.out_dir, page_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    median = statistics.median(times)
    print(
        f"trafilatura {trafilatura.__version__}: {len(pages)} pages, median {median:.3f} CPU s of {args.runs} runs "
        f"({', '.join(f'{t:.3f}' for t in times)}), {len(pages) / median:.1f} pages per CPU second on one core; "
        f"median wall time {statistics.median(walls):.3f} s"
    )


if __name__ == "__main__":
    main()
