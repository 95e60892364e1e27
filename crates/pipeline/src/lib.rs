//! Runs the pure stages in order over one [`Document`]:
//! text → nlp → ner → time → actors → coder. Models and data are loaded
//! once by [`Pipeline::new`]; [`Pipeline::process`] is then a pure function
//! of the document and can run on many threads at once.
#![forbid(unsafe_code)]

mod simhash;

use kroniek_actors::Registry;
use kroniek_coder::Lexicon;
use kroniek_model::{DateSource, DocDate, Document, MentionKind};
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

/// Which sentences get a dependency parse (the most expensive stage).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParseScope {
    /// Only those events need: sentences with a possible trigger, and the
    /// sentences before them whose subject a pronoun may take over
    /// ([`sentences_to_parse`]). The events are the same as with
    /// [`ParseScope::All`]; the other sentences keep tags and lemmas but no tree.
    #[default]
    EventSentences,
    /// Every sentence (for users of the trees themselves).
    All,
}

pub struct Pipeline {
    depth: Depth,
    parse: ParseScope,
    nlp: Option<&'static Models>,
    ner: Option<&'static NerModel>,
    /// The registry's names joined with the recogniser's own list
    /// ([`NerModel::names_with`]).
    names: Gazetteer,
    registry: Option<Registry>,
    lexicon: Option<&'static Lexicon>,
}

#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Extra registry files (name, content) that extend or override the built-in registry.
    pub user_registry: Vec<(String, String)>,
    pub parse: ParseScope,
}

impl Pipeline {
    pub fn new(depth: Depth, options: &PipelineOptions) -> Result<Self, PipelineError> {
        if depth == Depth::Text {
            return Ok(Pipeline {
                depth,
                parse: options.parse,
                nlp: None,
                ner: None,
                names: Gazetteer::empty(),
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
        let ner = NerModel::builtin()?;
        Ok(Pipeline {
            depth,
            parse: options.parse,
            nlp: Some(Models::builtin()?),
            ner: Some(ner),
            names: ner.names_with(&gazetteer),
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
        let mut may_fire = None;
        let mut recognised = false;
        if let Some(nlp) = self.nlp {
            match (self.parse, self.lexicon, &self.registry) {
                (ParseScope::EventSentences, Some(lexicon), Some(registry)) => {
                    nlp.tag_document(doc);
                    // NER reads no parse, and the gate reads its spans.
                    if let Some(ner) = self.ner {
                        doc.mentions = ner.recognise_with_names(doc, &self.names);
                        recognised = true;
                    }
                    let fires = sentences_that_may_code(doc, lexicon, registry);
                    nlp.parse_sentences(doc, &sentences_to_parse_from(doc, &fires, registry));
                    may_fire = Some(fires);
                }
                _ => nlp.annotate(doc),
            }
        }
        if let Some(ner) = self.ner
            && !recognised
        {
            doc.mentions = ner.recognise_with_names(doc, &self.names);
        }
        kroniek_time::annotate(doc);
        if let Some(registry) = &self.registry {
            kroniek_actors::link(doc, registry);
        }
        if let Some(lexicon) = self.lexicon {
            doc.events = match &may_fire {
                Some(fires) => kroniek_coder::code_where(doc, lexicon, fires),
                None => kroniek_coder::code(doc, lexicon),
            };
        }
    }
}

/// The sentences whose parse can change the events of a tagged document:
/// those that may carry an event ([`sentences_that_may_code`]), and, going back from each, the previous
/// sentence as long as the later one has a word that may take its referent
/// from there ([`Registry::may_refer_back`]). A pronoun's antecedent may
/// itself be a pronoun, so the chain goes on while each sentence may refer
/// back. A sentence reached only that way is parsed only if it may hold an
/// actor with a code ([`Registry::may_have_coded_actors`]) or a NER
/// organisation: the linker reads its tree only to tell which of its
/// actors is the subject, and the coder takes only actors with a code, so
/// a choice among uncoded ones changes no event, with one exception. When
/// no subject is found for a plural pronoun (`ze`), the linker falls back
/// to the first of two coordinated states (`Armenië en Azerbeidzjan ...
/// ze`), and an unknown organisation (uncoded, but a candidate for `ze`)
/// found as the subject would block that. Unknown persons never compete
/// with it. The date rules read that sentence's tags, not its tree.
pub fn sentences_to_parse(doc: &Document, lexicon: &Lexicon, registry: &Registry) -> Vec<bool> {
    sentences_to_parse_from(
        doc,
        &sentences_that_may_code(doc, lexicon, registry),
        registry,
    )
}

/// [`Lexicon::may_fire`] of every sentence.
pub fn sentences_that_may_fire(doc: &Document, lexicon: &Lexicon) -> Vec<bool> {
    (0..doc.sentences.len())
        .map(|s| lexicon.may_fire(&doc.text, doc.sentence_tokens(s)))
        .collect()
}

/// The sentences that may carry an event: a trigger may fire
/// ([`Lexicon::may_fire`]) and linking may give them an actor with a code
/// ([`Registry::may_have_coded_actors`]; `doc.mentions` must still be NER's
/// spans). In the 5 MB test corpus of BENCHMARKS.md, 47 % of the sentences
/// with a trigger had neither a possible coded actor nor a word that refers
/// back, and none of them had an event.
pub fn sentences_that_may_code(
    doc: &Document,
    lexicon: &Lexicon,
    registry: &Registry,
) -> Vec<bool> {
    registry.may_have_coded_actors(doc, &sentences_that_may_fire(doc, lexicon))
}

/// [`sentences_to_parse`] given which sentences may fire.
pub fn sentences_to_parse_from(
    doc: &Document,
    may_fire: &[bool],
    registry: &Registry,
) -> Vec<bool> {
    let n = doc.sentences.len();
    let mut wanted = vec![false; n];
    let mut refers_back_from_next = false;
    for s in (0..n).rev() {
        let tokens = doc.sentence_tokens(s);
        wanted[s] = refers_back_from_next || may_fire.get(s).copied().unwrap_or(true);
        refers_back_from_next = wanted[s] && registry.may_refer_back(&doc.text, tokens);
    }
    let context: Vec<bool> = (0..n)
        .map(|s| wanted[s] && !may_fire.get(s).copied().unwrap_or(true))
        .collect();
    let may_hold_actors = registry.may_have_coded_actors(doc, &context);
    let mut has_organisation = vec![false; n];
    for m in doc.mentions.iter().filter(|m| m.kind == MentionKind::Org) {
        if let Some(has) = has_organisation.get_mut(m.sentence as usize) {
            *has = true;
        }
    }
    for s in 0..n {
        if context[s] && !may_hold_actors[s] && !has_organisation[s] {
            wanted[s] = false;
        }
    }
    wanted
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
