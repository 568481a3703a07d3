//! The recognition rules: at each token, a handful of patterns are tried in
//! a fixed order; the first that matches gives an expression ([`Expr`]) and
//! the scan resumes after it, so matches never overlap and each looks at a
//! bounded number of tokens (linear time overall).

use super::calendar::{self, Season, Value};
use super::lexicon::{Gap, Kw, Lex, Token, Unit};
use time::{Date, Weekday};

/// "last", "this" or "next" in front of a unit, weekday, month or season.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shift {
    Last,
    This,
    Next,
}

/// Whether the clause around an expression speaks of the past or the future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
}

/// What an expression means, before the reference date is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expr {
    /// Fully written out ("12 January 2022", "Q3 2021", "the 1990s").
    Fixed(Value),
    /// A day of a month without the year: the nearest to the reference.
    MonthDay { month: u8, day: u8 },
    /// A month name alone ("in March"): the last one, or the next one when
    /// the clause is in the future tense.
    Month { month: u8 },
    /// A quarter without the year ("the first quarter"), as for months.
    Quarter { quarter: u8 },
    /// A weekday: with "last"/"this"/"next", or by the clause's tense.
    Weekday {
        weekday: Weekday,
        shift: Option<Shift>,
    },
    /// A month name with last/this/next ("last July").
    NamedMonth { month: u8, shift: Shift },
    /// A season with last/this/next ("last fall").
    NamedSeason { season: Season, shift: Shift },
    /// An offset from the reference in units: today (0 days), yesterday
    /// (-1 day), last week (-1 week), two years ago (-2 years).
    Offset { unit: Unit, count: i64 },
    /// A season alone ("during the summer"): the latest one at or before the
    /// reference, or the next one in a future clause.
    Season { season: Season },
    /// Easter Sunday of the reference year, shifted by days.
    Easter { days: i64 },
}

/// One recognised expression: tokens `first..last` (exclusive).
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) expr: Expr,
}

/// Scans the tokens and returns every expression, in order.
pub(super) fn scan(tokens: &[Token]) -> Vec<Found> {
    let cx = Cx { tokens };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match cx.match_at(i) {
            Some(f) if f.last > i => {
                i = f.last;
                found.push(f);
            }
            _ => i += 1,
        }
    }
    found
}

/// Sentence number of every token: a new sentence starts after a line
/// break, or after ". ", "! ", "? " before a capital or punctuation (not
/// "Dec. 1").
pub(super) fn sentences(tokens: &[Token]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut id = 0u32;
    let mut previous: Option<&Token> = None;
    for token in tokens {
        if let Some(prev) = previous {
            let ends = matches!(prev.lex, Lex::Punct('.' | '!' | '?'))
                && token.gap != Gap::Glued
                && (token.capitalized || matches!(token.lex, Lex::Punct(_)));
            if token.gap == Gap::Break || ends {
                id = id.saturating_add(1);
            }
        }
        ids.push(id);
        previous = Some(token);
    }
    ids
}

/// Tense markers of each sentence: (has a future marker, has a past marker).
pub(super) fn sentence_tenses(tokens: &[Token], ids: &[u32]) -> Vec<(bool, bool)> {
    let count = ids.last().map_or(0, |&last| last as usize + 1);
    let mut tenses = vec![(false, false); count];
    for (i, &id) in ids.iter().enumerate() {
        if let Some(slot) = tenses.get_mut(id as usize) {
            match marker(tokens, i) {
                Some(Tense::Future) => slot.0 = true,
                Some(Tense::Past) => slot.1 = true,
                None => {}
            }
        }
    }
    tenses
}

/// The tense a token marks, if any.
fn marker(tokens: &[Token], i: usize) -> Option<Tense> {
    let token = tokens.get(i)?;
    match token.lex {
        Lex::Kw(Kw::Future | Kw::Tomorrow | Kw::Next) => Some(Tense::Future),
        Lex::Kw(Kw::FutureWithTo) => {
            matches!(tokens.get(i + 1).map(|t| t.lex), Some(Lex::Kw(Kw::To)))
                .then_some(Tense::Future)
        }
        // "won't" is a future, "won" a past.
        Lex::Kw(Kw::PastVerb)
            if matches!(
                tokens.get(i + 1).map(|t| t.lex),
                Some(Lex::Punct('\'' | '’'))
            ) && tokens.get(i + 2).is_some_and(|t| {
                t.gap == Gap::Glued && t.lex == Lex::Other && t.end - t.start == 1
            }) =>
        {
            Some(Tense::Future)
        }
        Lex::Kw(Kw::PastVerb | Kw::Ago | Kw::Yesterday) => Some(Tense::Past),
        _ if token.ed_form => Some(Tense::Past),
        _ => None,
    }
}

