//! `report.html`: one self-contained page of headline numbers, charts and
//! tables for programme administrators.
//!
//! The page has no scripts and loads nothing: its CSS sits in a `<style>`
//! element and every chart is inline SVG, so it opens offline and prints
//! as shown. Each chart is a `<figure>` with a caption, an SVG with
//! `role="img"` and a text summary, and a table of the same numbers for
//! screen readers and for copying.
//!
//! Participants control their names, emails and organisations, so every
//! roster value passes through [`Escaped`]. Characteristics and the "match
//! with similar identity" values never appear: the page shows names,
//! email addresses and organisations, grades only as gaps within pairs,
//! and [`Shortfall::sentence`], which names no characteristic.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use mentor_match_model::{
    Explanations, MatchResult, Participant, Role, Roster, RuleConfig, Shortfall, comparison_key,
};

use crate::write::sides::{SortedSide, capacity_slots};

/// Largest number of bars in a distribution chart. Wider ranges of values
/// are grouped into equal-width bins.
const MAX_BINS: usize = 20;

/// Number of organisations a chart names. The others share one bar.
const TOP_ORGANISATIONS: usize = 15;

/// Width of every chart's SVG coordinate system, in CSS pixels at 100%.
const CHART_WIDTH: usize = 600;
/// Height of one bar's row.
const ROW_HEIGHT: usize = 24;
/// Height of a bar within its row.
const BAR_HEIGHT: usize = 16;
/// Space above the first and below the last row.
const CHART_PADDING: usize = 6;
/// Characters of a bar label shown in the chart. The table shows the whole
/// label.
const MAX_LABEL_CHARS: usize = 28;
/// Width the layout allows per character of chart text, in SVG units.
///
/// NOTE: this is an estimate for Latin text in the 13-pixel sans-serif
/// fonts of common systems, whose average character is narrower. Wider
/// scripts can run past the left edge of the chart, where the SVG clips
/// them.
const CHAR_WIDTH: usize = 8;
/// Space between a label or value and its bar.
const TEXT_GAP: usize = 6;

/// Renders `report.html`.
///
/// The page depends only on the roster's contents, the result, the
/// explanations and the rules, never on the order of input rows.
/// Participants are listed in [`ParticipantId`](mentor_match_model::ParticipantId)
/// order, and each organisation is spelled as by its first participant in
/// that order. The page contains no timestamp, so the same inputs give the
/// same bytes.
///
/// # Panics
///
/// When a pair or shortfall refers to a participant outside the roster.
/// [`write_outputs`](crate::write_outputs) checks the pairs first, and
/// explanations computed for the same roster refer only to its participants.
pub(crate) fn render_report(
    roster: &Roster,
    result: &MatchResult,
    explanations: &Explanations,
    rules: &RuleConfig,
) -> String {
    let mentors = SortedSide::new(roster, Role::Mentor);
    let mentees = SortedSide::new(roster, Role::Mentee);
    let report = Report { roster, result, explanations, rules, mentors, mentees };
    let mut html = String::new();
    report.write(&mut html).expect("writing to a String does not fail");
    html
}

/// The inputs of one page, with both sides in id order.
struct Report<'a> {
    roster: &'a Roster,
    result: &'a MatchResult,
    explanations: &'a Explanations,
    rules: &'a RuleConfig,
    mentors: SortedSide<'a>,
    mentees: SortedSide<'a>,
}

