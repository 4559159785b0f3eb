//! Input formats: CSV, TSV and JSON exports and legacy encodings, read by `extract` and
//! `index` as they come; `--field` mappings recorded by the index; incremental runs over rows
//! and elements.

use std::path::{Path, PathBuf};

use crate::{assert_success, ids, index, json_lines, newsdex, set_mtime, write_files};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// "“Quokka” fares rise 5 € – again" and its body, in Windows-1252.
const CP1252: &[u8] = b" date 2024-05-02 \x93Quokka\x94 fares rise 5 \x80 \x96 again\n\n\
The ferry\x92s quokka-class boats cost 5 \x80 more from June, the operator said.\n";

/// The fixtures, a gzipped copy of the CSV and the Windows-1252 article in `dir/c`.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("c");
    std::fs::create_dir_all(&c).unwrap();
    for name in ["newsapi.json", "mediacloud.csv", "gdelt.tsv"] {
        std::fs::copy(fixtures().join(name), c.join(name)).unwrap();
    }
    let csv = std::fs::read(fixtures().join("mediacloud.csv")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &csv).unwrap();
    write_files(
        &c,
        &[
            ("zipped/mediacloud.csv.gz", &gz.finish().unwrap()),
            ("cp1252.txt", CP1252),
        ],
    );
    c
}

#[test]
fn extract_shows_the_articles_of_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let output = newsdex().arg("extract").arg(&c).output().unwrap();
    assert_success(&output);
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    let lines = json_lines(&output);
    let shown: Vec<(String, String, serde_json::Value, String)> = lines
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (
                file,
                a["id"].as_str().unwrap().to_string(),
                a["source"].clone(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, serde_json::Value, &str)> = vec![
        (
            "cp1252.txt",
            "cp1252",
            serde_json::Value::Null,
            "“Quokka” fares rise 5 € – again",
        ),
        (
            "gdelt.tsv",
            "gd-1",
            "coastwatch.example".into(),
            "Port \"reopens\" after storm",
        ),
        (
            "gdelt.tsv",
            "gd-2",
            "coastwatch.example".into(),
            "Fishing fleet returns",
        ),
        (
            "mediacloud.csv",
            "https://www.metro-daily.example/5001",
            "metro daily".into(),
            "Council approves \"quokka\" crossing",
        ),
        (
            "mediacloud.csv",
            "https://www.northern-star.example/5003",
            "northern star".into(),
            "Library reopens, at last",
        ),
        (
            "newsapi.json",
            "https://www.harbour-gazette.example/ferry-strike",
            "harbour gazette".into(),
            "Ferry strike ends after quokka mediation",
        ),
        (
            "newsapi.json",
            "https://valleycourier.example/frost",
            "the valley courier".into(),
            "Orchard growers count frost losses",
        ),
        (
            "mediacloud.csv.gz",
            "https://www.metro-daily.example/5001",
            "metro daily".into(),
            "Council approves \"quokka\" crossing",
        ),
        (
            "mediacloud.csv.gz",
            "https://www.northern-star.example/5003",
            "northern star".into(),
            "Library reopens, at last",
        ),
    ];
    let expected: Vec<(String, String, serde_json::Value, String)> = expected
        .into_iter()
        .map(|(f, i, s, t)| (f.to_string(), i.to_string(), s, t.to_string()))
        .collect();
    assert_eq!(shown, expected, "{stderr}");
    // The quoted multi-line body, its doubled quotes undone; the row's line.
    let council = &lines[3];
    assert_eq!(
        council["body"],
        "The council approved a wildlife crossing on Tuesday.\n\nResidents called it the \
         \"quokka bridge\", after the animal on its sign."
    );
    assert_eq!(council["line"], 2);
    assert_eq!(council["date"], "2024-03-01T09:00:00Z");
    // NewsAPI: `content` when there is one, else `description`; `publishedAt`.
    assert_eq!(
        lines[6]["body"],
        "Growers say the quokka-shaped frost shields failed."
    );
    assert_eq!(lines[5]["date"], "2024-02-05T07:30:00Z");
    assert_eq!(
        lines[0]["body"],
        "The ferry’s quokka-class boats cost 5 € more from June, the operator said."
    );

    let warnings: Vec<String> = stderr
        .lines()
        .map(|line| line.replace(&format!("{}/", c.display()), ""))
        .collect();
    assert_eq!(
        warnings,
        [
            "newsdex: warning: cp1252.txt: decoded as windows-1252 (not valid UTF-8)",
            "newsdex: warning: mediacloud.csv: line 5: row 2 has 5 fields, the header has 6; row skipped",
            "newsdex: warning: newsapi.json: item 3 of \"articles\": no body text; skipped",
            "newsdex: warning: zipped/mediacloud.csv.gz: line 5: row 2 has 5 fields, the header has 6; row skipped",
        ]
    );

    // `--field` chooses another column than the default one.
    let output = newsdex()
        .args(["extract", "--field", "source=url"])
        .arg(c.join("mediacloud.csv"))
        .output()
        .unwrap();
    let sources: Vec<serde_json::Value> = json_lines(&output)
        .iter()
        .map(|a| a["source"].clone())
        .collect();
    assert_eq!(sources, ["metro-daily.example", "northern-star.example"]);
}

