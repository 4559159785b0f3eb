//! The actor registry: one canonical actor per real actor across the whole index.
//!
//! Extraction names actors article by article; the same actor comes out under several raw
//! forms ("SEC", "Securities and Exchange Commission"), sometimes under the wrong kind, and
//! some raw forms are not actors at all. The registry settles, for the whole index, which raw
//! `(kind, name)` facet belongs to which canonical actor (or to none). It is computed from the
//! index alone (facet counts and alias evidence, never the corpus), written beside the index
//! after every `index` run ([`Registry::write`]), and read by every command that shows or
//! filters actors ([`Registry::open`]), with the user's corrections ([`corrections`]) on top.

pub mod corrections;
pub mod determiners;
pub mod people;
pub mod phrases;
mod settle;
pub mod table;

pub use settle::{key, key_words, COMMON_WORD_SHARE};

use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::actors::ActorKind;
use crate::error::{Error, Result};
use crate::schema::{self, field_name};

/// The registry's file in the index directory.
pub const REGISTRY_FILE: &str = "actors-registry.json";

/// Position of an actor in [`Registry::actors`].
pub type ActorId = u32;

/// A raw form: a name as extraction wrote it in the index's actor facet, with its kind, and
/// the number of live articles that hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// The name as stored in the facet.
    pub name: String,
    /// The kind extraction gave it.
    pub kind: ActorKind,
    /// Live articles whose actor facet holds this form.
    pub articles: u64,
}

/// Evidence that articles wrote `form` for the actor `name` of `kind` (an acronym they
/// defined, a short form, a surname), from the index's alias facets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasEvidence {
    /// The kind of the actor.
    pub kind: ActorKind,
    /// The actor's name as the article settled it.
    pub name: String,
    /// The other form the article wrote.
    pub form: String,
    /// Live articles with this evidence.
    pub articles: u64,
}

/// One canonical actor and the raw forms merged into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredActor {
    /// The canonical name.
    pub name: String,
    /// The canonical kind.
    pub kind: ActorKind,
    /// Articles that hold any of its forms (at most the sum of the forms' counts).
    pub articles: u64,
    /// The raw forms merged into it, its own name among them, most articles first.
    pub forms: Vec<Form>,
}

/// What the index holds, as the registry is built from: every raw form and alias evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawActors {
    /// Every raw form of the actor facet with its article count.
    pub forms: Vec<Form>,
    /// Every alias facet with its article count.
    pub aliases: Vec<AliasEvidence>,
    /// The analysed term (lower case, folded, stemmed, as the index stores it) of every word
    /// of every form's key ([`key_words`]); stop words have none.
    pub word_terms: BTreeMap<String, String>,
    /// For the term of each one-word form: the live articles that contain it in any case (its
    /// document frequency in the whole-article field). Against the articles that name the
    /// word, the evidence that tells a name from a capitalised common word.
    pub term_articles: BTreeMap<String, u64>,
    /// For the key of each name made only of common words ([`phrases::phrase_candidates`]):
    /// how the corpus writes the phrase.
    pub phrases: BTreeMap<String, phrases::PhraseEvidence>,
    /// For the key word of each one-word person form measured ([`people::read_person_evidence`]):
    /// whether a sampled passage writes it as a person's.
    pub person_evidence: BTreeMap<String, bool>,
    /// For the key word of each one-word place form measured ([`people::read_place_evidence`]):
    /// whether a sampled passage writes it as a place's.
    pub place_evidence: BTreeMap<String, bool>,
    /// For the key of each person and organisation measured
    /// ([`determiners::read_determiner_evidence`]): how often the passages open it with a
    /// determiner.
    pub determiners: BTreeMap<String, determiners::DeterminerEvidence>,
}

/// A form that ends the names of several actors, none dominant ("Lovelace" of two
/// Lovelaces): not an actor on its own, but typed, it offers its candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmbiguousForm {
    /// The form.
    pub form: Form,
    /// The kinds and canonical names of the actors it may mean.
    pub candidates: Vec<(ActorKind, String)>,
}

