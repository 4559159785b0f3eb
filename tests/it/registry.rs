//! The actor registry written beside the index: after files are added, changed and removed,
//! an incremental run leaves the same registry as a fresh build of the same files.

use std::path::Path;

use crate::{assert_success, run_index, stats, write_files};

const NAMED: &[u8] = b" date 2022-01-03 Bridge opens\n\nThe new bridge opened on Monday. \
Mr. Varnholt said the works by Brenning Quarry Works were finished early.\n";
const LOWER_CASE: &[u8] = b" date 2022-01-04 Quarry notes\n\nThe varnholt method of cutting \
stone is old. Every varnholt cut is slow.\n";
const OTHER: &[u8] = b" date 2022-01-05 Ferry\n\nThe ferry run by Calder Tide Lines resumed \
after Mr. Osgood Pell inspected the pier.\n";

fn registry_text(index_dir: &Path) -> String {
    let bytes = newsdex::store::read_side_file(&index_dir.join("actors-registry.json")).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// What `actors --json --top 1000` prints for the index in `index_dir`.
fn actors_json(index_dir: &Path) -> String {
    let output = crate::newsdex()
        .args(["actors", "--json", "--top", "1000", "--index"])
        .arg(index_dir)
        .output()
        .unwrap();
    assert_success(&output);
    String::from_utf8(output.stdout).unwrap()
}

/// The canonical names the registry lists.
fn listed(registry: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(registry).unwrap();
    value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|actor| actor["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn incremental_runs_leave_the_registry_of_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    // Four articles write "varnholt" in lower case: against them, the one naming Varnholt is
    // a small share, and the word is not an actor.
    write_files(
        &corpus,
        &[
            ("named.txt", NAMED),
            ("lower1.txt", LOWER_CASE),
            ("lower2.txt", LOWER_CASE),
            ("lower3.txt", LOWER_CASE),
            ("lower4.txt", LOWER_CASE),
        ],
    );
    let incremental = dir.path().join("incremental");
    assert_success(&run_index(&incremental, &[&corpus]));
    let before = registry_text(&incremental);
    assert_eq!(listed(&before), ["Brenning Quarry Works"]);

    // The lower-case articles go, another comes: Varnholt is now named in every article
    // that has the word.
    for n in 1..=4 {
        std::fs::remove_file(corpus.join(format!("lower{n}.txt"))).unwrap();
    }
    write_files(&corpus, &[("other.txt", OTHER)]);
    assert_success(&run_index(&incremental, &[&corpus]));

    let fresh = dir.path().join("fresh");
    assert_success(&run_index(&fresh, &[&corpus]));
    let after = registry_text(&incremental);
    let names = listed(&after);
    assert!(names.iter().any(|n| n == "Calder Tide Lines"), "{after}");
    assert!(names.iter().any(|n| n == "Varnholt"), "{after}");
    assert_eq!(after, registry_text(&fresh));
}

#[test]
fn stats_counts_canonical_actors_with_the_users_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(&corpus, &[("named.txt", NAMED), ("other.txt", OTHER)]);
    let index_dir = dir.path().join("index");
    assert_success(&run_index(&index_dir, &[&corpus]));
    let before = stats(&index_dir);
    let listed = listed(&registry_text(&index_dir)).len() as u64;
    assert_eq!(before["actors"], listed, "{before}");
    assert!(
        before["actor_forms"].as_u64().unwrap() >= listed,
        "{before}"
    );

    let corrected = crate::newsdex()
        .args(["correct", "--index"])
        .arg(&index_dir)
        .args(["not-actor", "Calder Tide Lines"])
        .output()
        .unwrap();
    assert_success(&corrected);
    assert_eq!(stats(&index_dir)["actors"], listed - 1);
}

#[test]
fn a_lone_word_no_passage_writes_as_a_persons_is_not_listed_as_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[
            (
                "a.txt",
                b" date 2022-02-01 Tablet review\n\nFans of Zorbly loved the update, and the \
screen is bright. Critics liked it.\n",
            ),
            (
                "b.txt",
                b" date 2022-02-02 Council vote\n\nThe council met on Tuesday. Varnel said the \
vote would be close, and the mayor agreed.\n",
            ),
            (
                "c.txt",
                b" date 2022-02-03 Apps\n\nThe new Zorbly app is out for phones. Marta Quell \
designed Zorbly last year.\n",
            ),
        ],
    );
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&corpus]));
    // "Varnel said" writes a person; "Zorbly" is never written so
    let mut names = listed(&registry_text(&index));
    names.sort();
    assert_eq!(names, ["Marta Quell", "Varnel"]);
}

