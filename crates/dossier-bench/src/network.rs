//! The entity network of a large notebook: a synthetic notebook of N
//! entity-rich sources (names made of syllables, so nothing of any real
//! text; a few entities named often and many rarely, as in news), opened
//! the way the app opens one (sync, mentions found), then
//! `Notebook::network` timed: what the app's network view asks for.

use std::path::Path;
use std::time::Instant;

use dossier_core::Notebook;
use serde_json::{json, Value};

use crate::engines::Res;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tas", "vor", "el", "dun", "sa", "bri", "om", "zel", "ta", "quin",
    "ar", "fel", "no", "gra", "pe", "lis", "ud", "yan", "ko", "ber",
];
const FILLER: &[&str] = &[
    "The talks went on late into the evening, according to people who attended.",
    "Officials declined to say what had been agreed.",
    "The statement gave no figures and named no date for a further round.",
    "Observers said the tone was calmer than at the previous meeting.",
    "Both sides described the exchange as frank.",
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

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Skewed towards 0: a few entities are named often, most rarely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * n as f64) as usize
    }
}

fn word(rng: &mut Rng, parts: usize) -> String {
    let mut w: String = (0..parts)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(f) = w.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    w
}

/// Writes a notebook of `sources` sources naming `entities` entities into
/// `out` (which must not exist yet): `sources/*.md` and `entities.json`.
pub fn make(out: &Path, sources: usize, entities: usize) -> Res<()> {
    if out.exists() {
        return Err(format!(
            "{} exists already; give a new folder",
            out.display()
        ));
    }
    let mut rng = Rng(0x5eed_1e55);
    let mut names: Vec<(String, &str)> = Vec::with_capacity(entities);
    let mut seen = std::collections::HashSet::new();
    while names.len() < entities {
        let i = names.len();
        let (name, kind) = match i % 10 {
            0..=4 => (
                format!("{} {}", word(&mut rng, 2), word(&mut rng, 3)),
                "person",
            ),
            5 | 6 => (
                format!(
                    "{} {}",
                    word(&mut rng, 3),
                    ["Institute", "Group", "Council", "Bank"][i % 4]
                ),
                "organisation",
            ),
            7 | 8 => (word(&mut rng, 3), "place"),
            _ => (
                format!(
                    "{} {}",
                    word(&mut rng, 3),
                    ["Summit", "Accord", "Crisis"][i % 3]
                ),
                "event",
            ),
        };
        if seen.insert(name.to_lowercase()) {
            names.push((name, kind));
        }
    }
    std::fs::create_dir_all(out.join("sources")).map_err(|e| e.to_string())?;
    let list: Vec<Value> = names
        .iter()
        .map(|(n, k)| json!({"name": n, "kind": k}))
        .collect();
    std::fs::write(
        out.join("entities.json"),
        serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    for s in 0..sources {
        let mut text = String::new();
        for p in 0..6 {
            let mut para = Vec::new();
            for _ in 0..(1 + rng.below(4)) {
                let (name, _) = &names[rng.skewed(names.len())];
                para.push(format!(
                    "{name} {}",
                    [
                        "met delegates",
                        "spoke to reporters",
                        "was named in the report",
                        "arrived"
                    ][rng.below(4)]
                ));
            }
            let mut line = para.join(", and ") + ".";
            if p % 2 == 0 {
                line.push_str(&format!(
                    " The next round is set for {} {}, {}.",
                    MONTHS[rng.below(12)],
                    1 + rng.below(28),
                    2015 + rng.below(10)
                ));
            }
            line.push(' ');
            line.push_str(FILLER[rng.below(FILLER.len())]);
            text.push_str(&line);
            text.push_str("\n\n");
        }
        let doc = format!(
            "---\ntitle: 'Report {s}'\npublished: {}-{:02}-{:02}\nformat: text\n---\n{text}",
            2015 + s % 10,
            1 + s % 12,
            1 + s % 28
        );
        std::fs::write(out.join("sources").join(format!("report-{s:04}.md")), doc)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Makes the notebook in `scratch`, opens it, and times the network.
pub fn measure(scratch: &Path, sources: usize, entities: usize, runs: usize) -> Res<Value> {
    let dir = scratch.join(format!("network-{sources}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    make(&dir, sources, entities)?;
    let t = Instant::now();
    let nb = Notebook::open(&dir).map_err(|e| e.to_string())?;
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut times = Vec::new();
    let mut shape = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let n = nb.network(1, None).map_err(|e| e.to_string())?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        shape = (n.graph.nodes.len(), n.graph.edges.len(), n.max_weight);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let first = nb
        .graph(1)
        .map_err(|e| e.to_string())?
        .edges
        .first()
        .cloned();
    let shared_ms = match first {
        Some(e) => {
            let t = Instant::now();
            nb.shared_passages(&e.source.to_string(), &e.target.to_string())
                .map_err(|e| e.to_string())?;
            Some(t.elapsed().as_secs_f64() * 1e3)
        }
        None => None,
    };
    Ok(json!({
        "sources": sources,
        "entities": entities,
        "open_ms": open_ms,
        "nodes": shape.0,
        "edges": shape.1,
        "max_weight": shape.2,
        "network_ms_median": median,
        "network_ms": times,
        "shared_passages_ms": shared_ms,
    }))
}
