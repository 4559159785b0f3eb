//! Actors on the search side: how a name typed after `--actor` becomes an actor of the
//! index's registry (and the raw facet forms a filter matches), and how the actors stored with
//! a passage are shown under their canonical names.

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, Term};

use crate::actor_ords::{
    open_stamped_table, ActorOrds, OrdActor, OrdField, SegmentOrds, TableStamp,
};
use crate::actors::ActorKind;
use crate::error::Result;
use crate::registry::table::{fold, ActorAt, ActorTable, TableActor, WholeForms};
use crate::registry::{ActorId, Registry, Unlisted};
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
    /// A query matching documents whose `field` holds any of `forms` (raw facet forms).
    pub(super) fn actor_query(
        &self,
        field: tantivy::schema::Field,
        forms: &[ActorRef],
    ) -> Box<dyn Query> {
        let any_form: Vec<(Occur, Box<dyn Query>)> = forms
            .iter()
            .map(|form| {
                let term = Term::from_facet(field, &form.facet());
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(any_form))
    }

    /// The index's actor registry with the user's corrections, read on first need: a search
    /// that neither filters nor shows actors never reads it.
    pub fn registry(&self) -> Result<&Registry> {
        if let Some(registry) = self.registry.get() {
            return Ok(registry);
        }
        let registry = Registry::open(&self.index_dir, &self.index)?;
        Ok(self.registry.get_or_init(|| registry))
    }

    /// The quickest way to the registry's answers: its lookup table when it holds the user's
    /// corrections as they are now, else the full registry. Read on first need.
    pub fn actor_names(&self) -> Result<ActorNames<'_>> {
        if let Some(table) = self.actor_table()? {
            return Ok(ActorNames::Table(table));
        }
        Ok(ActorNames::Full(self.registry()?))
    }

    /// The quickest way to the canonical actor of every raw form of a facet dictionary (what
    /// exploration maps): the lookup table's forms read whole when the table is current, else
    /// the full registry. Read on first need.
    pub fn every_form_names(&self) -> Result<ActorNames<'_>> {
        if let Some(table) = self.actor_table()? {
            let whole = self.whole_forms.get_or_init(|| table.whole_forms());
            if let Some(whole) = whole {
                return Ok(ActorNames::Whole(table, whole));
            }
        }
        Ok(ActorNames::Full(self.registry()?))
    }

    /// [`Self::actor_names`], each raw form looked up once for the searcher's life.
    pub fn canonical_names(&self) -> Result<CanonicalNames<'_>> {
        Ok(CanonicalNames {
            names: self.actor_names()?,
            seen: &self.canonical_seen,
        })
    }

    /// [`Self::canonical_names`] answered from the lookup table read whole (see
    /// [`Self::every_form_names`]): for showing many hits at once (a timeline's buckets), where
    /// looking each form up in place reads the file once per form.
    pub fn canonical_names_in_bulk(&self) -> Result<CanonicalNames<'_>> {
        Ok(CanonicalNames {
            names: self.every_form_names()?,
            seen: &self.canonical_seen,
        })
    }

    /// The registry's lookup table, when it is current (see [`ActorTable::open`]).
    fn actor_table(&self) -> Result<Option<&ActorTable>> {
        Ok(self.stamped_table()?.map(|(table, _)| table))
    }

    /// The lookup table with its stamp (see [`open_stamped_table`]), read once.
    fn stamped_table(&self) -> Result<Option<&StampedTable>> {
        if let Some(table) = self.actor_table.get() {
            return Ok(table.as_ref());
        }
        let table = open_stamped_table(&self.index_dir)?;
        Ok(self.actor_table.get_or_init(|| table).as_ref())
    }

    /// Each segment's actor facet ordinals mapped to the lookup table's actors, when the file
    /// was made from the table this searcher reads (see [`crate::actor_ords`]). Read once.
    pub fn actor_ords(&self) -> Result<Option<&ActorOrds>> {
        if let Some(ords) = self.actor_ords.get() {
            return Ok(ords.as_ref());
        }
        let ords = match self.stamped_table()? {
            Some((_, stamp)) => ActorOrds::open(&self.index_dir, *stamp)?,
            None => None,
        };
        Ok(self.actor_ords.get_or_init(|| ords).as_ref())
    }

    /// The actor a typed name means (see [`resolve_actor`]): from the lookup table when it
    /// finds the name, else (an unknown name, suggestions) from the full registry.
    pub fn resolve_actor(&self, typed: &str) -> Result<ResolvedActor> {
        if let Some(table) = self.actor_table()? {
            if let Some(resolved) = resolve_in_table(typed, table) {
                return resolved;
            }
        }
        resolve_actor(typed, self.registry()?)
    }
}

