//! Writing a set of files into a folder so that readers never see a
//! half-written file, nor a mix of old and new files unless a rename fails
//! partway.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, TempPath};

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
/// complete or not at all. When `dir` exists, every file is first written in
/// full to a temporary file in `dir`, and only then are the temporary files
/// renamed over their targets, one after another. Files in `dir` other than
/// the targets are never touched.
///
/// Before anything is written, a target that is a directory is reported,
/// and so is an existing target when `force` is false. The final renames
/// also reject a target that appeared in the meantime unless `force` is
/// true.
///
/// # Errors
///
/// When writing a temporary file fails, the temporary files are removed and
/// [`OutputError::Io`] names the target, so `dir` is left as it was. When a
/// rename fails after earlier ones succeeded, [`OutputError::PartlyWritten`]
/// lists the targets already replaced.
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
    check_targets(dir, files, force)?;
    let staged = stage_files(dir, files)?;
    rename_into_place(dir, staged, force)?;
    tracing::debug!(dir = %dir.display(), files = files.len(), "wrote files into existing folder");
    Ok(())
}

/// Rejects targets that are directories, and existing targets unless
/// `force` is true.
///
/// Renaming a file over a directory fails, so without this check the
/// failure would come after the earlier files had been replaced.
fn check_targets(dir: &Path, files: &[OutputFile], force: bool) -> Result<(), OutputError> {
    let targets: Vec<(PathBuf, Option<fs::Metadata>)> = files
        .iter()
        .map(|file| {
            let path = dir.join(file.name);
            let metadata = fs::symlink_metadata(&path).ok();
            (path, metadata)
        })
        .collect();
    for (path, metadata) in &targets {
        if metadata.as_ref().is_some_and(fs::Metadata::is_dir) {
            return Err(OutputError::IsADirectory { path: path.clone() });
        }
    }
    if !force {
        for (path, metadata) in targets {
            if metadata.is_some() {
                return Err(OutputError::AlreadyExists { path });
            }
        }
    }
    Ok(())
}

/// A complete temporary file in the output folder, waiting to be renamed
/// to its target. Dropping it deletes the temporary file.
struct StagedFile {
    name: &'static str,
    temporary: TempPath,
}

/// Writes every file to a temporary file in `dir`.
///
/// On failure the temporary files already written are dropped, which
/// deletes them.
fn stage_files(dir: &Path, files: &[OutputFile]) -> Result<Vec<StagedFile>, OutputError> {
    let written = in_parallel(files, |file| write_temporary_file(dir, file));
    let mut staged = Vec::with_capacity(files.len());
    for (file, temporary) in files.iter().zip(written) {
        let temporary =
            temporary.map_err(|source| OutputError::Io { path: dir.join(file.name), source })?;
        staged.push(StagedFile { name: file.name, temporary });
    }
    Ok(staged)
}

