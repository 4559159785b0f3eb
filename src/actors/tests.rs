//! Tests for actor extraction: the seed article, tricky cases, byte ranges.

use super::*;

/// Seed article 000_d607fba8ada77d04 (2022-01-03).
const SEED_TITLE: &str = "Deep differences between US and Russia ahead of Ukraine talks";
const SEED_BODY: &str = r#"Ahead of talks between US President Joe Biden and Russian President Vladimir Putin over the deployment of Russian troops along the Ukraine border, deep differences between the two have come to the fore.

Ahead of talks between US President Joe Biden and Russian President Vladimir Putin over the deployment of Russian troops along the Ukraine border, deep differences between the two have come to the fore. One round of talks have taken place between the two. After the talks, both sides have expressed hope that a path to de-escalation could be opened during the diplomatic talks scheduled for January. The talks have been set for January 9 and 10 in Geneva.

Regarding the latest developments, Biden said that he advised Putin during a phone conversation that the upcoming talks can be meaningful only if Russian leaders defuse tensions in the coming days. The US president said he also sought to make it clear to Putin that the US and its allies are ready to impose punitive sanctions on Russia if Russia invades Ukraine further.

“I have made it clear to President Putin that if he takes further steps in Ukraine, we will be subjected to severe sanctions,” Biden said. “We will increase our presence in Europe with NATO allies,” he said. Biden’s national security team turned its attention on Friday to preparations for the Geneva talks, scheduled for January 9 and 10, to discuss Russia’s deployment of about 100,000 troops to its border with Ukraine.

Biden spoke to Ukrainian President Volodymyr Zelensky on the phone on Sunday. According to the White House, the two leaders plan to review preparations for upcoming diplomatic activities. Meanwhile, a top Putin aide said Russia stood by its demands for written security guarantees. He said Russia wants it codified that any future expansion of NATO should exclude Ukraine and other former Soviet countries."#;

fn names(title: &str, body: &str) -> Vec<(String, ActorKind)> {
    extract_actors(title, body)
        .into_iter()
        .map(|m| (m.name, m.kind))
        .collect()
}

fn has(v: &[(String, ActorKind)], name: &str, kind: ActorKind) -> bool {
    v.iter().any(|(n, k)| n == name && *k == kind)
}

fn check_ranges(title: &str, body: &str) {
    for m in extract_actors(title, body) {
        for (text, ranges) in [(title, &m.title_mentions), (body, &m.mentions)] {
            for &(s, e) in ranges {
                assert!(s < e && e <= text.len(), "{m:?}");
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{m:?}"
                );
                let spaced = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
                let got = spaced.as_str();
                let (canon, _) = Gazetteer::builtin().resolve(got).unwrap_or((got, m.kind));
                let last = m.name.rsplit(' ').next().unwrap_or("");
                assert!(
                    canon == m.name
                        || got.eq_ignore_ascii_case(&m.name)
                        || m.aliases.iter().any(|a| got.trim_end_matches("'s") == a)
                        || got.eq_ignore_ascii_case(last),
                    "{got:?} is not a mention of {}",
                    m.name
                );
            }
        }
    }
}

#[test]
fn seed_article_actor_set() {
    use ActorKind::*;
    let got = names(SEED_TITLE, SEED_BODY);
    let expected = [
        ("Europe", Place),
        ("Geneva", Place),
        ("Joe Biden", Person),
        ("NATO", Org),
        ("Russia", Country),
        ("Soviet Union", Country),
        ("Ukraine", Country),
        ("United States", Country),
        ("Vladimir Putin", Person),
        ("Volodymyr Zelensky", Person),
        ("White House", Org),
    ];
    let expected: Vec<(String, ActorKind)> =
        expected.iter().map(|&(n, k)| (n.to_string(), k)).collect();
    assert_eq!(got, expected);
    for bad in [
        "Ahead",
        "Regarding",
        "Meanwhile",
        "According",
        "Friday",
        "Sunday",
        "January",
    ] {
        assert!(!got.iter().any(|(n, _)| n.contains(bad)), "{bad}");
    }
    check_ranges(SEED_TITLE, SEED_BODY);
    let all = extract_actors(SEED_TITLE, SEED_BODY);
    let us = all.iter().find(|m| m.name == "United States").unwrap();
    assert_eq!(us.title_mentions, vec![(25, 27)]);
    let biden = all.iter().find(|m| m.name == "Joe Biden").unwrap();
    assert!(biden.mentions.len() >= 6, "{biden:?}");
}

/// (title, body, actors that must be found, names that must not be)
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, ActorKind)],
    &'static [&'static str],
);