/// The lookup table and the stamp of the file it reads.
pub(crate) type StampedTable = (ActorTable, TableStamp);

/// A canonical actor without its name (see [`ActorNames::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ActorKey {
    /// The actor at this offset of the lookup table.
    Table(ActorAt),
    /// The actor of this id in the full registry.
    Registry(ActorId),
    /// A raw form the registry has never seen, shown as it is.
    Unseen(ActorRef),
}

/// Where the search side finds canonical actors: the registry's lookup table, or the full
/// registry when the table is missing or older than the user's corrections.
#[derive(Debug, Clone, Copy)]
pub enum ActorNames<'a> {
    /// The lookup table, searched in place.
    Table(&'a ActorTable),
    /// The registry read whole, corrections applied.
    Full(&'a Registry),
    /// The lookup table, its forms and actors read into memory.
    Whole(&'a ActorTable, &'a WholeForms),
}

/// What the lookup table says of `raw`: its canonical actor, nothing for a non-actor, and
/// `raw` itself for a form the table never saw.
fn listed(raw: &ActorRef, found: std::result::Result<TableActor, Unlisted>) -> Option<ActorRef> {
    match found {
        Ok(actor) => Some(ActorRef::new(actor.name, actor.kind)),
        Err(Unlisted::NotAnActor) => None,
        Err(Unlisted::Unknown) => Some(raw.clone()),
    }
}

impl ActorNames<'_> {
    /// The actor a raw facet form is shown as (see [`canonical_actor`]).
    pub fn canonical(&self, raw: &ActorRef) -> Option<ActorRef> {
        match self {
            ActorNames::Full(registry) => canonical_actor(registry, raw),
            ActorNames::Table(table) => listed(
                raw,
                table
                    .canonical(raw.kind, &raw.name)
                    .map(|at| table.actor(at)),
            ),
            ActorNames::Whole(_, whole) => listed(
                raw,
                whole
                    .canonical(raw.kind, &raw.name)
                    .map(|at| whole.actor(at)),
            ),
        }
    }

    /// The actor a raw facet form is counted as, by its place in the lookup table or the
    /// registry (`None`: not an actor): what exploration interns, so that an actor's name is
    /// read once ([`ActorNames::actor`]), not once per form.
    pub fn key(&self, kind: ActorKind, name: &str) -> Option<ActorKey> {
        let found = match self {
            ActorNames::Full(registry) => registry.canonical(kind, name).map(ActorKey::Registry),
            ActorNames::Table(table) => table.canonical(kind, name).map(ActorKey::Table),
            ActorNames::Whole(_, whole) => whole.canonical(kind, name).map(ActorKey::Table),
        };
        match found {
            Ok(key) => Some(key),
            Err(Unlisted::NotAnActor) => None,
            Err(Unlisted::Unknown) => Some(ActorKey::Unseen(ActorRef::new(name, kind))),
        }
    }

    /// The canonical actor of a key from [`ActorNames::key`] (`None` for a key of another
    /// table or registry).
    pub fn actor(&self, key: &ActorKey) -> Option<ActorRef> {
        let found = match (self, key) {
            (_, ActorKey::Unseen(actor)) => return Some(actor.clone()),
            (ActorNames::Full(registry), &ActorKey::Registry(id)) => {
                let actor = registry.actor(id);
                return Some(ActorRef::new(actor.name.clone(), actor.kind));
            }
            (ActorNames::Table(table), &ActorKey::Table(at)) => table.actor(at),
            (ActorNames::Whole(_, whole), &ActorKey::Table(at)) => whole.actor(at),
            _ => return None,
        };
        Some(ActorRef::new(found.name, found.kind))
    }

    /// The key of an actor named by its canonical name and kind: the listed actor of that
    /// name and kind, else `Unseen` (what a raw form the registry never saw counts as, so that
    /// such a form spelled as an actor's canonical name counts as that actor).
    pub fn actor_key(&self, actor: &ActorRef) -> ActorKey {
        let found = match self {
            ActorNames::Full(registry) => registry
                .lookup(&actor.name)
                .into_iter()
                .find(|&id| {
                    let listed = registry.actor(id);
                    listed.kind == actor.kind && listed.name == actor.name
                })
                .map(ActorKey::Registry),
            ActorNames::Table(table) | ActorNames::Whole(table, _) => table
                .lookup(&actor.name)
                .into_iter()
                .find(|&at| {
                    let listed = table.actor(at);
                    listed.kind == actor.kind && listed.name == actor.name
                })
                .map(ActorKey::Table),
        };
        found.unwrap_or_else(|| ActorKey::Unseen(actor.clone()))
    }

    /// The raw forms of a canonical actor (see [`forms_of`]).
    pub fn forms_of(&self, actor: &ActorRef) -> Vec<ActorRef> {
        match self {
            ActorNames::Full(registry) => forms_of(registry, actor),
            ActorNames::Table(table) | ActorNames::Whole(table, _) => table
                .lookup(&actor.name)
                .into_iter()
                .find(|&at| {
                    let found = table.actor(at);
                    found.kind == actor.kind && found.name == actor.name
                })
                .map_or_else(|| vec![actor.clone()], |at| table_forms(table, at)),
        }
    }
}

