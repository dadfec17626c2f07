//! Exact rational numbers. Money and shares are never floats: a budget of
//! ¥5M split 33.3% / 33.3% / 33.4% must add up to exactly ¥5M, and a sum of
//! a thousand campaign budgets must not drift by a fen. Values are `i128`
//! fractions kept in lowest terms; every operation is checked, so a value too
//! large to represent is reported instead of wrapping, and comparison is
//! exact even where the cross products would not fit in `i128`.

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
            num = num
                .checked_mul(10)?
                .checked_add(i128::from(c.to_digit(10)?))?;
        }
        for c in frac.chars().filter(|c| *c != '_') {
            num = num
                .checked_mul(10)?
                .checked_add(i128::from(c.to_digit(10)?))?;
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
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(l), Some(r)) => l.cmp(&r),
            _ => cmp_by_parts(*self, *o),
        }
    }
}

/// `a` against `b` exactly without multiplying: the integer parts first;
/// when they are equal, the fractional parts `r/s` and `t/u` compare as
/// their reciprocals `u/t` and `s/r` do, which is the same question on
/// smaller numbers (the steps of a continued fraction). Every value stays
/// within the operands' range, so nothing can overflow.
fn cmp_by_parts(a: Ratio, b: Ratio) -> Ordering {
    // Denominators are positive (`Ratio::new` makes them so).
    let (mut a, mut b) = ((a.num, a.den), (b.num, b.den));
    let mut reversed = false;
    loop {
        let whole = a.0.div_euclid(a.1).cmp(&b.0.div_euclid(b.1));
        let (ra, rb) = (a.0.rem_euclid(a.1), b.0.rem_euclid(b.1));
        let ord = match whole {
            Ordering::Equal if ra != 0 && rb != 0 => {
                (a, b) = ((a.1, ra), (b.1, rb));
                reversed = !reversed;
                continue;
            }
            Ordering::Equal => ra.cmp(&rb),
            unequal => unequal,
        };
        return if reversed { ord.reverse() } else { ord };
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

    /// Past `i128` cross products the order is still exact: two values
    /// that round to the same `f64` (1.0) are told apart, and only equal
    /// values compare equal.
    #[test]
    #[allow(
        clippy::float_cmp,
        clippy::cast_precision_loss,
        reason = "shows that f64 cannot tell the two values apart"
    )]
    fn order_is_exact_where_cross_products_overflow() {
        let m = i128::MAX;
        let a = Ratio::new(m, m - 1).unwrap();
        let b = Ratio::new(m - 1, m - 2).unwrap();
        assert_eq!(a.numer() as f64 / a.denom() as f64, 1.0);
        assert_eq!(b.numer() as f64 / b.denom() as f64, 1.0);
        assert!(a.numer().checked_mul(b.denom()).is_none());
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert_eq!(b.cmp(&a), Ordering::Greater);
        let (na, nb) = (
            Ratio::new(-m, m - 1).unwrap(),
            Ratio::new(-(m - 1), m - 2).unwrap(),
        );
        assert_eq!(na.cmp(&nb), Ordering::Greater);
        assert_eq!(na.cmp(&a), Ordering::Less);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        // Equal integer parts and remainders that need several steps.
        let c = Ratio::new(m, 3).unwrap();
        let e = Ratio::new(m - 2, 3).unwrap();
        assert_eq!(c.cmp(&e), Ordering::Greater);
        assert_eq!(
            Ratio::new(1, m)
                .unwrap()
                .cmp(&Ratio::new(1, m - 1).unwrap()),
            Ordering::Less
        );
    }

    proptest::proptest! {
        /// The overflow-free comparison agrees with cross products
        /// wherever those fit.
        #[test]
        fn comparing_by_parts_agrees_with_cross_products(
            a in -1_000_000_000_000i128..1_000_000_000_000,
            b in 1i128..1_000_000_000_000,
            c in -1_000_000_000_000i128..1_000_000_000_000,
            d in 1i128..1_000_000_000_000,
        ) {
            let (x, y) = (Ratio::new(a, b).unwrap(), Ratio::new(c, d).unwrap());
            proptest::prop_assert_eq!(cmp_by_parts(x, y), (a * d).cmp(&(c * b)));
            proptest::prop_assert_eq!(cmp_by_parts(x, x), Ordering::Equal);
        }
    }

    #[test]
    fn parse_rejects_junk() {
        assert!(Ratio::parse_decimal("1.2.3").is_none());
        assert!(Ratio::parse_decimal("").is_none());
        assert_eq!(d("1_200"), Ratio::int(1200));
    }
}
