//! Corpus-level rules on what a name's structure says: the kind its head noun gives it
//! ("... Movement" is an organisation however the tagger typed it), names that are no actor
//! whatever their counts (compass directions, beliefs, two actors joined by "and", numbers
//! and bare initials taken for people, plurals of a country), and the abbreviation of a
//! place joined to the place it abbreviates.

use std::collections::{BTreeMap, HashMap};

use super::{has_legal_suffix, key, raw_words, Groups};
use crate::actors::ActorKind;

/// Head nouns of organisations that never head the name of a person, a country or a place:
/// a name ending with one is an organisation, whatever the tagger typed it.
const ORGANISATION_HEADS: &[&str] = &[
    "administration",
    "agency",
    "association",
    "authority",
    "board",
    "bureau",
    "cabinet",
    "commission",
    "committee",
    "corporation",
    "council",
    "department",
    "directorate",
    "federation",
    "foundation",
    "government",
    "group",
    "institute",
    "league",
    "ministry",
    "movement",
    "organisation",
    "organization",
    "parliament",
    "party",
    "secretariat",
];

/// True for the shape of a person's name with a middle initial ("Ada K. Lovelace"): a given
/// name, one capital letter with a dot, a surname.
pub(super) fn is_shaped_like_a_personal_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = |w: &str| {
        w.chars().count() >= 2
            && w.starts_with(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
    };
    let initial = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next() == Some('.') && cs.next().is_none()
    };
    words.len() == 3 && named(words[0]) && initial(words[1]) && named(words[2])
}

/// Gives the person's kind to every group the gazetteer does not know whose most used form is
/// shaped like a person's name with a middle initial ([`is_shaped_like_a_personal_name`]),
/// whatever the tagger typed it (a header line "President: Ada K. Lovelace"), unless a legal
/// suffix voted it a company.
pub(super) fn retype_initialled_people(groups: &mut Groups) {
    for g in 0..groups.groups.len() {
        if groups.known_kind(g).is_some() {
            continue;
        }
        let most_used = groups.groups[g]
            .forms
            .iter()
            .max_by_key(|&&f| groups.raw.forms[f].articles)
            .map(|&f| groups.raw.forms[f].name.as_str())
            .unwrap_or("");
        let suffixed = groups.groups[g]
            .forms
            .iter()
            .any(|&f| super::has_legal_suffix(&groups.raw.forms[f].name));
        if !is_shaped_like_a_personal_name(most_used) || suffixed {
            continue;
        }
        groups.vote_all_for(g, ActorKind::Person);
    }
}

/// True when a (normalised) word is an organisation's head noun ("ministry", "committee").
pub(super) fn is_organisation_head(word: &str) -> bool {
    ORGANISATION_HEADS.contains(&word)
}

/// Compass words: a name made of nothing else is a direction, not an actor.
const COMPASS_WORDS: &[&str] = &[
    "east",
    "north",
    "northeast",
    "northwest",
    "south",
    "southeast",
    "southwest",
    "west",
];

/// Head nouns of a news desk's sign-off ("-- Tarn Newsroom +44 ..."): the wire's desk that
/// filed the story, not an actor of it.
const DESK_HEADS: &[&str] = &["newsdesk", "newsroom"];

/// Head nouns of a belief rather than of a believer or a body ("God", "Almighty God").
const BELIEF_HEADS: &[&str] = &["allah", "almighty", "god", "gods"];

/// Words of a compass point used as a region's modifier ("Southern", "Central").
const REGION_MODIFIERS: &[&str] = &["central", "eastern", "northern", "southern", "western"];

/// Head nouns of geographic features: a name headed by one ("... Canal", "Horn of ...") is
/// a place, never an organisation or a person.
const GEOGRAPHIC_HEADS: &[&str] = &[
    "archipelago",
    "basin",
    "bay",
    "canal",
    "coast",
    "desert",
    "gulf",
    "horn",
    "island",
    "islands",
    "isthmus",
    "lake",
    "mountains",
    "ocean",
    "peninsula",
    "river",
    "sea",
    "strait",
    "straits",
    "valley",
];

/// Head nouns of a settlement: "the X City of Y", where Y is a place, is a place.
const SETTLEMENT_HEADS: &[&str] = &["capital", "city", "port", "town", "village"];

/// Head nouns of a state's formal name: "Republic of X", "X State" name the country X.
const STATE_HEADS: &[&str] = &[
    "commonwealth",
    "dominion",
    "duchy",
    "emirate",
    "kingdom",
    "principality",
    "republic",
    "state",
    "sultanate",
];

/// Words a state's formal name may put between its country and its head ("X People's
/// Democratic Republic"), as key words.
const STATE_FORM_WORDS: &[&str] = &[
    "arab",
    "communist",
    "democratic",
    "federal",
    "federative",
    "islamic",
    "people",
    "peoples",
    "popular",
    "socialist",
    "united",
];

