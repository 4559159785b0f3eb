//! The registry's lookup table on the read side: searches answer from it, and a correction,
//! made with `correct` or by editing the corrections file, shows at once.

use newsdex::registry::table::ActorTable;

use crate::canonical::harbour_index;
use crate::{json_lines, run};

/// The names of the actors shown with the hits of `search QUERY --json`.
fn shown_actors(index: &crate::Indexed, query: &str) -> Vec<String> {
    json_lines(&run(index, &["search", query, "--json"]))
        .iter()
        .flat_map(|hit| hit["actors"].as_array().unwrap().clone())
        .map(|actor| actor["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn correct_rewrites_the_lookup_table_with_the_correction() {
    let index = harbour_index();
    let table = ActorTable::open(&index.index())
        .unwrap()
        .expect("written by index");
    assert_eq!(table.lookup("INGRID SOLBERG").len(), 1);

    let output = run(&index, &["correct", "not-actor", "Ingrid Solberg"]);
    assert!(output.status.success(), "{output:?}");
    let table = ActorTable::open(&index.index())
        .unwrap()
        .expect("rewritten by correct, so searches keep the quick path");
    assert!(table.lookup("ingrid solberg").is_empty());
    assert!(!shown_actors(&index, "rain").contains(&"Ingrid Solberg".to_string()));
}

#[test]
fn a_hand_edit_of_the_corrections_takes_effect_at_once() {
    let index = harbour_index();
    assert!(shown_actors(&index, "rain").contains(&"Ingrid Solberg".to_string()));

    std::fs::write(
        index.index().join("corrections.txt"),
        "not-actor Ingrid Solberg\n",
    )
    .unwrap();
    assert!(ActorTable::open(&index.index()).unwrap().is_none());
    let shown = shown_actors(&index, "rain");
    assert!(!shown.is_empty());
    assert!(!shown.contains(&"Ingrid Solberg".to_string()), "{shown:?}");
    let output = run(&index, &["search", "rain", "--actor", "Ingrid Solberg"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}
