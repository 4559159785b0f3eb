#!/usr/bin/env bash
# Rebuild every judged corpus of judged.tsv from its sources, into OUT/src/<corpus>.
#
#   tools/actor-eval/corpora.sh OUT [READABILITY_GIT BBC_GIT]
#
# A, U, P, K: ../shared/data/news/ (symbolic links); C: CoNLL-2003 valid.txt as articles
# (conll_corpus.py); W, W1, W2: tools/extract-eval/pages/ and its halves (links). R, S and T come from two public
# GitHub repositories, read from local git clones (bare or not: any directory `git --git-dir`
# accepts), never downloaded:
#   READABILITY_GIT  github.com/mozilla/readability at commit ab4027a8 (R)
#   BBC_GIT          github.com/dejanbatanjac/bbc-article-classify-bert at commit 8265dc8 (S, T)
# Without them, R, S and T are skipped with a message. The script checks the counts the
# header lines of judged.tsv give (R 47 pages, S 927 articles, T 1,298) and fails otherwise.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 OUT [READABILITY_GIT BBC_GIT]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
data=$(cd "$repo/../shared/data" && pwd)
out=$1
readability=${2:-}
bbc=${3:-}
src=$out/src
mkdir -p "$src"

fresh() { rm -rf "${src:?}/$1" && mkdir -p "$src/$1"; }

# A: news/ without the UN speeches; U: the UN speeches; P: the presidential speeches alone;
# K: the Kremlin's texts and Zelensky's addresses.
fresh A
for f in kremlin-press presidential-speeches reuters-21578.jsonl zelensky-addresses.jsonl; do
  ln -s "$data/news/$f" "$src/A/"
done
fresh U && ln -s "$data/news/ungdc.jsonl.gz" "$src/U/"
fresh P && ln -s "$data/news/presidential-speeches" "$src/P/"
fresh K && ln -s "$data/news/kremlin-press" "$data/news/zelensky-addresses.jsonl" "$src/K/"

# C: the CoNLL-2003 valid documents as articles.
fresh C
python3 "$here/conll_corpus.py" "$data/ner/conll2003/valid.txt" > "$src/C/conll-valid.jsonl"

# W: the 92 web pages of the extraction set, and its two halves W1 and W2 (the first hex
# digit of the MD5 of the file name, 0-7 and 8-f: 44 and 48 pages), each scored as W.
fresh W && fresh W1 && fresh W2
for page in "$repo"/tools/extract-eval/pages/*.html.gz; do
  ln -s "$page" "$src/W/"
  case $(printf %s "$(basename "$page")" | md5sum | cut -c1) in
    [0-7]) ln -s "$page" "$src/W1/" ;;
    *) ln -s "$page" "$src/W2/" ;;
  esac
done

count() { find "$src/$1" -type f | wc -l; }
expect() {
  local got
  got=$(count "$1")
  if [ "$got" -ne "$2" ]; then
    echo "$0: corpus $1 holds $got files, judged.tsv says $2" >&2
    exit 1
  fi
}

# R: the English article pages of Readability's test pages that the extraction set does not
# hold: 47 files. Left out: the synthetic test cases (a few KB of "Lorem ipsum" or markup),
# fiction (archive-of-our-own, royal-road, clean-links: Bartleby), the pages in other
# languages (hukumusume, pixnet, nytimes-5, videos-2, rtl-*) and lifehacker-post-comment-load
# (a second capture of lifehacker-working). tumblr's page holds no article text: `index`
# skips it with a warning, so R holds 46 articles.
if [ -n "$readability" ]; then
  fresh R
  for page in 001 002 aclu article-author-tag blogger bug-1255978 daringfireball-1 \
    dropbox-blog ebb-org ehow-1 ehow-2 firefox-nightly-blog gitlab-blog google-sre-book-1 \
    iab-1 ietf-1 keep-images keep-tabular-data lazy-image-1 lazy-image-2 lifehacker-working \
    links-in-tables lwn-1 mathjax medium-1 medium-2 medium-3 mercurial mozilla-1 mozilla-2 \
    nytimes-4 schema-org-context-object simplyfound-1 table-style-attributes toc-missing \
    topicseed-1 tumblr v8-blog videos-1 webmd-2 wikia wikipedia wikipedia-2 wikipedia-3 \
    wikipedia-4 wordpress yahoo-2; do
    git --git-dir="$readability" show "ab4027a8:test/test-pages/$page/source.html" > "$src/R/$page.html"
  done
  expect R 47
else
  echo "$0: no Readability clone given: R skipped" >&2
fi

# S and T: the BBC News dataset's texts, one .txt per article (the first line, not a date, is
# the title of an undated article; the rest is the body), named <section>-<number>.txt.
if [ -n "$bbc" ]; then
  bbc_section() {
    local corpus=$1 section=$2 path
    git --git-dir="$bbc" ls-tree --name-only 8265dc8 "bbc/$section/" | while read -r path; do
      git --git-dir="$bbc" show "8265dc8:$path" > "$src/$corpus/$section-$(basename "$path")"
    done
  }
  fresh S
  for section in business politics; do bbc_section S $section; done
  expect S 927
  fresh T
  for section in sport entertainment tech; do bbc_section T $section; done
  expect T 1298
else
  echo "$0: no BBC clone given: S and T skipped" >&2
fi

echo "corpora in $src: $(cd "$src" && echo *)"
