//! Export of a [`FlowProblem`] in the DIMACS minimum-cost flow format, so
//! that any independent solver can check the optimum.
//!
//! The format (from the First DIMACS Implementation Challenge) is line
//! based: `c` comment lines, one `p min NODES ARCS` line, `n ID SUPPLY`
//! lines for nodes with non-zero supply (demand is negative supply), and
//! `a TAIL HEAD LOWER UPPER COST` lines. Node ids start at 1.
//!
//! DIMACS problems have fixed supplies, but [`flow::solve`](crate::flow::solve)
//! minimises over every flow value. The export closes that gap with a
//! bypass. Let `F` be the total capacity leaving the source: the source
//! supplies `F` units, the sink demands `F`, and an extra arc from source to
//! sink with capacity `F` and cost 0 carries whatever the optimum does not
//! send through the network. Any flow of value `v` plus `F - v` units on the
//! bypass is feasible at the same cost, and every feasible solution splits
//! that way, so both problems have the same optimal cost.

use std::io::{self, Write};

use crate::flow::FlowProblem;

/// Writes `problem` in DIMACS minimum-cost flow format, with the bypass arc
/// last.
///
/// # Errors
///
/// Any error from `out`.
///
/// # Example
///
/// ```
/// use mentor_match_core::dimacs::write_min_cost_flow;
/// use mentor_match_core::flow::{FlowArc, FlowProblem};
///
/// let problem = FlowProblem {
///     node_count: 2,
///     arcs: vec![FlowArc { tail: 0, head: 1, capacity: 3, cost: -5 }],
///     source: 0,
///     sink: 1,
/// };
/// let mut text = Vec::new();
/// write_min_cost_flow(&problem, &mut text)?;
/// let text = String::from_utf8(text).unwrap();
/// assert!(text.contains("p min 2 2\n"));
/// assert!(text.contains("n 1 3\nn 2 -3\n"));
/// assert!(text.contains("a 1 2 0 3 -5\na 1 2 0 3 0\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_min_cost_flow<W: Write>(problem: &FlowProblem, out: W) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let source = problem.source as usize + 1;
    let sink = problem.sink as usize + 1;
    let bypass_capacity: i64 =
        problem.arcs.iter().filter(|arc| arc.tail == problem.source).map(|arc| arc.capacity).sum();

    writeln!(out, "c mentor-match flow network: minimum cost over every flow value")?;
    writeln!(out, "c source {source}, sink {sink}; the last arc is the zero-cost bypass")?;
    writeln!(out, "p min {} {}", problem.node_count, problem.arcs.len() + 1)?;
    if source != sink && bypass_capacity > 0 {
        writeln!(out, "n {source} {bypass_capacity}")?;
        writeln!(out, "n {sink} {}", -bypass_capacity)?;
    }
    for arc in &problem.arcs {
        writeln!(out, "a {} {} 0 {} {}", arc.tail + 1, arc.head + 1, arc.capacity, arc.cost)?;
    }
    writeln!(out, "a {source} {sink} 0 {bypass_capacity} 0")?;
    out.flush()
}
