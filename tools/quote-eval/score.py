#!/usr/bin/env python3
"""Score found quotations and speaker turns against the labelled quotation set.

    python3 tools/quote-eval/score.py --predicted /tmp/pred/newsdex.jsonl
    python3 tools/quote-eval/score.py --predicted naive=/tmp/pred/naive.jsonl --predicted FILE2
    python3 tools/quote-eval/score.py --predicted FILE --misses 20
    python3 tools/quote-eval/score.py --predicted FILE --json

A predicted FILE holds `newsdex extract` JSON lines: per article `"quotes": [{"text", "start",
"end", "speaker", "cue"}]` and `"turns": [{"start", "end", "speaker"}]`, offsets in bytes into
the article's `body`. `NAME=FILE` names the row; without a name the file's stem does. An
article is found by its `key` (as `run_newsdex.py` writes it), or else by the file name of its
`path` (without `.gz`) and, for JSON lines, `#line`. The measure:

- Match: a predicted span matches a labelled one when they overlap by at least half the longer
  of the two (overlap bytes / max(length) >= 0.5); matching is one-to-one, the pairs with the
  largest overlap share first (ties: earlier spans first).
- Detection: precision = matched / predicted, recall = matched / labelled, F1 their harmonic mean.
- Speaker accuracy, on matched spans: the right speaker over matched spans. Names are compared
  after Unicode NFKC, case folding and punctuation removal, without a leading "the" and without
  company suffixes (Co, Corp, Inc, Ltd, NV, PLC, ...); a predicted name is right when its words
  are the labelled name's words or a run of them ("Sullivan" and "Bill Sullivan" for "Bill
  Sullivan"; "Ohio Edison" for "Ohio Edison Co"), since the labels give the fullest name the
  article gives. The same holds for spellings of one name: umlauts written out or accents
  dropped ("Mueller" for "Müller"), a hyphen closed up ("G7" for "G-7"), a courtesy or
  religious title in front ("Sister Ann Roe" for "Ann Roe"), and an all-capitals acronym of the
  labelled name's initials ("SOMC" for "Shadow Open Market Committee"), the same first and
  last names with a middle initial or name left out on either side ("Robert M. Gates" for
  "Robert Gates", "Ann Roe" for "Ann Lee Roe"); `--strict-names`
  leaves these out, as rounds before December 2026 scored. No speaker (null) is right only
  against a label without one.
- End-to-end: a span counts when it matches and its speaker is right; precision, recall and F1
  as for detection.
- Quotations and turns are measured apart; the per-source table gives the same for each source.

An article whose predicted `body` differs from the labelled one (the labels keep its SHA-1) is
left out with a warning, since offsets into another text mean nothing; an article missing from
the predictions counts as one with nothing found. The labels' five-word anchors are checked
against the bodies read (the predicted body, or the shared data's when the prediction has
none); texts for `--misses` come from the same bodies. Without the shared data (research-only,
not in the repository) the scores are still computed from offsets, and the check and the texts
are skipped with a message. Only the Python standard library is needed.
"""

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata

import gold as goldfile

HALF = 0.5
_SUFFIXES = {
    "ag", "co", "company", "corp", "corporation", "inc", "incorporated", "llc", "ltd",
    "limited", "nv", "plc", "sa",
}


def name_words(name):
    """The words a speaker's name is compared by: NFKC, case-folded, no punctuation."""
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.sub(r"[^\w]+", " ", re.sub(r"['\u2019]s\b", "", text)).split()
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


