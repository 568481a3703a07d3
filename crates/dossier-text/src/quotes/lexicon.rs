//! The general word lists the quote finder reads: speech verbs (English,
//! with the commonest French, Spanish, German and Czech ones), titles, role
//! nouns, and the small words that bound a clause. None is fitted to an
//! article: they are the words any news story uses to report speech.

/// Verbs (and multi-word cues) that report speech or a stated view, in the
/// forms news prose uses. Matched case-insensitively, word by word.
pub const SPEECH_CUES: &[&str] = &[
    // English
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding",
    "noted", "notes", "noting", "stressed", "stresses", "stressing", "warned", "warns", "warning",
    "argued", "argues", "arguing", "explained", "explains", "explaining", "claimed", "claims",
    "claiming", "insisted", "insists", "insisting", "comments", "commented", "continued",
    "continues", "asked", "asks", "replied", "replies", "responded", "wrote", "writes", "announced",
    "announces", "declared", "declares", "believes", "believed", "thinks", "thought", "admitted",
    "admits", "acknowledged", "acknowledges", "confirmed", "confirms", "reported", "reports",
    "revealed", "reveals", "disclosed", "divulged", "vowed", "vows", "pledged", "promised",
    "emphasised", "emphasized", "emphasises", "emphasizes", "maintained", "maintains",
    "contended", "asserted", "alleged", "observed", "remarked", "conceded", "predicted",
    "recalled", "mentioned", "testified", "complained", "concluded", "suggested", "agreed",
    "denied", "tweeted", "posted", "according to", "pointed out", "points out", "went on",
    "cautioned", "urged", "estimated", "stated", "states", "announcing", "declaring",
    "explains", "recounted", "answered", "joked", "conceded", "hinted", "indicated",
    // French
    "a déclaré", "a dit", "a ajouté", "a affirmé", "a expliqué", "a précisé", "a indiqué",
    "a souligné", "a estimé", "a assuré", "a confié", "a annoncé", "a averti", "déclare", "dit",
    "ajoute", "affirme", "explique", "précise", "indique", "souligne", "estime", "assure",
    "selon", "d'après", "d’après",
    // Spanish and Portuguese
    "dijo", "afirmó", "explicó", "declaró", "añadió", "agregó", "aseguró", "señaló", "indicó",
    "sostuvo", "según", "disse", "afirmou", "segundo",
    // German
    "sagte", "sagt", "erklärte", "betonte", "meinte", "laut",
    // Czech
    "řekl", "řekla", "říká", "uvedl", "uvedla", "dodal", "dodala", "dodává", "napsal", "napsala",
    "píše", "tvrdí", "prohlásil", "prohlásila", "zdůraznil", "zdůraznila", "zdůrazňuje",
    "hodnotí", "přidává se", "míní",
];

/// Cues that introduce their source rather than follow it ("according to X, …").
pub const SOURCE_CUES: &[&str] =
    &["according to", "selon", "d'après", "d’après", "según", "segundo", "laut"];

/// Cues that take a noun phrase as object as readily as a clause: they report
/// speech only with "that" (or a pronoun subject) after them.
pub const NEEDS_THAT: &[&str] = &[
    "announced", "announces", "announcing", "declared", "declares", "declaring", "confirmed",
    "confirms", "revealed", "reveals", "reported", "reports", "acknowledged", "acknowledges",
    "admitted", "admits", "claimed", "claims", "noted", "notes", "stressed", "stresses",
    "warned", "warns", "wrote", "writes", "explained", "explains", "asked", "asks", "posted",
    "tweeted", "mentioned", "recalled", "urged", "denied", "stated", "observed", "remarked",
    "estimated", "indicated", "hinted", "answered", "responded", "replied", "continued",
    "continues", "went on", "comments", "commented", "agreed", "suggested", "pledged",
    "promised", "disclosed", "divulged", "predicted", "complained", "testified", "joked",
    "recounted", "cautioned", "tell", "telling", "tells", "told",
];

/// Words that stand for a person or body named earlier.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who", "il", "elle", "er", "sie"];

/// Titles written before a person's name.
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "senator", "sen", "gov",
    "governor", "minister", "chancellor", "general", "gen", "judge", "rep", "secretary",
    "ambassador", "mayor", "pope", "king", "queen", "prince", "princess", "sir", "lord", "lady",
    "rev", "coach", "premier", "commissioner", "chief", "inspector", "director", "chairman",
    "leader", "spokesman", "spokeswoman", "captain", "capt", "lt", "col", "sgt", "justice",
    "monsieur", "madame", "señor", "herr", "frau", "pan", "paní",
];

