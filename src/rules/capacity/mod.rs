//! Capacity rules: people over their weekly hours, channels whose weekly
//! slots leave less than the reserve free, channels over their daily
//! posting limit. All count the items of the `Schedule`.

pub mod over_capacity;
pub mod posting_limit;
pub mod reserve;

use std::collections::BTreeMap;

use chrono::{Datelike, IsoWeek, NaiveDate};

/// Groups item indices by (key, ISO week).
pub fn by_week<K: Ord + Copy>(
    entries: impl Iterator<Item = (K, NaiveDate, usize)>,
) -> BTreeMap<(K, (i32, u32)), Vec<usize>> {
    let mut out: BTreeMap<(K, (i32, u32)), Vec<usize>> = BTreeMap::new();
    for (k, d, i) in entries {
        let w: IsoWeek = d.iso_week();
        out.entry((k, (w.year(), w.week()))).or_default().push(i);
    }
    out
}

pub fn week_text((y, w): (i32, u32)) -> String {
    format!("{y}-W{w:02}")
}
