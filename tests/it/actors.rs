//! `extract`, `eval-ner` and the user's `--actors` file, end to end.

use crate::{newsdex, write_files};

const ARTICLE: &str = " date 2022-01-03 Acme talks in Kyiv\n\nThe widget maker Acme met Ukrainian officials. Zelenskyy said Acme Widgets would invest.\n";

fn actors_of(stdout: &[u8]) -> Vec<(String, String)> {
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(stdout).lines().next().unwrap()).unwrap();
    let body = line["body"].as_str().unwrap().to_string();
    let title = line["title"].as_str().unwrap().to_string();
    let mut out = Vec::new();
    for a in line["actors"].as_array().unwrap() {
        // every mention is a byte range into the body or title the line carries
        for (field, text) in [("mentions", &body), ("title_mentions", &title)] {
            for m in a[field].as_array().unwrap() {
                let (s, e) = (
                    m[0].as_u64().unwrap() as usize,
                    m[1].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= text.len(), "{a}");
            }
        }
        out.push((
            a["name"].as_str().unwrap().to_string(),
            a["kind"].as_str().unwrap().to_string(),
        ));
    }
    out
}

#[test]
fn extract_prints_normalised_actors_with_ranges() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("a.txt", ARTICLE.as_bytes())]);
    let out = newsdex().arg("extract").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let actors = actors_of(&out.stdout);
    assert!(
        actors.contains(&("Volodymyr Zelensky".into(), "person".into())),
        "{actors:?}"
    );
    assert!(
        actors.contains(&("Ukraine".into(), "country".into())),
        "{actors:?}"
    );
    assert!(
        actors.contains(&("Kyiv".into(), "place".into())),
        "{actors:?}"
    );
}

#[test]
fn user_actors_file_adds_aliases_and_index_records_it() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("corpus/a.txt", ARTICLE.as_bytes()),
            ("actors.tsv", b"# mine\nAcme Widgets\torg\tAcme|ACME\n"),
        ],
    );
    let file = dir.path().join("actors.tsv");
    let out = newsdex()
        .arg("--actors")
        .arg(&file)
        .arg("extract")
        .arg(dir.path().join("corpus"))
        .output()
        .unwrap();
    let actors = actors_of(&out.stdout);
    assert!(
        actors.contains(&("Acme Widgets".into(), "org".into())),
        "{actors:?}"
    );
    assert!(!actors.iter().any(|(n, _)| n == "Acme"), "{actors:?}");

    let index = dir.path().join("index");
    let run_index = |with_file: bool| {
        let mut cmd = newsdex();
        if with_file {
            cmd.arg("--actors").arg(&file);
        }
        cmd.arg("--index")
            .arg(&index)
            .arg("index")
            .arg("-q")
            .arg(dir.path().join("corpus"));
        cmd.output().unwrap()
    };
    assert!(run_index(true).status.success());
    let record = std::fs::read_to_string(index.join("actors.json")).unwrap();
    assert!(record.contains("actors.tsv"), "{record}");
    // the file shaped the actors at extraction: the article is Acme Widgets'
    newsdex()
        .arg("--index")
        .arg(&index)
        .args(["search", "--actor", "acme widgets", "--count"])
        .assert()
        .success();
    // a changed file is reported by the next index run, which redoes the unchanged article
    std::fs::write(&file, "Acme Corporation\torg\tAcme|ACME|Acme Widgets\n").unwrap();
    let out = run_index(true);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("changed since the last index: rebuilding"),
        "{err}"
    );
    newsdex()
        .arg("--index")
        .arg(&index)
        .args(["search", "--actor", "Acme Corporation", "--count"])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 article"));
}

#[test]
fn bad_actors_file_is_a_usage_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("actors.tsv", b"Acme\tcompany\n"),
            ("a.txt", ARTICLE.as_bytes()),
        ],
    );
    let out = newsdex()
        .arg("--actors")
        .arg(dir.path().join("actors.tsv"))
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("actors.tsv: line 1: unknown kind"), "{err}");
}

#[test]
fn eval_ner_scores_small_files() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[(
            "c.txt",
            b"-DOCSTART- O\n\nRussian B-MISC\nPresident O\nVladimir B-PER\nPutin I-PER\nmet O\nJoe B-PER\nBiden I-PER\nin O\nGeneva B-LOC\n. O\n",
        )],
    );
    let out = newsdex()
        .args(["eval-ner", "--conll"])
        .arg(dir.path().join("c.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("untyped exact span: P 1.0000 R 1.0000 F1 1.0000"),
        "{report}"
    );
    newsdex().arg("eval-ner").assert().code(2);
}

/// Wire copy naming one country's department three ways, and a ratings firm of two names
/// whose articles open with it.
const DEPARTMENT_WIRE: &str = r#"{"id":"w1","title":"Catch quotas","date":"2021-03-01","body":"The U.S. Fisheries Department said on Monday that cod quotas would be cut."}
{"id":"w2","title":"Quotas again","date":"2021-03-02","body":"The U.S. Fisheries Department said the cut was small. Fishermen in Maine disagreed."}
{"id":"w3","title":"Boats","date":"2021-03-03","body":"Fishing boats stayed in port, the Fisheries Department said on Tuesday."}
{"id":"w4","title":"Boats","date":"2021-03-04","body":"Officials at the Department of Fisheries said boats would sail again in Maine."}
{"id":"w5","title":"Ratings","date":"2021-03-05","body":"Harrowgate and Quillon's Corp said it lowered the rating of Tamsworth Mills. Tamsworth Mills said it would appeal."}
{"id":"w6","title":"Ratings","date":"2021-03-06","body":"Harrowgate and Quillon's Corp said it raised the rating of Brindle Foods."}
"#;

#[test]
fn one_departments_names_and_a_two_name_firm_are_one_actor_each() {
    let corpus = tempfile::tempdir().unwrap();
    write_files(corpus.path(), &[("wire.jsonl", DEPARTMENT_WIRE.as_bytes())]);
    let index = crate::Indexed::new(&[&corpus.path().join("wire.jsonl")]);
    let listed = crate::canonical::listed_actors(&index, &["--kind", "org"]);
    let articles = |name: &str| listed.iter().find(|(n, _)| n == name).map(|(_, a)| *a);
    assert_eq!(articles("U.S. Fisheries Department"), Some(4), "{listed:?}");
    assert_eq!(articles("Harrowgate and Quillon's"), Some(2), "{listed:?}");
    for part in [
        "Fisheries Department",
        "Department of Fisheries",
        "Quillon's",
        "Harrowgate",
    ] {
        assert_eq!(articles(part), None, "{part}: {listed:?}");
    }
}
