//! Evidence that a name made only of common words ("Central Bank", "Working Group") is a
//! generic body or a phrase rather than one actor: how many articles contain the phrase in
//! any case, and how often a sample of them writes it in lower case.
//!
//! A body that exists once per country or organisation is named without its owner in an
//! article that has said whose it is ("the central bank", "Japan's Finance Ministry"): across
//! the corpus the phrase is then written in lower case, or named as an actor in few of the
//! articles that contain it. One actor's name is capitalised and named wherever it occurs.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::settle::raw_words;
use super::{key_words, Form};
use crate::corpus::fnv::Fnv1a;
use crate::error::Result;
use crate::schema::{self, field_name};

/// Names of fewer articles than this are not measured: too rare to reach a list.
pub const MIN_PHRASE_ARTICLES: u64 = 3;

/// Only the most-used candidate phrases are measured (each costs a phrase query): enough to
/// cover every list's top entries, few enough to keep settling fast on a large corpus.
pub const MEASURED_PHRASES: usize = 120;

/// Passages read per phrase to see how it is written: enough that a share near a cut-off
/// (half the occurrences inside longer names) is measured within about five points, not
/// left to which passages a small sample happens to hold.
const SAMPLED_PASSAGES: usize = 100;

/// A phrase is a generic body when the share of the articles containing it that name it,
/// times the share of its sampled occurrences written capitalised, is under this: the single
/// word rule's share ([`super::COMMON_WORD_SHARE`]); measured on news, speeches and wires,
/// generic bodies ("the central bank", "the federal government", "member states") and
/// phrases sit below it, actors' names above.
pub const GENERIC_PHRASE_SHARE: f64 = super::COMMON_WORD_SHARE;

/// Phrases contained in fewer articles than this are not judged.
const MIN_CONTAINING_ARTICLES: u64 = 5;

/// Small words a capitalised name may write in lower case ("Bank of Japan").
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to",
];

/// Words that open a complement which makes a longer name of a phrase ("Harbour Board of
/// Tarnia", "Mission in Velmora"), written in lower case.
const NAME_COMPLEMENT_OPENERS: &[&str] = &["at", "for", "in", "of", "on"];

/// Words a longer name may hold between its capitalised words ("Heads of State and
/// Government of the ...").
const NAME_LINKS: &[&str] = &["and", "for", "of", "on", "the"];

/// Capitalised words a longer name takes at most on either side of the phrase.
const LONGER_NAME_WORDS: usize = 6;

/// How the corpus writes one phrase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseEvidence {
    /// Live articles that contain the phrase in any case (title or passage).
    pub articles: u64,
    /// Occurrences found in the sampled passages.
    pub written: u32,
    /// Of those, the occurrences written all in lower case ("the central bank"; the house
    /// style "Conservative party" is capitalised).
    pub lower: u32,
    /// Of those, the occurrences written as a name is: capitalised, its last word singular
    /// as in the key.
    #[serde(default)]
    pub as_named: u32,
    /// Of those, the occurrences written inside a longer name: after capitalised words of
    /// that name ("Tarnian Harbour Board"), or before a complement that names more ("Harbour
    /// Board of Tarnia", "Mission in Velmora").
    #[serde(default)]
    pub inside: u32,
    /// The keys of those longer names, with their occurrences.
    #[serde(default)]
    pub longer: BTreeMap<String, u32>,
    /// Acronyms written in brackets right after the phrase ("Harbour Board (HB)"), with
    /// their occurrences.
    #[serde(default)]
    pub acronyms: BTreeMap<String, u32>,
    /// Of the occurrences written as a name, those a determiner other than "the" opens
    /// ("our National Harbour", "a Harbour Board", "its Harbour Board"): a description of
    /// someone's body, not a name.
    #[serde(default)]
    pub determined: u32,
}

/// One occurrence of a phrase in a passage, and what is written around it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occurrence {
    /// Written all in lower case.
    pub lower: bool,
    /// Written as a name is: capitalised, the last word as in the phrase (not plural).
    pub as_named: bool,
    /// Written capitalised with its last word in the plural ("Harbour Boards"), and not as
    /// the head two names share ("the Tarn and Velmora Harbour Boards").
    pub plural: bool,
    /// The key of the longer name it is written inside, if any.
    pub longer: Option<String>,
    /// The acronym written in brackets right after it, if any.
    pub acronym: Option<String>,
    /// Opened by a determiner other than "the" ([`is_describing_determiner`]), with at most
    /// one capitalised word between ("our National Board", "his Gracious Majesty").
    pub determined: bool,
    /// Opened by "the" the same way ("the Harbour Board", "the Chief Warden").
    pub after_the: bool,
    /// Followed by a lower-case word that is no small word, in the same clause: the name
    /// modifies a noun ("the Tarrant administration").
    pub modifies: bool,
    /// The numeral written right after it in running text ("Harbour Line 2 opened", "Quay
    /// Radio 4's"), not in a table's row ("Tarrow 3 Velmora 1"), if any.
    pub numbered: Option<String>,
}

