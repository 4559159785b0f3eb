//! Actor extraction: finds the people, organisations, countries and places an article mentions and normalises them to canonical names.
//!
//! One leftmost-longest, ASCII-case-insensitive Aho-Corasick automaton over all
//! gazetteer aliases finds candidates; word-boundary and capitalisation checks
//! (proper-noun case in normal text, anything in ALL-CAPS text) filter them.
//! A light second pass finds titled or "X Y said" person names missing from the
//! gazetteer and resolves lone surnames of the people found to their full names.
//!
//! `gazetteer` holds the alias tables and the scan, `tagger` the name tagger, `extraction`
//! merges their findings into actors, and [`Extractor`] bundles a gazetteer and a model into
//! the value callers build once and pass around; `user` reads the user's actors file.

mod alias_trie;
mod context;
pub mod eval;
mod extraction;
mod extractor;
mod gazetteer;
pub mod head;
mod tagger;
pub mod user;
mod words;

pub use crate::error::ModelError;
pub(crate) use extraction::attests_a_person;
pub use extractor::Extractor;
pub use gazetteer::Gazetteer;
pub use user::Provenance;
pub(crate) use words::all_common_words;

use serde::{Deserialize, Serialize};

/// The kind of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organisation, company or institution.
    Org,
    /// A sovereign (or historical) state.
    Country,
    /// A city, region, continent or other place.
    Place,
}

impl ActorKind {
    /// Every kind, in the order actors are listed (people first).
    pub const ALL: [ActorKind; 4] = [
        ActorKind::Person,
        ActorKind::Org,
        ActorKind::Country,
        ActorKind::Place,
    ];

    /// The lower-case name of the kind: "person", "org", "country" or "place".
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Org => "org",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
        }
    }

    /// The plural of the kind, as a column of actors of that kind is named: "people",
    /// "orgs", "countries" or "places".
    pub fn plural(self) -> &'static str {
        match self {
            ActorKind::Person => "people",
            ActorKind::Org => "orgs",
            ActorKind::Country => "countries",
            ActorKind::Place => "places",
        }
    }

    /// Parses a kind name (case-insensitive); `None` if unknown.
    pub fn parse(s: &str) -> Option<ActorKind> {
        // Compared in place, without a lower-cased copy: the gazetteer's tables ask this of
        // every line at every start.
        let s = s.trim();
        let is = |names: &[&str]| names.iter().any(|name| s.eq_ignore_ascii_case(name));
        if is(&["person", "per", "people"]) {
            Some(ActorKind::Person)
        } else if is(&["org", "organization", "organisation"]) {
            Some(ActorKind::Org)
        } else if is(&["country", "state"]) {
            Some(ActorKind::Country)
        } else if is(&["place", "location", "loc"]) {
            Some(ActorKind::Place)
        } else {
            None
        }
    }
}

impl std::fmt::Display for ActorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One actor found in an article, with the byte ranges of its mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorMatch {
    /// Canonical name ("Joe Biden", "United States").
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Byte ranges of the mentions in the body.
    pub mentions: Vec<(usize, usize)>,
    /// Byte ranges of the mentions in the title.
    pub title_mentions: Vec<(usize, usize)>,
    /// Other forms this article used for the actor, as written (an acronym it defined, a
    /// short form or a surname resolved to the full name): the registry merges the same forms
    /// found alone in other articles.
    pub aliases: Vec<String>,
}

/// Embedded gazetteer data, in priority order (earlier files win an alias); a `static`, so
/// that the binary holds the tables once, not once per use.
static DATA: &[&str] = &[
    include_str!("data/curated.tsv"),
    include_str!("data/countries.tsv"),
    include_str!("data/places.tsv"),
    include_str!("data/orgs.tsv"),
    include_str!("data/people.tsv"),
    include_str!("data/towns.tsv"),
    include_str!("data/companies.tsv"),
    include_str!("data/universities.tsv"),
];

/// The tagger weights trained by `newsdex train-ner` (see `data/README.md`).
const EMBEDDED_MODEL: &[u8] = include_bytes!("data/ner.model.gz");

/// Finds the actors in an article with the built-in gazetteer and tagger (never a user's
/// file: for those, build an [`Extractor`]).
pub fn extract_actors(title: &str, body: &str) -> Vec<ActorMatch> {
    Extractor::builtin().extract(title, body)
}

#[cfg(test)]
mod tests;
