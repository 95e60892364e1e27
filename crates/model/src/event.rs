use serde::{Deserialize, Serialize};

use crate::{Precision, Span};

/// The 16 PLOVER event categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Category {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

/// PLOVER quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl QuadClass {
    pub const ALL: [QuadClass; 4] = [
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal_cooperation",
            QuadClass::MaterialCooperation => "material_cooperation",
            QuadClass::VerbalConflict => "verbal_conflict",
            QuadClass::MaterialConflict => "material_conflict",
        }
    }
}

impl Category {
    pub const ALL: [Category; 16] = [
        Category::Agree,
        Category::Consult,
        Category::Support,
        Category::Concede,
        Category::Cooperate,
        Category::Aid,
        Category::Retreat,
        Category::Request,
        Category::Accuse,
        Category::Reject,
        Category::Threaten,
        Category::Protest,
        Category::Sanction,
        Category::Mobilize,
        Category::Coerce,
        Category::Assault,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Agree => "AGREE",
            Category::Consult => "CONSULT",
            Category::Support => "SUPPORT",
            Category::Concede => "CONCEDE",
            Category::Cooperate => "COOPERATE",
            Category::Aid => "AID",
            Category::Retreat => "RETREAT",
            Category::Request => "REQUEST",
            Category::Accuse => "ACCUSE",
            Category::Reject => "REJECT",
            Category::Threaten => "THREATEN",
            Category::Protest => "PROTEST",
            Category::Sanction => "SANCTION",
            Category::Mobilize => "MOBILIZE",
            Category::Coerce => "COERCE",
            Category::Assault => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let upper = s.trim().to_ascii_uppercase();
        Category::ALL.into_iter().find(|c| c.as_str() == upper)
    }

    /// The PLOVER conflict–cooperation score.
    pub fn score(&self) -> f32 {
        match self {
            Category::Agree => 4.2,
            Category::Consult => 2.1,
            Category::Support => 4.6,
            Category::Concede => 5.0,
            Category::Cooperate => 6.8,
            Category::Aid => 7.4,
            Category::Retreat => 7.6,
            Category::Request => -5.0,
            Category::Accuse => -2.0,
            Category::Reject => -4.2,
            Category::Threaten => -5.1,
            Category::Protest => -6.6,
            Category::Sanction => -5.2,
            Category::Mobilize => -5.3,
            Category::Coerce => -7.2,
            Category::Assault => -9.3,
        }
    }

    /// The score of an event of this category in a given mode. PLOVER's
    /// REQUEST joins CAMEO's appeals (02, Goldstein +3.0) and demands (10,
    /// −5.0); an appeal to stop fighting is not a hostile demand, so the
    /// `appeal` and `ask` modes take the appeal score. Every other category
    /// and mode keeps [`Category::score`].
    pub fn score_in_mode(&self, mode: Option<&str>) -> f32 {
        match (self, mode) {
            (Category::Request, Some("appeal" | "ask")) => 3.0,
            _ => self.score(),
        }
    }

    pub fn quad_class(&self) -> QuadClass {
        use Category::*;
        match self {
            Agree | Consult | Support | Concede => QuadClass::VerbalCooperation,
            Cooperate | Aid | Retreat => QuadClass::MaterialCooperation,
            Request | Accuse | Reject | Threaten => QuadClass::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => QuadClass::MaterialConflict,
        }
    }

    /// PLOVER requires a recipient only for these.
    pub fn needs_target(&self) -> bool {
        matches!(
            self,
            Category::Cooperate | Category::Aid | Category::Sanction
        )
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Reported,
    Hypothetical,
    Future,
    Negated,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
            Modality::Future => "future",
            Modality::Negated => "negated",
        }
    }
}

/// An actor as it takes part in an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// Registry actor id, if linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The words as written in the sentence.
    pub text: String,
    /// Country (ISO 3166-1 alpha-3) or organisation code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

/// One coded event with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_id: String,
    pub doc_id: String,
    /// Index of the sentence in the document.
    pub sentence_index: u32,
    /// The evidence sentence as it stands in the cleaned text.
    pub sentence: String,
    /// Byte span of the sentence in the cleaned text.
    pub span: Span,
    /// The words that fired the coder.
    pub trigger: String,
    pub trigger_span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<Precision>,
    /// Which rule dated the event (clause-timex, sentence-timex, document, none).
    #[serde(default)]
    pub date_rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<EventActor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<EventActor>,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    pub quad_class: QuadClass,
    pub score: f32,
    pub negated: bool,
    pub modality: Modality,
    /// Who reports the event (`zei dat`, `volgens X`), when not the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<EventActor>,
    pub confidence: f32,
    pub coder_version: String,
}

impl Event {
    /// Whether the event is left out of counts, timelines and networks:
    /// it is negated (`weigerde te tekenen`) or only hypothetical
    /// (`als X Y zou bezoeken`). Every store and export applies this one rule.
    pub fn is_uncounted(&self) -> bool {
        self.negated || self.modality == Modality::Hypothetical
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_score_as_cooperation_and_demands_as_conflict() {
        let appeal = Category::Request.score_in_mode(Some("appeal"));
        let demand = Category::Request.score_in_mode(Some("demand"));
        assert!(appeal > 0.0 && demand < 0.0, "{appeal} {demand}");
        assert_eq!(
            Category::Request.score_in_mode(None),
            Category::Request.score()
        );
        assert_eq!(
            Category::Accuse.score_in_mode(Some("appeal")),
            Category::Accuse.score()
        );
    }
}
