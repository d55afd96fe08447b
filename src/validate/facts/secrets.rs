//! The one secret detector: whether a name announces a secret, whether a value is or holds one
//! (token formats, JWTs, URL passwords, `Bearer` credentials), where a command line carries one,
//! and how to show a secret without revealing it. The spec rule and the manifest rule both ask it.

use std::sync::LazyLock;

/// Name words that announce a secret value: a literal under such a name is a secret.
const SECRET_WORDS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "SECRETS",
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PASSPHRASE",
    "KEY",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "AUTHORIZATION",
    "PAT",
];

/// Endings of a glued name word that announce a secret (`HFTOKEN`, `DBPASSWORD`, `OPENAIAPIKEY`).
const SECRET_ENDINGS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
];

/// `PWD` is a password only as a part of a name (`MYSQL_PWD`): alone it is the shell's working
/// directory.
const PASSWORD_ABBREVIATION: &str = "PWD";

/// Last name words that say the value is where a secret is, not the secret (`SSL_KEYFILE`,
/// `HF_TOKEN_PATH`). `_ID` and `_NAME` are not among them: an access key id or a "token name"
/// written into a manifest is as sensitive as the key.
const REFERENCE_ENDINGS: &[&str] = &["FILE", "PATH", "DIR", "DIRECTORY"];

/// Name words that suggest a credential without proving one: a value under them is a secret when
/// it looks random ([`high_entropy`]).
const KEY_LIKE_WORDS: &[&str] = &[
    "AUTH",
    "CLIENT",
    "ID",
    "SALT",
    "SESSION",
    "COOKIE",
    "SIGNATURE",
    "SIGNING",
    "HMAC",
    "PRIVATE",
    "ACCESS",
    "CREDS",
    "CERT",
];

/// Prefixes of well-known token formats, the least number of token characters after them, and
/// what the format is.
const TOKEN_PREFIXES: &[(&str, usize, &str)] = &[
    ("hf_", 16, "a Hugging Face token"),
    ("github_pat_", 20, "a GitHub token"),
    ("ghp_", 20, "a GitHub token"),
    ("gho_", 20, "a GitHub token"),
    ("ghu_", 20, "a GitHub token"),
    ("ghs_", 20, "a GitHub token"),
    ("ghr_", 20, "a GitHub token"),
    ("glpat-", 16, "a GitLab token"),
    ("sk-", 16, "an API key (`sk-…`)"),
    ("xoxb-", 10, "a Slack token"),
    ("xoxp-", 10, "a Slack token"),
    ("xoxa-", 10, "a Slack token"),
    ("xoxr-", 10, "a Slack token"),
    ("xoxs-", 10, "a Slack token"),
    ("AKIA", 16, "an AWS access key id"),
    ("ASIA", 16, "an AWS access key id"),
    ("AIza", 30, "a Google API key"),
    ("ya29.", 20, "a Google OAuth token"),
    ("npm_", 30, "an npm token"),
    ("pypi-", 30, "a PyPI token"),
];

/// What kind of secret was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A well-known token format, described.
    Token(&'static str),
    /// A JSON Web Token.
    Jwt,
    /// The password of a URL's user information.
    UrlPassword,
    /// The credential after `Bearer` or `Basic`.
    Bearer,
    /// A literal value under a name that announces a secret.
    Named,
    /// A random-looking value under a key-like name.
    HighEntropy,
}

impl Kind {
    /// What the secret is, for a message.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Token(format) => format,
            Kind::Jwt => "a JSON Web Token",
            Kind::UrlPassword => "a URL with a password",
            Kind::Bearer => "a bearer credential",
            Kind::Named => "a literal secret",
            Kind::HighEntropy => "a random-looking credential",
        }
    }
}

/// A secret found in a string: what it is and the secret's own text, a part of the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    /// What was found.
    pub kind: Kind,
    /// The secret itself: the part of the value to mask.
    pub text: String,
}

impl Secret {
    fn new(kind: Kind, text: &str) -> Self {
        Secret {
            kind,
            text: text.to_owned(),
        }
    }

    /// The secret as a message may show it.
    pub fn masked(&self) -> String {
        mask(&self.text)
    }

    /// `a Hugging Face token (`hf_****`)`: what it is and its masked form.
    pub fn describe(&self) -> String {
        format!("{} (`{}`)", self.kind.describe(), self.masked())
    }
}

