//! Copies: reprints grouped, independent reports kept apart, groups kept right by incremental
//! runs, search folding and `--all-copies`, `copies` and `--stories`.

use std::path::Path;

use crate::{assert_success, json_lines, newsdex, run_index, write_files};

/// The paragraphs of a made-up wire story about a ferry strike in Brindlemoor.
fn story_paragraphs() -> Vec<String> {
    (1..=9)
        .map(|n| {
            format!(
                "Paragraph {n}: crews of the Brindlemoor ferry line walked out for the {n}th \
                 day on Thursday, union steward Odile Farraday said, and the harbour master \
                 Caspar Wenlock put the cost to island traders at {n}40,000 crowns so far, \
                 while freight piled up on the quay at Saltmarsh Point."
            )
        })
        .collect()
}

fn jsonl(id: &str, date: &str, title: &str, body: &str) -> String {
    serde_json::json!({ "id": id, "date": date, "title": title, "body": body }).to_string() + "\n"
}

/// The wire's original, a reprint with a new headline, a byline and the last three
/// paragraphs cut, and an independent report of the same strike naming the same people.
fn corpus(dir: &Path) {
    let paragraphs = story_paragraphs();
    let original = paragraphs.join("\n\n");
    let reprint = format!(
        "By Wren Halloway, Island Courier\n\n{}",
        paragraphs[..6].join("\n\n")
    );
    let independent = "Odile Farraday stood on the quay at Saltmarsh Point as the strike went \
        on. Caspar Wenlock, who runs the harbour, would not say when the ferries might sail \
        again. Traders on the island told this paper they had lost a week of sales, and a \
        fishmonger said she had thrown away two crates of herring. The union wants a new \
        rota; the line says it cannot afford one before the summer timetable.";
    write_files(
        dir,
        &[
            (
                "wire.jsonl",
                jsonl(
                    "w1",
                    "2023-05-04",
                    "Ferry strike enters second week",
                    &original,
                )
                .as_bytes(),
            ),
            (
                "courier.jsonl",
                jsonl(
                    "c1",
                    "2023-05-05",
                    "Island cut off as ferry crews stay out",
                    &reprint,
                )
                .as_bytes(),
            ),
            (
                "gazette.jsonl",
                jsonl(
                    "g1",
                    "2023-05-05",
                    "On the quay with the strikers",
                    independent,
                )
                .as_bytes(),
            ),
        ],
    );
}

fn copies_json(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = newsdex()
        .arg("copies")
        .arg("--index")
        .arg(index)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)));
    json_lines(&output)
}

/// The groups as sorted lists of article ids, sorted.
fn groups(index: &Path) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = copies_json(index, &[])
        .iter()
        .map(|group| {
            let mut ids: Vec<String> = group["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["article_id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    groups.sort();
    groups
}

fn search_ids(index: &Path, args: &[&str]) -> Vec<(String, usize)> {
    let output = newsdex()
        .arg("search")
        .arg("--index")
        .arg(index)
        .args(args)
        .args(["--json", "-n", "20"])
        .output()
        .unwrap();
    assert_success(&output);
    json_lines(&output)
        .iter()
        .map(|hit| {
            (
                hit["article_id"].as_str().unwrap().to_string(),
                hit["copies"].as_array().unwrap().len(),
            )
        })
        .collect()
}

#[test]
fn a_trimmed_reprint_is_grouped_and_an_independent_report_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "w1"]]);
    let group = &copies_json(&index, &[])[0];
    assert_eq!(group["size"], 2);
    let first = &group["articles"][0];
    for key in ["article_id", "path", "line", "title", "date", "source"] {
        assert!(first.get(key).is_some(), "{key} missing in {group}");
    }
    // Oldest first.
    assert_eq!(first["article_id"], "w1");
    assert_eq!(first["source"], "wire");
    // A query or filter lists the groups with a matching member only.
    assert_eq!(copies_json(&index, &["herring"]).len(), 0);
    assert_eq!(copies_json(&index, &["--source", "courier"]).len(), 1);
    let text = newsdex()
        .args(["copies", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_success(&text);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("2 copies\n"), "{text}");
    assert!(
        text.contains("Island cut off as ferry crews stay out"),
        "{text}"
    );
}