/// The tense of the clause around token `at`: the nearest tense marker
/// within ten tokens in the same clause (bounded by the sentence and by
/// , ; : ( ) and dashes) decides, the left one on a tie; failing that, a
/// sentence with a future marker and no past one is future; everything else
/// is past, news being mostly about what happened.
pub(super) fn tense_at(tokens: &[Token], ids: &[u32], tenses: &[(bool, bool)], at: usize) -> Tense {
    let sentence = ids.get(at).copied();
    let mut open = [true, true];
    for distance in 1..=10usize {
        for (side, index) in [at.checked_sub(distance), at.checked_add(distance)]
            .into_iter()
            .enumerate()
        {
            let Some(i) = index else { continue };
            if !open[side] || ids.get(i).copied() != sentence {
                open[side] = false;
                continue;
            }
            if matches!(
                tokens.get(i).map(|t| t.lex),
                Some(Lex::Punct(',' | ';' | ':' | '(' | ')' | '—' | '–'))
            ) {
                open[side] = false;
                continue;
            }
            if let Some(tense) = marker(tokens, i) {
                return tense;
            }
        }
    }
    match sentence.and_then(|s| tenses.get(s as usize)) {
        Some(&(true, false)) => Tense::Future,
        _ => Tense::Past,
    }
}

/// Applies the reference date to an expression.
pub(super) fn resolve(expr: Expr, reference: Date, tense: Tense) -> Option<Value> {
    let year = i64::from(reference.year());
    let month = u8::from(reference.month());
    let here = calendar::month_index(year, month);
    Some(match expr {
        Expr::Fixed(value) => value,
        Expr::MonthDay { month, day } => {
            let mut best: Option<(i64, Date)> = None;
            for candidate_year in [year - 1, year, year + 1] {
                if let Some(date) = calendar::date(candidate_year, month, day) {
                    let distance = calendar::days_between(reference, date).abs();
                    // Strictly nearer only: on a tie the earlier year stays.
                    if best.is_none_or(|(d, _)| distance < d) {
                        best = Some((distance, date));
                    }
                }
            }
            Value::Day(best?.1)
        }
        Expr::Month { month: named } => {
            let mut index = calendar::month_index(year, named);
            match tense {
                Tense::Past if index > here => index -= 12,
                Tense::Future if index < here => index += 12,
                _ => {}
            }
            calendar::from_month_index(index)
        }
        Expr::Quarter { quarter } => {
            let now = year * 4 + i64::from(calendar::quarter_of(month)) - 1;
            let mut index = year * 4 + i64::from(quarter) - 1;
            match tense {
                Tense::Past if index > now => index -= 4,
                Tense::Future if index < now => index += 4,
                _ => {}
            }
            quarter_value(index)?
        }
        Expr::Weekday { weekday, shift } => {
            let today = calendar::weekday_index(reference.weekday());
            let target = calendar::weekday_index(weekday);
            let days = match (shift, tense) {
                (None, Tense::Past) => -(today - target).rem_euclid(7),
                (None, Tense::Future) => (target - today).rem_euclid(7),
                (Some(Shift::Last), _) => -((today - target - 1).rem_euclid(7) + 1),
                (Some(Shift::Next), _) => (target - today - 1).rem_euclid(7) + 1,
                (Some(Shift::This), _) => target - today,
            };
            Value::Day(calendar::add_days(reference, days)?)
        }
        Expr::NamedMonth {
            month: named,
            shift,
        } => {
            let mut index = calendar::month_index(year, named);
            match shift {
                Shift::Last if index >= here => index -= 12,
                Shift::Next if index <= here => index += 12,
                _ => {}
            }
            calendar::from_month_index(index)
        }
        Expr::Season { season } => {
            let season_year = if month == 12 { year + 1 } else { year };
            let now = season_year * 4 + Season::of_month(month).index();
            let mut index = season_year * 4 + season.index();
            match tense {
                Tense::Past if index > now => index -= 4,
                Tense::Future if index < now => index += 4,
                _ => {}
            }
            Value::Season {
                year: index.div_euclid(4),
                season,
            }
        }
        Expr::NamedSeason { season, shift } => {
            // December belongs to the winter of the next year.
            let season_year = if month == 12 { year + 1 } else { year };
            let now = season_year * 4 + Season::of_month(month).index();
            let mut index = season_year * 4 + season.index();
            match shift {
                Shift::Last if index >= now => index -= 4,
                Shift::Next if index <= now => index += 4,
                _ => {}
            }
            Value::Season {
                year: index.div_euclid(4),
                season,
            }
        }
        Expr::Offset { unit, count } => match unit {
            Unit::Day => Value::Day(calendar::add_days(reference, count)?),
            Unit::Week => calendar::week_of(calendar::add_days(reference, count.checked_mul(7)?)?),
            Unit::Weekend => {
                calendar::weekend_of(calendar::add_days(reference, count.checked_mul(7)?)?)
            }
            Unit::Month => calendar::from_month_index(here.checked_add(count)?),
            Unit::Quarter => {
                let now = year * 4 + i64::from(calendar::quarter_of(month)) - 1;
                quarter_value(now.checked_add(count)?)?
            }
            Unit::Year => Value::Year(year.checked_add(count)?),
            Unit::Decade => Value::Decade(year.checked_add(count.checked_mul(10)?)?.div_euclid(10)),
            Unit::Century => {
                Value::Century(year.checked_add(count.checked_mul(100)?)?.div_euclid(100))
            }
        },
        Expr::Easter { days } => Value::Day(calendar::add_days(calendar::easter(year)?, days)?),
    })
}

