//! The search path on an index of a fixed slice of Reuters-21578 (its first 3,000 articles,
//! from `../shared/data/news/`, or `$NEWSDEX_DATA/news/`): highlighting one passage, the
//! fetch and highlighting of one hit (what each shown hit costs), and one end-to-end query
//! (parse, search, fetch, highlight, render to a buffer; top 10). The queries are fixed.
//! Skips with a message when the data is absent.

use criterion::{criterion_group, criterion_main, Criterion};
use newsdex::indexer::{index_corpus, IndexOptions};
use newsdex::output::{write_hit_text, TextStyle};
use newsdex::search::{SearchRequest, Searcher};

mod common;

/// Fixed queries: one word, two words, a phrase, three words.
const QUERIES: [&str; 4] = [
    "coffee",
    "oil prices",
    "\"interest rates\"",
    "wheat export subsidies",
];

fn request(query: &str, limit: usize) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        limit,
        per_article: 1,
        ..SearchRequest::default()
    }
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(corpus) = common::reuters_slice(dir.path()) else {
        return;
    };
    let index_dir = dir.path().join("index");
    index_corpus(&[corpus], &IndexOptions::new(index_dir.clone())).expect("index the slice");
    let searcher = Searcher::open(&index_dir).expect("open the index");

    // One hit: its stored document fetched, its passage highlighted (passage choice is the
    // ranking itself: one document per passage).
    let one = request("oil prices", 1);
    let plan = searcher.plan(&one).expect("plan");
    let snapshot = searcher.tantivy_searcher();
    let chosen = searcher.choose(&snapshot, &plan, &one).expect("choose");
    assert_eq!(chosen.len(), 1, "the slice has an oil price story");
    c.bench_function("one_hit_fetch_and_highlight", |b| {
        b.iter(|| {
            let documents = searcher.fetch(&snapshot, &chosen, &one).expect("fetch");
            searcher
                .hits(&snapshot, &plan, &one, &chosen, documents)
                .expect("hits")
        })
    });
    let documents = searcher.fetch(&snapshot, &chosen, &one).expect("fetch");
    let hit = searcher
        .hits(&snapshot, &plan, &one, &chosen, documents)
        .expect("hits")
        .remove(0);
    c.bench_function("highlight_one_passage", |b| {
        b.iter(|| plan.highlighter.ranges(std::hint::black_box(&hit.text)))
    });

    let mut group = c.benchmark_group("query_end_to_end_top10");
    for query in QUERIES {
        let request = request(query, 10);
        group.bench_function(query, |b| {
            let mut buffer = Vec::with_capacity(8192);
            b.iter(|| {
                buffer.clear();
                for hit in searcher.search(&request).expect("search").hits {
                    write_hit_text(&mut buffer, &hit, TextStyle { color: false }).expect("render");
                }
                buffer.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
