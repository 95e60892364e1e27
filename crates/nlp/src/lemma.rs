//! Lemmas and morphological features: a form lexicon from the treebank, a
//! second one from silver news text, and suffix rules (edit scripts keyed by
//! UPOS + the form's last characters) for everything else.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::conllu::UdSentence;
use crate::perceptron::{hash_str, mix};
use crate::silver::SilverWord;
use crate::words::{lowercase_into, upos_index};

const MAX_RULE_SUFFIX: usize = 7;

/// How to turn a form into its lemma: optionally lowercase, drop a prefix
/// (`ge-` of participles), drop the last characters, append a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EditScript {
    pub lowercase: bool,
    pub strip_prefix: u8,
    pub strip_suffix: u8,
    pub append: String,
}

impl EditScript {
    pub fn learn(form: &str, lemma: &str) -> EditScript {
        let form_upper = form.chars().next().is_some_and(char::is_uppercase);
        let lemma_lower = lemma.chars().next().is_some_and(char::is_lowercase);
        let lowercase = form_upper && lemma_lower;
        let source: Vec<char> = if lowercase {
            form.to_lowercase().chars().collect()
        } else {
            form.chars().collect()
        };
        let target: Vec<char> = lemma.chars().collect();
        let common = |a: &[char]| a.iter().zip(&target).take_while(|(x, y)| x == y).count();
        let mut strip_prefix = 0usize;
        let mut shared = common(&source);
        if source.len() > 4 && source[..2] == ['g', 'e'] && !(target.starts_with(&['g', 'e'])) {
            let after = common(&source[2..]);
            if after >= 3 && after > shared {
                strip_prefix = 2;
                shared = after;
            }
        }
        let rest = source.len() - strip_prefix;
        EditScript {
            lowercase,
            strip_prefix: strip_prefix as u8,
            strip_suffix: (rest - shared).min(255) as u8,
            append: target[shared..].iter().collect(),
        }
    }