impl PhraseEvidence {
    /// The share of the articles containing the phrase that name it (`named` of them, at most
    /// all), times the share of its sampled occurrences written capitalised.
    pub fn named_share(&self, named: u64) -> f64 {
        if self.articles == 0 {
            return 1.0;
        }
        let named = (named as f64 / self.articles as f64).min(1.0);
        let capitalised = if self.written == 0 {
            1.0
        } else {
            1.0 - f64::from(self.lower) / f64::from(self.written)
        };
        named * capitalised
    }

    /// True when the evidence says the phrase is a generic body, not an actor.
    pub fn is_generic(&self, named: u64) -> bool {
        self.articles >= MIN_CONTAINING_ARTICLES && self.named_share(named) < GENERIC_PHRASE_SHARE
    }
}

/// The keys of the forms worth measuring: names of two words or more, every word an English
/// common word (no initials such as "U.S.", no digits) and kept in the key, not written in
/// capitals, used in at
/// least [`MIN_PHRASE_ARTICLES`] articles over all their forms; the [`MEASURED_PHRASES`] most
/// used of them, most used first.
pub fn phrase_candidates(forms: &[Form]) -> Vec<String> {
    let mut articles: BTreeMap<String, u64> = BTreeMap::new();
    for form in forms {
        // The cheap tests first: every form of the index comes here.
        if !form.name.chars().any(char::is_lowercase) {
            continue;
        }
        let words = key_words(&form.name);
        if words.len() < 2 {
            continue;
        }
        // A key that dropped words ("and", a legal suffix) is not the phrase the text has.
        let whole = words.len() == raw_words(&form.name).len();
        // the key's words: a possessive written "'S" or "’s" is no word of its own
        if !whole || !crate::actors::all_common_words(&words.join(" ")) {
            continue;
        }
        *articles.entry(words.join(" ")).or_insert(0) += form.articles;
    }
    let mut used: Vec<(String, u64)> = articles
        .into_iter()
        .filter(|&(_, n)| n >= MIN_PHRASE_ARTICLES)
        .collect();
    used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    used.truncate(MEASURED_PHRASES);
    used.into_iter().map(|(key, _)| key).collect()
}

/// The most used written form of each key, over `forms`: what a query for the key analyses
/// (a possessive the key drops, "Children's", holds a position in the index, which the phrase
/// must keep).
pub(super) fn most_used_forms<'f>(
    forms: impl Iterator<Item = &'f Form>,
) -> FxHashMap<String, (u64, &'f str)> {
    let mut written_as: FxHashMap<String, (u64, &str)> = FxHashMap::default();
    for form in forms {
        let slot = written_as
            .entry(key_words(&form.name).join(" "))
            .or_insert((0, form.name.as_str()));
        if form.articles > slot.0 {
            *slot = (form.articles, form.name.as_str());
        }
    }
    written_as
}

/// The body terms, with their positions, of `key` as its most used form writes it.
pub(super) fn name_terms(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    body: tantivy::schema::Field,
    key: &str,
    written_as: &FxHashMap<String, (u64, &str)>,
) -> Vec<(usize, Term)> {
    let text = written_as.get(key).map_or(key, |&(_, name)| name);
    analyzed_terms(analyzer, body, text)
}

/// The body terms, with their positions, of `text`.
pub(super) fn analyzed_terms(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    body: tantivy::schema::Field,
    text: &str,
) -> Vec<(usize, Term)> {
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        terms.push((token.position, Term::from_field_text(body, &token.text)));
    }
    terms
}

