use std::fs;

use crate::support::{Table, copy_fixture, run_match, stderr};

/// Characteristic values of the `distinct` fixture. None of them occurs in
/// any other field of that fixture, so finding one in an output means a
/// characteristic leaked.
const CHARACTERISTICS: [&str; 3] =
    ["Zyxcharacteristic-alpha", "Qwvidentity-beta", "Plmcharacteristic-gamma"];

/// Returns whether `haystack` contains `needle`, ignoring ASCII case.
fn contains_ignoring_case(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase();
    haystack.to_ascii_lowercase().windows(needle.len()).any(|window| window == needle.as_bytes())
}

#[test]
fn fixture_characteristics_are_distinct() {
    // Guards the other tests of this module: each value must be in the
    // inputs, and only in the characteristics columns.
    let (_temp, dir) = copy_fixture("distinct");
    for (file, column) in [("mentors.csv", "characteristics"), ("mentees.csv", "identity to match")]
    {
        let table = Table::read(&dir.join(file));
        let characteristic_column = table.column(column);
        for row in &table.rows {
            for (index, cell) in row.iter().enumerate() {
                if index == characteristic_column {
                    continue;
                }
                for value in CHARACTERISTICS {
                    assert!(!cell.contains(value), "{file}: {value} outside {column}");
                }
            }
        }
    }
    let inputs =
        [fs::read(dir.join("mentors.csv")).unwrap(), fs::read(dir.join("mentees.csv")).unwrap()]
            .concat();
    for value in CHARACTERISTICS {
        assert!(contains_ignoring_case(&inputs, value), "{value} is not in the inputs");
    }
}

#[test]
fn lists_omit_characteristics() {
    let (_temp, dir) = copy_fixture("distinct");
    run_match(&dir, &[]);
    let out = dir.join("output");

    // The run must produce matches, or the biographies of matches (the
    // place a leak would most likely hide) would be empty.
    let mentees_list = Table::read(&out.join("mentees-list.csv"));
    assert!(
        mentees_list.values("number of matches").iter().any(|count| *count != "0"),
        "no mentee was matched"
    );

    for file in ["mentees-list.csv", "mentors-list.csv", "unmatched.csv", "report.html"] {
        let bytes = fs::read(out.join(file)).unwrap();
        for value in CHARACTERISTICS {
            assert!(!contains_ignoring_case(&bytes, value), "{file} contains {value}");
        }
        if file.ends_with(".html") {
            continue;
        }
        let header = Table::read(&out.join(file)).header;
        for column in ["characteristics", "identity to match"] {
            assert!(!header.iter().any(|h| h == column), "{file} has a {column:?} column");
        }
    }
}

#[test]
fn verbose_logs_omit_personal_data() {
    let (_temp, dir) = copy_fixture("distinct");
    let output = run_match(&dir, &["-vvv"]);
    let logs = stderr(&output);

    assert!(!logs.is_empty(), "-vvv logged nothing");
    for value in CHARACTERISTICS {
        assert!(!logs.contains(value), "the log contains {value}:\n{logs}");
    }
    for name in ["Avery", "Harper", "Stone", "Vale"] {
        assert!(!logs.contains(name), "the log contains {name}:\n{logs}");
    }
    assert!(!logs.contains("@example.org"), "the log contains an email address:\n{logs}");
}

#[test]
fn workbook_input_leaks_nothing() {
    // The io crate's workbook fixture, whose characteristics appear in no
    // other cell.
    let workbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../mentor-match-io/tests/fixtures/spreadsheets/programme.xlsx");
    let temp = tempfile::tempdir().unwrap();
    fs::copy(workbook, temp.path().join("programme.xlsx")).unwrap();

    let output = run_match(temp.path(), &["-vvv"]);
    let logs = stderr(&output);
    assert!(!logs.is_empty(), "-vvv logged nothing");

    let out = temp.path().join("output");
    let lists = [
        fs::read(out.join("mentees-list.csv")).unwrap(),
        fs::read(out.join("mentors-list.csv")).unwrap(),
    ];
    for value in ["Zephyrine-Alpha", "Quokka-Beta"] {
        assert!(!logs.contains(value), "the log contains {value}:\n{logs}");
        for list in &lists {
            assert!(!contains_ignoring_case(list, value), "a participant list contains {value}");
        }
    }
}
