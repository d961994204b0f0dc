//! Rules and participants compiled into flat per-participant attribute arrays.

use std::collections::HashMap;

use mentor_match_model::{
    ColumnEffect, Interner, MAX_CAPACITY, Participant, ParticipantId, Role, Roster, RuleConfig,
    comparison_key,
};

use crate::MatchError;
use crate::rules::CustomRules;

/// One side of the roster in canonical order (sorted by participant id), so
/// that everything built from it is independent of the input row order.
#[derive(Debug, Clone)]
pub(crate) struct CompiledSide {
    /// Roster index of the participant at each canonical position.
    pub roster_index: Vec<usize>,
    /// Participant id at each canonical position.
    pub ids: Vec<ParticipantId>,
    /// Grade rank ([`RuleConfig::grade_rank`]).
    pub grade: Vec<i32>,
    /// Interned organisation.
    pub organisation: Vec<u32>,
    /// Interned profession.
    pub profession: Vec<u32>,
    /// Characteristic bitsets, `words` `u64`s per participant.
    pub characteristics: Vec<u64>,
    /// Whether the (mentee) participant asked for a shared characteristic.
    pub wants_similar: Vec<bool>,
    /// Maximum number of matches left after the pinned pairs.
    pub capacity: Vec<u32>,
    /// Number of pinned pairs.
    pub pinned: Vec<u32>,
    /// Number of pinned pairs with the same profession (mentees only).
    pub pinned_same_profession: Vec<u32>,
}

impl CompiledSide {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Sorted, deduplicated value ids of each participant of one side, in
/// compressed sparse row form.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueLists {
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl ValueLists {
    fn push(&mut self, mut ids: Vec<u32>) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        ids.sort_unstable();
        ids.dedup();
        self.ids.extend(ids);
        self.offsets.push(self.ids.len() as u32);
    }

    #[inline]
    fn get(&self, position: usize) -> &[u32] {
        &self.ids[self.offsets[position] as usize..self.offsets[position + 1] as usize]
    }
}

/// A column rule with both sides' values interned.
#[derive(Debug, Clone)]
pub(crate) struct CompiledColumnRule {
    pub effect: ColumnEffect,
    pub mentors: ValueLists,
    pub mentees: ValueLists,
}

impl CompiledColumnRule {
    /// Returns `true` when the two participants share a value.
    #[inline]
    pub fn shares(&self, mentor: usize, mentee: usize) -> bool {
        let (a, b) = (self.mentors.get(mentor), self.mentees.get(mentee));
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// Both sides compiled against one set of interners.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRoster {
    pub mentors: CompiledSide,
    pub mentees: CompiledSide,
    /// Number of `u64` words in each characteristic bitset.
    pub words: usize,
    /// The configured column rules, in configuration order.
    pub column_rules: Vec<CompiledColumnRule>,
    /// Custom rules from the library API.
    pub custom: CustomRules,
    /// Pinned pairs as (mentor, mentee) positions, sorted.
    pub pinned_pairs: Vec<(u32, u32)>,
}

struct Interners {
    organisations: Interner,
    professions: Interner,
    characteristics: Interner,
}

impl CompiledRoster {
    /// Compiles a roster.
    ///
    /// # Errors
    ///
    /// [`MatchError::UnknownGrade`] for the first participant (in canonical
    /// order, mentors first) whose grade is not on the ladder, and
    /// [`MatchError::CapacityOutOfRange`] for one whose maximum number of
    /// matches is above [`MAX_CAPACITY`].
    pub fn new(
        roster: &Roster,
        rules: &RuleConfig,
        custom_rules: &[std::sync::Arc<dyn crate::PairRule>],
    ) -> Result<Self, MatchError> {
        let mentor_order = canonical_order(roster.mentors());
        let mentee_order = canonical_order(roster.mentees());

        // Interning in canonical order makes the ids independent of row order.
        let mut interners = Interners {
            organisations: Interner::new(),
            professions: Interner::new(),
            characteristics: Interner::new(),
        };
        for (side, order) in [(roster.mentors(), &mentor_order), (roster.mentees(), &mentee_order)]
        {
            for &index in order {
                for characteristic in &side[index].characteristics {
                    if !characteristic.trim().is_empty() {
                        interners.characteristics.intern(characteristic);
                    }
                }
            }
        }
        let words = interners.characteristics.len().div_ceil(64).max(1);

        let mentors = compile_side(
            Role::Mentor,
            roster.mentors(),
            mentor_order,
            rules,
            words,
            &mut interners,
        )?;
        let mentees = compile_side(
            Role::Mentee,
            roster.mentees(),
            mentee_order,
            rules,
            words,
            &mut interners,
        )?;
        let column_rules = compile_column_rules(roster, rules, &mentors, &mentees)?;
        let custom = CustomRules {
            rules: custom_rules.to_vec(),
            mentors: if custom_rules.is_empty() {
                Vec::new()
            } else {
                mentors.roster_index.iter().map(|&i| roster.mentors()[i].clone()).collect()
            },
            mentees: if custom_rules.is_empty() {
                Vec::new()
            } else {
                mentees.roster_index.iter().map(|&i| roster.mentees()[i].clone()).collect()
            },
        };
        Ok(CompiledRoster {
            mentors,
            mentees,
            words,
            column_rules,
            custom,
            pinned_pairs: Vec::new(),
        })
    }

