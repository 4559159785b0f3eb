//! Prints what each part of an index takes, field by field: the term dictionary, postings,
//! positions, fast fields and field norms (tantivy's `space_usage`), the doc store, and the
//! side files newsdex writes beside them. The table issue 16's size figures were read from.
//!
//! `cargo run --release --example index_space -- INDEX_DIR`

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args_os()
            .nth(1)
            .ok_or("usage: index_space INDEX_DIR")?,
    );
    let index = tantivy::Index::open_in_dir(&dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let mut rows: Vec<(String, String, u64)> = Vec::new();
    for segment in usage.segments() {
        let parts = [
            ("term", segment.termdict()),
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fast", segment.fast_fields()),
            ("fieldnorm", segment.fieldnorms()),
        ];
        for (part, per_field) in parts {
            for field in per_field.fields() {
                rows.push((
                    part.to_string(),
                    field.field_name().to_string(),
                    field.total().get_bytes(),
                ));
            }
        }
        rows.push((
            "store".to_string(),
            "(all stored fields)".to_string(),
            segment.store().total().get_bytes(),
        ));
    }
    let mut merged: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (part, field, bytes) in rows {
        *merged.entry((part, field)).or_default() += bytes;
    }
    let mut rows: Vec<_> = merged.into_iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    println!("{:<10} {:<22} {:>8}", "part", "field", "MB");
    for ((part, field), bytes) in rows.iter().filter(|row| row.1 >= 10_000) {
        println!("{part:<10} {field:<22} {:>8.2}", mb(*bytes));
    }
    println!(
        "{:<33} {:>8.2}",
        "tantivy total",
        mb(usage.total().get_bytes())
    );
    let mut side = 0;
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_segment_file = name.len() > 32 && name.as_bytes()[32] == b'.';
        if name.starts_with('.') || is_segment_file || name == "meta.json" {
            continue;
        }
        let bytes = entry.metadata()?.len();
        side += bytes;
        println!("{:<10} {name:<22} {:>8.2}", "side", mb(bytes));
    }
    println!("{:<33} {:>8.2}", "side files total", mb(side));
    Ok(())
}
