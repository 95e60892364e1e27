//! Reads the tab-separated registry records (format: `data/actors/README.md`).

use rustc_hash::FxHashMap;

use crate::registry::{Actor, ActorKind, Cue, NameEntry, Office, RegistryError, Role};

pub(crate) struct Parsed {
    pub actors: Vec<Actor>,
    pub defined: Vec<bool>,
    pub names: Vec<NameEntry>,
    pub cues: Vec<Cue>,
    pub ignored: Vec<String>,
}

struct Line<'a> {
    file: &'a str,
    number: usize,
    cols: Vec<&'a str>,
}

impl<'a> Line<'a> {
    fn need(&self, count: usize) -> Result<(), RegistryError> {
        if self.cols.len() < count {
            return Err(RegistryError::MissingColumns {
                file: self.file.to_string(),
                line: self.number,
                record: self.cols.first().unwrap_or(&"").to_string(),
                expected: count,
                found: self.cols.len(),
            });
        }
        Ok(())
    }

    /// Column `i`, `None` when absent, empty or `-`.
    fn opt(&self, i: usize) -> Option<&'a str> {
        self.cols
            .get(i)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty() && *c != "-")
    }

    fn list(&self, i: usize) -> Vec<&'a str> {
        self.opt(i)
            .map(|c| {
                c.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn invalid(&self, what: &'static str, value: &str, reason: &'static str) -> RegistryError {
        RegistryError::Invalid {
            file: self.file.to_string(),
            line: self.number,
            what,
            value: value.to_string(),
            reason,
        }
    }

    fn required(&self, i: usize, what: &'static str) -> Result<&'a str, RegistryError> {
        self.opt(i)
            .ok_or_else(|| self.invalid(what, "", "this column may not be empty"))
    }

    fn code(&self, i: usize) -> Result<Option<String>, RegistryError> {
        let Some(code) = self.opt(i) else {
            return Ok(None);
        };
        let ok = (2..=10).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(self.invalid("code", code, "expected 2-10 capitals or digits"));
        }
        Ok(Some(code.to_string()))
    }

    fn sector(&self, i: usize) -> Result<Option<String>, RegistryError> {
        let Some(sector) = self.opt(i) else {
            return Ok(None);
        };
        if sector.len() != 3 || !sector.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(self.invalid("sector", sector, "expected three capitals such as GOV"));
        }
        Ok(Some(sector.to_string()))
    }

    fn date(&self, i: usize) -> Result<Option<String>, RegistryError> {
        let Some(date) = self.opt(i) else {
            return Ok(None);
        };
        if !is_partial_date(date) {
            return Err(self.invalid("date", date, "expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        Ok(Some(date.to_string()))
    }
}

fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// Dutch attributive forms of an adjective: `Russisch` → `Russische`,
/// `Armeens` → `Armeense`, `Chinees` → `Chinese`. Forms that end in neither
/// `s` nor `sch` (English `Russian`, already inflected `Russische`) are left as they are.
pub(crate) fn inflections(adjective: &str) -> Vec<String> {
    let mut out = vec![adjective.to_string()];
    // A doubled vowel before the final `s` is single in the open syllable
    // of the inflected form (`Chinees` → `Chinese`, `Indiaas` → `Indiase`).
    if let Some((stem, vowel)) = ["ees", "aas", "oos", "uus"]
        .iter()
        .find_map(|d| adjective.strip_suffix(d).map(|stem| (stem, &d[..1])))
    {
        out.push(format!("{stem}{vowel}se"));
    } else if adjective.ends_with('s') || adjective.ends_with("sch") {
        out.push(format!("{adjective}e"));
    }
    out
}

#[derive(Default)]
struct Builder {
    parsed_actors: Vec<Actor>,
    defined: Vec<bool>,
    index: FxHashMap<String, usize>,
    names: Vec<NameEntry>,
    cues: Vec<Cue>,
    ignored: Vec<String>,
}

impl Builder {
    /// The actor with `id`, creating an undefined stub if needed.
    fn slot(&mut self, id: &str, kind: ActorKind) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.parsed_actors.len();
        self.parsed_actors.push(Actor {
            id: id.to_string(),
            name: id.to_string(),
            kind,
            code: None,
            sector: None,
            aliases: Vec::new(),
            offices: Vec::new(),
        });
        self.defined.push(false);
        self.index.insert(id.to_string(), i);
        i
    }

    fn define(
        &mut self,
        line: &Line,
        id: &str,
        name: &str,
        kind: ActorKind,
        code: Option<String>,
        sector: Option<String>,
    ) -> Result<usize, RegistryError> {
        let i = self.slot(id, kind);
        if self.defined[i] {
            return Err(RegistryError::Duplicate {
                file: line.file.to_string(),
                line: line.number,
                id: id.to_string(),
            });
        }
        self.defined[i] = true;
        let actor = &mut self.parsed_actors[i];
        actor.name = name.to_string();
        actor.kind = kind;
        actor.code = code;
        actor.sector = sector;
        self.add_names(i, &[name], Role::Name, None);
        Ok(i)
    }

    fn add_names(&mut self, actor: usize, forms: &[&str], role: Role, sector: Option<&str>) {
        for form in forms {
            let expanded = if role == Role::Adjective {
                inflections(form)
            } else {
                vec![form.to_string()]
            };
            for form in expanded {
                let entry = &mut self.parsed_actors[actor];
                if !entry.aliases.contains(&form) {
                    entry.aliases.push(form.clone());
                }
                self.names.push(NameEntry {
                    form,
                    actor: entry.id.clone(),
                    role,
                    sector: sector.map(str::to_string),
                    user: false,
                });
            }
        }
    }

    fn record(&mut self, line: &Line) -> Result<(), RegistryError> {
        let record = line.cols[0].trim();
        match record {
            "country" => {
                line.need(3)?;
                let code = line.code(1)?;
                let id = line.required(1, "code")?;
                let i = self.define(
                    line,
                    id,
                    line.required(2, "name")?,
                    ActorKind::State,
                    code,
                    None,
                )?;
                self.add_names(i, &line.list(3), Role::Name, None);
                self.add_names(i, &line.list(4), Role::Capital, Some("GOV"));
                self.add_names(i, &line.list(5), Role::Adjective, None);
                self.add_names(i, &line.list(6), Role::Inhabitants, Some("PPL"));
            }
            "org" => {
                line.need(3)?;
                let code = line.code(1)?;
                let id = line.required(1, "code")?;
                let sector = line.sector(4)?.or_else(|| Some("IGO".to_string()));
                let i = self.define(
                    line,
                    id,
                    line.required(2, "name")?,
                    ActorKind::Organisation,
                    code,
                    sector,
                )?;
                self.add_names(i, &line.list(3), Role::Name, None);
            }
            "group" | "person" => {
                line.need(4)?;
                let kind = if record == "group" {
                    ActorKind::Group
                } else {
                    ActorKind::Person
                };
                let id = line.required(1, "id")?;
                let code = line.code(3)?;
                let default_sector = if kind == ActorKind::Person {
                    Some("GOV".to_string())
                } else {
                    None
                };
                let sector = line.sector(5)?.or(default_sector);
                let i = self.define(line, id, line.required(2, "name")?, kind, code, sector)?;
                self.add_names(i, &line.list(4), Role::Name, None);
            }
            "office" => {
                line.need(5)?;
                let id = line.required(1, "id")?;
                let office = Office {
                    title: line.required(2, "title")?.to_string(),
                    code: line
                        .code(3)?
                        .ok_or_else(|| line.invalid("code", "", "an office needs a code"))?,
                    sector: line
                        .sector(4)?
                        .ok_or_else(|| line.invalid("sector", "", "an office needs a sector"))?,
                    from: line.date(5)?,
                    to: line.date(6)?,
                };
                let i = self.slot(id, ActorKind::Person);
                self.parsed_actors[i].offices.push(office);
            }
            "body" => {
                line.need(4)?;
                let id = line.required(1, "id")?;
                let sector = line.sector(2)?;
                let i = self.slot(id, ActorKind::Organisation);
                self.add_names(i, &line.list(3), Role::Body, sector.as_deref());
            }
            "alias" | "capital" | "adjective" | "inhabitants" => {
                line.need(3)?;
                let id = line.required(1, "id")?;
                let (role, sector) = match record {
                    "alias" => (Role::Name, None),
                    "capital" => (Role::Capital, Some("GOV")),
                    "adjective" => (Role::Adjective, None),
                    _ => (Role::Inhabitants, Some("PPL")),
                };
                let i = self.slot(id, ActorKind::State);
                self.add_names(i, &line.list(2), role, sector);
            }
            "cue" => {
                line.need(4)?;
                let sector = line
                    .sector(1)?
                    .ok_or_else(|| line.invalid("sector", "", "a cue needs a sector"))?;
                let title = line.opt(2).map(str::to_string);
                for form in line.list(3) {
                    self.cues.push(Cue {
                        form: form.to_string(),
                        sector: sector.clone(),
                        title: title.clone(),
                        user: false,
                    });
                }
            }
            "ignore" => {
                line.need(2)?;
                self.ignored
                    .extend(line.list(1).into_iter().map(str::to_string));
            }
            other => {
                return Err(RegistryError::UnknownRecord {
                    file: line.file.to_string(),
                    line: line.number,
                    record: other.to_string(),
                });
            }
        }
        Ok(())
    }
}

pub(crate) fn parse_files(files: &[(&str, &str)]) -> Result<Parsed, RegistryError> {
    let mut builder = Builder::default();
    for (file, content) in files {
        if file.ends_with(".toml") {
            return Err(RegistryError::Invalid {
                file: file.to_string(),
                line: 0,
                what: "format",
                value: "TOML".to_string(),
                reason: "registry files are tab-separated records (see data/actors/README.md); name the file actors.tsv",
            });
        }
        for (n, raw) in content.lines().enumerate() {
            let text = raw.trim_end_matches('\r');
            if text.trim().is_empty() || text.trim_start().starts_with('#') {
                continue;
            }
            let line = Line {
                file,
                number: n + 1,
                cols: text.split('\t').collect(),
            };
            builder.record(&line)?;
        }
    }
    Ok(Parsed {
        actors: builder.parsed_actors,
        defined: builder.defined,
        names: builder.names,
        cues: builder.cues,
        ignored: builder.ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_dutch_adjectives() {
        assert_eq!(inflections("Russisch"), vec!["Russisch", "Russische"]);
        assert_eq!(inflections("Chinees"), vec!["Chinees", "Chinese"]);
        assert_eq!(inflections("Armeens"), vec!["Armeens", "Armeense"]);
        assert_eq!(inflections("Indiaas"), vec!["Indiaas", "Indiase"]);
        assert_eq!(inflections("Iraaks"), vec!["Iraaks", "Iraakse"]);
        assert_eq!(inflections("Russian"), vec!["Russian"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse_files(&[("mine.tsv", "# comment\ncountry\tRUS\nbogus\tX\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("mine.tsv:2"), "{err}");
        let err = parse_files(&[("a.tsv", "frob\tX\tY\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("a.tsv:1") && err.contains("frob"), "{err}");
        let err = parse_files(&[("b.tsv", "office\tp\tpresident\tRUS\tGOV\t20x0\t-\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("b.tsv:1") && err.contains("20x0"), "{err}");
    }

    #[test]
    fn toml_files_get_a_clear_error() {
        let err = parse_files(&[("actors.toml", "[actor]\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("actors.toml") && err.contains("tab-separated"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let text = "country\tARM\tArmenia\ncountry\tARM\tArmenia\n";
        assert!(matches!(
            parse_files(&[("d.tsv", text)]),
            Err(RegistryError::Duplicate { line: 2, .. })
        ));
    }
}
