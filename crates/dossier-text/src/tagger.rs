//! A trained filter over the suggester's candidates: two averaged
//! perceptrons, one that keeps or drops a candidate, one that chooses its
//! kind, over features of the rules' evidence and the context (never the
//! candidate's own words, which would memorise the training names).
//!
//! The rules of [`crate::suggest`] find the spans and group them; each
//! final candidate gets features ([`crate::suggest`] computes them) and the
//! model, read from `names_model.txt` (compiled in), drops a candidate whose
//! keep score is under the file's threshold and overrides the rules' kind
//! only when its own choice wins by the file's margin.
//!
//! The weights are made by `make train-names` (`cargo run -p dossier-text
//! --release --example train_names`): a fixed number of epochs over the
//! hand-written gold of the development sets in a fixed, seeded order, so
//! the same data gives the same file byte for byte. [`train`] is that
//! training; [`score_doc`] the eval's scoring, shared with the example.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::suggest::Kind;
use crate::variants::name_key;

/// The shipped weights.
pub const MODEL_TEXT: &str = include_str!("names_model.txt");

/// The kinds the kind perceptron chooses among, in the file's order.
pub const KINDS: [Kind; 5] = [
    Kind::Person,
    Kind::Organisation,
    Kind::Place,
    Kind::Event,
    Kind::Other,
];

fn kind_index(k: Kind) -> usize {
    KINDS.iter().position(|&x| x == k).unwrap_or(4)
}

/// Weights of both perceptrons, by feature: `[keep, person, organisation,
/// place, event, other]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub weights: HashMap<String, [f64; 6]>,
    /// A candidate is dropped when its keep score is under this.
    pub threshold: f64,
    /// The model's kind replaces the rules' only when its score beats the
    /// rules' kind's score by more than this.
    pub kind_margin: f64,
}

/// What the model says of one candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub keep_score: f64,
    pub keep: bool,
    pub kind: Kind,
}

impl Model {
    /// Reads the text format `train_names` writes: `threshold`, `kind_margin`
    /// lines and one `w` line per feature with its six weights.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::default();
        let mut seen = (false, false);
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.parse::<f64>()
                    .map_err(|e| format!("line {}: {s:?} is no number: {e}", n + 1))
            };
            match cols[..] {
                ["threshold", v] => {
                    m.threshold = num(v)?;
                    seen.0 = true;
                }
                ["kind_margin", v] => {
                    m.kind_margin = num(v)?;
                    seen.1 = true;
                }
                ["w", feature, a, b, c, d, e, f] => {
                    let w = [num(a)?, num(b)?, num(c)?, num(d)?, num(e)?, num(f)?];
                    if m.weights.insert(feature.to_string(), w).is_some() {
                        return Err(format!("line {}: feature {feature:?} twice", n + 1));
                    }
                }
                _ => return Err(format!("line {}: not a model line: {line:?}", n + 1)),
            }
        }
        if !(seen.0 && seen.1) {
            return Err("threshold or kind_margin missing".to_string());
        }
        Ok(m)
    }

    /// The text `parse` reads; features sorted, weights to 4 decimals.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("threshold\t{:.4}\n", self.threshold));
        out.push_str(&format!("kind_margin\t{:.4}\n", self.kind_margin));
        let mut names: Vec<&String> = self.weights.keys().collect();
        names.sort();
        for f in names {
            let w = self.weights[f];
            if w.iter().all(|x| x.abs() < 0.00005) {
                continue;
            }
            out.push_str(&format!("w\t{f}"));
            for x in w {
                out.push_str(&format!("\t{}", fmt4(x)));
            }
            out.push('\n');
        }
        out
    }

    /// Keep score and kind for a candidate's features and the rules' kind.
    pub fn judge(&self, features: &[String], rules_kind: Kind) -> Verdict {
        let sure = features.iter().any(|f| f == SURE);
        let mut s = [0.0f64; 6];
        for f in features {
            if let Some(w) = self.weights.get(f.as_str()) {
                for (a, b) in s.iter_mut().zip(w) {
                    *a += b;
                }
            }
        }
        let ri = kind_index(rules_kind);
        let mut best = ri;
        for k in 0..5 {
            if s[1 + k] > s[1 + best] {
                best = k;
            }
        }
        let kind = if best != ri && s[1 + best] - s[1 + ri] > self.kind_margin {
            KINDS[best]
        } else {
            rules_kind
        };
        Verdict {
            keep_score: s[0],
            keep: sure || s[0] >= self.threshold,
            kind,
        }
    }
}

