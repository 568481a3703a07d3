//! General knowledge about names: places and given names from open data,
//! and the small closed classes of English that mark names (organisation
//! designators, titles and honorifics, months, weekdays, common
//! sentence-opening words).
//!
//! The large lists are compiled in from `data/` (built by `data/build.py`
//! from GeoNames, the US Social Security given names and `faker`'s per-locale
//! first and last names, by `data/build_regions.py` and by
//! `data/build_companies.py` from the companies of the main stock indices;
//! see `data/SOURCES.md`) and turned into hash sets of
//! [`name_key`]s the first time they are asked for ([`std::sync::OnceLock`]),
//! so a program that never suggests a name pays nothing. [`load`] does that
//! work up front and says how long it took.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::variants::{name_key, word_key};

const PLACES: &str = include_str!("../data/places.txt");
const REGIONS: &str = include_str!("../data/regions.txt");
const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");
const EXONYMS: &str = include_str!("../data/exonyms.tsv");
const COMMON_ENGLISH: &str = include_str!("../data/common_words.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const COMPANIES: &str = include_str!("../data/companies.txt");

/// Regions that no country, city or state list holds, in general English use.
#[rustfmt::skip]
const MACRO_REGIONS: &[&str] = &[
    "America", "Latin America", "Central America", "Middle East", "Near East", "Far East",
    "Central Asia", "East Asia", "South Asia", "Southeast Asia", "Caribbean", "Balkans",
    "Scandinavia", "Mediterranean", "Arctic", "Pacific", "Atlantic", "Persian Gulf", "Siberia",
    "Sahara", "Sahel", "Caucasus", "Himalayas", "Patagonia",
    // The UN geoscheme's subregions and their everyday English names.
    "North Africa", "Northern Africa", "East Africa", "Eastern Africa", "West Africa",
    "Western Africa", "Central Africa", "Middle Africa", "Southern Africa",
    "Sub-Saharan Africa", "Horn of Africa", "North America", "Northern America",
    "South America", "Western Europe", "Eastern Europe", "Central Europe", "Northern Europe",
    "Southern Europe", "Western Asia", "Eastern Asia", "Southern Asia", "South-eastern Asia",
    "Melanesia", "Micronesia", "Polynesia", "Oceania", "Antarctica", "Antarctic", "Baltics",
    "Levant", "Maghreb", "Indochina", "Asia Minor", "New England", "Midwest",
    // The regions of the United States and the hemispheres, as news names them.
    "Northeast", "Northwest", "Southeast", "Southwest", "Mid-Atlantic", "Great Lakes",
    "Great Plains", "Pacific Northwest", "Deep South", "Northern Hemisphere",
    "Southern Hemisphere", "Western Hemisphere", "Eastern Hemisphere", "West Bank",
    "Gaza Strip",
    // The countries of the United Kingdom, which the country list does not
    // hold apart.
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland",
    // Former states, still named in news and history.
    "Soviet Union", "East Germany", "West Germany", "Yugoslavia", "Czechoslovakia",
    "Ottoman Empire", "Austria-Hungary", "Prussia", "Rhodesia", "Zaire", "Burma",
    "North Vietnam", "South Vietnam", "North Korea", "South Korea",
    // Countries' short and older English forms that the country list, which
    // holds one official name each, does not ("the Congo", "Viet Nam").
    "Viet Nam", "North Viet Nam", "South Viet Nam", "Ivory Coast", "Holland",
    "Persia", "Ceylon", "Siam", "Formosa", "Czech Republic",
];

struct Data {
    places: HashSet<String>,
    given: HashSet<String>,
    surnames: HashSet<String>,
    companies: HashSet<String>,
    common: HashSet<&'static str>,
}

static DATA: OnceLock<Data> = OnceLock::new();
static EXONYMS_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();

fn exonyms_map() -> &'static HashMap<String, String> {
    EXONYMS_MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in EXONYMS.lines() {
            if let Some((alt, main)) = line.split_once('\t') {
                map.insert(words_key(alt), words_key(main));
            }
        }
        map
    })
}

/// A name's key without the exonym step (the exonym table is built from it).
fn words_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(word_key)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn data() -> &'static Data {
    DATA.get_or_init(|| {
        // "Republic of the Congo", "Democratic Republic of the Congo":
        // the country list's official names; news writes "the Congo".
        let short_forms = PLACES.lines().filter_map(|p| {
            let (_, short) = p.split_once("Republic of ")?;
            Some(short.strip_prefix("the ").unwrap_or(short))
        });
        let places = PLACES
            .lines()
            .chain(REGIONS.lines())
            .chain(MACRO_REGIONS.iter().copied())
            .chain(short_forms)
            .map(name_key)
            .filter(|k| !k.is_empty())
            .collect();
        let given = GIVEN_NAMES
            .lines()
            .map(word_key)
            .filter(|k| !k.is_empty())
            .collect();
        let surnames = SURNAMES
            .lines()
            .map(word_key)
            .filter(|k| !k.is_empty())
            .collect();
        let companies = COMPANIES
            .lines()
            .map(name_key)
            .filter(|k| !k.is_empty())
            .collect();
        let common = COMMON_ENGLISH.lines().collect();
        Data {
            places,
            given,
            surnames,
            companies,
            common,
        }
    })
}

/// What loading the name lists cost.
#[derive(Debug, Clone, Copy)]
pub struct LoadReport {
    /// Time spent on this call (zero when the lists were already loaded).
    pub elapsed: Duration,
    pub places: usize,
    pub given_names: usize,
    pub surnames: usize,
    pub companies: usize,
    pub exonyms: usize,
    pub common_words: usize,
    /// Bytes of list text compiled into the program.
    pub compiled_bytes: usize,
}

/// Loads the name lists now (they load by themselves on first use) and
/// reports the cost.
pub fn load() -> LoadReport {
    let started = Instant::now();
    let d = data();
    LoadReport {
        elapsed: started.elapsed(),
        places: d.places.len(),
        given_names: d.given.len(),
        surnames: d.surnames.len(),
        companies: d.companies.len(),
        exonyms: exonyms_map().len(),
        common_words: d.common.len(),
        compiled_bytes: PLACES.len()
            + REGIONS.len()
            + GIVEN_NAMES.len()
            + SURNAMES.len()
            + COMPANIES.len()
            + EXONYMS.len()
            + COMMON_ENGLISH.len(),
    }
}