    /// Applies the script; `None` when the form is too short for it.
    pub fn apply(&self, form: &str) -> Option<String> {
        let source = if self.lowercase {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = source.chars().count();
        let (pre, suf) = (
            usize::from(self.strip_prefix),
            usize::from(self.strip_suffix),
        );
        if pre + suf >= n + usize::from(self.append.is_empty()) {
            return None;
        }
        let mut out: String = source.chars().skip(pre).take(n - pre - suf).collect();
        out.push_str(&self.append);
        (!out.is_empty()).then_some(out)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    pub upos: u8,
    pub lemma: String,
    /// Empty when the source gave none (a silver CGN tag with ambiguous feats).
    pub feats: String,
    /// Tokens behind the entry.
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SuffixRule {
    script: EditScript,
    feats: String,
    /// Number of treebank word types behind the rule.
    support: u32,
}

/// Lemmatiser and feature lexicon.
#[derive(Clone, Serialize, Deserialize, Default)]
pub struct Lemmatiser {
    gold: FxHashMap<String, Vec<Analysis>>,
    news: FxHashMap<String, Vec<Analysis>>,
    /// Key: `mix(upos, hash(last k chars of the lowercased form))`.
    rules: FxHashMap<u64, SuffixRule>,
    /// Most frequent feats per UPOS, the last resort.
    default_feats: Vec<String>,
    /// Lemmas that occur as the first part of compounds or as words of
    /// their own (`vrouw`, `plaatsing`), for splitting unknown compounds.
    modifiers: FxHashSet<String>,
    /// Separable-verb particles seen in the treebank (`op`, `uit`, `af`).
    particles: FxHashSet<String>,
    /// Verb lemmas (treebank and news, lowercase, no `_`): the part after a
    /// particle must be one of them (`op_nemen`).
    verbs: FxHashSet<String>,
}

fn rule_key(upos: u8, suffix: &str) -> u64 {
    mix(u64::from(upos) + 1, hash_str(suffix))
}

type Tally<T> = FxHashMap<T, u32>;

fn best<T: Clone + Ord + std::hash::Hash>(tally: &Tally<T>) -> Option<T> {
    tally
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

/// The lemma without a particle that the treebank glued onto a separable
/// verb (`aan_sporen` for `spoorde ... aan`): the verb's own lemma.
pub fn base_lemma(sentence: &UdSentence, index: usize) -> String {
    let word = &sentence.words[index];
    for child in &sentence.words {
        if child.head == index + 1 && child.deprel == "compound:prt" {
            let particle = child.lemma.to_lowercase();
            if let Some(rest) = word.lemma.strip_prefix(&format!("{particle}_")) {
                return rest.to_string();
            }
            if let Some(rest) = word.lemma.strip_prefix(&particle)
                && rest.chars().count() >= 3
            {
                return rest.to_string();
            }
        }
    }
    word.lemma.clone()
}

impl Lemmatiser {
    pub fn train(gold: &[UdSentence], silver: &[Vec<SilverWord>]) -> Lemmatiser {
        let mut gold_tally: FxHashMap<(String, u8), Tally<(String, String)>> = FxHashMap::default();
        for sentence in gold {
            for (i, w) in sentence.words.iter().enumerate() {
                let Some(u) = upos_index(&w.upos) else {
                    continue;
                };
                *gold_tally
                    .entry((w.form.clone(), u))
                    .or_default()
                    .entry((base_lemma(sentence, i), w.feats.clone()))
                    .or_default() += 1;
            }
        }
        let mut news_tally: FxHashMap<(String, u8), Tally<(String, String)>> = FxHashMap::default();
        for sentence in silver {
            for w in sentence {
                let feats = match w.upos {
                    Some(_) => w.feats.clone().unwrap_or_default(),
                    None => String::new(),
                };
                for u in (0..crate::words::UPOS.len() as u8).filter(|u| w.lemma_upos >> u & 1 == 1)
                {
                    *news_tally
                        .entry((w.form.clone(), u))
                        .or_default()
                        .entry((w.lemma.clone(), feats.clone()))
                        .or_default() += 1;
                }
            }
        }
        // Treebank lemmas that news text confirms win over rare treebank
        // noise (`hielden` → `hielen` twice, `houden` once).
        for ((form, u), tally) in gold_tally.iter_mut() {
            let Some(news) = news_tally.get(&(form.clone(), *u)) else {
                continue;
            };
            for ((lemma, _), n) in tally.iter_mut() {
                let plain = lemma.replace('_', "");
                let confirmed: u32 = news
                    .iter()
                    .filter(|((l, _), _)| *l == plain)
                    .map(|(_, c)| *c)
                    .sum();
                *n = *n * 2 + confirmed.min(*n * 4 + 4);
            }
        }
        let mut script_tally: FxHashMap<u64, Tally<EditScript>> = FxHashMap::default();
        let mut feats_tally: FxHashMap<u64, Tally<String>> = FxHashMap::default();
        let mut upos_feats: Vec<Tally<String>> = vec![Tally::default(); crate::words::UPOS.len()];
        let mut lower = String::new();
        for ((form, u), tally) in &gold_tally {
            let Some((lemma, feats)) = best(tally) else {
                continue;
            };
            let script = EditScript::learn(form, &lemma.replace('_', ""));
            lowercase_into(form, &mut lower);
            let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
            for k in 0..=MAX_RULE_SUFFIX.min(starts.len()) {
                let suffix = &lower[starts.get(starts.len() - k).copied().unwrap_or(lower.len())..];
                let key = rule_key(*u, suffix);
                *script_tally
                    .entry(key)
                    .or_default()
                    .entry(script.clone())
                    .or_default() += 1;
                *feats_tally
                    .entry(key)
                    .or_default()
                    .entry(feats.clone())
                    .or_default() += 1;
            }
            *upos_feats[usize::from(*u)].entry(feats).or_default() += 1;
        }
        let rules = script_tally
            .into_iter()
            .filter_map(|(key, scripts)| {
                let script = best(&scripts)?;
                let feats = feats_tally.get(&key).and_then(best).unwrap_or_default();
                let support = scripts.values().sum();
                Some((
                    key,
                    SuffixRule {
                        script,
                        feats,
                        support,
                    },
                ))
            })
            .collect();
        let mut modifiers = FxHashSet::default();
        let mut particles = FxHashSet::default();
        for sentence in gold {
            for w in &sentence.words {
                if w.deprel == "compound:prt" {
                    particles.insert(w.lemma.to_lowercase());
                }
                let parts: Vec<&str> = w.lemma.split('_').collect();
                let content = matches!(w.upos.as_str(), "NOUN" | "ADJ" | "VERB" | "NUM");
                if parts.len() > 1 {
                    for part in &parts[..parts.len() - 1] {
                        if part.chars().count() >= 3 {
                            modifiers.insert(part.to_lowercase());
                        }
                    }
                } else if content && w.lemma.chars().count() >= 3 {
                    modifiers.insert(w.lemma.to_lowercase());
                }
                // Verb stems (`speel`, `woon`) are modifiers too: `speel_stad`.
                if w.xpos == "WW|pv|tgw|ev" && w.form.chars().count() >= 3 {
                    modifiers.insert(w.form.to_lowercase());
                }
            }
        }
        {
            let noun = upos_index("NOUN").unwrap_or(0);
            let mut news_nouns: FxHashMap<String, u32> = FxHashMap::default();
            for w in silver.iter().flatten() {
                if w.upos == Some(noun) && w.lemma.chars().count() >= 3 {
                    *news_nouns.entry(w.lemma.to_lowercase()).or_default() += 1;
                }
            }
            modifiers.extend(
                news_nouns
                    .into_iter()
                    .filter(|(_, n)| *n >= 2)
                    .map(|(l, _)| l),
            );
        }
        let mut verbs: FxHashSet<String> = gold
            .iter()
            .flat_map(|s| &s.words)
            .filter(|w| matches!(w.upos.as_str(), "VERB" | "AUX"))
            .map(|w| w.lemma.replace('_', "").to_lowercase())
            .collect();
        let verb = upos_index("VERB").unwrap_or(0);
        verbs.extend(
            silver
                .iter()
                .flatten()
                .filter(|w| w.lemma_upos >> verb & 1 == 1 && w.lemma.ends_with('n'))
                .map(|w| w.lemma.to_lowercase()),
        );
        Lemmatiser {
            modifiers,
            particles,
            verbs,
            gold: collapse(gold_tally),
            news: collapse(news_tally),
            rules,
            default_feats: upos_feats
                .iter()
                .map(|t| best(t).unwrap_or_else(|| "_".to_string()))
                .collect(),
        }
    }

    /// Lemma and feats of `form` tagged `upos`. `lower` is a scratch buffer.
    /// Order: treebank lexicon, compound split, news lexicon, suffix rules;
    /// then a separable verb's particle is marked (`opnemen` → `op_nemen`).
    pub fn analyse(&self, form: &str, upos: u8, lower: &mut String) -> (String, String) {
        lowercase_into(form, lower);
        let (lemma, feats) = self.lookup_or_guess(form, upos, lower);
        let feats = if feats.is_empty() {
            self.rule(lower, upos)
                .map(|r| r.feats.clone())
                .unwrap_or_else(|| {
                    self.default_feats
                        .get(usize::from(upos))
                        .cloned()
                        .unwrap_or_else(|| "_".to_string())
                })
        } else {
            feats
        };
        let lemma = if crate::words::upos_name(upos) == "VERB" {
            self.mark_particle(lower, lemma)
        } else {
            lemma
        };
        (lemma, feats)
    }

    /// Lemma and feats (empty when unknown) before particle marking.
    fn lookup_or_guess(&self, form: &str, upos: u8, lower: &str) -> (String, String) {
        if crate::words::upos_name(upos) == "ADJ"
            && let Some(lemma) = self.measure_adjective(lower)
        {
            let feats = lookup(&self.gold, form, lower, upos).map(|a| a.feats.clone());
            return (lemma, feats.unwrap_or_default());
        }
        if let Some(a) = lookup(&self.gold, form, lower, upos) {
            return (a.lemma.clone(), a.feats.clone());
        }
        // Unknown abbreviations stay as written (`NK`, `EK`), where Frog
        // lowercases them.
        if matches!(
            crate::words::upos_name(upos),
            "NOUN" | "PROPN" | "X" | "SYM"
        ) && form.chars().count() >= 2
            && form.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && form.chars().any(char::is_alphabetic)
        {
            let feats = lookup(&self.news, form, lower, upos).map(|a| a.feats.clone());
            return (form.to_string(), feats.unwrap_or_default());
        }
        // Frog leaves capitalised adjectives as they are (`Israëlische`):
        // such a news lemma is no evidence.
        let news = lookup(&self.news, form, lower, upos).filter(|a| {
            !(crate::words::upos_name(upos) == "ADJ"
                && form.starts_with(char::is_uppercase)
                && lower.ends_with('e')
                && a.lemma == lower)
        });
        // A word that recurs in news text is a word of its own, usually
        // lexicalised (`weekeinde`, `doelpunt`): not split.
        if news.is_none_or(|a| a.count < NEWS_LEXICALISED)
            && let Some(split) = self.split_compound(form, lower, upos)
        {
            return split;
        }
        if let Some(a) = news {
            return (a.lemma.clone(), a.feats.clone());
        }
        let starts = smallvec_free::Starts::new(lower);
        let mut lemma = None;
        let mut feats = None;
        for k in (0..=MAX_RULE_SUFFIX.min(starts.len())).rev() {
            let suffix = &lower[starts.nth_from_end(k).unwrap_or(lower.len())..];
            let rule = self.rules.get(&rule_key(upos, suffix));
            // A rule seen on one word type only is a memorised irregular form.
            let Some(rule) = rule.filter(|r| r.support >= 2 || k <= 2) else {
                continue;
            };
            if feats.is_none() {
                feats = Some(rule.feats.clone());
            }
            lemma = rule.script.apply(form);
            if lemma.is_some() {
                break;
            }
        }
        let name = crate::words::upos_name(upos);
        // A plural rule that makes no known noun (`molen` → `mool`) loses to
        // a known noun the form is or ends in (`molen`, `gedachte`).
        if name == "NOUN" && lemma.as_deref().is_none_or(|l| !self.modifiers.contains(l)) {
            let candidates = [
                lower.strip_suffix('n'),
                Some(lower),
                lower.strip_suffix('s'),
            ];
            if let Some(noun) = candidates
                .into_iter()
                .flatten()
                .find(|c| c.chars().count() >= 3 && self.modifiers.contains(*c))
            {
                lemma = Some(noun.to_string());
            }
        }
        // A suffix rule that makes no known verb of a verb form (`gebaald` →
        // `gebalen`) loses to a regular inflection that does (`balen`).
        if crate::words::upos_name(upos) == "VERB"
            && lemma.as_deref().is_none_or(|l| !self.is_verb(l))
            && let Some(regular) = self.regular_verb(lower)
        {
            lemma = Some(regular);
        } else if crate::words::upos_name(upos) == "VERB"
            && lemma.as_deref().is_none_or(|l| !self.is_verb(l))
            && let Some(guess) = self.particle_participle(lower, upos)
        {
            lemma = Some(guess);
        }
        (
            lemma.unwrap_or_else(|| form.to_string()),
            feats.unwrap_or_default(),
        )
    }

    /// An unknown separable verb's participle (`aangeknoopt`, `afgevuurd`)
    /// lemmatised as its participle without the particle (`geknoopt` →
    /// `knopen`), the particle put back: a suffix rule over the whole form
    /// keeps the `ge` (`aangeknopen`) or eats the particle (`asturen`).
    fn particle_participle(&self, lower: &str, upos: u8) -> Option<String> {
        let (particle, rest) = SEPARABLE.iter().find_map(|p| {
            lower
                .strip_prefix(p)
                .filter(|r| r.starts_with("ge") && r.chars().count() >= 6)
                .map(|r| (*p, r))
        })?;
        let (mut lemma, _) = self.lookup_or_guess(rest, upos, rest);
        if lemma.starts_with("ge") {
            // The rule kept the `ge` again: the stem form without it
            // (`knoopt` → `knopen`).
            let stem = &rest[2..];
            lemma = self.lookup_or_guess(stem, upos, stem).0;
        }
        (lemma != rest && !lemma.starts_with("ge") && lemma.ends_with('n'))
            .then(|| format!("{particle}{lemma}"))
    }

    /// The infinitive of a regular verb form whose infinitive is a known
    /// verb: past (`haperde`), present (`crasht`), participle (`gebaald`,
    /// `geëmotioneerd`, `gemotiveerde`, `opgekropt`), spelling changes of
    /// the stem included (`baal` → `balen`, `plas` → `plassen`, `leef` →
    /// `leven`). A separable particle in front stays (`uitgebloed` →
    /// `uitbloeden`).
    fn regular_verb(&self, lower: &str) -> Option<String> {
        let mut splits = vec![("", lower)];
        for particle in SEPARABLE.iter().chain(EITHER).chain(OTHER_PARTICLES) {
            if let Some(rest) = lower.strip_prefix(particle)
                && rest.chars().count() >= 3
                && (!EITHER.contains(particle) || rest.starts_with("ge"))
            {
                splits.push((particle, rest));
            }
        }
        for (particle, rest) in splits {
            let mut stems: Vec<String> = Vec::new();
            if rest.ends_with("en") && particle.is_empty() && self.is_verb(rest) {
                return Some(rest.to_string());
            }
            let participle = rest
                .strip_prefix("ge")
                .filter(|r| r.chars().count() >= 3)
                .map(|r| r.replacen('ë', "e", 1).replacen('ï', "i", 1));
            let mut bodies: Vec<String> = vec![rest.to_string()];
            bodies.extend(participle);
            for body in &bodies {
                if body != rest && body.ends_with("en") && self.is_verb(body) {
                    return Some(format!("{particle}{body}"));
                }
                let body = body
                    .strip_suffix('e')
                    .filter(|b| b.ends_with('d') || b.ends_with('t'))
                    .unwrap_or(body);
                for ending in ["den", "ten", "de", "te", "d", "t", ""] {
                    if let Some(stem) = body.strip_suffix(ending)
                        && stem.chars().count() >= 2
                    {
                        stems.push(stem.to_string());
                    }
                }
            }
            for stem in &stems {
                for infinitive in infinitives(stem) {
                    if self.is_verb(&infinitive) {
                        return Some(format!("{particle}{infinitive}"));
                    }
                }
            }
        }
        None
    }

    /// Adjectives UD Alpino splits by rule: a plural noun + `lang`
    /// (`jarenlang` → `jaar_lang`), a numeral + `voudig` (`drievoudige` →
    /// `drie_voudig`); ordinals in digits lose their ending (`22ste` → `22`).
    fn measure_adjective(&self, lower: &str) -> Option<String> {
        if let Some(number) = ["ste", "de", "e"]
            .iter()
            .find_map(|end| lower.strip_suffix(end))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(number.to_string());
        }
        if let Some(numeral) = lower
            .strip_suffix("voudig")
            .or_else(|| lower.strip_suffix("voudige"))
            .filter(|n| NUMERALS.contains(n))
        {
            return Some(format!("{numeral}_voudig"));
        }
        let plural = lower
            .strip_suffix("lang")
            .filter(|p| p.chars().count() >= 3)?;
        let noun = self.gold.get(plural)?.iter().find(|a| {
            crate::words::upos_name(a.upos) == "NOUN" && a.lemma != plural && !a.lemma.contains('_')
        })?;
        Some(format!("{}_lang", noun.lemma.to_lowercase()))
    }

    /// The longest-suffix rule for feats.
    fn rule(&self, lower: &str, upos: u8) -> Option<&SuffixRule> {
        let starts = smallvec_free::Starts::new(lower);
        (0..=MAX_RULE_SUFFIX.min(starts.len())).rev().find_map(|k| {
            let suffix = &lower[starts.nth_from_end(k).unwrap_or(lower.len())..];
            self.rules
                .get(&rule_key(upos, suffix))
                .filter(|r| r.support >= 2 || k <= 2)
        })
    }

    /// `opnemen` → `op_nemen` when the verb is separable: a particle that is
    /// always separable followed by a known verb, or one that may be either
    /// (`over`, `onder`) in a participle with `ge` after it (`overgeplaatst`).
    fn mark_particle(&self, lower: &str, lemma: String) -> String {
        if lemma.contains('_') || lemma.contains('-') {
            return lemma;
        }
        for particle in SEPARABLE.iter().chain(EITHER) {
            let Some(rest) = lemma.strip_prefix(particle) else {
                continue;
            };
            if rest.chars().count() < 3 || !self.verbs.contains(rest) {
                continue;
            }
            if EITHER.contains(particle) {
                let participle = lower
                    .strip_prefix(particle)
                    .is_some_and(|r| r.starts_with("ge") && !rest.starts_with("ge"));
                if !participle {
                    continue;
                }
            }
            return format!("{particle}_{rest}");
        }
        lemma
    }
}

impl Lemmatiser {
    /// Whether `lemma` (lowercase, parts joined without `_`) is a verb of the
    /// treebank or the news text.
    pub fn is_verb(&self, lemma: &str) -> bool {
        self.verbs.contains(lemma)
    }

    /// Whether the treebank or the news text has the lowercase `form` with
    /// this part of speech.
    pub fn has_reading(&self, lower: &str, upos: u8) -> bool {
        [&self.gold, &self.news].iter().any(|lex| {
            lex.get(lower)
                .is_some_and(|a| a.iter().any(|a| a.upos == upos))
        })
    }

    /// Whether the lowercase spelling of `form` is a word of the treebank or
    /// the news text (so a capital on it is the sentence's, not a name's).
    pub fn knows_lowercase(&self, form: &str) -> bool {
        let lower = form.to_lowercase();
        lower != form && (self.gold.contains_key(&lower) || self.news.contains_key(&lower))
    }
}

/// Words that make separable verbs as particles (`op`, `terug`, `tekort`).
pub fn is_separable_particle(word: &str) -> bool {
    SEPARABLE.contains(&word) || EITHER.contains(&word) || OTHER_PARTICLES.contains(&word)
}

/// Particles that the marking of verb lemmas leaves alone (too rare, or
/// also ordinary words in a verb's spelling).
const OTHER_PARTICLES: &[&str] = &[
    "tot", "bezig", "vooraf", "overeind", "tentoon", "bijeen", "aaneen", "teweeg", "kwijt",
    "vandoor", "voorbij", "tekort", "ineen", "mede", "gade", "kapot", "schoon",
];

/// Infinitives a verb stem may have: `-en` added, with a long vowel's
/// second letter dropped (`baal` → `balen`), a short vowel's consonant
/// doubled (`plas` → `plassen`) and `f`/`s` voiced (`leef` → `leven`).
fn infinitives(stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    let mut out = vec![format!("{stem}en")];
    let vowel = |c: char| "aeiouy".contains(c);
    if n < 2 || vowel(chars[n - 1]) {
        if n >= 1 && chars[n - 1] == 'e' {
            out.push(format!("{stem}n"));
        }
        return out;
    }
    let last = chars[n - 1];
    let voiced = match last {
        'f' => Some('v'),
        's' => Some('z'),
        _ => None,
    };
    let long = n >= 3 && chars[n - 2] == chars[n - 3] && "aeou".contains(chars[n - 2]);
    let single_vowel = vowel(chars[n - 2]) && (n < 3 || !vowel(chars[n - 3]));
    let head: String = chars[..n - 1].iter().collect();
    if long {
        let short: String = chars[..n - 2].iter().collect();
        out.push(format!("{short}{last}en"));
        if let Some(v) = voiced {
            out.push(format!("{short}{v}en"));
        }
    } else if single_vowel {
        // A short vowel keeps its consonant doubled (`verman` → `vermannen`,
        // while `vermanen` is `vermaan`); an `e` is often a schwa (`nestel`
        // → `nestelen`), so the plain form goes first there.
        let doubled = format!("{stem}{last}en");
        if chars[n - 2] == 'e' {
            out.push(doubled);
        } else {
            out.insert(0, doubled);
        }
    }
    if let Some(v) = voiced {
        out.push(format!("{head}{v}en"));
    }
    out
}

/// Numerals that make `-voudig` adjectives UD Alpino splits.
const NUMERALS: &[&str] = &[
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
    "honderd", "duizend",
];

/// Silver frequency from which an unknown word is taken as it stands.
const NEWS_LEXICALISED: u32 = 2;

/// Particles that make separable verbs whenever a verb follows (longest first
/// where one is a prefix of another).
const SEPARABLE: &[&str] = &[
    "tegemoet", "vooruit", "overeen", "terecht", "samen", "binnen", "bekend", "kennis", "plaats",
    "teleur", "uiteen", "terug", "tegen", "thuis", "voort", "langs", "klaar", "dicht", "vast",
    "door", "dood", "stil", "rond", "deel", "neer", "heen", "vrij", "leeg", "goed", "los", "weg",
    "mee", "toe", "uit", "aan", "bij", "op", "af", "in", "na",
];

/// Particles of separable and inseparable verbs alike (`overplaatsen`, `overleven`).
const EITHER: &[&str] = &[
    "achter", "onder", "over", "voor", "open", "weer", "mis", "vol", "om",
];

impl Lemmatiser {
    /// Analyses of a known form (treebank first, then news).
    fn known(&self, form: &str, upos: u8) -> Option<&Analysis> {
        [&self.gold, &self.news].into_iter().find_map(|lex| {
            lex.get(form)
                .and_then(|v| v.iter().find(|a| a.upos == upos))
        })
    }

    /// The analysis of a verb form after a particle: the treebank's, unless
    /// only the news lexicon's makes a known verb with the particle
    /// (`uitgewezen`: the treebank's `gewezen` is `zijn`, as in `de gewezen
    /// minister`; the news text's is `wijzen`, and `uitwijzen` is a verb).
    fn verb_head<'a>(&'a self, particle: &str, head: &str, upos: u8) -> Option<&'a Analysis> {
        let of = |lex: &'a FxHashMap<String, Vec<Analysis>>| {
            lex.get(head)
                .and_then(move |v| v.iter().find(|a| a.upos == upos))
        };
        let (gold, news) = (of(&self.gold), of(&self.news));
        let makes_verb = |a: &Analysis| self.is_verb(&format!("{particle}{}", a.lemma));
        match (gold, news) {
            (Some(g), Some(n)) if !makes_verb(g) && makes_verb(n) => Some(n),
            (g, n) => g.or(n),
        }
    }

