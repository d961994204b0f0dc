//! Primal network simplex for the any-value min-cost flow of [`crate::flow`].
//!
//! # Formulation
//!
//! The any-value problem is a min-cost circulation with an extra *return
//! arc* `t -> s` of cost 0, whose capacity (the capacity leaving `s`, plus
//! one) is never reached. An artificial root node has an arc of cost 0 and
//! unbounded capacity to every node. The root has no entering arc and no
//! supply, so these arcs never carry flow and the optimum is that of the
//! problem. They only make every spanning tree of the basis possible.
//!
//! # Initial basis
//!
//! The zero flow with the shortest-path tree from the root: a node's tree
//! arc is the last arc of a shortest path, or its artificial arc when no
//! path is shorter than 0. The potentials are the distances, so every arc
//! except the return arc starts with a non-negative reduced cost and the
//! first pivot sends flow along a cheapest `s`-`t` path. Measured on
//! generated rosters of 500 to 2,000 a side, this start needs 30 to 45 %
//! fewer pivots and instructions than a start from the artificial arcs
//! alone.
//!
//! # Pivots
//!
//! Block search pricing: the arcs are scanned in blocks of [`BLOCK_SIZE`],
//! each pivot continuing where the last one stopped, and the most negative
//! reduced cost of the first block with one enters. The scan visits the arcs
//! in a fixed permutation that steps by about 0.618 times their number, so
//! that a block samples the whole network and not the candidates of a few
//! mentees. Leaving arcs follow the strongly feasible tree rule, which rules
//! out cycling (see [`Simplex::pivot`]). After a pivot, the subtree cut off
//! by the leaving arc is re-rooted and hung from the entering arc, and its
//! potentials shift by one amount.
//!
//! # Bounds
//!
//! Potentials are costs of tree paths from the root (whose artificial arcs
//! cost 0), so they stay within `(n - 1) C` in absolute value for `n` nodes
//! and largest absolute arc cost `C`, and reduced costs within `2 n C`. No
//! cost is scaled.
//!
//! # Complexity
//!
//! Each pivot costs one or more blocks of pricing plus the length of the
//! cycle and the size of the moved subtree. The number of pivots has no
//! useful polynomial bound, but on generated rosters it is about 6 to 11
//! per unit of flow. Bellman-Ford builds the initial basis in two passes
//! over the arcs when they are listed in a topological order of nodes, as
//! in the matcher's network.

use crate::flow::{FlowError, FlowProblem, FlowSolution};

/// Arcs scanned per pricing block, chosen by callgrind instruction counts
/// on generated rosters of 500, 2,000 and 10,000 a side under both
/// priorities. Blocks of 150 to 256 arcs gave similar counts at 500 and
/// 2,000 a side. At 10,000, 200 gave the lowest, and 150, 256 and 337
/// (0.4 times the square root of the arc count) cost 3 to 34 % more.
const BLOCK_SIZE: usize = 200;

/// Arc states. A non-basic arc sits at a bound, and its state is the sign
/// of the flow change it would make on entering the basis.
const AT_LOWER: i8 = 1;
const AT_UPPER: i8 = -1;
const BASIC: i8 = 0;

const INFINITE: i64 = i64::MAX;
const NONE: usize = usize::MAX;

/// The network simplex state. Arcs are numbered like the problem's, then
/// the return arc, then the artificial arc of each node `v`, from the root
/// to `v`.
struct Simplex {
    tail: Vec<u32>,
    head: Vec<u32>,
    cost: Vec<i64>,
    capacity: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,

    /// Pricing's copy of the problem arcs and the return arc, in scan
    /// order. A non-basic arc is stored in the direction in which its flow
    /// can change, with the cost of that direction, so its reduced cost
    /// there is negative exactly when it may enter. A basic arc has
    /// reduced cost 0 in both directions.
    scan_tail: Vec<u32>,
    scan_head: Vec<u32>,
    scan_cost: Vec<i64>,
    /// Arc at each scan position, and scan position of each priced arc.
    scan_arc: Vec<u32>,
    scan_position: Vec<u32>,
    next_scan: usize,

