//! JSON: a file holding an array of article objects, or an object holding one under
//! `articles`, `data`, `items` or `results` (as news APIs answer), or a single article object;
//! and the key lookup (any case, dotted paths into nested objects) that JSONL lines share.

use serde_json::{Map, Value};

use super::fields::{record_article, FieldMap, RecordValues, Role};
use super::{content_hash, Item, Warning};

/// The keys under which an API response holds its array of articles, tried in this order.
pub const WRAPPER_KEYS: [&str; 4] = ["articles", "data", "items", "results"];

/// Reads the articles of a JSON file's text, asking `want(n, hash)` before building the
/// article of the n-th element (from 1; `hash` covers the element and the field mapping).
/// Returns the bytes of article text read.
///
/// Text that is not JSON, or JSON that holds no array of articles, is one warning and nothing
/// read; an element that is not an object or has no body text is a warning naming it.
pub fn parse_json(
    path: &str,
    text: &str,
    fields: &FieldMap,
    date_formats: &[String],
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let file_warning = |message: String| Item::Warning(Warning::new(path, None, message));
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            sink(file_warning(format!(
                "not valid JSON ({err}); file skipped"
            )));
            return 0;
        }
    };
    let (items, under) = match articles_of(value, fields) {
        Ok(found) => found,
        Err(what) => {
            sink(file_warning(format!("{what}; file skipped")));
            return 0;
        }
    };
    let fingerprint = fields.fingerprint();
    let mut total = 0u64;
    for (at, item) in items.into_iter().enumerate() {
        let n = at + 1;
        let named = match &under {
            Some(key) => format!("item {n} of \"{key}\": "),
            None => format!("item {n}: "),
        };
        // Serialised back to hash it: the same element gives the same bytes whatever spacing
        // the file used.
        let hash = content_hash(item.to_string().as_bytes()) ^ fingerprint;
        if !want(n, hash) {
            continue;
        }
        let Value::Object(object) = item else {
            sink(Item::Warning(Warning::new(
                path,
                None,
                format!(
                    "{named}{} is not an article object; skipped",
                    json_kind(&item)
                ),
            )));
            continue;
        };
        let values = match object_values(&object, fields) {
            Ok(values) => values,
            Err(problem) => {
                sink(Item::Warning(Warning::new(
                    path,
                    None,
                    format!("{named}{problem}; skipped"),
                )));
                continue;
            }
        };
        match record_article(
            path,
            None,
            &named,
            format!("item-{n}"),
            values,
            date_formats,
            "no body text; skipped",
        ) {
            Ok((article, warning)) => {
                total += (article.title.len() + article.body.len()) as u64;
                sink(Item::Article(article, warning));
            }
            Err(warning) => sink(Item::Warning(warning)),
        }
    }
    total
}

/// The article elements of a JSON file and the key that held them, or what the value is.
fn articles_of(value: Value, fields: &FieldMap) -> Result<(Vec<Value>, Option<String>), String> {
    match value {
        Value::Array(items) => Ok((items, None)),
        Value::Object(mut object) => {
            for key in WRAPPER_KEYS {
                let found = object.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned();
                if let Some(found) = found {
                    if let Some(Value::Array(_)) = object.get(&found) {
                        let Some(Value::Array(items)) = object.remove(&found) else {
                            unreachable!("checked above");
                        };
                        return Ok((items, Some(found)));
                    }
                }
            }
            // A single article: an object with a body of its own.
            let has_body = fields
                .names(Role::Body)
                .iter()
                .any(|name| lookup(&object, name).is_some_and(|v| !v.is_null()));
            if has_body {
                Ok((vec![Value::Object(object)], None))
            } else {
                Err(format!(
                    "an object with no article array under {} and no body of its own",
                    WRAPPER_KEYS.join(", ")
                ))
            }
        }
        other => Err(format!(
            "{}, not an array of article objects nor an object holding one",
            json_kind(&other)
        )),
    }
}

/// The values of an article object for every role: each role's names tried in order, the
/// first non-empty string or number wins; a value of another type is an error naming the key.
/// A source given as an object (NewsAPI's `{"id", "name"}`) is its `name`, else its `id`.
pub(crate) fn object_values(
    object: &Map<String, Value>,
    fields: &FieldMap,
) -> Result<RecordValues, String> {
    let mut values = RecordValues::default();
    for role in Role::ALL {
        let mut found = None;
        for name in fields.names(role) {
            let Some(value) = lookup(object, name) else {
                continue;
            };
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Object(inner) if role == Role::Source => {
                    match ["name", "id"]
                        .iter()
                        .find_map(|key| lookup(inner, key).and_then(Value::as_str))
                    {
                        Some(name) => name.to_string(),
                        None => continue,
                    }
                }
                other => {
                    return Err(format!(
                        "field \"{name}\" is {}, expected a string",
                        json_kind(other)
                    ))
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            found = Some(text);
            break;
        }
        values.set(role, found);
    }
    Ok(values)
}

/// The value at `name` in `object`: the key as written, else in any case, else a dotted path
/// into nested objects (`source.name`).
pub(crate) fn lookup<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(value) = get_any_case(object, name) {
        return Some(value);
    }
    let (first, rest) = name.split_once('.')?;
    match get_any_case(object, first)? {
        Value::Object(inner) => lookup(inner, rest),
        _ => None,
    }
}

