//! Bad input: one-line warnings naming file and line, the rest indexed, exit codes.

use crate::{assert_success, newsdex, run_index, write_files, Indexed};

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
    let output = run_index(&dir.path().join("index"), &[&dir.path().join("c")]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = [
        "lines.jsonl: line 2: not valid JSON",
        "lines.jsonl: line 3: field \"body\" is an array",
        "lines.jsonl: line 4: date \"99999-01-01\" is outside the supported range",
        "empty.txt: empty file",
        // Three odd bytes are too few to tell which legacy encoding: one of the windows ones.
        "binary.txt: decoded as windows-125",
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
    // Text that is not UTF-8 is decoded, not skipped.
    assert_eq!(found, ["binary", "far-date", "fine", "good-1", "good-2"]);
}

#[test]
fn no_readable_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("c/readme.md", b"nothing"), ("c/empty.txt", b"")],
    );
    let output = run_index(&dir.path().join("index"), &[&dir.path().join("c")]);
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

    let missing = run_index(
        &dir.path().join("index2"),
        &[&dir.path().join("does-not-exist")],
    );
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
    let output = run_index(&dir.path().join("precious"), &[&dir.path().join("c")]);
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

/// Every hostile input of the survey: one warning line each naming the file (and line), the
/// rest indexed, nothing panics, exit 0.
#[test]
fn hostile_inputs_survey() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let mut binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    binary[0] = b'T';
    let mut utf8_title = b" date 2022-01-03 Bad \xff title\n\nplatypus\n".to_vec();
    let mut utf8_body = b" date 2022-01-03 Body\n\nplatypus\n\nbad \xc3\x28 here\n".to_vec();
    let mut utf8_truncated =
        b" date 2022-01-03 Cut\n\nplatypus ends mid-character \xe2\x82".to_vec();
    let utf8_jsonl = [
        &b"{\"id\": \"u1\", \"title\": \"Fine\", \"body\": \"platypus jsonl\"}\n"[..],
        b"{\"id\": \"u2\", \"title\": \"Bad \xfe\", \"body\": \"platypus\"}\n",
    ]
    .concat();
    let long_line = format!(
        "{{\"id\": \"short\", \"title\": \"Short\", \"body\": \"platypus short\"}}\n{{\"id\": \"long\", \"title\": \"Long\", \"body\": \"{}\"}}\n",
        "platypus ".repeat(300_000)
    );
    let long_txt = format!("{}\n", "platypus ".repeat(400_000));
    let types = concat!(
        r#"{"id": true, "title": "T", "body": "platypus"}"#,
        "\n",
        r#"{"id": "t2", "title": {"a": 1}, "body": "platypus"}"#,
        "\n",
        r#"{"id": "t3", "title": "T", "body": ["platypus"]}"#,
        "\n",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        br#"{"id": "gz", "title": "Zipped", "body": "platypus gz"}"#,
    )
    .unwrap();
    let mut truncated_gz = gz.finish().unwrap();
    truncated_gz.truncate(truncated_gz.len() - 12);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, b"title,body\nZipped,platypus csv gz\n").unwrap();
    let mut truncated_csv_gz = gz.finish().unwrap();
    truncated_csv_gz.truncate(truncated_csv_gz.len() - 12);
    let utf16 = |text: &str, big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let utf16_txt = utf16(" date 2022-01-03 Wide “title”\n\nplatypus wide\n", false);
    let utf16_jsonl = utf16(
        "{\"id\": \"w16\", \"title\": \"Wide – line\", \"body\": \"platypus wide line\"}\n",
        true,
    );
    // A text file with NUL and control bytes in a tenth of its bytes: binary, whatever its name.
    let mut controls = b" date 2022-01-03 Controls\n\nplatypus ".repeat(20);
    controls.extend(std::iter::repeat_n(0x01u8, 100));
    write_files(
        &c,
        &[
            ("binary.txt", &binary),
            ("nul.txt", &[0u8; 64]),
            ("utf8-title.txt", &std::mem::take(&mut utf8_title)),
            ("utf8-body.txt", &std::mem::take(&mut utf8_body)),
            ("utf8-truncated.txt", &std::mem::take(&mut utf8_truncated)),
            ("utf8.jsonl", &utf8_jsonl),
            ("long-line.jsonl", long_line.as_bytes()),
            ("long-line.txt", long_txt.as_bytes()),
            ("empty.txt", b""),
            ("empty.jsonl", b""),
            ("blank.jsonl", b"\n  \n\n"),
            ("empty.jsonl.gz", b""),
            ("not-gzip.jsonl.gz", b"plain text, not gzip\n"),
            ("truncated.jsonl.gz", &truncated_gz),
            (
                "not-json.jsonl",
                b"{\"id\": \"nj\", \"body\": \"platypus\"\nthis is not json\n",
            ),
            ("types.jsonl", types.as_bytes()),
            (
                "far.jsonl",
                br#"{"id": "far", "date": "99999-01-01", "title": "Far", "body": "platypus far"}"#,
            ),
            (
                "far.txt",
                b" date 99999-01-01 Far text\n\nplatypus far text\n",
            ),
            (
                "folder.txt/inside.txt",
                b" date 2022-01-03 Inside\n\nplatypus inside\n",
            ),
            ("fine.txt", b" date 2022-01-03 Fine\n\nplatypus fine\n"),
            ("controls.txt", &controls),
            (
                "latin1.txt",
                b" date 2022-01-03 Caf\xe9 cr\xe8me\n\nplatypus \xe0 la fran\xe7aise, d\xe9j\xe0 servi\n",
            ),
            (
                "cp1252.txt",
                b" date 2022-01-03 \x93Quoted\x94 title\n\nThe platypus\x92s ticket costs 5 \x80 \x96 a bargain\n",
            ),
            ("utf16.txt", &utf16_txt),
            ("utf16.jsonl", &utf16_jsonl),
            (
                "rows.csv",
                b"title,body\nGood,platypus row\nBad,row,with an extra field\n",
            ),
            ("truncated.csv.gz", &truncated_csv_gz),
            ("scalar.json", b"42"),
            ("status.json", br#"{"status": "error", "message": "rate limited"}"#),
            (
                "mixed.json",
                br#"[{"id": "j1", "body": "platypus json"}, 7]"#,
            ),
        ],
    );
    // A 2 GB sparse file: over the 256 MB cap, skipped on its size without being read.
    std::fs::File::create(c.join("sparse.txt"))
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    std::os::unix::fs::symlink(&c, c.join("loop")).unwrap();
    std::os::unix::fs::symlink(c.join("self.txt"), c.join("self.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(c.join("fifo.jsonl"))
        .status()
        .unwrap();
    assert!(fifo.success());
    // chmod 000 stops everyone but root (tests often run as root).
    let unreadable = c.join("unreadable.txt");
    std::fs::write(&unreadable, b" date 2022-01-03 Secret\n\nplatypus secret\n").unwrap();
    std::fs::set_permissions(
        &unreadable,
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    let root_reads_anyway = std::fs::read(&unreadable).is_ok();
    if root_reads_anyway {
        eprintln!(
            "running as root: chmod 000 does not make a file unreadable; that case is not checked"
        );
        std::fs::remove_file(&unreadable).unwrap();
    }

    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["--max-line-mb", "1"])
        .arg(&c)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let mut expected = vec![
        "binary.txt: binary file (",
        "nul.txt: binary file (64 of the first 64 bytes are NUL or control bytes); skipped",
        "controls.txt: binary file (100 of the first 820 bytes are NUL or control bytes); skipped",
        // A stray byte or two in English text: some windows code page, whichever fits best.
        "utf8-title.txt: decoded as windows-125",
        "utf8-body.txt: decoded as windows-125",
        "utf8-truncated.txt: decoded as windows-125",
        "utf8.jsonl: decoded as windows-125",
        "latin1.txt: decoded as windows-1252 (not valid UTF-8)",
        "cp1252.txt: decoded as windows-1252 (not valid UTF-8)",
        "utf16.txt: decoded as UTF-16LE (byte order mark)",
        "utf16.jsonl: decoded as UTF-16BE (byte order mark)",
        "rows.csv: line 3: row 2 has 3 fields, the header has 2; row skipped",
        "truncated.csv.gz: incomplete deflate stream; file skipped",
        "scalar.json: a number, not an array of article objects",
        "status.json: an object with no article array under articles, data, items, results and no body of its own; file skipped",
        "mixed.json: item 2: a number is not an article object; skipped",
        "long-line.jsonl: line 2: line over the 1048576 byte cap; skipped",
        "empty.txt: empty file; skipped",
        "empty.jsonl: empty file; skipped",
        "blank.jsonl: empty file; skipped",
        "empty.jsonl.gz: empty file; skipped",
        "not-gzip.jsonl.gz: line 1: invalid gzip header; rest of file skipped",
        "truncated.jsonl.gz: line 1: ",
        "not-json.jsonl: line 1: not valid JSON",
        "not-json.jsonl: line 2: not valid JSON",
        "types.jsonl: line 1: field \"id\" is a boolean, expected a string; line skipped",
        "types.jsonl: line 2: field \"title\" is an object, expected a string; line skipped",
        "types.jsonl: line 3: field \"body\" is an array, expected a string; line skipped",
        "far.jsonl: line 1: date \"99999-01-01\" is outside the supported range",
        "far.txt: line 1: date \"99999-01-01\" is outside the supported range",
        "sparse.txt: file is 2147483648 bytes, over the 268435456 byte cap; skipped",
        "loop: symlink loop, not followed",
        "self.txt: too many levels of symbolic links",
        "fifo.jsonl: not a regular file; skipped",
    ];
    if !root_reads_anyway {
        expected.push("unreadable.txt: permission denied; skipped");
    }
    for needle in &expected {
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), expected.len(), "{stderr}");
    for line in stderr.lines() {
        assert!(line.starts_with("newsdex: warning: "), "{line}");
        assert!(line.contains(&c.display().to_string()), "no path in {line}");
    }
    let index = Indexed { dir };
    let mut found: Vec<String> = index
        .json_hits(&["platypus", "--limit", "50"])
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "cp1252",
            "far",
            "far",
            "fine",
            "inside",
            "j1",
            "latin1",
            "long-line",
            "row-1",
            "short",
            "u1",
            "u2",
            "utf16",
            "utf8-body",
            "utf8-title",
            "utf8-truncated",
            "w16"
        ],
        "{stderr}"
    );
    // Decoded text reads as it was written.
    let shown = |id: &str| {
        let output = newsdex()
            .args(["show", id, "--index"])
            .arg(index.index())
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(shown("latin1").contains("platypus à la française, déjà servi"));
    assert!(shown("cp1252").contains("The platypus’s ticket costs 5 € – a bargain"));
    assert!(shown("cp1252").contains("“Quoted” title"));
    assert!(shown("utf16").contains("Wide “title”"));
    // A rerun re-reads nothing that failed for good and warns about nothing new but the walk.
    if !root_reads_anyway {
        let _ = std::fs::set_permissions(
            index.dir.path().join("c/unreadable.txt"),
            std::os::unix::fs::PermissionsExt::from_mode(0o644),
        );
    }
}

