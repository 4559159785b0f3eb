//! The patterns quotations come in, on sentences written for these tests.

use super::*;
use crate::actors::ActorKind;

/// An actor named at every occurrence of each of its `forms` in `body`.
fn actor(body: &str, name: &str, kind: ActorKind, forms: &[&str]) -> ActorMatch {
    let mut mentions: Vec<(usize, usize)> = forms
        .iter()
        .flat_map(|form| body.match_indices(form).map(|(i, f)| (i, i + f.len())))
        .collect();
    mentions.sort();
    ActorMatch {
        name: name.into(),
        kind,
        mentions,
        title_mentions: Vec::new(),
        aliases: Vec::new(),
    }
}

fn person(body: &str, name: &str, forms: &[&str]) -> ActorMatch {
    actor(body, name, ActorKind::Person, forms)
}

fn org(body: &str, name: &str, forms: &[&str]) -> ActorMatch {
    actor(body, name, ActorKind::Org, forms)
}

/// (text, speaker) of each quotation found.
fn found(body: &str, actors: &[ActorMatch]) -> Vec<(String, Option<String>)> {
    find_quotations("", body, actors)
        .quotes
        .into_iter()
        .map(|q| {
            assert_eq!(&body[q.start..q.end], q.text);
            (q.text, q.speaker)
        })
        .collect()
}

fn q(text: &str, speaker: Option<&str>) -> (String, Option<String>) {
    (text.to_string(), speaker.map(str::to_string))
}

#[test]
fn speaker_before_the_quotation() {
    let body = "Marta Quillon told reporters: \"The harbour will reopen by spring.\"";
    let actors = [person(body, "Marta Quillon", &["Marta Quillon"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "The harbour will reopen by spring.",
            Some("Marta Quillon")
        )]
    );
}

