//! Languages: which language an article is written in (an ISO 639-1 code), and which of
//! tantivy's stemmers analyses it.
//!
//! Detection is `whatlang`'s trigram model behind newsdex's own confidence rules: an article is
//! English unless the evidence says otherwise. Short or ambiguous texts (wire briefs, tables of
//! figures) fool any detector (`whatlang` calls `Shr loss 20 cts vs profit 96 cts` French, and
//! reliably so), and a wrong language costs an article its stemming and its actors, so:
//!
//! 1. a text whose words are at least [`ENGLISH_STOP_SHARE`] English stop words is English
//!    (the detector is not even run: this is most of an English archive);
//! 2. a text in a script other than Latin is not English: it is what the detector says;
//! 3. a Latin-script text is another language only when the detector calls it reliable, and at
//!    least [`OWN_STOP_SHARE`] of its words are that language's stop words, more than are
//!    English ones (a language tantivy has no stop-word list for stays English);
//! 4. anything else is English.
//!
//! These rules decide what an article yields (how its words are analysed, whether it has
//! actors): a change to them is a change of `actors::EXTRACTION_VERSION`.

use tantivy::tokenizer::{
    Language, LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer, TokenStream,
};

/// The code of English, the language of an article when the evidence says nothing else.
pub const ENGLISH: &str = "en";

/// Detection reads at most this many bytes of an article (title, then body): enough words for
/// a sure answer, and a bounded cost for long articles.
pub const SAMPLE_BYTES: usize = 2048;

/// Share of English stop words from which a text is English without running the detector.
/// English prose has 20-40% (Reuters: 83% of articles have 15% or more; the tables of figures
/// have less); German, French, Dutch or Spanish prose share only a few short words with the
/// list (`in`, `a`, `no`, `was`).
pub const ENGLISH_STOP_SHARE: f64 = 0.15;

/// Share of its own stop words a Latin-script text needs to be called a language other than
/// English: prose has 30% or more; a table of figures that the detector mistakes for French
/// has none.
pub const OWN_STOP_SHARE: f64 = 0.10;

/// ISO 639-3 codes (whatlang's) with an ISO 639-1 code; a language without one keeps its
/// three-letter code.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The ISO 639-1 code of a whatlang language (its ISO 639-3 code when it has none).
pub fn code_of(lang: whatlang::Lang) -> &'static str {
    let code = lang.code();
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| two)
}

