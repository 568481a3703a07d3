//! Calendar arithmetic for the recogniser: checked date shifts and the
//! TIMEX3-style value strings.
//!
//! Every operation is checked: a shift that leaves the calendar (or the
//! four-digit years a TIMEX3 value can spell) gives `None`, never a panic.

use time::{Date, Month, Weekday};

/// A season of the year, as TIMEX3 spells it (`SP`, `SU`, `FA`, `WI`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season of a month (northern meteorological seasons: winter is
    /// December to February; callers count December in the next year's
    /// winter, so that `2022-WI` is the winter around the start of 2022).
    pub(super) fn of_month(month: u8) -> Season {
        match month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }

    /// Position in the year, for "last/next" arithmetic.
    pub(super) fn index(self) -> i64 {
        match self {
            Season::Winter => 0,
            Season::Spring => 1,
            Season::Summer => 2,
            Season::Fall => 3,
        }
    }
}

/// A resolved calendar value, formatted by [`Value::format`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Value {
    Day(Date),
    Week {
        year: i32,
        week: u8,
    },
    Weekend {
        year: i32,
        week: u8,
    },
    Month {
        year: i64,
        month: u8,
    },
    Season {
        year: i64,
        season: Season,
    },
    Quarter {
        year: i64,
        quarter: u8,
    },
    Half {
        year: i64,
        half: u8,
    },
    Year(i64),
    /// Year divided by ten: 199 for the 1990s.
    Decade(i64),
    /// Year divided by a hundred: 19 for the 1900s.
    Century(i64),
}

/// True for years a four-digit TIMEX3 value can spell.
fn spellable(year: i64) -> bool {
    (0..=9999).contains(&year)
}

impl Value {
    /// The TIMEX3-like value: `2022-01-12`, `2022-W02`, `2022-W02-WE`,
    /// `2022-01`, `2022-SU`, `2022-Q1`, `2022-H1`, `2022`, `199`, `19`.
    /// `None` when the year is outside 0..=9999.
    pub(super) fn format(self) -> Option<String> {
        match self {
            Value::Day(date) => {
                let year = i64::from(date.year());
                spellable(year)
                    .then(|| format!("{year:04}-{:02}-{:02}", u8::from(date.month()), date.day()))
            }
            Value::Week { year, week } => {
                spellable(i64::from(year)).then(|| format!("{year:04}-W{week:02}"))
            }
            Value::Weekend { year, week } => {
                spellable(i64::from(year)).then(|| format!("{year:04}-W{week:02}-WE"))
            }
            Value::Month { year, month } => {
                spellable(year).then(|| format!("{year:04}-{month:02}"))
            }
            Value::Season { year, season } => {
                spellable(year).then(|| format!("{year:04}-{}", season.code()))
            }
            Value::Quarter { year, quarter } => {
                spellable(year).then(|| format!("{year:04}-Q{quarter}"))
            }
            Value::Half { year, half } => spellable(year).then(|| format!("{year:04}-H{half}")),
            Value::Year(year) => spellable(year).then(|| format!("{year:04}")),
            Value::Decade(decade) => (0..=999).contains(&decade).then(|| format!("{decade:03}")),
            Value::Century(century) => (0..=99).contains(&century).then(|| format!("{century:02}")),
        }
    }
}

/// The calendar date, if it exists.
pub(super) fn date(year: i64, month: u8, day: u8) -> Option<Date> {
    let year = i32::try_from(year).ok()?;
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// `date` shifted by `days` (either sign), if the result is a date.
pub(super) fn add_days(date: Date, days: i64) -> Option<Date> {
    let julian = i64::from(date.to_julian_day()).checked_add(days)?;
    Date::from_julian_day(i32::try_from(julian).ok()?).ok()
}

/// Days from `a` to `b` (positive when `b` is later).
pub(super) fn days_between(a: Date, b: Date) -> i64 {
    i64::from(b.to_julian_day()) - i64::from(a.to_julian_day())
}

/// The ISO week containing `date`.
pub(super) fn week_of(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Week { year, week }
}

/// The ISO weekend (as a week value with `-WE`) of the week containing `date`.
pub(super) fn weekend_of(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Weekend { year, week }
}

/// Months counted from year 0: `year * 12 + (month - 1)`.
pub(super) fn month_index(year: i64, month: u8) -> i64 {
    year * 12 + i64::from(month) - 1
}

/// The inverse of [`month_index`].
pub(super) fn from_month_index(index: i64) -> Value {
    // rem_euclid(12) is in 0..12, so the cast cannot truncate.
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    Value::Month {
        year: index.div_euclid(12),
        month,
    }
}

/// Quarter (1..=4) of a month (1..=12).
pub(super) fn quarter_of(month: u8) -> u8 {
    (month.saturating_sub(1)) / 3 + 1
}

/// Weekday position counted from Monday = 0.
pub(super) fn weekday_index(weekday: Weekday) -> i64 {
    i64::from(weekday.number_days_from_monday())
}

/// The date of Easter Sunday (Gregorian calendar) in `year`, by the
/// anonymous Gregorian algorithm (Meeus/Jones/Butcher).
pub(super) fn easter(year: i64) -> Option<Date> {
    if !(1583..=9999).contains(&year) {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates_are_known_ones() {
        assert_eq!(easter(2019), date(2019, 4, 21));
        assert_eq!(easter(2024), date(2024, 3, 31));
        assert_eq!(easter(2000), date(2000, 4, 23));
    }

    #[test]
    fn out_of_range_values_are_not_spelled() {
        assert_eq!(Value::Year(12_000).format(), None);
        assert_eq!(Value::Year(-5).format(), None);
        assert_eq!(Value::Decade(199).format().as_deref(), Some("199"));
        assert_eq!(Value::Century(19).format().as_deref(), Some("19"));
    }
}