/// The canonical actors of an index and the way from each raw form to them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    actors: Vec<RegisteredActor>,
    /// Raw form -> its actor; `None` for a form that is not an actor.
    by_form: [FxHashMap<String, Option<ActorId>>; 4],
    /// Lowercase canonical name or form -> actors, most articles first.
    by_lower: FxHashMap<String, Vec<ActorId>>,
    /// Raw forms that are not actors.
    rejected: Vec<Form>,
    /// Raw forms that may mean one of several actors.
    ambiguous: Vec<AmbiguousForm>,
}

/// The file's layout: actors, the raw forms that are not actors, the ambiguous ones.
#[derive(Debug, Default, Serialize, Deserialize)]
struct RegistryFile {
    actors: Vec<RegisteredActor>,
    rejected: Vec<Form>,
    #[serde(default)]
    ambiguous: Vec<AmbiguousForm>,
}

impl RawActors {
    /// Raw actors of made-up forms `(name, kind, articles)`, for tests.
    #[cfg(test)]
    pub(crate) fn of_forms(forms: &[(&str, ActorKind, u64)]) -> RawActors {
        RawActors {
            forms: forms
                .iter()
                .map(|&(name, kind, articles)| Form {
                    name: name.to_string(),
                    kind,
                    articles,
                })
                .collect(),
            ..RawActors::default()
        }
    }

    /// Counts every raw actor form and alias facet over the live articles of `index` (the
    /// documents of passage 0: every article has exactly one), with the evidence sampled
    /// from its passages; `index_dir` holds the index's state, which names each article.
    pub fn read(index: &Index, index_dir: &Path) -> Result<RawActors> {
        RawActors::read_with(index, &phrases::ArticleIdentities::load(index, index_dir)?)
    }

    /// [`RawActors::read`] with each article's identity for sampling already at hand.
    pub fn read_with(index: &Index, identities: &phrases::ArticleIdentities) -> Result<RawActors> {
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        // An index written before alias facets existed has none to read.
        let has_aliases = index.schema().get_field(field_name::ACTOR_ALIAS).is_ok();
        let mut forms: FxHashMap<(ActorKind, String), u64> = FxHashMap::default();
        let mut aliases: FxHashMap<(ActorKind, String, String), u64> = FxHashMap::default();
        for segment in searcher.segment_readers() {
            let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
            let actor = segment.facet_reader(field_name::ACTOR)?;
            let alias = if has_aliases {
                Some(segment.facet_reader(field_name::ACTOR_ALIAS)?)
            } else {
                None
            };
            let mut actor_counts = vec![0u64; actor.num_facets()];
            let mut alias_counts = vec![0u64; alias.as_ref().map_or(0, |a| a.num_facets())];
            for doc in segment.doc_ids_alive() {
                if passage.first(doc) != Some(0) {
                    continue;
                }
                for ord in actor.facet_ords(doc) {
                    actor_counts[ord as usize] += 1;
                }
                if let Some(alias) = &alias {
                    for ord in alias.facet_ords(doc) {
                        alias_counts[ord as usize] += 1;
                    }
                }
            }
            let mut stream = actor
                .facet_dict()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let count = actor_counts[stream.term_ord() as usize];
                if count == 0 {
                    continue;
                }
                if let Some((kind, name)) = schema::decode_actor_facet(stream.key()) {
                    *forms.entry((kind, name.to_string())).or_insert(0) += count;
                }
            }
            let Some(alias) = alias else {
                continue;
            };
            let mut stream = alias
                .facet_dict()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let count = alias_counts[stream.term_ord() as usize];
                if count == 0 {
                    continue;
                }
                if let Some((kind, name, form)) = schema::decode_alias_facet(stream.key()) {
                    *aliases
                        .entry((kind, name.to_string(), form.to_string()))
                        .or_insert(0) += count;
                }
            }
        }
        let mut forms: Vec<Form> = forms
            .into_iter()
            .map(|((kind, name), articles)| Form {
                name,
                kind,
                articles,
            })
            .collect();
        forms.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
                .then(a.kind.cmp(&b.kind))
        });
        let mut aliases: Vec<AliasEvidence> = aliases
            .into_iter()
            .map(|((kind, name, form), articles)| AliasEvidence {
                kind,
                name,
                form,
                articles,
            })
            .collect();
        aliases.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| (&a.name, &a.form, a.kind).cmp(&(&b.name, &b.form, b.kind)))
        });
        let (word_terms, term_articles) = word_evidence(&searcher, &forms)?;
        let sampler = phrases::PassageSampler::new(&searcher, identities)?;
        let phrases = phrases::read_phrase_evidence(&sampler, &forms)?;
        let person_evidence = people::read_person_evidence(&sampler, &forms)?;
        let place_evidence = people::read_place_evidence(&sampler, &forms)?;
        let determiners = determiners::read_determiner_evidence(&sampler, &forms)?;
        Ok(RawActors {
            forms,
            aliases,
            word_terms,
            term_articles,
            phrases,
            person_evidence,
            place_evidence,
            determiners,
        })
    }
}

