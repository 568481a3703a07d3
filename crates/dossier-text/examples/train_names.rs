//! Trains the names model (`src/names_model.txt`) of the suggester's filter.
//!
//! ```text
//! cargo run -p dossier-text --release --example train_names          # writes the file
//! cargo run -p dossier-text --release --example train_names -- --cv  # leave-one-set-out figures
//! cargo run -p dossier-text --release --example train_names -- --judge FILE  # a text judged
//! cargo run -p dossier-text --release --example train_names -- --cv --kinds  # kind errors
//! ```
//!
//! Deterministic: fixed epochs and a seeded order (`tests/names_sets`), so
//! the same gold gives the same file byte for byte (`tests/names_model.rs`
//! checks the shipped file is what this writes). `--cv` trains on all sets
//! but one, scores the one left out, for each set in turn, and prints the
//! rules alone beside rules + model, pooled over the held-out sets, for a
//! grid of thresholds and kind margins (the shipped ones are chosen there).

#[path = "../tests/names_sets/mod.rs"]
mod names_sets;

use std::path::PathBuf;
use std::time::Instant;

use dossier_text::tagger::{self, Counts, Example, Model, Settings};

fn line(label: &str, c: &Counts) -> String {
    format!(
        "{label:<34} P {:.3} ({}/{})  R {:.3} ({}/{})  K {:.3} ({}/{})",
        c.precision(),
        c.correct,
        c.predicted,
        c.recall(),
        c.correct,
        c.gold,
        c.kinds(),
        c.kind_right,
        c.correct
    )
}

fn score(
    model: Option<&Model>,
    docs: &[names_sets::Doc],
    ex: &[Vec<Example>],
    which: &[usize],
) -> Counts {
    let mut c = Counts::default();
    for &i in which {
        c.add(tagger::score_doc(
            &tagger::apply(model, &ex[i]),
            &docs[i].gold,
        ));
    }
    c
}

