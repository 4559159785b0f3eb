//! Speaker turns: the `Name:` and `Title Name:` labels of transcripts, each turn running to
//! the next label.

use super::spans::{paragraphs, trimmed};
use super::Turn;
use crate::actors::{ActorKind, ActorMatch};

/// Lower-case words a speaker's label may hold ("President of Russia Vladimir Putin").
const LABEL_JOINERS: &[&str] = &["of", "the", "and", "for", "de", "von", "van"];

/// Nouns of what one person delivers: a title `Address by <Name>` or `<Name>'s speech` makes
/// the body that person's turn.
const DELIVERED: &[&str] = &["address", "speech", "remarks", "statement"];

/// A speaker label: `(label start, speech start, speaker)`.
type Label = (usize, usize, Option<String>);

/// A capitalised word of a name or title ("Vladimir", "O'Neill", "Jr.").
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
}

/// The person a title says delivers the text: a delivered noun ([`DELIVERED`]) with "by" or
/// "of" and a person named after it, only capitalised words and label joiners between ("Speech
/// by Prime Minister of Ruritania Ann Roe at ..."), or after a person's possessive ("Ann Roe's
/// address to ..."); not a joint one ("Joint statement by Ann Roe and ...").
pub(super) fn title_speaker(title: &str, actors: &[ActorMatch]) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    let persons = || actors.iter().filter(|a| a.kind == ActorKind::Person);
    for noun in DELIVERED {
        for (at, _) in lower.match_indices(noun) {
            let end = at + noun.len();
            let bounded = !lower[..at].ends_with(|c: char| c.is_alphanumeric())
                && !lower[end..].starts_with(|c: char| c.is_alphanumeric());
            // A joint statement is more than one person's.
            if !bounded || lower[..at].ends_with("joint ") {
                continue;
            }
            let before = &title[..at];
            if let Some(stem) = before
                .strip_suffix("'s ")
                .or_else(|| before.strip_suffix("\u{2019}s "))
            {
                if let Some(a) =
                    persons().find(|a| a.title_mentions.iter().any(|&(_, e)| e == stem.len()))
                {
                    return Some(a.name.clone());
                }
            }
            if !(lower[end..].starts_with(" by ") || lower[end..].starts_with(" of ")) {
                continue;
            }
            let from = end + 4;
            let named = persons()
                .flat_map(|a| a.title_mentions.iter().map(move |&(s, _)| (s, a)))
                .filter(|&(s, _)| {
                    s >= from
                        && title[from..s]
                            .split_whitespace()
                            .all(|w| name_like(w) || LABEL_JOINERS.contains(&w))
                })
                .min_by_key(|&(s, _)| s);
            if let Some((_, a)) = named {
                return Some(a.name.clone());
            }
        }
    }
    None
}

/// A label `Capitalised Words:` starting at `at` and ending before `limit`, if there is one.
fn label_at(body: &str, at: usize, limit: usize, actors: &[ActorMatch]) -> Option<Label> {
    let text = &body[at..limit];
    let colon = text.find(':')?;
    let label = &text[..colon];
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() < 2 || words.len() > 8 {
        return None;
    }
    if !words
        .iter()
        .all(|w| name_like(w) || LABEL_JOINERS.contains(w))
        || !name_like(words[words.len() - 1])
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
/// sentence's end inside a paragraph), of a speech headed by its president, or, with neither,
/// of a body whose title names the one person who delivers it ([`title_speaker`]).
pub(super) fn find_turns(title: &str, body: &str, actors: &[ActorMatch]) -> Vec<Turn> {
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
        let (start, end) = trimmed(body, 0, body.len());
        return match title_speaker(title, actors) {
            Some(speaker) if end > start => vec![Turn {
                start,
                end,
                speaker: Some(speaker),
            }],
            _ => Vec::new(),
        };
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
