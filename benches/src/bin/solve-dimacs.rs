//! Runs `flow::solve` on a network written by `mentor-match export-dimacs`.
//!
//! Usage: `solve-dimacs FILE [REPEATS]`. It prints the optimal cost (to
//! compare with LEMON's `Min flow cost`), the flow value, the pivot count
//! and the best wall time of REPEATS solves (default 1). Under
//! `valgrind --tool=callgrind --toggle-collect='mentor_match_core::flow::solve'`
//! it counts the solver's instructions without the file reading.

use std::process::ExitCode;
use std::time::Instant;

use mentor_match_core::flow::{self, FlowArc, FlowProblem};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: solve-dimacs FILE [REPEATS]");
        return ExitCode::from(2);
    };
    let repeats: usize = match args.get(2).map(|text| text.parse()) {
        None => 1,
        Some(Ok(count)) if count > 0 => count,
        Some(_) => {
            eprintln!("invalid REPEATS {:?}: expected a positive integer", args[2]);
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("failed to read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let problem = match parse(&text) {
        Ok(problem) => problem,
        Err(message) => {
            eprintln!("{path}: {message}");
            return ExitCode::from(2);
        }
    };

    let mut best = f64::INFINITY;
    let mut solution = None;
    for _ in 0..repeats {
        let started = Instant::now();
        let result = flow::solve(&problem);
        best = best.min(started.elapsed().as_secs_f64());
        match result {
            Ok(found) => solution = Some(found),
            Err(error) => {
                eprintln!("solve failed: {error}");
                return ExitCode::from(1);
            }
        }
    }
    let solution = solution.expect("at least one repeat");
    if let Err(violation) = solution.check_optimality(&problem) {
        eprintln!("certificate check failed: {violation}");
        return ExitCode::from(1);
    }
    println!("optimal cost {}", solution.cost);
    println!("flow value {}", solution.value);
    println!("pivots {}", solution.pivots);
    println!("best solve ms {:.3}", best * 1000.0);
    ExitCode::SUCCESS
}

/// Parses the export. The source and sink come from its comment line
/// `c source S, sink T; ...`, and the last arc, the zero-cost bypass, is
/// dropped.
fn parse(text: &str) -> Result<FlowProblem, String> {
    let mut problem = FlowProblem::default();
    let mut terminals = None;
    for (number, line) in text.lines().enumerate() {
        let invalid = || format!("line {}: invalid line {line:?}", number + 1);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let int = |field: &str| field.parse::<i64>().map_err(|_| invalid());
        let node = |field: &str| match field.parse::<usize>() {
            Ok(id) if (1..=problem.node_count).contains(&id) => Ok(id as u32 - 1),
            _ => Err(invalid()),
        };
        match fields.as_slice() {
            ["c", "source", source, "sink", sink, ..] => {
                // Checked against the node count once the `p` line is read.
                let id = |field: &str| field.parse::<u32>().map_err(|_| invalid());
                terminals =
                    Some((id(source.trim_end_matches(','))?, id(sink.trim_end_matches(';'))?));
            }
            ["p", "min", nodes, _arcs] => {
                problem.node_count = int(nodes)?.try_into().map_err(|_| invalid())?;
            }
            ["a", tail, head, _lower, capacity, cost] => {
                let arc = FlowArc {
                    tail: node(tail)?,
                    head: node(head)?,
                    capacity: int(capacity)?,
                    cost: int(cost)?,
                };
                problem.arcs.push(arc);
            }
            ["c", ..] | ["n", ..] | [] => {}
            _ => return Err(invalid()),
        }
    }
    let Some((source, sink)) = terminals else {
        return Err("missing the comment line `c source S, sink T`".to_string());
    };
    let in_range = |id: u32| (1..=problem.node_count).contains(&(id as usize));
    if !in_range(source) || !in_range(sink) {
        return Err(format!("source {source} or sink {sink} is not a node"));
    }
    problem.arcs.pop();
    problem.source = source - 1;
    problem.sink = sink - 1;
    Ok(problem)
}
