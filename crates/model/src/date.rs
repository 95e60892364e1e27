use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Span;

/// How precisely a date is known. Ordered from finest to coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "day" => Precision::Day,
            "week" => Precision::Week,
            "month" => Precision::Month,
            "season" => Precision::Season,
            "quarter" => Precision::Quarter,
            "year" => Precision::Year,
            "decade" => Precision::Decade,
            "century" => Precision::Century,
            _ => return None,
        })
    }
}

/// A normalised point or period in time: a TIMEX3-like `value`
/// (`2023-09-24`, `2023-W38`, `2023-09`, `2020-SU`, `2023-Q1`, `2023`, `202`, `19`)
/// plus the calendar interval it covers (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeValue {
    pub value: String,
    pub precision: Precision,
    pub begin: NaiveDate,
    pub end: NaiveDate,
}

impl TimeValue {
    pub fn day(date: NaiveDate) -> Self {
        TimeValue {
            value: date.format("%Y-%m-%d").to_string(),
            precision: Precision::Day,
            begin: date,
            end: date,
        }
    }
}

/// A temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    /// Index of the sentence in `Document::sentences`.
    pub sentence: u32,
    /// date | duration | range | set
    pub kind: String,
    /// The normalised value; `None` when the expression cannot be anchored
    /// (a weekday in a document without a date, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<TimeValue>,
    /// For ranges (`sinds november 2020`, `tot 2025`): the other end, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<TimeValue>,
    /// How the value was obtained: absolute, relative-to-document, weekday-past, ...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// Where a document date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A `date YYYY-MM[-DD]` header line in the file.
    Header,
    /// A metadata field (JSONL `date`, HTML meta tag).
    Metadata,
    /// Given by the user (`ingest --date`).
    User,
    /// Inferred from the text.
    Inferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    #[serde(flatten)]
    pub value: TimeValue,
    pub source: DateSource,
    /// For inferred dates: the expression that supports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}
