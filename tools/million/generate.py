#!/usr/bin/env python3
"""Generate the million-article archive: new articles mixed from real ones, 30% labelled copies.

    python3 tools/million/generate.py --out /tmp/million ../shared/data/news
    python3 tools/million/generate.py --out /tmp/million-1k --articles 1000 --seed 2 --prefix add \\
        ../shared/data/news

Writes to OUT (never into the repository: the sentences come from research-use data):
- `corpus/PREFIX-NNNN.jsonl.gz`: gzipped JSON lines `id, date, title, source, body`, as many
  articles a shard as `--shard-articles`, which `newsdex index OUT/corpus` reads;
- `gold.tsv` (beside `corpus/`, so it is not indexed): the copy groups in the format
  `tools/copies-eval/score.py` reads (`group article_id file line kind`), one line per article
  of a group (an original with its copies); articles of no group are copies of nothing;
- `summary.json`: what was written (articles, copies, bytes of text, first and last date).

An original article is new text: 2 to 6 paragraphs of 2 to 4 sentences, every sentence drawn
from the whole pool of sentences of the inputs (every source, every article; each sentence is
used once before any is used again), its figures replaced by other figures of the same length,
and a third of its capitalised names (one consistent choice per article) by invented names, so
that no two originals share a paragraph and two sentences from one source article rarely meet
again. Its date is any day of the 40 years 1985-2024 (copies included), its source one of 40 invented outlets.

A copy (exactly `--copy-share` of the articles, 30% by default, spread evenly through the
stream) reprints a recent original (one of the last 2,000) in another outlet, 0 to 2 days
later, with edits of one kind: `reprint` (a new headline from a later sentence, byline and
dateline), `trimmed` (the last 20-40% of the paragraphs cut), `extended` (a paragraph of new
sentences added) or `light-edits` (word substitutions through the text and one sentence dropped).

Inputs: folders of `.txt` articles in the sample layout and `.jsonl` / `.jsonl.gz` files with a
`body` key; files are read in sorted order, and everything is drawn from `random.Random(seed)`:
the same inputs, options and seed give the same archive, byte for byte.
Only the Python standard library is needed.
"""

import argparse
import datetime
import gzip
import json
import os
import random
import re
import sys

OUTLETS = [
    f"{a} {b}"
    for a in ("Lakeshore", "Granite Valley", "Harbor City", "Tri-County", "Northfield",
              "Redwater", "Ashcombe", "Silver Plains")
    for b in ("Ledger", "Courier", "Dispatch", "Observer", "Herald")
]
KINDS = ("reprint", "trimmed", "extended", "light-edits")
SWAPS = {
    "said": "stated", "percent": "pct", "pct": "percent", "million": "mln", "mln": "million",
    "billion": "bln", "bln": "billion", "country": "nation", "nation": "country",
    "government": "administration", "also": "further", "however": "but", "about": "around",
    "year": "twelve months", "company": "firm", "people": "citizens", "big": "large",
}
FIRST_DAY = datetime.date(1985, 1, 1)
# Originals fall on any day of 1985-2024 but the last two, so that their copies do too.
DAYS = (datetime.date(2024, 12, 29) - FIRST_DAY).days + 1
RECENT_ORIGINALS = 2000

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
FIGURE = re.compile(r"\d+")
WORD = re.compile(r"\b[a-z]+\b")


class InputError(Exception):
    """An input that cannot be read; the message names the file and the problem."""


def read_bodies(path):
    """The article bodies of one input path: a folder (recursively), `.txt`, `.jsonl(.gz)`."""
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                yield from read_bodies(os.path.join(root, name))
        return
    name = os.path.basename(path)
    if name.endswith(".txt"):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        first, _, body = text.partition("\n")
        yield body if first.startswith(" date ") else text
    elif name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line).get("body") or ""
                except (ValueError, AttributeError) as e:
                    raise InputError(f"{path}: line {n}: not a JSON object ({e})") from None


def sentence_pool(paths):
    """Every distinct sentence of 40 to 400 characters of the inputs, in input order."""
    seen, pool = set(), []
    for path in paths:
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file or folder")
        for body in read_bodies(path):
            for sentence in SENTENCE_END.split(" ".join(body.split())):
                key = " ".join(WORD.findall(FIGURE.sub("0", sentence.lower())))
                if 40 <= len(sentence) <= 400 and key not in seen:
                    seen.add(key)
                    pool.append(sentence)
    return pool


def invented_names(rng, n):
    """`n` distinct invented surnames made of syllables, in a fixed order."""
    starts = ["Ka", "Vel", "Dor", "Mira", "Tav", "Sol", "Bren", "Quil", "Har", "Zen", "Lom", "Fer",
              "Ost", "Pel", "Ruv", "Ansel", "Gor", "Ilv", "Nad", "Cor"]
    middles = ["an", "ov", "er", "is", "ad", "el", "um", "ar", "in", "os"]
    ends = ["ski", "ford", "ley", "ova", "mont", "ric", "dal", "ton", "ich", "sen", "ard", "ez"]
    names = sorted({s + m + e for s in starts for m in middles for e in ends})
    rng.shuffle(names)
    return names[:n]


