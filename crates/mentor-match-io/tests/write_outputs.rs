//! The output folder: exact columns, privacy, determinism and safe
//! replacement of existing files.
//!
//! Match results are built by hand, so these tests do not depend on the
//! matcher.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use mentor_match_io::{OUTPUT_FILES, OutputError, OutputOptions, write_outputs};
use mentor_match_model::{
    MatchResult, MatchedPair, Participant, Priority, Roster, RuleConfig, ScoreBreakdown,
};

/// Characteristic names that appear nowhere else, so finding one in an
/// output file can only mean a leak.
const SECRET_CHARACTERISTICS: [&str; 3] = ["Zephyrine-Alpha", "Quokka-Beta", "Xylo-Gamma"];

fn mentors() -> Vec<Participant> {
    let mut ada = Participant::new("Ada", "Lovelace", "ada@example.org")
        .with_grade("Grade 6")
        .with_organisation("Org A")
        .with_profession("Digital")
        .with_characteristics(&["Zephyrine-Alpha", "Quokka-Beta"])
        .with_biography("Ada bio");
    // A roster built in code may carry sensitive columns in `extra`. The
    // writer must still leave them out.
    ada.extra = vec![
        ("Team".into(), "North".into()),
        ("Identity to match".into(), "Zephyrine-Alpha".into()),
    ];
    let mut grace = Participant::new("Grace", "Hopper", "Grace@Example.org")
        .with_grade("Grade 7")
        .with_organisation("Org B")
        .with_profession("Digital")
        .with_characteristics(&["Xylo-Gamma"]);
    grace.extra = vec![("Team".into(), "South".into())];
    let mut kim = Participant::new("Kim", "Lee", "kim@example.org")
        .with_grade("Grade 7")
        .with_organisation("Org C")
        .with_profession("Policy")
        .with_biography("Kim bio");
    kim.extra = vec![("Team".into(), "East".into())];
    vec![ada, grace, kim]
}

fn mentees() -> Vec<Participant> {
    let mut alan = Participant::new("Alan", "Turing", "alan@example.org")
        .with_grade("SEO")
        .with_organisation("Org D")
        .with_profession("Digital")
        .with_characteristics(&["Xylo-Gamma"])
        .with_wants_similar_identity(true)
        .with_biography("Alan bio");
    alan.extra = vec![("Team".into(), "West".into()), ("type".into(), "intern".into())];
    let mut grace = Participant::new("Grace", "Hopper", "grace@example.org")
        .with_grade("HEO")
        .with_organisation("Org B")
        .with_profession("Digital")
        .with_characteristics(&["Quokka-Beta"])
        .with_biography("Grace mentee bio");
    grace.extra = vec![("Team".into(), "South".into())];
    let mut joan = Participant::new("Joan", "Clarke", "joan@example.org")
        .with_grade("HEO")
        .with_organisation("Org E")
        .with_profession("Policy")
        .with_both_roles(true)
        .with_biography("Joan bio");
    joan.extra = vec![("Team".into(), "North".into())];
    vec![alan, grace, joan]
}

/// Pairs as (mentor email, mentee email, breakdown).
fn pair_list() -> Vec<(&'static str, &'static str, ScoreBreakdown)> {
    let points = |seniority, profession, characteristic| ScoreBreakdown {
        seniority,
        organisation: 0,
        profession,
        characteristic,
        other: Vec::new(),
    };
    vec![
        ("ada@example.org", "alan@example.org", points(12, 10, 0)),
        ("ada@example.org", "grace@example.org", points(12, 10, 0)),
        ("grace@example.org", "alan@example.org", points(9, 0, 6)),
        ("kim@example.org", "alan@example.org", points(9, 0, 6)),
    ]
}

