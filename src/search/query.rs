//! Query language: what people type, read forgivingly, turned into a tantivy query.
//!
//! Plain words are ranked with BM25 (OR semantics); `"phrases"`, `+must`, `-not`, `title:word`
//! and `AND`/`OR`/`NOT` work where the user means them. Nothing here is a syntax error: text
//! that merely looks like syntax (`Putin's`, `U.S.-Russia talks (Geneva)`, an all-caps headline
//! with `IN`/`AND`) is searched as words. An all-caps query is taken as a pasted headline, so
//! its `AND`/`OR`/`NOT` are words, not operators.

use std::collections::BTreeMap;

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::SearchError;
use crate::schema::{analyze, field_name, AnalyzedToken, Fields};

/// Whether a clause must, may or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Presence {
    /// Ranks the match; at least one such clause matches when there is no `Must`.
    Should,
    /// Every match has it (`+word`, `a AND b`).
    Must,
    /// No match has it (`-word`, `NOT word`).
    MustNot,
}

impl Presence {
    /// The tantivy occurrence of a clause with this presence.
    pub fn occur(self) -> Occur {
        match self {
            Presence::Should => Occur::Should,
            Presence::Must => Occur::Must,
            Presence::MustNot => Occur::MustNot,
        }
    }
}

/// Which text a clause searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Title and passage text (the default).
    Body,
    /// The headline only (`title:`).
    Title,
}

/// One unit of a parsed query: a word or a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Must, should or must not.
    pub presence: Presence,
    /// Where it is searched.
    pub target: Target,
    /// The text as typed, without quotes or operators.
    pub text: String,
    /// Whether it was quoted.
    pub phrase: bool,
}

/// Parses a query string into clauses; never fails.
pub fn parse_query(input: &str) -> Vec<Clause> {
    let operators_enabled = input.chars().any(|c| c.is_lowercase());
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending = Presence::Should;
    let mut and_pending = false;
    let mut rest = input;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
        if rest.is_empty() {
            break;
        }
        // A leading + or - is an operator only when a word follows directly.
        let mut presence = pending;
        let mut explicit = false;
        if let Some(after) = rest.strip_prefix(['+', '-']) {
            if after.starts_with(|c: char| c.is_alphanumeric() || c == '"') {
                presence = if rest.starts_with('+') {
                    Presence::Must
                } else {
                    Presence::MustNot
                };
                explicit = true;
                rest = after;
            }
        }
        let mut target = Target::Body;
        if let Some(after) = strip_prefix_ignore_case(rest, "title:") {
            if after.starts_with(|c: char| c.is_alphanumeric() || c == '"') {
                target = Target::Title;
                rest = after;
            }
        }
        let (text, phrase, after) = if let Some(quoted) = rest.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (&quoted[..end], true, &quoted[end + 1..]),
                None => (quoted, true, ""),
            }
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
                .unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        rest = after;
        if operators_enabled && !phrase && !explicit && target == Target::Body {
            match text {
                "AND" if !clauses.is_empty() => {
                    and_pending = true;
                    if let Some(last) = clauses.last_mut() {
                        if last.presence == Presence::Should {
                            last.presence = Presence::Must;
                        }
                    }
                    continue;
                }
                "OR" if !clauses.is_empty() => continue,
                "NOT" => {
                    pending = Presence::MustNot;
                    continue;
                }
                _ => {}
            }
        }
        if and_pending && presence == Presence::Should {
            presence = Presence::Must;
        }
        and_pending = false;
        pending = Presence::Should;
        if text.trim().is_empty() {
            continue;
        }
        clauses.push(Clause {
            presence,
            target,
            text: text.to_string(),
            phrase,
        });
    }
    clauses
}

