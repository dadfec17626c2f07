//! The calendar a plan is scheduled on: China's official holidays and make-up
//! workdays (调休), the built-in marketing moments (fixed dates, rules such as
//! "2nd Sunday of May", and lunar festivals from a table), and workday
//! arithmetic over a plan's working week. The facts are data files under
//! `data/calendar/` (sources named in `data/README.md`), compiled into the
//! binary and parsed once; this module only reads and computes.

mod moments;
mod official;
mod statutory;
mod table;
mod workdays;

pub use moments::{
    BuiltinMoment, MomentKind, MomentRule, builtin_moments, find_moment, lunar_years, moment_date,
    nth_weekday_of_month,
};
pub use official::{
    DayKind, OfficialDay, cn_has_official_schedule, cn_official_day, cn_official_days,
};
pub use statutory::{Statutory, cn_is_provisional, cn_statutory};
pub use workdays::{Lead, WorkCalendar, WorkWeek, add_days, month_end};