    /// Spanning tree rooted at the artificial node.
    parent: Vec<u32>,
    parent_arc: Vec<u32>,
    /// `true` when the parent arc points from the node to its parent.
    upward: Vec<bool>,
    depth: Vec<u32>,
    /// Preorder successor of each node, in a cyclic list through the root.
    thread: Vec<u32>,
    previous: Vec<u32>,
    /// Node potentials, padded with zeros to a power-of-two length for the
    /// pricing loop.
    potential: Vec<i64>,

    pivots: usize,
    /// Nodes of the subtree being moved, in their new preorder.
    order: Vec<u32>,
}

/// Solves one connected problem from [`crate::flow::solve`]: the arcs must
/// be valid.
pub(crate) fn solve_connected(problem: &FlowProblem) -> Result<FlowSolution, FlowError> {
    let mut simplex = Simplex::new(problem)?;
    while let Some(entering) = simplex.find_entering_arc() {
        simplex.pivot(entering);
    }
    Ok(simplex.into_solution(problem))
}

impl Simplex {
    fn new(problem: &FlowProblem) -> Result<Self, FlowError> {
        let (distance, tree_arc) = distances_from_root(problem)?;
        let n = problem.node_count;
        let m = problem.arcs.len();
        let root = n as u32;
        let return_arc = m;
        let total = m + 1 + n;

        let mut tail = Vec::with_capacity(total);
        let mut head = Vec::with_capacity(total);
        let mut cost = Vec::with_capacity(total);
        let mut capacity = Vec::with_capacity(total);
        for arc in &problem.arcs {
            tail.push(arc.tail);
            head.push(arc.head);
            cost.push(arc.cost);
            capacity.push(arc.capacity);
        }
        let out_of_source = problem
            .arcs
            .iter()
            .filter(|arc| arc.tail == problem.source)
            .fold(0i64, |sum, arc| sum.saturating_add(arc.capacity));
        tail.push(problem.sink);
        head.push(problem.source);
        cost.push(0);
        capacity.push(if problem.source == problem.sink {
            0
        } else {
            out_of_source.saturating_add(1)
        });
        for v in 0..n {
            tail.push(root);
            head.push(v as u32);
            cost.push(0);
            capacity.push(INFINITE);
        }

        // The shortest-path tree, with its arcs pointing away from the
        // root and carrying no flow: strongly feasible.
        let mut state = vec![AT_LOWER; m + 1];
        state.resize(total, AT_LOWER);
        let mut parent = vec![root; n + 1];
        let mut parent_arc: Vec<u32> = (0..n).map(|v| (m + 1 + v) as u32).collect();
        parent_arc.push(u32::MAX);
        for v in 0..n {
            if tree_arc[v] == u32::MAX {
                state[m + 1 + v] = BASIC;
            } else {
                parent[v] = problem.arcs[tree_arc[v] as usize].tail;
                parent_arc[v] = tree_arc[v];
                state[tree_arc[v] as usize] = BASIC;
            }
        }
        let (thread, previous, depth) = preorder(&parent, n);
        let mut potential = distance;
        potential.push(0);
        potential.resize((n + 1).next_power_of_two(), 0);

        let scan_arc = scan_order(return_arc + 1);
        let mut scan_position = vec![0u32; return_arc + 1];
        for (position, &arc) in scan_arc.iter().enumerate() {
            scan_position[arc as usize] = position as u32;
        }
        let scan_tail = scan_arc.iter().map(|&arc| tail[arc as usize]).collect();
        let scan_head = scan_arc.iter().map(|&arc| head[arc as usize]).collect();
        let scan_cost = scan_arc.iter().map(|&arc| cost[arc as usize]).collect();

        Ok(Simplex {
            tail,
            head,
            cost,
            capacity,
            flow: vec![0; total],
            state,
            scan_tail,
            scan_head,
            scan_cost,
            scan_arc,
            scan_position,
            next_scan: 0,
            parent,
            parent_arc,
            upward: vec![false; n + 1],
            depth,
            thread,
            previous,
            potential,
            pivots: 0,
            order: Vec::new(),
        })
    }

    fn reduced_cost(&self, arc: usize) -> i64 {
        self.cost[arc] + self.potential[self.tail[arc] as usize]
            - self.potential[self.head[arc] as usize]
    }

