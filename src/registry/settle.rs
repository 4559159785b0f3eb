//! How raw forms become canonical actors: a pure function of what the index holds
//! ([`RawActors`]), so the rules are tested on small made-up data and never read the corpus.
//!
//! The forms are grouped by a normalised key (case, punctuation, diacritics, "The", "'s",
//! legal suffixes), then joined on the evidence the whole index gives: alias facets (an
//! acronym or short form an article defined), acronym initials, fragments of longer names.
//! Single words that the corpus mostly writes as ordinary words are not actors. Each actor
//! gets one kind (the gazetteer's when it knows the name, else the corpus's vote) and one
//! canonical name (its most-used full form).

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};

use super::determiners::DeterminerEvidence;
use super::{Form, RawActors, RegisteredActor};
use crate::actors::{ActorKind, Gazetteer};

mod bodies;
mod kinds;

/// Share of the candidates' articles the one a fragment or alias joins must hold.
const DOMINANT_SHARE: f64 = 2.0 / 3.0;

/// A single word named as an actor in fewer than this share of the articles that contain the
/// word in any case is an ordinary word, not an actor (measured on news, speeches and wires:
/// real names sit above 0.4 (a few places named inside longer names, "Boston" of "First
/// Boston", near 0.35), capitalised common words below 0.3).
pub const COMMON_WORD_SHARE: f64 = 0.3;

/// Words in front of this many people's names are a title ("Excellency Mr.").
const TITLE_PEOPLE: usize = 3;

/// How many votes for "org" each article of a form with a legal suffix casts.
const LEGAL_SUFFIX_VOTES: u64 = 3;

/// How many votes for "org" each article casts that wrote a company's name with its legal
/// suffix (alias evidence): a firm is named with its suffix once and without it after, so one
/// suffixed article stands for several that the tagger may have read as a person's name.
const LEGAL_SUFFIX_ALIAS_VOTES: u64 = 5;

/// Share of the articles of the organisations an acronym may spell that the one it joins must
/// hold.
const ACRONYM_DOMINANT_SHARE: f64 = 0.9;

/// Words an acronym's letters skip in the name it abbreviates.
const ACRONYM_SKIPPED: &[&str] = &["of", "and", "the", "for", "on", "in", "to", "de", "des"];

/// Organisation legal suffixes, as normalised words ("Co Inc" is two of them).
const LEGAL_SUFFIXES: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh",
];

/// What settling decided: the actors, the forms that are not actors, and the forms that name
/// one of several actors (kept out of lists, offered when typed).
#[derive(Debug, Default)]
pub(super) struct Settled {
    /// The canonical actors, unordered.
    pub actors: Vec<RegisteredActor>,
    /// Forms that are not actors.
    pub rejected: Vec<Form>,
    /// Forms that are fragments of several actors, with the canonical names of those actors.
    pub ambiguous: Vec<(Form, Vec<(ActorKind, String)>)>,
}

/// The normalised words of a name: folded to ASCII lower case, dots and apostrophes dropped
/// ("U.S." = "US"), a possessive "'s" dropped from each word, "and" and "&" between words, a
/// leading "the" and trailing legal suffixes dropped. Empty when nothing but those is left.
pub fn key_words(name: &str) -> Vec<String> {
    let mut words = raw_words(name);
    if words.len() > 2 {
        let last = words.len() - 1;
        let mut at = 0;
        words.retain(|w| {
            at += 1;
            !(w == "and" && at > 1 && at <= last)
        });
    }
    let mut start = 0;
    if words.len() > 1 && words[0] == "the" {
        start = 1;
    }
    let mut end = words.len();
    while end > start && LEGAL_SUFFIXES.contains(&words[end - 1].as_str()) {
        end -= 1;
    }
    words[start..end].to_vec()
}

/// The key of a name: its [`key_words`] joined by spaces.
pub fn key(name: &str) -> String {
    key_words(name).join(" ")
}

/// The folded lower-case words of a name before any word is dropped.
pub(super) fn raw_words(name: &str) -> Vec<String> {
    // Settling asks for the words of every form and alias many times over: an ASCII name (most
    // of them) needs no folding, and splits and lower-cases as the analyzer below would.
    if name.is_ascii() {
        return ascii_raw_words(name.as_bytes());
    }
    analysed_raw_words(name)
}

/// [`raw_words`] through tantivy's analyzer: any name.
fn analysed_raw_words(name: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(name.len());
    let chars: Vec<char> = name.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let apostrophe = c == '\'' || c == '’';
        if apostrophe
            && matches!(chars.get(i + 1), Some('s') | Some('S'))
            && chars.get(i + 2).is_none_or(|n| !n.is_alphanumeric())
        {
            i += 2;
            continue;
        }
        if !(apostrophe || c == '.') {
            cleaned.push(c);
        }
        i += 1;
    }
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(&cleaned);
    let mut words = Vec::new();
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    words
}

/// [`raw_words`] of an ASCII name, without the analyzer: the same cleaning (a possessive "'s"
/// dropped, then apostrophes and dots), split at every character that is not a letter or a
/// digit, lower-cased (folding changes no ASCII letter).
fn ascii_raw_words(name: &[u8]) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < name.len() {
        let c = name[i];
        if c == b'\''
            && matches!(name.get(i + 1), Some(b's') | Some(b'S'))
            && name.get(i + 2).is_none_or(|n| !n.is_ascii_alphanumeric())
        {
            i += 2;
            continue;
        }
        i += 1;
        if c == b'\'' || c == b'.' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            word.push(char::from(c.to_ascii_lowercase()));
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// True when the name has letters and none of them is lower case ("NATO", "U.S.").
fn all_caps(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// Articles of the ALL-CAPS forms and of the mixed-case forms.
fn caps_and_mixed<'f>(forms: impl Iterator<Item = &'f Form>) -> (u64, u64) {
    let (mut caps, mut mixed) = (0, 0);
    for form in forms {
        if all_caps(&form.name) {
            caps += form.articles;
        } else {
            mixed += form.articles;
        }
    }
    (caps, mixed)
}

/// True when the name ends with a legal suffix ("Acme Co Inc").
fn has_legal_suffix(name: &str) -> bool {
    raw_words(name)
        .last()
        .is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str()))
}

/// Kinds extraction confuses with each other within one actor: people and organisations
/// ("Sachs" of "Goldman Sachs"), countries and places.
fn compatible(a: ActorKind, b: ActorKind) -> bool {
    use ActorKind::*;
    a == b
        || matches!(
            (a, b),
            (Person, Org) | (Org, Person) | (Country, Place) | (Place, Country)
        )
}

/// Forms of one key, and what the later rules decided about them.
struct Group {
    words: Vec<String>,
    forms: Vec<usize>,
    articles: u64,
    /// Articles per kind, in [`ActorKind::ALL`] order.
    votes: [u64; 4],
    /// A legal suffix on one of its forms, or on an alias form extraction kept for its name
    /// ("Acme Widgets Inc" for "Acme Widgets"): a company's.
    company: bool,
    /// The gazetteer's kind for each of its forms it resolves to a name of this key, in form
    /// order, and whether that name yields to an organisation: [`Groups::known_kind`] asks
    /// for it over and over, and neither the forms nor the gazetteer change while settling.
    known: Vec<(ActorKind, bool)>,
}

impl Group {
    fn vote_kind(&self) -> ActorKind {
        let mut best = 0;
        for k in 1..4 {
            if self.votes[k] > self.votes[best] {
                best = k;
            }
        }
        ActorKind::ALL[best]
    }
}

fn kind_index(kind: ActorKind) -> usize {
    ActorKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The groups and the union-find over them.
struct Groups<'a> {
    raw: &'a RawActors,
    groups: Vec<Group>,
    by_key: FxHashMap<String, usize>,
    parent: Vec<usize>,
    gazetteer: &'a Gazetteer,
    /// What the gazetteer resolves each raw form to, by form: looked up once.
    resolved: Vec<Option<(&'a str, ActorKind)>>,
    /// Per group: one word written mostly in capitals ([`Groups::is_acronym`]).
    acronym: Vec<bool>,
}

impl<'a> Groups<'a> {
    fn new(raw: &'a RawActors, rejected: &mut Vec<Form>, gazetteer: &'a Gazetteer) -> Groups<'a> {
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for (i, form) in raw.forms.iter().enumerate() {
            let words = key_words(&form.name);
            if words.is_empty() {
                rejected.push(form.clone());
                continue;
            }
            let id = *by_key.entry(words.join(" ")).or_insert_with(|| {
                groups.push(Group {
                    words,
                    forms: Vec::new(),
                    articles: 0,
                    votes: [0; 4],
                    company: false,
                    known: Vec::new(),
                });
                groups.len() - 1
            });
            let group = &mut groups[id];
            group.forms.push(i);
            group.articles += form.articles;
            // A legal suffix says "company" more surely than the tagger's guess.
            if has_legal_suffix(&form.name) {
                group.votes[kind_index(ActorKind::Org)] += LEGAL_SUFFIX_VOTES * form.articles;
                group.company = true;
            } else {
                group.votes[kind_index(form.kind)] += form.articles;
            }
        }
        // Extraction drops a company's legal suffix from its name and keeps the suffixed
        // form as alias evidence: that evidence votes "company" as the suffix itself would.
        for alias in &raw.aliases {
            if !has_legal_suffix(&alias.form) {
                continue;
            }
            if let Some(&id) = by_key.get(&key_words(&alias.name).join(" ")) {
                groups[id].votes[kind_index(ActorKind::Org)] +=
                    LEGAL_SUFFIX_ALIAS_VOTES * alias.articles;
                groups[id].company = true;
            }
        }
        let mut resolved = vec![None; raw.forms.len()];
        for group in &mut groups {
            for &f in &group.forms {
                let written = &raw.forms[f].name;
                resolved[f] = gazetteer.resolve(written);
                if let Some((name, kind)) = resolved[f] {
                    if key_words(name) == group.words {
                        group.known.push((kind, gazetteer.yields_to_org(written)));
                    }
                }
            }
        }
        let acronym = groups
            .iter()
            .map(|group| {
                let (caps, mixed) = caps_and_mixed(group.forms.iter().map(|&f| &raw.forms[f]));
                group.words.len() == 1 && caps > mixed
            })
            .collect();
        let parent = (0..groups.len()).collect();
        Groups {
            raw,
            groups,
            by_key,
            parent,
            gazetteer,
            resolved,
            acronym,
        }
    }

    fn find(&mut self, mut g: usize) -> usize {
        while self.parent[g] != g {
            self.parent[g] = self.parent[self.parent[g]];
            g = self.parent[g];
        }
        g
    }

    /// Joins the actor of `source` into the actor of `target` (which keeps its name).
    fn join(&mut self, source: usize, target: usize) {
        let (s, t) = (self.find(source), self.find(target));
        if s == t {
            return;
        }
        self.parent[s] = t;
        let (articles, votes) = (self.groups[s].articles, self.groups[s].votes);
        let target = &mut self.groups[t];
        target.articles += articles;
        for (total, vote) in target.votes.iter_mut().zip(votes) {
            *total += vote;
        }
    }

    /// Gives all of a group's kind votes to `kind`: what a rule that settles its kind does,
    /// so that no later rule on another kind takes it for one of its own.
    fn vote_all_for(&mut self, g: usize, kind: ActorKind) {
        let votes = &mut self.groups[g].votes;
        let all: u64 = votes.iter().sum();
        *votes = [0; 4];
        votes[kind_index(kind)] = all;
    }

    fn is_root(&mut self, g: usize) -> bool {
        self.find(g) == g
    }

    /// The kind of a group's actor: the gazetteer's when it knows one of its forms as a name
    /// of its own, else the corpus's vote.
    fn kind(&self, g: usize) -> ActorKind {
        self.known_kind(g)
            .unwrap_or_else(|| self.groups[g].vote_kind())
    }

    /// The gazetteer's kind for a group whose key is a name the gazetteer resolves to itself.
    /// A name that yields to an organisation (a town that is also a team's name) keeps the
    /// gazetteer's kind only when the articles do not mostly write it as an organisation.
    fn known_kind(&self, g: usize) -> Option<ActorKind> {
        let group = &self.groups[g];
        group
            .known
            .iter()
            .find(|&&(_, yields)| !(yields && group.vote_kind() == ActorKind::Org))
            .map(|&(kind, _)| kind)
    }

    /// True when the gazetteer holds one of the group's forms as a country, or as a name of
    /// its own written exactly so (not only as an alias: "The Nation" does not hold "Nation").
    fn held_by_gazetteer(&self, g: usize) -> bool {
        self.groups[g].forms.iter().any(|&f| {
            self.resolved[f].is_some_and(|(name, kind)| {
                kind == ActorKind::Country || name == self.raw.forms[f].name
            })
        })
    }

    /// The group the gazetteer resolves a group's name to, when it is another one.
    fn gazetteer_target(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        group.forms.iter().find_map(|&f| {
            let (name, _) = self.resolved[f]?;
            let target = *self.by_key.get(&key(name))?;
            (target != g).then_some(target)
        })
    }

    /// A one-word group written mostly in capitals ("NATO", "SEC").
    fn is_acronym(&self, g: usize) -> bool {
        self.acronym[g]
    }
}

