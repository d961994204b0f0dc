use std::fs;

use crate::support::{
    copy_fixture, matched_pairs, read_summary, run, run_match, stderr, stdout, summary_counts,
};

/// Returns the number of mentees with at least one match in a summary.
fn matched_mentees(summary: &serde_json::Value) -> u64 {
    let by_count = summary_counts(summary, "mentees_by_match_count");
    by_count.iter().skip(1).sum()
}

#[test]
fn most_mentees_matches_no_fewer() {
    let (temp, dir) = copy_fixture("reference-small");
    let best_out = temp.path().join("best");
    let most_out = temp.path().join("most");
    run_match(&dir, &["--out", best_out.to_str().unwrap()]);
    run_match(&dir, &["--out", most_out.to_str().unwrap(), "--priority", "most-mentees"]);

    let best = read_summary(&best_out);
    let most = read_summary(&most_out);
    assert_eq!(best["priority"], "best-matches");
    assert_eq!(most["priority"], "most-mentees");
    assert!(
        matched_mentees(&most) >= matched_mentees(&best),
        "most-mentees matched {} mentees, best-matches {}",
        matched_mentees(&most),
        matched_mentees(&best)
    );
    // Best matches maximises the total score, so it can only score higher.
    let best_score = best["total_score"].as_i64().unwrap();
    let most_score = most["total_score"].as_i64().unwrap();
    assert!(best_score >= most_score, "best-matches {best_score} < most-mentees {most_score}");
}

#[test]
fn excluded_pairs_never_matched() {
    let (temp, dir) = copy_fixture("reference-small");
    let first_out = temp.path().join("first");
    run_match(&dir, &["--out", first_out.to_str().unwrap()]);
    let first_pairs = matched_pairs(&first_out);
    assert!(first_pairs.len() >= 5, "too few pairs to exclude: {}", first_pairs.len());

    // Exclude every other pair of the first run, in upper case, because the
    // exclusions file names people by email address, compared like ids.
    let excluded: Vec<&(String, String)> = first_pairs.iter().step_by(2).collect();
    let mut file = String::from("mentor email address,mentee email address\n");
    for (mentor, mentee) in &excluded {
        file.push_str(&format!("{},{}\n", mentor.to_uppercase(), mentee.to_uppercase()));
    }
    let exclusions = temp.path().join("earlier-round.csv");
    fs::write(&exclusions, file).unwrap();

    let second_out = temp.path().join("second");
    run_match(
        &dir,
        &["--out", second_out.to_str().unwrap(), "--exclude", exclusions.to_str().unwrap()],
    );
    let second_pairs = matched_pairs(&second_out);
    assert!(!second_pairs.is_empty());
    for pair in excluded {
        assert!(!second_pairs.contains(pair), "excluded pair {pair:?} was matched");
    }
}

#[test]
fn unknown_exclusions_warned() {
    let (temp, dir) = copy_fixture("reference-small");
    let exclusions = temp.path().join("typos.csv");
    fs::write(
        &exclusions,
        "mentor email address,mentee email address\n\
         nobody@gov.uk,mentee.00@gov.uk\n\
         mentee.01@gov.uk,mentor.01@gov.uk\n\
         mentor.00@gov.uk,mentee.00@gov.uk\n",
    )
    .unwrap();
    let out = temp.path().join("out");
    let output = run_match(
        &dir,
        &["--out", out.to_str().unwrap(), "--exclude", exclusions.to_str().unwrap()],
    );
    let stderr = stderr(&output);
    let warnings: Vec<&str> =
        stderr.lines().filter(|line| line.contains("excluded pair has no effect")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].starts_with("warning: "), "{stderr}");
    assert!(warnings[0].contains("typos.csv:2: "), "{stderr}");
    assert!(warnings[0].contains("value \"nobody@gov.uk\": no mentor has"), "{stderr}");
    assert!(warnings[1].contains("typos.csv:3: "), "{stderr}");
    assert!(warnings[1].contains("seem swapped"), "{stderr}");
    assert!(!stderr.contains("mentor.00@gov.uk"), "a valid exclusion was reported: {stderr}");
}