    /// Returns the arc of most negative reduced cost in the first block,
    /// from where the last search stopped, that has one, or `None` when a
    /// full round finds none: the flow is then optimal.
    fn find_entering_arc(&mut self) -> Option<usize> {
        let count = self.scan_arc.len();
        let mut start = self.next_scan;
        let mut scanned = 0;
        while scanned < count {
            let end = (start + BLOCK_SIZE).min(count);
            let (best, offset) = most_violating(
                &self.scan_tail[start..end],
                &self.scan_head[start..end],
                &self.scan_cost[start..end],
                &self.potential,
            );
            scanned += end - start;
            let next = if end == count { 0 } else { end };
            if best < 0 {
                self.next_scan = next;
                return Some(self.scan_arc[start + offset] as usize);
            }
            start = next;
        }
        None
    }

    /// Sends flow round the cycle that `entering` closes in the tree and
    /// exchanges the entering arc with the leaving one.
    fn pivot(&mut self, entering: usize) {
        self.pivots += 1;
        // Flow moves from `first` through the entering arc to `second`, up
        // the tree to the join node and back down to `first`.
        let (first, second) = if self.state[entering] == AT_LOWER {
            (self.tail[entering] as usize, self.head[entering] as usize)
        } else {
            (self.head[entering] as usize, self.tail[entering] as usize)
        };

        // Leaving arc: the first arc of minimum residual capacity met when
        // going round the cycle in the flow's direction from the join.
        // Every zero-flow tree arc then points away from the root and every
        // full one towards it, so the root can send flow to every node
        // along the tree. This keeps the tree strongly feasible, which
        // rules out cycling through degenerate pivots: each one lowers the
        // sum of the potentials. Walking up from `first` meets that side in
        // reverse order, so ties go to the later arc there (`<=`) and to
        // the earlier one on the side of `second` (`<`). Both walks climb
        // by depth and meet at the join.
        let (mut first_min, mut first_node) = (INFINITE, NONE);
        let (mut second_min, mut second_node) = (INFINITE, NONE);
        let (mut a, mut b) = (first, second);
        while a != b {
            let (depth_a, depth_b) = (self.depth[a], self.depth[b]);
            if depth_a >= depth_b {
                let arc = self.parent_arc[a] as usize;
                let residual = if self.upward[a] {
                    self.flow[arc]
                } else {
                    self.capacity[arc] - self.flow[arc]
                };
                if residual <= first_min {
                    first_min = residual;
                    first_node = a;
                }
                a = self.parent[a] as usize;
            }
            if depth_b >= depth_a {
                let arc = self.parent_arc[b] as usize;
                let residual = if self.upward[b] {
                    self.capacity[arc] - self.flow[arc]
                } else {
                    self.flow[arc]
                };
                if residual < second_min {
                    second_min = residual;
                    second_node = b;
                }
                b = self.parent[b] as usize;
            }
        }
        let join = a;
        let entering_capacity = self.capacity[entering];
        let (delta, leaving_node, leaving_on_first) =
            if first_min <= entering_capacity && first_min <= second_min {
                (first_min, first_node, true)
            } else if entering_capacity <= second_min {
                (entering_capacity, NONE, false)
            } else {
                (second_min, second_node, false)
            };

        if delta > 0 {
            self.flow[entering] += i64::from(self.state[entering]) * delta;
            let mut v = first;
            while v != join {
                let arc = self.parent_arc[v] as usize;
                if self.upward[v] {
                    self.flow[arc] -= delta;
                } else {
                    self.flow[arc] += delta;
                }
                v = self.parent[v] as usize;
            }
            let mut v = second;
            while v != join {
                let arc = self.parent_arc[v] as usize;
                if self.upward[v] {
                    self.flow[arc] += delta;
                } else {
                    self.flow[arc] -= delta;
                }
                v = self.parent[v] as usize;
            }
        }

        if leaving_node == NONE {
            // The entering arc blocks itself: it moves to its other bound.
            self.set_state(entering, -self.state[entering]);
            return;
        }
        let leaving = self.parent_arc[leaving_node] as usize;
        self.set_state(leaving, if self.flow[leaving] == 0 { AT_LOWER } else { AT_UPPER });
        self.state[entering] = BASIC;
        let (moved_root, new_parent) =
            if leaving_on_first { (first, second) } else { (second, first) };
        self.rehang(entering, moved_root, new_parent, leaving_node);
    }

