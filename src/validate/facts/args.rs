//! vLLM's command line: splitting container args into tokens and reading flags.

use crate::diagnostic::Node;
use crate::spec::ArgsForm;

/// The flag that makes vLLM serve TLS.
pub const SSL_CERTFILE: &str = "--ssl-certfile";

/// Container args as vLLM sees them: the form and the whitespace-separated tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// One shell script string (`/bin/bash -c`) or a list of flags.
    pub form: ArgsForm,
    /// The tokens, line continuations removed.
    pub tokens: Vec<String>,
}

/// Reads container args. A single item that does not start with `-` and holds whitespace is a
/// script; anything else is a flag list.
pub fn parse(args: &[String]) -> Args {
    let script = matches!(args, [only] if !only.trim_start().starts_with('-') && only.trim().contains(char::is_whitespace));
    let tokens = args
        .iter()
        .flat_map(|arg| {
            if script {
                arg.split_whitespace()
                    .filter(|token| *token != "\\")
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            } else {
                vec![arg.clone()]
            }
        })
        .collect();
    Args {
        form: if script {
            ArgsForm::Script
        } else {
            ArgsForm::Flags
        },
        tokens,
    }
}

/// The name of a flag token: `--x` of `--x=1`; `None` for a token that is not a flag.
pub fn flag_name(token: &str) -> Option<&str> {
    token
        .starts_with("--")
        .then(|| token.split_once('=').map_or(token, |(name, _)| name))
}

/// Every occurrence of a flag among the tokens, with its value: `--x=v`, or `--x v` when the next
/// token is not a flag; `None` for a flag without a value.
pub fn find_flags<'t, T: AsRef<str>>(tokens: &'t [T], name: &str) -> Vec<(usize, Option<&'t str>)> {
    tokens
        .iter()
        .enumerate()
        .filter_map(|(index, token)| {
            let token = token.as_ref();
            if token == name {
                let next = tokens
                    .get(index + 1)
                    .map(AsRef::as_ref)
                    .filter(|next| !next.starts_with('-'));
                return Some((index, next));
            }
            let (flag, value) = token.split_once('=')?;
            (flag == name).then_some((index, Some(value)))
        })
        .collect()
}

/// The first occurrence of a flag, as [`find_flags`] finds it.
pub fn find_flag<'t, T: AsRef<str>>(
    tokens: &'t [T],
    name: &str,
) -> Option<(usize, Option<&'t str>)> {
    find_flags(tokens, name).into_iter().next()
}

/// The node of object `object` that holds token `token` of the parsed args of the container at
/// `container` (a JSON pointer): the script, with the word's index, for a script; the item for a
/// flag list.
pub fn node(object: usize, container: &str, args: &Args, token: usize) -> Node {
    match args.form {
        ArgsForm::Script => Node {
            token: Some(token),
            ..Node::new(object, format!("{container}/args/0"))
        },
        ArgsForm::Flags => Node::new(object, format!("{container}/args/{token}")),
    }
}

/// The form a KServe template's command expects: `/bin/bash -c` runs a script, anything else
/// (`vllm serve /mnt/models`) takes flags.
pub fn form_for_command(command: &[String]) -> ArgsForm {
    let shell = command.first().is_some_and(|program| {
        program.ends_with("/sh") || program.ends_with("bash") || program == "sh"
    });
    if shell && command.iter().any(|arg| arg == "-c") {
        ArgsForm::Script
    } else {
        ArgsForm::Flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_is_split_into_tokens() {
        let args = parse(&[
            "python3 -m vllm \\\n  --model=/mnt/models \\\n  --tensor-parallel-size=4\n".to_owned(),
        ]);
        assert_eq!(args.form, ArgsForm::Script);
        assert_eq!(
            find_flag(&args.tokens, "--tensor-parallel-size"),
            Some((4, Some("4")))
        );
        assert_eq!(
            find_flag(&args.tokens, "--model").map(|f| f.1),
            Some(Some("/mnt/models"))
        );
    }

    #[test]
    fn a_flag_list_keeps_items_and_reads_separate_values() {
        let args = parse(&[
            "--port=8000".to_owned(),
            "--served-model-name".to_owned(),
            "qwen".to_owned(),
        ]);
        assert_eq!(args.form, ArgsForm::Flags);
        assert_eq!(
            find_flag(&args.tokens, "--served-model-name"),
            Some((1, Some("qwen")))
        );
        assert_eq!(find_flag(&args.tokens, "--enable-prefix-caching"), None);
        assert_eq!(flag_name("--port=8000"), Some("--port"));
        assert_eq!(flag_name("qwen"), None);
    }

    #[test]
    fn bash_dash_c_takes_a_script() {
        let command = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            form_for_command(&command(&["/bin/bash", "-c"])),
            ArgsForm::Script
        );
        assert_eq!(
            form_for_command(&command(&["vllm", "serve", "/mnt/models"])),
            ArgsForm::Flags
        );
    }
}
