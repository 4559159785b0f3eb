//! Speaker turns: the `Name:` and `Title Name:` labels of transcripts, each turn running to
//! the next label.

use super::spans::{paragraphs, trimmed};
use super::Turn;
use crate::actors::{ActorKind, ActorMatch};

/// Lower-case words a speaker's label may hold ("President of Russia Vladimir Putin").
const LABEL_JOINERS: &[&str] = &["of", "the", "and", "for", "de", "von", "van"];

/// A speaker label: `(label start, speech start, speaker)`.
type Label = (usize, usize, Option<String>);

/// A label `Capitalised Words:` starting at `at` and ending before `limit`, if there is one.
fn label_at(body: &str, at: usize, limit: usize, actors: &[ActorMatch]) -> Option<Label> {
    let text = &body[at..limit];
    let colon = text.find(':')?;
    let label = &text[..colon];
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() < 2 || words.len() > 8 {
        return None;
    }
    let name_like = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
    };
    if !words
        .iter()
        .all(|w| name_like(w) || LABEL_JOINERS.contains(w))
        || !name_like(&words[words.len() - 1])
    {
        return None;
    }
    // The speech follows on the same line.
    let rest = &text[colon + 1..];
    if !rest.starts_with(' ') || rest.trim_start().is_empty() {
        return None;
    }
    let (label_start, label_end) = (at, at + colon);
    let speaker = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .find(|a| {
            a.mentions
                .iter()
                .any(|&(s, e)| s >= label_start && e <= label_end)
        })
        .map(|a| a.name.clone())
        .or_else(|| {
            let names: Vec<&str> = words
                .iter()
                .rev()
                .take_while(|w| name_like(w))
                .copied()
                .collect();
            (names.len() >= 2).then(|| {
                names[..2]
                    .iter()
                    .rev()
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        });
    Some((at, at + colon + 1, speaker))
}

/// The nearest char boundary at or before `at`.
pub(super) fn boundary(body: &str, mut at: usize) -> usize {
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The turns of a transcript (labels opening paragraphs, and, once one does, labels following a
/// sentence's end inside a paragraph) or of a speech headed by its president.
pub(super) fn find_turns(body: &str, actors: &[ActorMatch]) -> Vec<Turn> {
    let paragraphs = paragraphs(body);
    // A speech headed "President: Name" is one turn of that president.
    if let Some(rest) = body.strip_prefix("President: ") {
        let line = rest.split('\n').next().unwrap_or("");
        let header = "President: ".len() + line.len();
        let (start, end) = trimmed(body, header, body.len());
        let speaker = actors
            .iter()
            .find(|a| a.kind == ActorKind::Person && a.mentions.iter().any(|&(s, _)| s < header))
            .map_or_else(|| line.trim().to_string(), |a| a.name.clone());
        return if end > start && !line.trim().is_empty() {
            vec![Turn {
                start,
                end,
                speaker: Some(speaker),
            }]
        } else {
            Vec::new()
        };
    }
    let mut labels: Vec<Label> = paragraphs
        .iter()
        .filter_map(|&(s, e)| label_at(body, s, boundary(body, e.min(s + 120)), actors))
        .filter(|l| l.2.is_some())
        .collect();
    if labels.is_empty() {
        return Vec::new();
    }
    // A transcript runs labels into its paragraphs, after a sentence's end.
    for &(s, e) in &paragraphs {
        let text = &body[s..e];
        for (i, _) in text
            .match_indices(". ")
            .chain(text.match_indices("? "))
            .chain(text.match_indices("! "))
        {
            let at = s + i + 2;
            if let Some(label) = label_at(body, at, boundary(body, e.min(at + 120)), actors) {
                if label.2.is_some() {
                    labels.push(label);
                }
            }
        }
    }
    labels.sort_by_key(|l| l.0);
    labels.dedup_by_key(|l| l.0);
    let mut turns = Vec::new();
    for (k, &(_, from, ref speaker)) in labels.iter().enumerate() {
        let to = labels.get(k + 1).map_or(body.len(), |next| next.0);
        let mut end = trimmed(body, from, to).1;
        // A transcript's trailing "<…>" marks a cut, not speech.
        let text = &body[from..end];
        if let Some(cut) = text
            .strip_suffix("<…>")
            .or_else(|| text.strip_suffix("<...>"))
        {
            end = trimmed(body, from, from + cut.len()).1;
        }
        let (start, end) = trimmed(body, from, end);
        if end > start {
            turns.push(Turn {
                start,
                end,
                speaker: speaker.clone(),
            });
        }
    }
    turns
}