fn fmt4(x: f64) -> String {
    let s = format!("{x:.4}");
    if s == "-0.0000" {
        "0.0000".to_string()
    } else {
        s
    }
}

/// The feature of a candidate that a rule is sure of (a byline, a
/// masthead): the filter keeps it whatever its score.
pub const SURE: &str = "rule:sure";

static SHIPPED: OnceLock<Model> = OnceLock::new();

/// The compiled-in model, parsed on first use. A file that does not parse
/// (a test guards that it does) gives an empty model, which keeps every
/// candidate with the rules' kind.
pub fn shipped() -> &'static Model {
    SHIPPED.get_or_init(|| {
        Model::parse(MODEL_TEXT).unwrap_or(Model {
            weights: HashMap::new(),
            threshold: f64::NEG_INFINITY,
            kind_margin: f64::INFINITY,
        })
    })
}

/// One training example: a candidate's features, the rules' kind, and
/// what the gold says (`None`: an optional name, neither right nor wrong).
#[derive(Debug, Clone)]
pub struct Example {
    /// The candidate's name and spellings (for scoring, never a feature).
    pub name: String,
    pub variants: Vec<String>,
    pub features: Vec<String>,
    pub rules_kind: Kind,
    /// Right (a name to find, first match) or wrong.
    pub keep: Option<bool>,
    /// The kind to learn, for names to find.
    pub kind: Option<Kind>,
}

/// A gold line: kinds, name keys, optional.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub kinds: Vec<Kind>,
    pub keys: Vec<String>,
    pub optional: bool,
    pub name: String,
}

/// Reads the gold format of `tests/fixtures/suggest/README.md`.
pub fn parse_gold(text: &str) -> Result<Vec<GoldEntity>, String> {
    let mut out = Vec::new();
    for (n, l) in text.lines().enumerate() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let (kind, names) = l
            .split_once('\t')
            .ok_or_else(|| format!("gold line {}: no tab: {l:?}", n + 1))?;
        let optional = kind.starts_with('?');
        let kinds = kind
            .trim_start_matches('?')
            .split('/')
            .map(|s| Kind::parse(s).unwrap_or(Kind::Other))
            .collect();
        let all: Vec<&str> = names.split(" | ").map(str::trim).collect();
        out.push(GoldEntity {
            kinds,
            keys: all.iter().map(|n| name_key(n)).collect(),
            optional,
            name: all.first().copied().unwrap_or("").to_string(),
        });
    }
    Ok(out)
}

/// Precision, recall and kind counts, as the suggest eval counts them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub predicted: usize,
    pub correct: usize,
    pub gold: usize,
    pub kind_right: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.predicted += o.predicted;
        self.correct += o.correct;
        self.gold += o.gold;
        self.kind_right += o.kind_right;
    }
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    pub fn kinds(&self) -> f64 {
        self.kind_right as f64 / self.correct.max(1) as f64
    }
}

/// For each candidate (names and spellings, in output order), the index of
/// the gold entity it matches first, as the eval matches: `Some(Some(i))`
/// right, `Some(None)` optional, `None` wrong.
pub fn match_gold(
    cands: &[(String, Vec<String>)],
    gold: &[GoldEntity],
) -> Vec<Option<Option<usize>>> {
    let mut matched = vec![false; gold.len()];
    let mut out = Vec::new();
    for (name, variants) in cands {
        let keys: Vec<String> = std::iter::once(name)
            .chain(variants.iter())
            .map(|n| name_key(n))
            .collect();
        let hit = gold
            .iter()
            .position(|g| g.keys.iter().any(|k| keys.contains(k)));
        out.push(match hit {
            Some(i) if gold[i].optional => Some(None),
            Some(i) if !matched[i] => {
                matched[i] = true;
                Some(Some(i))
            }
            _ => None,
        });
    }
    out
}

/// Scores one text's suggestions (name, spellings, kind) against its gold.
pub fn score_doc(cands: &[(String, Vec<String>, Kind)], gold: &[GoldEntity]) -> Counts {
    let plain: Vec<(String, Vec<String>)> = cands
        .iter()
        .map(|(n, v, _)| (n.clone(), v.clone()))
        .collect();
    let mut c = Counts {
        gold: gold.iter().filter(|g| !g.optional).count(),
        ..Counts::default()
    };
    for (m, (_, _, kind)) in match_gold(&plain, gold).into_iter().zip(cands) {
        match m {
            Some(None) => {}
            Some(Some(i)) => {
                c.predicted += 1;
                c.correct += 1;
                if gold[i].kinds.contains(kind) {
                    c.kind_right += 1;
                }
            }
            None => c.predicted += 1,
        }
    }
    c
}

