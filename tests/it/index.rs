//! `newsdex index`: every input form, dates, passages, summary.

use std::io::Write;

use crate::{fixture_corpus, newsdex, run_index, write_files, Indexed, FIXTURE_ARTICLES};

#[test]
fn fixture_corpus_indexes_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_index(&dir.path().join("index"), &[&fixture_corpus()]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(&format!("indexed {FIXTURE_ARTICLES} articles")),
        "{stdout}"
    );
    assert!(stdout.contains("files skipped   0"), "{stdout}");
    assert!(stdout.contains("warnings        0"), "{stdout}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_input_form_and_date_form() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"id": "iso-day", "date": "2022-01-03", "title": "Day", "body": "zebra alpha"}"#,
        "\n",
        r#"{"_id": "rfc-zone", "date": "2022-01-31T23:30:00-05:00", "title": "Zone", "text": "zebra bravo"}"#,
        "\n",
        r#"{"id": "rfc-naive", "date": "2022-05-17T23:48:46", "title": "Naive", "body": "zebra charlie"}"#,
        "\n",
        r#"{"id": "month", "date": "2022-01", "title": "Month", "body": "zebra delta"}"#,
        "\n",
        r#"{"id": "year", "date": "1990", "title": "Year", "body": "zebra echo"}"#,
        "\n",
        r#"{"id": "wire", "date": "26-FEB-1987 15:01:01.79", "title": "WIRE COPY", "body": "zebra foxtrot"}"#,
        "\n",
        r#"{"id": "none", "title": "No date", "body": "zebra golf"}"#,
        "\n",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\": \"gz-1\", \"date\": \"2021\", \"title\": \"Compressed\", \"body\": \"zebra hotel\"}\n")
        .unwrap();
    let gz = gz.finish().unwrap();
    let mut txt_gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    txt_gz
        .write_all(b" date 2020-02-02 Zipped text\n\nzebra india\n")
        .unwrap();
    let txt_gz = txt_gz.finish().unwrap();
    write_files(
        dir.path(),
        &[
            ("c/a.jsonl", jsonl.as_bytes()),
            ("c/b.jsonl.gz", &gz),
            ("c/t.txt.gz", &txt_gz),
            ("c/plain.txt", b" date 2022-01-03 Plain\n\nzebra juliet\n"),
            ("c/undated.txt", b"An undated headline\n\nzebra kilo\n"),
            ("c/notes.md", b"zebra not an article"),
            (
                "c/.hidden.txt",
                b" date 2022-01-03 Hidden\n\nzebra hidden\n",
            ),
        ],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let hits = index.json_hits(&["zebra", "--limit", "50"]);
    let mut dates: Vec<(String, serde_json::Value)> = hits
        .iter()
        .map(|h| {
            (
                h["article_id"].as_str().unwrap().to_string(),
                h["date"].clone(),
            )
        })
        .collect();
    dates.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("gz-1", Some("2021-01-01T00:00:00Z")),
        ("iso-day", Some("2022-01-03T00:00:00Z")),
        ("month", Some("2022-01-01T00:00:00Z")),
        ("none", None),
        ("plain", Some("2022-01-03T00:00:00Z")),
        ("rfc-naive", Some("2022-05-17T23:48:46Z")),
        ("rfc-zone", Some("2022-02-01T04:30:00Z")),
        ("t", Some("2020-02-02T00:00:00Z")),
        ("undated", None),
        ("wire", Some("1987-02-26T15:01:01Z")),
        ("year", Some("1990-01-01T00:00:00Z")),
    ];
    let expected: Vec<(String, serde_json::Value)> = expected
        .iter()
        .map(|(id, date)| (id.to_string(), serde_json::json!(date)))
        .collect();
    assert_eq!(dates, expected);
    let undated = hits.iter().find(|h| h["article_id"] == "undated").unwrap();
    assert_eq!(undated["title"], "An undated headline");
}

