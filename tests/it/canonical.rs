//! The actor registry on the read side: every command that shows or filters actors counts
//! and names canonical actors, and a user's correction changes them at once.

use std::path::Path;

use crate::{json_lines, run, write_files, Indexed};

/// Four articles: a shipping firm written under two names (once both in one article), a
/// forecaster's institute, and two people.
const HARBOUR_NEWS: &str = r#"{"id":"h1","title":"Harbour talks","date":"2021-03-01","text":"Halvard Brekke met officials of the Nordvik Shipping Company in Bergen on Monday. Brekke said the talks went well."}
{"id":"h2","title":"Port strike","date":"2021-03-05","text":"Workers at Nordvik Lines walked out in Bergen. The Nordvik Shipping Company said it would talk to the union. Halvard Brekke was not reached."}
{"id":"h3","title":"Ferry news","date":"2021-04-02","text":"Nordvik Lines added a ferry to its route from Bergen to Stavanger, Halvard Brekke said."}
{"id":"h4","title":"Weather","date":"2021-04-09","text":"Rain fell over Stavanger and Bergen all week, and Ingrid Solberg of the Meteorological Institute said more would come."}
"#;

/// An index of [`HARBOUR_NEWS`].
pub fn harbour_index() -> Indexed {
    let corpus = tempfile::tempdir().unwrap();
    write_files(corpus.path(), &[("harbour.jsonl", HARBOUR_NEWS.as_bytes())]);
    Indexed::new(&[&corpus.path().join("harbour.jsonl")])
}

/// Writes `lines` as the index's corrections file, as a user editing it would.
fn write_corrections(index: &Path, lines: &str) {
    std::fs::write(index.join("corrections.txt"), lines).unwrap();
}

/// `(name, articles)` of every actor `actors --json` lists.
pub fn listed_actors(index: &Indexed, extra: &[&str]) -> Vec<(String, u64)> {
    let mut args = vec!["actors", "--top", "100", "--json"];
    args.extend_from_slice(extra);
    json_lines(&run(index, &args))
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn articles_of(listed: &[(String, u64)], name: &str) -> Option<u64> {
    listed.iter().find(|(n, _)| n == name).map(|(_, a)| *a)
}

#[test]
fn merged_forms_count_once_per_article_everywhere_actors_are_counted() {
    let index = harbour_index();
    write_corrections(
        &index.index(),
        "merge Nordvik Shipping Company = Nordvik Lines\n",
    );
    let listed = listed_actors(&index, &[]);
    // h1, h2 (both forms: once) and h3.
    assert_eq!(articles_of(&listed, "Nordvik Shipping Company"), Some(3));
    assert_eq!(articles_of(&listed, "Nordvik Lines"), None, "{listed:?}");

    let facets = json_lines(&run(&index, &["search", "Bergen", "--facets", "--json"]));
    let facet_actors = &facets.last().unwrap()["facets"]["actors"];
    let firm: Vec<&serde_json::Value> = facet_actors
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"].as_str().unwrap().starts_with("Nordvik"))
        .collect();
    assert_eq!(firm.len(), 1, "{facet_actors}");
    assert_eq!(firm[0]["name"], "Nordvik Shipping Company");
    assert_eq!(firm[0]["articles"], 3);

    let together = json_lines(&run(
        &index,
        &["cooccur", "Halvard Brekke", "--min-articles", "1", "--json"],
    ));
    let firm: Vec<&serde_json::Value> = together
        .iter()
        .filter(|row| row["name"].as_str().unwrap().starts_with("Nordvik"))
        .collect();
    assert_eq!(firm.len(), 1, "{together:?}");
    assert_eq!(firm[0]["articles"], 3);

    let timeline = json_lines(&run(
        &index,
        &["timeline", "Nordvik Lines", "--by", "month", "--json"],
    ));
    let counts: Vec<u64> = timeline
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [2, 1]);
}