/// Examples of one text: its rules-only candidates with their features,
/// labelled by its gold.
pub fn examples(text: &str, gold: &[GoldEntity]) -> Vec<Example> {
    let scored = crate::suggest::suggest_with_features(text, &|_| false);
    let plain: Vec<(String, Vec<String>)> = scored
        .iter()
        .map(|(c, _)| (c.name.clone(), c.variants.clone()))
        .collect();
    match_gold(&plain, gold)
        .into_iter()
        .zip(scored)
        .map(|(m, (c, features))| {
            let (keep, kind) = match m {
                Some(None) => (None, None),
                Some(Some(i)) => {
                    let kinds = &gold[i].kinds;
                    let k = if kinds.contains(&c.kind) {
                        c.kind
                    } else {
                        kinds.first().copied().unwrap_or(c.kind)
                    };
                    (Some(true), Some(k))
                }
                None => (Some(false), None),
            };
            Example {
                name: c.name,
                variants: c.variants,
                features,
                rules_kind: c.kind,
                keep,
                kind,
            }
        })
        .collect()
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub seed: u64,
    pub threshold: f64,
    pub kind_margin: f64,
}

/// Trains both averaged perceptrons on `examples`: `epochs` passes, each
/// in an order shuffled by a xorshift generator seeded with `seed`.
pub fn train(examples: &[Example], s: Settings) -> Model {
    // Feature ids in first-seen order (deterministic).
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let encoded: Vec<Vec<usize>> = examples
        .iter()
        .map(|e| {
            let mut v: Vec<usize> = e
                .features
                .iter()
                .map(|f| {
                    *ids.entry(f.as_str()).or_insert_with(|| {
                        names.push(f.as_str());
                        names.len() - 1
                    })
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let n = names.len();
    // Current weights, summed updates weighted by time (averaging trick).
    let mut w = vec![[0.0f64; 6]; n];
    let mut u = vec![[0.0f64; 6]; n];
    let mut t = 1.0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = s.seed.max(1);
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let update = |w: &mut Vec<[f64; 6]>,
                  u: &mut Vec<[f64; 6]>,
                  fs: &[usize],
                  slot: usize,
                  d: f64,
                  t: f64| {
        for &f in fs {
            w[f][slot] += d;
            u[f][slot] += t * d;
        }
    };
    for _ in 0..s.epochs {
        for i in (1..order.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            let e = &examples[i];
            let fs = &encoded[i];
            if let Some(keep) = e.keep {
                let score: f64 = fs.iter().map(|&f| w[f][0]).sum();
                let y = if keep { 1.0 } else { -1.0 };
                if score * y <= 0.0 {
                    update(&mut w, &mut u, fs, 0, y, t);
                }
            }
            if let Some(k) = e.kind {
                let mut sc = [0.0f64; 5];
                for &f in fs {
                    for (a, b) in sc.iter_mut().zip(&w[f][1..]) {
                        *a += b;
                    }
                }
                let gold = kind_index(k);
                let mut best = kind_index(e.rules_kind);
                for c in 0..5 {
                    if sc[c] > sc[best] {
                        best = c;
                    }
                }
                if best != gold {
                    update(&mut w, &mut u, fs, 1 + gold, 1.0, t);
                    update(&mut w, &mut u, fs, 1 + best, -1.0, t);
                }
            }
            t += 1.0;
        }
    }
    let mut weights = HashMap::new();
    for (f, name) in names.iter().enumerate() {
        let mut avg = [0.0f64; 6];
        for k in 0..6 {
            // Rounded as the file writes them, so that the model trained
            // and the model read back judge alike.
            let x = w[f][k] - u[f][k] / t;
            avg[k] = fmt4(x).parse().unwrap_or(0.0);
        }
        weights.insert(name.to_string(), avg);
    }
    Model {
        weights,
        threshold: s.threshold,
        kind_margin: s.kind_margin,
    }
}

/// Suggestions of the rules judged by `model` (`None`: the rules alone):
/// `(name, spellings, kind)` of the candidates kept.
pub fn apply(model: Option<&Model>, examples: &[Example]) -> Vec<(String, Vec<String>, Kind)> {
    examples
        .iter()
        .filter_map(|e| {
            let (keep, kind) = match model {
                Some(m) => {
                    let v = m.judge(&e.features, e.rules_kind);
                    (v.keep, v.kind)
                }
                None => (true, e.rules_kind),
            };
            keep.then(|| (e.name.clone(), e.variants.clone(), kind))
        })
        .collect()
}