/// Settles the canonical actors of `raw` (see the module documentation for the rules).
pub(super) fn settle(raw: &RawActors, gazetteer: &Gazetteer) -> Settled {
    let mut settled = Settled::default();
    let mut groups = Groups::new(raw, &mut settled.rejected, gazetteer);
    kinds::retype_by_organisation_head(&mut groups);
    kinds::retype_initialled_people(&mut groups);
    let n = groups.groups.len();
    let mut not_actor = vec![false; n];

    join_gazetteer_names(&mut groups);
    join_spellings(&mut groups);
    join_middle_initials(&mut groups);
    join_reordered_bodies(&mut groups);
    kinds::settle_places_named_as_bodies(&mut groups);
    kinds::settle_divided_states(&mut groups);
    kinds::join_features_named_alone(&mut groups);
    kinds::join_generic_heads(&mut groups);
    kinds::join_place_abbreviations(&mut groups);
    // Common words and generic phrases are judged on their own forms before any alias joins
    // them to a longer name: "the Muslims" an article resolved to a group named in it, or
    // "Member State" to one body's name, would lend it every article of the common noun.
    let common = common_word_groups(&groups, raw);
    let generic = generic_phrase_groups(&mut groups, raw);
    for g in 0..n {
        not_actor[g] = common[g] && groups.is_root(g);
    }
    settle_phrase_contexts(&mut groups, raw, &mut not_actor);
    bodies::settle_owned_bodies(&mut groups, &mut not_actor);
    bodies::reject_described_bodies(&mut groups, &mut not_actor);
    bodies::reject_state_adjective_bodies(&mut groups, &mut not_actor);
    bodies::reject_governments_of_organisations(&mut groups, &mut not_actor);
    bodies::join_names_run_into_people(&mut groups, &mut not_actor);
    let blocked: Vec<bool> = (0..n).map(|g| not_actor[g] || generic[g]).collect();
    join_aliases(&mut groups, raw, &blocked);
    join_acronyms(&mut groups, &not_actor);
    reject_common_words(&mut groups, raw, &mut not_actor);
    kinds::reject_non_actor_names(&mut groups, &mut not_actor, &common);
    reject_generic_phrases(&mut groups, raw, &mut not_actor);
    join_titled_people(&mut groups, &not_actor);
    let ambiguous = join_fragments(&mut groups, &mut not_actor);
    reject_unattested_lone_names(&mut groups, raw, &mut not_actor);
    reject_described_people(&mut groups, raw, &mut not_actor);
    settle_names_written_plural(&mut groups, raw, &mut not_actor);
    settle_numbered_names(&mut groups, raw, &mut not_actor);

    // Collect the actors.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for g in 0..n {
        let root = groups.find(g);
        members.entry(root).or_default().push(g);
    }
    let mut root_name: FxHashMap<usize, (ActorKind, String)> = FxHashMap::default();
    let single_names: FxHashSet<String> = raw
        .forms
        .iter()
        .filter(|form| !form.name.contains(' '))
        .map(|form| form.name.to_lowercase())
        .collect();
    for (&root, member_groups) in &members {
        let forms: Vec<Form> = member_groups
            .iter()
            .flat_map(|&g| groups.groups[g].forms.iter().map(|&f| raw.forms[f].clone()))
            .collect();
        if not_actor[root] {
            match ambiguous.get(&root) {
                Some(candidates) => {
                    for form in forms {
                        settled.ambiguous.push((form, candidates.clone()));
                    }
                }
                None => settled.rejected.extend(forms),
            }
            continue;
        }
        let kind = groups.kind(root);
        let name = canonical_name(&groups, named_by(&groups, root, member_groups));
        // A document, law, event or work ("... Protocol", "... Summit") is no actor, however
        // it is written; its forms are not actors either.
        let held = groups.held_by_gazetteer(root);
        // An acronym that spells the name says it is a name, not a common noun phrase.
        let abbreviated = member_groups
            .iter()
            .any(|&m| m != root && groups.is_acronym(m));
        // A one-word plural organisation whose singular is named too ("Powers" beside
        // "Power") is a common noun written with a capital, not a party or a team.
        let plural_of_named = !name.contains(' ')
            && crate::actors::head::plural_common_noun_singular(&name)
                .is_some_and(|singular| single_names.contains(&singular));
        // A name written as code is none, unless a clean form names the actor too (a firm's
        // name glued to its ticker beside its own).
        use crate::actors::head::written_as_code;
        if crate::actors::head::names_a_non_actor(&name, kind)
            || written_as_code(&name) && forms.iter().all(|f| written_as_code(&f.name))
            || !held && crate::actors::head::names_a_plan(&name)
            || !(held || abbreviated)
                && (crate::actors::head::names_a_plural_common_noun(&name, kind) || plural_of_named)
        {
            settled.rejected.extend(forms);
            continue;
        }
        let mut forms = forms;
        forms.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
                .then(a.kind.cmp(&b.kind))
        });
        root_name.insert(root, (kind, name.clone()));
        settled.actors.push(RegisteredActor {
            name,
            kind,
            articles: groups.groups[root].articles,
            forms,
        });
    }
    // Ambiguous fragments name their candidates by canonical name.
    for (_, candidates) in settled.ambiguous.iter_mut() {
        for candidate in candidates.iter_mut() {
            if let Some(named) = groups
                .by_key
                .get(&candidate.1)
                .copied()
                .map(|g| groups.find(g))
                .and_then(|root| root_name.get(&root))
            {
                *candidate = named.clone();
            }
        }
        candidates.sort();
        candidates.dedup();
    }
    settled
}

/// A form the gazetteer resolves to another registered name of the same kind, or spelt
/// nearly the same, joins that name's actor (a known alias such as a surname the gazetteer
/// lists joins its full name).
fn join_gazetteer_names(groups: &mut Groups) {
    for g in 0..groups.groups.len() {
        if let Some(target) = groups.gazetteer_target(g) {
            // Of the same kind, or another spelling of the same name ("Viet Nam"): a place
            // the gazetteer files under its country ("Gaza") stays a place.
            let spelling = strsim::normalized_levenshtein(
                &groups.groups[g].words.concat(),
                &groups.groups[target].words.concat(),
            ) >= 0.8;
            if spelling || groups.kind(g) == groups.kind(target) {
                groups.join(g, target);
            }
        }
    }
}

/// Names spelt with the same letters, split into words differently ("South-East" and
/// "Southeast") are one actor: the less used joins the more used, when their kinds may be
/// one actor's, or when the gazetteer knows the more used name and some article typed the
/// other as a kind it may be ("Viet-Nam" typed a place in some speeches and a person in more
/// is the country the gazetteer knows as "Vietnam").
fn join_spellings(groups: &mut Groups) {
    let mut by_letters: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (g, group) in groups.groups.iter().enumerate() {
        by_letters.entry(group.words.concat()).or_default().push(g);
    }
    let mut sets: Vec<Vec<usize>> = by_letters.into_values().filter(|s| s.len() >= 2).collect();
    sets.sort();
    for mut spelt in sets {
        spelt.sort_by_key(|&g| (std::cmp::Reverse(groups.groups[g].articles), g));
        let main = spelt[0];
        let main_kind = groups.kind(main);
        let known = groups.known_kind(main).is_some();
        for &other in &spelt[1..] {
            let typed_so = groups.groups[other]
                .forms
                .iter()
                .any(|&f| compatible(groups.raw.forms[f].kind, main_kind));
            if compatible(groups.kind(other), main_kind) || known && typed_so {
                groups.join(other, main);
            }
        }
    }
}

/// Middle words of a person's name this short are initials ("S" of "Harry S. Truman", "HW"
/// of "George H.W. Bush", "de" of "Charles de Gaulle").
const MIDDLE_INITIAL_LETTERS: usize = 2;

/// One person written with and without middle initials ("Ada K. Lovelace", "Ada Lovelace")
/// is one actor: the names that are the same without their middle initials join the most
/// used name with initials, unless two of them carry different initials (a father and a son,
/// "John Q. Sample" and "John R. Sample": the name without initials could be either) or the
/// bare name is used more than the full one.
fn join_middle_initials(groups: &mut Groups) {
    let mut by_bare_name: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for g in 0..groups.groups.len() {
        let words = &groups.groups[g].words;
        if words.len() < 2 || groups.kind(g) != ActorKind::Person {
            continue;
        }
        let last = words.len() - 1;
        let (mut kept, mut initials) = (Vec::new(), Vec::new());
        for (at, word) in words.iter().enumerate() {
            if at > 0 && at < last && word.chars().count() <= MIDDLE_INITIAL_LETTERS {
                initials.push(word.as_str());
            } else {
                kept.push(word.as_str());
            }
        }
        by_bare_name
            .entry(kept.join(" "))
            .or_default()
            .push((g, initials.join(" ")));
    }
    for members in by_bare_name.values() {
        let initials: BTreeSet<&str> = members
            .iter()
            .map(|(_, initials)| initials.as_str())
            .filter(|initials| !initials.is_empty())
            .collect();
        if members.len() < 2 || initials.len() != 1 {
            continue;
        }
        // The name with initials is the full one; a bare name written more often than it
        // may be a better-known namesake's ("George Sample" beside "George Q. Sample").
        let main = members
            .iter()
            .filter(|(_, initials)| !initials.is_empty())
            .map(|&(g, _)| g)
            .max_by_key(|&g| (groups.groups[g].articles, std::cmp::Reverse(g)))
            .expect("a name with initials");
        let full = groups.groups[main].articles;
        for &(g, _) in members {
            if groups.groups[g].articles <= full {
                groups.join(g, main);
            }
        }
    }
}

