//! `p3gen init`: writes the starter spec to a file (or stdout), never over an existing file
//! unless asked.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::starter::{Accelerator, starter_spec};
use crate::target::TargetOverride;

/// The arguments of `p3gen init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The accelerator the service runs on.
    #[arg(long, value_enum, default_value_t)]
    pub accelerator: Accelerator,
    /// The versions to target, e.g. `kserve=0.20` (default: the spec format's default KServe, and
    /// the oldest Istio version that routes to its InferencePools).
    #[arg(long, value_name = "kserve=VERSION,istio=VERSION")]
    pub target: Option<TargetOverride>,
    /// Write the spec to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Runs `p3gen init`: exit 0 when the spec was written, 2 when FILE exists (without --force) or
/// cannot be written.
pub fn run(args: &InitArgs) -> Outcome {
    let target = args.target.unwrap_or_default();
    let spec = starter_spec(
        args.accelerator,
        target.kserve.unwrap_or_default(),
        target.istio,
    );
    let Some(path) = &args.output else {
        return Outcome::ok(spec);
    };
    // Written beside FILE and renamed over it, so FILE is whole or untouched; without --force the
    // rename fails when FILE exists, even if it appeared since anyone looked.
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let written = tempfile::NamedTempFile::new_in(dir)
        .and_then(|mut file| {
            file.write_all(spec.as_bytes())?;
            file.as_file().sync_all()?;
            Ok(file)
        })
        .and_then(|file| {
            let persisted = if args.force {
                file.persist(path)
            } else {
                file.persist_noclobber(path)
            };
            persisted.map(drop).map_err(|error| error.error)
        });
    match written {
        Ok(()) => Outcome::ok(format!("wrote {}\n", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Outcome::error(format!(
            "error: {} exists; p3gen init does not overwrite it\n\
                 help: choose another file, or pass --force to overwrite it\n",
            path.display()
        )),
        Err(error) => Outcome::error(format!("error: cannot write {}: {error}\n", path.display())),
    }
}
