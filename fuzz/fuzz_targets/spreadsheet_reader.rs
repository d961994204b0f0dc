//! Reads arbitrary bytes as a workbook with `mentors` and `mentees` sheets,
//! named `.xlsx` or `.ods` by the first byte. Reading must return a roster
//! or problems, never panic.

#![no_main]

use std::fs;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mentor_match_io::check_roster;
use mentor_match_model::RuleConfig;

fn folder() -> &'static tempfile::TempDir {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER.get_or_init(|| tempfile::tempdir().expect("create a temporary folder"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    let name = if selector % 2 == 0 { "book.xlsx" } else { "book.ods" };
    let path = folder().path().join(name);
    fs::write(&path, contents).expect("write the workbook");

    let check = check_roster(&path, &path, &RuleConfig::default());
    assert_eq!(check.roster.is_none(), check.has_errors());
    for problem in &check.problems {
        assert!(!problem.to_string().contains(['\n', '\r']), "{problem}");
    }
});
