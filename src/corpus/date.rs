//! Article date parsing that keeps the precision the source gave (year, month, day or time).

use chrono::format::{parse, Parsed, StrftimeItems};
use chrono::{
    DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike,
};

/// How precise a parsed date is: the period that `ArticleDate::start` begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatePrecision {
    /// Only the year is known, e.g. `1990`.
    Year,
    /// Year and month are known, e.g. `2022-01`.
    Month,
    /// The calendar day is known, e.g. `2022-01-03`.
    Day,
    /// The time is known to the second, e.g. `2022-01-03T14:05:00Z`.
    Time,
}

impl DatePrecision {
    /// Every precision, from the coarsest.
    pub const ALL: [DatePrecision; 4] = [
        DatePrecision::Year,
        DatePrecision::Month,
        DatePrecision::Day,
        DatePrecision::Time,
    ];

    /// The number the index stores for this precision: 0 year, 1 month, 2 day, 3 time.
    pub fn code(self) -> u64 {
        match self {
            DatePrecision::Year => 0,
            DatePrecision::Month => 1,
            DatePrecision::Day => 2,
            DatePrecision::Time => 3,
        }
    }

    /// The precision the index stored as `code` (None for a number no precision has).
    pub fn from_code(code: u64) -> Option<DatePrecision> {
        DatePrecision::ALL
            .into_iter()
            .find(|precision| precision.code() == code)
    }
}

/// A date as given by a source: the UTC start of a period and its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleDate {
    /// Start of the period, in UTC (whole seconds).
    pub start: NaiveDateTime,
    /// Length of the period that begins at `start`.
    pub precision: DatePrecision,
}

impl ArticleDate {
    /// Exclusive end of the period (next year, month, day, or `start` + 1 second).
    pub fn end(&self) -> NaiveDateTime {
        let date = self.start.date();
        let end = match self.precision {
            DatePrecision::Year => date
                .with_day(1)
                .and_then(|d| d.with_month(1))
                .and_then(|d| d.checked_add_months(Months::new(12)))
                .map(|d| d.and_time(NaiveTime::MIN)),
            DatePrecision::Month => date
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(1)))
                .map(|d| d.and_time(NaiveTime::MIN)),
            DatePrecision::Day => date.succ_opt().map(|d| d.and_time(NaiveTime::MIN)),
            DatePrecision::Time => self.start.checked_add_signed(TimeDelta::seconds(1)),
        };
        end.unwrap_or(NaiveDateTime::MAX)
    }

    /// An instant (a feed's or a web archive's timestamp), to the second.
    pub fn from_instant(at: DateTime<chrono::Utc>) -> ArticleDate {
        let start = at.naive_utc();
        ArticleDate {
            start: start.with_nanosecond(0).unwrap_or(start),
            precision: DatePrecision::Time,
        }
    }

    /// Human form at the date's precision: `1990`, `2022-01`, `2022-01-03`, `2022-01-03T14:05:00Z`.
    pub fn display(&self) -> String {
        // Written out by hand: chrono's strftime parsing showed in search profiles.
        let d = &self.start;
        match self.precision {
            DatePrecision::Year => format!("{:04}", d.year()),
            DatePrecision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            DatePrecision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            DatePrecision::Time => self.seconds_rfc3339(),
        }
    }

    /// Full RFC 3339 form of `start` in UTC, e.g. `1990-01-01T00:00:00Z`.
    pub fn to_rfc3339(&self) -> String {
        if self.start.nanosecond() == 0 {
            self.seconds_rfc3339()
        } else {
            self.start.format("%Y-%m-%dT%H:%M:%S%.fZ").to_string()
        }
    }

    fn seconds_rfc3339(&self) -> String {
        let d = &self.start;
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )
    }
}

/// Why a date could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DateError {
    /// The text is not in any known date format.
    #[error("unreadable date {0:?}")]
    Unreadable(String),
    /// The date was read but lies outside what the index can store.
    #[error("date {0:?} is outside the supported range (years 1677 to 2262)")]
    OutOfRange(String),
}

/// First and last year accepted in full. Tantivy stores i64 nanoseconds since 1970, which
/// covers 1677-09-22 ..= 2262-04-11; the partial years at either end are rejected.
const MIN_YEAR: i32 = 1678;
const MAX_YEAR: i32 = 2261;

