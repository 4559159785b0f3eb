//! Exploration through each segment's facet ordinals mapped to the lookup table's actors
//! (`INDEX/actor-ords.bin`): the same answers as a fresh build and as mapping every form one
//! by one, after incremental runs that add and delete articles and after every kind of
//! correction; a file made from another table is ignored. Likewise the figures `index` and
//! `correct` keep for `stats` (`INDEX/stats-summary.json`): what measuring the index answers.

use std::path::{Path, PathBuf};

use crate::{assert_success, fixture_corpus, newsdex};

const ORDS: &str = "actor-ords.bin";
const KEPT_STATS: &str = "stats-summary.json";

/// Copies the fixture corpus into `to`, leaving out the files named in `skip`.
fn copy_fixture(to: &Path, skip: &[&str]) {
    let from = fixture_corpus();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(&from).unwrap();
        if skip.iter().any(|s| relative == Path::new(s)) {
            continue;
        }
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), target).unwrap();
    }
}

fn index(index_dir: &Path, corpus: &Path) {
    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(index_dir)
        .arg(corpus)
        .output()
        .unwrap();
    assert_success(&output);
}

/// Runs `newsdex ARGS... --index INDEX` and returns its stdout (exit 0 or 1).
fn stdout(index_dir: &Path, args: &[&str]) -> String {
    let output = newsdex()
        .args(args)
        .arg("--index")
        .arg(index_dir)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The names of the actors listed by `actors ARGS... --json`.
fn listed(index_dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let mut full = vec!["actors", "--json"];
    full.extend_from_slice(args);
    stdout(index_dir, &full)
        .lines()
        .map(|line| {
            let actor: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                actor["name"].as_str().unwrap().to_string(),
                actor["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// What the exploration commands answer, with their actor counts.
fn answers(index_dir: &Path) -> Vec<String> {
    let target = listed(index_dir, &["--top", "1"])[0].0.clone();
    let commands: [&[&str]; 11] = [
        &["actors", "--top", "100", "--json"],
        &["actors", "--kind", "person", "--top", "3", "--json"],
        &["actors", "grain", "--top", "8", "--json"],
        &["search", "grain", "--facets", "--json", "--limit", "3"],
        &["cooccur", &target, "--top", "10", "--json"],
        &["cooccur", &target, "--top", "3", "--from", "2023-03"],
        &[
            "cooccur", &target, "--top", "5", "--query", "grain", "--json",
        ],
        &["cooccur", &target, "--top", "5", "--stories", "--json"],
        &["timeline", &target, "--by", "month", "--json"],
        &["timeline", &target, "--by", "day", "--json"],
        &["timeline", "grain", "--by", "week", "--json"],
    ];
    commands
        .iter()
        .map(|command| {
            let out = stdout(index_dir, command);
            // Of a search, the facets alone: the hits' scores count deleted passages.
            match command[0] {
                "search" => out.lines().filter(|l| l.contains("\"facets\"")).collect(),
                _ if command.contains(&"--json") => out.lines().map(without_scores).collect(),
                _ => out,
            }
        })
        .collect()
}

/// A JSON line without its passages' scores, which count deleted passages (an incremental
/// index's differ from a fresh build's where query words score).
fn without_scores(line: &str) -> String {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("score");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
    strip(&mut value);
    format!("{value}\n")
}

/// [`answers`] with the ordinals file set aside: every form mapped one by one.
fn answers_form_by_form(index_dir: &Path) -> Vec<String> {
    let ords = index_dir.join(ORDS);
    let aside = index_dir.join("ords.aside");
    std::fs::rename(&ords, &aside).unwrap();
    let answers = answers(index_dir);
    std::fs::rename(&aside, &ords).unwrap();
    answers
}

/// `stats --json` without the size on disk (the kept figures' own file counts in it).
fn stats(index_dir: &Path) -> serde_json::Value {
    let mut stats: serde_json::Value =
        serde_json::from_str(&stdout(index_dir, &["stats", "--json"])).unwrap();
    stats.as_object_mut().unwrap().remove("bytes");
    stats
}

/// Asserts that the figures kept for `stats` are those measuring the index gives.
fn assert_kept_stats_are_measured(index_dir: &Path, context: &str) {
    let kept = index_dir.join(KEPT_STATS);
    assert!(kept.exists(), "{context}: {}", kept.display());
    let read = stats(index_dir);
    let aside = index_dir.join("stats.aside");
    std::fs::rename(&kept, &aside).unwrap();
    let measured = stats(index_dir);
    std::fs::rename(&aside, &kept).unwrap();
    assert_eq!(read, measured, "{context}");
}

fn correct(index_dir: &Path, args: &[&str]) {
    let mut full = vec!["correct"];
    full.extend_from_slice(args);
    stdout(index_dir, &full);
}

/// The incremental index (built without one file, then with it and without another) and a
/// fresh build of the same files.
fn incremental_and_fresh(root: &Path) -> (PathBuf, PathBuf) {
    let corpus = root.join("corpus");
    copy_fixture(&corpus, &["wire/july.jsonl"]);
    let incremental = root.join("incremental");
    index(&incremental, &corpus);
    copy_fixture(&corpus, &[]);
    std::fs::remove_file(corpus.join("2023-03-02_grain.txt")).unwrap();
    index(&incremental, &corpus);
    let fresh = root.join("fresh");
    index(&fresh, &corpus);
    (incremental, fresh)
}

#[test]
fn exploration_through_ordinals_answers_as_a_fresh_build_and_as_every_form_mapped() {
    let root = tempfile::tempdir().unwrap();
    let (incremental, fresh) = incremental_and_fresh(root.path());
    for index_dir in [&incremental, &fresh] {
        assert!(index_dir.join(ORDS).exists(), "{}", index_dir.display());
    }
    let expected = answers(&fresh);
    assert!(expected[0].lines().count() > 10, "{}", expected[0]);
    assert_eq!(answers(&incremental), expected);
    assert_eq!(answers_form_by_form(&incremental), expected);
    assert_eq!(answers_form_by_form(&fresh), expected);
    for index_dir in [&incremental, &fresh] {
        assert_kept_stats_are_measured(index_dir, "after indexing");
    }
    let (incremental, fresh) = (stats(&incremental), stats(&fresh));
    for figure in [
        "articles",
        "passages",
        "actors",
        "actor_forms",
        "undated",
        "languages",
    ] {
        assert_eq!(incremental[figure], fresh[figure], "{figure}");
    }
}

#[test]
fn exploration_after_corrections_answers_as_every_form_mapped() {
    let root = tempfile::tempdir().unwrap();
    let (incremental, fresh) = incremental_and_fresh(root.path());
    let before_corrections = std::fs::read(incremental.join(ORDS)).unwrap();
    let people = listed(&fresh, &["--kind", "person", "--top", "3"]);
    let orgs = listed(&fresh, &["--kind", "org", "--top", "2"]);
    assert!(people.len() == 3 && orgs.len() == 2, "{people:?} {orgs:?}");
    let corrections: [Vec<&str>; 3] = [
        vec!["merge", &people[0].0, &people[1].0],
        vec!["not-actor", &people[2].0],
        vec!["kind", &orgs[1].0, "place"],
    ];
    for correction in &corrections {
        for index_dir in [&incremental, &fresh] {
            correct(index_dir, correction);
        }
        let expected = answers_form_by_form(&fresh);
        assert_eq!(answers(&fresh), expected, "{correction:?}");
        assert_eq!(answers(&incremental), expected, "{correction:?}");
        assert_eq!(
            answers_form_by_form(&incremental),
            expected,
            "{correction:?}"
        );
        for index_dir in [&incremental, &fresh] {
            assert_kept_stats_are_measured(index_dir, &format!("{correction:?}"));
        }
    }
    let all = listed(&incremental, &["--top", "1000"]);
    assert!(!all.iter().any(|(name, _)| *name == people[1].0), "merged");
    assert!(
        !all.iter().any(|(name, _)| *name == people[2].0),
        "not an actor"
    );
    assert!(
        all.contains(&(orgs[1].0.clone(), "place".to_string())),
        "kind"
    );
    // A file made from the table before the corrections is not used.
    let expected = answers(&incremental);
    std::fs::write(incremental.join(ORDS), before_corrections).unwrap();
    assert_eq!(answers(&incremental), expected);
}

#[test]
fn stale_kept_stats_are_not_read() {
    let root = tempfile::tempdir().unwrap();
    let (incremental, fresh) = incremental_and_fresh(root.path());
    let fresh_stats = stats(&fresh);
    // The figures of another commit: the incremental index's, put beside the fresh build.
    std::fs::copy(incremental.join(KEPT_STATS), fresh.join(KEPT_STATS)).unwrap();
    assert_eq!(stats(&fresh), fresh_stats);
    // A file cut short.
    let kept = std::fs::read(incremental.join(KEPT_STATS)).unwrap();
    std::fs::write(fresh.join(KEPT_STATS), &kept[..kept.len() / 2]).unwrap();
    assert_eq!(stats(&fresh), fresh_stats);
}

/// What a reader sees of hits and articles: the actors of search hits (with context passages),
/// an actor-filtered search, every match streamed, and a whole article.
fn shown_actors(index_dir: &Path) -> Vec<String> {
    let target = listed(index_dir, &["--top", "1"])[0].0.clone();
    let first_hit = stdout(index_dir, &["search", "grain", "--json", "--limit", "1"]);
    let first_hit: serde_json::Value =
        serde_json::from_str(first_hit.lines().next().unwrap()).expect("a hit for grain");
    let article_id = first_hit["article_id"].as_str().unwrap().to_string();
    let commands: [&[&str]; 5] = [
        &["search", "grain", "--json", "--limit", "10", "-C", "1"],
        &["search", "--actor", &target, "--json", "--limit", "10"],
        &["search", "wheat", "--all", "--json"],
        &["search", "grain", "--limit", "5", "--color", "never"],
        &["show", &article_id, "--json"],
    ];
    commands
        .iter()
        .map(|command| stdout(index_dir, command))
        .collect()
}

/// The store holds no actors (issue 16: each passage stored its article's actors again), and
/// hits and articles name them from the facet columns: through the ordinals file, and form by
/// form when it is set aside, with the same answers.
#[test]
fn hits_name_actors_from_their_columns_with_or_without_the_ordinals_file() {
    let root = tempfile::tempdir().unwrap();
    let index_dir = root.path().join("index");
    index(&index_dir, &fixture_corpus());
    assert!(index_dir.join(ORDS).exists());

    let index = tantivy::Index::open_in_dir(&index_dir).unwrap();
    let schema = index.schema();
    let searcher = index.reader().unwrap().searcher();
    let mut passages = 0;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let address = tantivy::DocAddress::new(ord as u32, doc);
            let document: tantivy::TantivyDocument = searcher.doc(address).unwrap();
            for field in ["actor", "passage_actor"] {
                let field = schema.get_field(field).unwrap();
                assert_eq!(document.get_all(field).count(), 0, "{address:?}");
            }
            passages += 1;
        }
    }
    assert!(passages > 10, "{passages}");

    let through_ordinals = shown_actors(&index_dir);
    let hit: serde_json::Value =
        serde_json::from_str(through_ordinals[1].lines().next().unwrap()).unwrap();
    assert!(!hit["actors"].as_array().unwrap().is_empty(), "{hit}");
    let article: serde_json::Value = serde_json::from_str(&through_ordinals[4]).unwrap();
    assert!(
        !article["actors"].as_array().unwrap().is_empty(),
        "{article}"
    );
    let aside = index_dir.join("ords.aside");
    std::fs::rename(index_dir.join(ORDS), &aside).unwrap();
    assert_eq!(shown_actors(&index_dir), through_ordinals);
}