/// How many leading bytes of a secret may be shown: a known format's prefix (at most 4
/// characters), otherwise 2 characters of a long secret, otherwise none.
fn visible_prefix(secret: &str) -> usize {
    let prefix = TOKEN_PREFIXES
        .iter()
        .map(|(prefix, _, _)| *prefix)
        .chain(["eyJ"])
        .find(|prefix| starts_with_ignore_case(secret, prefix));
    let chars = match prefix {
        Some(prefix) => prefix.len().min(4),
        None if secret.chars().count() >= 12 => 2,
        None => 0,
    };
    secret.char_indices().nth(chars).map_or(0, |(at, _)| at)
}

/// A secret as it may be shown: at most four leading characters, then `****`, whatever its length.
pub fn mask(secret: &str) -> String {
    format!("{}****", &secret[..visible_prefix(secret)])
}

/// The same number of bytes as `secret`, with only the leading characters [`mask`] shows kept and
/// every other byte `*`, so that byte offsets after it stay valid.
pub fn redact_in_place(secret: &str) -> String {
    let keep = visible_prefix(secret);
    let mut out = secret[..keep].to_owned();
    out.extend(std::iter::repeat_n('*', secret.len() - keep));
    out
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Latin look-alikes are folded with Unicode's confusable skeletons (UTS #39, `unicode-security`,
/// the table rustc's confusable-identifier lint uses): `HF_TОKEN` with a Cyrillic `О` has the
/// skeleton of `HF_TOKEN`. A skeleton may itself differ from the ASCII word (`I` becomes `l`),
/// so a name with any non-ASCII letter is compared skeleton to skeleton; an ASCII name, word to
/// word (the common case, without the cost of skeletons).
fn skeleton(word: &str) -> String {
    unicode_security::skeleton(word).collect()
}

/// The word lists, upper case, in one of the two forms names are compared in.
struct WordLists {
    secret: Vec<String>,
    endings: Vec<String>,
    password_abbreviation: String,
    references: Vec<String>,
    key_like: Vec<String>,
}

impl WordLists {
    fn new(form: fn(&str) -> String) -> Self {
        let all = |words: &[&str]| words.iter().map(|word| form(word)).collect();
        WordLists {
            secret: all(SECRET_WORDS),
            endings: all(SECRET_ENDINGS),
            password_abbreviation: form(PASSWORD_ABBREVIATION),
            references: all(REFERENCE_ENDINGS),
            key_like: all(KEY_LIKE_WORDS),
        }
    }
}

static PLAIN: LazyLock<WordLists> = LazyLock::new(|| WordLists::new(str::to_owned));
static SKELETONS: LazyLock<WordLists> = LazyLock::new(|| WordLists::new(skeleton));

/// A name split into upper-case words at `_`, `-`, `.`, `/`, spaces and camelCase boundaries
/// (`hfToken`, `--api_key`, `x-api-key` and `HF_TОKEN` all give their words), with the word
/// lists to compare them with: skeletons if the name has a non-ASCII character.
fn name_words(name: &str) -> (Vec<String>, &'static WordLists) {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_uppercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    if name.is_ascii() {
        (words, &PLAIN)
    } else {
        (
            words.iter().map(|word| skeleton(word)).collect(),
            &SKELETONS,
        )
    }
}

/// Whether a name (an environment variable, a flag, a label or parameter key) says its value is a
/// secret: a secret word in it, and no last word saying the value is a file or path.
pub fn secret_name(name: &str) -> bool {
    let (words, lists) = name_words(name);
    if words.last().is_some_and(|last| {
        lists
            .references
            .iter()
            .any(|end| last.ends_with(end.as_str()))
    }) {
        return false;
    }
    words.iter().any(|word| {
        lists.secret.contains(word) || lists.endings.iter().any(|end| word.ends_with(end.as_str()))
    }) || (words.len() > 1 && words.contains(&lists.password_abbreviation))
}

/// Whether a name suggests a credential ([`KEY_LIKE_WORDS`]) or announces one.
fn key_like_name(name: &str) -> bool {
    let (words, lists) = name_words(name);
    secret_name(name) || words.iter().any(|word| lists.key_like.contains(word))
}