#[test]
fn every_format_is_indexed_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 9 articles"), "{stdout}");
    assert!(stdout.contains("files skipped   0"), "{stdout}");
    assert_eq!(
        ids(&index_dir, "quokka"),
        [
            "cp1252",
            "gd-1",
            "https://valleycourier.example/frost",
            "https://www.harbour-gazette.example/ferry-strike",
            "https://www.metro-daily.example/5001",
            "https://www.metro-daily.example/5001",
            "https://www.northern-star.example/5003",
            "https://www.northern-star.example/5003",
        ]
    );
    // A second run reads nothing.
    let (code, stdout, _) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("0 added, 0 updated, 0 removed, 9 unchanged"),
        "{stdout}"
    );
}

#[test]
fn field_mapping_is_recorded_and_a_new_one_reads_the_files_again() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    write_files(
        &c,
        &[
            (
                "desk.csv",
                b"slug,hed,story,summary,outlet\n\
                  a1,Wombat census,Rangers counted wombats in the park.,A numbat summary.,WWW.Parks.example\n\
                  a2,Second count,Rangers counted again.,Another numbat summary.,parks.example\n",
            ),
            (
                "feed.jsonl",
                br#"{"slug": "j1", "hed": "Feed item", "story": "Wombats crossed the road.", "summary": "Numbat feed summary."}
"#,
            ),
            ("note.txt", b" date 2024-01-01 Note\n\nA wombat note.\n"),
        ],
    );
    let index_dir = dir.path().join("index");
    let mapping = [
        "--field",
        "body=story",
        "--field",
        "title=hed",
        "--field",
        "id=slug",
    ];
    let (code, stdout, stderr) = index(&index_dir, &mapping, &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 4 articles"), "{stdout}");
    assert_eq!(ids(&index_dir, "rangers"), ["a1", "a2"]);
    assert_eq!(ids(&index_dir, "crossed"), ["j1"]);
    assert!(ids(&index_dir, "numbat").is_empty());

    // Without the flags: the recorded mapping, nothing read again.
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{stdout}"
    );
    assert_eq!(stderr, "");
    // A changed row is read with the recorded mapping too.
    let desk = std::fs::read_to_string(c.join("desk.csv")).unwrap();
    std::fs::write(
        c.join("desk.csv"),
        desk.replace("counted again", "counted wombats again"),
    )
    .unwrap();
    set_mtime(&c.join("desk.csv"), 2_000_000);
    let (code, stdout, _) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("0 added, 1 updated, 0 removed, 3 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "wombats"), ["a1", "a2", "j1", "note"]);

    // Another mapping: the CSV and JSONL files are read again, the .txt file is not.
    let (code, stdout, stderr) = index(
        &index_dir,
        &[
            "--field",
            "body=summary",
            "--field",
            "id=slug",
            "--field",
            "title=hed",
        ],
        &[&c],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "newsdex: field mapping changed since the last index (id=slug title=hed body=story, \
         now id=slug title=hed body=summary): reading the CSV, JSON and JSONL files again\n"
    );
    assert!(
        stdout.contains("0 added, 3 updated, 0 removed, 1 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "numbat"), ["a1", "a2", "j1"]);
    assert!(ids(&index_dir, "rangers").is_empty());

    // `ROLE=` goes back to the default names (`body` has none here: `summary` is no default).
    let (code, _, stderr) = index(&index_dir, &["--field", "body="], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("now the default names"), "{stderr}");
    assert!(
        stderr.contains("desk.csv: line 1: no body column"),
        "{stderr}"
    );
}

#[test]
fn a_bad_field_flag_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["index", "--field", "story", "--index"])
        .arg(dir.path().join("index"))
        .arg(fixtures())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "newsdex: --field \"story\": expected ROLE=NAME, as in body=story\n"
    );
}

#[test]
fn csv_rows_and_json_items_are_updated_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let csv = |second: &str| {
        format!(
            "id,title,body\nr1,One,Dingo one.\nr2,Two,\"Dingo {second}\nover two lines.\"\nr3,Three,Dingo three.\n"
        )
    };
    let json = |second: &str| {
        format!(
            r#"{{"results": [{{"id": "j1", "text": "Dingo j one."}}, {{"id": "j2", "text": "Dingo {second}."}}, {{"id": "j3", "text": "Dingo j three."}}]}}"#
        )
    };
    write_files(
        &c,
        &[
            ("rows.csv", csv("two").as_bytes()),
            ("api.json", json("j two").as_bytes()),
        ],
    );
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 6 articles"), "{stdout}");

    write_files(
        &c,
        &[
            ("rows.csv", csv("deux").as_bytes()),
            ("api.json", json("zwei").as_bytes()),
        ],
    );
    set_mtime(&c.join("rows.csv"), 2_000_000);
    set_mtime(&c.join("api.json"), 2_000_000);
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("0 added, 2 updated, 0 removed, 4 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "deux"), ["r2"]);
    assert_eq!(ids(&index_dir, "zwei"), ["j2"]);
    assert_eq!(ids(&index_dir, "dingo").len(), 6);
}