/// True when a name's (key) words name a region or a geographic feature: compass modifiers in
/// front of a place ("Southern X" where X is a place or a country), a settlement of a place
/// ("Old City of X"), or a geographic head noun ("X Canal", "Gulf of X"). `is_place` says whether some words name a place or a country.
pub(super) fn names_a_region(words: &[String], is_place: impl Fn(&[String]) -> bool) -> bool {
    if words.len() < 2 {
        return false;
    }
    let compass =
        |w: &String| COMPASS_WORDS.contains(&w.as_str()) || REGION_MODIFIERS.contains(&w.as_str());
    let leading = words.iter().take_while(|w| compass(w)).count();
    if leading >= 1 && leading < words.len() && is_place(&words[leading..]) {
        return true;
    }
    if let Some(at) = words.iter().position(|w| w == "of") {
        let named = &words[at + 1..];
        let named = named.strip_prefix(&["the".to_string()]).unwrap_or(named);
        let settlement = at >= 1 && SETTLEMENT_HEADS.contains(&words[at - 1].as_str());
        if settlement && !named.is_empty() && is_place(named) {
            return true;
        }
    }
    crate::actors::head::head_word(&words.join(" "))
        .is_some_and(|head| GEOGRAPHIC_HEADS.contains(&head.as_str()))
}

/// The country a state's formal name names: "[modifiers] Republic of [the] X" (no "of" nor
/// organisation head among the modifiers: "Government of the Republic of X" is a
/// government), "X [form words] Republic" ("X People's Republic", "X State"), or form words
/// other than "united" before the country's own name, not its demonym ("Socialist X",
/// "Communist X": a regime's name for the country). `country` gives the country that some words name.
pub(super) fn country_of_state_name(
    words: &[String],
    country: impl Fn(&[String]) -> Option<String>,
) -> Option<String> {
    let is_head = |w: &String| STATE_HEADS.contains(&w.as_str());
    if let Some(at) = words.iter().position(|w| w == "of") {
        let named = &words[at + 1..];
        let named = named.strip_prefix(&["the".to_string()]).unwrap_or(named);
        let modifiers_ok = at >= 1 && !words[..at - 1].iter().any(|w| is_organisation_head(w));
        return (modifiers_ok && is_head(&words[at - 1]) && !named.is_empty())
            .then(|| country(named))
            .flatten();
    }
    let (head, rest) = words.split_last()?;
    if !is_head(head) || rest.is_empty() {
        // "united" names a cause or a party ("United Tarnia"), not a regime
        let lead = words
            .iter()
            .take_while(|w| STATE_FORM_WORDS.contains(&w.as_str()) && *w != "united")
            .count();
        if lead == 0 || lead == words.len() {
            return None;
        }
        let named = country(&words[lead..])?;
        return (key(&named) == words[lead..].join(" ")).then_some(named);
    }
    (1..=rest.len().min(3)).rev().find_map(|n| {
        let form_words = rest[n..]
            .iter()
            .all(|w| STATE_FORM_WORDS.contains(&w.as_str()));
        form_words.then(|| country(&rest[..n])).flatten()
    })
}

/// Settles the names of places and countries that extraction typed as organisations or
/// people, for the names the gazetteer does not know: a region or a geographic feature
/// ([`names_a_region`]) is a place; a state's formal name ([`country_of_state_name`]) joins
/// its country's actor (or is a country when the corpus names the country no other way);
/// "State of X" where X is a place joins that place (a state of a federation).
pub(super) fn settle_places_named_as_bodies(groups: &mut Groups) {
    let gazetteer = groups.gazetteer;
    let country = |words: &[String]| super::bodies::country_of(words, gazetteer);
    for g in 0..groups.groups.len() {
        if groups.known_kind(g).is_some()
            || !matches!(groups.kind(g), ActorKind::Org | ActorKind::Person)
        {
            continue;
        }
        let words = groups.groups[g].words.clone();
        if let Some(named) = country_of_state_name(&words, country) {
            // the gazetteer's country for the whole name, when it has one ("Federal Republic
            // of X" may be a country of its own in history)
            let named = groups.groups[g]
                .forms
                .iter()
                .find_map(|&f| {
                    let (name, kind) = gazetteer.resolve(&groups.raw.forms[f].name)?;
                    (kind == ActorKind::Country).then(|| name.to_string())
                })
                .unwrap_or(named);
            // its own votes too, so that no rule on organisations takes it for one
            groups.vote_all_for(g, ActorKind::Country);
            if let Some(target) = groups.by_key.get(&key(&named)).copied() {
                groups.join(g, target);
            }
            continue;
        }
        let is_place = |part: &[String]| {
            let name = part.join(" ");
            gazetteer
                .resolve(&name)
                .is_some_and(|(_, kind)| matches!(kind, ActorKind::Place | ActorKind::Country))
                || groups.by_key.get(&name).is_some_and(|&p| {
                    matches!(groups.kind(p), ActorKind::Place | ActorKind::Country)
                })
        };
        if names_a_region(&words, is_place) {
            groups.vote_all_for(g, ActorKind::Place);
            continue;
        }
        // "State of X" where X is a place of the corpus or the gazetteer ("Commonwealth of
        // Tarrow"): the place X, a state of a federation
        let place_named = match &words[..] {
            [head, of, rest @ ..] if STATE_HEADS.contains(&head.as_str()) && of == "of" => {
                let rest = rest.strip_prefix(&["the".to_string()]).unwrap_or(rest);
                let named = rest.join(" ");
                groups.by_key.get(&named).copied().filter(|&p| {
                    groups.kind(p) == ActorKind::Place
                        || gazetteer
                            .resolve(&named)
                            .is_some_and(|(_, kind)| kind == ActorKind::Place)
                })
            }
            _ => None,
        };
        if let Some(target) = place_named {
            groups.vote_all_for(g, ActorKind::Place);
            groups.join(g, target);
        }
    }
}