/// Raw actor forms already looked up, with their canonical actors. Bounded: cleared when it
/// holds [`SEEN_FORMS_MAX`] forms.
pub(crate) type SeenForms = std::sync::Mutex<std::collections::HashMap<ActorRef, Option<ActorRef>>>;

/// The remembered forms; a panic elsewhere while holding them leaves them usable.
fn lock(
    seen: &SeenForms,
) -> std::sync::MutexGuard<'_, std::collections::HashMap<ActorRef, Option<ActorRef>>> {
    seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The most raw forms a searcher remembers the canonical actors of.
const SEEN_FORMS_MAX: usize = 100_000;

/// [`ActorNames::canonical`] remembering its answers for the searcher's life: pages of hits
/// share many raw forms, and a form looked up in the table costs reads of its file.
#[derive(Debug)]
pub struct CanonicalNames<'a> {
    names: ActorNames<'a>,
    seen: &'a SeenForms,
}

impl CanonicalNames<'_> {
    /// The actor a raw facet form is shown as (see [`ActorNames::canonical`]).
    pub fn canonical(&self, raw: &ActorRef) -> Option<ActorRef> {
        if let Some(known) = lock(self.seen).get(raw) {
            return known.clone();
        }
        let found = self.names.canonical(raw);
        let mut seen = lock(self.seen);
        if seen.len() >= SEEN_FORMS_MAX {
            seen.clear();
        }
        seen.insert(raw.clone(), found.clone());
        found
    }
}

fn table_forms(table: &ActorTable, at: ActorAt) -> Vec<ActorRef> {
    table
        .forms(at)
        .into_iter()
        .map(|(kind, name)| ActorRef::new(name, kind))
        .collect()
}