impl Report<'_> {
    fn side(&self, role: Role) -> &SortedSide<'_> {
        match role {
            Role::Mentor => &self.mentors,
            Role::Mentee => &self.mentees,
        }
    }

    fn write(&self, out: &mut String) -> fmt::Result {
        out.push_str(PAGE_START);
        out.push_str("<main>\n");
        self.write_headline(out)?;

        writeln!(out, "<section aria-labelledby=\"matches-per-participant\">")?;
        writeln!(out, "<h2 id=\"matches-per-participant\">Matches per participant</h2>")?;
        for role in [Role::Mentee, Role::Mentor] {
            write_figure(out, &self.match_count_chart(role))?;
        }
        writeln!(out, "</section>")?;

        writeln!(out, "<section aria-labelledby=\"pair-scores\">")?;
        writeln!(out, "<h2 id=\"pair-scores\">Pair scores</h2>")?;
        write_figure(out, &self.score_chart())?;
        writeln!(out, "</section>")?;

        writeln!(out, "<section aria-labelledby=\"grade-gaps\">")?;
        writeln!(out, "<h2 id=\"grade-gaps\">Grade gaps</h2>")?;
        write_figure(out, &self.grade_gap_chart())?;
        writeln!(out, "</section>")?;

        writeln!(out, "<section aria-labelledby=\"organisations\">")?;
        writeln!(out, "<h2 id=\"organisations\">Matches by organisation</h2>")?;
        for role in [Role::Mentee, Role::Mentor] {
            write_figure(out, &self.organisation_chart(role))?;
        }
        writeln!(out, "</section>")?;

        self.write_shortfalls(out)?;
        out.push_str("</main>\n</body>\n</html>\n");
        Ok(())
    }

    fn write_headline(&self, out: &mut String) -> fmt::Result {
        let result = self.result;
        let mentees = self.mentees.participants.len();
        let mentors = self.mentors.participants.len();
        let matched =
            |part: usize, whole: usize| (format!("{part} of {whole}"), percentage(part, whole));
        let items = [
            ("Mentees", (mentees.to_string(), None)),
            ("Mentors", (mentors.to_string(), None)),
            ("Pairs", (result.pairs.len().to_string(), None)),
            ("Total score", (result.total_score.to_string(), None)),
            ("Mentees matched", matched(result.matched_mentee_count(), mentees)),
            ("Mentors matched", matched(result.matched_mentor_count(), mentors)),
            ("Priority", (result.priority.as_str().to_owned(), None)),
        ];

        writeln!(out, "<section aria-labelledby=\"headline\">")?;
        writeln!(out, "<h2 id=\"headline\">Headline numbers</h2>")?;
        writeln!(out, "<dl class=\"headline\">")?;
        for (term, (value, detail)) in items {
            write!(out, "<div><dt>{term}</dt><dd>{}", Escaped(&value))?;
            if let Some(detail) = detail {
                write!(out, " <span class=\"detail\">({detail})</span>")?;
            }
            writeln!(out, "</dd></div>")?;
        }
        writeln!(out, "</dl>")?;
        writeln!(out, "</section>")
    }

    /// Builds the chart of participants on one side by number of matches,
    /// with a bar for every count up to the side's default capacity.
    fn match_count_chart(&self, role: Role) -> Chart {
        let (mut counts, capacity) = match role {
            Role::Mentee => (self.result.mentees_by_match_count(), self.rules.mentee_capacity),
            Role::Mentor => (self.result.mentors_by_match_count(), self.rules.mentor_capacity),
        };
        let length = capacity_slots(capacity) + 1;
        if counts.len() < length {
            counts.resize(length, 0);
        }
        let plural = plural_side(role);
        Chart {
            id: format!("{role}-match-counts"),
            caption: format!("{} by number of matches", capitalise(&plural)),
            label_heading: "Matches",
            value_heading: capitalise(&plural),
            bars: counts
                .into_iter()
                .enumerate()
                .map(|(matches, count)| Bar::new(count_noun(matches, "match"), count))
                .collect(),
            empty: format!("There are no {plural}."),
        }
    }

    fn score_chart(&self) -> Chart {
        let scores: Vec<i64> = self.result.pairs.iter().map(|pair| pair.score).collect();
        let bars = integer_bins(&scores, None, MAX_BINS)
            .into_iter()
            .map(|bin| Bar::new(bin.label(), bin.count))
            .collect();
        Chart {
            id: "pair-score-distribution".to_owned(),
            caption: "Pairs by score".to_owned(),
            label_heading: "Score",
            value_heading: "Pairs".to_owned(),
            bars,
            empty: "There are no pairs.".to_owned(),
        }
    }

    /// Builds the chart of pairs by the mentor's grade rank minus the
    /// mentee's, with a bar for every gap the seniority rule allows. Pairs
    /// with a grade that [`RuleConfig::grade_rank`] does not recognise get
    /// a bar of their own.
    fn grade_gap_chart(&self) -> Chart {
        let mut gaps: Vec<i64> = Vec::with_capacity(self.result.pairs.len());
        let mut unranked = 0;
        for pair in &self.result.pairs {
            let mentor = &self.roster.mentors()[pair.mentor];
            let mentee = &self.roster.mentees()[pair.mentee];
            match (self.rules.grade_rank(&mentor.grade), self.rules.grade_rank(&mentee.grade)) {
                (Some(high), Some(low)) => gaps.push(i64::from(high) - i64::from(low)),
                _ => unranked += 1,
            }
        }
        let seniority = &self.rules.seniority;
        let allowed = (i64::from(seniority.min_gap), i64::from(seniority.max_gap()));
        let mut bars: Vec<Bar> = if gaps.is_empty() {
            Vec::new()
        } else {
            integer_bins(&gaps, Some(allowed), MAX_BINS)
                .into_iter()
                .map(|bin| Bar::new(gap_label(&bin), bin.count))
                .collect()
        };
        if unranked > 0 {
            bars.push(Bar::new("grade not recognised".to_owned(), unranked));
        }
        let unit =
            if self.rules.numeric_grades { "grade numbers" } else { "steps of the grade ladder" };
        Chart {
            id: "grade-gap-distribution".to_owned(),
            caption: format!(
                "Pairs by grade gap: the mentor's grade minus the mentee's, in {unit}"
            ),
            label_heading: "Mentor's grade",
            value_heading: "Pairs".to_owned(),
            bars,
            empty: "There are no pairs.".to_owned(),
        }
    }

    /// Builds the chart of pairs by the organisation of one side's
    /// participant, the [`TOP_ORGANISATIONS`] with the most pairs first.
    ///
    /// Organisations compare by [`comparison_key`], as the matcher compares
    /// them, and show the spelling of their first participant in id order.
    fn organisation_chart(&self, role: Role) -> Chart {
        let side = self.side(role);
        // Spellings come from the whole side, so a label does not depend on
        // which participants were matched.
        let mut spellings: BTreeMap<String, &str> = BTreeMap::new();
        for (_, participant) in side.iter_sorted() {
            spellings
                .entry(comparison_key(&participant.organisation))
                .or_insert(participant.organisation.trim());
        }
        let mut pairs_by_key: BTreeMap<&str, usize> = BTreeMap::new();
        for pair in &self.result.pairs {
            let index = match role {
                Role::Mentor => pair.mentor,
                Role::Mentee => pair.mentee,
            };
            let key = comparison_key(&side.participants[index].organisation);
            let (key, _) = spellings.get_key_value(&key).expect("every organisation is spelled");
            *pairs_by_key.entry(key.as_str()).or_default() += 1;
        }

        let mut ranked: Vec<(&str, usize)> = pairs_by_key.into_iter().collect();
        // Most pairs first. The stable sort keeps equal counts in key order.
        ranked.sort_by_key(|&(_, pairs)| Reverse(pairs));
        let rest = ranked.split_off(ranked.len().min(TOP_ORGANISATIONS));
        let mut bars: Vec<Bar> = ranked
            .into_iter()
            .map(|(key, count)| {
                let spelling = spellings[key];
                let label =
                    if spelling.is_empty() { "(no organisation)" } else { spelling }.to_owned();
                Bar::new(label, count)
            })
            .collect();
        if !rest.is_empty() {
            bars.push(Bar {
                label: format!("other ({})", count_noun(rest.len(), "organisation")),
                value: rest.iter().map(|(_, count)| count).sum(),
                grouped: true,
            });
        }

        let noun = role.as_str();
        Chart {
            id: format!("{noun}-organisations"),
            caption: format!("Pairs by the {noun}'s organisation"),
            label_heading: "Organisation",
            value_heading: "Pairs".to_owned(),
            bars,
            empty: "There are no pairs.".to_owned(),
        }
    }

    fn write_shortfalls(&self, out: &mut String) -> fmt::Result {
        writeln!(out, "<section aria-labelledby=\"shortfalls\">")?;
        writeln!(out, "<h2 id=\"shortfalls\">Participants with fewer matches than allowed</h2>")?;
        writeln!(
            out,
            "<p>Each reason says why the participant has no more matches. Reasons never \
             name a characteristic.</p>"
        )?;

        writeln!(out, "<table class=\"numbers\">")?;
        writeln!(
            out,
            "<caption>Participants with fewer matches than allowed, by category</caption>"
        )?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">Category</th><th scope=\"col\" class=\"number\">Mentees</th>\
             <th scope=\"col\" class=\"number\">Mentors</th></tr></thead>\n<tbody>"
        )?;
        let mentee_counts = self.explanations.counts_by_category(Role::Mentee);
        let mentor_counts = self.explanations.counts_by_category(Role::Mentor);
        for ((category, mentees), (_, mentors)) in mentee_counts.into_iter().zip(mentor_counts) {
            writeln!(
                out,
                "<tr><th scope=\"row\">{category}</th><td>{mentees}</td><td>{mentors}</td></tr>"
            )?;
        }
        writeln!(
            out,
            "</tbody>\n<tfoot><tr><th scope=\"row\">total</th><td>{}</td><td>{}</td></tr></tfoot>",
            mentee_counts.iter().map(|(_, count)| count).sum::<usize>(),
            mentor_counts.iter().map(|(_, count)| count).sum::<usize>(),
        )?;
        writeln!(out, "</table>")?;

        for role in [Role::Mentee, Role::Mentor] {
            self.write_shortfall_table(out, role)?;
        }
        writeln!(out, "</section>")
    }

    /// Writes one side's shortfalls in participant id order.
    fn write_shortfall_table(&self, out: &mut String, role: Role) -> fmt::Result {
        let side = self.side(role);
        let plural = plural_side(role);
        let mut shortfalls: Vec<&Shortfall> =
            self.explanations.shortfalls.iter().filter(|s| s.role == role).collect();
        shortfalls.sort_by(|a, b| side.ids[a.participant].cmp(&side.ids[b.participant]));

        let heading_id = format!("{role}-shortfalls");
        writeln!(out, "<h3 id=\"{heading_id}\">{}</h3>", capitalise(&plural))?;
        if shortfalls.is_empty() {
            return writeln!(out, "<p>Every {role} has as many matches as allowed.</p>");
        }
        writeln!(out, "<table class=\"shortfalls\" aria-labelledby=\"{heading_id}\">")?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Email</th>\
             <th scope=\"col\">Organisation</th><th scope=\"col\">Matches</th>\
             <th scope=\"col\">Category</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>"
        )?;
        for shortfall in shortfalls {
            let participant = &side.participants[shortfall.participant];
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"email\">{}</td><td>{}</td><td class=\"count\">{} of {}</td>\
                 <td>{}</td><td>{}</td></tr>",
                Escaped(&full_name(participant)),
                // A line break opportunity after the @ lets a narrow column
                // break the address there before anywhere else.
                Escaped(participant.email.trim()).to_string().replace('@', "@<wbr>"),
                Escaped(participant.organisation.trim()),
                shortfall.matches,
                shortfall.capacity,
                shortfall.reason.category(),
                Escaped(&shortfall.sentence(self.roster, self.rules)),
            )?;
        }
        writeln!(out, "</tbody>\n</table>")
    }
}

