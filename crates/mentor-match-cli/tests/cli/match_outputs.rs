use std::fs;

use crate::support::{
    OUTPUT_FILES, Table, copy_fixture, matched_pairs, read_summary, run, run_match, stdout,
    summary_count, summary_counts,
};

/// Columns of both participant lists before any pass-through columns.
fn list_columns() -> Vec<String> {
    let mut columns: Vec<String> =
        ["first name", "last name", "email address", "number of matches"].map(String::from).into();
    for k in 1..=3 {
        for field in ["first name", "last name", "email address", "biography"] {
            columns.push(format!("match {k} {field}"));
        }
    }
    columns.extend(
        ["match details", "type", "mentor only", "mentee only", "both mentor and mentee"]
            .map(String::from),
    );
    columns
}

/// Sums the "number of matches" column of a participant list.
fn total_matches(list: &Table) -> u64 {
    list.values("number of matches")
        .iter()
        .map(|value| value.parse::<u64>().expect("number of matches is a count"))
        .sum()
}

#[test]
fn reference_writes_all_outputs() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);

    for name in OUTPUT_FILES {
        assert!(dir.join("output").join(name).is_file(), "{name} is missing");
    }
}

#[test]
fn list_headers_exact() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);

    let out = dir.join("output");
    assert_eq!(Table::read(&out.join("mentees-list.csv")).header, list_columns());
    assert_eq!(Table::read(&out.join("mentors-list.csv")).header, list_columns());
}

#[test]
fn list_headers_end_with_extras() {
    let (_temp, dir) = copy_fixture("distinct");
    run_match(&dir, &[]);

    let mut expected = list_columns();
    expected.push("region".to_owned());
    let out = dir.join("output");
    assert_eq!(Table::read(&out.join("mentees-list.csv")).header, expected);
    assert_eq!(Table::read(&out.join("mentors-list.csv")).header, expected);
}

#[test]
fn matches_header_starts_with_scores() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);

    let header = Table::read(&dir.join("output").join("matches.csv")).header;
    let expected = [
        "mentor email address",
        "mentee email address",
        "score",
        "mentor rank for mentee",
        "mentee's eligible mentors",
        "seniority points",
        "organisation points",
        "profession points",
        "characteristic points",
    ];
    assert!(header.len() >= expected.len(), "matches.csv header {header:?}");
    assert_eq!(header[..expected.len()], expected);
}

#[test]
fn summary_counts_add_up() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let summary = read_summary(&dir.join("output"));

    assert_eq!(summary["priority"], "best-matches");
    assert_eq!(summary_count(&summary, "mentors"), 50);
    assert_eq!(summary_count(&summary, "mentees"), 50);
    assert!(summary.get("rules").is_some(), "summary.json has no rules: {summary}");

    let mentees_by_count = summary_counts(&summary, "mentees_by_match_count");
    let mentors_by_count = summary_counts(&summary, "mentors_by_match_count");
    assert_eq!(mentees_by_count.iter().sum::<u64>(), 50);
    assert_eq!(mentors_by_count.iter().sum::<u64>(), 50);

    // Each pair is one match of a mentee and one match of a mentor.
    let pairs = summary_count(&summary, "pairs");
    let weighted = |counts: &[u64]| counts.iter().zip(0u64..).map(|(n, k)| n * k).sum::<u64>();
    assert_eq!(weighted(&mentees_by_count), pairs);
    assert_eq!(weighted(&mentors_by_count), pairs);
}

#[test]
fn reference_sample_gets_matches() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let summary = read_summary(&dir.join("output"));

    // Many pairs of the sample are compatible under the default rules, so
    // an empty matching would mean the solver did not run.
    assert!(summary_count(&summary, "pairs") > 0, "no pairs: {summary}");
    assert!(summary["total_score"].as_i64().expect("total_score is an integer") > 0);
}

#[test]
fn pairs_agree_across_files() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");

    let pairs = summary_count(&read_summary(&out), "pairs");
    let matches = Table::read(&out.join("matches.csv"));
    let mentees = Table::read(&out.join("mentees-list.csv"));
    let mentors = Table::read(&out.join("mentors-list.csv"));

    assert_eq!(matches.rows.len() as u64, pairs);
    assert_eq!(total_matches(&mentees), pairs);
    assert_eq!(total_matches(&mentors), pairs);
    assert_eq!(mentees.rows.len(), 50);
    assert_eq!(mentors.rows.len(), 50);
}

