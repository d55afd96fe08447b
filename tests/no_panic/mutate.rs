//! A deterministic mutator of specs (TOML) and manifests (YAML): the same seed file and random
//! number generator state always give the same mutant. Mutations aim at what breaks parsers and the
//! stages after them: flipped bytes, lines deleted, duplicated or swapped, numbers at their extremes,
//! hostile strings, renamed keys, duplicated tables, YAML anchors and aliases, deep nesting, comment
//! floods, invalid UTF-8, very long lines and truncation.

use fastrand::Rng;

/// What a file is, which decides the syntax of some mutations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A TOML spec.
    Spec,
    /// A YAML manifest file.
    Manifest,
}

/// Characters in a string the API server, a terminal or a parser may choke on.
const LONG_STRING_CHARS: usize = 70_000;

/// Numbers at the edges of every numeric type the spec or the API could use.
const EXTREME_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "1",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e309",
    "-1e309",
    "1e-400",
    "0.5",
    "nan",
    "NaN",
    "inf",
    "-inf",
    ".inf",
    ".nan",
    "0x7fffffff",
    "0o777",
    "1_000",
    "00012",
    "1e2",
    "3.0",
];

/// Strings (written between double quotes) to put where a string was. Escapes are valid in TOML
/// basic strings and YAML double-quoted scalars alike.
fn hostile_string(rng: &mut Rng) -> String {
    match rng.usize(0..12) {
        // Long strings are the slowest cases (every diagnostic quotes them): one in four.
        0 if rng.usize(0..4) == 0 => "a".repeat(LONG_STRING_CHARS),
        0 => "a".repeat(rng.usize(300..3_000)),
        1 | 2 => String::new(),
        3 => "Ωμέγα ☃ 🙂 \u{202e}evil\u{202c} ﬁ ｆｕｌｌ Ａ Ⅻ".to_owned(),
        4 => "\\u0000\\u0007\\u001b[31mred\\u001b[0m\\t\\r\\n".to_owned(),
        5 => "HF_Т\u{41e}KEN ⁄ ∕ ／ . .. / \\\\ ~".to_owned(),
        6 => "..".to_owned(),
        7 => "../../etc/passwd".to_owned(),
        8 => " leading and trailing ".to_owned(),
        9 => "-".repeat(rng.usize(1..300)),
        10 => "{{ .Values.x }} ${HOME} $(id) `id` %s %n".to_owned(),
        _ => "x".repeat(rng.usize(60..300)),
    }
}

/// A mutant of `seed`: between one and three mutations, each named in the returned list.
pub fn mutate(
    seed: &[u8],
    kind: Kind,
    donors: &[Vec<u8>],
    rng: &mut Rng,
) -> (Vec<u8>, Vec<&'static str>) {
    let mut text = seed.to_vec();
    let mut applied = Vec::new();
    let count = match rng.usize(0..10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    for _ in 0..count {
        applied.push(mutate_once(&mut text, kind, donors, rng));
    }
    (text, applied)
}

/// Applies one mutation and names it.
fn mutate_once(text: &mut Vec<u8>, kind: Kind, donors: &[Vec<u8>], rng: &mut Rng) -> &'static str {
    // The mutations that keep the syntax valid come most often, so that most mutants reach the
    // stages after the parser.
    match rng.usize(0..50) {
        0..=1 => flip_bytes(text, rng),
        2..=3 => delete_line(text, rng),
        4..=5 => duplicate_line(text, rng),
        6 => swap_lines(text, rng),
        7..=13 => extreme_number(text, rng),
        14..=19 => replace_string(text, kind, rng),
        20..=22 => rename_key(text, kind, rng),
        23..=24 => duplicate_block(text, kind, rng),
        25..=26 if kind == Kind::Manifest => anchors_and_aliases(text, rng),
        27 => deep_nesting(text, kind, rng),
        28 => comment_flood(text, rng),
        29 => invalid_utf8(text, rng),
        30 => long_line(text, rng),
        31 => truncate(text, rng),
        32..=35 => splice(text, donors, rng),
        36 => special_token(text, kind, rng),
        37 if kind == Kind::Manifest => documents(text, rng),
        _ => replace_value(text, kind, rng),
    }
}