/// The document start, up to `<body>`.
///
/// The Content-Security-Policy allows only the inline style sheet, so a
/// browser would neither run a script nor load a resource even if one got
/// into the page.
const PAGE_START: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mentor matching report</title>
<style>
:root { color: #1a1a1a; background: #ffffff; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #1d4f91; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.note { color: #404040; margin: 0; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; margin: 0; }
.headline div { border: 1px solid #767676; border-radius: 4px; padding: 0.5rem 0.75rem; break-inside: avoid; }
.headline dt { font-size: 0.9rem; color: #404040; }
.headline dd { margin: 0; font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.headline .detail { display: block; font-size: 0.9rem; font-weight: normal; color: #404040; }
figure { margin: 1.25rem 0 2rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 0.5rem; }
.chart-and-table { display: grid; grid-template-columns: minmax(0, 1fr) fit-content(24rem); gap: 1.5rem; align-items: start; }
.chart { display: block; width: 100%; max-width: 600px; height: auto; }
.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1a1a1a; }
.chart .bar { fill: #1d4f91; }
.chart .grouped { fill: #5a7fb5; }
.chart .axis { stroke: #595959; stroke-width: 1; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; margin-bottom: 0.35rem; }
th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.5rem; border-bottom: 1px solid #b0b0b0; overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid #595959; }
.numbers { width: auto; min-width: 16rem; }
.numbers td, th.number { text-align: right; }
td.email { overflow-wrap: anywhere; min-width: 16ch; }
td.count { white-space: nowrap; }
@media screen and (max-width: 50rem) {
  .chart-and-table { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  :root { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
</style>
</head>
<body>
<header>
<h1>Mentor matching report</h1>
<p class="note">This report names participants. Share it only with programme administrators.</p>
</header>
"#;

/// One bar chart, with the table that repeats its numbers.
struct Chart {
    /// Fragment identifier, unique in the page.
    id: String,
    caption: String,
    /// Heading of the table's label column.
    label_heading: &'static str,
    /// Heading of the table's value column.
    value_heading: String,
    bars: Vec<Bar>,
    /// Sentence shown in place of the chart when there are no bars.
    empty: String,
}

struct Bar {
    label: String,
    value: usize,
    /// Whether the bar sums several categories, such as "other
    /// organisations". It gets a lighter colour.
    grouped: bool,
}

impl Bar {
    fn new(label: String, value: usize) -> Self {
        Bar { label, value, grouped: false }
    }
}

impl Chart {
    /// Returns the text alternative of the chart: its caption and every
    /// bar's label and value.
    fn summary(&self) -> String {
        let bars: Vec<String> =
            self.bars.iter().map(|bar| format!("{}: {}", bar.label, bar.value)).collect();
        format!("Bar chart of {}. {}.", lowercase_first(&self.caption), bars.join("; "))
    }
}

/// Writes a chart's figure: caption, SVG and table.
fn write_figure(out: &mut String, chart: &Chart) -> fmt::Result {
    writeln!(out, "<figure id=\"{}\">", chart.id)?;
    writeln!(out, "<figcaption>{}</figcaption>", Escaped(&chart.caption))?;
    if chart.bars.is_empty() {
        writeln!(out, "<p>{}</p>", Escaped(&chart.empty))?;
        return writeln!(out, "</figure>");
    }
    writeln!(out, "<div class=\"chart-and-table\">")?;
    write_svg(out, chart)?;
    write_chart_table(out, chart)?;
    writeln!(out, "</div>\n</figure>")
}

/// Writes a horizontal bar chart: labels on the left, then each bar with
/// its value at its end. Bar lengths are whole pixels, so the same numbers
/// always give the same SVG.
fn write_svg(out: &mut String, chart: &Chart) -> fmt::Result {
    let height = chart.bars.len() * ROW_HEIGHT + 2 * CHART_PADDING;
    let largest = chart.bars.iter().map(|bar| bar.value).max().unwrap_or(0).max(1);
    let labels: Vec<String> =
        chart.bars.iter().map(|bar| shorten(&bar.label, MAX_LABEL_CHARS)).collect();
    let longest_label = labels.iter().map(|label| label.chars().count()).max().unwrap_or(0);
    let label_width = longest_label * CHAR_WIDTH + TEXT_GAP;
    let value_width = TEXT_GAP + largest.to_string().len() * CHAR_WIDTH;
    // At most 28 label characters and 20 digits leave at least 204 units.
    let bar_space = CHART_WIDTH - label_width - value_width;
    let summary = chart.summary();

    writeln!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{summary}\" viewBox=\"0 0 {CHART_WIDTH} \
         {height}\" width=\"{CHART_WIDTH}\" height=\"{height}\">",
        summary = Escaped(&summary),
    )?;
    writeln!(out, "<title>{}</title>", Escaped(&summary))?;
    for (row, (bar, label)) in chart.bars.iter().zip(&labels).enumerate() {
        let top = CHART_PADDING + row * ROW_HEIGHT;
        let middle = top + ROW_HEIGHT / 2;
        // Rounded to the nearest unit, but at least 1 for a non-zero value.
        let length = (bar.value * bar_space + largest / 2) / largest;
        let length = if bar.value > 0 { length.max(1) } else { 0 };
        writeln!(
            out,
            "<text x=\"{}\" y=\"{middle}\" dy=\"0.35em\" text-anchor=\"end\">{}</text>",
            label_width - TEXT_GAP,
            Escaped(label),
        )?;
        writeln!(
            out,
            "<rect class=\"{}\" x=\"{label_width}\" y=\"{}\" width=\"{length}\" \
             height=\"{BAR_HEIGHT}\"/>",
            if bar.grouped { "bar grouped" } else { "bar" },
            top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{middle}\" dy=\"0.35em\">{}</text>",
            label_width + length + TEXT_GAP,
            bar.value,
        )?;
    }
    writeln!(
        out,
        "<line class=\"axis\" x1=\"{label_width}\" y1=\"{CHART_PADDING}\" x2=\"{label_width}\" \
         y2=\"{}\"/>",
        height - CHART_PADDING,
    )?;
    writeln!(out, "</svg>")
}

fn write_chart_table(out: &mut String, chart: &Chart) -> fmt::Result {
    writeln!(out, "<table class=\"numbers\">")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"number\">{}</th></tr>\
         </thead>\n<tbody>",
        Escaped(chart.label_heading),
        Escaped(&chart.value_heading),
    )?;
    for bar in &chart.bars {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            Escaped(&bar.label),
            bar.value
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// A range of whole numbers, `low..=high`, and how many values fell in it.
#[derive(Debug, PartialEq, Eq)]
struct Bin {
    low: i64,
    high: i64,
    count: usize,
}

impl Bin {
    /// Returns "5" for a single value and "5 to 9" for a range.
    fn label(&self) -> String {
        if self.low == self.high {
            self.low.to_string()
        } else {
            format!("{} to {}", self.low, self.high)
        }
    }
}

/// Counts values in at most `max_bins` (at least 2) contiguous bins of
/// equal width from the smallest value to the largest, empty bins included,
/// so that a chart shows the shape of the distribution. The bins also cover
/// `also_cover`, an inclusive range, when given.
///
/// Bins are one value wide when the range allows. Otherwise the width is
/// the smallest of 2, 5, 10, 20, 50, ... that fits, and bins start at
/// multiples of it, so that labels read "10 to 14", not "7 to 12". The
/// first and last bin may then reach past the values.
fn integer_bins(values: &[i64], also_cover: Option<(i64, i64)>, max_bins: usize) -> Vec<Bin> {
    let (Some(&min), Some(&max)) = (values.iter().min(), values.iter().max()) else {
        return Vec::new();
    };
    let (min, max) = match also_cover {
        Some((low, high)) => (min.min(low), max.max(high)),
        None => (min, max),
    };
    let (min, max) = (i128::from(min), i128::from(max));
    let max_bins = max_bins.max(2) as i128;
    let bins_from = |start: i128, width: i128| ceil_div(max - start + 1, width);

    // With a width of 10^20, any i64 values fall in at most two bins, so
    // the search ends there and nothing overflows i128.
    let (start, width) = (0..=20)
        .flat_map(|exponent| [1, 2, 5].map(|mantissa| mantissa * 10i128.pow(exponent)))
        .map(|width| (min.div_euclid(width) * width, width))
        .find(|&(start, width)| bins_from(start, width) <= max_bins)
        .expect("a width of 10^20 gives at most two bins");

    let mut counts = vec![0usize; bins_from(start, width) as usize];
    for &value in values {
        counts[((i128::from(value) - start) / width) as usize] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(index, count)| {
            let low = start + index as i128 * width;
            Bin { low: saturate(low), high: saturate(low + width - 1), count }
        })
        .collect()
}

/// Divides positive numbers, rounding up. `div_ceil` on signed integers is
/// unstable (feature `int_roundings`) in Rust 1.95.
fn ceil_div(numerator: i128, denominator: i128) -> i128 {
    (numerator + denominator - 1) / denominator
}

/// Converts to `i64`, clamping the bin edges that reach past `i64` for
/// values near its limits.
fn saturate(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// Labels a bin of grade gaps from the mentor's side: "same grade",
/// "2 grades above", "1 to 3 grades below" and so on.
fn gap_label(bin: &Bin) -> String {
    let (low, high) = (bin.low, bin.high);
    if low == 0 && high == 0 {
        "same grade".to_owned()
    } else if low > 0 {
        format!("{} above", grade_count(low, high))
    } else if high < 0 {
        format!("{} below", grade_count(-high, -low))
    } else {
        format!("{low} to {high} grades")
    }
}

/// Returns "1 grade", "3 grades" or "1 to 3 grades".
fn grade_count(low: i64, high: i64) -> String {
    if low == high {
        count_noun(low.unsigned_abs() as usize, "grade")
    } else {
        format!("{low} to {high} grades")
    }
}

/// Returns "1 match", "0 matches", "2 organisations" and so on.
fn count_noun(count: usize, noun: &str) -> String {
    let suffix = match (count, noun.ends_with("ch")) {
        (1, _) => "",
        (_, true) => "es",
        (_, false) => "s",
    };
    format!("{count} {noun}{suffix}")
}

/// Returns `part` as a percentage of `whole`, such as "66.7%", or `None`
/// when `whole` is 0. It is rounded half up to one decimal with integer
/// arithmetic.
fn percentage(part: usize, whole: usize) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let (part, whole) = (part as u128, whole as u128);
    let tenths = (part * 1000 + whole / 2) / whole;
    Some(format!("{}.{}%", tenths / 10, tenths % 10))
}

fn plural_side(role: Role) -> String {
    format!("{role}s")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Returns the label cut to `max_chars` characters, ending in "…" when cut.
fn shorten(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        return label.to_owned();
    }
    let mut short: String = label.chars().take(max_chars.saturating_sub(1)).collect();
    short.push('…');
    short
}

fn full_name(participant: &Participant) -> String {
    let name = format!("{} {}", participant.first_name.trim(), participant.last_name.trim());
    name.trim().to_owned()
}

/// Text written as HTML character data or as a double-quoted attribute
/// value.
///
/// `&`, `<`, `>`, `"` and `'` become character references. Control
/// characters other than tab and line feed become U+FFFD, because HTML
/// does not allow them in a document.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(position) = rest.find(needs_escape) {
            f.write_str(&rest[..position])?;
            let c = rest[position..].chars().next().expect("find returned a char boundary");
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\u{fffd}",
            })?;
            rest = &rest[position + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && c != '\t' && c != '\n')
}

#[cfg(test)]
mod tests {
    use mentor_match_model::{
        Constraint, MatchedPair, ObjectiveChange, PairRank, Priority, Removal, ScoreBreakdown,
        ShortfallReason,
    };

    use super::*;

    const HOSTILE_NAME: &str = "<script>alert(\"x\")</script>";
    const HOSTILE_ORGANISATION: &str = "Dept \"A\" & <B>";
    const CHARACTERISTIC: &str = "SecretTraitXyz";

    /// A roster, result and explanations with every kind of chart bar and
    /// shortfall, and one mentor whose name and organisation are hostile.
    struct Fixture {
        roster: Roster,
        result: MatchResult,
        explanations: Explanations,
        rules: RuleConfig,
    }

    impl Fixture {
        fn render(&self) -> String {
            render_report(&self.roster, &self.result, &self.explanations, &self.rules)
        }
    }

    fn person(
        first: &str,
        last: &str,
        email: &str,
        grade: &str,
        organisation: &str,
    ) -> Participant {
        Participant::new(first, last, email)
            .with_grade(grade)
            .with_organisation(organisation)
            .with_profession("Policy")
    }

    fn pair(mentor: usize, mentee: usize, seniority: i64, profession: i64) -> MatchedPair {
        let breakdown = ScoreBreakdown { seniority, profession, ..ScoreBreakdown::default() };
        MatchedPair { mentor, mentee, score: breakdown.total(), breakdown, pinned: false }
    }

    fn shortfall(
        role: Role,
        participant: usize,
        matches: u32,
        reason: ShortfallReason,
    ) -> Shortfall {
        Shortfall { role, participant, matches, capacity: 3, reason }
    }

    fn fixture() -> Fixture {
        let mentors = vec![
            person("Ada", "Lovelace", "ada@example.org", "Grade 7", "Treasury")
                .with_characteristics(&[CHARACTERISTIC]),
            person(
                HOSTILE_NAME,
                "O'Neil & Sons",
                "evil@example.org",
                "Grade 6",
                HOSTILE_ORGANISATION,
            ),
            person("Grace", "Hopper", "grace@example.org", "SCS1", "Home Office"),
        ];
        let mentees = vec![
            person("Alan", "Turing", "alan@example.org", "SEO", "Home Office")
                .with_characteristics(&[CHARACTERISTIC])
                .with_wants_similar_identity(true),
            person("Katherine", "Johnson", "katherine@example.org", "SEO", "Treasury"),
            person("Lonely", "Person", "lonely@example.org", "AA", "Treasury"),
        ];
        let roster = Roster::new(mentors, mentees).unwrap();

        // Gaps 1, 2 and 2; scores 19, 12 and 12.
        let pairs = vec![pair(0, 0, 9, 10), pair(1, 0, 12, 0), pair(1, 1, 12, 0)];
        let result = MatchResult {
            priority: Priority::BestMatches,
            total_score: pairs.iter().map(|pair| pair.score).sum(),
            pairs,
            mentor_match_counts: vec![1, 2, 0],
            mentee_match_counts: vec![2, 1, 0],
            custom_rules: Vec::new(),
        };

        let lower = ObjectiveChange { total_score: -3, ..ObjectiveChange::default() };
        let explanations = Explanations {
            pair_ranks: vec![PairRank { rank: 1, eligible: 2 }; 3],
            shortfalls: vec![
                shortfall(
                    Role::Mentor,
                    0,
                    1,
                    ShortfallReason::EquallyGood {
                        candidate: 1,
                        eligible: 1,
                        change: ObjectiveChange::default(),
                    },
                ),
                shortfall(
                    Role::Mentor,
                    1,
                    2,
                    ShortfallReason::WouldLowerObjective {
                        candidate: 2,
                        eligible: 1,
                        change: lower,
                    },
                ),
                shortfall(
                    Role::Mentor,
                    2,
                    0,
                    ShortfallReason::WouldLowerObjective {
                        candidate: 1,
                        eligible: 2,
                        change: lower,
                    },
                ),
                shortfall(
                    Role::Mentee,
                    1,
                    1,
                    ShortfallReason::Excluded {
                        others: 3,
                        removed: vec![
                            Removal { constraint: Constraint::Organisation, count: 1 },
                            Removal { constraint: Constraint::Excluded, count: 2 },
                        ],
                    },
                ),
                shortfall(
                    Role::Mentee,
                    2,
                    0,
                    ShortfallReason::NoEligibleCandidate {
                        others: 3,
                        removed: vec![Removal { constraint: Constraint::Seniority, count: 3 }],
                    },
                ),
            ],
        };
        Fixture { roster, result, explanations, rules: RuleConfig::default() }
    }

    /// Returns the same programme with both sides' rows in reverse order.
    fn reversed(fixture: &Fixture) -> Fixture {
        let mut mentors = fixture.roster.mentors().to_vec();
        let mut mentees = fixture.roster.mentees().to_vec();
        mentors.reverse();
        mentees.reverse();
        let flip_mentor = |index: usize| mentors.len() - 1 - index;
        let flip_mentee = |index: usize| mentees.len() - 1 - index;
        let flip = |role: Role, index: usize| match role {
            Role::Mentor => flip_mentor(index),
            Role::Mentee => flip_mentee(index),
        };

        let mut result = fixture.result.clone();
        for pair in &mut result.pairs {
            pair.mentor = flip_mentor(pair.mentor);
            pair.mentee = flip_mentee(pair.mentee);
        }
        result.mentor_match_counts.reverse();
        result.mentee_match_counts.reverse();

        let mut explanations = fixture.explanations.clone();
        for shortfall in &mut explanations.shortfalls {
            shortfall.participant = flip(shortfall.role, shortfall.participant);
            let other = shortfall.role.other();
            match &mut shortfall.reason {
                ShortfallReason::WouldLowerObjective { candidate, .. }
                | ShortfallReason::EquallyGood { candidate, .. } => {
                    *candidate = flip(other, *candidate);
                }
                _ => {}
            }
        }
        explanations.shortfalls.reverse();

        Fixture {
            roster: Roster::new(mentors, mentees).unwrap(),
            result,
            explanations,
            rules: fixture.rules.clone(),
        }
    }

    /// Returns the HTML of each `<figure>` element.
    fn figures(html: &str) -> Vec<&str> {
        html.match_indices("<figure")
            .map(|(start, _)| {
                let end = start + html[start..].find("</figure>").unwrap();
                &html[start..end]
            })
            .collect()
    }

    /// Returns the HTML of the figure with this id.
    fn figure<'a>(html: &'a str, id: &str) -> &'a str {
        let opening = format!("<figure id=\"{id}\"");
        figures(html).into_iter().find(|figure| figure.starts_with(&opening)).unwrap()
    }

    #[test]
    fn headline_shows_result_numbers() {
        let html = fixture().render();
        for expected in [
            "<dt>Mentees</dt><dd>3</dd>",
            "<dt>Mentors</dt><dd>3</dd>",
            "<dt>Pairs</dt><dd>3</dd>",
            "<dt>Total score</dt><dd>43</dd>",
            "<dt>Mentees matched</dt><dd>2 of 3 <span class=\"detail\">(66.7%)</span></dd>",
            "<dt>Mentors matched</dt><dd>2 of 3 <span class=\"detail\">(66.7%)</span></dd>",
            "<dt>Priority</dt><dd>best-matches</dd>",
        ] {
            assert!(html.contains(expected), "missing {expected:?}");
        }
    }

    #[test]
    fn every_chart_is_accessible_figure() {
        let html = fixture().render();
        let figures = figures(&html);
        assert_eq!(figures.len(), 6);
        assert_eq!(html.matches("<svg").count(), 6);
        for figure in figures {
            assert!(figure.contains("<figcaption"), "no caption in {figure}");
            assert_eq!(
                figure.matches("<svg class=\"chart\" role=\"img\" aria-label=\"").count(),
                1
            );
            assert_eq!(figure.matches("<title>Bar chart of ").count(), 1);
            assert_eq!(figure.matches("<table").count(), 1);
            assert!(figure.contains("<th scope=\"row\">"), "no table rows in {figure}");
        }
    }

    #[test]
    fn page_has_language_title_and_print_rules() {
        let html = fixture().render();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<title>Mentor matching report</title>"));
        assert!(html.contains("<h1>"));
        assert_eq!(html.matches("<h2 ").count(), 6);
        assert!(html.contains("@media print"));
        assert!(html.contains("break-inside: avoid"));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn chart_tables_repeat_numbers() {
        let html = fixture().render();
        let row =
            |label: &str, value: usize| format!("<th scope=\"row\">{label}</th><td>{value}</td>");

        let mentees = figure(&html, "mentee-match-counts");
        for (label, value) in [("0 matches", 1), ("1 match", 1), ("2 matches", 1), ("3 matches", 0)]
        {
            assert!(mentees.contains(&row(label, value)), "mentees: missing {label}");
        }
        let mentors = figure(&html, "mentor-match-counts");
        for (label, value) in [("0 matches", 1), ("1 match", 1), ("2 matches", 1), ("3 matches", 0)]
        {
            assert!(mentors.contains(&row(label, value)), "mentors: missing {label}");
        }

        let scores = figure(&html, "pair-score-distribution");
        assert!(scores.contains(&row("12", 2)));
        assert!(scores.contains(&row("15", 0)), "empty scores between the extremes are kept");
        assert!(scores.contains(&row("19", 1)));

        let gaps = figure(&html, "grade-gap-distribution");
        assert!(gaps.contains(&row("1 grade above", 1)));
        assert!(gaps.contains(&row("2 grades above", 2)));

        let mentee_organisations = figure(&html, "mentee-organisations");
        assert!(mentee_organisations.contains(&row("Home Office", 2)));
        assert!(mentee_organisations.contains(&row("Treasury", 1)));
        let mentor_organisations = figure(&html, "mentor-organisations");
        assert!(mentor_organisations.contains(&row("Dept &quot;A&quot; &amp; &lt;B&gt;", 2)));
        assert!(mentor_organisations.contains(&row("Treasury", 1)));
        assert!(
            !mentor_organisations.contains("Home Office"),
            "unmatched organisations have no bar"
        );
    }

    #[test]
    fn shortfalls_list_email_and_category() {
        let fixture = fixture();
        let html = fixture.render();
        let section = &html[html.find("<h2 id=\"shortfalls\"").unwrap()..];
        for shortfall in &fixture.explanations.shortfalls {
            let participant = &fixture.roster.side(shortfall.role)[shortfall.participant];
            let email =
                format!("<td class=\"email\">{}</td>", participant.email.replace('@', "@<wbr>"));
            let start = section.find(&email).unwrap_or_else(|| panic!("missing {email}"));
            let row = &section[start..start + section[start..].find("</tr>").unwrap()];
            let category = format!("<td>{}</td>", shortfall.reason.category());
            assert!(row.contains(&category), "{email}: missing {category}");
            let sentence =
                Escaped(&shortfall.sentence(&fixture.roster, &fixture.rules)).to_string();
            assert!(row.contains(&sentence), "{email}: missing {sentence}");
        }
        assert!(section.contains("<td class=\"count\">0 of 3</td>"));

        let counts = |category: &str, mentees: usize, mentors: usize| {
            format!("<th scope=\"row\">{category}</th><td>{mentees}</td><td>{mentors}</td>")
        };
        assert!(section.contains(&counts("no eligible candidate", 1, 0)));
        assert!(section.contains(&counts("excluded", 1, 0)));
        assert!(section.contains(&counts("would lower the objective", 0, 2)));
        assert!(section.contains(&counts("equally good alternative", 0, 1)));
        assert!(section.contains("<th scope=\"row\">total</th><td>2</td><td>3</td>"));
    }

    #[test]
    fn shortfalls_follow_id_order() {
        let html = fixture().render();
        let mentees_start = html.find("<h3 id=\"mentee-shortfalls\"").unwrap();
        let mentors_start = html.find("<h3 id=\"mentor-shortfalls\"").unwrap();
        assert!(mentees_start < mentors_start);

        let mentees = &html[mentees_start..mentors_start];
        let katherine = mentees.find(">katherine@<wbr>example.org</td>").unwrap();
        let lonely = mentees.find(">lonely@<wbr>example.org</td>").unwrap();
        assert!(katherine < lonely);

        let mentors = &html[mentors_start..];
        let ada = mentors.find(">ada@<wbr>example.org</td>").unwrap();
        let evil = mentors.find(">evil@<wbr>example.org</td>").unwrap();
        let grace = mentors.find(">grace@<wbr>example.org</td>").unwrap();
        assert!(ada < evil);
        assert!(evil < grace);
    }

    #[test]
    fn roster_values_are_escaped() {
        let html = fixture().render();
        assert!(!html.to_lowercase().contains("<script"), "a raw script tag got through");
        assert!(!html.contains(HOSTILE_ORGANISATION));
        assert!(
            html.contains(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neil &amp; Sons"
            )
        );
        // In SVG text, in the SVG's aria-label and title, and in the table.
        let escaped_organisation = "Dept &quot;A&quot; &amp; &lt;B&gt;";
        assert!(html.contains(&format!("text-anchor=\"end\">{escaped_organisation}</text>")));
        assert!(html.contains(&format!("organisation. {escaped_organisation}: 2; ")));
        assert_eq!(
            html.matches(escaped_organisation).count(),
            5,
            "svg text, aria-label, title, table, shortfall row"
        );
    }

    #[test]
    fn page_loads_nothing_external() {
        let html = fixture().render().to_lowercase();
        for forbidden in
            ["<script", "http://", "https://", "src=", "href=", "url(", "@import", "<link"]
        {
            assert!(!html.contains(forbidden), "found {forbidden:?}");
        }
        assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    }

    #[test]
    fn characteristics_never_shown() {
        let html = fixture().render();
        assert!(!html.contains(CHARACTERISTIC));
        assert!(!html.to_lowercase().contains("similar identity"));
    }

    #[test]
    fn output_ignores_input_row_order() {
        let fixture = fixture();
        let html = fixture.render();
        assert_eq!(html, fixture.render());
        assert_eq!(html, reversed(&fixture).render());
    }

    #[test]
    fn empty_result_has_no_pair_charts() {
        let mut fixture = fixture();
        fixture.result.pairs.clear();
        fixture.result.total_score = 0;
        fixture.result.mentor_match_counts = vec![0; 3];
        fixture.result.mentee_match_counts = vec![0; 3];
        fixture.explanations = Explanations { pair_ranks: Vec::new(), shortfalls: Vec::new() };
        let html = fixture.render();

        assert_eq!(html.matches("<svg").count(), 2, "only the match count charts");
        assert_eq!(html.matches("<p>There are no pairs.</p>").count(), 4);
        assert!(html.contains("<dt>Mentees matched</dt><dd>0 of 3 <span class=\"detail\">(0.0%)"));
        assert!(html.contains("<p>Every mentee has as many matches as allowed.</p>"));
        assert!(html.contains("<p>Every mentor has as many matches as allowed.</p>"));
    }

    #[test]
    fn empty_roster_renders() {
        let roster = Roster::default();
        let result = MatchResult {
            priority: Priority::Balanced,
            pairs: Vec::new(),
            total_score: 0,
            mentor_match_counts: Vec::new(),
            mentee_match_counts: Vec::new(),
            custom_rules: Vec::new(),
        };
        let explanations = Explanations { pair_ranks: Vec::new(), shortfalls: Vec::new() };
        let html = render_report(&roster, &result, &explanations, &RuleConfig::default());
        assert!(html.contains("<dt>Mentees matched</dt><dd>0 of 0</dd>"));
        assert!(html.contains("<dt>Priority</dt><dd>balanced</dd>"));
        assert!(html.contains("<th scope=\"row\">0 matches</th><td>0</td>"));
    }

    #[test]
    fn organisations_beyond_top_fifteen_grouped() {
        let mentor = person("Mentor", "One", "mentor@example.org", "Grade 7", "Centre");
        let mut mentees: Vec<Participant> = (1..=20)
            .map(|i| {
                let email = format!("mentee{i:02}@example.org");
                person("Mentee", "X", &email, "SEO", &format!("Org {i:02}"))
            })
            .collect();
        // Spelled differently but the same organisation as Org 20, which
        // thereby has the most pairs. The first mentee in id order sets
        // the spelling.
        mentees.push(person("Mentee", "Y", "mentee21@example.org", "SEO", " ORG  20"));
        let roster = Roster::new(vec![mentor.with_max_matches(21)], mentees).unwrap();
        let pairs: Vec<MatchedPair> = (0..21).map(|mentee| pair(0, mentee, 9, 0)).collect();
        let result = MatchResult {
            priority: Priority::BestMatches,
            total_score: 9 * 21,
            pairs,
            mentor_match_counts: vec![21],
            mentee_match_counts: vec![1; 21],
            custom_rules: Vec::new(),
        };
        let explanations = Explanations { pair_ranks: Vec::new(), shortfalls: Vec::new() };
        let html = render_report(&roster, &result, &explanations, &RuleConfig::default());

        let chart = figure(&html, "mentee-organisations");
        let labels: Vec<&str> = chart
            .match_indices("<th scope=\"row\">")
            .map(|(start, tag)| {
                let label = &chart[start + tag.len()..];
                &label[..label.find("</th>").unwrap()]
            })
            .collect();
        let mut expected = vec!["Org 20".to_owned()];
        expected.extend((1..=14).map(|i| format!("Org {i:02}")));
        expected.push("other (5 organisations)".to_owned());
        assert_eq!(labels, expected);
        assert!(chart.contains("<th scope=\"row\">Org 20</th><td>2</td>"));
        assert!(chart.contains("<th scope=\"row\">other (5 organisations)</th><td>5</td>"));
        assert_eq!(chart.matches("class=\"bar grouped\"").count(), 1);
        // The mentor chart shows every count up to the personal maximum.
        assert!(
            figure(&html, "mentor-match-counts")
                .contains("<th scope=\"row\">21 matches</th><td>1</td>")
        );
    }

    #[test]
    fn numeric_grades_give_gaps() {
        let rules = RuleConfig { numeric_grades: true, ..RuleConfig::default() };
        let mentors = vec![
            person("A", "A", "a@example.org", "7", "One"),
            person("B", "B", "b@example.org", "senior", "One"),
        ];
        let mentees = vec![person("C", "C", "c@example.org", " 3 ", "Two")];
        let roster = Roster::new(mentors, mentees).unwrap();
        let result = MatchResult {
            priority: Priority::BestMatches,
            total_score: 0,
            pairs: vec![pair(0, 0, 0, 0), pair(1, 0, 0, 0)],
            mentor_match_counts: vec![1, 1],
            mentee_match_counts: vec![2],
            custom_rules: Vec::new(),
        };
        let explanations = Explanations { pair_ranks: Vec::new(), shortfalls: Vec::new() };
        let html = render_report(&roster, &result, &explanations, &rules);

        let gaps = figure(&html, "grade-gap-distribution");
        assert!(gaps.contains("<th scope=\"row\">4 grades above</th><td>1</td>"));
        // The default seniority rule allows gaps of 1 and 2.
        assert!(gaps.contains("<th scope=\"row\">1 grade above</th><td>0</td>"));
        assert!(gaps.contains("<th scope=\"row\">3 grades above</th><td>0</td>"));
        assert!(gaps.contains("in grade numbers</figcaption>"));
        assert!(gaps.contains("<th scope=\"row\">grade not recognised</th><td>1</td>"));
    }

    #[test]
    fn bins_are_one_value_wide_when_narrow() {
        let bins = integer_bins(&[-1, 3, 3, 1], None, MAX_BINS);
        let expected: Vec<Bin> = [(-1, 1), (0, 0), (1, 1), (2, 0), (3, 2)]
            .into_iter()
            .map(|(value, count)| Bin { low: value, high: value, count })
            .collect();
        assert_eq!(bins, expected);
        assert!(integer_bins(&[], Some((0, 1)), MAX_BINS).is_empty());

        let covered = integer_bins(&[2], Some((1, 3)), MAX_BINS);
        let expected: Vec<Bin> = [(1, 0), (2, 1), (3, 0)]
            .into_iter()
            .map(|(value, count)| Bin { low: value, high: value, count })
            .collect();
        assert_eq!(covered, expected);
    }

    #[test]
    fn bins_group_wide_ranges() {
        let values: Vec<i64> = (10..=109).collect();
        let bins = integer_bins(&values, None, MAX_BINS);
        assert_eq!(bins.len(), 20);
        assert_eq!(bins[0], Bin { low: 10, high: 14, count: 5 });
        assert_eq!(bins[0].label(), "10 to 14");

        // Width 5 would need 21 bins from 5 to 109, so the width is 10.
        let values: Vec<i64> = (7..=106).collect();
        let bins = integer_bins(&values, None, MAX_BINS);
        assert_eq!(bins.len(), 11);
        assert_eq!(bins[0], Bin { low: 0, high: 9, count: 3 });
        assert_eq!(bins.last(), Some(&Bin { low: 100, high: 109, count: 7 }));
        for window in bins.windows(2) {
            assert_eq!(window[0].high + 1, window[1].low, "bins are contiguous");
        }
        assert_eq!(bins.iter().map(|bin| bin.count).sum::<usize>(), values.len());

        let negative = integer_bins(&[-23, -1], None, MAX_BINS);
        assert_eq!(negative[0], Bin { low: -24, high: -23, count: 1 });
        assert_eq!(negative.last(), Some(&Bin { low: -2, high: -1, count: 1 }));
    }

    #[test]
    fn bins_survive_extreme_values() {
        let values = [i64::MIN, -1, 0, i64::MAX];
        let bins = integer_bins(&values, None, MAX_BINS);
        assert!(bins.len() <= MAX_BINS, "{} bins", bins.len());
        assert_eq!(bins.iter().map(|bin| bin.count).sum::<usize>(), values.len());
        assert_eq!(bins[0].low, i64::MIN);
        assert_eq!(bins.last().unwrap().high, i64::MAX);
    }

    #[test]
    fn gap_labels_name_direction() {
        let label = |low, high| gap_label(&Bin { low, high, count: 0 });
        assert_eq!(label(0, 0), "same grade");
        assert_eq!(label(1, 1), "1 grade above");
        assert_eq!(label(-2, -2), "2 grades below");
        assert_eq!(label(5, 9), "5 to 9 grades above");
        assert_eq!(label(-9, -5), "5 to 9 grades below");
        assert_eq!(label(-5, 4), "-5 to 4 grades");
    }

    #[test]
    fn percentage_rounds_to_tenths() {
        assert_eq!(percentage(2, 3).as_deref(), Some("66.7%"));
        assert_eq!(percentage(1, 3).as_deref(), Some("33.3%"));
        assert_eq!(percentage(1, 8).as_deref(), Some("12.5%"));
        assert_eq!(percentage(1, 16).as_deref(), Some("6.3%"));
        assert_eq!(percentage(4, 4).as_deref(), Some("100.0%"));
        assert_eq!(percentage(0, 0), None);
    }

    #[test]
    fn escaping_replaces_markup_and_controls() {
        assert_eq!(Escaped("a&b<c>d\"e'f").to_string(), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assert_eq!(
            Escaped("tab\there\nnul\u{0}esc\u{1b}c1\u{85}").to_string(),
            "tab\there\nnul\u{fffd}esc\u{fffd}c1\u{fffd}"
        );
        assert_eq!(Escaped("Zoë 🙂").to_string(), "Zoë 🙂");
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("short", 28), "short");
        let long = "Department for Environment, Food and Rural Affairs";
        let short = shorten(long, 28);
        assert_eq!(short.chars().count(), 28);
        assert!(short.ends_with('…'));
        assert!(long.starts_with(short.trim_end_matches('…')));
    }
}