/// Whether a value only refers to a secret held elsewhere: an environment variable as Kubernetes
/// (`$(NAME)`) or a shell (`$NAME`, `${NAME}`) expands it.
pub fn is_reference(value: &str) -> bool {
    let value = value.trim().trim_matches(['"', '\'']);
    let name = value
        .strip_prefix("$(")
        .and_then(|rest| rest.strip_suffix(')'))
        .or_else(|| {
            value
                .strip_prefix("${")
                .and_then(|rest| rest.strip_suffix('}'))
        })
        .or_else(|| value.strip_prefix('$'));
    name.is_some_and(|name| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Values that switch something on or off rather than hold a secret (`HF_HUB_DISABLE_TOKEN=1`).
fn is_switch(value: &str) -> bool {
    ["true", "false", "yes", "no", "on", "off", "0", "1"]
        .iter()
        .any(|switch| value.eq_ignore_ascii_case(switch))
}

fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Whether a token body looks generated rather than like a word or an identifier: it has a digit,
/// mixed case, or no separator.
fn looks_random(body: &str) -> bool {
    body.chars().any(|c| c.is_ascii_digit())
        || (body.chars().any(|c| c.is_ascii_uppercase())
            && body.chars().any(|c| c.is_ascii_lowercase()))
        || !body.contains(['_', '-'])
}

/// Byte offsets where a word may start: the beginning, or after a character that is not part of a
/// token.
fn word_starts(value: &str) -> impl Iterator<Item = usize> + '_ {
    value.char_indices().filter_map(move |(at, _)| {
        let boundary = value[..at]
            .chars()
            .next_back()
            .is_none_or(|before| !before.is_ascii_alphanumeric());
        boundary.then_some(at)
    })
}

fn find_token(value: &str) -> Option<Secret> {
    for start in word_starts(value) {
        let rest = &value[start..];
        for (prefix, least, format) in TOKEN_PREFIXES {
            if !starts_with_ignore_case(rest, prefix) {
                continue;
            }
            let aws = prefix.starts_with('A') && prefix.len() == 4 && prefix != &"AIza";
            if aws && !rest.starts_with(prefix) {
                continue;
            }
            let after = &rest[prefix.len()..];
            let body_len = after
                .find(|c: char| {
                    if aws {
                        !(c.is_ascii_uppercase() || c.is_ascii_digit())
                    } else {
                        !token_char(c)
                    }
                })
                .unwrap_or(after.len());
            let body = &after[..body_len];
            if body.len() >= *least && looks_random(body) {
                return Some(Secret::new(
                    Kind::Token(format),
                    &rest[..prefix.len() + body_len],
                ));
            }
        }
    }
    None
}

fn find_jwt(value: &str) -> Option<Secret> {
    word_starts(value).find_map(|start| {
        let rest = &value[start..];
        if !rest.starts_with("eyJ") {
            return None;
        }
        let len = rest
            .find(|c: char| !(token_char(c) || c == '.'))
            .unwrap_or(rest.len());
        let candidate = rest[..len].trim_end_matches('.');
        let parts: Vec<&str> = candidate.split('.').collect();
        (parts.len() == 3 && parts[0].len() >= 10 && parts[1].len() >= 10)
            .then(|| Secret::new(Kind::Jwt, candidate))
    })
}

fn find_url_password(value: &str) -> Option<Secret> {
    let mut rest = value;
    while let Some(at) = rest.find("://") {
        let authority = &rest[at + 3..];
        let end = authority
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '"')
            .unwrap_or(authority.len());
        let authority = &authority[..end];
        if let Some((userinfo, _host)) = authority.rsplit_once('@')
            && let Some((_user, password)) = userinfo.split_once(':')
            && !password.is_empty()
            && !is_reference(password)
        {
            return Some(Secret::new(Kind::UrlPassword, password));
        }
        rest = &rest[at + 3..];
    }
    None
}

fn find_bearer(value: &str) -> Option<Secret> {
    let lower = value.to_ascii_lowercase();
    ["bearer", "basic"].iter().find_map(|scheme| {
        lower.match_indices(scheme).find_map(|(at, _)| {
            let after = &value[at + scheme.len()..];
            let credential = after.trim_start();
            if credential.len() == after.len() {
                return None;
            }
            let len = credential
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
                .unwrap_or(credential.len());
            let credential = &credential[..len];
            (credential.len() >= 8 && !is_reference(credential))
                .then(|| Secret::new(Kind::Bearer, credential))
        })
    })
}