    /// The lemma of a modifier's surface form, linking `s`/`en`/`n` removed.
    fn modifier_lemma(&self, surface: &str) -> Option<String> {
        if let Some(a) = self.gold.get(surface).and_then(|v| {
            v.iter()
                .find(|a| matches!(crate::words::upos_name(a.upos), "NOUN" | "ADJ" | "NUM"))
        }) {
            return Some(a.lemma.to_lowercase());
        }
        if self.modifiers.contains(surface) {
            return Some(surface.to_string());
        }
        for linker in ["s", "en", "n", "e"] {
            if let Some(stem) = surface.strip_suffix(linker)
                && stem.chars().count() >= 3
                && self.modifiers.contains(stem)
            {
                return Some(stem.to_string());
            }
        }
        None
    }

    /// Splits an unknown compound into a known modifier and a known head
    /// form (`vredestroepen` → `vrede_troep`, `afgereisd` → `af_reizen`),
    /// preferring the longest head.
    fn split_compound(&self, form: &str, lower: &str, upos: u8) -> Option<(String, String)> {
        let name = crate::words::upos_name(upos);
        if !matches!(name, "NOUN" | "ADJ" | "VERB") {
            return None;
        }
        if let Some((left, right)) = form.split_once('-') {
            let capital_head = right.chars().next().is_some_and(char::is_uppercase);
            if left.is_empty() || right.is_empty() || capital_head || right.contains('-') {
                return None;
            }
            // The head is analysed as a word of its own (`rondepartij` →
            // `ronde_partij`); the modifier keeps its case (`FARC_rebel`)
            // and a lowercase plural its singular (`kaart_klassement`).
            let mut right_lower = String::new();
            lowercase_into(right, &mut right_lower);
            let (head, feats) = self.lookup_or_guess(right, upos, &right_lower);
            let modifier = self
                .gold
                .get(left)
                .and_then(|v| v.iter().find(|a| crate::words::upos_name(a.upos) == "NOUN"))
                .filter(|_| left.chars().all(char::is_lowercase))
                .map_or(left, |a| a.lemma.as_str());
            return Some((format!("{modifier}_{head}"), feats));
        }
        for (split, _) in lower.char_indices().skip(2) {
            let (modifier, head) = lower.split_at(split);
            if head.chars().count() < 4 {
                break;
            }
            if DERIVATIONAL_SUFFIXES.contains(&head) {
                continue;
            }
            let analysis = if name == "VERB" {
                self.verb_head(modifier, head, upos)
            } else {
                self.known(head, upos)
            };
            let Some(analysis) = analysis else {
                continue;
            };
            // Verbs only split off a separable particle (`af_reizen`); a
            // verb that starts with a word (`blokkeren`) is not a compound.
            let modifier_lemma = if name == "VERB" {
                self.particles
                    .contains(modifier)
                    .then(|| modifier.to_string())
            } else if modifier.chars().count() >= 3 {
                self.modifier_lemma(modifier)
            } else {
                None
            };
            if let Some(m) = modifier_lemma {
                return Some((format!("{m}_{}", analysis.lemma), analysis.feats.clone()));
            }
        }
        None
    }
}