#[test]
fn query_errors_are_one_line_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("c/a.txt", b" date 2022-01-03 T\n\nbody text\n")],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let huge = "word ".repeat(20_000);
    let cases: [(&[&str], &str); 5] = [
        (
            &["body", "--from", "2023", "--to", "2022"],
            "the date range is empty",
        ),
        (&["body", "--from", "not-a-date"], "--from"),
        (&["body", "--to", "2022-13"], "--to"),
        (&[huge.as_str()], "over the 10000 byte limit"),
        (&["the", "of"], "no searchable words"),
    ];
    for (args, needle) in cases {
        let output = index.search(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        let shown: String = args.join(" ").chars().take(60).collect();
        assert_eq!(output.status.code(), Some(2), "{shown}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{shown}: {stderr}");
        assert!(stderr.starts_with("newsdex: "), "{shown}: {stderr}");
        assert!(stderr.len() < 300, "{shown}: {stderr}");
        assert!(stderr.contains(needle), "{shown}: {stderr}");
    }
    // The query language is forgiving by design (src/search/query.rs): unbalanced brackets,
    // stray quotes and `unknown:field` are searched leniently: exit 0 or 1, never a panic.
    for query in ["(unbalanced AND", "\"unclosed phrase", "body^x"] {
        let output = index.search(&[query]).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{query}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{query}: {stderr}");
    }
    // A field name that is not one is a typo worth saying so, in one line.
    let output = index.search(&["nosuchfield:body"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unknown field \"nosuchfield\""), "{stderr}");
    index.search(&["body"]).assert().code(0);
    index.search(&["absentword"]).assert().code(1);
}

