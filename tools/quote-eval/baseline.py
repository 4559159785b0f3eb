#!/usr/bin/env python3
"""A naive quotation finder, the anchor row of the quotation set's table.

    python3 tools/quote-eval/baseline.py /tmp/pred/newsdex.jsonl /tmp/pred/naive.jsonl

Reads `newsdex extract` JSON lines (their `body`) and writes them again with `quotes` found by
two rules and nothing else, and no `turns`:
- a quotation is the text between a pair of double quotation marks (straight marks paired in
  order within a paragraph, or curly “ ” marks) holding at least three words;
- its speaker is the capitalised name (a run of capitalised words) nearest before the first
  "said" or "says" of the sentence holding the quotation, the quotation's own words left out;
  none when the sentence has no such verb or no such name before it.
It is the floor a real finder has to clear, not a finder: it misses multi-paragraph quotes
without a closing mark, every speaker named after the verb ("said Smith") and every pronoun.
"""

import json
import re
import sys

PARAGRAPH = re.compile(r"\n\s*\n")
PAIR = re.compile(r'"([^"]*)"|\u201c([^\u201d]*)\u201d')
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
VERB = re.compile(r"\b(said|says)\b")
NAME = re.compile(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*")


def quotations(body):
    """(start, end) character spans inside paired double quotation marks, 3+ words."""
    out = []
    start = 0
    for para in PARAGRAPH.split(body):
        at = body.index(para, start)
        for m in PAIR.finditer(para):
            group = 1 if m.group(1) is not None else 2
            if len(m.group(group).split()) >= 3:
                out.append((at + m.start(group), at + m.end(group)))
        start = at + len(para)
    return out


def speaker(body, masked, s, e):
    """The capitalised name nearest before the sentence's first said/says, or None."""
    left = max((m.end() for m in SENTENCE_END.finditer(masked, 0, s)), default=0)
    right = next((m.start() for m in SENTENCE_END.finditer(masked, e)), len(masked))
    sentence = masked[left:right]
    verb = VERB.search(sentence)
    if not verb:
        return None, None
    names = NAME.findall(sentence[: verb.start()])
    return (names[-1].strip() if names else None), verb.group(1)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: baseline.py EXTRACT_JSONL OUT_JSONL")
    with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            article = json.loads(line)
            body = article.get("body") or ""
            spans = quotations(body)
            masked = list(body)
            for s, e in spans:
                masked[s:e] = " " * (e - s)
            masked = "".join(masked)
            quotes = []
            for s, e in spans:
                who, cue = speaker(body, masked, s, e)
                quotes.append({
                    "text": body[s:e],
                    "start": len(body[:s].encode("utf-8")),
                    "end": len(body[:e].encode("utf-8")),
                    "speaker": who,
                    "cue": cue,
                })
            article["quotes"] = quotes
            article["turns"] = []
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
