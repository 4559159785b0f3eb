//! Delimited: CSV and TSV exports (a header row, one article per row) into articles, with the
//! columns found by their common names or by `--field`.
//!
//! CSV fields may be quoted and span lines (the `csv` crate's RFC 4180 reading); TSV fields are
//! not quoted (a `"` is text), as TSV exports write them. Each row is asked about by its line
//! and the hash of its bytes, so a changed file re-indexes only the rows that changed.

use super::fields::{record_article, FieldMap, RecordValues, Role};
use super::{content_hash, Item, Warning};

/// Which delimiter a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// Comma, fields quoted with `"` when they need it.
    Comma,
    /// Tab, no quoting.
    Tab,
}

/// Reads the rows of a CSV or TSV file's text, asking `want(line, hash)` before building each
/// row's article (`line` is the row's first line in the file; `hash` covers the header, the
/// row and the field mapping). Returns the bytes of article text read.
///
/// A row whose number of fields differs from the header's is skipped with a warning, as is a
/// row without body text; the id of a row without one is `row-N`, N counting data rows from 1.
pub fn parse_delimited(
    path: &str,
    text: &str,
    delimiter: Delimiter,
    fields: &FieldMap,
    date_formats: &[String],
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(match delimiter {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        })
        .quoting(delimiter == Delimiter::Comma)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut header = ::csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            sink(Item::Warning(Warning::new(
                path,
                None,
                "empty file; skipped",
            )));
            return 0;
        }
        Err(err) => {
            sink(Item::Warning(Warning::new(
                path,
                Some(1),
                format!("unreadable header row ({err}); file skipped"),
            )));
            return 0;
        }
    }
    let header_end = reader.position().byte() as usize;
    let columns = Columns::find(&header, fields);
    if columns.body.is_empty() {
        sink(Item::Warning(Warning::new(
            path,
            Some(1),
            format!(
                "no body column in the header (looked for {}); file skipped",
                fields.names(Role::Body).join(", ")
            ),
        )));
        return 0;
    }
    let salt = content_hash(&text.as_bytes()[..header_end]) ^ fields.fingerprint();
    let mut record = ::csv::StringRecord::new();
    let mut row = 0usize;
    let mut total = 0u64;
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                sink(Item::Warning(Warning::new(
                    path,
                    Some(line),
                    format!("unreadable row ({err}); rest of file skipped"),
                )));
                break;
            }
        }
        let end = reader.position().byte() as usize;
        let line = record.position().map_or(0, |p| p.line() as usize);
        // A blank line between rows is no row (the csv crate skips empty lines already; a row
        // of one empty field is a line of spaces or a lone quote pair).
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        row += 1;
        if record.len() != header.len() {
            sink(Item::Warning(Warning::new(
                path,
                Some(line),
                format!(
                    "row {row} has {} fields, the header has {}; row skipped",
                    record.len(),
                    header.len()
                ),
            )));
            continue;
        }
        let raw = text.as_bytes()[start..end].trim_ascii_end();
        if !want(line, content_hash(raw) ^ salt) {
            continue;
        }
        let mut values = RecordValues::default();
        for role in Role::ALL {
            values.set(role, columns.first_value(role, &record));
        }
        match record_article(
            path,
            Some(line),
            &format!("row {row}: "),
            format!("row-{row}"),
            values,
            date_formats,
            "no body text; row skipped",
        ) {
            Ok((article, warning)) => {
                total += (article.title.len() + article.body.len()) as u64;
                sink(Item::Article(article, warning));
            }
            Err(warning) => sink(Item::Warning(warning)),
        }
    }
    if row == 0 {
        sink(Item::Warning(Warning::new(
            path,
            None,
            "a header row and no rows; skipped",
        )));
    }
    total
}

/// The header's columns for each role, best name first.
struct Columns {
    id: Vec<usize>,
    title: Vec<usize>,
    date: Vec<usize>,
    body: Vec<usize>,
    source: Vec<usize>,
}

impl Columns {
    fn find(header: &::csv::StringRecord, fields: &FieldMap) -> Columns {
        let find = |role: Role| -> Vec<usize> {
            let mut found = Vec::new();
            for name in fields.names(role) {
                for (at, column) in header.iter().enumerate() {
                    let column = column.trim().trim_start_matches('\u{feff}');
                    if column.eq_ignore_ascii_case(name) && !found.contains(&at) {
                        found.push(at);
                    }
                }
            }
            found
        };
        Columns {
            id: find(Role::Id),
            title: find(Role::Title),
            date: find(Role::Date),
            body: find(Role::Body),
            source: find(Role::Source),
        }
    }