/// Compass words that name one half of a divided state ("North X", "South X"); the "-ern"
/// modifiers name regions ("Southern X") and are left out.
const DIVIDED_STATE_COMPASS: &[&str] = &["east", "north", "south", "west"];

/// The key of the state whose government a name names, when that state is a compass word
/// and a country ("South Tarnian Government", "Government of the North Tarnia"): the
/// compass word and the country's key ("south tarnia"). `country` gives the country that
/// some words (a name or a demonym) name.
pub(super) fn divided_state_governed(
    words: &[String],
    country: impl Fn(&[String]) -> Option<String>,
) -> Option<String> {
    let named = match words {
        [head, of, rest @ ..] if head == super::bodies::EXECUTIVE && of == "of" => {
            rest.strip_prefix(&["the".to_string()]).unwrap_or(rest)
        }
        [rest @ .., head] if head == super::bodies::EXECUTIVE => rest,
        _ => return None,
    };
    let (compass, rest) = named.split_first()?;
    if !DIVIDED_STATE_COMPASS.contains(&compass.as_str()) || rest.is_empty() {
        return None;
    }
    Some(format!("{compass} {}", key(&country(rest)?)))
}

/// Articles that must name a government of a compass half of a country for
/// [`settle_divided_states`]: one article's heading is no evidence.
const DIVIDED_STATE_GOVERNMENT_ARTICLES: u64 = 2;

/// A place named by a compass word and a country ("North Tarnia") is a country of its own
/// when the corpus names a government of it ([`divided_state_governed`]) in
/// [`DIVIDED_STATE_GOVERNMENT_ARTICLES`] articles or more: one half of a divided state (two
/// Vietnams, two Yemens), not a region of the country, which has no government of its own.
/// Names the gazetteer knows keep its kind.
pub(super) fn settle_divided_states(groups: &mut Groups) {
    let gazetteer = groups.gazetteer;
    let country = |words: &[String]| super::bodies::country_of(words, gazetteer);
    let mut governed: BTreeMap<String, u64> = BTreeMap::new();
    for group in &groups.groups {
        if let Some(state) = divided_state_governed(&group.words, country) {
            *governed.entry(state).or_insert(0) += group.articles;
        }
    }
    for (state, articles) in governed {
        let Some(&g) = groups.by_key.get(&state) else {
            continue;
        };
        if articles < DIVIDED_STATE_GOVERNMENT_ARTICLES {
            continue;
        }
        if groups.known_kind(g).is_none() && groups.kind(g) != ActorKind::Country {
            groups.vote_all_for(g, ActorKind::Country);
        }
    }
}

/// A one-word organisation that a registered place names with a geographic head after it
/// ("the Tarrow", beside "Tarrow River") is that place, written without its head noun as
/// English writes rivers and seas; when the place is named in at least a fifth as many
/// articles (a firm that shares a river's name is named far more than the river), the word
/// is no common word (the "Red" of "Red Sea") and no other such place shares the word.
pub(super) fn join_features_named_alone(groups: &mut Groups) {
    let mut features: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, group) in groups.groups.iter().enumerate() {
        if let [word, head] = &group.words[..] {
            if GEOGRAPHIC_HEADS.contains(&head.as_str()) {
                features.entry(word.as_str()).or_default().push(g);
            }
        }
    }
    let mut joins = Vec::new();
    for (g, group) in groups.groups.iter().enumerate() {
        let [word] = &group.words[..] else { continue };
        let Some(&[place]) = features.get(word.as_str()).map(Vec::as_slice) else {
            continue;
        };
        if groups.known_kind(g).is_some()
            || group.company
            || group.vote_kind() != ActorKind::Org
            || crate::actors::head::is_common_word(word)
            || groups.groups[place].vote_kind() != ActorKind::Place
            || 5 * groups.groups[place].articles < group.articles
        {
            continue;
        }
        joins.push((g, place));
    }
    for (g, place) in joins {
        groups.vote_all_for(g, ActorKind::Place);
        groups.join(g, place);
    }
}

/// Generic head nouns that an organisation's name may add to the name it is known by ("the
/// X Organization" for "X").
const GENERIC_ORGANISATION_HEADS: &[&str] = &["organisation", "organization"];

/// Joins "X Organization" to the organisation X when the gazetteer knows X by that name and
/// not the longer one: the same body, named with a generic head added.
pub(super) fn join_generic_heads(groups: &mut Groups) {
    for g in 0..groups.groups.len() {
        let words = &groups.groups[g].words;
        let generic = words.len() >= 2
            && words
                .last()
                .is_some_and(|w| GENERIC_ORGANISATION_HEADS.contains(&w.as_str()));
        if !generic || groups.known_kind(g).is_some() {
            continue;
        }
        let shorter = words[..words.len() - 1].join(" ");
        if let Some(&target) = groups.by_key.get(&shorter) {
            if groups.known_kind(target) == Some(ActorKind::Org) {
                groups.join(g, target);
            }
        }
    }
}