/// The analysed term of every key word of the forms, and the articles that contain the term
/// of each one-word form: its document frequency in the `article` field, which only an
/// article's first passage has.
fn word_evidence(
    searcher: &tantivy::Searcher,
    forms: &[Form],
) -> Result<(BTreeMap<String, String>, BTreeMap<String, u64>)> {
    let article = searcher.schema().get_field(field_name::ARTICLE)?;
    let mut analyzer = schema::analyzer();
    // Looked up once per word of every form: hashed while filling, ordered once at the end.
    let mut word_terms: FxHashMap<String, String> = FxHashMap::default();
    let mut term_articles: FxHashMap<String, u64> = FxHashMap::default();
    for form in forms {
        let words = key_words(&form.name);
        for word in &words {
            if word_terms.contains_key(word) {
                continue;
            }
            let mut terms = Vec::new();
            let mut stream = analyzer.token_stream(word);
            while let Some(token) = stream.next() {
                terms.push(token.text.clone());
            }
            if let [term] = &terms[..] {
                word_terms.insert(word.clone(), term.clone());
            }
        }
        if let [word] = &words[..] {
            if let Some(term) = word_terms.get(word) {
                if !term_articles.contains_key(term) {
                    let term_in_articles = tantivy::Term::from_field_text(article, term);
                    let count = live_articles(searcher, &term_in_articles)?;
                    term_articles.insert(term.clone(), count);
                }
            }
        }
    }
    Ok((
        word_terms.into_iter().collect(),
        term_articles.into_iter().collect(),
    ))
}

/// The live articles whose `article` field holds `term`: the document frequency where a
/// segment has no deletions, counted through the postings where it has (an incremental run
/// leaves deleted documents in the term statistics until segments merge, and the registry
/// must not depend on that).
fn live_articles(searcher: &tantivy::Searcher, term: &tantivy::Term) -> Result<u64> {
    use tantivy::{DocSet, TERMINATED};
    let mut count = 0u64;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(term.field())?;
        let Some(alive) = segment.alive_bitset() else {
            count += u64::from(
                inverted
                    .doc_freq(term)
                    .map_err(tantivy::TantivyError::from)?,
            );
            continue;
        };
        let Some(mut postings) = inverted
            .read_postings(term, tantivy::schema::IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_alive(doc) {
                count += 1;
            }
            doc = postings.advance();
        }
    }
    Ok(count)
}

impl Registry {
    /// Settles the canonical actors of what an index holds, with the built-in gazetteer.
    pub fn settle(raw: &RawActors) -> Registry {
        Registry::settle_with(raw, crate::actors::Gazetteer::builtin())
    }

    /// Settles the canonical actors of what an index holds; `gazetteer` (the one extraction
    /// used, a user's actors file on top) says which names are known actors.
    pub fn settle_with(raw: &RawActors, gazetteer: &crate::actors::Gazetteer) -> Registry {
        let settled = settle::settle(raw, gazetteer);
        let ambiguous = settled
            .ambiguous
            .into_iter()
            .map(|(form, candidates)| AmbiguousForm { form, candidates })
            .collect();
        Registry::from_parts(settled.actors, settled.rejected, ambiguous)
    }

    /// Builds the registry of `index` from the index alone and the identities its state
    /// gives each article, with `gazetteer`.
    pub fn build(
        index: &Index,
        identities: &phrases::ArticleIdentities,
        gazetteer: &crate::actors::Gazetteer,
    ) -> Result<Registry> {
        Ok(Registry::settle_with(
            &RawActors::read_with(index, identities)?,
            gazetteer,
        ))
    }

