//! The spinner on stderr that names the current phase of a long run, and
//! the log writer that keeps log lines from tearing it.
//!
//! The spinner appears only when stderr is a terminal and `--quiet` is not
//! given, and only once a run has lasted [`REVEAL_DELAY`], so that quick
//! runs, scripts and tests never see it.

use std::io::{self, IsTerminal, Write};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tracing_subscriber::fmt::MakeWriter;

/// How long a run goes on before the spinner is drawn.
pub const REVEAL_DELAY: Duration = Duration::from_secs(1);

/// Interval between two frames of the spinner.
const TICK_INTERVAL: Duration = Duration::from_millis(120);

/// A step of `match` and `export-dimacs`, named on the spinner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and validating the input files.
    Reading,
    /// Compiling the roster and scoring the allowed pairs.
    Scoring,
    /// Solving the flow network, including the pricing rounds.
    Solving,
    /// Explaining the result: ranks and reasons for shortfalls.
    Explaining,
    /// Writing the outputs.
    Writing,
}

impl Phase {
    /// Returns the text the spinner shows during this phase.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Reading => "reading input files",
            Phase::Scoring => "scoring pairs",
            Phase::Solving => "solving",
            Phase::Explaining => "explaining",
            Phase::Writing => "writing",
        }
    }
}

/// Returns whether a command may show the spinner: only when stderr is a
/// terminal and the user did not ask for quiet output.
pub fn spinner_allowed(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}

/// The spinner of one command run.
///
/// The bar starts with a hidden draw target. A helper thread switches it to
/// stderr after [`REVEAL_DELAY`] unless [`Progress::finish`] comes first.
/// A disabled `Progress` keeps a hidden bar, so callers never branch on it.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    reveal: Mutex<Option<Reveal>>,
}

/// The thread that draws the spinner after the delay, and the channel that
/// cancels it.
#[derive(Debug)]
struct Reveal {
    cancel: Sender<()>,
    thread: JoinHandle<()>,
}

impl Progress {
    /// Creates the spinner of a run, to be drawn on stderr after
    /// [`REVEAL_DELAY`] when `enabled`, and never otherwise.
    pub fn new(enabled: bool) -> Progress {
        Progress::with_delay(enabled, REVEAL_DELAY)
    }

    fn with_delay(enabled: bool, delay: Duration) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if !enabled {
            return Progress { bar, reveal: Mutex::new(None) };
        }

        // The template is a constant, and the unit test
        // `spinner_template_parses` checks that it parses.
        let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .expect("the spinner template is valid");
        bar.set_style(style);

        let (cancel, cancelled) = mpsc::channel::<()>();
        let revealed_bar = bar.clone();
        let thread = thread::spawn(move || {
            // A message or a dropped sender both mean the run has finished.
            if let Err(RecvTimeoutError::Timeout) = cancelled.recv_timeout(delay) {
                revealed_bar.set_draw_target(ProgressDrawTarget::stderr());
                revealed_bar.enable_steady_tick(TICK_INTERVAL);
            }
        });
        Progress { bar, reveal: Mutex::new(Some(Reveal { cancel, thread })) }
    }

    /// Shows `phase` on the spinner and returns the time it started.
    pub fn start(&self, phase: Phase) -> Instant {
        self.bar.set_message(phase.label());
        Instant::now()
    }

    /// Removes the spinner from the terminal for good. Call it before
    /// printing anything, on stdout or stderr, that must not be mixed with
    /// the spinner. Later calls do nothing.
    pub fn finish(&self) {
        let reveal = self.reveal.lock().map(|mut reveal| reveal.take()).unwrap_or(None);
        if let Some(Reveal { cancel, thread }) = reveal {
            // Joining first guarantees that the thread cannot draw the bar
            // after it has been cleared. A send error means the thread has
            // already switched the bar to stderr, which the clear below undoes.
            let _ = cancel.send(());
            let _ = thread.join();
        }
        self.bar.finish_and_clear();
    }

    /// Runs `print`, which writes to stderr directly, with the spinner
    /// erased, so that its lines do not mix with spinner frames.
    pub fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        self.bar.suspend(print)
    }

    /// Returns a writer for the log subscriber that prints to stderr with
    /// the spinner erased, so that log lines and spinner frames never share
    /// a line.
    pub fn log_writer(&self) -> StderrBesideSpinner {
        StderrBesideSpinner { bar: self.bar.clone() }
    }

    /// Returns whether the spinner is currently drawn.
    #[cfg(test)]
    fn is_drawn(&self) -> bool {
        !self.bar.is_hidden()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Stderr for log lines: each write erases the spinner, writes, and lets
/// the spinner redraw below the new text.
#[derive(Debug, Clone)]
pub struct StderrBesideSpinner {
    bar: ProgressBar,
}

impl Write for StderrBesideSpinner {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bar.suspend(|| io::stderr().write(buf))
    }

    // The log subscriber writes each event with one `write_all` call, so
    // overriding it keeps a whole event together between two frames.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.bar.suspend(|| io::stderr().write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

impl<'a> MakeWriter<'a> for StderrBesideSpinner {
    type Writer = StderrBesideSpinner;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Returns whether stderr is a terminal.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spinner_only_on_terminal_without_quiet() {
        assert!(spinner_allowed(false, true));
        assert!(!spinner_allowed(true, true));
        assert!(!spinner_allowed(false, false));
        assert!(!spinner_allowed(true, false));
    }

    #[test]
    fn spinner_template_parses() {
        let progress = Progress::with_delay(true, Duration::from_secs(3600));
        progress.finish();
    }

    #[test]
    fn disabled_spinner_never_drawn() {
        let progress = Progress::with_delay(false, Duration::ZERO);
        thread::sleep(Duration::from_millis(50));
        assert!(!progress.is_drawn());
        progress.finish();
    }

    #[test]
    fn finish_before_delay_keeps_spinner_hidden() {
        let progress = Progress::with_delay(true, Duration::from_secs(3600));
        progress.start(Phase::Solving);
        progress.finish();
        assert!(!progress.is_drawn());
        // A second call must not block or panic.
        progress.finish();
    }

    #[test]
    fn phase_labels_are_distinct() {
        let labels =
            [Phase::Reading, Phase::Scoring, Phase::Solving, Phase::Writing].map(Phase::label);
        for (i, label) in labels.iter().enumerate() {
            assert!(!labels[..i].contains(label), "{label} repeats");
        }
    }
}
