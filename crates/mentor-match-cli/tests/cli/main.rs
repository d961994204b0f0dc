//! Integration tests of the `mentor-match` binary: each test runs the built
//! binary on fixture folders copied into a temporary directory and checks
//! its exit status, its messages and the files it writes.

mod support;

/// Output files of `match`: their presence, columns and agreement with one
/// another, and the printed summary.
mod match_outputs;

/// Characteristics and other personal data stay out of the participant
/// lists and the logs.
mod privacy;

/// Matching rules the command line controls: priority, exclusions, and
/// never matching a person with themselves.
mod rules;

/// Rules from a configuration file, pins, `init-config` and the example
/// programme in `examples/engineering-guild`.
mod config;

/// Existing outputs are kept unless `--force` is given.
mod overwrite;

/// Invalid input and invalid usage: exit statuses and messages.
mod invalid_input;

/// `generate`, alone and followed by `match`.
mod generate;

/// Identical outputs whatever the input row order and thread count.
mod determinism;

/// `export-dimacs`: the DIMACS file, the printed figures, and overwriting.
mod export_dimacs;

/// Phase logs at info level, and no spinner output when stderr is piped.
mod progress;

/// `validate`, and the same checks before `match`: every problem of a
/// messy folder, exit statuses, JSON, and workbooks.
mod validate;

/// `unmatched.csv`, pair ranks, `report.html` and `explain`: every stated
/// reason checked against the other files and against a pinned re-run.
mod explain;

/// Input files stay byte-identical with the same modification time.
mod input_files;