/// Builds a result for `roster` from pairs given by email, in the given order.
fn result_for(roster: &Roster, pairs: &[(&str, &str, ScoreBreakdown)]) -> MatchResult {
    let index = |side: &[Participant], email: &str| {
        side.iter().position(|p| p.id().as_str() == email).expect("email on roster")
    };
    let pairs: Vec<MatchedPair> = pairs
        .iter()
        .map(|(mentor, mentee, breakdown)| MatchedPair {
            mentor: index(roster.mentors(), mentor),
            mentee: index(roster.mentees(), mentee),
            score: breakdown.total(),
            breakdown: breakdown.clone(),
            pinned: false,
        })
        .collect();
    let mut mentor_match_counts = vec![0; roster.mentors().len()];
    let mut mentee_match_counts = vec![0; roster.mentees().len()];
    for pair in &pairs {
        mentor_match_counts[pair.mentor] += 1;
        mentee_match_counts[pair.mentee] += 1;
    }
    MatchResult {
        priority: Priority::BestMatches,
        total_score: pairs.iter().map(|p| p.score).sum(),
        pairs,
        mentor_match_counts,
        mentee_match_counts,
        custom_rules: Vec::new(),
    }
}

fn sample() -> (Roster, MatchResult) {
    let roster = Roster::new(mentors(), mentees()).unwrap();
    let result = result_for(&roster, &pair_list());
    (roster, result)
}

fn write_sample(out_dir: &Path) {
    let (roster, result) = sample();
    write_outputs(
        out_dir,
        &roster,
        &result,
        None,
        &RuleConfig::default(),
        &OutputOptions::default(),
    )
    .unwrap();
}

/// Reads a CSV output into its headings and rows of cells by heading.
fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headings: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headings.iter().cloned().zip(record.iter().map(str::to_owned)).collect()
        })
        .collect();
    (headings, rows)
}

fn list_headings(slots: usize, extras: &[&str]) -> Vec<String> {
    let mut headings: Vec<String> =
        ["first name", "last name", "email address", "number of matches"].map(String::from).into();
    for slot in 1..=slots {
        for part in ["first name", "last name", "email address", "biography"] {
            headings.push(format!("match {slot} {part}"));
        }
    }
    headings.extend(
        ["match details", "type", "mentor only", "mentee only", "both mentor and mentee"]
            .map(String::from),
    );
    headings.extend(extras.iter().map(|h| (*h).to_owned()));
    headings
}

fn directory_listing(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn mentees_list_columns_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);

    let (headings, rows) = read_csv(&out.join("mentees-list.csv"));
    assert_eq!(headings, list_headings(3, &["Team", "type (input)"]));
    let emails: Vec<&str> = rows.iter().map(|r| r["email address"].as_str()).collect();
    assert_eq!(emails, ["alan@example.org", "grace@example.org", "joan@example.org"]);

    // Alan's matches: Ada (22 points), then Grace and Kim (15 each) by id.
    let alan = &rows[0];
    assert_eq!(alan["number of matches"], "3");
    assert_eq!(alan["match 1 first name"], "Ada");
    assert_eq!(alan["match 1 last name"], "Lovelace");
    assert_eq!(alan["match 1 email address"], "ada@example.org");
    assert_eq!(alan["match 1 biography"], "Ada bio");
    assert_eq!(alan["match 2 email address"], "Grace@Example.org");
    assert_eq!(alan["match 2 biography"], "Grace Hopper (Grace@Example.org)");
    assert_eq!(alan["match 3 email address"], "kim@example.org");
    assert_eq!(alan["match details"], "Ada bio\nGrace Hopper (Grace@Example.org)\nKim bio");
    assert_eq!(alan["type"], "mentee");
    assert_eq!(alan["mentor only"], "no");
    assert_eq!(alan["mentee only"], "yes");
    assert_eq!(alan["both mentor and mentee"], "no");
    assert_eq!(alan["Team"], "West");
    assert_eq!(alan["type (input)"], "intern");

    // Grace is in both files, so she is "both" although her flag is no.
    let grace = &rows[1];
    assert_eq!(grace["number of matches"], "1");
    assert_eq!(grace["match 2 first name"], "");
    assert_eq!(grace["mentee only"], "no");
    assert_eq!(grace["both mentor and mentee"], "yes");
    assert_eq!(grace["type (input)"], "");

    // Joan set the both-roles flag. She has no matches, so every match cell
    // is blank.
    let joan = &rows[2];
    assert_eq!(joan["number of matches"], "0");
    for slot in 1..=3 {
        assert_eq!(joan[&format!("match {slot} first name")], "");
        assert_eq!(joan[&format!("match {slot} biography")], "");
    }
    assert_eq!(joan["match details"], "");
    assert_eq!(joan["both mentor and mentee"], "yes");
    assert_eq!(joan["mentee only"], "no");
}