/// Built-in strftime formats, tried in order after RFC 3339 / RFC 2822 and the plain number forms.
/// The precision of each comes from the fields it sets.
const BUILTIN_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y-%m",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.f%#z",
    "%Y-%m-%d %H:%M:%S%.f%#z",
    "%Y-%m-%d %H:%M:%S%.f %#z",
    "%d-%b-%Y",
    "%d-%b-%Y %H:%M:%S%.f",
    "%d-%b-%Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m",
    "%Y/%m/%d %H:%M:%S%.f",
    "%B %d, %Y",
    "%B %d %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%d %b. %Y",
    "%A, %B %d, %Y",
    "%B %Y",
];

/// Parse an article date. `extra_formats` (chrono strftime strings, e.g. from `--date-format`)
/// are tried first; a format with time fields gives `Time` precision, with a day `Day`, and so on.
pub fn parse_date(text: &str, extra_formats: &[String]) -> Result<ArticleDate, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::Unreadable(text.to_string()));
    }
    for fmt in extra_formats {
        if let Some(found) = parse_with_format(text, fmt) {
            return check_range(found, text);
        }
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return parse_digits(text);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return check_range((dt.naive_utc(), DatePrecision::Time), text);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return check_range((dt.naive_utc(), DatePrecision::Time), text);
    }
    for fmt in BUILTIN_FORMATS {
        if let Some(found) = parse_with_format(text, fmt) {
            return check_range(found, text);
        }
    }
    if looks_like_big_year(text) {
        return Err(DateError::OutOfRange(text.to_string()));
    }
    // Some transcripts write midnight as hour 24 (`2022-03-11T24:04:30`): read it as hour 0
    // of the next day rather than losing the date.
    if let Some(found) = parse_hour_24(text, extra_formats) {
        return Ok(found);
    }
    // A trailing comment (`9-APR-1987 00:00:00.00  # date added ...`) is not part of the date.
    if let Some((head, _)) = text.split_once(" #") {
        if !head.trim().is_empty() {
            return parse_date(head, extra_formats)
                .map_err(|_| DateError::Unreadable(text.to_string()));
        }
    }
    // Reuters-21578 wires sometimes carry escaped control characters after the time
    // (`27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM`): retry without them.
    if let Some((head, _)) = text.split_once("&#") {
        if !head.trim().is_empty() {
            return parse_date(head, extra_formats)
                .map_err(|_| DateError::Unreadable(text.to_string()));
        }
    }
    Err(DateError::Unreadable(text.to_string()))
}

/// `YYYY-MM-DD[T ]24:...` read as hour 0 of the next day, keeping the time precision.
fn parse_hour_24(text: &str, extra_formats: &[String]) -> Option<ArticleDate> {
    let hour_at = 11;
    if text.get(hour_at..hour_at + 2) != Some("24")
        || !matches!(text.as_bytes().get(10), Some(b'T' | b' '))
    {
        return None;
    }
    let fixed = format!("{}00{}", &text[..hour_at], &text[hour_at + 2..]);
    let parsed = parse_date(&fixed, extra_formats).ok()?;
    let start = parsed.start.checked_add_signed(TimeDelta::days(1))?;
    check_range((start, parsed.precision), text).ok()
}

/// Parse a `--from`/`--to` bound: any form `parse_date` takes, or a span counted back from
/// `today` (`30d`, `2w`, `6m`, `1y`) giving that day at `Day` precision.
pub fn parse_date_bound(text: &str, today: NaiveDate) -> Result<ArticleDate, DateError> {
    let trimmed = text.trim();
    if let Some(result) = parse_relative(trimmed, today) {
        return result;
    }
    parse_date(trimmed, &[])
}

