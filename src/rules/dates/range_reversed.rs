//! A date range whose end comes before its start, such as
//! `2027-08-31..2027-07-01` or `launch..launch - 3d`. The message gives both
//! computed dates.
