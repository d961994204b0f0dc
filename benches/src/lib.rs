//! Shared helpers for the mentor-match criterion benchmarks.
