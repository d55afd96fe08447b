//! Plain-text building blocks: aligned columns and the spelling of dollars, prices, ratios and plain numbers.

/// Gap between columns.
const GAP: &str = "  ";

/// Lays out rows as left-aligned columns, each line indented by `indent`, without trailing spaces.
///
/// Widths count characters, not bytes, so `×`, `η` and `—` align like ASCII.
pub fn columns(rows: &[Vec<String>], indent: &str) -> String {
    let column_count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..column_count)
        .map(|i| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str(GAP);
            }
            line.push_str(cell);
            let width = widths.get(i).copied().unwrap_or(0);
            let padding = width.saturating_sub(cell.chars().count());
            line.extend(std::iter::repeat_n(' ', padding));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Dollars to the cent with thousands separators: `$23,328.00`.
pub fn usd(value: f64) -> String {
    money(value, 2, 2)
}

/// Dollars with every decimal the amount has (at least two): `$32.40`, `$22.1224`. For the
/// operands of a printed formula, which must be the numbers really multiplied.
pub fn exact_usd(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    // `{}` prints the shortest decimal that reads back as the same f64, never in exponent form.
    let sign = if value < 0.0 { "-" } else { "" };
    let shortest = format!("{}", value.abs());
    let fixed = if shortest.contains('.') {
        trim_decimals(&shortest, 2)
    } else {
        format!("{shortest}.00")
    };
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    format!("{sign}${}.{fraction}", group_thousands(whole))
}

/// A unit price with two to four decimals: `$2.70`, `$11.0612`.
pub fn price(value: f64) -> String {
    money(value, 2, 4)
}

/// A ratio with two decimals: `3.00×`.
pub fn ratio(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}×")
    } else {
        "n/a".to_string()
    }
}

/// A number with every decimal it has: `720`, `730.5`, `0.8125`. For formula operands.
pub fn exact_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "n/a".to_string()
    }
}

/// A plain number with up to three decimals and no trailing zeros: `7.5`, `21`, `0.8`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    trim_decimals(&format!("{value:.3}"), 0)
}

/// A dollar figure with `min` to `max` decimals and thousands separators.
fn money(value: f64, min_decimals: usize, max_decimals: usize) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let fixed = trim_decimals(&format!("{:.*}", max_decimals, value.abs()), min_decimals);
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    format!("{sign}${}{fraction}", group_thousands(whole))
}

/// Drops trailing fractional zeros, keeping at least `min_decimals` decimals (and the point only if any remain).
fn trim_decimals(fixed: &str, min_decimals: usize) -> String {
    let Some((whole, fraction)) = fixed.split_once('.') else {
        return fixed.to_string();
    };
    let mut fraction = fraction.trim_end_matches('0').to_string();
    while fraction.len() < min_decimals {
        fraction.push('0');
    }
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// `23328` → `23,328`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars() {
        assert_eq!(usd(23_328.0), "$23,328.00");
        assert_eq!(usd(11_332.8), "$11,332.80");
        assert_eq!(usd(428.571_428), "$428.57");
        assert_eq!(usd(1_234_567.891), "$1,234,567.89");
        assert_eq!(usd(0.7), "$0.70");
        assert_eq!(usd(-5.5), "-$5.50");
        assert_eq!(usd(f64::NAN), "n/a");
    }

    #[test]
    fn exact_dollars_keep_every_decimal() {
        assert_eq!(exact_usd(32.4), "$32.40");
        assert_eq!(exact_usd(22.1224), "$22.1224");
        assert_eq!(exact_usd(15_928.128), "$15,928.128");
        assert_eq!(exact_usd(3.0), "$3.00");
    }

    #[test]
    fn prices() {
        assert_eq!(price(2.70), "$2.70");
        assert_eq!(price(11.0612), "$11.0612");
        assert_eq!(price(88.49), "$88.49");
        assert_eq!(price(15.74 / 12.0), "$1.3117");
    }

    #[test]
    fn numbers_and_ratios() {
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(21.0), "21");
        assert_eq!(number(720.0), "720");
        assert_eq!(number(0.8), "0.8");
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(ratio(2.8), "2.80×");
        assert_eq!(ratio(f64::INFINITY), "n/a");
    }

    #[test]
    fn columns_align_by_characters() {
        let rows = vec![
            vec!["η".to_string(), "1".to_string(), "x".to_string()],
            vec!["long label".to_string(), "22".to_string(), String::new()],
        ];
        assert_eq!(
            columns(&rows, "  "),
            "  η           1   x\n  long label  22\n"
        );
    }
}