/// Measures every candidate phrase in the index: articles through a phrase query on the
/// analysed passages, case from a sample of the passages' stored text.
pub fn read_phrase_evidence(
    sampler: &PassageSampler,
    forms: &[Form],
) -> Result<BTreeMap<String, PhraseEvidence>> {
    let searcher = sampler.searcher();
    let schema = searcher.schema();
    let body = schema.get_field(field_name::BODY)?;
    let mut analyzer = schema::analyzer();
    let written_as = most_used_forms(forms.iter());
    let mut evidence = BTreeMap::new();
    for key in phrase_candidates(forms) {
        let terms = name_terms(&mut analyzer, body, &key, &written_as);
        if terms.len() < 2 {
            continue;
        }
        let query = PhraseQuery::new_with_offset(terms);
        let found = live_matches(searcher, &query)?;
        let articles: FxHashSet<u64> = found
            .iter()
            .map(|&address| sampler.article_key(address))
            .collect();
        let words: Vec<&str> = key.split(' ').collect();
        let mut measured = PhraseEvidence {
            articles: articles.len() as u64,
            ..PhraseEvidence::default()
        };
        for passage in sampler.texts(&found, &key, SAMPLED_PASSAGES) {
            let passage = passage?;
            for occurrence in occurrences(&passage, &words) {
                measured.written += 1;
                measured.lower += u32::from(occurrence.lower);
                measured.as_named += u32::from(occurrence.as_named);
                if let Some(longer) = occurrence.longer {
                    measured.inside += 1;
                    *measured.longer.entry(longer).or_insert(0) += 1;
                }
                if occurrence.as_named && occurrence.determined {
                    measured.determined += 1;
                }
                if let Some(acronym) = occurrence.acronym {
                    *measured.acronyms.entry(acronym).or_insert(0) += 1;
                }
            }
        }
        evidence.insert(key.clone(), measured);
    }
    Ok(evidence)
}

/// Occurrences of the phrase `words` (folded lower case, as a key has them; the last one
/// also plural) in `text`, and how many of them are written all in lower case (a capital
/// on a small word alone, at the start of a sentence, does not count). The "and" and
/// possessive "s" a key drops are skipped in the text too.
pub fn count_written(text: &str, words: &[&str]) -> (u32, u32) {
    let found = occurrences(text, words);
    let lower = found.iter().filter(|o| o.lower).count();
    (found.len() as u32, lower as u32)
}

/// A word of a passage: folded lower case, its byte range, and whether it starts with a
/// capital.
struct Token {
    text: String,
    from: usize,
    to: usize,
    capital: bool,
}

/// The occurrences of the phrase `words` in `text` (as [`count_written`] finds them), each
/// with its case, the longer name it is written inside (capitalised words right before it,
/// not opening a sentence, or a complement opener and capitalised words right after it;
/// "and", "of", "for", "on" and "the" may link those words) and the acronym written in
/// brackets right after it.
pub fn occurrences(text: &str, words: &[&str]) -> Vec<Occurrence> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut analyzer =
        tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(tantivy::tokenizer::AsciiFoldingFilter)
            .build();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        let capital = text[token.offset_from..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        tokens.push(Token {
            text: token.text.clone(),
            from: token.offset_from,
            to: token.offset_to,
            capital,
        });
    }
    // the words a key keeps: "and" and a possessive "s" are skipped
    let kept: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].text != "and" && tokens[i].text != "s")
        .collect();
    let mut found = Vec::new();
    let Some((last, inner)) = words.split_last() else {
        return found;
    };
    if kept.len() < words.len() {
        return found;
    }
    for start in 0..=kept.len() - words.len() {
        let window = &kept[start..start + words.len()];
        let inner_match = inner.iter().zip(window).all(|(w, &t)| *w == tokens[t].text);
        let tail = &tokens[window[inner.len()]].text;
        let plural = tail
            .strip_prefix(*last)
            .is_some_and(|rest| rest.is_empty() || PLURAL_ENDINGS.contains(&rest));
        if !inner_match || !plural {
            continue;
        }
        let lower = window
            .iter()
            .all(|&t| !tokens[t].capital || SMALL_WORDS.contains(&tokens[t].text.as_str()));
        let (first, end) = (window[0], window[words.len() - 1]);
        let as_named = !lower && tail == last;
        let longer = if as_named {
            longer_name(text, &tokens, first, end)
        } else {
            None
        };
        found.push(Occurrence {
            lower,
            as_named,
            plural: !lower && tail != last && !after_a_conjunction(text, &tokens, first),
            longer,
            acronym: bracketed_acronym(text, &tokens, end),
            determined: determined(text, &tokens, first, is_describing_determiner),
            after_the: determined(text, &tokens, first, |w| w == "the"),
            modifies: tokens.get(end + 1).is_some_and(|next| {
                !next.capital
                    && !SMALL_WORDS.contains(&next.text.as_str())
                    && !breaks_a_name(&text[tokens[end].to..next.from])
            }),
            numbered: if as_named {
                numeral_after(text, &tokens, end)
            } else {
                None
            },
        });
    }
    found
}