/// The GeoNames name of a place that English also writes otherwise, by
/// [`name_key`]s: `exonym("kiev")` is `Some("kyiv")`.
pub fn exonym(key: &str) -> Option<&'static str> {
    exonyms_map().get(key).map(String::as_str)
}

/// The exonyms of one word whose main name is one word too, as (key of
/// the exonym, key of the main name): what a word-by-word matcher can use.
pub fn one_word_exonyms() -> impl Iterator<Item = (&'static str, &'static str)> {
    exonyms_map()
        .iter()
        .filter(|(alt, main)| {
            !alt.contains(' ') && !main.contains(' ') && !alt.is_empty() && !main.is_empty()
        })
        .map(|(alt, main)| (alt.as_str(), main.as_str()))
}

/// Whether a name (as written, any case) names a place in the lists:
/// country, capital, city of 15,000 people or more, US state, continent or
/// large region, or a known other spelling of one.
pub fn is_place(name: &str) -> bool {
    let key = name_key(name);
    !key.is_empty() && data().places.contains(&key)
}

/// Whether a name (as written, any case) is a company of the main stock
/// indices, as the lists write it ("Apple Inc.") or as news does ("Apple",
/// "Lockheed Martin", "Ford Motor"): `data/companies.txt`.
pub fn is_company(name: &str) -> bool {
    let key = name_key(name);
    !key.is_empty() && data().companies.contains(&key)
}

/// Whether a word, lowercased, is a common English word ("analysts",
/// "whale", "rich"): capitalised at a sentence's start, it proves nothing.
pub fn is_common_english(word: &str) -> bool {
    let lower = word.to_lowercase();
    data().common.contains(lower.as_str())
}

/// Whether a word is a given name in the lists (any case, any romanisation
/// the variant rules fold together).
pub fn is_given_name(word: &str) -> bool {
    let key = word_key(word);
    !key.is_empty() && data().given.contains(&key)
}

/// Whether a word is a surname in the lists (`faker`'s per-locale last
/// names; any case, any romanisation the variant rules fold together).
pub fn is_surname(word: &str) -> bool {
    let key = word_key(word);
    !key.is_empty() && data().surnames.contains(&key)
}