/// The tantivy stemmer of a language code, for the languages tantivy stems.
pub fn stemmer_language(code: &str) -> Option<Language> {
    Some(match code {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "nb" | "no" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// A language code as a user may type it (`DE`, ` de `) in the form the index stores.
pub fn normalise_code(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// The language of an article: an ISO 639-1 code (`en`, `de`, `uk`), English unless the text
/// is confidently something else (see the module documentation).
pub fn detect(title: &str, body: &str) -> &'static str {
    let mut sample = String::with_capacity(SAMPLE_BYTES + 1);
    sample.push_str(prefix(title, SAMPLE_BYTES));
    sample.push('\n');
    sample.push_str(prefix(body, SAMPLE_BYTES.saturating_sub(sample.len())));
    detect_sample(&sample)
}

/// [`detect`] on one text.
fn detect_sample(text: &str) -> &'static str {
    let english_share = stop_word_share(text, Language::English).unwrap_or(0.0);
    if english_share >= ENGLISH_STOP_SHARE {
        return ENGLISH;
    }
    let Some(info) = whatlang::detect(text) else {
        return ENGLISH;
    };
    let code = code_of(info.lang());
    if info.script() != whatlang::Script::Latin {
        return code;
    }
    if code == ENGLISH || !info.is_reliable() {
        return ENGLISH;
    }
    let own_share = stemmer_language(code)
        .and_then(|language| stop_word_share(text, language))
        .unwrap_or(0.0);
    if own_share >= OWN_STOP_SHARE && own_share > english_share {
        code
    } else {
        ENGLISH
    }
}

/// The share of `text`'s words (runs of letters) that are stop words of `language`; None when
/// tantivy has no stop-word list for it, or the text has no words.
fn stop_word_share(text: &str, language: Language) -> Option<f64> {
    if language == Language::English {
        return english_stop_share(text);
    }
    let (mut all, mut kept) = word_counters(language)?;
    let words = count_words(&mut all, text);
    if words == 0 {
        return None;
    }
    let kept = count_words(&mut kept, text);
    Some((words - kept) as f64 / words as f64)
}

/// tantivy's English stop words (Lucene's list), as [`StopWordFilter`] removes them.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// [`stop_word_share`] for English, asked of every article, without running two analyzers
/// over the text (half of detection's time): the same words (runs of alphanumeric characters,
/// as `SimpleTokenizer` splits them, without digits) and the same stop words in any case.
fn english_stop_share(text: &str) -> Option<f64> {
    // The longest stop word; no word with a non-ASCII letter lower-cases to one.
    const LONGEST: usize = 5;
    let (mut words, mut stops) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || word.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        words += 1;
        if word.len() <= LONGEST && word.is_ascii() {
            let mut buffer = [0u8; LONGEST];
            let lower = &mut buffer[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if ENGLISH_STOP_WORDS
                .iter()
                .any(|stop| stop.as_bytes() == lower)
            {
                stops += 1;
            }
        }
    }
    (words > 0).then(|| stops as f64 / words as f64)
}

/// Two analyzers whose words [`count_words`] counts: every word, and the words that are no
/// stop words of `language` (None when tantivy has no list for it).
fn word_counters(language: Language) -> Option<(TextAnalyzer, TextAnalyzer)> {
    let filter = StopWordFilter::new(language)?;
    let all = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    let kept = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(filter)
        .build();
    Some((all, kept))
}

/// The tokens of `text` that hold no digit.
fn count_words(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut words = 0;
    while stream.advance() {
        if !stream.token().text.bytes().any(|b| b.is_ascii_digit()) {
            words += 1;
        }
    }
    words
}

/// At most `bytes` bytes of the start of `text`, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share counted without analyzers is the analyzers' share, on the bundled corpus (each
    /// text whole, and cut into samples as `detect` reads them) and on odd words.
    #[test]
    fn english_stop_share_is_what_the_analyzers_count() {
        let by_analyzers = |text: &str| {
            let (mut all, mut kept) = word_counters(Language::English).unwrap();
            let words = count_words(&mut all, text);
            (words > 0).then(|| (words - count_words(&mut kept, text)) as f64 / words as f64)
        };
        let mut texts: Vec<String> = [
            "",
            "42 17",
            "THE Ministers AND the İstanbul office",
            "ẞtraße of ǅ THE\u{212A}",
            "the1 of2 x-the THEIR theirs ﬁ the_end there's",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in walkdir::WalkDir::new(&corpus).into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.extend(text.lines().map(str::to_string));
                texts.push(text);
            }
        }
        assert!(texts.len() > 200, "{}", texts.len());
        for text in &texts {
            assert_eq!(english_stop_share(text), by_analyzers(text), "{text:?}");
        }
        // The list is tantivy's: the analyzer removes every word of it.
        let (mut all, mut kept) = word_counters(Language::English).unwrap();
        let listed = ENGLISH_STOP_WORDS.join(" ");
        assert_eq!(count_words(&mut kept, &listed), 0);
        assert_eq!(count_words(&mut all, &listed), ENGLISH_STOP_WORDS.len());
    }

    const GERMAN: &str = "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland \
        beschlossen. Der Kanzler sagte, dass die Maßnahmen so lange gelten sollen, bis die \
        Truppen aus der Ukraine abgezogen sind. Die Opposition kritisierte, dass die Regierung \
        zu spät gehandelt habe und dass die Preise für Gas und Strom weiter steigen würden.";

    const UKRAINIAN: &str = "Сьогодні важливі новини. Сполучені Штати зробили крок, який \
        відчутно послабить позиції держави-терориста. Ми продовжуємо працювати з партнерами \
        над новими санкціями.";

    const ENGLISH_PROSE: &str = "The government said on Monday that it would impose new \
        sanctions on Russia, and that the measures would stay in place until the troops were \
        withdrawn from Ukraine.";

    #[test]
    fn prose_in_each_language_is_detected() {
        assert_eq!(detect("Neue Sanktionen gegen Russland", GERMAN), "de");
        assert_eq!(detect("Звернення Президента", UKRAINIAN), "uk");
        assert_eq!(detect("New sanctions on Russia", ENGLISH_PROSE), "en");
    }

    /// A table of figures: the detector calls it French, reliably; it has no French stop
    /// words, so it stays English.
    #[test]
    fn tables_of_figures_stay_english() {
        let table = "Shr loss 20 cts vs profit 96 cts\n\nNet loss 491,000 vs profit 2,329,000\n\n\
            Revs 12.1 mln vs 14.6 mln\n\nAvg shrs 2,434,000 vs 2,420,000";
        let info = whatlang::detect(table).expect("a language");
        assert_ne!(
            info.lang(),
            whatlang::Lang::Eng,
            "the detector alone is fooled"
        );
        assert_eq!(detect("KAPOK CORP <KPK> YEAR SEPT 30 LOSS", table), "en");
    }

    /// Too little text for the detector to be sure: English.
    #[test]
    fn unreliable_latin_text_is_english() {
        assert_eq!(detect("Sanktionen", ""), "en");
        assert_eq!(detect("", ""), "en");
        assert_eq!(detect("12.5 vs 13.1", "45 67"), "en");
    }

    /// The script alone says a Cyrillic headline is not English, however short.
    #[test]
    fn short_cyrillic_text_is_not_english() {
        assert_eq!(
            detect("Брифінг Ірини Верещук щодо гуманітарних коридорів", ""),
            "uk"
        );
    }

    #[test]
    fn codes_are_iso_639_1() {
        assert_eq!(code_of(whatlang::Lang::Deu), "de");
        assert_eq!(code_of(whatlang::Lang::Ukr), "uk");
        assert_eq!(code_of(whatlang::Lang::Nob), "nb");
        for lang in whatlang::Lang::all() {
            let code = code_of(*lang);
            assert!(code.len() == 2 || code == lang.code(), "{lang:?} -> {code}");
        }
    }

    #[test]
    fn stemmers_exist_for_tantivys_languages() {
        assert_eq!(stemmer_language("de"), Some(Language::German));
        assert_eq!(stemmer_language("uk"), None);
        assert_eq!(normalise_code(" DE "), "de");
    }

    #[test]
    fn the_sample_is_cut_at_a_character_boundary() {
        let long = "ї".repeat(SAMPLE_BYTES);
        assert!(prefix(&long, 5).len() == 4);
        assert_eq!(detect("", &long).len(), 2);
    }
}