/// The numeral written right after token `end`, one space between ("Line 2", "Radio 4"):
/// digits, or a Roman numeral in capitals ("Part IV"), in running text: the numeral ends the
/// passage, or punctuation or a lower-case word follows it. A numeral followed by a
/// capitalised word, another number or a bare line break is a table's cell ("Tarrow 3 Velmora
/// 1"), not part of a name.
fn numeral_after(text: &str, tokens: &[Token], end: usize) -> Option<String> {
    let numeral = tokens.get(end + 1)?;
    if &text[tokens[end].to..numeral.from] != " " {
        return None;
    }
    let written = &text[numeral.from..numeral.to];
    let digits = written.len() <= 4 && written.bytes().all(|b| b.is_ascii_digit());
    let roman = written.len() <= 4 && written.bytes().all(|b| b"IVX".contains(&b));
    if !digits && !roman {
        return None;
    }
    let running = match tokens.get(end + 2) {
        None => true,
        Some(next) => {
            let between = &text[numeral.to..next.from];
            if !between.trim().is_empty() {
                true
            } else {
                !between.contains('\n')
                    && !next.capital
                    && !next.text.bytes().all(|b| b.is_ascii_digit())
            }
        }
    };
    running.then(|| written.to_string())
}

/// True when "and" or "or" opens the name at token `first` in the same clause: a plural head
/// there is shared with the name before the conjunction.
fn after_a_conjunction(text: &str, tokens: &[Token], first: usize) -> bool {
    first >= 1
        && matches!(tokens[first - 1].text.as_str(), "and" | "or")
        && !breaks_a_name(&text[tokens[first - 1].to..tokens[first].from])
}

/// The endings a name's last word takes in the plural ("Harbour Boards", "Marsh Trusses"):
/// what an occurrence counts as the name written in the plural, and what the registry looks
/// a name's plural up by.
pub(super) const PLURAL_ENDINGS: [&str; 2] = ["s", "es"];

/// Every live passage `query` matches, in index order.
pub(super) fn live_matches(searcher: &Searcher, query: &dyn Query) -> Result<Vec<DocAddress>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut found = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                found.push(DocAddress::new(ord as u32, doc));
            }
            doc = scorer.advance();
        }
    }
    Ok(found)
}

/// Which passages of a query's matches the registry reads: a bottom-k sample. Each candidate
/// passage gets a hash of (the name measured, its passage number, its article's identity) and
/// the `most` smallest are kept: every passage has the same chance whatever file or article it
/// is in, the samples of two names are independent, and the sample is the same whatever
/// order the index holds the passages in (which follows the indexing threads), so two builds
/// of one corpus settle the same registry. The identity is the article's content, not its
/// key (see [`ArticleIdentities`]): the key hashes the path the files were indexed from, and
/// the same files indexed from another path must give the same lists.
pub struct PassageSampler<'a> {
    searcher: &'a Searcher,
    text: tantivy::schema::Field,
    /// Per segment: the article key and the passage number of each document.
    ids: Vec<(Column<u64>, Column<u64>)>,
    /// Per segment: the identity of each document's article, by document id. Every sampled
    /// name hashes the identity of every passage that holds it; looked up once per article
    /// here instead of once per passage and name in a map larger than the caches.
    article_identities: Vec<Vec<u64>>,
}

