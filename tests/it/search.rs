//! `newsdex search` and `show`: ranking, filters, output shapes, exit codes.

use crate::{newsdex, write_files, Indexed};

/// A small corpus whose dates and words make every filter checkable by hand.
fn dated_corpus() -> (tempfile::TempDir, Indexed) {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "dec", "date": "2021-12-31T23:59:59Z", "title": "December", "body": "Sanctions talk in December."}"#,
        r#"{"id": "jan1", "date": "2022-01-01", "title": "New year", "body": "Sanctions on Russia were discussed by Putin."}"#,
        r#"{"id": "jan31", "date": "2022-01-31T22:00:00Z", "title": "End of January", "body": "Sanctions again, with Biden and Putin."}"#,
        r#"{"id": "feb", "date": "2022-02-01", "title": "February", "body": "Sanctions in February, NATO said."}"#,
        r#"{"id": "y2022", "date": "2022", "title": "Year only", "body": "Sanctions over the whole year."}"#,
        r#"{"id": "undated", "title": "No date", "body": "Sanctions with no date at all."}"#,
    ];
    write_files(dir.path(), &[("c/news.jsonl", lines.join("\n").as_bytes())]);
    let index = Indexed::new(&[&dir.path().join("c")]);
    (dir, index)
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    let mut ids: Vec<String> = hits
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn date_filters_respect_precision() {
    let (_dir, index) = dated_corpus();
    let cases: &[(&[&str], &[&str])] = &[
        // --to 2022-01 runs to the end of January; the year-only article overlaps.
        (
            &["--from", "2022-01", "--to", "2022-01"],
            &["jan1", "jan31", "y2022"],
        ),
        // --to 2022-01-31 includes that whole day.
        (&["--to", "2022-01-31"], &["dec", "jan1", "jan31", "y2022"]),
        (&["--from", "2022-02-01"], &["feb", "y2022"]),
        (&["--from", "2021", "--to", "2021"], &["dec"]),
        (&["--from", "2023"], &[]),
    ];
    for (args, expected) in cases {
        let mut all = vec!["sanctions", "--limit", "20"];
        all.extend_from_slice(args);
        assert_eq!(ids(&index.json_hits(&all)), *expected, "{args:?}");
    }
}

#[test]
fn impossible_or_bad_dates_are_one_line_errors() {
    let (_dir, index) = dated_corpus();
    for args in [
        &["sanctions", "--from", "2022-03", "--to", "2022-01"][..],
        &["sanctions", "--from", "not-a-date"][..],
        &["sanctions", "--to", "99999"][..],
    ] {
        let output = index.search(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("newsdex: "), "{stderr}");
    }
}