/// Word endings that are derivational suffixes rather than compound heads
/// (`priesterschap`, `roemloos`, `omroepster`).
const DERIVATIONAL_SUFFIXES: [&str; 14] = [
    "schap", "schappen", "loos", "loze", "ster", "sters", "heid", "heden", "ring", "ringen",
    "baar", "bare", "lijk", "lijke",
];

fn lookup<'a>(
    lexicon: &'a FxHashMap<String, Vec<Analysis>>,
    form: &str,
    lower: &str,
    upos: u8,
) -> Option<&'a Analysis> {
    [form, lower].into_iter().find_map(|key| {
        lexicon
            .get(key)
            .and_then(|v| v.iter().find(|a| a.upos == upos))
            .filter(|_| key == form || !is_proper(upos))
    })
}

fn is_proper(upos: u8) -> bool {
    upos_index("PROPN") == Some(upos)
}

fn collapse(
    tally: FxHashMap<(String, u8), Tally<(String, String)>>,
) -> FxHashMap<String, Vec<Analysis>> {
    let mut out: FxHashMap<String, Vec<Analysis>> = FxHashMap::default();
    let mut keys: Vec<_> = tally.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    for ((form, upos), t) in keys {
        if let Some((lemma, feats)) = best(&t) {
            let count = t.values().sum();
            out.entry(form).or_default().push(Analysis {
                upos,
                lemma,
                feats,
                count,
            });
        }
    }
    out
}

