//! The bench data: a fixed slice of `../shared/data/news/` (or `$NEWSDEX_DATA/news/`), shared
//! by the benches as `mod common`; `None`, with a message, when the data is absent.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Articles of the Reuters file in the slice (its first lines, in file order).
pub const SLICE_ARTICLES: usize = 3000;

/// The data directory: `$NEWSDEX_DATA`, else `../shared/data` beside the crate.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("NEWSDEX_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    }
}

/// Writes the first [`SLICE_ARTICLES`] lines of `news/reuters-21578.jsonl` into `dir` and
/// returns the corpus directory, or prints why the bench is skipped.
pub fn reuters_slice(dir: &Path) -> Option<PathBuf> {
    let source = data_dir().join("news/reuters-21578.jsonl");
    let Ok(file) = std::fs::File::open(&source) else {
        eprintln!(
            "skipping: {} is absent (set NEWSDEX_DATA to the data directory)",
            source.display()
        );
        return None;
    };
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).ok()?;
    let mut out = std::fs::File::create(corpus.join("reuters-slice.jsonl")).ok()?;
    for line in BufReader::new(file).lines().take(SLICE_ARTICLES) {
        writeln!(out, "{}", line.ok()?).ok()?;
    }
    Some(corpus)
}
