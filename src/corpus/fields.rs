//! Fields: which column or key of a CSV row, JSON object or JSONL line holds an article's id,
//! title, date, body and source (common names by default, `--field ROLE=NAME` on top), and how
//! a record's values become an [`Article`].

use super::source::normalise_source;
use std::collections::BTreeMap;
use std::fmt;

use super::{parse_date, Article, Warning};

/// A part of an article that a column or key can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The article's identity within its file.
    Id,
    /// Headline.
    Title,
    /// Publication date.
    Date,
    /// Body text.
    Body,
    /// The outlet that published it.
    Source,
}

impl Role {
    /// Every role, in the order a mapping is shown.
    pub const ALL: [Role; 5] = [Role::Id, Role::Title, Role::Date, Role::Body, Role::Source];

    /// The role's name in `--field ROLE=NAME`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Title => "title",
            Role::Date => "date",
            Role::Body => "body",
            Role::Source => "source",
        }
    }

    fn from_name(name: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|role| role.name().eq_ignore_ascii_case(name))
    }

    /// The names looked for when no `--field` names one, best first (matched in any case).
    ///
    /// The body prefers the columns that hold the whole text over `description`, a summary.
    pub fn default_names(self) -> &'static [&'static str] {
        match self {
            Role::Id => &["id", "_id", "url", "link", "guid"],
            Role::Title => &["title", "headline"],
            Role::Date => &[
                "date",
                "published",
                "publish_date",
                "pubdate",
                "publishedat",
                "published_at",
                "timestamp",
            ],
            Role::Body => &["body", "text", "content", "article", "description"],
            // Media Cloud's `media_name`, GDELT's `SourceCommonName`, `source_name` and
            // `site_name` of many exports.
            Role::Source => &[
                "source",
                "outlet",
                "media",
                "media_name",
                "source_name",
                "sourcecommonname",
                "site",
                "site_name",
                "publisher",
                "domain",
            ],
        }
    }
}

/// A `--field` value that is not `ROLE=NAME` with a known role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--field {spec:?}: {reason}")]
pub struct FieldSpecError {
    /// The value as given.
    pub spec: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Which column or key holds each role: the user's names, the defaults for the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    chosen: BTreeMap<Role, String>,
}

impl FieldMap {
    /// Applies `--field ROLE=NAME` values in order (a later one for a role wins; `ROLE=` goes
    /// back to the default names).
    pub fn from_specs(specs: &[String]) -> Result<FieldMap, FieldSpecError> {
        let mut map = FieldMap::default();
        for spec in specs {
            let bad = |reason: &str| FieldSpecError {
                spec: spec.clone(),
                reason: reason.to_string(),
            };
            let (role, name) = spec
                .split_once('=')
                .ok_or_else(|| bad("expected ROLE=NAME, as in body=story"))?;
            let role = Role::from_name(role.trim())
                .ok_or_else(|| bad("the role is one of id, title, date, body, source"))?;
            let name = name.trim();
            if name.is_empty() {
                map.chosen.remove(&role);
            } else {
                map.chosen.insert(role, name.to_string());
            }
        }
        Ok(map)
    }

    /// The mapping as the index records it: role name -> column or key.
    pub fn to_record(&self) -> BTreeMap<String, String> {
        self.chosen
            .iter()
            .map(|(role, name)| (role.name().to_string(), name.clone()))
            .collect()
    }

    /// The mapping an index recorded (unknown roles, from a newer newsdex, are ignored).
    pub fn from_record(record: &BTreeMap<String, String>) -> FieldMap {
        let chosen = record
            .iter()
            .filter_map(|(role, name)| Some((Role::from_name(role)?, name.clone())))
            .collect();
        FieldMap { chosen }
    }

    /// Whether every role is looked up by its default names.
    pub fn is_default(&self) -> bool {
        self.chosen.is_empty()
    }

    /// A hash mixed into the content hash of every record read with this mapping, so that a
    /// record read under another mapping never counts as unchanged; 0 for the defaults.
    pub fn fingerprint(&self) -> u64 {
        if self.is_default() {
            return 0;
        }
        let mut hash = super::fnv::Fnv1a::new();
        for (role, name) in &self.chosen {
            hash = hash.write(role.name().as_bytes()).write(&[0]);
            hash = hash.write(name.as_bytes()).write(&[0]);
        }
        hash.finish()
    }

