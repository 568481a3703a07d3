//! YAML front matter, read and written with `serde-saphyr`: a maintained
//! parser that never panics and keeps budgets (depth, aliases, events) so
//! that hostile YAML (an alias bomb, deep nesting) is refused with a reason
//! instead of eating the machine. Front matter larger than
//! [`MAX_FRONT_MATTER`] is refused before it is parsed.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The largest front matter read, in bytes: far above any real one.
pub const MAX_FRONT_MATTER: usize = 1 << 20;

/// Parses front matter into `T`; the error is a short reason for people.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, String> {
    if yaml.len() > MAX_FRONT_MATTER {
        return Err(format!(
            "its front matter is {} KB, more than the {} KB Dossier reads",
            yaml.len() / 1024,
            MAX_FRONT_MATTER / 1024
        ));
    }
    serde_saphyr::from_str::<T>(yaml).map_err(|e| reason(&e.to_string()))
}

/// Front matter as a JSON value (mappings, lists, strings, numbers).
pub fn value(yaml: &str) -> Result<serde_json::Value, String> {
    from_str::<serde_json::Value>(yaml)
}

/// Writes `value` as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| reason(&e.to_string()))
}

/// The parser's message on one line, without the snippet it draws.
fn reason(message: &str) -> String {
    let first = message
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message);
    first.trim().trim_start_matches("error: ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_forms_of_obsidian_and_jekyll_are_read() {
        let v = value(
            "title: \"Quoted: title\"\ntags: [nato, talks]\naliases:\n  - One\n  - Two\ndate: 2022-01-10\npublished: 2022\nsummary: >\n  folded\n  text\nbody: |\n  line one\n  line two\nlayout: post\n",
        )
        .unwrap();
        assert_eq!(v["title"], "Quoted: title");
        assert_eq!(v["tags"][1], "talks");
        assert_eq!(v["aliases"][0], "One");
        assert_eq!(v["date"], "2022-01-10");
        assert_eq!(v["published"], 2022);
        assert_eq!(v["summary"], "folded text\n");
        assert_eq!(v["body"], "line one\nline two\n");
    }

    #[test]
    fn front_matter_round_trips() {
        let bundled = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../notes/sources/russia-nato-talks.md"
        ))
        .unwrap();
        let notes = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../notes/Bucharest red line.md"
        ))
        .unwrap();
        let forms = [
            crate::text::split_front_matter(&bundled).0.unwrap().to_string(),
            crate::text::split_front_matter(&notes).0.unwrap().to_string(),
            "title: \"Quoted: title\"\ntags: [nato, talks]\naliases:\n  - One\n  - Two\ndate: 2022-01-10\nsummary: >\n  folded\n  text\nbody: |\n  line one\n  line two\n".to_string(),
        ];
        for yaml in forms {
            let first = value(&yaml).unwrap();
            let again = value(&to_string(&first).unwrap()).unwrap();
            assert_eq!(first, again, "{yaml}");
            assert!(first.get("title").is_some(), "{yaml}");
        }
    }

    #[test]
    fn hostile_yaml_is_refused_with_a_reason() {
        let bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let huge = format!("title: \"{}\"\n", "x".repeat(MAX_FRONT_MATTER + 1));
        for (what, yaml) in [("bomb", bomb.to_string()), ("deep", deep), ("huge", huge)] {
            let err = value(&yaml).expect_err(what);
            assert!(!err.is_empty() && !err.contains('\n'), "{what}: {err:?}");
        }
    }
}