#[test]
fn search_folds_copies_and_all_copies_unfolds_them() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    let folded = search_ids(&index, &["Farraday Wenlock"]);
    assert_eq!(folded.len(), 2, "{folded:?}");
    let story = folded.iter().find(|(id, _)| id != "g1").unwrap();
    assert_eq!(story.1, 1, "{folded:?}");
    assert!(folded.iter().any(|(id, copies)| id == "g1" && *copies == 0));
    let all = search_ids(&index, &["Farraday Wenlock", "--all-copies"]);
    let mut ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["c1", "g1", "w1"]);
    assert!(all.iter().all(|(_, copies)| *copies == 0));

    let text = newsdex()
        .args(["search", "Farraday", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("+1 copy: "), "{text}");

    let count = newsdex()
        .args(["search", "Farraday", "--count", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let count = String::from_utf8(count.stdout).unwrap();
    assert!(count.starts_with("3 articles, 2 stories, "), "{count}");

    // Every file of the matches, copies included.
    let files = newsdex()
        .args(["search", "Farraday", "-l", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(files.stdout).unwrap().lines().count(), 3);
}

#[test]
fn stories_count_each_group_once() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    let timeline = |stories: bool| -> u64 {
        let mut command = newsdex();
        command
            .args(["timeline", "Farraday", "--by", "year", "--json", "--index"])
            .arg(&index);
        if stories {
            command.arg("--stories");
        }
        let output = command.output().unwrap();
        assert_success(&output);
        json_lines(&output)
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(timeline(false), 3);
    assert_eq!(timeline(true), 2);
}

#[test]
fn incremental_runs_group_new_copies_and_regroup_after_deletes_like_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let courier = std::fs::read(news.join("courier.jsonl")).unwrap();
    std::fs::remove_file(news.join("courier.jsonl")).unwrap();
    let index = dir.path().join("index");
    let fresh_groups = |label: &str| {
        let fresh = dir.path().join(format!("fresh-{label}"));
        assert_success(&run_index(&fresh, &[&news]));
        groups(&fresh)
    };

    // The original alone: no group.
    assert_success(&run_index(&index, &[&news]));
    assert!(groups(&index).is_empty());

    // A reprint arrives in a later run: grouped with the old article.
    std::fs::write(news.join("courier.jsonl"), &courier).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "w1"]]);
    assert_eq!(groups(&index), fresh_groups("added"));

    // A third copy, then one member deleted: the group keeps the other two.
    let paragraphs = story_paragraphs();
    let third = jsonl(
        "h1",
        "2023-05-06",
        "Ferry strike drags on",
        &paragraphs[..7].join("\n\n"),
    );
    std::fs::write(news.join("herald.jsonl"), third).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "h1", "w1"]]);
    std::fs::remove_file(news.join("wire.jsonl")).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "h1"]]);
    assert_eq!(groups(&index), fresh_groups("deleted"));

    // A member changed into another story: the group is gone.
    std::fs::write(
        news.join("herald.jsonl"),
        jsonl(
            "h1",
            "2023-05-06",
            "Lighthouse repainted",
            "The Saltmarsh Point lighthouse got a fresh coat of red and white paint this spring.",
        ),
    )
    .unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert!(groups(&index).is_empty());
    assert_eq!(groups(&index), fresh_groups("changed"));
}

