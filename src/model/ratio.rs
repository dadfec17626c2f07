//! Exact rational numbers. Money and shares are never floats: a budget of
//! ¥5M split 33.3% / 33.3% / 33.4% must add up to exactly ¥5M, and a sum of
//! a thousand campaign budgets must not drift by a fen. Values are `i128`
//! fractions kept in lowest terms; every operation is checked, so a value too
//! large to represent is reported instead of wrapping.

use std::cmp::Ordering;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };
    pub const HUNDRED: Ratio = Ratio { num: 100, den: 1 };

    /// `num / den`, reduced; `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (mut num, mut den) = (num / g, den / g);
        if den < 0 {
            num = num.checked_neg()?;
            den = den.checked_neg()?;
        }
        Some(Ratio { num, den })
    }

    pub fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub fn numer(self) -> i128 {
        self.num
    }

    pub fn denom(self) -> i128 {
        self.den
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    pub fn checked_add(self, o: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, o.den).max(1);
        let den = (self.den / g).checked_mul(o.den)?;
        let a = self.num.checked_mul(o.den / g)?;
        let b = o.num.checked_mul(self.den / g)?;
        Ratio::new(a.checked_add(b)?, den)
    }

    pub fn checked_sub(self, o: Ratio) -> Option<Ratio> {
        self.checked_add(Ratio {
            num: o.num.checked_neg()?,
            den: o.den,
        })
    }

    pub fn checked_mul(self, o: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(o.num / g2)?;
        let den = (self.den / g2).checked_mul(o.den / g1)?;
        Ratio::new(num, den)
    }

    pub fn checked_div(self, o: Ratio) -> Option<Ratio> {
        if o.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: o.den,
            den: o.num,
        })
    }

    pub fn abs(self) -> Ratio {
        Ratio {
            num: self.num.abs(),
            den: self.den,
        }
    }

    /// Rounded half away from zero to `places` decimal places, as a scaled integer.
    pub fn round_scaled(self, places: u32) -> Option<i128> {
        let scale = 10i128.checked_pow(places)?;
        let n = self.num.checked_mul(scale)?;
        let (q, r) = (n / self.den, n % self.den);
        let twice = r.abs().checked_mul(2)?;
        Some(if twice >= self.den { q + n.signum() } else { q })
    }

    /// Decimal text rounded half-up to at most `places` places, trailing zeros trimmed.
    pub fn to_decimal_string(self, places: u32) -> String {
        let Some(scaled) = self.round_scaled(places) else {
            return format!("{}/{}", self.num, self.den);
        };
        let scale = 10i128.pow(places);
        let sign = if scaled < 0 { "-" } else { "" };
        let (int, frac) = (scaled.abs() / scale, scaled.abs() % scale);
        if places == 0 || frac == 0 {
            return format!("{sign}{int}");
        }
        let frac = format!("{:0width$}", frac, width = places as usize);
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }

    /// Parses `123`, `1_200`, `1.25`, `-0.5` exactly.
    pub fn parse_decimal(text: &str) -> Option<Ratio> {
        let (neg, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let mut num: i128 = 0;
        let mut den: i128 = 1;
        for c in int.chars().filter(|c| *c != '_') {
            num = num.checked_mul(10)?.checked_add(c.to_digit(10)? as i128)?;
        }
        for c in frac.chars().filter(|c| *c != '_') {
            num = num.checked_mul(10)?.checked_add(c.to_digit(10)? as i128)?;
            den = den.checked_mul(10)?;
        }
        Ratio::new(if neg { -num } else { num }, den)
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, o: &Ratio) -> Ordering {
        // Compare a/b with c/d without overflow by falling back to division.
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(l), Some(r)) => l.cmp(&r),
            _ => {
                let l = self.num as f64 / self.den as f64;
                let r = o.num as f64 / o.den as f64;
                l.partial_cmp(&r).unwrap_or(Ordering::Equal)
            }
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string(4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Ratio {
        Ratio::parse_decimal(s).unwrap()
    }

    #[test]
    fn thirds_add_up_exactly() {
        let sum = d("33.3")
            .checked_add(d("33.3"))
            .unwrap()
            .checked_add(d("33.4"))
            .unwrap();
        assert_eq!(sum, Ratio::HUNDRED);
    }

    #[test]
    fn rounding_is_half_up_at_display() {
        assert_eq!(d("2.345").to_decimal_string(2), "2.35");
        assert_eq!(d("-2.345").to_decimal_string(2), "-2.35");
        assert_eq!(d("2.344").to_decimal_string(2), "2.34");
        assert_eq!(d("1200000").to_decimal_string(2), "1200000");
    }

    #[test]
    fn overflow_is_reported() {
        let big = Ratio::int(i128::MAX / 2);
        assert!(big.checked_mul(Ratio::int(4)).is_none());
        assert!(Ratio::parse_decimal("9999999999999999999999999999999999999999999").is_none());
    }

    #[test]
    fn parse_rejects_junk() {
        assert!(Ratio::parse_decimal("1.2.3").is_none());
        assert!(Ratio::parse_decimal("").is_none());
        assert_eq!(d("1_200"), Ratio::int(1200));
    }
}