/// [`resolve_actor`] through the lookup table: `None` when the table knows no actor by that
/// name (the full registry then suggests the closest ones).
fn resolve_in_table(typed: &str, table: &ActorTable) -> Option<Result<ResolvedActor>> {
    let wanted = typed.trim();
    let mut candidates = table.lookup(wanted);
    if candidates.is_empty() {
        candidates = table.with_folded_name(&fold(wanted));
    }
    for at in surname_of(wanted).map_or_else(Vec::new, |s| table.with_surname(&s)) {
        if !candidates.contains(&at) {
            candidates.push(at);
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let shown: Vec<Candidate> = candidates
        .iter()
        .map(|&at| {
            let actor = table.actor(at);
            Candidate {
                actor: ActorRef::new(actor.name, actor.kind),
                articles: actor.articles,
            }
        })
        .collect();
    Some(choose(wanted, &shown).map(|chosen| ResolvedActor {
        actor: shown[chosen].actor.clone(),
        forms: table_forms(table, candidates[chosen]),
    }))
}

/// An actor a typed name may mean, with its articles.
struct Candidate {
    actor: ActorRef,
    articles: u64,
}

/// Which of the candidates (in lookup order) a typed name means: sorted by articles (a stable
/// sort), the only one, or the first when it has `DOMINANT_RATIO` times the articles of the
/// next; otherwise an ambiguity error listing them. `candidates` is not empty.
fn choose(wanted: &str, candidates: &[Candidate]) -> Result<usize> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(candidates[i].articles));
    match order.as_slice() {
        [only] => Ok(*only),
        [first, second, ..]
            if candidates[*first].articles
                >= DOMINANT_RATIO * candidates[*second].articles.max(1) =>
        {
            Ok(*first)
        }
        several => {
            let listed: Vec<&Candidate> = several.iter().map(|&i| &candidates[i]).collect();
            Err(ambiguous(wanted, &listed))
        }
    }
}

/// The lowercase, accent-folded surname a one-word typed name may be; `None` for more words.
fn surname_of(wanted: &str) -> Option<String> {
    let lower = fold(wanted);
    (!lower.is_empty() && !lower.contains(' ')).then_some(lower)
}

/// An actor a typed name resolved to: its canonical name and kind, and the raw facet forms
/// the index holds for it (a filter matches any of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedActor {
    /// The canonical actor.
    pub actor: ActorRef,
    /// Its raw forms, as the facet stores them.
    pub forms: Vec<ActorRef>,
}

/// How many times more articles the most-mentioned of several actors sharing a name needs
/// before the name means it alone; closer counts make the name ambiguous.
pub const DOMINANT_RATIO: u64 = 3;

/// Suggestions offered for an unknown name, at most.
const SUGGESTIONS: usize = 3;

/// Resolves a typed actor name through the registry: a canonical name or any merged form
/// (any case; accents optional), or the surname of people named in full. When it means
/// several actors, the most-mentioned is meant only if it has `DOMINANT_RATIO` (3) times the
/// articles of the next; otherwise the name is an error listing them. An unknown name is an
/// error suggesting the closest canonical actors.
pub fn resolve_actor(typed: &str, registry: &Registry) -> Result<ResolvedActor> {
    let wanted = typed.trim();
    let mut candidates = registry.lookup(wanted);
    if candidates.is_empty() {
        candidates = named_without_accents(registry, wanted);
    }
    // A lone surname also means the people named in full with it ("Volcker" is the
    // form of a few articles, "Paul Volcker" the actor of many).
    for id in people_with_surname(registry, wanted) {
        if !candidates.contains(&id) {
            candidates.push(id);
        }
    }
    if candidates.is_empty() {
        return Err(SearchError::UnknownActor {
            name: wanted.to_string(),
            suggestions: suggestions(registry, wanted),
        }
        .into());
    }
    let shown: Vec<Candidate> = candidates
        .iter()
        .map(|&id| {
            let actor = registry.actor(id);
            Candidate {
                actor: ActorRef::new(actor.name.clone(), actor.kind),
                articles: actor.articles,
            }
        })
        .collect();
    let chosen = choose(wanted, &shown)?;
    Ok(resolved(registry, candidates[chosen]))
}

fn resolved(registry: &Registry, id: ActorId) -> ResolvedActor {
    let actor = registry.actor(id);
    ResolvedActor {
        actor: ActorRef::new(actor.name.clone(), actor.kind),
        forms: actor
            .forms
            .iter()
            .map(|form| ActorRef::new(form.name.clone(), form.kind))
            .collect(),
    }
}