/// The Snowball project's English stop words that the index keeps (it drops only
/// [`crate::schema::STOP_WORDS`]): pronouns, auxiliaries, question words, prepositions and
/// quantifiers. The list's `us` is left out (`US` typed in lower case), and its contractions
/// (`don't`) are split by the analyzer into parts that are stop words already or kept.
pub const QUERY_STOP_WORDS: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "its",
    "itself",
    "them",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "those",
    "am",
    "were",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "would",
    "should",
    "could",
    "ought",
    "cannot",
    "because",
    "until",
    "while",
    "about",
    "against",
    "between",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "from",
    "up",
    "down",
    "out",
    "off",
    "over",
    "under",
    "again",
    "further",
    "once",
    "here",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "nor",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
];

/// The analysed terms of a query as newsdex searches them (query stop words left out as in
/// [`compile_on`]), every clause's, without syntax: what the bench's bare-tantivy baseline
/// searches.
pub fn searched_terms(input: &str) -> Vec<String> {
    let clauses = parse_query(input);
    let analyzed: Vec<_> = clauses.iter().map(|c| analyze(&c.text)).collect();
    let stops = query_stop_tokens(&clauses, &analyzed);
    let mut terms = Vec::new();
    for (order, tokens) in analyzed.into_iter().enumerate() {
        for (index, token) in tokens.into_iter().enumerate() {
            let stop = stops
                .get(order)
                .and_then(|s| s.get(index))
                .copied()
                .unwrap_or(false);
            if !stop {
                terms.push(token.term);
            }
        }
    }
    terms
}

/// Which analyzed tokens of each clause are query stop words, to be left out of the passage
/// and whole-article queries (and of highlighting): words of [`QUERY_STOP_WORDS`] among the
/// plain words (unquoted, positive, not `title:`). A word written in capitals in a query that
/// is not all capitals (`WHO`) is an acronym and stays. When leaving them out would leave no
/// positive word, none is left out.
///
/// Such words match nearly everywhere; in a long natural-language query ("what problems are
/// there in ...") their small BM25 scores add up and favour long texts that merely use many
/// of them. The index keeps them, so a quoted phrase still finds "after the war".
fn query_stop_tokens(clauses: &[Clause], analyzed: &[Vec<AnalyzedToken>]) -> Vec<Vec<bool>> {
    let mixed_case = clauses
        .iter()
        .any(|c| c.text.chars().any(|ch| ch.is_lowercase()));
    let mut remaining = 0;
    let stops: Vec<Vec<bool>> = clauses
        .iter()
        .zip(analyzed)
        .map(|(clause, tokens)| {
            let plain = clause.presence == Presence::Should
                && !clause.phrase
                && clause.target == Target::Body;
            let flags: Vec<bool> = tokens
                .iter()
                .map(|token| {
                    let word = &clause.text[token.start..token.end];
                    let acronym = mixed_case
                        && word.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && !word.chars().any(|c| c.is_lowercase());
                    plain && !acronym && QUERY_STOP_WORDS.contains(&word.to_lowercase().as_str())
                })
                .collect();
            if clause.presence != Presence::MustNot {
                remaining += flags.iter().filter(|stop| !**stop).count();
            }
            flags
        })
        .collect();
    if remaining == 0 {
        return Vec::new();
    }
    stops
}

/// Fields a query can name with `field:`.
pub const QUERY_FIELDS: &[&str] = &[field_name::TITLE];

