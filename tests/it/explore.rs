//! Exploration commands: counts pinned against an independent path (`extract` output, or
//! `search --count` with the same filters), JSON shapes, exit codes.

use std::collections::BTreeMap;

use crate::{fixture_corpus, json_lines, newsdex, run, write_files, Indexed};

/// Articles per actor name, computed from `newsdex extract` (no index involved).
fn extracted_articles() -> Vec<serde_json::Value> {
    let output = newsdex()
        .arg("extract")
        .arg(fixture_corpus())
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn actor_counts_match_the_extractor() {
    let index = Indexed::fixture();
    // Keyed by name and kind: the tagger may give one name two kinds in different articles.
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for article in extracted_articles() {
        for actor in article["actors"].as_array().unwrap() {
            let key = (
                actor["name"].as_str().unwrap().to_string(),
                actor["kind"].as_str().unwrap().to_string(),
            );
            *expected.entry(key).or_insert(0) += 1;
        }
    }
    let output = run(&index, &["actors", "--top", "1000", "--json"]);
    assert!(output.status.success());
    let got: BTreeMap<(String, String), u64> = json_lines(&output)
        .iter()
        .map(|a| {
            let key = (
                a["name"].as_str().unwrap().to_string(),
                a["kind"].as_str().unwrap().to_string(),
            );
            (key, a["articles"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, expected);
    // The fixture corpus is about Turkey's mediation with Russia: they lead.
    let top = json_lines(&run(
        &index,
        &["actors", "--kind", "country", "--top", "2", "--json"],
    ));
    let names: Vec<&str> = top.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Turkey", "Russia"]);
    assert!(top.iter().all(|a| a["kind"] == "country"));
}

#[test]
fn actors_of_a_query_match_search_counts() {
    let index = Indexed::fixture();
    let actors = json_lines(&run(&index, &["actors", "grain", "--top", "6", "--json"]));
    assert_eq!(actors.len(), 6);
    for actor in &actors {
        let name = actor["name"].as_str().unwrap();
        let count = index
            .search(&["grain", "--actor", name, "--count", "--json"])
            .output()
            .unwrap();
        let counts: serde_json::Value = serde_json::from_slice(&count.stdout).unwrap();
        assert_eq!(counts["articles"], actor["articles"], "{name}");
    }
}

#[test]
fn monthly_timeline_matches_article_dates() {
    let index = Indexed::fixture();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for article in extracted_articles() {
        let mentions_erdogan = article["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Recep Tayyip Erdoğan");
        if mentions_erdogan {
            let month = article["date"].as_str().unwrap()[..7].to_string();
            *expected.entry(month).or_insert(0) += 1;
        }
    }
    let output = run(&index, &["timeline", "erdogan", "--by", "month", "--json"]);
    assert!(output.status.success());
    let buckets = json_lines(&output);
    let got: BTreeMap<String, u64> = buckets
        .iter()
        .filter(|b| b["count"].as_u64().unwrap() > 0)
        .map(|b| {
            (
                b["bucket"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    for bucket in &buckets {
        for key in ["bucket", "start", "end", "count", "best"] {
            assert!(bucket.get(key).is_some(), "{key} missing: {bucket}");
        }
        if bucket["count"].as_u64().unwrap() > 0 {
            let best = &bucket["best"];
            let date = best["date"].as_str().unwrap();
            assert!(
                date >= bucket["start"].as_str().unwrap() && date < bucket["end"].as_str().unwrap()
            );
        }
    }
    // Consecutive calendar months, empty ones included.
    let labels: Vec<&str> = buckets
        .iter()
        .map(|b| b["bucket"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["2023-03", "2023-04", "2023-05", "2023-06", "2023-07"]
    );
}

/// The text timeline shows each bucket's headline alone, so its best passages' actors are
/// not named: the same buckets and best passages as the whole timeline, without actors.
#[test]
fn a_headline_timeline_keeps_the_buckets_and_best_passages_unnamed() {
    use newsdex::explore::{self, BestShown, BucketUnit};
    use newsdex::search::{SearchRequest, Searcher};
    let index = Indexed::fixture();
    let searcher = Searcher::open(&index.index()).unwrap();
    let mut request = SearchRequest::default();
    explore::aim_timeline(&searcher, &mut request, "erdogan").unwrap();
    let timeline = |shown| explore::timeline(&searcher, &request, BucketUnit::Week, shown).unwrap();
    let (whole, headline) = (timeline(BestShown::Hit), timeline(BestShown::Headline));
    assert!(whole
        .buckets
        .iter()
        .filter_map(|b| b.best.as_ref())
        .any(|hit| !hit.actors.is_empty() && !hit.passage_actors.is_empty()));
    assert_eq!(whole.buckets.len(), headline.buckets.len());
    for (whole, headline) in whole.buckets.iter().zip(&headline.buckets) {
        assert_eq!(
            (&whole.bucket, whole.count, whole.peak),
            (&headline.bucket, headline.count, headline.peak)
        );
        match (&whole.best, &headline.best) {
            (Some(named), Some(unnamed)) => {
                assert_eq!(
                    (&named.title, &named.article_id, named.passage),
                    (&unnamed.title, &unnamed.article_id, unnamed.passage)
                );
                assert!(unnamed.actors.is_empty() && unnamed.passage_actors.is_empty());
            }
            (None, None) => {}
            other => panic!("{}: {other:?}", whole.bucket),
        }
    }
    // The text timeline prints the headlines the JSON one names.
    let text =
        String::from_utf8(run(&index, &["timeline", "erdogan", "--by", "week"]).stdout).unwrap();
    for hit in whole.buckets.iter().filter_map(|b| b.best.as_ref()) {
        let shown: String = hit.title.chars().take(40).collect();
        assert!(text.contains(&shown), "{shown:?} not in {text}");
    }
}

#[test]
fn timeline_keeps_date_precision_and_weeks_are_iso() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "date": "2022-01-02", "title": "Sunday", "body": "walrus story"}"#,
        r#"{"id": "b", "date": "2022-01-03", "title": "Monday", "body": "walrus again"}"#,
        r#"{"id": "c", "date": "2022-01-09", "title": "Next Sunday", "body": "walrus three"}"#,
        r#"{"id": "d", "date": "2022", "title": "Year only", "body": "walrus year"}"#,
        r#"{"id": "e", "title": "Undated", "body": "walrus undated"}"#,
    ];
    write_files(dir.path(), &[("c/w.jsonl", lines.join("\n").as_bytes())]);
    let index = Indexed::new(&[&dir.path().join("c")]);
    let weeks = json_lines(&run(
        &index,
        &["timeline", "walrus", "--by", "week", "--json"],
    ));
    let got: Vec<(&str, u64)> = weeks
        .iter()
        .map(|b| (b["bucket"].as_str().unwrap(), b["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("2021-W52", 1), ("2022-W01", 2)]);
    let text =
        String::from_utf8(run(&index, &["timeline", "walrus", "--by", "month"]).stdout).unwrap();
    assert!(text.contains("2022-01      3"), "{text}");
    assert!(
        text.contains("dated less precisely than a bucket: 1"),
        "{text}"
    );
    assert!(text.contains("undated: 1"), "{text}");
    let years = json_lines(&run(
        &index,
        &["timeline", "walrus", "--by", "year", "--json"],
    ));
    assert_eq!(years[0]["count"], 4);
    assert_eq!(run(&index, &["timeline", "narwhal"]).status.code(), Some(1));
}

#[test]
fn cooccurrence_counts_and_evidence() {
    let index = Indexed::fixture();
    let output = run(
        &index,
        &[
            "cooccur",
            "Erdogan",
            "--top",
            "5",
            "--min-articles",
            "1",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows = json_lines(&output);
    assert_eq!(rows.len(), 5);
    let mut previous = f64::INFINITY;
    for row in &rows {
        let name = row["name"].as_str().unwrap();
        assert_ne!(name, "Recep Tayyip Erdoğan");
        let npmi = row["npmi"].as_f64().unwrap();
        assert!(npmi <= previous + 1e-9, "ranked by npmi");
        assert!((-1.0..=1.0).contains(&npmi));
        assert!(row["lift"].as_f64().unwrap() > 0.0);
        previous = npmi;
        assert!(row["passages"].as_u64().is_some() && row["kind"].is_string());
        let count = index
            .search(&["--actor", "Erdogan", "--actor", name, "--count", "--json"])
            .output()
            .unwrap();
        let counts: serde_json::Value = serde_json::from_slice(&count.stdout).unwrap();
        assert_eq!(counts["articles"], row["articles"], "{name}");
        let evidence = &row["evidence"];
        let actors: Vec<&str> = evidence["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert!(
            actors.contains(&"Recep Tayyip Erdoğan") && actors.contains(&name),
            "{evidence}"
        );
    }
    assert_eq!(
        run(&index, &["cooccur", "Nobody Atall"]).status.code(),
        Some(2)
    );
}

#[test]
fn search_facets_cover_the_whole_match_set() {
    let index = Indexed::fixture();
    // Every article that mentions Turkey is dated, so the date facets count them all.
    let output = index
        .search(&["Turkey", "--limit", "2", "--facets", "--json"])
        .output()
        .unwrap();
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3, "two hits and the facets line");
    let facets = &lines[2]["facets"];
    let russia = facets["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Russia")
        .unwrap();
    let count = index
        .search(&["Turkey", "--actor", "Russia", "--count", "--json"])
        .output()
        .unwrap();
    let counts: serde_json::Value = serde_json::from_slice(&count.stdout).unwrap();
    assert_eq!(russia["articles"], counts["articles"]);
    let total: u64 = facets["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["count"].as_u64().unwrap())
        .sum();
    let all = index
        .search(&["Turkey", "--count", "--json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(serde_json::json!(total), all["articles"]);
}

#[test]
fn date_sort_and_since_alias() {
    let index = Indexed::fixture();
    // Every article that mentions Turkey is dated.
    let newest = index.json_hits(&["Turkey", "--sort", "date", "--limit", "5"]);
    let dates: Vec<&str> = newest.iter().map(|h| h["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let oldest = index.json_hits(&["Turkey", "--sort", "date", "--reverse", "--limit", "1"]);
    assert!(oldest[0]["date"].as_str().unwrap() <= dates[4]);
    let since = index.json_hits(&["Turkey", "--since", "2023-07"]);
    assert!(since
        .iter()
        .all(|h| h["date"].as_str().unwrap() >= "2023-07"));
    assert!(!since.is_empty());
    // Relative: nothing in the fixture corpus is from the last 30 days.
    index.search(&["Turkey", "--since", "30d"]).assert().code(1);
}

/// A corpus of many articles that tie: the same passages, word for word, about the same actors,
/// several on each date, in several files, so that only the tie-break tells them apart.
fn tied_corpus(dir: &std::path::Path) {
    let passage = "Recep Tayyip Erdogan met Vladimir Putin in Sochi to talk about the grain \
                   corridor, and Antonio Guterres welcomed the talks.";
    let mut files: Vec<(String, String)> = Vec::new();
    for n in 0..48 {
        // Four dates, twelve articles each; two folders, so paths and dates disagree.
        let day = 1 + n % 4;
        let folder = if n % 3 == 0 { "b" } else { "a" };
        let mut body = String::new();
        // Paragraphs long enough to be passages of their own, alike but for one number.
        for part in 1..=4 {
            body.push_str(&format!("Session {part}. {passage} {passage}\n\n"));
        }
        files.push((
            format!("tied/{folder}/report{n:02}.txt"),
            format!(" date 2022-0{day}-1{day} Report {n:02}\n\n{body}"),
        ));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes()))
        .collect();
    write_files(dir, &files);
}

/// Indexes `tied/` under `dir` with `threads` writer threads (into an index of its own, named
/// by `run_number`) and returns what each command prints on that index.
fn outputs_after_indexing(
    dir: &std::path::Path,
    threads: &str,
    run_number: usize,
    commands: &[&[&str]],
) -> Vec<String> {
    let index = dir.join(format!("index-{threads}-{run_number}"));
    let status = newsdex()
        .current_dir(dir)
        .args(["index", "tied", "--threads", threads, "--index"])
        .arg(&index)
        .output()
        .unwrap();
    crate::assert_success(&status);
    commands
        .iter()
        .map(|args| {
            let output = newsdex()
                .current_dir(dir)
                .args(*args)
                .arg("--index")
                .arg(&index)
                .output()
                .unwrap();
            crate::assert_success(&output);
            String::from_utf8(output.stdout).unwrap()
        })
        .collect()
}

#[test]
fn exploration_output_does_not_depend_on_indexing_threads() {
    let dir = tempfile::tempdir().unwrap();
    tied_corpus(dir.path());
    let commands: [&[&str]; 6] = [
        &["timeline", "grain", "--by", "month"],
        &["timeline", "grain", "--by", "year", "--json"],
        &["timeline", "Putin", "--by", "month", "--json"],
        &["cooccur", "Putin", "--min-articles", "1"],
        &["cooccur", "Putin", "--min-articles", "1", "--json"],
        &[
            "cooccur",
            "Guterres",
            "-q",
            "grain",
            "--min-articles",
            "1",
            "--json",
        ],
    ];
    let outputs = |threads: &str, run_number: usize| {
        outputs_after_indexing(dir.path(), threads, run_number, &commands)
    };
    let one = outputs("1", 0);
    // The year's best passage is the newest article's (2022-04-14: report03 and report07), the
    // first by path (tied/a before tied/b), and its first passage.
    assert!(
        one[1].contains("\"path\":\"tied/a/report07.txt\""),
        "{}",
        one[1]
    );
    assert!(
        one[1].contains("\"passage\":0,\"passages\":4"),
        "{}",
        one[1]
    );
    for run_number in 0..3 {
        assert_eq!(
            outputs("4", run_number),
            one,
            "run {run_number} with 4 threads"
        );
    }
}

#[test]
fn date_ordered_pages_do_not_depend_on_indexing_threads() {
    let dir = tempfile::tempdir().unwrap();
    tied_corpus(dir.path());
    let commands: [&[&str]; 3] = [
        &["search", "--actor", "Putin", "--limit", "5", "--json"],
        &["search", "grain", "--sort", "date", "--limit", "7"],
        &[
            "search",
            "grain",
            "--sort",
            "date",
            "--reverse",
            "--per-article",
            "2",
        ],
    ];
    let pages = |threads: &str, run_number: usize| {
        outputs_after_indexing(dir.path(), threads, run_number, &commands)
    };
    let one = pages("1", 0);
    for run_number in 0..3 {
        assert_eq!(
            pages("4", run_number),
            one,
            "run {run_number} with 4 threads"
        );
    }
}