/// Char boundary positions of a short word without heap allocation for
/// typical word lengths.
mod smallvec_free {
    pub struct Starts {
        positions: [usize; 64],
        len: usize,
    }
    impl Starts {
        pub fn new(s: &str) -> Starts {
            let mut positions = [0usize; 64];
            let mut len = 0;
            for (i, _) in s.char_indices() {
                if len < 64 {
                    positions[len] = i;
                    len += 1;
                } else {
                    positions.copy_within(1.., 0);
                    positions[63] = i;
                }
            }
            Starts { positions, len }
        }
        pub fn len(&self) -> usize {
            self.len
        }
        /// Start of the last `k` characters; `None` for k = 0.
        pub fn nth_from_end(&self, k: usize) -> Option<usize> {
            (k > 0 && k <= self.len).then(|| self.positions[self.len - k])
        }
    }
}

#[cfg(test)]
impl Lemmatiser {
    /// A lemmatiser that knows only the given verb lemmas and word forms
    /// (as lowercase nouns).
    pub(crate) fn with_words(verbs: &[&str], forms: &[&str]) -> Lemmatiser {
        let noun = upos_index("NOUN").unwrap_or(0);
        Lemmatiser {
            verbs: verbs.iter().map(|v| v.to_string()).collect(),
            gold: forms
                .iter()
                .map(|f| {
                    let analysis = Analysis {
                        upos: noun,
                        lemma: f.to_string(),
                        feats: String::new(),
                        count: 1,
                    };
                    (f.to_string(), vec![analysis])
                })
                .collect(),
            ..Lemmatiser::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verb_forms_find_their_known_infinitive() {
        let lemmatiser = Lemmatiser::with_words(
            &[
                "balen",
                "plassen",
                "haperen",
                "kwalificeren",
                "bloeden",
                "leven",
                "knokken",
                "vermannen",
                "vermanen",
            ],
            &[],
        );
        for (form, lemma) in [
            ("gebaald", Some("balen")),
            ("geplast", Some("plassen")),
            ("haperde", Some("haperen")),
            ("gekwalificeerd", Some("kwalificeren")),
            ("geëmotioneerde", None),
            ("uitgebloed", Some("uitbloeden")),
            ("leefden", Some("leven")),
            ("knokken", Some("knokken")),
            ("vermande", Some("vermannen")),
            ("vermaande", Some("vermanen")),
            ("liep", None),
        ] {
            assert_eq!(lemmatiser.regular_verb(form).as_deref(), lemma, "{form}");
        }
    }

    #[test]
    fn a_particle_verb_takes_the_head_reading_that_makes_a_known_verb() {
        let verb = upos_index("VERB").unwrap_or(0);
        let analysis = |lemma: &str| Analysis {
            upos: verb,
            lemma: lemma.to_string(),
            feats: String::new(),
            count: 5,
        };
        let mut lemmatiser = Lemmatiser::with_words(&["zijn", "wijzen", "uitwijzen"], &[]);
        lemmatiser.particles.insert("uit".to_string());
        lemmatiser.particles.insert("af".to_string());
        // The treebank reads the participle as `zijn` (`de gewezen
        // minister`), the news text as `wijzen`.
        lemmatiser
            .gold
            .insert("gewezen".to_string(), vec![analysis("zijn")]);
        lemmatiser
            .news
            .insert("gewezen".to_string(), vec![analysis("wijzen")]);
        let (lemma, _) = lemmatiser.analyse("uitgewezen", verb, &mut String::new());
        assert_eq!(lemma, "uit_wijzen");
        // Without a known verb either way, the treebank's reading stands.
        let (lemma, _) = lemmatiser.analyse("afgewezen", verb, &mut String::new());
        assert_eq!(lemma, "af_zijn");
    }

    #[test]
    fn stems_get_spelling_variants() {
        assert!(infinitives("baal").contains(&"balen".to_string()));
        assert!(infinitives("reis").contains(&"reizen".to_string()));
        assert_eq!(infinitives("tik")[0], "tikken");
        assert_eq!(infinitives("nestel")[0], "nestelen");
    }

    #[test]
    fn ordinals_and_multiples_follow_ud_alpino() {
        let lemmatiser = Lemmatiser::with_words(&[], &[]);
        assert_eq!(lemmatiser.measure_adjective("22ste").as_deref(), Some("22"));
        assert_eq!(
            lemmatiser.measure_adjective("drievoudige").as_deref(),
            Some("drie_voudig")
        );
        assert_eq!(lemmatiser.measure_adjective("eenvoudig"), None);
        assert_eq!(lemmatiser.measure_adjective("langste"), None);
    }

    #[test]
    fn abbreviations_keep_their_capitals() {
        let lemmatiser = Lemmatiser::with_words(&[], &[]);
        let noun = upos_index("NOUN").unwrap_or(0);
        let (lemma, _) = lemmatiser.analyse("WK", noun, &mut String::new());
        assert_eq!(lemma, "WK");
    }

    #[test]
    fn scripts_round_trip() {
        for (form, lemma) in [
            ("vredestroepen", "vredestroep"),
            ("Azerbeidzjaanse", "Azerbeidzjaans"),
            ("gegaan", "gaan"),
            ("liep", "lopen"),
            ("De", "de"),
        ] {
            let script = EditScript::learn(form, lemma);
            assert_eq!(script.apply(form).as_deref(), Some(lemma), "{form}");
        }
    }

    #[test]
    fn scripts_generalise_to_other_words() {
        let plural = EditScript::learn("soldaten", "soldaat");
        assert_eq!(plural.apply("kandidaten").as_deref(), Some("kandidaat"));
        let participle = EditScript::learn("gewerkt", "werken");
        assert_eq!(participle.apply("gedankt").as_deref(), Some("danken"));
    }
}
