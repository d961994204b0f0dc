//! A small seeded pseudo-random generator and weighted sampling.
//!
//! The generator is written here rather than taken from a crate so that the
//! synthetic data for a seed stays byte-for-byte the same across dependency
//! upgrades. Sampling uses integer weights only, so it is also the same on
//! every platform.

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): a 64-bit state advanced by a fixed odd
/// increment and mixed by two multiply-xorshift rounds.
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Returns a value in `0..bound` (`bound` must be positive).
    ///
    /// Uses the high half of a 128-bit product (Lemire's method without the
    /// rejection step), whose bias is below `bound / 2^64` and irrelevant
    /// for test data.
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// Returns an index in `0..len` (`len` must be positive).
    pub(crate) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Returns true with probability `percent / 100`.
    pub(crate) fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A discrete distribution over `0..weights.len()`.
pub(crate) struct Weighted {
    /// Running totals of the weights.
    cumulative: Vec<u64>,
}

impl Weighted {
    /// Creates a distribution; the weights must not all be zero.
    pub(crate) fn new(weights: &[u64]) -> Self {
        let cumulative = weights
            .iter()
            .scan(0u64, |total, &weight| {
                *total += weight;
                Some(*total)
            })
            .collect();
        Weighted { cumulative }
    }

    /// Creates a Zipf-like distribution over `len` ranks: rank `r` (from 1)
    /// has weight proportional to `1 / r`.
    pub(crate) fn zipf(len: usize) -> Self {
        let weights: Vec<u64> = (1..=len as u64).map(|rank| 1_000_000 / rank).collect();
        Weighted::new(&weights)
    }

    pub(crate) fn sample(&self, rng: &mut SplitMix64) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let point = rng.below(total.max(1));
        self.cumulative.partition_point(|&running| running <= point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // The widely published first outputs of SplitMix64 for seed 0, which
        // also seed xoshiro256** generators in many libraries.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn weighted_never_picks_zero_weight() {
        let table = Weighted::new(&[0, 5, 0, 5, 0]);
        let mut rng = SplitMix64::new(7);
        for _ in 0..10_000 {
            let picked = table.sample(&mut rng);
            assert!(picked == 1 || picked == 3, "picked {picked}");
        }
    }

    #[test]
    fn zipf_favours_low_ranks() {
        let table = Weighted::zipf(10);
        let mut rng = SplitMix64::new(1);
        let mut counts = [0usize; 10];
        for _ in 0..100_000 {
            counts[table.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > 2 * counts[2], "{counts:?}");
        assert!(counts[2] > counts[9], "{counts:?}");
    }
}