/// Head words of a body named either way round: "Harbour Department" and "Department of
/// Harbours" are written for one body, as are "Fisheries Ministry" and "Ministry of Fisheries".
pub(super) const REORDERED_BODY_HEADS: &[&str] = &["department", "ministry"];

/// An organisation named "HEAD of (the) X" and one named "X HEAD" ([`REORDERED_BODY_HEADS`])
/// are one actor, named by the more used of the two.
fn join_reordered_bodies(groups: &mut Groups) {
    for g in 0..groups.groups.len() {
        let words = &groups.groups[g].words;
        let reordered = match words.as_slice() {
            [head, of, rest @ ..]
                if REORDERED_BODY_HEADS.contains(&head.as_str())
                    && of == "of"
                    && !rest.is_empty() =>
            {
                let rest = match rest {
                    [the, tail @ ..] if the == "the" && !tail.is_empty() => tail,
                    _ => rest,
                };
                format!("{} {head}", rest.join(" "))
            }
            _ => continue,
        };
        let Some(&other) = groups.by_key.get(&reordered) else {
            continue;
        };
        if groups.kind(g) != ActorKind::Org || groups.kind(other) != ActorKind::Org {
            continue;
        }
        let (a, b) = (groups.find(g), groups.find(other));
        if groups.groups[a].articles >= groups.groups[b].articles {
            groups.join(b, a);
        } else {
            groups.join(a, b);
        }
    }
}

/// Alias evidence: a form that articles defined for an actor joins that actor, when the
/// evidence for the form points (by 2/3 of its articles) to one actor of a compatible kind
/// (an acronym may have been typed as anything).
fn join_aliases(groups: &mut Groups, raw: &RawActors, blocked: &[bool]) {
    let mut evidence: BTreeMap<usize, BTreeMap<usize, u64>> = BTreeMap::new();
    for alias in &raw.aliases {
        let (Some(&target), Some(&source)) = (
            groups.by_key.get(&key(&alias.name)),
            groups.by_key.get(&key(&alias.form)),
        ) else {
            continue;
        };
        if source != target && !blocked[source] {
            *evidence
                .entry(source)
                .or_default()
                .entry(target)
                .or_insert(0) += alias.articles;
        }
    }
    for (source, targets) in evidence {
        let total: u64 = targets.values().sum();
        let Some((&target, &best)) = targets.iter().max_by_key(|(t, a)| (**a, usize::MAX - **t))
        else {
            continue;
        };
        if (best as f64) < DOMINANT_SHARE * total as f64 {
            continue;
        }
        let target_root = groups.find(target);
        let target_kind = groups.kind(target_root);
        let source_kind = groups.kind(source);
        // A name used far more than the evidence for it, in more articles than the name it
        // would join, is an actor of its own: a place inside a larger or smaller one
        // ("Tarnia" and "West Tarnia"), or a body that a few articles write after a stray
        // capitalised word (a heading's last line run into the next). The same evidence
        // rule as for fragments: a longer name seen in under a tenth of a form's articles
        // is no evidence for it.
        let (source_articles, target_articles) = (
            groups.groups[source].articles,
            groups.groups[target_root].articles,
        );
        let outweighs = target_articles < source_articles
            && 10 * best < source_articles
            && !groups.is_acronym(source);
        if outweighs {
            continue;
        }
        if groups.is_acronym(source)
            || compatible(source_kind, target_kind)
                && kinds::may_join_as_fragment(source_kind, target_kind)
        {
            groups.join(source, target);
        }
    }
}