#[test]
fn summary_counts_undated_skipped_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("c/ok.txt", b" date 2022-01-03 Fine\n\nSome text.\n"),
            ("c/undated.txt", b"Title only line\n\nBody.\n"),
            (
                "c/baddate.txt",
                b" date 2022-02-30 Bad date\n\nBody text.\n",
            ),
            ("c/readme.md", b"not an article"),
        ],
    );
    let output = run_index(&dir.path().join("index"), &[&dir.path().join("c")]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stdout.contains("indexed 3 articles"), "{stdout}");
    assert!(stdout.contains("undated         2"), "{stdout}");
    assert!(stdout.contains("files skipped   1"), "{stdout}");
    assert!(stdout.contains("warnings        1"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("baddate.txt: line 1: "), "{stderr}");
    assert!(stderr.contains("indexed undated"), "{stderr}");
}

#[test]
fn passages_drop_the_repeated_lead() {
    let dir = tempfile::tempdir().unwrap();
    let lead = "Ahead of talks between the two presidents over troops along the border, deep \
                differences remained on every point of the agenda.";
    let rest = "Officials said the meeting would last two days and that no joint statement was \
                planned. Reporters were told to expect short remarks at the end of each day.";
    let body = format!(
        " date 2022-01-03 Deep differences ahead of talks\n\n{lead}\n\n{lead} {rest}\n\n{rest} \
         Both sides called the talks useful, a word diplomats use when nothing was agreed.\n"
    );
    write_files(dir.path(), &[("c/seed.txt", body.as_bytes())]);
    let index = Indexed::new(&[&dir.path().join("c/seed.txt")]);
    let output = newsdex()
        .args(["show", "seed", "--json", "--index"])
        .arg(index.index())
        .output()
        .unwrap();
    assert!(output.status.success());
    let article: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let passages = article["passages"].as_array().unwrap();
    let with_lead = passages
        .iter()
        .filter(|p| p["text"].as_str().unwrap().contains("Ahead of talks"))
        .count();
    assert_eq!(with_lead, 1, "{passages:#?}");
    let ordinals: Vec<u64> = passages
        .iter()
        .map(|p| p["passage"].as_u64().unwrap())
        .collect();
    assert_eq!(ordinals, (0..passages.len() as u64).collect::<Vec<_>>());
    assert_eq!(article["date"], "2022-01-03T00:00:00Z");
}

#[test]
fn article_actors_are_in_the_index() {
    let index = Indexed::new(&[&fixture_corpus().join("wire/2023-04-11_summit.txt")]);
    let hits = index.json_hits(&["Brussels"]);
    let actors: Vec<(String, String)> = hits[0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().into(),
                a["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    for (name, kind) in [
        ("Olaf Scholz", "person"),
        ("Emmanuel Macron", "person"),
        ("European Union", "org"),
        ("France", "country"),
        ("Germany", "country"),
        ("Brussels", "place"),
    ] {
        assert!(
            actors.contains(&(name.into(), kind.into())),
            "{name} missing: {actors:?}"
        );
    }
    // Parts of names are not actors of their own.
    for noise in ["Olaf", "Scholz", "Ursula", "European"] {
        assert!(
            actors.iter().all(|(n, _)| n != noise),
            "{noise} in {actors:?}"
        );
    }
}

#[test]
fn same_id_in_two_files_is_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            (
                "c/one.jsonl",
                br#"{"id": "1", "title": "First", "body": "quokka one"}"#,
            ),
            (
                "c/two.jsonl",
                br#"{"id": "1", "title": "Second", "body": "quokka two"}"#,
            ),
        ],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let hits = index.json_hits(&["quokka"]);
    assert_eq!(hits.len(), 2);
    // `show` needs --path when the id is ambiguous, and says so.
    let output = newsdex()
        .args(["show", "1", "--index"])
        .arg(index.index())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("name one with --path"), "{stderr}");
    let path = hits[0]["path"].as_str().unwrap();
    newsdex()
        .args(["show", "1", "--path", path, "--index"])
        .arg(index.index())
        .assert()
        .success();
}

#[test]
fn reindexing_replaces_rather_than_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("c/a.txt", b" date 2022-01-03 A\n\nwombat text\n")],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    newsdex()
        .arg("index")
        .arg("--index")
        .arg(index.index())
        .arg(dir.path().join("c"))
        .assert()
        .success();
    assert_eq!(index.json_hits(&["wombat"]).len(), 1);
}
