//! Who said each quoted span: the reporting verb of its sentence and the speaker it names,
//! pronouns and roles resolved to the actor named before, through the extractor's names.

use super::spans::Span;
use super::{Quote, Turn};
use crate::actors::head::{is_common_word, is_number_word, is_stop_word, is_title};
use crate::actors::{ActorKind, ActorMatch};

/// Verbs of saying (and "according to"): the cues that attribute a quotation. General verbs
/// only, in the forms news prose writes them.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "added",
    "adds",
    "adding",
    "told",
    "tells",
    "telling",
    "wrote",
    "writes",
    "writing",
    "stated",
    "states",
    "explained",
    "explains",
    "noted",
    "notes",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "declared",
    "declares",
    "declaring",
    "asked",
    "asks",
    "asking",
    "replied",
    "replies",
    "answered",
    "insisted",
    "insists",
    "argued",
    "argues",
    "acknowledged",
    "admitted",
    "admits",
    "recalled",
    "recalls",
    "remarked",
    "commented",
    "urged",
    "urges",
    "vowed",
    "vows",
    "pledged",
    "claimed",
    "claims",
    "reads",
    "described",
    "describes",
    "called",
    "calls",
    "calling",
    "concluded",
    "announced",
    "predicted",
    "suggested",
    "suggests",
    "continued",
    "continues",
    "observed",
    "cautioned",
    "conceded",
    "complained",
    "joked",
    "testified",
    "reiterated",
    "emphasised",
    "emphasized",
    "accused",
    "alleged",
    "alleging",
    "according",
    "promised",
    "proposed",
    "rejected",
    "tweeted",
    "remembers",
    "remembered",
    "quipped",
    "responded",
    "recounted",
    "countered",
    "summed",
    "pointed",
];

/// Cues whose object is the listener, not the speaker ("told reporters").
const LISTENER_CUES: &[&str] = &[
    "told", "tells", "telling", "asked", "asks", "urged", "urges",
];

/// Words between a subject and its verb ("Smith also said", "he later told").
const SKIPPED: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "will",
    "would",
    "again",
    "further",
    "previously",
    "recently",
    "earlier",
    "once",
    "simply",
    "flatly",
    "repeatedly",
    "had",
    "once",
    "has",
    "quickly",
    "publicly",
    "privately",
    "reportedly",
    "once",
];

/// "last year", "on Tuesday": a time between a subject and its verb.
fn is_time_phrase(first: &Word, second: &Word) -> bool {
    let (first, second) = (lower(first), lower(second));
    (matches!(
        first.as_str(),
        "last" | "this" | "next" | "earlier" | "later"
    ) && matches!(
        second.as_str(),
        "week" | "month" | "year" | "weekend" | "spring" | "summer" | "autumn" | "fall" | "winter"
    )) || (first == "on" && WEEKDAYS.contains(&second.as_str()))
}

/// "yesterday", "Tuesday": a time word between a subject and its verb.
fn is_time_word(word: &Word) -> bool {
    let w = lower(word);
    matches!(w.as_str(), "yesterday" | "today" | "tonight") || WEEKDAYS.contains(&w.as_str())
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nouns naming a person by role: "the minister added" is the person named before.
const PERSON_ROLES: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "chairman",
    "chairwoman",
    "chief",
    "director",
    "executive",
    "leader",
    "senator",
    "governor",
    "economist",
    "analyst",
    "lawyer",
    "attorney",
    "ambassador",
    "premier",
    "chancellor",
    "mayor",
    "manager",
    "officer",
    "founder",
    "author",
    "professor",
    "judge",
    "general",
    "commander",
    "representative",
    "head",
    "candidate",
    "lawmaker",
    "congressman",
    "congresswoman",
    "actor",
    "actress",
    "star",
    "writer",
    "poet",
    "researcher",
    "scientist",
    "coach",
    "player",
    "prosecutor",
    "diplomat",
    "envoy",
    "king",
    "queen",
    "pope",
    "woman",
    "man",
    "father",
    "mother",
    "son",
    "daughter",
    "owner",
    "trader",
    "banker",
    "dealer",
    "source",
    "sources",
    "expert",
    "worker",
    "resident",
    "witness",
    "teacher",
    "doctor",
    "lady",
    "democrat",
    "republican",
];

/// Documents someone issues: "Acme released a statement saying" is Acme's.
const DOCUMENTS: &[&str] = &[
    "statement",
    "report",
    "letter",
    "message",
    "communique",
    "note",
    "memo",
];

/// Verbs whose object is a document their subject issues ("released a statement").
const ISSUING: &[&str] = &[
    "released",
    "issued",
    "published",
    "sent",
    "posted",
    "distributed",
    "circulated",
];

/// Documents someone sends: "the message reads" is its sender's, person or organisation.
const SENT_DOCUMENTS: &[&str] = &["message", "letter", "telegram", "greetings"];

/// Nouns naming an organisation by role: "the company said" is the organisation named before.
const ORG_ROLES: &[&str] = &[
    "company",
    "firm",
    "bank",
    "ministry",
    "department",
    "agency",
    "government",
    "group",
    "union",
    "court",
    "board",
    "committee",
    "council",
    "commission",
    "organization",
    "organisation",
    "party",
    "report",
    "statement",
    "study",
    "corporation",
    "office",
    "administration",
    "embassy",
    "association",
    "institute",
    "university",
    "newspaper",
    "paper",
    "letter",
    "communique",
    "survey",
    "exchange",
    "fund",
    "team",
    "club",
    "network",
];

/// A word of a clause: its core (punctuation trimmed) and what follows it.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// The token ended with a comma (an appositive's end, "Smith, an analyst, said").
    comma: bool,
}

fn words(body: &str, from: usize, to: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let text = &body[from..to];
    let mut offset = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let raw = token.trim_end();
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = raw[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if !core.is_empty() {
            let start = from + offset + lead;
            out.push(Word {
                start,
                end: start + core.len(),
                text: core,
                comma: raw[lead + core.len()..].contains([',', '\u{2014}']),
            });
        }
        offset += token.len();
    }
    out
}

fn lower(word: &Word) -> String {
    word.text.to_lowercase()
}

/// A noun naming a person by role, hyphenated ones by their last part ("co-author").
fn is_person_role(word: &Word) -> bool {
    let word = lower(word);
    let last = word.rsplit('-').next().unwrap_or(&word);
    PERSON_ROLES.contains(&last)
}

/// A plural of a role noun ("the Democrats", "officials"): a group the text does not name.
fn is_plural_role(word: &Word) -> bool {
    let word = lower(word);
    word.strip_suffix('s')
        .is_some_and(|singular| PERSON_ROLES.contains(&singular))
}

/// A determiner: the word before a noun or its modifier ("the", "a", "its"), never before a verb.
fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "my"
            | "this"
            | "these"
            | "those"
    )
}

fn is_cue(word: &Word) -> bool {
    CUES.contains(&lower(word).as_str())
}

fn capitalised(word: &Word) -> bool {
    word.text.chars().next().is_some_and(char::is_uppercase)
}

/// What the words next to a cue say of the speaker.
#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    /// A named actor or a name the extractor does not know.
    Named(String),
    /// An unnamed person or group ("one banker said"): no speaker.
    Unnamed,
    /// "I" as the subject of the verb: the text's own speaker, the turn's when the quotation
    /// stands in one ("I said "also"" in a speech), else no one.
    FirstPerson,
    /// Nothing the rules read as a speaker.
    Unknown,
}

/// How far back a sentence's start is looked for (bytes).
const SENTENCE_REACH: usize = 600;

/// Where a backward look for the sentence holding `at` starts: [`SENTENCE_REACH`] bytes
/// before it, on a char boundary.
fn reach_back(body: &str, at: usize) -> usize {
    super::turns::boundary(body, at.saturating_sub(SENTENCE_REACH))
}

/// A speaker named before some offset, for pronouns and roles to resolve to.
#[derive(Debug, Clone)]
struct Referent {
    at: usize,
    /// Empty for an unnamed speaker ("an official said"): a pronoun after it is no one's.
    name: String,
    kind: ActorKind,
    /// The subject of a verb of saying or a quotation's speaker, not a mere mention.
    speaks: bool,
}

struct Article<'a> {
    body: &'a str,
    /// Every body mention: (start, end, actor index).
    mentions: Vec<(usize, usize, usize)>,
    actors: &'a [ActorMatch],
    /// Actors and speakers named so far (mentions outside quotations, and speakers found).
    referents: Vec<Referent>,
    /// The quotation attributed last: where its sentence ends and its speaker, when that is a
    /// person or an unnamed one (`None`), for the pronoun of the quotation that follows it.
    previous: Option<(usize, Option<String>)>,
}

