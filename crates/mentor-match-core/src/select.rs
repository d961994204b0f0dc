//! Streaming selection of the best items of each class.

/// Keeps the `limit` items of each class with the smallest keys while
/// items arrive, then merges the classes round-robin into at most `limit`
/// items.
///
/// Each class buffers up to `2 * limit` items and cuts itself back to the
/// best `limit` with a linear-time selection when full. After a cut, an
/// item no better than the worst one kept is rejected with one comparison,
/// which is the fate of almost every item of a large class. Memory stays
/// proportional to `classes * limit` and each item costs amortised O(1).
/// The buffers are reused across calls to [`BestPerClass::finish`].
#[derive(Debug, Clone)]
pub(crate) struct BestPerClass<T> {
    limit: usize,
    groups: Vec<Group<T>>,
}

#[derive(Debug, Clone)]
struct Group<T> {
    items: Vec<(u128, T)>,
    /// Largest key kept by the last cut: a later item must beat it.
    threshold: u128,
}

impl<T> BestPerClass<T> {
    pub fn new(classes: usize, limit: usize) -> Self {
        let groups =
            (0..classes).map(|_| Group { items: Vec::new(), threshold: u128::MAX }).collect();
        BestPerClass { limit, groups }
    }

    /// Adds an item to a class. Keys must be distinct within a class for
    /// the selection to be independent of the order of arrival.
    #[inline]
    pub fn push(&mut self, class: usize, key: u128, item: T) {
        let group = &mut self.groups[class];
        if key >= group.threshold {
            return;
        }
        group.items.push((key, item));
        if group.items.len() >= 2 * self.limit.max(1) {
            group.cut(self.limit);
        }
    }

    /// Appends to `out` the best `limit` items in all, taking the best of
    /// each class in turn so that every class gets an even share and a
    /// class with fewer items leaves its share to the others. Empties every
    /// class.
    pub fn finish(&mut self, out: &mut Vec<T>) {
        for group in &mut self.groups {
            group.cut(self.limit);
            // Worst first, so that `pop` yields the best.
            group.items.sort_unstable_by_key(|item| std::cmp::Reverse(item.0));
        }
        let mut taken = 0;
        while taken < self.limit {
            let before = taken;
            for group in &mut self.groups {
                if taken == self.limit {
                    break;
                }
                if let Some((_, item)) = group.items.pop() {
                    out.push(item);
                    taken += 1;
                }
            }
            if taken == before {
                break;
            }
        }
        for group in &mut self.groups {
            group.items.clear();
            group.threshold = u128::MAX;
        }
    }
}

impl<T> Group<T> {
    /// Cuts the group to its `limit` smallest keys, in any order.
    fn cut(&mut self, limit: usize) {
        if self.items.len() <= limit {
            return;
        }
        if limit == 0 {
            self.items.clear();
            self.threshold = 0;
            return;
        }
        let (_, worst_kept, _) = self.items.select_nth_unstable_by_key(limit - 1, |item| item.0);
        self.threshold = worst_kept.0;
        self.items.truncate(limit);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::BestPerClass;

    /// Selects without streaming: sorts each class, then merges round-robin.
    fn reference(items: &[(usize, u32)], classes: usize, limit: usize) -> Vec<u32> {
        let mut groups: Vec<Vec<u32>> = vec![Vec::new(); classes];
        for &(class, key) in items {
            groups[class].push(key);
        }
        groups.iter_mut().for_each(|g| g.sort_unstable());
        let mut out = Vec::new();
        let mut depth = 0;
        while out.len() < limit && groups.iter().any(|g| g.len() > depth) {
            for g in &groups {
                if out.len() < limit && depth < g.len() {
                    out.push(g[depth]);
                }
            }
            depth += 1;
        }
        out.sort_unstable();
        out
    }

    proptest! {
        #[test]
        fn matches_sorting_every_class(
            keys in prop::collection::hash_set(any::<u32>(), 0..300),
            classes in 1usize..5,
            limit in 0usize..40,
            seed in any::<u64>(),
        ) {
            let items: Vec<(usize, u32)> = keys
                .into_iter()
                .map(|key| ((u64::from(key) ^ seed) as usize % classes, key))
                .collect();
            let mut best = BestPerClass::new(classes, limit);
            let mut out = Vec::new();
            for _ in 0..2 {
                for &(class, key) in &items {
                    best.push(class, u128::from(key), key);
                }
                out.clear();
                best.finish(&mut out);
                out.sort_unstable();
                prop_assert_eq!(&out, &reference(&items, classes, limit));
            }
        }
    }
}