/// Rejects `name:word` where `name` looks like a field (lowercase letters and `_`, the word
/// right after the colon) but is not one, so that a typo such as `titel:Putin` is an error
/// rather than a silent search for "titel". Text that merely has a colon (`Note: the end`,
/// `10:30`, `http://`) is left alone.
pub fn check_fields(input: &str) -> Result<(), SearchError> {
    for word in input.split_whitespace() {
        let word = word.trim_start_matches(['+', '-', '(']);
        let Some((name, rest)) = word.split_once(':') else {
            continue;
        };
        let looks_like_field = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && rest.starts_with(|c: char| c.is_alphanumeric() || c == '"');
        if looks_like_field && !QUERY_FIELDS.contains(&name) {
            return Err(SearchError::UnknownField {
                field: name.to_string(),
                word: word.to_string(),
            });
        }
    }
    Ok(())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A query ready to run, and the terms and phrases to highlight in what it finds.
pub struct CompiledQuery {
    /// The tantivy query (None when nothing searchable was typed, e.g. only stop words).
    pub query: Option<Box<dyn Query>>,
    /// Analyzed terms of the positive clauses, for highlighting.
    pub highlight_terms: Vec<String>,
    /// Analyzed phrases (two terms or more) of the positive clauses, for highlighting.
    pub highlight_phrases: Vec<Vec<String>>,
    /// The same, analysed in each language other than English the query was compiled for.
    pub language_highlights: Vec<LanguageHighlights>,
}

/// The terms and phrases to highlight in the passages of one language other than English.
#[derive(Debug, Clone, Default)]
pub struct LanguageHighlights {
    /// The language's code (see [`crate::lang`]).
    pub code: String,
    /// Analyzed terms of the positive clauses.
    pub terms: Vec<String>,
    /// Analyzed phrases (two terms or more) of the positive clauses.
    pub phrases: Vec<Vec<String>>,
}

/// Analyzes each clause with the index's analyzer and builds the tantivy query.
///
/// Repeated words count: `oil oil price` weighs `oil` twice (tantivy's own parser would drop the
/// repeat). A word that analyzes into several terms (`U.S.-Russia`) is searched as a phrase.
pub fn compile(clauses: &[Clause], fields: &Fields) -> CompiledQuery {
    compile_on(clauses, fields, fields.body)
}

/// Like [`compile`], with plain words searched in `body` (the passage or the article field).
pub fn compile_on(clauses: &[Clause], fields: &Fields, body: Field) -> CompiledQuery {
    compile_in(clauses, fields, body, &[])
}

/// Like [`compile_on`], each clause also analysed in each of `languages` (codes other than
/// English, see [`crate::lang`]): documents in those languages were indexed with their own
/// analyzer, so a clause matches any of its analyses (`Sanktionen` is `sanktionen` in English
/// and `sanktion` in German). With no other language, this is the English query alone.
pub fn compile_in(
    clauses: &[Clause],
    fields: &Fields,
    body: Field,
    languages: &[String],
) -> CompiledQuery {
    let (groups, highlights) = group_clauses(clauses, fields, body, languages);
    // The article field keeps no positions (index size): phrases there become conjunctions of
    // their words.
    let positions = body != fields.article;
    let mut subqueries: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut positive = false;
    for group in groups {
        let build = |terms: &[(usize, String)]| {
            if positions || group.field != body {
                term_or_phrase(group.field, terms)
            } else {
                all_terms(group.field, terms)
            }
        };
        let query: Box<dyn Query> = if group.variants.len() == 1 {
            build(&group.variants[0])
        } else {
            Box::new(BooleanQuery::new(
                group
                    .variants
                    .iter()
                    .map(|terms| (Occur::Should, build(terms)))
                    .collect(),
            ))
        };
        let query: Box<dyn Query> = if group.count > 1.0 {
            Box::new(BoostQuery::new(query, group.count))
        } else {
            query
        };
        positive |= group.presence != Presence::MustNot;
        subqueries.push((group.presence.occur(), query));
    }
    let query: Option<Box<dyn Query>> = if subqueries.is_empty() {
        None
    } else {
        if !positive {
            // `-word` alone means everything but word.
            subqueries.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(subqueries)))
    };
    let mut highlights = highlights.into_iter();
    let english = highlights.next().unwrap_or_default();
    CompiledQuery {
        query,
        highlight_terms: english.terms,
        highlight_phrases: english.phrases,
        language_highlights: highlights.collect(),
    }
}

