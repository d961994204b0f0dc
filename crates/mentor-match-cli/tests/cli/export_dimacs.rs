use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{
    assert_success, copy_fixture, read_summary, run, run_match, stderr, stdout, summary_count,
};

/// Runs `export-dimacs` on `dir`, writing `file` inside it, and asserts that
/// it succeeds.
fn run_export(dir: &Path, file: &str, extra_args: &[&str]) -> Output {
    let mut args = vec!["export-dimacs", ".", file];
    args.extend_from_slice(extra_args);
    let output = run(dir, &args);
    assert_success(&output);
    output
}

/// Parses the `NAME VALUE` lines printed on stdout into a map.
fn figures(output: &Output) -> HashMap<String, String> {
    let text = stdout(output);
    let mut figures = HashMap::new();
    for line in text.lines() {
        let (name, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("line {line:?} has no value in:\n{text}"));
        let previous = figures.insert(name.to_owned(), value.to_owned());
        assert!(previous.is_none(), "{name} printed twice in:\n{text}");
    }
    figures
}

/// Returns a printed figure as an integer.
fn integer(figures: &HashMap<String, String>, name: &str) -> i64 {
    let value = figures.get(name).unwrap_or_else(|| panic!("no {name:?} line in {figures:?}"));
    value.parse().unwrap_or_else(|_| panic!("{name} {value:?} is not an integer"))
}

/// An arc of a DIMACS minimum-cost flow problem, with 0-based node ids.
#[derive(Debug, Clone, Copy)]
struct Arc {
    tail: usize,
    head: usize,
    capacity: i64,
    cost: i64,
}

/// A DIMACS minimum-cost flow problem as read from a file.
#[derive(Debug)]
struct Dimacs {
    /// Node count of the `p` line.
    nodes: usize,
    /// Arc count of the `p` line.
    declared_arcs: usize,
    /// Supply of each node, negative for demand.
    supplies: Vec<i64>,
    arcs: Vec<Arc>,
}

/// Parses a DIMACS `p min` file, failing the test on any line that breaks
/// the format.
fn parse_dimacs(text: &str) -> Dimacs {
    let mut problem: Option<Dimacs> = None;
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let number = |index: usize| -> i64 {
            fields
                .get(index)
                .and_then(|field| field.parse().ok())
                .unwrap_or_else(|| panic!("field {index} of {line:?} is not an integer"))
        };
        match fields.first().copied() {
            Some("c") | None => {}
            Some("p") => {
                assert!(problem.is_none(), "second p line {line:?}");
                assert_eq!(fields.len(), 4, "p line {line:?}");
                assert_eq!(fields[1], "min", "p line {line:?}");
                let nodes = number(2) as usize;
                problem = Some(Dimacs {
                    nodes,
                    declared_arcs: number(3) as usize,
                    supplies: vec![0; nodes],
                    arcs: Vec::new(),
                });
            }
            Some("n") => {
                let problem = problem.as_mut().expect("n line before the p line");
                assert_eq!(fields.len(), 3, "n line {line:?}");
                let node = number(1) as usize;
                assert!((1..=problem.nodes).contains(&node), "node out of range in {line:?}");
                problem.supplies[node - 1] = number(2);
            }
            Some("a") => {
                let problem = problem.as_mut().expect("a line before the p line");
                assert_eq!(fields.len(), 6, "a line {line:?}");
                let (tail, head) = (number(1) as usize, number(2) as usize);
                for node in [tail, head] {
                    assert!((1..=problem.nodes).contains(&node), "node out of range in {line:?}");
                }
                assert_eq!(number(3), 0, "lower bound in {line:?}");
                assert!(number(4) >= 0, "negative capacity in {line:?}");
                problem.arcs.push(Arc {
                    tail: tail - 1,
                    head: head - 1,
                    capacity: number(4),
                    cost: number(5),
                });
            }
            Some(other) => panic!("unknown line type {other:?} in {line:?}"),
        }
    }
    problem.expect("no p line")
}