/// A story of the lock trust, also carried as one of five items of a weekly roundup (27% of
/// the roundup's text), and a wire story re-sent with words rewritten in four places and a
/// sentence added.
fn roundup_and_resend(dir: &Path) {
    let story = "The Orrin Cross lock keepers agreed on Tuesday to open the upper gates an hour \
        earlier through the summer, after barge crews complained of queues that reached back to \
        the old tannery. Keeper Ansel Brody said the change would cost the trust little, since the \
        pumps already run at dawn. Crews carrying gravel from Hobbin Quarry had waited up to three \
        hours on busy mornings, and two skippers said they had lost contracts to road hauliers as a \
        result. The trust will review the hours in September, when the holiday boats thin out and \
        the gravel season ends. A ferryman at the lower basin welcomed the decision but asked for a \
        second keeper on weekends.";
    let others = [
        "Tamsby market traders voted to move the Saturday fair to the school field while the \
         square is repaved, a job the council expects to finish before the harvest show. \
         Stallholders said the field is flatter but farther from the bus stop, and asked for signs \
         on the high road. The fair keeps its hours and its fees, and the cattle pens stay by the \
         station yard where they have stood since the railway came.",
        "Welford Mere sailing club launched its new rescue launch on Sunday, bought with money \
         raised by a sponsored swim across the mere last August. The launch replaces a rowing boat \
         that served for thirty years, and the club says it can now reach any part of the water \
         within four minutes. Junior members painted the name on the bow, choosing Heron after a \
         vote at the clubhouse.",
        "Quillan library will open on Thursday evenings from next month, after a survey found \
         that most borrowers work during its daytime hours. Volunteers from the reading circle \
         will staff the extra evening, and the parish has agreed to light the lane to the door. \
         The mobile van that serves the hill farms keeps its fortnightly round, with a new stop at \
         the chapel in Gorse End.",
        "Bramwick bell ringers rang a full peal on Saturday for the first time since the tower \
         was repaired, three hours and ten minutes without a fault, the captain of the tower said. \
         Ringers came from four parishes to make up the band, and the vicar thanked the builders \
         who recast the tenor bell's frame in the spring. Visitors may climb the tower on the \
         first Sunday of each month, and the ringers practise on Wednesday nights and welcome \
         learners of any age who can manage the ladder to the ringing chamber.",
    ];
    let roundup = [others[0], story, others[1], others[2], others[3]].join("\n\n");
    let wire = "Shipping on the Carrow estuary was halted for six hours on Monday after a grain \
        carrier lost power and drifted across the main channel near Fenner Point, the harbour \
        authority said. Tugs from Carrow docks took the vessel in tow by noon and berthed it at \
        the south wharf, where engineers from the owner were inspecting a failed fuel pump. Eleven \
        ships waited at anchor off the bar while the channel was closed, and two ferries to the \
        islands were cancelled. The authority said no one was hurt and no cargo was lost, and it \
        would ask the owner for a report on the pump before the carrier sails again.";
    let resent = wire
        .replace("halted", "stopped")
        .replace("drifted across", "drifted over")
        .replace("Eleven ships", "Eleven vessels")
        .replace("were cancelled", "were called off")
        + " Pilots said the tide had helped the tugs.";
    let wires = jsonl(
        "w1",
        "2023-06-12",
        "Grain carrier blocks Carrow channel",
        wire,
    ) + &jsonl(
        "w2",
        "2023-06-12",
        "Carrow channel reopens after grain ship drifts",
        &resent,
    );
    write_files(
        dir,
        &[
            (
                "digest.jsonl",
                jsonl("d1", "2023-06-13", "Around the valley this week", &roundup).as_bytes(),
            ),
            (
                "trust.jsonl",
                jsonl(
                    "t1",
                    "2023-06-13",
                    "Upper lock gates to open earlier",
                    story,
                )
                .as_bytes(),
            ),
            ("wire.jsonl", wires.as_bytes()),
        ],
    );
}

#[test]
fn a_rewritten_resend_is_grouped_and_one_item_of_a_roundup_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    roundup_and_resend(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["w1", "w2"]]);
}