/// The start offsets of every line, and the end of the text.
fn line_starts(text: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .map(|(at, _)| at + 1),
    );
    if starts.last() != Some(&text.len()) {
        starts.push(text.len());
    }
    starts
}

/// The byte ranges of the lines, newline included.
fn lines(text: &[u8]) -> Vec<std::ops::Range<usize>> {
    line_starts(text).windows(2).map(|w| w[0]..w[1]).collect()
}

fn flip_bytes(text: &mut [u8], rng: &mut Rng) -> &'static str {
    if text.is_empty() {
        return "flip bytes (empty)";
    }
    for _ in 0..rng.usize(1..=8) {
        let at = rng.usize(0..text.len());
        text[at] ^= 1 << rng.u8(0..8);
    }
    "flip bytes"
}

fn delete_line(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let lines = lines(text);
    if lines.is_empty() {
        return "delete line (empty)";
    }
    let line = lines[rng.usize(0..lines.len())].clone();
    text.drain(line);
    "delete line"
}

fn duplicate_line(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let lines = lines(text);
    if lines.is_empty() {
        return "duplicate line (empty)";
    }
    let line = lines[rng.usize(0..lines.len())].clone();
    let copy = text[line.clone()].to_vec();
    let times = if rng.usize(0..8) == 0 {
        rng.usize(2..200)
    } else {
        1
    };
    let at = line.end;
    text.splice(at..at, copy.repeat(times));
    "duplicate line"
}

fn swap_lines(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let mut all: Vec<Vec<u8>> = lines(text).into_iter().map(|r| text[r].to_vec()).collect();
    if all.len() < 2 {
        return "swap lines (too few)";
    }
    let a = rng.usize(0..all.len());
    let b = rng.usize(0..all.len());
    all.swap(a, b);
    *text = all.concat();
    "swap lines"
}

/// The byte ranges of number-like tokens: digits with an optional sign, fraction and exponent.
fn numbers(text: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        if text[at].is_ascii_digit() && (at == 0 || !text[at - 1].is_ascii_alphanumeric()) {
            let start = if at > 0 && text[at - 1] == b'-' {
                at - 1
            } else {
                at
            };
            let mut end = at;
            while end < text.len() && (text[end].is_ascii_digit() || b"._eE".contains(&text[end])) {
                end += 1;
            }
            if end == text.len() || !text[end].is_ascii_alphabetic() {
                found.push(start..end);
            }
            at = end;
        } else {
            at += 1;
        }
    }
    found
}

fn extreme_number(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let found = numbers(text);
    if found.is_empty() {
        return flip_bytes(text, rng);
    }
    let range = found[rng.usize(0..found.len())].clone();
    let number = EXTREME_NUMBERS[rng.usize(0..EXTREME_NUMBERS.len())];
    text.splice(range, number.bytes());
    "extreme number"
}

/// The byte ranges of the contents of double-quoted strings on one line.
fn quoted_strings(text: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    for line in lines(text) {
        let mut open = None;
        let mut at = line.start;
        while at < line.end {
            match (text[at], open) {
                (b'\\', Some(_)) => at += 1,
                (b'"', None) => open = Some(at + 1),
                (b'"', Some(start)) => {
                    found.push(start..at);
                    open = None;
                }
                _ => {}
            }
            at += 1;
        }
    }
    found
}

fn replace_string(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    let found = quoted_strings(text);
    if found.is_empty() {
        return replace_value(text, kind, rng);
    }
    let range = found[rng.usize(0..found.len())].clone();
    text.splice(range, hostile_string(rng).into_bytes());
    "replace string"
}

/// The key of a `key = value` or `key: value` line, and the range of its value.
fn assignments(text: &[u8]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for line in lines(text) {
        let bytes = &text[line.clone()];
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let rest = &bytes[indent..];
        let rest = rest.strip_prefix(b"- ").unwrap_or(rest);
        let offset = bytes.len() - rest.len();
        let key_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || b"_-./\"".contains(b))
            .count();
        if key_len == 0 {
            continue;
        }
        let after = &rest[key_len..];
        let separator = if after.starts_with(b" = ") {
            3
        } else if after.starts_with(b": ") || after.starts_with(b":\n") || after == b":" {
            1
        } else {
            continue;
        };
        let key = line.start + offset..line.start + offset + key_len;
        let mut value_start = key.end + separator;
        while value_start < line.end && text[value_start] == b' ' {
            value_start += 1;
        }
        let mut value_end = line.end;
        while value_end > value_start && matches!(text[value_end - 1], b'\n' | b'\r') {
            value_end -= 1;
        }
        found.push((key, value_start..value_end));
    }
    found
}

