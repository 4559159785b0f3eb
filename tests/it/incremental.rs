//! Incremental indexing: unchanged, changed, added and deleted files and lines; repeated ids;
//! `--rebuild`; schema versions; SIGKILL at any moment; the writer lock; `stats`.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::{
    exit_code, fixture_corpus, ids, index, newsdex, set_mtime, stats, write_files,
    FIXTURE_ARTICLES, FIXTURE_FILES,
};

#[test]
fn unchanged_corpus_is_only_stated() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let (code, first, _) = index(&index_dir, &[], &[&fixture_corpus()]);
    assert_eq!(code, 0);
    let n = FIXTURE_ARTICLES;
    assert!(
        first.contains(&format!("indexed {n} articles"))
            && first.contains(&format!("{n} added, 0 updated")),
        "{first}"
    );
    let (code, second, stderr) = index(&index_dir, &[], &[&fixture_corpus()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        second.contains(&format!("indexed {n} articles"))
            && second.contains(&format!("0 added, 0 updated, 0 removed, {n} unchanged")),
        "{second}"
    );
    assert!(second.contains("files read      0"), "{second}");
    assert!(
        second.contains(&format!("files unchanged {FIXTURE_FILES}")),
        "{second}"
    );
}

#[test]
fn added_changed_touched_and_deleted_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    write_files(
        &corpus,
        &[
            ("keep.txt", b" date 2022-01-03 Keep\n\naardvark keep\n"),
            ("touch.txt", b" date 2022-01-03 Touch\n\naardvark touch\n"),
            (
                "change.txt",
                b" date 2022-01-03 Change\n\naardvark before\n",
            ),
            (
                "delete.txt",
                b" date 2022-01-03 Delete\n\naardvark delete\n",
            ),
        ],
    );
    for name in ["keep.txt", "touch.txt", "change.txt", "delete.txt"] {
        set_mtime(&corpus.join(name), 1_000_000);
    }
    let index_dir = dir.path().join("index");
    assert_eq!(index(&index_dir, &[], &[&corpus]).0, 0);

    set_mtime(&corpus.join("touch.txt"), 2_000_000);
    std::fs::write(
        corpus.join("change.txt"),
        b" date 2022-01-03 Change\n\naardvark after\n",
    )
    .unwrap();
    set_mtime(&corpus.join("change.txt"), 2_000_000);
    std::fs::remove_file(corpus.join("delete.txt")).unwrap();
    write_files(
        &corpus,
        &[("new.txt", b" date 2022-01-04 New\n\naardvark new\n")],
    );

    let (code, stdout, stderr) = index(&index_dir, &[], &[&corpus]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("indexed 4 articles")
            && stdout.contains("1 added, 1 updated, 1 removed, 2 unchanged"),
        "{stdout}"
    );
    // touch.txt and change.txt were read (touch.txt only hashed), new.txt too; keep.txt not.
    assert!(stdout.contains("files read      3"), "{stdout}");
    assert!(stdout.contains("files removed   1"), "{stdout}");
    assert_eq!(
        ids(&index_dir, "aardvark"),
        ["change", "keep", "new", "touch"]
    );
    assert!(ids(&index_dir, "before").is_empty());
    assert_eq!(ids(&index_dir, "after"), ["change"]);
    assert!(ids(&index_dir, "delete").is_empty());
}