/// A made-up story of about 160 words drawn from syllables by a seeded generator: stories
/// of other seeds share no run of five words with it.
fn invented_story(seed: u64) -> Vec<String> {
    const SYLLABLES: [&str; 16] = [
        "ka", "lor", "vem", "tis", "bru", "oda", "nel", "fip", "sar", "gum", "ith", "pol", "rhe",
        "dax", "mun", "zel",
    ];
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..8)
        .map(|_| {
            (0..20)
                .map(|_| {
                    let n = next();
                    (0..3)
                        .map(|i| SYLLABLES[((n >> (4 * i)) & 15) as usize])
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect()
}

/// A reprint of a story: a byline on top and the last two paragraphs cut.
fn reprint_of(paragraphs: &[String], byline: &str) -> String {
    format!(
        "{byline}\n\n{}",
        paragraphs[..paragraphs.len() - 2].join("\n\n")
    )
}

#[test]
fn an_incremental_run_of_added_changed_deleted_and_moved_articles_writes_a_rebuilds_groups() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    let stories: Vec<Vec<String>> = (1..=6).map(invented_story).collect();
    let day = |d: u32| format!("2024-03-{d:02}");
    let original = |n: usize, d: u32| {
        jsonl(
            &format!("orig{n}"),
            &day(d),
            &format!("Dispatch number {n} from the valley of Quenmoor"),
            &stories[n].join("\n\n"),
        )
    };
    let reprint = |id: &str, n: usize, d: u32| {
        jsonl(
            id,
            &day(d),
            &format!("Reprinted: valley report {n}"),
            &reprint_of(&stories[n], "By the Quenmoor Observer"),
        )
    };
    let originals: String = (0..5).map(|n| original(n, 10 + n as u32)).collect();
    write_files(
        &news,
        &[
            ("desk.jsonl", originals.as_bytes()),
            (
                "observer.jsonl",
                (reprint("obs0", 0, 11) + &reprint("obs1", 1, 12)).as_bytes(),
            ),
            ("ledger.jsonl", reprint("led3", 3, 14).as_bytes()),
            (
                "almanac.jsonl",
                (original(5, 20) + &reprint("alm5", 5, 21)).as_bytes(),
            ),
        ],
    );
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(
        groups(&index),
        [
            ["alm5", "orig5"],
            ["led3", "orig3"],
            ["obs0", "orig0"],
            ["obs1", "orig1"]
        ]
    );

    // Next run: an unrelated article on top of the desk's file moves every original one line
    // down (indexed again, with the same signature); one reprint is rewritten into another
    // story; a file is gone; reprints of an old article and of a grouped one arrive.
    let unrelated = jsonl(
        "note",
        &day(9),
        "Desk note",
        &invented_story(40).join("\n\n"),
    );
    std::fs::write(news.join("desk.jsonl"), unrelated + &originals).unwrap();
    std::fs::write(
        news.join("observer.jsonl"),
        reprint("obs0", 0, 11)
            + &jsonl(
                "obs1",
                &day(12),
                "Reprinted: valley report 1",
                &invented_story(41).join("\n\n"),
            ),
    )
    .unwrap();
    std::fs::remove_file(news.join("ledger.jsonl")).unwrap();
    std::fs::write(
        news.join("herald.jsonl"),
        reprint("her2", 2, 13) + &reprint("her0", 0, 12),
    )
    .unwrap();
    assert_success(&run_index(&index, &[&news]));
    let listed = |index: &Path| {
        let output = newsdex()
            .args(["copies", "--json", "--index"])
            .arg(index)
            .output()
            .unwrap();
        assert_success(&output);
        output.stdout
    };
    let fresh = dir.path().join("fresh");
    assert_success(&run_index(&fresh, &[&news]));
    assert_eq!(
        groups(&index),
        [
            vec!["alm5", "orig5"],
            vec!["her0", "obs0", "orig0"],
            vec!["her2", "orig2"]
        ]
    );
    assert_eq!(
        String::from_utf8(listed(&index)).unwrap(),
        String::from_utf8(listed(&fresh)).unwrap(),
        "the lines of the moved originals are shown as a rebuild shows them"
    );

    // And once more, from what that run kept: the note gone, the originals back up a line.
    std::fs::write(news.join("desk.jsonl"), &originals).unwrap();
    assert_success(&run_index(&index, &[&news]));
    let again = dir.path().join("again");
    assert_success(&run_index(&again, &[&news]));
    assert_eq!(listed(&index), listed(&again));
}

/// A miller's dividend notice, with `closing` as the middle of its last sentence.
fn miller_notice(closing: &str) -> String {
    format!(
        "Qtly div 31 cts vs 31 cts prior. Pay August 14. Record July 28. The miller also said \
         {closing}, when Anton Grieve retires after nineteen years."
    )
}

#[test]
fn a_notice_resent_under_another_headline_of_its_ticker_joins_it_in_a_later_run() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    let index = dir.path().join("index");
    let first =
        miller_notice("its board had named Petra Lisle treasurer from the first of the month");
    let independent = "Analysts at Harl and Rook said the 31 cent payout of Corvale Mills looked \
        safe for the rest of the year, since flour prices have held up and the mill at Tarrow \
        runs at full shifts; the shares rose 15 cents on the news.";
    write_files(
        &news,
        &[
            (
                "wire-1.jsonl",
                (jsonl(
                    "n1",
                    "2023-07-10",
                    "CORVALE MILLS <CVM> SETS QUARTERLY",
                    &first,
                ) + &jsonl(
                    "n2",
                    "2023-07-10",
                    "ALDER FOODS <ALF> SETS QUARTERLY",
                    &first,
                ))
                    .as_bytes(),
            ),
            (
                "desk.jsonl",
                jsonl(
                    "a1",
                    "2023-07-11",
                    "CORVALE MILLS <CVM> PAYOUT SEEN SAFE",
                    independent,
                )
                .as_bytes(),
            ),
        ],
    );
    assert_success(&run_index(&index, &[&news]));
    // One notice for two companies, and another report on the same payout: no copies.
    assert!(groups(&index).is_empty());
    // The notice re-sent the next day, its last sentence reworded, under a reworded headline.
    let resent = miller_notice(
        "Petra Lisle had been named treasurer by its board from the first of the month",
    );
    write_files(
        &news,
        &[(
            "wire-2.jsonl",
            jsonl(
                "r1",
                "2023-07-11",
                "CORVALE MILLS INC <CVM> DECLARES QTLY DIVIDEND",
                &resent,
            )
            .as_bytes(),
        )],
    );
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["n1", "r1"]]);
}
