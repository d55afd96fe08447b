//! The `p3gen` binary: parses the command line, runs the library, prints, exits.

use std::io::{ErrorKind, IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

use clap::Parser;
use p3gen::cli::{Cli, EXIT_BROKEN_PIPE, EXIT_ERROR, ProgressLine, Terminal, run};
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => exit_with_usage(&error),
    };
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
    let written = write_stdout(&outcome.stdout);
    // Diagnostics on stderr are written whatever became of stdout; if stderr itself fails there is
    // nowhere left to say so.
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    match written {
        Ok(()) => std::process::exit(outcome.code),
        // The reader went away (`p3gen render | head -1`): end quietly, with the status a shell
        // reports for any tool that SIGPIPE ends.
        Err(error) => exit_on_write_error(&error),
    }
}

/// Prints what clap has to say (help and version on stdout, usage errors on stderr) and exits with
/// its code, or with the code of a failed write.
fn exit_with_usage(error: &clap::Error) -> ! {
    let to_stdout = !error.use_stderr();
    let color = if to_stdout {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    } && std::env::var_os("NO_COLOR").is_none();
    let rendered = error.render();
    let text = if color {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    if !to_stdout {
        let _ = std::io::stderr().write_all(text.as_bytes());
        std::process::exit(error.exit_code());
    }
    match write_stdout(&text) {
        Ok(()) => std::process::exit(error.exit_code()),
        Err(error) => exit_on_write_error(&error),
    }
}

/// Exits after a failed write to stdout: quietly with [`EXIT_BROKEN_PIPE`] when the reader went
/// away, else with a message and [`EXIT_ERROR`].
fn exit_on_write_error(error: &std::io::Error) -> ! {
    if error.kind() == ErrorKind::BrokenPipe {
        std::process::exit(EXIT_BROKEN_PIPE);
    }
    let _ = writeln!(
        std::io::stderr(),
        "p3gen: error writing to stdout: {}",
        without_os_code(error)
    );
    std::process::exit(EXIT_ERROR)
}

/// Writes all of `text` to stdout and flushes it: a full disk, a closed pipe, a closed descriptor or
/// any other failure is an error, never silent success.
fn write_stdout(text: &str) -> std::io::Result<()> {
    if !text.is_empty() && closed_stdout::was_closed() {
        return Err(std::io::Error::from_raw_os_error(libc::EBADF));
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// An I/O error as a sentence: `No space left on device`, without Rust's ` (os error 28)`.
fn without_os_code(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// Whether descriptor 1 was closed when the process started (`p3gen render >&-`). Rust's runtime
/// opens /dev/null on a closed standard descriptor before `main`, which would swallow the output
/// and report success; a constructor looks first.
#[cfg(target_os = "linux")]
mod closed_stdout {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" fn look() {
        // SAFETY: F_GETFD only reads the descriptor's flags; it fails with EBADF when 1 is closed.
        let closed = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1;
        CLOSED.store(closed, Ordering::Relaxed);
    }

    // Run by the C runtime before `main`, and so before Rust's runtime reopens descriptor 1.
    #[used]
    #[unsafe(link_section = ".init_array")]
    static LOOK: extern "C" fn() = look;

    pub fn was_closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

#[cfg(not(target_os = "linux"))]
mod closed_stdout {
    pub fn was_closed() -> bool {
        false
    }
}
