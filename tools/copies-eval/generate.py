#!/usr/bin/env python3
"""Generate a labelled corpus of syndicated copies and hard negatives from real articles.

    python3 tools/copies-eval/generate.py --newsdex /tmp/newsdex --out /tmp/copies-gen \\
        ../shared/data/news/presidential-speeches ../shared/data/news/reuters-21578.jsonl \\
        ../shared/data/news/kremlin-press ../shared/data/news/zelensky-addresses.jsonl

Writes to OUT (never into the repository: the texts come from research-use data):
- `corpus/wire.jsonl`: the originals and the hard negatives, `corpus/outlet-1.jsonl` ..
  `outlet-3.jsonl`: the syndicated variants, each a JSON line `id, date, title, body` that
  `newsdex index OUT/corpus` reads;
- `gold.tsv` (beside `corpus/`, not in it, so it is not indexed): one line per generated article
  (`group article_id file line kind`), the gold groups for `score.py` (a hard negative is a
  group of its own).

Real articles used (the same-topic negatives, the Reuters originals) are ones no other article
of the PATHs copies: none shares 0.2 of its 5-shingles with them. Originals are passages of `presidential-speeches/` made into articles (4 to 8 paragraphs, a
headline from one of their sentences) and such Reuters articles of 100 words or more. Each real text is used once. The kinds, and how many of each, are set by `PLAN`; see the README for what each is.
Everything is drawn from `random.Random(seed)` over sorted inputs: the same inputs and seed
give the same corpus.
"""

import argparse
import json
import os
import random
import re
import sys
from collections import defaultdict

import articles
import candidates

# Positive groups (an original and its copies) and hard negatives, by kind: how many.
PLAN = {
    "reprint": 30,  # new headline, byline and dateline added
    "trimmed": 30,  # new headline, the last 20-45% of the text cut
    "extended": 25,  # a paragraph of background added at the end, byline added
    "light-edits": 30,  # word substitutions through the text and one sentence dropped
    "corrected": 25,  # a corrected re-send: one figure or word changed, a correction line
    "chain": 15,  # one story in three or four outlets: reprint, trimmed, light edits
    "negative:same-topic": 40,  # two real articles naming the same people, written apart
    "negative:edition": 25,  # two days' editions of one formulaic market report
    "negative:template": 25,  # one dividend notice filled for two companies
    "negative:digest": 15,  # a digest of five short items, each item also on its own
}