fn contains_word(list: &[&str], word: &str) -> bool {
    let w = word.trim_end_matches('.');
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Words that end (or head) the name of an organisation.
#[rustfmt::skip]
const ORGANISATION_DESIGNATORS: &[&str] = &[
    "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "Companies", "Ltd",
    "Limited", "LLC", "LLP", "PLC", "GmbH", "AG", "SA", "SpA", "NV", "BV", "AB", "ASA", "Oyj", "SRL", "Srl", "SARL", "SAS",
    "KK", "Pty", "Holdings", "Group", "Associates", "Partners", "Brothers", "Industries",
    "Enterprises", "Technologies", "Systems", "Airlines", "Airways", "Motors", "Bank", "Fund",
    "Trust", "Capital", "Ventures", "Exchange", "Market", "Media", "Press", "News", "Times",
    "Post", "Journal", "Herald", "Tribune", "Gazette", "Telegraph", "Guardian", "Insider",
    "Daily", "Weekly", "Magazine", "Review", "Radio", "Television", "TV", "Broadcasting", "Party",
    "Ministry", "Department", "Office", "Agency", "Authority", "Bureau", "Administration",
    "Directorate",
    "Service", "Services", "Council", "Committee", "Commission", "Assembly", "Parliament",
    "Congress", "Senate", "Court", "Tribunal", "Government", "Cabinet", "University", "College",
    "School", "Academy", "Institute", "Institution", "Center", "Centre", "Laboratory",
    "Laboratories", "Museum", "Library", "Hospital", "Infirmary", "Clinic", "Foundation", "Association",
    "Society", "League", "Federation", "Union", "Alliance", "Coalition", "Organisation",
    "Organization", "Network", "Club", "Team", "Board", "Police", "Army", "Navy", "Forces",
    "Guard", "Corps", "Command", "Church", "Movement", "Front", "Brigade", "Brigades", "Nations",
    "Consortium", "Cooperative", "Federal", "Reserve", "State", "Endowment", "Initiative",
    "Forum", "Program", "Programme", "Studios", "Records", "Pictures", "Entertainment",
    "Communications", "Telecom", "Petroleum", "Energy", "Oil", "Gas", "Electric", "Insurance",
    "Securities", "Investments", "Stores", "Foods", "Pharmaceuticals", "Labs", "Brotherhood",
    "Embassy", "Embassies", "Consulate", "Project", "Jury", "Legislature", "Assn", "Bros", "Dept",
    // Hotels, restaurants and companies of the arts.
    "Hotel", "Hotels", "Motel", "Inn", "Lounge", "Tavern", "Restaurant", "Airline", "Orchestra", "Symphony", "Philharmonic",
    "Ballet", "Opera", "Theater", "Theatre", "Choir", "Chorus", "Quartet", "Ensemble",
    // Orders, and the designators of other languages that English copy
    // keeps ("Asociación Bienestar y Desarrollo", "Banque de France").
    "Order", "Asociación", "Associação", "Fundación", "Fundação", "Fondation",
    "Stiftung", "Instituto", "Institut", "Universidad", "Universidade", "Università",
    "Universität", "Université", "Partido", "Partito", "Parti", "Partei", "Banco", "Banca",
    "Banque", "Société", "Verein", "Ministerio", "Ministère", "Ministerium", "Compañía",
];

/// Designators that a short form may drop ("Alibaba Group" is "Alibaba").
#[rustfmt::skip]
const DROPPABLE_DESIGNATORS: &[&str] = &[
    "SRL", "Srl", "SpA", "NV", "BV", "Pty",
    "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLC",
    "PLC", "GmbH", "AG", "SA", "Group", "Holdings", "Market",
];

/// Legal suffixes that end a company's name.
#[rustfmt::skip]
const LEGAL_SUFFIXES: &[&str] = &[
    "Inc", "Incorporated", "Corp", "Ltd", "Limited", "LLC", "LLP", "PLC", "GmbH", "AG", "SA",
    "SpA", "NV", "BV", "Pty", "Oyj", "SRL", "Srl", "SARL", "SAS", "KG", "Oy", "AB",
];

/// Capitals that are units, times and the like, not names.
#[rustfmt::skip]
const UNIT_ACRONYMS: &[&str] = &[
    "BC", "BCE", "AM", "PM", "GMT", "UTC", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT",
    "PST", "PDT", "CET", "CEST", "BST", "IST", "AEST", "AEDT", "JST", "ID", "OK", "TV", "PDF",
    "URL", "FAQ", "GPS", "USB", "DIY", "LOL", "OMG", "FYI", "ASAP", "AKA", "RSVP", "PS", "NB",
    "KM", "KG", "MPH", "HD", "DNA", "RNA", "CPU", "GPU", "RAM", "GB", "MB", "TB",
    "MD", "PhD", "MBA", "BA", "MSc", "BSc", "DPhil", "JD", "RN", "Esq", "VR", "AR", "PC",
    "LLB", "LLM", "BEng", "MEng", "BCom", "MPhil", "VP", "SVP", "EVP", "AVP",
    "HDR", "IDE", "API", "SDK", "OS", "UI", "LED", "LCD", "OLED", "HDMI", "WiFi", "FAQs",
    "GHz", "MHz", "kHz", "Hz", "Mbps", "Gbps", "Kbps", "kbps", "MW", "GW", "kW", "KW", "MWh",
    // Common nouns of technology, business and health written as acronyms.
    "AI", "IT", "HR", "UX", "IP", "ISBN", "ISSN", "SSO", "OTT", "DVD", "CD", "HTML", "CSS",
    "JSON", "HTTP", "HTTPS", "SMS", "MP3", "MP4", "LAN", "WAN", "VPN", "DSL", "ISP", "IoT",
    "SaaS", "ATM", "SUV", "EV", "GDP", "CPI", "IPO", "ETF", "VAT", "PR", "MRI", "ICU", "ADHD",
    "PTSD", "IQ", "UV", "KPI", "ROI", "QA", "UFO", "TBA", "ETA", "CCTV", "NGO",
    // Currencies' codes.
    "EUR", "GBP", "JPY", "CNY", "CHF", "AUD", "CAD", "INR", "RMB", "XAU", "Rs",
];

/// Bodies named by one word that is also a designator.
const SINGLE_WORD_BODIES: &[&str] = &["Congress", "Parliament", "Senate", "Navy", "Army"];

/// Words that end the name of a place.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "Street", "St", "Road", "Avenue", "Ave", "Boulevard", "Square", "Bridge", "Tower", "Towers", "Wall",
    "Gate", "Palace", "Castle", "Terminal", "Airport", "Station", "Port", "Harbour", "Harbor",
    "River", "Lake", "Sea", "Ocean", "Gulf", "Bay", "Strait", "Straits", "Canal", "Island",
    "Islands", "Peninsula", "Coast", "Mountain", "Mountains", "Mount", "Mt", "Hill", "Hills",
    "Valley", "Desert", "Forest", "Park", "Province", "Region", "County", "District",
    "Territory", "Territories", "Republic", "Kingdom", "Emirates", "States", "Federation",
    "Oblast", "City", "Town", "Village", "Heights", "Plain", "Plains", "Basin", "Delta",
    "Falls", "Beach", "House", "Stadium", "Arena", "Prison", "Camp", "Base", "Field", "Fields",
    "Cape", "Sanctuary", "Armory", "Armoury", "Cathedral", "Cemetery", "Plaza",
    "Canyon", "Monument", "Point", "Fort", "Ft", "Hall", "Track", "Racetrack", "Raceway",
    "Speedway", "Racecourse", "Gardens", "Pier", "Dam", "Reservoir", "Ranch", "Farm",
    "Grounds", "Place", "Blvd", "Drive", "Ct", "Parkway", "Highway", "Township", "Springs",
    "Isles", "Creek", "Sound", "Isle", "Circle", "Lane", "Trail", "Pass", "Peak", "Ridge",
    "Bayou", "Inlet", "Cove", "Glacier", "Marsh", "Swamp", "Lagoon", "Reef", "Av", "Ter",
    "Terrace", "Rd", "Hwy", "Ln", "Pkwy", "Building", "Auditorium", "Coliseum",
];

/// Words that end the name of an event.
#[rustfmt::skip]
const EVENT_WORDS: &[&str] = &[
    "War", "Wars", "Summit", "Conference", "Games", "Olympics", "Cup", "Championship",
    "Championships", "Open", "Revolution", "Uprising", "Spring", "Crisis", "Election",
    "Elections", "Festival", "Massacre", "Attack", "Attacks", "Bombing", "Battle", "Treaty",
    "Accord", "Accords", "Agreement", "Pact", "Expo", "Exposition", "Exhibition", "Show",
    "Fair", "Parade", "Carnival", "Ceremony", "Marathon", "Tournament", "Rebellion",
    "Riots", "Pandemic", "Olympiad", "Convention", "Referendum", "Awards", "Depression",
    "Recession", "Famine", "Holocaust", "Genocide", "Earthquake", "Tsunami", "Crusade",
    "Crusades", "Reformation", "Renaissance", "Blitz", "Plague", "Eve",
];

/// Words that end the name of a law, a code or a document ("Affordable Care
/// Act"): named, but neither person, organisation, place nor event.
#[rustfmt::skip]
const LAW_WORDS: &[&str] = &[
    "Act", "Acts", "Amendment", "Code", "Constitution", "Charter", "Doctrine", "Directive",
    "Regulation", "Protocol", "Resolution", "Statute", "Declaration", "Manifesto", "Report",
];

/// Words that open the name of an event ("Hurricane Sandy", "Operation X").
#[rustfmt::skip]
const EVENT_PREFIXES: &[&str] = &[
    "Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical", "Operation", "Battle", "Siege",
];

