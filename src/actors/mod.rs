//! Actor extraction: finds the people, organisations, countries and places an article mentions and normalises them to canonical names.
//!
//! One leftmost-longest, ASCII-case-insensitive Aho-Corasick automaton over all
//! gazetteer aliases finds candidates; word-boundary and capitalisation checks
//! (proper-noun case in normal text, anything in ALL-CAPS text) filter them.
//! A light second pass finds titled or "X Y said" person names missing from the
//! gazetteer and resolves lone surnames of the people found to their full names.

mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use serde::Serialize;

use words::Word;

/// The kind of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    /// The lower-case name of the kind: "person", "org", "country" or "place".
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Org => "org",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
        }
    }

    /// Parses a kind name (case-insensitive); `None` if unknown.
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => Some(ActorKind::Person),
            "org" | "organization" | "organisation" => Some(ActorKind::Org),
            "country" | "state" => Some(ActorKind::Country),
            "place" | "location" | "loc" => Some(ActorKind::Place),
            _ => None,
        }
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
}

/// Embedded gazetteer data, in priority order (earlier files win an alias).
const DATA: &[&str] = &[
    include_str!("data/curated.tsv"),
    include_str!("data/countries.tsv"),
    include_str!("data/places.tsv"),
    include_str!("data/orgs.tsv"),
    include_str!("data/people.tsv"),
];

/// A gazetteer entity.
#[derive(Debug)]
struct Entity {
    name: String,
    kind: ActorKind,
}

/// The alias dictionary plus its matching automaton.
#[derive(Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    ac: AhoCorasick,
    /// Per automaton pattern: the case forms of the alias with their entity.
    variants: Vec<Vec<(Box<str>, u32)>>,
    /// ASCII-lower-cased alias -> pattern id.
    by_key: HashMap<String, u32>,
    /// Lower-cased given names of known people (evidence for "X Y said").
    given_names: std::collections::HashSet<String>,
}

/// Where a hit points: a gazetteer entity or a name discovered in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ent {
    Known(u32),
    Found(u32),
}

/// One mention: entity, field (title or body) and byte range.
#[derive(Debug, Clone, Copy)]
struct Hit {
    ent: Ent,
    title: bool,
    start: usize,
    end: usize,
    /// A person matched by a lone surname alias ("Stoltenberg"): may be reassigned
    /// to another person with that surname named in full in the same article.
    weak: bool,
}