/// Gives the organisation's kind to every group whose name ends with an organisation head
/// noun and that the gazetteer does not know: the votes for another kind go to "org".
pub(super) fn retype_by_organisation_head(groups: &mut Groups) {
    for g in 0..groups.groups.len() {
        let headed = groups.groups[g]
            .words
            .last()
            .is_some_and(|w| ORGANISATION_HEADS.contains(&w.as_str()));
        if !headed || groups.groups[g].words.len() < 2 || groups.known_kind(g).is_some() {
            continue;
        }
        groups.vote_all_for(g, ActorKind::Org);
    }
}

/// True when every word of a name (split at spaces and hyphens, "and" left out) is a compass
/// word ("North-South", "East and West").
pub(super) fn is_compass_name(name: &str) -> bool {
    let words: Vec<String> = raw_words(name)
        .into_iter()
        .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty() && w != "and")
        .collect();
    !words.is_empty() && words.iter().all(|w| COMPASS_WORDS.contains(&w.as_str()))
}

/// Adjectives that make a name of several words a deity's or its works' ("Divine Mercy"): in
/// English "divine" says "of God".
const BELIEF_MODIFIERS: &[&str] = &["divine"];

/// True when a name's head word names a belief: an "-ism" ("Federalism") or a deity; when
/// its first word is a deity's adjective ([`BELIEF_MODIFIERS`]); or the name is a faith or
/// its followers ([`crate::actors::head::names_a_faith`]).
pub(super) fn names_a_belief(name: &str) -> bool {
    let words = raw_words(name);
    let of_a_deity = words.len() >= 2 && BELIEF_MODIFIERS.contains(&words[0].as_str());
    of_a_deity
        || crate::actors::head::names_a_faith(name)
        || crate::actors::head::head_word(name).is_some_and(|head| {
            head.chars().count() > 5 && head.ends_with("ism")
                || BELIEF_HEADS.contains(&head.as_str())
        })
}

/// True for a person's name that cannot be one: it opens with a number ("Nine Months"), or
/// is nothing but dotted initials ("Q.Z.").
pub(super) fn is_no_personal_name(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    let number =
        first.chars().all(|c| c.is_ascii_digit()) || crate::actors::head::is_number_word(first);
    let initials = name.split_whitespace().all(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let dots = w.chars().filter(|&c| c == '.').count();
        letters >= 1 && w.ends_with('.') && dots == letters && letters + dots == w.chars().count()
    });
    number || initials
}

/// Words of English's closed classes that a name never capitalises inside it but a
/// title-case headline does: prepositions, conjunctions and auxiliary verbs ("... Leaves
/// Savers With Less", "... Spreads Via ..."). "Of", "and", "for", "the" are left out: names
/// written in capitals hold them ("Bank Of Tarnia"); so is "against", which bodies' official
/// names capitalise ("Committee Against Piracy").
const HEADLINE_WORDS: &[&str] = &[
    "about", "after", "amid", "among", "are", "as", "at", "because", "before", "behind", "between",
    "but", "by", "can", "could", "did", "does", "during", "from", "has", "have", "if", "into",
    "is", "may", "might", "must", "or", "over", "should", "since", "than", "through", "until",
    "upon", "via", "was", "were", "while", "will", "with", "without", "would",
];

/// Words a headline runs to before [`HEADLINE_WORDS`] tell it from a name: short names with
/// a capitalised preposition are names ("Doctors Without Borders").
const HEADLINE_MIN_WORDS: usize = 5;

/// True for a form that is written as no actor's name can be: a hashtag or a handle
/// ("#Tarnfest", "@tarnia"); a number run into letters that is no ordinal ("80th", "93d")
/// and reads as a format, a measure or a model: it has a decimal point ("3.6Ghz"), a unit's
/// mixed or upper case ("4GHz", "8AM"), or goes on with other words that are no body's
/// ("8K Panel"); a firm named by a number run into a letter or a word ("3M", "3Com", "3M
/// Corporation") is kept; a title-case headline (five words or more with a capitalised
/// preposition, conjunction or auxiliary inside); the tail of a name cut at its possessive
/// ("'s Harbour Service": English's "'s" leans on the word before it and opens no name).
pub(super) fn is_written_as_no_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let tagged = name.starts_with(['#', '@']);
    let clitic = words
        .first()
        .is_some_and(|first| ["'s", "'S", "’s", "’S"].contains(first));
    let body_named = has_legal_suffix(name)
        || raw_words(name)
            .last()
            .is_some_and(|w| ORGANISATION_HEADS.contains(&w.as_str()));
    let measure = words.iter().enumerate().any(|(at, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let letters = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        // "93d" is an ordinal, "3D" a format
        let ordinal = ["st", "nd", "rd", "th", "d"].contains(&letters)
            || ["ST", "ND", "RD", "TH"].contains(&letters);
        let capitalised = letters.chars().skip(1).all(char::is_lowercase);
        w.starts_with(|c: char| c.is_ascii_digit())
            && !letters.is_empty()
            && letters.chars().all(char::is_alphabetic)
            && !ordinal
            && (w.contains('.')
                || letters.chars().count() >= 2 && !capitalised
                || at + 1 < words.len() && !body_named)
    });
    let headline = words.len() >= HEADLINE_MIN_WORDS
        && words[1..words.len() - 1].iter().any(|w| {
            w.starts_with(char::is_uppercase) && HEADLINE_WORDS.contains(&w.to_lowercase().as_str())
        });
    tagged || clitic || measure || headline
}

