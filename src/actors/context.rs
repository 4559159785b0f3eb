//! What the words around a name say about its kind, where the tagger only saw the name: a
//! firm is written with its legal tail ("Pell, Wexford and Co Inc") or as the employer of an
//! analyst, and a body named after "the" is no person ("the Storting"). These rules look at
//! a few bytes around each found name, so they cost next to nothing per article.

use super::gazetteer::{Ent, Hit};
use super::{words, ActorKind, Gazetteer};

/// Lower-case words of a firm's employees that the firm's name modifies or that name it as
/// their employer ("a Pell Wexford analyst", "economist at Pell Wexford").
const FIRM_STAFF: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
];

/// The end of a firm's legal tail that follows a name ending at `end`: an optional comma, an
/// optional "and" or "&", then one or more legal suffixes ("and Co", ", Inc.", "& Co Ltd").
pub(super) fn legal_tail_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let mut at = rest.strip_prefix(',').map_or(0, |_| 1);
    let mut words_seen = 0;
    let mut suffixes = 0;
    let mut tail_end = None;
    loop {
        let spaces = rest[at..].len() - rest[at..].trim_start_matches(' ').len();
        if spaces == 0 {
            break;
        }
        let word_start = at + spaces;
        let word_len = rest[word_start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '&'))
            .unwrap_or(rest.len() - word_start);
        let word = &rest[word_start..word_start + word_len];
        let connective = word.eq_ignore_ascii_case("and") || word == "&";
        if connective && words_seen == 0 {
            words_seen += 1;
            at = word_start + word_len;
            continue;
        }
        // "Co." may end the sentence as well as the suffix
        if !words::is_legal_suffix(word) || !word.starts_with(char::is_uppercase) {
            break;
        }
        suffixes += 1;
        words_seen += 1;
        at = word_start + word_len;
        tail_end = Some(end + at);
    }
    (suffixes > 0).then_some(tail_end?)
}

/// The end of the name at `s..e` without the legal tail it may end with ("Pell and Co Inc"
/// ends after "Pell"); `e` when it has none, or is nothing but one.
pub(super) fn name_before_legal_tail(text: &str, s: usize, e: usize) -> usize {
    let mut end = e;
    let mut suffixes = 0;
    while let Some((head, last)) = text[s..end].rsplit_once(' ') {
        if !words::is_legal_suffix(last.trim_end_matches(','))
            || !last.starts_with(char::is_uppercase)
        {
            break;
        }
        suffixes += 1;
        end = s + head.trim_end_matches([',', ' ']).len();
    }
    if suffixes > 0 {
        if let Some((head, last)) = text[s..end].rsplit_once(' ') {
            if last.eq_ignore_ascii_case("and") || last == "&" {
                end = s + head.trim_end_matches([',', ' ']).len();
            }
        }
    }
    if suffixes > 0 && end > s && !words::is_legal_suffix(&text[s..end]) {
        end
    } else {
        e
    }
}

/// Does the name at `s..e` stand where a firm that employs analysts stands ("a Pell Wexford
/// analyst", "analyst at Pell Wexford", "economist with Pell Wexford")?
pub(super) fn names_an_employer(text: &str, s: usize, e: usize) -> bool {
    let next = text[e..]
        .trim_start_matches(['\'', '’', 's'])
        .strip_prefix(' ')
        .map(|rest| {
            rest.split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
        });
    if next.is_some_and(|w| FIRM_STAFF.contains(&w)) {
        return true;
    }
    let before = text[..s].trim_end();
    let Some(before) = before
        .strip_suffix(" at")
        .or_else(|| before.strip_suffix(" with"))
    else {
        return false;
    };
    before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| FIRM_STAFF.contains(&w))
}

