//! CSV and TSV output and `search --all`: the rows are the JSON lines' fields, quoted so that a
//! CSV reader gets every cell back, and `--all` lists exactly what `--count` counts.

use crate::{assert_success, json_lines, run, write_files, Indexed};

/// A corpus of `n` articles of three passages each, every other one about ferries, one of
/// them with a title holding a comma, quotes and a line break.
fn ferry_corpus(n: usize) -> (tempfile::TempDir, Indexed) {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for i in 0..n {
        let topic = if i % 2 == 0 {
            "ferry timetable"
        } else {
            "orchard harvest"
        };
        // Each paragraph is long enough (over 200 bytes) to be a passage of its own.
        let filler = "The clerk read the minutes aloud, the members voted by a show of hands, \
                      and the chair thanked the volunteers who had set out the chairs in the hall.";
        let body = format!(
            "The {topic} changed again on day {i} of the season, said Marta Quillon. {filler}\n\n\
             Residents of Brenmoor asked for a second {topic} meeting before winter. {filler}\n\n\
             A final note on the {topic}: nothing else was decided on day {i}. {filler}"
        );
        let title = if i == 4 {
            "Ferries, \"late\" again\nsecond line".to_string()
        } else {
            format!("Report {i}")
        };
        let line = serde_json::json!({
            "id": format!("a{i}"),
            "date": format!("2024-03-{:02}", i % 28 + 1),
            "title": title,
            "body": body,
        });
        lines.push(line.to_string());
    }
    write_files(dir.path(), &[("c/news.jsonl", lines.join("\n").as_bytes())]);
    let index = Indexed::new(&[&dir.path().join("c")]);
    (dir, index)
}

fn csv_records(stdout: &[u8], delimiter: u8) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(stdout);
    let headers = reader.headers().unwrap().clone();
    let records = reader.records().map(|r| r.unwrap()).collect();
    (headers, records)
}

#[test]
fn a_title_with_comma_quote_and_line_break_reads_back_unchanged() {
    let (_dir, index) = ferry_corpus(6);
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let output = index
            .search(&["ferry", "--limit", "10", "--format", format])
            .output()
            .unwrap();
        assert_success(&output);
        let (headers, records) = csv_records(&output.stdout, delimiter);
        let title = headers.iter().position(|h| h == "title").unwrap();
        let id = headers.iter().position(|h| h == "article_id").unwrap();
        let row = records.iter().find(|r| &r[id] == "a4").unwrap();
        assert_eq!(&row[title], "Ferries, \"late\" again\nsecond line");
    }
}

#[test]
fn every_json_field_is_a_column_and_every_hit_a_row() {
    let (_dir, index) = ferry_corpus(6);
    let hits = index.json_hits(&["ferry", "--limit", "5"]);
    let output = index
        .search(&["ferry", "--limit", "5", "--format", "csv"])
        .output()
        .unwrap();
    let (headers, records) = csv_records(&output.stdout, b',');
    assert_eq!(records.len(), hits.len());
    let headers: Vec<&str> = headers.iter().collect();
    for (key, value) in hits[0].as_object().unwrap() {
        match key.as_str() {
            "actors" => {
                for kind in ["people", "orgs", "countries", "places"] {
                    assert!(headers.contains(&kind), "{kind} in {headers:?}");
                }
            }
            "passage_actors" => assert!(headers.contains(&"passage_people")),
            _ => assert!(headers.contains(&key.as_str()), "{key} in {headers:?}"),
        }
        if let Some(text) = value.as_str() {
            let at = headers.iter().position(|h| h == key).unwrap();
            assert_eq!(&records[0][at], text);
        }
    }
    let at = headers.iter().position(|h| *h == "people").unwrap();
    assert!(records[0][at].contains("Marta Quillon"), "{:?}", records[0]);
}

#[test]
fn all_lists_exactly_what_count_counts() {
    let (_dir, index) = ferry_corpus(40);
    let counts = json_lines(
        &index
            .search(&["ferry", "--count", "--json"])
            .output()
            .unwrap(),
    );
    let (articles, passages) = (
        counts[0]["articles"].as_u64().unwrap(),
        counts[0]["passages"].as_u64().unwrap(),
    );
    assert_eq!((articles, passages), (20, 60));

    let output = index
        .search(&["ferry", "--all", "--format", "csv"])
        .output()
        .unwrap();
    assert_success(&output);
    let (headers, records) = csv_records(&output.stdout, b',');
    assert_eq!(records.len() as u64, passages);
    let id = headers.iter().position(|h| h == "article_id").unwrap();
    let passage = headers.iter().position(|h| h == "passage").unwrap();
    let mut seen: Vec<(String, String)> = records
        .iter()
        .map(|r| (r[id].to_string(), r[passage].to_string()))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len() as u64, passages, "every passage once");

    let articles_listed = json_lines(
        &index
            .search(&["ferry", "--all", "--unit", "article", "--json"])
            .output()
            .unwrap(),
    );
    assert_eq!(articles_listed.len() as u64, articles);
    // A query that matches only some passages of an article still lists the article once.
    let some = json_lines(
        &index
            .search(&["winter", "--all", "--unit", "article", "--json"])
            .output()
            .unwrap(),
    );
    assert_eq!(some.len(), 40);
    assert!(some.iter().all(|hit| hit["passage"] == 1));
}

#[test]
fn list_commands_print_csv_under_their_json_names() {
    let (_dir, index) = ferry_corpus(6);
    let output = run(&index, &["actors", "--format", "csv"]);
    assert_success(&output);
    let (headers, records) = csv_records(&output.stdout, b',');
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["name", "kind", "articles"]
    );
    assert!(records
        .iter()
        .any(|r| &r[0] == "Marta Quillon" && &r[2] == "6"));

    let output = run(
        &index,
        &["timeline", "ferry", "--by", "year", "--format", "tsv"],
    );
    assert_success(&output);
    let (headers, records) = csv_records(&output.stdout, b'\t');
    assert_eq!(&headers[0], "bucket");
    assert!(headers.iter().any(|h| h == "best.title"));
    assert_eq!((&records[0][0], &records[0][3]), ("2024", "3"));
}

#[test]
fn facets_in_a_table_and_unit_without_all_are_refused() {
    let (_dir, index) = ferry_corpus(2);
    let output = index
        .search(&["ferry", "--facets", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--facets has no csv form"));
    let output = index
        .search(&["ferry", "--unit", "article"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
