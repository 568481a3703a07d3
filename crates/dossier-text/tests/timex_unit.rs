//! Unit tests of `dossier_text::timex::find_dates`: resolution around month
//! and year ends, weekdays and tense, sources without a reference date,
//! durations, explicit forms, hostile input.

use dossier_text::timex::{find_dates, find_dates_within, Granularity, Timex};
use proptest::prelude::*;
use time::macros::date;
use time::Date;

fn only(text: &str, reference: Option<Date>) -> Timex {
    let found = find_dates(text, reference);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    found.into_iter().next().expect("one")
}

fn value(text: &str, reference: Date) -> (String, Option<String>, Granularity) {
    let t = only(text, Some(reference));
    (t.text, t.value, t.granularity)
}

fn v(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn yesterday_on_new_years_day_is_new_years_eve() {
    let (text, value, granularity) = value("It happened yesterday.", date!(2022 - 01 - 01));
    assert_eq!(text, "yesterday");
    assert_eq!(value, v("2021-12-31"));
    assert_eq!(granularity, Granularity::Day);
}

#[test]
fn today_and_tomorrow_cross_the_year_end() {
    let found = find_dates("Today, and again tomorrow.", Some(date!(2021 - 12 - 31)));
    let values: Vec<_> = found.iter().map(|t| t.value.clone()).collect();
    assert_eq!(values, vec![v("2021-12-31"), v("2022-01-01")]);
    assert!(found.iter().all(|t| t.relative));
}

#[test]
fn relative_days_cross_month_ends_and_leap_days() {
    // The last day of a 31-day month, of February in a leap year and not.
    assert_eq!(
        value("They met tomorrow.", date!(2022 - 01 - 31)).1,
        v("2022-02-01")
    );
    assert_eq!(
        value("They met yesterday.", date!(2024 - 03 - 01)).1,
        v("2024-02-29")
    );
    assert_eq!(
        value("They met yesterday.", date!(2023 - 03 - 01)).1,
        v("2023-02-28")
    );
    assert_eq!(
        value("It ended two days ago.", date!(2022 - 05 - 01)).1,
        v("2022-04-29")
    );
    // A month away from the 31st is a month, not a day that does not exist.
    let (_, next, granularity) = value("Talks resume next month.", date!(2022 - 01 - 31));
    assert_eq!(next, v("2022-02"));
    assert_eq!(granularity, Granularity::Month);
    assert_eq!(
        value("It was agreed last month.", date!(2022 - 03 - 31)).1,
        v("2022-02")
    );
}

#[test]
fn next_month_in_december_is_january_next_year() {
    let (_, value, granularity) = value("Talks resume next month.", date!(2021 - 12 - 15));
    assert_eq!(value, v("2022-01"));
    assert_eq!(granularity, Granularity::Month);
}

#[test]
fn last_week_early_in_january_is_the_last_iso_week_of_the_year_before() {
    let (text, value, granularity) = value("He resigned last week.", date!(2022 - 01 - 03));
    assert_eq!(text, "last week");
    assert_eq!(value, v("2021-W52"));
    assert_eq!(granularity, Granularity::Week);
}

#[test]
fn this_and_next_week_and_year() {
    let reference = date!(2022 - 01 - 12);
    assert_eq!(value("this week", reference).1, v("2022-W02"));
    assert_eq!(value("next week", reference).1, v("2022-W03"));
    assert_eq!(value("this year", reference).1, v("2022"));
    assert_eq!(value("last year", reference).1, v("2021"));
    let t = only("earlier this year", Some(reference));
    assert_eq!((t.text.as_str(), t.value), ("earlier this year", v("2022")));
}

#[test]
fn counts_ago() {
    let reference = date!(2022 - 03 - 02);
    assert_eq!(value("two days ago", reference).1, v("2022-02-28"));
    assert_eq!(value("three months ago", reference).1, v("2021-12"));
    assert_eq!(value("a decade ago", reference).1, v("201"));
    let (text, value, granularity) = value("It began 5 years ago.", reference);
    assert_eq!(
        (text.as_str(), value, granularity),
        ("5 years ago", v("2017"), Granularity::Year)
    );
}

#[test]
fn a_monday_asked_on_a_monday_is_that_very_day_in_either_tense() {
    // 2022-01-10 is a Monday. Rule: a bare weekday equal to the reference's
    // weekday is the reference date, past or future; only "last"/"next"
    // move it by a week.
    let monday = date!(2022 - 01 - 10);
    assert_eq!(
        value("On Monday the minister said no.", monday).1,
        v("2022-01-10")
    );
    assert_eq!(
        value("They will meet on Monday.", monday).1,
        v("2022-01-10")
    );
    assert_eq!(value("last Monday", monday).1, v("2022-01-03"));
    assert_eq!(value("next Monday", monday).1, v("2022-01-17"));
}

#[test]
fn tense_decides_between_the_last_and_the_next_weekday() {
    // 2022-01-12 is a Wednesday.
    let wednesday = date!(2022 - 01 - 12);
    assert_eq!(
        value("On Monday the minister said he would resign.", wednesday).1,
        v("2022-01-10")
    );
    assert_eq!(
        value("The two sides will meet on Monday in Geneva.", wednesday).1,
        v("2022-01-17")
    );
    assert_eq!(
        value("The vote is scheduled for Friday.", wednesday).1,
        v("2022-01-14")
    );
    assert_eq!(value("last Tuesday", wednesday).1, v("2022-01-11"));
}

#[test]
fn without_a_reference_relative_dates_are_kept_unresolved() {
    let found = find_dates(
        "Yesterday the talks set for January 10 were moved to next week; they began on 12 January 2022.",
        None,
    );
    let summary: Vec<_> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref(), t.relative))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Yesterday", None, true),
            ("January 10", None, true),
            ("next week", None, true),
            ("12 January 2022", Some("2022-01-12"), false),
        ]
    );
}