#[test]
fn mentors_list_columns_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);

    let (headings, rows) = read_csv(&out.join("mentors-list.csv"));
    assert_eq!(headings, list_headings(3, &["Team"]));
    let emails: Vec<&str> = rows.iter().map(|r| r["email address"].as_str()).collect();
    assert_eq!(emails, ["ada@example.org", "Grace@Example.org", "kim@example.org"]);

    // Ada's two matches tie on 22 points, so they are in mentee id order.
    let ada = &rows[0];
    assert_eq!(ada["number of matches"], "2");
    assert_eq!(ada["match 1 email address"], "alan@example.org");
    assert_eq!(ada["match 2 email address"], "grace@example.org");
    assert_eq!(ada["match 2 biography"], "Grace mentee bio");
    assert_eq!(ada["match details"], "Alan bio\nGrace mentee bio");
    assert_eq!(ada["type"], "mentor");
    assert_eq!(ada["mentor only"], "yes");
    assert_eq!(ada["both mentor and mentee"], "no");

    let grace = &rows[1];
    assert_eq!(grace["both mentor and mentee"], "yes");
    assert_eq!(grace["mentor only"], "no");
}

#[test]
fn list_slots_follow_capacity_and_counts() {
    let (roster, result) = sample();
    let dir = tempfile::tempdir().unwrap();

    // Alan has 3 matches, more than a capacity of 1 allows by default.
    let small = RuleConfig { mentee_capacity: 1, mentor_capacity: 1, ..RuleConfig::default() };
    let out = dir.path().join("small");
    write_outputs(&out, &roster, &result, None, &small, &OutputOptions::default()).unwrap();
    let (headings, _) = read_csv(&out.join("mentees-list.csv"));
    assert_eq!(headings, list_headings(3, &["Team", "type (input)"]));
    let (headings, _) = read_csv(&out.join("mentors-list.csv"));
    assert_eq!(headings, list_headings(2, &["Team"]));

    let large = RuleConfig { mentee_capacity: 5, ..RuleConfig::default() };
    let out = dir.path().join("large");
    write_outputs(&out, &roster, &result, None, &large, &OutputOptions::default()).unwrap();
    let (headings, rows) = read_csv(&out.join("mentees-list.csv"));
    assert_eq!(headings, list_headings(5, &["Team", "type (input)"]));
    assert_eq!(rows[0]["match 5 email address"], "");

    // A capacity meant as "unlimited" does not add thousands of columns.
    let unlimited = RuleConfig { mentee_capacity: u32::MAX, ..RuleConfig::default() };
    let out = dir.path().join("unlimited");
    write_outputs(&out, &roster, &result, None, &unlimited, &OutputOptions::default()).unwrap();
    let (headings, _) = read_csv(&out.join("mentees-list.csv"));
    assert_eq!(headings, list_headings(100, &["Team", "type (input)"]));
}