class Generator:
    """Draws articles from a sentence pool with one `random.Random`."""

    def __init__(self, pool, start, seed):
        self.rng = random.Random(f"{seed}:{start}")
        self.pool, self.cursor, self.seed = pool, start, seed
        self.orders = {}
        self.names = invented_names(random.Random(0), 2000)

    def sentence(self):
        """The sentence at the cursor in the archive's order: pass `e` over the pool (every
        sentence once) is its own shuffle, so a sentence used again never comes back with the
        neighbours it had before."""
        epoch, at = divmod(self.cursor, len(self.pool))
        if epoch not in self.orders:
            order = list(range(len(self.pool)))
            random.Random(f"{self.seed}:order:{epoch}").shuffle(order)
            self.orders = {epoch: order}
        self.cursor += 1
        return self.pool[self.orders[epoch][at]]

    def disguise(self, sentence, names):
        """The sentence with other figures and some names (one choice per article in `names`)."""
        rng = self.rng

        def figure(m):
            n = len(m.group())
            return str(rng.randrange(10 ** (n - 1) if n > 1 else 0, 10**n))

        def name(m):
            word = m.group()
            if word not in names:
                # A third of an article's names become invented ones, the common ones most often.
                chosen = self.names[int(len(self.names) * rng.random() ** 3)]
                names[word] = chosen if rng.random() < 1 / 3 else word
            return names[word]

        return NAME.sub(name, FIGURE.sub(figure, sentence))

    def paragraphs(self, count, names):
        """`count` paragraphs of 2 to 4 disguised sentences."""
        return [
            " ".join(self.disguise(self.sentence(), names) for _ in range(self.rng.randint(2, 4)))
            for _ in range(count)
        ]

    def original(self, article_id):
        """A new article: id, date, title, source, paragraphs."""
        names = {}
        paragraphs = self.paragraphs(self.rng.randint(2, 6), names)
        return {
            "id": article_id,
            "date": FIRST_DAY + datetime.timedelta(days=self.rng.randrange(DAYS)),
            "title": headline(self.disguise(self.sentence(), names)),
            "source": self.rng.choice(OUTLETS),
            "paragraphs": paragraphs,
        }

    def copy(self, article_id, original):
        """A reprint of `original` with edits of one kind: (article, kind)."""
        rng = self.rng
        kind = KINDS[rng.randrange(len(KINDS))]
        paragraphs = list(original["paragraphs"])
        title = original["title"]
        if kind == "reprint":
            sentences = SENTENCE_END.split(paragraphs[-1])
            title = headline(sentences[-1])
            writer = self.names[rng.randrange(len(self.names))]
            place = self.names[rng.randrange(len(self.names))].upper()
            paragraphs[0] = f"By Ana {writer}. {place} - " + paragraphs[0]
        elif kind == "trimmed":
            keep = max(2, round(len(paragraphs) * (1 - rng.uniform(0.2, 0.4))))
            paragraphs = paragraphs[:keep]
        elif kind == "extended":
            paragraphs = paragraphs + self.paragraphs(1, {})
        else:
            sentences = [s for p in paragraphs for s in SENTENCE_END.split(p)]
            if len(sentences) > 4:
                del sentences[rng.randrange(1, len(sentences))]

            def swap(m):
                word = m.group()
                return SWAPS[word] if word in SWAPS and rng.random() < 0.5 else word

            edited = [WORD.sub(swap, s) for s in sentences]
            size = max(1, len(edited) // len(paragraphs))
            paragraphs = [" ".join(edited[i:i + size]) for i in range(0, len(edited), size)]
        source = original["source"]
        while source == original["source"]:
            source = rng.choice(OUTLETS)
        article = {
            "id": article_id,
            "date": original["date"] + datetime.timedelta(days=rng.randint(0, 2)),
            "title": title,
            "source": source,
            "paragraphs": paragraphs,
        }
        return article, kind


def headline(sentence):
    """A headline from a sentence: its first 6 to 12 words, without the final stop."""
    words = sentence.split()
    return " ".join(words[:12]).rstrip(".,;:") if words else "Untitled"


def is_copy(index, share):
    """Whether article `index` (from 0) is a copy: exactly `share` of every prefix, evenly."""
    return int((index + 1) * share) > int(index * share)


class ShardWriter:
    """One gzipped JSON-lines shard, byte-for-byte reproducible (no time stamp in the header)."""

    def __init__(self, folder, prefix, shard):
        self.name = f"{prefix}-{shard:04d}.jsonl.gz"
        self.raw = open(os.path.join(folder, self.name), "wb")
        self.file = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0, compresslevel=1)
        self.line, self.text_bytes = 0, 0

    def write(self, article):
        """Writes one article; returns (file name, line) where it went."""
        body = "\n\n".join(article["paragraphs"])
        record = {
            "id": article["id"],
            "date": article["date"].isoformat(),
            "title": article["title"],
            "source": article["source"],
            "body": body,
        }
        self.file.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.text_bytes += len(article["title"].encode("utf-8")) + len(body.encode("utf-8"))
        self.line += 1
        return self.name, self.line

    def close(self):
        """Finishes the shard."""
        self.file.close()
        self.raw.close()


