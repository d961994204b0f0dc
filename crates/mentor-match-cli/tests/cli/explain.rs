use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::support::{
    Table, copy_fixture, read_summary, run, run_match, stderr, stdout, summary_count,
};

/// Returns each participant's number of matches and `max matches`, from
/// the participant list of one side.
fn match_counts(out: &Path, list: &str) -> HashMap<String, u64> {
    let table = Table::read(&out.join(list));
    let (email, count) = (table.column("email address"), table.column("number of matches"));
    table.rows.iter().map(|row| (row[email].to_lowercase(), row[count].parse().unwrap())).collect()
}

#[test]
fn unmatched_lists_every_participant_short_of_matches() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");
    let unmatched = Table::read(&out.join("unmatched.csv"));
    let summary = read_summary(&out);

    for (role, list, side) in
        [("mentor", "mentors-list.csv", "mentors"), ("mentee", "mentees-list.csv", "mentees")]
    {
        let counts = match_counts(&out, list);
        let rows: Vec<&Vec<String>> =
            unmatched.rows.iter().filter(|row| row[unmatched.column("role")] == role).collect();
        // The fixture has no `max matches` column, so everyone has the
        // default of 3.
        let short = counts.values().filter(|&&count| count < 3).count();
        assert_eq!(rows.len(), short, "{role}s short of matches");
        let mut by_category: HashMap<&str, u64> = HashMap::new();
        for row in rows {
            let email = row[unmatched.column("email address")].to_lowercase();
            assert_eq!(row[unmatched.column("matches")], counts[&email].to_string());
            assert_eq!(row[unmatched.column("max matches")], "3");
            let category = row[unmatched.column("reason category")].as_str();
            assert!(!row[unmatched.column("reason")].is_empty());
            *by_category.entry(category).or_default() += 1;
        }
        let counted = &summary["unmatched"][side];
        for (category, count) in counted.as_object().unwrap() {
            assert_eq!(
                by_category.get(category.as_str()).copied().unwrap_or(0),
                count.as_u64().unwrap()
            );
        }
    }
}

#[test]
fn matches_have_ranks_within_the_eligible_mentors() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let matches = Table::read(&dir.join("output").join("matches.csv"));
    let ranks = matches.values("mentor rank for mentee");
    let eligible = matches.values("mentee's eligible mentors");
    assert!(!ranks.is_empty());
    for (rank, eligible) in ranks.iter().zip(&eligible) {
        let (rank, eligible): (usize, usize) = (rank.parse().unwrap(), eligible.parse().unwrap());
        assert!((1..=eligible).contains(&rank), "rank {rank} of {eligible}");
    }
    // The optimum does not give every mentee its first choice, but most.
    let firsts = ranks.iter().filter(|rank| **rank == "1").count();
    assert!(firsts > 0, "no mentee has its first-ranked mentor");
    assert!(firsts < ranks.len(), "every mentee has its first-ranked mentor");
}

/// Pinning the candidate that an unmatched row names changes the total
/// score and the number of pairs by exactly the stated amounts.
#[test]
fn stated_loss_matches_pinned_run() {
    let (temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");
    let unmatched = Table::read(&out.join("unmatched.csv"));
    let base = read_summary(&out);
    let mut checked = 0;
    for row in &unmatched.rows {
        if row[unmatched.column("reason category")] != "would lower the objective" {
            continue;
        }
        let email = &row[unmatched.column("email address")];
        let candidate = &row[unmatched.column("best candidate email address")];
        let (mentor, mentee) = if row[unmatched.column("role")] == "mentor" {
            (email, candidate)
        } else {
            (candidate, email)
        };
        let pins = temp.path().join(format!("pins-{checked}.csv"));
        fs::write(&pins, format!("mentor email address,mentee email address\n{mentor},{mentee}\n"))
            .unwrap();
        let pinned_out = temp.path().join(format!("pinned-{checked}"));
        run_match(&dir, &["--pins", pins.to_str().unwrap(), "--out", pinned_out.to_str().unwrap()]);
        let pinned = read_summary(&pinned_out);
        let change = |column: &str| -> i64 { row[unmatched.column(column)].parse().unwrap() };
        let score_change = change("score change");
        assert_eq!(
            pinned["total_score"].as_i64().unwrap() - base["total_score"].as_i64().unwrap(),
            score_change,
            "pinning {mentor} with {mentee}"
        );
        assert!(score_change < 0, "best-matches losses are in the score");
        for (key, column) in [
            ("mentees_matched", "mentees matched change"),
            ("mentors_matched", "mentors matched change"),
        ] {
            let difference = summary_count(&pinned, key) as i64 - summary_count(&base, key) as i64;
            assert_eq!(difference, change(column), "{column} pinning {mentor} with {mentee}");
        }
        checked += 1;
        if checked == 3 {
            break;
        }
    }
    assert!(checked > 0, "the fixture has no 'would lower the objective' row");
}

#[test]
fn report_shows_headline_numbers_charts_and_shortfalls() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    let summary = read_summary(&out);
    for key in ["pairs", "total_score"] {
        let value = summary[key].to_string();
        assert!(html.contains(&format!(">{value}<")), "the report lacks {key} {value}");
    }
    assert!(html.matches("<svg").count() >= 6, "charts missing");
    assert_eq!(html.matches("<svg").count(), html.matches("role=\"img\"").count());
    assert!(html.matches("<table").count() >= 6);
    assert!(!html.contains("<script"));
    assert!(!html.contains("http://"));
    assert!(!html.contains("https://"));
    // Addresses may break after the @, which the report marks with <wbr>.
    let text = html.replace("<wbr>", "");
    let unmatched = Table::read(&out.join("unmatched.csv"));
    for email in unmatched.values("email address") {
        assert!(text.contains(email), "the report lacks {email}");
    }
}

