//! `mentor-match export-dimacs`: match as `match` does, then write the
//! final flow network in DIMACS format so that another min-cost flow solver
//! can confirm the optimal cost, and print figures for benchmark scripts.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use mentor_match_core::dimacs::write_min_cost_flow;
use tracing::info;

use crate::cli::ExportDimacsArgs;
use crate::commands::solve::{Solved, check_outputs_are_not_inputs, read_and_solve};
use crate::error::CliError;
use crate::progress::{Phase, Progress};
use crate::report::print_stdout;

/// Runs `mentor-match export-dimacs`. FILE is written only when reading and
/// solving succeed.
pub fn run(args: &ExportDimacsArgs, quiet: bool, progress: &Progress) -> Result<(), CliError> {
    args.input.check_dir()?;
    let rules = args.input.rules()?;
    // Checked first so that a large roster is not solved only to fail at
    // the end. The final rename checks again.
    check_outputs_are_not_inputs(&args.input, std::slice::from_ref(&args.file))?;
    check_writable(&args.file, args.force)?;

    let solved = read_and_solve(&args.input, &rules, progress)?;
    let network = &solved.report.network;

    let started = progress.start(Phase::Writing);
    write_atomically(&args.file, args.force, |out| write_min_cost_flow(network, out))?;
    let writing = started.elapsed();
    // `write_min_cost_flow` adds one arc, the source-to-sink bypass, to the
    // network's arcs.
    let arcs = network.arcs.len() + 1;
    info!(
        file = %args.file.display(),
        nodes = network.node_count,
        arcs,
        elapsed_ms = writing.as_millis(),
        "wrote DIMACS network"
    );

    progress.finish();
    if !quiet {
        print_stdout(&figures(args, &solved, arcs, writing))?;
    }
    Ok(())
}

/// Formats the figures printed on stdout, one `NAME VALUE` line each. The
/// value is the rest of the line after the name. Times are in milliseconds
/// with three decimals.
fn figures(args: &ExportDimacsArgs, solved: &Solved, arcs: usize, writing: Duration) -> String {
    let report = &solved.report;
    let milliseconds = |duration: Duration| format!("{:.3}", duration.as_secs_f64() * 1000.0);
    let lines = [
        ("file", args.file.display().to_string()),
        ("nodes", report.network.node_count.to_string()),
        ("arcs", arcs.to_string()),
        ("allowed pairs", report.allowed_pairs.to_string()),
        ("network pairs", report.candidate_pairs.to_string()),
        ("flow value", report.flow.value.to_string()),
        ("optimal cost", report.flow.cost.to_string()),
        ("solve rounds", report.rounds.to_string()),
        ("reading ms", milliseconds(solved.reading)),
        ("scoring ms", milliseconds(solved.scoring)),
        ("solving ms", milliseconds(solved.solving)),
        ("flow solver ms", milliseconds(report.flow_solve_time)),
        ("writing ms", milliseconds(writing)),
    ];
    let mut text = String::new();
    for (name, value) in lines {
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{name} {value}");
    }
    text
}

/// Fails when `path` exists and `force` is not given, or when the folder it
/// would go into does not exist.
fn check_writable(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(CliError::FileExists { path: path.to_path_buf() });
    }
    fs::metadata(parent_dir(path))
        .map(drop)
        .map_err(|source| CliError::WriteFile { path: path.to_path_buf(), source })
}

/// Writes a file through `write_contents` into a temporary file in the same
/// folder, then renames it to `path`, so that `path` never contains a
/// partial file. Without `force` the rename fails rather than replace an existing
/// file.
fn write_atomically(
    path: &Path,
    force: bool,
    write_contents: impl FnOnce(&mut BufWriter<&fs::File>) -> io::Result<()>,
) -> Result<(), CliError> {
    let write_error = |source| CliError::WriteFile { path: path.to_path_buf(), source };

    let mut builder = tempfile::Builder::new();
    builder.prefix(".mentor-match-").suffix(".tmp");
    // The `tempfile` default mode is 0o600. Asking for 0o666 lets the umask
    // decide, as for any file a program creates.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let temporary = builder.tempfile_in(parent_dir(path)).map_err(write_error)?;

    let mut out = BufWriter::new(temporary.as_file());
    write_contents(&mut out).map_err(write_error)?;
    out.flush().map_err(write_error)?;
    drop(out);
    temporary.as_file().sync_all().map_err(write_error)?;

    let persisted = if force {
        temporary.persist(path).map(drop)
    } else {
        temporary.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|error| match error.error.kind() {
        io::ErrorKind::AlreadyExists => CliError::FileExists { path: path.to_path_buf() },
        _ => write_error(error.error),
    })
}

/// Returns the folder that contains `path`, `.` for a bare file name.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_of_bare_name_is_current_dir() {
        assert_eq!(parent_dir(Path::new("net.min")), Path::new("."));
        assert_eq!(parent_dir(Path::new("out/net.min")), Path::new("out"));
    }

    #[test]
    fn atomic_write_replaces_only_with_force() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("net.min");
        write_atomically(&path, false, |out| out.write_all(b"first\n")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "first\n");

        let refused = write_atomically(&path, false, |out| out.write_all(b"second\n"));
        assert!(matches!(refused, Err(CliError::FileExists { .. })), "{refused:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first\n");

        write_atomically(&path, true, |out| out.write_all(b"second\n")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second\n");
    }

    #[test]
    fn failed_write_leaves_no_file() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("net.min");
        let failed = write_atomically(&path, false, |out| {
            out.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert!(matches!(failed, Err(CliError::WriteFile { .. })), "{failed:?}");
        let left: Vec<_> = fs::read_dir(temp.path()).unwrap().collect();
        assert!(left.is_empty(), "files left behind: {left:?}");
    }
}