#[test]
fn actor_filter_takes_aliases_any_case_and_requires_all() {
    let (_dir, index) = dated_corpus();
    assert_eq!(
        ids(&index.json_hits(&["sanctions", "--actor", "putin"])),
        ["jan1", "jan31"]
    );
    assert_eq!(
        ids(&index.json_hits(&["sanctions", "--actor", "Vladimir Putin", "--actor", "biden"])),
        ["jan31"]
    );
    // No query: a filter alone lists the actor's articles, newest first.
    let hits = index.json_hits(&["--actor", "PUTIN"]);
    assert_eq!(
        hits.iter()
            .map(|h| h["article_id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["jan31", "jan1"]
    );
}

#[test]
fn unknown_actor_suggests_close_names() {
    let (_dir, index) = dated_corpus();
    let output = index
        .search(&["sanctions", "--actor", "Putn"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown actor \"Putn\""), "{stderr}");
    assert!(stderr.contains("Vladimir Putin"), "{stderr}");
}

#[test]
fn json_shape() {
    let (_dir, index) = dated_corpus();
    let hits = index.json_hits(&["Putin", "sanctions", "--actor", "Biden"]);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    for key in [
        "rank",
        "score",
        "article_id",
        "passage",
        "date",
        "title",
        "path",
        "actors",
        "text",
        "highlights",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["date"], "2022-01-31T22:00:00Z");
    let text = hit["text"].as_str().unwrap();
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["Sanctions", "Putin"]);
    let actors = hit["actors"].as_array().unwrap();
    assert!(actors
        .iter()
        .any(|a| a["name"] == "Joe Biden" && a["kind"] == "person"));
}

#[test]
fn no_hits_exit_one_and_say_so() {
    let (_dir, index) = dated_corpus();
    let output = index.search(&["xylophone"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "newsdex: no matches\n"
    );
}

#[test]
fn text_that_looks_like_syntax_still_searches() {
    let (_dir, index) = dated_corpus();
    for query in [
        "Putin's sanctions",
        "SANCTIONS ON RUSSIA AND PUTIN IN JANUARY",
        "U.S.-Russia sanctions (Geneva)",
        "sanctions - \"unterminated",
        "sanctions title:",
        "sanctions)",
    ] {
        let output = index.search(&[query]).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{query}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn operators_phrases_and_title() {
    let (_dir, index) = dated_corpus();
    assert_eq!(
        ids(&index.json_hits(&["sanctions -putin", "--limit", "20"])),
        ["dec", "feb", "undated", "y2022"]
    );
    assert_eq!(ids(&index.json_hits(&["sanctions AND nato"])), ["feb"]);
    assert_eq!(ids(&index.json_hits(&["+putin +biden"])), ["jan31"]);
    assert_eq!(
        ids(&index.json_hits(&["\"sanctions on russia\""])),
        ["jan1"]
    );
    assert_eq!(ids(&index.json_hits(&["title:february"])), ["feb"]);
    assert_eq!(
        ids(&index.json_hits(&["NOT sanctions"])),
        Vec::<String>::new()
    );
}

#[test]
fn count_and_files_with_matches() {
    let (_dir, index) = dated_corpus();
    index
        .search(&["putin", "--count"])
        .assert()
        .success()
        .stdout("2 articles, 2 stories, 2 passages\n");
    let output = index.search(&["putin", "-l"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.trim_end().ends_with("news.jsonl"), "{stdout}");
    index.search(&["xylophone", "--count"]).assert().code(1);
}

#[test]
fn trec_run_for_a_query_file() {
    let (dir, index) = dated_corpus();
    let queries = dir.path().join("q.jsonl");
    std::fs::write(
        &queries,
        "{\"_id\": \"q1\", \"text\": \"putin\"}\nq2\tnato\n",
    )
    .unwrap();
    let output = index
        .search(&["--queries", queries.to_str().unwrap(), "--format", "trec"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines.iter().filter(|l| l[0] == "q1").count(), 2);
    assert_eq!(lines.iter().filter(|l| l[0] == "q2").count(), 1);
    for line in &lines {
        assert_eq!(line.len(), 6);
        assert_eq!(line[1], "Q0");
        assert_eq!(line[5], "newsdex");
        line[4].parse::<f32>().unwrap();
    }
    assert_eq!(lines[0][3], "1");
    assert_eq!(lines[2][2], "feb");
}

/// A paragraph long enough (over 200 bytes) to be a passage of its own, distinct per `tag`.
fn paragraph(tag: &str, topic: &str) -> String {
    format!(
        "Paragraph {tag} on {topic}: the delegates read the draft clause by clause, argued over \
         each figure in the annex, sent the disputed wording back to the drafting committee and \
         agreed to meet again once the experts had checked the numbers in section {tag}."
    )
}

/// Twelve articles of three passages each, every passage about `Putin`; in each, only the
/// middle passage mentions `Geneva`.
fn three_passage_articles(dir: &std::path::Path) -> Indexed {
    let mut lines = String::new();
    for article in 0..12 {
        let body = [
            paragraph(&format!("{article}a"), "Putin"),
            paragraph(&format!("{article}b"), "Putin in Geneva"),
            paragraph(&format!("{article}c"), "Putin"),
        ]
        .join("\n\n");
        let line = serde_json::json!({
            "id": format!("a{article:02}"),
            "date": format!("2022-01-{:02}", article + 1),
            "title": format!("Talks, day {article}"),
            "body": body,
        });
        lines.push_str(&format!("{line}\n"));
    }
    write_files(dir, &[("c/talks.jsonl", lines.as_bytes())]);
    Indexed::new(&[&dir.join("c")])
}

#[test]
fn per_article_offset_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let index = three_passage_articles(dir.path());
    let one = index.json_hits(&["Putin", "--limit", "20"]);
    assert_eq!(one.len(), 12);
    let mut keys: Vec<String> = one
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().into())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 12, "one passage per article by default");

    let three = index.json_hits(&["Putin", "--limit", "50", "--per-article", "3"]);
    assert_eq!(three.len(), 36);

    // Paging: offset 5 continues where the first page stopped.
    let page2 = index.json_hits(&["Putin", "--limit", "5", "--offset", "5"]);
    assert_eq!(page2[0]["rank"], 6);
    assert_eq!(page2[0]["article_id"], one[5]["article_id"]);

    // The hit is a middle passage: one neighbour on each side.
    let context = index.json_hits(&["Geneva", "--limit", "1", "--context", "1"]);
    let hit = &context[0];
    let passage = hit["passage"].as_u64().unwrap();
    assert_eq!(passage, 1, "{hit}");
    assert_eq!(hit["before"].as_array().unwrap().len(), 1, "{hit}");
    assert_eq!(hit["after"].as_array().unwrap().len(), 1, "{hit}");
    assert_eq!(hit["before"][0]["passage"].as_u64().unwrap(), passage - 1);
    assert_eq!(hit["after"][0]["passage"].as_u64().unwrap(), passage + 1);
    assert!(
        hit["after"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Paragraph"),
        "{hit}"
    );
}

#[test]
fn text_output_shows_title_path_actors_and_passage() {
    let index = Indexed::fixture();
    let output = index
        .search(&["Istanbul talks", "--limit", "1"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(" 1. 2023-03-02  Grain corridor talks resume in Istanbul"),
        "{stdout}"
    );
    assert!(lines[1].contains("2023-03-02_grain.txt"), "{stdout}");
    assert!(
        lines[2].starts_with("    Recep Tayyip Erdoğan · "),
        "passage actors first: {stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour when not a terminal");
    let colored = index
        .search(&["Istanbul talks", "--limit", "1", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(colored.stdout)
        .unwrap()
        .contains("\x1b[1;31mIstanbul"));
}

#[test]
fn show_highlights_the_query() {
    let index = Indexed::fixture();
    let output = newsdex()
        .args([
            "show",
            "2023-03-02_grain",
            "--query",
            "corridor",
            "--color",
            "always",
            "--index",
        ])
        .arg(index.index())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("\x1b[1;36mGrain corridor"), "{stdout}");
    assert!(stdout.contains("\x1b[1;31mcorridor\x1b[0m"), "{stdout}");
}

/// One long article whose every paragraph matches strongly, and `short` articles that match
/// once each, every article in its own file.
fn one_long_article_corpus(short: usize) -> (tempfile::TempDir, Indexed) {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs of over 200 bytes, each different, stay passages of their own.
    let paragraph = "Sanctions, sanctions and more sanctions were announced today; the sanctions \
                     follow earlier sanctions, and further sanctions are planned, officials said \
                     of the sanctions, adding that the sanctions would last until the sanctions \
                     had worked.";
    let long_body: Vec<String> = (0..80)
        .map(|n| format!("Paragraph {n}. {paragraph}"))
        .collect();
    let long_body = long_body.join("\n\n");
    let mut files: Vec<(String, String)> = vec![(
        "c/long.jsonl".to_string(),
        serde_json::json!({"id": "long", "date": "2022-01-01", "title": "Sanctions", "body": long_body}).to_string(),
    )];
    for n in 0..short {
        let body = format!(
            "Article {n} reports on the harbour, where ships came and went all week, on the \
             weather, which was mild for the season, on the markets, which rose slightly, on \
             the schools and the roads, and, in its last line, on sanctions."
        );
        files.push((
            format!("c/short{n:02}.jsonl"),
            serde_json::json!({"id": format!("short{n:02}"), "date": format!("2022-02-{:02}", n + 1), "title": "News", "body": body})
                .to_string(),
        ));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes()))
        .collect();
    write_files(dir.path(), &files);
    let index = Indexed::new(&[&dir.path().join("c")]);
    (dir, index)
}

#[test]
fn per_article_cap_fills_the_page_in_every_order() {
    let short = 14;
    let (_dir, index) = one_long_article_corpus(short);
    let articles = short + 1;
    // Relevance (the re-rank pool, and with --recency every match), then date order.
    let orders: [&[&str]; 3] = [
        &["--sort", "relevance"],
        &["--sort", "relevance", "--recency", "30d"],
        &["--sort", "date"],
    ];
    for order in orders {
        for per_article in ["1", "2"] {
            let mut args = vec!["sanctions", "--limit", "10", "--per-article", per_article];
            args.extend_from_slice(order);
            let hits = index.json_hits(&args);
            assert_eq!(hits.len(), 10, "{args:?}");
            let long = hits.iter().filter(|h| h["article_id"] == "long").count();
            assert!(
                long <= per_article.parse().unwrap(),
                "{args:?}: {long} from one article"
            );
        }
    }
    // A page larger than the matches: every article, once.
    let hits = index.json_hits(&["sanctions", "--limit", "50"]);
    assert_eq!(hits.len(), articles);

    let output = index
        .search(&["sanctions", "--count", "--json"])
        .output()
        .unwrap();
    let counts: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(counts["articles"], articles as u64);
    let output = index.search(&["sanctions", "-l"]).output().unwrap();
    let files = String::from_utf8(output.stdout).unwrap();
    assert_eq!(files.lines().count(), articles, "{files}");
}

#[test]
fn a_request_without_actors_returns_the_same_hits_with_no_actors() {
    use newsdex::search::{SearchRequest, Searcher};
    let (_dir, index) = dated_corpus();
    let searcher = Searcher::open(&index.index()).unwrap();
    let request = SearchRequest {
        query: "putin".to_string(),
        limit: 10,
        per_article: 10,
        ..SearchRequest::default()
    };
    let named = searcher.search(&request).unwrap().hits;
    let bare = searcher
        .search(&SearchRequest {
            without_actors: true,
            ..request
        })
        .unwrap()
        .hits;
    let keys = |hits: &[newsdex::search::Hit]| {
        hits.iter()
            .map(|hit| (hit.article_id.clone(), hit.passage, hit.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&named), keys(&bare));
    assert!(named
        .iter()
        .any(|hit| hit.actors.iter().any(|actor| actor.name.contains("Putin"))));
    assert!(bare
        .iter()
        .all(|hit| hit.actors.is_empty() && hit.passage_actors.is_empty()));
}