#[test]
fn tricky_cases() {
    use ActorKind::*;
    // (title, body, must contain, must not contain)
    let cases: &[Case] = &[
        ("", "US President Joe Biden spoke.", &[("Joe Biden", Person), ("United States", Country)], &["President"]),
        ("", "The U.S. and America agree.", &[("United States", Country)], &[]),
        ("", "Let us talk turkey about china plates.", &[], &["United States", "Turkey", "China"]),
        ("", "Turkey and China signed a deal.", &[("Turkey", Country), ("China", Country)], &[]),
        ("", "Biden’s plan and Russia’s reply.", &[("Joe Biden", Person), ("Russia", Country)], &[]),
        ("", "Putin's aide spoke.", &[("Vladimir Putin", Person)], &[]),
        ("", "Zelenskyy met Zelenskiy and Zelensky.", &[("Volodymyr Zelensky", Person)], &[]),
        ("", "The Kremlin said NATO and the North Atlantic Treaty Organization differ.", &[("Kremlin", Org), ("NATO", Org)], &["North Atlantic Treaty Organization"]),
        ("", "Russian President Vladimir Putin met Ukrainian troops.", &[("Russia", Country), ("Ukraine", Country)], &[]),
        ("", "Japanese exports rose while Soviet grain imports fell.", &[("Japan", Country), ("Soviet Union", Country)], &[]),
        ("BAHIA COCOA REVIEW", "", &[("Bahia", Place)], &[]),
        ("U.S. TREASURY SAYS WEST GERMANY MUST ACT", "", &[("United States", Country), ("West Germany", Country)], &[]),
        ("LET US PRAY", "", &[], &["United States"]),
        ("", "President Recep Tayyip Erdoğan and Erdogan's party.", &[("Recep Tayyip Erdoğan", Person)], &[]),
        ("", "Prime Minister Ana Brnabić visited Kyiv. Later Brnabić left Kiev.", &[("Ana Brnabić", Person), ("Kyiv", Place)], &["Later"]),
        ("", "Finance Minister Gerhard Stoltenberger-Wise said talks failed. Stoltenberger-Wise was upset.", &[("Gerhard Stoltenberger-Wise", Person)], &[]),
        ("", "John Quincey said on Monday that Quincey would resign.", &[("John Quincey", Person)], &["Monday"]),
        ("", "Meanwhile, According to Reuters, Ahead of talks on Friday in January.", &[], &["Meanwhile", "According", "Ahead", "Friday", "January"]),
        ("", "Sierra Semiconductor Corp said profits rose.", &[("Sierra Semiconductor", Org)], &["Sierra", "Sierra Semiconductor Corp"]),
        ("", "The European Community and the EEC met the EC in Brussels.", &[("European Community", Org), ("Brussels", Place)], &["Europe"]),
        ("", "He met the UN and the U.N. Security Council in Geneva.", &[("United Nations", Org), ("UN Security Council", Org), ("Geneva", Place)], &[]),
        ("", "He visited New Mexico and the Donbass.", &[("Donbas", Place)], &["Mexico"]),
        ("", "Managing Director Kristalina Georgieva said. Secretary-General Mathias Cormann spoke. Chief of General Staff Igor Kostyukov said.", &[("Kristalina Georgieva", Person), ("Mathias Cormann", Person), ("Igor Kostyukov", Person)], &["Director Kristalina Georgieva", "Staff Igor Kostyukov"]),
        ("", "Sergei Sobyanin Sobyanin SergeiMoscow", &[], &["Sergei Sobyanin Sobyanin SergeiMoscow"]),
        ("", "West German Finance Minister Gerhard Stoltenberg said rates held. Stoltenberg added more.", &[("Gerhard Stoltenberg", Person), ("West Germany", Country)], &["Jens Stoltenberg"]),
        ("", "NATO chief Stoltenberg spoke.", &[("Jens Stoltenberg", Person)], &[]),
        ("", "Salomon Brothers said profits rose in New\nJersey and NEW ZEALAND.", &[("New Zealand", Country), ("Salomon Brothers", Org)], &["Jersey"]),
        ("", "UN chief Ban Ki-moon met Nato and Us officials.", &[("Ban Ki-Moon", Person), ("NATO", Org), ("United Nations", Org)], &["United States"]),
        ("", "Prices in US$ rose; the anti-US mood grew.", &[("United States", Country)], &[]),
        ("", "First Alliance Corp and New Line Cinema met.", &[("First Alliance", Org)], &["Alliance Corp", "Alliance"]),
        ("", "She is a native Russian speaker and writes in Japanese.", &[], &["Russia", "Japan"]),
        ("", "Ukrainian troops held the line; Japanese exports fell.", &[("Ukraine", Country), ("Japan", Country)], &["Ukrainian"]),
        ("", "The U.S. Treasury and the Soviet Union's grain board met.", &[("United States", Country), ("Soviet Union", Country)], &[]),
        ("", "Recep Tayyip Erdoğan spoke. Later Erdoğan left for Ankara.", &[("Recep Tayyip Erdoğan", Person), ("Ankara", Place)], &["Erdoğan", "Later"]),
        ("", "Jean-Claude Juncker met Zelenskiy. Juncker said Zelenskyy agreed.", &[("Jean-Claude Juncker", Person), ("Volodymyr Zelensky", Person)], &["Juncker", "Zelenskiy"]),
        ("", "Ursula von der Leyen met Olaf Scholz in Berlin.", &[("Ursula von der Leyen", Person), ("Olaf Scholz", Person), ("Berlin", Place)], &["Germany"]),
    ];
    for (title, body, want, not) in cases {
        let got = names(title, body);
        for (n, k) in *want {
            assert!(
                has(&got, n, *k),
                "{title:?} {body:?}: missing {n} in {got:?}"
            );
        }
        for n in *not {
            assert!(
                !got.iter().any(|(g, _)| g == n),
                "{title:?} {body:?}: unexpected {n} in {got:?}"
            );
        }
        check_ranges(title, body);
    }
}

#[test]
fn dollar_sign_is_not_a_country_mention() {
    let all = extract_actors("", "Prices in US$ rose.");
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn resolve_aliases() {
    let g = Gazetteer::builtin();
    let r = |a: &str| g.resolve(a).map(|(n, k)| (n.to_string(), k));
    let us = Some(("United States".to_string(), ActorKind::Country));
    assert_eq!(r("US"), us);
    assert_eq!(r("us"), us);
    assert_eq!(r("U.S."), us);
    assert_eq!(r("America"), us);
    assert_eq!(
        r("putin"),
        Some(("Vladimir Putin".into(), ActorKind::Person))
    );
    assert_eq!(r("Biden"), Some(("Joe Biden".into(), ActorKind::Person)));
    assert_eq!(
        r("ERDOĞAN").map(|x| x.0),
        Some("Recep Tayyip Erdoğan".into())
    );
    assert_eq!(r("Kiev"), Some(("Kyiv".into(), ActorKind::Place)));
    assert_eq!(r("Soviet").map(|x| x.0), Some("Soviet Union".into()));
    assert_eq!(r("Kremlin").map(|x| x.1), Some(ActorKind::Org));
    assert_eq!(r("May"), None);
    assert_eq!(r("According"), None);
    assert_eq!(r(""), None);
}

#[test]
fn kinds_round_trip_and_serialize() {
    for k in [
        ActorKind::Person,
        ActorKind::Org,
        ActorKind::Country,
        ActorKind::Place,
    ] {
        assert_eq!(ActorKind::parse(k.as_str()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.as_str())
        );
    }
    assert_eq!(ActorKind::parse("bogus"), None);
}

#[test]
fn no_panics_on_odd_input() {
    let samples = [
        "",
        " ",
        "Delegates of the People’s Republic met in Lyon. Officials of Qarth Harbor agreed.",
        "Officials of the Peoples’ and Social Council met.",
        "LYON, May 4 (Harwell Wire) - Prices rose ’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’.",
        "’",
        "U.S",
        "U.S.A",
        "Ğ",
        "ÜS",
        "İstanbul İSTANBUL",
        "Mr",
        "President",
        "Mr. ",
        "said",
        "X said",
        "Русский Путин",
        "日本 Japan 日本",
        "Biden’",
        "Biden’s",
        "US-",
        "—Putin—",
        "\u{0}\u{feff}NATO\u{200b}",
        "A-B-C said",
        "Ki-",
        "'s",
        "’s Putin’s’s",
    ];
    for a in samples {
        for b in samples {
            let _ = extract_actors(a, b);
            check_ranges(a, b);
        }
    }
    // every split of the seed article (odd offsets land inside “ ” ’ too)
    let bounds: Vec<usize> = (0..=SEED_BODY.len())
        .filter(|&i| SEED_BODY.is_char_boundary(i))
        .collect();
    for &i in bounds.iter().step_by(5) {
        let (a, b) = SEED_BODY.split_at(i);
        check_ranges(&b.to_uppercase(), a);
        check_ranges(b, &a.to_lowercase());
    }
}

#[test]
fn wide_spaces_inside_and_after_names_do_not_panic() {
    // U+2003 EM SPACE and U+00A0 NO-BREAK SPACE occur in UN General Debate transcripts.
    let body = "THE PRESIDENT\u{2003}AND\u{2003}OF THE ASSEMBLY met President\u{a0}Joe\u{2003}Biden and\u{2003}Mr.\u{2003}Putin of\u{2003}Russia\u{2003}and\u{2003}";
    let actors = extract_actors("UN\u{2003}DEBATE", body);
    for actor in &actors {
        for &(start, end) in &actor.mentions {
            assert!(body.is_char_boundary(start) && body.is_char_boundary(end));
        }
    }
    assert!(actors.iter().any(|a| a.name == "Russia"), "{actors:?}");
}

#[test]
fn markup_and_punctuation_around_names_are_trimmed() {
    let body = "**Ukrainians!**\n\nGlory to **Ukraine!** We thank Hungary... and “Kyiv” stands.";
    let got = names("Address", body);
    for (name, _) in &got {
        assert!(
            name.chars().next().is_some_and(char::is_alphanumeric)
                && !name.ends_with(['!', '*', '.', '”']),
            "{name:?} in {got:?}"
        );
    }
    assert!(has(&got, "Ukraine", ActorKind::Country), "{got:?}");
    check_ranges("Address", body);
}

#[test]
fn names_broken_across_wrapped_lines_are_found() {
    // Reuters bodies are hard-wrapped at about 70 characters.
    let body = "Undersecretary of State Michael\nArmacost will visit Tokyo next week for meetings with\nhigh-level officials that will include talks with the United\nStates on the growing trade row and with the European\nCommunity on farm subsidies.\n\nThe Armacost discussions with Deputy Foreign Minister\nRyohei Murata will focus on foreign aid programs, she added.";
    let wrapped = extract_actors("U.S. OFFICIAL TO VISIT JAPAN", body);
    let flat = extract_actors("U.S. OFFICIAL TO VISIT JAPAN", &body.replace('\n', " "));
    // The same actors, at the same offsets, as in the text without line breaks.
    assert_eq!(wrapped, flat);
    let armacost = wrapped
        .iter()
        .find(|a| a.name.ends_with("Armacost"))
        .expect("Armacost found");
    assert_eq!(armacost.kind, ActorKind::Person);
    let first = &body[armacost.mentions[0].0..armacost.mentions[0].1];
    assert!(first.ends_with("Michael\nArmacost"), "{first:?}");
    // The lone surname later on is the same person, not an organisation.
    assert_eq!(armacost.mentions.len(), 2, "{armacost:?}");
    let got = names("U.S. OFFICIAL TO VISIT JAPAN", body);
    assert!(has(&got, "United States", ActorKind::Country), "{got:?}");
    assert!(has(&got, "European Community", ActorKind::Org), "{got:?}");
    assert!(!got.iter().any(|(n, _)| n == "Armacost"), "{got:?}");
    check_ranges("U.S. OFFICIAL TO VISIT JAPAN", body);
}

fn named(got: &[(String, ActorKind)], name: &str) -> bool {
    got.iter().any(|(n, _)| n == name)
}

#[test]
fn a_common_word_phrase_the_article_also_writes_in_lower_case_is_not_a_name() {
    let body = "Harvest Council members met in Lyon on Tuesday. The harvest council said prices \
                would rise, and Marta Quellin agreed.";
    let got = names("Harbor talks", body);
    assert!(!named(&got, "Harvest Council"), "{got:?}");
    assert!(has(&got, "Marta Quellin", ActorKind::Person), "{got:?}");
}

#[test]
fn common_words_capitalised_only_where_sentences_begin_are_not_names() {
    let body = "Heavy Rains said on Monday the dam would hold. Officials in Lyon agreed.\n\n\
                Golden Orchard said the harvest was poor. Analysts at Golden Orchard expect more.";
    let got = names("Storm", body);
    assert!(!named(&got, "Heavy Rains"), "{got:?}");
    // capitalised mid-sentence too: a name
    assert!(named(&got, "Golden Orchard"), "{got:?}");
}

#[test]
fn a_lone_common_word_after_the_or_a_number_word_is_not_an_actor() {
    let body = "Eleven Months\nNet profit 4.5 mln vs 3.2 mln\n\nTwelve farmers left. The Bureau \
                said exports fell. Officials of the Bureau declined to comment.";
    let got = names("Results", body);
    for junk in ["Bureau", "Eleven", "Eleven Months Net"] {
        assert!(!named(&got, junk), "{junk:?} in {got:?}");
    }
}

#[test]
fn common_word_gazetteer_aliases_still_need_their_capitals() {
    let body = "Turkey and Jordan signed a pact. The turkey was cooked and the georgia peach ripe.";
    let all = extract_actors("Pact", body);
    let turkey = all.iter().find(|a| a.name == "Turkey").expect("Turkey");
    assert_eq!(turkey.mentions, vec![(0, 6)]);
    assert!(all.iter().any(|a| a.name == "Jordan"), "{all:?}");
    assert!(!all.iter().any(|a| a.name == "Georgia"), "{all:?}");
}

fn actor<'a>(all: &'a [ActorMatch], name: &str) -> &'a ActorMatch {
    all.iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} not in {all:?}"))
}