OUTLETS = ["The Lakeshore Ledger", "Granite Valley Courier", "Harbor City Dispatch", "Tri-County Observer"]
WRITERS = ["Marta Okonjo", "Ivo Brandstetter", "Lena Castellanos", "Tomas Velikov", "Ada Quint", "Rafe Mallory"]
PLACES = ["RIVERTON", "ASHFORD", "MILLBROOK", "PORT ELSIN", "NORTHGATE", "CALDER FALLS"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# Light edits: a word or phrase and what an editor might write instead (both directions used).
SUBSTITUTIONS = [
    ("said", "stated"),
    ("pct", "percent"),
    ("mln", "million"),
    ("billion", "bln"),
    ("dlrs", "dollars"),
    ("government", "administration"),
    ("people", "citizens"),
    ("however", "but"),
    ("large", "big"),
    ("about", "around"),
    ("country", "nation"),
    ("great", "major"),
    ("shall", "will"),
    ("which", "that"),
    ("upon", "on"),
    ("among", "amongst"),
    ("because", "since"),
    ("company", "firm"),
]

# Invented companies and markets for the template and edition negatives.
COMPANY_WORDS = [
    "Alder", "Brixton", "Corvale", "Dunmore", "Eastlake", "Fenwick", "Galloway", "Hollis", "Ingram", "Jessop",
    "Kestrel", "Lindqvist", "Marlow", "Northam", "Orwell", "Pemberton", "Quarry", "Rushmore", "Selden", "Thornbury",
]
COMPANY_KINDS = ["Industries Inc", "Bancorp", "Holdings Corp", "Manufacturing Co", "Foods Inc", "Energy Corp", "Financial Corp"]
MARKETS = ["Riverton", "Ashford", "Millbrook", "Northgate", "Calder Falls", "Port Elsin"]
GOODS = ["hogs", "feeder cattle", "spring wheat", "soybeans", "barley"]

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def sentences(text):
    """The sentences of a text (a split after . ! ? before a capital)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def paragraphs(text):
    """The non-empty paragraphs of a text."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def headline(sentence, words=10):
    """A headline made of a sentence's first words."""
    w = re.sub(r"[\"“”]", "", sentence).split()
    return " ".join(w[:words]).rstrip(",;:") + ("..." if len(w) > words else "")


def source_of(article):
    """Which input an article comes from: speech, reuters or other."""
    path = article["path"].replace("\\", "/")
    if "/presidential-speeches/" in path:
        return "speech"
    if os.path.basename(path).startswith("reuters"):
        return "reuters"
    return "other"


def speech_passages(speeches, rng):
    """One passage per speech (4 to 8 paragraphs, 150 to 700 words) as an original article."""
    out = []
    for s in speeches:
        paras = [p for p in paragraphs(s["body"]) if len(p.split()) >= 25]
        if len(paras) < 6:
            continue
        n = rng.randint(4, min(8, len(paras)))
        start = rng.randint(0, len(paras) - n)
        chosen = paras[start : start + n]
        words = sum(len(p.split()) for p in chosen)
        if not 150 <= words <= 700:
            continue
        first = sentences(chosen[0])
        out.append({"date": (s["date"] or "")[:10], "title": headline(first[0]), "body": "\n\n".join(chosen), "from": s["id"]})
    return out


def lone(pool):
    """The articles of `pool` with no candidate pair at all (none shares 0.2 of their shingles)."""
    sets = [articles.shingles(r["body"]) for r in pool]
    paired = set()
    for i, j, _ in candidates.candidate_pairs(sets, 0.2):
        paired.update((i, j))
    return [r for k, r in enumerate(pool) if k not in paired]


def reuters_originals(lone_articles, taken):
    """Lone Reuters articles of 100 words or more, not taken already, as originals."""
    return [
        {"date": (r["date"] or "")[:10], "title": r["title"].title(), "body": r["body"], "from": r["id"]}
        for r in lone_articles
        if source_of(r) == "reuters" and r["id"] not in taken and len(r["body"].split()) >= 100
    ]


def next_day(date):
    """The ISO day after `date` (a date-only ISO string), or the same string when unreadable."""
    from datetime import date as d, timedelta

    try:
        return (d.fromisoformat(date) + timedelta(days=1)).isoformat()
    except ValueError:
        return date


def byline(rng, date):
    """A byline and dateline paragraph, as a reprinting outlet adds it."""
    month = MONTHS[int(date[5:7]) - 1] if len(date) >= 7 and date[5:7].isdigit() else "March"
    day = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else 3
    return f"By {rng.choice(WRITERS)}, {rng.choice(OUTLETS)}\n\n{rng.choice(PLACES)}, {month} {day} -"


def new_headline(article, rng):
    """A headline other than the original's, from a later sentence of the body."""
    sents = sentences(article["body"])
    pick = sents[1] if len(sents) > 1 else sents[0]
    return rng.choice(["", "Update: ", "Analysis: ", ""]) + headline(pick, rng.randint(7, 11))


def reprint(a, rng):
    """New headline, byline and dateline added, text kept."""
    return {"title": new_headline(a, rng), "body": byline(rng, a["date"]) + " " + a["body"]}


def trimmed(a, rng):
    """New headline, the last 20-45% of the sentences cut."""
    sents = sentences(a["body"])
    keep = max(2, round(len(sents) * rng.uniform(0.55, 0.8)))
    return {"title": new_headline(a, rng), "body": " ".join(sents[:keep])}


def extended(a, rng, filler):
    """Byline added, and a paragraph from an unrelated article added at the end as background."""
    extra = " ".join(sentences(filler["body"])[:3])
    return {"title": a["title"], "body": byline(rng, a["date"]) + " " + a["body"] + "\n\nIn other news, " + extra}


def light_edits(a, rng):
    """Word substitutions through the text (about half the chances taken) and one sentence dropped."""
    body = a["body"]
    for x, y in SUBSTITUTIONS:
        for old, new in ((x, y), (y, x)):
            body = re.sub(rf"\b{re.escape(old)}\b", lambda m, new=new: new if rng.random() < 0.5 else m.group(0), body)
    sents = sentences(body)
    if len(sents) > 3:
        del sents[rng.randrange(1, len(sents))]
    return {"title": a["title"], "body": " ".join(sents)}


def corrected(a, rng):
    """A corrected re-send: one figure (or, with none, one word) changed and a correction line."""
    body = a["body"]
    numbers = list(re.finditer(r"\b\d+\b", body))
    if numbers:
        m = rng.choice(numbers)
        body = body[: m.start()] + str(int(m.group(0)) + rng.randint(1, 9)) + body[m.end() :]
        note = "corrects figure"
    else:
        words = list(re.finditer(r"\b[a-z]{6,}\b", body))
        m = rng.choice(words)
        body = body[: m.start()] + m.group(0)[::-1] + body[m.end() :]
        note = "corrects a word"
    return {"title": "CORRECTED - " + a["title"], "body": body + f"\n\n({note} in an earlier version)"}


def edition_pair(rng, date):
    """Two days' editions of one invented formulaic market report."""
    market, good = rng.choice(MARKETS), rng.choice(GOODS)
    out = []
    for day in (date, next_day(date)):
        lo = rng.randint(40, 60)
        body = (
            f"{good.capitalize()} prices at {market} were {rng.choice(['up', 'down'])} {rng.randint(1, 3)}.{rng.choice(['00', '25', '50', '75'])} dlrs "
            f"on estimated receipts of {rng.randint(2, 9)},{rng.randint(100, 999)} head, private sources said. "
            f"Top {lo}.{rng.choice(['00', '50'])} dlrs per cwt, with most sales between {lo - 2}.{rng.choice(['00', '25', '50'])} "
            f"and {lo - 1}.{rng.choice(['00', '25', '50', '75'])} dlrs. "
            f"Week to date receipts {rng.randint(10, 40)},{rng.randint(100, 999)} head versus {rng.randint(10, 40)},{rng.randint(100, 999)} "
            f"a week ago and {rng.randint(10, 40)},{rng.randint(100, 999)} a year ago. "
            "Trade was described as moderate, with packer demand steady to firm in early dealings and "
            "country movement light, private sources said."
        )
        out.append({"date": day, "title": f"{market.upper()} {good.upper()} REPORT", "body": body})
    return out


def template_pair(rng, date, used):
    """One invented dividend notice filled for two companies named only in the headlines."""
    cents = rng.randint(5, 60)
    pay, record = rng.randint(10, 28), rng.randint(1, 9)
    body = f"Qtly div {cents} cts vs {cents} cts prior\n\nPay April {pay}\n\nRecord April {record}"
    out = []
    while len(out) < 2:
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        if name in used:
            continue
        used.add(name)
        ticker = "".join(w[0] for w in name.split()[:2]).upper() + rng.choice("KLMNPRSTV")
        out.append({"date": date, "title": f"{name.upper()} <{ticker}> SETS QUARTERLY DIVIDEND", "body": body})
    return out


def same_topic_pairs(pool, rng, n):
    """Real pairs naming the same person and one more actor, within 3 days, containment under 0.2."""
    by_person = defaultdict(list)
    for k, a in enumerate(pool):
        for act in a.get("actors") or []:
            if act["kind"] == "person":
                by_person[act["name"]].append(k)
    names = sorted(p for p, ks in by_person.items() if 2 <= len(ks) <= 300)
    rng.shuffle(names)
    used, out = set(), []
    sets = {}
    for person in names:
        ks = by_person[person][:]
        rng.shuffle(ks)
        for x in ks:
            if len(out) >= n:
                return out
            if x in used:
                continue
            for y in ks:
                if y == x or y in used:
                    continue
                a, b = pool[x], pool[y]
                if not a["date"] or not b["date"] or abs(_days(a["date"], b["date"])) > 3:
                    continue
                shared = {t["name"] for t in a["actors"]} & {t["name"] for t in b["actors"]}
                if len(shared) < 2:
                    continue
                sa = sets.setdefault(x, articles.shingles(a["body"]))
                sb = sets.setdefault(y, articles.shingles(b["body"]))
                if articles.containment(sa, sb) >= 0.2:
                    continue
                used.update((x, y))
                out.append((a, b))
                break
    return out


def _days(a, b):
    from datetime import date

    return (date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    articles.add_source_arguments(parser)
    parser.add_argument("--out", required=True, help="folder to write the corpus and gold.tsv into (created)")
    parser.add_argument("--seed", type=int, default=15, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    rows = articles.load(args)
    rng = random.Random(args.seed)
    by_source = defaultdict(list)
    for r in rows:
        by_source[source_of(r)].append(r)
    for src in by_source.values():
        src.sort(key=lambda r: r["id"])
    if not by_source["speech"] or not by_source["reuters"]:
        sys.exit("generate.py: give presidential-speeches/ and reuters-21578.jsonl among the PATHs")
    # Real articles that are copies of nothing: the same-topic negatives first, the originals from
    # what is left, so no real text is used twice.
    lone_articles = lone(by_source["reuters"] + by_source["other"])
    same_topic = same_topic_pairs(lone_articles, rng, PLAN["negative:same-topic"])
    taken = {x["id"] for pair in same_topic for x in pair}
    originals = speech_passages(by_source["speech"], rng) + reuters_originals(lone_articles, taken)
    rng.shuffle(originals)
    print(f"generate.py: {len(originals)} candidate originals", file=sys.stderr)

    files = {name: [] for name in ("wire.jsonl", "outlet-1.jsonl", "outlet-2.jsonl", "outlet-3.jsonl")}
    gold = []
    counter = iter(range(1, 10**6))
    group_ids = iter(range(1, 10**6))

    def emit(article, file, group, kind, date=None):
        aid = f"gen-{next(counter):05d}"
        row = {"id": aid, "date": date or article["date"], "title": article["title"], "body": article["body"]}
        files[file].append(row)
        gold.append((group, aid, file, len(files[file]), kind))

    def take():
        return originals.pop()

    for kind in ("reprint", "trimmed", "extended", "light-edits", "corrected"):
        for _ in range(PLAN[kind]):
            a, g = take(), next(group_ids)
            emit(a, "wire.jsonl", g, kind)
            if kind == "reprint":
                v = reprint(a, rng)
            elif kind == "trimmed":
                v = trimmed(a, rng)
            elif kind == "extended":
                v = extended(a, rng, take())
            elif kind == "light-edits":
                v = light_edits(a, rng)
            else:
                v = corrected(a, rng)
            emit(v, rng.choice(["outlet-1.jsonl", "outlet-2.jsonl", "outlet-3.jsonl"]), g, kind, rng.choice([a["date"], next_day(a["date"])]))
    for _ in range(PLAN["chain"]):
        a, g = take(), next(group_ids)
        emit(a, "wire.jsonl", g, "chain")
        steps = [reprint, trimmed, light_edits][: rng.randint(2, 3)]
        for n, make in enumerate(steps, 1):
            emit(make(a, rng), f"outlet-{n}.jsonl", g, "chain", next_day(a["date"]))
    for a, b in same_topic:
        for x in (a, b):
            emit({"date": (x["date"] or "")[:10], "title": x["title"], "body": x["body"]}, "wire.jsonl", next(group_ids), "negative:same-topic")
    for _ in range(PLAN["negative:edition"]):
        for e in edition_pair(rng, f"1987-0{rng.randint(3, 6)}-{rng.randint(10, 27)}"):
            emit(e, "wire.jsonl", next(group_ids), "negative:edition")
    names = set()
    for _ in range(PLAN["negative:template"]):
        for t in template_pair(rng, f"1987-0{rng.randint(3, 6)}-{rng.randint(10, 27)}", names):
            emit(t, "wire.jsonl", next(group_ids), "negative:template")
    for _ in range(PLAN["negative:digest"]):
        items = [take() for _ in range(5)]
        date = items[0]["date"]
        shorts = [{"date": date, "title": it["title"], "body": " ".join(sentences(it["body"])[:2])} for it in items]
        for s in shorts:
            emit(s, "wire.jsonl", next(group_ids), "negative:digest")
        digest = "\n\n".join(f"{s['title'].upper()} - {s['body']}" for s in shorts)
        emit({"date": date, "title": "NEWS HIGHLIGHTS", "body": digest}, "wire.jsonl", next(group_ids), "negative:digest")

    os.makedirs(os.path.join(args.out, "corpus"), exist_ok=True)
    for name, rows_out in files.items():
        with open(os.path.join(args.out, "corpus", name), "w", encoding="utf-8") as f:
            for r in rows_out:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "gold.tsv"), "w", encoding="utf-8") as f:
        f.write("group\tarticle_id\tfile\tline\tkind\n")
        for g, aid, file, line, kind in gold:
            f.write(f"{g}\t{aid}\t{file}\t{line}\t{kind}\n")
    print(f"generate.py: {len(gold)} articles in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
