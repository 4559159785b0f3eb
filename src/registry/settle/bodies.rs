//! Bodies named with and without their owner: "Kestrel Treasury", "Treasury Department" and
//! "Department of the Treasury" are one actor when the corpus names that body for one owner
//! only, and a body named without its owner ("Harbour Ministry") that the corpus names for
//! several owners is a kind of body, not an actor.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Groups, DOMINANT_SHARE};
use crate::actors::{ActorKind, Gazetteer};

/// A body named without its owner, for this many owners or more and none of them dominant, is
/// a kind of body ("the finance ministry" of each country), not one actor.
const OWNERS_OF_A_KIND_OF_BODY: usize = 2;

/// Words that open the complement naming a body's owner or remit ("Ministry of Finance of
/// Tarnia", "Committee on Fisheries").
const COMPLEMENT_OPENERS: &[&str] = &["of", "on", "for", "against"];

/// The head noun that a body's name may drop when its remit is named ("Treasury Department"
/// is "the Treasury").
const DROPPABLE_HEAD: &str = "department";

/// The head noun of a country's executive, and the other noun that names it.
pub(super) const EXECUTIVE: &str = "government";
const EXECUTIVE_SYNONYM: &str = "administration";

/// The country a run of words names, through the gazetteer ("us", "west german").
pub(super) fn country_of(words: &[String], gazetteer: &Gazetteer) -> Option<String> {
    let (name, kind) = gazetteer.resolve(&words.join(" "))?;
    (kind == ActorKind::Country).then(|| name.to_string())
}

/// A body's name split into its owner country (a country's name or demonym in front, "U.S.
/// Treasury", or after "of" at the end, "Treasury of Tarnia") and what the body is, in one
/// word order ("Department of the Treasury" is "treasury department") without a head that may
/// be dropped ("treasury").
fn owner_and_body(words: &[String], gazetteer: &Gazetteer) -> (Option<String>, Vec<String>) {
    let mut owner = None;
    let mut body: &[String] = words;
    for n in (1..=3.min(words.len().saturating_sub(1))).rev() {
        if let Some(country) = country_of(&words[..n], gazetteer) {
            owner = Some(country);
            body = &words[n..];
            break;
        }
    }
    if owner.is_none() {
        if let Some(at) = words.iter().rposition(|w| w == "of") {
            if at >= 1 && at + 1 < words.len() {
                if let Some(country) = country_of(&words[at + 1..], gazetteer) {
                    owner = Some(country);
                    body = &words[..at];
                }
            }
        }
    }
    let mut body: Vec<String> = body.to_vec();
    // "department of the treasury" -> "treasury department"
    if body.len() >= 3 && body[1] == "of" && super::kinds::is_organisation_head(&body[0]) {
        let head = body[0].clone();
        let mut remit: Vec<String> = body[2..]
            .iter()
            .skip_while(|w| *w == "the")
            .cloned()
            .collect();
        remit.push(head);
        body = remit;
    }
    if body.len() >= 2 && body.last().is_some_and(|w| w == DROPPABLE_HEAD) {
        body.pop();
    }
    // a country's administration is its government ("Tarnian Administration")
    if owner.is_some() && body.len() == 1 && body[0] == EXECUTIVE_SYNONYM {
        body = vec![EXECUTIVE.to_string()];
    }
    (owner, body)
}

/// True when a name is made of common words and ends with an organisation's head noun
/// ("Harbour Ministry", "Standing Committee"): the shape of a kind of body.
fn shaped_like_a_kind_of_body(words: &[String]) -> bool {
    words.len() >= 2
        && words
            .last()
            .is_some_and(|w| super::kinds::is_organisation_head(w))
        && crate::actors::all_common_words(&words.join(" "))
}

