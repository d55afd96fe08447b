//! Reading input files, the one way every command does it: regular files only, at most
//! [`max_input`] bytes, as UTF-8 text with the line and column of the first invalid byte; the
//! limits every YAML reader applies; and what directory walks leave out ([`Skipped`]), which
//! commands note on stderr.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The size limit of one input file when [`MAX_INPUT_VAR`] does not set another: 16 MiB.
pub const DEFAULT_MAX_INPUT: u64 = 16 * 1024 * 1024;

/// The environment variable that sets the size limit of one input file, in bytes or with a
/// `K`, `M` or `G` suffix (powers of 1,024): `P3GEN_MAX_INPUT=64M`.
pub const MAX_INPUT_VAR: &str = "P3GEN_MAX_INPUT";

/// The YAML documents one file may hold (a 1,000-spec fleet bundle has about 8,000).
pub const MAX_YAML_DOCUMENTS: usize = 100_000;

/// What aliases may add to one YAML file, in bytes of the values they copy (counted as
/// [`crate::manifest`] builds them): guards against "billion laughs" files.
pub const MAX_ALIAS_EXPANSION: usize = 64 * 1024 * 1024;

/// Why an input file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Not a regular file (a FIFO, a device, a socket, a directory).
    #[error(
        "cannot read {}: it is {kind}, not a regular file; p3gen reads only regular files",
        .path.display()
    )]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead ("a FIFO", "a character device", …).
        kind: &'static str,
    },
    /// Larger than the limit.
    #[error(
        "cannot read {}: it is larger than the input limit of {} ({limit} bytes); set {MAX_INPUT_VAR} to raise the limit",
        .path.display(),
        Size(*.limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not UTF-8 text.
    #[error(
        "cannot read {}:{line}:{column}: not UTF-8: byte 0x{byte:02X} cannot start or continue a character here; save the file as UTF-8",
        .path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte, from 1.
        line: usize,
        /// Column (in characters) of the first invalid byte, from 1.
        column: usize,
        /// The byte.
        byte: u8,
    },
    /// The limit variable does not hold a size.
    #[error(
        "{MAX_INPUT_VAR}={value:?} is not a size: write a number of bytes, optionally with K, M or G (e.g. 64M)"
    )]
    BadLimit {
        /// What the variable holds.
        value: String,
    },
}

/// The size limit of one input file: [`MAX_INPUT_VAR`] when set, else [`DEFAULT_MAX_INPUT`].
///
/// # Errors
///
/// [`ReadError::BadLimit`] when the variable is set to something that is not a size.
pub fn max_input() -> Result<u64, ReadError> {
    match std::env::var(MAX_INPUT_VAR) {
        Err(_) => Ok(DEFAULT_MAX_INPUT),
        Ok(value) => parse_size(&value).ok_or(ReadError::BadLimit { value }),
    }
}

/// `1024`, `512K`, `64M`, `1G` (also `64MiB`, `64MB`: powers of 1,024 all).
fn parse_size(value: &str) -> Option<u64> {
    let value = value.trim();
    let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, unit) = value.split_at(digits);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// Reads a file as UTF-8 text: a regular file (or a link to one) of at most [`max_input`] bytes.
///
/// A FIFO or a device is refused without waiting for it, and no more than the limit and one byte
/// is ever read, so neither a pipe nor `/dev/zero` can hang a run or exhaust memory.
///
/// # Errors
///
/// Every [`ReadError`].
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let limit = max_input()?;
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind(&metadata.file_type()),
        });
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    read_limited_with(path, file, limit, capacity)
}

/// Reads text from a stream (standard input, say) as [`read_text`] reads a file; `name` names it
/// in errors.
///
/// # Errors
///
/// [`ReadError::Io`], [`ReadError::TooLarge`], [`ReadError::NotUtf8`], [`ReadError::BadLimit`].
pub fn read_stream(name: &Path, stream: impl Read) -> Result<String, ReadError> {
    read_limited_with(name, stream, max_input()?, 0)
}

fn read_limited_with(
    path: &Path,
    stream: impl Read,
    limit: u64,
    capacity: usize,
) -> Result<String, ReadError> {
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        // Everything before `valid` is UTF-8, so counting characters there is exact.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |index| index + 1);
        ReadError::NotUtf8 {
            path: path.to_path_buf(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            byte: bytes[valid],
        }
    })
}

/// Opens a file for reading without blocking on a FIFO that has no writer.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        // libc: O_NONBLOCK has no portable std name; without it, opening a FIFO waits for a writer.
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Whether a path names a regular file, following symbolic links: what a directory walk reads.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
}

