//! Evidence that a one-word person is a person: how the passages that contain the word write
//! it. Extraction keeps a lone capitalised word the tagger typed as a person (a surname in a
//! results table, "Varnel said"), but on modern web pages most such words are products,
//! brands, sites, works or groups ("Orvexly", "Quillpad") that no article writes as a
//! person's. The registry lists a one-word person only when some sampled passage does: a
//! title before it, a verb of speech beside it, "who" after it, or a table row around it
//! (`actors::attests_a_person`). Likewise for a one-word place the gazetteer does not know
//! ("Quillpad" typed as a place because a page writes "on Quillpad"): some sampled passage
//! must write it as a place's ([`attests_a_place`]).

use std::collections::BTreeMap;

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::phrases::{live_matches, PassageSampler};
use super::{key_words, Form};
use crate::actors::head::attests_a_place;
use crate::actors::ActorKind;
use crate::error::Result;
use crate::schema::{self, field_name};

/// Only the most-named one-word people, and apart the most-named one-word places, are
/// measured (each costs a term query and a few stored passages): enough to cover every
/// list's top entries on a large corpus.
pub const MEASURED_PEOPLE: usize = 400;

/// Passages read per word of a person.
const SAMPLED_PASSAGES: usize = 12;

/// Passages read per word of a place: places are written in more ways than people are
/// ("the Velmoric", "the coast of Ostrelle"), so more are read before one is judged no place.
const SAMPLED_PLACE_PASSAGES: usize = 24;

/// For the key word of each measured one-word person form: true when a sampled passage writes
/// it as a person's, false when the sampled passages write it and none does so. A word the
/// passages do not show as written (only in titles) has no entry, and is kept.
pub fn read_person_evidence(
    sampler: &PassageSampler,
    forms: &[Form],
) -> Result<BTreeMap<String, bool>> {
    read_lone_word_evidence(
        sampler,
        forms,
        ActorKind::Person,
        SAMPLED_PASSAGES,
        crate::actors::attests_a_person,
    )
}

/// For the key word of each measured one-word place form: true when a sampled passage writes
/// it as a place's ([`attests_a_place`]), false when the sampled passages write it and none
/// does so; as [`read_person_evidence`] does for people.
pub fn read_place_evidence(
    sampler: &PassageSampler,
    forms: &[Form],
) -> Result<BTreeMap<String, bool>> {
    read_lone_word_evidence(
        sampler,
        forms,
        ActorKind::Place,
        SAMPLED_PLACE_PASSAGES,
        attests_a_place,
    )
}

/// Reads, for the most-named one-word forms of `kind`, whether a sampled passage writes the
/// word as `attests` says an actor of that kind is written.
fn read_lone_word_evidence(
    sampler: &PassageSampler,
    forms: &[Form],
    kind: ActorKind,
    sampled: usize,
    attests: fn(&str, usize, usize) -> bool,
) -> Result<BTreeMap<String, bool>> {
    let searcher = sampler.searcher();
    let body = searcher.schema().get_field(field_name::BODY)?;
    let mut analyzer = schema::analyzer();
    let mut evidence = BTreeMap::new();
    let mut measured = 0;
    // forms come most articles first
    for form in forms.iter().filter(|f| f.kind == kind) {
        if measured == MEASURED_PEOPLE {
            break;
        }
        let words = key_words(&form.name);
        let [word] = &words[..] else { continue };
        if form.name.contains(char::is_whitespace) || evidence.get(word) == Some(&true) {
            continue;
        }
        let mut terms = Vec::new();
        let mut stream = analyzer.token_stream(&form.name);
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        let [term] = &terms[..] else { continue };
        measured += 1;
        let query = TermQuery::new(Term::from_field_text(body, term), IndexRecordOption::Basic);
        let found = live_matches(searcher, &query)?;
        let mut written = false;
        let mut attested = false;
        for passage in sampler.texts(&found, &form.name, sampled) {
            let passage = passage?;
            for (s, e) in written_as(&passage, &form.name) {
                written = true;
                attested |= attests(&passage, s, e);
            }
            if attested {
                break;
            }
        }
        if written {
            let slot = evidence.entry(word.clone()).or_insert(false);
            *slot |= attested;
        }
    }
    Ok(evidence)
}

/// The byte ranges where `text` writes `name` as a whole word, in its case.
fn written_as(text: &str, name: &str) -> Vec<(usize, usize)> {
    text.match_indices(name)
        .map(|(at, _)| (at, at + name.len()))
        .filter(|&(s, e)| {
            !text[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_only_as_a_whole_word_in_its_case() {
        let text = "Quillpad users like Quillpads; quillpad fans and Quillpad.";
        assert_eq!(written_as(text, "Quillpad"), vec![(0, 8), (49, 57)]);
    }

    #[test]
    fn a_place_is_written_after_a_locative_in_a_dateline_or_before_based() {
        let at = |text: &str, name: &str| {
            let s = text.find(name).unwrap();
            attests_a_place(text, s, s + name.len())
        };
        assert!(at("The ferry docked in Tarnwick at noon.", "Tarnwick"));
        assert!(at("Farms near Oldmere flooded.", "Oldmere"));
        assert!(at("VELLORA, May 2 - Prices rose.", "VELLORA"));
        assert!(at("Oldmere (Reuters) - Prices rose.", "Oldmere"));
        assert!(at("a Tarnwick-based maker", "Tarnwick"));
        assert!(at("OLDMERE 1998-04-02\nPrices rose.", "OLDMERE"));
        assert!(at("They sailed across the Velmoric to port.", "Velmoric"));
        assert!(at("the northern coast of Ostrelle", "Ostrelle"));
        // a site, a shop, a firm's staff: no place
        assert!(!at("He posted it on Quillpad last week.", "Quillpad"));
        assert!(!at("Engineers at Quillpad said so.", "Quillpad"));
        assert!(!at("Buy it in Quillpad's store.", "Quillpad"));
        assert!(!at("A Quillpad pearl, from Quillpad.", "Quillpad"));
        assert!(!at("the chief of Quillpad", "Quillpad"));
    }
}