/// Joins the names of one body and rejects kinds of bodies, for the organisations the
/// gazetteer does not know:
/// - the names of one owner's body ("Tarnian Harbour Department", "Department of Harbours of
///   Tarnia") join the most used of them;
/// - a name without an owner joins the owner that holds 2/3 of the owned names' articles,
///   when that owner's names are used in at least half as many articles as it is;
/// - else, a name shaped like a kind of body that longer names of the corpus give two or more
///   owners or qualifiers ("Tarnian Harbour Ministry", "Harbour Ministry of Velmora",
///   "Harbour Ministry for the Islands") is no actor.
pub(super) fn settle_owned_bodies(groups: &mut Groups, not_actor: &mut [bool]) {
    let n = groups.groups.len();
    let gazetteer = groups.gazetteer;
    let candidate: Vec<bool> = (0..n)
        .map(|g| {
            !not_actor[g]
                && groups.kind(g) == ActorKind::Org
                && groups.known_kind(g).is_none()
                && !groups.is_acronym(g)
        })
        .collect();
    // body -> owner (None: no owner named) -> groups
    let mut bodies: BTreeMap<Vec<String>, BTreeMap<Option<String>, Vec<usize>>> = BTreeMap::new();
    // the qualifiers longer names give a name (words in front, or a complement after it),
    // with the articles of those names
    let mut qualifiers: HashMap<Vec<String>, BTreeMap<String, u64>> = HashMap::new();
    for g in (0..n).filter(|&g| candidate[g]) {
        let (owner, body) = owner_and_body(&groups.groups[g].words, gazetteer);
        if !body.is_empty() {
            bodies
                .entry(body)
                .or_default()
                .entry(owner)
                .or_default()
                .push(g);
        }
    }
    // Only the names of bodies named without an owner are asked for their qualifiers: the
    // others are not counted (most names of a large corpus are none of them).
    let unowned: std::collections::HashSet<&[String]> = bodies
        .values()
        .filter_map(|owners| owners.get(&None))
        .flatten()
        .map(|&g| groups.groups[g].words.as_slice())
        .collect();
    for g in (0..n).filter(|&g| candidate[g]) {
        let words = &groups.groups[g].words;
        let articles = groups.groups[g].articles;
        let mut qualify = |name: &[String], qualifier: &[String]| {
            if !unowned.contains(name) {
                return;
            }
            let label = country_of(qualifier, gazetteer).unwrap_or_else(|| qualifier.join(" "));
            *qualifiers
                .entry(name.to_vec())
                .or_default()
                .entry(label)
                .or_insert(0) += articles;
        };
        for cut in 1..words.len() {
            if !words[..cut]
                .last()
                .is_some_and(|w| w == "and" || w == "the")
            {
                qualify(&words[cut..], &words[..cut]);
            }
        }
        for cut in 1..words.len().saturating_sub(1) {
            if COMPLEMENT_OPENERS.contains(&words[cut].as_str()) {
                qualify(&words[..cut], &words[cut + 1..]);
            }
        }
    }
    for (body, owners) in &bodies {
        let mut owned: BTreeMap<&String, (usize, u64)> = BTreeMap::new();
        for (owner, members) in owners {
            let Some(owner) = owner else { continue };
            let main = *members
                .iter()
                .max_by_key(|&&g| (groups.groups[g].articles, std::cmp::Reverse(g)))
                .expect("an owner has names");
            let mut articles = 0;
            for &g in members {
                articles += groups.groups[g].articles;
                groups.join(g, main);
            }
            owned.insert(owner, (main, articles));
        }
        let Some(unowned) = owners.get(&None) else {
            continue;
        };
        let total: u64 = owned.values().map(|&(_, a)| a).sum();
        let best = owned
            .values()
            .max_by_key(|&&(main, articles)| (articles, std::cmp::Reverse(main)))
            .copied();
        for &g in unowned {
            let own = groups.groups[g].articles;
            let words = groups.groups[g].words.clone();
            let qualified = qualifiers.get(&words);
            // names qualified by anything but a country ("Tarrow Harbour Board") count
            // against every owner
            let others: u64 = qualified.map_or(0, |q| {
                q.iter()
                    .filter(|(label, _)| !owned.contains_key(label))
                    .map(|(_, &articles)| articles)
                    .sum()
            });
            let dominant = best.is_some_and(|(_, articles)| {
                articles as f64 >= DOMINANT_SHARE * (total + others) as f64
            });
            let joined = best.is_some_and(|(main, articles)| {
                let supported = 2 * articles >= own;
                let join = dominant && supported && headed_like_a_body(&words);
                if join {
                    groups.join(g, main);
                }
                join
            });
            let qualifiers_named = qualified.map_or(0, BTreeMap::len);
            let qualified_articles: u64 = qualified.map_or(0, |q| q.values().sum());
            // a kind of body (its shape read in either word order when its head is written
            // either way round: "Ministry of Harbours" is a "Harbours Ministry", while
            // "League of Tarns" is a name), or common words the corpus mostly writes with a
            // qualifier in front or a complement after them ("the Tarrow Programme of Work")
            let reordered = words
                .first()
                .is_some_and(|w| super::REORDERED_BODY_HEADS.contains(&w.as_str()));
            let kind_of_body = shaped_like_a_kind_of_body(&words)
                || reordered && shaped_like_a_kind_of_body(body)
                || qualified_articles >= own && crate::actors::all_common_words(&words.join(" "));
            // one owner holding most of the qualified names ("Tarnian Harbour Ministry") but
            // too few articles to take the bare name: the corpus may mean that owner's body,
            // so the name is neither joined nor a kind of body
            if !joined
                && !dominant
                && kind_of_body
                && qualifiers_named >= OWNERS_OF_A_KIND_OF_BODY
                && groups.is_root(g)
            {
                not_actor[g] = true;
            }
        }
    }
}