impl<'a> PassageSampler<'a> {
    /// A sampler of `searcher`'s passages, reading their stored text, each article known by
    /// its identity in `identities`.
    pub fn new(
        searcher: &'a Searcher,
        identities: &'a ArticleIdentities,
    ) -> Result<PassageSampler<'a>> {
        let text = searcher.schema().get_field(field_name::TEXT)?;
        let mut ids = Vec::new();
        let mut article_identities = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let keys = fast.u64(field_name::ARTICLE_KEY)?;
            // An article's passages sit next to each other: its key is looked up once.
            let mut last: Option<(u64, u64)> = None;
            let of_docs: Vec<u64> = (0..segment.max_doc())
                .map(|doc| {
                    let key = keys.first(doc).unwrap_or(0);
                    match last {
                        Some((seen, identity)) if seen == key => identity,
                        _ => {
                            let identity = identities.of(key);
                            last = Some((key, identity));
                            identity
                        }
                    }
                })
                .collect();
            article_identities.push(of_docs);
            ids.push((keys, fast.u64(field_name::PASSAGE)?));
        }
        Ok(PassageSampler {
            searcher,
            text,
            ids,
            article_identities,
        })
    }

    /// The searcher whose passages are sampled.
    pub(super) fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// The article key of the passage at `address`.
    pub(super) fn article_key(&self, address: DocAddress) -> u64 {
        let (keys, _) = &self.ids[address.segment_ord as usize];
        keys.first(address.doc_id).unwrap_or(0)
    }

    /// The passage number of the passage at `address`.
    fn passage_number(&self, address: DocAddress) -> u64 {
        let (_, passages) = &self.ids[address.segment_ord as usize];
        passages.first(address.doc_id).unwrap_or(0)
    }

    /// The texts of at most `most` of `found`'s passages, sampled for `name` (see
    /// [`PassageSampler`]), each read when the caller asks for it, in index order.
    pub(super) fn texts<'s>(
        &'s self,
        found: &[DocAddress],
        name: &str,
        most: usize,
    ) -> impl Iterator<Item = Result<String>> + 's {
        let ids = found.iter().map(|&address| {
            let identity =
                self.article_identities[address.segment_ord as usize][address.doc_id as usize];
            ((identity, self.passage_number(address)), address)
        });
        bottom_k(ids, name, most).into_iter().map(move |address| {
            let document: TantivyDocument = self.searcher.doc(address)?;
            Ok(document
                .get_first(self.text)
                .and_then(|value| value.as_str())
                .unwrap_or("")
                .to_string())
        })
    }
}

/// Each article's identity for sampling, by article key: a hash of its id within its file and
/// of its content as the index state records it (the line, row, element or file it was read
/// from), which do not change with the path the files were indexed from, nor between an
/// incremental run and a rebuild. An article the state does not name (an index without a
/// state) is known by its key.
#[derive(Debug, Default)]
pub struct ArticleIdentities(FxHashMap<u64, u64>);

impl ArticleIdentities {
    /// The identities of the articles the state of the index in `index_dir` records.
    pub fn load(index: &tantivy::Index, index_dir: &std::path::Path) -> Result<Self> {
        Ok(crate::state::load_state(index, index_dir)?
            .map_or_else(ArticleIdentities::default, |state| Self::of_state(&state)))
    }

    /// The identities of the articles `state` records (the state just committed, without
    /// reading it back).
    pub fn of_state(state: &crate::state::IndexState) -> Self {
        // Looked up for every passage that holds a sampled name: a fast hash of the key.
        let mut identities = FxHashMap::default();
        for (path, record) in &state.files {
            for (id, &(_, content)) in &record.articles {
                let identity = Fnv1a::new()
                    .write(id.as_bytes())
                    .write(&[0])
                    .write(&content.to_le_bytes())
                    .finish();
                identities.insert(crate::corpus::article_key(path, id), identity);
            }
        }
        ArticleIdentities(identities)
    }

    /// A hash of every (key, identity) pair, whatever their order: two sets of identities
    /// that sample alike have the same digest.
    pub fn digest(&self) -> u64 {
        let mut sum = self.0.len() as u64;
        for (&key, &identity) in &self.0 {
            let pair = Fnv1a::new()
                .write(&key.to_le_bytes())
                .write(&identity.to_le_bytes())
                .finish();
            sum = sum.wrapping_add(pair);
        }
        sum
    }

    /// The identity of the article whose key is `key`.
    fn of(&self, key: u64) -> u64 {
        self.0.get(&key).copied().unwrap_or(key)
    }
}

/// The items of `passages` ((article identity, passage number), item) whose sample hash for
/// `name` is among the `most` smallest, in their own order: which are kept depends on the
/// passages alone, never on the order they come in.
fn bottom_k<T: Copy + Ord>(
    passages: impl Iterator<Item = ((u64, u64), T)>,
    name: &str,
    most: usize,
) -> Vec<T> {
    let salted = Fnv1a::new().write(name.as_bytes()).write(&[0]);
    let mut ranked: Vec<(u64, (u64, u64), T)> = passages
        .map(|((key, passage), item)| {
            let hash = salted
                .write(&passage.to_le_bytes())
                .write(&key.to_le_bytes())
                .finish();
            (hash, (key, passage), item)
        })
        .collect();
    if ranked.len() > most {
        if most == 0 {
            return Vec::new();
        }
        ranked.select_nth_unstable(most - 1);
        ranked.truncate(most);
    }
    let mut kept: Vec<T> = ranked.into_iter().map(|(_, _, item)| item).collect();
    kept.sort_unstable();
    kept
}