fn main() -> Result<(), String> {
    let started = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    // `--judge FILE`: the rules' candidates of a text with the shipped
    // model's keep score and verdict.
    if let Some(p) = args.iter().position(|a| a == "--judge") {
        let path = args.get(p + 1).ok_or("--judge needs a file")?;
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        // What loading the model costs (the suggester parses it once).
        let mut times: Vec<std::time::Duration> = (0..21)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(Model::parse(tagger::MODEL_TEXT).is_ok());
                t.elapsed()
            })
            .collect();
        times.sort();
        eprintln!(
            "model: {} bytes, parsed in {:.2?} (median of 21)",
            tagger::MODEL_TEXT.len(),
            times[10]
        );
        let model = tagger::shipped();
        for (c, features) in dossier_text::suggest::suggest_with_features(&text, &|_| false) {
            let v = model.judge(&features, c.kind);
            let verdict = if v.keep { "keep" } else { "DROP" };
            let rules = if v.kind == c.kind {
                String::new()
            } else {
                format!(", rules {:?}", c.kind)
            };
            println!(
                "{:>7.2} {verdict} {} ({:?}{rules})",
                v.keep_score, c.name, v.kind
            );
            // `NAMES_FEATURES=1`: each candidate's features too.
            if std::env::var_os("NAMES_FEATURES").is_some() {
                println!("        {}", features.join(" "));
            }
        }
        return Ok(());
    }
    let docs = names_sets::docs()?;
    let mut ex = names_sets::examples(&docs);
    let cv = std::env::args().any(|a| a == "--cv");
    // For trying feature sets in `--cv` only: `NAMES_DROP=suf,prev:` leaves
    // out the features with those prefixes.
    let drop: Vec<String> = std::env::var("NAMES_DROP")
        .ok()
        .filter(|_| cv)
        .map(|v| {
            v.split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    for e in ex.iter_mut().flatten() {
        e.features
            .retain(|f| !drop.iter().any(|p| f.starts_with(p.as_str())));
    }
    let epochs: usize = std::env::var("NAMES_EPOCHS")
        .ok()
        .filter(|_| cv)
        .and_then(|v| v.parse().ok())
        .unwrap_or(names_sets::EPOCHS);
    let chosen: f64 = std::env::var("NAMES_THRESHOLD")
        .ok()
        .filter(|_| cv)
        .and_then(|v| v.parse().ok())
        .unwrap_or(names_sets::THRESHOLD);
    if !cv {
        let model = names_sets::train_all(&ex);
        let text = model.to_text(names_sets::HEADER);
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/names_model.txt");
        // Written whole to a temporary file, then renamed: never half a file.
        let tmp = path.with_extension("txt.tmp");
        std::fs::write(&tmp, &text).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        let n: usize = ex.iter().map(Vec::len).sum();
        println!(
            "{} texts, {n} candidates; {} features, {} bytes written to src/names_model.txt in {:.1?}",
            docs.len(),
            text.lines().filter(|l| l.starts_with("w\t")).count(),
            text.len(),
            started.elapsed()
        );
        let all: Vec<usize> = (0..docs.len()).collect();
        println!(
            "{}",
            line("training data, rules alone", &score(None, &docs, &ex, &all))
        );
        println!(
            "{}",
            line(
                "training data, rules + model",
                &score(Some(&model), &docs, &ex, &all)
            )
        );
        return Ok(());
    }
    // Leave one set out.
    let sets: Vec<&str> = names_sets::SETS
        .iter()
        .map(|s| s.0)
        .filter(|&s| s != "wire")
        .collect();
    let mut folds: Vec<(Vec<usize>, Model)> = Vec::new();
    for set in &sets {
        let held: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].set == *set).collect();
        let train: Vec<Example> = (0..docs.len())
            .filter(|&i| docs[i].set != *set)
            .flat_map(|i| ex[i].iter().cloned())
            .collect();
        let model = tagger::train(
            &train,
            Settings {
                threshold: 0.0,
                kind_margin: f64::INFINITY,
                epochs,
                ..names_sets::settings()
            },
        );
        folds.push((held, model));
    }
    let pooled = |threshold: Option<f64>, margin: f64| {
        let mut c = Counts::default();
        for (held, model) in &folds {
            let m = threshold.map(|t| Model {
                threshold: t,
                kind_margin: margin,
                ..model.clone()
            });
            c.add(score(m.as_ref(), &docs, &ex, held));
        }
        c
    };
    println!(
        "leave-one-set-out, pooled over {} held-out sets:",
        sets.len()
    );
    println!("{}", line("rules alone", &pooled(None, f64::INFINITY)));
    for t in [
        -10.0, -8.0, -7.0, -6.5, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0,
    ] {
        println!(
            "{}",
            line(
                &format!("+ model, threshold {t}"),
                &pooled(Some(t), f64::INFINITY)
            )
        );
    }
    for m in [0.0, 1.0, 4.0, 8.0, 16.0, 32.0] {
        println!(
            "{}",
            line(
                &format!("+ model, th {}, kind margin {m}", names_sets::THRESHOLD),
                &pooled(Some(names_sets::THRESHOLD), m)
            )
        );
    }
    println!();
    println!(
        "each set held out (threshold {}, kind margin {}):",
        chosen,
        names_sets::KIND_MARGIN
    );
    for (set, (held, model)) in sets.iter().zip(&folds) {
        let m = Model {
            threshold: chosen,
            kind_margin: names_sets::KIND_MARGIN,
            ..model.clone()
        };
        println!(
            "{}",
            line(
                &format!("{set}, rules alone"),
                &score(None, &docs, &ex, held)
            )
        );
        println!(
            "{}",
            line(
                &format!("{set}, rules + model"),
                &score(Some(&m), &docs, &ex, held)
            )
        );
    }
    println!(
        "{}",
        line(
            "pooled, rules + model",
            &pooled(Some(chosen), names_sets::KIND_MARGIN)
        )
    );
    // `--show SET`: that set's candidates judged by the model trained
    // without it (wrong ones marked), to read what the features miss.
    if let Some(p) = args.iter().position(|a| a == "--show") {
        let want = args.get(p + 1).cloned().unwrap_or_default();
        for (set, (held, model)) in sets.iter().zip(&folds) {
            if *set != want {
                continue;
            }
            for &i in held {
                let plain: Vec<(String, Vec<String>)> = ex[i]
                    .iter()
                    .map(|e| (e.name.clone(), e.variants.clone()))
                    .collect();
                for (e, m) in ex[i].iter().zip(tagger::match_gold(&plain, &docs[i].gold)) {
                    let v = model.judge(&e.features, e.rules_kind);
                    let mark = match m {
                        None => "WRONG",
                        Some(None) => "opt",
                        Some(Some(_)) => "",
                    };
                    println!(
                        "{:>7.2} {mark:<5} {} ({:?}) {:?}",
                        v.keep_score,
                        e.name,
                        e.rules_kind,
                        e.features.join(" ")
                    );
                }
            }
        }
    }
    // `--kinds`: every held-out candidate whose kind is wrong (the gold's
    // kinds beside the rules' and the fold model's), to read what the kind
    // evidence misses; a tally by (gold, given) pair ends it.
    if args.iter().any(|a| a == "--kinds") {
        let mut tally: std::collections::BTreeMap<String, usize> = Default::default();
        for (set, (held, model)) in sets.iter().zip(&folds) {
            let m = Model {
                threshold: chosen,
                kind_margin: names_sets::KIND_MARGIN,
                ..model.clone()
            };
            for &i in held {
                let plain: Vec<(String, Vec<String>)> = ex[i]
                    .iter()
                    .map(|e| (e.name.clone(), e.variants.clone()))
                    .collect();
                let gold = &docs[i].gold;
                for (e, g) in ex[i].iter().zip(tagger::match_gold(&plain, gold)) {
                    let Some(Some(g)) = g else { continue };
                    let v = m.judge(&e.features, e.rules_kind);
                    let want: Vec<&str> = gold[g].kinds.iter().map(|k| k.as_str()).collect();
                    // The rules' weakest evidence: a default or one cue.
                    if e.features.iter().any(|f| f == "vt:1") {
                        if args.iter().any(|a| a == "--weak") {
                            println!(
                                "WEAK gold {} rules {} {} | {}",
                                want.join("/"),
                                e.rules_kind.as_str(),
                                e.name,
                                e.features.join(" ")
                            );
                        }
                        *tally
                            .entry(format!(
                                "weak: gold {} rules {}",
                                want.join("/"),
                                e.rules_kind.as_str()
                            ))
                            .or_default() += 1;
                    }
                    if !v.keep || gold[g].kinds.contains(&v.kind) {
                        continue;
                    }
                    *tally
                        .entry(format!("{} given {}", want.join("/"), v.kind.as_str()))
                        .or_default() += 1;
                    println!(
                        "{set:<9} {:<22} gold {:<13} rules {:<12} model {:<12} {} | {}",
                        docs[i].name,
                        want.join("/"),
                        e.rules_kind.as_str(),
                        v.kind.as_str(),
                        e.name,
                        e.features.join(" ")
                    );
                }
            }
        }
        let mut by: Vec<(String, usize)> = tally.into_iter().collect();
        by.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (what, n) in by {
            println!("{n:>4} {what}");
        }
    }
    println!("({:.1?})", started.elapsed());
    Ok(())
}