/// A government named by common words ("the Grand Government"), with no owner among them,
/// while the corpus names governments for this many owners or more ("Tarnian Government",
/// "Government of Velmora"): a description of one of those governments, not one actor.
const OWNERS_OF_A_DESCRIBED_GOVERNMENT: usize = 2;

/// Rejects the descriptions of a country's government: an organisation the gazetteer does
/// not know, of two words or more, all of them common words and none an owner, headed by
/// the executive's noun ([`EXECUTIVE`]), in a corpus that names governments for
/// [`OWNERS_OF_A_DESCRIBED_GOVERNMENT`] owners or more ("Grand Government" beside "Tarnian
/// Government" and "Government of Velmora"). The modifiers name no one: "the Grand
/// Government" is the government of whichever country the text is about.
pub(super) fn reject_described_bodies(groups: &mut Groups, not_actor: &mut [bool]) {
    let gazetteer = groups.gazetteer;
    let mut owners: BTreeSet<String> = BTreeSet::new();
    for g in 0..groups.groups.len() {
        if groups.kind(g) != ActorKind::Org || groups.is_acronym(g) {
            continue;
        }
        if let (Some(owner), body) = owner_and_body(&groups.groups[g].words, gazetteer) {
            if body == [EXECUTIVE] {
                owners.insert(owner);
            }
        }
    }
    if owners.len() < OWNERS_OF_A_DESCRIBED_GOVERNMENT {
        return;
    }
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        if *rejected || !groups.is_root(g) {
            continue;
        }
        let words = &groups.groups[g].words;
        if words.len() < 2
            || words.last().map(String::as_str) != Some(EXECUTIVE)
            || groups.kind(g) != ActorKind::Org
            || groups.known_kind(g).is_some()
            || groups.is_acronym(g)
            || !crate::actors::all_common_words(&words.join(" "))
            || owner_and_body(words, gazetteer).0.is_some()
        {
            continue;
        }
        *rejected = true;
    }
}

/// Adjectives that name the whole state a body belongs to, and no one state: "the National
/// X" and "the Federal X" are "the state's X".
const STATE_ADJECTIVES: &[&str] = &["federal", "national"];

/// Share of a state adjective's name's articles that the body's bare noun must be named in
/// for the name to be a description of that body ([`reject_state_adjective_bodies`]).
const BARE_BODY_SHARE: u64 = 4;

