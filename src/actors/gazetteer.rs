//! The gazetteer: canonical actors and their aliases, built from TSV tables, and the
//! Aho-Corasick scan that finds the aliases in text with word-boundary and capitalisation
//! checks.

use std::sync::OnceLock;

use super::alias_trie::AliasTrie;
use super::{tagger, words, ActorKind};

/// A gazetteer entity.
#[derive(Debug)]
pub(super) struct Entity {
    pub(super) name: String,
    pub(super) kind: ActorKind,
    /// From a table marked [`YIELDS_TO_ORG`]: no tagger feature, and a span the tagger types
    /// as an organisation keeps that kind (a club named after its town).
    pub(super) yields_to_org: bool,
}

/// The comment line that marks a table whose names are no tagger features and whose actors
/// yield their kind to a tagged organisation (`data/README.md`).
pub(super) const YIELDS_TO_ORG: &str = "#% yields-to-org";

/// The alias dictionary plus its matching trie.
#[derive(Debug)]
pub struct Gazetteer {
    pub(super) entities: Vec<Entity>,
    /// Built on the first scan, so that `resolve` (what `search --actor` needs) stays cheap.
    pub(super) trie: OnceLock<AliasTrie>,
    /// The alias keys the trie is built from, in pattern order.
    pub(super) keys: Vec<String>,
    /// Per pattern: the case forms of the alias with their entity.
    pub(super) variants: Vec<Vec<(Box<str>, u32)>>,
    /// ASCII-lower-cased alias -> pattern id.
    pub(super) by_key: rustc_hash::FxHashMap<String, u32>,
    /// Per byte: whether a match may start on it ([`Gazetteer::scan`]).
    pub(super) may_start: [bool; 256],
}

/// Where a hit points: a gazetteer entity or a name discovered in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Ent {
    Known(u32),
    Found(u32),
}

/// One mention: entity, field (title or body) and byte range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) ent: Ent,
    pub(super) title: bool,
    pub(super) start: usize,
    pub(super) end: usize,
    /// A person matched by a lone surname alias ("Stoltenberg"): may be reassigned
    /// to another person with that surname named in full in the same article.
    pub(super) weak: bool,
}