#[test]
fn jsonl_line_changes_update_only_those_articles() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let line = |id: &str, word: &str| {
        format!("{{\"id\": \"{id}\", \"title\": \"T {id}\", \"body\": \"okapi {word}\"}}\n")
    };
    let before = [
        line("a", "alpha"),
        line("b", "bravo"),
        line("c", "charlie"),
        line("d", "delta"),
    ]
    .concat();
    write_files(&corpus, &[("news.jsonl", before.as_bytes())]);
    set_mtime(&corpus.join("news.jsonl"), 1_000_000);
    let index_dir = dir.path().join("index");
    assert_eq!(index(&index_dir, &[], &[&corpus]).0, 0);

    // b changes its text, d is replaced by e on the same line, f is appended.
    let after = [
        line("a", "alpha"),
        line("b", "bravissimo"),
        line("c", "charlie"),
        line("e", "echo"),
        line("f", "foxtrot"),
    ]
    .concat();
    write_files(&corpus, &[("news.jsonl", after.as_bytes())]);
    set_mtime(&corpus.join("news.jsonl"), 2_000_000);
    let (code, stdout, stderr) = index(&index_dir, &[], &[&corpus]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("indexed 5 articles")
            && stdout.contains("2 added, 1 updated, 1 removed, 2 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "okapi"), ["a", "b", "c", "e", "f"]);
    assert!(ids(&index_dir, "bravo").is_empty());
    assert!(ids(&index_dir, "delta").is_empty());
    assert_eq!(ids(&index_dir, "bravissimo"), ["b"]);
}

#[test]
fn repeated_id_in_one_file_keeps_the_later_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let jsonl = concat!(
        r#"{"id": "a", "title": "First", "body": "walrus first version"}"#,
        "\n",
        r#"{"id": "b", "title": "Other", "body": "walrus other"}"#,
        "\n",
        r#"{"id": "a", "title": "Second", "body": "walrus second version"}"#,
        "\n",
    );
    write_files(&corpus, &[("dup.jsonl", jsonl.as_bytes())]);
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&corpus]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "dup.jsonl: line 3: id \"a\" repeats line 1; the later line is the current version"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("indexed 2 articles"), "{stdout}");
    assert_eq!(ids(&index_dir, "walrus"), ["a", "b"]);
    assert!(ids(&index_dir, "first").is_empty());
    assert_eq!(ids(&index_dir, "second"), ["a"]);

    // The same file again, rewritten (new mtime): still one article a, the later line.
    write_files(&corpus, &[("dup.jsonl", jsonl.as_bytes())]);
    set_mtime(&corpus.join("dup.jsonl"), 3_000_000);
    let (code, stdout, _) = index(&index_dir, &[], &[&corpus]);
    assert_eq!(code, 0);
    assert!(stdout.contains("indexed 2 articles"), "{stdout}");
    assert_eq!(ids(&index_dir, "walrus"), ["a", "b"]);
    assert_eq!(ids(&index_dir, "second"), ["a"]);
}

#[test]
fn rebuild_starts_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    assert_eq!(index(&index_dir, &[], &[&fixture_corpus()]).0, 0);
    let (code, stdout, _) = index(&index_dir, &["--rebuild"], &[&fixture_corpus()]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(&format!(
            "{FIXTURE_ARTICLES} added, 0 updated, 0 removed, 0 unchanged"
        )),
        "{stdout}"
    );
    assert_eq!(stats(&index_dir)["articles"], FIXTURE_ARTICLES);
}

#[test]
fn other_schema_version_asks_for_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let seed = fixture_corpus().join("2023-03-02_grain.txt");
    assert_eq!(index(&index_dir, &[], &[&seed]).0, 0);
    let manifest_path = index_dir.join("newsdex.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["schema_version"] = 999.into();
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();

    for command in [
        vec!["search", "Istanbul"],
        vec!["stats"],
        vec!["show", "2023-03-02_grain"],
    ] {
        let output = newsdex()
            .args(&command)
            .arg("--index")
            .arg(&index_dir)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("schema version 999") && stderr.contains("--rebuild"),
            "{stderr}"
        );
    }
    let (code, _, stderr) = index(&index_dir, &[], &[&seed]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--rebuild"), "{stderr}");
    let (code, _, stderr) = index(&index_dir, &["--rebuild"], &[&seed]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&index_dir, "Istanbul"), ["2023-03-02_grain"]);
}

