//! Suggestions: names a source mentions that the notebook does not know yet.
//!
//! Heuristics, no model: runs of capitalised words (joined across "of",
//! "for", "the" and the like), acronyms, titles before names ("Secretary
//! General", "President", "General") marking a person, month-and-day dates.
//! A sentence's first word counts only when the text also capitalises it
//! elsewhere or it is not a common word. Spelling variants of one name
//! (folded as the gazetteer folds them) come as one suggestion; a lone
//! surname joins the person whose last name it is. Known names and rejected
//! suggestions are left out; a rejection is remembered in the store.

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, Result};
use crate::gazetteer::{is_acronym, normalise_name};
use crate::notebook::Notebook;

/// A proposed entity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub name: String,
    pub kind: String,
    /// Every spelling seen, the name included.
    pub variants: Vec<String>,
    /// How often it occurs in the text, all spellings together.
    pub count: usize,
}

const CONNECTORS: &[&str] = &[
    "of", "for", "the", "de", "del", "la", "von", "van", "der", "al", "on", "and",
];
/// Connectors inside a person's name ("Ursula von der Leyen"); the others
/// ("of", "for", "on", "and") join only after a word that names an
/// organisation, a place or an event ("House Committee on Revenue and
/// Taxation"), so "Scott Hudson of Sherman" stays a person and a place.
const NAME_PARTICLES: &[&str] = &["de", "del", "la", "von", "van", "der", "al"];
const TITLES: &[&str] = &[
    "Secretary",
    "General",
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Chancellor",
    "Professor",
    "Prof",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Director",
    "Senator",
    "Ambassador",
    "Vice",
    "Deputy",
    "Chairman",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Admiral",
    "Colonel",
    "Lieutenant",
    "King",
    "Queen",
    "Pope",
    "Sir",
    "Former",
    "Head",
    "Defence",
    "Defense",
    "First",
    "Gov",
    "Governor",
    "Rep",
    "Reps",
    "Representative",
    "Sen",
    "Sens",
    "Gen",
    "Lt",
    "Col",
    "Sgt",
    "Capt",
    "Maj",
    "Supt",
    "Rev",
    "Adm",
    "Amb",
    "Judge",
    "Mayor",
    "Justice",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
/// Adjectives of nationality: not names on their own.
const DEMONYMS: &[&str] = &[
    "American",
    "Soviet",
    "Russian",
    "European",
    "Western",
    "Eastern",
    "Chinese",
    "Ukrainian",
    "British",
    "French",
    "German",
    "Georgian",
    "Polish",
    "Turkish",
    "Asian",
    "Atlantic",
];
const PLACE_WORDS: &[&str] = &[
    "States",
    "Kingdom",
    "Republic",
    "Federation",
    "Emirates",
    "Sea",
    "Ocean",
    "Strait",
    "County",
    "City",
    "Island",
    "Islands",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Valley",
    "Bay",
    "Station",
    "Airport",
    "Park",
    "Square",
    "Street",
    "Avenue",
    "Bridge",
    "Stadium",
    "Track",
    "Harbor",
    "Harbour",
    "Port",
];
/// First words of many place names ("East Providence", "New Haven").
const PLACE_PREFIXES: &[&str] = &[
    "East", "West", "North", "South", "New", "Fort", "San", "Santa", "Saint", "Mount", "Lake",
    "Port",
];
const ORG_WORDS: &[&str] = &[
    "Alliance",
    "Council",
    "Center",
    "Centre",
    "School",
    "Organization",
    "Organisation",
    "Ministry",
    "Assembly",
    "Agency",
    "Committee",
    "University",
    "Institute",
    "Party",
    "Bank",
    "Fund",
    "Union",
    "Court",
    "Parliament",
    "Commission",
    "Service",
    "Office",
    "Department",
    "Times",
    "News",
    "Press",
    "Group",
    "Corporation",
    "Company",
    "Academy",
    "Forces",
    "Army",
    "Navy",
    "House",
    "Kremlin",
    "Pentagon",
    "Economics",
    "Technologies",
    "Studies",
    "Relations",
    "Association",
    "Society",
    "League",
    "Foundation",
    "Endowment",
    "Board",
    "Club",
    "Authority",
    "Bureau",
    "Network",
    "Airlines",
    "Hospital",
    "College",
    "Church",
    "Corps",
    "Inc",
    "Corp",
    "Ltd",
];
const EVENT_WORDS: &[&str] = &[
    "War",
    "Summit",
    "Conference",
    "Talks",
    "Games",
    "Olympics",
    "Revolution",
    "Crisis",
    "Treaty",
    "Accords",
    "Agreement",
    "Election",
    "Elections",
];
const FIRST_NAMES: &[&str] = &[
    "Jens",
    "Donald",
    "Joe",
    "Alexei",
    "Alexey",
    "Sergei",
    "Sergey",
    "Vladimir",
    "Dmitry",
    "Dmitri",
    "Antony",
    "Wendy",
    "Emmanuel",
    "Olaf",
    "Boris",
    "Angela",
    "Volodymyr",
    "Viktor",
    "Yuri",
    "Mikhail",
    "Andrei",
    "Andrey",
    "Nikolai",
    "Maria",
    "Anna",
    "John",
    "James",
    "Mary",
    "Barack",
    "Hillary",
    "Xi",
    "Recep",
    "Ursula",
    "Josep",
    "Charles",
    "Michel",
    "Liz",
    "Rishi",
    "Justin",
];
const PLACES: &[&str] = &[
    "Russia",
    "Ukraine",
    "Georgia",
    "Moscow",
    "Kiev",
    "Kyiv",
    "Washington",
    "China",
    "Europe",
    "Geneva",
    "Brussels",
    "Bucharest",
    "Minsk",
    "Belarus",
    "Poland",
    "Germany",
    "France",
    "London",
    "Paris",
    "Berlin",
    "Beijing",
    "America",
    "Asia",
    "Bosphorus",
    "Crimea",
    "Donbas",
    "Vienna",
    "Baltic",
    "Turkey",
    "Iran",
    "Syria",
    "Japan",
    "India",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Words that start sentences without naming anything.
const COMMON: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Moreover",
    "Meanwhile",
    "According",
    "Therefore",
    "Now",
    "If",
    "One",
    "Here",
    "Then",
    "First",
    "Firstly",
    "Secondly",
    "Another",
    "Other",
    "Earlier",
    "Accordingly",
    "Because",
    "Within",
    "Even",
    "During",
    "When",
    "This",
    "These",
    "That",
    "Those",
    "It",
    "We",
    "They",
    "He",
    "She",
    "As",
    "For",
    "Of",
    "To",
    "From",
    "With",
    "Her",
    "His",
    "Our",
    "Their",
    "Follow",
    "Read",
    "Also",
    "There",
    "Representatives",
    "Experts",
    "Arms",
    "In",
    "After",
    "Before",
    "While",
    "Still",
    "Yet",
    "So",
    "Thus",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Such",
    "Since",
    "Although",
    "Though",
    "Unlike",
    "Like",
    "Instead",
    "Besides",
    "Finally",
    "Later",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Last",
    "Next",
    "Under",
    "Over",
    "By",
    "Let",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Would",
    "Can",
    "Could",
    "May",
    "Might",
    "Should",
    "Must",
    "Do",
    "Does",
    "Did",
    "Not",
    "No",
    "Yes",
    "Us",
    "Google",
    "Page",
    "Other",
    "Probably",
    "Perhaps",
    "Not",
];

#[derive(Debug, Clone)]
struct Tok {
    text: String,
    /// Byte span in the text.
    from: usize,
    to: usize,
    /// Starts a sentence.
    initial: bool,
    /// Punctuation (other than a hyphen) follows it before the next word.
    broken_after: bool,
}

/// Abbreviations whose full stop ends no sentence: titles, months, and the
/// like. A single capital letter (an initial, as in "Charles E. Hughes")
/// counts too.
const ABBREVIATIONS: &[&str] = &[
    "Gov", "Rep", "Reps", "Sen", "Sens", "Dr", "Mr", "Mrs", "Ms", "Gen", "Lt", "Col", "Sgt",
    "Capt", "Maj", "Supt", "Rev", "St", "Jr", "Sr", "Prof", "Adm", "Cmdr", "Gov", "Amb", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft",
];

fn is_abbreviation(w: &str) -> bool {
    ABBREVIATIONS.contains(&w) || (w.chars().count() == 1 && capitalised(w))
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut initial = true;
    let mut gap_from = 0usize;
    let mut word_from: Option<usize> = None;
    let push = |from: usize, to: usize, gap: &str, out: &mut Vec<Tok>, initial: &mut bool| {
        let word = &text[from..to];
        let word = word.trim_end_matches('-');
        if word.is_empty() {
            return;
        }
        // "Gov. Price", "E. Hughes", "Aug. 31": the stop belongs to the abbreviation.
        let abbreviated = out.last().is_some_and(|t| is_abbreviation(&t.text))
            && gap.trim() == "."
            && (capitalised(word) || word.chars().all(|c| c.is_ascii_digit()))
            && !COMMON.contains(&word);
        if let Some(last) = out.last_mut() {
            last.broken_after = !abbreviated && gap.chars().any(|c| !c.is_whitespace());
        }
        let sentence_break =
            !abbreviated && gap.contains(['.', '!', '?', ':', '“', '"', '–', '—', '\n']);
        out.push(Tok {
            text: word.to_string(),
            from,
            to: from + word.len(),
            initial: *initial || sentence_break,
            broken_after: false,
        });
        *initial = false;
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (c == '-' && word_from.is_some());
        match (in_word, word_from) {
            (true, None) => word_from = Some(i),
            (false, Some(from)) => {
                let gap = &text[gap_from..from];
                push(from, i, gap, &mut out, &mut initial);
                gap_from = i;
                word_from = None;
            }
            _ => {}
        }
    }
    if let Some(from) = word_from {
        let gap = &text[gap_from..from];
        push(from, text.len(), gap, &mut out, &mut initial);
    }
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Proposes entities for a text, given the normalised names already known
/// or rejected.
pub fn suggest_in(text: &str, known: &HashSet<String>) -> Vec<Suggestion> {
    let toks = tokenize(text);
    // Words the text capitalises somewhere other than at a sentence start.
    let capitalised_inside: HashSet<&str> = toks
        .iter()
        .filter(|t| !t.initial && capitalised(&t.text))
        .map(|t| t.text.as_str())
        .collect();
    let lowercase_words: HashSet<String> = toks
        .iter()
        .filter(|t| !capitalised(&t.text))
        .map(|t| t.text.clone())
        .collect();

    let mut found: Vec<(String, String)> = Vec::new(); // (surface, kind)
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Dates: a month and a day.
        if MONTHS.contains(&t.text.as_str()) || MONTH_ABBREVIATIONS.contains(&t.text.as_str()) {
            if let Some(n) = toks.get(i + 1) {
                if !t.broken_after && n.text.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
                    found.push((text[t.from..n.to].to_string(), "date".into()));
                    i += 2;
                    continue;
                }
            }
        }
        if !capitalised(&t.text) {
            i += 1;
            continue;
        }
        // A run of capitalised words, joined across connectors.
        let mut run = vec![i];
        let mut j = i;
        while !toks[j].broken_after && j + 1 < toks.len() {
            let n = &toks[j + 1];
            if capitalised(&n.text) && !n.initial {
                run.push(j + 1);
                j += 1;
                continue;
            }
            // connectors: "of the", "for", and particles of names
            let org_like = run.iter().any(|&r| {
                let w = toks[r].text.as_str();
                ORG_WORDS.contains(&w) || PLACE_WORDS.contains(&w) || EVENT_WORDS.contains(&w)
            }) || TITLES.contains(&toks[j].text.as_str());
            let mut k = j + 1;
            while k < toks.len()
                && (NAME_PARTICLES.contains(&toks[k].text.as_str())
                    || (org_like && CONNECTORS.contains(&toks[k].text.as_str())))
                && !toks[k - 1].broken_after
            {
                k += 1;
            }
            let joined: Vec<&str> = (j + 1..k).map(|c| toks[c].text.as_str()).collect();
            let has_connector = run
                .iter()
                .any(|&r| matches!(toks[r].text.as_str(), "of" | "on" | "for"));
            let fits = joined.iter().all(|c| NAME_PARTICLES.contains(c))
                || match joined.first().copied() {
                    // "Department of Health and Human Services", not "Russia and the OSCE"
                    Some("and") => has_connector && !joined.contains(&"the"),
                    // "Committee on Revenue", not "Council on January"
                    Some("on") => ORG_WORDS.contains(&toks[j].text.as_str()),
                    _ => !joined.contains(&"and"),
                };
            if k > j + 1
                && k < toks.len()
                && fits
                && capitalised(&toks[k].text)
                && !MONTHS.contains(&toks[k].text.as_str())
                && !WEEKDAYS.contains(&toks[k].text.as_str())
                && !toks[k - 1].broken_after
            {
                run.extend(j + 1..=k);
                j = k;
                continue;
            }
            break;
        }
        i = j + 1;
        let words: Vec<&Tok> = run.iter().map(|&k| &toks[k]).collect();
        for (surface, kind) in split_run(text, &words, &capitalised_inside, &lowercase_words) {
            found.push((surface, kind));
        }
    }

    // Group by folded name; a lone surname joins its person.
    let mut groups: BTreeMap<String, (Vec<String>, String, usize)> = BTreeMap::new();
    for (surface, kind) in &found {
        let key = normalise_name(surface);
        if key.is_empty() {
            continue;
        }
        let g = groups
            .entry(key)
            .or_insert_with(|| (Vec::new(), kind.clone(), 0));
        if !g.0.contains(surface) {
            g.0.push(surface.clone());
        }
        if g.1 != "person" && kind == "person" {
            g.1 = kind.clone();
        }
        g.2 += 1;
    }
    let persons: Vec<(String, String)> = groups
        .iter()
        .filter(|(k, g)| g.1 == "person" && k.contains(' '))
        .map(|(k, _)| (k.clone(), k.rsplit(' ').next().unwrap_or("").to_string()))
        .collect();
    let singles: Vec<String> = groups
        .keys()
        .filter(|k| !k.contains(' '))
        .cloned()
        .collect();
    for s in singles {
        let owners: Vec<&(String, String)> =
            persons.iter().filter(|(_, last)| *last == s).collect();
        if owners.len() == 1 {
            if let Some((vars, _, n)) = groups.remove(&s) {
                if let Some(g) = groups.get_mut(&owners[0].0) {
                    for v in vars {
                        if !g.0.contains(&v) {
                            g.0.push(v);
                        }
                    }
                    g.2 += n;
                }
            }
        }
    }
    let mut out: Vec<Suggestion> = groups
        .into_iter()
        .filter(|(key, g)| {
            !known.contains(key) && !g.0.iter().any(|v| known.contains(&normalise_name(v)))
        })
        .map(|(_, (variants, kind, count))| {
            // The name: the most complete spelling seen first.
            let name = variants
                .iter()
                .max_by_key(|v| {
                    (
                        v.split(' ').count(),
                        usize::MAX - variants.iter().position(|x| x == *v).unwrap_or(0),
                    )
                })
                .cloned()
                .unwrap_or_default();
            Suggestion {
                name,
                kind,
                variants,
                count,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    out
}

/// Cuts a run of capitalised words into names, each with a guessed kind.
fn split_run(
    text: &str,
    words: &[&Tok],
    inside: &HashSet<&str>,
    lower: &HashSet<String>,
) -> Vec<(String, String)> {
    let mut words: Vec<&Tok> = words.to_vec();
    // A common word opening a sentence names nothing; nor does a lone word
    // that is capitalised only where a sentence starts ("Noting that…",
    // "Along with…").
    if let Some(first) = words.first() {
        let w = first.text.as_str();
        if first.initial
            && (COMMON.contains(&w)
                || (!inside.contains(w)
                    && (lower.contains(&w.to_lowercase())
                        || (words.len() == 1 && !PLACES.contains(&w)))))
        {
            words.remove(0);
        }
    }
    // Titles before a name mark a person.
    let mut titled = false;
    while words
        .first()
        .is_some_and(|w| TITLES.contains(&w.text.as_str()))
    {
        words.remove(0);
        titled = true;
    }
    while words
        .first()
        .is_some_and(|w| CONNECTORS.contains(&w.text.as_str()))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|w| CONNECTORS.contains(&w.text.as_str()))
    {
        words.pop();
    }
    if words.is_empty() {
        return Vec::new();
    }
    // Split where an organisation's name ends and a person's begins, or
    // before a known first name.
    let mut pieces: Vec<Vec<&Tok>> = vec![Vec::new()];
    for (k, w) in words.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| words[p].text.as_str());
        let split = prev.is_some_and(|p| {
            ORG_WORDS.contains(&p)
                && !CONNECTORS.contains(&w.text.as_str())
                && !ORG_WORDS.contains(&w.text.as_str())
        }) || (k > 0 && FIRST_NAMES.contains(&w.text.as_str()));
        if split {
            pieces.push(Vec::new());
        }
        if let Some(last) = pieces.last_mut() {
            last.push(w);
        }
    }
    let n = pieces.len();
    let mut out = Vec::new();
    for (k, piece) in pieces.into_iter().enumerate() {
        let mut piece = piece;
        while piece.last().is_some_and(|w| {
            CONNECTORS.contains(&w.text.as_str()) || TITLES.contains(&w.text.as_str())
        }) {
            piece.pop();
        }
        if piece.is_empty() {
            continue;
        }
        let texts: Vec<&str> = piece.iter().map(|w| w.text.as_str()).collect();
        // As written: "J. B. Brady", "U.S. Army".
        let surface = match (piece.first(), piece.last()) {
            (Some(a), Some(b)) => text[a.from..b.to].to_string(),
            _ => texts.join(" "),
        };
        if texts.len() == 1
            && (COMMON.contains(&texts[0])
                || MONTHS.contains(&texts[0])
                || DEMONYMS.contains(&texts[0])
                || WEEKDAYS.contains(&texts[0])
                || texts[0].chars().count() == 1
                || ORG_WORDS.contains(&texts[0])
                || PLACE_WORDS.contains(&texts[0])
                || EVENT_WORDS.contains(&texts[0])
                || TITLES.contains(&texts[0]))
        {
            continue;
        }
        let person_after_title = titled && k == n - 1;
        let kind = guess_kind(&texts, person_after_title);
        out.push((surface, kind));
    }
    out
}