#[test]
fn short_forms_resolve_to_the_longer_name_of_the_article_and_become_aliases() {
    let body = "The General Assembly of the Weavers Union met in Lyon on Monday. Delegates said \
                the Union would vote. The Union also heard the mayor.\n\nThe Economic and Social \
                Council met. Members of the Social Council agreed.";
    let all = extract_actors("Session", body);
    let union = actor(&all, "Weavers Union");
    assert_eq!(union.mentions.len(), 3, "{union:?}");
    assert_eq!(union.aliases, vec!["Union".to_string()]);
    let council = actor(&all, "Economic and Social Council");
    assert_eq!(council.aliases, vec!["Social Council".to_string()]);
    assert!(
        !all.iter()
            .any(|a| a.name == "Union" || a.name == "Social Council"),
        "{all:?}"
    );
    check_ranges("Session", body);
}

#[test]
fn a_proper_name_ending_a_longer_name_as_its_complement_stays_itself() {
    let body = "The Municipality of Arezzo asked for taxes. Schools in Arezzo, Tuscany, refused.";
    let all = extract_actors("Taxes", body);
    assert!(all.iter().any(|a| a.name == "Arezzo"), "{all:?}");
}

#[test]
fn given_names_and_surnames_alone_are_the_person_and_become_aliases() {
    let body = "Paulo Venn spoke in Lyon. Delegates later heard Venn again. Paulo said more.";
    let all = extract_actors("Session", body);
    let venn = actor(&all, "Paulo Venn");
    assert_eq!(venn.mentions.len(), 3, "{venn:?}");
    assert_eq!(venn.aliases, vec!["Paulo".to_string(), "Venn".to_string()]);
    // two people share the given name: it names neither
    let body = "Paulo Venn met Paulo Roma in Lyon. Paulo said more.";
    let all = extract_actors("Session", body);
    assert!(!all.iter().any(|a| a.name == "Paulo"), "{all:?}");
    check_ranges("Session", body);
}

#[test]
fn acronyms_defined_in_either_order_are_the_long_forms_actor() {
    let bodies = [
        "The Harbor Workers Federation (HWF) met in Lyon. Officials of the HWF said wages fell, \
         and HWF leaders agreed.",
        "Officials from the HWF (Harbor Workers Federation) said on Monday that the HWF would \
         strike in Lyon.",
        "The Harbor Workers Federation, or HWF, met in Lyon. The HWF expects more.",
    ];
    for body in bodies {
        let all = extract_actors("Wages", body);
        let union = actor(&all, "Harbor Workers Federation");
        assert_eq!(union.kind, ActorKind::Org);
        assert_eq!(union.aliases, vec!["HWF".to_string()], "{body}");
        let n_acronym = body.matches("HWF").count();
        assert_eq!(union.mentions.len(), n_acronym + 1, "{union:?}");
        assert!(!all.iter().any(|a| a.name == "HWF"), "{all:?}");
        check_ranges("Wages", body);
    }
}

