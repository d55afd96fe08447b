//! The `p3gen` binary: parses the command line, runs the library, prints, exits.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

use clap::Parser;
use p3gen::cli::{Cli, ProgressLine, Terminal, run};
use p3gen::diagnostic::RenderStyle;
use p3gen::fleet::Progress;

// Compiling a spec builds and drops many small values (TOML tables, k8s-openapi objects, JSON
// forms); mimalloc makes that a third cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // A write past the file-size limit (`ulimit -f`) fails with an error to report instead of
    // killing the process.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = Cli::parse();
    let no_color = std::env::var_os("NO_COLOR").is_some();
    let style = |is_terminal: bool| {
        if is_terminal && !no_color {
            RenderStyle::Color
        } else {
            RenderStyle::Plain
        }
    };
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let terminal = Terminal {
        stdout_style: style(std::io::stdout().is_terminal()),
        stderr_style: style(stderr_is_terminal),
    };
    // Long runs over many specs show a progress line, on a terminal only.
    let line = Mutex::new(ProgressLine::new(Instant::now()));
    let progress = |progress: Progress| {
        if !stderr_is_terminal {
            return;
        }
        let mut line = line.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(text) = line.update(progress, Instant::now()) {
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    };
    let outcome = run(cli, terminal, &progress);
    let line = line
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(clear) = line.clear() {
        let _ = std::io::stderr().write_all(clear.as_bytes());
    }
    // A closed pipe (e.g. `p3gen render | head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