fn guess_kind(words: &[&str], titled: bool) -> String {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let kind = if has(PLACE_WORDS) || (words.len() > 1 && PLACE_PREFIXES.contains(&words[0])) {
        "place"
    } else if has(ORG_WORDS) {
        "organisation"
    } else if has(EVENT_WORDS) {
        "event"
    } else if titled || FIRST_NAMES.contains(&words[0]) {
        "person"
    } else if words.len() > 1 && words.iter().all(|w| is_acronym(w)) {
        "organisation"
    } else if words.len() == 1 && is_acronym(words[0]) {
        if matches!(words[0], "US" | "USA" | "UK") {
            "place"
        } else {
            "organisation"
        }
    } else if words.len() == 1 && PLACES.contains(&words[0]) {
        "place"
    } else if words.len() == 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && ["ov", "ev", "in", "sky", "enko", "berg", "son"]
            .iter()
            .any(|s| words[1].ends_with(s))
    {
        "person"
    } else if words.len() == 1 {
        "place"
    } else if words.len() <= 4
        && words
            .iter()
            .all(|w| capitalised(w) && w.chars().all(char::is_alphabetic))
    {
        // Two to four capitalised words naming no organisation, place or
        // event: in news text, most often a person.
        "person"
    } else {
        "other"
    };
    kind.to_string()
}