    fn from_parts(
        mut actors: Vec<RegisteredActor>,
        rejected: Vec<Form>,
        ambiguous: Vec<AmbiguousForm>,
    ) -> Registry {
        actors.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
                .then(a.kind.cmp(&b.kind))
        });
        let mut by_form: [FxHashMap<String, Option<ActorId>>; 4] = Default::default();
        let mut by_lower: FxHashMap<String, Vec<ActorId>> = FxHashMap::default();
        for (id, actor) in actors.iter().enumerate() {
            let id = id as ActorId;
            let mut names: Vec<String> = vec![actor.name.to_lowercase()];
            for form in &actor.forms {
                by_form[form.kind as usize].insert(form.name.clone(), Some(id));
                names.push(form.name.to_lowercase());
            }
            names.sort();
            names.dedup();
            for name in names {
                by_lower.entry(name).or_default().push(id);
            }
        }
        for form in &rejected {
            by_form[form.kind as usize].insert(form.name.clone(), None);
        }
        let by_name: FxHashMap<(ActorKind, &str), ActorId> = actors
            .iter()
            .enumerate()
            .map(|(id, actor)| ((actor.kind, actor.name.as_str()), id as ActorId))
            .collect();
        let mut offered: FxHashMap<String, Vec<ActorId>> = FxHashMap::default();
        for entry in &ambiguous {
            by_form[entry.form.kind as usize].insert(entry.form.name.clone(), None);
            let ids = offered.entry(entry.form.name.to_lowercase()).or_default();
            for (kind, name) in &entry.candidates {
                if let Some(&id) = by_name.get(&(*kind, name.as_str())) {
                    ids.push(id);
                }
            }
        }
        for (name, mut ids) in offered {
            let listed = by_lower.entry(name).or_default();
            ids.retain(|id| !listed.contains(id));
            listed.extend(ids);
            listed.sort();
            listed.dedup();
        }
        Registry {
            actors,
            by_form,
            by_lower,
            rejected,
            ambiguous,
        }
    }

    /// The registry file of `index_dir`.
    pub fn path(index_dir: &Path) -> PathBuf {
        index_dir.join(REGISTRY_FILE)
    }

    /// Writes the registry beside the index, compressed (`store::compress`: a tenth of the
    /// JSON), to a temporary file first, then renamed, so a reader never sees half a file;
    /// then its lookup table, returned as written (`None` when it was removed instead, see
    /// [`table::write_settled`]).
    pub fn write(&self, index_dir: &Path) -> Result<Option<table::WrittenTable<'_>>> {
        // The file's layout, borrowed: serialised as `RegistryFile` is, without a copy.
        #[derive(Serialize)]
        struct Borrowed<'r> {
            actors: &'r [RegisteredActor],
            rejected: &'r [Form],
            ambiguous: &'r [AmbiguousForm],
        }
        let file = Borrowed {
            actors: &self.actors,
            rejected: &self.rejected,
            ambiguous: &self.ambiguous,
        };
        let path = Registry::path(index_dir);
        let json = serde_json::to_vec(&file).map_err(|err| Error::CorruptRegistry {
            path: path.clone(),
            reason: err.to_string(),
        })?;
        crate::store::write_compressed_atomically(&path, &json)?;
        // The lookup table every search reads, with the user's corrections as they are now.
        table::write_settled(index_dir, self)
    }

    /// Reads the registry written beside the index in `index_dir`, with the user's
    /// corrections applied. The registry is settled at index time only: when its file is
    /// missing (a run killed between its last commit and the registry's write), every raw form
    /// of `index` is its own actor until the next `index` run, so that searches still work.
    pub fn open(index_dir: &Path, index: &Index) -> Result<Registry> {
        match Registry::open_file(index_dir)? {
            Some(registry) => Ok(registry),
            // Settling builds the gazetteer: the read side never does.
            None => {
                Registry::unsettled(&RawActors::read(index, index_dir)?).with_corrections(index_dir)
            }
        }
    }

    /// Reads the registry file of `index_dir` and applies the user's corrections; `None` when
    /// there is no registry file.
    fn open_file(index_dir: &Path) -> Result<Option<Registry>> {
        let path = Registry::path(index_dir);
        // A plain JSON file, as older versions wrote, reads as well as a compressed one.
        let registry = match crate::store::read_side_file(&path) {
            Ok(bytes) => {
                let file: RegistryFile =
                    serde_json::from_slice(&bytes).map_err(|err| Error::CorruptRegistry {
                        path: path.clone(),
                        reason: err.to_string(),
                    })?;
                Registry::from_parts(file.actors, file.rejected, file.ambiguous)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) if err.kind() == std::io::ErrorKind::InvalidData => {
                return Err(Error::CorruptRegistry {
                    path,
                    reason: err.to_string(),
                })
            }
            Err(err) => return Err(Error::io(&path, err)),
        };
        registry.with_corrections(index_dir).map(Some)
    }

    /// This registry with the corrections file of `index_dir` applied.
    pub(crate) fn with_corrections(self, index_dir: &Path) -> Result<Registry> {
        let corrections = corrections::read(index_dir)?;
        Ok(if corrections.is_empty() {
            self
        } else {
            self.corrected(&corrections)
        })
    }

    /// Every raw form its own actor: what an index without its registry file shows.
    pub fn unsettled(raw: &RawActors) -> Registry {
        let actors = raw
            .forms
            .iter()
            .map(|form| RegisteredActor {
                name: form.name.clone(),
                kind: form.kind,
                articles: form.articles,
                forms: vec![form.clone()],
            })
            .collect();
        Registry::from_parts(actors, Vec::new(), Vec::new())
    }

    /// Every canonical actor, most articles first.
    pub fn actors(&self) -> &[RegisteredActor] {
        &self.actors
    }

    /// The actor `id`.
    pub fn actor(&self, id: ActorId) -> &RegisteredActor {
        &self.actors[id as usize]
    }

    /// The canonical actor of a raw form; `None` when the form is not an actor. A form the
    /// registry has never seen (an index changed after the registry was written) is its own
    /// actor: `Err(())`, for the caller to show as it is.
    pub fn canonical(&self, kind: ActorKind, name: &str) -> std::result::Result<ActorId, Unlisted> {
        match self.by_form[kind as usize].get(name) {
            Some(Some(id)) => Ok(*id),
            Some(None) => Err(Unlisted::NotAnActor),
            None => Err(Unlisted::Unknown),
        }
    }

    /// The actors a typed name means: canonical names and forms, case-insensitively, most
    /// articles first. Empty when nothing matches.
    pub fn lookup(&self, typed: &str) -> Vec<ActorId> {
        self.by_lower
            .get(&typed.trim().to_lowercase())
            .cloned()
            .unwrap_or_default()
    }

    /// The registry with the user's corrections applied, in file order.
    pub fn corrected(self, corrections: &[corrections::Correction]) -> Registry {
        corrections::apply(self, corrections)
    }
}