/// Runs `task` on every item, each on a thread of its own but the first,
/// and returns the results in item order.
///
/// Writing and syncing each output file on its own thread overlaps the
/// syncs, which took most of the writing time of a 500-a-side run. A
/// panic in a task resumes on the caller's thread.
pub(crate) fn in_parallel<I: Sync, T: Send>(items: &[I], task: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let Some((first, rest)) = items.split_first() else { return Vec::new() };
    std::thread::scope(|scope| {
        let task = &task;
        let handles: Vec<_> = rest.iter().map(|item| scope.spawn(move || task(item))).collect();
        let mut results = Vec::with_capacity(items.len());
        results.push(task(first));
        for handle in handles {
            match handle.join() {
                Ok(result) => results.push(result),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    })
}

/// Writes `file` to a new temporary file in `dir`, named after it, and
/// syncs it to disk.
///
/// The file is opened with plain [`OpenOptions`] and written through
/// [`File`], because `tempfile`'s own constructors and its `Write`
/// implementation add " at path ..." to their errors. Users would then see
/// the name of a temporary file that no longer exists. `OpenOptions`
/// requests mode 0o666 on Unix, which the umask narrows as for any new file,
/// whereas `tempfile`'s default of 0o600 would hide the outputs from a team
/// that shares the folder.
fn write_temporary_file(dir: &Path, file: &OutputFile) -> io::Result<TempPath> {
    let temporary = Builder::new()
        .prefix(&format!(".{}.", file.name))
        .suffix(".tmp")
        .make_in(dir, |path| OpenOptions::new().write(true).create_new(true).open(path))?;
    let mut handle: &File = temporary.as_file();
    handle.write_all(&file.contents)?;
    handle.sync_all()?;
    // Closing the file first lets the rename succeed on Windows too.
    Ok(temporary.into_temp_path())
}

/// Renames the staged files over their targets, in order.
///
/// When a rename fails, the remaining temporary files are deleted and the
/// error lists the targets already replaced.
fn rename_into_place(dir: &Path, staged: Vec<StagedFile>, force: bool) -> Result<(), OutputError> {
    let mut written: Vec<PathBuf> = Vec::with_capacity(staged.len());
    for StagedFile { name, temporary } in staged {
        let path = dir.join(name);
        let renamed =
            if force { temporary.persist(&path) } else { temporary.persist_noclobber(&path) };
        if let Err(error) = renamed {
            return Err(rename_error(path, written, error.error));
        }
        written.push(path);
    }
    Ok(())
}

fn rename_error(path: PathBuf, written: Vec<PathBuf>, source: io::Error) -> OutputError {
    if !written.is_empty() {
        OutputError::PartlyWritten { path, written, source }
    } else if source.kind() == io::ErrorKind::AlreadyExists {
        OutputError::AlreadyExists { path }
    } else {
        OutputError::Io { path, source }
    }
}

fn write_new_dir(dir: &Path, files: &[OutputFile], force: bool) -> Result<(), OutputError> {
    let (Some(parent), Some(dir_name)) = (dir.parent(), dir.file_name()) else {
        // A path such as "missing/.." has no final name to rename onto, so
        // create it directly and fall back to replacing files one by one.
        fs::create_dir_all(dir).map_err(|source| OutputError::Io { path: dir.into(), source })?;
        return write_into_existing(dir, files, force);
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    fs::create_dir_all(parent)
        .map_err(|source| OutputError::Io { path: parent.to_path_buf(), source })?;

    let temporary = TemporaryDir::create_in(parent, dir_name)
        .map_err(|source| OutputError::Io { path: dir.to_path_buf(), source })?;
    let written =
        in_parallel(files, |file| write_and_sync(&temporary.path.join(file.name), &file.contents));
    for (file, result) in files.iter().zip(written) {
        result.map_err(|source| OutputError::Io { path: dir.join(file.name), source })?;
    }

    if let Err(source) = temporary.rename_to(dir) {
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

/// Maximum number of characters of the final folder's name that go into
/// the temporary folder's name.
///
/// The temporary name adds 12 bytes to this part, so a folder name close to
/// the file system's limit (255 bytes on most) still leaves room.
const MAX_NAME_CHARS_IN_TEMPORARY_DIR: usize = 32;

/// A temporary folder next to the final output folder. Dropping it removes
/// the folder and its contents unless it was renamed into place.
struct TemporaryDir {
    /// The folder's path, or an empty path once it was renamed.
    path: PathBuf,
}

impl TemporaryDir {
    /// Creates an empty folder in `parent` whose hidden name starts with
    /// `final_name`.
    ///
    /// As in [`write_temporary_file`], the folder is created with plain
    /// [`fs::create_dir`] so no error mentions the temporary name.
    fn create_in(parent: &Path, final_name: &OsStr) -> io::Result<Self> {
        let shortened: String =
            final_name.to_string_lossy().chars().take(MAX_NAME_CHARS_IN_TEMPORARY_DIR).collect();
        // `TemporaryDir` removes the folder itself, because `tempfile`'s
        // cleanup for `make_in` deletes a file, not a folder.
        let created = Builder::new()
            .prefix(&format!(".{shortened}."))
            .suffix(".tmp")
            .disable_cleanup(true)
            .make_in(parent, |path| fs::create_dir(path))?;
        Ok(TemporaryDir { path: created.path().to_path_buf() })
    }

    /// Renames the folder to `target`. On failure the folder is removed.
    fn rename_to(mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TemporaryDir {
    fn drop(&mut self) {
        if self.path.as_os_str().is_empty() {
            return;
        }
        if let Err(error) = fs::remove_dir_all(&self.path) {
            tracing::warn!(
                path = %self.path.display(),
                %error,
                "failed to remove a temporary output folder"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn files(names: &[&'static str], text: &str) -> Vec<OutputFile> {
        names
            .iter()
            .map(|&name| OutputFile { name, contents: format!("{text} {name}").into_bytes() })
            .collect()
    }

    fn listing(dir: &Path) -> BTreeSet<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn failed_staging_leaves_folder_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a.csv", "b.csv", "missing/c.csv", "d.json"];
        for name in ["a.csv", "b.csv", "d.json"] {
            fs::write(dir.path().join(name), "old").unwrap();
        }

        // The temporary file for "missing/c.csv" cannot be created, because
        // the subfolder does not exist.
        let error = write_files(dir.path(), &files(&names, "new"), true).unwrap_err();

        assert!(
            matches!(&error, OutputError::Io { path, .. } if *path == dir.path().join("missing/c.csv")),
            "{error:?}"
        );
        for name in ["a.csv", "b.csv", "d.json"] {
            assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), "old", "{name}");
        }
        let expected: BTreeSet<String> =
            ["a.csv", "b.csv", "d.json"].map(String::from).into_iter().collect();
        assert_eq!(listing(dir.path()), expected, "temporary files left behind");
    }

    #[test]
    fn staging_error_names_target_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("removed");

        // `write_into_existing` runs after the folder was found, so this is
        // a folder removed between that check and the writes.
        let error = write_into_existing(&missing, &files(&["a.csv"], "new"), true).unwrap_err();

        let message = error.to_string();
        assert!(
            message.starts_with(&format!("failed to write {}:", missing.join("a.csv").display()))
        );
        assert!(!message.contains(".a.csv."), "temporary file named: {message}");
        assert!(message.contains("Check that the output folder still exists"), "{message}");
    }

    #[test]
    fn failed_rename_lists_files_already_written() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a.csv", "b.csv", "c.csv", "d.json"];
        for name in names {
            fs::write(dir.path().join(name), "old").unwrap();
        }
        let staged = stage_files(dir.path(), &files(&names, "new")).unwrap();
        // A directory that appears at a target after the up-front checks
        // makes its rename fail.
        fs::remove_file(dir.path().join("c.csv")).unwrap();
        fs::create_dir(dir.path().join("c.csv")).unwrap();
        fs::write(dir.path().join("c.csv/inside"), "x").unwrap();

        let error = rename_into_place(dir.path(), staged, true).unwrap_err();

        match &error {
            OutputError::PartlyWritten { path, written, .. } => {
                assert_eq!(*path, dir.path().join("c.csv"));
                assert_eq!(*written, [dir.path().join("a.csv"), dir.path().join("b.csv")]);
            }
            other => panic!("expected PartlyWritten, got {other:?}"),
        }
        let message = error.to_string();
        let written_part = format!(
            "{} and {} had already been written",
            dir.path().join("a.csv").display(),
            dir.path().join("b.csv").display()
        );
        assert!(message.contains(&written_part), "{message}");
        assert!(!message.contains(".c.csv."), "temporary file named: {message}");
        assert_eq!(fs::read_to_string(dir.path().join("a.csv")).unwrap(), "new a.csv");
        assert_eq!(fs::read_to_string(dir.path().join("d.json")).unwrap(), "old");
        let expected: BTreeSet<String> = names.map(String::from).into_iter().collect();
        assert_eq!(listing(dir.path()), expected, "temporary files left behind");
    }

    #[test]
    fn permission_error_suggests_writable_folder() {
        let error = OutputError::Io {
            path: PathBuf::from("out/matches.csv"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let message = error.to_string();
        assert!(message.starts_with("failed to write out/matches.csv: "), "{message}");
        assert!(message.ends_with("Check that the folder is writable and try again"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn replaced_file_mode_follows_umask() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().unwrap();
        let reference = dir.path().join("reference");
        File::create(&reference).unwrap();
        fs::write(dir.path().join("a.csv"), "old").unwrap();

        write_files(dir.path(), &files(&["a.csv"], "new"), true).unwrap();

        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("a.csv")), mode(&reference));
    }

    #[test]
    fn long_new_folder_name_written() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes fits the usual 255-byte limit, but not with the 12
        // bytes a temporary name adds to the whole name.
        let out = dir.path().join("x".repeat(250));

        write_files(&out, &files(&["a.csv"], "new"), false).unwrap();

        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "new a.csv");
        assert_eq!(listing(dir.path()).len(), 1, "temporary folder left behind");
    }
}