#[test]
fn a_contracted_acronym_defined_in_the_text_is_the_long_forms_actor() {
    // letters taken from inside the words, not only their initials
    let bodies = [
        "The Andean Maritime Union (ANDMARU) met in Lyon. Officials of ANDMARU said fares rose.",
        "The Velmoran Cooperative Dairy Board (VECODAB) met in Lyon. VECODAB expects more.",
    ];
    for body in bodies {
        let all = extract_actors("Fares", body);
        let acronym = body[body.find('(').unwrap() + 1..body.find(')').unwrap()].to_string();
        let long = all
            .iter()
            .find(|a| a.aliases.contains(&acronym))
            .unwrap_or_else(|| panic!("{acronym} is nobody's alias: {all:?}"));
        assert_eq!(long.kind, ActorKind::Org, "{long:?}");
        assert_eq!(long.mentions.len(), 3, "{long:?}");
        assert!(!all.iter().any(|a| a.name == acronym), "{all:?}");
        check_ranges("Fares", body);
    }
    // a bracketed acronym whose letters the words before it cannot spell defines nothing
    let all = extract_actors("Fares", "The Andean Maritime Union (ZORBAX) met in Lyon.");
    assert!(
        !all.iter().any(|a| a.aliases.iter().any(|x| x == "ZORBAX")),
        "{all:?}"
    );
}

#[test]
fn events_and_vessels_named_in_an_article_are_not_its_actors() {
    let body = "Thousands came to the Harrowgate Lantern Festival on Saturday, said Mayor Edda \
                Quillon. The crew of HMS Tarnwick sailed from Portsmouth on Monday, and Tarnwick \
                returned on Friday with Captain Oren Vasko aboard. Tickets for the KELMA Harbour \
                Regatta Championship sold out in an hour.";
    let all = extract_actors("Lanterns", body);
    for gone in [
        "Harrowgate Lantern Festival",
        "HMS Tarnwick",
        "Tarnwick",
        "KELMA Harbour Regatta Championship",
    ] {
        assert!(!all.iter().any(|a| a.name == gone), "{gone}: {all:?}");
    }
    // the acronym opening an event's name is its organiser
    assert!(
        has(&names("Lanterns", body), "KELMA", ActorKind::Org),
        "{all:?}"
    );
    for kept in ["Edda Quillon", "Oren Vasko"] {
        assert!(
            has(&names("Lanterns", body), kept, ActorKind::Person),
            "{kept}: {all:?}"
        );
    }
    check_ranges("Lanterns", body);
}

#[test]
fn a_long_form_the_tagger_split_is_one_name() {
    let body = "The Organisation for Economic Co-operation and Development (OECD) said growth \
                slowed. The OECD expects more.";
    let all = extract_actors("Growth", body);
    let name = "Organisation for Economic Co-operation and Development";
    assert_eq!(actor(&all, name).aliases, vec!["OECD".to_string()]);
    assert!(
        !all.iter().any(
            |a| a.name.starts_with("Organisation for Economic Co-operation") && a.name != name
        ),
        "{all:?}"
    );
}

#[test]
fn a_name_split_at_and_stays_whole() {
    let body = "Delegates of the Economic and Social Council met.";
    let all = extract_actors("Session", body);
    assert!(
        all.iter().any(|a| a.name == "Economic and Social Council"),
        "{all:?}"
    );
    // two names joined by "and" stay two
    let got = names("Session", "Ministers of Belgium and Denmark met.");
    assert!(named(&got, "Belgium") && named(&got, "Denmark"), "{got:?}");
}

#[test]
fn two_names_the_tagger_ran_together_over_and_are_two() {
    let body = "Analysts at Quellmark Corp and Dunmere Brothers disagreed. Officials of the \
                Bundesbank and Bank of Japan met on Monday.";
    let got = names("Markets", body);
    assert!(
        !got.iter().any(|(name, _)| name.contains(" and ")),
        "{got:?}"
    );
    assert!(named(&got, "Bank of Japan"), "{got:?}");
}

#[test]
fn a_title_word_beginning_an_organisation_name_is_kept() {
    let all = extract_actors(
        "Mines",
        "Officials of the Chief Directorate of Mines said output rose.",
    );
    assert!(
        all.iter().any(|a| a.name == "Chief Directorate of Mines"),
        "{all:?}"
    );
}

#[test]
fn a_capitalised_stop_word_ending_a_name_stays_in_it() {
    let all = extract_actors("Talks", "Talks went well, said Theresa May on Monday.");
    assert!(all.iter().any(|a| a.name == "Theresa May"), "{all:?}");
    assert!(!all.iter().any(|a| a.name == "Theresa"), "{all:?}");
}

#[test]
fn legal_suffixes_are_dropped_from_company_names_and_kept_as_aliases() {
    let body =
        "Quarrow Mining Co Inc said profits rose. Tellin Corp. also gained. Tellin said more.";
    let all = extract_actors("Profits", body);
    let quarrow = actor(&all, "Quarrow Mining");
    assert_eq!(quarrow.aliases, vec!["Quarrow Mining Co Inc".to_string()]);
    let tellin = actor(&all, "Tellin");
    assert_eq!(tellin.mentions.len(), 2, "{tellin:?}");
    assert_eq!(tellin.aliases, vec!["Tellin Corp.".to_string()]);
    check_ranges("Profits", body);
}

#[test]
fn a_company_named_by_its_first_word_is_that_company() {
    let body =
        "Analysts at Grayson Freight Lines Inc expect more. Grayson said on Monday it would hire.";
    let all = extract_actors("Freight", body);
    let grayson = all
        .iter()
        .find(|a| a.name.starts_with("Grayson Freight"))
        .expect("Grayson");
    assert!(grayson.aliases.contains(&"Grayson".to_string()), "{all:?}");
    assert!(!all.iter().any(|a| a.name == "Grayson"), "{all:?}");
}

#[test]
fn wire_signatures_bylines_and_dateline_credits_are_not_mentions() {
    let body = "LYON, May 4 (Harwell Wire) - Prices rose in Lyon, a survey by Harwell Wire \
                showed.\n\nAnalysts in Lyon agreed on Monday.\n HARWELL";
    let all = extract_actors("Prices", body);
    let wire = actor(&all, "Harwell Wire");
    // the mention in the running text only
    assert_eq!(wire.mentions, vec![(62, 74)], "{wire:?}");
    assert!(
        !all.iter().any(|a| a.name.eq_ignore_ascii_case("Harwell")),
        "{all:?}"
    );
    let body =
        "By Tomas Quill\nPrices rose in Lyon on Monday, officials said.\n\nAnalysts agreed, \
                and prices fell.        HARWELL";
    let all = extract_actors("Prices", body);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].name, "Lyon");
}

#[test]
fn a_firm_of_two_names_with_a_possessive_stays_whole() {
    let all = extract_actors("Ratings", "Shares of Garnet and Hollis's Corp rose.");
    assert!(
        all.iter().any(|a| a.name == "Garnet and Hollis's"),
        "{all:?}"
    );
    assert!(!all.iter().any(|a| a.name == "Garnet"), "{all:?}");
}

#[test]
fn the_common_word_ending_a_title_is_not_an_actor() {
    let got = names(
        "Prices",
        "Prices rose, the Minister of Harbors said on Monday in Lyon. Officials asked the \
         Minister of Harbors to act.",
    );
    assert!(!named(&got, "Harbors"), "{got:?}");
}

#[test]
fn a_typographic_apostrophe_names_what_a_straight_one_does() {
    let gazetteer = crate::actors::Gazetteer::builtin();
    assert_eq!(
        gazetteer.resolve("People’s Republic of China"),
        gazetteer.resolve("People's Republic of China")
    );
    assert!(gazetteer.resolve("People’s Republic of China").is_some());
}