/// Values to put where a value was, valid in both TOML and YAML: other types, empty, extremes.
const VALUES: &[&str] = &[
    "\"\"",
    "true",
    "false",
    "[]",
    "[1, \"a\", true]",
    "[[]]",
    "0",
    "-1",
    "2147483648",
    "nan",
    "\"0\"",
    "\"\\u00e9\"",
    "[\"a\", \"a\", \"a\"]",
    "[\"\"]",
];

/// Values valid in TOML only.
const TOML_VALUES: &[&str] = &[
    "{}",
    "{ a = 1 }",
    "1979-05-27T07:32:00Z",
    "'''\nmulti\n'''",
    "inf",
    "-inf",
    "1e308",
    "0.0",
    "-0.0",
];

/// Values valid in YAML only.
const YAML_VALUES: &[&str] = &[
    "",
    "{}",
    "{a: 1}",
    "null",
    "~",
    "|\n  block",
    ">-",
    "!!str 1",
    "!!int \"1\"",
    "0x10",
    ".inf",
    "-.nan",
    "2001-12-14t21:59:43.10-05:00",
    "? complex\n: key",
];

fn replace_value(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    let found = assignments(text);
    if found.is_empty() {
        return flip_bytes(text, rng);
    }
    let (_, value) = found[rng.usize(0..found.len())].clone();
    let own = match kind {
        Kind::Spec => TOML_VALUES,
        Kind::Manifest => YAML_VALUES,
    };
    let replacement = if rng.bool() {
        let values = if rng.bool() { VALUES } else { own };
        values[rng.usize(0..values.len())].to_owned()
    } else {
        // Another value of the same file, so types mix while staying plausible.
        let (_, other) = found[rng.usize(0..found.len())].clone();
        String::from_utf8_lossy(&text[other]).into_owned()
    };
    text.splice(value, replacement.into_bytes());
    "replace value"
}

fn rename_key(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    let found = assignments(text);
    if found.is_empty() {
        return flip_bytes(text, rng);
    }
    let (key, _) = found[rng.usize(0..found.len())].clone();
    let old = String::from_utf8_lossy(&text[key.clone()]).into_owned();
    let new = match rng.usize(0..8) {
        0 => old.to_uppercase(),
        1 => format!("{old}x"),
        2 => old.chars().skip(1).collect(),
        3 => old.replace('-', "_"),
        4 => {
            let (other, _) = found[rng.usize(0..found.len())].clone();
            String::from_utf8_lossy(&text[other]).into_owned()
        }
        5 => "\"\"".to_owned(),
        6 if kind == Kind::Spec => format!("\"{old}\u{0430}\""),
        6 => format!("{old}\u{0430}"),
        _ => "k".repeat(rng.usize(100..5000)),
    };
    text.splice(key, new.into_bytes());
    "rename key"
}

/// The lines of a TOML table header (`[x]`, `[[x]]`).
fn table_headers(text: &[u8]) -> Vec<usize> {
    lines(text)
        .iter()
        .enumerate()
        .filter(|(_, line)| text[line.start..line.end].starts_with(b"["))
        .map(|(index, _)| index)
        .collect()
}

