//! Helpers shared by the unit tests: a tiny deterministic random generator for fuzz-style tests.

/// A linear congruential generator: the same seed gives the same inputs on every run.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    /// The next number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n.max(1)
    }

    /// A string of up to `max` fragments drawn from `pieces`.
    pub fn text(&mut self, pieces: &[&str], max: usize) -> String {
        let n = self.below(max);
        (0..n).map(|_| pieces[self.below(pieces.len())]).collect()
    }
}