/// The initials of a name's words, skipping the small words acronyms skip.
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !ACRONYM_SKIPPED.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The initials of every word, the small ones too ("ECOWAS" of "Economic Community of West
/// African States").
fn all_initials(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// An acronym whose letters are the initials of one registered organisation, or of several of
/// which one is used far more ([`dominant_expansion`]), joins it; the acronym names the actor
/// when the name it spells is used in under a tenth of its articles (a misspelt or one-off
/// expansion). A country's short name in front counts with all its letters ("U.S." in "USDA").
fn join_acronyms(groups: &mut Groups, not_actor: &[bool]) {
    let n = groups.groups.len();
    let mut by_initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (g, &rejected) in not_actor.iter().enumerate().take(n) {
        let words = &groups.groups[g].words;
        if words.len() >= 2 && groups.kind(g) == ActorKind::Org && !rejected {
            let mut spelt = vec![initials(words), all_initials(words)];
            let first = &words[0];
            let country_code = first.len() <= 3
                && groups
                    .gazetteer
                    .resolve(first)
                    .is_some_and(|(_, kind)| kind == ActorKind::Country);
            if country_code {
                spelt.push(format!("{first}{}", initials(&words[1..])));
            }
            spelt.sort();
            spelt.dedup();
            for letters in spelt {
                by_initials.entry(letters).or_default().push(g);
            }
        }
    }
    for g in 0..n {
        let known_elsewhere = groups
            .known_kind(g)
            .is_some_and(|kind| kind != ActorKind::Org);
        if !groups.is_acronym(g) || !groups.is_root(g) || known_elsewhere {
            continue;
        }
        let letters = groups.groups[g].words[0].clone();
        if letters.len() < 2 {
            continue;
        }
        let Some(candidates) = by_initials.get(&letters) else {
            continue;
        };
        let roots: Vec<usize> = candidates.iter().map(|&c| groups.find(c)).collect();
        if let Some(long) = dominant_expansion(groups, &roots) {
            if 10 * groups.groups[long].articles < groups.groups[g].articles {
                groups.join(long, g);
            } else {
                groups.join(g, long);
            }
        }
    }
}

/// Of the organisations whose initials an acronym spells, the one that holds at least
/// [`ACRONYM_DOMINANT_SHARE`] of their articles (a misspelt copy of a name does not hide it).
fn dominant_expansion(groups: &Groups, roots: &[usize]) -> Option<usize> {
    let mut articles: BTreeMap<usize, u64> = BTreeMap::new();
    for &root in roots {
        articles.insert(root, groups.groups[root].articles);
    }
    let total: u64 = articles.values().sum();
    let (best, used) = dominant(&articles)?;
    (used as f64 >= ACRONYM_DOMINANT_SHARE * total as f64).then_some(best)
}

/// A single word that the corpus mostly writes as an ordinary word is not an actor: the
/// articles that name it (alone, or as a person's surname, which extraction resolves to the
/// full name) are few against the articles that contain its term at all. Acronyms, and names
/// the gazetteer holds as they are written (or as countries), are kept.
fn reject_common_words(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    let common = common_word_groups(groups, raw);
    for g in 0..groups.groups.len() {
        if common[g] && groups.find(g) == g {
            not_actor[g] = true;
        }
    }
}

/// A one-word person or place that no longer name took in and that no sampled passage writes
/// as a person's or a place's ([`super::people`]) is not an actor: a product, a brand, a site
/// or a work the tagger read as a name. Names the gazetteer holds are kept, and so is a word
/// that ends the name of a registered person whose first word is no English common word
/// ("Tarrant" beside "Oswin Tarrant"): the corpus itself writes it as a surname, which a
/// sample of a dozen passages may miss when the text seldom says who the person is.
fn reject_unattested_lone_names(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    let surnames: FxHashSet<String> = (0..groups.groups.len())
        .filter(|&g| !not_actor[g] && groups.kind(g) == ActorKind::Person)
        .filter_map(|g| match &groups.groups[g].words[..] {
            [first, .., last] if !crate::actors::head::is_common_word(first) => Some(last.clone()),
            _ => None,
        })
        .collect();
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        if *rejected || !groups.is_root(g) || groups.held_by_gazetteer(g) {
            continue;
        }
        let evidence = match groups.kind(g) {
            ActorKind::Person => &raw.person_evidence,
            ActorKind::Place => &raw.place_evidence,
            _ => continue,
        };
        let [word] = &groups.groups[g].words[..] else {
            continue;
        };
        let surname = groups.kind(g) == ActorKind::Person && surnames.contains(word);
        if evidence.get(word) == Some(&false) && !surname {
            *rejected = true;
        }
    }
}

/// Share of a person's sampled occurrences opened by a determiner at which it is a title or
/// an honorific, not a person: measured on speeches, news, wires and web pages, people's
/// names sit under 0.2 ("His Holiness" before a pope's name), titles written as names ("the
/// Chief Warden", "His Gracious Majesty") above 0.4.
const DESCRIBED_PERSON_SHARE: f64 = 1.0 / 3.0;

/// Sampled occurrences of a person needed before its determiners are judged.
const MIN_DETERMINER_OCCURRENCES: u32 = 10;

/// A person whose sampled occurrences are opened by a determiner in a third of them or more
/// ([`super::determiners`]) is a title or an honorific written with capitals ("His Gracious
/// Majesty", "the Warden"), not a person: a determiner other than "the" counts for every
/// name, "the" only for a one-word name (a name of several words may be a title's own,
/// "the Grand Vizier Tarrant"). Names the gazetteer holds are kept.
fn reject_described_people(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    for (g, rejected) in not_actor.iter_mut().enumerate() {
        if *rejected
            || !groups.is_root(g)
            || groups.kind(g) != ActorKind::Person
            || groups.held_by_gazetteer(g)
        {
            continue;
        }
        let words = &groups.groups[g].words;
        let Some(evidence) = raw.determiners.get(&words.join(" ")) else {
            continue;
        };
        if evidence.named < MIN_DETERMINER_OCCURRENCES {
            continue;
        }
        let after_the = if words.len() == 1 {
            evidence.after_the
        } else {
            0
        };
        let opened = evidence.determined + after_the;
        if f64::from(opened) >= DESCRIBED_PERSON_SHARE * f64::from(evidence.named) {
            *rejected = true;
        }
    }
}

/// Share of an organisation's sampled capitalised occurrences written in the plural at which
/// it names a member or a thing of a class, not a body: measured on news, wires, speeches and
/// web pages, bodies' names sit under 0.05 (a firm's name is written in the plural only by a
/// slip), a member's title ("Assemblyman" beside "Assemblymen") or a product class above 0.4.
const PLURAL_ORGANISATION_SHARE: f64 = 1.0 / 3.0;

/// An organisation that the sampled passages ([`super::determiners`]) write in the plural in a
/// third of its capitalised occurrences or more names a member of a body or a thing of a
/// class, not a body: it joins the organisation named by its plural when there is one (a
/// party's member beside the party named by its members, "Green Dem" beside "Green Dems"),
/// and is no actor otherwise. Names the gazetteer holds are kept.
fn settle_names_written_plural(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    settle_org_fragments(groups, raw, not_actor, |words, evidence| {
        let written = evidence.named + evidence.plural;
        if written < MIN_DETERMINER_OCCURRENCES
            || f64::from(evidence.plural) < PLURAL_ORGANISATION_SHARE * f64::from(written)
        {
            return None;
        }
        let (last, inner) = words.split_last().expect("a group has words");
        let plurals = super::phrases::PLURAL_ENDINGS.iter().map(|ending| {
            let mut plural_words = inner.to_vec();
            plural_words.push(format!("{last}{ending}"));
            plural_words.join(" ")
        });
        Some(plurals.collect())
    });
}

/// The rule [`settle_names_written_plural`] and [`settle_numbered_names`] share: each root
/// organisation the gazetteer does not hold, with determiner evidence, that `fuller_names`
/// finds to be a fragment (it returns the keys of the names it is a fragment of, tried in
/// order; `None` when it is no fragment) joins the first of those names that is a live
/// organisation, and is no actor when none is.
fn settle_org_fragments(
    groups: &mut Groups,
    raw: &RawActors,
    not_actor: &mut [bool],
    fuller_names: impl Fn(&[String], &DeterminerEvidence) -> Option<Vec<String>>,
) {
    for g in 0..groups.groups.len() {
        if not_actor[g]
            || !groups.is_root(g)
            || groups.kind(g) != ActorKind::Org
            || groups.held_by_gazetteer(g)
        {
            continue;
        }
        let words = &groups.groups[g].words;
        let Some(evidence) = raw.determiners.get(&words.join(" ")) else {
            continue;
        };
        let Some(keys) = fuller_names(words, evidence) else {
            continue;
        };
        let fuller = keys.iter().find_map(|key| groups.by_key.get(key).copied());
        match fuller.map(|f| groups.find(f)) {
            Some(f) if f != g && !not_actor[f] && groups.kind(f) == ActorKind::Org => {
                groups.join(g, f);
            }
            _ => not_actor[g] = true,
        }
    }
}

/// Share of an organisation's sampled occurrences written as a name that one numeral follows
/// in running text, at which the name with its number is the thing the corpus names ("Harbour
/// Line 2", "Quay Radio 4", a sequel, a version): measured on news, wires, speeches and web
/// pages, bodies sit under 0.1 (a firm before a model number now and then), those fragments
/// above 0.75.
const NUMBERED_NAME_SHARE: f64 = 0.5;

/// An organisation that the sampled passages ([`super::determiners`]) write before one same
/// numeral in half of its occurrences as a name or more ("Quay Radio 4", "Harbour Line 2")
/// is a fragment of that numbered name: it joins the organisation named with the numeral
/// when there is one, and is no actor otherwise. A numeral in a table's row ("Tarrow 3
/// Velmora 1") does not count, nor do numerals that vary (an article of a law, an amount).
/// Names the gazetteer holds are kept.
fn settle_numbered_names(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    settle_org_fragments(groups, raw, not_actor, |words, evidence| {
        if evidence.named < MIN_DETERMINER_OCCURRENCES
            || f64::from(evidence.numbered) < NUMBERED_NAME_SHARE * f64::from(evidence.named)
        {
            return None;
        }
        let mut numbered = words.to_vec();
        numbered.push(evidence.numeral.to_lowercase());
        Some(vec![numbered.join(" ")])
    });
}

/// The groups [`reject_common_words`] finds to be common words, roots or not.
fn common_word_groups(groups: &Groups, raw: &RawActors) -> Vec<bool> {
    let mut naming: FxHashMap<&str, u64> = FxHashMap::default();
    for g in 0..groups.groups.len() {
        let group = &groups.groups[g];
        let named_alone = group.words.len() == 1;
        if named_alone || groups.kind(g) == ActorKind::Person {
            if let Some(last) = group.words.last() {
                *naming.entry(last.as_str()).or_insert(0) += group.articles;
            }
        }
    }
    let mut common = vec![false; groups.groups.len()];
    for (g, is_common) in common.iter_mut().enumerate() {
        let group = &groups.groups[g];
        if group.words.len() != 1 || groups.is_acronym(g) || groups.held_by_gazetteer(g) {
            continue;
        }
        let word = group.words[0].as_str();
        let Some(containing) = raw
            .word_terms
            .get(word)
            .and_then(|term| raw.term_articles.get(term))
            .copied()
        else {
            continue;
        };
        let named = naming.get(word).copied().unwrap_or(0);
        if containing > 0 && (named as f64) < COMMON_WORD_SHARE * containing as f64 {
            *is_common = true;
        }
    }
    common
}

/// A name made only of common words that the corpus mostly writes in lower case, or names as
/// an actor in few of the articles that contain it, is a generic body ("the central bank") or
/// a phrase, not an organisation ([`super::phrases`]). Names the gazetteer holds are kept.
fn reject_generic_phrases(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    let generic = generic_phrase_groups(groups, raw);
    // A group others were joined into stands for more than the phrase, and is left to the
    // other rules, when one of them is a name of its own: an acronym, or a form that is no
    // common word (a common word joined as a fragment, "Harbour" of "Harbour Board", is not).
    let mut named_members = vec![false; groups.groups.len()];
    for g in 0..groups.groups.len() {
        let root = groups.find(g);
        let own_name = groups.is_acronym(g)
            || !crate::actors::all_common_words(&groups.groups[g].words.join(" "));
        if root != g && own_name {
            named_members[root] = true;
        }
    }
    for g in 0..groups.groups.len() {
        if generic[g] && !named_members[g] && groups.is_root(g) {
            not_actor[g] = true;
        }
    }
}

/// Sampled occurrences of a phrase needed before what is written around it is judged.
const MIN_SAMPLED_OCCURRENCES: u32 = 6;

/// What the passages write around an organisation's name made of common words
/// ([`super::phrases`]) settles it, before any alias joins it:
/// - an acronym in brackets right after it, in a tenth of its sampled occurrences written
///   as a name (twice at least), that is a registered acronym: the two are one actor
///   ("Harbour Board (HB)");
/// - written inside longer names in half of those occurrences or more, it is a fragment of
///   them: it joins the registered longer name that holds 2/3 of those occurrences, else it
///   is no actor on its own (a body each owner has, "Harbour Board" of "Tarnian Harbour
///   Board" and "Harbour Board of Velmora", or a piece of one name that extraction cut).
fn settle_phrase_contexts(groups: &mut Groups, raw: &RawActors, not_actor: &mut [bool]) {
    for (g, dropped) in not_actor.iter_mut().enumerate() {
        if !groups.is_root(g)
            || *dropped
            || groups.kind(g) != ActorKind::Org
            || groups.held_by_gazetteer(g)
        {
            continue;
        }
        let Some(evidence) = raw.phrases.get(&groups.groups[g].words.join(" ")) else {
            continue;
        };
        let defined = evidence
            .acronyms
            .iter()
            .max_by_key(|(acronym, count)| (**count, std::cmp::Reverse(acronym.as_str())))
            .filter(|&(_, &count)| count >= 2 && 10 * count >= evidence.as_named)
            .and_then(|(acronym, _)| groups.by_key.get(&key(acronym)).copied())
            .map(|a| groups.find(a))
            .filter(|&a| a != g && groups.is_acronym(a));
        if let Some(acronym) = defined {
            if groups.groups[acronym].articles >= groups.groups[g].articles {
                groups.join(g, acronym);
            } else {
                groups.join(acronym, g);
            }
            continue;
        }
        if evidence.as_named < MIN_SAMPLED_OCCURRENCES || 2 * evidence.inside < evidence.as_named {
            continue;
        }
        let mut longer: BTreeMap<usize, u64> = BTreeMap::new();
        for (name, &count) in &evidence.longer {
            let Some(&t) = groups.by_key.get(name) else {
                continue;
            };
            let root = groups.find(t);
            if root != g && compatible(groups.kind(root), ActorKind::Org) {
                *longer.entry(root).or_insert(0) += u64::from(count);
            }
        }
        match dominant(&longer) {
            Some((best, count)) if count as f64 >= DOMINANT_SHARE * f64::from(evidence.inside) => {
                groups.join(g, best)
            }
            _ => *dropped = true,
        }
    }
}

/// The organisations [`reject_generic_phrases`] finds to be generic phrases on their own
/// forms, whatever was joined to them.
fn generic_phrase_groups(groups: &mut Groups, raw: &RawActors) -> Vec<bool> {
    let mut generic_groups = vec![false; groups.groups.len()];
    let named = super::phrases::naming_articles(
        groups
            .groups
            .iter()
            .map(|group| (group.words.as_slice(), group.articles)),
        &raw.phrases,
    );
    // A phrase that starts a longer name used at least as often is that name's fragment
    // ("Acme Trading" of "Acme Trading Corporation"): the fragment rules settle it.
    // (Only the phrases measured are judged: the other prefixes are never asked for.)
    let mut longer_use: FxHashMap<String, u64> = FxHashMap::default();
    for group in &groups.groups {
        for cut in 2..group.words.len() {
            let prefix = group.words[..cut].join(" ");
            if raw.phrases.contains_key(&prefix) {
                let articles = longer_use.entry(prefix).or_insert(0);
                *articles = (*articles).max(group.articles);
            }
        }
    }
    for (g, is_generic) in generic_groups.iter_mut().enumerate() {
        let key = groups.groups[g].words.join(" ");
        let fragment = longer_use
            .get(&key)
            .is_some_and(|&longer| longer >= groups.groups[g].articles);
        if fragment {
            continue;
        }
        let Some(evidence) = raw.phrases.get(&key) else {
            continue;
        };
        let naming = named.get(&key).copied().unwrap_or(0);
        let generic = evidence.is_generic(naming) && groups.kind(g) == ActorKind::Org;
        if generic && !groups.held_by_gazetteer(g) {
            *is_generic = true;
        }
    }
    generic_groups
}

/// A name of three words or more that ends with a registered person's name of two words or
/// more, not starting with an initial ("Treasury Secretary Ada Lovelace" of "Ada Lovelace"),
/// is that person with a title in front: when the person's own name is used at least as
/// often, or when the words in front also stand before at least [`TITLE_PEOPLE`] people's
/// names and the person's own name is used at least a tenth as often.
fn join_titled_people(groups: &mut Groups, not_actor: &[bool]) {
    let n = groups.groups.len();
    // (group, cut, person) for every such name; and how many people each prefix precedes.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut precedes: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for g in 0..n {
        let words = &groups.groups[g].words;
        if words.len() < 3
            || not_actor[g]
            || !matches!(groups.kind(g), ActorKind::Person | ActorKind::Org)
        {
            continue;
        }
        for cut in 1..words.len() - 1 {
            let Some(&person) = groups.by_key.get(&words[cut..].join(" ")) else {
                continue;
            };
            if !not_actor[person]
                && groups.kind(person) == ActorKind::Person
                && words[cut].chars().count() > 1
            {
                found.push((g, cut, person));
                let people = precedes.entry(words[..cut].join(" ")).or_default();
                if !people.contains(&person) {
                    people.push(person);
                }
            }
        }
    }
    let mut done = vec![false; n];
    for (g, cut, person) in found {
        if done[g] {
            continue;
        }
        let title = &groups.groups[g].words[..cut].join(" ");
        let is_title = precedes.get(title).is_some_and(|p| p.len() >= TITLE_PEOPLE);
        let (named, titled) = (groups.groups[person].articles, groups.groups[g].articles);
        if (is_title && 10 * named >= titled) || named >= titled {
            groups.join(g, person);
            done[g] = true;
        }
    }
}

