//! Why a search cannot run: one variant per cause, each naming the value at fault.

/// A search request the index cannot answer as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// No actor of the index has this name, alias or surname.
    #[error("{}", unknown_actor_message(.name, .suggestions))]
    UnknownActor {
        /// The name as given.
        name: String,
        /// The closest known names (at most three), best first.
        suggestions: Vec<String>,
    },
    /// No article of the index comes from this source.
    #[error("{}", unknown_source_message(.name, .suggestions))]
    UnknownSource {
        /// The name as given.
        name: String,
        /// The closest sources of the index (at most three), best first.
        suggestions: Vec<String>,
    },
    /// No article of the index is in this language.
    #[error("no article in the index is in language {code:?}; its languages: {}", .known.join(", "))]
    UnknownLanguage {
        /// The code as given.
        code: String,
        /// The languages of the index's articles.
        known: Vec<String>,
    },
    /// The surname belongs to several actors.
    #[error("actor {name:?} is ambiguous: {}", .candidates.join(", "))]
    AmbiguousActor {
        /// The name as given.
        name: String,
        /// The actors it could mean.
        candidates: Vec<String>,
    },
    /// `--from` starts after `--to` ends.
    #[error("--from {from} is after --to {to}: the date range is empty")]
    EmptyDateRange {
        /// `--from`, as precise as given.
        from: String,
        /// `--to`, as precise as given.
        to: String,
    },
    /// The query text is longer than a search takes.
    #[error("query is {bytes} bytes, over the {limit} byte limit")]
    QueryTooLong {
        /// Length of the query, in bytes.
        bytes: usize,
        /// The limit, [`crate::search::MAX_QUERY_BYTES`].
        limit: usize,
    },
    /// `name:word` where `name` looks like a field but is none that can be searched.
    #[error("unknown field {field:?} in {word:?}; the field you can name is title (title:word)")]
    UnknownField {
        /// The name before the colon.
        field: String,
        /// The word as typed.
        word: String,
    },
    /// Query words that are all stop words or punctuation, and no filter.
    #[error("no searchable words, only stop words or punctuation: {query}")]
    OnlyStopWords {
        /// The query as given.
        query: String,
    },
    /// Neither query words nor a filter.
    #[error("nothing to search for: give a query, or a filter such as --actor or --from")]
    NothingToSearch,
    /// `show` found no article with this id.
    #[error("{}", match .path {
        Some(path) => format!("no article {:?} from {path} in the index", .article_id),
        None => format!("no article {:?} in the index", .article_id),
    })]
    NoSuchArticle {
        /// The id asked for.
        article_id: String,
        /// The file it was asked from, if any.
        path: Option<String>,
    },
    /// `show` found the id in several files and needs `--path`.
    #[error("article id {article_id:?} is in {} files ({}); name one with --path", .paths.len(), .paths.join(", "))]
    ArticleInSeveralFiles {
        /// The id asked for.
        article_id: String,
        /// The files that hold it, sorted.
        paths: Vec<String>,
    },
}

impl SearchError {
    /// Whether the query text itself is at fault, so that the same filters with another
    /// text could run: a query file skips such a query and goes on with the next.
    pub fn is_in_query_text(&self) -> bool {
        match self {
            SearchError::QueryTooLong { .. }
            | SearchError::UnknownField { .. }
            | SearchError::OnlyStopWords { .. } => true,
            SearchError::UnknownActor { .. }
            | SearchError::UnknownSource { .. }
            | SearchError::UnknownLanguage { .. }
            | SearchError::AmbiguousActor { .. }
            | SearchError::EmptyDateRange { .. }
            | SearchError::NothingToSearch
            | SearchError::NoSuchArticle { .. }
            | SearchError::ArticleInSeveralFiles { .. } => false,
        }
    }
}

fn unknown_source_message(name: &str, suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        format!("unknown source {name:?}: no article in the index comes from it (newsdex sources lists them)")
    } else {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
        format!(
            "unknown source {name:?}; did you mean {}?",
            quoted.join(" or ")
        )
    }
}

fn unknown_actor_message(name: &str, suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        format!("unknown actor {name:?}: no article in the index mentions it")
    } else {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
        format!(
            "unknown actor {name:?}; did you mean {}?",
            quoted.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_lowercase_line_naming_the_value() {
        let cases = [
            (
                SearchError::UnknownActor {
                    name: "Putn".into(),
                    suggestions: vec!["Vladimir Putin".into()],
                },
                "unknown actor \"Putn\"; did you mean \"Vladimir Putin\"?",
            ),
            (
                SearchError::UnknownActor {
                    name: "Nobody".into(),
                    suggestions: vec![],
                },
                "unknown actor \"Nobody\": no article in the index mentions it",
            ),
            (
                SearchError::UnknownSource {
                    name: "Harbor Wire".into(),
                    suggestions: vec!["harbour wire".into()],
                },
                "unknown source \"Harbor Wire\"; did you mean \"harbour wire\"?",
            ),
            (
                SearchError::AmbiguousActor {
                    name: "Smith".into(),
                    candidates: vec!["Ann Smith".into(), "Bob Smith".into()],
                },
                "actor \"Smith\" is ambiguous: Ann Smith, Bob Smith",
            ),
            (
                SearchError::NoSuchArticle {
                    article_id: "a1".into(),
                    path: Some("x.jsonl".into()),
                },
                "no article \"a1\" from x.jsonl in the index",
            ),
            (
                SearchError::ArticleInSeveralFiles {
                    article_id: "a1".into(),
                    paths: vec!["x.jsonl".into(), "y.jsonl".into()],
                },
                "article id \"a1\" is in 2 files (x.jsonl, y.jsonl); name one with --path",
            ),
            (
                SearchError::QueryTooLong {
                    bytes: 12_000,
                    limit: 10_000,
                },
                "query is 12000 bytes, over the 10000 byte limit",
            ),
            (
                SearchError::UnknownField {
                    field: "titel".into(),
                    word: "titel:Putin".into(),
                },
                "unknown field \"titel\" in \"titel:Putin\"; the field you can name is title (title:word)",
            ),
            (
                SearchError::OnlyStopWords {
                    query: "the of".into(),
                },
                "no searchable words, only stop words or punctuation: the of",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }
}