/// The two names of "A and B" written as one, when both are names of their own.
fn conjoined_parts(name: &str) -> Option<(String, String)> {
    let (left, right) = name.split_once(" and ")?;
    let (left, right) = (key(left), key(right));
    (!left.is_empty() && !right.is_empty() && left != right).then_some((left, right))
}

/// Marks the groups whose names are no actor, however often and however written: compass
/// directions, beliefs, news desks signing a story, numbers and initials taken for people,
/// two actors joined by "and" (each named on its own in at least as many articles, or a
/// common word the corpus capitalises, `common`), and the plural of a country's name
/// ("the two Tarnias"), and forms written as no name is ([`is_written_as_no_name`]: hashtags,
/// formats and measures, headlines). Names the gazetteer knows are kept. Runs before fragments join
/// longer names, so that a real actor never joins one of these.
pub(super) fn reject_non_actor_names(groups: &mut Groups, not_actor: &mut [bool], common: &[bool]) {
    for g in 0..groups.groups.len() {
        if not_actor[g] || !groups.is_root(g) || groups.known_kind(g).is_some() {
            continue;
        }
        let kind = groups.kind(g);
        let group = &groups.groups[g];
        // the articles of its own forms, not of the forms joined to it
        let own: u64 = group
            .forms
            .iter()
            .map(|&f| groups.raw.forms[f].articles)
            .sum();
        let names: Vec<&str> = group
            .forms
            .iter()
            .map(|&f| groups.raw.forms[f].name.as_str())
            .collect();
        let most_used = group
            .forms
            .iter()
            .max_by_key(|&&f| groups.raw.forms[f].articles)
            .map(|&f| groups.raw.forms[f].name.as_str())
            .unwrap_or("");
        let ampersand = names.iter().any(|name| name.contains('&'));
        let conjoined = names.iter().any(|name| {
            conjoined_parts(name).is_some_and(|(left, right)| {
                // a part the corpus names alone, or, in a name never written with "&" (a
                // firm's mark), a common word it capitalises for a body ("the Fleet and
                // Harbour")
                let named_alone = |part: &str| {
                    groups.by_key.get(part).is_some_and(|&p| {
                        common[p] && !ampersand && !part.contains(' ')
                            || !not_actor[p] && groups.groups[p].articles >= own
                    })
                };
                named_alone(&left) && named_alone(&right)
            })
        });
        let plural_of_country = matches!(kind, ActorKind::Place | ActorKind::Country)
            && most_used
                .strip_suffix('s')
                .and_then(|singular| groups.gazetteer.resolve(singular))
                .is_some_and(|(_, known)| known == ActorKind::Country);
        let desk = crate::actors::head::head_word(most_used)
            .is_some_and(|head| DESK_HEADS.contains(&head.as_str()));
        if is_compass_name(most_used)
            || desk
            || names_a_belief(most_used)
            || kind == ActorKind::Person && is_no_personal_name(most_used)
            || conjoined
            || plural_of_country
            || is_written_as_no_name(most_used)
        {
            not_actor[g] = true;
        }
    }
}

/// Joins a one-word place the gazetteer does not know to the one place or country it
/// abbreviates: the one-word name of a place or country that starts with it, used in at
/// least as many articles ("Tarn" of "Tarnovia"). Of two or more such names, none is meant.
pub(super) fn join_place_abbreviations(groups: &mut Groups) {
    let n = groups.groups.len();
    let places: Vec<usize> = (0..n)
        .filter(|&g| {
            groups.groups[g].words.len() == 1
                && matches!(groups.kind(g), ActorKind::Place | ActorKind::Country)
        })
        .collect();
    for &g in &places {
        let short = groups.groups[g].words[0].clone();
        if short.chars().count() < 4 || !groups.is_root(g) || groups.known_kind(g).is_some() {
            continue;
        }
        let own = groups.groups[g].articles;
        let expansions: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&c| {
                let long = &groups.groups[c].words[0];
                c != g
                    && long.len() > short.len()
                    && long.starts_with(short.as_str())
                    && groups.groups[c].articles >= own
            })
            .collect();
        if let [only] = expansions[..] {
            groups.join(g, only);
        }
    }
}

/// May a one-word form of `fragment_kind` join a longer name of `longer_kind` as its
/// fragment? Not an organisation's name into a person's: a club or firm named like a surname
/// ("Tarrant" the club beside the player "Jo Tarrant") is an actor of its own.
pub(super) fn may_join_as_fragment(fragment_kind: ActorKind, longer_kind: ActorKind) -> bool {
    !(fragment_kind == ActorKind::Org && longer_kind == ActorKind::Person)
}

#[cfg(test)]
mod tests {
    use super::super::super::{Registry, Unlisted};
    use super::*;
    use crate::registry::RawActors;
    use ActorKind::{Country, Org, Person, Place};

    fn settled(forms: &[(&str, ActorKind, u64)]) -> Registry {
        Registry::settle(&RawActors::of_forms(forms))
    }