impl Gazetteer {
    /// Builds a gazetteer from TSV texts (`canonical<TAB>kind<TAB>alias|alias`).
    pub(super) fn from_tsv(files: &[&str]) -> Gazetteer {
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_name: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        let mut key = String::new();
        let mut by_key: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        let mut keys: Vec<String> = Vec::new();
        let mut variants: Vec<Vec<(Box<str>, u32)>> = Vec::new();
        for text in files {
            let yields_to_org = text.lines().any(|l| l.trim_end() == YIELDS_TO_ORG);
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
                // a name with a patronymic particle is a person's, whatever a source list says
                let kind = if kind == ActorKind::Org && words::is_patronymic_name(name) {
                    ActorKind::Person
                } else {
                    kind
                };
                // Looked up before a key is allocated: most names and aliases are met once,
                // but a lookup that allocates costs every line (this runs at every start).
                let id = match by_name.get(name) {
                    Some(&id) => id,
                    None => {
                        entities.push(Entity {
                            name: name.to_string(),
                            kind,
                            yields_to_org,
                        });
                        let id = (entities.len() - 1) as u32;
                        by_name.insert(name.to_string(), id);
                        id
                    }
                };
                let aliases = cols.next().unwrap_or("");
                for alias in std::iter::once(name)
                    .chain(aliases.split('|'))
                    .flat_map(with_typographic_apostrophe)
                {
                    let alias = alias.trim();
                    if alias.len() < 2 {
                        continue;
                    }
                    // a common capitalised word ("May", "March") is never an alias,
                    // unless it is written as an acronym
                    if !alias.contains(' ') && words::is_stop(alias) && !words::is_all_caps(alias) {
                        continue;
                    }
                    key.clear();
                    key.push_str(alias);
                    key.make_ascii_lowercase();
                    let pid = match by_key.get(key.as_str()) {
                        Some(&pid) => pid,
                        None => {
                            keys.push(key.clone());
                            variants.push(Vec::new());
                            let pid = (keys.len() - 1) as u32;
                            by_key.insert(key.clone(), pid);
                            pid
                        }
                    };
                    let vs = &mut variants[pid as usize];
                    if !vs.iter().any(|(v, _)| &**v == alias) {
                        vs.push((alias.into(), id));
                    }
                }
            }
        }
        // A match starts with an alias's first letter in either case, but a lower-case letter
        // only for an alias written in lower case ("al-Qaeda"): `case_ok` rejects the rest.
        let mut may_start = [false; 256];
        for (alias, _) in variants.iter().flatten() {
            let first = alias.as_bytes()[0];
            may_start[usize::from(first.to_ascii_uppercase())] = true;
            if !first.is_ascii_uppercase() {
                may_start[usize::from(first.to_ascii_lowercase())] = true;
            }
        }
        Gazetteer {
            entities,
            trie: OnceLock::new(),
            keys,
            variants,
            by_key,
            may_start,
        }
    }

    /// The alias trie (longest alias at a point, ASCII case-insensitive), built once.
    fn trie(&self) -> &AliasTrie {
        self.trie.get_or_init(|| AliasTrie::new(&self.keys))
    }

    /// Resolves an alias (case-insensitive: "putin", "U.S.", "us") to its
    /// canonical name and kind.
    pub fn resolve(&self, alias: &str) -> Option<(&str, ActorKind)> {
        let e = &self.entities[self.lookup(alias)? as usize];
        Some((e.name.as_str(), e.kind))
    }

    /// True when the alias names an entity that yields to an organisation the text names
    /// alike (a town of the open data, which is also a team's or a firm's name).
    pub fn yields_to_org(&self, alias: &str) -> bool {
        self.lookup(alias)
            .is_some_and(|id| self.entities[id as usize].yields_to_org)
    }

    /// Entity id of an alias (case-insensitive, possessive stripped).
    pub(super) fn lookup(&self, alias: &str) -> Option<u32> {
        // A typographic apostrophe is an apostrophe ("People’s Republic").
        let straight;
        // (Its UTF-8 starts with byte 0xE2: most aliases have none, found without a search.)
        let a = if alias.as_bytes().contains(&0xE2) && alias.contains('’') {
            straight = alias.replace('’', "'");
            straight.trim()
        } else {
            alias.trim()
        };
        let a = a
            .strip_suffix("'s")
            .or_else(|| a.strip_suffix("’s"))
            .unwrap_or(a);
        // Lower-cased on the stack when short, without an allocation per lookup.
        let mut buf = [0u8; 64];
        let owned;
        let ascii_lower = match buf.get_mut(..a.len()) {
            Some(lower) => {
                lower.copy_from_slice(a.as_bytes());
                lower.make_ascii_lowercase();
                // Only ASCII bytes changed: still UTF-8.
                std::str::from_utf8(lower).unwrap_or_default()
            }
            None => {
                owned = a.to_ascii_lowercase();
                owned.as_str()
            }
        };
        let pid = self
            .by_key
            .get(ascii_lower)
            .or_else(|| self.by_key.get(&a.to_lowercase()))?;
        self.variants[*pid as usize].first().map(|&(_, id)| id)
    }

    /// Gazetteer codes of the tokens (kind and B/I/E/S position of the match covering them).
    pub(crate) fn gazetteer_codes(&self, text: &str, toks: &[tagger::Token]) -> Vec<u8> {
        let mut gaz = Vec::new();
        self.scan(text, false, &mut gaz);
        self.codes_from_hits(toks, &gaz)
    }

    pub(super) fn codes_from_hits(&self, toks: &[tagger::Token], gaz: &[Hit]) -> Vec<u8> {
        let mut codes = vec![0u8; toks.len()];
        let mut k = 0;
        for (i, t) in toks.iter().enumerate() {
            while k < gaz.len() && gaz[k].end <= t.start {
                k += 1;
            }
            let Some(h) = gaz.get(k) else { break };
            if h.start >= t.end {
                continue;
            }
            let Ent::Known(id) = h.ent else { continue };
            if self.entities[id as usize].yields_to_org {
                continue;
            }
            let kind = self.entities[id as usize].kind as u8;
            let pos = match (t.start <= h.start, t.end >= h.end) {
                (true, true) => 3,
                (true, false) => 0,
                (false, true) => 2,
                (false, false) => 1,
            };
            codes[i] = 1 + kind * 4 + pos;
        }
        codes
    }
    /// Gazetteer matches in one field.
    pub(super) fn scan(&self, text: &str, is_title: bool, hits: &mut Vec<Hit>) {
        // A match must start a word (`accept`), so the trie is looked up at word starts whose
        // first byte can begin an alias, not at every byte of the text: the longest alias
        // there, as a leftmost-longest scan would find it.
        let trie = self.trie();
        let bytes = text.as_bytes();
        let mut next = 0; // no match may start before the end of the last one
        let mut after_word = false;
        for (at, c) in text.char_indices() {
            let starts_here = !after_word;
            after_word = c.is_alphanumeric() || c == '_';
            if !starts_here || at < next || !self.may_start[usize::from(bytes[at])] {
                continue;
            }
            let Some((pattern, len)) = trie.longest_prefix(&bytes[at..]) else {
                continue;
            };
            let end = at + len;
            if let Some((id, weak)) = self.accept(text, at, end, pattern) {
                hits.push(Hit {
                    ent: Ent::Known(id),
                    title: is_title,
                    start: at,
                    end,
                    weak,
                });
                next = end;
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
}

/// An alias as written, and with typographic apostrophes when it has straight ones: text
/// writes "Côte d’Ivoire" as often as "Côte d'Ivoire", and the scan compares bytes.
fn with_typographic_apostrophe(alias: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let curly = alias
        .contains('\'')
        .then(|| std::borrow::Cow::Owned(alias.replace('\'', "’")));
    std::iter::once(std::borrow::Cow::Borrowed(alias)).chain(curly)
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

#[cfg(test)]
mod tests {
    use super::super::tagger;
    use super::super::{words, ActorKind, DATA};
    use super::{Gazetteer, YIELDS_TO_ORG};

    #[test]
    fn a_town_of_the_open_data_is_a_place_under_both_spellings() {
        let g = Gazetteer::builtin();
        assert_eq!(g.resolve("Tübingen"), Some(("Tübingen", ActorKind::Place)));
        assert_eq!(g.resolve("Tubingen"), Some(("Tübingen", ActorKind::Place)));
        assert_eq!(g.resolve("Enschede"), Some(("Enschede", ActorKind::Place)));
    }

    #[test]
    fn a_listed_company_is_one_actor_under_its_listed_and_its_short_name() {
        let g = Gazetteer::builtin();
        let short = g.resolve("Anglo American");
        assert_eq!(short, Some(("Anglo American", ActorKind::Org)));
        assert_eq!(g.resolve("Anglo American plc"), short);
        assert_eq!(
            g.resolve("Yale University"),
            Some(("Yale University", ActorKind::Org))
        );
        // a university's one-word short form may be its region's or its founder's name
        assert_eq!(g.resolve("Yale"), None);
    }

    #[test]
    fn only_a_marked_table_yields_its_kind_to_a_tagged_organisation() {
        let marked = format!("{YIELDS_TO_ORG}\nOstrava Vale\tplace\t\n");
        let g = Gazetteer::from_tsv(&["Brennick Row\tplace\t\n", &marked]);
        let yields = |name: &str| g.entities[g.lookup(name).unwrap() as usize].yields_to_org;
        assert!(!yields("Brennick Row"));
        assert!(yields("Ostrava Vale"));
        // and its names are no tagger features
        let text = "Rain fell on Ostrava Vale and Brennick Row.";
        let mut toks = Vec::new();
        tagger::tokenize(text, &mut toks);
        let coded: Vec<&str> = toks
            .iter()
            .zip(g.gazetteer_codes(text, &toks))
            .filter(|&(_, c)| c != 0)
            .map(|(t, _)| &text[t.start..t.end])
            .collect();
        assert_eq!(coded, ["Brennick", "Row"]);
        // the builder marks the towns of the open data
        let b = Gazetteer::builtin();
        assert!(b.entities[b.lookup("Enschede").unwrap() as usize].yields_to_org);
        assert!(!b.entities[b.lookup("Yale University").unwrap() as usize].yields_to_org);
    }

    #[test]
    fn a_town_named_like_a_common_word_or_a_first_name_is_no_alias() {
        // towns of 50,000 to 150,000 people whose names read as something else
        let g = Gazetteer::builtin();
        for name in ["Surprise", "Normal", "Tyler"] {
            assert_eq!(g.resolve(name), None, "{name}");
        }
    }

    #[test]
    fn no_one_word_alias_of_a_company_or_university_is_a_common_word() {
        // companies and universities: the last two tables (a town of a million people keeps
        // its name whatever the word list says)
        for text in &DATA[DATA.len() - 2..] {
            let mut rows = 0;
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                rows += 1;
                let mut cols = line.split('\t');
                let name = cols.next().unwrap_or("");
                let aliases = cols.nth(1).unwrap_or("");
                for alias in std::iter::once(name).chain(aliases.split('|')) {
                    assert!(
                        alias.contains(' ') || !words::is_common_word(alias),
                        "{alias}"
                    );
                }
            }
            assert!(rows > 1000, "{rows} rows");
        }
    }
}