#[test]
fn hits_show_canonical_actors_and_leave_out_what_is_not_an_actor() {
    let index = harbour_index();
    write_corrections(
        &index.index(),
        "merge Nordvik Shipping Company = Nordvik Lines\nnot-actor Meteorological Institute\n",
    );
    let shown = |query: &str| -> Vec<String> {
        index.json_hits(&[query])[0]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    let ferry = shown("ferry");
    assert!(
        ferry.contains(&"Nordvik Shipping Company".to_string()),
        "{ferry:?}"
    );
    assert!(!ferry.contains(&"Nordvik Lines".to_string()), "{ferry:?}");
    let strike = shown("strike");
    let firms = strike.iter().filter(|n| n.starts_with("Nordvik")).count();
    assert_eq!(firms, 1, "{strike:?}");
    let weather = shown("rain");
    assert!(
        weather.contains(&"Ingrid Solberg".to_string()),
        "{weather:?}"
    );
    assert!(
        !weather.contains(&"Meteorological Institute".to_string()),
        "{weather:?}"
    );
    let listed = listed_actors(&index, &[]);
    assert_eq!(articles_of(&listed, "Meteorological Institute"), None);
}

/// Runs `newsdex correct ARGS... --index INDEX`, requiring exit 0; returns stdout.
fn correct(index: &Indexed, args: &[&str]) -> String {
    let mut full = vec!["correct"];
    full.extend_from_slice(args);
    let output = run(index, &full);
    crate::assert_success(&output);
    String::from_utf8(output.stdout).unwrap()
}

fn counted_articles(index: &Indexed, actor: &str) -> String {
    let output = index
        .search(&["--actor", actor, "--count"])
        .output()
        .unwrap();
    crate::assert_success(&output);
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn correct_merge_makes_the_alias_find_the_merged_articles() {
    let index = harbour_index();
    assert!(counted_articles(&index, "Nordvik Shipping Company").contains("2 articles"));
    let said = correct(
        &index,
        &["merge", "Nordvik Shipping Company", "Nordvik Lines"],
    );
    assert!(said.contains("merged Nordvik Lines"), "{said}");
    assert!(said.contains("into Nordvik Shipping Company"), "{said}");
    assert!(counted_articles(&index, "nordvik lines").contains("3 articles"));
    assert!(counted_articles(&index, "Nordvik Shipping Company").contains("3 articles"));
}

#[test]
fn correct_not_actor_removes_the_name_from_actors() {
    let index = harbour_index();
    assert!(articles_of(&listed_actors(&index, &[]), "Meteorological Institute").is_some());
    let said = correct(&index, &["not-actor", "meteorological institute"]);
    assert!(said.contains("no longer an actor"), "{said}");
    let listed = listed_actors(&index, &[]);
    assert_eq!(articles_of(&listed, "Meteorological Institute"), None);
    assert_eq!(articles_of(&listed, "Ingrid Solberg"), Some(1));
}

#[test]
fn correct_kind_moves_the_actor_to_that_kind() {
    let index = harbour_index();
    assert!(articles_of(&listed_actors(&index, &["--kind", "country"]), "Stavanger").is_none());
    let said = correct(&index, &["kind", "Stavanger", "country"]);
    assert!(said.contains("is now a country"), "{said}");
    assert_eq!(
        articles_of(&listed_actors(&index, &["--kind", "country"]), "Stavanger"),
        Some(2)
    );
    assert!(articles_of(&listed_actors(&index, &["--kind", "place"]), "Stavanger").is_none());
}

#[test]
fn correcting_an_unknown_name_suggests_names_and_changes_nothing() {
    let index = harbour_index();
    let output = run(&index, &["correct", "not-actor", "Halvard Brekk"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("did you mean \"Halvard Brekke\""), "{err}");
    assert!(!index.index().join("corrections.txt").exists());
}

#[test]
fn a_surname_two_people_share_is_an_error_listing_both() {
    let corpus = tempfile::tempdir().unwrap();
    write_files(
        corpus.path(),
        &[(
            "family.jsonl",
            br#"{"id":"f1","title":"Council vote","date":"2022-05-01","text":"Halvard Brekke voted against the harbour plan on Tuesday."}
{"id":"f2","title":"Concert","date":"2022-05-02","text":"The mayor, Sigrid Brekke, said on Friday that the harbour plan would go ahead."}
"#,
        )],
    );
    let index = Indexed::new(&[&corpus.path().join("family.jsonl")]);
    for args in [
        vec!["search", "harbour", "--actor", "brekke"],
        vec!["timeline", "harbour", "--actor", "brekke"],
        vec!["cooccur", "Brekke"],
        vec!["actors", "--actor", "Brekke"],
    ] {
        let output = run(&index, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains("ambiguous"), "{args:?}: {err}");
        assert!(
            err.contains("Halvard Brekke") && err.contains("Sigrid Brekke"),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_actor_gets_the_same_suggestions_in_every_command() {
    let index = harbour_index();
    for args in [
        vec!["search", "ferry", "--actor", "Stavangr"],
        vec!["timeline", "ferry", "--actor", "Stavangr"],
        vec!["cooccur", "Stavangr"],
        vec!["actors", "--actor", "Stavangr"],
    ] {
        let output = run(&index, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            err.contains("did you mean \"Stavanger\""),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn outputs_without_actors_never_read_the_registry() {
    let index = harbour_index();
    std::fs::write(index.index().join("actors-registry.json"), "not json").unwrap();
    // Hits read the lookup table first: a broken one sends them to the registry file.
    std::fs::write(index.index().join("actors-table.txt"), "not a table").unwrap();
    for args in [
        vec!["ferry", "-l"],
        vec!["ferry", "--format", "trec"],
        vec!["ferry", "--count"],
    ] {
        let output = index.search(&args).output().unwrap();
        crate::assert_success(&output);
    }
    let shown = index.search(&["ferry"]).output().unwrap();
    assert_eq!(shown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&shown.stderr);
    assert!(err.contains("actor registry"), "{err}");
}