/// `N` + unit (d, w, m, y; either case) counted back from `today`; `None` if not of that shape.
fn parse_relative(text: &str, today: NaiveDate) -> Option<Result<ArticleDate, DateError>> {
    let unit = text.chars().last()?;
    let digits = &text[..text.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let out_of_range = || DateError::OutOfRange(text.to_string());
    let Ok(n) = digits.parse::<u32>() else {
        return Some(Err(out_of_range()));
    };
    let date = match unit.to_ascii_lowercase() {
        'd' => today.checked_sub_days(chrono::Days::new(u64::from(n))),
        'w' => today.checked_sub_days(chrono::Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => n
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
        _ => return None,
    };
    Some(match date {
        Some(d) => check_range((d.and_time(NaiveTime::MIN), DatePrecision::Day), text),
        None => Err(out_of_range()),
    })
}

/// An all-digit string: four digits are a year, eight a compact `YYYYMMDD` day.
fn parse_digits(text: &str) -> Result<ArticleDate, DateError> {
    let found = match text.len() {
        4 => text
            .parse::<i32>()
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .map(|d| (d.and_time(NaiveTime::MIN), DatePrecision::Year)),
        8 => NaiveDate::parse_from_str(text, "%Y%m%d")
            .ok()
            .map(|d| (d.and_time(NaiveTime::MIN), DatePrecision::Day)),
        // A number longer than a year can be is a year out of range (e.g. `99999`).
        n if n > 4 => return Err(DateError::OutOfRange(text.to_string())),
        _ => None,
    };
    match found {
        Some(found) => check_range(found, text),
        None => Err(DateError::Unreadable(text.to_string())),
    }
}

/// A leading run of five or more digits followed by `-` or `/` (e.g. `99999-01-01`).
fn looks_like_big_year(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 4 && matches!(text.as_bytes().get(digits), Some(b'-' | b'/'))
}

/// Parse `text` entirely with one strftime format and infer the precision from the fields set.
fn parse_with_format(text: &str, fmt: &str) -> Option<(NaiveDateTime, DatePrecision)> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, StrftimeItems::new(fmt)).ok()?;
    let has_time = parsed.hour_div_12().is_some()
        || parsed.hour_mod_12().is_some()
        || parsed.timestamp().is_some();
    if has_time {
        let utc = if parsed.offset().is_some() {
            parsed.to_datetime().ok()?.naive_utc()
        } else {
            parsed.to_naive_datetime_with_offset(0).ok()?
        };
        return Some((utc, DatePrecision::Time));
    }
    if let Ok(date) = parsed.to_naive_date() {
        return Some((date.and_time(NaiveTime::MIN), DatePrecision::Day));
    }
    // Day-level fields that did not make a valid date (e.g. `2022-02-30`) are an error,
    // not a coarser date.
    if parsed.day().is_some()
        || parsed.ordinal().is_some()
        || parsed.weekday().is_some()
        || parsed.isoyear().is_some()
    {
        return None;
    }
    let year = parsed.year()?;
    let (month, precision) = match parsed.month() {
        Some(m) => (m, DatePrecision::Month),
        None => (1, DatePrecision::Year),
    };
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some((date.and_time(NaiveTime::MIN), precision))
}