/// A file, directory or YAML document that a directory walk leaves out, with why: what a command
/// notes it skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file or directory, below the directory given.
    pub path: PathBuf,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why a directory walk left something out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a regular file (a FIFO, a device, a socket, or a link to one): reading it could wait
    /// for a writer or never end. The text says what it is: `a FIFO`, `a character device`, …
    NotRegular(&'static str),
    /// A hidden directory or file (its name starts with `.`, like `.git` or `.github`) that holds
    /// files the walk would otherwise read.
    Hidden {
        /// A directory rather than a file.
        directory: bool,
    },
    /// A YAML document that is not a Kubernetes object: not a mapping, or without `apiVersion` or
    /// `kind`.
    NotAnObject {
        /// The document's number in its file, from 1; `None` when no document of the file is an
        /// object.
        document: Option<usize>,
        /// Why not: `no apiVersion`, `no kind`, `no apiVersion and kind` or `not a mapping`.
        why: &'static str,
    },
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.reason {
            SkipReason::NotRegular(kind) => {
                write!(f, "skipped {path}: it is {kind}, not a regular file")
            }
            SkipReason::Hidden { directory: true } => write!(
                f,
                "skipped {path}: a hidden directory; name its files to read them"
            ),
            SkipReason::Hidden { directory: false } => {
                write!(f, "skipped {path}: a hidden file; name it to read it")
            }
            SkipReason::NotAnObject { document, why } => {
                write!(f, "skipped {path}")?;
                if let Some(document) = document {
                    write!(f, " (document {document})")?;
                }
                write!(f, ": not a Kubernetes object ({why})")
            }
        }
    }
}

/// The files below the directories among `paths` whose names a directory walk reads (`wanted`)
/// but that it leaves out because they are not regular files, sorted by path: what a command
/// notes it skipped. `recursive` looks into sub-directories too (not hidden ones, and not through
/// links). Paths that are not directories are left to [`read_text`], which refuses them.
pub fn skipped_in(
    paths: &[PathBuf],
    recursive: bool,
    wanted: impl Fn(&Path) -> bool,
) -> Vec<Skipped> {
    let mut skipped = Vec::new();
    for dir in paths.iter().filter(|path| path.is_dir()) {
        let walk = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(if recursive { usize::MAX } else { 1 })
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
        for entry in walk.filter_map(Result::ok) {
            if entry.file_type().is_dir() || !wanted(entry.path()) {
                continue;
            }
            // A link is judged by what it points to; a dangling one is not read at all.
            if let Ok(metadata) = std::fs::metadata(entry.path())
                && !metadata.is_file()
                && !metadata.is_dir()
            {
                skipped.push(Skipped {
                    path: entry.into_path(),
                    reason: SkipReason::NotRegular(kind(&metadata.file_type())),
                });
            }
        }
    }
    skipped
}

/// What a file that is not regular is, for messages.
pub(crate) fn kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// A byte count as people write it: `16 MiB`, `512 KiB`, `1000 bytes`.
struct Size(u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0;
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
            if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
                return write!(f, "{} {unit}", bytes >> shift);
            }
        }
        write!(f, "{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_binary_suffixes() {
        assert_eq!(parse_size("1024"), Some(1024));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("64MiB"), Some(64 << 20));
        assert_eq!(parse_size("1g"), Some(1 << 30));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("12Q"), None);
        assert_eq!(Size(16 << 20).to_string(), "16 MiB");
        assert_eq!(Size(1000).to_string(), "1000 bytes");
    }

    #[test]
    fn the_first_invalid_byte_is_named_by_line_and_column() {
        let error =
            read_stream(Path::new("x.toml"), &b"a = 1\nb = \"\xc3\xa9\xff\"\n"[..]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot read x.toml:2:7: not UTF-8: byte 0xFF cannot start or continue a character here; save the file as UTF-8"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_in_directories_are_named_as_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo {}", fifo.display());
        std::fs::write(dir.path().join("plain.yaml"), "a: 1\n").unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let yaml = |path: &Path| path.extension().is_some_and(|ext| ext == "yaml");
        let skipped = skipped_in(&[dir.path().to_path_buf()], true, yaml);
        assert_eq!(
            skipped,
            [
                Skipped {
                    path: fifo.clone(),
                    reason: SkipReason::NotRegular("a FIFO")
                },
                Skipped {
                    path: dir.path().join("zero.yaml"),
                    reason: SkipReason::NotRegular("a character device")
                },
            ]
        );
        assert_eq!(
            skipped[0].to_string(),
            format!(
                "skipped {}: it is a FIFO, not a regular file",
                fifo.display()
            )
        );
        let toml = |path: &Path| path.extension().is_some_and(|ext| ext == "toml");
        assert!(skipped_in(&[dir.path().to_path_buf()], true, toml).is_empty());
    }

    #[test]
    fn a_stream_longer_than_the_limit_is_refused() {
        let error = read_limited_with(Path::new("x"), std::io::repeat(0), 1000, 0).unwrap_err();
        assert!(
            matches!(error, ReadError::TooLarge { limit: 1000, .. }),
            "{error}"
        );
    }
}