#[test]
fn a_name_written_with_a_firms_legal_tail_is_an_organisation_with_its_partners() {
    let body = "The firm named Quillan, Marrowby and Co Inc as lead manager. Quillan \
                Marrowby said demand was strong.";
    let all = extract_actors("Notes", body);
    assert!(all.iter().all(|a| a.kind == ActorKind::Org), "{all:?}");
    assert!(
        all.iter().any(|a| a.name == "Quillan, Marrowby"
            && a.aliases == ["Quillan, Marrowby and Co Inc"]),
        "{all:?}"
    );
}

#[test]
fn a_conjunction_before_a_legal_suffix_goes_with_it() {
    let all = extract_actors(
        "Advisers",
        "It hired Darrow Tennick And Co Inc, its adviser, on Monday.",
    );
    assert!(
        all.iter()
            .any(|a| a.name == "Darrow Tennick" && a.kind == ActorKind::Org),
        "{all:?}"
    );
    assert!(!all.iter().any(|a| a.name.ends_with("And")), "{all:?}");
}

#[test]
fn the_employer_of_an_analyst_is_an_organisation() {
    let body = "Shares rose 5 pct, said Ann Voss, a Pellby Strand analyst. Pellby Strand \
                raised its forecast.";
    let got = names("Shares", body);
    assert!(has(&got, "Pellby Strand", ActorKind::Org), "{got:?}");
    assert!(has(&got, "Ann Voss", ActorKind::Person), "{got:?}");
}

#[test]
fn a_name_of_several_words_after_a_lower_case_the_is_no_person() {
    let body = "Ostrava Velka, chairman of the Zemska Rada, spoke on Monday. The bill went \
                to the Zemska Rada on Tuesday.";
    let got = names("Bill", body);
    assert!(!has(&got, "Zemska Rada", ActorKind::Person), "{got:?}");
    assert!(has(&got, "Zemska Rada", ActorKind::Org), "{got:?}");
}

#[test]
fn a_titles_wire_slug_is_not_an_actor() {
    let body = "Rates rose in Lyon on Monday, dealers said.";
    let all = extract_actors("QXWR - Rates rise in Lyon", body);
    let listed: Vec<&str> = all.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(listed, ["Lyon"], "{all:?}");
    // a code the body names is kept
    let all = extract_actors("OPEC - Output cut", "OPEC agreed to cut output.");
    assert!(all.iter().any(|a| a.name == "OPEC"), "{all:?}");
}

#[test]
fn a_common_word_after_this_is_a_short_form_not_an_actor() {
    for word in ["Pavilion", "Rotunda"] {
        let body =
            format!("Since 1945, this {word} has seen many leaders. In this {word}, we speak.");
        let got = names("Speech", &body);
        assert!(!named(&got, word), "{got:?}");
    }
}

#[test]
fn a_typographic_apostrophe_matches_the_gazetteers_straight_one() {
    let gazetteer = Gazetteer::from_tsv(&["Tarrow's Landing\tplace\tTarrow's\n"]);
    let mut hits = Vec::new();
    gazetteer.scan("Boats left Tarrow’s Landing at dawn.", false, &mut hits);
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].start, hits[0].end), (11, 29));
}

#[test]
fn two_names_before_a_legal_suffix_are_one_firm_even_opening_a_sentence() {
    let v = names(
        "",
        "Harrowgate and Quillon's Corp said it lowered its rating. Analysts at Harrowgate and Quillon's Corp agreed.",
    );
    assert!(has(&v, "Harrowgate and Quillon's", ActorKind::Org), "{v:?}");
    assert!(
        !v.iter().any(|(n, _)| n == "Quillon's" || n == "Harrowgate"),
        "{v:?}"
    );
}

#[test]
fn a_name_written_only_inside_a_documents_name_is_no_actor() {
    let v = names(
        "",
        "Both sides said they would honour the Varnholt accords. The accords followed the Declaration on the Freedom of Tarrow Fishing.",
    );
    // the tagger may take the modifier for a place; it is no organisation or person
    let actor = |(n, k): &(String, ActorKind)| {
        matches!(k, ActorKind::Org | ActorKind::Person)
            && (n.contains("Varnholt") || n.contains("Freedom"))
    };
    assert!(!v.iter().any(actor), "{v:?}");
    // named on its own once: an actor
    let v = names(
        "",
        "The Varnholt accords were signed at Varnholt Castle by Odile Brannagh. Varnholt Castle hosted the talks.",
    );
    assert!(v.iter().any(|(n, _)| n.contains("Varnholt")), "{v:?}");
}

#[test]
fn an_administrative_head_before_of_belongs_to_the_places_name() {
    let v = names(
        "",
        "Residents of the District of Tarrowmere voted on Tuesday, and officials of the District of Tarrowmere counted the ballots.",
    );
    assert!(!has(&v, "Tarrowmere", ActorKind::Place), "{v:?}");
}

#[test]
fn a_place_after_a_head_and_of_after_a_multibyte_mark_is_extracted_without_panic() {
    check_ranges(
        "",
        "It said—District of Tarrowmere—that the ‘City of Ostravel’ voted, and “Region of Kel” too.",
    );
}

#[test]
fn a_legal_suffix_ending_a_sentence_does_not_run_into_the_next_one() {
    let body =
        "Orders rose at Quillmark Inc. Traders expected more. Margins fell at Torvane Corp. \
                Brokers were calm.";
    let all = extract_actors("", body);
    let quill = actor(&all, "Quillmark");
    assert_eq!(quill.kind, ActorKind::Org);
    assert!(named(&names("", body), "Torvane"), "{all:?}");
    assert!(
        all.iter()
            .all(|m| !m.name.contains("Traders") && !m.name.contains("Brokers")),
        "{all:?}"
    );
}

#[test]
fn an_era_after_a_year_is_neither_a_name_nor_part_of_one() {
    let body = "The granary was sealed around 250 A.D. UNESCO lists it today. Coins of A.D. 90 \
                lay beside it.";
    let got = names("", body);
    assert!(named(&got, "UNESCO"), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.contains("A.D")), "{got:?}");
}

#[test]
fn a_demonym_inside_a_places_name_adds_no_country() {
    let body = "The ferry left Nanaimo, a harbour town of British Columbia, at noon.";
    let got = names("", body);
    assert!(!has(&got, "United Kingdom", ActorKind::Country), "{got:?}");
}

#[test]
fn an_affiliation_before_a_full_name_is_a_name_of_its_own() {
    let body = "The envoy of the United States Tamsin Orlov spoke. He met United States Halvard \
                Brinkoe on Monday. The NASA Science Center stayed shut.";
    let got = names("", body);
    assert!(has(&got, "Tamsin Orlov", ActorKind::Person), "{got:?}");
    assert!(has(&got, "Halvard Brinkoe", ActorKind::Person), "{got:?}");
    assert!(has(&got, "United States", ActorKind::Country), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.contains("States ")), "{got:?}");
    assert!(!has(&got, "Science Center", ActorKind::Person), "{got:?}");
    // a firm's own name goes on after its parent's
    let body = "Talks with Toyota Marlin International Corp. stalled. The bonds went to Toyota \
                Marlin Boston.";
    let got = names("", body);
    assert!(got.iter().all(|(_, k)| *k != ActorKind::Person), "{got:?}");
}

#[test]
fn a_town_placed_in_its_state_is_named_by_both() {
    let body = "The plant in Dunmore Falls, Oregon, closed on Friday. Workers in Dunmore Falls \
                were told by letter; Oregon officials said little.";
    let all = extract_actors("", body);
    let town = actor(&all, "Dunmore Falls, Oregon");
    assert_eq!(town.kind, ActorKind::Place);
    assert_eq!(town.mentions.len(), 2, "{all:?}");
    assert!(all.iter().any(|m| m.name == "Oregon"), "{all:?}");
    assert!(all.iter().all(|m| m.name != "Dunmore Falls"), "{all:?}");
    // a list of places is no such pair
    let got = names("", "Flights from Lisbon, Georgia and Tunis were cancelled.");
    assert!(got.iter().all(|(n, _)| !n.contains(", ")), "{got:?}");
}

