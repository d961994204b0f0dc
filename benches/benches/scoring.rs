//! Scoring and whole-match benchmarks on synthetic programmes.
//!
//! `scoring` times `Matcher::new` (compile the roster, score every allowed
//! pair) and reports throughput in mentor/mentee pairs decided per second,
//! counting every pair of the two sides, allowed or not. `match` times the
//! whole in-memory match, scoring and solving.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mentor_match_core::{Matcher, match_roster};
use mentor_match_io::synthetic::{SyntheticSpec, generate};
use mentor_match_model::{Exclusions, Priority, RuleConfig};

fn scoring(c: &mut Criterion) {
    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    let rules = RuleConfig::default();
    let exclusions = Exclusions::new();
    for size in [500usize, 2_000, 10_000] {
        let roster = generate(&SyntheticSpec { mentors: size, mentees: size, seed: 1 });
        group.throughput(Throughput::Elements((size * size) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &roster, |b, roster| {
            b.iter(|| {
                Matcher::new(roster, &rules, &exclusions)
                    .expect("valid roster")
                    .allowed_pair_count()
            })
        });
    }
    group.finish();
}

fn whole_match(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    group.sample_size(10);
    let exclusions = Exclusions::new();
    let roster = generate(&SyntheticSpec { mentors: 500, mentees: 500, seed: 1 });
    for priority in [Priority::BestMatches, Priority::MostMentees] {
        let rules = RuleConfig { priority, ..RuleConfig::default() };
        group.bench_function(BenchmarkId::new(priority.as_str(), 500), |b| {
            b.iter(|| match_roster(&roster, &rules, &exclusions).expect("valid roster").total_score)
        });
    }
    group.finish();
}

criterion_group!(benches, scoring, whole_match);
criterion_main!(benches);
