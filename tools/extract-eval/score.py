#!/usr/bin/env python3
"""Score main-text extractions against the hand-written truth of the extraction dev set.

    python3 tools/extract-eval/score.py --truth tools/extract-eval/truth PRED_DIR [PRED_DIR...]
    python3 tools/extract-eval/score.py --truth tools/extract-eval/truth --per-page 5 PRED_DIR
    python3 tools/extract-eval/score.py --truth tools/extract-eval/truth --json PRED_DIR

Each PRED_DIR holds `<id>.txt` per page (the text one tool extracted); its folder name is the
tool's name in the table. The measure is the one of the public article-extraction benchmark:

- Text: Unicode NFC, with invisible format characters (soft hyphen, zero-width space and
  joiners, word joiner, byte order mark) removed: `Netan\u00adyahu` reads as `Netanyahu`.
- Tokens: the words of the text, `\\w+` runs of Unicode letters, digits and underscores, case
  kept as is; a Han, kana or Hangul character is a token of its own (those scripts write no
  spaces between words, so a whole sentence would otherwise be one token).
- Shingles: every run of 4 consecutive tokens, counted as a multiset; a text of 1 to 3 tokens
  is one shingle of its own.
- Per page: TP = shingles both texts share (multiset intersection), FP = extracted only,
  FN = truth only; precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean.
- Empty output (no file, or a file without a token) on a non-empty truth: precision 1,
  recall 0, F1 0. Output that shares no shingle with the truth: precision 0, recall 0, F1 0.
- The table averages precision, recall and F1 over the pages of the truth folder (macro
  average: every page weighs the same, whatever its length).

Only the Python standard library is needed.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter

SHINGLE = 4

# One token per ideograph or syllable in scripts written without spaces; \w+ for the rest.
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af"  # Hangul syllables
)
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
# Characters a reader does not see, which a page may or may not keep inside a word.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def tokenize(text):
    """The tokens of a text: `\\w+` runs, one token per CJK character, case kept."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).translate(_INVISIBLE))


def shingles(tokens, size=SHINGLE):
    """The multiset of `size`-token runs; a shorter non-empty text is one shingle."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(extracted, truth):
    """Precision, recall and F1 of one extracted text against its truth (see the module doc)."""
    got, want = shingles(tokenize(extracted)), shingles(tokenize(truth))
    if not want:
        raise ValueError("empty truth")
    if not got:
        return {"precision": 1.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": sum(want.values())}
    tp = sum((got & want).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def read_text(path):
    """A file's text, or the empty string when it does not exist."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def score_tool(truth_dir, pred_dir):
    """Per-page scores of one tool and their mean, over every `<id>.txt` of the truth folder."""
    pages = {}
    for name in sorted(os.listdir(truth_dir)):
        if not name.endswith(".txt"):
            continue
        page_id = name[: -len(".txt")]
        truth = read_text(os.path.join(truth_dir, name))
        try:
            pages[page_id] = score_page(read_text(os.path.join(pred_dir, name)), truth)
        except ValueError:
            sys.exit(f"score.py: {os.path.join(truth_dir, name)}: the truth file has no words")
    n = len(pages)
    if n == 0:
        sys.exit(f"score.py: {truth_dir}: no <id>.txt truth files")
    mean = {k: sum(p[k] for p in pages.values()) / n for k in ("precision", "recall", "f1")}
    empty = sum(1 for p in pages.values() if p["tp"] == 0 and p["fp"] == 0)
    return {"tool": os.path.basename(os.path.normpath(pred_dir)), "pages": n, "empty": empty, **mean, "per_page": pages}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--truth", required=True, help="folder of <id>.txt truth files")
    parser.add_argument("--per-page", type=int, metavar="N", default=0, help="also list each tool's N worst pages by F1")
    parser.add_argument("--json", action="store_true", help="print one JSON object per tool instead of a table")
    parser.add_argument("pred_dirs", nargs="+", metavar="PRED_DIR", help="folder of <id>.txt extractions")
    args = parser.parse_args()
    for d in [args.truth, *args.pred_dirs]:
        if not os.path.isdir(d):
            sys.exit(f"score.py: {d}: not a folder")
    results = [score_tool(args.truth, d) for d in args.pred_dirs]
    if args.json:
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
        return
    width = max(len("tool"), *(len(r["tool"]) for r in results))
    print(f"{'tool':<{width}}  precision  recall     F1  pages  empty")
    for r in results:
        print(f"{r['tool']:<{width}}  {r['precision']:9.3f}  {r['recall']:6.3f}  {r['f1']:5.3f}  {r['pages']:5d}  {r['empty']:5d}")
    for r in results if args.per_page else []:
        print(f"\n{r['tool']}: worst {args.per_page} pages by F1")
        worst = sorted(r["per_page"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))[: args.per_page]
        for page_id, p in worst:
            print(f"  {page_id:<24} P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}")


if __name__ == "__main__":
    main()