    /// Returns `true` when the two bitsets share a characteristic.
    #[inline]
    pub fn shares_characteristic(&self, mentor: usize, mentee: usize) -> bool {
        let a = &self.mentors.characteristics[mentor * self.words..(mentor + 1) * self.words];
        let b = &self.mentees.characteristics[mentee * self.words..(mentee + 1) * self.words];
        a.iter().zip(b).any(|(x, y)| x & y != 0)
    }

    /// Maps each mentee position to the mentor position with the same id.
    pub fn same_person(&self) -> Vec<Option<u32>> {
        let mentor_position: HashMap<&ParticipantId, u32> =
            self.mentors.ids.iter().enumerate().map(|(pos, id)| (id, pos as u32)).collect();
        self.mentees.ids.iter().map(|id| mentor_position.get(id).copied()).collect()
    }
}

/// Returns roster indices sorted by participant id.
fn canonical_order(participants: &[Participant]) -> Vec<usize> {
    let ids: Vec<ParticipantId> = participants.iter().map(Participant::id).collect();
    let mut order: Vec<usize> = (0..participants.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    order
}

fn compile_side(
    role: Role,
    participants: &[Participant],
    order: Vec<usize>,
    rules: &RuleConfig,
    words: usize,
    interners: &mut Interners,
) -> Result<CompiledSide, MatchError> {
    let n = order.len();
    let default_capacity = match role {
        Role::Mentor => rules.mentor_capacity,
        Role::Mentee => rules.mentee_capacity,
    };
    let mut side = CompiledSide {
        roster_index: Vec::with_capacity(n),
        ids: Vec::with_capacity(n),
        grade: Vec::with_capacity(n),
        organisation: Vec::with_capacity(n),
        profession: Vec::with_capacity(n),
        characteristics: vec![0; n * words],
        wants_similar: Vec::with_capacity(n),
        capacity: Vec::with_capacity(n),
        pinned: vec![0; n],
        pinned_same_profession: vec![0; n],
    };
    for (position, &index) in order.iter().enumerate() {
        let participant = &participants[index];
        let grade = rules.grade_rank(&participant.grade).ok_or_else(|| {
            let (role, id, grade) = (role, participant.id(), participant.grade.clone());
            if rules.numeric_grades {
                MatchError::InvalidNumericGrade { role, id, grade }
            } else {
                MatchError::UnknownGrade { role, id, grade }
            }
        })?;
        side.roster_index.push(index);
        side.ids.push(participant.id());
        side.grade.push(grade);
        side.organisation.push(interners.organisations.intern(&participant.organisation));
        side.profession.push(interners.professions.intern(&participant.profession));
        for characteristic in participant.characteristics.iter().filter(|c| !c.trim().is_empty()) {
            // Every non-blank characteristic was interned up front; blank ones
            // are skipped so that two blanks never count as shared.
            if let Some(bit) = interners.characteristics.get(characteristic) {
                let bit = bit as usize;
                side.characteristics[position * words + bit / 64] |= 1 << (bit % 64);
            }
        }
        side.wants_similar.push(role == Role::Mentee && participant.wants_similar_identity);
        // The bound keeps unit counts, and the weights built from them, far
        // from integer overflow in the flow network.
        let capacity = participant.max_matches.unwrap_or(default_capacity);
        if capacity > MAX_CAPACITY {
            return Err(MatchError::CapacityOutOfRange { role, id: participant.id(), capacity });
        }
        side.capacity.push(capacity);
    }
    Ok(side)
}

/// Interns every column rule's values in canonical order.
///
/// # Errors
///
/// [`MatchError::UnknownColumn`] when a side with participants has no
/// participant with the rule's column.
fn compile_column_rules(
    roster: &Roster,
    rules: &RuleConfig,
    mentors: &CompiledSide,
    mentees: &CompiledSide,
) -> Result<Vec<CompiledColumnRule>, MatchError> {
    let mut compiled = Vec::with_capacity(rules.column_rules.len());
    for rule in &rules.column_rules {
        let heading = comparison_key(&rule.column);
        let mut interner = Interner::new();
        let mut lists = [ValueLists::default(), ValueLists::default()];
        for (list, role, participants, side) in [
            (0, Role::Mentor, roster.mentors(), mentors),
            (1, Role::Mentee, roster.mentees(), mentees),
        ] {
            let has_column =
                |p: &Participant| p.extra.iter().any(|(name, _)| comparison_key(name) == heading);
            if !participants.is_empty() && !participants.iter().any(has_column) {
                return Err(MatchError::UnknownColumn {
                    rule: rule.name.clone(),
                    column: rule.column.clone(),
                    role,
                });
            }
            for &index in &side.roster_index {
                let value = participants[index]
                    .extra
                    .iter()
                    .find(|(name, _)| comparison_key(name) == heading)
                    .map_or("", |(_, value)| value.as_str());
                // The interner compares items by `comparison_key`. Blank
                // values and items share nothing, so they get no id.
                let ids = column_items(value, rule.separator.as_deref())
                    .into_iter()
                    .filter(|item| !item.trim().is_empty())
                    .map(|item| interner.intern(&item))
                    .collect();
                lists[list].push(ids);
            }
        }
        let [mentor_lists, mentee_lists] = lists;
        compiled.push(CompiledColumnRule {
            effect: rule.effect,
            mentors: mentor_lists,
            mentees: mentee_lists,
        });
    }
    Ok(compiled)
}

/// Splits a column rule's cell into its items, untrimmed, or returns the
/// whole cell when the rule has no separator.
///
/// Runs of whitespace in the cell and in the separator count as one space,
/// and the cell is split as if it had a space at each end. Readers trim
/// cells, which removes the outer space of a separator at the start or end
/// of a cell: with the separator `" / "`, `"French / Welsh /"` must still
/// split into `French` and `Welsh`.
pub(crate) fn column_items(value: &str, separator: Option<&str>) -> Vec<String> {
    let Some(separator) = separator else {
        return vec![value.to_owned()];
    };
    let separator = collapse_whitespace(separator);
    if separator.is_empty() {
        return vec![value.to_owned()];
    }
    let padded = format!(" {} ", value.split_whitespace().collect::<Vec<_>>().join(" "));
    padded.split(separator.as_str()).map(str::to_owned).collect()
}

/// Replaces every run of whitespace with one space, keeping a space at an
/// end that had whitespace.
fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let mut in_space = false;
    for character in text.chars() {
        if character.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
            }
            in_space = true;
        } else {
            collapsed.push(character);
            in_space = false;
        }
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::column_items;

    fn keys(value: &str, separator: Option<&str>) -> Vec<String> {
        column_items(value, separator)
            .iter()
            .map(|item| mentor_match_model::comparison_key(item))
            .filter(|key| !key.is_empty())
            .collect()
    }

    #[test]
    fn spaced_separator_splits_trimmed_cell() {
        assert_eq!(keys("French / Welsh /", Some(" / ")), ["french", "welsh"]);
        assert_eq!(keys("French / Welsh / ", Some(" / ")), ["french", "welsh"]);
        assert_eq!(keys("/ Welsh / French", Some(" / ")), ["welsh", "french"]);
        assert_eq!(keys("Welsh  /\tFrench", Some(" / ")), ["welsh", "french"]);
    }

    #[test]
    fn spaced_separator_keeps_unspaced_text() {
        assert_eq!(keys("A/B / C", Some(" / ")), ["a/b", "c"]);
    }

    #[test]
    fn plain_separator_drops_empty_items() {
        assert_eq!(keys(" Blue ;; red; ", Some(";")), ["blue", "red"]);
        assert_eq!(keys("Blue  Team", None), ["blue team"]);
        assert_eq!(keys("a b", Some(" ")), ["a", "b"]);
    }
}
