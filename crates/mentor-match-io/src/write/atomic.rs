//! Writing a set of files into a folder so that readers never see a
//! half-written file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::Builder;

use crate::error::OutputError;

/// A file's name inside the output folder and its complete contents.
pub(crate) struct OutputFile {
    pub(crate) name: &'static str,
    pub(crate) contents: Vec<u8>,
}

/// Writes `files` into `dir`.
///
/// When `dir` does not exist, the files are written into a fresh temporary
/// folder next to it, which is then renamed to `dir`, so `dir` appears
/// complete or not at all. When `dir` exists, each file is written to a
/// temporary file in `dir` and renamed over its target, so each file is
/// replaced whole. Files in `dir` other than the targets are never touched.
///
/// Without `force`, an existing target is reported before anything is
/// written, and the final renames also refuse to replace a target that
/// appeared in the meantime.
pub(crate) fn write_files(
    dir: &Path,
    files: &[OutputFile],
    force: bool,
) -> Result<(), OutputError> {
    match fs::metadata(dir) {
        Ok(metadata) if metadata.is_dir() => write_into_existing(dir, files, force),
        Ok(_) => Err(OutputError::NotADirectory { path: dir.to_path_buf() }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => write_new_dir(dir, files, force),
        Err(source) => Err(OutputError::Io { path: dir.to_path_buf(), source }),
    }
}

fn write_into_existing(dir: &Path, files: &[OutputFile], force: bool) -> Result<(), OutputError> {
    if !force {
        for file in files {
            let path = dir.join(file.name);
            if fs::symlink_metadata(&path).is_ok() {
                return Err(OutputError::AlreadyExists { path });
            }
        }
    }

    for file in files {
        let path = dir.join(file.name);
        let io_error = |source| OutputError::Io { path: path.clone(), source };
        let prefix = format!(".{}.", file.name);
        let mut temporary = temporary_file_builder(&prefix).tempfile_in(dir).map_err(io_error)?;
        temporary.write_all(&file.contents).map_err(io_error)?;
        temporary.as_file().sync_all().map_err(io_error)?;
        let persisted = if force {
            temporary.persist(&path).map(drop)
        } else {
            temporary.persist_noclobber(&path).map(drop)
        };
        persisted.map_err(|error| match error.error.kind() {
            io::ErrorKind::AlreadyExists => OutputError::AlreadyExists { path: path.clone() },
            _ => io_error(error.error),
        })?;
    }
    tracing::debug!(dir = %dir.display(), files = files.len(), "wrote files into existing folder");
    Ok(())
}

fn write_new_dir(dir: &Path, files: &[OutputFile], force: bool) -> Result<(), OutputError> {
    let (Some(parent), Some(dir_name)) = (dir.parent(), dir.file_name()) else {
        // A path such as "missing/.." has no final name to rename onto, so
        // create it directly and fall back to per-file replacement.
        fs::create_dir_all(dir).map_err(|source| OutputError::Io { path: dir.into(), source })?;
        return write_into_existing(dir, files, force);
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    fs::create_dir_all(parent)
        .map_err(|source| OutputError::Io { path: parent.to_path_buf(), source })?;

    let prefix = format!(".{}.", dir_name.to_string_lossy());
    let temporary = Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(|source| OutputError::Io { path: dir.to_path_buf(), source })?;
    for file in files {
        let path = temporary.path().join(file.name);
        write_and_sync(&path, &file.contents)
            .map_err(|source| OutputError::Io { path: dir.join(file.name), source })?;
    }

    // Once renamed, the temporary path no longer exists, so cleanup is
    // disabled first and done by hand if the rename fails.
    let temporary_path: PathBuf = temporary.keep();
    if let Err(source) = fs::rename(&temporary_path, dir) {
        let _ = fs::remove_dir_all(&temporary_path);
        let target_exists = matches!(
            source.kind(),
            io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::AlreadyExists
        );
        if target_exists && dir.is_dir() {
            // Another process created the folder after the existence check.
            return write_into_existing(dir, files, force);
        }
        return Err(OutputError::Io { path: dir.to_path_buf(), source });
    }
    tracing::debug!(dir = %dir.display(), files = files.len(), "wrote new output folder");
    Ok(())
}

fn write_and_sync(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Returns a builder for temporary files whose names start with `prefix`.
///
/// On Unix the mode requested is 0o666, which the umask then narrows as for
/// any newly created file. The `tempfile` default of 0o600 would make the
/// outputs unreadable to a team that shares the folder.
fn temporary_file_builder(prefix: &str) -> Builder<'_, 'static> {
    let mut builder = Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}
