use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::{copy_fixture, run};

/// Returns each file of `dir` with its bytes and modification time, sorted
/// by name.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            let modified = fs::metadata(&path).unwrap().modified().unwrap();
            let bytes = fs::read(&path).unwrap();
            (path, bytes, modified)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn inputs_unchanged_by_validate_and_match() {
    for fixture in ["distinct", "messy"] {
        let (_temp, dir) = copy_fixture(fixture);
        let before = snapshot(&dir);
        assert!(before.len() >= 2, "{fixture} has no input files");

        for args in [
            &["validate", "."][..],
            &["validate", ".", "--format", "json"],
            &["match", "."],
            &["match", ".", "--force", "-vvv"],
        ] {
            run(&dir, args);
            assert_eq!(snapshot(&dir), before, "{fixture}: {args:?} changed an input file");
        }
    }
}