#[test]
fn durations_are_not_dates() {
    for text in [
        "He served for two years.",
        "The review takes three months.",
        "It lasted a decade.",
        "Prices rose over the last two years.",
        "In the last year, sales fell.",
        "a 52-year-old man",
        "for decades",
        "It will take 18 months.",
    ] {
        assert_eq!(
            find_dates(text, Some(date!(2022 - 01 - 12))),
            vec![],
            "{text}"
        );
    }
}

#[test]
fn day_month_and_month_day_give_the_same_value() {
    let reference = date!(2021 - 12 - 29);
    let a = only("on 12 January", Some(reference));
    let b = only("on January 12", Some(reference));
    assert_eq!(a.value, v("2022-01-12"));
    assert_eq!(a.value, b.value);
    assert_eq!(a.granularity, Granularity::Day);
    assert_eq!(
        only("on 12th of January", Some(reference)).value,
        v("2022-01-12")
    );
}

#[test]
fn a_yearless_date_takes_the_nearest_year() {
    // In late December, "January 10" is next January; in early January,
    // "December 20" is last December.
    assert_eq!(
        value("January 10", date!(2021 - 12 - 29)).1,
        v("2022-01-10")
    );
    assert_eq!(
        value("December 20", date!(2022 - 01 - 05)).1,
        v("2021-12-20")
    );
    assert_eq!(value("Jan. 12", date!(2022 - 03 - 01)).1, v("2022-01-12"));
}