/// Keep dates whose UTC start lies in the fully supported years; drop sub-second parts.
fn check_range(
    (start, precision): (NaiveDateTime, DatePrecision),
    text: &str,
) -> Result<ArticleDate, DateError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&start.year()) {
        return Err(DateError::OutOfRange(text.to_string()));
    }
    let start = start.with_nanosecond(0).unwrap_or(start);
    Ok(ArticleDate { start, precision })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hour_24_and_trailing_comments() {
        let date = parse_date("2022-03-11T24:04:30", &[]).unwrap();
        assert_eq!(date.to_rfc3339(), "2022-03-12T00:04:30Z");
        let date = parse_date("9-APR-1987 00:00:00.00    # date added as guesswork", &[]).unwrap();
        assert_eq!(date.display(), "1987-04-09T00:00:00Z");
        assert!(parse_date("31-MAR-1987 605:12:19.12", &[]).is_err());
    }
    use DatePrecision::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .expect("valid test date")
    }

    #[test]
    fn accepted_forms() {
        let cases: &[(&str, NaiveDateTime, DatePrecision)] = &[
            ("2022-01-03", dt(2022, 1, 3, 0, 0, 0), Day),
            ("  2022-01-03\n", dt(2022, 1, 3, 0, 0, 0), Day),
            ("2022-01", dt(2022, 1, 1, 0, 0, 0), Month),
            ("1990", dt(1990, 1, 1, 0, 0, 0), Year),
            ("2022-05-17T23:48:46Z", dt(2022, 5, 17, 23, 48, 46), Time),
            (
                "2022-05-17T23:48:46+02:00",
                dt(2022, 5, 17, 21, 48, 46),
                Time,
            ),
            (
                "2022-05-17T23:48:46-02:00",
                dt(2022, 5, 18, 1, 48, 46),
                Time,
            ),
            (
                "2022-05-17T23:48:46+0200",
                dt(2022, 5, 17, 21, 48, 46),
                Time,
            ),
            ("2022-05-17 23:48:46Z", dt(2022, 5, 17, 23, 48, 46), Time),
            ("2022-05-17T23:48:46", dt(2022, 5, 17, 23, 48, 46), Time),
            (
                "2022-05-17T23:48:46.123456",
                dt(2022, 5, 17, 23, 48, 46),
                Time,
            ),
            ("2022-05-17 23:48:46", dt(2022, 5, 17, 23, 48, 46), Time),
            ("2022-05-17 23:48", dt(2022, 5, 17, 23, 48, 0), Time),
            ("26-FEB-1987 15:01:01.79", dt(1987, 2, 26, 15, 1, 1), Time),
            ("26-Feb-1987 15:01:01", dt(1987, 2, 26, 15, 1, 1), Time),
            ("26-Feb-1987", dt(1987, 2, 26, 0, 0, 0), Day),
            (
                "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM",
                dt(1987, 3, 27, 0, 2, 59),
                Time,
            ),
            ("2022/01/03", dt(2022, 1, 3, 0, 0, 0), Day),
            ("January 3, 2022", dt(2022, 1, 3, 0, 0, 0), Day),
            ("3 January 2022", dt(2022, 1, 3, 0, 0, 0), Day),
            ("Jan 3, 2022", dt(2022, 1, 3, 0, 0, 0), Day),
            ("Jan. 3, 2022", dt(2022, 1, 3, 0, 0, 0), Day),
            (
                "Mon, 3 Jan 2022 10:00:00 +0100",
                dt(2022, 1, 3, 9, 0, 0),
                Time,
            ),
            ("20220103", dt(2022, 1, 3, 0, 0, 0), Day),
            ("1678", dt(1678, 1, 1, 0, 0, 0), Year),
            ("2261-12-31T23:59:59Z", dt(2261, 12, 31, 23, 59, 59), Time),
        ];
        for (text, start, precision) in cases {
            let got = parse_date(text, &[]).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(got.start, *start, "{text}");
            assert_eq!(got.precision, *precision, "{text}");
        }
    }

    #[test]
    fn rejected_forms() {
        let out = |s: &str| Err(DateError::OutOfRange(s.to_string()));
        let bad = |s: &str| Err(DateError::Unreadable(s.to_string()));
        let cases: &[(&str, Result<ArticleDate, DateError>)] = &[
            ("99999", out("99999")),
            ("1500", out("1500")),
            ("0001-01-01", out("0001-01-01")),
            ("1677-12-31", out("1677-12-31")),
            ("2262-01-01", out("2262-01-01")),
            ("2300-05-17T23:48:46Z", out("2300-05-17T23:48:46Z")),
            ("99999-01-01", out("99999-01-01")),
            (
                "1678-01-01T00:30:00+01:00",
                out("1678-01-01T00:30:00+01:00"),
            ),
            ("", bad("")),
            ("   ", bad("")),
            ("yesterday", bad("yesterday")),
            ("12", bad("12")),
            ("123", bad("123")),
            ("2022-13-01", bad("2022-13-01")),
            ("2022-02-30", bad("2022-02-30")),
            ("2022-01-03 garbage", bad("2022-01-03 garbage")),
            ("30d", bad("30d")),
            ("ÄÖÜ 2022", bad("ÄÖÜ 2022")),
            ("&#5;", bad("&#5;")),
            ("junk&#5;", bad("junk&#5;")),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_date(text, &[]), want, "{text}");
        }
    }

    #[test]
    fn extra_formats_first_and_precision() {
        let fmts = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Day-first form that the built-ins would not take.
        let got = parse_date("03.01.2022", &fmts(&["%d.%m.%Y"])).unwrap();
        assert_eq!((got.start, got.precision), (dt(2022, 1, 3, 0, 0, 0), Day));
        // Tried before built-ins: "01/03/2022" read as month/day.
        let got = parse_date("01/03/2022 14:05", &fmts(&["%m/%d/%Y %H:%M"])).unwrap();
        assert_eq!((got.start, got.precision), (dt(2022, 1, 3, 14, 5, 0), Time));
        let got = parse_date("2022/01/03 14:05 +0100", &fmts(&["%Y/%m/%d %H:%M %z"])).unwrap();
        assert_eq!((got.start, got.precision), (dt(2022, 1, 3, 13, 5, 0), Time));
        let got = parse_date("03 2022", &fmts(&["%m %Y"])).unwrap();
        assert_eq!((got.start, got.precision), (dt(2022, 3, 1, 0, 0, 0), Month));
        let got = parse_date("anno 1990", &fmts(&["anno %Y"])).unwrap();
        assert_eq!((got.start, got.precision), (dt(1990, 1, 1, 0, 0, 0), Year));
        // A non-matching or broken extra format falls through to the built-ins.
        let got = parse_date("2022-01-03", &fmts(&["%Q%", "%d.%m.%Y"])).unwrap();
        assert_eq!(got.precision, Day);
        assert_eq!(
            parse_date("03.01.1500", &fmts(&["%d.%m.%Y"])),
            Err(DateError::OutOfRange("03.01.1500".into()))
        );
    }

    #[test]
    fn periods_and_display() {
        let cases: &[(&str, NaiveDateTime, &str, &str)] = &[
            (
                "1990",
                dt(1991, 1, 1, 0, 0, 0),
                "1990",
                "1990-01-01T00:00:00Z",
            ),
            (
                "2022-12",
                dt(2023, 1, 1, 0, 0, 0),
                "2022-12",
                "2022-12-01T00:00:00Z",
            ),
            (
                "2024-02-29",
                dt(2024, 3, 1, 0, 0, 0),
                "2024-02-29",
                "2024-02-29T00:00:00Z",
            ),
            (
                "2022-01-03T23:30:00-01:00",
                dt(2022, 1, 4, 0, 30, 1),
                "2022-01-04T00:30:00Z",
                "2022-01-04T00:30:00Z",
            ),
            (
                "2261",
                dt(2262, 1, 1, 0, 0, 0),
                "2261",
                "2261-01-01T00:00:00Z",
            ),
        ];
        for (text, end, display, rfc) in cases {
            let d = parse_date(text, &[]).unwrap();
            assert_eq!(d.end(), *end, "{text}");
            assert_eq!(d.display(), *display, "{text}");
            assert_eq!(d.to_rfc3339(), *rfc, "{text}");
        }
    }

    #[test]
    fn end_never_panics_at_extremes() {
        for precision in [Year, Month, Day, Time] {
            let d = ArticleDate {
                start: NaiveDateTime::MAX,
                precision,
            };
            assert_eq!(d.end(), NaiveDateTime::MAX);
            let d = ArticleDate {
                start: NaiveDateTime::MIN,
                precision,
            };
            assert!(d.end() > d.start);
        }
    }

    #[test]
    fn bounds() {
        let today = NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
        let day = |y, m, d| dt(y, m, d, 0, 0, 0);
        let cases: &[(&str, NaiveDateTime)] = &[
            ("30d", day(2022, 5, 31)),
            ("0d", day(2022, 6, 30)),
            ("2w", day(2022, 6, 16)),
            ("6m", day(2021, 12, 30)),
            ("4M", day(2022, 2, 28)),
            ("1y", day(2021, 6, 30)),
            (" 10D ", day(2022, 6, 20)),
        ];
        for (text, start) in cases {
            let got = parse_date_bound(text, today).unwrap();
            assert_eq!((got.start, got.precision), (*start, Day), "{text}");
        }
        let got = parse_date_bound("2022-01", today).unwrap();
        assert_eq!(got.end(), dt(2022, 2, 1, 0, 0, 0));
        for text in ["400y", "99999999999d", "4294967295y", "1000000m"] {
            assert_eq!(
                parse_date_bound(text, today),
                Err(DateError::OutOfRange(text.into())),
                "{text}"
            );
        }
        for text in ["d", "3x", "-3d", "3 d", "3dd", "é"] {
            assert!(
                matches!(parse_date_bound(text, today), Err(DateError::Unreadable(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            parse_date("nope", &[]).unwrap_err().to_string(),
            "unreadable date \"nope\""
        );
        assert_eq!(
            parse_date("1500", &[]).unwrap_err().to_string(),
            "date \"1500\" is outside the supported range (years 1677 to 2262)"
        );
    }

    #[test]
    fn precision_codes_round_trip() {
        for precision in DatePrecision::ALL {
            assert_eq!(DatePrecision::from_code(precision.code()), Some(precision));
        }
        assert_eq!(DatePrecision::from_code(4), None);
    }
}