fn quarter_value(index: i64) -> Option<Value> {
    Some(Value::Quarter {
        year: index.div_euclid(4),
        quarter: u8::try_from(index.rem_euclid(4) + 1).ok()?,
    })
}

/// The token slice with small look-up helpers; every helper returns
/// `None`/`false` past either end.
struct Cx<'a> {
    tokens: &'a [Token],
}

impl Cx<'_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        self.tok(i).map(|t| t.lex)
    }

    fn before(&self, i: usize, back: usize) -> Option<&Token> {
        i.checked_sub(back).and_then(|j| self.tok(j))
    }

    fn kw(&self, i: usize, kw: Kw) -> bool {
        self.lex(i) == Some(Lex::Kw(kw))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.lex(i) == Some(Lex::Punct(c))
    }

    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::Glued)
    }

    /// Not glued to the token before (a separate word).
    fn spaced(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap != Gap::Glued)
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.lex(i)? {
            Lex::Num {
                value: Some(value),
                digits,
            } => Some((value, digits)),
            _ => None,
        }
    }

    /// A glued word, number, or a glued ".5", ",000", ":30", "%" right after
    /// token `i`: the number at `i` is part of something else.
    fn continues(&self, i: usize) -> bool {
        let next = i + 1;
        if !self.glued(next) {
            return false;
        }
        match self.lex(next) {
            Some(Lex::Punct('.' | ',' | ':' | '/')) => {
                self.glued(next + 1) && matches!(self.lex(next + 1), Some(Lex::Num { .. }))
            }
            Some(Lex::Punct('%' | '°' | '€' | '$' | '£')) => true,
            Some(Lex::Punct(_)) | None => false,
            Some(_) => true,
        }
    }

    /// A four-digit year 1000..=2999 that does not run on into something
    /// else (letters, digits, ",000", ":30").
    fn year_at(&self, i: usize) -> Option<i64> {
        let (value, digits) = self.num(i)?;
        ((1000..=2999).contains(&value) && digits == 4 && !self.continues(i))
            .then_some(i64::from(value))
    }

    /// A number of four digits or more at `i` that is no year (99999):
    /// a date running into it is garbage, not a date.
    fn bad_year(&self, i: usize) -> bool {
        self.spaced(i)
            && matches!(self.lex(i), Some(Lex::Num { digits, .. }) if digits >= 4)
            && self.year_at(i).is_none()
    }

    /// A day of the month 1..=31 (one or two digits, possibly with a glued
    /// st/nd/rd/th): the day and the index after it.
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let (value, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&value) {
            return None;
        }
        let day = u8::try_from(value).ok()?;
        if self.glued(i + 1) && self.kw(i + 1, Kw::Suffix) {
            return (!self.continues(i + 1)).then_some((day, i + 2));
        }
        (!self.continues(i)).then_some((day, i + 1))
    }

    /// Tries every rule at token `i`, in order.
    fn match_at(&self, i: usize) -> Option<Found> {
        let token = self.tok(i)?;
        match token.lex {
            Lex::Kw(_) => self.relative(i),
            Lex::Weekday(weekday) => self.weekday(i, weekday),
            Lex::Num { .. } => self
                .iso(i)
                .or_else(|| self.numeric(i))
                .or_else(|| self.day_first(i))
                .or_else(|| self.ago(i))
                .or_else(|| self.century(i))
                .or_else(|| self.decade(i))
                .or_else(|| self.year(i)),
            Lex::Month { .. } => self.month_first(i),
            Lex::Cardinal(_) => self.ago(i),
            Lex::Ordinal(_) => self.ordinal(i),
            Lex::Season(season) => self.season(i, season),
            Lex::Punct('\'' | '’' | '‘') => self.short_decade(i).or_else(|| self.short_year(i)),
            _ => None,
        }
    }

    fn found(first: usize, last: usize, expr: Expr) -> Option<Found> {
        Some(Found { first, last, expr })
    }

    /// today, yesterday, last week, this year, next Monday, last July,
    /// last fall, earlier this month, the day after tomorrow, Q3 2021.
    fn relative(&self, i: usize) -> Option<Found> {
        let Lex::Kw(kw) = self.lex(i)? else {
            return None;
        };
        let offset = |unit, count| Expr::Offset { unit, count };
        match kw {
            Kw::Today | Kw::Tonight | Kw::Yesterday | Kw::Tomorrow if self.in_a_name(i) => None,
            Kw::Today | Kw::Tonight => Self::found(i, i + 1, offset(Unit::Day, 0)),
            Kw::Yesterday => Self::found(i, i + 1, offset(Unit::Day, -1)),
            Kw::Tomorrow => Self::found(i, i + 1, offset(Unit::Day, 1)),
            Kw::Last | Kw::This | Kw::Next => {
                // "the last year", "the next month": durations, not dates.
                if self.before(i, 1).is_some_and(|t| t.lex == Lex::Kw(Kw::The)) {
                    return None;
                }
                let shift = match kw {
                    Kw::Last => Shift::Last,
                    Kw::Next => Shift::Next,
                    _ => Shift::This,
                };
                let expr = self.shifted(i + 1, shift)?;
                Self::found(i, i + 2, expr)
            }
            Kw::Earlier | Kw::Later => {
                if !self.kw(i + 1, Kw::This) {
                    return None;
                }
                let expr = self.shifted(i + 2, Shift::This)?;
                Self::found(i, i + 3, expr)
            }
            Kw::The => {
                // the day before yesterday / after tomorrow / before Easter
                let day = self.lex(i + 1)
                    == Some(Lex::Unit {
                        unit: Unit::Day,
                        plural: false,
                    });
                if !day {
                    return None;
                }
                let direction = match self.lex(i + 2)? {
                    Lex::Kw(Kw::Before) => -1,
                    Lex::Kw(Kw::After) => 1,
                    _ => return None,
                };
                let expr = match self.lex(i + 3)? {
                    Lex::Kw(Kw::Yesterday) if direction < 0 => offset(Unit::Day, -2),
                    Lex::Kw(Kw::Tomorrow) if direction > 0 => offset(Unit::Day, 2),
                    Lex::Kw(Kw::Easter) => Expr::Easter { days: direction },
                    _ => return None,
                };
                Self::found(i, i + 4, expr)
            }
            Kw::Easter if self.tok(i).is_some_and(|t| t.capitalized) => {
                Self::found(i, i + 1, Expr::Easter { days: 0 })
            }
            Kw::Christmas if self.tok(i).is_some_and(|t| t.capitalized) => {
                // "Christmas Eve" is the 24th; "Christmas (Day)" the 25th.
                let (day, last) = if self.kw(i + 1, Kw::Eve) {
                    (24, i + 2)
                } else {
                    (25, i + 1)
                };
                self.holiday(i, last, 12, day)
            }
            Kw::NewYear if self.tok(i).is_some_and(|t| t.capitalized) => {
                // "New Year's Day", "New Year's Eve" (tokens: new year ' s day).
                let apostrophe = matches!(self.lex(i + 2), Some(Lex::Punct('\'' | '’')));
                let year_word = matches!(
                    self.lex(i + 1),
                    Some(Lex::Unit {
                        unit: Unit::Year,
                        plural: false
                    })
                );
                if !year_word || !apostrophe || !self.kw(i + 3, Kw::S) {
                    return None;
                }
                if self.kw(i + 4, Kw::Eve) {
                    self.holiday(i, i + 5, 12, 31)
                } else if matches!(
                    self.lex(i + 4),
                    Some(Lex::Unit {
                        unit: Unit::Day,
                        plural: false
                    })
                ) {
                    self.holiday(i, i + 5, 1, 1)
                } else {
                    None
                }
            }
            Kw::Q => self.quarter_q(i),
            _ => None,
        }
    }

    /// A capitalised word that is part of a title or name: after another
    /// capitalised word ("USA Today", "New York Today"), or before one,
    /// possibly through a possessive ("Today’s Paper", "Today Show").
    fn in_a_name(&self, i: usize) -> bool {
        let Some(token) = self.tok(i) else {
            return false;
        };
        if !token.capitalized {
            return false;
        }
        let after_name = self
            .before(i, 1)
            .is_some_and(|t| t.capitalized && token.gap == Gap::Space);
        let mut j = i + 1;
        if matches!(self.lex(j), Some(Lex::Punct('\'' | '’'))) && self.kw(j + 1, Kw::S) {
            j += 2;
        }
        let before_name = self.tok(j).is_some_and(|t| {
            t.capitalized
                && t.gap == Gap::Space
                && !matches!(t.lex, Lex::Month { .. } | Lex::Weekday(_))
        });
        after_name || before_name
    }

    /// A fixed-date holiday, with or without the year after it.
    fn holiday(&self, i: usize, last: usize, month: u8, day: u8) -> Option<Found> {
        if let Some(year) = self.year_at(last).filter(|_| self.spaced(last)) {
            let date = calendar::date(year, month, day)?;
            return Self::found(i, last + 1, Expr::Fixed(Value::Day(date)));
        }
        Self::found(i, last, Expr::MonthDay { month, day })
    }

    /// What follows last/this/next at `i`.
    fn shifted(&self, i: usize, shift: Shift) -> Option<Expr> {
        let count = match shift {
            Shift::Last => -1,
            Shift::This => 0,
            Shift::Next => 1,
        };
        if !self.spaced(i) {
            return None;
        }
        Some(match self.lex(i)? {
            Lex::Unit {
                unit,
                plural: false,
            } if unit != Unit::Day => Expr::Offset { unit, count },
            Lex::Weekday(weekday) => Expr::Weekday {
                weekday,
                shift: Some(shift),
            },
            Lex::Month {
                month,
                abbrev: false,
                foreign: false,
                ..
            } if self.tok(i).is_some_and(|t| t.capitalized) => Expr::NamedMonth { month, shift },
            Lex::Season(season) => Expr::NamedSeason { season, shift },
            Lex::Kw(Kw::Night) if shift == Shift::Last => Expr::Offset {
                unit: Unit::Day,
                count: -1,
            },
            Lex::Kw(Kw::DayPart) if shift == Shift::This => Expr::Offset {
                unit: Unit::Day,
                count: 0,
            },
            _ => return None,
        })
    }

    /// A weekday, or a weekday heading a full date ("Tuesday, Nov. 29, 2016").
    fn weekday(&self, i: usize, weekday: Weekday) -> Option<Found> {
        if !self.tok(i)?.capitalized {
            return None;
        }
        // "the Sunday Times", "the Sunday Business section": a name.
        let name = self.before(i, 1).is_some_and(|t| t.lex == Lex::Kw(Kw::The))
            && self.tok(i + 1).is_some_and(|t| {
                t.capitalized
                    && t.gap == Gap::Space
                    && !matches!(t.lex, Lex::Month { .. } | Lex::Num { .. })
            });
        if name {
            return None;
        }
        let mut j = i + 1;
        if self.punct(j, ',') {
            j += 1;
        }
        if let Some(date) = self.month_first(j).or_else(|| self.day_first(j)) {
            if matches!(
                date.expr,
                Expr::Fixed(Value::Day(_)) | Expr::MonthDay { .. }
            ) {
                return Self::found(i, date.last, date.expr);
            }
        }
        Self::found(
            i,
            i + 1,
            Expr::Weekday {
                weekday,
                shift: None,
            },
        )
    }

    /// 2022-01-12 (also 2022/01/12).
    fn iso(&self, i: usize) -> Option<Found> {
        let (year, digits) = self.num(i)?;
        if digits != 4 || !(1000..=2999).contains(&year) {
            return None;
        }
        let separator = match self.lex(i + 1)? {
            Lex::Punct(c @ ('-' | '/')) => c,
            _ => return None,
        };
        let (month, month_digits) = self.num(i + 2)?;
        let (day, day_digits) = self.num(i + 4)?;
        let glued = (1..=4).all(|k| self.glued(i + k));
        if !glued || !self.punct(i + 3, separator) || month_digits > 2 || day_digits > 2 {
            return None;
        }
        let date = calendar::date(
            i64::from(year),
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )?;
        if self.continues(i + 4) {
            return None;
        }
        Self::found(i, i + 5, Expr::Fixed(Value::Day(date)))
    }

    /// 25/12/2021 or 12/25/2021: only when one of the two first numbers is
    /// over 12, so that day and month cannot be mistaken.
    fn numeric(&self, i: usize) -> Option<Found> {
        let (a, a_digits) = self.num(i)?;
        let separator = match self.lex(i + 1)? {
            Lex::Punct(c @ ('/' | '.' | '-')) => c,
            _ => return None,
        };
        let (b, b_digits) = self.num(i + 2)?;
        let year = self.year_at(i + 4)?;
        let glued = (1..=4).all(|k| self.glued(i + k));
        if !glued || !self.punct(i + 3, separator) || a_digits > 2 || b_digits > 2 {
            return None;
        }
        if self.glued(i) && matches!(self.before(i, 1).map(|t| t.lex), Some(Lex::Punct(_))) {
            return None;
        }
        let (day, month) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return None,
        };
        let date = calendar::date(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
        Self::found(i, i + 5, Expr::Fixed(Value::Day(date)))
    }

    /// A month name first: "January 12", "Jan. 12, 2022", "Nov, 29, 2016",
    /// "March 2021", "in March".
    fn month_first(&self, i: usize) -> Option<Found> {
        let token = self.tok(i)?;
        let Lex::Month {
            month,
            abbrev,
            foreign,
            needs_cue,
        } = token.lex
        else {
            return None;
        };
        if foreign || !token.capitalized {
            return None;
        }
        let mut j = i + 1;
        if abbrev && self.punct(j, '.') && self.glued(j) {
            j += 1;
        }
        // "Nov, 29, 2016": a comma before the day only with a year after.
        let comma_day = self.punct(j, ',') && self.day_at(j + 1).is_some();
        let day_index = if comma_day { j + 1 } else { j };
        if let Some((day, after)) = self.day_at(day_index).filter(|_| self.spaced(day_index)) {
            let mut k = after;
            if self.punct(k, ',') {
                k += 1;
            }
            if let Some(year) = self.year_at(k).filter(|_| self.spaced(k)) {
                if let Some(date) = calendar::date(year, month, day) {
                    return Self::found(i, k + 1, Expr::Fixed(Value::Day(date)));
                }
                return None;
            }
            if comma_day || self.bad_year(k) || calendar::date(2000, month, day).is_none() {
                return None;
            }
            return Self::found(i, after, Expr::MonthDay { month, day });
        }
        let mut k = j;
        if self.punct(k, ',') || self.kw(k, Kw::Of) {
            k += 1;
        }
        if let Some(year) = self.year_at(k).filter(|_| self.spaced(k)) {
            return Self::found(i, k + 1, Expr::Fixed(Value::Month { year, month }));
        }
        if abbrev {
            return None;
        }
        let cued = self.month_cue(i);
        let name_follows = self
            .tok(i + 1)
            .is_some_and(|t| t.capitalized && t.gap != Gap::Break);
        // Next to a number that made no date ("12 January 99999"): garbage.
        let number_near = matches!(self.before(i, 1).map(|t| t.lex), Some(Lex::Num { .. }))
            || matches!(self.lex(i + 1), Some(Lex::Num { .. }));
        if number_near {
            return None;
        }
        // "April said": a name before a verb in the past, not a month.
        let verb_follows = self
            .tok(i + 1)
            .is_some_and(|t| t.ed_form || t.lex == Lex::Kw(Kw::PastVerb));
        if cued || (!needs_cue && !name_follows && !verb_follows && token.gap != Gap::Glued) {
            // "August and October of 2015": the year of the second month.
            if let Some(year) = self.coordinated_year(i + 1) {
                return Self::found(i, i + 1, Expr::Fixed(Value::Month { year, month }));
            }
            return Self::found(i, i + 1, Expr::Month { month });
        }
        None
    }

    /// The year of a month coordinated with the one before `i`: "and
    /// October of 2015", "or October 2015".
    fn coordinated_year(&self, i: usize) -> Option<i64> {
        if !self.kw(i, Kw::Joiner) || !matches!(self.lex(i + 1), Some(Lex::Month { .. })) {
            return None;
        }
        let mut k = i + 2;
        if self.punct(k, ',') || self.kw(k, Kw::Of) {
            k += 1;
        }
        self.year_at(k).filter(|_| self.spaced(k))
    }

    /// A word before token `i` that makes a bare month or number a date:
    /// in, since, by, until, from, during, early, late, mid-, of…
    fn month_cue(&self, i: usize) -> bool {
        let Some(previous) = self.before(i, 1) else {
            return false;
        };
        match previous.lex {
            Lex::Kw(Kw::YearCue | Kw::Edge | Kw::Of | Kw::Before | Kw::After) => self.spaced(i),
            Lex::Punct('-') => {
                self.glued(i) && matches!(self.before(i, 2).map(|t| t.lex), Some(Lex::Kw(Kw::Edge)))
            }
            _ => false,
        }
    }

    /// The day first: "12 January", "12 January 2022", "22 Dec, 2016",
    /// "12th of January", "12 janvier 2022", "3 de marzo de 2021",
    /// "12. März 2022".
    fn day_first(&self, i: usize) -> Option<Found> {
        let (day, mut j) = self.day_at(i)?;
        if self.glued(i)
            && matches!(
                self.before(i, 1).map(|t| t.lex),
                Some(Lex::Punct('/' | '.' | ',' | ':' | '-' | '–') | Lex::Num { .. })
            )
        {
            return None;
        }
        if self.punct(j, '.') && self.glued(j) {
            j += 1;
        }
        if self.kw(j, Kw::Of) || self.kw(j, Kw::De) {
            j += 1;
        }
        let token = self.tok(j)?;
        let Lex::Month {
            month,
            abbrev,
            foreign,
            needs_cue,
        } = token.lex
        else {
            return None;
        };
        if token.gap == Gap::Glued
            || (!foreign && !token.capitalized)
            || (foreign && needs_cue && token.capitalized)
        {
            return None;
        }
        let mut k = j + 1;
        if abbrev && self.punct(k, '.') && self.glued(k) {
            k += 1;
        }
        let mut y = k;
        if self.punct(y, ',') || self.kw(y, Kw::De) {
            y += 1;
        }
        if let Some(year) = self.year_at(y).filter(|_| self.spaced(y)) {
            let date = calendar::date(year, month, day)?;
            return Self::found(i, y + 1, Expr::Fixed(Value::Day(date)));
        }
        calendar::date(2000, month, day)?;
        if self.bad_year(y) {
            return None;
        }
        Self::found(i, k, Expr::MonthDay { month, day })
    }

    /// "two days ago", "a week ago", "50 years ago".
    fn ago(&self, i: usize) -> Option<Found> {
        let count = match self.lex(i)? {
            Lex::Cardinal(n) => i64::from(n),
            Lex::Num {
                value: Some(n),
                digits,
            } if digits <= 4 && !self.continues(i) => i64::from(n),
            _ => return None,
        };
        let Lex::Unit { unit, .. } = self.lex(i + 1)? else {
            return None;
        };
        if !self.kw(i + 2, Kw::Ago) || !self.spaced(i + 1) || !self.spaced(i + 2) || count == 0 {
            return None;
        }
        Self::found(
            i,
            i + 3,
            Expr::Offset {
                unit,
                count: -count,
            },
        )
    }

    /// "19th century", "19th-century", "nineteenth century".
    fn century(&self, i: usize) -> Option<Found> {
        let (n, digits) = self.num(i)?;
        if digits > 2 || !self.glued(i + 1) || !self.kw(i + 1, Kw::Suffix) {
            return None;
        }
        self.century_after(i, n, i + 2)
    }

    fn ordinal(&self, i: usize) -> Option<Found> {
        let Lex::Ordinal(n) = self.lex(i)? else {
            return None;
        };
        self.century_after(i, u32::from(n), i + 1)
            .or_else(|| self.quarter_ordinal(i, n))
    }

    fn century_after(&self, i: usize, n: u32, mut j: usize) -> Option<Found> {
        if self.punct(j, '-') && self.glued(j) {
            j += 1;
        }
        let is_century = matches!(
            self.lex(j),
            Some(Lex::Unit {
                unit: Unit::Century,
                plural: false
            })
        );
        if !is_century || !(1..=30).contains(&n) {
            return None;
        }
        Self::found(i, j + 1, Expr::Fixed(Value::Century(i64::from(n) - 1)))
    }

    /// "first quarter (of 2021)", "third-quarter", "first half of 2021".
    fn quarter_ordinal(&self, i: usize, n: u8) -> Option<Found> {
        let mut j = i + 1;
        if self.punct(j, '-') && self.glued(j) {
            j += 1;
        }
        let quarter = matches!(
            self.lex(j),
            Some(Lex::Unit {
                unit: Unit::Quarter,
                plural: false
            })
        );
        let half = self.kw(j, Kw::Half);
        if !(quarter && (1..=4).contains(&n) || half && (1..=2).contains(&n)) {
            return None;
        }
        let year = self
            .kw(j + 1, Kw::Of)
            .then(|| self.year_at(j + 2))
            .flatten();
        match (year, quarter) {
            (Some(year), true) => {
                Self::found(i, j + 3, Expr::Fixed(Value::Quarter { year, quarter: n }))
            }
            (Some(year), false) => {
                Self::found(i, j + 3, Expr::Fixed(Value::Half { year, half: n }))
            }
            (None, true) => Self::found(i, j + 1, Expr::Quarter { quarter: n }),
            (None, false) => None,
        }
    }

    /// "Q3", "Q3 2021".
    fn quarter_q(&self, i: usize) -> Option<Found> {
        if !self.tok(i)?.capitalized || !self.spaced(i) || !self.glued(i + 1) {
            return None;
        }
        let (n, digits) = self.num(i + 1)?;
        if digits != 1 || !(1..=4).contains(&n) || self.continues(i + 1) {
            return None;
        }
        let quarter = u8::try_from(n).ok()?;
        if let Some(year) = self.year_at(i + 2).filter(|_| self.spaced(i + 2)) {
            return Self::found(i, i + 3, Expr::Fixed(Value::Quarter { year, quarter }));
        }
        Self::found(i, i + 2, Expr::Quarter { quarter })
    }

    /// "summer 2014", "the spring of 2014", and a season alone after "the"
    /// or a preposition ("during the summer", "in spring"; not "the fall
    /// of Rome", "a fall in prices").
    fn season(&self, i: usize, season: Season) -> Option<Found> {
        let mut j = i + 1;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        if let Some(year) = self.year_at(j).filter(|_| self.spaced(j)) {
            return Self::found(i, j + 1, Expr::Fixed(Value::Season { year, season }));
        }
        let cued = matches!(
            self.before(i, 1).map(|t| t.lex),
            Some(Lex::Kw(Kw::The | Kw::YearCue | Kw::Edge))
        );
        let followed = matches!(
            self.lex(i + 1),
            Some(Lex::Kw(Kw::Of | Kw::YearCue) | Lex::Num { .. })
        );
        if cued && !followed && self.spaced(i) {
            return Self::found(i, i + 1, Expr::Season { season });
        }
        None
    }

    /// "in ’91", "since '99", "the class of '08": a two-digit year after an
    /// apostrophe, read as 19xx from 30 up and 20xx below.
    fn short_year(&self, i: usize) -> Option<Found> {
        let cued = matches!(
            self.before(i, 1).map(|t| t.lex),
            Some(Lex::Kw(Kw::YearCue | Kw::Of | Kw::The | Kw::Edge) | Lex::Season(_))
        );
        if !cued || !self.spaced(i) || !self.glued(i + 1) || self.continues(i + 1) {
            return None;
        }
        let (value, digits) = self.num(i + 1)?;
        if digits != 2 {
            return None;
        }
        let value = i64::from(value);
        let year = if value >= 30 {
            1900 + value
        } else {
            2000 + value
        };
        Self::found(i, i + 2, Expr::Fixed(Value::Year(year)))
    }

    /// "1990s" (decade 199), "1800s" (century 18), "1990's".
    fn decade(&self, i: usize) -> Option<Found> {
        let (value, digits) = self.num(i)?;
        if digits != 4 || value % 10 != 0 || !(1000..=2990).contains(&value) {
            return None;
        }
        let mut j = i + 1;
        if self.glued(j) && matches!(self.lex(j), Some(Lex::Punct('\'' | '’'))) {
            j += 1;
        }
        if !self.glued(j) || !self.kw(j, Kw::S) {
            return None;
        }
        let value = i64::from(value);
        let expr = if value % 100 == 0 && value != 2000 {
            Expr::Fixed(Value::Century(value / 100))
        } else {
            Expr::Fixed(Value::Decade(value / 10))
        };
        Self::found(i, j + 1, expr)
    }

    /// "'90s" (decade 199), "’00s" (decade 200).
    fn short_decade(&self, i: usize) -> Option<Found> {
        if !self.spaced(i) || !self.glued(i + 1) || !self.glued(i + 2) || !self.kw(i + 2, Kw::S) {
            return None;
        }
        let (value, digits) = self.num(i + 1)?;
        if digits != 2 || value % 10 != 0 {
            return None;
        }
        let value = i64::from(value);
        let decade = if value >= 20 {
            190 + value / 10
        } else {
            200 + value / 10
        };
        Self::found(i, i + 3, Expr::Fixed(Value::Decade(decade)))
    }

    /// A bare four-digit number read as a year: after a cue ("in 2008",
    /// "since 1999", "the 2008 summit", "from 2011 to 2013"), or alone when
    /// it lies in 1900..=2100 and is followed by punctuation, a capitalised
    /// word or the end (not "2000 people", "1800 x 1920").
    fn year(&self, i: usize) -> Option<Found> {
        let year = self.year_at(i)?;
        let previous = self.before(i, 1);
        if self.glued(i) {
            match previous.map(|t| t.lex) {
                // "2011-2013": the second year of a range.
                Some(Lex::Punct('-' | '–')) => {
                    let range = self
                        .before(i, 2)
                        .is_some_and(|_| self.year_at(i - 2).is_some());
                    let mid = matches!(self.before(i, 2).map(|t| t.lex), Some(Lex::Kw(Kw::Edge)));
                    if range || mid {
                        return Self::found(i, i + 1, Expr::Fixed(Value::Year(year)));
                    }
                    return None;
                }
                Some(Lex::Punct('(' | '[' | '"' | '“' | '\'' | '‘')) | None => {}
                _ => return None,
            }
        }
        let cued = match previous.map(|t| t.lex) {
            Some(Lex::Kw(Kw::YearCue | Kw::Edge | Kw::Of | Kw::The | Kw::Before | Kw::After)) => {
                true
            }
            Some(Lex::Kw(Kw::Joiner | Kw::To)) => i >= 2 && self.year_at(i - 2).is_some(),
            Some(Lex::Season(_)) => true,
            // "his 2020 campaign", "Biden’s 2020 campaign".
            Some(Lex::Kw(Kw::Determiner)) => true,
            Some(Lex::Kw(Kw::S)) => {
                self.glued(i - 1)
                    && matches!(
                        self.before(i, 2).map(|t| t.lex),
                        Some(Lex::Punct('\'' | '’'))
                    )
            }
            _ => false,
        } && !self.glued(i);
        let next = self.tok(i + 1);
        let size = matches!(
            next.map(|t| t.lex),
            Some(Lex::Kw(Kw::Times) | Lex::Punct('×' | '*'))
        );
        if size {
            return None;
        }
        if cued {
            return Self::found(i, i + 1, Expr::Fixed(Value::Year(year)));
        }
        let after_size = matches!(
            previous.map(|t| t.lex),
            Some(Lex::Kw(Kw::Times) | Lex::Num { .. } | Lex::Punct('×' | '*' | '=' | '+'))
        );
        let ends = match next {
            None => true,
            Some(t) if t.gap == Gap::Break => true,
            Some(t) => match t.lex {
                Lex::Punct(c) => !matches!(c, '%' | '×' | '*' | '=' | '+' | '/'),
                Lex::Kw(Kw::Times) => false,
                _ => t.capitalized,
            },
        };
        if (1900..=2100).contains(&year) && ends && !after_size {
            return Self::found(i, i + 1, Expr::Fixed(Value::Year(year)));
        }
        None
    }
}