# What the shard workers read: set before they are forked, never changed after.
POOL = []
# Sentences set aside for each article of a shard (an original uses 13 on average).
SENTENCES_PER_ARTICLE = 16


def generate(paths, out, articles, seed, copy_share, prefix, per_shard, jobs=1, progress=None):
    """Writes the archive and its gold under `out`; returns the summary it also writes.

    Shard k is made by its own `random.Random` from the sentences at position
    k * (sentences a shard needs) of the archive's order of the pool (a new shuffle for every
    pass over it), and its copies reprint its own originals, so that shards can be made in
    parallel and the archive does not depend on `jobs`."""
    global POOL
    POOL = sentence_pool(paths)
    if len(POOL) < 100:
        raise InputError(f"{', '.join(paths)}: only {len(POOL)} usable sentences (at least 100 needed)")
    corpus = os.path.join(out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    shards = [
        (k, min(per_shard, articles - k * per_shard), per_shard, seed, copy_share, prefix, corpus)
        for k in range((articles + per_shard - 1) // per_shard)
    ]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as workers:
            results = []
            for result in workers.imap(make_shard, shards):
                results.append(result)
                if progress:
                    progress(sum(r["articles"] for r in results), sum(r["text_bytes"] for r in results))
    else:
        results = []
        for shard in shards:
            results.append(make_shard(shard))
            if progress:
                progress(sum(r["articles"] for r in results), sum(r["text_bytes"] for r in results))
    write_gold(os.path.join(out, "gold.tsv"), [g for r in results for g in r["groups"]])
    dates = [r[key] for r in results for key in ("first", "last") if r[key]]
    summary = {
        "articles": sum(r["articles"] for r in results),
        "copies": sum(r["copies"] for r in results),
        "groups": sum(len(r["groups"]) for r in results),
        "text_bytes": sum(r["text_bytes"] for r in results),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "seed": seed,
        "sentences_in_pool": len(POOL),
    }
    with open(os.path.join(out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    return summary


def make_shard(task):
    """Writes one shard; returns its counts and its gold groups [[(id, file, line, kind)]]."""
    shard, count, per_shard, seed, copy_share, prefix, corpus = task
    gen = Generator(POOL, shard * per_shard * SENTENCES_PER_ARTICLE, seed)
    writer = ShardWriter(corpus, prefix, shard)
    recent, groups, where = [], {}, {}
    copies, first, last = 0, None, None
    try:
        for index in range(count):
            article_id = f"{prefix}-{shard:04d}-{index:05d}"
            if recent and is_copy(index, copy_share):
                original = recent[gen.rng.randrange(len(recent))]
                article, kind = gen.copy(article_id, original)
                groups.setdefault(original["id"], []).append((article_id, f"copy:{kind}"))
                copies += 1
            else:
                article = gen.original(article_id)
                recent.append(article)
                if len(recent) > RECENT_ORIGINALS:
                    gone = recent.pop(0)["id"]
                    if gone not in groups:
                        # Never copied, and now never will be: the gold does not name it.
                        del where[gone]
            where[article_id] = writer.write(article)
            first = min(first or article["date"], article["date"])
            last = max(last or article["date"], article["date"])
    finally:
        writer.close()
    gold = [
        [(a, *where[a], kind) for a, kind in [(original, "original")] + members]
        for original, members in groups.items()
    ]
    return {
        "articles": count,
        "copies": copies,
        "groups": gold,
        "text_bytes": writer.text_bytes,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
    }


def write_gold(path, groups):
    """The gold TSV: each group's original (kind `original`) and its copies, numbered from 1."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("group\tarticle_id\tfile\tline\tkind\n")
        for number, group in enumerate(groups, 1):
            for article_id, file, line, kind in group:
                f.write(f"{number}\t{article_id}\t{file}\t{line}\t{kind}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", metavar="PATH", help="folders and JSONL files of real articles")
    parser.add_argument("--out", required=True, help="folder to write corpus/, gold.tsv and summary.json to")
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles to write (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=16, help="random seed (default: %(default)s)")
    parser.add_argument("--copy-share", type=float, default=0.3, help="share of copies (default: %(default)s)")
    parser.add_argument("--prefix", default="m", help="prefix of ids and shard names (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=1, help="shards made at once (default: %(default)s)")
    parser.add_argument("--shard-articles", type=int, default=10_000, help="articles per shard (default: %(default)s)")
    args = parser.parse_args()
    if args.articles < 1 or not 0 <= args.copy_share < 1 or args.shard_articles < 1:
        parser.error("--articles and --shard-articles must be at least 1, --copy-share in [0, 1)")

    def progress(n, text_bytes):
        print(f"{n} articles, {text_bytes / 1e6:.0f} MB of text", file=sys.stderr, flush=True)

    try:
        summary = generate(args.inputs, args.out, args.articles, args.seed, args.copy_share,
                           args.prefix, args.shard_articles, max(1, args.jobs), progress)
    except (InputError, OSError) as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
