//! Command-line edges a new user meets first: option values, queries that start with `-`,
//! counts in words, error messages and dates printed the same way by every command.

use crate::{newsdex, write_files, Indexed};

/// Two dated articles: one on Turkey and NATO, one on NATO alone.
fn two_articles() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[(
            "c/news.jsonl",
            concat!(
                r#"{"id": "turkey", "date": "2022-03-10T09:25:08Z", "title": "Ankara talks", "body": "Turkey hosted NATO envoys for talks on grain."}"#,
                "\n",
                r#"{"id": "alone", "date": "2022-03-12", "title": "Brussels summit", "body": "NATO ministers met in Brussels on grain."}"#,
                "\n"
            )
            .as_bytes(),
        )],
    );
    let indexed = Indexed::new(&[&dir.path().join("c")]);
    // The corpus is read; the index lives in its own temp dir.
    drop(dir);
    indexed
}

/// The article ids of `search --json ARGS...` (`--json` first, so that ARGS may hold `--`).
fn ids(index: &Indexed, args: &[&str]) -> Vec<String> {
    let output = newsdex()
        .args(["search", "--json", "--index"])
        .arg(index.index())
        .args(args)
        .output()
        .unwrap();
    crate::assert_success(&output);
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).unwrap();
            hit["article_id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn limit_zero_is_refused_with_a_usage_error() {
    let index = two_articles();
    let output = index.search(&["grain", "--limit", "0"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--limit"), "{stderr}");
    assert!(stderr.contains("must be at least 1"), "{stderr}");
}

#[test]
fn quoted_query_starting_with_minus_is_a_query() {
    let index = two_articles();
    assert_eq!(ids(&index, &["-Turkey NATO"]), ["alone"]);
    assert_eq!(ids(&index, &["-Turkey NATO", "--limit", "1"]), ["alone"]);
}

#[test]
fn options_go_before_the_double_dash() {
    let index = two_articles();
    assert_eq!(
        ids(&index, &["--limit", "1", "--", "-Turkey", "NATO"]),
        ["alone"]
    );
}

#[test]
fn one_match_is_counted_in_the_singular() {
    let index = two_articles();
    index
        .search(&["Ankara", "--count"])
        .assert()
        .success()
        .stdout("1 article, 1 story, 1 passage\n");
    index
        .search(&["grain", "--count"])
        .assert()
        .success()
        .stdout("2 articles, 2 stories, 2 passages\n");
    let timeline = newsdex()
        .args(["timeline", "envoys", "--index"])
        .arg(index.index())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&timeline.stdout);
    assert!(
        stdout.starts_with("1 article matching \"envoys\"\n"),
        "{stdout}"
    );
}

#[test]
fn a_query_with_no_searchable_words_is_quoted_once() {
    let index = two_articles();
    let output = index.search(&["\"the\""]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no searchable words"), "{stderr}");
    assert!(!stderr.contains('\\'), "escaped twice: {stderr}");
}

#[test]
fn show_and_search_print_the_same_date() {
    let index = two_articles();
    let search = index.search(&["Ankara"]).output().unwrap();
    let search = String::from_utf8_lossy(&search.stdout);
    assert!(
        search.starts_with(" 1. 2022-03-10  Ankara talks"),
        "{search}"
    );
    let show = newsdex()
        .args(["show", "turkey", "--index"])
        .arg(index.index())
        .output()
        .unwrap();
    let show = String::from_utf8_lossy(&show.stdout);
    let date_line = show.lines().nth(1).unwrap_or_default();
    assert!(date_line.starts_with("2022-03-10  "), "{show}");
}

/// `search` output flags that choose different outputs cannot be given together: each pair
/// is a usage error naming both, rather than one silently winning.
#[test]
fn search_output_flags_that_exclude_each_other_are_refused() {
    let index = two_articles();
    let refused: [&[&str]; 11] = [
        &["grain", "--count", "--files-with-matches"],
        &["grain", "-c", "-l"],
        &["grain", "--count", "--facets"],
        &["grain", "-l", "--facets"],
        &["grain", "-l", "--json"],
        &["grain", "-l", "--format", "trec"],
        &["grain", "--json", "--format", "trec"],
        &["--queries", "q.tsv", "--count"],
        &["--queries", "q.tsv", "-l"],
        &["--queries", "q.tsv", "--facets"],
        &["grain", "--unit", "passage"],
    ];
    for args in refused {
        let output = index.search(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot be used with") || stderr.contains("required"),
            "{args:?}: {stderr}"
        );
    }
    // Each flag alone, and the pairs that agree, still work.
    let allowed: [&[&str]; 5] = [
        &["grain", "--count", "--json"],
        &["grain", "--count", "--format", "json"],
        &["grain", "-l"],
        &["grain", "--json", "--facets"],
        &["grain", "--format", "trec"],
    ];
    for args in allowed {
        let output = index.search(args).output().unwrap();
        crate::assert_success(&output);
    }
}