impl Notebook {
    /// Entities a source names that the notebook does not know yet.
    pub fn suggest(&self, source: &str) -> Result<Vec<Suggestion>> {
        let src = self.source(source)?;
        Ok(suggest_in(&src.text, &self.known_names()?))
    }

    fn known_names(&self) -> Result<HashSet<String>> {
        let mut known: HashSet<String> = self.store.rejected()?.into_iter().collect();
        for e in self.store.entities()? {
            known.insert(normalise_name(&e.name));
            for a in e.aliases {
                known.insert(normalise_name(&a));
            }
        }
        Ok(known)
    }

    /// Accepts a suggestion of a source: creates the entity with its variants
    /// as aliases (`kind` overrides the guess).
    pub fn accept_suggestion(
        &mut self,
        source: &str,
        name: &str,
        kind: Option<&str>,
    ) -> Result<crate::Entity> {
        self.accept_suggestion_as(source, name, kind, None)
    }

    /// Accepts a suggestion of whichever source makes it (the first, in the
    /// order the sources are listed).
    pub fn accept_suggestion_anywhere(
        &mut self,
        name: &str,
        kind: Option<&str>,
    ) -> Result<crate::Entity> {
        let sources: Vec<String> = self.sources()?.into_iter().map(|s| s.id).collect();
        for s in &sources {
            match self.accept_suggestion(s, name, kind) {
                Err(Error::NotFound { .. }) => continue,
                other => return other,
            }
        }
        Err(Error::NotFound {
            what: "suggestion",
            id: name.to_string(),
        })
    }

