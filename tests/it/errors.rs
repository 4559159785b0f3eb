//! Bad input: one-line warnings naming file and line, the rest indexed, exit codes.

use crate::{newsdex, write_files, Indexed};

#[test]
fn bad_files_warn_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"id": "good-1", "title": "Good", "body": "platypus one"}"#,
        "\n",
        "this is not json\n",
        r#"{"id": "bad-type", "title": "T", "body": ["platypus"]}"#,
        "\n",
        r#"{"id": "far-date", "date": "99999-01-01", "title": "Far", "body": "platypus far"}"#,
        "\n",
        r#"{"id": "good-2", "title": "Good", "body": "platypus two"}"#,
        "\n",
    );
    let mut invalid_utf8 = b" date 2022-01-03 Broken\n\nplatypus ".to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe, b'\n']);
    write_files(
        dir.path(),
        &[
            ("c/lines.jsonl", jsonl.as_bytes()),
            ("c/empty.txt", b""),
            ("c/binary.txt", &invalid_utf8),
            ("c/fine.txt", b" date 2022-01-03 Fine\n\nplatypus fine\n"),
        ],
    );
    std::fs::create_dir_all(dir.path().join("c/folder.txt")).unwrap();
    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg(dir.path().join("c"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = [
        "lines.jsonl: line 2: not valid JSON",
        "lines.jsonl: line 3: field \"body\" is an array",
        "lines.jsonl: line 4: date \"99999-01-01\" is outside the supported range",
        "empty.txt: empty file",
        "binary.txt: line 3: not valid UTF-8",
    ];
    for needle in expected {
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), expected.len(), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let index = Indexed { dir };
    let mut found: Vec<String> = index
        .json_hits(&["platypus", "--limit", "10"])
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    assert_eq!(found, ["far-date", "fine", "good-1", "good-2"]);
}

#[test]
fn no_readable_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("c/readme.md", b"nothing"), ("c/empty.txt", b"")],
    );
    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg(dir.path().join("c"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("newsdex: no article could be read"),
        "{stderr}"
    );

    let missing = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index2"))
        .arg(dir.path().join("does-not-exist"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8(missing.stderr)
        .unwrap()
        .contains("does-not-exist"));
}

#[test]
fn search_without_an_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["search", "anything", "--index"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.contains("no index here"), "{stderr}");
}

#[test]
fn refuses_to_write_into_a_foreign_directory() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("precious/data.bin", b"keep me"),
            ("c/a.txt", b"T\n\nbody\n"),
        ],
    );
    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("precious"))
        .arg(dir.path().join("c"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(dir.path().join("precious/data.bin").exists());
}

#[test]
fn stop_words_only_query_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("c/a.txt", b"T\n\nbody\n")]);
    let index = Indexed::new(&[&dir.path().join("c")]);
    let output = index.search(&["the", "of"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("no searchable words"));
}