/// Nouns naming a person by role: "the minister said" may stand for the last
/// person named before it.
pub const ROLE_NOUNS: &[&str] = &[
    "president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "expert",
    "scientist", "analyst", "economist", "professor", "researcher", "politician", "diplomat",
    "lawmaker", "leader", "ambassador", "secretary", "general", "judge", "author", "writer", "ceo",
    "chairman", "chairwoman", "director", "manager", "coach", "player", "actor", "actress",
    "singer", "veteran", "mother", "father", "woman", "man", "photographer", "official",
    "spokesman", "spokeswoman", "spokesperson", "head", "founder", "executive", "adviser",
    "advisor", "lawyer", "attorney", "commissioner", "inspector", "editor", "fellow", "member",
    "chief", "star", "striker", "correspondent", "reporter", "activist", "candidate", "prosecutor",
    "officer", "doctor", "historian", "columnist",
];

/// Role nouns that "the …" resolves to the last person named; the others
/// (official, spokesman, source…) usually bring in someone new.
pub const RESOLVING_ROLES: &[&str] = &[
    "president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "expert",
    "scientist", "analyst", "economist", "professor", "researcher", "politician", "diplomat",
    "lawmaker", "leader", "ambassador", "judge", "author", "writer", "ceo", "chairman",
    "chairwoman", "director", "manager", "coach", "player", "actor", "actress", "singer",
    "veteran", "mother", "father", "photographer", "founder", "historian", "columnist",
];

/// Words naming bodies rather than people, for "it said".
pub const ORGANISATION_WORDS: &[&str] = &[
    "agency", "council", "ministry", "department", "police", "committee", "commission", "office",
    "court", "party", "government", "company", "corporation", "bank", "university", "institute",
    "center", "centre", "association", "union", "authority", "board", "service", "group",
    "foundation", "organisation", "organization", "inc", "ltd", "news", "times", "post", "press",
    "network", "house", "administration", "army", "navy", "force", "forces", "federation",
];

/// Words that end the subject of a speech verb when read backwards.
pub const CLAUSE_BOUNDARIES: &[&str] = &[
    "and", "but", "that", "as", "while", "when", "because", "after", "before", "if", "though",
    "although", "since", "where", "whereas", "so", "then", "et", "mais", "pero", "ale",
];

/// Auxiliaries and adverbs that stand between a subject and its speech verb.
pub const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "has", "have", "had", "also", "later", "previously", "then", "again", "repeatedly", "strongly",
    "is", "was", "were", "are", "will", "would", "could", "has", "once", "recently", "earlier",
    "often", "always", "never", "further", "publicly", "privately", "reportedly", "allegedly",
    "already", "just", "firmly", "clearly", "frequently", "has", "been", "did", "does", "do",
];

/// Words that may follow a speech verb before what was said ("said on
/// Thursday that", "told reporters in a statement that").
pub const AFTER_VERB_ADVERBIALS: &[&str] = &[
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "late",
    "early", "yesterday", "today", "tonight", "earlier", "later", "last", "this", "week", "month",
    "year", "also", "previously", "recently", "in", "a", "an", "statement", "interview", "his",
    "her", "their", "its", "speech", "letter", "on", "twitter", "friday's", "then", "again",
    "again,", "privately", "publicly", "repeatedly", "morning", "evening", "afternoon", "night",
];

/// Words that can open a reported clause right after a speech verb.
pub const CLAUSE_STARTERS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "there", "this", "these", "those", "the", "a",
    "an", "his", "her", "its", "their", "our", "my", "your", "some", "many", "no", "all", "most",
    "any", "every", "each", "both", "several", "few", "one", "two", "three", "more", "much",
    "nothing", "nobody", "everyone", "everything", "something", "someone", "none", "such",
    "if", "whether", "what", "how", "why", "when", "where", "only", "even", "not",
];

/// Determiners and possessives that open a description ("a spokeswoman").
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "one", "some", "many",
    "several", "two", "three", "other", "another", "le", "la", "les", "un", "une", "el", "los",
    "las", "der", "die", "das",
];

/// Prepositions that end a speaker's name ("Jane Doe of the Foo Institute").
pub const PREPOSITIONS: &[&str] = &[
    "of", "at", "for", "from", "with", "in", "on", "to", "by", "de", "du", "des", "del", "von",
];

/// Abbreviations after which a full stop does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
    "sgt", "capt", "mt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "rev", "messrs", "mme", "mlle",
];
