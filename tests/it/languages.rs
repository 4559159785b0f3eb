//! Languages: each article's language detected at indexing time, `--lang`, analysis with the
//! language's own stemmer, and actors from English articles only. The archive is written here:
//! one article each in English, German and Ukrainian.

use crate::{json_lines, run, stats, write_files, Indexed};

const ARCHIVE: &str = r#"{"id": "en1", "date": "2022-03-01", "title": "New sanctions on Russia", "body": "President Joe Biden said on Tuesday that the United States and its allies would impose new sanctions on Russia. Chancellor Olaf Scholz said that Germany would stop the approval of the pipeline, and that the measures would stay in place until the troops were withdrawn."}
{"id": "de1", "date": "2022-03-02", "title": "Neue Sanktion gegen Russland", "body": "Die Bundesregierung hat am Dienstag eine neue Sanktion gegen Russland beschlossen. Bundeskanzler Olaf Scholz sagte, dass die Maßnahme so lange gelten soll, bis die Truppen aus der Ukraine abgezogen sind. Die Opposition kritisierte, dass die Regierung zu spät gehandelt habe und dass die Preise für Gas und Strom weiter steigen würden."}
{"id": "uk1", "date": "2022-03-03", "title": "Звернення Президента", "body": "Сьогодні важливі новини. Президент Володимир Зеленський провів розмову з Олафом Шольцем. Сполучені Штати зробили крок, який відчутно послабить позиції держави-терориста. Ми продовжуємо працювати з партнерами над новими санкціями."}
"#;

fn archive() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("archive");
    write_files(&corpus, &[("mixed.jsonl", ARCHIVE.as_bytes())]);
    let indexed = Indexed::new(&[&corpus]);
    drop(dir);
    indexed
}

fn ids(hits: &[serde_json::Value]) -> Vec<&str> {
    let mut ids: Vec<&str> = hits
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn stats_count_articles_per_language() {
    let index = archive();
    let stats = stats(&index.index());
    assert_eq!(
        stats["languages"],
        serde_json::json!({"de": 1, "en": 1, "uk": 1})
    );
}

#[test]
fn lang_keeps_the_articles_of_that_language() {
    let index = archive();
    // Scholz is named in all three; the English and German articles spell him alike.
    assert_eq!(ids(&index.json_hits(&["Scholz"])), ["de1", "en1"]);
    let hits = index.json_hits(&["Scholz", "--lang", "de"]);
    assert_eq!(ids(&hits), ["de1"]);
    assert_eq!(hits[0]["lang"], "de");
    // Any case, and repeated: any of them.
    let hits = index.json_hits(&["Scholz", "--lang", "DE", "--lang", "en"]);
    assert_eq!(ids(&hits), ["de1", "en1"]);
    // A filter alone lists the language's articles.
    assert_eq!(ids(&index.json_hits(&["--lang", "uk"])), ["uk1"]);
}

/// The German stemmer folds `Sanktionen` and `Sanktion`, which the English one would not.
#[test]
fn german_words_match_their_inflected_forms() {
    let index = archive();
    let hits = index.json_hits(&["Sanktionen"]);
    assert_eq!(ids(&hits), ["de1"]);
    let hit = &hits[0];
    let text = hit["text"].as_str().unwrap();
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|range| {
            let range = range.as_array().unwrap();
            &text[range[0].as_u64().unwrap() as usize..range[1].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(marked, ["Sanktion"]);
    // A German phrase, inflected otherwise than written.
    assert_eq!(ids(&index.json_hits(&["\"neuen Sanktionen\""])), ["de1"]);
    // English stems stay English: `sanction` finds the English article only.
    assert_eq!(ids(&index.json_hits(&["sanction"])), ["en1"]);
}

#[test]
fn only_english_articles_have_actors() {
    let index = archive();
    let hits = index.json_hits(&["Зеленський"]);
    assert_eq!(ids(&hits), ["uk1"]);
    assert_eq!(hits[0]["lang"], "uk");
    assert_eq!(hits[0]["actors"], serde_json::json!([]));
    let output = run(&index, &["actors", "--lang", "uk"]);
    assert_eq!(output.status.code(), Some(1), "no actors in Ukrainian text");
    let output = run(&index, &["actors", "--lang", "de", "--json"]);
    assert_eq!(output.status.code(), Some(1), "no actors in German text");
    let output = run(&index, &["actors", "--lang", "en", "--json"]);
    let names: Vec<String> = json_lines(&output)
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Joe Biden".to_string()), "{names:?}");
}

#[test]
fn the_explore_commands_take_lang() {
    let index = archive();
    let output = run(&index, &["sources", "--lang", "de", "--json"]);
    let counts = json_lines(&output);
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0]["articles"], 1);
    let output = run(
        &index,
        &["timeline", "Russland", "--lang", "de", "--by", "day"],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("2022-03-02"), "{text}");
    assert!(!text.contains("2022-03-01"), "{text}");
}

#[test]
fn an_unknown_language_is_an_error_listing_the_indexs() {
    let index = archive();
    let output = run(&index, &["search", "Scholz", "--lang", "fr"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no article in the index is in language \"fr\"; its languages: de, en, uk"),
        "{stderr}"
    );
}

#[test]
fn show_and_extract_give_the_language() {
    let index = archive();
    let output = run(&index, &["show", "de1"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().nth(1).unwrap().ends_with("id de1  lang de"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("mixed.jsonl", ARCHIVE.as_bytes())]);
    let output = crate::newsdex()
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    let articles = json_lines(&output);
    let langs: Vec<(&str, &str, usize)> = articles
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["lang"].as_str().unwrap(),
                a["actors"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(langs[1..], [("de1", "de", 0), ("uk1", "uk", 0)]);
    assert_eq!(langs[0].0, "en1");
    assert_eq!(langs[0].1, "en");
    assert!(langs[0].2 > 0);
}