    /// Accepts a suggestion as the user edited it: `kind` overrides the
    /// guess, `aliases` (when given) replace the spellings seen. The
    /// suggestion must still stand (not known, not rejected).
    pub fn accept_suggestion_as(
        &mut self,
        source: &str,
        name: &str,
        kind: Option<&str>,
        aliases: Option<Vec<String>>,
    ) -> Result<crate::Entity> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let key = normalise_name(name);
        let s = self
            .suggest(source)?
            .into_iter()
            .find(|s| {
                normalise_name(&s.name) == key
                    || s.variants.iter().any(|v| normalise_name(v) == key)
            })
            .ok_or_else(|| Error::NotFound {
                what: "suggestion",
                id: name.to_string(),
            })?;
        let aliases = aliases.unwrap_or_else(|| {
            s.variants
                .iter()
                .filter(|v| **v != s.name)
                .cloned()
                .collect()
        });
        self.add_entity(crate::NewEntity {
            name: s.name,
            kind: kind.map(str::to_string).unwrap_or(s.kind),
            aliases,
            description: None,
            external_id: None,
        })
    }

    /// Rejects a suggested name: it is not suggested again.
    pub fn reject_suggestion(&mut self, name: &str) -> Result<()> {
        let key = normalise_name(name);
        if key.is_empty() {
            return Err(Error::BadInput("give the name to reject".into()));
        }
        self.store.transaction(|tx| tx.reject(&key))
    }
}