    /// The first non-empty value of the role's columns in this row.
    fn first_value(&self, role: Role, record: &::csv::StringRecord) -> Option<String> {
        let columns = match role {
            Role::Id => &self.id,
            Role::Title => &self.title,
            Role::Date => &self.date,
            Role::Body => &self.body,
            Role::Source => &self.source,
        };
        columns
            .iter()
            .filter_map(|&at| record.get(at))
            .find(|value| !value.trim().is_empty())
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    /// Articles and warnings of a file's text, every row wanted.
    fn read(text: &str, delimiter: Delimiter, fields: &FieldMap) -> (Vec<Article>, Vec<String>) {
        crate::corpus::collect_items(|sink| {
            parse_delimited(
                "c/news.csv",
                text,
                delimiter,
                fields,
                &[],
                &mut |_, _| true,
                sink,
            );
        })
    }

    const MEDIA_CLOUD: &str = "\
stories_id,publish_date,title,url,media_name,text
101,2022-01-03 10:15:00,\"Talks in Geneva\",https://www.example.com/a,Example Times,\"Delegates met.

They spoke of \"\"guarantees\"\".\"
102,2022-01-04,Second,https://example.org/b,Other Post,Short body.
";

    #[test]
    fn media_cloud_columns_with_a_quoted_multi_line_body() {
        let (articles, warnings) = read(MEDIA_CLOUD, Delimiter::Comma, &FieldMap::default());
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(articles.len(), 2);
        let first = &articles[0];
        // No id column: `url` is the id.
        assert_eq!(first.id, "https://www.example.com/a");
        assert_eq!(first.title, "Talks in Geneva");
        assert_eq!(
            first.body,
            "Delegates met.\n\nThey spoke of \"guarantees\"."
        );
        assert_eq!(first.date.unwrap().to_rfc3339(), "2022-01-03T10:15:00Z");
        assert_eq!(first.line, Some(2));
        assert_eq!(articles[1].line, Some(5));
        // Media Cloud's `media_name` is a source column; `--field` may choose another.
        assert_eq!(first.source.as_deref(), Some("example times"));
        let mapped = FieldMap::from_specs(&["source=url".into()]).unwrap();
        let (articles, _) = read(MEDIA_CLOUD, Delimiter::Comma, &mapped);
        assert_eq!(articles[0].source.as_deref(), Some("example.com"));
    }

    #[test]
    fn a_bad_row_and_a_row_without_body_warn_and_the_rest_is_read() {
        let text = "Title,Date,Content,Source\n\
                    One,2022-01-01,First body,WWW.One.com\n\
                    Two,2022-01-02\n\
                    Three,2022-01-03,,three.com\n\
                    Four,not a date,Fourth body,\n";
        let (articles, warnings) = read(text, Delimiter::Comma, &FieldMap::default());
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["row-1", "row-4"]);
        assert_eq!(articles[0].source.as_deref(), Some("one.com"));
        assert_eq!(articles[1].date, None);
        assert_eq!(
            warnings,
            [
                "c/news.csv: line 3: row 2 has 2 fields, the header has 4; row skipped",
                "c/news.csv: line 4: row 3: no body text; row skipped",
                "c/news.csv: line 5: row 4: unreadable date \"not a date\"; indexed undated",
            ]
        );
    }

    #[test]
    fn gdelt_like_tsv_reads_quotes_as_text() {
        let text = "GUID\tPublished\tHeadline\tArticle\tDomain\n\
                    g1\t2023-04-11T08:00:00Z\tSummit \"ends\"\tLeaders met \"in\" Vilnius.\thttps://www.lrt.lt/en\n";
        let (articles, warnings) = read(text, Delimiter::Tab, &FieldMap::default());
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(articles[0].id, "g1");
        assert_eq!(articles[0].title, "Summit \"ends\"");
        assert_eq!(articles[0].body, "Leaders met \"in\" Vilnius.");
        assert_eq!(articles[0].source.as_deref(), Some("lrt.lt"));
    }

    #[test]
    fn body_prefers_the_full_text_over_the_description() {
        let text = "title,description,content\nT,A summary.,The whole story.\nU,Only a summary.,\n";
        let (articles, _) = read(text, Delimiter::Comma, &FieldMap::default());
        assert_eq!(articles[0].body, "The whole story.");
        assert_eq!(articles[1].body, "Only a summary.");
        let mapped = FieldMap::from_specs(&["body=description".into()]).unwrap();
        let (articles, _) = read(text, Delimiter::Comma, &mapped);
        assert_eq!(articles[0].body, "A summary.");
    }

    #[test]
    fn no_body_column_is_one_warning_for_the_file() {
        let (articles, warnings) = read("a,b\n1,2\n3,4\n", Delimiter::Comma, &FieldMap::default());
        assert!(articles.is_empty());
        assert_eq!(
            warnings,
            ["c/news.csv: line 1: no body column in the header (looked for body, text, content, article, description); file skipped"]
        );
    }

    #[test]
    fn row_hashes_change_with_the_row_the_header_and_the_mapping() {
        let hashes = |text: &str, fields: &FieldMap| {
            let mut asked = Vec::new();
            parse_delimited(
                "n.csv",
                text,
                Delimiter::Comma,
                fields,
                &[],
                &mut |line, hash| {
                    asked.push((line, hash));
                    false
                },
                &mut |_| {},
            );
            asked
        };
        let default = FieldMap::default();
        let before = hashes("title,body\nA,one\nB,two\n", &default);
        let after = hashes("title,body\nA,one\nB,TWO\n", &default);
        assert_eq!(before[0], after[0]);
        assert_ne!(before[1], after[1]);
        assert_eq!(before[1].0, 3);
        let renamed = hashes("headline,body\nA,one\nB,two\n", &default);
        assert_ne!(before[0], renamed[0]);
        let mapped = FieldMap::from_specs(&["title=body".into()]).unwrap();
        assert_ne!(before[0], hashes("title,body\nA,one\nB,two\n", &mapped)[0]);
        // A missing final line break does not change the last row.
        assert_eq!(
            before[1].1,
            hashes("title,body\nA,one\nB,two", &default)[1].1
        );
    }
}