/// Titles and honorifics that stand before a person's name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
    "President", "Premier", "Chancellor", "Minister", "Secretary", "Senator", "Sen", "Rep",
    "Representative", "Congressman", "Congresswoman", "Governor", "Gov", "Mayor", "Judge",
    "Justice", "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope", "Cardinal",
    "Archbishop", "Bishop", "Rabbi", "Imam", "Ayatollah", "Sheikh", "Emir", "Sultan", "Sheriff",
    "General", "Gen", "Admiral", "Adm", "Colonel", "Col", "Lieutenant", "Lt", "Major", "Maj",
    "Captain", "Capt", "Sergeant", "Sgt", "Corporal", "Cpl", "Private", "Pte", "Commander",
    "Cmdr", "Marshal", "Brigadier", "Commissioner", "Ambassador", "Envoy", "Chairman",
    "Chairwoman", "Chairperson", "Chair", "Director", "Spokesman", "Spokeswoman",
    "Spokesperson", "Chief", "CEO", "CFO", "COO", "CIO", "CTO", "CMO", "Deputy", "Vice", "Prime", "Foreign",
    "Attorney", "Solicitor", "Inspector", "Superintendent", "Supt", "Detective", "Det",
    "Constable", "Father", "Fr", "Rev", "Reverend", "Pastor", "Coach", "Councillor",
    "Councilman", "Councilwoman", "Speaker", "Leader", "Dean", "Provost", "Chancellor",
    "Treasurer", "Comptroller", "Auditor", "Registrar", "Magistrate", "Baron", "Baroness",
    "Count", "Countess", "Duke", "Duchess", "Earl", "Viscount", "Ms", "Sr", "Jr",
    // Positions of American football before a player's name ("QB Dak
    // Prescott").
    "QB", "RB", "WR", "LB",
    // Malaysian honours and the advocate's title of southern Africa.
    "Datuk", "Dato", "Datin", "Seri", "Tun", "Adv", "Advocate",
    "Messrs", "Mmes", "Mme", "Mlle", "Madame", "Mademoiselle", "Monsieur", "Herr", "Frau",
    "Senor", "Señor", "Senora", "Señora", "Signor", "Signora",
    // Plurals before two names ("Reps. Jane Roe and Al Doe").
    "Reps", "Sens", "Drs", "Govs", "Gens",
];

/// Forms of address: after one, a name is a person's ("Mrs. Nell Kennedy
/// Wall"), whatever words it holds. Matched as written, stop or none.
const FORMS_OF_ADDRESS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Dr", "Mme", "Mlle", "Messrs"];

/// The abbreviations of US states (and the District of Columbia) that
/// newspapers write after a town ("Elburn, Ill.", "Andover, N. J."): part
/// of the place before them, no name of their own. Letters only, no stops
/// or spaces.
#[rustfmt::skip]
const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Cal", "Colo", "Conn", "Del", "DC", "Fla", "Ga", "Ill",
    "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont",
    "Neb", "Nebr", "Nev", "NH", "NJ", "NM", "NY", "NC", "ND", "Okla", "Ore", "Oreg", "Pa",
    "Penn", "RI", "SC", "SD", "Tenn", "Tex", "Vt", "Va", "Wash", "WVa", "Wis", "Wisc", "Wyo",
];

/// Feasts and holidays: dates, not entities to link ("Christmas", "New
/// Year").
#[rustfmt::skip]
const HOLIDAYS: &[&str] = &[
    "Christmas", "Xmas", "Easter", "Thanksgiving", "New Year", "New Years", "Halloween",
    "Passover", "Hanukkah", "Chanukah", "Lent", "Whitsun", "Pentecost", "Advent", "Epiphany",
    "Yom Kippur", "Rosh Hashanah", "Christmas Eve", "New Year's Eve", "New Year's Day",
    "Boxing Day", "Good Friday",
];

/// Nouns for a person's role, as in "X, a spokesman for Y" or "director X".
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "director", "analyst", "professor", "head",
    "chief", "minister", "president", "secretary", "chairman", "chairwoman", "leader",
    "founder", "executive", "official", "editor", "author", "writer", "researcher", "expert",
    "economist", "scientist", "lawyer", "attorney", "adviser", "advisor", "member", "skipper",
    "priest", "owner", "manager", "governor", "senator", "mayor", "ambassador", "commander",
    "general", "colonel", "correspondent", "reporter", "journalist", "fellow", "partner",
    "strategist", "trader", "teacher", "student", "doctor", "nurse", "activist", "candidate",
    "diplomat", "envoy", "commissioner", "chancellor", "judge", "founder", "ceo", "vice",
    "deputy", "officer", "coach", "player", "actor", "actress", "singer", "artist", "elder",
    "father", "mother", "wife", "husband", "son", "daughter", "brother", "sister", "widow",
    "colleague", "aide", "staffer", "lecturer", "historian", "politician", "lawmaker",
    "legislator", "pilot", "farmer", "fisherman", "resident", "victim", "survivor",
];

/// Kin words before a lone given name that make it a person ("his wife Grace").
#[rustfmt::skip]
const KIN_WORDS: &[&str] = &[
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow",
    "partner", "girlfriend", "boyfriend", "grandson", "granddaughter", "uncle", "aunt",
    "cousin", "nephew", "niece",
];

/// Lowercase nouns that, following a capitalised name, say it names an
/// organisation ("the Islamic State group", "the Interfax news agency").
#[rustfmt::skip]
const ORGANISATION_NOUNS: &[&str] = &[
    "group", "company", "firm", "agency", "party", "tribe", "network", "chain", "foundation",
    "organisation", "organization", "bank", "union", "council", "newspaper", "magazine",
    "channel", "brand", "league", "club", "team", "band", "movement", "faction", "militia",
    "retailer", "airline", "carrier", "broadcaster", "startup", "conglomerate", "insurer",
    "lender", "publisher", "studio", "label", "charity", "institute", "outlet", "subsidiary",
    "website", "app", "service", "platform", "board", "committee", "ministry", "army",
    "coalition", "alliance", "campaign", "journal", "police", "hospital", "university",
    "school", "college", "museum", "church", "council", "shareholders", "executives", "employees",
    "stock", "shares",
];

/// Lowercase nouns that, following a capitalised name, say it names a place
/// ("the Tuva region", "his Pataua farm").
#[rustfmt::skip]
const PLACE_NOUNS: &[&str] = &[
    "region", "province", "state", "county", "district", "city", "town", "village", "area",
    "farm", "coast", "valley", "island", "border", "capital", "suburb", "neighbourhood",
    "neighborhood", "peninsula", "river", "port", "airport", "basin", "oblast", "prefecture",
    "municipality", "countryside", "enclave", "territory", "harbour", "harbor",
];