/// An unreadable file: skipped when new, its indexed version kept when it was indexed before,
/// and read again by the next run once it is readable. Root reads anything, so as root this
/// runs the binary as `nobody` (through `setpriv`); where that is not possible it says loudly
/// on stderr that the case was not checked.
#[test]
fn unreadable_file_is_skipped_or_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o777)).unwrap();
    write_files(
        root,
        &[
            ("c/open.txt", b" date 2022-01-03 Open\n\nplatypus open\n"),
            (
                "c/secret.txt",
                b" date 2022-01-03 Secret\n\nplatypus secret\n",
            ),
        ],
    );
    let as_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let binary = assert_cmd::cargo::cargo_bin("newsdex");
    let run = |args: &[&str]| -> std::process::Output {
        let mut command = if as_root {
            let mut command = std::process::Command::new("setpriv");
            command
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&binary);
            command
        } else {
            std::process::Command::new(&binary)
        };
        command
            .env_remove("NEWSDEX_INDEX")
            .current_dir(root)
            .args(args)
            .output()
            .unwrap()
    };
    let not_checked = |why: &str| {
        eprintln!("\n*** unreadable_file_is_skipped_or_kept: NOT CHECKED: {why} ***\n");
    };
    if as_root
        && std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        not_checked("running as root and `setpriv` is not installed");
        return;
    }
    let first = run(&["index", "--index", "ix", "c"]);
    if as_root && first.status.code() != Some(0) {
        not_checked(&format!(
            "cannot run as nobody here ({})",
            String::from_utf8_lossy(&first.stderr).trim()
        ));
        return;
    }
    assert_eq!(first.status.code(), Some(0));
    let secret = root.join("c/secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let file = std::fs::File::options().write(true).open(&secret).unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(7))
        .unwrap();
    let second = run(&["index", "--index", "ix", "c"]);
    let stderr = String::from_utf8(second.stderr).unwrap();
    assert_eq!(second.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "newsdex: warning: c/secret.txt: permission denied; the indexed version is kept"
    );
    let search = run(&["search", "secret", "--index", "ix", "--count"]);
    assert_eq!(
        String::from_utf8_lossy(&search.stdout).trim(),
        "1 article, 1 story, 1 passage"
    );
    let fresh = run(&["index", "--index", "fresh", "c"]);
    let stderr = String::from_utf8(fresh.stderr).unwrap();
    assert_eq!(fresh.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "newsdex: warning: c/secret.txt: permission denied; skipped"
    );
    let count = |index: &str| {
        let search = run(&["search", "secret", "--index", index, "--count"]);
        String::from_utf8_lossy(&search.stdout).trim().to_string()
    };
    assert_eq!(count("fresh"), "0 articles, 0 stories, 0 passages");

    // Readable again: the next runs read it, without a warning, into both indexes.
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    for index in ["ix", "fresh"] {
        let rerun = run(&["index", "--index", index, "c"]);
        let stderr = String::from_utf8(rerun.stderr).unwrap();
        assert_eq!(rerun.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr, "", "{index}");
        assert_eq!(count(index), "1 article, 1 story, 1 passage", "{index}");
    }
}

