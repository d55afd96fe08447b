//! What a secret looks like: variable names that announce one, and token formats.

/// Name parts that announce a secret value.
const SECRET_WORDS: &[&str] = &["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL"];

/// Name endings that say the value is a reference to a secret, not the secret itself.
const REFERENCE_ENDINGS: &[&str] = &["_FILE", "_PATH", "_DIR", "_NAME", "_ID", "FILE"];

/// Prefixes of well-known token formats and the least number of characters after them.
const TOKEN_PREFIXES: &[(&str, usize)] = &[
    ("hf_", 20),
    ("ghp_", 20),
    ("gho_", 20),
    ("github_pat_", 20),
    ("glpat-", 16),
    ("sk-", 20),
    ("xoxb-", 16),
    ("xoxp-", 16),
    ("AKIA", 16),
];

/// Whether an environment variable's name says its value is a secret (`*TOKEN*`, `*SECRET*`,
/// `*PASSWORD*`, `*KEY*`), unless it names a file or an id.
pub fn secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    SECRET_WORDS.iter().any(|word| upper.contains(word))
        && !REFERENCE_ENDINGS
            .iter()
            .any(|ending| upper.ends_with(ending))
}

/// Whether a value has the shape of a well-known access token (Hugging Face `hf_…`, GitHub,
/// GitLab, OpenAI-style `sk-…`, Slack, AWS access keys).
pub fn token_like(value: &str) -> bool {
    TOKEN_PREFIXES.iter().any(|(prefix, least)| {
        value.strip_prefix(prefix).is_some_and(|rest| {
            rest.len() >= *least
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    })
}

/// Whether a literal value under `name` is a secret written into a manifest: a secret-like name
/// with a value that is not a path, or any token-shaped value.
pub fn literal_secret(name: &str, value: &str) -> bool {
    let is_path = value.starts_with('/') || value.starts_with("./");
    token_like(value) || (secret_name(name) && !value.trim().is_empty() && !is_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_and_references() {
        assert!(secret_name("HF_TOKEN"));
        assert!(secret_name("vllm_api_key"));
        assert!(secret_name("DB_PASSWORD"));
        assert!(!secret_name("SSL_KEYFILE"));
        assert!(!secret_name("TPU_HOST_BOUNDS"));
        assert!(!secret_name("AWS_ACCESS_KEY_ID"));
    }

    #[test]
    fn tokens_are_recognised_by_shape() {
        assert!(token_like("hf_abcdefghijklmnopqrstuvwxyz"));
        assert!(!token_like("hf_short"));
        assert!(!token_like("half"));
        assert!(literal_secret("ANYTHING", "hf_abcdefghijklmnopqrstuvwxyz"));
        assert!(literal_secret("HF_TOKEN", "x"));
        assert!(!literal_secret("HF_TOKEN", ""));
        assert!(!literal_secret("API_KEY", "/var/run/secrets/key"));
    }
}
