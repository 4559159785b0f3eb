//! Golden tests: the exact output of each command on the small corpus of
//! `tests/fixtures/golden/corpus`, compared with `tests/fixtures/golden/expected/`.
//!
//! Times, sizes on disk and dates of indexing vary from run to run and are masked. After a
//! deliberate change to the output, `NEWSDEX_BLESS=1 cargo test --release --test it golden`
//! rewrites the expected files; review their diff before committing it.

use std::path::{Path, PathBuf};

use crate::newsdex;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden")
}

/// A temp dir holding a copy of the golden corpus in `corpus/` and its index in `index/`, so
/// that the paths printed (`corpus/...`) are the same on every machine.
struct Golden {
    dir: tempfile::TempDir,
    index_summary: String,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Golden {
    fn new() -> Golden {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&golden_dir().join("corpus"), &dir.path().join("corpus"));
        let mut golden = Golden {
            dir,
            index_summary: String::new(),
        };
        golden.index_summary = golden.run(&["index", "corpus"]);
        golden
    }

    /// Runs `newsdex ARGS... --index index` in the temp dir; returns stdout (exit 0 required).
    fn run(&self, args: &[&str]) -> String {
        let output = newsdex()
            .current_dir(self.dir.path())
            .args(args)
            .args(["--index", "index"])
            .output()
            .unwrap();
        crate::assert_success(&output);
        String::from_utf8(output.stdout).unwrap()
    }
}

/// Replaces the value after `label` on each line that starts with it.
fn mask_lines(text: &str, labels: &[&str]) -> String {
    text.lines()
        .map(
            |line| match labels.iter().find(|label| line.starts_with(*label)) {
                Some(label) => format!("{label}[masked]\n"),
                None => format!("{line}\n"),
            },
        )
        .collect()
}

/// Replaces the values of `keys` in a JSON object on one line.
fn mask_json(text: &str, keys: &[&str]) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    for key in keys {
        value[*key] = serde_json::Value::String("[masked]".into());
    }
    format!("{value}\n")
}

/// Compares `actual` with `expected/NAME`, or writes it there under `NEWSDEX_BLESS=1`.
pub(crate) fn check(name: &str, actual: &str) {
    let path = golden_dir().join("expected").join(name);
    if std::env::var_os("NEWSDEX_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; run NEWSDEX_BLESS=1 cargo test --release --test it golden",
            path.display()
        )
    });
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from {} at line {}; if the change is meant, re-bless with \
             NEWSDEX_BLESS=1 cargo test --release --test it golden\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display(),
            first_difference + 1
        );
    }
}

#[test]
fn golden_outputs() {
    let golden = Golden::new();
    check(
        "index.txt",
        &mask_lines(&golden.index_summary, &["  elapsed", "  throughput"]),
    );
    check(
        "search.txt",
        &golden.run(&["search", "grain corridor", "--limit", "3"]),
    );
    check(
        "search.jsonl",
        &golden.run(&["search", "grain corridor", "--limit", "3", "--json"]),
    );
    check(
        "search-count.txt",
        &golden.run(&["search", "grain", "--count"]),
    );
    check(
        "show.txt",
        &golden.run(&["show", "nato-vilnius", "-q", "Sweden"]),
    );
    check("actors.txt", &golden.run(&["actors", "--top", "12"]));
    check(
        "timeline.txt",
        &golden.run(&["timeline", "grain", "--by", "month"]),
    );
    check(
        "cooccur.txt",
        &golden.run(&["cooccur", "Turkey", "--min-articles", "1"]),
    );
    // CSV and TSV, one file per shape of row: a hit, an actor, a source, a timeline bucket
    // (with its best hit, empty for an empty month), a co-occurrence.
    check(
        "search.csv",
        &golden.run(&[
            "search",
            "grain corridor",
            "--limit",
            "3",
            "--format",
            "csv",
        ]),
    );
    check(
        "search-all.tsv",
        &in_article_order(&golden.run(&["search", "wheat OR grain", "--all", "--format", "tsv"])),
    );
    check(
        "actors.csv",
        &golden.run(&["actors", "--top", "6", "--format", "csv"]),
    );
    check("sources.csv", &golden.run(&["sources", "--format", "csv"]));
    check(
        "timeline.csv",
        &golden.run(&["timeline", "grain", "--by", "month", "--format", "csv"]),
    );
    check(
        "cooccur.csv",
        &golden.run(&[
            "cooccur",
            "Turkey",
            "--min-articles",
            "1",
            "--format",
            "csv",
        ]),
    );
    check(
        "stats.txt",
        &mask_lines(&golden.run(&["stats"]), &["size on disk", "last indexed"]),
    );
    check(
        "stats.json",
        &mask_json(&golden.run(&["stats", "--json"]), &["bytes", "indexed_at"]),
    );
}

/// The masks hide only what varies: two runs on the same corpus print the same text.
#[test]
fn golden_outputs_are_stable_across_runs() {
    let (first, second) = (Golden::new(), Golden::new());
    let masked = |golden: &Golden| {
        mask_lines(&golden.index_summary, &["  elapsed", "  throughput"])
            + &mask_json(&golden.run(&["stats", "--json"]), &["bytes", "indexed_at"])
            + &golden.run(&["search", "grain corridor", "--json"])
    };
    assert_eq!(masked(&first), masked(&second));
}

/// A correction and the aliases it gives: `correct`'s report, then `actors --aliases` as text
/// and JSON.
#[test]
fn golden_correction_and_aliases() {
    let golden = Golden::new();
    check(
        "correct-merge.txt",
        &golden.run(&["correct", "merge", "Turkey", "Ankara"]),
    );
    check(
        "actors-aliases.txt",
        &golden.run(&["actors", "--top", "4", "--aliases"]),
    );
    check(
        "actors-aliases.jsonl",
        &golden.run(&["actors", "--top", "4", "--aliases", "--json"]),
    );
}

/// `search --all` rows in article and passage order, ranked again: index order depends on
/// which indexing thread wrote which article first, so the golden pins the rows, not it.
fn in_article_order(tsv: &str) -> String {
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or_default();
    let mut rows: Vec<Vec<&str>> = lines.map(|line| line.split('\t').collect()).collect();
    rows.sort_by(|a, b| a[2..].cmp(&b[2..]));
    let mut out = format!("{header}\n");
    for (rank, row) in rows.iter().enumerate() {
        out.push_str(&format!("{}\t{}\n", rank + 1, row[1..].join("\t")));
    }
    out
}
