//! Evidence that a person's name is a title or an honorific: how often the passages open it
//! with a determiner. A person's name is written bare ("Tarrant said"); a title takes a
//! determiner ("our Chief Warden", "His Gracious Majesty"), and a one-word name written after
//! "the" ("the Warden") is a title too. Measured on a sample of passages for the most-named
//! people, at index time. The same passages say whether an organisation's name is written in
//! the plural ("the Harbour Boards"): a name is not, a member's title or a class of things is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::query::{BooleanQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::phrases::{
    analyzed_terms, live_matches, most_used_forms, name_terms, occurrences, PassageSampler,
};
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
    /// Of the occurrences written as a name, those followed in running text by the numeral
    /// written most often after it ("Harbour Line 2"): the name with its number is another
    /// thing (a line, a channel, a sequel, a version).
    #[serde(default)]
    pub numbered: u32,
    /// That numeral, as written ("2", "IV"); empty when none follows.
    #[serde(default)]
    pub numeral: String,
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
    // Each kind's keys, most-named first; a key of both kinds is measured as a person's.
    let mut chosen: BTreeMap<String, ActorKind> = BTreeMap::new();
    for kind in [ActorKind::Org, ActorKind::Person] {
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
        chosen.extend(
            used.into_iter()
                .take(MEASURED_NAMES)
                .map(|(key, _)| (key, kind)),
        );
    }
    let people = most_used_forms(forms.iter().filter(|f| f.kind == ActorKind::Person));
    let organisations = most_used_forms(forms.iter().filter(|f| f.kind == ActorKind::Org));
    let mut evidence = BTreeMap::new();
    for (key, kind) in chosen {
        let written_as = if kind == ActorKind::Person {
            &people
        } else {
            &organisations
        };
        let terms = name_terms(&mut analyzer, body, &key, written_as);
        let Some(mut query) = name_query(terms) else {
            continue;
        };
        // An organisation's sample holds its plural too: the stemmer leaves some plurals
        // apart ("MPs" is no "MP" to it), and a sample of the singular alone would hide them.
        if kind == ActorKind::Org {
            let written = written_as.get(&key).map_or(key.as_str(), |&(_, name)| name);
            let plural = analyzed_terms(&mut analyzer, body, &format!("{written}s"));
            if let Some(plural) = name_query(plural) {
                query = Box::new(BooleanQuery::union(vec![query, plural]));
            }
        }
        let found = live_matches(searcher, query.as_ref())?;
        let words: Vec<&str> = key.split(' ').collect();
        let mut measured = DeterminerEvidence::default();
        let mut numerals: BTreeMap<String, u32> = BTreeMap::new();
        for passage in sampler.texts(&found, &key, SAMPLED_PASSAGES) {
            let passage = passage?;
            for occurrence in occurrences(&passage, &words) {
                measured.plural += u32::from(occurrence.plural);
                if !occurrence.as_named {
                    continue;
                }
                if let Some(numeral) = occurrence.numbered {
                    *numerals.entry(numeral).or_insert(0) += 1;
                }
                measured.named += 1;
                measured.determined += u32::from(occurrence.determined);
                measured.after_the += u32::from(occurrence.after_the && !occurrence.modifies);
            }
        }
        if let Some((numeral, count)) = numerals
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        {
            measured.numbered = count;
            measured.numeral = numeral;
        }
        evidence.insert(key.clone(), measured);
    }
    Ok(evidence)
}

/// The query of a name's terms: one term, or the phrase of several.
fn name_query(terms: Vec<(usize, Term)>) -> Option<Box<dyn Query>> {
    Some(match &terms[..] {
        [] => return None,
        [(_, term)] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new_with_offset(terms)),
    })
}