/// Lowercase words before a place ("eastern Northland").
#[rustfmt::skip]
const PLACE_MODIFIERS: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "downtown", "rural",
    "remote", "coastal", "neighbouring", "neighboring",
];

/// Prepositions before a place ("in Harare", "near Kyzyl").
#[rustfmt::skip]
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "near", "across", "outside", "inside", "throughout", "around", "towards", "toward",
    "via",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
];

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Words that often open an English sentence (or stand capitalised in a
/// heading) without naming anything.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "so", "yet", "for", "of", "in", "on", "at",
    "to", "from", "with", "by", "as", "into", "onto", "upon", "about", "after", "before",
    "while", "during", "since", "until", "though", "although", "because", "if", "unless",
    "when", "whenever", "where", "wherever", "why", "how", "what", "which", "who", "whom",
    "whose", "that", "this", "these", "those", "there", "here", "then", "now", "today",
    "yesterday", "tomorrow", "tonight", "also", "still", "even", "just", "only", "however",
    "moreover", "meanwhile", "furthermore", "nevertheless", "nonetheless", "therefore", "thus",
    "hence", "instead", "besides", "finally", "first", "firstly", "secondly", "last", "lastly",
    "next", "later", "earlier", "already", "again", "perhaps", "maybe", "probably", "indeed",
    "accordingly", "otherwise", "likewise", "similarly", "overall", "initially", "eventually",
    "ultimately", "currently", "recently", "some", "many", "most", "much", "more", "all",
    "both", "each", "every", "few", "several", "any", "no", "none", "not", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "another", "other",
    "others", "such", "same", "it", "its", "he", "she", "they", "we", "you", "i", "me", "him",
    "her", "them", "us", "his", "hers", "their", "our", "your", "my", "mine", "is", "are",
    "was", "were", "be", "been", "being", "am", "will", "would", "can", "could", "may", "might",
    "should", "must", "shall", "do", "does", "did", "have", "has", "had", "let", "yes", "under",
    "over", "above", "below", "between", "among", "against", "without", "within", "through",
    "across", "along", "behind", "beyond", "like", "unlike", "despite", "according", "per",
    "via", "near", "off", "out", "up", "down", "please", "read", "related", "see", "watch",
    "follow", "click", "share", "subscribe", "advertisement", "image", "photo", "video",
    "credit", "source", "update", "updated", "breaking", "exclusive", "opinion", "analysis",
    "editorial", "comment", "highlights", "continue", "sign", "share", "more", "live", "top",
    "latest", "whether", "once", "whatever", "whoever", "everyone", "everything", "nothing",
    "someone", "something", "anyone", "anything", "nobody", "somebody", "very", "too", "well",
    "oh", "ok", "okay", "thanks", "thank", "dear", "hi", "hello", "note", "notes", "mr", "mrs",
    "ms", "dr",
];

/// Words that mark a direction or a bloc, not a name, on their own.
#[rustfmt::skip]
const DIRECTION_WORDS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
    "Upper", "Lower", "Greater", "Inner", "Outer", "New", "Old",
    // Compass points of addresses ("1200 NW Flanders").
    "NE", "NW", "SE", "SW", "NNE", "ENE", "ESE", "SSE", "SSW", "WSW", "WNW", "NNW",
];

/// Adjectives of religion or people with no place of their own in the lists.
#[rustfmt::skip]
const GROUP_ADJECTIVES: &[&str] = &[
    "Muslim", "Muslims", "Christian", "Christians", "Catholic", "Catholics", "Protestant",
    "Jewish", "Jew", "Jews", "Islamic", "Islamist", "Islamists", "Hindu", "Hindus", "Buddhist",
    "Sikh", "Sunni", "Sunnis", "Shia", "Shiite", "Shiites", "Orthodox", "Arab", "Arabs",
    "Kurdish", "Kurds", "Latino", "Hispanic", "Black", "White", "Asian", "Soviet", "Communist",
    "Democrat", "Democrats", "Republican", "Republicans", "Conservative", "Conservatives",
    "Labour", "Liberal", "Liberals", "Socialist", "Socialists", "Nazi", "Nazis", "Western",
    "Eastern", "British", "English", "Scottish", "Welsh", "Irish", "French", "Dutch", "Swiss",
    "Greek", "Thai", "Filipino", "Spanish", "Danish", "Swedish", "Finnish", "Polish", "Turkish",
    "Portuguese", "Norwegian", "Argentine", "Saudi", "Emirati", "Afghan", "Uzbek", "Kazakh",
    "Tajik", "Kyrgyz", "Turkmen", "Czech", "Slovak", "Croat", "Serb", "Persian", "Peruvian",
    "Belgian", "Brazilian", "Canadian", "Mexican", "Yemeni", "Congolese", "Malagasy",
    "Icelandic", "Burmese", "Scot", "Scots", "Brit", "Brits", "Aboriginal", "Indigenous",
    "Palestinian", "Palestinians", "Copts", "Coptic", "Democratic",
];

/// Common abbreviations that end with a full stop which ends no sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Co", "Inc", "Corp", "Ltd", "Gen", "Lt",
    "Col", "Sgt", "Capt", "Maj", "Rev", "Sen", "Rep", "Gov", "Adm", "Cmdr", "Mt", "Ft", "No",
    "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Ave", "Det", "Supt", "Fr", "Bros", "Dept", "Univ", "Assn", "Pte", "Cpl", "Messrs",
    "Mmes", "Mme", "Mlle", "Ft", "Reps", "Sens", "Drs", "Govs", "Gens",
    // States after a town ("Salem, Mass."); see STATE_ABBREVIATIONS.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ill", "Kan", "Kans", "Mass",
    "Mich", "Minn", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Oreg", "Tenn", "Tex", "Wis",
    "Wisc", "Wyo",
];

/// Country short forms (2–4 capitals) that name places, not organisations.
#[rustfmt::skip]
const COUNTRY_ABBREVIATIONS: &[&str] = &[
    "US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "GB", "NZ", "RSA",
];