#[test]
fn a_persons_name_ends_before_a_lower_case_word() {
    let body = "The church, founded by fantasy author K. Dale Furnham for multiple reasons, \
                grew.\n\nLater, Pieter van Oosten replied to Furnham.";
    let got = names("", body);
    assert!(has(&got, "K. Dale Furnham", ActorKind::Person), "{got:?}");
    assert!(has(&got, "Pieter van Oosten", ActorKind::Person), "{got:?}");
}

#[test]
fn two_institutions_joined_by_and_or_at_are_two() {
    let body = "Researchers at the Halvard Institute of Mining and Corrigan State University \
                agreed. The show moves to the Brenner Museum of Glass at Oakhurst University next \
                year.";
    let got = names("", body);
    for name in [
        "Halvard Institute of Mining",
        "Corrigan State University",
        "Brenner Museum of Glass",
        "Oakhurst University",
    ] {
        assert!(has(&got, name, ActorKind::Org), "{name}: {got:?}");
    }
}

#[test]
fn a_name_written_only_as_a_quotation_is_a_work_not_an_actor() {
    let body = "The jury praised “Lantern Harbor Nights” on Friday. Dana Whitlow said the new \
                film, “Quiet Orchard Mornings,” would open in May.";
    let got = names("Festival notes", body);
    assert!(has(&got, "Dana Whitlow", ActorKind::Person), "{got:?}");
    assert!(!named(&got, "Lantern Harbor Nights"), "{got:?}");
    assert!(!named(&got, "Quiet Orchard Mornings"), "{got:?}");
}

#[test]
fn a_title_joined_by_a_hyphen_or_standing_inside_the_span_is_no_part_of_the_name() {
    let body = "Co-founder Dana Whitlow said the firm would grow. Attorney-General Mara Kessel \
                agreed. Sales rose, Harwick Books CEO Tomas Varga said on Monday.";
    let got = names("Startup news", body);
    for person in ["Dana Whitlow", "Mara Kessel", "Tomas Varga"] {
        assert!(has(&got, person, ActorKind::Person), "{person}: {got:?}");
    }
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn a_features_or_a_streets_name_and_a_research_firm_are_no_people() {
    let body = "Last week Tomas Varga and his friends climbed Varnel Mountain and walked along \
                Boulevard Kestrin before dinner. Later they visited Quillbrook Research to see a \
                demonstration.";
    let got = names("Hiking", body);
    assert!(has(&got, "Tomas Varga", ActorKind::Person), "{got:?}");
    assert!(has(&got, "Varnel Mountain", ActorKind::Place), "{got:?}");
    assert!(has(&got, "Boulevard Kestrin", ActorKind::Place), "{got:?}");
    assert!(has(&got, "Quillbrook Research", ActorKind::Org), "{got:?}");
}

#[test]
fn a_person_is_attested_by_a_title_a_verb_of_speech_or_a_table_row() {
    let attested = |text: &str, name: &str| {
        let s = text.find(name).unwrap();
        attests_a_person(text, s, s + name.len())
    };
    assert!(attested(
        "The talks, Dr. Varnel added, went well.",
        "Varnel"
    ));
    assert!(attested("Varnel said the talks went well.", "Varnel"));
    assert!(attested("“It went well,” said Varnel.", "Varnel"));
    assert!(attested("According to Varnel, it went well.", "Varnel"));
    assert!(attested("Varnel, who chairs the board, left.", "Varnel"));
    assert!(attested("Varnel c Orsk b Tamm 45", "Varnel"));
    assert!(!attested(
        "The app loads in Quillpad within 600 milliseconds.",
        "Quillpad"
    ));
    assert!(!attested("Fans of Quillpad were pleased.", "Quillpad"));
}

#[test]
fn an_acronym_the_article_never_defines_is_the_actor_whose_initials_it_spells() {
    let body = "The Velmora Transit Authority said on Monday that it would buy new trains. VTA \
                officials expect the first ones in May, and VTA will hire drivers.";
    let all = extract_actors("Rail news", body);
    let authority = all
        .iter()
        .find(|m| m.name == "Velmora Transit Authority")
        .unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(authority.kind, ActorKind::Org, "{all:?}");
    assert_eq!(authority.mentions.len(), 3, "{all:?}");
    assert_eq!(authority.aliases, vec!["VTA".to_string()], "{all:?}");
    assert!(!all.iter().any(|m| m.name == "VTA"), "{all:?}");
}

#[test]
fn a_place_named_new_after_a_country_is_not_in_that_country() {
    use super::extraction::named_after_country;
    let body = "The ferry sailed to New East Portugal last spring, and the crew stayed in New \
                Estonia for a week before the storm.";
    let got = names("Travel", body);
    assert!(has(&got, "New East Portugal", ActorKind::Place), "{got:?}");
    assert!(has(&got, "New Estonia", ActorKind::Place), "{got:?}");
    assert!(!named(&got, "Portugal"), "{got:?}");
    assert!(!named(&got, "Estonia"), "{got:?}");
    assert_eq!(named_after_country("in New East Portugal", 12), Some(3));
    assert_eq!(named_after_country("in New Estonia", 7), Some(3));
    assert_eq!(named_after_country("in East Portugal", 8), None);
    assert_eq!(named_after_country("in Renew Estonia", 9), None);
}

#[test]
fn a_title_inside_an_organisations_span_before_a_full_name_gives_the_person() {
    use super::extraction::retype_titled_people;
    let text =
        "Harbour Party Deputy Leader Tomas Orrin agreed, unlike Kestrel Judge Business School.";
    let org = |name: &str| {
        let s = text.find(name).unwrap();
        (s, s + name.len(), tagger::NameType::Org)
    };
    let mut spans = vec![
        org("Harbour Party Deputy Leader Tomas Orrin"),
        org("Kestrel Judge Business School"),
    ];
    retype_titled_people(text, &mut spans);
    let s = text.find("Tomas Orrin").unwrap();
    assert_eq!(
        spans[0],
        (s, s + "Tomas Orrin".len(), tagger::NameType::Per)
    );
    assert_eq!(spans[1], org("Kestrel Judge Business School"));
}

#[test]
fn a_tournament_named_open_is_no_actor_and_a_square_is_a_place() {
    let body = "Tomas Varga won the Kessel Open on Sunday, two strokes ahead of Ilse Orrin. \
                Later hundreds gathered in Varnel Square to cheer him.";
    let got = names("Golf", body);
    assert!(has(&got, "Tomas Varga", ActorKind::Person), "{got:?}");
    assert!(!named(&got, "Kessel Open"), "{got:?}");
    assert!(has(&got, "Varnel Square", ActorKind::Place), "{got:?}");
    assert!(super::extraction::names_a_feature("Varnel Square"));
    assert!(super::extraction::names_a_feature("Orsk Road"));
    assert!(head::names_a_non_actor("Harwick Open", ActorKind::Person));
    assert!(!head::is_lower_case_document_noun("open"));
}

#[test]
fn a_state_of_several_words_in_a_list_of_states_is_one_place() {
    // the tagger cuts the compass word off, or runs the name into the next with "and"
    let got = names(
        "",
        "The study covered Queensland, Victoria, Western Australia and Tasmania.",
    );
    assert!(has(&got, "Western Australia", ActorKind::Place), "{got:?}");
    let got = names(
        "",
        "The trial ran in schools in Tasmania, Northern Territory, Western Australia and \
         Victoria over two years.",
    );
    assert!(has(&got, "Western Australia", ActorKind::Place), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.contains(" and ")), "{got:?}");
    // the state after it stays
    let got = names(
        "",
        "Kits went to New South Wales, Victoria, South Australia, Western Australia and \
         Queensland, between March and June.",
    );
    assert!(has(&got, "Western Australia", ActorKind::Place), "{got:?}");
    assert!(has(&got, "Queensland", ActorKind::Place), "{got:?}");
}

