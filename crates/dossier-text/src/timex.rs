//! Temporal expressions: dates found in a text and normalised.
//!
//! [`find_dates`] finds calendar dates ("12 January 2022", "Jan. 12",
//! "2022-01-12"), months ("in March", "March 2021"), years ("in 2008"),
//! quarters ("Q3 2021", "the first quarter"), seasons ("last fall"),
//! decades ("the 1990s", "the '90s"), centuries ("the 19th century"),
//! weekdays ("on Monday") and relative dates ("yesterday", "last week",
//! "two days ago", "earlier this year"), each with its span and a
//! TIMEX3-like value resolved against a reference date — for a news article,
//! its publication date.
//!
//! The design follows the rule-based taggers for news (HeidelTime, SUTime):
//! a tokeniser, a small lexicon of month, weekday and unit words, and
//! patterns tried left to right; relative expressions are resolved against
//! the reference date, and the tense of the clause decides between the last
//! and the next weekday. The rules are our own.
//!
//! Resolution rules (the ones a reader needs to trust the values):
//!
//! - A day of a month without a year ("January 10") takes the year that
//!   puts it nearest the reference date: in an article of late December,
//!   "January 10" is next January.
//! - A month name alone ("in March") or a quarter alone ("the third
//!   quarter") is the latest one at or before the reference, or the next
//!   one at or after it when the clause is in the future tense ("will",
//!   "is expected to", "plans to").
//! - A weekday alone ("on Monday") is the latest such day at or before the
//!   reference when the clause speaks of the past (the default), the next
//!   one at or after it when it speaks of the future. A weekday equal to the
//!   reference's own weekday is the reference date itself in both tenses: a
//!   paper out on a Monday that says "on Monday" means that day.
//! - "last Monday" is the latest Monday strictly before the reference,
//!   "next Monday" the first strictly after it, "this Monday" the Monday of
//!   the reference's ISO week.
//! - "last week", "next month", "this year", "two days ago", "a decade ago"
//!   shift the reference by whole units; weeks are ISO weeks (`2021-W52`).
//! - A season alone after "the" or a preposition ("during the summer")
//!   follows the tense like a month; "last fall" is the latest fall before
//!   the reference's season. December belongs to the next year's winter.
//! - Holidays on fixed dates (Christmas, Christmas Eve, New Year's Day and
//!   Eve) resolve like a day without a year; Easter is that of the
//!   reference year.
//! - A two-digit year after an apostrophe and a cue ("in ’91") is 19xx from
//!   30 up, 20xx below.
//! - Without a reference date, an expression that needs one (relative, or
//!   a date without a year) is kept with `value: None`; it is never guessed.
//!
//! Not dates: durations ("for two years", "three months", "a decade", "the
//! last two years"), ages ("52-year-old"), sizes ("1800 x 1920"), numbers
//! that are not years in context ("2000 people"), times of day (ignored),
//! and ambiguous numeric dates ("12/01"): only ISO dates and numeric dates
//! whose day is over 12 are read.
//!
//! English first; day–month dates with French, Spanish and German month
//! names are read too ("12 janvier 2022", "3 de marzo de 2021",
//! "12. März 2022").
//!
//! The scan is linear in the length of the text: each token is looked at by
//! a bounded number of rules, each of which reads a bounded number of tokens.

mod calendar;
mod lexicon;
mod rules;

use serde::Serialize;
use time::Date;

/// How precise a temporal expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A calendar day: `2022-01-12`.
    Day,
    /// An ISO week (`2022-W02`) or its weekend (`2022-W02-WE`).
    Week,
    /// A month: `2022-01`.
    Month,
    /// A season: `2022-SU` (SP, SU, FA, WI).
    Season,
    /// A quarter: `2022-Q1`.
    Quarter,
    /// A half year: `2022-H1`.
    Half,
    /// A year: `2022`.
    Year,
    /// A decade, as its first three digits: `199` for the 1990s.
    Decade,
    /// A century, as its first two digits: `19` for the 1900s.
    Century,
}

/// A temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Start, in chars (inclusive).
    pub start: usize,
    /// End, in chars (exclusive).
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// TIMEX3-like normalised value (`2022-01-12`, `2022-W02`, `2022-01`,
    /// `2022-Q1`, `2022`, `199`); `None` when the expression needs a
    /// reference date and none was given, or falls outside years 0..=9999.
    pub value: Option<String>,
    /// How precise the expression is.
    pub granularity: Granularity,
    /// True when the value depends on the reference date ("yesterday",
    /// "on Monday", "January 10" without a year, "last week").
    pub relative: bool,
}

