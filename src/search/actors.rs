//! Actors on the search side: how a name typed after `--actor` becomes the index's actors,
//! and how the actors stored with a passage are read back.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::actors::{ActorKind, Gazetteer};
use crate::error::Result;
use crate::schema;
use crate::search::{SearchError, Searcher};

/// An actor as shown with a hit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorRef {
    /// Canonical name.
    pub name: String,
    /// person, org, country or place.
    pub kind: ActorKind,
}

impl ActorRef {
    /// An actor of `kind`.
    pub fn new(name: impl Into<String>, kind: ActorKind) -> ActorRef {
        ActorRef {
            name: name.into(),
            kind,
        }
    }

    /// The actor of a facet as tantivy encodes it (None for any other facet; see
    /// [`schema::decode_actor_facet`]).
    pub fn from_encoded_facet(encoded: &[u8]) -> Option<ActorRef> {
        let (kind, name) = schema::decode_actor_facet(encoded)?;
        Some(ActorRef::new(name, kind))
    }

    /// The actor's facet, `/actor/KIND/Name`.
    pub fn facet(&self) -> Facet {
        schema::actor_facet(self.kind, &self.name)
    }
}

impl Searcher {
    /// A query matching documents whose `field` holds any of `actors` (any kind).
    pub(super) fn actor_query(
        &self,
        field: tantivy::schema::Field,
        actors: &[ActorRef],
    ) -> Box<dyn Query> {
        let any_kind: Vec<(Occur, Box<dyn Query>)> = actors
            .iter()
            .map(|actor| {
                let term = Term::from_facet(field, &actor.facet());
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(any_kind))
    }

    /// Every actor the index holds, read from the actor facet's term dictionary (once).
    pub fn known_actors(&self) -> Result<&KnownActors> {
        if let Some(known) = self.known_actors.get() {
            return Ok(known);
        }
        let mut actors = KnownActors::new(self.read_known_actors()?);
        actors.index_dir = Some(self.index_dir.clone());
        Ok(self.known_actors.get_or_init(|| actors))
    }

    fn read_known_actors(&self) -> Result<BTreeSet<ActorRef>> {
        let searcher = self.reader.searcher();
        let mut actors = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.actor)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                actors.extend(ActorRef::from_encoded_facet(stream.key()));
            }
        }
        Ok(actors)
    }
}

/// The actors an index holds, with a case-insensitive name lookup (every `--actor` and every
/// co-occurrence evidence search resolves names against it).
#[derive(Debug, Default)]
pub struct KnownActors {
    all: BTreeSet<ActorRef>,
    by_name: HashMap<String, Vec<ActorRef>>,
    /// The index directory whose recorded actors file's aliases resolve too (built-in aliases
    /// only when `None` or when the index was built without one).
    index_dir: Option<std::path::PathBuf>,
    /// The gazetteer aliases resolve through, built on the first alias lookup.
    gazetteer: std::sync::OnceLock<Option<Gazetteer>>,
}

impl KnownActors {
    /// Indexes `all` by lowercase name.
    pub fn new(all: BTreeSet<ActorRef>) -> KnownActors {
        let mut by_name: HashMap<String, Vec<ActorRef>> = HashMap::new();
        for actor in &all {
            by_name
                .entry(actor.name.to_lowercase())
                .or_default()
                .push(actor.clone());
        }
        KnownActors {
            all,
            by_name,
            index_dir: None,
            gazetteer: std::sync::OnceLock::new(),
        }
    }

    /// The gazetteer that resolves aliases: the built-in one with the index's recorded actors
    /// file on top (a file that is gone or no longer valid is left out). The record is read
    /// here, on the first alias lookup, not when the index is opened.
    fn gazetteer(&self) -> &Gazetteer {
        let user = self.gazetteer.get_or_init(|| {
            let record = crate::actors::user::read_record(self.index_dir.as_deref()?)?;
            Gazetteer::with_user_file(&record.user_file?).ok()
        });
        user.as_ref().unwrap_or_else(|| Gazetteer::builtin())
    }
}

impl std::ops::Deref for KnownActors {
    type Target = BTreeSet<ActorRef>;

    fn deref(&self) -> &BTreeSet<ActorRef> {
        &self.all
    }
}

/// Resolves a user's actor name to the index's actors: canonical name or alias (through the
/// gazetteer), case-insensitively, or a unique surname. Unknown names are an error that
/// suggests the closest known names.
pub fn resolve_actor(name: &str, known: &KnownActors) -> Result<Vec<ActorRef>> {
    let wanted = name.trim();
    let by_name = |canonical: &str| -> Vec<ActorRef> {
        known
            .by_name
            .get(&canonical.to_lowercase())
            .cloned()
            .unwrap_or_default()
    };
    let exact = by_name(wanted);
    if !exact.is_empty() {
        return Ok(exact);
    }
    // A unique surname is answered from the index alone: the gazetteer's tables are only
    // loaded when an alias is really needed ("U.S.", "Kremlin").
    let lower = wanted.to_lowercase();
    let by_surname: Vec<ActorRef> = known
        .iter()
        .filter(|a| {
            a.name
                .rsplit(' ')
                .next()
                .is_some_and(|last| last.to_lowercase() == lower)
        })
        .cloned()
        .collect();
    let distinct: BTreeSet<&str> = by_surname.iter().map(|a| a.name.as_str()).collect();
    if distinct.len() == 1 {
        return Ok(by_surname);
    }
    if let Some((canonical, _kind)) = known.gazetteer().resolve(wanted) {
        let found = by_name(canonical);
        if !found.is_empty() {
            return Ok(found);
        }
    }
    if distinct.len() > 1 {
        return Err(SearchError::AmbiguousActor {
            name: wanted.to_string(),
            candidates: distinct.into_iter().map(str::to_string).collect(),
        }
        .into());
    }
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|a| {
            // Compare with the whole name and with each of its words ("Putn" ~ "Putin").
            let name = a.name.to_lowercase();
            let best = name
                .split(' ')
                .chain([name.as_str()])
                .map(|part| strsim::jaro_winkler(&lower, part))
                .fold(0.0, f64::max);
            (best, a.name.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let suggestions: Vec<String> = scored
        .iter()
        .take(3)
        .filter(|(s, _)| *s > 0.8)
        .map(|(_, n)| n.to_string())
        .collect();
    Err(SearchError::UnknownActor {
        name: wanted.to_string(),
        suggestions,
    }
    .into())
}

/// The actors stored in `field` of a passage, people first (in `ActorKind` order), then by name.
pub(super) fn stored_actors(
    document: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Vec<ActorRef> {
    let mut ranked: Vec<ActorRef> = document
        .get_all(field)
        .filter_map(|v| v.as_facet())
        .filter_map(|encoded| ActorRef::from_encoded_facet(encoded.as_bytes()))
        .collect();
    // By kind (people first, in `ActorKind` order), then name.
    ranked.sort_unstable_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Facet;

    #[test]
    fn actor_facets_round_trip() {
        let actor = ActorRef::new("Joe Biden", ActorKind::Person);
        let facet = actor.facet();
        assert_eq!(facet.to_path_string(), "/actor/person/Joe Biden");
        let decoded = ActorRef::from_encoded_facet(facet.encoded_str().as_bytes()).unwrap();
        assert_eq!(decoded, actor);
        let date = Facet::from_path(["date", "2022", "01"]);
        assert!(ActorRef::from_encoded_facet(date.encoded_str().as_bytes()).is_none());
    }
}