#[test]
fn a_surname_after_a_title_and_a_given_name_is_the_person() {
    let got = names(
        "",
        "According to the paper, Emeritus Professor Harold Pemberton, the chairman of the \
         panel, said the flag was new. Professor Pemberton also said kits would be sent.",
    );
    assert!(has(&got, "Harold Pemberton", ActorKind::Person), "{got:?}");
    assert!(got.iter().all(|(n, _)| n != "Pemberton"), "{got:?}");
}

#[test]
fn a_known_town_written_with_its_state_is_a_place_the_tagger_missed() {
    let got = names(
        "",
        "The ledgers were kept at a depot in Clearwater, Florida until the spring.",
    );
    assert!(has(&got, "Clearwater", ActorKind::Place), "{got:?}");
    assert!(has(&got, "Florida", ActorKind::Place), "{got:?}");
}

#[test]
fn a_nations_navy_is_an_organisation() {
    let got = names(
        "",
        "Two boats capsized, and the Peruvian Navy saved 90 people.",
    );
    assert!(has(&got, "Peruvian Navy", ActorKind::Org), "{got:?}");
    assert!(has(&got, "Peru", ActorKind::Country), "{got:?}");
}

#[test]
fn a_person_glued_to_a_body_or_a_portfolio_is_split_off() {
    let got = names(
        "",
        "After the leak, CEO of the Housing Council Milo Brandt told reporters any process \
         must be fair.",
    );
    assert!(has(&got, "Housing Council", ActorKind::Org), "{got:?}");
    assert!(has(&got, "Milo Brandt", ActorKind::Person), "{got:?}");
    let got = names(
        "",
        "Minister of Health Ornella Vistari said a review is needed.",
    );
    assert!(has(&got, "Ornella Vistari", ActorKind::Person), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.starts_with("Health")), "{got:?}");
}

#[test]
fn a_person_after_a_bodys_bare_head_noun_is_the_person() {
    let got = names(
        "",
        "The talks were led by Chief of the Governor's Bureau Teodor Halvik, and the \
         other side by a banker.",
    );
    assert!(has(&got, "Teodor Halvik", ActorKind::Person), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.starts_with("Bureau")), "{got:?}");
}

#[test]
fn a_person_after_a_title_or_a_lone_portfolio_word_is_the_person() {
    let got = names(
        "",
        "Among the guests were Regional Aide Grant Velkov and Special Representative for \
         Rivers, Climate and Shipping Yegor Pashchenko, as well as Mayor Inna Dolova.",
    );
    assert!(has(&got, "Grant Velkov", ActorKind::Person), "{got:?}");
    assert!(has(&got, "Yegor Pashchenko", ActorKind::Person), "{got:?}");
    assert!(
        got.iter().all(|(n, k)| *k == ActorKind::Person
            || !n.ends_with("Velkov") && !n.ends_with("Pashchenko")),
        "{got:?}"
    );
}

#[test]
fn a_known_makers_name_before_a_product_it_writes_alone_is_the_maker() {
    let got = names(
        "",
        "The newly released Microsoft Quillpad is quickly gaining users. The browser after \
         Quillpad is Safari.",
    );
    assert!(has(&got, "Microsoft", ActorKind::Org), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.contains("Quillpad")), "{got:?}");
    // a rest the article never writes alone continues the name
    let got = names(
        "",
        "Staff at Microsoft Quillpad said the unit would hire forty engineers in the spring.",
    );
    assert!(
        got.iter().any(|(n, _)| n == "Microsoft Quillpad"),
        "{got:?}"
    );
}

#[test]
fn a_faiths_follower_before_a_full_name_written_alone_is_no_part_of_it() {
    let got = names(
        "",
        "A video of Mormon Harlan Ostrowe was shown. Harlan Ostrowe said he was pleased.",
    );
    assert!(has(&got, "Harlan Ostrowe", ActorKind::Person), "{got:?}");
    assert!(
        got.iter().all(|(n, _)| !n.starts_with("Buddhist")),
        "{got:?}"
    );
    // a given name that is a faith's stays when the full name is never written without it
    let got = names(
        "",
        "Christian Harlan Ostrowe said on Monday that the talks would resume.",
    );
    assert!(
        has(&got, "Christian Harlan Ostrowe", ActorKind::Person),
        "{got:?}"
    );
}

#[test]
fn an_operations_code_name_is_no_actor_in_the_article() {
    let got = names(
        "",
        "Police said Operation Quiet Harrow had led to nine arrests, and Operation Quiet Harrow \
         would continue into the summer, Inspector Dana Whitlow said.",
    );
    assert!(has(&got, "Dana Whitlow", ActorKind::Person), "{got:?}");
    assert!(got.iter().all(|(n, _)| !n.contains("Harrow")), "{got:?}");
}

#[test]
fn a_name_inside_a_quoted_title_is_no_mention() {
    use super::extraction::in_quoted_title;
    let text = "On its page \"The Velmor 7 Finale\", Orvex urged users to switch.";
    let s = text.find("Finale").unwrap();
    assert!(in_quoted_title(text, s, s + "Finale".len()));
    // a quotation of a sentence, or a closing mark read as an opening one, is no title
    let text = "He said \"the Finale was long\" to us.";
    let s = text.find("Finale").unwrap();
    assert!(!in_quoted_title(text, s, s + "Finale".len()));
    let text = "\"We won,\" Finale Group said \"Today\".";
    let s = text.find("Finale").unwrap();
    assert!(!in_quoted_title(text, s, s + "Finale Group".len()));
    let got = names(
        "",
        "On a new site, \"The Velmor 7 Finale\", Microsoft asked users to leave the old \
         browser. Microsoft said on \"The Velmor 7 Finale\" that support would end.",
    );
    assert!(has(&got, "Microsoft", ActorKind::Org), "{got:?}");
    assert!(
        got.iter()
            .all(|(n, _)| !n.contains("Finale") && !n.contains("Velmor")),
        "{got:?}"
    );
}

#[test]
fn a_full_name_right_after_a_title_and_a_colon_is_a_person() {
    use super::extraction::retype_titled_people;
    let text =
        "Chancellor: Ilse Varga\nMinister Kestrel Rail Board spoke; Governor: Tomas Orrin Ltd.";
    let at = |name: &str, ty| {
        let s = text.find(name).unwrap();
        (s, s + name.len(), ty)
    };
    let mut spans = vec![
        at("Ilse Varga", tagger::NameType::Org),
        at("Kestrel Rail Board", tagger::NameType::Org),
        at("Tomas Orrin Ltd", tagger::NameType::Loc),
    ];
    retype_titled_people(text, &mut spans);
    assert_eq!(spans[0], at("Ilse Varga", tagger::NameType::Per));
    assert_eq!(spans[1], at("Kestrel Rail Board", tagger::NameType::Org));
    assert_eq!(spans[2], at("Tomas Orrin Ltd", tagger::NameType::Loc));
}

