//! Writing one file all or nothing: the text goes into a temporary file in the same directory,
//! which is flushed to disk and then renamed over the file, so readers see the old content or the
//! new one, and a failed or interrupted write leaves the old file (and, failed, no temporary one).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written. It is as it was.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", .path.display())]
pub struct WriteFileError {
    /// The file.
    pub path: PathBuf,
    /// The error.
    pub source: std::io::Error,
}

/// Writes `text` as the whole content of `path`, atomically. A symbolic link is followed (its
/// target is written, as the shell's `>` would). An existing file keeps its permissions; a new
/// one gets those a plain create would give.
pub fn write_file(path: &Path, text: &str) -> Result<(), WriteFileError> {
    let error = |source| WriteFileError {
        path: path.to_path_buf(),
        source,
    };
    let target = match fs::canonicalize(path) {
        Ok(target) => target,
        Err(_) => std::path::absolute(path).map_err(error)?,
    };
    let parent = target.parent().unwrap_or(Path::new("/"));
    // Said plainly here: the temporary file's error would name the temporary file.
    fs::metadata(parent).map_err(error)?;
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(error(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.p3gen-new-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Asked for 0666, created as the umask allows.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(parent).map_err(error)?;
    file.write_all(text.as_bytes()).map_err(error)?;
    if let Some(existing) = existing {
        fs::set_permissions(file.path(), existing.permissions()).map_err(error)?;
    }
    file.as_file().sync_all().map_err(error)?;
    file.persist(&target)
        .map_err(|persist| error(persist.error))?;
    // The rename itself reaches the disk with the directory.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(parent) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.yaml");
        fs::write(&path, "old and longer\n").unwrap();
        write_file(&path, "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_symbolic_link_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_file(&link, "new\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_file(dir.path(), "x").unwrap_err();
        assert!(error.to_string().contains("is a directory"), "{error}");
    }
}
