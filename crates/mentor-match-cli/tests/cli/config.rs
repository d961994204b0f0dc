use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use mentor_match_io::parse_config;
use mentor_match_model::{RuleConfig, comparison_key};

use crate::support::{
    Table, copy_dir, matched_pairs, read_summary, run, run_match, stderr, summary_count,
};

/// Copies `examples/engineering-guild` into a temporary directory.
fn copy_example() -> (tempfile::TempDir, PathBuf) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/engineering-guild");
    let temp = tempfile::tempdir().expect("failed to create a temporary directory");
    let copy = temp.path().join("engineering-guild");
    copy_dir(&example, &copy);
    (temp, copy)
}

/// Runs `match` on the example with its rules and pins into `out`.
fn match_example(dir: &Path, out: &Path, extra_args: &[&str]) {
    let config = dir.join("rules.toml");
    let pins = dir.join("pins.csv");
    let mut args = vec![
        "--config",
        config.to_str().unwrap(),
        "--pins",
        pins.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra_args);
    run_match(dir, &args);
}

/// Reads an input file into rows keyed by lowercased email, each a map
/// from heading to value.
fn rows_by_email(path: &Path) -> HashMap<String, HashMap<String, String>> {
    let table = Table::read(path);
    let email = table.column("email address");
    table
        .rows
        .iter()
        .map(|row| {
            let fields = table.header.iter().cloned().zip(row.iter().cloned()).collect();
            (row[email].trim().to_lowercase(), fields)
        })
        .collect()
}

/// Returns the comparison keys of a list cell split on `separators`.
fn items(cell: &str, separators: &[char]) -> HashSet<String> {
    cell.split(separators).map(comparison_key).filter(|item| !item.is_empty()).collect()
}

#[test]
fn example_programme_obeys_its_rules() {
    let (temp, dir) = copy_example();
    let out = temp.path().join("out");
    match_example(&dir, &out, &[]);

    let mentors = rows_by_email(&dir.join("mentors.csv"));
    let mentees = rows_by_email(&dir.join("mentees.csv"));
    let pairs = matched_pairs(&out);
    assert!(!pairs.is_empty(), "the example matched nobody");

    // No participant exceeds their own maximum: 2 by default, and 0 means
    // no match.
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for (mentor, mentee) in &pairs {
        *counts.entry(mentor.as_str()).or_default() += 1;
        *counts.entry(mentee.as_str()).or_default() += 1;
    }
    for (email, row) in mentors.iter().chain(&mentees) {
        let limit = row["max matches"].parse().unwrap_or(2);
        let count = counts.get(email.as_str()).copied().unwrap_or(0);
        assert!(count <= limit, "{email} has {count} matches, more than {limit}");
    }
    assert!(mentors.values().any(|row| row["max matches"] == "0"), "no mentor with 0 to test");

    for (mentor_email, mentee_email) in &pairs {
        let mentor = &mentors[mentor_email];
        let mentee = &mentees[mentee_email];
        // Location is a required column rule.
        assert_eq!(
            comparison_key(&mentor["location"]),
            comparison_key(&mentee["location"]),
            "{mentor_email} and {mentee_email} are in different offices"
        );
        // A mentee who asked for a shared characteristic always gets one.
        if mentee["match with similar identity"] == "yes" {
            let requested = items(&mentee["identity to match"], &[',', ';']);
            let offered = items(&mentor["characteristics"], &[',', ';']);
            assert!(
                !requested.is_disjoint(&offered),
                "{mentor_email} shares no characteristic with {mentee_email}"
            );
        }
        // Numeric grades: the mentor is 1 to 4 bands above the mentee.
        let gap: i32 =
            mentor["grade"].parse::<i32>().unwrap() - mentee["grade"].parse::<i32>().unwrap();
        assert!((1..=4).contains(&gap), "{mentor_email} and {mentee_email} have gap {gap}");
    }

    // Every pinned pair is matched and marked.
    let matches = Table::read(&out.join("matches.csv"));
    let pinned: HashSet<(String, String)> = matches
        .values("mentor email address")
        .into_iter()
        .zip(matches.values("mentee email address"))
        .zip(matches.values("pinned"))
        .filter(|(_, pinned)| *pinned == "yes")
        .map(|((mentor, mentee), _)| (mentor.to_lowercase(), mentee.to_lowercase()))
        .collect();
    let pins = Table::read(&dir.join("pins.csv"));
    assert_eq!(pins.rows.len(), 2);
    for row in &pins.rows {
        let pair = (row[0].to_lowercase(), row[1].to_lowercase());
        assert!(pinned.contains(&pair), "pinned pair {pair:?} is missing");
    }
    assert_eq!(pinned.len(), pins.rows.len());

    // The language bonus has its own column, and scores add up.
    let scores = matches.values("score");
    let language = matches.values("shared language points");
    for (row, score) in scores.iter().enumerate() {
        let parts: i64 = [
            "seniority points",
            "organisation points",
            "profession points",
            "characteristic points",
            "shared language points",
        ]
        .iter()
        .map(|column| matches.values(column)[row].parse::<i64>().unwrap())
        .sum();
        assert_eq!(score.parse::<i64>().unwrap(), parts, "row {row}");
        assert!(["0", "3"].contains(&language[row]), "language points {}", language[row]);
    }
}

