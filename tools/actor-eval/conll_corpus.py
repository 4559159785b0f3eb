#!/usr/bin/env python3
"""Turn a CoNLL-2003 file into a JSONL corpus: one article per -DOCSTART- document.

    tools/actor-eval/conll_corpus.py ../shared/data/ner/conll2003/valid.txt > /tmp/ae/src/C/conll-valid.jsonl

The first sentence is the title; a short dateline ending in a date (LONDON 1996-08-30) gives the
date (and stays in the body, as wire copy prints it);
the other sentences are detokenised (no space before closing punctuation, after opening
brackets, or around the apostrophe of "n't" and "'s") and each becomes a paragraph. The tags
are dropped: the corpus is for `newsdex index`, not for scoring spans.
"""

import json
import re
import sys

NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'S", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def detokenise(tokens):
    out = ""
    quote_open = False
    for i, tok in enumerate(tokens):
        if tok == '"':
            if quote_open:
                out += tok
            else:
                out += ("" if not out else " ") + tok
            quote_open = not quote_open
            continue
        glue = (
            not out
            or tok in NO_SPACE_BEFORE
            or (i > 0 and tokens[i - 1] in NO_SPACE_AFTER)
            or (i > 0 and tokens[i - 1] == '"' and quote_open)
        )
        out += tok if glue else " " + tok
    return out


def documents(lines):
    doc, sentence = [], []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sentence:
                doc.append(sentence)
            if doc:
                yield doc
            doc, sentence = [], []
        elif not line.strip():
            if sentence:
                doc.append(sentence)
            sentence = []
        else:
            sentence.append(line.split(" ")[0])
    if sentence:
        doc.append(sentence)
    if doc:
        yield doc


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        for n, doc in enumerate(documents(f), 1):
            title = detokenise(doc[0])
            date, paragraphs = None, []
            for sentence in doc[1:]:
                text = detokenise(sentence)
                if date is None and len(sentence) <= 6 and DATE.match(sentence[-1]):
                    date = sentence[-1]
                paragraphs.append(text)
            article = {"id": f"conll-{n}", "title": title, "body": "\n\n".join(paragraphs)}
            if date:
                article["date"] = date
            print(json.dumps(article, ensure_ascii=False))


if __name__ == "__main__":
    main()