/// Actors listed in an ambiguity error, at most (most articles first).
const LISTED_CANDIDATES: usize = 8;

fn ambiguous(wanted: &str, several: &[&Candidate]) -> crate::error::Error {
    let mut candidates: Vec<String> = several
        .iter()
        .take(LISTED_CANDIDATES)
        .map(|candidate| {
            let articles = if candidate.articles == 1 {
                "1 article".to_string()
            } else {
                format!("{} articles", candidate.articles)
            };
            format!(
                "{} ({}, {articles})",
                candidate.actor.name, candidate.actor.kind
            )
        })
        .collect();
    if several.len() > LISTED_CANDIDATES {
        candidates.push(format!("{} more", several.len() - LISTED_CANDIDATES));
    }
    SearchError::AmbiguousActor {
        name: wanted.to_string(),
        candidates,
    }
    .into()
}

/// The actors whose canonical name or a form equals `wanted` once both are folded
/// ([`fold`]), most articles first.
fn named_without_accents(registry: &Registry, wanted: &str) -> Vec<ActorId> {
    let wanted = fold(wanted);
    if wanted.is_empty() {
        return Vec::new();
    }
    registry
        .actors()
        .iter()
        .enumerate()
        .filter(|(_, actor)| {
            std::iter::once(actor.name.as_str())
                .chain(actor.forms.iter().map(|form| form.name.as_str()))
                .any(|name| !name.is_ascii() && fold(name) == wanted)
        })
        .map(|(id, _)| id as ActorId)
        .collect()
}

/// The people whose canonical name is more than one word and ends with `surname` (any case,
/// accents folded), most articles first.
fn people_with_surname(registry: &Registry, surname: &str) -> Vec<ActorId> {
    let lower = fold(surname);
    if lower.is_empty() || lower.contains(' ') {
        return Vec::new();
    }
    registry
        .actors()
        .iter()
        .enumerate()
        .filter(|(_, actor)| {
            actor.kind == ActorKind::Person
                && actor.name.contains(' ')
                && actor
                    .name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|last| fold(last) == lower)
        })
        .map(|(id, _)| id as ActorId)
        .collect()
}