fn duplicate_block(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    let all = lines(text);
    if all.is_empty() {
        return "duplicate block (empty)";
    }
    let (first, last) = match kind {
        Kind::Spec => {
            let headers = table_headers(text);
            if headers.is_empty() {
                return duplicate_line(text, rng);
            }
            let pick = rng.usize(0..headers.len());
            let end = headers.get(pick + 1).copied().unwrap_or(all.len());
            (headers[pick], end)
        }
        Kind::Manifest => {
            // A line and every following line indented deeper: a YAML node with its children.
            let first = rng.usize(0..all.len());
            let indent = |line: &std::ops::Range<usize>| {
                text[line.clone()]
                    .iter()
                    .take_while(|b| **b == b' ')
                    .count()
            };
            let base = indent(&all[first]);
            let mut end = first + 1;
            while end < all.len() && indent(&all[end]) > base {
                end += 1;
            }
            (first, end)
        }
    };
    let block = text[all[first].start..all[last - 1].end].to_vec();
    let at = if kind == Kind::Spec && rng.bool() {
        text.len()
    } else {
        all[last - 1].end
    };
    let mut insert = block;
    if at == text.len() && !text.ends_with(b"\n") {
        insert.insert(0, b'\n');
    }
    text.splice(at..at, insert);
    "duplicate block"
}

fn anchors_and_aliases(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    match rng.usize(0..4) {
        0 => {
            // A value anchored, and another value replaced by its alias.
            let found = assignments(text);
            if found.len() < 2 {
                return flip_bytes(text, rng);
            }
            let a = rng.usize(0..found.len());
            let b = rng.usize(0..found.len());
            let (first, second) = (a.min(b), a.max(b));
            let anchor_at = found[first].1.start;
            let alias = found[second].1.clone();
            text.splice(alias, b"*fuzz".iter().copied());
            text.splice(anchor_at..anchor_at, b"&fuzz ".iter().copied());
            "anchor and alias"
        }
        1 => {
            // Nested aliases: few bytes, many nodes.
            let levels = rng.usize(2..7);
            let mut bomb = String::from("\n---\nl0: &l0 [x, x, x, x, x]\n");
            for level in 1..levels {
                let previous = level - 1;
                bomb.push_str(&format!(
                    "l{level}: &l{level} [*l{previous}, *l{previous}, *l{previous}, *l{previous}, *l{previous}]\n"
                ));
            }
            text.extend_from_slice(bomb.as_bytes());
            "nested aliases"
        }
        2 => {
            // A merge key of an alias, and an alias that was never anchored.
            let found = assignments(text);
            if found.is_empty() {
                return flip_bytes(text, rng);
            }
            let (_, value) = found[rng.usize(0..found.len())].clone();
            let replacement: &[u8] = if rng.bool() {
                b"*undefined"
            } else {
                b"{<<: *undefined}"
            };
            text.splice(value, replacement.iter().copied());
            "undefined alias"
        }
        _ => {
            // An anchor that refers to itself through a merge key.
            text.extend_from_slice(b"\n---\na: &self\n  b: 1\n  <<: *self\n");
            "recursive alias"
        }
    }
}

fn deep_nesting(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    let depth = [64, 200, 1_000, 10_000][rng.usize(0..4)];
    let line = match (kind, rng.usize(0..3)) {
        (_, 0) => format!("deep = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        (Kind::Spec, 1) => format!("deep = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth)),
        (Kind::Spec, _) => format!("[{}]\n", vec!["a"; depth.min(2_000)].join(".")),
        (Kind::Manifest, 1) => format!("deep: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth)),
        (Kind::Manifest, _) => {
            let depth = depth.min(500);
            let mut block = String::from("deep:\n");
            for level in 1..depth {
                block.push_str(&" ".repeat(level));
                block.push_str("a:\n");
            }
            block.push_str(&" ".repeat(depth));
            block.push_str("a: 1\n");
            block
        }
    };
    let line = if kind == Kind::Manifest {
        line.replacen("deep = ", "deep: ", 1)
    } else {
        line
    };
    let all = line_starts(text);
    let at = all[rng.usize(0..all.len())];
    text.splice(at..at, line.into_bytes());
    "deep nesting"
}

fn comment_flood(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let count = [20, 40, 100, 1_000][rng.usize(0..4)];
    let indent = " ".repeat(rng.usize(0..6));
    let flood = format!("{indent}# a comment\n").repeat(count);
    let all = line_starts(text);
    let at = all[rng.usize(0..all.len())];
    text.splice(at..at, flood.into_bytes());
    "comment flood"
}

