//! Date-Time values (KMIP 1.1 §9.1.1.4: a Long Integer of seconds since the POSIX epoch) as
//! RFC 3339 / ISO 8601 text, both ways: the one place the toolkit converts them (the pretty
//! printer, KMIP's XML and JSON encodings, the example programs' logs).

use core::fmt;

/// A POSIX time printed as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC). Every `i64`
/// prints (years beyond 9999 or before 0 with more digits or a sign).
///
/// ```
/// use kmip_ttlv::date_time::Rfc3339;
/// // KMIP 1.1 §9.1.2: Friday, March 14, 2008, 11:56:40 GMT.
/// assert_eq!(Rfc3339(0x47DA_67F8).to_string(), "2008-03-14T11:56:40Z");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rfc3339(pub i64);

impl fmt::Display for Rfc3339 {
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "i128 arithmetic on a value derived from an i64 cannot overflow"
    )]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Days to civil date (H. Hinnant's algorithm), in i128 so no input overflows.
        let secs = i128::from(self.0);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i128::from(month <= 2);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

/// Parses an ISO 8601 / XML Schema `dateTime` as KMIP's XML and JSON encodings write it:
/// `-?YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|(+|-)HH:MM)?`, a missing zone meaning UTC, a
/// fraction ignored (KMIP times are whole seconds). Returns seconds since the POSIX epoch, or
/// `None` for anything else (a field out of range, a time outside `i64`).
///
/// ```
/// use kmip_ttlv::date_time::parse;
/// assert_eq!(parse("2008-03-14T11:56:40Z"), Some(0x47DA_67F8));
/// assert_eq!(parse("2001-01-01T10:00:00+10:00"), Some(978_307_200));
/// assert_eq!(parse("2001-02-30T10:00:00Z"), None);
/// ```
#[allow(
    clippy::arithmetic_side_effects,
    reason = "every field is range-checked (at most nine-digit years, two-digit times) before \
              the arithmetic, which is in i128 where it could grow"
)]
pub fn parse(text: &str) -> Option<i64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (date, rest) = rest.split_once('T')?;
    let mut parts = date.splitn(3, '-');
    let year: i64 = digits(parts.next()?, 4, 9)?;
    let month: i64 = digits(parts.next()?, 2, 2)?;
    let day: i64 = digits(parts.next()?, 2, 2)?;
    let year = if negative { year.checked_neg()? } else { year };
    let time = rest.get(..8)?;
    let zone = rest.get(8..)?;
    let mut hms = time.split(':');
    let hour: i64 = digits(hms.next()?, 2, 2)?;
    let minute: i64 = digits(hms.next()?, 2, 2)?;
    let second: i64 = digits(hms.next()?, 2, 2)?;
    // A fraction of a second, then the zone.
    let zone = match zone.strip_prefix('.') {
        Some(fraction) => {
            let end = fraction
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            if end == 0 {
                return None;
            }
            fraction.get(end..)?
        }
        None => zone,
    };
    let offset = match zone {
        "" | "Z" => 0,
        _ => {
            let (sign, hhmm) = match zone.split_at_checked(1)? {
                ("+", hhmm) => (1, hhmm),
                ("-", hhmm) => (-1, hhmm),
                _ => return None,
            };
            let (hh, mm) = hhmm.split_once(':')?;
            let (hh, mm): (i64, i64) = (digits(hh, 2, 2)?, digits(mm, 2, 2)?);
            if hh > 23 || mm > 59 {
                return None;
            }
            sign * (hh * 3600 + mm * 60)
        }
    };
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=month_days).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = i128::from(days_from_civil(year, month, day));
    let secs = days * 86_400 + i128::from(hour * 3600 + minute * 60 + second) - i128::from(offset);
    i64::try_from(secs).ok()
}

/// `count` to `max` ASCII digits, as a number.
fn digits(text: &str, count: usize, max: usize) -> Option<i64> {
    if text.len() < count || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm); the year is
/// at most nine digits, so nothing overflows.
#[allow(
    clippy::arithmetic_side_effects,
    reason = "a year of at most nine digits keeps every intermediate far inside i64"
)]
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints() {
        assert_eq!(Rfc3339(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Rfc3339(0x47DA_67F8).to_string(), "2008-03-14T11:56:40Z");
        assert_eq!(Rfc3339(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(Rfc3339(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        // Extremes print without overflowing.
        assert!(Rfc3339(i64::MIN).to_string().ends_with('Z'));
        assert!(Rfc3339(i64::MAX).to_string().ends_with('Z'));
    }

    #[test]
    fn parses_what_it_prints_and_the_xml_forms() {
        for t in [
            0,
            -1,
            1,
            0x47DA_67F8,
            951_782_400,
            253_402_300_799,
            -62_135_596_800,
        ] {
            assert_eq!(parse(&Rfc3339(t).to_string()), Some(t), "{t}");
        }
        // The OASIS test vectors' forms.
        assert_eq!(parse("2012-04-27T08:12:24+00:00"), Some(1_335_514_344));
        assert_eq!(parse("2012-04-27T08:12:24"), Some(1_335_514_344));
        assert_eq!(parse("2012-04-27T08:12:24.123Z"), Some(1_335_514_344));
        assert_eq!(parse("2012-04-27T10:12:24+02:00"), Some(1_335_514_344));
        assert_eq!(parse("2012-04-27T06:12:24-02:00"), Some(1_335_514_344));
        for bad in [
            "",
            "2012-04-27",
            "2012-13-01T00:00:00Z",
            "2012-04-31T00:00:00Z",
            "2013-02-29T00:00:00Z",
            "2012-04-27T24:00:00Z",
            "2012-04-27T08:12:24+0000",
            "2012-04-27T08:12:24.Z",
            "2012-04-27T08:12:24X",
            "12-04-27T08:12:24Z",
            "+2012-04-27T08:12:24Z",
            "2012-04-27T08:12:2",
            "9999999999-12-31T23:59:59Z",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse("2000-02-29T00:00:00Z"), Some(951_782_400));
    }
}
