//! Runs the pure stages in order over one [`Document`]:
//! text → nlp → ner → time → actors → coder. Models and data are loaded
//! once by [`Pipeline::new`]; [`Pipeline::process`] is then a pure function
//! of the document and can run on many threads at once.
#![forbid(unsafe_code)]

mod simhash;

use kroniek_actors::Registry;
use kroniek_coder::Lexicon;
use kroniek_model::{DateSource, DocDate, Document};
use kroniek_ner::{Gazetteer, NerModel};
use kroniek_nlp::Models;

pub use simhash::{hamming, simhash};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("language models: {0}")]
    Nlp(#[from] kroniek_nlp::ModelError),
    #[error("named-entity model: {0}")]
    Ner(#[from] kroniek_ner::ModelError),
    #[error("actor registry: {0}")]
    Registry(#[from] kroniek_actors::RegistryError),
    #[error("event lexicon: {0}")]
    Lexicon(#[from] kroniek_coder::LexiconError),
}

/// Which stages to run; later stages need the earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Cleaning, language, sentences, tokens.
    Text,
    /// Everything up to coded events.
    Events,
}

pub struct Pipeline {
    depth: Depth,
    nlp: Option<&'static Models>,
    ner: Option<&'static NerModel>,
    gazetteer: Gazetteer,
    registry: Option<Registry>,
    lexicon: Option<&'static Lexicon>,
}

#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Extra registry files (name, content) that extend or override the built-in registry.
    pub user_registry: Vec<(String, String)>,
}

impl Pipeline {
    pub fn new(depth: Depth, options: &PipelineOptions) -> Result<Self, PipelineError> {
        if depth == Depth::Text {
            return Ok(Pipeline {
                depth,
                nlp: None,
                ner: None,
                gazetteer: Gazetteer::empty(),
                registry: None,
                lexicon: None,
            });
        }
        let builtin = Registry::builtin()?;
        let registry = if options.user_registry.is_empty() {
            builtin.with_overrides(&Registry::parse(&[])?)
        } else {
            let files: Vec<(&str, &str)> = options
                .user_registry
                .iter()
                .map(|(n, c)| (n.as_str(), c.as_str()))
                .collect();
            builtin.with_overrides(&Registry::parse(&files)?)
        };
        let entries = registry.gazetteer_entries();
        let gazetteer = Gazetteer::new(entries.iter().map(|(name, kind)| (name.as_str(), *kind)));
        Ok(Pipeline {
            depth,
            nlp: Some(Models::builtin()?),
            ner: Some(NerModel::builtin()?),
            gazetteer,
            registry: Some(registry),
            lexicon: Some(Lexicon::builtin()?),
        })
    }

    pub fn registry(&self) -> Option<&Registry> {
        self.registry.as_ref()
    }

    /// Run every stage over a document whose `raw` text is set.
    pub fn process(&self, doc: &mut Document) {
        kroniek_text::prepare(doc);
        set_declared_date(doc);
        doc.meta
            .insert("simhash".into(), format!("{:016x}", simhash(&doc.text)));
        if self.depth == Depth::Text {
            return;
        }
        if let Some(nlp) = self.nlp {
            nlp.annotate(doc);
        }
        if let Some(ner) = self.ner {
            doc.mentions = ner.recognise(doc, &self.gazetteer);
        }
        kroniek_time::annotate(doc);
        if let Some(registry) = &self.registry {
            kroniek_actors::link(doc, registry);
        }
        if let Some(lexicon) = self.lexicon {
            doc.events = kroniek_coder::code(doc, lexicon);
        }
    }
}

/// Dates the document itself declares, by priority: a header line, then a
/// metadata field (JSONL `date`, HTML meta), then the user's `--date`.
/// Inference from the text happens later, in the time stage, only when none
/// of these exists.
fn set_declared_date(doc: &mut Document) {
    if doc.date.is_some() {
        return;
    }
    let candidates = [
        ("header_date", DateSource::Header),
        ("metadata_date", DateSource::Metadata),
        ("user_date", DateSource::User),
    ];
    for (key, source) in candidates {
        let Some(raw) = doc.meta.get(key) else {
            continue;
        };
        let value = kroniek_time::parse_date_value(raw.trim())
            .or_else(|| raw.get(..10).and_then(kroniek_time::parse_date_value));
        match value {
            Some(value) => {
                doc.date = Some(DocDate {
                    value,
                    source,
                    evidence: None,
                });
                return;
            }
            None => {
                doc.meta.insert(format!("{key}_unparsed"), "true".into());
            }
        }
    }
}