#[test]
fn matches_csv_columns_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);

    let (headings, rows) = read_csv(&out.join("matches.csv"));
    let expected_headings = [
        "mentor email address",
        "mentee email address",
        "score",
        "seniority points",
        "organisation points",
        "profession points",
        "characteristic points",
        "mentor first name",
        "mentor last name",
        "mentee first name",
        "mentee last name",
        "mentor grade",
        "mentee grade",
        "mentor organisation",
        "mentee organisation",
        "mentor profession",
        "mentee profession",
    ];
    assert_eq!(headings, expected_headings);

    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["mentor email address"].as_str(), r["mentee email address"].as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("ada@example.org", "alan@example.org"),
            ("ada@example.org", "grace@example.org"),
            ("Grace@Example.org", "alan@example.org"),
            ("kim@example.org", "alan@example.org"),
        ]
    );
    let grace_alan = &rows[2];
    assert_eq!(grace_alan["score"], "15");
    assert_eq!(grace_alan["seniority points"], "9");
    assert_eq!(grace_alan["organisation points"], "0");
    assert_eq!(grace_alan["profession points"], "0");
    assert_eq!(grace_alan["characteristic points"], "6");
    assert_eq!(grace_alan["mentor first name"], "Grace");
    assert_eq!(grace_alan["mentee last name"], "Turing");
    assert_eq!(grace_alan["mentor grade"], "Grade 7");
    assert_eq!(grace_alan["mentee grade"], "SEO");
    assert_eq!(grace_alan["mentor organisation"], "Org B");
    assert_eq!(grace_alan["mentee organisation"], "Org D");
    assert_eq!(grace_alan["mentor profession"], "Digital");
    assert_eq!(grace_alan["mentee profession"], "Digital");
}

#[test]
fn summary_json_keys_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);

    let text = fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(text.ends_with("}\n"), "{text}");
    let top_level_keys: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("  \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        top_level_keys,
        [
            "priority",
            "total_score",
            "mentors",
            "mentees",
            "pairs",
            "mentees_matched",
            "mentors_matched",
            "mentees_by_match_count",
            "mentors_by_match_count",
            "pinned_pairs",
            "inputs",
            "rules",
            "config_toml",
            "custom_rules",
        ]
    );

    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(summary["priority"], "best-matches");
    assert_eq!(summary["total_score"], 74);
    assert_eq!(summary["mentors"], 3);
    assert_eq!(summary["mentees"], 3);
    assert_eq!(summary["pairs"], 4);
    assert_eq!(summary["mentees_matched"], 2);
    assert_eq!(summary["mentors_matched"], 3);
    assert_eq!(summary["mentees_by_match_count"], serde_json::json!([1, 1, 0, 1]));
    assert_eq!(summary["mentors_by_match_count"], serde_json::json!([0, 2, 1, 0]));
    assert_eq!(summary["rules"], serde_json::to_value(RuleConfig::default()).unwrap());
    let config_toml = summary["config_toml"].as_str().expect("config_toml is a string");
    let reread = mentor_match_io::parse_config(config_toml, std::path::Path::new("summary"));
    assert_eq!(reread.unwrap(), RuleConfig::default());
    assert_eq!(summary["custom_rules"], serde_json::json!([]));
    assert_eq!(summary["pinned_pairs"], 0);
    assert_eq!(summary["inputs"]["pins"], serde_json::Value::Null);
}

#[test]
fn summary_lists_custom_rules() {
    let (roster, mut result) = sample();
    result.custom_rules = vec![
        mentor_match_model::CustomRuleSummary { name: "same city".into(), max_abs_points: 5 },
        mentor_match_model::CustomRuleSummary { name: "mentor choice".into(), max_abs_points: 100 },
    ];
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_outputs(&out, &roster, &result, None, &RuleConfig::default(), &OutputOptions::default())
        .unwrap();

    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        summary["custom_rules"],
        serde_json::json!([
            {"name": "same city", "max_abs_points": 5},
            {"name": "mentor choice", "max_abs_points": 100},
        ])
    );
}

#[test]
fn summary_bins_cover_capacity_without_matches() {
    let roster = Roster::new(mentors(), mentees()).unwrap();
    let result = result_for(&roster, &[]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_outputs(&out, &roster, &result, None, &RuleConfig::default(), &OutputOptions::default())
        .unwrap();

    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["mentees_by_match_count"], serde_json::json!([3, 0, 0, 0]));
    assert_eq!(summary["mentors_by_match_count"], serde_json::json!([3, 0, 0, 0]));
    assert_eq!(summary["pairs"], 0);
}

