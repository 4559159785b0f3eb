//! Corpus-level rules on what a name's structure says: the kind its head noun gives it
//! ("... Movement" is an organisation however the tagger typed it), names that are no actor
//! whatever their counts (compass directions, beliefs, two actors joined by "and", numbers
//! and bare initials taken for people, plurals of a country), and the abbreviation of a
//! place joined to the place it abbreviates.

use super::{key, raw_words, Groups};
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
    let person = super::kind_index(ActorKind::Person);
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
        let votes = &mut groups.groups[g].votes;
        let all: u64 = votes.iter().sum();
        *votes = [0; 4];
        votes[person] = all;
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

/// Gives the organisation's kind to every group whose name ends with an organisation head
/// noun and that the gazetteer does not know: the votes for another kind go to "org".
pub(super) fn retype_by_organisation_head(groups: &mut Groups) {
    let org = super::kind_index(ActorKind::Org);
    for g in 0..groups.groups.len() {
        let headed = groups.groups[g]
            .words
            .last()
            .is_some_and(|w| ORGANISATION_HEADS.contains(&w.as_str()));
        if !headed || groups.groups[g].words.len() < 2 || groups.known_kind(g).is_some() {
            continue;
        }
        let votes = &mut groups.groups[g].votes;
        let all: u64 = votes.iter().sum();
        *votes = [0; 4];
        votes[org] = all;
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

/// True when a name's head word names a belief: an "-ism" ("Federalism") or a deity.
pub(super) fn names_a_belief(name: &str) -> bool {
    crate::actors::head::head_word(name).is_some_and(|head| {
        head.chars().count() > 5 && head.ends_with("ism") || BELIEF_HEADS.contains(&head.as_str())
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

/// The two names of "A and B" written as one, when both are names of their own.
fn conjoined_parts(name: &str) -> Option<(String, String)> {
    let (left, right) = name.split_once(" and ")?;
    let (left, right) = (key(left), key(right));
    (!left.is_empty() && !right.is_empty() && left != right).then_some((left, right))
}

/// Marks the groups whose names are no actor, however often and however written: compass
/// directions, beliefs, news desks signing a story, numbers and initials taken for people, two actors joined by "and"
/// (each named on its own in at least as many articles), and the plural of a country's name
/// ("the two Tarnias"). Names the gazetteer knows are kept. Runs before fragments join
/// longer names, so that a real actor never joins one of these.
pub(super) fn reject_non_actor_names(groups: &mut Groups, not_actor: &mut [bool]) {
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
        let conjoined = names.iter().any(|name| {
            conjoined_parts(name).is_some_and(|(left, right)| {
                let named_alone = |part: &str| {
                    groups
                        .by_key
                        .get(part)
                        .is_some_and(|&p| !not_actor[p] && groups.groups[p].articles >= own)
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
    fn compass_names_are_directions() {
        for name in ["North-South", "East West", "west", "South and North"] {
            assert!(is_compass_name(name), "{name}");
        }
        for name in ["North Tarnia", "West Bank Council", "Westbury"] {
            assert!(!is_compass_name(name), "{name}");
        }
    }

    #[test]
    fn beliefs_are_named_by_an_ism_or_a_deity() {
        for name in ["Federalism", "World Federalism", "Almighty God", "God"] {
            assert!(names_a_belief(name), "{name}");
        }
        for name in ["Prism", "Ministry of Tourism", "Godfrey Tarn", "Ism"] {
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
