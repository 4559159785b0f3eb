//! Evidence that a person's name is a title or an honorific: how often the passages open it
//! with a determiner. A person's name is written bare ("Tarrant said"); a title takes a
//! determiner ("our Chief Warden", "His Gracious Majesty"), and a one-word name written after
//! "the" ("the Warden") is a title too. Measured on a sample of passages for the most-named
//! people, at index time. The same passages say whether an organisation's name is written in
//! the plural ("the Harbour Boards"): a name is not, a member's title or a class of things is.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::phrases::{live_matches, most_used_forms, name_terms, occurrences, PassageSampler};
use super::{key_words, Form};
use crate::actors::ActorKind;
use crate::error::Result;
use crate::schema::{self, field_name};

/// The most-named people measured: enough to cover the top of the list.
pub const MEASURED_NAMES: usize = 200;

/// Passages read per name.
const SAMPLED_PASSAGES: usize = 30;

/// How the sampled passages open one name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeterminerEvidence {
    /// Occurrences written as a name (capitalised, as the key has it).
    pub named: u32,
    /// Of those, opened by a determiner other than "the" ("our", "a", "his", ...).
    pub determined: u32,
    /// Of those, opened by "the" and modifying no noun after it ("the Warden", not "the
    /// Tarrant administration").
    pub after_the: u32,
    /// Occurrences written capitalised in the plural ("Harbour Boards"), not counted in
    /// `named`.
    #[serde(default)]
    pub plural: u32,
}

/// Measures the keys of the [`MEASURED_NAMES`] most-named person forms and as many
/// organisation forms (by articles over the forms of each key).
pub fn read_determiner_evidence(
    sampler: &PassageSampler,
    forms: &[Form],
) -> Result<BTreeMap<String, DeterminerEvidence>> {
    let searcher = sampler.searcher();
    let body = searcher.schema().get_field(field_name::BODY)?;
    let mut analyzer = schema::analyzer();
    let mut chosen: BTreeSet<String> = BTreeSet::new();
    let measured_kinds = |f: &&Form| matches!(f.kind, ActorKind::Person | ActorKind::Org);
    let written_as = most_used_forms(forms.iter().filter(measured_kinds));
    for kind in [ActorKind::Person, ActorKind::Org] {
        let mut articles: BTreeMap<String, u64> = BTreeMap::new();
        for form in forms.iter().filter(|f| f.kind == kind) {
            let key = key_words(&form.name).join(" ");
            if key.is_empty() {
                continue;
            }
            *articles.entry(key).or_insert(0) += form.articles;
        }
        let mut used: Vec<(String, u64)> = articles.into_iter().collect();
        used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        chosen.extend(used.into_iter().take(MEASURED_NAMES).map(|(key, _)| key));
    }
    let mut evidence = BTreeMap::new();
    for key in chosen {
        let terms = name_terms(&mut analyzer, body, &key, &written_as);
        let query: Box<dyn Query> = match &terms[..] {
            [] => continue,
            [(_, term)] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new_with_offset(terms)),
        };
        let found = live_matches(searcher, query.as_ref())?;
        let words: Vec<&str> = key.split(' ').collect();
        let mut measured = DeterminerEvidence::default();
        for passage in sampler.texts(&found, &key, SAMPLED_PASSAGES) {
            let passage = passage?;
            for occurrence in occurrences(&passage, &words) {
                measured.plural += u32::from(occurrence.plural);
                if !occurrence.as_named {
                    continue;
                }
                measured.named += 1;
                measured.determined += u32::from(occurrence.determined);
                measured.after_the += u32::from(occurrence.after_the && !occurrence.modifies);
            }
        }
        evidence.insert(key.clone(), measured);
    }
    Ok(evidence)
}