#[test]
fn characteristics_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);

    for name in OUTPUT_FILES {
        let bytes = fs::read(out.join(name)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        for secret in SECRET_CHARACTERISTICS {
            assert!(!text.contains(secret), "{name} contains {secret}");
        }
        let lower = text.to_lowercase();
        assert!(!lower.contains("identity to match"), "{name} has an identity column");
        assert!(!lower.contains("similar identity"), "{name} has a similar-identity column");
    }
}

#[test]
fn shuffled_roster_gives_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original");
    write_sample(&original);

    let mut shuffled_mentors = mentors();
    shuffled_mentors.reverse();
    let mut shuffled_mentees = mentees();
    shuffled_mentees.rotate_left(1);
    let roster = Roster::new(shuffled_mentors, shuffled_mentees).unwrap();
    let mut pairs = pair_list();
    pairs.reverse();
    let result = result_for(&roster, &pairs);
    let shuffled = dir.path().join("shuffled");
    write_outputs(
        &shuffled,
        &roster,
        &result,
        None,
        &RuleConfig::default(),
        &OutputOptions::default(),
    )
    .unwrap();

    for name in OUTPUT_FILES {
        let expected = fs::read(original.join(name)).unwrap();
        let found = fs::read(shuffled.join(name)).unwrap();
        assert!(expected == found, "{name} differs between row orders");
    }
}

#[test]
fn repeated_writes_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    write_sample(&first);
    write_sample(&second);
    for name in OUTPUT_FILES {
        assert_eq!(fs::read(first.join(name)).unwrap(), fs::read(second.join(name)).unwrap());
    }
}

#[test]
fn new_folder_created_with_parents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a/b/out");
    write_sample(&out);

    let expected: BTreeSet<String> = OUTPUT_FILES.iter().map(|n| (*n).to_owned()).collect();
    assert_eq!(directory_listing(&out), expected);
    // The temporary folder was renamed, not left behind.
    assert_eq!(directory_listing(&dir.path().join("a/b")), BTreeSet::from(["out".to_owned()]));
}

#[test]
fn existing_outputs_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);
    let before: Vec<Vec<u8>> =
        OUTPUT_FILES.iter().map(|n| fs::read(out.join(n)).unwrap()).collect();

    let roster = Roster::new(mentors(), mentees()).unwrap();
    let empty_result = result_for(&roster, &[]);
    let error = write_outputs(
        &out,
        &roster,
        &empty_result,
        None,
        &RuleConfig::default(),
        &OutputOptions { force: false, ..OutputOptions::default() },
    )
    .unwrap_err();

    match error {
        OutputError::AlreadyExists { path } => assert_eq!(path, out.join("mentees-list.csv")),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    for (name, old) in OUTPUT_FILES.iter().zip(&before) {
        assert_eq!(&fs::read(out.join(name)).unwrap(), old, "{name} changed");
    }
    assert_eq!(directory_listing(&out).len(), OUTPUT_FILES.len());
}

#[test]
fn one_existing_output_blocks_all_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("summary.json"), "old").unwrap();

    let (roster, result) = sample();
    let error = write_outputs(
        &out,
        &roster,
        &result,
        None,
        &RuleConfig::default(),
        &OutputOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, OutputError::AlreadyExists { path } if *path == out.join("summary.json")),
        "{error:?}"
    );
    assert_eq!(directory_listing(&out), BTreeSet::from(["summary.json".to_owned()]));
    assert_eq!(fs::read_to_string(out.join("summary.json")).unwrap(), "old");
}

