//! `mentor-match init-config`: write the default rules configuration file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};

use mentor_match_io::render_config;
use mentor_match_model::RuleConfig;
use tracing::info;

use crate::cli::InitConfigArgs;
use crate::error::CliError;
use crate::report::print_stdout;

/// Runs `mentor-match init-config`. Without `--force`, an existing file is
/// left untouched and reported.
pub fn run(args: &InitConfigArgs, quiet: bool) -> Result<(), CliError> {
    let path = &args.file;
    let text = render_config(&RuleConfig::default());
    let write_error = |source| CliError::WriteFile { path: path.clone(), source };

    if args.force {
        fs::write(path, &text).map_err(write_error)?;
    } else {
        // `create_new` fails when the file exists, with no window between a
        // check and the write.
        let mut file =
            OpenOptions::new().write(true).create_new(true).open(path).map_err(|source| {
                match source.kind() {
                    io::ErrorKind::AlreadyExists => CliError::FileExists { path: path.clone() },
                    _ => write_error(source),
                }
            })?;
        file.write_all(text.as_bytes()).map_err(write_error)?;
    }
    info!(file = %path.display(), "wrote default configuration");

    if !quiet {
        print_stdout(&format!(
            "wrote the default rules to {}: edit it and pass it to --config\n",
            path.display()
        ))?;
    }
    Ok(())
}