/// A corpus of `files` JSONL files of `per_file` one-passage articles, all containing "quagga".
/// `files` files of `per_file` articles each, in turn JSONL, CSV and a JSON array, so that a
/// run killed mid-way is killed inside each kind of multi-article file.
fn generated_corpus(root: &Path, files: usize, per_file: usize) -> PathBuf {
    let corpus = root.join("big");
    std::fs::create_dir_all(&corpus).unwrap();
    let filler = "The delegation met again in the capital to discuss grain exports, sanctions \
                  and the security of the pipeline, and agreed to meet next month. "
        .repeat(6);
    for f in 0..files {
        let article = |a: usize| {
            (
                format!("{f}-{a}"),
                format!("2021-03-{:02}", a % 28 + 1),
                format!("Report {f} {a}"),
                format!("quagga {filler}"),
            )
        };
        let (name, text) = match f % 3 {
            0 => {
                let mut text = String::new();
                for a in 0..per_file {
                    let (id, date, title, body) = article(a);
                    text.push_str(&format!(
                        "{{\"id\": \"{id}\", \"date\": \"{date}\", \"title\": \"{title}\", \"body\": \"{body}\"}}\n"
                    ));
                }
                (format!("part-{f:02}.jsonl"), text)
            }
            1 => {
                let mut text = String::from("id,date,title,body\n");
                for a in 0..per_file {
                    let (id, date, title, body) = article(a);
                    text.push_str(&format!("{id},{date},{title},\"{body}\"\n"));
                }
                (format!("part-{f:02}.csv"), text)
            }
            _ => {
                let records: Vec<String> = (0..per_file)
                    .map(|a| {
                        let (id, date, title, body) = article(a);
                        format!(
                            "{{\"id\": \"{id}\", \"date\": \"{date}\", \"title\": \"{title}\", \"body\": \"{body}\"}}"
                        )
                    })
                    .collect();
                (
                    format!("part-{f:02}.json"),
                    format!("[{}]", records.join(",\n")),
                )
            }
        };
        std::fs::write(corpus.join(name), text).unwrap();
    }
    corpus
}

fn spawn_index(index_dir: &Path, args: &[&str], corpus: &Path) -> Child {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"));
    command
        .env_remove("NEWSDEX_INDEX")
        .arg("index")
        .arg("--index")
        .arg(index_dir)
        .args(args)
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.spawn().unwrap()
}