#[test]
fn force_replaces_outputs_and_keeps_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    fs::write(out.join("mentors.csv"), "input file").unwrap();
    write_sample(&out);
    let old_matches = fs::read_to_string(out.join("matches.csv")).unwrap();

    let roster = Roster::new(mentors(), mentees()).unwrap();
    let empty_result = result_for(&roster, &[]);
    write_outputs(
        &out,
        &roster,
        &empty_result,
        None,
        &RuleConfig::default(),
        &OutputOptions { force: true, ..OutputOptions::default() },
    )
    .unwrap();

    let new_matches = fs::read_to_string(out.join("matches.csv")).unwrap();
    assert_ne!(new_matches, old_matches);
    assert_eq!(new_matches.lines().count(), 1, "only the heading row: {new_matches}");
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "keep me");
    assert_eq!(fs::read_to_string(out.join("mentors.csv")).unwrap(), "input file");

    let mut expected: BTreeSet<String> = OUTPUT_FILES.iter().map(|n| (*n).to_owned()).collect();
    expected.insert("notes.txt".into());
    expected.insert("mentors.csv".into());
    assert_eq!(directory_listing(&out), expected, "temporary files left behind");
}

#[test]
fn directory_target_leaves_old_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_sample(&out);
    let matches_csv = out.join("matches.csv");
    fs::remove_file(&matches_csv).unwrap();
    fs::create_dir(&matches_csv).unwrap();
    let before: Vec<(&str, Vec<u8>)> = OUTPUT_FILES
        .iter()
        .filter(|name| **name != "matches.csv")
        .map(|name| (*name, fs::read(out.join(name)).unwrap()))
        .collect();
    let listing_before = directory_listing(&out);

    let roster = Roster::new(mentors(), mentees()).unwrap();
    let empty_result = result_for(&roster, &[]);
    let error = write_outputs(
        &out,
        &roster,
        &empty_result,
        None,
        &RuleConfig::default(),
        &OutputOptions { force: true, ..OutputOptions::default() },
    )
    .unwrap_err();

    assert!(
        matches!(&error, OutputError::IsADirectory { path } if *path == matches_csv),
        "{error:?}"
    );
    assert!(error.to_string().contains("is a directory"), "{error}");
    for (name, old) in &before {
        assert_eq!(&fs::read(out.join(name)).unwrap(), old, "{name} changed");
    }
    assert_eq!(directory_listing(&out), listing_before, "temporary files left behind");
}

#[test]
fn wide_extra_columns_written_to_lists() {
    let mut roster_mentors = mentors();
    roster_mentors[0].extra =
        (0..20_000).map(|i| (format!("extra {i}"), format!("value {i}"))).collect();
    let roster = Roster::new(roster_mentors, mentees()).unwrap();
    let result = result_for(&roster, &pair_list());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");

    write_outputs(&out, &roster, &result, None, &RuleConfig::default(), &OutputOptions::default())
        .unwrap();

    let (headings, rows) = read_csv(&out.join("mentors-list.csv"));
    let fixed = list_headings(3, &[]).len();
    // Ada's extra columns come first, then the "Team" column that only the
    // other mentors have.
    assert_eq!(headings.len(), fixed + 20_001);
    assert_eq!(headings[fixed], "extra 0");
    assert_eq!(headings[fixed + 19_999], "extra 19999");
    assert_eq!(rows[0]["extra 19999"], "value 19999");
    assert_eq!(rows[0]["Team"], "");
    assert_eq!(rows[1]["extra 0"], "");
    assert_eq!(rows[1]["Team"], "South");
}

#[test]
fn file_as_output_folder_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::write(&out, "not a folder").unwrap();
    let (roster, result) = sample();
    let error = write_outputs(
        &out,
        &roster,
        &result,
        None,
        &RuleConfig::default(),
        &OutputOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, OutputError::NotADirectory { .. }), "{error:?}");
}