/// Rejects the descriptions of a state's body by an adjective of the state: "National X" or
/// "Federal X" ([`STATE_ADJECTIVES`]), X one English common word, that the gazetteer does
/// not know, no company (no legal suffix in its forms or alias evidence), when the corpus
/// names the body without the adjective, "X" alone or "X Department", in at least a quarter
/// as many articles ([`BARE_BODY_SHARE`]): the adjective adds nothing but "the state's", so
/// the name is the body the corpus calls the X, of whichever state the text is about ("the
/// National Harbour" beside "the Harbour" and "the Harbour Department"). A body the corpus
/// names only with the adjective ("the National Watch") is a name of its own.
pub(super) fn reject_state_adjective_bodies(groups: &mut Groups, not_actor: &mut [bool]) {
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        let [adjective, noun] = &groups.groups[g].words[..] else {
            continue;
        };
        if *rejected
            || !STATE_ADJECTIVES.contains(&adjective.as_str())
            || !crate::actors::head::is_common_word(noun)
            || groups.kind(g) != ActorKind::Org
            || groups.known_kind(g).is_some()
            || groups.is_acronym(g)
        {
            continue;
        }
        if groups.groups[g].company {
            continue;
        }
        let bare: u64 = [
            noun.clone(),
            format!("{noun} {DROPPABLE_HEAD}"),
            format!("{DROPPABLE_HEAD} of {noun}"),
        ]
        .iter()
        .filter_map(|k| groups.by_key.get(k))
        .map(|&b| groups.groups[b].articles)
        .sum();
        if BARE_BODY_SHARE * bare >= groups.groups[g].articles {
            *rejected = true;
        }
    }
}

/// Rejects a government named for an organisation ("Government of the Tarnian Union" where
/// the Tarnian Union is an organisation): states and places have governments, organisations
/// do not, so the name is the tail of a longer one cut at "and" ("the Assembly of Heads of
/// State and Government of ..."), a summit's, not a body. The organisation is one the
/// gazetteer knows as one: extraction types many a state's formal name as an organisation
/// ("Government of the Tarnian People's Republic"), so the corpus's kind says too little.
pub(super) fn reject_governments_of_organisations(groups: &mut Groups, not_actor: &mut [bool]) {
    let gazetteer = groups.gazetteer;
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        let owner = match &groups.groups[g].words[..] {
            [head, of, rest @ ..] if head == EXECUTIVE && of == "of" && !rest.is_empty() => {
                rest.strip_prefix(&["the".to_string()]).unwrap_or(rest)
            }
            _ => continue,
        };
        if *rejected || owner.is_empty() || groups.known_kind(g).is_some() {
            continue;
        }
        let owner_key = owner.join(" ");
        let known_org = gazetteer
            .resolve(&owner_key)
            .is_some_and(|(name, kind)| kind == ActorKind::Org && super::key(name) == owner_key);
        if known_org {
            *rejected = true;
        }
    }
}

/// Joins a name run into a person's full name ("Tarnian Harbour Board Ottilie Marrowick",
/// "Velmora Oswin Tarrant") to that person: a body, country or place and its officer or
/// leader, written side by side without punctuation (a title in front left out: "Chair of
/// the ... Ottilie Marrowick"), which extraction read as one name. The person is the one
/// named; the words before it say which office. Both halves must be names of the corpus of
/// their own, the tail a person's of two words or more with no English common word in it,
/// nor a country's name ("Economic Cooperation", "Offered Rates", "France Presse" typed a
/// person are no person's names), and the
/// head no lone common word ("North", "Light" before a firm's or a product's name), so a
/// body named after a person ("Tarrant Foundation") or ending in common words is not
/// touched.
pub(super) fn join_names_run_into_people(groups: &mut Groups, not_actor: &mut [bool]) {
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        let len = groups.groups[g].words.len();
        if len < 3
            || *rejected
            || !groups.is_root(g)
            || groups.kind(g) == ActorKind::Person
            || groups.known_kind(g).is_some()
        {
            continue;
        }
        let words = &groups.groups[g].words;
        let common = |w: &String| crate::actors::head::is_common_word(w);
        // No person's name holds a common word or a country's name: the person's part starts
        // after the last such word.
        let first_cut = words
            .iter()
            .rposition(|w| {
                common(w) || country_of(std::slice::from_ref(w), groups.gazetteer).is_some()
            })
            .map_or(1, |at| at + 1);
        let person = (first_cut..=len - 2).find_map(|cut| {
            if cut == 1 && common(&words[0]) {
                return None;
            }
            let person = *groups.by_key.get(&words[cut..].join(" "))?;
            let head = *groups.by_key.get(&words[..cut].join(" "))?;
            (groups.kind(person) == ActorKind::Person && groups.kind(head) != ActorKind::Person)
                .then_some(person)
        });
        if let Some(person) = person {
            groups.vote_all_for(g, ActorKind::Person);
            groups.join(g, person);
            // no fragment joins the run-together: the person's name it ends with stays his
            *rejected = true;
        }
    }
}

