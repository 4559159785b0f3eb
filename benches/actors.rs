//! Actor extraction throughput: the built-in `Extractor`'s `extract` over every article of the
//! kremlin-press corpus (1,796 Kremlin and Ukrainian presidential press releases), one thread.
//!
//! The corpus is not in the repository: set `NEWSDEX_BENCH_KREMLIN` to its directory, or keep
//! it at `../shared/data/news/kremlin-press`; without it the bench says so and does nothing.
//! Criterion reports articles per second (`Throughput::Elements`).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::actors::Extractor;
use newsdex::corpus::{self, Item, ReadOptions};

fn corpus_dir() -> PathBuf {
    std::env::var_os("NEWSDEX_BENCH_KREMLIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data/news/kremlin-press"))
}

fn load() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let walk = corpus::walk(&[dir]);
    let mut articles = Vec::new();
    for (path, _) in &walk.files {
        corpus::read_file(path, &ReadOptions::default(), &mut |item| {
            if let Item::Article(a, _) = item {
                articles.push((a.title, a.body));
            }
        });
    }
    articles
}

fn bench_extract(c: &mut Criterion) {
    let articles = load();
    if articles.is_empty() {
        eprintln!(
            "actors bench: no articles under {} (set NEWSDEX_BENCH_KREMLIN); skipped",
            corpus_dir().display()
        );
        return;
    }
    // Built once, as the indexer does; its first call loads the gazetteer and the tagger
    // outside the timed loop.
    let extractor = Extractor::builtin();
    let _ = extractor.extract("Warm up", "Vladimir Putin met Joe Biden in Geneva.");
    let mut group = c.benchmark_group("actors");
    group.sample_size(10);
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.bench_function("extract_kremlin_press", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (title, body) in &articles {
                n += extractor.extract(title, body).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