/// True when the text between two words breaks a name: a sentence or clause ends, or a
/// bracket or quotation opens or closes.
fn breaks_a_name(between: &str) -> bool {
    between.chars().any(|c| ".!?:;,()[]\"“”\n".contains(c))
}

/// True when token `i` is a capitalised word that may belong to a name (not a small word).
fn name_word(tokens: &[Token], i: usize) -> bool {
    tokens[i].capital && !SMALL_WORDS.contains(&tokens[i].text.as_str())
}

/// The key of the longer name that the phrase at tokens `first..=end` is written inside, if
/// any (see [`occurrences`]).
fn longer_name(text: &str, tokens: &[Token], first: usize, end: usize) -> Option<String> {
    let joined = |a: usize, b: usize| !breaks_a_name(&text[tokens[a].to..tokens[b].from]);
    // capitalised words right before it, linked by small words
    let mut from = first;
    let mut taken = 0;
    let mut i = first;
    while i > 0 && taken < LONGER_NAME_WORDS && joined(i - 1, i) {
        let j = i - 1;
        if name_word(tokens, j) {
            from = j;
            taken += 1;
            i = j;
        } else if NAME_LINKS.contains(&tokens[j].text.as_str())
            && !tokens[j].capital
            && j > 0
            && joined(j - 1, j)
            && name_word(tokens, j - 1)
        {
            i = j;
        } else {
            break;
        }
    }
    // a capital that opens a sentence says nothing
    let opens_sentence = |i: usize| {
        i == 0
            || text[tokens[i - 1].to..tokens[i].from]
                .chars()
                .any(|c| ".!?:;([\"“\n".contains(c))
    };
    if from < first && opens_sentence(from) {
        from = (from + 1..first)
            .find(|&i| name_word(tokens, i))
            .unwrap_or(first);
    }
    // a complement opener and capitalised words right after it
    let mut to = end;
    let opener = tokens.get(end + 1).filter(|t| {
        !t.capital && NAME_COMPLEMENT_OPENERS.contains(&t.text.as_str()) && joined(end, end + 1)
    });
    if opener.is_some() {
        let mut i = end + 2;
        if tokens.get(i).is_some_and(|t| t.text == "the" && !t.capital) {
            i += 1;
        }
        let mut taken = 0;
        while i < tokens.len() && taken < LONGER_NAME_WORDS && joined(i - 1, i) {
            if name_word(tokens, i) {
                to = i;
                taken += 1;
                i += 1;
            } else if NAME_LINKS.contains(&tokens[i].text.as_str())
                && !tokens[i].capital
                && i + 1 < tokens.len()
                && joined(i, i + 1)
                && name_word(tokens, i + 1)
            {
                i += 1;
            } else {
                break;
            }
        }
    }
    (from < first || to > end).then(|| super::key(&text[tokens[from].from..tokens[to].to]))
}

/// Determiners that make a description of what follows them, not a name: "a", "our", "its",
/// "this", "every" ("our National Legislature", "a Harbour Board"). "The" opens names as well
/// as descriptions ("the Harbour Board", "the United Nations") and is left out.
const DESCRIBING_DETERMINERS: &[&str] = &[
    "a", "an", "another", "any", "each", "every", "her", "his", "its", "my", "our", "some", "such",
    "that", "their", "these", "this", "those", "whose", "your",
];

/// True when `word` (folded lower case) is a determiner that describes ("a", "our", "this"...).
pub fn is_describing_determiner(word: &str) -> bool {
    DESCRIBING_DETERMINERS.contains(&word)
}

/// True when a determiner `is_determiner` accepts, in any case, opens the name at token
/// `first`, right before it or with one capitalised word between ("His Gracious Majesty"),
/// in the same clause.
fn determined(
    text: &str,
    tokens: &[Token],
    first: usize,
    is_determiner: impl Fn(&str) -> bool,
) -> bool {
    let joined = |a: usize, b: usize| !breaks_a_name(&text[tokens[a].to..tokens[b].from]);
    let opens = |i: usize| is_determiner(&tokens[i].text);
    if first >= 1 && joined(first - 1, first) && opens(first - 1) {
        return true;
    }
    first >= 2
        && joined(first - 2, first - 1)
        && joined(first - 1, first)
        && tokens[first - 1].capital
        && opens(first - 2)
}