#[test]
fn mismatched_result_rejected_before_writing() {
    let (roster, result) = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let rules = RuleConfig::default();
    let options = OutputOptions::default();

    let mut out_of_range = result.clone();
    out_of_range.pairs[0].mentee = 99;
    let error = write_outputs(&out, &roster, &out_of_range, None, &rules, &options).unwrap_err();
    assert!(matches!(error, OutputError::ResultMismatch { .. }), "{error:?}");

    let mut short_counts = result.clone();
    short_counts.mentor_match_counts.pop();
    let error = write_outputs(&out, &roster, &short_counts, None, &rules, &options).unwrap_err();
    assert!(matches!(error, OutputError::ResultMismatch { .. }), "{error:?}");

    let mut wrong_counts = result.clone();
    wrong_counts.mentee_match_counts[2] = 1;
    let error = write_outputs(&out, &roster, &wrong_counts, None, &rules, &options).unwrap_err();
    assert!(matches!(error, OutputError::ResultMismatch { .. }), "{error:?}");

    let mut repeated = result.clone();
    repeated.pairs.push(repeated.pairs[0].clone());
    repeated.mentor_match_counts[repeated.pairs[0].mentor] += 1;
    repeated.mentee_match_counts[repeated.pairs[0].mentee] += 1;
    let error = write_outputs(&out, &roster, &repeated, None, &rules, &options).unwrap_err();
    assert!(matches!(error, OutputError::ResultMismatch { .. }), "{error:?}");

    assert!(!out.exists());
}

#[test]
fn formulas_written_as_text() {
    let mut mentor_list = mentors();
    mentor_list[0].first_name = "=HYPERLINK(\"http://example.org\")".into();
    mentor_list[0].extra[0].1 = "@SUM(A1)".into();
    mentor_list[1].last_name = "-2+3".into();
    mentor_list[2].organisation = "\tOrg C".into();
    let mut mentee_list = mentees();
    mentee_list[0].first_name = "+cmd".into();
    mentee_list[0].biography = "\r=1+1".into();
    mentee_list[1].last_name = "-5".into();
    let roster = Roster::new(mentor_list, mentee_list).unwrap();
    let mut pairs = pair_list();
    pairs[0].2.profession = -1;
    let result = result_for(&roster, &pairs);
    let dir = tempfile::tempdir().unwrap();
    write_outputs(
        dir.path(),
        &roster,
        &result,
        None,
        &RuleConfig::default(),
        &OutputOptions::default(),
    )
    .unwrap();

    let (_, mentors_rows) = read_csv(&dir.path().join("mentors-list.csv"));
    let ada = &mentors_rows[0];
    assert_eq!(ada["first name"], "'=HYPERLINK(\"http://example.org\")");
    assert_eq!(ada["Team"], "'@SUM(A1)");
    let alan_slot = (1..=3)
        .find(|slot| ada[&format!("match {slot} email address")] == "alan@example.org")
        .expect("Alan is one of Ada's matches");
    assert_eq!(ada[&format!("match {alan_slot} first name")], "'+cmd");
    assert_eq!(ada[&format!("match {alan_slot} biography")], "'\r=1+1");

    let (_, mentee_rows) = read_csv(&dir.path().join("mentees-list.csv"));
    let grace = mentee_rows.iter().find(|row| row["email address"] == "grace@example.org").unwrap();
    // A plain negative number is no formula, so it is kept.
    assert_eq!(grace["last name"], "-5");

    let (_, match_rows) = read_csv(&dir.path().join("matches.csv"));
    let ada_alan = match_rows
        .iter()
        .find(|row| {
            row["mentor email address"] == "ada@example.org"
                && row["mentee email address"] == "alan@example.org"
        })
        .unwrap();
    assert_eq!(ada_alan["profession points"], "-1");
    assert_eq!(ada_alan["mentee first name"], "'+cmd");
    let kim = match_rows.iter().find(|row| row["mentor email address"] == "kim@example.org");
    assert_eq!(kim.unwrap()["mentor organisation"], "'\tOrg C");
    let grace = match_rows.iter().find(|row| row["mentor email address"] == "Grace@Example.org");
    assert_eq!(grace.unwrap()["mentor last name"], "'-2+3");
}