/// The canonical actors closest to an unknown name (string similarity to the whole name and
/// to each of its words, ties broken by articles), shown most-mentioned first.
fn suggestions(registry: &Registry, wanted: &str) -> Vec<String> {
    let lower = wanted.to_lowercase();
    let mut scored: Vec<(f64, u64, &str)> = registry
        .actors()
        .iter()
        .map(|actor| {
            let name = actor.name.to_lowercase();
            let similarity = name
                .split(' ')
                .chain([name.as_str()])
                .map(|part| strsim::jaro_winkler(&lower, part))
                .fold(0.0, f64::max);
            (similarity, actor.articles, actor.name.as_str())
        })
        .filter(|(similarity, _, _)| *similarity > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    let mut chosen: Vec<(u64, &str)> = Vec::new();
    for (_, articles, name) in scored {
        if chosen.len() == SUGGESTIONS {
            break;
        }
        if !chosen.iter().any(|(_, seen)| *seen == name) {
            chosen.push((articles, name));
        }
    }
    chosen.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    chosen
        .into_iter()
        .map(|(_, name)| name.to_string())
        .collect()
}

/// The actor a raw facet form is shown as: its canonical actor, itself when the registry has
/// never seen it (an index changed after the registry was written), `None` when it is not an
/// actor.
pub fn canonical_actor(registry: &Registry, raw: &ActorRef) -> Option<ActorRef> {
    match registry.canonical(raw.kind, &raw.name) {
        Ok(id) => {
            let actor = registry.actor(id);
            Some(ActorRef::new(actor.name.clone(), actor.kind))
        }
        Err(Unlisted::NotAnActor) => None,
        Err(Unlisted::Unknown) => Some(raw.clone()),
    }
}

/// The raw forms of a canonical actor as shown (itself when the registry does not list it).
pub fn forms_of(registry: &Registry, actor: &ActorRef) -> Vec<ActorRef> {
    registry
        .lookup(&actor.name)
        .into_iter()
        .map(|id| resolved(registry, id))
        .find(|resolved| resolved.actor == *actor)
        .map_or_else(|| vec![actor.clone()], |resolved| resolved.forms)
}

/// The actors of a passage as a hit shows them, read from the facet column of `field` (the
/// store does not hold them): under their canonical names through `names` (forms that are not
/// actors left out), or as indexed without `names`; people first (in `ActorKind` order), then
/// by name, each once.
///
/// Each facet ordinal is named once for the searcher's life (the searcher's columns remember
/// it): through the ordinals file
/// when it lists the segment as it is (a lookup table read at the actor's offset, no facet
/// dictionary decoded), else its form decoded from the dictionary and looked up by form.
pub(crate) fn column_actors(
    searcher: &Searcher,
    tantivy_searcher: &tantivy::Searcher,
    address: DocAddress,
    field: OrdField,
    names: Option<&CanonicalNames<'_>>,
) -> Result<Vec<ActorRef>> {
    let columns = searcher.columns(tantivy_searcher)?;
    let facets = columns.facets(address.segment_ord, field);
    let mut ranked: Vec<ActorRef> = Vec::new();
    let mut term = Vec::new();
    let Some(names) = names else {
        for ord in facets.facet_ords(address.doc_id) {
            ranked.extend(facet_actor(facets, ord, &mut term)?);
        }
        return Ok(sorted(ranked));
    };
    // What the ordinals file says of the segment, looked up on the first ordinal not yet
    // named (most hits name none).
    let mut listed: Option<Option<(&ActorOrds, SegmentOrds<'_>)>> = None;
    let mut memo = columns.facet_names(address.segment_ord, field);
    for ord in facets.facet_ords(address.doc_id) {
        let actor = match memo.get(&ord) {
            Some(known) => known.clone(),
            None => {
                if listed.is_none() {
                    let segment = tantivy_searcher.segment_reader(address.segment_ord);
                    listed = Some(
                        searcher
                            .actor_ords()?
                            .and_then(|ords| Some((ords, ords.segment(segment, field)?)))
                            .filter(|(_, listed)| listed.len() == facets.num_facets()),
                    );
                }
                let by_table = listed.as_ref().and_then(Option::as_ref).and_then(
                    |(ords, listed)| match listed.get(ord as usize) {
                        OrdActor::Listed(number) => {
                            let (at, _) = ords.actor(number)?;
                            names.names.actor(&ActorKey::Table(at)).map(Some)
                        }
                        OrdActor::NotActor => Some(None),
                        OrdActor::Unseen => None,
                    },
                );
                let actor = match by_table {
                    Some(actor) => actor,
                    None => {
                        facet_actor(facets, ord, &mut term)?.and_then(|raw| names.canonical(&raw))
                    }
                };
                memo.insert(ord, actor.clone());
                actor
            }
        };
        ranked.extend(actor);
    }
    Ok(sorted(ranked))
}

/// The actor that facet ordinal `ord` encodes, as indexed (`None`: the ordinal holds no
/// actor's facet); `term` is scratch space.
fn facet_actor(
    facets: &tantivy::fastfield::FacetReader,
    ord: u64,
    term: &mut Vec<u8>,
) -> Result<Option<ActorRef>> {
    let found = facets
        .facet_dict()
        .ord_to_term(ord, term)
        .map_err(tantivy::TantivyError::from)?;
    Ok(found.then(|| ActorRef::from_encoded_facet(term)).flatten())
}

/// By kind (people first, in `ActorKind` order), then name, each once.
fn sorted(mut ranked: Vec<ActorRef>) -> Vec<ActorRef> {
    ranked.sort_unstable_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    ranked.dedup();
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RawActors;
    use tantivy::schema::Facet;

    fn registry(forms: &[(&str, ActorKind, u64)]) -> Registry {
        Registry::settle(&RawActors::of_forms(forms))
    }

    fn error_of(result: Result<ResolvedActor>) -> SearchError {
        match result {
            Err(crate::error::Error::Search(err)) => err,
            other => panic!("not a search error: {other:?}"),
        }
    }

    #[test]
    fn a_name_shared_with_a_rare_actor_means_the_common_one() {
        let known = registry(&[
            ("Tamsin Vale", ActorKind::Place, 40),
            ("Tamsin Vale", ActorKind::Person, 2),
        ]);
        let found = resolve_actor("tamsin vale", &known).unwrap();
        assert_eq!(found.actor, ActorRef::new("Tamsin Vale", ActorKind::Place));
    }

    #[test]
    fn a_surname_shared_with_comparable_counts_is_ambiguous_most_mentioned_first() {
        let known = registry(&[
            ("Corin Vale", ActorKind::Person, 9),
            ("Tamsin Vale", ActorKind::Person, 12),
        ]);
        let SearchError::AmbiguousActor { candidates, .. } =
            error_of(resolve_actor("Vale", &known))
        else {
            panic!("not ambiguous");
        };
        assert_eq!(candidates.len(), 2);
        assert!(candidates[0].contains("Tamsin Vale"), "{candidates:?}");
    }

    #[test]
    fn a_surname_means_the_person_named_with_it_unless_several_are_comparable() {
        let known = registry(&[
            ("Odile Marchetti", ActorKind::Person, 5),
            ("Bruno Marchetti", ActorKind::Person, 4),
            ("Kofi Ansah-Ruiz", ActorKind::Person, 40),
            ("Ansah-Ruiz", ActorKind::Org, 3),
            ("Ama Ansah-Ruiz", ActorKind::Person, 1),
        ]);
        let found = resolve_actor("ansah-ruiz", &known).unwrap();
        assert_eq!(found.actor.name, "Kofi Ansah-Ruiz");
        assert!(matches!(
            error_of(resolve_actor("Marchetti", &known)),
            SearchError::AmbiguousActor { .. }
        ));
    }

    #[test]
    fn raw_forms_show_as_their_actor_unless_not_an_actor_or_unseen() {
        let known = registry(&[
            ("Petra Lindqvist", ActorKind::Person, 6),
            ("Lindqvist", ActorKind::Person, 2),
            ("Morning Tide", ActorKind::Org, 3),
        ])
        .corrected(&[
            crate::registry::corrections::Correction::Merge {
                into: "Petra Lindqvist".into(),
                alias: "Lindqvist".into(),
            },
            crate::registry::corrections::Correction::NotActor {
                name: "Morning Tide".into(),
            },
        ]);
        let shown = |name: &str, kind| canonical_actor(&known, &ActorRef::new(name, kind));
        assert_eq!(
            shown("Lindqvist", ActorKind::Person),
            Some(ActorRef::new("Petra Lindqvist", ActorKind::Person))
        );
        assert_eq!(shown("Morning Tide", ActorKind::Org), None);
        assert_eq!(
            shown("Harbour Board", ActorKind::Org),
            Some(ActorRef::new("Harbour Board", ActorKind::Org))
        );
        let forms = forms_of(&known, &ActorRef::new("Petra Lindqvist", ActorKind::Person));
        assert_eq!(forms.len(), 2, "{forms:?}");
    }

    #[test]
    fn accents_need_not_be_typed() {
        let known = registry(&[("Søren Ågård", ActorKind::Person, 3)]);
        assert_eq!(
            resolve_actor("soren agard", &known).unwrap().actor.name,
            "Søren Ågård"
        );
        assert_eq!(
            resolve_actor("Agard", &known).unwrap().actor.name,
            "Søren Ågård"
        );
    }

    #[test]
    fn suggestions_are_close_names_most_mentioned_first() {
        let known = registry(&[
            ("Lisbet Harrow", ActorKind::Person, 2),
            ("Harlow Institute", ActorKind::Org, 50),
            ("Quentin Ferris", ActorKind::Person, 90),
        ]);
        let SearchError::UnknownActor { suggestions, .. } =
            error_of(resolve_actor("Harlowe", &known))
        else {
            panic!("not unknown");
        };
        assert_eq!(suggestions, ["Harlow Institute", "Lisbet Harrow"]);
    }

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