impl Gazetteer {
    /// The gazetteer built from the embedded data (built once, on first use).
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_tsv(DATA))
    }

    /// Builds a gazetteer from TSV texts (`canonical<TAB>kind<TAB>alias|alias`).
    fn from_tsv(files: &[&str]) -> Gazetteer {
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_name: HashMap<String, u32> = HashMap::new();
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut variants: Vec<Vec<(Box<str>, u32)>> = Vec::new();
        let mut given_names = std::collections::HashSet::new();
        for text in files {
            for line in text.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut cols = line.split('\t');
                let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
                    continue;
                };
                let (name, Some(kind)) = (name.trim(), ActorKind::parse(kind)) else {
                    continue;
                };
                if name.is_empty() {
                    continue;
                }
                let id = *by_name.entry(name.to_string()).or_insert_with(|| {
                    entities.push(Entity {
                        name: name.to_string(),
                        kind,
                    });
                    (entities.len() - 1) as u32
                });
                if kind == ActorKind::Person {
                    if let Some(first) = name.split(' ').next() {
                        if first.len() >= 3 && !first.ends_with('.') && !words::is_stop(first) {
                            given_names.insert(first.to_lowercase());
                        }
                    }
                }
                let aliases = cols.next().unwrap_or("");
                for alias in std::iter::once(name).chain(aliases.split('|')) {
                    let alias = alias.trim();
                    if alias.len() < 2 {
                        continue;
                    }
                    // a common capitalised word ("May", "March") is never an alias,
                    // unless it is written as an acronym
                    if !alias.contains(' ') && words::is_stop(alias) && !words::is_all_caps(alias) {
                        continue;
                    }
                    let key = alias.to_ascii_lowercase();
                    let pid = *by_key.entry(key.clone()).or_insert_with(|| {
                        keys.push(key);
                        variants.push(Vec::new());
                        (keys.len() - 1) as u32
                    });
                    let vs = &mut variants[pid as usize];
                    if !vs.iter().any(|(v, _)| &**v == alias) {
                        vs.push((alias.into(), id));
                    }
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&keys)
            .expect("gazetteer automaton");
        Gazetteer {
            entities,
            ac,
            variants,
            by_key,
            given_names,
        }
    }

    /// Resolves an alias (case-insensitive: "putin", "U.S.", "us") to its
    /// canonical name and kind.
    pub fn resolve(&self, alias: &str) -> Option<(&str, ActorKind)> {
        let e = &self.entities[self.lookup(alias)? as usize];
        Some((e.name.as_str(), e.kind))
    }

    /// Entity id of an alias (case-insensitive, possessive stripped).
    fn lookup(&self, alias: &str) -> Option<u32> {
        let a = alias.trim();
        let a = a
            .strip_suffix("'s")
            .or_else(|| a.strip_suffix("’s"))
            .unwrap_or(a);
        let pid = self
            .by_key
            .get(&a.to_ascii_lowercase())
            .or_else(|| self.by_key.get(&a.to_lowercase()))?;
        self.variants[*pid as usize].first().map(|&(_, id)| id)
    }

    /// Finds the actors in an article; one entry per actor, sorted by name.
    pub fn extract(&self, title: &str, body: &str) -> Vec<ActorMatch> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut found: Vec<String> = Vec::new();
        let mut toks: Vec<Word> = Vec::new();
        let fields = [(true, title), (false, body)];
        for (is_title, text) in fields {
            let first = hits.len();
            self.scan(text, is_title, &mut hits);
            words::tokenize(text, &mut toks);
            self.discover(text, is_title, &toks, first, &mut hits, &mut found);
        }
        self.resolve_surnames(&fields, &mut toks, &mut hits, &found);
        self.collect(hits, &found)
    }

    /// Gazetteer matches in one field.
    fn scan(&self, text: &str, is_title: bool, hits: &mut Vec<Hit>) {
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.ac.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            let (s, e) = (m.start(), m.end());
            match self.accept(text, s, e, m.pattern().as_usize()) {
                Some((id, weak)) => {
                    hits.push(Hit {
                        ent: Ent::Known(id),
                        title: is_title,
                        start: s,
                        end: e,
                        weak,
                    });
                    pos = e;
                }
                None => pos = s + text[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// Checks boundaries and capitalisation of a candidate match; the entity (and
    /// whether it is a weak surname-only person match) if accepted.
    fn accept(&self, text: &str, s: usize, e: usize, pid: usize) -> Option<(u32, bool)> {
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            || after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            return None;
        }
        // "U.S" inside "U.S.A" style: a match ending in a letter followed by '.' + letter
        if after == Some('.')
            && text[e + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        {
            return None;
        }
        let got = &text.as_bytes()[s..e];
        let &(ref alias, id) = self.variants[pid].iter().find(|(v, _)| case_ok(v, got))?;
        let ent = &self.entities[id as usize];
        if matches!(ent.kind, ActorKind::Country | ActorKind::Place) && after_new(&text[..s]) {
            return None; // New Mexico, New England, NEW JERSEY
        }
        if &**alias == "US" && us_is_pronoun(text, s, e) {
            return None;
        }
        let weak = ent.kind == ActorKind::Person && !alias.contains(' ') && **alias != ent.name;
        Some((id, weak))
    }

    /// Finds person names missing from the gazetteer: "President Ana Brnabić",
    /// "Jane Roe said". Only over words not already matched.
    fn discover(
        &self,
        text: &str,
        is_title: bool,
        toks: &[Word],
        first_hit: usize,
        hits: &mut Vec<Hit>,
        found: &mut Vec<String>,
    ) {
        let covered = |hits: &[Hit], w: &Word| {
            hits[first_hit..]
                .iter()
                .any(|h| !h.weak && h.start < w.end && w.start < h.end)
        };
        let name_word = |hits: &[Hit], w: &Word| {
            let s = &text[w.start..w.end];
            s.chars().count() >= 2
                && words::is_capitalized(s)
                && !words::is_camel_junk(s)
                && !words::is_stop(s)
                && !words::is_title(s)
                && !words::is_non_person(s)
                && !covered(hits, w)
        };
        let mut new: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !name_word(hits, &toks[i]) {
                i += 1;
                continue;
            }
            // maximal run of name words joined by single spaces (or "W. " initials)
            let mut j = i + 1;
            while j < toks.len()
                && name_word(hits, &toks[j])
                && joined(text, &toks[j - 1], &toks[j])
            {
                j += 1;
            }
            let n = j - i;
            let titled = i > 0 && {
                let p = &toks[i - 1];
                let gap = &text[p.end..toks[i].start];
                words::is_title(&text[p.start..p.end]) && (single_space(gap) || gap == ". ")
            };
            let said = j < toks.len() && {
                let nx = &text[toks[j].start..toks[j].end];
                matches!(nx, "said" | "says" | "told")
                    && single_space(&text[toks[j - 1].end..toks[j].start])
            };
            let given = || {
                let first = &text[toks[i].start..toks[i].end];
                self.given_names.contains(&first.to_lowercase())
            };
            let distinct = || {
                (i + 1..j).all(|k| {
                    let w = &text[toks[k].start..toks[k].end];
                    (i..k).all(|l| &text[toks[l].start..toks[l].end] != w)
                })
            };
            let last = &toks[j - 1];
            let ok = (2..=4).contains(&n)
                && (titled || (said && n <= 3 && given()))
                && text[last.start..last.end].chars().count() >= 3
                && distinct();
            if ok {
                let (s, e) = (toks[i].start, last.end);
                let name = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
                let ent = match self.lookup(&name) {
                    Some(id) => Ent::Known(id),
                    None => {
                        let k = found.iter().position(|f| *f == name).unwrap_or_else(|| {
                            found.push(name);
                            found.len() - 1
                        });
                        Ent::Found(k as u32)
                    }
                };
                new.push(Hit {
                    ent,
                    title: is_title,
                    start: s,
                    end: e,
                    weak: false,
                });
            }
            i = j;
        }
        // a full name beats a surname alias inside it ("Gerhard Stoltenberg")
        if !new.is_empty() {
            let mut k = first_hit;
            while k < hits.len() {
                let h = hits[k];
                if h.weak && new.iter().any(|n| n.start < h.end && h.start < n.end) {
                    hits.remove(k);
                } else {
                    k += 1;
                }
            }
            hits.extend(new);
        }
    }

    /// Resolves lone surnames of the people found to their full names.
    fn resolve_surnames(
        &self,
        fields: &[(bool, &str)],
        toks: &mut Vec<Word>,
        hits: &mut Vec<Hit>,
        found: &[String],
    ) {
        // surname -> person; None when two people share it
        let mut surnames: Vec<(&str, Option<Ent>)> = Vec::new();
        for h in hits.iter().filter(|h| !h.weak) {
            let name = match h.ent {
                Ent::Known(id) if self.entities[id as usize].kind == ActorKind::Person => {
                    &self.entities[id as usize].name
                }
                Ent::Found(k) => &found[k as usize],
                _ => continue,
            };
            let Some((_, last)) = name.rsplit_once(' ') else {
                continue;
            };
            if last.chars().count() < 3 || words::is_stop(last) || last.ends_with('.') {
                continue;
            }
            match surnames.iter_mut().find(|(s, _)| *s == last) {
                Some((_, e)) if *e != Some(h.ent) => *e = None,
                Some(_) => {}
                None => surnames.push((last, Some(h.ent))),
            }
        }
        if surnames.iter().all(|(_, e)| e.is_none()) {
            return;
        }
        for h in hits.iter_mut().filter(|h| h.weak) {
            let text = if h.title { fields[0].1 } else { fields[1].1 };
            let s = &text[h.start..h.end];
            if let Some(&(_, Some(ent))) = surnames
                .iter()
                .find(|(n, _)| *n == s || n.eq_ignore_ascii_case(s))
            {
                h.ent = ent;
            }
        }
        let mut extra = Vec::new();
        for &(is_title, text) in fields {
            words::tokenize(text, toks);
            for w in toks.iter() {
                let s = &text[w.start..w.end];
                let caps = words::is_all_caps(s);
                let Some(&(_, Some(ent))) = surnames
                    .iter()
                    .find(|(n, _)| *n == s || (caps && n.eq_ignore_ascii_case(s)))
                else {
                    continue;
                };
                let taken = hits
                    .iter()
                    .any(|h| h.title == is_title && h.start < w.end && w.start < h.end);
                if !taken {
                    extra.push(Hit {
                        ent,
                        title: is_title,
                        start: w.start,
                        end: w.end,
                        weak: false,
                    });
                }
            }
        }
        hits.extend(extra);
    }

    /// Groups hits into one `ActorMatch` per actor, sorted by name.
    fn collect(&self, mut hits: Vec<Hit>, found: &[String]) -> Vec<ActorMatch> {
        hits.sort_by_key(|h| (h.ent, h.title, h.start));
        let mut out: Vec<ActorMatch> = Vec::new();
        for h in hits {
            let (name, kind) = match h.ent {
                Ent::Known(id) => {
                    let e = &self.entities[id as usize];
                    (e.name.as_str(), e.kind)
                }
                Ent::Found(k) => (found[k as usize].as_str(), ActorKind::Person),
            };
            let idx = match out.iter().position(|m| m.name == name) {
                Some(i) => i,
                None => {
                    out.push(ActorMatch {
                        name: name.to_string(),
                        kind,
                        mentions: Vec::new(),
                        title_mentions: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let m = &mut out[idx];
            let v = if h.title {
                &mut m.title_mentions
            } else {
                &mut m.mentions
            };
            if !v.contains(&(h.start, h.end)) {
                v.push((h.start, h.end));
            }
        }
        for m in &mut out {
            m.mentions.sort_unstable();
            m.title_mentions.sort_unstable();
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

/// Is the matched text `got` capitalised like the alias `alias` (same length,
/// equal up to ASCII case)? Each alias word's first letter must be upper-case in
/// the text, and every letter of an all-caps alias word ("US", "NATO"); other
/// letters may differ ("Ki-moon" for "Ki-Moon", ALL-CAPS text for anything).
fn case_ok(alias: &str, got: &[u8]) -> bool {
    let a = alias.as_bytes();
    let mut i = 0;
    while i < a.len() {
        let end = a[i..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(a.len(), |p| i + p);
        let word = &a[i..end];
        let acronym = word.len() >= 2 && !word.iter().any(u8::is_ascii_lowercase);
        for (k, (&x, &t)) in word.iter().zip(&got[i..end]).enumerate() {
            if x.is_ascii_uppercase() && t.is_ascii_lowercase() && (k == 0 || acronym) {
                return false;
            }
        }
        i = end + 1;
    }
    true
}

/// Are two adjacent words part of one name ("Joe Biden", "George W. Bush")?
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    single_space(gap) || (gap == ". " && a.end - a.start == 1)
}

/// One whitespace character (a space, or a line break in wrapped wire copy).
fn single_space(gap: &str) -> bool {
    let mut cs = gap.chars();
    cs.next().is_some_and(char::is_whitespace) && cs.next().is_none()
}

/// Does `before` end with the word "New" plus one space ("New Mexico", "NEW\nJERSEY")?
fn after_new(before: &str) -> bool {
    let mut cs = before.chars();
    if !cs.next_back().is_some_and(char::is_whitespace) {
        return false;
    }
    let rest = cs.as_str();
    rest.len() >= 3
        && rest.is_char_boundary(rest.len() - 3)
        && rest[rest.len() - 3..].eq_ignore_ascii_case("new")
        && !rest[..rest.len() - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// In ALL-CAPS text, "US" after "LET", "TELL", ... is the pronoun.
fn us_is_pronoun(text: &str, s: usize, e: usize) -> bool {
    let prev = text[..s].trim_end();
    let prev_word = prev
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_word = text[e..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let caps = |w: &str| w.len() > 1 && words::is_all_caps(w);
    (caps(prev_word) || caps(next_word))
        && matches!(
            prev_word,
            "LET"
                | "TELL"
                | "TELLS"
                | "TOLD"
                | "GIVE"
                | "GIVES"
                | "HELP"
                | "HELPS"
                | "JOIN"
                | "JOINS"
                | "AMONG"
                | "ABOUT"
                | "WITH"
                | "BEHIND"
                | "LETS"
                | "SHOW"
                | "ASK"
                | "ASKS"
                | "ASKED"
        )
}

/// Finds the actors in an article with the built-in gazetteer.
pub fn extract_actors(title: &str, body: &str) -> Vec<ActorMatch> {
    Gazetteer::builtin().extract(title, body)
}

#[cfg(test)]
mod tests;