/// Finds the temporal expressions of `text`, in order and without overlaps,
/// resolving relative ones against `reference` (the text's publication
/// date). Offsets are char offsets into `text`.
///
/// ```
/// use dossier_text::timex::{find_dates, Granularity};
/// let reference = time::macros::date!(2021 - 12 - 29);
/// let found = find_dates("Talks could take place on January 10.", Some(reference));
/// assert_eq!(found[0].text, "January 10");
/// assert_eq!(found[0].value.as_deref(), Some("2022-01-10"));
/// assert_eq!(found[0].granularity, Granularity::Day);
/// ```
/// [`find_dates`] for a text whose publication date is known only to a
/// period (a month, a year: `first..=last`): a value every day of the
/// period gives (its first and last day agree: "January 10" in a January
/// article, "50 years ago") is kept; one that depends on the day
/// ("yesterday", "next week") stays unresolved, never guessed. A period of
/// one day is [`find_dates`] with that day.
///
/// ```
/// use dossier_text::timex::find_dates_within;
/// use time::macros::date;
/// let january = Some((date!(2022 - 01 - 01), date!(2022 - 01 - 31)));
/// let found = find_dates_within("Talks open on January 10; they met yesterday.", january);
/// assert_eq!(found[0].value.as_deref(), Some("2022-01-10"));
/// assert_eq!(found[1].value, None);
/// ```
pub fn find_dates_within(text: &str, period: Option<(Date, Date)>) -> Vec<Timex> {
    let Some((first, last)) = period else {
        return find_dates(text, None);
    };
    let mut dates = find_dates(text, Some(first));
    if first != last {
        let at_end: std::collections::HashMap<(usize, usize), Option<String>> =
            find_dates(text, Some(last))
                .into_iter()
                .map(|d| ((d.start, d.end), d.value))
                .collect();
        for d in &mut dates {
            if at_end.get(&(d.start, d.end)) != Some(&d.value) {
                d.value = None;
            }
        }
    }
    dates
}

pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<Timex> {
    let tokens = lexicon::tokenize(text);
    let found = rules::scan(&tokens);
    if found.is_empty() {
        return Vec::new();
    }
    let sentence_ids = rules::sentences(&tokens);
    let tenses = rules::sentence_tenses(&tokens, &sentence_ids);
    found
        .into_iter()
        .filter_map(|f| {
            let first = tokens.get(f.first)?;
            let last = tokens.get(f.last.checked_sub(1)?)?;
            let relative = !matches!(f.expr, rules::Expr::Fixed(_));
            let value = match (f.expr, reference) {
                (rules::Expr::Fixed(value), _) => value.format(),
                (expr, Some(reference)) => {
                    let tense = rules::tense_at(&tokens, &sentence_ids, &tenses, f.first);
                    rules::resolve(expr, reference, tense).and_then(|v| v.format())
                }
                (_, None) => None,
            };
            // A fixed expression whose value cannot be spelled is no date.
            if !relative && value.is_none() {
                return None;
            }
            Some(Timex {
                start: first.start,
                end: last.end,
                text: text.get(first.byte_start..last.byte_end)?.to_string(),
                value,
                granularity: granularity(f.expr),
                relative,
            })
        })
        .collect()
}

fn granularity(expr: rules::Expr) -> Granularity {
    use calendar::Value;
    use lexicon::Unit;
    use rules::Expr;
    match expr {
        Expr::Fixed(value) => match value {
            Value::Day(_) => Granularity::Day,
            Value::Week { .. } | Value::Weekend { .. } => Granularity::Week,
            Value::Month { .. } => Granularity::Month,
            Value::Season { .. } => Granularity::Season,
            Value::Quarter { .. } => Granularity::Quarter,
            Value::Half { .. } => Granularity::Half,
            Value::Year(_) => Granularity::Year,
            Value::Decade(_) => Granularity::Decade,
            Value::Century(_) => Granularity::Century,
        },
        Expr::MonthDay { .. } | Expr::Weekday { .. } | Expr::Easter { .. } => Granularity::Day,
        Expr::Month { .. } | Expr::NamedMonth { .. } => Granularity::Month,
        Expr::Quarter { .. } => Granularity::Quarter,
        Expr::NamedSeason { .. } | Expr::Season { .. } => Granularity::Season,
        Expr::Offset { unit, .. } => match unit {
            Unit::Day => Granularity::Day,
            Unit::Week | Unit::Weekend => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Year => Granularity::Year,
            Unit::Decade => Granularity::Decade,
            Unit::Century => Granularity::Century,
        },
    }
}