    /// Sets a non-basic arc's state and, for a priced arc, the direction
    /// in which pricing scans it.
    fn set_state(&mut self, arc: usize, state: i8) {
        self.state[arc] = state;
        let Some(&position) = self.scan_position.get(arc) else {
            return;
        };
        let position = position as usize;
        let (tail, head, cost) = (self.tail[arc], self.head[arc], self.cost[arc]);
        if state == AT_UPPER {
            self.scan_tail[position] = head;
            self.scan_head[position] = tail;
            self.scan_cost[position] = -cost;
        } else {
            self.scan_tail[position] = tail;
            self.scan_head[position] = head;
            self.scan_cost[position] = cost;
        }
    }

    /// Cuts the subtree below `cut` (the child end of the leaving arc),
    /// re-roots it at `moved_root` and hangs it from `new_parent` by the
    /// entering arc. Potentials in the subtree shift by the amount that
    /// gives the entering arc a reduced cost of 0.
    ///
    /// The new preorder of the subtree is built from the old thread. With
    /// `x_0 = moved_root, ..., x_k = cut` the tree path, it lists for each
    /// `i` the old subtree of `x_i` without that of `x_{i-1}`. Costs
    /// `O(size of the subtree)`, like the potential update it includes.
    fn rehang(&mut self, entering: usize, moved_root: usize, new_parent: usize, cut: usize) {
        let shift = if self.tail[entering] as usize == moved_root {
            -self.reduced_cost(entering)
        } else {
            self.reduced_cost(entering)
        };

        self.order.clear();
        let base_depth = self.depth[new_parent] + 1;
        let mut previous_top = NONE;
        let mut previous_end = NONE;
        let mut top = moved_root;
        let mut level = 0u32;
        loop {
            let old_top_depth = self.depth[top];
            let new_top_depth = base_depth + level;
            // Walk the old subtree of `top`, skipping the block of
            // `previous_top`, whose nodes are already listed.
            let mut v = top;
            let mut end;
            loop {
                if v == previous_top {
                    end = previous_end;
                    v = self.thread[previous_end] as usize;
                } else {
                    self.order.push(v as u32);
                    self.depth[v] = self.depth[v] - old_top_depth + new_top_depth;
                    self.potential[v] += shift;
                    end = v;
                    v = self.thread[v] as usize;
                }
                // Preorder leaves a subtree at the first node that is no
                // deeper than its top.
                if v != previous_top && self.depth[v] <= old_top_depth {
                    break;
                }
            }
            if top == cut {
                previous_end = end;
                break;
            }
            previous_top = top;
            previous_end = end;
            top = self.parent[top] as usize;
            level += 1;
        }

        // Reverse the parent pointers along the path, then attach.
        let mut child = moved_root;
        let mut child_arc = entering;
        let mut child_up = self.tail[entering] as usize == moved_root;
        let mut parent = new_parent;
        loop {
            let old_parent = self.parent[child] as usize;
            let old_arc = self.parent_arc[child] as usize;
            let old_up = self.upward[child];
            self.parent[child] = parent as u32;
            self.parent_arc[child] = child_arc as u32;
            self.upward[child] = child_up;
            if child == cut {
                break;
            }
            parent = child;
            child = old_parent;
            child_arc = old_arc;
            child_up = !old_up;
        }

        // Unlink the old block [cut .. previous_end] and insert the new
        // order right after the new parent.
        let before = self.previous[cut] as usize;
        let after = self.thread[previous_end] as usize;
        self.thread[before] = after as u32;
        self.previous[after] = before as u32;
        let next = self.thread[new_parent];
        let mut last = new_parent as u32;
        for &v in &self.order {
            self.thread[last as usize] = v;
            self.previous[v as usize] = last;
            last = v;
        }
        self.thread[last as usize] = next;
        self.previous[next as usize] = last;
    }

