//! The exact cost of forcing an unmatched pair into the optimal matching.
//!
//! Let `x` be the min-cost flow and `a` the arc of an allowed, unmatched
//! pair. The cheapest flow with one unit on `a` is `x` plus the cheapest
//! cycle through `a` in the residual network of the full allowed graph
//! (with the sink -> source arc that lets the flow value change). The
//! difference between that flow and `x` splits into residual cycles that
//! can be added one at a time. One of them carries `a`, and the others
//! cost at least 0 because `x` is optimal. So forcing the pair (as a pin
//! would) changes the objective by exactly that cycle's cost.
//!
//! With the certifying potentials every residual arc has a non-negative
//! reduced cost, and a cycle's reduced cost equals its cost, so Dijkstra's
//! algorithm finds the cheapest cycle: from the pair's mentor back to the
//! arc's tail. The solved network's arcs and each node's cheapest omitted
//! pairs are stored. A search reaching a mentee (or its profession
//! sub-node) enumerates the mentee's other allowed pairs when one of them
//! could still shorten a path, so pairs left out of the solved network
//! count too.
//!
//! Each search visits at most every node once and every allowed pair of the
//! mentees it reaches once: `O(P + n log n)` for `P` allowed pairs and `n`
//! nodes, usually far less because it stops at the target.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::context::{Context, Node, Step};
use crate::candidates::LiveMentors;
use mentor_match_model::Role;

/// A search label: reduced distance, then the tie-break of the forced pair
/// the path starts with (minus its standalone value, then its position).
/// The tie-break makes the choice among equally cheap pairs deterministic,
/// and prefers the best-scoring of those the search has labelled when it
/// stops.
type Label = (i64, i64, u32);

const UNREACHED: Label = (i64::MAX, i64::MAX, u32::MAX);

/// A forced pair and its cheapest cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ForcedCycle {
    /// Mentee and mentor positions of the forced pair.
    pub mentee: u32,
    pub mentor: u32,
    /// The cycle's cost: how much the weighted objective falls.
    pub cost: i64,
    /// Pairs the cycle matches (the forced one included) and unmatches.
    pub added: Vec<(u32, u32)>,
    pub removed: Vec<(u32, u32)>,
}

/// Shortest reduced distances from one node to every node, with the
/// predecessor arcs of a shortest-path tree.
pub(crate) struct DistanceTree {
    distance: Vec<i64>,
    pred: Vec<(u32, Step)>,
}

impl DistanceTree {
    /// Returns the distance to `node`, or `i64::MAX` when unreachable.
    pub fn distance(&self, node: usize) -> i64 {
        self.distance[node]
    }

    /// Collects the pairs on the tree path to `node`, walking back to the
    /// root or to `stop`, whichever comes first.
    pub fn path_steps(
        &self,
        node: usize,
        stop: usize,
        added: &mut Vec<(u32, u32)>,
        removed: &mut Vec<(u32, u32)>,
    ) {
        collect_path_steps(&self.pred, node, stop, added, removed);
    }
}

/// Collects the pairs that the predecessor arcs match and unmatch on the
/// way back from `node` to a start (a node without predecessor) or to
/// `stop`, whichever comes first.
fn collect_path_steps(
    pred: &[(u32, Step)],
    mut node: usize,
    stop: usize,
    added: &mut Vec<(u32, u32)>,
    removed: &mut Vec<(u32, u32)>,
) {
    while node != stop {
        let (previous, step) = pred[node];
        if previous == NO_PRED {
            return;
        }
        match step {
            Step::Match(mentee, mentor) => added.push((mentee, mentor)),
            Step::Unmatch(mentee, mentor) => removed.push((mentee, mentor)),
            Step::Other => {}
        }
        node = previous as usize;
    }
}

/// Reusable buffers for Dijkstra searches on one [`Context`].
pub(crate) struct Search {
    label: Vec<Label>,
    pred: Vec<(u32, Step)>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    /// Entries `(label, kind, node)`: kind [`SETTLE`] settles the node,
    /// kind [`ENUMERATE`] enumerates its omitted pairs.
    heap: BinaryHeap<Reverse<(Label, u8, u32)>>,
    /// Labels at or above this distance are dropped, because the caller
    /// has already found a cycle that cheap.
    bound: i64,
    /// Mentors not yet settled, for enumerating omitted pairs.
    live: LiveMentors,
}

const NO_PRED: u32 = u32::MAX;

/// Heap entry kinds. Settling sorts first, so that at equal distance the
/// stored arcs are tried before any mentee's omitted pairs are enumerated.
const SETTLE: u8 = 0;
const ENUMERATE: u8 = 1;

/// The next step of a search.
enum Event {
    /// Settle the node with its final label.
    Settle(Label, usize),
    /// Enumerate the node's omitted pairs. The label is the lowest
    /// distance they could give.
    Enumerate(Label, usize),
}

