//! The `p3gen` binary: parses the command line, runs the library, prints, exits.

use std::io::{IsTerminal, Write};

use clap::Parser;
use p3gen::cli::{Cli, Terminal, run};
use p3gen::diagnostic::RenderStyle;

fn main() {
    let cli = Cli::parse();
    let no_color = std::env::var_os("NO_COLOR").is_some();
    let style = |is_terminal: bool| {
        if is_terminal && !no_color {
            RenderStyle::Color
        } else {
            RenderStyle::Plain
        }
    };
    let terminal = Terminal {
        stdout_style: style(std::io::stdout().is_terminal()),
        stderr_style: style(std::io::stderr().is_terminal()),
    };
    let outcome = run(cli, terminal);
    // A closed pipe (e.g. `p3gen render | head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