    /// The canonical name and kind of a raw form's actor.
    fn actor_of(registry: &Registry, kind: ActorKind, form: &str) -> Option<(String, ActorKind)> {
        let id = registry.canonical(kind, form).ok()?;
        let actor = registry.actor(id);
        Some((actor.name.clone(), actor.kind))
    }

    #[test]
    fn a_name_with_a_middle_initial_is_a_persons() {
        assert!(is_shaped_like_a_personal_name("Odile K. Brannagh"));
        for name in [
            "J. K. Brannagh",
            "Odile Brannagh",
            "Odile K Brannagh",
            "Odile K. Brannagh Fund",
        ] {
            assert!(!is_shaped_like_a_personal_name(name), "{name}");
        }
        let registry = settled(&[
            ("Odile K. Brannagh", Org, 30),
            ("Odile K. Brannagh", Person, 2),
        ]);
        assert_eq!(
            actor_of(&registry, Org, "Odile K. Brannagh").unwrap().1,
            Person
        );
    }

    #[test]
    fn a_region_or_a_geographic_feature_typed_as_a_body_is_a_place() {
        let registry = settled(&[
            ("Velmoria", Place, 60),
            ("Southern Velmoria", Org, 25),
            ("Central and Eastern Velmoria", Person, 6),
            ("Quillon Canal", Org, 15),
            ("Horn of Velmoria", Org, 9),
            ("Old Port of Velmoria", Org, 7),
            // a body named after the region stays a body
            ("Southern Velmoria Trust", Org, 12),
            ("Southern Quarvesh", Org, 8),
        ]);
        for (kind, form) in [
            (Org, "Southern Velmoria"),
            (Person, "Central and Eastern Velmoria"),
            (Org, "Quillon Canal"),
            (Org, "Horn of Velmoria"),
            (Org, "Old Port of Velmoria"),
        ] {
            assert_eq!(actor_of(&registry, kind, form).unwrap().1, Place, "{form}");
        }
        assert_eq!(
            actor_of(&registry, Org, "Southern Velmoria Trust")
                .unwrap()
                .1,
            Org
        );
        // "Quarvesh" is no place the corpus or the gazetteer knows
        assert_eq!(
            actor_of(&registry, Org, "Southern Quarvesh").unwrap().1,
            Org
        );
    }

    #[test]
    fn a_state_of_a_federation_named_formally_is_the_place() {
        let registry = settled(&[
            ("Tarrowmere", Place, 50),
            ("State of Tarrowmere", Org, 12),
            ("Commonwealth of the Tarrowmere", Org, 3),
        ]);
        for form in ["State of Tarrowmere", "Commonwealth of the Tarrowmere"] {
            assert_eq!(
                actor_of(&registry, Org, form),
                Some(("Tarrowmere".to_string(), Place)),
                "{form}"
            );
        }
    }

    #[test]
    fn a_compass_half_of_a_country_with_a_government_of_its_own_is_a_country() {
        let words = |name: &str| super::super::key_words(name);
        let country = |w: &[String]| {
            matches!(w.join(" ").as_str(), "norway" | "norwegian").then(|| "Norway".to_string())
        };
        for (name, state) in [
            ("North Norwegian Government", "north norway"),
            ("Government of the South Norway", "south norway"),
            ("Government of West Norway", "west norway"),
        ] {
            assert_eq!(
                divided_state_governed(&words(name), country).as_deref(),
                Some(state),
                "{name}"
            );
        }
        for name in [
            "Northern Norwegian Government",
            "Norwegian Government",
            "North Norwegian Army",
            "Government of North Velmora",
            "North Government",
        ] {
            assert_eq!(
                divided_state_governed(&words(name), country),
                None,
                "{name}"
            );
        }
        let registry = settled(&[
            ("Norway", Country, 200),
            ("North Norway", Place, 40),
            ("North Norwegian Government", Org, 3),
            // no government named for the other half: a region of the country
            ("South Norway", Place, 30),
            // one article's government is no evidence
            ("West Norway", Place, 20),
            ("Government of West Norway", Org, 1),
        ]);
        assert_eq!(
            actor_of(&registry, Place, "North Norway"),
            Some(("North Norway".to_string(), Country))
        );
        for form in ["South Norway", "West Norway"] {
            assert_eq!(actor_of(&registry, Place, form).unwrap().1, Place, "{form}");
        }
    }

    #[test]
    fn a_river_written_without_its_head_noun_is_the_river() {
        let registry = settled(&[
            ("Quellwater", Org, 20),
            ("Quellwater River", Place, 5),
            // a firm named like a river, named far more than the river
            ("Brannock", Org, 60),
            ("Brannock River", Place, 4),
            // a common word: the "Amber" of the "Amber Sea" says nothing
            ("Amber", Org, 10),
            ("Amber Sea", Place, 8),
        ]);
        assert_eq!(actor_of(&registry, Org, "Quellwater").unwrap().1, Place);
        assert_eq!(
            actor_of(&registry, Place, "Quellwater River"),
            actor_of(&registry, Org, "Quellwater")
        );
        assert_eq!(actor_of(&registry, Org, "Brannock").unwrap().1, Org);
        assert_ne!(actor_of(&registry, Org, "Amber").map(|a| a.1), Some(Place));
    }