/// The analysed terms of equal clauses (same presence, field and terms), counted.
struct ClauseGroup {
    presence: Presence,
    field: Field,
    /// Terms with their positions from the first: the English analysis, then each other
    /// language's that differs from the ones before it.
    variants: Vec<Vec<(usize, String)>>,
    /// How many clauses were the same: repeats add weight.
    count: f32,
}

/// Analyses the clauses (leaving the query stop words out) and merges equal ones, in the order
/// each was first seen; also the terms and phrases of the positive clauses to highlight, for
/// English first, then for each of `languages`.
fn group_clauses(
    clauses: &[Clause],
    fields: &Fields,
    body: Field,
    languages: &[String],
) -> (Vec<ClauseGroup>, Vec<LanguageHighlights>) {
    type GroupKey = (Presence, u32, Vec<Vec<(usize, String)>>);
    // Group -> (first seen, count).
    let mut groups: BTreeMap<GroupKey, (usize, f32)> = BTreeMap::new();
    let mut highlights: Vec<LanguageHighlights> = std::iter::once(crate::lang::ENGLISH)
        .chain(languages.iter().map(String::as_str))
        .map(|code| LanguageHighlights {
            code: code.to_string(),
            ..LanguageHighlights::default()
        })
        .collect();
    let mut analyzers: Vec<_> = languages
        .iter()
        .map(|code| crate::schema::analyzer_for(code))
        .collect();
    let analyzed: Vec<_> = clauses.iter().map(|c| analyze(&c.text)).collect();
    let query_stop_words = query_stop_tokens(clauses, &analyzed);
    for (order, (clause, tokens)) in clauses.iter().zip(analyzed).enumerate() {
        let mut tokens = tokens;
        if let Some(stops) = query_stop_words.get(order) {
            let mut index = 0;
            tokens.retain(|_| {
                index += 1;
                !stops[index - 1]
            });
        }
        if tokens.is_empty() {
            continue;
        }
        let mut analyses = vec![relative_terms(&tokens)];
        for analyzer in &mut analyzers {
            analyses.push(relative_terms(&crate::schema::analyze_with(
                analyzer,
                &clause.text,
            )));
        }
        if clause.presence != Presence::MustNot {
            for (terms, highlight) in analyses.iter().zip(&mut highlights) {
                for (_, term) in terms {
                    if !highlight.terms.contains(term) {
                        highlight.terms.push(term.clone());
                    }
                }
                if terms.len() > 1 {
                    highlight
                        .phrases
                        .push(terms.iter().map(|(_, t)| t.clone()).collect());
                }
            }
        }
        let mut variants: Vec<Vec<(usize, String)>> = Vec::with_capacity(analyses.len());
        for terms in analyses {
            if !terms.is_empty() && !variants.contains(&terms) {
                variants.push(terms);
            }
        }
        let field = match clause.target {
            Target::Body => body,
            Target::Title => fields.title,
        };
        let entry = groups
            .entry((clause.presence, field.field_id(), variants))
            .or_insert((order, 0.0));
        entry.1 += 1.0;
    }
    let mut ordered: Vec<_> = groups.into_iter().collect();
    ordered.sort_by_key(|(_, (order, _))| *order);
    let groups = ordered
        .into_iter()
        .map(|((presence, field_id, variants), (_, count))| ClauseGroup {
            presence,
            field: Field::from_field_id(field_id),
            variants,
            count,
        })
        .collect();
    (groups, highlights)
}

/// Analysed tokens as terms with their positions from the first.
fn relative_terms(tokens: &[AnalyzedToken]) -> Vec<(usize, String)> {
    let first = tokens.first().map_or(0, |t| t.position);
    tokens
        .iter()
        .map(|t| (t.position - first, t.term.clone()))
        .collect()
}

/// Every term of a phrase, in any order (for a field without positions).
fn all_terms(field: Field, terms: &[(usize, String)]) -> Box<dyn Query> {
    if terms.len() == 1 {
        return term_or_phrase(field, terms);
    }
    Box::new(BooleanQuery::new(
        terms
            .iter()
            .map(|(_, term)| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Must, query)
            })
            .collect(),
    ))
}

