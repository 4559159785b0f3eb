#!/usr/bin/env python3
"""Mark candidate quotation spans in articles, as a reading aid for labelling (decides nothing).

    python3 tools/quote-eval/propose.py /tmp/pred/newsdex.jsonl OUT_DIR

For each article of `newsdex extract` JSON lines, writes OUT_DIR/<key>.txt, the body with every
candidate span marked `⟦cN⟫...⟪⟧`, and OUT_DIR/<key>.cands, one candidate a line: `cN`, start
and end byte offsets, `open` when the span runs to its paragraph's end without a closing mark
(a paragraph of a multi-paragraph quotation), and its first words. Candidates are the texts
between straight double marks paired in order within a paragraph, curly double marks, and curly
single marks (a closing one not followed by a letter, so that apostrophes are skipped). Straight
single marks are not proposed: they are read for. Every label is decided by reading the article;
most candidates of a kind (titles, scare quotes, short terms) are not quotations.
"""

import json
import os
import re
import sys

CLOSE = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019"}
PARAGRAPH = re.compile(r"(?s)(.+?)(?:\n\s*\n|\Z)")


def candidates(body):
    """(start, end, flag) character spans of candidate quotations, in order."""
    out = []
    for m in PARAGRAPH.finditer(body):
        base, para = m.start(1), m.group(1)
        i = 0
        while i < len(para):
            mark = para[i]
            if mark not in CLOSE:
                i += 1
                continue
            if mark == "\u2018":
                j = i + 1
                while j < len(para) and not (para[j] == "\u2019" and (j + 1 == len(para) or not para[j + 1].isalpha())):
                    j += 1
                j = j if j < len(para) else -1
            else:
                j = para.find(CLOSE[mark], i + 1)
            if j == -1:
                out.append((base + i + 1, base + len(para.rstrip()), "open"))
                break
            out.append((base + i + 1, base + j, ""))
            i = j + 1
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: propose.py EXTRACT_JSONL OUT_DIR")
    os.makedirs(sys.argv[2], exist_ok=True)
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            article = json.loads(line)
            body = article.get("body") or ""
            key = (article.get("key") or os.path.basename(article.get("path") or "article")).replace("#", "-")
            spans = candidates(body)
            marked, last = [], 0
            for n, (s, e, _) in enumerate(spans):
                marked += [body[last:s], f"\u27e6c{n}\u27eb", body[s:e], "\u27ea\u27e7"]
                last = e
            marked.append(body[last:])
            with open(os.path.join(sys.argv[2], key + ".txt"), "w", encoding="utf-8") as out:
                out.write(f"KEY {article.get('key')}  TITLE {article.get('title')}\n\n{''.join(marked)}\n")
            with open(os.path.join(sys.argv[2], key + ".cands"), "w", encoding="utf-8") as out:
                for n, (s, e, flag) in enumerate(spans):
                    bs, be = len(body[:s].encode()), len(body[:e].encode())
                    out.write(f"c{n}\t{bs}\t{be}\t{flag}\t{' '.join(body[s:e].split()[:8])}\n")
            print(f"{article.get('key')}\t{len(spans)}")


if __name__ == "__main__":
    main()