fn invalid_utf8(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    const SEQUENCES: &[&[u8]] = &[
        &[0xff],
        &[0xfe, 0xff],
        &[0x80],
        &[0xc3],
        &[0xe2, 0x82],
        &[0xed, 0xa0, 0x80],
        &[0xc0, 0xaf],
        &[0xf4, 0x90, 0x80, 0x80],
    ];
    let bytes = SEQUENCES[rng.usize(0..SEQUENCES.len())];
    let at = rng.usize(0..=text.len());
    text.splice(at..at, bytes.iter().copied());
    "invalid UTF-8"
}

fn long_line(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let all = lines(text);
    if all.is_empty() {
        text.extend(std::iter::repeat_n(b'x', LONG_STRING_CHARS));
        return "long line";
    }
    let line = all[rng.usize(0..all.len())].clone();
    let mut end = line.end;
    if end > line.start && text[end - 1] == b'\n' {
        end -= 1;
    }
    let filler: Vec<u8> = match rng.usize(0..3) {
        0 => {
            let mut comment = b" # ".to_vec();
            comment.extend(std::iter::repeat_n(b'x', LONG_STRING_CHARS));
            comment
        }
        1 => std::iter::repeat_n(b' ', LONG_STRING_CHARS).collect(),
        _ => std::iter::repeat_n(b'y', LONG_STRING_CHARS).collect(),
    };
    text.splice(end..end, filler);
    "long line"
}

fn truncate(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let at = rng.usize(0..=text.len());
    text.truncate(at);
    "truncate"
}

fn splice(text: &mut Vec<u8>, donors: &[Vec<u8>], rng: &mut Rng) -> &'static str {
    if donors.is_empty() {
        return flip_bytes(text, rng);
    }
    let donor = &donors[rng.usize(0..donors.len())];
    let donor_lines = lines(donor);
    if donor_lines.is_empty() {
        return flip_bytes(text, rng);
    }
    let start = rng.usize(0..donor_lines.len());
    let end = (start + rng.usize(1..6)).min(donor_lines.len());
    let mut piece = donor[donor_lines[start].start..donor_lines[end - 1].end].to_vec();
    if !piece.ends_with(b"\n") {
        piece.push(b'\n');
    }
    let all = lines(text);
    if all.is_empty() || rng.bool() {
        let starts = line_starts(text);
        let at = starts[rng.usize(0..starts.len())];
        text.splice(at..at, piece);
    } else {
        let line = all[rng.usize(0..all.len())].clone();
        text.splice(line, piece);
    }
    "splice from another file"
}

fn special_token(text: &mut Vec<u8>, kind: Kind, rng: &mut Rng) -> &'static str {
    const COMMON: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        "\\",
        "\t",
        "\r",
        "\r\n",
        "\u{feff}",
        "\0",
        "\u{1b}[2J",
        "\u{2028}",
        "=",
        "#",
        ",",
        ".",
        " ",
    ];
    const TOML: &[&str] = &[
        "'''",
        "\"\"\"",
        "[[",
        "]]",
        "= =",
        "\"\\u",
        "\"\\UFFFFFFFF\"",
    ];
    const YAML: &[&str] = &[
        ":",
        "- ",
        "---\n",
        "...\n",
        "? ",
        "!!binary ",
        "!!str ",
        "!<tag:x> ",
        "%YAML 1.1\n",
        "%TAG ! tag:x:\n",
        "|",
        ">",
        "&",
        "*",
        "<<: ",
        "@",
        "`",
    ];
    let own = if kind == Kind::Spec { TOML } else { YAML };
    let token = if rng.bool() {
        COMMON[rng.usize(0..COMMON.len())]
    } else {
        own[rng.usize(0..own.len())]
    };
    let at = rng.usize(0..=text.len());
    text.splice(at..at, token.bytes());
    "special token"
}

fn documents(text: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    match rng.usize(0..3) {
        0 => text.extend_from_slice(b"---\n".repeat(rng.usize(1..2_000)).as_slice()),
        1 => {
            let copy = text.clone();
            for _ in 0..rng.usize(1..5) {
                text.extend_from_slice(b"\n---\n");
                text.extend_from_slice(&copy);
            }
        }
        _ => text.extend_from_slice(b"\n---\nnot a mapping\n---\n- a list\n---\n42\n---\n~\n"),
    }
    "documents"
}