/// True when a name is headed by an organisation's head noun, at either end ("Harbour
/// Department", "Department of Harbours"): a body whose owner's name may be left off.
fn headed_like_a_body(words: &[String]) -> bool {
    let head = |w: Option<&String>| w.is_some_and(|w| super::kinds::is_organisation_head(w));
    words.len() >= 2 && (head(words.last()) || head(words.first()) && words[1] == "of")
}

#[cfg(test)]
mod tests {
    use super::super::super::{AliasEvidence, Registry, Unlisted};
    use super::*;
    use crate::registry::RawActors;
    use ActorKind::{Country, Org, Person, Place};

    fn words(name: &str) -> Vec<String> {
        super::super::key_words(name)
    }

    #[test]
    fn a_body_is_split_into_its_owner_and_its_remit() {
        let gazetteer = Gazetteer::builtin();
        let (owner, body) = owner_and_body(&words("U.S. Department of the Interior"), gazetteer);
        assert_eq!(owner.as_deref(), Some("United States"));
        assert_eq!(body, ["interior"]);
        let (owner, body) = owner_and_body(&words("Ministry of Fisheries of Norway"), gazetteer);
        assert_eq!(owner.as_deref(), Some("Norway"));
        assert_eq!(body, ["fisheries", "ministry"]);
        let (owner, body) = owner_and_body(&words("Interior Department"), gazetteer);
        assert_eq!(owner, None);
        assert_eq!(body, ["interior"]);
        let (owner, body) = owner_and_body(&words("Peruvian Fisheries Ministry"), gazetteer);
        assert_eq!(owner.as_deref(), Some("Peru"));
        assert_eq!(body, ["fisheries", "ministry"]);
        let (owner, body) = owner_and_body(&words("Chilean Administration"), gazetteer);
        assert_eq!(owner.as_deref(), Some("Chile"));
        assert_eq!(body, ["government"]);
        let (_, body) = owner_and_body(&words("Harbour Administration"), gazetteer);
        assert_eq!(body, ["harbour", "administration"]);
    }