#[test]
fn explicit_forms() {
    let reference = Some(date!(2023 - 06 - 07));
    let cases = [
        ("2022-01-12", "2022-01-12", Granularity::Day),
        ("Jan 12, 2022", "2022-01-12", Granularity::Day),
        ("Jan. 12, 2022", "2022-01-12", Granularity::Day),
        (
            "Wednesday, January 12, 2022",
            "2022-01-12",
            Granularity::Day,
        ),
        ("25/12/2021", "2021-12-25", Granularity::Day),
        ("March 2021", "2021-03", Granularity::Month),
        ("in 2008", "2008", Granularity::Year),
        ("since 1999", "1999", Granularity::Year),
        ("his 2020 campaign", "2020", Granularity::Year),
        ("Biden’s 2020 campaign", "2020", Granularity::Year),
        ("Q3 2021", "2021-Q3", Granularity::Quarter),
        ("the first quarter of 2021", "2021-Q1", Granularity::Quarter),
        ("the first half of 2021", "2021-H1", Granularity::Half),
        ("the 1990s", "199", Granularity::Decade),
        ("the '90s", "199", Granularity::Decade),
        ("the 19th century", "18", Granularity::Century),
        ("summer 2014", "2014-SU", Granularity::Season),
        ("12 janvier 2022", "2022-01-12", Granularity::Day),
        ("3 de marzo de 2021", "2021-03-03", Granularity::Day),
        ("12. März 2022", "2022-03-12", Granularity::Day),
    ];
    for (text, expected, granularity) in cases {
        let found = find_dates(text, reference);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].value.as_deref(), Some(expected), "{text}");
        assert_eq!(found[0].granularity, granularity, "{text}");
        assert!(!found[0].relative, "{text}");
    }
}

#[test]
fn holidays_and_coordinated_months() {
    let reference = date!(2021 - 12 - 20);
    assert_eq!(
        value("They met at Christmas.", reference).1,
        v("2021-12-25")
    );
    assert_eq!(value("on New Year's Eve", reference).1, v("2021-12-31"));
    assert_eq!(value("by New Year's Day", reference).1, v("2022-01-01"));
    let found = find_dates("set for August and October of 2015", Some(reference));
    let values: Vec<_> = found.iter().map(|t| t.value.clone()).collect();
    assert_eq!(values, vec![v("2015-08"), v("2015-10")]);
    // A name before a past verb is no month.
    assert!(find_dates("April said no.", Some(reference)).is_empty());
}

#[test]
fn names_with_day_words_are_not_dates() {
    let reference = Some(date!(2022 - 01 - 12));
    for text in [
        "He wrote for the Sunday Times.",
        "Order Reprints | Today’s Paper | Subscribe",
        "a report in USA Today",
    ] {
        assert!(find_dates(text, reference).is_empty(), "{text}");
    }
    assert_eq!(find_dates("Today, the court ruled.", reference).len(), 1);
    assert_eq!(
        find_dates("He left on Sunday. Today he is back.", reference).len(),
        2
    );
}

#[test]
fn relative_months_and_quarters_follow_the_tense() {
    let reference = date!(2021 - 11 - 20);
    assert_eq!(value("Prices fell in March.", reference).1, v("2021-03"));
    assert_eq!(
        value("The law will take effect in March.", reference).1,
        v("2022-03")
    );
    assert_eq!(
        value("Sales rose in the third quarter.", reference).1,
        v("2021-Q3")
    );
    assert_eq!(value("last July", reference).1, v("2021-07"));
    assert_eq!(value("last fall", reference).1, v("2020-FA"));
}

#[test]
fn numbers_that_are_not_years_or_dates() {
    let reference = Some(date!(2022 - 01 - 12));
    for text in [
        "a resolution of 1800 x 1920 per eye",
        "2000 people marched",
        "at 8:51 p.m. (1451 GMT)",
        "it costs $2015",
        "12/01 and 3/4",
        "about 2,016 votes",
        "version 1.8.3",
        "the May 4 figure may change",
    ] {
        let found = find_dates(text, reference);
        let years: Vec<_> = found
            .iter()
            .filter(|t| t.granularity == Granularity::Year)
            .collect();
        assert!(years.is_empty(), "{text}: {found:?}");
        if text.starts_with("12/01") {
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }
    // "May" the modal verb is no month; "May 4" is.
    let found = find_dates("the May 4 figure may change", reference);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "May 4");
}