/// `search quagga --count --json`: (exit code, articles, passages).
fn quagga_count(index_dir: &Path) -> (i32, u64, u64, String) {
    let output = newsdex()
        .args(["search", "quagga", "--count", "--json", "--index"])
        .arg(index_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let counts: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (
        exit_code(&output.status),
        counts["articles"].as_u64().unwrap_or(0),
        counts["passages"].as_u64().unwrap_or(0),
        stderr,
    )
}

/// Waits until a running `index` has committed more than `above` of the corpus's `total`
/// articles but not all of them, and returns the count seen: at that moment the run is provably
/// mid-way (its last commit holds every article). Panics if the run ends before that.
fn wait_for_partial_commit(index_dir: &Path, run: &mut Child, above: u64, total: u64) -> u64 {
    loop {
        if let Some(status) = run.try_wait().unwrap() {
            panic!("the run ended ({status:?}) before a partial commit was seen; grow the corpus");
        }
        let (code, articles, _, _) = quagga_count(index_dir);
        if matches!(code, 0 | 1) && articles > above && articles < total {
            return articles;
        }
        // A poll interval, not a guess at timing: the loop ends on what it observes.
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Reads what a finished or killed child wrote to its piped stdout.
fn read_stdout(run: &mut Child) -> String {
    let mut text = String::new();
    std::io::Read::read_to_string(run.stdout.as_mut().unwrap(), &mut text).unwrap();
    text
}

#[test]
fn sigkill_mid_run_leaves_a_working_index_and_the_next_run_completes() {
    const FILES: usize = 16;
    const PER_FILE: usize = 400;
    let total = (FILES * PER_FILE) as u64;
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(dir.path(), FILES, PER_FILE);
    let index_dir = dir.path().join("index");
    let mut committed = 0;
    for _kill in 0..2 {
        let mut run = spawn_index(&index_dir, &["--commit-mb", "1"], &corpus);
        committed = wait_for_partial_commit(&index_dir, &mut run, committed, total);
        // SIGKILL on Unix: no destructor, no flush, no chance to clean up.
        run.kill().unwrap();
        let status = run.wait().unwrap();
        assert_eq!(status.code(), None, "the run was not killed: {status:?}");
        assert_eq!(read_stdout(&mut run), "", "the run had finished");
        // The last commit opens and holds every article at most once.
        let (code, articles, passages, stderr) = quagga_count(&index_dir);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(articles, passages, "an article was indexed twice");
        assert!(committed <= articles && articles < total, "{articles}");
        committed = articles;
    }
    let (code, stdout, stderr) = index(&index_dir, &["--commit-mb", "1"], &[&corpus]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("indexed {total} articles")),
        "{stdout}"
    );
    let (code, articles, passages, _) = quagga_count(&index_dir);
    assert_eq!((code, articles, passages), (0, total, total));
    assert_eq!(stats(&index_dir)["articles"], total);
    // And nothing is left to do.
    let (_, stdout, _) = index(&index_dir, &[], &[&corpus]);
    assert!(
        stdout.contains(&format!("0 added, 0 updated, 0 removed, {total} unchanged")),
        "{stdout}"
    );
}

#[test]
fn concurrent_index_is_locked_out_and_search_keeps_working() {
    const FILES: usize = 12;
    const PER_FILE: usize = 400;
    let total = (FILES * PER_FILE) as u64;
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(dir.path(), FILES, PER_FILE);
    let index_dir = dir.path().join("index");
    let mut first = spawn_index(&index_dir, &["--commit-mb", "1"], &corpus);
    // Seen mid-way, the first run holds the writer lock.
    wait_for_partial_commit(&index_dir, &mut first, 0, total);
    let (code, _, stderr) = index(&index_dir, &[], &[&corpus]);
    let (search_code, _, _, search_stderr) = quagga_count(&index_dir);
    let still_running = first.try_wait().unwrap().is_none();
    let status = first.wait().unwrap();
    let mut first_stderr = String::new();
    std::io::Read::read_to_string(first.stderr.as_mut().unwrap(), &mut first_stderr).unwrap();
    assert!(
        still_running,
        "the first run ended before the second was refused"
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "newsdex: {}: index is locked by another newsdex process",
            index_dir.display()
        )
    );
    assert_eq!(
        search_code, 0,
        "search failed during indexing: {search_stderr}"
    );
    assert!(status.success(), "{first_stderr}");
    let (code, articles, _, _) = quagga_count(&index_dir);
    assert_eq!((code, articles), (0, total));
}

#[test]
fn stats_reports_what_the_index_holds() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    assert_eq!(index(&index_dir, &[], &[&fixture_corpus()]).0, 0);
    let json = stats(&index_dir);
    assert_eq!(json["articles"], FIXTURE_ARTICLES);
    assert!(json["passages"].as_u64().unwrap() > FIXTURE_ARTICLES);
    assert!(json["actors"].as_u64().unwrap() > 20, "{json}");
    assert!(json["bytes"].as_u64().unwrap() > 10_000);
    assert_eq!(json["files"], FIXTURE_FILES);
    assert_eq!(json["undated"], 1);
    assert!(json["date_from"].as_str().unwrap() < json["date_to"].as_str().unwrap());
    assert!(json["segments"].as_u64().unwrap() >= 1);
    assert!(json["indexed_at"].as_str().unwrap().ends_with('Z'));

    let output = newsdex()
        .args(["stats", "--index"])
        .arg(&index_dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    for line in [
        &format!("articles        {FIXTURE_ARTICLES}"),
        "actors ",
        "dates ",
        "size on disk ",
        "last indexed ",
    ] {
        assert!(text.contains(line), "{line:?} missing in\n{text}");
    }

    let output = newsdex()
        .args(["stats", "--index"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("no index here"));
}

#[test]
fn a_changed_web_archive_re_reads_only_its_changed_records() {
    use crate::formats::{ferry_page, http_response, sample_warc, warc_record};
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let before = sample_warc("Okapi sightings near the ferry terminal stopped the works for a day, the harbour authority said.");
    write_files(&corpus, &[("crawl.warc", &before)]);
    set_mtime(&corpus.join("crawl.warc"), 1_000_000);
    let index_dir = dir.path().join("index");
    assert_eq!(index(&index_dir, &[], &[&corpus]).0, 0);

    // The ferry page's latest capture changes, the quay page does not, a new page is added.
    let mut after = sample_warc("Quagga mussels in the intake pipes stopped the works for a day, the harbour authority said.");
    let extra = ferry_page("The lighthouse keeper retires after forty years on the breakwater, the harbour authority said.");
    after.extend(warc_record(
        "response",
        "https://www.harbourgazette.example/news/lighthouse",
        "2024-03-07T09:00:00Z",
        &http_response("200 OK", "text/html", extra.as_bytes()),
    ));
    write_files(&corpus, &[("crawl.warc", &after)]);
    set_mtime(&corpus.join("crawl.warc"), 2_000_000);
    let (code, stdout, stderr) = index(&index_dir, &[], &[&corpus]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("indexed 3 articles")
            && stdout.contains("1 added, 1 updated, 0 removed, 1 unchanged"),
        "{stdout}"
    );
    assert!(ids(&index_dir, "okapi").is_empty());
    assert_eq!(
        ids(&index_dir, "quagga"),
        ["https://www.harbourgazette.example/news/ferry"]
    );
    assert_eq!(ids(&index_dir, "harbour").len(), 3);
}

/// The articles of the stats test on deletions: three dated, one undated, each naming its
/// own actors.
const STATS_ARTICLES: [(&str, &[u8]); 4] = [
    (
        "early.txt",
        b" date 2016-03-04 Harbour talks\n\nMayor Odalys Fenwick met the Quarrington Dock Board in Velmora.\n\nThe Quarrington Dock Board agreed to the plan.\n",
    ),
    (
        "middle.txt",
        b" date 2018-07-09 Orchard report\n\nMinister Tobiah Granwell visited the Pellucid Fruit Cooperative.\n",
    ),
    (
        "late.txt",
        b" date 2024-11-12 Bridge opening\n\nGovernor Ysolde Marchbank opened the Stennick Bridge Authority office.\n\nMarchbank thanked Stennick Bridge Authority staff.\n",
    ),
    (
        "undated.txt",
        b"Kettleby notes\n\nCaptain Linnea Harrowgate spoke to the Brackwater Rowing Club.\n",
    ),
];

#[test]
fn stats_of_an_index_with_deleted_documents_are_those_of_the_live_ones() {
    use tantivy::schema::Value;
    let dir = tempfile::tempdir().unwrap();
    let (all, kept) = (dir.path().join("all"), dir.path().join("kept"));
    write_files(&all, &STATS_ARTICLES);
    write_files(&kept, &STATS_ARTICLES);
    std::fs::remove_file(kept.join("late.txt")).unwrap();
    let (full_index, kept_index) = (dir.path().join("full"), dir.path().join("fresh"));
    assert_eq!(index(&full_index, &[], &[&all]).0, 0);
    assert_eq!(index(&kept_index, &[], &[&kept]).0, 0);

    // Delete the latest article's passages behind newsdex's back, without merging, keeping
    // the commit's payload (its state file).
    let index = tantivy::Index::open_in_dir(&full_index).unwrap();
    let path_field = index.schema().get_field("path").unwrap();
    let searcher = index.reader().unwrap().searcher();
    let late_path = (0..searcher.num_docs() as u32)
        .filter_map(|doc| {
            let document: tantivy::TantivyDocument =
                searcher.doc(tantivy::DocAddress::new(0, doc)).ok()?;
            let path = document.get_first(path_field)?.as_str()?.to_string();
            path.ends_with("late.txt").then_some(path)
        })
        .next()
        .expect("the late article is indexed");
    let payload = index.load_metas().unwrap().payload.unwrap();
    let mut writer: tantivy::IndexWriter<tantivy::TantivyDocument> =
        index.writer(15_000_000).unwrap();
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    writer.delete_term(tantivy::Term::from_field_text(path_field, &late_path));
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(&payload);
    prepared.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    let reader = index.reader().unwrap();
    assert!(
        reader
            .searcher()
            .segment_readers()
            .iter()
            .any(|s| s.has_deletes()),
        "the deletion is kept as deletes, not merged away"
    );

    let (with_deletes, fresh) = (stats(&full_index), stats(&kept_index));
    for field in [
        "articles",
        "passages",
        "actor_forms",
        "undated",
        "languages",
        "date_from",
        "date_to",
    ] {
        assert_eq!(with_deletes[field], fresh[field], "{field}");
    }
    assert_ne!(stats(&full_index)["date_to"], serde_json::Value::Null);
}