    fn into_solution(self, problem: &FlowProblem) -> FlowSolution {
        let m = problem.arcs.len();
        let mut flow = self.flow;
        let value = flow[m];
        flow.truncate(m);
        let cost = problem.arcs.iter().zip(&flow).map(|(arc, f)| arc.cost * f).sum();
        let mut potentials = self.potential;
        potentials.truncate(problem.node_count);
        FlowSolution { flow, cost, value, potentials, pivots: self.pivots }
    }
}

/// Returns the thread (preorder successors, cyclic through the root
/// `n`), its reverse and the depths of the tree given by `parent`.
fn preorder(parent: &[u32], n: usize) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let root = n;
    let mut first_child = vec![u32::MAX; n + 1];
    let mut next_sibling = vec![u32::MAX; n + 1];
    for v in (0..n).rev() {
        let p = parent[v] as usize;
        next_sibling[v] = first_child[p];
        first_child[p] = v as u32;
    }
    let mut thread = vec![root as u32; n + 1];
    let mut previous = vec![root as u32; n + 1];
    let mut depth = vec![0u32; n + 1];
    let mut last = root;
    let mut stack = vec![root as u32];
    while let Some(v) = stack.pop() {
        let v = v as usize;
        if v != root {
            depth[v] = depth[parent[v] as usize] + 1;
            thread[last] = v as u32;
            previous[v] = last as u32;
            last = v;
        }
        let mark = stack.len();
        let mut child = first_child[v];
        while child != u32::MAX {
            stack.push(child);
            child = next_sibling[child as usize];
        }
        stack[mark..].reverse();
    }
    thread[last] = root as u32;
    previous[root] = last as u32;
    (thread, previous, depth)
}

/// Returns the arcs `0..count` in pricing's scan order: from arc 0, steps
/// of the integer nearest `0.618 count` that is coprime with `count`, so
/// every arc comes once and consecutive positions lie far apart.
fn scan_order(count: usize) -> Vec<u32> {
    let mut step = ((count as f64) * 0.618_034).round().max(1.0) as usize;
    while greatest_common_divisor(step, count) != 1 {
        step += 1;
    }
    let mut order = Vec::with_capacity(count);
    let mut arc = 0;
    for _ in 0..count {
        order.push(arc as u32);
        arc = (arc + step) % count;
    }
    order
}

fn greatest_common_divisor(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Returns each node's shortest distance from the root, which reaches
/// every node directly at cost 0, and the last arc of a shortest path
/// (`u32::MAX` for the direct one). Bellman-Ford over the arcs with
/// capacity, which needs one pass and a confirming one when arcs are
/// listed in a topological order of nodes.
fn distances_from_root(problem: &FlowProblem) -> Result<(Vec<i64>, Vec<u32>), FlowError> {
    let n = problem.node_count;
    let mut distance = vec![0i64; n];
    let mut tree_arc = vec![u32::MAX; n];
    for _pass in 0..=n {
        let mut changed = false;
        for (index, arc) in problem.arcs.iter().enumerate() {
            if arc.capacity > 0 {
                let candidate = distance[arc.tail as usize] + arc.cost;
                if candidate < distance[arc.head as usize] {
                    distance[arc.head as usize] = candidate;
                    tree_arc[arc.head as usize] = index as u32;
                    changed = true;
                }
            }
        }
        if !changed {
            return Ok((distance, tree_arc));
        }
    }
    Err(FlowError::NegativeCycle)
}

/// Returns the most negative reduced cost among the given arcs (0 when
/// none is negative) and its position.
///
/// `potential.len()` is a power of two above every node number, so masking
/// a node number leaves it unchanged and lets the compiler drop the bounds
/// checks from this loop, which is most of the solver's work.
#[inline(never)]
fn most_violating(tail: &[u32], head: &[u32], cost: &[i64], potential: &[i64]) -> (i64, usize) {
    let mask = potential.len() - 1;
    let potential = &potential[..=mask];
    let len = tail.len();
    let (head, cost) = (&head[..len], &cost[..len]);
    let mut best = 0i64;
    let mut best_offset = 0;
    for i in 0..len {
        let reduced =
            cost[i] + potential[tail[i] as usize & mask] - potential[head[i] as usize & mask];
        if reduced < best {
            best = reduced;
            best_offset = i;
        }
    }
    (best, best_offset)
}
