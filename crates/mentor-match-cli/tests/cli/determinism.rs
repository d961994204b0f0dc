use std::fs;
use std::path::Path;

use crate::support::{OUTPUT_FILES, assert_success, copy_fixture, output_bytes, run, run_with_env};

/// Writes `from` to `to` with its data rows in a fixed shuffled order (the
/// header stays first).
///
/// The order comes from a small linear congruential generator, so the test
/// needs no random-number crate and always uses the same permutation.
fn write_shuffled(from: &Path, to: &Path) {
    let text = fs::read_to_string(from).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter().all(|row| row.matches('"').count() % 2 == 0),
        "a quoted field spans lines, so lines are not rows"
    );

    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for i in (1..rows.len()).rev() {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = (state >> 33) as usize % (i + 1);
        rows.swap(i, j);
    }

    let mut shuffled = String::from(header);
    shuffled.push('\n');
    for row in rows {
        shuffled.push_str(row);
        shuffled.push('\n');
    }
    assert_ne!(shuffled, text, "the shuffle left {} unchanged", from.display());
    fs::write(to, shuffled).unwrap();
}

/// Runs `match` on `dir` into `out` with extra environment variables, and
/// returns the bytes of the output files.
fn match_outputs(dir: &Path, out: &Path, env: &[(&str, &str)]) -> Vec<Vec<u8>> {
    let args = ["match", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"];
    let output = run_with_env(dir, &args, env);
    assert_success(&output);
    output_bytes(out)
}

#[test]
fn shuffled_rows_same_outputs() {
    let (temp, dir) = copy_fixture("reference-small");
    let shuffled = temp.path().join("shuffled");
    fs::create_dir(&shuffled).unwrap();
    write_shuffled(&dir.join("mentors.csv"), &shuffled.join("mentors.csv"));
    write_shuffled(&dir.join("mentees.csv"), &shuffled.join("mentees.csv"));

    let original = match_outputs(&dir, &temp.path().join("original-out"), &[]);
    let reordered = match_outputs(&shuffled, &temp.path().join("shuffled-out"), &[]);

    for (index, name) in OUTPUT_FILES.iter().enumerate() {
        if *name == "summary.json" {
            // The summary records the input paths, which differ here.
            let without_inputs = |bytes: &[u8]| {
                let mut summary: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                summary.as_object_mut().unwrap().remove("inputs").expect("inputs recorded");
                summary
            };
            assert_eq!(
                without_inputs(&original[index]),
                without_inputs(&reordered[index]),
                "{name} depends on the input row order"
            );
            continue;
        }
        assert!(original[index] == reordered[index], "{name} depends on the input row order");
    }
}

/// Asserts that matching `dir` with 1 and with 2 threads gives the same
/// output bytes.
fn assert_thread_count_irrelevant(temp: &Path, dir: &Path) {
    let one_thread = match_outputs(dir, &temp.join("one-thread"), &[("RAYON_NUM_THREADS", "1")]);
    let two_threads = match_outputs(dir, &temp.join("two-threads"), &[("RAYON_NUM_THREADS", "2")]);

    for (index, name) in OUTPUT_FILES.iter().enumerate() {
        assert!(one_thread[index] == two_threads[index], "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn thread_count_same_outputs() {
    let (temp, dir) = copy_fixture("reference-small");
    assert_thread_count_irrelevant(temp.path(), &dir);
}

#[test]
fn thread_count_same_outputs_synthetic() {
    // Large enough for the parallel scoring to split the work between
    // threads, which 50 + 50 participants may not be.
    let temp = tempfile::tempdir().unwrap();
    let args = ["generate", "--mentors", "400", "--mentees", "400", "--seed", "5", "data"];
    assert_success(&run(temp.path(), &args));
    assert_thread_count_irrelevant(temp.path(), &temp.path().join("data"));
}
