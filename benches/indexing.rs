//! Indexing throughput, in bytes of article text (title and body) per second, with and
//! without actor extraction, on a fixed slice of the Reuters-21578 file (its first 3,000
//! articles, about 2.5 MB of text) from `../shared/data/news/` (`$NEWSDEX_DATA` overrides
//! the data directory). Each iteration rebuilds the index from scratch in a temp dir, commit
//! and merge included. Skips with a message when the data is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::indexer::{index_corpus, IndexOptions};

mod common;

fn indexing(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(corpus) = common::reuters_slice(dir.path()) else {
        return;
    };
    let inputs = vec![corpus];
    let options = |extract_actors: bool| {
        let mut options = IndexOptions::new(dir.path().join("index"));
        if !extract_actors {
            options.extractor = None;
        }
        // Without it every run after the first finds nothing changed and measures a no-op.
        options.rebuild = true;
        options
    };
    let text_bytes = index_corpus(&inputs, &options(true))
        .expect("index the slice")
        .bytes;
    let mut group = c.benchmark_group("indexing");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text_bytes));
    for (name, extract) in [("with_actors", true), ("without_actors", false)] {
        let options = options(extract);
        group.bench_function(name, |b| {
            b.iter(|| index_corpus(&inputs, &options).expect("index the slice"))
        });
    }
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