impl<'a> Article<'a> {
    fn actor_at(&self, word: &Word) -> Option<&'a ActorMatch> {
        self.mentions
            .iter()
            .find(|&&(s, e, _)| s <= word.start && word.end <= e)
            .map(|&(_, _, i)| &self.actors[i])
    }

    /// The speaker a word names: a person or organisation the extractor found there (places
    /// and countries are where things are said, not who says them).
    fn speaker_at(&self, words: &[Word], j: usize) -> Option<Speaker> {
        let actor = self.actor_at(&words[j])?;
        if !matches!(actor.kind, ActorKind::Person | ActorKind::Org) {
            return Some(Speaker::Unknown);
        }
        // "Ann Roe of Acme Corp said", "Roe of the Acme Ministry's press office", "Roe at
        // Acme": the person before the organisation speaks, a name the extractor did not
        // find too (a capitalised word that is no role, title or stop word).
        if actor.kind == ActorKind::Org {
            let mut first = self.joined_name_start(words, self.name_start(words, j, &actor.name));
            if first >= 3 && lower(&words[first - 1]) == "the" {
                first -= 1;
            }
            if let Some(person) = self.person_before(words, first) {
                return Some(person);
            }
        }
        Some(Speaker::Named(personal_name(&actor.name, actor.kind)))
    }

    /// The person named just before an organisation's name opening at word `first`, across
    /// "of", "at", "from" or "with" ("Ann Roe of Acme", "Roe at Acme"): a person the
    /// extractor found there, or a capitalised word it did not find that is no title and no
    /// English common word (a role such as "Undersecretary of Acme" is one).
    fn person_before(&self, words: &[Word], first: usize) -> Option<Speaker> {
        if first < 2
            || !matches!(
                lower(&words[first - 1]).as_str(),
                "of" | "at" | "from" | "with"
            )
            || words[first - 2].comma
        {
            return None;
        }
        let before = &words[first - 2];
        match self.actor_at(before) {
            Some(person) if person.kind == ActorKind::Person => {
                Some(Speaker::Named(personal_name(&person.name, person.kind)))
            }
            None if capitalised(before)
                && !is_common_word(before.text)
                && !is_role_title(before.text)
                && !is_person_role(before)
                && !is_title_word(before.text) =>
            {
                Some(self.named(words, first - 2))
            }
            _ => None,
        }
    }

    /// Where an organisation's name opens when the extractor cut it in two at its "and" ("Roe
    /// of Acme Lynch and Co Inc"): the start of the organisation before the "and", so that the
    /// person before the whole name is found; `first` itself otherwise.
    fn joined_name_start(&self, words: &[Word], mut first: usize) -> usize {
        while first >= 2 && matches!(words[first - 1].text, "and" | "&") && !words[first - 2].comma
        {
            match self.actor_at(&words[first - 2]) {
                Some(before) if before.kind == ActorKind::Org => {
                    first = self.name_start(words, first - 2, &before.name);
                }
                _ => break,
            }
        }
        first
    }

    /// The first word of the run of words naming the actor `name` that ends at word `j`.
    fn name_start(&self, words: &[Word], j: usize, name: &str) -> usize {
        (0..=j)
            .rev()
            .take_while(|&k| self.actor_at(&words[k]).is_some_and(|a| a.name == name))
            .last()
            .unwrap_or(j)
    }

    /// The speaker a word next to a verb of saying names, as `speaker_at`, but also a name
    /// the extractor took for a place: beside the verb, a name is its subject whatever kind
    /// it was given ("said Hadvar"), unless a preposition puts it in a phrase of place ("the
    /// ministry in Kyiv said"). Countries stay out ("Ruritania said" is its government's).
    fn agent_at(&self, words: &[Word], j: usize) -> Option<Speaker> {
        let speaker = self.speaker_at(words, j)?;
        if speaker != Speaker::Unknown {
            return Some(speaker);
        }
        let actor = self.actor_at(&words[j])?;
        let allowed = actor.kind == ActorKind::Place;
        let first = self.name_start(words, j, &actor.name);
        let after_preposition = first > 0
            && matches!(
                lower(&words[first - 1]).as_str(),
                "in" | "at" | "from" | "of" | "to" | "for" | "on" | "near" | "outside" | "across"
            );
        Some(if allowed && !after_preposition {
            Speaker::Named(actor.name.clone())
        } else {
            Speaker::Unknown
        })
    }

    /// The referent of `kind` a pronoun or a definite role before `at` refers to.
    fn resolve(&self, kind: ActorKind, at: usize) -> Speaker {
        let pronouns: &[&str] = if kind == ActorKind::Person {
            PERSON_SUBJECTS
        } else {
            &[]
        };
        self.salient(at, |r| r.kind == kind, pronouns, 0)
    }

    /// The person a definite role ("the president") before `at` refers to, as `resolve`, but
    /// not someone named after "The <role>" and a verb in a sentence: "The President thanked
    /// Ann Roe" names Roe as another person than the president.
    fn resolve_role(&self, noun: &str, at: usize) -> Speaker {
        let other = |r: &Referent| {
            let start = sentence_start(self.body, reach_back(self.body, r.at), r.at);
            let before = words(self.body, start, r.at);
            before.len() > 2
                && lower(&before[0]) == "the"
                && lower(&before[1]) == noun
                && before[2..]
                    .iter()
                    .any(|w| !capitalised(w) && !matches!(w.text, "of" | "the" | "and"))
        };
        self.salient(
            at,
            |r| r.kind == ActorKind::Person && !other(r),
            PERSON_SUBJECTS,
            0,
        )
    }

    /// The referent of either kind before `at`: the sender of "the message".
    fn resolve_any(&self, at: usize) -> Speaker {
        self.salient(at, |_| true, &[], 0)
    }

    /// The organisation a definite description ending at word `j` names by a word of its
    /// name ("the chamber said" after "the Zimbabwe National Chamber of Commerce", "the union
    /// body said" after "the Congress of Trade Unions"): the nearest organisation before `at`
    /// one of whose name's words is a word of the description, singular or plural. The
    /// description is "the" (or "this", "that") and up to three lowercase words, none of
    /// them a person's role, singular or plural ("the dealer", "the administration officials"
    /// are people) nor a stop word.
    fn described_organisation(&self, words: &[Word], j: usize, at: usize) -> Option<Speaker> {
        let mut description = Vec::new();
        let mut k = j;
        loop {
            let word = &words[k];
            let text = lower(word);
            if k < j && text == "the" {
                // The description opens its clause ("The chamber said", "..., the union body
                // said"), not a phrase of a verb or a preposition ("a source close to the
                // industry said").
                let opens = k == 0
                    || words[k - 1].comma
                    || self.body[words[k - 1].end..word.start]
                        .contains(['.', '!', '?', ';', ':', '"', '\u{201D}'])
                    || matches!(lower(&words[k - 1]).as_str(), "and" | "but");
                if !opens {
                    return None;
                }
                break;
            }
            if j - k >= 3
                || k == 0
                || word.comma
                || !word.text.chars().all(|c| c.is_ascii_lowercase())
                || is_stop_word(word.text)
                || PERSON_ROLES.contains(&singular(&text))
            {
                return None;
            }
            description.push(singular(&text).to_string());
            k -= 1;
        }
        // An organisation the extractor took for a place ("the Congress of Trade Unions")
        // is named by its words too; a country is not ("the union" is no "Soviet Union").
        self.mentions
            .iter()
            .filter(|&&(start, _, i)| {
                start < at
                    && matches!(self.actors[i].kind, ActorKind::Org | ActorKind::Place)
                    && self.actors[i]
                        .name
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| {
                            let w = w.to_lowercase();
                            description.iter().any(|d| d == singular(&w))
                        })
            })
            .max_by_key(|&&(start, _, _)| start)
            .map(|&(_, _, i)| Speaker::Named(self.actors[i].name.clone()))
    }

    /// The organisation a definite spokesperson ("the spokeswoman" at `at`) speaks for when
    /// the article introduced that spokesperson earlier with an organisation: the nearest
    /// earlier use of the same noun that names one, before it ("a Vantrell spokeswoman") or after
    /// "for", "of" or "at" ("a spokesman for Acme"). A definite noun refers back to its
    /// introduction, not to whatever organisation was named nearer. Uses of the noun naming
    /// no organisation ("the spokeswoman said") are passed over, as they refer back too; an
    /// unnamed indefinite one ("a spokeswoman said") or a named one ("spokeswoman Ann Roe")
    /// ends the search with nothing.
    fn introduced_for(&self, noun: &str, at: usize) -> Option<Speaker> {
        let text = words(self.body, 0, at);
        for k in (0..text.len()).rev() {
            if lower(&text[k]) != noun {
                continue;
            }
            if text.get(k + 1).is_some_and(capitalised) && !text[k].comma {
                return None;
            }
            if k > 0 {
                if let Some(actor) = self.actor_at(&text[k - 1]) {
                    if actor.kind != ActorKind::Person {
                        return Some(Speaker::Named(actor.name.clone()));
                    }
                }
            }
            if let Some(next) = text.get(k + 1) {
                if !text[k].comma && matches!(lower(next).as_str(), "for" | "of" | "at") {
                    if let Some(actor) = text.get(k + 2).and_then(|w| self.actor_at(w)) {
                        if actor.kind == ActorKind::Org {
                            return Some(Speaker::Named(actor.name.clone()));
                        }
                    }
                }
            }
            if k > 0 && matches!(lower(&text[k - 1]).as_str(), "a" | "an") {
                return None;
            }
        }
        None
    }

    /// The first referent that `fits` in the sentence of the nearest one before `at`: the
    /// subject comes first, and a pronoun or a definite role refers to the subject before an
    /// object ("Roe thanked Doe. "...," the minister stressed" is Roe's). A speaker of that
    /// sentence comes before any other ("Doe's plan works, Roe said. "...," he added" is
    /// Roe's), and a subject pronoun before its first referent carries on the one before it
    /// ("Roe came home. She opened Doe's shop. "...," she says" is Roe's).
    fn salient(
        &self,
        at: usize,
        fits: impl Fn(&Referent) -> bool + Copy,
        pronouns: &[&str],
        depth: usize,
    ) -> Speaker {
        let Some(nearest) = self
            .referents
            .iter()
            .filter(|r| r.at < at && fits(r))
            .max_by_key(|r| r.at)
        else {
            return Speaker::Unknown;
        };
        let floor = reach_back(self.body, nearest.at);
        let start = sentence_start(self.body, floor, nearest.at);
        let in_sentence = || {
            self.referents
                .iter()
                .filter(move |r| r.at >= start && r.at <= nearest.at && fits(r))
        };
        let speaker = in_sentence().filter(|r| r.speaks).min_by_key(|r| r.at);
        let first = speaker
            .or_else(|| in_sentence().min_by_key(|r| r.at))
            .unwrap_or(nearest);
        if depth < 3 && !first.speaks {
            let subject = words(self.body, start, first.at)
                .into_iter()
                .find(|w| pronouns.contains(&w.text));
            if let Some(pronoun) = subject {
                if let Speaker::Named(name) = self.salient(pronoun.start, fits, pronouns, depth + 1)
                {
                    return Speaker::Named(name);
                }
            }
        }
        if first.name.is_empty() {
            return Speaker::Unnamed;
        }
        Speaker::Named(first.name.clone())
    }

    /// The person a subject pronoun at `pronoun` refers to when it carries on the quotation
    /// just before: nobody is named and no verb of saying stands between the end of that
    /// quotation's sentence and the pronoun, so its speaker is the one the pronoun continues
    /// ("..., Roe said, thanking Doe. "...," she added" is Roe's, although Doe is named nearer).
    fn continued(&self, pronoun: usize) -> Option<Speaker> {
        let (end, speaker) = self.previous.as_ref()?;
        if *end > pronoun {
            return None;
        }
        let named_between = self
            .referents
            .iter()
            .any(|r| r.at >= *end && r.at < pronoun && r.kind == ActorKind::Person);
        let spoken_between = words(self.body, *end, pronoun).iter().any(is_cue);
        if named_between || spoken_between {
            return None;
        }
        Some(speaker.clone().map_or(Speaker::Unnamed, Speaker::Named))
    }

    /// A name the extractor does not know: the fullest form the article gives it (a person
    /// the extractor knows by that surname, else an earlier "First Surname").
    fn fullest(&self, name: &str) -> String {
        let last = name.rsplit(' ').next().unwrap_or(name);
        if let Some(actor) = self.actors.iter().find(|a| {
            a.kind == ActorKind::Person
                && a.name.rsplit(' ').next() == Some(last)
                && a.name.len() > name.len()
        }) {
            return actor.name.clone();
        }
        if !name.contains(' ') {
            let mut from = 0;
            while let Some(found) = self.body[from..].find(name) {
                let at = from + found;
                let before: Vec<&str> = self.body[..at].split_whitespace().rev().take(1).collect();
                if let Some(first) = before.first() {
                    let clean = first.trim_matches(|c: char| !c.is_alphanumeric());
                    if clean.len() > 1
                        && clean == *first
                        && clean.chars().next().is_some_and(char::is_uppercase)
                        && clean.chars().skip(1).all(char::is_lowercase)
                        && !is_title_word(clean)
                    {
                        return format!("{clean} {name}");
                    }
                }
                from = at + name.len();
            }
        }
        name.to_string()
    }

    fn named(&self, words: &[Word], j: usize) -> Speaker {
        if let Some(speaker) = self.speaker_at(words, j) {
            return speaker;
        }
        // A capitalised run ending at j, not opening the sentence alone.
        let mut i = j;
        while i > 0
            && capitalised(&words[i - 1])
            && !words[i - 1].comma
            && !is_title_word(words[i - 1].text)
        {
            i -= 1;
        }
        // "Walsh at Acme Trust said": a name the extractor did not find, after its person.
        if let Some(person) = self.person_before(words, self.joined_name_start(words, i)) {
            return person;
        }
        let name = words[i..=j]
            .iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ");
        Speaker::Named(self.fullest(&without_leading_role(&name)))
    }
}