    #[test]
    fn the_names_of_one_owners_body_are_one_actor() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("U.S. Interior Department", Org, 40),
            ("Interior Department", Org, 30),
            ("Department of the Interior", Org, 12),
            ("United States Department of the Interior", Org, 3),
            ("United States", Country, 400),
        ]));
        for form in [
            "Interior Department",
            "Department of the Interior",
            "United States Department of the Interior",
        ] {
            let id = registry.canonical(Org, form).unwrap();
            assert_eq!(
                registry.actor(id).name,
                "U.S. Interior Department",
                "{form}"
            );
        }
    }

    #[test]
    fn a_body_named_for_several_owners_without_one_is_a_kind_of_body() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Fisheries Ministry", Org, 90),
            ("Peruvian Fisheries Ministry", Org, 3),
            ("Fisheries Ministry of Norway", Org, 2),
            // one owner named, used as often: that owner's ministry
            ("Forestry Ministry", Org, 20),
            ("Chilean Forestry Ministry", Org, 15),
            // named for nobody else: left alone
            ("Standing Committee", Org, 25),
        ]));
        assert_eq!(
            registry.canonical(Org, "Fisheries Ministry"),
            Err(Unlisted::NotAnActor)
        );
        assert!(registry
            .canonical(Org, "Peruvian Fisheries Ministry")
            .is_ok());
        let id = registry.canonical(Org, "Forestry Ministry").unwrap();
        assert_eq!(registry.actor(id).name, "Chilean Forestry Ministry");
        assert!(registry.canonical(Org, "Standing Committee").is_ok());
    }

    #[test]
    fn a_body_named_with_its_remit_after_it_is_shaped_like_a_kind_of_body_too() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            // "Ministry of X" for three owners, none of them holding most of its names
            ("Ministry of Forestry", Org, 40),
            ("Ministry of Forestry of Peru", Org, 2),
            ("Ministry of Forestry of Norway", Org, 1),
            ("Ministry of Forestry of Chile", Org, 1),
        ]));
        assert_eq!(
            registry.canonical(Org, "Ministry of Forestry"),
            Err(Unlisted::NotAnActor)
        );
    }

    #[test]
    fn a_body_named_by_an_adjective_of_the_state_is_the_body_it_describes() {
        let mut raw = RawActors::of_forms(&[
            // the corpus names the mint alone too: "the National Mint" is the mint
            ("National Mint", Org, 30),
            ("Mint", Org, 9),
            ("Federal Harbor", Org, 12),
            ("Harbor Department", Org, 20),
            // named only with the adjective: a body's own name
            ("National Watch", Org, 40),
            ("Federal Lantern", Org, 25),
            ("Lantern", Org, 2),
            // a company, by its suffixed alias
            ("National Pottery", Org, 8),
            ("Pottery", Org, 8),
        ]);
        raw.aliases.push(AliasEvidence {
            kind: Org,
            name: "National Pottery".to_string(),
            form: "National Pottery Corp".to_string(),
            articles: 3,
        });
        let registry = Registry::settle(&raw);
        for form in ["National Mint", "Federal Harbor"] {
            assert_eq!(
                registry.canonical(Org, form),
                Err(Unlisted::NotAnActor),
                "{form}"
            );
        }
        for form in ["National Watch", "Federal Lantern", "National Pottery"] {
            assert!(registry.canonical(Org, form).is_ok(), "{form}");
        }
    }

    #[test]
    fn a_name_run_into_a_persons_full_name_is_that_person() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Harbour Safety Board", Org, 30),
            ("Ottilie Marrowick", Person, 6),
            ("Harbour Safety Board Ottilie Marrowick", Org, 12),
            ("Velmora", Country, 100),
            ("Oswin Tarrant", Person, 20),
            ("Velmora Oswin Tarrant", Place, 9),
            // a body named after a person: its name ends with its own head noun
            ("Oswin Tarrant Foundation", Org, 8),
            // the tail is no person's name of the corpus, or common words typed a person
            ("Harbour Safety Board Quill", Org, 4),
            ("Coastal Trade", Person, 3),
            ("Velmora Coastal Trade", Org, 7),
            // a lone common word in front: a firm's name, not a place's
            ("North", Place, 40),
            ("Quarrow Tessaly", Person, 2),
            ("North Quarrow Tessaly", Org, 6),
        ]));
        let name_of = |kind, form| {
            registry
                .actor(registry.canonical(kind, form).unwrap())
                .name
                .clone()
        };
        assert_eq!(
            name_of(Org, "Harbour Safety Board Ottilie Marrowick"),
            "Ottilie Marrowick"
        );
        assert_eq!(name_of(Org, "Harbour Safety Board"), "Harbour Safety Board");
        assert_eq!(name_of(Place, "Velmora Oswin Tarrant"), "Oswin Tarrant");
        let oswin = registry.canonical(Person, "Oswin Tarrant").unwrap();
        assert_eq!(registry.actor(oswin).kind, Person);
        assert_eq!(registry.actor(oswin).articles, 29);
        assert_eq!(
            name_of(Org, "Oswin Tarrant Foundation"),
            "Oswin Tarrant Foundation"
        );
        assert_eq!(
            name_of(Org, "Harbour Safety Board Quill"),
            "Harbour Safety Board Quill"
        );
        assert_eq!(
            name_of(Org, "Velmora Coastal Trade"),
            "Velmora Coastal Trade"
        );
        assert_eq!(
            name_of(Org, "North Quarrow Tessaly"),
            "North Quarrow Tessaly"
        );
    }

    #[test]
    fn a_government_of_an_organisation_is_no_body() {
        // the gazetteer knows the Andean Community as an organisation
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Andean Community", Org, 200),
            ("Government of the Andean Community", Org, 40),
            ("Velmora", Country, 100),
            ("Government of Velmora", Org, 30),
            // an organisation of the corpus alone: its kind may be a state's mistyped
            ("Tarnian Union", Org, 200),
            ("Government of the Tarnian Union", Org, 40),
        ]));
        assert_eq!(
            registry.canonical(Org, "Government of the Andean Community"),
            Err(Unlisted::NotAnActor)
        );
        for form in ["Government of Velmora", "Government of the Tarnian Union"] {
            assert!(registry.canonical(Org, form).is_ok(), "{form}");
        }
    }
}