/// Why a raw form has no canonical actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlisted {
    /// The registry (or a correction) settled that the form is not an actor.
    NotAnActor,
    /// The registry has never seen the form.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, kind: ActorKind, articles: u64) -> Form {
        Form {
            name: name.to_string(),
            kind,
            articles,
        }
    }

    #[test]
    fn lookup_is_case_insensitive_and_most_mentioned_first() {
        let raw = RawActors {
            forms: vec![
                form("Ada Lovelace", ActorKind::Person, 9),
                form("ADA LOVELACE", ActorKind::Org, 2),
                form("Ada Lovelace Trust", ActorKind::Org, 30),
            ],
            ..RawActors::default()
        };
        let registry = Registry::settle(&raw);
        let found = registry.lookup("ada lovelace");
        assert_eq!(found.len(), 1);
        assert_eq!(registry.actor(found[0]).kind, ActorKind::Person);
        assert_eq!(registry.actor(found[0]).articles, 11);
        assert!(registry.lookup("Babbage").is_empty());
    }

    #[test]
    fn an_index_without_its_registry_shows_every_raw_form_as_it_is() {
        let raw = RawActors {
            forms: vec![
                form("Ada Lovelace", ActorKind::Person, 9),
                form("Lovelace", ActorKind::Person, 3),
            ],
            ..RawActors::default()
        };
        let registry = Registry::unsettled(&raw);
        assert_eq!(registry.actors().len(), 2);
        let id = registry.canonical(ActorKind::Person, "Lovelace").unwrap();
        assert_eq!(registry.actor(id).name, "Lovelace");

        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_in_ram(schema::build_schema());
        assert!(Registry::open(dir.path(), &index)
            .unwrap()
            .actors()
            .is_empty());
    }
}