#[test]
fn the_registry_is_the_same_whatever_order_the_index_holds_the_articles_in() {
    // Every article names Varnel; one in four writes it as a person's ("Varnel said"),
    // every fourth line of the file. A sample that follows the index's order (which follows
    // the indexing threads) sees only those lines in one order and none of them in the other.
    let lines: Vec<String> = (0..48)
        .map(|i| {
            let body = if i % 4 == 0 {
                format!("Varnel said the pier repairs in berth {i} would end in May.")
            } else {
                format!("Critics praised Varnel for the pier design of berth {i}.")
            };
            serde_json::json!({
                "id": format!("b{i}"),
                "date": format!("2022-03-{:02}", 1 + i % 28),
                "title": format!("Berth {i}"),
                "body": body,
            })
            .to_string()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut registries = Vec::new();
    for (name, order) in [
        ("forward", lines.clone()),
        ("reversed", {
            let mut reversed = lines.clone();
            reversed.reverse();
            reversed
        }),
    ] {
        // the same relative path in both, so that the articles have the same keys
        let root = dir.path().join(name);
        write_files(
            &root,
            &[("berths.jsonl", (order.join("\n") + "\n").as_bytes())],
        );
        let output = crate::newsdex()
            .current_dir(&root)
            .args([
                "index",
                "--index",
                "index",
                "--threads",
                "1",
                "berths.jsonl",
            ])
            .output()
            .unwrap();
        assert_success(&output);
        registries.push(registry_text(&root.join("index")));
    }
    assert_eq!(registries[0], registries[1]);
    assert_eq!(listed(&registries[0]), ["Varnel"]);
}

#[test]
fn the_registry_is_the_same_whatever_path_the_files_are_indexed_from() {
    // Ten lone surnames, each in forty articles; three of the forty write it as a person's
    // ("Osk said"). Which of the twelve sampled passages show one decides whether the word is
    // listed, so a sample drawn by a key that hashes the path typed would list other words
    // from an absolute path than from a relative one.
    let surnames = [
        "Osk", "Brell", "Tamsk", "Quilde", "Harrup", "Vennic", "Dorrow", "Lisk", "Pemble", "Yarn",
    ];
    let mut lines = Vec::new();
    for (s, surname) in surnames.iter().enumerate() {
        for i in 0..40 {
            let body = if i % 13 == 0 {
                format!("{surname} said the lock gates at mile {i} would reopen in June.")
            } else {
                format!("Boaters thanked {surname} for the towpath works at mile {i}.")
            };
            lines.push(
                serde_json::json!({
                    "id": format!("m{s}-{i}"),
                    "date": format!("2022-04-{:02}", 1 + i % 28),
                    "title": format!("Mile {i}"),
                    "body": body,
                })
                .to_string(),
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("canal");
    write_files(
        &corpus,
        &[("miles.jsonl", (lines.join("\n") + "\n").as_bytes())],
    );
    let absolute = dir.path().join("absolute");
    assert_success(&run_index(&absolute, &[&corpus]));
    let relative = crate::newsdex()
        .current_dir(dir.path())
        .args(["index", "--index", "relative", "canal"])
        .output()
        .unwrap();
    assert_success(&relative);
    let from_absolute = registry_text(&absolute);
    assert!(!listed(&from_absolute).is_empty(), "{from_absolute}");
    assert_eq!(from_absolute, registry_text(&dir.path().join("relative")));
}

/// The lines of a JSONL file of harbour news: `n` articles, the `i`-th naming the pilots'
/// guild as the guild or as a person's employer, and the port authority in every third.
fn harbour_lines(n: usize, edited: &[usize]) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut body = if i % 5 == 0 {
                format!("Captain Ilse Marrow said the Tollan Pilots Guild would add {i} berths.")
            } else {
                format!("The Tollan Pilots Guild moved {i} hulls past the Sarn breakwater.")
            };
            if i % 3 == 0 {
                body.push_str(" The Sarn Port Authority (SPA) approved it.");
            }
            if edited.contains(&i) {
                body.push_str(" Gerrit Ostvaer of Kelmhold Dredging Ltd said work was late.");
            }
            serde_json::json!({
                "id": format!("h{i}"),
                "date": format!("2023-06-{:02}", 1 + i % 28),
                "title": format!("Harbour log {i}"),
                "body": body,
            })
            .to_string()
        })
        .collect()
}

#[test]
fn adding_changing_and_deleting_files_leaves_what_a_rebuild_gives() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("harbour");
    let jsonl = |lines: Vec<String>| lines.join("\n") + "\n";
    write_files(
        &corpus,
        &[
            ("log.jsonl", jsonl(harbour_lines(30, &[])).as_bytes()),
            ("named.txt", NAMED),
            ("lower1.txt", LOWER_CASE),
            ("lower2.txt", LOWER_CASE),
        ],
    );
    let incremental = dir.path().join("incremental");
    assert_success(&run_index(&incremental, &[&corpus]));
    let first = registry_text(&incremental);

    // A file added, lines of the JSONL file changed (a person named in them only) and one
    // dropped, a file deleted.
    let mut changed = harbour_lines(30, &[4, 11, 17, 23]);
    changed.remove(9);
    write_files(
        &corpus,
        &[
            ("log.jsonl", jsonl(changed).as_bytes()),
            ("other.txt", OTHER),
        ],
    );
    std::fs::remove_file(corpus.join("lower2.txt")).unwrap();
    assert_success(&run_index(&incremental, &[&corpus]));
    let fresh = dir.path().join("fresh");
    assert_success(&run_index(&fresh, &[&corpus]));

    let after = registry_text(&incremental);
    assert_ne!(first, after, "the run changed nothing the registry sees");
    assert!(
        listed(&after).iter().any(|n| n == "Gerrit Ostvaer"),
        "{after}"
    );
    assert_eq!(after, registry_text(&fresh));
    let table = |index: &Path| std::fs::read(index.join("actors-table.txt")).unwrap();
    // The table's head records the corrections file only: the lines are the registry's.
    assert_eq!(table(&incremental), table(&fresh));
    assert_eq!(actors_json(&incremental), actors_json(&fresh));
}

#[test]
fn a_run_that_changes_nothing_the_registry_reads_leaves_its_files_and_any_change_settles_again() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("harbour");
    let jsonl = harbour_lines(15, &[2, 7]).join("\n") + "\n";
    write_files(
        &corpus,
        &[("log.jsonl", jsonl.as_bytes()), ("named.txt", NAMED)],
    );
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&corpus]));
    let files = ["actors-registry.json", "actors-table.txt", "actor-ords.bin"];
    let written = |index: &Path| -> Vec<(Vec<u8>, std::time::SystemTime)> {
        files
            .iter()
            .map(|name| {
                let path = index.join(name);
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                (std::fs::read(&path).unwrap(), modified)
            })
            .collect()
    };
    let first = written(&index);

    // Nothing new: the files are not written again.
    assert_success(&run_index(&index, &[&corpus]));
    assert_eq!(written(&index), first);

    // The stamp lost, or of a layout this program does not read: settled again, to the
    // same bytes.
    let stamp = index.join("actors-registry.stamp");
    std::fs::remove_file(&stamp).unwrap();
    assert_success(&run_index(&index, &[&corpus]));
    let again = written(&index);
    assert_ne!(again[0].1, first[0].1, "the registry was not settled again");
    // The ordinals stamp the table they map to, by its modification time: the registry and
    // the table are compared.
    let bytes = |files: &[(Vec<u8>, std::time::SystemTime)]| -> Vec<Vec<u8>> {
        files[..2].iter().map(|(bytes, _)| bytes.clone()).collect()
    };
    assert_eq!(bytes(&again), bytes(&first));
    std::fs::write(&stamp, "newsdex-registry-inputs 0\nsomething else\n").unwrap();
    assert_success(&run_index(&index, &[&corpus]));
    assert_ne!(written(&index)[0].1, again[0].1);
    assert_eq!(bytes(&written(&index)), bytes(&first));

    // A correction written into the file by hand, nothing else new: the table takes it.
    assert!(actors_json(&index).contains("Gerrit Ostvaer"));
    std::fs::write(index.join("corrections.txt"), "not-actor Gerrit Ostvaer\n").unwrap();
    assert_success(&run_index(&index, &[&corpus]));
    assert_ne!(
        written(&index)[1].0,
        first[1].0,
        "the table kept the old corrections"
    );
    assert!(!actors_json(&index).contains("Gerrit Ostvaer"));
    std::fs::remove_file(index.join("corrections.txt")).unwrap();

    // A line changed: the registry is a rebuild's.
    let changed = harbour_lines(15, &[2]).join("\n") + "\n";
    write_files(&corpus, &[("log.jsonl", changed.as_bytes())]);
    assert_success(&run_index(&index, &[&corpus]));
    let fresh = dir.path().join("fresh");
    assert_success(&run_index(&fresh, &[&corpus]));
    assert_eq!(bytes(&written(&index)), bytes(&written(&fresh)));
    assert_eq!(actors_json(&index), actors_json(&fresh));
}
