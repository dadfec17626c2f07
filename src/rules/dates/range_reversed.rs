//! A date range whose end comes before its start, such as
//! `2027-08-31..2027-07-01` or `launch..launch - 3d`. The message gives both
//! computed dates.
//!
//! <!-- zh-CN -->
//! 日期范围的结束早于开始，
//! 比如 `2027-08-31..2027-07-01` 或 `launch..launch - 3d`。
//! 诊断会给出算出来的两个日期。