/// Fragments of longer names of people and organisations (names the gazetteer knows and
/// acronyms are never fragments):
/// - a one-word form that ends longer names ("Lovelace" of "Ada Lovelace") joins the longer
///   actor that holds 2/3 of the articles of all of them (a longer name that ends with
///   another candidate counts for the more used of the two); when none does, it is ambiguous:
///   no actor on its own. Longer names used in under a tenth of the form's articles are rare
///   compounds, not evidence;
/// - a one-word person form that starts longer person names, and ends fewer, is a given name,
///   not an actor;
/// - a longer form that ends a dominant name used at least as often joins it;
/// - an organisation form that starts longer organisations' names joins the dominant one when
///   that one is used in at least half as many articles ("Acme" of "Acme Widgets Corp"); a
///   one-word one that starts several, none dominant, is ambiguous.
///
/// Returns the candidates' keys of each ambiguous group.
fn join_fragments(
    groups: &mut Groups,
    not_actor: &mut [bool],
) -> FxHashMap<usize, Vec<(ActorKind, String)>> {
    let n = groups.groups.len();
    let kinds: Vec<ActorKind> = (0..n).map(|g| groups.kind(g)).collect();
    // The longer names each group's key ends and starts, by the group of that key: a cut
    // that is no group's key is never asked for.
    let mut by_suffix: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut by_prefix: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for g in 0..n {
        if not_actor[g] || !matches!(kinds[g], ActorKind::Person | ActorKind::Org) {
            continue;
        }
        let words = &groups.groups[g].words;
        for cut in 1..words.len() {
            if let Some(&ending) = groups.by_key.get(&words[cut..].join(" ")) {
                by_suffix.entry(ending).or_default().push(g);
            }
            if let Some(&starting) = groups.by_key.get(&words[..cut].join(" ")) {
                by_prefix.entry(starting).or_default().push(g);
            }
        }
    }
    let mut ambiguous = FxHashMap::default();
    for g in 0..n {
        let kind = kinds[g];
        if not_actor[g]
            || !groups.is_root(g)
            || !matches!(kind, ActorKind::Person | ActorKind::Org)
            || groups.is_acronym(g)
            || groups.known_kind(g).is_some()
        {
            continue;
        }
        let key = groups.groups[g].words.join(" ");
        let own = groups.groups[g].articles;
        let one_word = groups.groups[g].words.len() == 1;
        let own_words = groups.groups[g].words.clone();
        let key_len = own_words.len();
        let longer = |table: &FxHashMap<usize, Vec<usize>>, groups: &mut Groups| {
            let mut found: BTreeMap<usize, u64> = BTreeMap::new();
            for &c in table.get(&g).map(Vec::as_slice).unwrap_or(&[]) {
                if !compatible(kind, kinds[c])
                    || !kinds::may_join_as_fragment(kind, kinds[c])
                    || not_actor[c]
                    || joined_by_and(groups, c, &key)
                {
                    continue;
                }
                let root = groups.find(c);
                let root_words = &groups.groups[root].words;
                let still_longer = root_words.len() > key_len
                    && (root_words.ends_with(&own_words) || root_words.starts_with(&own_words));
                if root != g && still_longer {
                    *found.entry(root).or_insert(0) += groups.groups[c].articles;
                }
            }
            found
        };
        let ending = longer(&by_suffix, groups);
        let ending = cluster_by_suffix(groups, ending);
        let starting = longer(&by_prefix, groups);
        let ending_total: u64 = ending.values().sum();
        let starting_total: u64 = starting.values().sum();
        let people_starting = starting
            .keys()
            .filter(|&&c| kinds[c] == ActorKind::Person)
            .count();
        if one_word
            && kind == ActorKind::Person
            && people_starting >= 1
            && starting_total >= ending_total
        {
            // A given name: it starts people's names, and ends fewer.
            not_actor[g] = true;
            continue;
        }
        if let Some((best, articles)) = dominant(&ending) {
            let dominates = articles as f64 >= DOMINANT_SHARE * ending_total as f64;
            // An organisation's word that the corpus names alone in more than twice the
            // articles of all the longer names it ends, none of them dominant, is the name
            // the corpus knows it by ("Assembly" beside "Tarnian Assembly" and "Quill
            // Assembly"): the same cut as for the first word of several organisations.
            let own_name = kind == ActorKind::Org && !dominates && own > 2 * ending_total;
            if one_word && 10 * ending_total >= own && !own_name {
                if dominates {
                    groups.join(g, best);
                } else {
                    not_actor[g] = true;
                    let candidates = ending
                        .keys()
                        .map(|&c| (kinds[c], groups.groups[c].words.join(" ")))
                        .collect();
                    ambiguous.insert(g, candidates);
                }
                continue;
            }
            if !one_word && dominates && articles >= own {
                groups.join(g, best);
                continue;
            }
        }
        if kind != ActorKind::Org {
            continue;
        }
        let starting: BTreeMap<usize, u64> = starting
            .into_iter()
            .filter(|&(c, _)| kinds[c] == ActorKind::Org)
            .collect();
        let starting_total: u64 = starting.values().sum();
        if let Some((best, articles)) = dominant(&starting) {
            let dominates = articles as f64 >= DOMINANT_SHARE * starting_total as f64;
            if dominates && 2 * articles >= own {
                groups.join(g, best);
            } else if one_word && 2 * starting_total >= own {
                // The first word of several organisations, none dominant.
                not_actor[g] = true;
                let candidates = starting
                    .keys()
                    .map(|&c| (kinds[c], groups.groups[c].words.join(" ")))
                    .collect();
                ambiguous.insert(g, candidates);
            }
        }
    }
    ambiguous
}

/// True when most of a group's articles write "and" right before the words `key` ends it
/// with ("House and Senate" does not name a longer "Senate").
fn joined_by_and(groups: &Groups, g: usize, key: &str) -> bool {
    let tail: Vec<String> = key.split(' ').map(str::to_string).collect();
    let (mut joined, mut total) = (0, 0);
    for &f in &groups.groups[g].forms {
        let form = &groups.raw.forms[f];
        let words = raw_words(&form.name);
        total += form.articles;
        if words.len() > tail.len()
            && words.ends_with(&tail)
            && words[words.len() - tail.len() - 1] == "and"
        {
            joined += form.articles;
        }
    }
    2 * joined > total
}

/// Candidates of a fragment, each counted for the most used of the candidates whose name ends
/// with its own or that its own ends with ("Ada Lovelace" and "Countess Ada Lovelace" are one).
fn cluster_by_suffix(groups: &Groups, found: BTreeMap<usize, u64>) -> BTreeMap<usize, u64> {
    let mut clustered: BTreeMap<usize, u64> = BTreeMap::new();
    for (&c, &articles) in &found {
        let words = &groups.groups[c].words;
        let mut home = c;
        for (&other, &other_articles) in &found {
            let theirs = &groups.groups[other].words;
            let related = words.ends_with(theirs) || theirs.ends_with(words);
            if related && other_articles > found[&home] {
                home = other;
            }
        }
        *clustered.entry(home).or_insert(0) += articles;
    }
    clustered
}

/// The candidate with the most articles (the first on a tie), and its articles.
fn dominant(candidates: &BTreeMap<usize, u64>) -> Option<(usize, u64)> {
    candidates
        .iter()
        .max_by_key(|(c, a)| (**a, usize::MAX - **c))
        .map(|(&c, &a)| (c, a))
}

/// The group whose forms name an actor: its root, unless an acronym joined to it is used in
/// ten times the root's own articles (the name it spells is a misspelt or one-off expansion).
fn named_by(groups: &Groups, root: usize, members: &[usize]) -> usize {
    let own = |g: usize| -> u64 {
        groups.groups[g]
            .forms
            .iter()
            .map(|&f| groups.raw.forms[f].articles)
            .sum()
    };
    members
        .iter()
        .copied()
        .filter(|&m| m != root && groups.is_acronym(m) && own(m) > 10 * own(root))
        .max_by_key(|&m| (own(m), std::cmp::Reverse(m)))
        .unwrap_or(root)
}

/// The canonical name of an actor: among the forms of its own key (not those joined in as
/// aliases, acronyms or fragments), the gazetteer's own name when it is one, else a mixed-case
/// form before an ALL-CAPS one, one without a legal suffix or a leading "The", the most used.
fn canonical_name(groups: &Groups, root: usize) -> String {
    let candidates: Vec<&Form> = groups.groups[root]
        .forms
        .iter()
        .map(|&f| &groups.raw.forms[f])
        .collect();
    // ALL-CAPS forms give way to mixed-case ones unless those are rare (a headline's "Nato").
    let (caps, mixed) = caps_and_mixed(candidates.iter().copied());
    let mixed_exists = 3 * mixed >= caps;
    let gazetteer = groups.gazetteer;
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for form in &candidates {
        *totals.entry(form.name.as_str()).or_insert(0) += form.articles;
    }
    totals
        .into_iter()
        .max_by_key(|&(name, articles)| {
            let own = gazetteer
                .resolve(name)
                .is_some_and(|(known, _)| known == name);
            (
                own,
                written_clean(name),
                !(mixed_exists && all_caps(name)),
                !has_legal_suffix(name),
                !name.starts_with("The "),
                articles,
                std::cmp::Reverse(name),
            )
        })
        .map(|(name, _)| lower_possessive(name))
        .unwrap_or_default()
}

/// True when a name has no stray markup or punctuation: only letters, digits, spaces and the
/// marks names use inside ("St.", "O'Neill", "AT&T", "Guinea-Bissau", "Bank, Ltd"), and no mark
/// at either end but a closing dot ("<Acme", "Acme>", "Acme -" are pieces of a wire's markup).
fn written_clean(name: &str) -> bool {
    let inner = |c: char| c.is_alphanumeric() || c == ' ' || ".'’&-,".contains(c);
    let starts = name.chars().next().is_some_and(char::is_alphanumeric);
    let ends = name
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '.');
    starts && ends && name.chars().all(inner)
}

