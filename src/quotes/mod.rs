//! Quotations: the direct quotations of an article and their speakers, and the speaker turns of transcripts.
//!
//! A pure function of an article and the actors the extractor found in it ([`find_quotations`]):
//! `spans.rs` finds the text between quotation marks (straight and curly double marks, curly
//! single marks, straight single marks in an article that uses no double ones; a paragraph left
//! open is one quotation of a multi-paragraph quotation), `attribution.rs` names each one's
//! speaker from its sentence ("X said", "said X", "X told reporters:", "according to X", a
//! pronoun or a role resolved to the actor named before), and `turns.rs` finds the `Name:`
//! labels of transcripts and the speaker a title names ("Address by Ann Roe").
//! Offsets are bytes into the body.

mod attribution;
mod spans;
mod turns;

use serde::Serialize;

use crate::actors::ActorMatch;

/// One direct quotation: the text inside its marks and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, as in the body.
    pub text: String,
    /// Byte offset of the first quoted byte in the body.
    pub start: usize,
    /// Byte offset just past the last quoted byte.
    pub end: usize,
    /// The speaker's canonical name, `None` when the article does not say.
    pub speaker: Option<String>,
    /// The reporting verb or phrase as written ("said", "according to"), if any.
    pub cue: Option<String>,
}

/// One turn of a transcript or speech: speech without quotation marks by a named speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// Byte offset of the turn's first byte in the body.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// The speaker's canonical name, `None` when the text does not say.
    pub speaker: Option<String>,
}

/// The quotations and turns of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Quotations {
    /// Direct quotations, in body order.
    pub quotes: Vec<Quote>,
    /// Speaker turns, in body order.
    pub turns: Vec<Turn>,
}

/// Finds the quotations and speaker turns of an article's body, attributed through the actors
/// the extractor found in it (`actors`' body mentions, and their title mentions for a title
/// that names who delivers the body).
pub fn find_quotations(title: &str, body: &str, actors: &[ActorMatch]) -> Quotations {
    let spans = spans::find_spans(body);
    let turns = turns::find_turns(title, body, actors);
    let quotes = attribution::attribute(body, &spans, actors, &turns);
    Quotations { quotes, turns }
}

#[cfg(test)]
mod tests;