#[test]
fn total_score_sums_pair_scores() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");

    let matches = Table::read(&out.join("matches.csv"));
    let score_sum: i64 = matches
        .values("score")
        .iter()
        .map(|s| s.parse::<i64>().expect("score is an integer"))
        .sum();
    assert_eq!(read_summary(&out)["total_score"].as_i64(), Some(score_sum));

    // Each pair's score is the sum of its rule points.
    let point_columns: Vec<usize> = matches
        .header
        .iter()
        .enumerate()
        .filter(|(_, heading)| heading.ends_with(" points"))
        .map(|(index, _)| index)
        .collect();
    let score_column = matches.column("score");
    for row in &matches.rows {
        let points: i64 = point_columns.iter().map(|&i| row[i].parse::<i64>().unwrap()).sum();
        assert_eq!(row[score_column].parse::<i64>().unwrap(), points, "row {row:?}");
    }
}

#[test]
fn list_counts_match_pairs() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");
    let pairs = matched_pairs(&out);

    // Each participant's "number of matches" is their number of rows in
    // matches.csv, and their "match k email address" columns name exactly
    // those partners.
    for (file, own_side) in [("mentees-list.csv", 1), ("mentors-list.csv", 0)] {
        let list = Table::read(&out.join(file));
        let email = list.column("email address");
        let count = list.column("number of matches");
        for row in &list.rows {
            let id = row[email].trim().to_lowercase();
            let mut expected: Vec<String> = pairs
                .iter()
                .filter(|pair| if own_side == 0 { pair.0 == id } else { pair.1 == id })
                .map(|pair| if own_side == 0 { pair.1.clone() } else { pair.0.clone() })
                .collect();
            assert_eq!(row[count], expected.len().to_string(), "{file}: {id}");

            let mut listed: Vec<String> = (1..=3)
                .map(|k| {
                    row[list.column(&format!("match {k} email address"))].trim().to_lowercase()
                })
                .filter(|partner| !partner.is_empty())
                .collect();
            expected.sort();
            listed.sort();
            assert_eq!(listed, expected, "{file}: {id}");
        }
    }
}

#[test]
fn summary_printed_on_stdout() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run_match(&dir, &[]);
    let printed = stdout(&output);
    let summary = read_summary(&dir.join("output"));

    assert!(printed.contains("best-matches"), "{printed}");
    let pairs_line = format!("pairs        {}\n", summary_count(&summary, "pairs"));
    assert!(printed.contains(&pairs_line), "{printed}");
    let score_line = format!("total score  {}\n", summary["total_score"]);
    assert!(printed.contains(&score_line), "{printed}");
    assert!(printed.contains("\ntime "), "{printed}");
    assert!(printed.contains("\nmentees "), "{printed}");
    assert!(printed.contains("\nmentors "), "{printed}");
    let out_dir = dir.join("output");
    assert!(printed.contains(&out_dir.display().to_string()), "{printed}");
}

#[test]
fn quiet_prints_nothing() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run_match(&dir, &["--quiet"]);

    assert_eq!(stdout(&output), "");
    assert!(dir.join("output").join("summary.json").is_file());
}

#[test]
fn explicit_files_and_out() {
    let (temp, dir) = copy_fixture("reference-small");
    let renamed_mentors = temp.path().join("mentor-export.csv");
    let renamed_mentees = temp.path().join("mentee-export.csv");
    fs::rename(dir.join("mentors.csv"), &renamed_mentors).unwrap();
    fs::rename(dir.join("mentees.csv"), &renamed_mentees).unwrap();

    let output = run(
        temp.path(),
        &[
            "match",
            "--mentors",
            "mentor-export.csv",
            "--mentees",
            "mentee-export.csv",
            "--out",
            "results",
        ],
    );

    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for name in OUTPUT_FILES {
        assert!(temp.path().join("results").join(name).is_file(), "{name} is missing");
    }
    assert!(!dir.join("output").exists());
}
