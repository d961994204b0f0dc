//! The subcommands, one module each.

pub mod generate;
pub mod match_cmd;
