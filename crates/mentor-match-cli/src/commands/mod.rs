//! The subcommands, one module each, and the steps they share.

pub mod explain;
pub mod export_dimacs;
pub mod generate;
pub mod init_config;
pub mod match_cmd;
mod solve;
pub mod validate;