#[test]
fn validate_counts_unknown_pairs() {
    let (temp, dir) = copy_fixture("reference-small");
    let pairs = temp.path().join("pairs.csv");
    fs::write(
        &pairs,
        "mentor email address,mentee email address\n\
         mentor.00@gov.uk,mentee.00@gov.uk\n\
         mentor.00@gov.uk,nobody@gov.uk\n",
    )
    .unwrap();
    let pairs_arg = pairs.to_str().unwrap();

    let excluded = run(&dir, &["validate", ".", "--exclude", pairs_arg, "--format", "json"]);
    assert_eq!(excluded.status.code(), Some(0), "{}", stderr(&excluded));
    let report: serde_json::Value = serde_json::from_slice(&excluded.stdout).unwrap();
    let warnings: Vec<&serde_json::Value> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|warning| warning["code"] != "role_flag_mismatch")
        .collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert_eq!(warnings[0]["code"], "unknown_excluded_person");
    assert_eq!(warnings[0]["line"], 3);
    assert_eq!(warnings[0]["file"], pairs_arg);
    assert_eq!(warnings[0]["value"], "nobody@gov.uk");
    assert!(stderr(&excluded).is_empty(), "{}", stderr(&excluded));

    let pinned = run(&dir, &["validate", ".", "--pins", pairs_arg]);
    assert_eq!(pinned.status.code(), Some(1));
    let text = stdout(&pinned);
    let errors: Vec<&str> = text.lines().filter(|line| line.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(errors[0].contains("pairs.csv:3: "), "{text}");
    assert!(errors[0].contains("no mentee has this email address"), "{text}");
    assert!(text.contains("1 error, "), "{text}");
}

#[test]
fn nobody_matched_with_themselves() {
    // In the `distinct` fixture Sam Dual is in both files, with email
    // addresses that differ only in case. Their two rows would make the
    // best-scoring pair of the roster: different organisations, a grade gap
    // of 2, the same profession, and a shared characteristic that the
    // mentee asked for.
    let (_temp, dir) = copy_fixture("distinct");
    for priority in ["best-matches", "most-mentees"] {
        let out = dir.join(priority);
        run_match(&dir, &["--out", out.to_str().unwrap(), "--priority", priority]);

        let pairs = matched_pairs(&out);
        assert!(!pairs.is_empty(), "{priority}: no pairs");
        for (mentor, mentee) in &pairs {
            assert_ne!(mentor, mentee, "{priority}: {mentor} matched with themselves");
        }
        // Sam has other compatible mentors, so the mentee side is matched.
        assert!(
            pairs.iter().any(|(_, mentee)| mentee == "sam.dual@example.org"),
            "{priority}: Sam has no mentor"
        );
    }
}

/// Writes one mentor and one mentee, one grade apart in different
/// organisations, with the given `languages` cells.
fn write_language_pair(dir: &std::path::Path, mentor_languages: &str, mentee_languages: &str) {
    let mentors = format!(
        "first name,last name,email address,both mentor and mentee,job title,grade,organisation,\
         profession,characteristics,biography,languages\n\
         Ada,Park,ada@example.org,no,Lead,Grade 7,Dept A,Policy,,Bio,{mentor_languages}\n"
    );
    let mentees = format!(
        "first name,last name,email address,both mentor and mentee,job title,grade,organisation,\
         profession,match with similar identity,identity to match,biography,languages\n\
         Bo,Reed,bo@example.org,no,Analyst,SEO,Dept B,Policy,no,,Bio,{mentee_languages}\n"
    );
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("mentors.csv"), mentors).unwrap();
    fs::write(dir.join("mentees.csv"), mentees).unwrap();
}

#[test]
fn spaced_separator_forbids_shared_language() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("programme");
    let config = temp.path().join("rules.toml");
    fs::write(
        &config,
        "[[column-rule]]\nname = \"language\"\ncolumn = \"languages\"\neffect = \"forbidden\"\n\
         separator = \" / \"\n",
    )
    .unwrap();

    for (mentor, mentee, expected) in [
        ("French / Welsh / ", "Welsh / French / ", 0),
        ("French / Welsh", "Welsh /", 0),
        ("French / Welsh / ", "Spanish / ", 1),
    ] {
        write_language_pair(&dir, mentor, mentee);
        let out = temp.path().join("out");
        let _ = fs::remove_dir_all(&out);
        run_match(&dir, &["--config", config.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(matched_pairs(&out).len(), expected, "{mentor:?} and {mentee:?}");
    }
}
