//! The flat, GDELT-like event row shared by CSV, JSON Lines and Parquet.
use chrono::{Datelike, NaiveDate};
use kroniek_model::{Event, EventActor};
use serde::{Deserialize, Serialize};

/// How often a story (one real-world event) was told; from story clustering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryCounts {
    /// Event records (sentences) that tell the story.
    pub num_mentions: u32,
    /// Distinct documents that tell it.
    pub num_docs: u32,
    pub doc_ids: Vec<String>,
}

/// Column names, in order (CSV header, Parquet schema minus the partition
/// columns `year` and `month`, which Parquet keeps in the folder names).
pub const FLAT_COLUMNS: [&str; 31] = [
    "event_id",
    "date",
    "date_precision",
    "date_begin",
    "date_end",
    "year",
    "month",
    "source_id",
    "source_name",
    "source_country",
    "source_sector",
    "target_id",
    "target_name",
    "target_country",
    "target_sector",
    "category",
    "mode",
    "quad_class",
    "score",
    "negated",
    "modality",
    "confidence",
    "num_mentions",
    "num_docs",
    "doc_id",
    "doc_ids",
    "sentence_index",
    "sentence",
    "trigger",
    "date_rule",
    "coder_version",
];

/// One event as a flat row. Lists (`doc_ids`) are joined with `;` as in GDELT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlatEvent {
    pub event_id: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    /// First and last day the date covers (`YYYY-MM-DD`).
    pub date_begin: Option<String>,
    pub date_end: Option<String>,
    /// Set when the date lies within one year / one month.
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub source_id: Option<String>,
    pub source_name: Option<String>,
    pub source_country: Option<String>,
    pub source_sector: Option<String>,
    pub target_id: Option<String>,
    pub target_name: Option<String>,
    pub target_country: Option<String>,
    pub target_sector: Option<String>,
    pub category: String,
    pub mode: Option<String>,
    pub quad_class: String,
    pub score: f32,
    pub negated: bool,
    pub modality: String,
    pub confidence: f32,
    pub num_mentions: u32,
    pub num_docs: u32,
    pub doc_id: String,
    pub doc_ids: String,
    pub sentence_index: u32,
    pub sentence: String,
    pub trigger: String,
    pub date_rule: String,
    pub coder_version: String,
}

/// `YYYY-MM-DD` (as chrono's `%Y-%m-%d`, without its format parser).
fn day(d: NaiveDate) -> String {
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

fn owned_parts(a: Option<EventActor>) -> [Option<String>; 4] {
    match a {
        Some(a) => [
            a.id,
            a.name.or_else(|| Some(a.text).filter(|t| !t.is_empty())),
            a.country,
            a.sector,
        ],
        None => [None, None, None, None],
    }
}

impl FlatEvent {
    /// The row for `e`; without story counts the event counts as told once,
    /// in its own document.
    pub fn new(e: &Event, story: Option<&StoryCounts>) -> Self {
        Self::from_event(e.clone(), story)
    }

    /// [`FlatEvent::new`] taking the event, whose strings move into the row.
    pub fn from_event(e: Event, story: Option<&StoryCounts>) -> Self {
        let interval = e.date.as_deref().and_then(date_interval);
        let [source_id, source_name, source_country, source_sector] = owned_parts(e.source);
        let [target_id, target_name, target_country, target_sector] = owned_parts(e.target);
        let year = interval
            .filter(|(b, e)| b.year() == e.year())
            .map(|(b, _)| b.year());
        let month = interval
            .filter(|(b, e)| b.year() == e.year() && b.month() == e.month())
            .map(|(b, _)| b.month());
        let doc_ids = story.map_or_else(|| e.doc_id.clone(), |s| s.doc_ids.join(";"));
        FlatEvent {
            event_id: e.event_id,
            date: e.date,
            date_precision: e.date_precision.map(|p| p.as_str().to_string()),
            date_begin: interval.map(|(b, _)| day(b)),
            date_end: interval.map(|(_, e)| day(e)),
            year,
            month,
            source_id,
            source_name,
            source_country,
            source_sector,
            target_id,
            target_name,
            target_country,
            target_sector,
            category: e.category.as_str().to_string(),
            mode: e.mode,
            quad_class: e.quad_class.as_str().to_string(),
            score: e.score,
            negated: e.negated,
            modality: e.modality.as_str().to_string(),
            confidence: e.confidence,
            num_mentions: story.map_or(1, |s| s.num_mentions),
            num_docs: story.map_or(1, |s| s.num_docs),
            doc_id: e.doc_id,
            doc_ids,
            sentence_index: e.sentence_index,
            sentence: e.sentence,
            trigger: e.trigger,
            date_rule: e.date_rule,
            coder_version: e.coder_version,
        }
    }
}

/// First and last day of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (and longer
/// values starting with those); `None` otherwise.
pub(crate) fn date_interval(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let year: i32 = value.get(..4)?.parse().ok()?;
    let month: Option<u32> = value
        .get(4..7)
        .and_then(|m| m.strip_prefix('-'))
        .and_then(|m| m.parse().ok());
    let day: Option<u32> = value
        .get(7..10)
        .and_then(|d| d.strip_prefix('-'))
        .and_then(|d| d.parse().ok());
    match (month, day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).map(|d| (d, d)),
        (Some(m), None) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let last = first
                .checked_add_months(chrono::Months::new(1))?
                .pred_opt()?;
            Some((first, last))
        }
        _ => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values_become_intervals() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            date_interval("2024-02"),
            d("2024-02-01").zip(d("2024-02-29"))
        );
        assert_eq!(
            date_interval("2023-10-07"),
            d("2023-10-07").zip(d("2023-10-07"))
        );
        assert_eq!(
            date_interval("2023-Q4"),
            d("2023-01-01").zip(d("2023-12-31"))
        );
        assert_eq!(date_interval("2023"), d("2023-01-01").zip(d("2023-12-31")));
        assert_eq!(date_interval("2023-13"), None);
        assert_eq!(date_interval("xx"), None);
        for value in ["0999-01-02", "2024-02-29", "9999-12-31"] {
            let (b, _) = date_interval(value).unwrap();
            assert_eq!(day(b), b.format("%Y-%m-%d").to_string());
        }
    }
}