fn get_any_case<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// What a JSON value is, as a message says it.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    fn read(text: &str, fields: &FieldMap) -> (Vec<Article>, Vec<String>) {
        crate::corpus::collect_items(|sink| {
            parse_json("api/top.json", text, fields, &[], &mut |_, _| true, sink);
        })
    }

    const NEWSAPI: &str = r#"{
      "status": "ok", "totalResults": 3,
      "articles": [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "A. Writer",
         "title": "Grain deal extended", "description": "A short summary.",
         "url": "https://www.bbc.co.uk/news/grain", "publishedAt": "2023-03-18T09:30:00Z",
         "content": "The grain deal was extended for 120 days… [+2051 chars]"},
        "not an article",
        {"source": {"id": null, "name": "Reuters"}, "title": "No text", "url": "https://r/x",
         "description": null, "content": null}
      ]
    }"#;

    #[test]
    fn newsapi_response() {
        let (articles, warnings) = read(NEWSAPI, &FieldMap::default());
        assert_eq!(
            warnings,
            [
                "api/top.json: item 2 of \"articles\": a string is not an article object; skipped",
                "api/top.json: item 3 of \"articles\": no body text; skipped",
            ]
        );
        let article = &articles[0];
        assert_eq!(article.id, "https://www.bbc.co.uk/news/grain");
        assert_eq!(article.title, "Grain deal extended");
        assert!(article.body.starts_with("The grain deal was extended"));
        assert_eq!(article.date.unwrap().to_rfc3339(), "2023-03-18T09:30:00Z");
        assert_eq!(article.source.as_deref(), Some("bbc news"));
        assert_eq!(article.line, None);
    }

    #[test]
    fn arrays_wrappers_and_single_objects() {
        let cases = [
            r#"[{"id": "a", "text": "Body."}]"#,
            r#"{"data": [{"id": "a", "text": "Body."}]}"#,
            r#"{"Results": [{"id": "a", "text": "Body."}]}"#,
            r#"{"items": [{"id": "a", "text": "Body."}], "next": null}"#,
            r#"{"id": "a", "text": "Body."}"#,
        ];
        for text in cases {
            let (articles, warnings) = read(text, &FieldMap::default());
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
            assert_eq!(articles.len(), 1, "{text}");
            assert_eq!(
                (articles[0].id.as_str(), articles[0].body.as_str()),
                ("a", "Body.")
            );
        }
    }

    #[test]
    fn a_file_that_holds_no_articles_is_one_warning() {
        let cases = [
            ("[1, 2", "not valid JSON"),
            ("42", "a number, not an array of article objects"),
            (
                r#"{"status": "error"}"#,
                "an object with no article array under articles, data, items, results and no body of its own",
            ),
        ];
        for (text, expected) in cases {
            let (articles, warnings) = read(text, &FieldMap::default());
            assert!(articles.is_empty());
            assert_eq!(warnings.len(), 1, "{text}: {warnings:?}");
            assert!(warnings[0].starts_with("api/top.json: "), "{warnings:?}");
            assert!(warnings[0].contains(expected), "{text}: {warnings:?}");
            assert!(warnings[0].ends_with("file skipped"), "{warnings:?}");
        }
    }

    #[test]
    fn mapped_dotted_paths_and_ids_by_position() {
        let text = r#"[{"meta": {"outlet": "www.Le-Monde.fr"}, "story": {"body": "Texte."}},
                      {"story": {"body": "Second."}}]"#;
        let fields =
            FieldMap::from_specs(&["body=story.body".into(), "source=meta.outlet".into()]).unwrap();
        let (articles, warnings) = read(text, &fields);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles[0].body, "Texte.");
        assert_eq!(articles[0].source.as_deref(), Some("le-monde.fr"));
        assert_eq!(articles[0].id, "item-1");
        assert_eq!(articles[1].id, "item-2");
    }

    #[test]
    fn element_hashes_follow_the_element_not_the_spacing() {
        let hashes = |text: &str| {
            let mut asked = Vec::new();
            parse_json(
                "a.json",
                text,
                &FieldMap::default(),
                &[],
                &mut |n, h| {
                    asked.push((n, h));
                    false
                },
                &mut |_| {},
            );
            asked
        };
        let a = hashes(r#"[{"id":"a","body":"x"},{"id":"b","body":"y"}]"#);
        let b =
            hashes("[\n  {\"id\": \"a\", \"body\": \"x\"},\n  {\"id\": \"b\", \"body\": \"Y\"}\n]");
        assert_eq!(a[0], b[0]);
        assert_ne!(a[1], b[1]);
    }
}