impl Search {
    pub fn new(context: &Context<'_>, node_count: usize) -> Self {
        Search {
            label: vec![UNREACHED; node_count],
            pred: vec![(NO_PRED, Step::Other); node_count],
            settled: vec![false; node_count],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            bound: i64::MAX,
            live: LiveMentors::new(context.allowed),
        }
    }

    fn reset(&mut self, context: &Context<'_>, bound: i64) {
        self.bound = bound;
        self.live.reset(context.allowed);
        for &node in &self.touched {
            let node = node as usize;
            self.label[node] = UNREACHED;
            self.pred[node] = (NO_PRED, Step::Other);
            self.settled[node] = false;
        }
        self.touched.clear();
        self.heap.clear();
    }

    fn offer(&mut self, node: usize, label: Label, pred: (u32, Step)) {
        if label < self.label[node] && !self.settled[node] && label.0 < self.bound {
            if self.label[node] == UNREACHED {
                self.touched.push(node as u32);
            }
            self.label[node] = label;
            self.pred[node] = pred;
            self.heap.push(Reverse((label, SETTLE, node as u32)));
        }
    }

    /// Pops the next event, skipping stale heap entries.
    fn pop(&mut self) -> Option<Event> {
        while let Some(Reverse((label, kind, node))) = self.heap.pop() {
            let node = node as usize;
            if kind == ENUMERATE {
                return Some(Event::Enumerate(label, node));
            }
            if !self.settled[node] && label == self.label[node] {
                self.settled[node] = true;
                return Some(Event::Settle(label, node));
            }
        }
        None
    }

    /// Relaxes the stored residual arcs leaving a settled node, and
    /// schedules the enumeration of its omitted pairs at the lowest
    /// distance they could reach.
    fn settle(&mut self, context: &Context<'_>, node: usize, label: Label) {
        if let Node::Mentor(mentor) = context.node(node) {
            self.live.remove(mentor as u32);
        }
        let (distance, tie_value, tie_position) = label;
        for arc in &context.arcs[context.first_out[node]..context.first_out[node + 1]] {
            let next = (distance.saturating_add(arc.reduced_cost), tie_value, tie_position);
            self.offer(arc.head as usize, next, (node as u32, arc.step));
        }
        let lowest = context.min_omitted[node];
        if lowest != i64::MAX && distance.saturating_add(lowest) < self.bound {
            let key = (distance.saturating_add(lowest), tie_value, tie_position);
            self.heap.push(Reverse((key, ENUMERATE, node as u32)));
        }
    }

    /// Relaxes the arcs of the omitted pairs leaving a settled mentee or
    /// profession sub-node.
    fn enumerate(&mut self, context: &Context<'_>, node: usize) {
        let (distance, tie_value, tie_position) = self.label[node];
        let (mentee, same) = match context.node(node) {
            Node::Mentee(mentee) => (mentee, false),
            Node::Profession(mentee) => (mentee, true),
            Node::Mentor(_) | Node::Terminal => return,
        };
        let live = &self.live;
        let mut relaxed = Vec::new();
        context.allowed.for_each_live(live, &context.scorer, mentee, |mentor, score, pair_same| {
            // Relaxing a stored pair again gives the same label, which
            // changes nothing. Matched pairs have no forward arc.
            if pair_same != same || context.network_matched(mentor as usize, mentee) {
                return;
            }
            let reduced = context.pair_reduced_cost(mentor as usize, mentee, score, same);
            relaxed.push((mentor, distance.saturating_add(reduced)));
        });
        for (mentor, distance) in relaxed {
            let head = context.layout.mentor_node(mentor);
            let next = (distance, tie_value, tie_position);
            self.offer(head, next, (node as u32, Step::Match(mentee as u32, mentor)));
        }
    }

    /// Collects the pairs on the path back from `node` to the search's
    /// start.
    fn path_steps(&self, node: usize, added: &mut Vec<(u32, u32)>, removed: &mut Vec<(u32, u32)>) {
        collect_path_steps(&self.pred, node, usize::MAX, added, removed);
    }

