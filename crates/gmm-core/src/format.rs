//! Numbers as people read them: in a message, a caption or an axis label, a number takes at most about
//! ten characters whatever its magnitude (`1e+300`, not a 301-digit integer).

/// At most 4 significant digits, plain between `1e-3` and `1e5` (trailing zeros dropped: `10`, `0.25`),
/// scientific outside (`1.235e+100`, `-2e-7`); `NaN`, `inf` and `-inf` as such.
///
/// The longest result is 11 characters (`-1.235e-100`).
pub fn short_number(v: f64) -> String {
    with_digits(v, 4)
}

/// As [`short_number`] with `digits` significant digits (1 to 17).
pub fn with_digits(v: f64, digits: usize) -> String {
    let digits = digits.clamp(1, 17);
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return "0".into();
    }
    if (1e-3..1e5).contains(&v.abs()) {
        let decimals = (digits as i32 - 1 - v.abs().log10().floor() as i32).clamp(0, 20) as usize;
        let s = format!("{v:.decimals$}");
        // Rounding can carry into a sixth integer digit (99999.7 -> "100000"): that one goes scientific.
        if s.trim_start_matches('-').split('.').next().map_or(0, str::len) <= digits.max(5) {
            return trim_zeros(&s);
        }
    }
    scientific(v, digits)
}

/// A duration in seconds with 3 significant digits in the unit that reads best: `200 µs`, `2.05 ms`,
/// `1.3 s`, `3 min`, `2.5 h` (`short_number` of the hours beyond 1e5 h, or of the seconds for a negative or
/// non-finite value).
pub fn duration(seconds: f64) -> String {
    match seconds {
        s if (0.0..1e-3).contains(&s) => format!("{} µs", with_digits(s * 1e6, 3)),
        s if (1e-3..1.0).contains(&s) => format!("{} ms", with_digits(s * 1e3, 3)),
        s if (1.0..60.0).contains(&s) => format!("{} s", with_digits(s, 3)),
        s if (60.0..3600.0).contains(&s) => format!("{} min", with_digits(s / 60.0, 3)),
        s if s >= 3600.0 && s.is_finite() => format!("{} h", with_digits(s / 3600.0, 3)),
        s => format!("{} s", short_number(s)),
    }
}

/// Scientific notation with `digits` significant digits (1 to 17), trailing zeros dropped: `1.2e+100`,
/// `-5e-7`, `2.5e+0`; `0`, `NaN`, `inf` and `-inf` as [`short_number`] writes them. With 2 digits the
/// longest result is 9 characters (`-1.2e-100`).
pub fn scientific(v: f64, digits: usize) -> String {
    if v == 0.0 || !v.is_finite() {
        return short_number(v);
    }
    let s = format!("{:.*e}", digits.clamp(1, 17) - 1, v);
    let (mantissa, exponent) = s.split_once('e').expect("scientific format has an exponent");
    let exponent: i32 = exponent.parse().expect("an integer exponent");
    format!("{}e{exponent:+}", trim_zeros(mantissa))
}

/// A number in a sentence: as [`short_number`], except that values from 1,000 up to a billion are rounded
/// to whole numbers with thousands separated (`74,309`), as prose writes counts beside them.
pub fn in_prose(v: f64) -> String {
    if v.is_finite() && (1e3..1e9).contains(&v.abs()) {
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}{}", count(v.abs().round() as usize))
    } else {
        short_number(v)
    }
}

/// A count with thousands separated by commas, as English prose writes it: `4,732`, `1,000,000`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A value given where a count belongs: a whole number below `1e12` in full (`2000000000`, as a count is
/// read), anything else by [`short_number`] (`2.5`, `1e+300`).
pub fn short_count(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e12 {
        format!("{v}")
    } else {
        short_number(v)
    }
}

/// A value as a message shows it: a count in full (`5000`), any other number by [`short_number`].
pub trait ShortDisplay {
    fn short(&self) -> String;
}

impl ShortDisplay for f64 {
    fn short(&self) -> String {
        short_number(*self)
    }
}

impl ShortDisplay for usize {
    fn short(&self) -> String {
        self.to_string()
    }
}

impl ShortDisplay for u64 {
    fn short(&self) -> String {
        self.to_string()
    }
}

/// `1.2500` -> `1.25`, `10.00` -> `10`, `100` stays `100`.
fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_in_the_usual_range_scientific_outside() {
        assert_eq!(short_number(1.0), "1");
        assert_eq!(short_number(0.25), "0.25");
        assert_eq!(short_number(1.6304), "1.63");
        assert_eq!(short_number(223.456), "223.5");
        assert_eq!(short_number(-0.0012346), "-0.001235");
        assert_eq!(short_number(12345.0), "12345");
        assert_eq!(short_number(1e300), "1e+300");
        assert_eq!(short_number(-1.23456e100), "-1.235e+100");
        assert_eq!(short_number(2e-7), "2e-7");
        assert_eq!(short_number(f64::NAN), "NaN");
        assert_eq!(short_number(f64::NEG_INFINITY), "-inf");
        assert_eq!(with_digits(0.123456, 2), "0.12");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(4732), "4,732");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(in_prose(74309.4), "74,309");
        assert_eq!(in_prose(-2500.0), "-2,500");
        assert_eq!(in_prose(733.7), "733.7");
        assert_eq!(in_prose(2e9), "2e+9");
        assert_eq!(scientific(1.23456e100, 2), "1.2e+100");
        assert_eq!(scientific(-5e-7, 3), "-5e-7");
        assert_eq!(scientific(2.5, 2), "2.5e+0");
        assert_eq!(scientific(0.0, 2), "0");
    }

    #[test]
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(duration(2e-4), "200 µs");
        assert_eq!(duration(2.049e-3), "2.05 ms");
        assert_eq!(duration(1.3), "1.3 s");
        assert_eq!(duration(180.0), "3 min");
        assert_eq!(duration(9000.0), "2.5 h");
        assert_eq!(duration(0.0), "0 µs");
        assert_eq!(duration(f64::INFINITY), "inf s");
    }

    #[test]
    fn counts_in_full_other_values_short() {
        assert_eq!(short_count(2e9), "2000000000");
        assert_eq!(short_count(-5.0), "-5");
        assert_eq!(short_count(2.5), "2.5");
        assert_eq!(short_count(1e300), "1e+300");
        assert_eq!(short_count(f64::NAN), "NaN");
        assert_eq!(1e300f64.short(), "1e+300");
        assert_eq!(123_456_789_usize.short(), "123456789");
    }

    #[test]
    fn never_longer_than_eleven_characters() {
        let mut v = f64::MIN_POSITIVE;
        while v.is_finite() {
            for x in [v, -v, v * 1.23456789, -v * 9.87654321]
                .into_iter()
                .filter(|x| x.is_finite())
            {
                let s = short_number(x);
                assert!(s.len() <= 11, "{x:e} gave {s:?}");
                let back: f64 = s.parse().expect("parses back");
                assert!(((back - x) / x).abs() < 1e-3, "{x:e} gave {s:?}");
            }
            v *= 7.3;
        }
    }
}
