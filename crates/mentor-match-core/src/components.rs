//! Splitting a flow problem into independent parts.
//!
//! Two nodes other than the source and the sink belong to the same part
//! when an arc path joins them without passing through the source or the
//! sink. Parts share only the source and the sink, so in the any-value
//! problem each part's flow can be chosen on its own. A residual cycle
//! through both terminals moves a unit from one part to another. It costs
//! that part's next augmenting path plus the other part's cheapest
//! cancellation, and both are non-negative at each part's optimum. The
//! matcher's network splits this way when hard rules cut the roster into
//! groups with no allowed pair between them, for example a required column
//! rule on a location.

use petgraph::unionfind::UnionFind;

use crate::flow::{FlowArc, FlowProblem, FlowSolution};

/// One independent part: its own problem and where its nodes and arcs sit
/// in the whole problem.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub problem: FlowProblem,
    /// Node of the whole problem for each node of the part, in increasing
    /// order, the source and the sink included.
    nodes: Vec<u32>,
    /// Arc of the whole problem for each arc of the part.
    arcs: Vec<u32>,
}

/// Splits `problem` into its independent parts, or returns `None` when it
/// has fewer than two, when an arc joins the source and the sink directly
/// (which no part could own), or when an arc leaves the sink. [`merge`]
/// gives the sink one potential for all parts, and lowering it to suit one
/// part could make such an arc of another part violate the certificate.
///
/// Parts are ordered by their smallest node, and nodes and arcs keep their
/// relative order inside each part, so the split is deterministic.
pub(crate) fn split(problem: &FlowProblem) -> Option<Vec<Part>> {
    let n = problem.node_count;
    let (source, sink) = (problem.source as usize, problem.sink as usize);
    if source == sink {
        return None;
    }
    let is_terminal = |v: usize| v == source || v == sink;
    let mut sets = UnionFind::<usize>::new(n);
    let mut touched = vec![false; n];
    for arc in &problem.arcs {
        let (tail, head) = (arc.tail as usize, arc.head as usize);
        if tail == sink {
            return None;
        }
        match (is_terminal(tail), is_terminal(head)) {
            (true, true) => return None,
            (false, false) => {
                sets.union(tail, head);
            }
            _ => {}
        }
        touched[tail] = true;
        touched[head] = true;
    }

    // Number the parts by their smallest node.
    let mut part_of_root = vec![u32::MAX; n];
    let mut part_of_node = vec![u32::MAX; n];
    let mut part_count = 0u32;
    for v in (0..n).filter(|&v| touched[v] && !is_terminal(v)) {
        let root = sets.find(v);
        if part_of_root[root] == u32::MAX {
            part_of_root[root] = part_count;
            part_count += 1;
        }
        part_of_node[v] = part_of_root[root];
    }
    if part_count < 2 {
        return None;
    }

    // Each part keeps the whole problem's node and arc order, source and
    // sink included, so that the solver's tie-breaks, and with them the
    // flow, do not depend on how the problem was split.
    let mut parts: Vec<Part> = (0..part_count)
        .map(|_| Part {
            problem: FlowProblem { node_count: 0, arcs: Vec::new(), source: 0, sink: 0 },
            nodes: Vec::new(),
            arcs: Vec::new(),
        })
        .collect();
    let mut local = vec![0u32; n];
    for v in 0..n {
        if is_terminal(v) {
            for part in &mut parts {
                if v == source {
                    part.problem.source = part.nodes.len() as u32;
                } else {
                    part.problem.sink = part.nodes.len() as u32;
                }
                part.nodes.push(v as u32);
            }
        } else if part_of_node[v] != u32::MAX {
            let part = &mut parts[part_of_node[v] as usize];
            local[v] = part.nodes.len() as u32;
            part.nodes.push(v as u32);
        }
    }
    for (index, arc) in problem.arcs.iter().enumerate() {
        let (tail, head) = (arc.tail as usize, arc.head as usize);
        let owner = if is_terminal(tail) { head } else { tail };
        let part = &mut parts[part_of_node[owner] as usize];
        let local_of = |v: usize| match v {
            _ if v == source => part.problem.source,
            _ if v == sink => part.problem.sink,
            _ => local[v],
        };
        let (tail, head) = (local_of(tail), local_of(head));
        part.problem.arcs.push(FlowArc { tail, head, capacity: arc.capacity, cost: arc.cost });
        part.arcs.push(index as u32);
    }
    for part in &mut parts {
        part.problem.node_count = part.nodes.len();
    }
    Some(parts)
}

/// Combines the parts' optimal solutions into one for the whole problem.
///
/// Each part's potentials are shifted so that the source's is 0, and the
/// sink takes the lowest of the parts' sink potentials. A part that sent
/// flow has `p(t) = p(s) = 0`, and lowering `p(t)` for a part that sent
/// none only raises the reduced costs of its arcs into the sink. No arc
/// leaves the sink of a split problem, so every residual arc keeps a
/// non-negative reduced cost. Nodes in no part get
/// potential 0.
pub(crate) fn merge(
    problem: &FlowProblem,
    parts: &[Part],
    solutions: &[FlowSolution],
) -> FlowSolution {
    let mut flow = vec![0i64; problem.arcs.len()];
    let mut potentials = vec![0i64; problem.node_count];
    let mut sink_potential = i64::MAX;
    let (mut cost, mut value, mut pivots) = (0, 0, 0);
    for (part, solution) in parts.iter().zip(solutions) {
        for (&arc, &f) in part.arcs.iter().zip(&solution.flow) {
            flow[arc as usize] = f;
        }
        let shift = solution.potentials[part.problem.source as usize];
        for (&node, &p) in part.nodes.iter().zip(&solution.potentials) {
            potentials[node as usize] = p - shift;
        }
        sink_potential =
            sink_potential.min(solution.potentials[part.problem.sink as usize] - shift);
        cost += solution.cost;
        value += solution.value;
        pivots += solution.pivots;
    }
    potentials[problem.source as usize] = 0;
    potentials[problem.sink as usize] = sink_potential;
    FlowSolution { flow, cost, value, potentials, pivots }
}
