//! A request's query string, checked against the parameters its route takes: the names are the
//! command line's flags (`q` for the query text), an unknown or repeated name is an error.

use crate::search::FilterText;

use super::ApiError;

/// The parameters every query route takes: the command line's filter flags.
pub const FILTERS: &[&str] = &["from", "to", "actor", "source", "lang", "said-by"];

/// Parameters that may be given more than once, as their flags may.
const REPEATABLE: &[&str] = &["actor", "source", "lang", "said-by"];

/// The decoded `name=value` pairs of one request.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes a query string, refusing a name the route does not take (`allowed`, plus the
    /// filters when `filters` is set) and a non-repeatable name given twice.
    pub fn parse(raw: Option<&str>, allowed: &[&str], filters: bool) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        // The decoder replaces bytes that are not UTF-8; a query string that needed it is
        // refused rather than searched for as something the user did not type.
        if pairs
            .iter()
            .any(|(name, value)| name.contains('\u{FFFD}') || value.contains('\u{FFFD}'))
        {
            return Err(ApiError::bad_request(
                "malformed query string: a percent-escape is not UTF-8",
            ));
        }
        let takes = |name: &str| allowed.contains(&name) || (filters && FILTERS.contains(&name));
        for (at, (name, _)) in pairs.iter().enumerate() {
            if !takes(name) {
                let mut known: Vec<&str> = allowed.to_vec();
                if filters {
                    known.extend_from_slice(FILTERS);
                }
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?}; this route takes {}",
                    known.join(", ")
                )));
            }
            if !REPEATABLE.contains(&name.as_str()) && pairs[..at].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad_request(format!(
                    "parameter {name:?} is given twice"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of a parameter given at most once.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a parameter the route needs.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        match self.text(name) {
            Some(value) if !value.trim().is_empty() => Ok(value),
            _ => Err(ApiError::bad_request(format!(
                "parameter {name:?} is required"
            ))),
        }
    }

    /// Every value of a repeatable parameter, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A whole number from `min` to `max`, `default` when absent.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, ApiError> {
        let Some(text) = self.text(name) else {
            return Ok(default);
        };
        let value: u64 = text.trim().parse().map_err(|_| {
            ApiError::bad_request(format!("{name}: {text:?} is not a whole number"))
        })?;
        if value < min {
            return Err(ApiError::bad_request(format!(
                "{name}: must be at least {min}"
            )));
        }
        if value > max {
            return Err(ApiError::bad_request(format!(
                "{name}: {value} is over the limit of {max}"
            )));
        }
        Ok(value)
    }

    /// A switch: absent is false; empty, `1`, `true` or `yes` is true; `0`, `false` or `no` is
    /// false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name).map(str::trim) {
            None => Ok(false),
            Some("" | "1" | "true" | "yes") => Ok(true),
            Some("0" | "false" | "no") => Ok(false),
            Some(other) => Err(ApiError::bad_request(format!(
                "{name}: {other:?} is not true or false"
            ))),
        }
    }

    /// One of a fixed set of words (a `ValueEnum` flag's values), `default` when absent.
    pub fn choice<T: Copy>(
        &self,
        name: &str,
        default: T,
        choices: &[(&str, T)],
    ) -> Result<T, ApiError> {
        let Some(text) = self.text(name) else {
            return Ok(default);
        };
        choices
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(text.trim()))
            .map(|&(_, value)| value)
            .ok_or_else(|| {
                let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
                ApiError::bad_request(format!(
                    "{name}: {text:?} is not one of {}",
                    words.join(", ")
                ))
            })
    }

    /// The filters, as typed.
    pub fn filters(&self) -> FilterText {
        FilterText {
            from: self.text("from").map(str::to_string),
            to: self.text("to").map(str::to_string),
            actors: self.all("actor"),
            sources: self.all("source"),
            languages: self.all("lang"),
            said_by: self.all("said-by"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Params, ApiError> {
        Params::parse(Some(raw), &["q", "limit", "stories"], true)
    }

    #[test]
    fn names_are_checked_and_values_decoded() {
        let params = parse("q=harbour+strike%21&actor=Ada%20Quill&actor=Port+Board").unwrap();
        assert_eq!(params.text("q"), Some("harbour strike!"));
        assert_eq!(params.all("actor"), ["Ada Quill", "Port Board"]);
        assert_eq!(params.filters().actors.len(), 2);
        let err = parse("q=x&colour=red").unwrap_err();
        assert!(
            err.message.contains("unknown parameter \"colour\""),
            "{err:?}"
        );
        let err = parse("q=%FF%FE").unwrap_err();
        assert!(err.message.contains("not UTF-8"), "{err:?}");
        let err = parse("q=x&q=y").unwrap_err();
        assert!(err.message.contains("given twice"), "{err:?}");
    }

    #[test]
    fn numbers_and_flags_are_bounded() {
        let params = parse("limit=500&stories=maybe").unwrap();
        assert!(params
            .number("limit", 10, 1, 100)
            .unwrap_err()
            .message
            .contains("over the limit of 100"));
        assert_eq!(parse("").unwrap().number("limit", 10, 1, 100).unwrap(), 10);
        assert!(parse("limit=0")
            .unwrap()
            .number("limit", 10, 1, 100)
            .is_err());
        assert!(parse("limit=ten")
            .unwrap()
            .number("limit", 10, 1, 100)
            .is_err());
        assert!(params.flag("stories").is_err());
        assert!(parse("stories").unwrap().flag("stories").unwrap());
        assert!(!parse("stories=0").unwrap().flag("stories").unwrap());
    }
}