    #[test]
    fn an_isthmus_is_a_place() {
        let registry = settled(&[("Isthmus of Quellor", Org, 10)]);
        assert_eq!(
            actor_of(&registry, Org, "Isthmus of Quellor").unwrap().1,
            Place
        );
    }

    #[test]
    fn a_states_formal_name_names_its_country() {
        let words = |name: &str| super::super::key_words(name);
        let country = |w: &[String]| (w.join(" ") == "tarnia").then(|| "Tarnia".to_string());
        for name in [
            "Serene Republic of Tarnia",
            "State of the Tarnia",
            "Tarnia People's Democratic Republic",
            "Tarnia State",
            "Communist Tarnia",
            "Socialist Tarnia",
        ] {
            assert_eq!(
                country_of_state_name(&words(name), country).as_deref(),
                Some("Tarnia"),
                "{name}"
            );
        }
        for name in [
            "Government of the Republic of Tarnia",
            "Tarnia Department of State",
            "Secretary of State",
            "Republic of Velmora",
            "Tarnia Harbour State",
            "Communist Party of Tarnia",
            "Tarnia Communist",
            "Communist Velmora",
            "United Tarnia",
            "Tarnia",
        ] {
            assert_eq!(country_of_state_name(&words(name), country), None, "{name}");
        }
        let registry = settled(&[
            ("Norway", Country, 100),
            ("Serene Kingdom of Norway", Org, 20),
            ("Norwegian Democratic Republic", Org, 4),
            ("Government of the Kingdom of Norway", Org, 7),
            ("Communist Norway", Org, 9),
            ("Communist Norway", Place, 3),
            ("Communist Norwegians", Org, 5),
        ]);
        // a demonym after the form word names the party's people, not the country
        assert_ne!(
            actor_of(&registry, Org, "Communist Norwegians").map(|a| a.1),
            Some(Country)
        );
        for form in [
            "Serene Kingdom of Norway",
            "Norwegian Democratic Republic",
            "Communist Norway",
        ] {
            assert_eq!(
                actor_of(&registry, Org, form),
                Some(("Norway".to_string(), Country)),
                "{form}"
            );
        }
        assert_eq!(
            actor_of(&registry, Org, "Government of the Kingdom of Norway")
                .unwrap()
                .1,
            Org
        );
    }

    #[test]
    fn a_known_organisation_named_with_a_generic_head_added_is_the_same() {
        let registry = settled(&[
            ("World Bank", Org, 80),
            ("World Bank Organization", Org, 6),
            ("Harbour Pilots", Org, 9),
            ("Harbour Pilots Organization", Org, 30),
        ]);
        assert_eq!(
            actor_of(&registry, Org, "World Bank Organization")
                .unwrap()
                .0,
            "World Bank"
        );
        // "Harbour Pilots" is no name the gazetteer knows
        assert_eq!(
            actor_of(&registry, Org, "Harbour Pilots Organization")
                .unwrap()
                .0,
            "Harbour Pilots Organization"
        );
    }

    #[test]
    fn compass_names_are_directions() {
        for name in ["North-South", "East West", "west", "South and North"] {
            assert!(is_compass_name(name), "{name}");
        }
        for name in ["North Tarnia", "West Bank Council", "Westbury"] {
            assert!(!is_compass_name(name), "{name}");
        }
    }

    #[test]
    fn beliefs_are_named_by_an_ism_a_deity_or_a_faith() {
        for name in [
            "Federalism",
            "World Federalism",
            "Almighty God",
            "God",
            "Velmoran Muslims",
            "Divine Clemency",
        ] {
            assert!(names_a_belief(name), "{name}");
        }
        for name in [
            "Prism",
            "Ministry of Tourism",
            "Godfrey Tarn",
            "Ism",
            "Divine",
            "Tarn Divine",
        ] {
            assert!(!names_a_belief(name), "{name}");
        }
    }

    #[test]
    fn numbers_and_bare_initials_are_no_personal_names() {
        for name in ["Six Wks", "12 Mths", "Q.Z.", "Q. Z."] {
            assert!(is_no_personal_name(name), "{name}");
        }
        for name in ["Q.Z. Tarrant", "Jo Tarrant", "Tarrant"] {
            assert!(!is_no_personal_name(name), "{name}");
        }
    }

    #[test]
    fn a_name_headed_by_an_organisation_noun_is_an_organisation() {
        let registry = settled(&[
            ("Velmoran Renewal Movement", Person, 20),
            ("Velmoran Renewal Movement", Org, 3),
            ("Tarnish State Government", Place, 9),
        ]);
        assert_eq!(
            actor_of(&registry, Person, "Velmoran Renewal Movement")
                .unwrap()
                .1,
            Org
        );
        assert_eq!(
            actor_of(&registry, Place, "Tarnish State Government")
                .unwrap()
                .1,
            Org
        );
    }

    #[test]
    fn a_group_is_an_organisation_whatever_the_tagger_typed_it() {
        let registry = settled(&[("Marvolo Holdings Group", Place, 4)]);
        assert_eq!(
            actor_of(&registry, Place, "Marvolo Holdings Group")
                .unwrap()
                .1,
            Org
        );
    }