/// A person's name without what the extractor ran into it: a courtesy title in front
/// (`without_honorific`), a role or a count opening a person's name (`without_leading_role`;
/// an organisation's name keeps its first word: "Economist Intelligence Unit"), or an
/// organisation and a role ("Acme President Ann Roe" is Ann Roe).
fn personal_name(name: &str, kind: ActorKind) -> String {
    let name = without_honorific(name);
    let name = if kind == ActorKind::Person {
        without_leading_role(&name)
    } else {
        name
    };
    let words: Vec<&str> = name.split(' ').collect();
    let role = (1..words.len().saturating_sub(2)).rev().find(|&k| {
        is_role_title(words[k])
            && words[k + 1..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    match role {
        Some(k) => words[k + 1..].join(" "),
        None => name,
    }
}

/// A name without a word the sentence's capital ran into it: a noun naming a person by role
/// or trade ("Investor Ann T. Roe", "Grower Ann Roe") or a count ("Three Acme Workers"),
/// when a name of two words or more follows it. A role or trade is a word of `PERSON_ROLES`
/// or an English common word ending as agent nouns do (-er, -or, -ist, -ian); a given name
/// that is also a common word ("Bill", "Mark") is neither.
fn without_leading_role(name: &str) -> String {
    let Some((first, rest)) = name.split_once(' ') else {
        return name.to_string();
    };
    let rest_is_a_name = rest.contains(' ')
        && !rest.contains(',')
        && rest
            .split(' ')
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let lower = first.to_lowercase();
    let agent_noun = ["er", "or", "ist", "ian"]
        .iter()
        .any(|suffix| lower.len() > suffix.len() + 2 && lower.ends_with(suffix));
    let role = PERSON_ROLES.contains(&lower.as_str())
        || is_number_word(first)
        || (agent_noun && is_common_word(first));
    if rest_is_a_name && role && first.chars().next().is_some_and(char::is_uppercase) {
        rest.to_string()
    } else {
        name.to_string()
    }
}

/// A capitalised role written before a name ("President", "Chairman"): a title of the
/// extractor's list, capitalised.
fn is_role_title(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && is_title(word)
}

/// A name without a religious or courtesy title in front ("Sister Ann Roe" is Ann Roe).
fn without_honorific(name: &str) -> String {
    let honorifics = [
        "Father", "Sister", "Brother", "Rev", "Reverend", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame",
        "Rabbi", "Mr.", "Mrs.", "Ms.", "Dr.", "Rev.",
    ];
    match name.split_once(' ') {
        Some((first, rest)) if honorifics.contains(&first) && rest.contains(' ') => {
            rest.to_string()
        }
        _ => name.to_string(),
    }
}

fn is_title_word(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "President"
            | "Minister"
            | "Secretary"
            | "Senator"
            | "Governor"
            | "Prime"
            | "Chairman"
            | "The"
            | "A"
            | "An"
            | "In"
            | "But"
            | "And"
            | "As"
            | "When"
            | "If"
    )
}

/// A role whose holder speaks for an organisation ("a union representative", "a
/// spokeswoman"): not a person of his own that a later pronoun could stop at.
fn speaks_for_an_organisation(noun: &str) -> bool {
    noun.starts_with("spokes") || noun == "representative"
}

/// Whether a spokesperson of the organisation `name` speaks in the clause around a quotation
/// (`before` it, or the first words `after` it): "the Acme spokeswoman said", "said a
/// spokesman for Acme", or "the spokeswoman said" after her introduction with Acme. She is
/// the person who speaks for it, whom a later "she" or "he" refers to although the words are
/// the organisation's; a spokesperson given the organisation merely named nearest is not.
fn spokesperson_of(article: &Article, name: &str, before: &[Word], after: &[Word]) -> bool {
    let clause = || before.iter().chain(after.iter().take(5));
    let named_here = clause().any(|w| article.actor_at(w).is_some_and(|a| a.name == name));
    clause()
        .filter(|w| speaks_for_an_organisation(&lower(w)))
        .any(|w| {
            named_here
                || article.introduced_for(&lower(w), w.start) == Some(Speaker::Named(name.into()))
        })
}

/// Whether a first or second person pronoun stands next to a quotation (the last words before
/// it or the first after it): a speaker of a recounted dialogue, whom "he" does not carry on.
fn first_person(before: &[Word], after: &[Word]) -> bool {
    before
        .iter()
        .rev()
        .take(3)
        .chain(after.iter().take(3))
        .any(|w| matches!(w.text, "I" | "we" | "We" | "you" | "You"))
}

/// The pronouns that are a person's subject ("she added").
const PERSON_SUBJECTS: &[&str] = &["he", "she", "He", "She"];

/// A pronoun that is a person's subject ([`PERSON_SUBJECTS`]).
fn is_subject_pronoun(word: &str) -> bool {
    PERSON_SUBJECTS.contains(&word)
}

/// Whether a word is a role's or a title's possessive ("the President's Office", "the
/// Minister's office"): the office of a person, not an organisation's name.
fn is_possessive_role(body: &str, word: &Word) -> bool {
    let stem = without_possessive(word.text);
    is_possessive(body, word)
        && (is_title_word(stem) || PERSON_ROLES.contains(&stem.to_lowercase().as_str()))
}

/// Whether a word is a possessive ("Acme's", "Securities'"), a modifier of the noun after it.
fn is_possessive(body: &str, word: &Word) -> bool {
    without_possessive(word.text).len() < word.text.len()
        || body[word.end..].starts_with(['\'', '\u{2019}'])
}

/// `word` without a possessive ending, straight or typographic ("Acme's" -> "Acme").
fn without_possessive(word: &str) -> &str {
    word.trim_end_matches("'s").trim_end_matches("\u{2019}s")
}

/// A lowercase noun without a plural "s" ("unions" -> "union"), for comparing a description
/// with a name; words of three letters or fewer are left as they are ("gas", "bus").
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if word.len() > 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// Whether the text right after a name opens with a possessive ending ("'s", "\u{2019}s").
fn opens_possessive(rest: &str) -> bool {
    rest.starts_with("'s") || rest.starts_with("\u{2019}s")
}

fn pronoun(word: &str) -> Option<Option<ActorKind>> {
    match word {
        "he" | "she" | "He" | "She" | "him" | "her" => Some(Some(ActorKind::Person)),
        "it" | "It" => Some(Some(ActorKind::Org)),
        "they" | "They" | "I" | "we" | "We" | "you" | "You" => Some(None),
        _ => None,
    }
}

/// A role noun phrase ending at `j` ("the finance minister"), read backwards to its
/// determiner: the actor it refers to, or unnamed.
fn role_before(article: &Article, words: &[Word], j: usize, at: usize) -> Option<Speaker> {
    let noun = lower(&words[j]);
    let sent = SENT_DOCUMENTS.contains(&noun.as_str());
    let kind = if sent {
        ActorKind::Org
    } else if PERSON_ROLES.contains(&noun.as_str()) {
        ActorKind::Person
    } else if ORG_ROLES.contains(&noun.as_str()) {
        ActorKind::Org
    } else {
        return None;
    };
    // "the President's Office": a person's office, read with the role before it ("the Head of
    // the President's Office"), not an organisation.
    if kind == ActorKind::Org && j > 0 && is_possessive_role(article.body, &words[j - 1]) {
        return None;
    }
    // "A British Airways spokesman": the organisation just before the role. Another role of
    // an organisation is a person of it ("the Acme chief said"), read as a role below.
    let speaks_for = noun.starts_with("spokes") || kind == ActorKind::Org;
    if j > 0 && speaks_for {
        // A spokesman speaks for the name before him whatever kind the extractor gave it, or
        // for a capitalised name it did not find ("a Vantrell spokesman").
        if let Some(actor) = article.actor_at(&words[j - 1]) {
            return Some(Speaker::Named(actor.name.clone()));
        }
        // "a Union statement": a role written with a capital is the organisation named before.
        if kind == ActorKind::Org && ORG_ROLES.contains(&lower(&words[j - 1]).as_str()) {
            return Some(article.resolve(ActorKind::Org, at));
        }
        // "the Democrat report": a role noun names the members of a group, not the group,
        // and the text names no one who issued it.
        if DOCUMENTS.contains(&noun.as_str())
            && capitalised(&words[j - 1])
            && is_person_role(&words[j - 1])
        {
            return Some(Speaker::Unnamed);
        }
        if capitalised(&words[j - 1])
            && !is_title_word(words[j - 1].text)
            && !is_stop_word(words[j - 1].text)
            && !words[j - 1].comma
        {
            let mut i = j - 1;
            while i > 0
                && capitalised(&words[i - 1])
                && !words[i - 1].comma
                && !is_title_word(words[i - 1].text)
            {
                i -= 1;
            }
            let name: Vec<&str> = words[i..j].iter().map(|w| w.text).collect();
            return Some(Speaker::Named(name.join(" ")));
        }
    }
    let mut i = j;
    while i > 0 && j - i < 5 {
        i -= 1;
        match lower(&words[i]).as_str() {
            "the" | "this" | "that" | "his" | "her" | "its" if sent => {
                return Some(sender_before(article, at).unwrap_or_else(|| article.resolve_any(at)))
            }
            // "the spokesman said" with no person named before is the organisation's.
            "the" | "this" | "that" | "his" | "her" | "its" => {
                // "A Vantrell spokeswoman said ... the spokeswoman said": the one introduced.
                if speaks_for_an_organisation(&noun) {
                    if let Some(organisation) = article.introduced_for(&noun, words[j].start) {
                        return Some(organisation);
                    }
                }
                let person = if kind == ActorKind::Person {
                    article.resolve_role(&noun, at)
                } else {
                    article.resolve(kind, at)
                };
                if !matches!(person, Speaker::Named(_)) && speaks_for_an_organisation(&noun) {
                    return Some(article.resolve(ActorKind::Org, at));
                }
                // "Ifo said. "...," the report said": with no organisation named before, a
                // document is the last speaker's, whatever kind the extractor gave the name.
                if !matches!(person, Speaker::Named(_)) && DOCUMENTS.contains(&noun.as_str()) {
                    return Some(article.salient(at, |r| r.speaks, &[], 0));
                }
                return Some(person);
            }
            "a" | "an" if i > 0 && DOCUMENTS.contains(&noun.as_str()) => {
                // "Acme issued a statement saying": the document's issuer is the subject.
                if ISSUING.contains(&lower(&words[i - 1]).as_str()) {
                    if let named @ Speaker::Named(_) = subject_before(article, words, i - 1, at) {
                        return Some(named);
                    }
                }
                return Some(Speaker::Unnamed);
            }
            "a" | "an" | "one" | "another" | "some" | "two" | "three" | "several" | "many" => {
                return Some(Speaker::Unnamed)
            }
            _ if words[i].comma => break,
            _ => {}
        }
    }
    None
}

/// The sender of "the message" read at `at`: the subject of the last verb before it that
/// issues a sent document ("The President sent a message of greetings to Roe. The message
/// reads" is the President's, not Roe's), within the reach of a sentence.
fn sender_before(article: &Article, at: usize) -> Option<Speaker> {
    let floor = reach_back(article.body, at);
    let text = words(article.body, floor, at);
    let verb = (0..text.len()).rev().find(|&k| {
        ISSUING.contains(&lower(&text[k]).as_str())
            && text[k + 1..text.len().min(k + 5)]
                .iter()
                .any(|w| SENT_DOCUMENTS.contains(&lower(w).as_str()))
    })?;
    let start = sentence_start(article.body, floor, text[verb].start);
    let clause = words(article.body, start, text[verb].end);
    match subject_before(article, &clause, clause.len() - 1, text[verb].start) {
        named @ Speaker::Named(_) => Some(named),
        _ => None,
    }
}

/// "a spokesman for X", "the minister": a role phrase starting at `j`, read forwards.
fn role_after(article: &Article, words: &[Word], j: usize, at: usize) -> Option<Speaker> {
    let first = lower(&words[j]);
    if !matches!(first.as_str(), "the" | "a" | "an" | "one" | "another") {
        return None;
    }
    let limit = words.len().min(j + 6);
    for k in j + 1..limit {
        let noun = lower(&words[k]);
        if PERSON_ROLES.contains(&noun.as_str()) || ORG_ROLES.contains(&noun.as_str()) {
            // "a U.S. Bank foreign exchange manager": an organisation's noun modifying a
            // person's role is where the person works; the role ends the phrase.
            if !PERSON_ROLES.contains(&noun.as_str()) && !words[k].comma {
                let person = (k + 1..limit)
                    .take_while(|&m| !capitalised(&words[m]))
                    .find(|&m| is_person_role(&words[m]));
                if let Some(m) = person.filter(|&m| words[k + 1..m].iter().all(|w| !w.comma)) {
                    return role_before(article, words, m, at);
                }
            }
            // "said a later chancellor, Ann Roe": the name in apposition to the role.
            if words[k].comma && words.get(k + 1).is_some_and(capitalised) {
                return Some(subject_after(article, words, k, at));
            }
            // "a spokesman for X": the organisation after "for".
            if k + 2 < words.len() && matches!(lower(&words[k + 1]).as_str(), "for" | "at" | "of") {
                if let Some(actor) = article.actor_at(&words[k + 2]) {
                    if noun.starts_with("spokes") && actor.kind != ActorKind::Person {
                        return Some(Speaker::Named(actor.name.clone()));
                    }
                }
            }
            return role_before(article, words, k, at);
        }
        if words[k].comma {
            break;
        }
    }
    None
}

/// The subject ending just before the cue at `i`.
fn subject_before(article: &Article, words: &[Word], i: usize, at: usize) -> Speaker {
    let mut j = i;
    loop {
        if j > 0 && SKIPPED.contains(&lower(&words[j - 1]).as_str()) {
            j -= 1;
        } else if j > 1 && is_time_phrase(&words[j - 2], &words[j - 1]) {
            j -= 2;
        } else if j > 0 && is_time_word(&words[j - 1]) {
            j -= 1;
        } else {
            break;
        }
    }
    if j == 0 {
        return Speaker::Unknown;
    }
    let mut j = j - 1;
    // "Smith, an analyst at Foo, said": the subject is before the appositive. "Her mother,
    // Ann, said", "the spokesman, Ann Roe, said": a name in apposition to a role is the
    // subject itself.
    if words[j].comma {
        if let Some(k) = (0..j).rev().find(|&k| words[k].comma) {
            let appositive = &words[k + 1..=j];
            let a_name = appositive.len() <= 4
                && appositive
                    .iter()
                    .all(|w| capitalised(w) && !is_stop_word(w.text) && !is_title_word(w.text));
            let person = article
                .actor_at(&words[j])
                .is_none_or(|a| a.kind == ActorKind::Person);
            if !(a_name && person && is_person_role(&words[k])) {
                j = k;
            }
        }
    } else if is_person_role(&words[j]) {
        // "Roe, an Ohio Democrat said": an appositive whose closing comma is missing is still
        // the name's (a person the extractor found), not an unnamed person's; an adverb
        // ("Similarly, a spokeswoman said") is no name.
        if let Some(k) = (j.saturating_sub(6)..j).rev().find(|&k| words[k].comma) {
            let a_person = article
                .actor_at(&words[k])
                .is_some_and(|a| a.kind == ActorKind::Person);
            if matches!(lower(&words[k + 1]).as_str(), "a" | "an") && a_person {
                j = k;
            }
        }
    }
    let word = &words[j];
    if word.text == "I" {
        return Speaker::FirstPerson;
    }
    if is_subject_pronoun(word.text) {
        if let Some(continued) = article.continued(word.start) {
            return continued;
        }
    }
    if let Some(kind) = pronoun(word.text) {
        // "Doe vetoed it, he added": a pronoun after what it reports refers to someone
        // named before that report, not inside it.
        let at = if j > 0 && words[j - 1].comma {
            sentence_start(article.body, words[0].start, word.start).min(at)
        } else {
            at
        };
        return kind.map_or(Speaker::Unnamed, |kind| article.resolve(kind, at));
    }
    // "the Democrats added": a group named by its members' role, written as a name, is no
    // one's name (a name the extractor found, "Acme Dealers", stays a name).
    if capitalised(word) && is_plural_role(word) && article.actor_at(word).is_none() {
        return Speaker::Unnamed;
    }
    // "an analyst at Acme Securities said": an unnamed member of a named organisation.
    if unnamed_member(words, j) {
        return Speaker::Unnamed;
    }
    // "the President of Acme noted", after "President of Acme Ann Roe": the title's holder.
    if let Some(holder) = titled_subject(article, words, j, at) {
        return holder;
    }
    if let Some(organisation) = article.described_organisation(words, j, at) {
        return organisation;
    }
    if let Some(role) = role_before(article, words, j, at) {
        return role;
    }
    // "the President of Ukraine stressed": the role before "of" and its name.
    {
        if let Some(of) = (j.saturating_sub(5)..j)
            .rev()
            .find(|&k| lower(&words[k]) == "of")
        {
            // "the Head of State", "the President of Acme": any capitalised name but a person's;
            // "the Head of the President's Office": after an article, and a person's name as a
            // possessive, which modifies the noun after it.
            let named = (of + 1..=j).all(|k| {
                let article_word = k == of + 1 && k < j && lower(&words[k]) == "the";
                (capitalised(&words[k]) || article_word)
                    && !words[k].comma
                    && (article_word
                        || is_possessive(article.body, &words[k])
                        || article
                            .actor_at(&words[k])
                            .is_none_or(|a| a.kind != ActorKind::Person))
            });
            // "the minister of defence", "the chief of staff": a person's role and one lowercase
            // noun, no article ("the committee of safety" is no one named).
            let common = of > 0
                && j == of + 1
                && !capitalised(&words[j])
                && !words[j].comma
                && is_person_role(&words[of - 1]);
            if of > 0 && (named || common) && !words[of - 1].comma {
                if let Some(role) = role_before(article, words, of - 1, at) {
                    return role;
                }
            }
        }
    }
    // "This was stated by ...": a capitalised stop word opening a sentence names no one.
    if article.actor_at(word).is_some() || (capitalised(word) && !is_stop_word(word.text)) {
        if let Some(speaker) = article.agent_at(words, j) {
            return speaker;
        }
        if j > 0 || !is_title_word(word.text) {
            return article.named(words, j);
        }
    }
    Speaker::Unknown
}

/// Whether the subject ending at `j` is an unnamed person of an organisation: an indefinite
/// role and the organisation after "at", "for", "of", "with" or "from" ("an analyst at Acme
/// Securities", "one dealer for a U.S.-based bank"), no comma between. The organisation is
/// where the person works, not the speaker; a spokesperson or a representative speaks for it.
fn unnamed_member(words: &[Word], j: usize) -> bool {
    for k in (j.saturating_sub(8)..j).rev() {
        if words[k].comma {
            return false;
        }
        if !matches!(words[k].text, "at" | "for" | "of" | "with" | "from") || k < 2 {
            continue;
        }
        let role = &words[k - 1];
        if role.comma || !is_person_role(role) || speaks_for_an_organisation(&lower(role)) {
            return false;
        }
        return (k.saturating_sub(4)..k - 1).rev().any(|d| {
            matches!(lower(&words[d]).as_str(), "a" | "an" | "one" | "another")
                && words[d + 1..k - 1]
                    .iter()
                    .all(|w| !w.comma && !capitalised(w))
        });
    }
    false
}

/// The person a subject "the <Title> of <Name>" ending at `j` refers to when the article
/// introduced someone with those very words before a name ("President of Acme Ann Roe ...
/// The President of Acme noted"): the first person whose name follows them, before `at`.
fn titled_subject(article: &Article, words: &[Word], j: usize, at: usize) -> Option<Speaker> {
    let of = (j.saturating_sub(5)..j)
        .rev()
        .find(|&k| words[k].text == "of")?;
    if of < 2 || lower(&words[of - 2]) != "the" || !is_role_title(words[of - 1].text) {
        return None;
    }
    if words[of - 1..=j].iter().any(|w| w.comma) {
        return None;
    }
    let phrase = &article.body[words[of - 1].start..words[j].end];
    article
        .mentions
        .iter()
        .filter(|&&(s, _, i)| s < at && article.actors[i].kind == ActorKind::Person)
        .find(|&&(s, _, _)| article.body[..s].trim_end().ends_with(phrase))
        .map(|&(_, _, i)| {
            let actor = &article.actors[i];
            Speaker::Named(personal_name(&actor.name, actor.kind))
        })
}

/// The subject after the cue at `i` ("said Smith", "said the minister").
fn subject_after(article: &Article, words: &[Word], i: usize, at: usize) -> Speaker {
    let Some(word) = words.get(i + 1) else {
        return Speaker::Unknown;
    };
    if is_subject_pronoun(word.text) {
        if let Some(continued) = article.continued(word.start) {
            return continued;
        }
    }
    if let Some(kind) = pronoun(word.text) {
        return kind.map_or(Speaker::Unnamed, |kind| article.resolve(kind, at));
    }
    // "said de Clercq", "said van Agt": a lowercase particle opening a person's name.
    if NAME_PARTICLES.contains(&word.text)
        && !word.comma
        && words
            .get(i + 2)
            .and_then(|next| article.actor_at(next))
            .is_some_and(|a| a.kind == ActorKind::Person)
    {
        return subject_after(article, words, i + 1, at);
    }
    // "said Acme Securities' Roe": a possessive modifies the name after it, which speaks.
    if let Some(k) = (i + 1..words.len().min(i + 5))
        .take_while(|&k| capitalised(&words[k]) && !words[k].comma)
        .find(|&k| is_possessive(article.body, &words[k]))
    {
        if words.get(k + 1).is_some_and(capitalised) {
            return subject_after(article, words, k, at);
        }
    }
    if let Some(role) = role_after(article, words, i + 1, at) {
        return role;
    }
    // "says president Ann Roe", "said study co-author Ann Roe": a role without its article
    // is the name's title.
    if let Some(role) = (i + 1..words.len().min(i + 4)).find(|&m| {
        words[i + 1..=m].iter().all(|w| !capitalised(w) && !w.comma)
            && is_person_role(&words[m])
            && words.get(m + 1).is_some_and(capitalised)
    }) {
        return subject_after(article, words, role, at);
    }
    if let Some(role) = role_after_organisation(words, i + 1) {
        return subject_after(article, words, role, at);
    }
    if let Some(speaker) = article.agent_at(words, i + 1) {
        return speaker;
    }
    // "according to the Lantern Guild": the name after its article.
    if lower(word) == "the" && i + 2 < words.len() {
        if let Some(speaker) = article.speaker_at(words, i + 2) {
            return speaker;
        }
    }
    if capitalised(word) {
        let mut j = i + 1;
        while j + 1 < words.len() && capitalised(&words[j + 1]) && !words[j].comma {
            j += 1;
        }
        return article.named(words, j);
    }
    Speaker::Unknown
}

/// The role noun of "Acme Trust financial analyst Ann Roe" opening at `first` (after a verb:
/// "said Acme Trust economist Ann Roe"): a capitalised name (an organisation, its lowercase
/// particles such as "de" kept), lowercase modifiers, a role noun without an article and a
/// capitalised name after it, no comma between. The name after the role is the speaker, not
/// the organisation whose role it is.
fn role_after_organisation(words: &[Word], first: usize) -> Option<usize> {
    if !words.get(first).is_some_and(capitalised) {
        return None;
    }
    let last = words.len().min(first + 8);
    let role = (first + 1..last).find(|&m| {
        !capitalised(&words[m])
            && is_person_role(&words[m])
            && words.get(m + 1).is_some_and(capitalised)
    })?;
    let clean = words[first..role]
        .iter()
        .all(|w| (!w.comma && !is_cue(w) && !is_stop_word(w.text)) || lower(w) == "de");
    clean.then_some(role)
}

/// A cue and its speaker in a clause; `nearest_end` looks for the cue nearest the clause's end
/// (a clause before the quotation), else nearest its start.
fn attribution_in(
    article: &Article,
    words: &[Word],
    nearest_end: bool,
    at: usize,
) -> Option<(String, Speaker)> {
    let limit = if nearest_end {
        words.len()
    } else {
        words.len().min(20)
    };
    // A capitalised cue after a capitalised word is part of a name ("the United States"), no verb.
    let in_name = |i: usize| {
        i > 0 && capitalised(&words[i]) && capitalised(&words[i - 1]) && !words[i - 1].comma
    };
    // "the promised price freeze", "an alleged plot": a cue after a determiner modifies the
    // noun after it, no verb.
    let modifier = |i: usize| i > 0 && is_determiner(&lower(&words[i - 1]));
    let mut cues: Vec<usize> = (0..limit)
        .filter(|&i| is_cue(&words[i]) && !in_name(i) && !modifier(i))
        .collect();
    // "Roe, a resident who tweeted about it, said": a verb of a relative clause is not the
    // attribution when the clause's own verb follows.
    let relative = |i: usize| i > 0 && matches!(lower(&words[i - 1]).as_str(), "who" | "which");
    if cues.iter().any(|&i| !relative(i)) {
        cues.retain(|&i| !relative(i));
    }
    if nearest_end {
        cues.reverse();
    }
    let i = *cues.first()?;
    let verb = lower(&words[i]);
    if verb == "according" {
        let to = words.get(i + 1).filter(|w| lower(w) == "to")?;
        let speaker = subject_after(article, words, i + 1, at);
        return Some((format!("{} {}", words[i].text, to.text), speaker));
    }
    // "This was stated by Ann Roe", "... by President of Ruritania Ann Roe": the passive's
    // agent speaks, the first person or organisation after "by" and a title.
    if words.get(i + 1).is_some_and(|w| lower(w) == "by") {
        if let Some(agent) = passive_agent(article, words, i + 1) {
            return Some((words[i].text.to_string(), agent));
        }
    }
    let mut speaker = subject_before(article, words, i, at);
    if speaker == Speaker::Unknown && !LISTENER_CUES.contains(&verb.as_str()) {
        speaker = subject_after(article, words, i, at);
    }
    if speaker == Speaker::Unknown
        && (PARTICIPLES.contains(&verb.as_str()) || joined_to_clause(words, i))
    {
        speaker = clause_subject(article, words, i, at);
    }
    if speaker == Speaker::Unknown && !nearest_end {
        speaker = opening_person(article, &words[..i]).unwrap_or(Speaker::Unknown);
    }
    Some((words[i].text.to_string(), speaker))
}

/// The person whose name opens the clause after a quotation and closes with a comma, when the
/// verb further on finds no subject of its own: `"...," Ann Roe, a vice president with Acme,
/// which owns the mine said` (an appositive with a relative clause, its closing comma missing).
fn opening_person(article: &Article, before_cue: &[Word]) -> Option<Speaker> {
    let actor = article.actor_at(before_cue.first()?)?;
    if actor.kind != ActorKind::Person {
        return None;
    }
    let name_end = before_cue
        .iter()
        .position(|w| article.actor_at(w).is_none_or(|a| a.name != actor.name))?;
    (name_end > 0 && before_cue[name_end - 1].comma)
        .then(|| Speaker::Named(personal_name(&actor.name, actor.kind)))
}

/// The agent after the "by" at `by`: the first person or organisation the extractor found
/// after it, through capitalised words and "of" only (a title: "by the Chair of Acme Ann
/// Roe"), before any comma.
fn passive_agent(article: &Article, words: &[Word], by: usize) -> Option<Speaker> {
    for k in by + 1..words.len().min(by + 8) {
        if let Some(named @ Speaker::Named(_)) = article.speaker_at(words, k) {
            return Some(named);
        }
        let title_word =
            capitalised(&words[k]) || matches!(lower(&words[k]).as_str(), "of" | "the");
        if !title_word || words[k].comma {
            return None;
        }
    }
    None
}

/// Where the sentence holding `at` starts, no earlier than `floor`.
fn sentence_start(body: &str, floor: usize, at: usize) -> usize {
    let text = &body[floor..at];
    let mut start = floor;
    for (i, c) in text.char_indices() {
        let sentence_end = matches!(c, '.' | '!' | '?') && ends_sentence(body, floor + i);
        // A paragraph's end ends its sentence, whatever mark it closes with.
        let paragraph_end = c == '\n'
            && text[i + 1..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n');
        if sentence_end || paragraph_end {
            start = floor + i + 1;
        }
    }
    start
}

/// Where the sentence holding `at` ends, no later than `ceiling`.
fn sentence_end(body: &str, at: usize, ceiling: usize) -> usize {
    let text = &body[at..ceiling];
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && ends_sentence(body, at + i) {
            return at + i + 1;
        }
    }
    ceiling
}

/// Whether the mark at `i` ends a sentence: followed by space and not after an abbreviation.
fn ends_sentence(body: &str, i: usize) -> bool {
    // A closing quotation mark after the stop ends the sentence with it ("... recover.” She").
    let rest = &body[i + 1..];
    let rest = rest.trim_start_matches(['"', '\u{201D}', '\u{2019}']);
    let next = rest.chars().next();
    if !next.is_none_or(char::is_whitespace) {
        return false;
    }
    let before = body[..i].rsplit(char::is_whitespace).next().unwrap_or("");
    let letters = before.trim_start_matches(|c: char| !c.is_alphanumeric());
    let abbreviation = (letters.len() <= 3
        && letters.chars().next().is_some_and(char::is_uppercase))
        || letters.contains('.');
    !(body.as_bytes()[i] == b'.' && abbreviation)
}

fn title_like(text: &str) -> bool {
    let small = [
        "of", "the", "and", "a", "an", "in", "on", "to", "for", "at", "by", "with",
    ];
    !text.contains(['.', ',', '!', '?', ':', ';'])
        && text
            .split_whitespace()
            .all(|w| small.contains(&w) || w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// A name of something in marks ("Climate Action Fund," "Making the Grade"): two words or
/// more, each capitalised but the small ones, no sentence inside; the comma a sentence puts
/// inside the closing mark does not count. A name, never a quotation, whatever verb is near.
fn is_name_in_marks(text: &str) -> bool {
    let text = text.trim_end().trim_end_matches([',', ';', ':']);
    text.split_whitespace().count() >= 2 && title_like(text)
}

/// Words that introduce a name or a term, not someone's words ("nicknamed", "the so-called").
const NAMING_WORDS: &[&str] = &[
    "nicknamed",
    "dubbed",
    "so-called",
    "known as",
    "name of",
    "the term",
    "titled",
    "entitled",
];

/// Whether the quotation mark at `open` follows a naming word: what it opens is a name.
fn follows_a_naming_word(body: &str, open: usize) -> bool {
    let before = body[..open].trim_end().to_lowercase();
    NAMING_WORDS.iter().any(|naming| {
        before.ends_with(naming)
            && before[..before.len() - naming.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Attributes each span; leaves out scare quotes, titles and short terms no verb attributes.
pub(super) fn attribute(
    body: &str,
    spans: &[Span],
    actors: &[ActorMatch],
    turns: &[Turn],
) -> Vec<Quote> {
    let mut mentions: Vec<(usize, usize, usize)> = actors
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.mentions.iter().map(move |&(s, e)| (s, e, i)))
        .collect();
    mentions.sort();
    let inside = |at: usize| spans.iter().any(|s| s.start <= at && at < s.end);
    let speaking_places = places_beside_a_verb(body, &mentions, actors);
    let referents: Vec<Referent> = mentions
        .iter()
        .filter(|&&(s, _, i)| {
            !inside(s)
                && (matches!(actors[i].kind, ActorKind::Person | ActorKind::Org)
                    || speaking_places.contains(&i))
        })
        .map(|&(s, _, i)| {
            // "Acme President Ann Roe", whatever kind the extractor gave it, is a person, and
            // so is a "place" that speaks, unless an organisation's noun names it
            // (`speaker_kind`).
            let name = personal_name(&actors[i].name, actors[i].kind);
            let kind = if name != actors[i].name {
                ActorKind::Person
            } else if speaking_places.contains(&i) {
                speaker_kind(actors, &name)
            } else {
                actors[i].kind
            };
            Referent {
                at: s,
                name,
                kind,
                speaks: false,
            }
        })
        .collect();
    let mut article = Article {
        body,
        mentions,
        actors,
        referents,
        previous: None,
    };
    let paragraphs = super::spans::paragraphs(body);
    if !spans.is_empty() {
        let speakers = reported_speakers(&article, spans, &paragraphs);
        article.referents.extend(speakers);
    }
    let mut quotes: Vec<Quote> = Vec::new();
    let mut last: Option<(usize, (usize, usize), Option<String>)> = None; // (index, paragraph, speaker)
    for (index, span) in spans.iter().enumerate() {
        let enclosing = spans
            .iter()
            .find(|o| o.start <= span.open && span.close <= o.end && o != &span);
        let (floor, ceiling) = enclosing.map_or(span.paragraph, |o| (o.start, o.end));
        // A span left out before (a term, a name) does not cut the clause it stands in.
        let kept = |o: &Span| quotes.iter().any(|q| q.start == o.start);
        let before_from = spans
            .iter()
            .filter(|o| o.close <= span.open && o.close >= floor && kept(o))
            .map(|o| o.close)
            .max()
            .unwrap_or(floor)
            .max(sentence_start(body, floor, span.open));
        let after_to = spans
            .iter()
            .filter(|o| o.open >= span.close && o.open <= ceiling)
            .map(|o| o.open)
            .min()
            .unwrap_or(ceiling)
            .min(sentence_end(body, span.close, ceiling));
        let after = words(body, span.close.min(after_to), after_to);
        let before = words(body, before_from, span.open.max(before_from));
        let text = &body[span.start..span.end];
        if is_name_in_marks(text) || follows_a_naming_word(body, span.open) {
            continue;
        }
        // A quotation closing its sentence ("...end.") leaves what follows to the next one.
        let ends_sentence = text.ends_with('.') && after.first().is_some_and(capitalised);
        let after_found = (!ends_sentence)
            .then(|| attribution_in(&article, &after, false, span.open))
            .flatten();
        let found = match after_found {
            Some((_, Speaker::Unknown)) | None => {
                attribution_in(&article, &before, true, span.open)
                    .filter(|(_, s)| *s != Speaker::Unknown)
                    .or(after_found)
                    .or_else(|| attribution_in(&article, &before, true, span.open))
            }
            found => found,
        };
        let n_words = text.split_whitespace().count();
        // "I had to report that we were "..."": the text's own speaker's words, in passing.
        let in_passing = found.is_none() && own_words(&article, &before, text);
        let (cue, speaker) = match found {
            Some((cue, speaker)) => (Some(cue), speaker),
            None => {
                if n_words < SHORT_TERM_WORDS || title_like(text) {
                    continue; // a scare quote, a term or a title
                }
                // No verb of its own: the speaker of the quotation just before, in this
                // paragraph or the one before it.
                let previous = last.as_ref().filter(|(i, paragraph, _)| {
                    *i + 1 == index
                        && (paragraph.1 >= span.paragraph.0
                            || follows(body, paragraph.1, span.paragraph.0))
                });
                // A verb of saying earlier in the quotation's own paragraph ("Roe said the
                // plan works. "It does."") names its speaker before the last quotation does.
                let own = labelled_by(&article, before_from, span.open).or_else(|| {
                    (span.open > span.paragraph.0)
                        .then(|| {
                            let clause = outside(words(body, span.paragraph.0, span.open), spans);
                            attribution_in(&article, &clause, true, span.open)
                        })
                        .flatten()
                        .map(|(_, s)| s)
                        .filter(|s| matches!(s, Speaker::Named(_)))
                });
                // "...," followed by "These are the words of Ann Roe.": the sentence after
                // credits it.
                let credited = ends_sentence.then(|| words_of(&article, &after)).flatten();
                let speaker = match (credited, own, previous.and_then(|(_, _, s)| s.clone())) {
                    _ if in_passing => turn_speaker(turns, span.open),
                    (Some(credited), _, _) => credited,
                    (None, Some(own), _) => own,
                    (None, None, Some(name)) => Speaker::Named(name),
                    (None, None, None) => {
                        // "Ann Roe said ...:" earlier in the paragraph, or in the paragraph
                        // before one that opens with the quotation.
                        let from = if span.open == span.paragraph.0 {
                            previous_paragraph(&paragraphs, span.paragraph.0)
                        } else {
                            span.paragraph.0
                        };
                        attribution_in(&article, &words(body, from, span.open), true, span.open)
                            .map_or(Speaker::Unknown, |(_, s)| s)
                    }
                };
                // A pull-quote is whole sentences ("... this help."); a title in marks is not.
                let opens_body = paragraphs.first() == Some(&span.paragraph)
                    && sentence_start(body, span.paragraph.0, span.open) == span.paragraph.0
                    && (text.trim_end().ends_with(['.', '!', '?'])
                        || body[span.close..].starts_with(['.', '!', '?']));
                let speaker = match speaker {
                    Speaker::Unknown if opens_body => {
                        credited_after(&article, span, spans, &paragraphs)
                            .unwrap_or(Speaker::Unknown)
                    }
                    speaker => speaker,
                };
                (None, speaker)
            }
        };
        // "Acme said it would fight the bid "...," saying ...": a participle right after the
        // quotation has no subject of its own; it shares the subject of the clause the
        // quotation closes.
        let speaker = match (&speaker, &cue) {
            (Speaker::Unknown, Some(verb))
                if PARTICIPLES.contains(&verb.to_lowercase().as_str())
                    && after.first().is_some_and(|w| w.text == verb.as_str()) =>
            {
                clause_subject(&article, &before, before.len(), span.open)
            }
            _ => speaker,
        };
        // "..., saying the plan would "work in the end."": a participle has no subject of its
        // own; the quotation before it in the paragraph gives the speaker.
        let speaker = match (&speaker, &cue, &last) {
            (Speaker::Unknown, Some(verb), Some((_, paragraph, Some(name))))
                if PARTICIPLES.contains(&verb.as_str()) && *paragraph == span.paragraph =>
            {
                Speaker::Named(name.clone())
            }
            _ => speaker,
        };
        // A short term beside a verb that names no one ("the so-called "safety net" was
        // said to ...") is a term, not a quotation: the verb is not its attribution.
        if speaker == Speaker::Unknown && cue.is_some() && n_words < SHORT_TERM_WORDS {
            continue;
        }
        let speaker = match speaker {
            Speaker::Unknown => self_named(&article, span).unwrap_or(Speaker::Unknown),
            // "I said "..."" by its own verb: the turn's speaker; not an "I" found paragraphs
            // away for a quotation without a verb ("I will read it out: "..."").
            Speaker::FirstPerson if cue.is_some() => turn_speaker(turns, span.open),
            Speaker::FirstPerson => Speaker::Unnamed,
            speaker => speaker,
        };
        // "..., the spokeswoman said. "...," she added": the pronoun carries on the person
        // who speaks for the organisation, so her words stay the organisation's.
        let spokesperson = match &speaker {
            Speaker::Named(name) => {
                cue.is_some() && spokesperson_of(&article, name, &before, &after)
            }
            _ => false,
        };
        article.previous = match &speaker {
            Speaker::Named(name)
                if spokesperson || speaker_kind(actors, name) == ActorKind::Person =>
            {
                Some(Some(name.clone()))
            }
            // "I said, "..." He said, "..."": the speaker who says "I" is not the next one.
            Speaker::Unnamed if !first_person(&before, &after) => Some(None),
            _ => None,
        }
        .map(|name| {
            let end = if ends_sentence {
                span.close
            } else {
                sentence_end(body, span.close, span.paragraph.1.max(span.close))
            };
            (end, name)
        });
        let speaker = match speaker {
            Speaker::Named(name) => Some(name),
            Speaker::Unnamed | Speaker::Unknown | Speaker::FirstPerson => None,
        };
        if let Some(name) = &speaker {
            let kind = speaker_kind(actors, name);
            if spokesperson && kind == ActorKind::Org {
                article.referents.push(Referent {
                    at: span.open,
                    name: name.clone(),
                    kind: ActorKind::Person,
                    speaks: true,
                });
            }
            article.referents.push(Referent {
                at: span.open,
                name: name.clone(),
                kind,
                speaks: true,
            });
        }
        // Words the text's speaker quotes in passing do not make the next quotation his.
        last = Some((
            index,
            span.paragraph,
            speaker.clone().filter(|_| !in_passing),
        ));
        quotes.push(Quote {
            text: text.to_string(),
            start: span.start,
            end: span.end,
            speaker,
            cue,
        });
    }
    quotes
}

/// The person the sentence right after a quotation credits with its words: "These are the
/// words of the philosopher Ann Roe." (a demonstrative or a pronoun, a form of "be", "the
/// words of", then the first person the extractor found, through modifiers and names, before
/// any comma).
fn words_of(article: &Article, after: &[Word]) -> Option<Speaker> {
    let opening: Vec<String> = after.iter().take(5).map(lower).collect();
    let opening: Vec<&str> = opening.iter().map(String::as_str).collect();
    let of = match opening.as_slice() {
        ["these" | "those" | "they" | "this" | "it", "are" | "were" | "is" | "was", "the", "words", "of", ..] => {
            4
        }
        ["these" | "those" | "they" | "this" | "it", "are" | "were" | "is" | "was", "words", "of", ..] => {
            3
        }
        _ => return None,
    };
    // "the great Ukrainian philosopher": a country's or place's adjective is a modifier.
    for word in after.iter().skip(of + 1).take(8) {
        match article.actor_at(word) {
            Some(actor) if actor.kind == ActorKind::Person => {
                return Some(Speaker::Named(personal_name(&actor.name, actor.kind)))
            }
            Some(actor) if actor.kind == ActorKind::Org => return None,
            _ => {}
        }
        if word.comma {
            break;
        }
    }
    None
}

/// The speaker of the turn standing at `at` (a speech's president, an address's speaker), the
/// text's own "I"; no one outside a turn.
fn turn_speaker(turns: &[Turn], at: usize) -> Speaker {
    turns
        .iter()
        .find(|t| t.start <= at && at < t.end)
        .and_then(|t| t.speaker.clone())
        .map_or(Speaker::Unnamed, Speaker::Named)
}

/// Verbs by which "I" gives someone else's words ("I quote: "..."").
const CITING: &[&str] = &["quote", "cite", "read", "heard", "hear"];

/// Whether a quotation with no verb of saying is the text's own speaker's words, by the two
/// shapes that say so: "my <noun>" right before it ("my greeting "..."", not "my father"), or a
/// clause "that" opens right after "I" and a verb ("I had to report that we were "...""), at
/// most two words between "that" and the mark, none of them a person the extractor found.
/// Looser shapes ("I" or "my" anywhere before, "the phrase "..."") took the words of acts,
/// oaths and other people that speeches quote.
fn own_words(article: &Article, before: &[Word], text: &str) -> bool {
    let n = before.len();
    // "my duty "to preserve ..."": an infinitive is what the noun obliges, not what is said.
    if n >= 2 && matches!(before[n - 2].text, "my" | "My") && !text.starts_with("to ") {
        let noun = &before[n - 1];
        return !is_person_role(noun) && !is_plural_role(noun) && article.actor_at(noun).is_none();
    }
    let Some(that) = (n.saturating_sub(3)..n).find(|&k| lower(&before[k]) == "that") else {
        return false;
    };
    let subject = (that.saturating_sub(4)..that).find(|&k| before[k].text == "I");
    subject.is_some_and(|k| {
        !CITING.contains(&lower(&before[k + 1]).as_str())
            && !before[k + 1..].iter().any(|w| {
                article
                    .actor_at(w)
                    .is_some_and(|a| a.kind == ActorKind::Person)
            })
    })
}

/// The person a quotation without a verb in the body's first sentence, made of whole
/// sentences, is credited to by the line after it: the first person the extractor found in the sentence that follows (the rest of the
/// quotation's paragraph, else the next paragraph's first sentence) outside any quotation, as a
/// news item's pull-quote is followed by "Briefing by ... Ann Roe." or "Ann Roe met ...".
fn credited_after(
    article: &Article,
    span: &Span,
    spans: &[Span],
    paragraphs: &[(usize, usize)],
) -> Option<Speaker> {
    let body = article.body;
    let (from, ceiling) = if words(body, span.close, span.paragraph.1).is_empty() {
        *paragraphs.iter().find(|p| p.0 >= span.paragraph.1)?
    } else {
        // A sentence's end written after the closing mark (`..."." Speech by`) is the
        // quotation's, not the credit line's.
        let stop =
            body[span.close..].len() - body[span.close..].trim_start_matches(['.', '!', '?']).len();
        (span.close + stop, span.paragraph.1)
    };
    let to = sentence_end(body, from, ceiling);
    article
        .mentions
        .iter()
        .filter(|&&(s, e, _)| s >= from && e <= to)
        .filter(|&&(s, _, _)| !spans.iter().any(|o| o.start <= s && s < o.end))
        .map(|&(_, _, a)| &article.actors[a])
        .find(|a| a.kind == ActorKind::Person)
        .map(|a| Speaker::Named(personal_name(&a.name, a.kind)))
}

/// The person whose label opens the quotation's sentence, `Ann Roe: "..."`: a person the
/// extractor found, then only a colon before the opening mark (a headline's or a news item's
/// way of giving someone's words).
fn labelled_by(article: &Article, from: usize, open: usize) -> Option<Speaker> {
    let clause = article.body[from..open].trim_end();
    let colon = from + clause.strip_suffix(':')?.len();
    article
        .mentions
        .iter()
        .find(|&&(s, e, a)| {
            e == colon
                && article.body[from..s].trim().is_empty()
                && article.actors[a].kind == ActorKind::Person
        })
        .map(|&(_, _, a)| {
            let actor = &article.actors[a];
            Speaker::Named(personal_name(&actor.name, actor.kind))
        })
}

/// The writer a quotation names as "I, Name," ("Now, therefore, I, Ann Roe, President of
/// ..." in a proclamation quoted whole): a person the extractor found right after "I, ".
fn self_named(article: &Article, span: &Span) -> Option<Speaker> {
    let text = &article.body[span.start..span.end];
    text.match_indices("I, ").find_map(|(i, _)| {
        let at = span.start + i + 3;
        let before_ok = i == 0 || !text[..i].ends_with(char::is_alphanumeric);
        article
            .mentions
            .iter()
            .find(|&&(s, _, a)| s == at && article.actors[a].kind == ActorKind::Person)
            .filter(|_| before_ok)
            .map(|&(_, _, a)| {
                let actor = &article.actors[a];
                Speaker::Named(personal_name(&actor.name, actor.kind))
            })
    })
}

/// The actors the extractor took for places that stand beside a verb of saying somewhere
/// ("says Hadvar", "Hadvar said"): people, whom later pronouns refer to.
fn places_beside_a_verb(
    body: &str,
    mentions: &[(usize, usize, usize)],
    actors: &[ActorMatch],
) -> Vec<usize> {
    let mut out = Vec::new();
    for &(start, end, i) in mentions {
        if actors[i].kind != ActorKind::Place || out.contains(&i) {
            continue;
        }
        let before = body[..start].split_whitespace().next_back();
        let after = body[end..].split_whitespace().next();
        let is_verb = |w: Option<&str>| {
            w.is_some_and(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                w != "according" && CUES.contains(&w.as_str())
            })
        };
        let after_verb = body[..start]
            .trim_end()
            .ends_with(|c: char| c.is_alphanumeric());
        if (is_verb(before) && after_verb) || is_verb(after) {
            out.push(i);
        }
    }
    out
}

/// The kind of referent a speaker is: the extractor's, a person when it did not know the name.
fn speaker_kind(actors: &[ActorMatch], name: &str) -> ActorKind {
    let kind = actors
        .iter()
        .find(|a| a.name == name)
        .map_or(ActorKind::Person, |a| a.kind);
    // A name the extractor took for a place that speaks is a person to the pronouns after it,
    // unless a word of it is an organisation's noun ("the Congress of Trade Unions said ...
    // It added"): then "it" refers to it.
    let organisation_noun = || {
        name.split(|c: char| !c.is_alphanumeric())
            .any(|w| ORG_ROLES.contains(&singular(&w.to_lowercase())))
    };
    match kind {
        ActorKind::Org => ActorKind::Org,
        ActorKind::Place if organisation_noun() => ActorKind::Org,
        _ => ActorKind::Person,
    }
}

/// Lowercase particles that open a surname when the given name is left out ("de Clercq",
/// "van Agt", "von Weizsaecker").
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "du", "da", "di", "le", "la", "ter",
];

/// Quoted terms of fewer words than this need a verb that names who said them.
const SHORT_TERM_WORDS: usize = 3;

/// Cues with no subject of their own ("..., saying ...").
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "telling",
    "writing",
    "declaring",
    "calling",
    "asking",
];

/// Words that join a second verb to its clause's subject ("Roe nodded and said").
const CONJUNCTIONS: &[&str] = &["and", "but", "then", "or"];

/// Whether the cue at `i` is a second verb of its clause: a conjunction a few lowercase words
/// before it ("but added", "then for some reason adds"), nothing that could be a subject between.
fn joined_to_clause(words: &[Word], i: usize) -> bool {
    (i.saturating_sub(4)..i).rev().any(|k| {
        CONJUNCTIONS.contains(&lower(&words[k]).as_str())
            && words[k + 1..i]
                .iter()
                .all(|w| !capitalised(w) && pronoun(w.text).is_none() && !w.comma)
    })
}

/// Prepositions that put a name in a phrase, not in a clause's subject ("according to Roe").
const PREPOSITIONS: &[&str] = &[
    "of", "to", "with", "by", "for", "from", "in", "at", "on", "about", "against", "like",
];

/// The subject opening a clause, for a verb with none of its own (a participle, a second
/// verb): its first subject pronoun or named person or organisation, within its first words
/// and not in a prepositional phrase ("Roe signed the bill, adding ...", "He nodded and said").
fn clause_subject(article: &Article, words: &[Word], i: usize, at: usize) -> Speaker {
    for k in 0..i.min(8) {
        let word = &words[k];
        if k > 0 && PREPOSITIONS.contains(&lower(&words[k - 1]).as_str()) {
            continue;
        }
        let subject_pronoun = matches!(
            word.text,
            "he" | "she" | "He" | "She" | "they" | "They" | "I" | "we" | "We"
        );
        let actor = article
            .actor_at(word)
            .filter(|a| matches!(a.kind, ActorKind::Person | ActorKind::Org));
        let mut end = k;
        if let Some(actor) = actor {
            while end + 1 < i
                && article
                    .actor_at(&words[end + 1])
                    .is_some_and(|a| a.name == actor.name)
            {
                end += 1;
            }
            // "The Acme board's ...", "Roe's party": a name that modifies a noun is no subject.
            let possessive = article
                .mentions
                .iter()
                .find(|&&(s, e, _)| s <= words[end].start && words[end].start < e)
                .is_some_and(|&(_, e, _)| opens_possessive(&article.body[e..]));
            let modifier = possessive
                || words.get(end + 1).is_some_and(|w| {
                    let next = lower(w);
                    let next = without_possessive(&next);
                    PERSON_ROLES.contains(&next) || ORG_ROLES.contains(&next)
                });
            if modifier {
                continue;
            }
        }
        if subject_pronoun || actor.is_some() {
            return subject_before(article, words, end + 1, at);
        }
    }
    Speaker::Unknown
}

/// The words of a clause that are outside every quotation.
fn outside<'a>(clause: Vec<Word<'a>>, spans: &[Span]) -> Vec<Word<'a>> {
    clause
        .into_iter()
        .filter(|w| !spans.iter().any(|s| s.start <= w.start && w.start < s.end))
        .collect()
}

/// The speakers of the reported speech outside quotations ("Roe said the plan works"), as
/// referents for the pronouns and roles that follow: people the extractor did not find are
/// named there too.
fn reported_speakers(
    article: &Article,
    spans: &[Span],
    paragraphs: &[(usize, usize)],
) -> Vec<Referent> {
    let mut out = Vec::new();
    for &(start, end) in paragraphs {
        let clause = outside(words(article.body, start, end), spans);
        for i in 0..clause.len() {
            if !is_cue(&clause[i]) || lower(&clause[i]) == "according" {
                continue;
            }
            // The verb's sentence: from after the last sentence end before it.
            let from = (0..i)
                .rev()
                .find(|&k| {
                    article.body[clause[k].end..clause[k + 1].start].contains(['.', '!', '?', ';'])
                })
                .map_or(0, |k| k + 1);
            let at = clause[i].start;
            match subject_before(article, &clause[from..=i], i - from, at) {
                Speaker::Named(name) => {
                    let kind = speaker_kind(article.actors, &name);
                    // "The spokeswoman noted ...": she, for a later "she", and her organisation.
                    if kind == ActorKind::Org
                        && spokesperson_of(article, &name, &clause[from..=i], &[])
                    {
                        out.push(Referent {
                            at,
                            name: name.clone(),
                            kind: ActorKind::Person,
                            speaks: true,
                        });
                    }
                    out.push(Referent {
                        at,
                        name,
                        kind,
                        speaks: true,
                    });
                }
                // "A ministry official said ...": one unnamed person, whom a later "he" is.
                Speaker::Unnamed
                    if i > from
                        && ((is_person_role(&clause[i - 1])
                            && !speaks_for_an_organisation(&lower(&clause[i - 1]))
                            && !lower(&clause[i - 1]).ends_with('s'))
                            || unnamed_member(&clause[from..i], i - from - 1)) =>
                {
                    out.push(Referent {
                        at,
                        name: String::new(),
                        kind: ActorKind::Person,
                        speaks: true,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// The start of the paragraph before the one starting at `start` (itself when it is the first).
fn previous_paragraph(paragraphs: &[(usize, usize)], start: usize) -> usize {
    paragraphs
        .iter()
        .rev()
        .map(|p| p.0)
        .find(|&s| s < start)
        .unwrap_or(start)
}

/// Whether the paragraph starting at `next` directly follows the one ending at `end`.
fn follows(body: &str, end: usize, next: usize) -> bool {
    next >= end && body[end..next].trim().is_empty()
}