#[test]
fn speaker_after_the_quotation() {
    let body =
        "\u{201C}Prices of rye will keep rising,\u{201D} said Odo Brannick of Fenwick Mills.";
    let actors = [
        person(body, "Odo Brannick", &["Odo Brannick"]),
        org(body, "Fenwick Mills", &["Fenwick Mills"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Prices of rye will keep rising,", Some("Odo Brannick"))]
    );
    let body = "\"We counted every crate twice,\" Tamsin Vell said on Monday.";
    let actors = [person(body, "Tamsin Vell", &["Tamsin Vell"])];
    assert_eq!(
        found(body, &actors),
        [q("We counted every crate twice,", Some("Tamsin Vell"))]
    );
}

#[test]
fn speaker_inside_a_split_quotation() {
    let body = "\"The ferry is late again,\" Ansel Morrow said, \"and nobody has told us why.\"";
    let actors = [person(body, "Ansel Morrow", &["Ansel Morrow"])];
    assert_eq!(
        found(body, &actors),
        [
            q("The ferry is late again,", Some("Ansel Morrow")),
            q("and nobody has told us why.", Some("Ansel Morrow")),
        ]
    );
}

#[test]
fn according_to_an_organisation() {
    let body = "According to the Lantern Guild, \"the lamps were never lit that winter.\"";
    let actors = [org(body, "Lantern Guild", &["Lantern Guild"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "the lamps were never lit that winter.",
            Some("Lantern Guild")
        )]
    );
}

#[test]
fn pronouns_and_roles_resolve_to_the_actor_named_before() {
    let body = "Finance Minister Irena Castel spoke on Tuesday.\n\n\"We have no room left in the budget,\" she said.\n\n\"Taxes will not rise this year,\" the minister added.";
    let actors = [person(body, "Irena Castel", &["Irena Castel"])];
    assert_eq!(
        found(body, &actors),
        [
            q("We have no room left in the budget,", Some("Irena Castel")),
            q("Taxes will not rise this year,", Some("Irena Castel")),
        ]
    );
}

#[test]
fn a_spokesman_speaks_for_his_organisation() {
    let body = "\"The plant runs at full capacity,\" a spokesman for Dorrel Steel said.";
    let actors = [org(body, "Dorrel Steel", &["Dorrel Steel"])];
    assert_eq!(
        found(body, &actors),
        [q("The plant runs at full capacity,", Some("Dorrel Steel"))]
    );
}

#[test]
fn a_multi_paragraph_quotation_is_one_quotation_per_paragraph() {
    let body = "Pell Arundel said: \"The first winter was the hardest.\n\n\"The second was only a little easier.\"";
    let actors = [person(body, "Pell Arundel", &["Pell Arundel"])];
    assert_eq!(
        found(body, &actors),
        [
            q("The first winter was the hardest.", Some("Pell Arundel")),
            q("The second was only a little easier.", Some("Pell Arundel")),
        ]
    );
}

#[test]
fn a_scare_quote_and_a_title_are_left_alone() {
    let body = "The so-called \"quiet season\" ended when the studio released \"Harbour Of Glass\" in May.";
    assert_eq!(found(body, &[]), []);
}

#[test]
fn a_short_attributed_term_is_a_quotation() {
    let body = "Rusk Hallam said the plan was \"pure folly.\"";
    let actors = [person(body, "Rusk Hallam", &["Rusk Hallam"])];
    assert_eq!(
        found(body, &actors),
        [q("pure folly.", Some("Rusk Hallam"))]
    );
}

#[test]
fn an_unattributed_quotation_has_no_speaker() {
    let body = "The sign on the door read nothing. \"Closed until the river goes down again.\"";
    assert_eq!(
        found(body, &[]),
        [q("Closed until the river goes down again.", None)]
    );
    let body = "\"Nobody warned us about the flood,\" one farmer said.";
    assert_eq!(
        found(body, &[]),
        [q("Nobody warned us about the flood,", None)]
    );
}

#[test]
fn a_quotation_inside_a_quotation_is_its_own() {
    let body = "\"Then the clerk said \u{2018}come back in the morning\u{2019} and shut the window,\" Ivo Renner said.";
    let actors = [person(body, "Ivo Renner", &["Ivo Renner"])];
    let quotes = found(body, &actors);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(quotes[1].0, "come back in the morning");
}

#[test]
fn transcript_labels_make_turns() {
    let body = "Moderator Ada Fenn: Good evening, welcome.\n\nCaspar Wold: Thank you. It is good to be here.";
    let actors = [
        person(body, "Ada Fenn", &["Ada Fenn"]),
        person(body, "Caspar Wold", &["Caspar Wold"]),
    ];
    let turns = find_quotations("", body, &actors).turns;
    let shown: Vec<(&str, Option<&str>)> = turns
        .iter()
        .map(|t| (&body[t.start..t.end], t.speaker.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Good evening, welcome.", Some("Ada Fenn")),
            ("Thank you. It is good to be here.", Some("Caspar Wold")),
        ]
    );
}

#[test]
fn a_role_refers_to_the_subject_of_the_sentence_before_not_its_object() {
    let body = "Ilse Varnholt thanked Tomas Brandl for the visit. \"We will build the bridge together,\" the minister stressed.";
    let actors = [
        person(body, "Ilse Varnholt", &["Ilse Varnholt"]),
        person(body, "Tomas Brandl", &["Tomas Brandl"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "We will build the bridge together,",
            Some("Ilse Varnholt")
        )]
    );
}

#[test]
fn a_message_speaks_for_its_sender() {
    let body = "Ilse Varnholt sent her greetings to the Harbour Guild of Tessel.\n\nThe message reads, in part:\"Your city has grown with its harbour and will grow further.\"";
    let actors = [
        person(body, "Ilse Varnholt", &["Ilse Varnholt"]),
        org(body, "Harbour Guild", &["Harbour Guild"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "Your city has grown with its harbour and will grow further.",
            Some("Ilse Varnholt")
        )]
    );
}

#[test]
fn a_verb_in_the_quotations_own_paragraph_comes_before_the_last_speaker() {
    let body = "\"The harbour stays closed this week,\" Petra Oswin said.\n\nIn a statement, Dario Fenn said the port would reopen in May. \"This move helps every shipper on the coast.\"";
    let actors = [
        person(body, "Petra Oswin", &["Petra Oswin"]),
        person(body, "Dario Fenn", &["Dario Fenn"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("The harbour stays closed this week,", Some("Petra Oswin")),
            q(
                "This move helps every shipper on the coast.",
                Some("Dario Fenn")
            ),
        ]
    );
}

#[test]
fn a_participle_takes_the_speaker_of_the_quotation_before_it() {
    let body = "Hal Brisk warned the change could \"hurt the smaller towns most\", saying a slower pace would be \"fairer for every district\".";
    let actors = [person(body, "Hal Brisk", &["Hal Brisk"])];
    assert_eq!(
        found(body, &actors),
        [
            q("hurt the smaller towns most", Some("Hal Brisk")),
            q("fairer for every district", Some("Hal Brisk")),
        ]
    );
}

#[test]
fn the_subject_of_reported_speech_is_who_a_pronoun_refers_to() {
    // The extractor found nobody: "Corwin Daly said" names the person "he" is.
    let body = "Corwin Daly said the mill had closed after ninety years.\n\n\"We never saw it coming,\" he told the Gazette.";
    assert_eq!(
        found(body, &[]),
        [q("We never saw it coming,", Some("Corwin Daly"))]
    );
}

fn place(body: &str, name: &str, forms: &[&str]) -> ActorMatch {
    actor(body, name, ActorKind::Place, forms)
}

fn country(body: &str, name: &str, forms: &[&str]) -> ActorMatch {
    actor(body, name, ActorKind::Country, forms)
}

#[test]
fn a_name_in_marks_is_no_quotation_even_beside_a_verb() {
    let body = "The council launched a \"Green Harbour Fund,\" which will lend to fishers. Mayor Ada Pell said the \"Clean Quay Initiative\" starts in May. \"We start now,\" Ada Pell said.";
    let actors = [person(body, "Ada Pell", &["Ada Pell"])];
    assert_eq!(found(body, &actors), [q("We start now,", Some("Ada Pell"))]);
}

#[test]
fn a_spokesman_speaks_for_the_name_before_him_whatever_its_kind() {
    // The extractor took one firm for a person and did not find the other.
    let body = "A Brontell spokesman said a \"damaged\" copy had leaked. A Quarrow spokeswoman said the auditors were \"shocked\".";
    let actors = [person(body, "Brontell", &["Brontell"])];
    assert_eq!(
        found(body, &actors),
        [
            q("damaged", Some("Brontell")),
            q("shocked", Some("Quarrow"))
        ]
    );
}

#[test]
fn another_role_of_an_organisation_is_a_person_of_it() {
    let body = "Defence Secretary Rolf Amsel ordered a review on Monday. Later the Fleetwork chief said the corps had \"grown far too big\" and would shrink.";
    let actors = [
        person(body, "Rolf Amsel", &["Rolf Amsel"]),
        org(body, "Fleetwork", &["Fleetwork"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("grown far too big", Some("Rolf Amsel"))]
    );
}

#[test]
fn a_document_speaks_for_the_one_who_issued_it() {
    let body = "Tessel Books released a separate statement saying, \"The agreement lets us grow with our authors.\"";
    let actors = [org(body, "Tessel Books", &["Tessel Books"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "The agreement lets us grow with our authors.",
            Some("Tessel Books")
        )]
    );
}

#[test]
fn a_pronoun_refers_to_the_speaker_of_its_sentence_first() {
    // Orrin Pask is the sentence's first person, Lena Vost its speaker.
    let body = "Orrin Pask's deal lets his firm set the price, Lena Vost said in her post.\n\n\"Irony thrives online,\" she added.";
    let actors = [
        person(body, "Orrin Pask", &["Orrin Pask"]),
        person(body, "Lena Vost", &["Lena Vost"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Irony thrives online,", Some("Lena Vost"))]
    );
}

#[test]
fn a_subject_pronoun_carries_on_the_person_before_it() {
    let body = "Jon Arvel returned to Dunmore last year.\n\nOver the years, he has started several programmes, including Kettle Works, a small workshop.\n\n\"The biggest need here is for more welders,\" he says.";
    let actors = [
        person(body, "Jon Arvel", &["Jon Arvel"]),
        person(body, "Kettle Works", &["Kettle Works"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "The biggest need here is for more welders,",
            Some("Jon Arvel")
        )]
    );
}

#[test]
fn a_pronoun_after_what_it_reports_is_not_a_name_inside_it() {
    let body = "Trade envoy Mira Sand said the bill was \"pure protectionism.\"\n\nGovernor Piet Lohr vetoed that bill last year, she added.\n\n\"We cannot accept it,\" the envoy said.";
    let actors = [
        person(body, "Mira Sand", &["Mira Sand"]),
        person(body, "Piet Lohr", &["Piet Lohr"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("pure protectionism.", Some("Mira Sand")),
            q("We cannot accept it,", Some("Mira Sand"))
        ]
    );
}

#[test]
fn a_name_taken_for_a_place_speaks_beside_its_verb() {
    let body = "\"Thanks for the help,\" says Orvald, with a grin. Officials in Brackwater said the road was \"closed for good.\"";
    let actors = [
        place(body, "Orvald", &["Orvald"]),
        place(body, "Brackwater", &["Brackwater"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("Thanks for the help,", Some("Orvald")),
            q("closed for good.", None)
        ]
    );
}

#[test]
fn a_role_of_a_country_is_the_person_named_before() {
    let body = "Kasia Drel thanked Tom Weir for his support. \"Your position is clear and unchanging,\" the President of Norland stressed.";
    let actors = [
        person(body, "Kasia Drel", &["Kasia Drel"]),
        person(body, "Tom Weir", &["Tom Weir"]),
        country(body, "Norland", &["Norland"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "Your position is clear and unchanging,",
            Some("Kasia Drel")
        )]
    );
}

#[test]
fn a_role_before_a_name_and_an_organisation_run_into_it_are_left_off() {
    let body = "\"These concerns need an exemption,\" says president Nora Quell. The effort \"needs tools that do not exist yet,\" Lumen President Ivo Strand said.";
    let actors = [org(
        body,
        "Lumen President Ivo Strand",
        &["Lumen President Ivo Strand"],
    )];
    assert_eq!(
        found(body, &actors),
        [
            q("These concerns need an exemption,", Some("Nora Quell")),
            q("needs tools that do not exist yet,", Some("Ivo Strand"))
        ]
    );
}

#[test]
fn a_time_between_a_subject_and_its_verb_is_skipped() {
    let body =
        "Ferrow Mills, the largest weaver, last year pledged to be \"free of coal\" by 2030.";
    let actors = [org(body, "Ferrow Mills", &["Ferrow Mills"])];
    assert_eq!(
        found(body, &actors),
        [q("free of coal", Some("Ferrow Mills"))]
    );
}

#[test]
fn remembering_is_a_verb_of_saying() {
    let body = "\"Those goats were clever,\" remembers Una Brell, with a laugh.";
    let actors = [person(body, "Una Brell", &["Una Brell"])];
    assert_eq!(
        found(body, &actors),
        [q("Those goats were clever,", Some("Una Brell"))]
    );
}

#[test]
fn a_participle_or_a_second_verb_takes_its_clause_subject() {
    let body = "Long ago, Ann Cleve renewed her old promise asking, \"Who else will build the bridge for us?\"\n\nThe Brellin Trust said it had not seen the plan but added that it was \"firmly against any new levy on farms.\"";
    let actors = [
        person(body, "Ann Cleve", &["Ann Cleve"]),
        org(body, "Brellin Trust", &["Brellin Trust"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("Who else will build the bridge for us?", Some("Ann Cleve")),
            q(
                "firmly against any new levy on farms.",
                Some("Brellin Trust")
            )
        ]
    );
}

#[test]
fn a_name_that_modifies_a_noun_is_no_clause_subject() {
    let body =
        "Ann Cleve's party, which lost, answered by saying it was \"ready for the next election.\"";
    let actors = [person(body, "Ann Cleve", &["Ann Cleve"])];
    assert_eq!(
        found(body, &actors),
        [q("ready for the next election.", None)]
    );
}

#[test]
fn a_verb_of_a_relative_clause_is_not_the_attribution() {
    let body = "\"The river rose faster than anyone had seen,\" Ilse Marr, a miller who tweeted about the flood, said.";
    let actors = [person(body, "Ilse Marr", &["Ilse Marr"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "The river rose faster than anyone had seen,",
            Some("Ilse Marr")
        )]
    );
}

#[test]
fn the_head_of_state_is_the_person_named_before() {
    let body = "Pol Varga met the athletes in the capital. \"You carry our flag with honour,\" the Head of State emphasized.";
    let actors = [person(body, "Pol Varga", &["Pol Varga"])];
    assert_eq!(
        found(body, &actors),
        [q("You carry our flag with honour,", Some("Pol Varga"))]
    );
}

#[test]
fn a_role_after_the_verb_names_the_person_beside_it() {
    let body = "\"The data surprised all of us,\" said study co-author Rena Holt, a chemist. The empire wanted \"its own share of the sea,\" declared a later chancellor, Otto Brenner, in 1901.";
    let actors = [
        person(body, "Rena Holt", &["Rena Holt"]),
        person(body, "Otto Brenner", &["Otto Brenner"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("The data surprised all of us,", Some("Rena Holt")),
            q("its own share of the sea,", Some("Otto Brenner"))
        ]
    );
}

#[test]
fn a_short_term_beside_a_verb_naming_no_one_is_no_quotation() {
    let body = "Under the new rules the \"fair share\" levy, as announced last week, will rise. \"Pure folly,\" said one banker.";
    assert_eq!(found(body, &[]), [q("Pure folly,", None)]);
}

#[test]
fn a_paragraph_and_a_closing_mark_end_a_sentence() {
    let body = "\"We will rebuild,\" Ada Korr says, \"stone by stone.\"\n\nBo Lind says he hopes for rain. It is hard, he says, to farm dry land. \"But the wells are empty.\"";
    let actors = [
        person(body, "Ada Korr", &["Ada Korr"]),
        person(body, "Bo Lind", &["Bo Lind"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("We will rebuild,", Some("Ada Korr")),
            q("stone by stone.", Some("Ada Korr")),
            q("But the wells are empty.", Some("Bo Lind"))
        ]
    );
}

#[test]
fn a_name_taken_for_a_place_that_speaks_is_a_person_to_pronouns() {
    let body = "Mira Dorn waves from the tower.\n\n\"Follow me,\" says Orvald. He suggests we rest, then adds, \"The road is long.\"";
    let actors = [
        person(body, "Mira Dorn", &["Mira Dorn"]),
        place(body, "Orvald", &["Orvald"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("Follow me,", Some("Orvald")),
            q("The road is long.", Some("Orvald"))
        ]
    );
}

#[test]
fn a_term_left_out_does_not_cut_the_clause_it_stands_in() {
    let body = "The Tarn Council, a group of \"hawkish\" planners, said that \"the budget will not survive the winter.\"";
    let actors = [org(body, "Tarn Council", &["Tarn Council"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "the budget will not survive the winter.",
            Some("Tarn Council")
        )]
    );
}

#[test]
fn a_capitalised_role_before_a_document_is_the_organisation_named_before() {
    let body = "The Grain Workers Union opposed the bid.\n\nA Union statement said: \"We will not pay for this merger.\"";
    let actors = [org(body, "Grain Workers Union", &["Grain Workers Union"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "We will not pay for this merger.",
            Some("Grain Workers Union")
        )]
    );
}

#[test]
fn a_span_after_a_naming_word_is_a_name() {
    let body = "Coach Lena Roos (nicknamed \"Iron Lady of the Lake\") said the method bears the name of \"steady pressure training.\" \"We train every day,\" Lena Roos said.";
    let actors = [person(body, "Lena Roos", &["Lena Roos"])];
    assert_eq!(
        found(body, &actors),
        [q("We train every day,", Some("Lena Roos"))]
    );
}

#[test]
fn a_trade_or_count_run_into_a_persons_name_is_dropped() {
    let body = "Grower Tavish M. Orrin said the frost came early.\n\n\"We lost half the orchard,\" he said.";
    let actors = [person(
        body,
        "Grower Tavish M. Orrin",
        &["Grower Tavish M. Orrin"],
    )];
    assert_eq!(
        found(body, &actors),
        [q("We lost half the orchard,", Some("Tavish M. Orrin"))]
    );
    // A given name that is also a common word is a name, not a trade.
    let body = "\"The ferry runs at dawn,\" said Mark Delloway Pratt.";
    let actors = [person(
        body,
        "Mark Delloway Pratt",
        &["Mark Delloway Pratt"],
    )];
    assert_eq!(
        found(body, &actors),
        [q("The ferry runs at dawn,", Some("Mark Delloway Pratt"))]
    );
    // An organisation keeps its first word.
    let body = "\"Rates will stay low,\" said Economist Survey Unit.";
    let actors = [org(
        body,
        "Economist Survey Unit",
        &["Economist Survey Unit"],
    )];
    assert_eq!(
        found(body, &actors),
        [q("Rates will stay low,", Some("Economist Survey Unit"))]
    );
}

#[test]
fn the_agent_of_a_passive_verb_of_saying_speaks() {
    let body = "This was stated by Chair of Corvania Idris Maccombe in an interview. \"We will hold the line at the river.\"";
    let actors = [
        person(body, "Idris Maccombe", &["Idris Maccombe"]),
        actor(body, "Corvania", ActorKind::Country, &["Corvania"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "We will hold the line at the river.",
            Some("Idris Maccombe")
        )]
    );
}

#[test]
fn a_name_in_apposition_to_a_role_is_the_speaker() {
    let body = "Wenna Loure was taken to hospital on Friday.\n\n\"The roof gave way at noon,\" her father, Caspian, said.";
    let actors = [
        person(body, "Wenna Loure", &["Wenna Loure"]),
        person(body, "Caspian Loure", &["Caspian"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("The roof gave way at noon,", Some("Caspian Loure"))]
    );
}

#[test]
fn the_spokesman_with_no_person_before_is_the_organisations() {
    let body = "Rumours spread that Pellworth Mills would close its plant.\n\n\"We do not comment on rumours,\" the spokesman said.";
    let actors = [org(body, "Pellworth Mills", &["Pellworth Mills"])];
    assert_eq!(
        found(body, &actors),
        [q("We do not comment on rumours,", Some("Pellworth Mills"))]
    );
}

#[test]
fn a_person_before_at_or_of_an_organisation_speaks() {
    let body = "\"Prices will ease,\" Tamsin Quarry of the Harbour Board's Planning Division told reporters.";
    let actors = [
        person(body, "Tamsin Quarry", &["Tamsin Quarry"]),
        org(
            body,
            "Harbour Board's Planning Division",
            &["Harbour Board's Planning Division"],
        ),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Prices will ease,", Some("Tamsin Quarry"))]
    );
    // A surname the extractor did not find, before "at" a firm it found.
    let body =
        "Orrick at Kestrel Securities suggested the talks \"could run well into the autumn.\"";
    let actors = [org(body, "Kestrel Securities", &["Kestrel Securities"])];
    assert_eq!(
        found(body, &actors),
        [q("could run well into the autumn.", Some("Orrick"))]
    );
}

#[test]
fn a_demonstrative_before_a_role_names_no_one() {
    let body = "The Tarn Water Agency met on Monday.\n\nThat agency also warned it would \"raise fees for every member next year.\"";
    let actors = [org(body, "Tarn Water Agency", &["Tarn Water Agency"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "raise fees for every member next year.",
            Some("Tarn Water Agency")
        )]
    );
}

#[test]
fn a_pronoun_carries_on_the_quotation_just_before() {
    // The man named last is the listener of the attribution, not the next speaker.
    let body = "Mirela Vasko met Tomas Brandl.\n\n\"The bridge is ready. It took two years,\" said the mayor, addressing Tomas Brandl. \"It opens on Friday,\" she added.";
    let actors = [
        person(body, "Mirela Vasko", &["Mirela Vasko"]),
        person(body, "Tomas Brandl", &["Tomas Brandl"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q(
                "The bridge is ready. It took two years,",
                Some("Mirela Vasko")
            ),
            q("It opens on Friday,", Some("Mirela Vasko")),
        ]
    );
    // Someone named between the two quotations is who the pronoun is.
    let body = "\"The bridge is ready,\" said Mirela Vasko.\n\nTomas Brandl disagreed. \"It is not safe,\" he said.";
    let actors = [
        person(body, "Mirela Vasko", &["Mirela Vasko"]),
        person(body, "Tomas Brandl", &["Tomas Brandl"]),
    ];
    assert_eq!(
        found(body, &actors)[1],
        q("It is not safe,", Some("Tomas Brandl"))
    );
}

#[test]
fn a_pronoun_after_an_unnamed_speaker_is_no_one() {
    let body = "Osric Penhale of the union spoke first.\n\nA port official said the cranes were idle.\n\n\"We expect them back by June,\" he told reporters.";
    let actors = [person(body, "Osric Penhale", &["Osric Penhale"])];
    assert_eq!(
        found(body, &actors),
        [q("We expect them back by June,", None)]
    );
}

#[test]
fn a_possessive_before_a_name_modifies_it() {
    let body = "\"Margins will narrow,\" said Calder Trust's Ines Morrow.";
    let actors = [
        org(body, "Calder Trust", &["Calder Trust"]),
        person(body, "Ines Morrow", &["Ines Morrow"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Margins will narrow,", Some("Ines Morrow"))]
    );
}

#[test]
fn a_message_is_its_senders_not_its_recipients() {
    let body = "Pavel Orlov met the cabinet on Monday.\n\nThe President sent a message of congratulations to Anatoly Reznik on his jubilee. The message reads: \"Your work has served the city for many years.\"";
    let actors = [
        person(body, "Pavel Orlov", &["Pavel Orlov"]),
        person(body, "Anatoly Reznik", &["Anatoly Reznik"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "Your work has served the city for many years.",
            Some("Pavel Orlov")
        )]
    );
}

#[test]
fn a_quotation_that_names_its_writer_is_his() {
    let body = "I have decided to act.\n\n\"Now, therefore, I, Edwin Harlow, Governor of the State, do grant this pardon.\"\n\n\"Given under my hand this first day of May.\"";
    let actors = [person(body, "Edwin Harlow", &["Edwin Harlow"])];
    assert_eq!(
        found(body, &actors),
        [
            q(
                "Now, therefore, I, Edwin Harlow, Governor of the State, do grant this pardon.",
                Some("Edwin Harlow")
            ),
            q(
                "Given under my hand this first day of May.",
                Some("Edwin Harlow")
            ),
        ]
    );
}

#[test]
fn a_party_member_named_by_state_is_the_person_before() {
    let body = "Senator Ruth Calloway released the figures.\n\n\"The deficit is shrinking,\" the Oregon Democrat said.";
    let actors = [person(body, "Ruth Calloway", &["Ruth Calloway"])];
    assert_eq!(
        found(body, &actors),
        [q("The deficit is shrinking,", Some("Ruth Calloway"))]
    );
}

#[test]
fn a_person_before_an_organisation_cut_at_its_and_speaks() {
    let body = "Lena Marsh of Hollis Brandt and Co Inc said: \"They hold plenty of cash,\"";
    let actors = [
        person(body, "Lena Marsh", &["Lena Marsh"]),
        org(body, "Hollis Brandt", &["Hollis Brandt"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("They hold plenty of cash,", Some("Lena Marsh"))]
    );
}

#[test]
fn the_spokesman_after_an_unnamed_person_is_his_organisations() {
    let body = "Verrin Foods cut its forecast. A trader said shares fell.\n\nThe spokesman said the plan would go \"exactly as we announced it.\"";
    let actors = [org(body, "Verrin Foods", &["Verrin Foods"])];
    assert_eq!(
        found(body, &actors),
        [q("exactly as we announced it.", Some("Verrin Foods"))]
    );
}

#[test]
fn an_appositive_without_its_closing_comma_is_the_names() {
    let body = "\"The levy stays,\" committee chairman Arne Vollan, a Nevada Republican said.";
    let actors = [person(body, "Arne Vollan", &["Arne Vollan"])];
    assert_eq!(
        found(body, &actors),
        [q("The levy stays,", Some("Arne Vollan"))]
    );
}

#[test]
fn a_pronoun_after_a_first_person_speaker_is_the_other_person() {
    let body = "I met Corwin Alsop at the mill.\n\nI said, \"How is business?\" He said, \"Slower than last year.\"";
    let actors = [person(body, "Corwin Alsop", &["Corwin Alsop"])];
    assert_eq!(
        found(body, &actors)[1],
        q("Slower than last year.", Some("Corwin Alsop"))
    );
}

#[test]
fn an_adverb_before_an_indefinite_role_is_no_name() {
    let actors: [ActorMatch; 0] = [];
    let body = "Likewise, a port official said \"the ship has left.\"";
    assert_eq!(found(body, &actors), [q("the ship has left.", None)]);
}

#[test]
fn a_name_after_an_organisation_and_its_role_speaks() {
    let body = "\"Rates will hold until summer,\" said Halvard de Mont Trust senior economist Iris Penhallow.";
    let actors = [
        org(body, "Halvard de Mont Trust", &["Halvard de Mont Trust"]),
        person(body, "Iris Penhallow", &["Iris Penhallow"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Rates will hold until summer,", Some("Iris Penhallow"))]
    );
}

#[test]
fn a_role_in_a_persons_office_is_the_person_named_before() {
    let body = "Tomas Ravik met the envoy of the Ostmark Trade Council.\n\n\"The border must stay open,\" the Director of the Governor's Office stressed.";
    let actors = [
        person(body, "Tomas Ravik", &["Tomas Ravik"]),
        org(body, "Ostmark Trade Council", &["Ostmark Trade Council"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("The border must stay open,", Some("Tomas Ravik"))]
    );
}

#[test]
fn the_person_a_role_thanked_is_not_the_role() {
    let body = "Mayor Edda Lunn opened the fair. The Mayor thanked Governor Piet Saar for the grant.\n\n\"We will build the bridge this year,\" the Mayor said.";
    let actors = [
        person(body, "Edda Lunn", &["Edda Lunn"]),
        person(body, "Piet Saar", &["Piet Saar"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("We will build the bridge this year,", Some("Edda Lunn"))]
    );
}

#[test]
fn a_pull_quote_opening_the_body_is_the_person_the_line_after_names() {
    let body = "\"Every harbour on the coast will be rebuilt by spring.\" Briefing by the Deputy Minister of Ports Kasia Drobny.";
    let actors = [person(body, "Kasia Drobny", &["Kasia Drobny"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "Every harbour on the coast will be rebuilt by spring.",
            Some("Kasia Drobny")
        )]
    );
    // Later in the body, the line after a quotation without a verb credits no one.
    let body = "The mill reopened. Its owners were glad.\n\n\"Every harbour on the coast will be rebuilt by spring.\" Kasia Drobny visited the mill.";
    let actors = [person(body, "Kasia Drobny", &["Kasia Drobny"])];
    assert_eq!(found(body, &actors)[0].1, None);
}

#[test]
fn a_capitalised_cue_inside_a_name_is_no_verb() {
    let body = "Senator Ada Brill spoke first. The committee then passed a resolution that the President of the United States \"ought to withdraw the garrison from the city at once.\"";
    let actors = [person(body, "Ada Brill", &["Ada Brill"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "ought to withdraw the garrison from the city at once.",
            None
        )]
    );
    let body = "Ada Brill said she felt the pact between the United States and its allies had proved \"more or less workable.\"";
    let actors = [person(body, "Ada Brill", &["Ada Brill"])];
    assert_eq!(
        found(body, &actors),
        [q("more or less workable.", Some("Ada Brill"))]
    );
}

#[test]
fn i_in_a_speech_is_its_president() {
    let actors: [ActorMatch; 0] = [];
    let body = "President: Orla Quenby\n\nFriends, when we began I said \"we will not waste a single day,\" and we did not.";
    assert_eq!(
        found(body, &actors),
        [q("we will not waste a single day,", Some("Orla Quenby"))]
    );
    // Outside a turn, "I" names no one.
    let body = "When we began I said \"we will not waste a single day,\" and we did not.";
    assert_eq!(found(body, &actors)[0].1, None);
}

#[test]
fn a_speakers_own_words_without_a_verb_are_the_turns() {
    let actors: [ActorMatch; 0] = [];
    // "I" with a verb that is no verb of saying, and "my" before a noun of what one says.
    let body = "President: Orla Quenby\n\nLast winter I had to warn that we were \"closer to ruin than ever before.\" They recovered.";
    assert_eq!(
        found(body, &actors),
        [q("closer to ruin than ever before.", Some("Orla Quenby"))]
    );
    let body = "President: Orla Quenby\n\nI hope my toast \"long life to the valley\" carries to every farm.";
    assert_eq!(found(body, &actors)[0].1.as_deref(), Some("Orla Quenby"));
    // "I" citing someone else, or "my" before a person, gives their words, not the speaker's.
    let body = "President: Orla Quenby\n\nAnd now I quote the old charter: \"every harbour shall stay open to all.\"";
    assert_eq!(found(body, &actors)[0].1, None);
    // "I" or "my" further back, or an act's words after "that", are not the speaker's.
    let body = "President: Orla Quenby\n\nI regret that the statute my council passed set down \"a levy for the repair of roads.\"";
    assert_eq!(found(body, &actors)[0].1, None);
    let body = "President: Orla Quenby\n\nIt is now my task \"to keep the granaries full in every season.\"";
    assert_eq!(found(body, &actors)[0].1, None);
    let body = "President: Orla Quenby\n\nMy father always repeated \"the river gives and the river takes.\"";
    assert_eq!(found(body, &actors)[0].1, None);
    let body = "President: Orla Quenby\n\nI keep my promise as the charter bids it \"to guard every harbour and shore.\"";
    assert_eq!(found(body, &actors)[0].1, None);
    // Words quoted in passing do not make the next quotation without a verb the speaker's.
    let body = "President: Orla Quenby\n\nI had to admit that we stood \"at the edge of a long winter.\"\n\nThe old statute allowed, by \"a vote of two thirds of the council,\" a new levy.";
    assert_eq!(
        found(body, &actors),
        [
            q("at the edge of a long winter.", Some("Orla Quenby")),
            q("a vote of two thirds of the council,", None),
        ]
    );
    // Outside a turn the text's "I" names no one.
    let body = "Last winter I had to warn that we were \"closer to ruin than ever before.\"";
    assert_eq!(found(body, &actors)[0].1, None);
}

#[test]
fn a_group_named_by_its_members_role_is_no_one() {
    let body = "Senator Ruth Calloway chaired the hearing of the Tarn Budget Committee.\n\n\"Spending must fall before rates do,\" the Whig report said.\n\n\"Nothing in the accounts supports that view,\" the Democrats said.";
    let actors = [
        person(body, "Ruth Calloway", &["Ruth Calloway"]),
        org(body, "Tarn Budget Committee", &["Tarn Budget Committee"]),
    ];
    // "Whig" is not a role of the list: the report stays that name's; the plural of a role
    // is a group the text does not name.
    assert_eq!(
        found(body, &actors),
        [
            q("Spending must fall before rates do,", Some("Whig")),
            q("Nothing in the accounts supports that view,", None),
        ]
    );
    let body = "Senator Ruth Calloway chaired the hearing.\n\n\"Spending must fall before rates do,\" the Republican report said.";
    let actors = [person(body, "Ruth Calloway", &["Ruth Calloway"])];
    assert_eq!(found(body, &actors)[0].1, None);
    // A lowercase plural role is left as it was: a short term beside it is still a term.
    let body = "The scientists asked them to run a \"drift test\" twice.";
    assert!(found(body, &actors).is_empty());
}

#[test]
fn a_role_of_a_lowercase_noun_is_the_person_named_before() {
    let body = "Chancellor Edda Marroway visited the flooded valley. \"We will rebuild every bridge,\" the minister of defence said.";
    let actors = [person(body, "Edda Marroway", &["Edda Marroway"])];
    assert_eq!(
        found(body, &actors),
        [q("We will rebuild every bridge,", Some("Edda Marroway"))]
    );
    // An organisation's role of a lowercase noun names no one the text gave.
    let body = "Chancellor Edda Marroway visited Tarn Mills. \"We will rebuild every bridge,\" the board of trade said.";
    let actors = [
        person(body, "Edda Marroway", &["Edda Marroway"]),
        org(body, "Tarn Mills", &["Tarn Mills"]),
    ];
    assert_eq!(found(body, &actors)[0].1, None);
}

/// A person named in `title` at every occurrence of each of its `forms`, and in `body` too.
fn titled(title: &str, body: &str, name: &str, forms: &[&str]) -> ActorMatch {
    let mut found = person(body, name, forms);
    found.title_mentions = forms
        .iter()
        .flat_map(|form| title.match_indices(form).map(|(i, f)| (i, i + f.len())))
        .collect();
    found
}

/// (text, speaker) of each turn of `body` under `title`.
fn title_turns(title: &str, body: &str, actors: &[ActorMatch]) -> Vec<(String, Option<String>)> {
    find_quotations(title, body, actors)
        .turns
        .into_iter()
        .map(|t| (body[t.start..t.end].to_string(), t.speaker))
        .collect()
}

#[test]
fn a_title_naming_who_delivers_an_address_makes_the_body_a_turn() {
    let body = "Dear friends!\n\nWe rebuilt the harbour of Lorvik this year.";
    let whole = || vec![q(body, Some("Mira Dask"))];
    // "by" after a role of capitalised words and joiners.
    let title = "Speech by Chancellor of Estavia Mira Dask at the Harbour Forum";
    let actors = [titled(title, body, "Mira Dask", &["Mira Dask"])];
    assert_eq!(title_turns(title, body, &actors), whole());
    // A possessive before the noun.
    let title = "Mira Dask's address to the harbour workers";
    let actors = [titled(title, body, "Mira Dask", &["Mira Dask"])];
    assert_eq!(title_turns(title, body, &actors), whole());
    // After a headline and a dash, lowercase.
    let title = "The harbour is ours again - remarks by Chancellor Mira Dask";
    let actors = [titled(title, body, "Mira Dask", &["Mira Dask"])];
    assert_eq!(title_turns(title, body, &actors), whole());
}

#[test]
fn a_title_that_names_no_deliverer_makes_no_turn() {
    let body = "Mira Dask spoke to the harbour workers on Monday.";
    // A person the title names, but not as the one who delivers anything.
    for title in [
        "Address to the harbour workers: Mira Dask thanked them",
        "Speech by the harbour workers' union, welcomed by Mira Dask",
        "Mira Dask met Olav Brenn after his speech",
        "Addressing the workers, Mira Dask promised a new quay",
        "Joint statement by Mira Dask and the harbour board",
    ] {
        let actors = [titled(title, body, "Mira Dask", &["Mira Dask"])];
        assert_eq!(title_turns(title, body, &actors), vec![], "{title}");
    }
    // A role with no person named.
    let title = "Address by the Chancellor of Estavia";
    let actors = [person(body, "Mira Dask", &["Mira Dask"])];
    assert_eq!(title_turns(title, body, &actors), vec![]);
}

#[test]
fn transcript_labels_come_before_a_title_speaker() {
    let body = "Olav Brenn: Welcome, everyone.\n\nMira Dask: Thank you, Olav.";
    let title = "Remarks by Mira Dask at the quay";
    let actors = [
        titled(title, body, "Mira Dask", &["Mira Dask"]),
        person(body, "Olav Brenn", &["Olav Brenn"]),
    ];
    assert_eq!(
        title_turns(title, body, &actors),
        vec![
            q("Welcome, everyone.", Some("Olav Brenn")),
            q("Thank you, Olav.", Some("Mira Dask")),
        ]
    );
}

#[test]
fn a_pull_quote_whose_period_follows_the_mark_is_the_credited_persons() {
    let body = "\"Our valleys will be green again and the mills will turn\". Lecture by Mayor \
                of Dunmore Petra Valk at the river forum.";
    let actors = [person(body, "Petra Valk", &["Petra Valk"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "Our valleys will be green again and the mills will turn",
            Some("Petra Valk")
        )]
    );
}

#[test]
fn a_name_and_a_colon_before_a_quotation_give_its_speaker() {
    let body = "Osric Penhale: \"The new ferry line helps every island family\". A summary \
                of the week at the harbour board.";
    let actors = [person(body, "Osric Penhale", &["Osric Penhale"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "The new ferry line helps every island family",
            Some("Osric Penhale")
        )]
    );
}

#[test]
fn a_titled_subject_is_the_person_introduced_with_that_title() {
    let body = "Chairman of the Tidewater Guild Lorna Beck met Governor Ivo Marsh. \"The quays \
                need new cranes,\" Marsh said. The Chairman of the Tidewater Guild replied: \
                \"We will order them this winter.\"";
    let actors = [
        person(body, "Lorna Beck", &["Lorna Beck"]),
        person(body, "Ivo Marsh", &["Ivo Marsh", "Marsh"]),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("The quays need new cranes,", Some("Ivo Marsh")),
            q("We will order them this winter.", Some("Lorna Beck"))
        ]
    );
}

#[test]
fn a_description_by_a_word_of_an_organisations_name_is_that_organisation() {
    // The nearest organisation is another one; the description's word names the first.
    let body = "The Tolvane Guild of Millers backed the levy. Harbin Freight opened a depot.\n\n\
                \"Small mills will close,\" the guild said.\n\n\
                The Ostrava Federation of Bakers Unions said it would fight the tariff.\n\n\
                \"Bread will cost more,\" the union body said.";
    let actors = [
        org(
            body,
            "Tolvane Guild of Millers",
            &["Tolvane Guild of Millers"],
        ),
        org(body, "Harbin Freight", &["Harbin Freight"]),
        // Taken for a place by the extractor, as organisations' names sometimes are.
        actor(
            body,
            "Ostrava Federation of Bakers Unions",
            ActorKind::Place,
            &["Ostrava Federation of Bakers Unions"],
        ),
    ];
    assert_eq!(
        found(body, &actors),
        [
            q("Small mills will close,", Some("Tolvane Guild of Millers")),
            q(
                "Bread will cost more,",
                Some("Ostrava Federation of Bakers Unions")
            ),
        ]
    );
    // "It" after it refers to it, though the extractor took its name for a place.
    let more = format!("{body}\n\nIt added that the new tariff was \"a tax on every breakfast.\"");
    let actors = [
        org(
            &more,
            "Tolvane Guild of Millers",
            &["Tolvane Guild of Millers"],
        ),
        actor(
            &more,
            "Ostrava Federation of Bakers Unions",
            ActorKind::Place,
            &["Ostrava Federation of Bakers Unions"],
        ),
    ];
    assert_eq!(
        found(&more, &actors).last(),
        Some(&q(
            "a tax on every breakfast.",
            Some("Ostrava Federation of Bakers Unions")
        ))
    );
    // A description inside a phrase of a preposition or a verb is not the subject.
    let body = "The Tolvane Guild of Millers met.\n\n\"Nobody asked us,\" a miller close to the guild said.";
    let actors = [org(
        body,
        "Tolvane Guild of Millers",
        &["Tolvane Guild of Millers"],
    )];
    assert_eq!(found(body, &actors), [q("Nobody asked us,", None)]);
    // A description naming a person's role is no organisation's ("the dealer").
    let body = "The Pellmoor Dealer Network reported sales.\n\n\"Sales doubled,\" the dealer said.";
    let actors = [org(
        body,
        "Pellmoor Dealer Network",
        &["Pellmoor Dealer Network"],
    )];
    assert_ne!(
        found(body, &actors),
        [q("Sales doubled,", Some("Pellmoor Dealer Network"))]
    );
}

#[test]
fn a_cue_after_a_determiner_is_no_verb() {
    // "the promised" modifies a noun: the verb of the sentence is "added", whose subject
    // "it" is the organisation that spoke before.
    let body = "\"Wages must rise,\" the Merrow Dockers Association said.\n\n\
                It added that the promised rent cap was \"far too little and far too late.\"";
    let actors = [org(
        body,
        "Merrow Dockers Association",
        &["Merrow Dockers Association"],
    )];
    assert_eq!(
        found(body, &actors),
        [
            q("Wages must rise,", Some("Merrow Dockers Association")),
            q(
                "far too little and far too late.",
                Some("Merrow Dockers Association")
            ),
        ]
    );
}

#[test]
fn the_spokeswoman_is_the_one_introduced_with_her_organisation() {
    let body = "Quenby Textiles plans to expand abroad, a Quenby spokeswoman said.\n\nIts bonds were placed by Harlow Lane Partners and by Corvin Dees.\n\n\"No date is fixed,\" the spokeswoman said.\n\nShe turned to the plans. \"We will wait,\" she said.";
    let actors = [
        org(body, "Quenby Textiles", &["Quenby Textiles", "Quenby"]),
        org(body, "Harlow Lane Partners", &["Harlow Lane Partners"]),
        person(body, "Corvin Dees", &["Corvin Dees"]),
    ];
    let quotes = found(body, &actors);
    assert_eq!(
        quotes,
        vec![
            ("No date is fixed,".into(), Some("Quenby Textiles".into())),
            ("We will wait,".into(), Some("Quenby Textiles".into())),
        ]
    );
}

#[test]
fn the_spokesman_for_an_organisation_keeps_it_after_others_are_named() {
    let body = "Sales rose, a spokesman for Brell Foods said.\n\nRivals such as Tamsin Oils and Pell Vance cut prices.\n\n\"We expect more,\" the spokesman said.";
    let actors = [
        org(body, "Brell Foods", &["Brell Foods"]),
        org(body, "Tamsin Oils", &["Tamsin Oils"]),
        person(body, "Pell Vance", &["Pell Vance"]),
    ];
    assert_eq!(
        found(body, &actors),
        vec![("We expect more,".into(), Some("Brell Foods".into()))]
    );
}

#[test]
fn a_named_spokesman_is_not_an_organisations_introduction() {
    let body = "A Brell Foods spokesman, Odo Finch, said sales rose. Spokesman Odo Finch spoke again later.\n\n\"We expect more,\" the spokesman said.";
    let actors = [
        org(body, "Brell Foods", &["Brell Foods"]),
        person(body, "Odo Finch", &["Odo Finch"]),
    ];
    assert_eq!(
        found(body, &actors),
        vec![("We expect more,".into(), Some("Odo Finch".into()))]
    );
}

#[test]
fn a_participle_after_a_quotation_shares_its_clauses_subject() {
    let body = "Dorvan Mills said it would fight the newly proposed offer \"with all the means we have,\" saying \"this bid undervalues the group badly.\"";
    let actors = [org(body, "Dorvan Mills", &["Dorvan Mills"])];
    assert_eq!(
        found(body, &actors),
        vec![
            (
                "with all the means we have,".into(),
                Some("Dorvan Mills".into())
            ),
            (
                "this bid undervalues the group badly.".into(),
                Some("Dorvan Mills".into())
            ),
        ]
    );
}

#[test]
fn a_lowercase_particle_opens_the_name_after_the_verb() {
    let body = "Trade chief Amaury de Vellin spoke in Ghent.\n\n\"We see some diversion there,\" said de Vellin.";
    let surname = body.rfind("Vellin").unwrap();
    let actors = [
        person(body, "Amaury de Vellin", &["Amaury de Vellin"]),
        ActorMatch {
            mentions: vec![(surname, surname + "Vellin".len())],
            ..person(body, "Vellin", &[])
        },
    ];
    assert_eq!(
        found(body, &actors),
        [q("We see some diversion there,", Some("Vellin"))]
    );
    // A particle before no person the extractor found is no name.
    let body = "\"We see some diversion there,\" said de facto leaders.";
    assert_eq!(found(body, &[]), [q("We see some diversion there,", None)]);
}

#[test]
fn these_are_the_words_of_credits_the_quotation_before() {
    let body = "Our aircraft flew over the square.\n\n\"Nothing is more dangerous than a feigned friend.\" These are the words of the great Ruritanian philosopher Oles Varenko. We learned this truth.";
    let actors = [
        person(body, "Oles Varenko", &["Oles Varenko"]),
        actor(body, "Ruritania", ActorKind::Country, &["Ruritanian"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q(
            "Nothing is more dangerous than a feigned friend.",
            Some("Oles Varenko")
        )]
    );
    // Words of no person named: nothing credited.
    let body =
        "\"Nothing is more dangerous than a feigned friend.\" These are the words of an old song.";
    assert_eq!(
        found(body, &[]),
        [q("Nothing is more dangerous than a feigned friend.", None)]
    );
}

#[test]
fn an_unnamed_member_of_an_organisation_is_no_one_named() {
    let body = "Tamsin Vell spoke first.\n\n\"Loan demand picked up,\" an analyst at Harrow Securities Ltd said.";
    let actors = [
        person(body, "Tamsin Vell", &["Tamsin Vell"]),
        org(body, "Harrow Securities Ltd", &["Harrow Securities Ltd"]),
    ];
    assert_eq!(found(body, &actors), [q("Loan demand picked up,", None)]);
    // One dealer introduced with his bank: the dealer's later words are no one's either.
    let body = "Odo Brannick spoke first. One dealer for a Fenwick bank noted the dollar eased.\n\n\"They were obviously regarded as negative,\" he said.";
    let actors = [
        person(body, "Odo Brannick", &["Odo Brannick"]),
        org(body, "Fenwick", &["Fenwick"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("They were obviously regarded as negative,", None)]
    );
    // A spokesman speaks for his organisation.
    let body = "\"Loan demand picked up,\" a spokesman for Harrow Securities Ltd said.";
    let actors = [org(
        body,
        "Harrow Securities Ltd",
        &["Harrow Securities Ltd"],
    )];
    assert_eq!(
        found(body, &actors),
        [q("Loan demand picked up,", Some("Harrow Securities Ltd"))]
    );
}

#[test]
fn an_organisations_noun_before_a_persons_role_is_where_the_person_works() {
    let body = "\"I think he is desperate,\" said a Fenwick Bank foreign exchange manager.";
    let actors = [actor(body, "Fenwick", ActorKind::Place, &["Fenwick"])];
    assert_eq!(found(body, &actors), [q("I think he is desperate,", None)]);
}

#[test]
fn a_name_opening_the_clause_after_a_quotation_is_its_speaker() {
    let body = "\"Everybody underground is safe,\" Andre Fortin, a vice president with Harrow Mining, which owns the mine said.";
    let actors = [
        person(body, "Andre Fortin", &["Andre Fortin"]),
        org(body, "Harrow Mining", &["Harrow Mining"]),
    ];
    assert_eq!(
        found(body, &actors),
        [q("Everybody underground is safe,", Some("Andre Fortin"))]
    );
}

#[test]
fn a_definite_document_with_no_organisation_before_is_the_last_speakers() {
    let body = "Financing the reform is an \"acute problem,\" Ifo said.\n\n\"Every proposal over financing comes up against opposition,\" the report said.";
    let actors = [person(body, "Ifo", &["Ifo"])];
    assert_eq!(
        found(body, &actors),
        [
            q("acute problem,", Some("Ifo")),
            q(
                "Every proposal over financing comes up against opposition,",
                Some("Ifo")
            )
        ]
    );
}

#[test]
fn a_poet_run_into_a_name_is_a_role() {
    let body = "Poet Orla Vennick described all plots as \"a beginning, a muddle, and an end,\" which fits.";
    let actors = [person(body, "Poet Orla Vennick", &["Poet Orla Vennick"])];
    assert_eq!(
        found(body, &actors),
        [q(
            "a beginning, a muddle, and an end,",
            Some("Orla Vennick")
        )]
    );
}