# Courtesy and religious titles: not part of a name ("Sister Ann Roe" is Ann Roe).
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "sister", "brother", "father", "rev", "reverend", "rabbi"}
# Umlauts as German writes them without the marks ("Müller" is "Mueller").
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def spelled_words(name):
    """The words of a name for the lenient comparison: umlauts written out, other marks dropped,
    hyphens inside a word closed up ("G-7" is "G7"), leading honorifics left out."""
    text = unicodedata.normalize("NFKC", name).casefold().translate(_UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = name_words(re.sub(r"(?<=\w)-(?=\w)", "", text))
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def is_run(want, got):
    """Whether `got` is `want` or a consecutive run of its words."""
    return bool(got) and any(want[i : i + len(got)] == got for i in range(len(want) - len(got) + 1))


def is_subsequence(got, want):
    """Whether the words of `got` appear in `want` in order."""
    rest = iter(want)
    return all(word in rest for word in got)


def same_speaker(labelled, predicted, strict=False):
    """Whether a predicted speaker is right for a labelled one (see the module's rule); unless
    `strict`, also when it differs only by spelling (umlauts, accents, a hyphen, an honorific)
    or is the initials of the labelled name ("SOMC" for "Shadow Open Market Committee"), or
    gives the same first and last names with initials or middle names left out on either side."""
    if labelled is None or predicted is None:
        return labelled is None and predicted is None
    if is_run(name_words(labelled), name_words(predicted)):
        return True
    if strict:
        return False
    want, got = spelled_words(labelled), spelled_words(predicted)
    if is_run(want, got):
        return True
    # Initials left out ("Ann Roe" for "Ann M. Roe" and back), a middle name left out ("Ann
    # Roe" for "Ann Lee Roe"): the first and last words agree.
    bare_want, bare_got = [w for w in want if len(w) > 1], [w for w in got if len(w) > 1]
    if len(bare_got) >= 2 and (is_run(bare_want, bare_got) or (
        bare_got[0] == bare_want[0] and bare_got[-1] == bare_want[-1] and is_subsequence(bare_got, bare_want)
    )):
        return True
    initials = "".join(w[0] for w in want if w not in ("of", "and", "for", "on"))
    return len(got) == 1 and predicted.strip().isupper() and len(got[0]) >= 2 and got[0] == initials


def overlap_ratio(a, b):
    """Shared bytes of two spans over the longer one's length (0 when either is empty)."""
    longer = max(a["end"] - a["start"], b["end"] - b["start"])
    if longer <= 0:
        return 0.0
    shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return max(shared, 0) / longer


def match(labelled, predicted):
    """One-to-one pairs (labelled index, predicted index) overlapping by >= half the longer."""
    pairs = []
    for i, g in enumerate(labelled):
        for j, p in enumerate(predicted):
            ratio = overlap_ratio(g, p)
            if ratio >= HALF:
                pairs.append((-ratio, g["start"], p["start"], i, j))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, _, _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return sorted(out)


class Tally:
    """Counts of one kind of span (quotations or turns) over some articles."""

    def __init__(self, strict=False):
        self.strict = strict
        self.labelled = self.predicted = self.matched = self.right = 0

    def add(self, labelled, predicted):
        """Match one article's spans; the matched pairs and which have the right speaker."""
        pairs = match(labelled, predicted)
        right = [same_speaker(labelled[i].get("speaker"), predicted[j].get("speaker"), self.strict) for i, j in pairs]
        self.labelled += len(labelled)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        self.right += sum(right)
        return pairs, right

    def scores(self):
        """Detection P/R/F1, speaker accuracy on matched spans, end-to-end P/R/F1."""
        p, r = ratio(self.matched, self.predicted), ratio(self.matched, self.labelled)
        ep, er = ratio(self.right, self.predicted), ratio(self.right, self.labelled)
        return {
            "labelled": self.labelled,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": p,
            "recall": r,
            "f1": f1(p, r),
            "speaker_accuracy": ratio(self.right, self.matched),
            "e2e_precision": ep,
            "e2e_recall": er,
            "e2e_f1": f1(ep, er),
        }


def ratio(a, b):
    """a / b, or None when b is 0 (nothing to measure)."""
    return a / b if b else None


def f1(p, r):
    """Harmonic mean of precision and recall (0 when both are 0; None when either is None)."""
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def article_key(article):
    """The key of a predicted article: its own `key`, else file name (no `.gz`) and `#line`."""
    if article.get("key"):
        return article["key"]
    name = os.path.basename(article.get("path") or "").removesuffix(".gz")
    return f"{name}#{article['line']}" if article.get("line") else name


def load_predicted(path):
    """Predicted articles by key; a line that is not JSON is one clear error."""
    found = {}
    for _, article in goldfile.json_lines(path, "score.py"):
        found[article_key(article)] = article
    return found


def shared_body(article, data, repo):
    """An article's body read from the shared data (JSON lines or sample-layout text), or None."""
    if not article["path"].startswith("data:"):
        return None
    path = goldfile.resolve(article["path"], data, repo)
    if not os.path.exists(path):
        return None
    if article.get("line"):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if n == article["line"]:
                    return json.loads(line).get("body") or ""
        return None
    with open(path, encoding="utf-8") as f:
        return f.read().partition("\n")[2].strip()


def spans(article, field):
    """The spans of one kind in a predicted article; ill-formed ones are one clear error."""
    out = []
    for n, span in enumerate(article.get(field) or []):
        if not isinstance(span, dict) or not isinstance(span.get("start"), int) or not isinstance(span.get("end"), int):
            raise SystemExit(f"score.py: {article_key(article)}: {field}[{n}]: needs integer start and end")
        out.append(span)
    return out


def check_anchors(article, body):
    """The labels whose five-word anchor does not open their span in `body`."""
    raw = body.encode("utf-8")
    bad = []
    for field in ("quotes", "turns"):
        for span in article[field]:
            text = raw[span["start"] : span["end"]].decode("utf-8", errors="replace")
            if " ".join(text.split()[:5]) != span.get("anchor", " ".join(text.split()[:5])):
                bad.append(f"{field} {span['start']}-{span['end']}")
    return bad


def evaluate(gold, predicted, data, repo, warn, strict=False):
    """Tallies (all and per source) and the misses of one predicted file against the labels;
    `strict`: names compared without the lenient spellings of `same_speaker`."""
    totals = {"quotes": Tally(strict), "turns": Tally(strict)}
    per_source = {}
    misses = []
    no_text = 0
    for article in gold:
        key = article["key"]
        pred = predicted.get(key)
        body = None
        if pred is None:
            warn(f"{key}: not in the predictions (counted as nothing found)")
            pred = {}
        elif "body" in pred:
            body = pred["body"] or ""
            if hashlib.sha1(body.encode("utf-8")).hexdigest() != article["body_sha1"]:
                warn(f"{key}: the predicted body differs from the labelled one (left out)")
                continue
        if body is None:
            body = shared_body(article, data, repo)
        if body is None:
            no_text += 1
        else:
            bad = check_anchors(article, body)
            if bad:
                warn(f"{key}: labels do not fit the body ({', '.join(bad[:3])}); left out")
                continue
        source = per_source.setdefault(article["source"], {"quotes": Tally(strict), "turns": Tally(strict)})
        for field in ("quotes", "turns"):
            labelled, found = article[field], spans(pred, field)
            pairs, right = totals[field].add(labelled, found)
            source[field].add(labelled, found)
            misses.extend(missed(key, field, labelled, found, pairs, right, body))
    if no_text:
        warn(f"{no_text} articles without a body to read (none in the predictions; a web page's "
             f"comes only from them, the others' from the shared data at {data}): scored from "
             f"offsets, their anchors not checked, their misses without text")
    return totals, per_source, misses


def missed(key, field, labelled, found, pairs, right, body):
    """What went wrong in one article: labels not found, spans not labelled, wrong speakers."""
    raw = body.encode("utf-8") if body is not None else None

    def text(span):
        if raw is None:
            return ""
        words = raw[span["start"] : span["end"]].decode("utf-8", errors="replace").split()
        return " ".join(words[:14]) + (" ..." if len(words) > 14 else "")

    out = []
    got_g = {i for i, _ in pairs}
    got_p = {j for _, j in pairs}
    for i, g in enumerate(labelled):
        if i not in got_g:
            out.append(("missed", field, key, g["start"], g["end"], g.get("speaker"), None, text(g)))
    for j, p in enumerate(found):
        if j not in got_p:
            out.append(("false alarm", field, key, p["start"], p["end"], None, p.get("speaker"), text(p)))
    for (i, j), ok in zip(pairs, right):
        if not ok:
            g, p = labelled[i], found[j]
            out.append(("wrong speaker", field, key, g["start"], g["end"], g.get("speaker"), p.get("speaker"), text(g)))
    return out


def half(key):
    """The half of the set an article belongs to: "even" or "odd", by the SHA-1 of its key."""
    return "even" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "odd"


def fmt(x):
    """A score with three decimals, or a dash when there is nothing to measure."""
    return "-" if x is None else f"{x:.3f}"


def table(rows):
    """Markdown table of named tallies: quotations then turns."""
    head = ("| run | kind | labelled | found | P | R | F1 | speaker acc. | e2e P | e2e R | e2e F1 |\n"
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    lines = [head]
    for name, kind, s in rows:
        lines.append(
            f"| {name} | {kind} | {s['labelled']} | {s['predicted']} | {fmt(s['precision'])} | "
            f"{fmt(s['recall'])} | {fmt(s['f1'])} | {fmt(s['speaker_accuracy'])} | "
            f"{fmt(s['e2e_precision'])} | {fmt(s['e2e_recall'])} | {fmt(s['e2e_f1'])} |"
        )
    return "\n".join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=os.path.join(here, "gold.jsonl"))
    ap.add_argument("--predicted", action="append", required=True, metavar="[NAME=]FILE")
    ap.add_argument("--data", default=goldfile.default_data(repo), help="the shared data folder")
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="list up to N misses of each kind")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--strict-names", action="store_true", help="compare speakers as rounds before December 2026 did: no lenient spellings (umlauts, hyphens, honorifics, initials)")
    ap.add_argument("--half", choices=("even", "odd"), help="only the articles whose key's SHA-1 is even (developed on) or odd (held out)")
    args = ap.parse_args()

    gold = goldfile.load(args.gold)
    if args.half:
        gold = [a for a in gold if half(a["key"]) == args.half]
    report = {}
    for item in args.predicted:
        name, _, path = item.rpartition("=")
        name = name or os.path.splitext(os.path.basename(path))[0]
        if not os.path.exists(path):
            sys.exit(f"score.py: {path}: no such file")
        predicted = load_predicted(path)
        if not any("quotes" in a for a in predicted.values()):
            print(f"score.py: {name}: no article carries `quotes` (an extract without quotations?)", file=sys.stderr)
        totals, per_source, misses = evaluate(
            gold, predicted, args.data, repo, lambda m, name=name: print(f"score.py: {name}: {m}", file=sys.stderr),
            args.strict_names,
        )
        report[name] = {
            "all": {k: t.scores() for k, t in totals.items()},
            "sources": {s: {k: t.scores() for k, t in v.items()} for s, v in sorted(per_source.items())},
            "misses": misses,
        }

    if args.json:
        print(json.dumps({n: {k: v for k, v in r.items() if k != "misses" or args.misses} for n, r in report.items()}, indent=1))
        return
    print(table([(n, kind, r["all"][kind]) for n, r in report.items() for kind in ("quotes", "turns")]))
    for name, r in report.items():
        print(f"\n{name}, per source:\n")
        print(table([(src, kind, v[kind]) for src, v in r["sources"].items() for kind in ("quotes", "turns") if v[kind]["labelled"] or v[kind]["predicted"]]))
        if args.misses:
            for kind in ("missed", "false alarm", "wrong speaker"):
                rows = [m for m in r["misses"] if m[0] == kind]
                print(f"\n{name}: {kind} ({len(rows)}{', first ' + str(args.misses) if len(rows) > args.misses else ''}):")
                for _, field, key, s, e, want, got, text in rows[: args.misses]:
                    who = f" labelled {want!r}" if kind != "false alarm" else ""
                    who += f" predicted {got!r}" if kind != "missed" else ""
                    print(f"  {field[:-1]} {key} {s}-{e}{who}: {text}")


if __name__ == "__main__":
    main()