#[test]
fn spans_are_char_offsets() {
    let text = "Le 12 janvier 2022 — «déjà» — then on 3 March 2020.";
    let found = find_dates(text, None);
    for t in &found {
        let slice: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(slice, t.text);
    }
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn out_of_range_years_and_huge_numbers_are_not_dates() {
    let digits = "9".repeat(10_000);
    assert!(find_dates(&digits, Some(date!(2022 - 01 - 12))).is_empty());
    assert!(find_dates(&format!("in {digits}"), None).is_empty());
    assert!(find_dates("in 99999 and 12 January 99999", None).is_empty());
    assert!(find_dates("9999 years ago", Some(date!(2022 - 01 - 12)))
        .iter()
        .all(|t| t.value.is_none()));
}

#[test]
fn ten_megabytes_of_january_take_linear_time() {
    let text = "January ".repeat(1_310_720);
    let started = std::time::Instant::now();
    let found = find_dates(&text, Some(date!(2022 - 01 - 12)));
    assert!(found.len() <= 1_310_720);
    let text = "Monday 12 ".repeat(1_000_000);
    let found_weekdays = find_dates(&text, Some(date!(2022 - 01 - 12)));
    assert!(!found_weekdays.is_empty());
    // Generous: a debug build on a loaded machine; quadratic would take hours.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

proptest! {
    #[test]
    fn any_text_gives_spans_in_bounds_ordered_and_disjoint(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn date_like_text_gives_spans_in_bounds_ordered_and_disjoint(
        words in proptest::collection::vec(
            prop_oneof![
                Just("January"), Just("12"), Just("2022"), Just("last"), Just("week"),
                Just("ago"), Just("two"), Just("days"), Just("Monday"), Just("the"),
                Just("1990s"), Just("'"), Just("90s"), Just("Q"), Just("3"), Just("-"),
                Just("/"), Just("."), Just(","), Just("of"), Just("in"), Just("x"),
                Just("99999999999"), Just("Dec"), Just("é"), Just("\n"), Just(""),
            ],
            0..40,
        ),
        glue in proptest::collection::vec(any::<bool>(), 40),
    ) {
        let mut text = String::new();
        for (k, word) in words.iter().enumerate() {
            if glue.get(k).copied().unwrap_or(false) { text.push(' '); }
            text.push_str(word);
        }
        check(&text);
    }
}

fn check(text: &str) {
    let length = text.chars().count();
    for reference in [
        None,
        Some(date!(2022 - 01 - 12)),
        Some(Date::MIN),
        Some(Date::MAX),
    ] {
        let found = find_dates(text, reference);
        let mut previous_end = 0;
        for t in &found {
            assert!(t.start < t.end && t.end <= length, "{t:?} in {text:?}");
            assert!(t.start >= previous_end, "overlap or disorder: {found:?}");
            previous_end = t.end;
            let slice: String = text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(slice, t.text);
        }
    }
}

#[test]
fn within_a_period_only_what_every_day_agrees_on_is_resolved() {
    let text = "Talks open on January 10. Officials met yesterday. The treaty is 50 years old; it was signed 50 years ago.";
    let month = Some((date!(2022 - 01 - 01), date!(2022 - 01 - 31)));
    let found = find_dates_within(text, month);
    let value = |t: &str| {
        found
            .iter()
            .find(|d| d.text == t)
            .unwrap_or_else(|| panic!("{t} in {found:?}"))
            .value
            .clone()
    };
    assert_eq!(value("January 10").as_deref(), Some("2022-01-10"));
    assert_eq!(value("yesterday"), None, "depends on the day");
    assert_eq!(value("50 years ago").as_deref(), Some("1972"));
    // A year alone: "January 10" could be this January or the next.
    let found = find_dates_within(
        "Talks will open on January 10.",
        Some((date!(2022 - 01 - 01), date!(2022 - 12 - 31))),
    );
    assert_eq!(found[0].value, None, "{found:?}");
}