fn term_or_phrase(field: Field, terms: &[(usize, String)]) -> Box<dyn Query> {
    if terms.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &terms[0].1),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new_with_offset(
            terms
                .iter()
                .map(|(offset, term)| (*offset, Term::from_field_text(field, term)))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(presence: Presence, target: Target, text: &str, phrase: bool) -> Clause {
        Clause {
            presence,
            target,
            text: text.to_string(),
            phrase,
        }
    }

    fn shape(input: &str) -> Vec<(Presence, Target, String, bool)> {
        parse_query(input)
            .into_iter()
            .map(|c| (c.presence, c.target, c.text, c.phrase))
            .collect()
    }

    use Presence::*;
    use Target::*;

    #[test]
    fn plain_words_are_should() {
        assert_eq!(
            parse_query("sanctions Putin"),
            vec![
                clause(Should, Body, "sanctions", false),
                clause(Should, Body, "Putin", false)
            ]
        );
    }

    #[test]
    fn syntax_cases() {
        type Expected<'a> = Vec<(Presence, Target, &'a str, bool)>;
        let cases: Vec<(&str, Expected)> = vec![
            (
                "\"security guarantees\"",
                vec![(Should, Body, "security guarantees", true)],
            ),
            (
                "+nato -turkey",
                vec![
                    (Must, Body, "nato", false),
                    (MustNot, Body, "turkey", false),
                ],
            ),
            ("title:talks", vec![(Should, Title, "talks", false)]),
            (
                "title:\"peace talks\"",
                vec![(Should, Title, "peace talks", true)],
            ),
            (
                "gas AND oil",
                vec![(Must, Body, "gas", false), (Must, Body, "oil", false)],
            ),
            (
                "gas OR oil",
                vec![(Should, Body, "gas", false), (Should, Body, "oil", false)],
            ),
            (
                "gas NOT oil",
                vec![(Should, Body, "gas", false), (MustNot, Body, "oil", false)],
            ),
            // An all-caps headline: AND, IN and NOT are words.
            (
                "OIL AND GAS IN NORWAY",
                vec![
                    (Should, Body, "OIL", false),
                    (Should, Body, "AND", false),
                    (Should, Body, "GAS", false),
                    (Should, Body, "IN", false),
                    (Should, Body, "NORWAY", false),
                ],
            ),
            (
                "Putin's speech",
                vec![
                    (Should, Body, "Putin's", false),
                    (Should, Body, "speech", false),
                ],
            ),
            (
                "U.S.-Russia talks (Geneva)",
                vec![
                    (Should, Body, "U.S.-Russia", false),
                    (Should, Body, "talks", false),
                    (Should, Body, "Geneva", false),
                ],
            ),
            (
                "recombination - defective",
                vec![
                    (Should, Body, "recombination", false),
                    (Should, Body, "-", false),
                    (Should, Body, "defective", false),
                ],
            ),
            (
                "\"unterminated phrase",
                vec![(Should, Body, "unterminated phrase", true)],
            ),
            (
                "Note: the end",
                vec![
                    (Should, Body, "Note:", false),
                    (Should, Body, "the", false),
                    (Should, Body, "end", false),
                ],
            ),
            ("", vec![]),
            ("  ( ) \"\" ", vec![]),
        ];
        for (input, expected) in cases {
            let expected: Vec<_> = expected
                .into_iter()
                .map(|(p, t, s, ph)| (p, t, s.to_string(), ph))
                .collect();
            assert_eq!(shape(input), expected, "{input}");
        }
    }

    #[test]
    fn unknown_fields_are_errors_but_colons_in_text_are_not() {
        for ok in [
            "title:talks",
            "Note: the end",
            "at 10:30",
            "http://x.org",
            "U.S.:Russia",
            "a:",
        ] {
            assert_eq!(check_fields(ok), Ok(()), "{ok}");
        }
        for bad in ["titel:Putin", "sanctions author:smith", "+body:\"x y\""] {
            assert!(
                matches!(check_fields(bad), Err(SearchError::UnknownField { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn query_stop_words_are_plain_words_but_not_acronyms() {
        let stops = |q: &str| -> Vec<Vec<bool>> {
            let clauses = parse_query(q);
            let analyzed: Vec<_> = clauses.iter().map(|c| analyze(&c.text)).collect();
            query_stop_tokens(&clauses, &analyzed)
        };
        assert_eq!(
            stops("What problems have been solved"),
            [vec![true], vec![false], vec![true], vec![true], vec![false]]
        );
        // Quoted, `title:` and `+` words are kept; so is an acronym in a mixed-case query.
        assert_eq!(
            stops("\"after hours\" title:when +before WHO vaccine"),
            [
                vec![false, false],
                vec![false],
                vec![false],
                vec![false],
                vec![false]
            ]
        );
        // In an all-caps headline, capitals are not acronyms.
        assert_eq!(stops("WHO WON"), [vec![true], vec![false]]);
        // A query of nothing but such words keeps them.
        assert!(stops("where were you").is_empty());
        assert!(stops("how -about").is_empty());
    }

    #[test]
    fn searched_terms_are_the_compiled_words() {
        // Query stop words go; phrase words and excluded words stay, as analysed.
        assert_eq!(
            searched_terms("How did \"interest rates\" move after -oil"),
            ["interest", "rate", "move", "oil"]
        );
    }

    #[test]
    fn query_stop_words_leave_both_queries() {
        let fields = Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let clauses = parse_query("how strong was the quake");
        let terms = |body: Field| -> Vec<String> {
            let query = compile_on(&clauses, &fields, body).query.unwrap();
            let mut terms = Vec::new();
            query
                .query_terms(&mut |term, _| terms.push(term.value().as_str().unwrap().to_string()));
            terms
        };
        assert_eq!(terms(fields.article), ["strong", "quak"]);
        assert_eq!(terms(fields.body), ["strong", "quak"]);
        // Nor are they highlighted.
        let compiled = compile(&clauses, &fields);
        assert_eq!(compiled.highlight_terms, ["strong", "quak"]);
    }

    /// Each clause is the OR of its analyses in the languages asked for; without another
    /// language the query is the English one alone.
    #[test]
    fn other_languages_add_their_analyses() {
        let fields = Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let clauses = parse_query("Sanktionen oil");
        let terms = |languages: &[String]| -> Vec<String> {
            let query = compile_in(&clauses, &fields, fields.body, languages)
                .query
                .unwrap();
            let mut terms = Vec::new();
            query
                .query_terms(&mut |term, _| terms.push(term.value().as_str().unwrap().to_string()));
            terms
        };
        assert_eq!(terms(&[]), ["sanktionen", "oil"]);
        // `oil` is `oil` in German too: one term, not two.
        assert_eq!(
            terms(&["de".to_string()]),
            ["sanktionen", "sanktion", "oil"]
        );
        let compiled = compile_in(&clauses, &fields, fields.body, &["de".to_string()]);
        assert_eq!(compiled.highlight_terms, ["sanktionen", "oil"]);
        assert_eq!(compiled.language_highlights.len(), 1);
        assert_eq!(compiled.language_highlights[0].code, "de");
        assert_eq!(compiled.language_highlights[0].terms, ["sanktion", "oil"]);
    }

    #[test]
    fn compile_skips_stop_words_and_builds_phrases() {
        let fields = Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let compiled = compile(&parse_query("the of"), &fields);
        assert!(compiled.query.is_none());
        let compiled = compile(&parse_query("U.S.-Russia talks talks"), &fields);
        assert!(compiled.query.is_some());
        assert_eq!(compiled.highlight_terms, ["u", "russia", "talk"]);
        assert_eq!(compiled.highlight_phrases, vec![vec!["u", "russia"]]);
    }
}