/// The acronym written in brackets right after token `end` ("... Board (HB)", "... Board
/// [HB]"): two letters or more, all capitals.
fn bracketed_acronym(text: &str, tokens: &[Token], end: usize) -> Option<String> {
    let next = tokens.get(end + 1)?;
    let close = match text[tokens[end].to..next.from].trim() {
        "(" => ')',
        "[" => ']',
        _ => return None,
    };
    let written = &text[next.from..next.to];
    let closes = text[next.to..].trim_start().starts_with(close);
    let capitals = written.chars().count() >= 2 && written.chars().all(|c| c.is_uppercase());
    (closes && capitals).then(|| written.to_string())
}

/// The articles that name each phrase of `evidence`: those of the groups (`words`, articles)
/// whose words are the phrase or end with it ("Japan Finance Ministry" names "Finance
/// Ministry" too).
pub fn naming_articles<'g>(
    groups: impl Iterator<Item = (&'g [String], u64)>,
    evidence: &BTreeMap<String, PhraseEvidence>,
) -> FxHashMap<String, u64> {
    let mut named: FxHashMap<String, u64> = FxHashMap::default();
    for (words, articles) in groups {
        for cut in 0..words.len().saturating_sub(1) {
            let tail = words[cut..].join(" ");
            if evidence.contains_key(&tail) {
                *named.entry(tail).or_insert(0) += articles;
            }
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorKind;

    /// Passages of `articles` articles with `per_article` passages each, numbered in order.
    fn passages(articles: u64, per_article: u64) -> Vec<((u64, u64), u32)> {
        let mut all = Vec::new();
        for article in 0..articles {
            for passage in 0..per_article {
                let key = crate::corpus::article_key("wharf.jsonl", &format!("w{article}"));
                all.push(((key, passage), (article * per_article + passage) as u32));
            }
        }
        all
    }

    #[test]
    fn the_sample_is_the_same_whatever_order_the_passages_come_in() {
        let forward = passages(40, 5);
        let mut shuffled = forward.clone();
        shuffled.reverse();
        shuffled.rotate_left(77);
        let kept = bottom_k(forward.iter().copied(), "harbour board", 30);
        assert_eq!(kept.len(), 30);
        assert_eq!(kept, bottom_k(shuffled.into_iter(), "harbour board", 30));
        // another name draws another sample
        assert_ne!(kept, bottom_k(forward.iter().copied(), "tide office", 30));
        assert_eq!(bottom_k(forward[..10].iter().copied(), "x", 30).len(), 10);
    }

    #[test]
    fn the_sample_is_spread_over_the_whole_corpus_not_its_first_articles() {
        // 1,000 articles of 4 passages; of 400 sampled passages, each tenth of the corpus
        // holds about 40.
        let all = passages(1000, 4);
        let kept = bottom_k(all.into_iter(), "harbour board", 400);
        let mut tenths = [0u32; 10];
        for item in kept {
            tenths[item as usize / 400] += 1;
        }
        assert!(tenths.iter().all(|&n| (20..=60).contains(&n)), "{tenths:?}");
    }

    #[test]
    fn occurrences_are_counted_with_their_case_plurals_and_possessives_included() {
        let text = "The harbour board met. Two harbour boards disagreed with the Harbour Board's \
                    chairman; harbour traffic rose. The Harbour board agreed.";
        assert_eq!(count_written(text, &["harbour", "board"]), (4, 2));
        assert_eq!(
            count_written("Bank of Lilliput", &["bank", "of", "lilliput"]),
            (1, 0)
        );
        assert_eq!(count_written("nothing here", &["harbour", "board"]), (0, 0));
    }

    #[test]
    fn a_plural_is_the_names_own_unless_two_names_share_it() {
        let plural = |text: &str| {
            occurrences(text, &["velmora", "harbour", "board"])
                .iter()
                .filter(|o| o.plural)
                .count()
        };
        assert_eq!(plural("Three Velmora Harbour Boards met."), 1);
        assert_eq!(plural("The Tarn and Velmora Harbour Boards met."), 0);
        assert_eq!(plural("Tarn or Velmora Harbour Boards, then."), 0);
        assert_eq!(plural("velmora harbour boards met"), 0);
    }

    #[test]
    fn occurrences_know_the_longer_name_around_them_and_a_bracketed_acronym() {
        let words = ["harbour", "board"];
        let text = "Yesterday the Tarnian Harbour Board met. Harbour Board of Upper Velmora \
                    members spoke; the Harbour Board [HB] agreed. Harbour Board rules, the \
                    harbour board, Heads of Pier and Harbour Board in Quill.";
        let found = occurrences(text, &words);
        let longer: Vec<Option<&str>> = found.iter().map(|o| o.longer.as_deref()).collect();
        assert_eq!(
            longer,
            [
                Some("tarnian harbour board"),
                Some("harbour board of upper velmora"),
                None,
                None,
                None,
                Some("heads of pier harbour board in quill"),
            ]
        );
        let acronyms: Vec<Option<&str>> = found.iter().map(|o| o.acronym.as_deref()).collect();
        assert_eq!(acronyms, [None, None, Some("HB"), None, None, None]);
        assert_eq!(found.iter().filter(|o| o.lower).count(), 1);
        assert_eq!(found.iter().filter(|o| o.as_named).count(), 5);
        let plural = occurrences("Two Harbour Boards of Quill met.", &words);
        assert!(!plural[0].as_named && plural[0].longer.is_none());
    }

    #[test]
    fn occurrences_know_the_determiner_that_opens_them() {
        let text = "Then His Gracious Highness spoke; our Chief Warden, the Warden and the \
                    Grand Warden left. Warden Tarrant: the Warden rules, a warden came.";
        let found = occurrences(text, &["warden"]);
        let opened: Vec<(bool, bool, bool)> = found
            .iter()
            .map(|o| (o.determined, o.after_the, o.modifies))
            .collect();
        assert_eq!(
            opened,
            [
                (true, false, false),
                (false, true, false),
                // a verb after it reads as a noun it modifies: left uncounted
                (false, true, true),
                (false, false, false),
                (false, true, true),
                (true, false, true),
            ]
        );
        let highness = occurrences(text, &["gracious", "highness"]);
        assert!(highness[0].determined);
    }

    #[test]
    fn occurrences_know_the_numeral_written_after_them_in_running_text() {
        let text = "Quay Radio 4's host left. Quay Radio 4 aired it, and Quay Radio IV.\n\
                    Quay Radio 3 Tarrow 1\nQuay Radio 12\nQuay Radio 2 1\nquay radio 5 said \
                    Quay Radio 20000 and Quay Radio  7 then Quay Radio 9";
        let found = occurrences(text, &["quay", "radio"]);
        let numerals: Vec<Option<&str>> = found.iter().map(|o| o.numbered.as_deref()).collect();
        assert_eq!(
            numerals,
            [
                Some("4"),
                Some("4"),
                Some("IV"),
                // a table's rows: a name after it, a line break, another number
                None,
                None,
                None,
                // written in lower case, too long to be a name's numeral, two spaces
                None,
                None,
                None,
                // the passage ends with it
                Some("9"),
            ]
        );
    }

    #[test]
    fn phrases_named_in_few_of_their_articles_or_written_in_lower_case_are_generic() {
        let mostly_named = PhraseEvidence {
            articles: 100,
            written: 40,
            lower: 2,
            ..PhraseEvidence::default()
        };
        assert!(!mostly_named.is_generic(90));
        // Named in a tenth of the articles that contain it.
        assert!(mostly_named.is_generic(10));
        let often_lower = PhraseEvidence {
            articles: 100,
            written: 40,
            lower: 30,
            ..PhraseEvidence::default()
        };
        assert!(often_lower.is_generic(90));
        assert!(!PhraseEvidence::default().is_generic(0));
        let rare = PhraseEvidence {
            articles: 4,
            written: 4,
            lower: 4,
            ..PhraseEvidence::default()
        };
        assert!(!rare.is_generic(0));
    }

    #[test]
    fn only_names_of_common_words_are_candidates() {
        let form = |name: &str, articles| Form {
            name: name.to_string(),
            kind: ActorKind::Org,
            articles,
        };
        let forms = [
            form("River Board", 5),
            form("River Boards", 1),
            form("Zorblax River", 9),
            form("Lighthouse Keepers", 2),
            form("RIVER WATCH", 9),
            form("Rain", 9),
            form("Sun and Moon", 9),
        ];
        assert_eq!(phrase_candidates(&forms), vec!["river board".to_string()]);
    }
}