    #[test]
    fn hashtags_formats_measures_and_headlines_are_no_actors() {
        let registry = settled(&[
            ("#Tarnfest Ostrava", Org, 3),
            ("8K Panel", Org, 2),
            ("3D Lantern", Org, 2),
            ("3.6Ghz", Place, 2),
            ("Velmora Farmers Quit Coops Over New Tariff Rules", Org, 1),
            ("Quillpad Malware Was Found Among Photo Apps", Person, 1),
            ("52nd Assembly", Org, 4),
            ("93d Assembly", Org, 4),
            ("7Q", Org, 3),
            ("4Vexa", Org, 3),
            ("7Q Corporation", Org, 2),
            ("9PM", Place, 2),
            ("Velmoran Medics Without Frontiers", Org, 3),
            ("Bank Of Tarnia", Org, 3),
            ("'s Ratings Bureau", Org, 40),
            ("’S Harbour Office", Org, 6),
        ]);
        for (kind, form) in [
            (Org, "'s Ratings Bureau"),
            (Org, "’S Harbour Office"),
            (Org, "#Tarnfest Ostrava"),
            (Org, "8K Panel"),
            (Org, "3D Lantern"),
            (Place, "3.6Ghz"),
            (Org, "Velmora Farmers Quit Coops Over New Tariff Rules"),
            (Person, "Quillpad Malware Was Found Among Photo Apps"),
            (Place, "9PM"),
        ] {
            assert_eq!(
                registry.canonical(kind, form),
                Err(Unlisted::NotAnActor),
                "{form}"
            );
        }
        // an ordinal, a short name with a preposition, a name in capitals are names
        for form in [
            "52nd Assembly",
            "Velmoran Medics Without Frontiers",
            "Bank Of Tarnia",
        ] {
            assert!(actor_of(&registry, Org, form).is_some(), "{form}");
        }
    }

    #[test]
    fn directions_beliefs_desks_numbers_and_initials_are_no_actors() {
        let registry = settled(&[
            ("West-East", Place, 30),
            ("Grand Federalism", Person, 12),
            ("Ostrava Newsroom", Org, 12),
            ("Six Wks", Person, 20),
            ("Q.Z.", Person, 15),
            ("Ostrava", Place, 10),
        ]);
        for (kind, form) in [
            (Place, "West-East"),
            (Person, "Grand Federalism"),
            (Org, "Ostrava Newsroom"),
            (Person, "Six Wks"),
            (Person, "Q.Z."),
        ] {
            assert_eq!(
                registry.canonical(kind, form),
                Err(Unlisted::NotAnActor),
                "{form}"
            );
        }
        assert!(actor_of(&registry, Place, "Ostrava").is_some());
    }

    #[test]
    fn two_actors_joined_by_and_are_none_and_take_no_fragments() {
        let registry = settled(&[
            ("Kestrelshire", Org, 12),
            ("Ostwold", Org, 11),
            ("Kestrelshire and Ostwold", Org, 1),
            // a firm whose partners are not named alone stays
            ("Hobbin and Nettlecombe", Org, 9),
        ]);
        assert_eq!(
            registry.canonical(Org, "Kestrelshire and Ostwold"),
            Err(Unlisted::NotAnActor)
        );
        assert_eq!(
            actor_of(&registry, Org, "Kestrelshire").unwrap().0,
            "Kestrelshire"
        );
        assert_eq!(actor_of(&registry, Org, "Ostwold").unwrap().0, "Ostwold");
        assert!(actor_of(&registry, Org, "Hobbin and Nettlecombe").is_some());
    }

    #[test]
    fn the_plural_of_a_countrys_name_is_no_actor() {
        let registry = settled(&[("South Sudans", Place, 14), ("South Sudan", Country, 40)]);
        assert_eq!(
            registry.canonical(Place, "South Sudans"),
            Err(Unlisted::NotAnActor)
        );
    }

    #[test]
    fn a_place_abbreviated_joins_the_one_place_it_starts() {
        let registry = settled(&[
            ("Velmor", Place, 10),
            ("Velmoria", Place, 30),
            ("Velmorra", Place, 2),
            ("Ostr", Place, 5),
            ("Ostrava", Place, 20),
            ("Ostravia", Place, 20),
        ]);
        assert_eq!(actor_of(&registry, Place, "Velmor").unwrap().0, "Velmoria");
        assert_eq!(actor_of(&registry, Place, "Ostr").unwrap().0, "Ostr");
    }

    #[test]
    fn an_organisation_named_like_a_surname_does_not_join_the_person() {
        let mut raw = RawActors::of_forms(&[("Tarrantby", Org, 8), ("Jo Tarrantby", Person, 4)]);
        // an article that named the player in full and then by surname alone
        raw.aliases.push(crate::registry::AliasEvidence {
            kind: Person,
            name: "Jo Tarrantby".to_string(),
            form: "Tarrantby".to_string(),
            articles: 1,
        });
        let registry = Registry::settle(&raw);
        assert_eq!(
            actor_of(&registry, Org, "Tarrantby"),
            Some(("Tarrantby".to_string(), Org))
        );
        assert_eq!(
            actor_of(&registry, Person, "Jo Tarrantby"),
            Some(("Jo Tarrantby".to_string(), Person))
        );
    }
}