#[test]
fn balanced_matches_no_fewer_mentees_than_best() {
    let (temp, dir) = copy_example();
    let best_out = temp.path().join("best");
    let balanced_out = temp.path().join("balanced");
    match_example(&dir, &best_out, &["--priority", "best-matches"]);
    match_example(&dir, &balanced_out, &[]);

    let best = read_summary(&best_out);
    let balanced = read_summary(&balanced_out);
    assert_eq!(best["priority"], "best-matches");
    assert_eq!(balanced["priority"], "balanced");
    let best_matched = summary_count(&best, "mentees_matched");
    let balanced_matched = summary_count(&balanced, "mentees_matched");
    assert!(
        balanced_matched >= best_matched,
        "balanced matched {balanced_matched} mentees, best-matches {best_matched}"
    );
    let best_score = best["total_score"].as_i64().unwrap();
    let balanced_score = balanced["total_score"].as_i64().unwrap();
    assert!(best_score >= balanced_score, "best {best_score} < balanced {balanced_score}");
}

#[test]
fn summary_reproduces_the_run() {
    let (temp, dir) = copy_example();
    let out = temp.path().join("out");
    match_example(&dir, &out, &[]);

    let summary = read_summary(&out);
    let inputs = &summary["inputs"];
    for (key, file) in [("config", "rules.toml"), ("pins", "pins.csv"), ("mentors", "mentors.csv")]
    {
        let path = inputs[key].as_str().unwrap_or_else(|| panic!("no {key} in {inputs}"));
        assert!(path.ends_with(file), "{key} is {path}");
    }
    assert_eq!(inputs["exclusions"], serde_json::Value::Null);
    assert_eq!(summary_count(&summary, "pinned_pairs"), 2);

    // The recorded configuration, saved and used again, gives the same
    // matches.
    let saved = temp.path().join("saved.toml");
    fs::write(&saved, summary["config_toml"].as_str().unwrap()).unwrap();
    let original = parse_config(&fs::read_to_string(dir.join("rules.toml")).unwrap(), &saved);
    let recorded = parse_config(&fs::read_to_string(&saved).unwrap(), &saved);
    assert_eq!(recorded.unwrap(), original.unwrap());

    let again = temp.path().join("again");
    let pins = dir.join("pins.csv");
    run_match(
        &dir,
        &[
            "--config",
            saved.to_str().unwrap(),
            "--pins",
            pins.to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(
        fs::read(again.join("matches.csv")).unwrap(),
        fs::read(out.join("matches.csv")).unwrap()
    );
}

#[test]
fn init_config_writes_defaults_once() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(temp.path(), &["init-config"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = temp.path().join("rules.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(parse_config(&text, &path).unwrap(), RuleConfig::default());

    fs::write(&path, "# edited\n").unwrap();
    let rejected = run(temp.path(), &["init-config"]);
    assert_eq!(rejected.status.code(), Some(1));
    assert!(stderr(&rejected).contains("pass --force"), "{}", stderr(&rejected));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# edited\n");

    let forced = run(temp.path(), &["init-config", "rules.toml", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Runs `match` on the example with a configuration text and returns the
/// failed run's stderr, checking that no output was written.
fn rejected_config(config: &str, extra_args: &[&str]) -> String {
    let (temp, dir) = copy_example();
    let path = temp.path().join("bad.toml");
    fs::write(&path, config).unwrap();
    let out = temp.path().join("out");
    let mut args = vec![
        "match",
        dir.to_str().unwrap(),
        "--config",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra_args);
    let output = run(&dir, &args);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.exists(), "outputs written for an invalid configuration");
    stderr(&output)
}

#[test]
fn unknown_key_reported_with_location() {
    let message = rejected_config("[grades]\nnumeric = true\n\n[capacity]\nmentees = 2\n", &[]);
    assert!(message.contains("bad.toml:5:1: unknown field `mentees`"), "{message}");
}

#[test]
fn wrong_type_reported_with_location() {
    let message = rejected_config("[grades]\nnumeric = \"yes\"\n", &[]);
    assert!(message.contains("bad.toml:2:11: invalid type"), "{message}");
}

#[test]
fn missing_rule_column_is_named() {
    let config = "[grades]\nnumeric = true\n[[column-rule]]\nname = \"team\"\ncolumn = \"team\"\neffect = \"required\"\n";
    let message = rejected_config(config, &[]);
    assert!(message.contains("column rule \"team\" uses the column \"team\""), "{message}");
    assert!(message.contains("mentors file does not have"), "{message}");
    let path = std::path::Path::new("engineering-guild").join("mentors.csv");
    assert!(message.contains(&format!("{}: column rule", path.display())), "{message}");
}

#[test]
fn invalid_numbers_reported_in_plain_words() {
    let cases = [
        (
            "[capacity]\nmentee = -1\n",
            "bad.toml:2:10: invalid value -1: use a whole number from 0 to 1000\n",
        ),
        (
            "[seniority]\nmin-gap = 1.0\n",
            "bad.toml:2:11: invalid value 1.0: use a whole number from -1000 to 1000, without a \
             decimal point\n",
        ),
        (
            "[column-rule]\nname = \"team\"\ncolumn = \"team\"\neffect = \"required\"\n",
            "use [[column-rule]] (double brackets) for each rule\n",
        ),
    ];
    for (config, expected_end) in cases {
        let message = rejected_config(config, &[]);
        assert!(message.starts_with("error: invalid configuration: "), "{message}");
        assert!(message.ends_with(expected_end), "{message}");
    }
}

#[test]
fn built_in_rule_column_is_rejected() {
    let config =
        "[[column-rule]]\nname = \"employer\"\ncolumn = \"organisation\"\neffect = \"forbidden\"\n";
    let message = rejected_config(config, &[]);
    assert!(
        message.contains(
            "bad.toml:3:10: the column \"organisation\" is one mentor-match reads itself"
        ),
        "{message}"
    );
}

/// Runs the example with its rules and the given pins file contents, and
/// returns the failed run's stderr.
fn rejected_pins(pins_csv: &str) -> String {
    let (temp, dir) = copy_example();
    let pins = temp.path().join("pins.csv");
    fs::write(&pins, pins_csv).unwrap();
    let config = fs::read_to_string(dir.join("rules.toml")).unwrap();
    rejected_config(&config, &["--pins", pins.to_str().unwrap()])
}

#[test]
fn pin_breaking_a_rule_is_named() {
    // Frances Allen works in Leeds and Karen Jones in Bristol.
    let message =
        rejected_pins("mentor,mentee\nfrances.allen@guild.example,karen.jones@guild.example\n");
    assert!(
        message.contains(
            "the pinned pair frances.allen@guild.example (mentor), karen.jones@guild.example \
             (mentee) cannot be matched: column rule \"location\" requires a shared value"
        ),
        "{message}"
    );
}

#[test]
fn pins_over_capacity_are_named() {
    // Radia Perlman has `max matches` 1.
    let message = rejected_pins(
        "mentor,mentee\nradia.perlman@guild.example,john.backus@guild.example\n\
         radia.perlman@guild.example,rob.pike@guild.example\n",
    );
    assert!(
        message.contains(
            "mentor radia.perlman@guild.example has more pinned pairs than their capacity of 1"
        ),
        "{message}"
    );
}

#[test]
fn pin_naming_nobody_is_named() {
    let message = rejected_pins("mentor,mentee\nnobody@guild.example,karen.jones@guild.example\n");
    assert!(
        message.contains(
            "pins.csv:2: column \"mentor\", value \"nobody@guild.example\": no mentor has this \
             email address, so the pinned pair cannot be matched"
        ),
        "{message}"
    );
}

#[test]
fn export_dimacs_reads_config_and_pins() {
    let (temp, dir) = copy_example();
    let file = temp.path().join("guild.min");
    let config = dir.join("rules.toml");
    let pins = dir.join("pins.csv");
    let args = [
        "export-dimacs",
        dir.to_str().unwrap(),
        file.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--pins",
        pins.to_str().unwrap(),
    ];
    let output = run(&dir, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fs::read_to_string(&file).unwrap().contains("p min "));

    // With a default mentor capacity of 0, only the two mentors whose
    // `max matches` cells contain 3 and 1 can be matched.
    let no_mentors = temp.path().join("no-mentors.toml");
    fs::write(&no_mentors, "[grades]\nnumeric = true\n[capacity]\nmentor = 0\n").unwrap();
    let empty = temp.path().join("empty.min");
    let args = [
        "export-dimacs",
        dir.to_str().unwrap(),
        empty.to_str().unwrap(),
        "--config",
        no_mentors.to_str().unwrap(),
    ];
    let output = run(&dir, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let figures = crate::support::stdout(&output);
    let flow: u32 = figures
        .lines()
        .find_map(|line| line.strip_prefix("flow value "))
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no flow value in {figures}"));
    assert!((1..=4).contains(&flow), "{figures}");
}