/// Particles inside people's names ("Osama bin Laden", "Ursula von der Leyen").
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "del", "della", "dos", "das", "du", "van", "von", "der", "den", "ter",
    "ten", "bin", "ibn", "bint", "al", "el", "le", "la", "zu", "af", "ben", "abu",
];

/// Whether a word ends or heads an organisation's name ("Inc", "Ministry").
pub fn is_organisation_designator(word: &str) -> bool {
    if contains_word(ORGANISATION_DESIGNATORS, word) {
        return true;
    }
    // The plural of a body's designator: a federation of such bodies
    // ("Boys Clubs of America", "Assemblies of God", "Tuberculosis and
    // Cancer Associations"), not a plain plural ("Smart Projects").
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return contains_word(PLURAL_BODIES, &format!("{stem}y"));
    }
    word.strip_suffix('s')
        .filter(|s| s.len() >= 3 && !s.ends_with('s'))
        .is_some_and(|s| contains_word(PLURAL_BODIES, s))
}

/// Designators of bodies whose plural names a federation of them.
const PLURAL_BODIES: &[&str] = &[
    "Club",
    "Association",
    "Assembly",
    "Society",
    "League",
    "Union",
    "Council",
    "Committee",
    "Church",
    "Federation",
    "Brotherhood",
];

/// Whether a word is the designator of a body ("League", "Club"), whose
/// plural names a federation of them.
pub fn is_body_designator(word: &str) -> bool {
    contains_word(PLURAL_BODIES, word)
}

/// Whether a short form may drop this designator ("Alibaba Group" → "Alibaba").
pub fn is_droppable_designator(word: &str) -> bool {
    contains_word(DROPPABLE_DESIGNATORS, word)
}

/// Whether a word is a legal suffix of a company's name ("Inc", "GmbH").
pub fn is_legal_suffix(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    LEGAL_SUFFIXES.contains(&w)
}

/// Whether capitals are a unit, a time or the like ("PM", "GMT", "ID").
pub fn is_unit_acronym(word: &str) -> bool {
    let w: String = word.chars().filter(|c| *c != '.').collect();
    UNIT_ACRONYMS.contains(&w.as_str()) || is_period_code(&w)
}