/// Runs `newsdex ARGS...` and returns its exit code and stderr, asserting the error is one
/// `newsdex: ` line.
fn one_line_error(args: &[std::ffi::OsString]) -> String {
    let output = newsdex().args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("newsdex: "), "{stderr}");
    stderr
}

#[test]
fn a_corrupt_manifest_names_its_path_and_says_to_rebuild() {
    let index = Indexed::fixture();
    let before = index.search(&["grain"]).output().unwrap();
    assert_success(&before);
    let manifest = index.index().join("newsdex.json");
    std::fs::write(&manifest, "{ not json").unwrap();
    let search: [std::ffi::OsString; 4] = [
        "search".into(),
        "--index".into(),
        index.index().into(),
        "grain".into(),
    ];
    let again: [std::ffi::OsString; 4] = [
        "index".into(),
        "--index".into(),
        index.index().into(),
        crate::fixture_corpus().into(),
    ];
    for args in [&search[..], &again[..]] {
        let stderr = one_line_error(args);
        assert!(
            stderr.starts_with(&format!(
                "newsdex: {}: unreadable index manifest (",
                manifest.display()
            )),
            "{stderr}"
        );
        assert!(stderr.contains("run `newsdex index --rebuild`"), "{stderr}");
    }
    // As it says, a rebuild repairs it.
    newsdex()
        .args(["index", "--rebuild", "--index"])
        .arg(index.index())
        .arg(crate::fixture_corpus())
        .assert()
        .success();
    let after = index.search(&["grain"]).output().unwrap();
    assert_eq!(after.stdout, before.stdout);
}

#[test]
fn a_bad_line_in_a_query_file_names_file_and_line() {
    let index = Indexed::fixture();
    let queries = index.dir.path().join("queries.jsonl");
    std::fs::write(
        &queries,
        "{\"_id\": \"q1\", \"text\": \"oil\"}\n\n{\"_id\": \"q2\", \"query_text\": \"grain\"}\n",
    )
    .unwrap();
    let stderr = one_line_error(&[
        "search".into(),
        "--index".into(),
        index.index().into(),
        "--queries".into(),
        queries.clone().into(),
    ]);
    assert_eq!(
        stderr.trim_end(),
        format!("newsdex: {}: line 3: no \"text\" field", queries.display())
    );
}