/// The start of the comma-joined partner names in front of a firm's last name: "Kestrel, "
/// of "Kestrel, Pell and Co" (at most three capitalised words before each comma, none of them
/// a title, stop word, legal suffix (a list of firms ends with one) or a name `known` says is
/// an actor of its own, and not common words opening a sentence ("Meanwhile, ")).
pub(super) fn partners_start(text: &str, s: usize, known: impl Fn(&str) -> bool) -> usize {
    let is_partner = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !words::is_stop(w)
            && !words::is_title(w.trim_end_matches('.'))
            && !words::is_legal_suffix(w)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-'))
    };
    let mut start = s;
    while let Some(before) = text[..start].strip_suffix(", ") {
        let mut partners = None;
        let mut end = before.len();
        for _ in 0..3 {
            let word_start = before[..end].rfind(' ').map_or(0, |k| k + 1);
            if !is_partner(&before[word_start..end]) {
                break;
            }
            partners = Some(word_start);
            if word_start == 0 {
                break;
            }
            end = word_start - 1;
        }
        let Some(first) = partners else { break };
        let names = &before[first..];
        let opening =
            super::extraction::at_sentence_start(text, first) && words::all_common_words(names);
        if opening || known(names) {
            break;
        }
        start = first;
    }
    start
}

/// Does a lower-case "the" stand right before `s` ("the Storting", not "The Storting" at a
/// sentence start, which may begin a name)?
pub(super) fn after_lower_case_the(text: &str, s: usize) -> bool {
    text[..s].strip_suffix("the ").is_some_and(|before| {
        !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Does "this" or "that" stand right before `s` ("this Hall", "that Chamber")? A
/// demonstrative points back at something named in full, or at a common noun.
pub(super) fn after_this(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches(' ');
    before.len() < s
        && ["this", "that", "This", "That"].iter().any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
        })
}

impl Gazetteer {
    /// Retypes the names the tagger took for people where the words around them say
    /// otherwise: a name with a legal tail or named as an analyst's employer is a firm (its
    /// comma-joined partners in front are part of its name, and the name with its tail is
    /// kept as an alias: the registry counts it as a company's), and a name of several words
    /// after a lower-case "the" is an organisation. The retyping holds for every mention of
    /// the name in the article.
    pub(super) fn retype_by_context(
        &self,
        body: &str,
        hits: &mut Vec<Hit>,
        found: &mut Vec<(String, ActorKind)>,
    ) {
        let mut retyped: Vec<usize> = Vec::new();
        let mut firms: Vec<(usize, usize, usize, usize)> = Vec::new();
        for h in hits.iter().filter(|h| !h.title) {
            let Ent::Found(k) = h.ent else { continue };
            let k = k as usize;
            if found[k].1 != ActorKind::Person && found[k].1 != ActorKind::Org {
                continue;
            }
            let known = |name: &str| self.lookup(name).is_some();
            let core = name_before_legal_tail(body, h.start, h.end);
            if let Some(tail) = legal_tail_end(body, h.end) {
                firms.push((partners_start(body, h.start, known), core, tail, k));
            } else if core < h.end {
                firms.push((partners_start(body, h.start, known), core, h.end, k));
            } else if found[k].1 == ActorKind::Person
                && (names_an_employer(body, h.start, h.end)
                    || found[k].0.contains(' ') && after_lower_case_the(body, h.start))
            {
                retyped.push(k);
            }
        }
        for k in retyped {
            found[k].1 = ActorKind::Org;
        }
        // (the firm's name as written with its tail: legal suffixes are dropped from it, and
        // kept as an alias, with every other company's)
        let unpunctuated = |name: &str| -> String {
            name.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for (s, core, tail, own) in firms {
            let (Some(name), Some(bare)) = (
                super::extraction::found_name(body, s, tail),
                super::extraction::found_name(body, s, core),
            ) else {
                continue;
            };
            // the same firm named without its tail, and the piece the tagger found, elsewhere
            // in the article
            let bare = unpunctuated(&bare);
            for (k, f) in found.iter_mut().enumerate() {
                if k == own || f.1 == ActorKind::Person && unpunctuated(&f.0) == bare {
                    f.1 = ActorKind::Org;
                }
            }
            let k = match found.iter().position(|f| f.0.eq_ignore_ascii_case(&name)) {
                Some(k) => {
                    found[k].1 = ActorKind::Org;
                    k
                }
                None => {
                    found.push((name, ActorKind::Org));
                    found.len() - 1
                }
            };
            hits.retain(|h| h.title || !(h.start < tail && s < h.end));
            hits.push(Hit {
                ent: Ent::Found(k as u32),
                title: false,
                start: s,
                end: tail,
                weak: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legal_tail_is_suffixes_after_an_optional_comma_and_conjunction() {
        let text = "Pell Wexford and Co Inc said. Tarn, Inc. rose. Mott & Co fell. Hobb and Sons.";
        let tail_after = |name: &str| {
            let end = text.find(name).unwrap() + name.len();
            legal_tail_end(text, end).map(|t| &text[end..t])
        };
        assert_eq!(tail_after("Pell Wexford"), Some(" and Co Inc"));
        assert_eq!(tail_after("Tarn"), Some(", Inc."));
        assert_eq!(tail_after("Mott"), Some(" & Co"));
        assert_eq!(tail_after("Hobb"), None);
        assert_eq!(legal_tail_end("Pell Cohen said", 4), None);
    }

    #[test]
    fn a_name_ending_with_its_legal_tail_ends_before_it() {
        let text = "Pell Wexford and Co Inc; Orrin Corp; Co Inc; Marsh Tolley";
        assert_eq!(&text[..name_before_legal_tail(text, 0, 23)], "Pell Wexford");
        assert_eq!(&text[25..name_before_legal_tail(text, 25, 35)], "Orrin");
        assert_eq!(name_before_legal_tail(text, 37, 43), 43);
        assert_eq!(name_before_legal_tail(text, 45, 57), 57);
    }

    #[test]
    fn partners_before_a_comma_belong_to_the_firm_a_list_of_firms_does_not() {
        let text = "led by Marsh Tolley, Pell and Co and by Orrin Inc, Pell and Co";
        let unknown = |_: &str| false;
        let pell = text.find("Pell").unwrap();
        assert_eq!(
            &text[partners_start(text, pell, unknown)..pell],
            "Marsh Tolley, "
        );
        let second = text.rfind("Pell").unwrap();
        assert_eq!(partners_start(text, second, unknown), second);
        let lower = "said manager, Pell and Co";
        let at = lower.find("Pell").unwrap();
        assert_eq!(partners_start(lower, at, unknown), at);
        let opening = "Rates fell. Meanwhile, Pell and Co rose. In Ostend, Pell and Co fell.";
        let at = opening.find("Pell").unwrap();
        assert_eq!(partners_start(opening, at, unknown), at);
        let at = opening.rfind("Pell").unwrap();
        assert_eq!(
            partners_start(opening, at, |name: &str| name == "Ostend"),
            at
        );
    }

    #[test]
    fn an_analysts_employer_is_named_before_or_after_the_analyst() {
        let text = "said a Pell Wexford analyst. Jo Ames, economist at Pell Wexford, agreed.";
        let first = text.find("Pell Wexford").unwrap();
        assert!(names_an_employer(text, first, first + 12));
        let second = text.rfind("Pell Wexford").unwrap();
        assert!(names_an_employer(text, second, second + 12));
        let jo = text.find("Jo Ames").unwrap();
        assert!(!names_an_employer(text, jo, jo + 7));
    }

    #[test]
    fn a_demonstrative_points_back() {
        let text = "in this Vault, That Vault and Sothat Vault";
        assert!(after_this(text, 8));
        assert!(after_this(text, text.find("That Vault").unwrap() + 5));
        assert!(!after_this(text, text.rfind("Vault").unwrap()));
        assert!(!after_this(text, 0));
    }

    #[test]
    fn only_a_lower_case_the_counts() {
        let text = "the Tarn Storting met. The Tarn Storting met. Soothe Tarn";
        assert!(after_lower_case_the(text, 4));
        assert!(!after_lower_case_the(
            text,
            text.find("The Tarn").unwrap() + 4
        ));
        assert!(!after_lower_case_the(text, text.rfind("Tarn").unwrap()));
    }
}
