//! Fuzz the date parsers: article dates (with and without a user format) and `--from`/`--to`
//! bounds. Any panic is a bug; a parsed date must render and have an end after its start.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::corpus::{parse_date, parse_date_bound};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid day");
    let check = |date: newsdex::corpus::ArticleDate| {
        assert!(date.end() > date.start);
        let _ = (date.display(), date.to_rfc3339(), date.facet_path());
    };
    if let Ok(date) = parse_date(text, &[]) {
        check(date);
    }
    if let Ok(date) = parse_date_bound(text, today) {
        check(date);
    }
    // First line as a user's --date-format, the rest as the date.
    if let Some((format, value)) = text.split_once('\n') {
        if let Ok(date) = parse_date(value, &[format.to_string()]) {
            check(date);
        }
    }
});