/// Returns the minimum cost of `problem`, or `None` when no flow meets the
/// supplies. Successive shortest paths with Bellman-Ford, independent of
/// the solver under test and fast enough for the fixtures' few hundred
/// arcs.
fn min_cost(problem: &Dimacs) -> Option<i64> {
    // Residual graph with a super source and a super sink. Residual arc 2k
    // is arc k of the graph, and 2k + 1 is its reverse.
    let super_source = problem.nodes;
    let super_sink = problem.nodes + 1;
    let mut arcs = problem.arcs.clone();
    let mut required = 0;
    for (node, &supply) in problem.supplies.iter().enumerate() {
        if supply > 0 {
            arcs.push(Arc { tail: super_source, head: node, capacity: supply, cost: 0 });
            required += supply;
        } else if supply < 0 {
            arcs.push(Arc { tail: node, head: super_sink, capacity: -supply, cost: 0 });
        }
    }
    let mut residual = Vec::with_capacity(arcs.len() * 2);
    for arc in &arcs {
        residual.push(*arc);
        residual.push(Arc { tail: arc.head, head: arc.tail, capacity: 0, cost: -arc.cost });
    }

    let node_count = problem.nodes + 2;
    let (mut sent, mut cost) = (0, 0);
    while sent < required {
        let mut distance = vec![i64::MAX; node_count];
        let mut via = vec![usize::MAX; node_count];
        distance[super_source] = 0;
        for _ in 0..node_count {
            let mut changed = false;
            for (index, arc) in residual.iter().enumerate() {
                if arc.capacity > 0 && distance[arc.tail] != i64::MAX {
                    let candidate = distance[arc.tail] + arc.cost;
                    if candidate < distance[arc.head] {
                        distance[arc.head] = candidate;
                        via[arc.head] = index;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if distance[super_sink] == i64::MAX {
            return None;
        }

        let mut bottleneck = required - sent;
        let mut node = super_sink;
        while node != super_source {
            bottleneck = bottleneck.min(residual[via[node]].capacity);
            node = residual[via[node]].tail;
        }
        let mut node = super_sink;
        while node != super_source {
            let index = via[node];
            residual[index].capacity -= bottleneck;
            residual[index ^ 1].capacity += bottleneck;
            node = residual[index].tail;
        }
        sent += bottleneck;
        cost += bottleneck * distance[super_sink];
    }
    Some(cost)
}

#[test]
fn export_counts_match_file() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run_export(&dir, "network.min", &[]);
    let printed = figures(&output);
    let problem = parse_dimacs(&fs::read_to_string(dir.join("network.min")).unwrap());

    assert_eq!(integer(&printed, "nodes"), problem.nodes as i64);
    assert_eq!(integer(&printed, "arcs"), problem.declared_arcs as i64);
    assert_eq!(problem.arcs.len(), problem.declared_arcs);
    assert_eq!(problem.supplies.iter().sum::<i64>(), 0, "supplies do not balance");
    assert_eq!(printed["file"], "network.min");
    for name in ["reading ms", "scoring ms", "solving ms", "flow solver ms", "writing ms"] {
        let value = &printed[name];
        assert!(value.parse::<f64>().is_ok_and(|ms| ms >= 0.0), "{name} {value:?}");
    }
    let flow_solver: f64 = printed["flow solver ms"].parse().unwrap();
    let solving: f64 = printed["solving ms"].parse().unwrap();
    assert!(flow_solver <= solving, "the solver's time is part of the solving time");
    assert!(integer(&printed, "solve rounds") >= 1);
    assert!(integer(&printed, "network pairs") <= integer(&printed, "allowed pairs"));
}

#[test]
fn export_cost_is_file_optimum() {
    for priority in ["best-matches", "most-mentees"] {
        let (_temp, dir) = copy_fixture("reference-small");
        let output = run_export(&dir, "network.min", &["--priority", priority]);
        let printed = figures(&output);
        let problem = parse_dimacs(&fs::read_to_string(dir.join("network.min")).unwrap());

        // The optimum is minus a weighted sum of the total score and the
        // matched counts, so it is negative once any pair is allowed.
        let cost = integer(&printed, "optimal cost");
        assert!(integer(&printed, "allowed pairs") > 0, "{priority}: no allowed pairs");
        assert!(cost < 0, "{priority}: optimal cost {cost}");
        assert_eq!(min_cost(&problem), Some(cost), "{priority}");
    }
}

#[test]
fn export_flow_value_is_pair_count() {
    let (_temp, dir) = copy_fixture("reference-small");
    let printed = figures(&run_export(&dir, "network.min", &[]));
    run_match(&dir, &[]);

    // One unit of flow is one match.
    let pairs = summary_count(&read_summary(&dir.join("output")), "pairs");
    assert_eq!(integer(&printed, "flow value"), pairs as i64);
}

#[test]
fn export_keeps_file_without_force() {
    let (_temp, dir) = copy_fixture("reference-small");
    fs::write(dir.join("network.min"), "earlier\n").unwrap();

    let refused = run(&dir, &["export-dimacs", ".", "network.min"]);
    assert_eq!(refused.status.code(), Some(1));
    let messages = stderr(&refused);
    assert!(messages.starts_with("error: "), "{messages}");
    assert!(messages.contains("network.min"), "{messages}");
    assert!(messages.contains("--force"), "{messages}");
    assert_eq!(stdout(&refused), "");
    assert_eq!(fs::read_to_string(dir.join("network.min")).unwrap(), "earlier\n");

    run_export(&dir, "network.min", &["--force"]);
    let replaced = fs::read_to_string(dir.join("network.min")).unwrap();
    assert!(replaced.contains("\np min "), "{replaced}");
}

#[test]
fn export_leaves_no_temporary_files() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_export(&dir, "network.min", &[]);

    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["mentees.csv", "mentors.csv", "network.min"]);
}

#[test]
fn export_invalid_input_writes_nothing() {
    let (_temp, dir) = copy_fixture("invalid");
    let output = run(&dir, &["export-dimacs", ".", "network.min"]);

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).starts_with("error: "), "{}", stderr(&output));
    assert!(!dir.join("network.min").exists());
}

#[test]
fn export_missing_folder_fails() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run(&dir, &["export-dimacs", ".", "missing/network.min"]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("missing/network.min"), "{messages}");
    assert!(!dir.join("missing").exists());
}

#[test]
fn export_quiet_prints_nothing() {
    let (_temp, dir) = copy_fixture("reference-small");
    let output = run_export(&dir, "network.min", &["--quiet"]);

    assert_eq!(stdout(&output), "");
    assert!(dir.join("network.min").is_file());
}

#[test]
fn export_reads_explicit_files() {
    let (temp, dir) = copy_fixture("reference-small");
    let output = run(
        temp.path(),
        &[
            "export-dimacs",
            "--mentors",
            "reference-small/mentors.csv",
            "--mentees",
            "reference-small/mentees.csv",
            "network.min",
        ],
    );

    assert_success(&output);
    assert!(temp.path().join("network.min").is_file());
    assert!(!dir.join("network.min").exists());
}

#[test]
fn export_never_replaces_input() {
    let (_temp, dir) = copy_fixture("distinct");
    let before = fs::read(dir.join("mentors.csv")).unwrap();

    let output = run(&dir, &["export-dimacs", ".", "mentors.csv", "--force"]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("mentors.csv"), "{messages}");
    assert!(messages.contains("also an input file"), "{messages}");
    assert_eq!(fs::read(dir.join("mentors.csv")).unwrap(), before);
}
