//! The shipped names model (`src/names_model.txt`): it parses, and it is
//! what the training command (`make train-names`) writes from the gold.

#![allow(clippy::unwrap_used)]

mod names_sets;

use dossier_text::tagger::{Model, MODEL_TEXT};

#[test]
fn shipped_model_parses() {
    let m = Model::parse(MODEL_TEXT).unwrap();
    assert!(m.weights.len() > 50, "{} features", m.weights.len());
    assert!(m.threshold.is_finite() && m.kind_margin.is_finite());
}

#[test]
fn shipped_model_is_what_training_writes() {
    let docs = names_sets::docs().unwrap();
    let ex = names_sets::examples(&docs);
    let text = names_sets::train_all(&ex).to_text(names_sets::HEADER);
    assert!(
        text == MODEL_TEXT,
        "src/names_model.txt is not what `make train-names` writes: retrain"
    );
}

#[test]
fn bad_model_text_is_an_error() {
    assert!(Model::parse("threshold\tx\nkind_margin\t1\n").is_err());
    assert!(Model::parse("w\tbias\t1\n").is_err());
    assert!(Model::parse("kind_margin\t1\n").is_err());
}