    /// The names looked up for `role`, best first: the user's one name, else the defaults.
    pub fn names(&self, role: Role) -> Vec<&str> {
        match self.chosen.get(&role) {
            Some(name) => vec![name.as_str()],
            None => role.default_names().to_vec(),
        }
    }

    /// Whether the user named the column or key of `role`.
    pub fn is_chosen(&self, role: Role) -> bool {
        self.chosen.contains_key(&role)
    }
}

impl fmt::Display for FieldMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_default() {
            return f.write_str("the default names");
        }
        let shown: Vec<String> = self
            .chosen
            .iter()
            .map(|(role, name)| format!("{}={name}", role.name()))
            .collect();
        f.write_str(&shown.join(" "))
    }
}

/// The values a record holds for each role, as text (first non-empty of the role's names).
#[derive(Debug, Default)]
pub(crate) struct RecordValues {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub body: Option<String>,
    pub source: Option<String>,
}

impl RecordValues {
    /// Sets the value of `role`.
    pub fn set(&mut self, role: Role, value: Option<String>) {
        let slot = match role {
            Role::Id => &mut self.id,
            Role::Title => &mut self.title,
            Role::Date => &mut self.date,
            Role::Body => &mut self.body,
            Role::Source => &mut self.source,
        };
        *slot = value.filter(|v| !v.trim().is_empty());
    }
}

/// An article from a CSV row or JSON object: `fallback_id` when it has no id, an unreadable
/// date is a warning (the article undated), no body text an error ("what; skipped" is
/// appended by the caller's wording in `missing_body`).
pub(crate) fn record_article(
    path: &str,
    line: Option<usize>,
    where_: &str,
    fallback_id: String,
    values: RecordValues,
    date_formats: &[String],
    missing_body: &str,
) -> Result<(Article, Option<Warning>), Warning> {
    let warn = |message: String| Warning::new(path, line, message);
    let Some(body) = values.body else {
        return Err(warn(format!("{where_}{missing_body}")));
    };
    let mut warning = None;
    let date = match values.date {
        Some(raw) => match parse_date(raw.trim(), date_formats) {
            Ok(date) => Some(date),
            Err(err) => {
                warning = Some(warn(format!("{where_}{err}; indexed undated")));
                None
            }
        },
        None => None,
    };
    Ok((
        Article {
            id: values.id.map_or(fallback_id, |id| id.trim().to_string()),
            path: path.to_string(),
            line,
            date,
            title: values.title.unwrap_or_default().trim().to_string(),
            body: body.trim().to_string(),
            source: values.source.as_deref().and_then(normalise_source),
        },
        warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_a_later_one_wins() {
        let specs = [
            "body=story",
            "TITLE = hed",
            "source=source.name",
            "body=full_text",
        ]
        .map(String::from);
        let map = FieldMap::from_specs(&specs).unwrap();
        assert_eq!(map.names(Role::Body), ["full_text"]);
        assert_eq!(map.names(Role::Title), ["hed"]);
        assert_eq!(map.names(Role::Source), ["source.name"]);
        assert_eq!(map.names(Role::Date), Role::Date.default_names());
        assert_eq!(
            map.to_string(),
            "title=hed body=full_text source=source.name"
        );
        assert_eq!(FieldMap::from_record(&map.to_record()), map);
        assert_ne!(map.fingerprint(), 0);

        let reset = FieldMap::from_specs(&["body=story".into(), "body=".into()]).unwrap();
        assert!(reset.is_default());
        assert_eq!(reset.fingerprint(), 0);
    }

    #[test]
    fn bad_specs_say_what_is_expected() {
        let err = FieldMap::from_specs(&["story".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--field \"story\": expected ROLE=NAME, as in body=story"
        );
        let err = FieldMap::from_specs(&["text=story".into()]).unwrap_err();
        assert!(err
            .to_string()
            .contains("one of id, title, date, body, source"));
    }
}