    /// Returns the cheapest cycle through any of the forced arcs `seeds`,
    /// which all leave the node `tail`: each seed is a mentor position with
    /// its pair's reduced cost and tie-break. Returns `None` when no cycle
    /// costs less than `bound`.
    ///
    /// The search starts at the seeds' mentors and stops when it settles
    /// `tail`, which it never leaves, so the cycle passes `tail` once.
    pub fn cheapest_into(
        &mut self,
        context: &Context<'_>,
        mentee: usize,
        tail: usize,
        seeds: &[(u32, i64, i64)],
        bound: i64,
    ) -> Option<ForcedCycle> {
        self.reset(context, bound);
        for &(mentor, reduced, value) in seeds {
            let node = context.layout.mentor_node(mentor);
            self.offer(node, (reduced, -value, mentor), (NO_PRED, Step::Other));
        }
        while let Some(event) = self.pop() {
            let (Event::Settle(label, node) | Event::Enumerate(label, node)) = event;
            // Labels only grow, so once `tail` has a label no larger than
            // the next event's, nothing can beat its distance. Stopping
            // then, rather than when `tail` itself is settled, skips the
            // often large set of nodes at the same distance.
            let reached = self.label[tail];
            if reached.0 <= label.0 {
                let mentor = reached.2;
                let mut added = vec![(mentee as u32, mentor)];
                let mut removed = Vec::new();
                self.path_steps(tail, &mut added, &mut removed);
                return Some(ForcedCycle {
                    mentee: mentee as u32,
                    mentor,
                    cost: reached.0,
                    added,
                    removed,
                });
            }
            match event {
                Event::Settle(..) => self.settle(context, node, label),
                Event::Enumerate(..) => self.enumerate(context, node),
            }
        }
        None
    }

    /// Returns the shortest-path tree from `root` over the whole residual
    /// network.
    pub fn distance_tree(&mut self, context: &Context<'_>, root: usize) -> DistanceTree {
        self.reset(context, i64::MAX);
        self.offer(root, (0, 0, 0), (NO_PRED, Step::Other));
        while let Some(event) = self.pop() {
            match event {
                Event::Settle(label, node) => self.settle(context, node, label),
                Event::Enumerate(_, node) => self.enumerate(context, node),
            }
        }
        DistanceTree {
            distance: self.label.iter().map(|label| label.0).collect(),
            pred: self.pred.clone(),
        }
    }

    /// Returns the cheapest cycle through a forced arc into `mentor` from
    /// any eligible mentee it is not matched with.
    ///
    /// The search starts at the mentor. When it settles a mentee (or a
    /// profession sub-node) whose pair with the mentor is allowed and
    /// unmatched, the pair's arc closes a cycle. Every arc's reduced cost
    /// is at least 0, so the search can stop once the settled distance
    /// passes the cheapest cycle found. Returns `None` when no cycle costs
    /// less than `bound`.
    ///
    /// The cycles considered leave the mentor by unmatching one of its
    /// mentees: the caller covers those through the sink with a
    /// [`DistanceTree`] from the sink.
    pub fn cheapest_from_mentor(
        &mut self,
        context: &Context<'_>,
        mentor: usize,
        bound: i64,
    ) -> Option<ForcedCycle> {
        self.reset(context, bound);
        let start = context.layout.mentor_node(mentor as u32);
        self.label[start] = (0, 0, 0);
        self.settled[start] = true;
        self.touched.push(start as u32);
        self.live.remove(mentor as u32);
        for arc in &context.arcs[context.first_out[start]..context.first_out[start + 1]] {
            if let Step::Unmatch(..) = arc.step {
                self.offer(arc.head as usize, (arc.reduced_cost, 0, 0), (start as u32, arc.step));
            }
        }
        let mut best: Option<(Label, usize, u32)> = None;
        while let Some(event) = self.pop() {
            let (label, node) = match event {
                Event::Settle(label, node) | Event::Enumerate(label, node) => (label, node),
            };
            // Every later cycle costs at least the next event's distance, so
            // a cycle found at that cost is as cheap as any.
            if best.is_some_and(|(best_label, _, _)| label.0 >= best_label.0) {
                break;
            }
            if let Event::Enumerate(..) = event {
                self.enumerate(context, node);
                continue;
            }
            let (mentee, same) = match context.node(node) {
                Node::Mentee(mentee) => (mentee, false),
                Node::Profession(mentee) => (mentee, true),
                Node::Mentor(_) | Node::Terminal => (usize::MAX, false),
            };
            if mentee != usize::MAX
                && context.scorer.same_profession(mentor, mentee) == same
                && context
                    .allowed
                    .constraint(&context.scorer, mentor, mentee, Role::Mentor)
                    .is_none()
                && !context.network_matched(mentor, mentee)
                && let Some(score) = context.scorer.score_total(mentor, mentee)
            {
                let reduced = context.pair_reduced_cost(mentor, mentee, score, same);
                let value = context.standalone_value(score, same);
                let closed = (label.0 + reduced, -value, mentee as u32);
                if closed.0 < bound && best.is_none_or(|(best_label, _, _)| closed < best_label) {
                    best = Some((closed, node, mentee as u32));
                }
            }
            self.settle(context, node, label);
        }
        let ((cost, _, _), node, mentee) = best?;
        let mut added = vec![(mentee, mentor as u32)];
        let mut removed = Vec::new();
        self.path_steps(node, &mut added, &mut removed);
        Some(ForcedCycle { mentee, mentor: mentor as u32, cost, added, removed })
    }
}
