//! A value of the wrong TOML type: a number where a string is expected, a
//! string where a table is expected. Dates, amounts and shares are written as
//! strings (`date = "2027-05-10"`, `share = "60%"`) because they use almanac's
//! expression language; counts (`slots_per_week = 7`) are integers.