#[test]
fn explain_matches_the_output_files() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let out = dir.join("output");
    let unmatched = Table::read(&out.join("unmatched.csv"));
    let row = &unmatched.rows[0];
    let email = &row[unmatched.column("email address")];
    let role = &row[unmatched.column("role")];
    let dir_arg = dir.to_str().unwrap();

    let output = run(&dir, &["explain", dir_arg, email, "--role", role]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let reason = &row[unmatched.column("reason")];
    assert!(text.contains(&format!("Why not more matches: {reason}")), "{text}");

    let output =
        run(&dir, &["explain", dir_arg, &email.to_uppercase(), "--role", role, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["schema_version"], 1);
    let participant = &json["participants"][0];
    assert_eq!(participant["email"], email.as_str());
    assert_eq!(participant["shortfall"]["sentence"], reason.as_str());
    let matches = Table::read(&out.join("matches.csv"));
    let own_column = matches.column(&format!("{role} email address"));
    let other_column = matches
        .column(&format!("{} email address", if role == "mentor" { "mentee" } else { "mentor" }));
    let mut expected: Vec<&str> = matches
        .rows
        .iter()
        .filter(|pair| pair[own_column].eq_ignore_ascii_case(email))
        .map(|pair| pair[other_column].as_str())
        .collect();
    expected.sort_unstable();
    let mut listed: Vec<&str> = participant["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, expected);
}

#[test]
fn explain_rejects_an_unknown_email() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run(&dir, &["explain", dir.to_str().unwrap(), "nobody@example.org"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("nobody@example.org"), "{message}");
    assert!(message.contains("mentors or mentees file"), "{message}");
}

#[test]
fn explain_json_names_people_by_email_only() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let unmatched = Table::read(&dir.join("output").join("unmatched.csv"));
    let row = unmatched
        .rows
        .iter()
        .find(|row| !row[unmatched.column("best candidate email address")].is_empty())
        .expect("a row that names a candidate");
    let email = &row[unmatched.column("email address")];
    let role = &row[unmatched.column("role")];
    let output =
        run(&dir, &["explain", dir.to_str().unwrap(), email, "--role", role, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let shortfall = &json["participants"][0]["shortfall"];
    assert_eq!(shortfall["category"], row[unmatched.column("reason category")].as_str());
    assert_eq!(
        shortfall["candidate_email"],
        row[unmatched.column("best candidate email address")].as_str()
    );
    assert!(shortfall.get("candidate").is_none(), "a row number leaked: {shortfall}");
    assert_eq!(
        shortfall["change"]["total_score"].as_i64().unwrap().to_string(),
        row[unmatched.column("score change")]
    );
}

#[test]
fn explain_flattens_name_line_breaks() {
    let (_temp, dir) = copy_fixture("reference-small");
    let mentors = fs::read_to_string(dir.join("mentors.csv")).unwrap();
    let mut lines: Vec<String> = mentors.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let first_name =
        header.iter().position(|h| h.trim().eq_ignore_ascii_case("first name")).unwrap();
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_owned).collect();
    cells[first_name] = "\"Ann\nWhy not more matches: forged\"".to_owned();
    let email_column =
        header.iter().position(|h| h.trim().eq_ignore_ascii_case("email address")).unwrap();
    let email = cells[email_column].clone();
    lines[1] = cells.join(",");
    fs::write(dir.join("mentors.csv"), lines.join("\n") + "\n").unwrap();

    let output = run(&dir, &["explain", dir.to_str().unwrap(), &email, "--role", "mentor"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.lines().any(|line| line.starts_with("Why not more matches: forged")), "{text}");
}

#[test]
fn explain_names_the_other_side() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output =
        run(&dir, &["explain", dir.to_str().unwrap(), "mentee.02@gov.uk", "--role", "mentor"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("is in the mentees file"), "{message}");
    assert!(message.contains("--role mentee"), "{message}");
}