/// The name with a possessive written "'S" after lower-case letters in lower case
/// ("People'S" of a title-cased source becomes "People's").
fn lower_possessive(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let possessive = c == 'S'
            && i >= 2
            && matches!(chars[i - 1], '\'' | '’')
            && chars[i - 2].is_lowercase()
            && chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric());
        out.push(if possessive { 's' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{AliasEvidence, Registry, Unlisted};
    use super::*;
    use ActorKind::{Country, Org, Person, Place};

    /// Raw actors of made-up forms; every key word is its own term, and `containing` gives
    /// the articles containing a word in any case.
    fn raw(forms: &[(&str, ActorKind, u64)], containing: &[(&str, u64)]) -> RawActors {
        let mut raw = RawActors::of_forms(forms);
        for form in &raw.forms {
            for word in key_words(&form.name) {
                raw.word_terms.insert(word.clone(), word);
            }
        }
        for &(word, articles) in containing {
            raw.term_articles.insert(word.to_string(), articles);
        }
        raw
    }

    fn alias(kind: ActorKind, name: &str, form: &str, articles: u64) -> AliasEvidence {
        AliasEvidence {
            kind,
            name: name.to_string(),
            form: form.to_string(),
            articles,
        }
    }

    #[test]
    fn a_lone_word_that_ends_a_registered_persons_name_is_a_surname_whatever_the_sample() {
        let mut raw = raw(
            &[
                ("Marrowick", Person, 40),
                ("Ottilie Marrowick", Person, 3),
                ("Glimmerdeck", Person, 30),
                // a common word first: a product's name, no person's
                ("Super Glimmerdeck", Person, 2),
            ],
            &[("marrowick", 40), ("glimmerdeck", 30)],
        );
        // the sampled passages happened to show neither written as a person's
        raw.person_evidence.insert("marrowick".to_string(), false);
        raw.person_evidence.insert("glimmerdeck".to_string(), false);
        let registry = Registry::settle(&raw);
        assert_eq!(
            actor_of(&registry, Person, "Marrowick"),
            Some(("Marrowick".to_string(), Person))
        );
        assert_eq!(actor_of(&registry, Person, "Glimmerdeck"), None);
    }

    #[test]
    fn a_name_written_as_code_is_none_unless_a_clean_form_names_its_actor() {
        let coded = crate::actors::head::WRITTEN_AS_CODE;
        let mut forms: Vec<(&str, ActorKind, u64)> =
            coded.iter().map(|&name| (name, Place, 12)).collect();
        forms.extend([("Orvex_Line", Org, 9), ("Orvex Line", Org, 30)]);
        let registry = Registry::settle(&RawActors::of_forms(&forms));
        for name in coded {
            assert_eq!(
                registry.canonical(Place, name),
                Err(Unlisted::NotAnActor),
                "{name}"
            );
        }
        assert!(registry.canonical(Org, "Orvex Line").is_ok());
        assert_eq!(
            registry.canonical(Org, "Orvex_Line"),
            registry.canonical(Org, "Orvex Line")
        );
    }

    #[test]
    fn a_plan_or_a_format_is_no_actor_unless_the_gazetteer_knows_it() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Quarrow Basin Initiative", Org, 20),
            ("Tarnwick Platform", Place, 15),
            ("Velmora Package of Measures", Org, 12),
            // a body the gazetteer holds under a plan's noun
            ("International Platform of Jurists for East Timor", Org, 5),
            ("Quarrow Basin Authority", Org, 9),
        ]));
        assert_eq!(
            registry.canonical(Org, "Quarrow Basin Initiative"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            registry.canonical(Place, "Tarnwick Platform"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            registry.canonical(Org, "Velmora Package of Measures"),
            Err(Unlisted::NotAnActor)
        );
        for form in [
            "International Platform of Jurists for East Timor",
            "Quarrow Basin Authority",
        ] {
            assert!(registry.canonical(Org, form).is_ok(), "{form}");
        }
    }

    #[test]
    fn a_lone_word_no_passage_writes_as_a_persons_is_no_person() {
        let mut raw = raw(
            &[
                ("Quillpad", Person, 3),
                ("Varnel", Person, 3),
                ("Velloran", Person, 2),
            ],
            &[("quillpad", 3), ("varnel", 3), ("velloran", 2)],
        );
        raw.person_evidence.insert("quillpad".to_string(), false);
        raw.person_evidence.insert("varnel".to_string(), true);
        let registry = Registry::settle(&raw);
        assert_eq!(actor_of(&registry, Person, "Quillpad"), None);
        assert_eq!(
            actor_of(&registry, Person, "Varnel"),
            Some(("Varnel".to_string(), Person))
        );
        // a word the passages were not read for keeps its place
        assert_eq!(
            actor_of(&registry, Person, "Velloran"),
            Some(("Velloran".to_string(), Person))
        );
    }

    #[test]
    fn a_lone_word_no_passage_writes_as_a_places_is_no_place() {
        let mut raw = raw(
            &[
                ("Glimmora", Place, 4),
                ("Tarnwick", Place, 3),
                ("Ostrelle", Place, 2),
            ],
            &[("glimmora", 4), ("tarnwick", 3), ("ostrelle", 2)],
        );
        raw.place_evidence.insert("glimmora".to_string(), false);
        raw.place_evidence.insert("tarnwick".to_string(), true);
        let registry = Registry::settle(&raw);
        assert_eq!(actor_of(&registry, Place, "Glimmora"), None);
        assert_eq!(
            actor_of(&registry, Place, "Tarnwick"),
            Some(("Tarnwick".to_string(), Place))
        );
        assert_eq!(
            actor_of(&registry, Place, "Ostrelle"),
            Some(("Ostrelle".to_string(), Place))
        );
        // a person's evidence says nothing of a place of the same word
        raw.person_evidence.insert("tarnwick".to_string(), false);
        let registry = Registry::settle(&raw);
        assert!(actor_of(&registry, Place, "Tarnwick").is_some());
    }

    #[test]
    fn a_bodys_word_named_alone_far_more_than_in_longer_names_is_its_own_actor() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Volkraad", Org, 90),
            ("Tarnian Volkraad", Org, 10),
            ("Velmoran Volkraad", Org, 8),
            ("Upper Volkraad", Org, 6),
            // named alone no more than twice as often as in its longer names: ambiguous
            ("Hofrath", Org, 20),
            ("Tarnian Hofrath", Org, 7),
            ("Velmoran Hofrath", Org, 6),
        ]));
        assert_eq!(
            actor_of(&registry, Org, "Volkraad"),
            Some(("Volkraad".to_string(), Org))
        );
        assert_eq!(actor_of(&registry, Org, "Hofrath"), None);
    }

    #[test]
    fn two_capitalised_common_words_joined_by_and_are_two_bodies_not_one() {
        let raw = raw(
            &[
                ("Fleet and Harbour", Org, 40),
                ("Fleet", Org, 3),
                ("Harbour", Org, 2),
                // a firm's name, written with "&" too
                ("Pewter and Lace", Org, 20),
                ("Pewter & Lace", Org, 15),
                ("Pewter", Org, 2),
                ("Lace", Org, 2),
            ],
            &[
                ("fleet", 100),
                ("harbour", 100),
                ("pewter", 100),
                ("lace", 100),
            ],
        );
        let registry = Registry::settle(&raw);
        assert_eq!(
            registry.canonical(Org, "Fleet and Harbour"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            actor_of(&registry, Org, "Pewter & Lace").map(|a| a.1),
            Some(Org)
        );
    }

    #[test]
    fn a_government_named_by_common_words_alone_is_a_description() {
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Norwegian Government", Org, 30),
            ("Government of Peru", Org, 20),
            ("Grand Government", Org, 25),
            // another head, or an owner named, stays
            ("Grand Council", Org, 25),
            ("Grand Norwegian Government", Org, 4),
        ]));
        assert_eq!(
            registry.canonical(Org, "Grand Government"),
            Err(Unlisted::NotAnActor)
        );
        assert!(actor_of(&registry, Org, "Grand Council").is_some());
        assert!(actor_of(&registry, Org, "Norwegian Government").is_some());
        // with one owner only in the corpus, the rule has no evidence
        let registry = Registry::settle(&RawActors::of_forms(&[
            ("Norwegian Government", Org, 30),
            ("Grand Government", Org, 25),
        ]));
        assert!(actor_of(&registry, Org, "Grand Government").is_some());
    }

    #[test]
    fn a_title_the_passages_open_with_a_determiner_is_no_person() {
        let mut raw = RawActors::of_forms(&[
            ("Gracious Highness", Person, 30),
            ("Warden", Person, 20),
            ("Ada Quillby", Person, 30),
            ("Grand Vizier Tarrant", Person, 12),
            ("Tobin Ashgrove", Person, 8),
        ]);
        let evidence = |named, determined, after_the| DeterminerEvidence {
            named,
            determined,
            after_the,
            ..DeterminerEvidence::default()
        };
        raw.determiners
            .insert("gracious highness".to_string(), evidence(20, 15, 0));
        raw.determiners
            .insert("warden".to_string(), evidence(12, 1, 5));
        raw.determiners
            .insert("ada quillby".to_string(), evidence(20, 3, 0));
        // "the" opens a title's own name of several words: it does not count
        raw.determiners
            .insert("grand vizier tarrant".to_string(), evidence(12, 0, 10));
        // too few occurrences to judge
        raw.determiners
            .insert("tobin ashgrove".to_string(), evidence(6, 4, 0));
        let registry = Registry::settle(&raw);
        for form in ["Gracious Highness", "Warden"] {
            assert_eq!(
                registry.canonical(Person, form),
                Err(Unlisted::NotAnActor),
                "{form}"
            );
        }
        for form in ["Ada Quillby", "Grand Vizier Tarrant", "Tobin Ashgrove"] {
            assert!(actor_of(&registry, Person, form).is_some(), "{form}");
        }
    }

    #[test]
    fn an_organisation_the_passages_write_in_the_plural_is_a_member_or_a_class() {
        let mut raw = RawActors::of_forms(&[
            ("Verdant Soc", Org, 40),
            ("Verdant Socs", Org, 55),
            ("Tallyman", Org, 25),
            ("Quillon Mutual", Org, 30),
            ("Ostrey Works", Org, 12),
        ]);
        let evidence = |named, plural| DeterminerEvidence {
            named,
            plural,
            ..DeterminerEvidence::default()
        };
        // a party's member beside the party its members name
        raw.determiners
            .insert("verdant soc".to_string(), evidence(14, 16));
        raw.determiners
            .insert("verdant socs".to_string(), evidence(30, 0));
        // a title with no body of that name
        raw.determiners
            .insert("tallyman".to_string(), evidence(9, 12));
        // a firm named in the plural by a slip
        raw.determiners
            .insert("quillon mutual".to_string(), evidence(28, 1));
        // too few occurrences to judge
        raw.determiners
            .insert("ostrey works".to_string(), evidence(3, 4));
        let registry = Registry::settle(&raw);
        assert_eq!(
            actor_of(&registry, Org, "Verdant Soc"),
            Some(("Verdant Socs".to_string(), Org))
        );
        assert_eq!(
            registry.canonical(Org, "Tallyman"),
            Err(Unlisted::NotAnActor)
        );
        for form in ["Quillon Mutual", "Ostrey Works"] {
            assert!(actor_of(&registry, Org, form).is_some(), "{form}");
        }
    }

    #[test]
    fn an_organisation_the_passages_write_before_one_numeral_is_that_numbered_name() {
        let mut raw = RawActors::of_forms(&[
            ("Quay Radio", Org, 40),
            ("Quay Radio 4", Org, 12),
            ("Harbour Line", Org, 25),
            ("Ostrey Motors", Org, 30),
            ("Velmora Works", Org, 12),
        ]);
        let evidence = |named, numbered, numeral: &str| DeterminerEvidence {
            named,
            numbered,
            numeral: numeral.to_string(),
            ..DeterminerEvidence::default()
        };
        // a station's name cut before its number, beside the whole name
        raw.determiners
            .insert("quay radio".to_string(), evidence(24, 19, "4"));
        // a line named by its number, with no organisation of the whole name
        raw.determiners
            .insert("harbour line".to_string(), evidence(20, 15, "2"));
        // a firm before a model number now and then
        raw.determiners
            .insert("ostrey motors".to_string(), evidence(28, 3, "300"));
        // too few occurrences to judge
        raw.determiners
            .insert("velmora works".to_string(), evidence(4, 4, "7"));
        let registry = Registry::settle(&raw);
        assert_eq!(
            actor_of(&registry, Org, "Quay Radio"),
            Some(("Quay Radio 4".to_string(), Org))
        );
        assert_eq!(
            registry.canonical(Org, "Harbour Line"),
            Err(Unlisted::NotAnActor)
        );
        for form in ["Ostrey Motors", "Velmora Works"] {
            assert!(actor_of(&registry, Org, form).is_some(), "{form}");
        }
    }

    /// The canonical name and kind of a raw form's actor.
    fn actor_of(registry: &Registry, kind: ActorKind, form: &str) -> Option<(String, ActorKind)> {
        let id = registry.canonical(kind, form).ok()?;
        let actor = registry.actor(id);
        Some((actor.name.clone(), actor.kind))
    }

    #[test]
    fn an_organisation_named_by_a_phrase_the_corpus_writes_in_lower_case_is_none() {
        use super::super::phrases::PhraseEvidence;
        let mut raw = raw(
            &[
                ("Harbour Board", Org, 40),
                ("Grand Lodge", Org, 40),
                ("Quiet Council", Org, 40),
                ("Quiet Council Vessel Registry", Org, 9),
            ],
            &[],
        );
        let evidence = |articles, lower| PhraseEvidence {
            articles,
            written: 40,
            lower,
            ..PhraseEvidence::default()
        };
        // Mostly "the harbour board": a body every port has.
        raw.phrases.insert("harbour board".into(), evidence(60, 30));
        // Capitalised and named wherever it occurs.
        raw.phrases.insert("grand lodge".into(), evidence(45, 1));
        // Named in few of the many articles that contain it; a longer name ends with it.
        raw.phrases.insert("quiet council".into(), evidence(500, 2));
        let registry = Registry::settle(&raw);
        assert_eq!(
            registry.canonical(Org, "Harbour Board"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            registry.canonical(Org, "Quiet Council"),
            Err(Unlisted::NotAnActor)
        );
        let listed: Vec<&str> = registry.actors().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(listed, ["Grand Lodge", "Quiet Council Vessel Registry"]);
    }

    #[test]
    fn names_spelt_with_the_same_letters_split_differently_are_one_actor() {
        let registry = Registry::settle(&raw(
            &[
                ("Quillon Northeast Trust", Org, 30),
                ("Quillon North-East Trust", Org, 10),
                ("Quillon North East Trust", Org, 5),
            ],
            &[],
        ));
        for form in ["Quillon North-East Trust", "Quillon North East Trust"] {
            assert_eq!(
                actor_of(&registry, Org, form).unwrap().0,
                "Quillon Northeast Trust"
            );
        }
    }

    #[test]
    fn a_place_does_not_join_a_smaller_place_on_a_few_articles_evidence() {
        let mut raw = raw(
            &[
                ("Velmoria", Place, 300),
                ("West Velmoria", Place, 40),
                ("Ostrick", Person, 30),
                ("Ada Ostrick", Person, 20),
            ],
            &[],
        );
        raw.aliases
            .push(alias(Place, "West Velmoria", "Velmoria", 2));
        raw.aliases.push(alias(Person, "Ada Ostrick", "Ostrick", 2));
        let registry = Registry::settle(&raw);
        assert_eq!(
            actor_of(&registry, Place, "Velmoria").unwrap().0,
            "Velmoria"
        );
        // a surname still joins the full name
        assert_eq!(
            actor_of(&registry, Person, "Ostrick").unwrap().0,
            "Ada Ostrick"
        );
    }

    #[test]
    fn what_passages_write_around_a_phrase_settles_it() {
        use super::super::phrases::PhraseEvidence;
        let mut raw = raw(
            &[
                ("Harbour Board", Org, 50),
                ("Tarnian Harbour Board", Org, 3),
                ("Pilot Service", Org, 40),
                ("Ostwold Pilot Service", Org, 10),
                ("Lantern Fund", Org, 30),
                ("TLF", Org, 45),
                ("Grand Lodge", Org, 40),
            ],
            &[],
        );
        let longer = |names: &[(&str, u32)]| {
            names
                .iter()
                .map(|&(name, count)| (name.to_string(), count))
                .collect()
        };
        // Written for several owners: a kind of body.
        raw.phrases.insert(
            "harbour board".into(),
            PhraseEvidence {
                articles: 50,
                written: 30,
                as_named: 20,
                inside: 14,
                longer: longer(&[
                    ("tarnian harbour board", 4),
                    ("harbour board of velmora", 5),
                    ("ostwold harbour board", 5),
                ]),
                ..PhraseEvidence::default()
            },
        );
        // Mostly one registered longer name: that name's fragment.
        raw.phrases.insert(
            "pilot service".into(),
            PhraseEvidence {
                articles: 40,
                written: 20,
                as_named: 20,
                inside: 12,
                longer: longer(&[("ostwold pilot service", 11), ("pilot service of quill", 1)]),
                ..PhraseEvidence::default()
            },
        );
        // Defined by its acronym.
        raw.phrases.insert(
            "lantern fund".into(),
            PhraseEvidence {
                articles: 30,
                written: 12,
                as_named: 12,
                acronyms: [("TLF".to_string(), 5)].into_iter().collect(),
                ..PhraseEvidence::default()
            },
        );
        // Written on its own.
        raw.phrases.insert(
            "grand lodge".into(),
            PhraseEvidence {
                articles: 40,
                written: 20,
                as_named: 20,
                inside: 3,
                longer: longer(&[("grand lodge of quill", 3)]),
                ..PhraseEvidence::default()
            },
        );
        let registry = Registry::settle(&raw);
        assert_eq!(
            registry.canonical(Org, "Harbour Board"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            actor_of(&registry, Org, "Pilot Service").unwrap().0,
            "Ostwold Pilot Service"
        );
        assert_eq!(actor_of(&registry, Org, "Lantern Fund").unwrap().0, "TLF");
        assert_eq!(
            actor_of(&registry, Org, "Grand Lodge").unwrap().0,
            "Grand Lodge"
        );
    }

    #[test]
    fn an_acronym_joins_the_name_it_spells_that_is_used_far_more_than_its_misspellings() {
        let registry = Registry::settle(&raw(
            &[
                ("Quorvane Lumber Exchange", Org, 90),
                ("Quorvane Lumbar Exchange", Org, 2),
                ("QLE", Org, 30),
                ("Tessiter Wool Board", Org, 20),
                ("Tessiter Water Board", Org, 15),
                ("TWB", Org, 12),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Org, "QLE"),
            Some(("Quorvane Lumber Exchange".to_string(), Org))
        );
        // A plural common noun phrase an acronym spells is a name.
        let mills = Registry::settle(&raw(
            &[
                ("Northern Paper Mills", Org, 20),
                ("Northern Paper Mill", Org, 1),
                ("NPM", Org, 30),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&mills, Org, "NPM"),
            Some(("Northern Paper Mills".to_string(), Org))
        );
        // Two names in real use: the acronym may mean either.
        assert_eq!(
            actor_of(&registry, Org, "TWB"),
            Some(("TWB".to_string(), Org))
        );
    }

    #[test]
    fn canonical_names_are_written_clean_with_a_lower_case_possessive() {
        let registry = Registry::settle(&raw(
            &[
                ("<Quorvane Widgets", Org, 10),
                ("Quorvane Widgets", Org, 3),
                ("Tessiter Mills -", Org, 8),
                ("Tessiter Mills", Org, 2),
                ("Velmora People'S Union", Org, 5),
            ],
            &[],
        ));
        let mut listed: Vec<&str> = registry.actors().iter().map(|a| a.name.as_str()).collect();
        listed.sort();
        assert_eq!(
            listed,
            [
                "Quorvane Widgets",
                "Tessiter Mills",
                "Velmora People's Union"
            ]
        );
    }

    #[test]
    fn ascii_names_split_into_the_words_the_analyzer_gives() {
        let names = [
            "Brenmoor's Tanning Co.",
            "O'Dwyer-Pask & Sons",
            "'s Gravelholt",
            "TALLIS'S  MILL,Inc",
            "Ferrow's",
            "Ferrow'sa Dune",
            "Ferrow' Dune'S",
            "A.B.C. (Holdings) No.4",
            "x''s . . ''",
            "",
            "   ",
            "Lake_Orv 3M 4K",
        ];
        for name in names {
            assert_eq!(
                ascii_raw_words(name.as_bytes()),
                analysed_raw_words(name),
                "{name:?}"
            );
        }
    }

    #[test]
    fn keys_ignore_case_punctuation_diacritics_the_possessive_and_legal_suffixes() {
        let same = [
            "Quorvane Widgets",
            "QUORVANE WIDGETS",
            "The Quorvane Widgets",
            "Quorvane Widgets's",
            "Quorväne Widgets, Co. Inc.",
            "Quorvane Widgets GmbH",
            "Quorvane Widgets S.A.",
        ];
        for name in same {
            assert_eq!(key(name), "quorvane widgets", "{name}");
        }
        assert_eq!(key("U.S. Plank Board"), key("US Plank Board"));
        assert_eq!(key("Hobb & Nettle"), key("Hobb and Nettle"));
        assert!(key_words("Co Inc").is_empty());
    }

    #[test]
    fn forms_of_one_key_are_one_actor_named_by_its_most_used_mixed_case_unsuffixed_form() {
        let registry = Registry::settle(&raw(
            &[
                ("QUORVANE WIDGETS", Org, 30),
                ("Quorvane Widgets Inc", Org, 20),
                ("Quorvane Widgets", Org, 12),
                ("The Quorvane Widgets", Person, 2),
                ("Co Inc", Org, 9),
            ],
            &[],
        ));
        let listed: Vec<&str> = registry.actors().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(listed, ["Quorvane Widgets"]);
        assert_eq!(registry.actors()[0].articles, 64);
        assert_eq!(registry.actors()[0].kind, Org);
        assert_eq!(
            actor_of(&registry, Person, "The Quorvane Widgets"),
            Some(("Quorvane Widgets".to_string(), Org))
        );
        assert_eq!(registry.canonical(Org, "Co Inc"), Err(Unlisted::NotAnActor));
    }

    #[test]
    fn a_known_countrys_other_spelling_joins_it_when_an_article_typed_it_a_place() {
        let registry = Registry::settle(&raw(
            &[
                ("Bangladesh", Country, 40),
                // mostly typed a person, but some articles read it as a place
                ("Bangla-Desh", Person, 6),
                ("Bangla-Desh", Place, 2),
                // never typed a place or a country: a band named so, not the country
                ("Ban Gladesh", Person, 5),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Person, "Bangla-Desh"),
            Some(("Bangladesh".to_string(), Country))
        );
        assert_eq!(
            actor_of(&registry, Person, "Ban Gladesh").unwrap().1,
            Person
        );
    }

    #[test]
    fn a_town_written_mostly_as_an_organisation_is_one() {
        // Towns of the open data: one mostly a team's name in results tables, one a town.
        let registry = Registry::settle(&raw(
            &[
                ("Enschede", Org, 8),
                ("Enschede", Place, 2),
                ("Tilburg", Org, 2),
                ("Tilburg", Place, 7),
            ],
            &[],
        ));
        assert_eq!(actor_of(&registry, Place, "Enschede").unwrap().1, Org);
        assert_eq!(actor_of(&registry, Org, "Tilburg").unwrap().1, Place);
    }

    #[test]
    fn the_corpus_votes_the_kind_and_the_gazetteer_overrules_it() {
        let registry = Registry::settle(&raw(
            &[
                ("Velmora Trust", Person, 4),
                ("Velmora Trust", Org, 9),
                // A country the built-in gazetteer knows, mistyped in most articles.
                ("Chad", Person, 12),
                ("Chad", Country, 3),
                // A company name the tagger took for a person: its legal suffix says "org".
                ("Brannock Tull", Person, 6),
                ("Brannock Tull Ltd", Org, 3),
                // A name the gazetteer resolves to another registered one joins it, when
                // they are of one kind: a place it files under a country stays a place.
                ("Türkiye", Country, 3),
                ("Turkey", Country, 10),
                ("Gaza", Place, 7),
                ("Palestine", Country, 20),
                ("Viet Nam", Place, 4),
                ("Vietnam", Country, 9),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Country, "Türkiye"),
            Some(("Turkey".to_string(), Country))
        );
        assert_eq!(
            actor_of(&registry, Place, "Viet Nam"),
            Some(("Vietnam".to_string(), Country))
        );
        assert_eq!(
            actor_of(&registry, Place, "Gaza"),
            Some(("Gaza".to_string(), Place))
        );
        assert_eq!(actor_of(&registry, Person, "Velmora Trust").unwrap().1, Org);
        assert_eq!(actor_of(&registry, Person, "Chad").unwrap().1, Country);
        assert_eq!(actor_of(&registry, Person, "Brannock Tull").unwrap().1, Org);
    }

    #[test]
    fn alias_evidence_joins_a_form_to_the_actor_its_articles_defined_it_for() {
        let forms = [
            ("Tessaly Grain Council", Org, 20),
            ("Tesgra", Org, 15),
            ("Orrin Vale Board", Org, 8),
            ("ORVAB", Person, 6),
            ("Marrow Fund", Org, 4),
            ("Marrow Foundation", Org, 4),
            ("MF", Org, 5),
        ];
        let mut input = raw(&forms, &[]);
        input.aliases = vec![
            alias(Org, "Tessaly Grain Council", "Tesgra", 7),
            alias(Org, "Orrin Vale Board", "ORVAB", 2),
            // Evidence split between two actors: no join.
            alias(Org, "Marrow Fund", "MF", 2),
            alias(Org, "Marrow Foundation", "MF", 2),
        ];
        let registry = Registry::settle(&input);
        let short = actor_of(&registry, Org, "Tesgra").unwrap();
        assert_eq!(short, ("Tessaly Grain Council".to_string(), Org));
        assert_eq!(
            actor_of(&registry, Person, "ORVAB").unwrap().0,
            "Orrin Vale Board"
        );
        assert_eq!(actor_of(&registry, Org, "MF").unwrap().0, "MF");
    }

    #[test]
    fn a_name_with_and_without_its_middle_initial_is_one_person_unless_initials_differ() {
        let forms = [
            ("Orla M. Vantress", Person, 30),
            ("Orla Vantress", Person, 12),
            ("Piet Q. Hallow", Person, 9),
            ("Piet R.S. Hallow", Person, 4),
            ("Piet Hallow", Person, 7),
            ("Rune T. Faller", Person, 5),
            ("Rune Faller", Person, 40),
        ];
        let registry = Registry::settle(&raw(&forms, &[]));
        assert_eq!(
            actor_of(&registry, Person, "Orla Vantress").unwrap().0,
            "Orla M. Vantress"
        );
        // Two people share the name without initials: it stays apart from both.
        assert_eq!(
            actor_of(&registry, Person, "Piet Hallow").unwrap().0,
            "Piet Hallow"
        );
        assert_eq!(
            actor_of(&registry, Person, "Piet Q. Hallow").unwrap().0,
            "Piet Q. Hallow"
        );
        // A bare name used far more than the full one may be a namesake's.
        assert_eq!(
            actor_of(&registry, Person, "Rune Faller").unwrap().0,
            "Rune Faller"
        );
    }

    #[test]
    fn a_department_named_either_way_round_is_one_body() {
        let forms = [
            ("Department of the Canals", Org, 20),
            ("Canals Department", Org, 8),
            ("Ministry of Fisheries", Org, 3),
            ("Fisheries Ministry", Org, 11),
            ("Department of Orchards", Org, 5),
            ("Orchards Board", Org, 5),
        ];
        let registry = Registry::settle(&raw(&forms, &[]));
        let name = |form: &str| actor_of(&registry, Org, form).unwrap().0;
        assert_eq!(name("Canals Department"), "Department of the Canals");
        assert_eq!(name("Ministry of Fisheries"), "Fisheries Ministry");
        assert_eq!(name("Orchards Board"), "Orchards Board");
        assert_eq!(name("Department of Orchards"), "Department of Orchards");
    }

    #[test]
    fn a_body_named_alone_far_more_than_the_evidence_does_not_join_a_rare_longer_name() {
        let forms = [
            ("Bureau of Canals", Org, 60),
            ("Ulric Pemberton Bureau of Canals", Org, 2),
            ("Harbour Trust", Org, 12),
            ("Veldt Harbour Trust", Org, 10),
        ];
        let mut input = raw(&forms, &[]);
        input.aliases = vec![
            // Two articles ran a heading's name into the body's name.
            alias(
                Org,
                "Ulric Pemberton Bureau of Canals",
                "Bureau of Canals",
                2,
            ),
            // Most articles that name the short form define it by the long one.
            alias(Org, "Veldt Harbour Trust", "Harbour Trust", 9),
        ];
        let registry = Registry::settle(&input);
        assert_eq!(
            actor_of(&registry, Org, "Bureau of Canals").unwrap().0,
            "Bureau of Canals"
        );
        assert_eq!(
            actor_of(&registry, Org, "Harbour Trust").unwrap().0,
            "Veldt Harbour Trust"
        );
    }

    #[test]
    fn an_acronym_names_the_actor_when_the_name_it_spells_is_a_one_off() {
        let mut input = raw(
            &[("Orgnization of Tin Smelters", Org, 1), ("OTS", Org, 60)],
            &[],
        );
        input.aliases = vec![alias(Org, "Orgnization of Tin Smelters", "OTS", 1)];
        let registry = Registry::settle(&input);
        assert_eq!(
            actor_of(&registry, Org, "Orgnization of Tin Smelters"),
            Some(("OTS".to_string(), Org))
        );
    }

    #[test]
    fn a_country_code_in_front_is_spelt_whole_by_an_acronym() {
        let registry = Registry::settle(&raw(
            &[("U.S. Department of Fisheries", Org, 20), ("USDF", Org, 30)],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Org, "USDF").unwrap().0,
            "U.S. Department of Fisheries"
        );
    }

    #[test]
    fn an_alias_that_is_a_common_word_does_not_lend_its_articles_to_a_longer_name() {
        let mut input = raw(
            &[("Orrin Weavers", Person, 6), ("Weavers", Person, 90)],
            &[("weavers", 900)],
        );
        input.aliases = vec![alias(Person, "Orrin Weavers", "Weavers", 40)];
        let registry = Registry::settle(&input);
        assert_eq!(
            registry.canonical(Person, "Weavers"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            registry
                .actors()
                .iter()
                .find(|a| a.name == "Orrin Weavers")
                .unwrap()
                .articles,
            6
        );
    }

    #[test]
    fn an_acronym_joins_the_one_organisation_whose_initials_it_spells() {
        let registry = Registry::settle(&raw(
            &[
                ("Federation of Pebble Builders", Org, 10),
                ("FPB", Org, 6),
                ("Kestrel Relief Agency", Org, 5),
                ("Kiln Repair Association", Org, 5),
                ("KRA", Org, 7),
                ("Union of Tarn Weavers", Org, 8),
                ("UOTW", Org, 3),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Org, "FPB").unwrap().0,
            "Federation of Pebble Builders"
        );
        // the small words may be spelt too
        assert_eq!(
            actor_of(&registry, Org, "UOTW").unwrap().0,
            "Union of Tarn Weavers"
        );
        assert_eq!(actor_of(&registry, Org, "KRA").unwrap().0, "KRA");
    }

    #[test]
    fn a_surname_joins_the_dominant_full_name_and_is_ambiguous_without_one() {
        let registry = Registry::settle(&raw(
            &[
                ("Odile Brannagh", Person, 40),
                ("Tomas Brannagh", Person, 3),
                ("Brannagh", Person, 12),
                ("Ellis Quarrender", Person, 10),
                ("Mina Quarrender", Person, 9),
                ("Quarrender", Person, 8),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Person, "Brannagh").unwrap().0,
            "Odile Brannagh"
        );
        assert_eq!(
            registry.canonical(Person, "Quarrender"),
            Err(Unlisted::NotAnActor)
        );
        let offered: Vec<&str> = registry
            .lookup("quarrender")
            .into_iter()
            .map(|id| registry.actor(id).name.as_str())
            .collect();
        assert_eq!(offered, ["Ellis Quarrender", "Mina Quarrender"]);
        assert!(registry.actors().iter().all(|a| a.name != "Quarrender"));
    }

    #[test]
    fn a_given_name_alone_is_not_an_actor_and_an_org_prefix_joins_the_longer_name() {
        let registry = Registry::settle(&raw(
            &[
                ("Perpetua Vane", Person, 10),
                ("Perpetua Holt", Person, 8),
                ("Perpetua", Person, 5),
                ("Dunmore's Rating Service", Org, 20),
                ("Dunmore's", Org, 15),
            ],
            &[],
        ));
        assert_eq!(
            registry.canonical(Person, "Perpetua"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            actor_of(&registry, Org, "Dunmore's").unwrap().0,
            "Dunmore's Rating Service"
        );
    }

    #[test]
    fn a_plural_common_noun_is_no_actor_unless_a_one_word_organisation_of_its_own() {
        let registry = Registry::settle(&raw(
            &[
                ("Allied Armies", Org, 30),
                ("Neighbors", Person, 12),
                ("Rivals", Org, 20),
                ("Rival", Org, 4),
                ("Pioneers", Org, 9),
            ],
            &[],
        ));
        assert!(actor_of(&registry, Org, "Allied Armies").is_none());
        assert!(actor_of(&registry, Person, "Neighbors").is_none());
        assert!(actor_of(&registry, Org, "Rivals").is_none());
        assert_eq!(actor_of(&registry, Org, "Pioneers").unwrap().0, "Pioneers");
    }

    #[test]
    fn a_firm_the_tagger_takes_for_a_person_is_an_organisation_by_its_suffixed_forms() {
        let mut raw = raw(
            &[("Hollis Marrow", Person, 20), ("Hollis Marrow", Org, 4)],
            &[],
        );
        raw.aliases
            .push(alias(Org, "Hollis Marrow", "Hollis Marrow and Co", 4));
        let registry = Registry::settle(&raw);
        assert_eq!(actor_of(&registry, Person, "Hollis Marrow").unwrap().1, Org);
    }

    #[test]
    fn a_document_or_an_event_is_no_actor_whatever_its_forms() {
        let registry = Registry::settle(&raw(
            &[
                ("Tarvo Accord", Org, 40),
                ("Tarvo Accord", Person, 9),
                ("Tarvo Council", Org, 12),
                ("Velna Summit", Place, 7),
            ],
            &[],
        ));
        assert!(actor_of(&registry, Org, "Tarvo Accord").is_none());
        assert!(actor_of(&registry, Person, "Tarvo Accord").is_none());
        assert!(actor_of(&registry, Place, "Velna Summit").is_none());
        assert_eq!(
            actor_of(&registry, Org, "Tarvo Council").unwrap().0,
            "Tarvo Council"
        );
    }

    #[test]
    fn a_title_in_front_of_a_name_is_the_same_person() {
        let registry = Registry::settle(&raw(
            &[
                ("Odile Renn", Person, 10),
                ("Harbour Minister Odile Renn", Person, 4),
                ("Harbour Minister Odile", Org, 1),
            ],
            &[],
        ));
        assert_eq!(
            actor_of(&registry, Person, "Harbour Minister Odile Renn")
                .unwrap()
                .0,
            "Odile Renn"
        );
    }

    #[test]
    fn a_word_the_corpus_mostly_writes_in_lower_case_is_not_an_actor() {
        let registry = Registry::settle(&raw(
            &[
                ("Lantern", Org, 20),
                ("Zorvik", Place, 20),
                // A surname: named through the full name in most articles.
                ("Pellow", Person, 3),
                ("Ines Pellow", Person, 30),
            ],
            &[("lantern", 200), ("zorvik", 30), ("pellow", 35)],
        ));
        assert_eq!(
            registry.canonical(Org, "Lantern"),
            Err(Unlisted::NotAnActor)
        );
        assert!(registry.canonical(Place, "Zorvik").is_ok());
        assert_eq!(
            actor_of(&registry, Person, "Pellow").unwrap().0,
            "Ines Pellow"
        );
    }
}
