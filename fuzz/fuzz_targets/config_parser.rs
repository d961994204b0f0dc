//! Parses arbitrary text as a rules configuration file. Parsing must return
//! valid rules or one error with a position inside the text, never panic,
//! and accepted rules must survive a write and a second parse unchanged.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mentor_match_io::{ConfigFileError, parse_config, render_config};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("rules.toml");
    match parse_config(text, path) {
        Ok(rules) => {
            rules.validate().expect("parsed rules are valid");
            let written = render_config(&rules);
            let again = parse_config(&written, path).expect("written rules parse again");
            assert_eq!(again, rules);
        }
        Err(ConfigFileError::Invalid { line, column, .. }) => {
            assert!(line >= 1, "line {line} before the start");
            assert!(column >= 1, "column {column} before the start");
            assert!(line <= text.lines().count().max(1) + 1, "line {line} past the end");
        }
        Err(other) => panic!("parsing text gave a file error: {other}"),
    }
});