/// A quarter or half of a year as companies write it ("Q1", "H2", "FY2002",
/// "Q3FY02"): a period, no name.
fn is_period_code(w: &str) -> bool {
    let (head, rest) = w.split_at(w.find(|c: char| c.is_ascii_digit()).unwrap_or(w.len()));
    match head {
        "Q" => matches!(rest, "1" | "2" | "3" | "4"),
        "H" => matches!(rest, "1" | "2"),
        "FY" => (2..=4).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether a word has the shape of a company's coined name
/// ("Microsystems", "Microsoft", "Medtronic", "Informatics"): a word of
/// technology's morphemes run together.
pub fn has_company_shape(word: &str) -> bool {
    const ENDS: &[&str] = &[
        "systems", "soft", "tech", "ware", "works", "tronic", "tronics", "onics", "matics",
        "media", "labs", "logic", "data", "dyne", "comm", "telecom", "pharma",
    ];
    let lower = word.to_lowercase();
    lower.chars().all(char::is_alphabetic)
        && ENDS
            .iter()
            .any(|e| lower.len() >= e.len() + 3 && lower.ends_with(e))
        && !is_given_name(word)
        && !is_surname(word)
}

/// Whether a lone capitalised designator names a body ("Congress").
pub fn is_single_word_body(word: &str) -> bool {
    contains_word(SINGLE_WORD_BODIES, word)
}

/// Whether a word ends the name of a place ("River", "Street", "Airport").
pub fn is_place_word(word: &str) -> bool {
    contains_word(PLACE_WORDS, word)
}

/// Whether a word ends the name of a law or document ("Act", "Code").
pub fn is_law_word(word: &str) -> bool {
    contains_word(LAW_WORDS, word)
}

/// Whether a word opens the name of an event ("Hurricane", "Operation").
pub fn is_event_prefix(word: &str) -> bool {
    contains_word(EVENT_PREFIXES, word)
}

/// Whether a word ends the name of an event ("War", "Summit", "Olympics").
pub fn is_event_word(word: &str) -> bool {
    contains_word(EVENT_WORDS, word)
}

/// Whether a word is a form of address ("Mr.", "Mrs", "Dr.", "Mme").
pub fn is_form_of_address(word: &str) -> bool {
    FORMS_OF_ADDRESS.contains(&word.trim_end_matches('.'))
}

/// Whether a word is a title or honorific before a name ("Mr", "President").
/// Hyphenated titles count by any part ("Attorney-General").
pub fn is_title(word: &str) -> bool {
    let designate = word.split_once('-').is_some_and(|(head, tail)| {
        matches!(tail, "elect" | "designate" | "in-chief" | "general")
            && contains_word(TITLES, head)
    });
    designate
        || contains_word(TITLES, word)
        || (word.contains('-') && word.split('-').all(|p| contains_word(TITLES, p)))
}

/// The last words of the names of papers, agencies and magazines, whose
/// names include their "The" ("The New York Times", "The Associated
/// Press").
#[rustfmt::skip]
const PUBLICATION_WORDS: &[&str] = &[
    "Press", "News", "Times", "Post", "Journal", "Herald", "Tribune", "Gazette", "Telegraph",
    "Guardian", "Chronicle", "Examiner", "Observer", "Economist", "Independent", "Mail",
    "Mirror", "Express", "Standard", "Inquirer", "Courier", "Register", "Dispatch", "Sentinel",
    "Star", "Sun", "Globe", "Bulletin", "Review", "Monitor", "Magazine",
];

/// Whether a word ends the name of a paper, agency or magazine ("Times",
/// "Press").
pub fn is_publication_word(word: &str) -> bool {
    contains_word(PUBLICATION_WORDS, word)
}

/// Words that make a title of two with the title after them ("Press
/// Secretary", "Majority Leader", "Health Minister", "Managing Director"):
/// the kind of office or the portfolio, general English.
#[rustfmt::skip]
const TITLE_MODIFIERS: &[&str] = &[
    "Press", "Majority", "Minority", "Assistant", "Associate", "Acting", "Interim", "Senior",
    "Executive", "Managing", "Operating", "Financial", "Technology", "Marketing",
    "Communications", "Policy", "Defense", "Defence", "Finance", "Health", "Interior", "Home",
    "Trade", "Education", "Energy", "Labor", "Labour", "Transport", "Transportation",
    "Agriculture", "Commerce", "Treasury", "Economy", "Environment", "Culture", "Justice",
];

/// Whether a word makes a title of two with the title after it ("Press"
/// of "Press Secretary").
pub fn is_title_modifier(word: &str) -> bool {
    contains_word(TITLE_MODIFIERS, word)
}

/// Whether a lowercase word names a person's role ("spokesman", "director").
pub fn is_role_noun(word: &str) -> bool {
    contains_word(ROLE_NOUNS, word)
}

/// Whether a lowercase word names kin ("wife", "son").
pub fn is_kin_word(word: &str) -> bool {
    contains_word(KIN_WORDS, word)
}

/// Whether a lowercase word after a name says it is an organisation ("group").
pub fn is_organisation_noun(word: &str) -> bool {
    contains_word(ORGANISATION_NOUNS, word)
}

/// Whether a lowercase word after a name says it is a place ("region").
pub fn is_place_noun(word: &str) -> bool {
    PLACE_NOUNS.contains(&word)
}

/// Whether a lowercase word before a name says it is a place ("eastern").
pub fn is_place_modifier(word: &str) -> bool {
    PLACE_MODIFIERS.contains(&word)
}

/// Whether a lowercase word before a name says it is a place ("in", "near").
pub fn is_place_preposition(word: &str) -> bool {
    PLACE_PREPOSITIONS.contains(&word)
}

/// Whether a word is a month or its abbreviation.
pub fn is_month(word: &str) -> bool {
    contains_word(MONTHS, word)
}

/// Whether a word is a weekday or its abbreviation.
pub fn is_weekday(word: &str) -> bool {
    contains_word(WEEKDAYS, word)
        // "on Mondays".
        || word
            .strip_suffix('s')
            .is_some_and(|w| w.ends_with("day") && contains_word(WEEKDAYS, w))
}

/// Whether a word is a common word that opens sentences without naming
/// anything ("The", "However", "After").
pub fn is_common_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let shouted = letters >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    !shouted && contains_word(COMMON_WORDS, word)
}

/// Whether a word is a direction or the like ("North", "Western").
pub fn is_direction_word(word: &str) -> bool {
    contains_word(DIRECTION_WORDS, word)
}

/// Whether a word is an adjective or noun of religion, party or people
/// ("Muslim", "Soviet", "Republican").
pub fn is_group_adjective(word: &str) -> bool {
    contains_word(GROUP_ADJECTIVES, word)
}

/// Whether a word, with its full stop, is an abbreviation whose stop ends no
/// sentence ("Mr.", "Inc.", "Feb.").
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Whether a word or words, stops and spaces aside, are the abbreviation of
/// a US state as written after a town ("Mass.", "N. J.", "D.C.").
pub fn is_state_abbreviation(text: &str) -> bool {
    if !text.contains('.') {
        return false;
    }
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    STATE_ABBREVIATIONS.contains(&letters.as_str())
}

/// US states' and the capital's postal codes that are no English word
/// ("DC traffic", "Raleigh, NC"); "IN", "OR", "ME", "OK", "HI" are left out.
const POSTAL_CODES: &[&str] = &[
    "DC", "NY", "NJ", "CA", "LA", "TX", "FL", "NC", "SC", "VA", "WA", "MI", "MN", "WI", "IL", "AZ",
    "NV", "NM", "CT", "RI", "NH", "VT", "KY", "TN", "KS", "SD", "ND", "WV", "AK", "PA", "MO", "IA",
    "WY",
];

/// Whether a word is the postal code of a US state or of Washington, DC.
pub fn is_postal_code(word: &str) -> bool {
    POSTAL_CODES.contains(&word)
}

/// Whether a name is a feast or holiday ("Christmas", "New Year's Eve").
pub fn is_holiday(name: &str) -> bool {
    let key = name_key(name);
    HOLIDAYS.iter().any(|h| name_key(h) == key)
}

/// Whether capitals (with or without stops) name a country ("US", "U.K.").
pub fn is_country_abbreviation(word: &str) -> bool {
    let letters: String = word.chars().filter(char::is_ascii_alphabetic).collect();
    COUNTRY_ABBREVIATIONS.contains(&letters.as_str())
}

/// Whether a lone word unknown to the lists has the shape of a surname:
/// a Gaelic prefix ("McCloy", "MacLeod", "O'Hara") or a surname ending of
/// Slavic, Georgian, Armenian or Nordic names ("-ov", "-enko", "-vich",
/// "-shvili", "-yan", "-sson"). Places and common words are not.
pub fn has_surname_shape(word: &str) -> bool {
    let w = word.trim_end_matches(['\'', '’']);
    if w.chars().count() < 4 || is_place(w) || is_common_english(w) || is_demonym(w) {
        return false;
    }
    let mut cs = w.chars();
    let gaelic = |prefix: &str| {
        w.strip_prefix(prefix)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    };
    if gaelic("Mc") || gaelic("Mac") || gaelic("O'") || gaelic("O’") {
        return true;
    }
    if !cs.next().is_some_and(char::is_uppercase) || !cs.all(char::is_lowercase) {
        return false;
    }
    let lower = w.to_lowercase();
    [
        "ov", "ova", "ev", "eva", "yov", "sky", "skiy", "skyi", "ski", "enko", "chuk", "vich",
        "shvili", "dze", "yan", "sson", "czyk", "wicz",
    ]
    .iter()
    .any(|x| lower.ends_with(x))
}

/// English pet forms of given names and the names they stand for ("Jack"
/// for John, "Bill" for William): general knowledge, not a list of anyone's
/// names. Used only to join two spellings of one person's name inside one
/// text ("Jack Kennedy" and "John F. Kennedy"), never for keys across texts.
#[rustfmt::skip]
const PET_FORMS: &[(&str, &[&str])] = &[
    ("John", &["Jack", "Johnny", "Jackie"]),
    ("William", &["Bill", "Billy", "Will", "Willie", "Willy"]),
    ("Robert", &["Bob", "Bobby", "Rob", "Robbie", "Bert"]),
    ("Richard", &["Dick", "Rick", "Ricky", "Rich"]),
    ("James", &["Jim", "Jimmy", "Jimmie", "Jamie"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Edward", &["Ed", "Eddie", "Ted", "Teddy", "Ned"]),
    ("Michael", &["Mike", "Mickey", "Mick"]),
    ("David", &["Dave", "Davey"]),
    ("Daniel", &["Dan", "Danny"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Anthony", &["Tony"]),
    ("Charles", &["Charlie", "Chuck", "Chas"]),
    ("Henry", &["Hank", "Harry"]),
    ("Harold", &["Hal", "Harry"]),
    ("Lawrence", &["Larry"]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Stephen", &["Steve"]),
    ("Steven", &["Steve"]),
    ("Samuel", &["Sam", "Sammy"]),
    ("Benjamin", &["Ben", "Benny"]),
    ("Frederick", &["Fred", "Freddie"]),
    ("Albert", &["Al", "Bert"]),
    ("Alfred", &["Al", "Alf", "Fred"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Nicholas", &["Nick", "Nicky"]),
    ("Peter", &["Pete"]),
    ("Ronald", &["Ron", "Ronnie"]),
    ("Donald", &["Don", "Donnie"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Gerald", &["Jerry", "Gerry"]),
    ("Walter", &["Walt"]),
    ("Eugene", &["Gene"]),
    ("Leonard", &["Len", "Lenny"]),
    ("Raymond", &["Ray"]),
    ("Timothy", &["Tim"]),
    ("Gregory", &["Greg"]),
    ("Douglas", &["Doug"]),
    ("Matthew", &["Matt"]),
    ("Christopher", &["Chris"]),
    ("Elizabeth", &["Liz", "Beth", "Betty", "Betsy", "Libby"]),
    ("Margaret", &["Peggy", "Maggie", "Meg"]),
    ("Katherine", &["Kate", "Kathy", "Katie"]),
    ("Catherine", &["Kate", "Cathy", "Katie"]),
    ("Susan", &["Sue", "Susie"]),
    ("Jennifer", &["Jenny", "Jen"]),
    ("Patricia", &["Pat", "Patty", "Trish"]),
    ("Rebecca", &["Becky"]),
    ("Deborah", &["Debbie", "Deb"]),
];

/// Whether two given names can name one person: the same name, or one a
/// pet form of the other ("Jack" and "John", "Bill" and "William").
pub fn same_given_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    PET_FORMS.iter().any(|(full, pets)| {
        let is = |x: &str| {
            x.eq_ignore_ascii_case(full) || pets.iter().any(|p| p.eq_ignore_ascii_case(x))
        };
        (a.eq_ignore_ascii_case(full) || b.eq_ignore_ascii_case(full)) && is(a) && is(b)
    })
}

/// Whether a word is a generational suffix after a person's name ("Jr.",
/// "Sr.", "III", "2d").
pub fn is_generational_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches(['.', ',']),
        "Jr" | "Sr" | "II" | "III" | "IV" | "2d" | "3d" | "2nd" | "3rd"
    )
}

/// Whether a lowercase word is a particle inside a person's name ("bin").
pub fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
}

/// Whether a word is the adjective or noun of a people whose place is in the
/// lists ("Tunisian" from Tunisia, "Sudanese" from Sudan, "Israeli" from
/// Israel, "Zimbabwean" from Zimbabwe), or a religion's or bloc's.
pub fn is_demonym(word: &str) -> bool {
    if is_group_adjective(word) {
        return true;
    }
    let key = word
        .split_whitespace()
        .map(|w| crate::variants::fold(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let stem_of = |suffix: &str| key.strip_suffix(suffix).filter(|s| s.len() >= 4);
    let d = data();
    let is = |s: &str| d.places.contains(s) || d.places.contains(&word_key(s));
    // "Tehran", "Oran": a known place's own name is no people's adjective
    // of a smaller place ("Tehra").
    if is(word) {
        return false;
    }
    for suffix in [
        "ns", "n", "ans", "an", "ians", "ian", "ese", "is", "i", "ish", "ers", "er",
    ] {
        if let Some(stem) = stem_of(suffix) {
            // "Londoner", "Icelanders": "-er" follows the place's whole
            // name; "Palmer" is no one from Palma.
            if matches!(suffix, "er" | "ers") {
                if is(stem) {
                    return true;
                }
                continue;
            }
            if is(stem)
                || is(&format!("{stem}a"))
                || is(&format!("{stem}e"))
                || is(&format!("{stem}y"))
                || stem.strip_suffix('i').is_some_and(|s| is(&format!("{s}y")))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let report = load();
        eprintln!(
            "name lists: {} places, {} given names, {} surnames, {} companies, {} exonyms, {} common words from {} compiled bytes, loaded in {:?}",
            report.places,
            report.given_names,
            report.surnames,
            report.companies,
            report.exonyms,
            report.common_words,
            report.compiled_bytes,
            report.elapsed
        );
        assert!(report.places > 20_000);
        assert!(report.given_names > 20_000);
        assert!(report.surnames > 10_000);
        assert!(report.companies > 2_000);
        // Companies as the lists write them and as news does.
        assert!(is_company("Lockheed Martin") && is_company("Apple Inc.") && is_company("Sony"));
        assert!(is_company("Ford Motor") && !is_company("General"));
        assert!(!is_company("Zimbabwe"));
        assert!(report.compiled_bytes < 4 << 20);
        assert!(is_place("Zimbabwe"));
        assert!(is_place("Kiev"));
        assert!(is_place("New Zealand"));
        // First-level divisions (country-region-data): states of India,
        // Scottish council areas; a region that is also a given name is
        // left out.
        assert!(is_place("Assam") && is_place("Fife") && is_place("Aberdeenshire"));
        assert!(!is_place("Angus"));
        assert!(is_given_name("Aleksei"));
        assert!(is_given_name("Muhammad"));
        assert!(!is_place("Analysts"));
        assert!(!is_given_name("Reuters"));
        assert!(is_demonym("Tunisian"));
        assert!(is_demonym("Sudanese"));
        assert!(is_demonym("Israeli"));
        assert!(!is_demonym("Verizon"));
        assert!(is_title("Attorney-General"));
    }
}