#[test]
fn a_bad_actors_file_line_and_a_bad_date_flag_name_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.tsv");
    std::fs::write(&actors, "# mine\nAnn Smith\tperson\nAcme\tcompany\n").unwrap();
    let stderr = one_line_error(&[
        "--actors".into(),
        actors.clone().into(),
        "extract".into(),
        crate::fixture_corpus().into(),
    ]);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "newsdex: {}: line 3: unknown kind \"company\" (person, org, country or place)",
            actors.display()
        )
    );

    let index = Indexed::fixture();
    let output = index.search(&["oil", "--to", "someday"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "newsdex: --to: unreadable date \"someday\"\n"
    );
}

/// An I/O error prints its cause once: the message of the error already holds it.
#[test]
fn an_io_error_prints_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-actors.tsv");
    let stderr = one_line_error(&[
        "--actors".into(),
        missing.clone().into(),
        "extract".into(),
        crate::fixture_corpus().into(),
    ]);
    let cause = std::fs::read(&missing).unwrap_err().to_string();
    assert_eq!(
        stderr.trim_end(),
        format!("newsdex: {}: {cause}", missing.display())
    );
}

/// A query file goes on past a query whose text cannot be searched, warning with its id; an
/// error of the shared filters (here an empty date range) still ends the run.
#[test]
fn a_query_file_skips_the_queries_it_cannot_search() {
    let index = Indexed::fixture();
    let queries = index.dir.path().join("queries.tsv");
    std::fs::write(
        &queries,
        "stops\tthe of\nfield\ttitel:grain\nlong\t".to_string()
            + &"grain ".repeat(3_000)
            + "\ngood\tgrain\n",
    )
    .unwrap();
    let output = index
        .search(&["--queries", queries.to_str().unwrap(), "--format", "trec"])
        .output()
        .unwrap();
    assert_success(&output);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let warned: Vec<&str> = stderr
        .lines()
        .map(|line| line.split(':').nth(2).unwrap_or_default().trim())
        .collect();
    assert_eq!(
        warned,
        ["query stops", "query field", "query long"],
        "{stderr}"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.is_empty());
    assert!(
        stdout.lines().all(|line| line.starts_with("good ")),
        "{stdout}"
    );

    let output = index
        .search(&[
            "--queries",
            queries.to_str().unwrap(),
            "--from",
            "2024",
            "--to",
            "2023",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("the date range is empty"), "{stderr}");
}

#[test]
fn bench_on_an_empty_query_file_names_it() {
    let index = Indexed::fixture();
    let queries = index.dir.path().join("empty-queries.txt");
    std::fs::write(&queries, "# nothing yet\n\n").unwrap();
    let stderr = one_line_error(&[
        "bench".into(),
        "--index".into(),
        index.index().into(),
        "--queries".into(),
        queries.clone().into(),
    ]);
    assert_eq!(
        stderr.trim_end(),
        format!("newsdex: {}: no queries to run", queries.display())
    );
}

/// `extract` reads a file as `index` does: the same line cap skips the same record with the
/// same warning, and the rest of the file is read.
#[test]
fn extract_and_index_skip_the_same_overlong_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wire.jsonl");
    let long_body = "Harbour cranes stood idle. ".repeat(45_000);
    std::fs::write(
        &file,
        format!(
            "{{\"id\":\"a\",\"title\":\"Dock strike\",\"body\":\"Dockers in Port Elvan walked out on Monday.\"}}\n\
             {{\"id\":\"b\",\"title\":\"Long\",\"body\":\"{long_body}\"}}\n\
             {{\"id\":\"c\",\"title\":\"Talks\",\"body\":\"Talks with the port authority resumed on Friday.\"}}\n"
        ),
    )
    .unwrap();
    let warning = "wire.jsonl: line 2: line over the 1048576 byte cap; skipped";

    let extract = newsdex()
        .args(["extract", "--max-line-mb", "1"])
        .arg(&file)
        .output()
        .unwrap();
    assert_success(&extract);
    let stderr = String::from_utf8(extract.stderr).unwrap();
    assert!(stderr.contains(warning), "{stderr}");
    let stdout = String::from_utf8(extract.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"a\"", "\"c\""]);

    let index = newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["--max-line-mb", "1"])
        .arg(&file)
        .output()
        .unwrap();
    assert_success(&index);
    let stderr = String::from_utf8(index.stderr).unwrap();
    assert!(stderr.contains(warning), "{stderr}");
}
