//! Diagnostic logging to stderr through `tracing`.
//!
//! Log events carry counts, timings and file paths only. Participants'
//! names, email addresses and characteristics never go into a log.

use std::io::{self, IsTerminal};

use tracing::level_filters::LevelFilter;

use crate::progress::StderrBesideSpinner;

/// Installs the stderr subscriber for the whole process.
///
/// `verbosity` is the number of `-v` flags: 0 logs warnings and errors,
/// 1 adds progress (info), 2 adds debugging detail, 3 or more adds traces.
/// Log lines go through `writer`, which erases the spinner while it
/// prints.
pub fn init(verbosity: u8, writer: StderrBesideSpinner) {
    let level = match verbosity {
        0 => LevelFilter::WARN,
        1 => LevelFilter::INFO,
        2 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    };
    // `try_init` fails only when a global subscriber or `log` logger is
    // already installed, and that one then keeps logging, so the error
    // needs no handling.
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(writer)
        .with_ansi(io::stderr().is_terminal())
        .with_target(verbosity >= 2)
        .without_time()
        .try_init();
}