#[test]
fn names_split_around_a_patronymic_particle_are_one_person() {
    use super::extraction::join_patronymic_names;
    let text = "Tariq bin Hamad met Nura bint Salim at the Yusuf ibn Rashid Brigades camp.";
    let at = |name: &str, ty| {
        let s = text.find(name).unwrap();
        (s, s + name.len(), ty)
    };
    let mut spans = vec![
        at("Tariq", tagger::NameType::Loc),
        at("Hamad", tagger::NameType::Per),
        at("Nura bint Salim", tagger::NameType::Org),
        at("Yusuf ibn Rashid Brigades", tagger::NameType::Org),
    ];
    join_patronymic_names(text, &mut spans);
    assert_eq!(
        spans,
        vec![
            at("Tariq bin Hamad", tagger::NameType::Per),
            at("Nura bint Salim", tagger::NameType::Per),
            at("Yusuf ibn Rashid Brigades", tagger::NameType::Org),
        ]
    );
}

#[test]
fn a_source_list_org_named_with_a_patronymic_particle_is_a_person() {
    let g = Gazetteer::from_tsv(&["Faris bin Khalil\torg\t\nHamza ibn Tarek Battalion\torg\t\n"]);
    let kind = |name: &str| g.entities[g.lookup(name).unwrap() as usize].kind;
    assert_eq!(kind("Faris bin Khalil"), ActorKind::Person);
    assert_eq!(kind("Hamza ibn Tarek Battalion"), ActorKind::Org);
}

#[test]
fn a_town_written_as_no_place_is_the_surname_of_a_person_named_in_full() {
    let body = "Her editor, Marguerite Barnsley, read the draft twice. Later Barnsley said the \
                ending worked and asked for more chapters.";
    let v = names("", body);
    assert!(has(&v, "Marguerite Barnsley", ActorKind::Person), "{v:?}");
    assert!(!v.iter().any(|(n, _)| n == "Barnsley"), "{v:?}");
    // written as a place's, it stays the town
    let body = "Her editor, Marguerite Barnsley, read the draft twice. She grew up in Barnsley \
                and still lives there.";
    let v = names("", body);
    assert!(has(&v, "Marguerite Barnsley", ActorKind::Person), "{v:?}");
    assert!(has(&v, "Barnsley", ActorKind::Place), "{v:?}");
}

#[test]
fn a_time_adverbial_the_tagger_ran_on_is_no_part_of_a_name() {
    use super::extraction::trim_span;
    let text = "Deals were struck with Tolland Pryce Books in September and Ravel on Thursday.";
    let span = |name: &str| {
        let s = text.find(name).unwrap();
        trim_span(text, s, s + name.len(), tagger::NameType::Org).map(|(s, e)| &text[s..e])
    };
    assert_eq!(
        span("Tolland Pryce Books in September"),
        Some("Tolland Pryce Books")
    );
    assert_eq!(span("Ravel on Thursday"), Some("Ravel"));
    // a month that ends a name without a preposition of time stays
    let text = "Officials met Ottilie May at noon.";
    let s = text.find("Ottilie").unwrap();
    let got = trim_span(text, s, s + "Ottilie May".len(), tagger::NameType::Per);
    assert_eq!(got.map(|(s, e)| &text[s..e]), Some("Ottilie May"));
}

#[test]
fn the_half_day_marker_of_a_clock_time_is_no_name() {
    use super::extraction::trim_span;
    let text = "The ferry leaves at 7 AM and returns by 11:30 P.M. each day.";
    for marker in ["AM", "P.M."] {
        let s = text.find(marker).unwrap();
        assert_eq!(
            trim_span(text, s, s + marker.len(), tagger::NameType::Org),
            None,
            "{marker}"
        );
    }
    let v = names("", text);
    assert!(!v.iter().any(|(n, _)| n == "AM" || n == "PM"), "{v:?}");
}

#[test]
fn a_camp_a_delta_or_a_passage_the_tagger_took_for_a_body_is_a_place() {
    for (body, name) in [
        (
            "The Corps put on an amphibious training exercise at California's Camp Varrick.",
            "Camp Varrick",
        ),
        (
            "Fishermen from the Orvel Delta Cooperative met the Orvel Delta council.",
            "Orvel Delta",
        ),
        (
            "The ship sailed through the Tarrow Passage to begin the journey north. Tarrow \
             Passage authorities waved it on.",
            "Tarrow Passage",
        ),
    ] {
        let v = names("", body);
        assert!(has(&v, name, ActorKind::Place), "{v:?}");
        assert!(!has(&v, name, ActorKind::Org), "{v:?}");
    }
}

#[test]
fn a_title_case_clause_with_a_finite_be_or_have_is_no_name() {
    let body = "The curator called the show a triumph. Under the headline Winter Was Long And \
                Cruel, the paper ran her review. The Letters Were Found in an attic.";
    let v = names("", body);
    assert!(v.is_empty(), "{v:?}");
    use super::extraction::trim_span;
    let text = "Markets rose after Velmora Was Told of the deal.";
    let s = text.find("Velmora").unwrap();
    let got = trim_span(text, s, s + "Velmora Was Told".len(), tagger::NameType::Loc);
    assert_eq!(got.map(|(s, e)| &text[s..e]), Some("Velmora"));
}

#[test]
fn a_body_named_by_its_street_square_or_place_stays_a_body() {
    assert!(super::extraction::names_a_feature("Orsk Square"));
    assert!(!super::extraction::names_a_natural_feature("Orsk Square"));
    assert!(!super::extraction::names_a_natural_feature("Velmar Street"));
    assert!(super::extraction::names_a_natural_feature("Camp Varrick"));
    // a body of a place, a firm named after a lake: bodies
    assert!(!super::extraction::names_a_natural_feature(
        "Savings Bank of Kessel Beach"
    ));
    assert!(!super::extraction::names_a_natural_feature(
        "Lake Tarrow Resources"
    ));
    assert!(super::extraction::names_a_feature("Lake Tarrow"));
}

#[test]
fn a_code_written_only_beside_amounts_is_no_body() {
    let body = "The Tarnwick council set aside KRV 40 million for new roads on Monday. \
                Farmers in the valley will receive 2.5 billion KRV from the regional fund, \
                and the Orbel Rail Board paid 310 KRV per tonne of grain.";
    let got = names("Tarnwick budget approved", body);
    assert!(!got.iter().any(|(n, _)| n == "KRV"), "{got:?}");
    // the same letters named as a body, once, keep every mention
    let body = "The KRV said on Monday that it would appeal. The Tarnwick council set aside \
                KRV 40 million for new roads, and 300 KRV staff will move to Orbel.";
    let all = extract_actors("Tarnwick budget approved", body);
    let krv = all.iter().find(|m| m.name == "KRV").expect("KRV kept");
    assert_eq!(krv.mentions.len(), 3, "{krv:?}");
    // a model's number, or a year set apart by a comma, is no amount
    let body = "Orbel Systems said the new QTX 3090 would ship in May. In 1986, QTX sold \
                its first QTX 4381 to the Tarnwick council.";
    let got = names("Orbel ships a computer", body);
    assert!(got.iter().any(|(n, _)| n == "QTX"), "{got:?}");
}