/// A URL query parameter whose name is a secret name (`?token=…`, `&api_key=…`).
fn find_query_secret(value: &str) -> Option<Secret> {
    value.match_indices(['?', '&']).find_map(|(at, _)| {
        let rest = &value[at + 1..];
        let end = rest
            .find(|c: char| matches!(c, '&' | '#' | '"' | '\'') || c.is_whitespace())
            .unwrap_or(rest.len());
        let (name, secret) = rest[..end].split_once('=')?;
        (secret_name(name) && !secret.is_empty() && !is_reference(secret))
            .then(|| Secret::new(Kind::Named, secret))
    })
}

/// A secret that a value holds by its shape alone, wherever in the value: a known token format,
/// a JWT, a URL password, a secret-named URL query parameter or a `Bearer`/`Basic` credential.
pub fn in_value(value: &str) -> Option<Secret> {
    find_token(value)
        .or_else(|| find_jwt(value))
        .or_else(|| find_url_password(value))
        .or_else(|| find_query_secret(value))
        .or_else(|| find_bearer(value))
}

/// Shannon entropy in bits per character.
fn entropy(value: &str) -> f64 {
    let mut counts = std::collections::BTreeMap::new();
    for c in value.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let len = value.chars().count() as f64;
    counts
        .values()
        .map(|count| {
            let p = *count as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// Whether a value looks like a generated credential: 20 characters or more, no space, letters
/// and digits, and at least 3.5 bits of entropy per character.
pub fn high_entropy(value: &str) -> bool {
    value.chars().count() >= 20
        && !value.contains(char::is_whitespace)
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().any(|c| c.is_alphabetic())
        && entropy(value) >= 3.5
}

/// A secret in a literal `value` written under `name`: by its shape, any literal under a name
/// that announces a secret (not empty, not a reference to a variable, not an on/off switch), or a
/// random-looking value under a key-like name.
pub fn named(name: &str, value: &str) -> Option<Secret> {
    if let Some(secret) = in_value(value) {
        return Some(secret);
    }
    let literal = value.trim().trim_matches(['"', '\'']);
    if literal.is_empty() || is_reference(literal) || is_switch(literal) {
        return None;
    }
    if secret_name(name) {
        return Some(Secret::new(Kind::Named, literal));
    }
    (key_like_name(name) && high_entropy(literal)).then(|| Secret::new(Kind::HighEntropy, literal))
}

/// The shell words of a command-line string: quotes removed, line continuations dropped; a string
/// the shell could not split (an open quote) falls back to its whitespace-separated parts.
pub fn shell_words(text: &str) -> Vec<String> {
    let joined = text.replace("\\\n", " ");
    // shell-words splits as a POSIX shell does, which is what `/bin/bash -c` sees.
    shell_words::split(&joined).unwrap_or_else(|_| {
        joined
            .split_whitespace()
            .map(|word| word.trim_matches(['"', '\'']).to_owned())
            .collect()
    })
}

/// The secrets of a command line given as words, each with the index of the word that holds it:
/// the value of a flag or an assignment whose name announces a secret (`--api-key=…`,
/// `--api_key …`, `HF_TOKEN=…`), and anything with a secret's shape.
pub fn in_command_line<W: AsRef<str>>(words: &[W]) -> Vec<(usize, Secret)> {
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let word = word.as_ref();
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (word, None),
        };
        let is_flag = name.starts_with('-');
        let is_assignment = !is_flag
            && inline.is_some()
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if is_flag || is_assignment {
            let value = match inline {
                Some(value) => Some((index, value)),
                None if is_flag => words
                    .get(index + 1)
                    .map(AsRef::as_ref)
                    .filter(|next| !next.starts_with('-'))
                    .map(|next| (index + 1, next)),
                None => None,
            };
            if let Some((at, value)) = value
                && let Some(secret) = named(name.trim_start_matches('-'), value)
            {
                found.push((at, secret));
                continue;
            }
        }
        if let Some(secret) = in_value(word) {
            found.push((index, secret));
        }
    }
    found.sort_by_key(|(index, _)| *index);
    found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_are_normalised() {
        for name in [
            "HF_TOKEN",
            "vllm_api_key",
            "DB_PASSWORD",
            "DB_PASS",
            "MYSQL_PWD",
            "HF_T\u{041E}KEN",
            "API_KEY_ID",
            "HF_TOKEN_NAME",
            "hfToken",
            "x-api-key",
            "--api_key",
            "OPENAIAPIKEY",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(secret_name(name), "{name}");
        }
        for name in [
            "SSL_KEYFILE",
            "TPU_HOST_BOUNDS",
            "HF_TOKEN_PATH",
            "TOKENIZERS_PARALLELISM",
            "MAX_TOKENS",
            "PWD",
            "--ssl-keyfile",
            "--tokenizer",
            "blockSize",
        ] {
            assert!(!secret_name(name), "{name}");
        }
    }

    #[test]
    fn tokens_are_found_anywhere_in_any_case() {
        let token = "hf_abcdefghijklmnopqrstuvwxyz012345";
        for value in [
            token.to_owned(),
            format!("{token}."),
            format!(" {token}"),
            format!("Bearer {token}"),
            token.to_uppercase(),
            "sk-abcdefghijklmnopqrs".to_owned(),
            "AKIAABCDEFGHIJKLMNOP".to_owned(),
        ] {
            assert!(in_value(&value).is_some(), "{value}");
        }
        assert_eq!(in_value(&format!("{token}.")).unwrap().text, token);
        for value in [
            "hf_short",
            "half",
            "HF_HUB_ENABLE_HF_TRANSFER",
            "registry.example/sk-learn-serving-model:1",
            "hf://Qwen/Qwen2.5-3B-Instruct",
            "Bearer ${TOKEN}",
        ] {
            assert!(in_value(value).is_none(), "{value}");
        }
    }

    #[test]
    fn jwts_url_passwords_and_bearer_credentials() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2hlcmU";
        assert_eq!(in_value(jwt).unwrap().kind, Kind::Jwt);
        let url = in_value("postgres://app:s3cr3t-pw@db.example:5432/app").unwrap();
        assert_eq!(
            (url.kind, url.text.as_str()),
            (Kind::UrlPassword, "s3cr3t-pw")
        );
        assert!(in_value("https://user@example.com/x").is_none());
        assert!(in_value("https://user:$(PASSWORD)@example.com/x").is_none());
        assert_eq!(
            in_value("Authorization: Bearer abcdefgh12345")
                .unwrap()
                .text,
            "abcdefgh12345"
        );
    }

    #[test]
    fn literals_under_secret_names_are_secrets_but_references_are_not() {
        assert!(named("HF_TOKEN", "x").is_some());
        assert!(named("PASSWORD", "/starts-with-a-slash").is_some());
        assert!(named("HF_TOKEN", "").is_none());
        assert!(named("HF_TOKEN", "$(HF_TOKEN)").is_none());
        assert!(named("API_KEY", "${API_KEY}").is_none());
        assert!(named("HF_HUB_DISABLE_TOKEN", "1").is_none());
        assert!(named("CLIENT_ID", "a8f3Kq92LmZx0Pw7Rt5Yb").is_some());
        assert!(named("CLIENT_ID", "my-client").is_none());
        assert!(named("SSL_KEYFILE", "/var/run/kserve/tls/tls.key").is_none());
    }

    #[test]
    fn command_lines_carry_secrets_in_flags_and_assignments() {
        let words = shell_words("--api-key 'sk-abc' --port 8000 --api_key=letmein HF_TOKEN=x");
        let found: Vec<usize> = in_command_line(&words).iter().map(|(at, _)| *at).collect();
        assert_eq!(found, vec![1, 4, 5]);
        assert!(
            in_command_line(&["--api-key=$(VLLM_API_KEY)", "--ssl-keyfile=/tls.key"]).is_empty()
        );
        assert!(in_command_line(&["--api-key", "--port=8000"]).is_empty());
    }

    #[test]
    fn masks_keep_at_most_four_leading_characters() {
        assert_eq!(mask("hf_abcdefghijklmnopqrstuvwxyz012345"), "hf_****");
        assert_eq!(mask("github_pat_abcdefghijklmnopqrstuvwxyz"), "gith****");
        assert_eq!(mask("letmein"), "****");
        assert_eq!(mask("correct-horse-battery"), "co****");
        let redacted = redact_in_place("hf_abc\u{e9}");
        assert_eq!(redacted.len(), "hf_abc\u{e9}".len());
        assert!(redacted.starts_with("hf_*"));
    }
}
