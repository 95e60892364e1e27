use std::path::{Path, PathBuf};

use crate::{Format, ItemError};

/// A file found under the given paths, with the format its extension names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub path: PathBuf,
    pub format: Format,
}

/// Walk files and folders (recursively, in name order, lazily). Files named
/// explicitly with an unknown extension are errors; inside folders they are
/// skipped silently, as are hidden files and folders.
pub fn discover(paths: &[PathBuf]) -> impl Iterator<Item = Result<Discovered, ItemError>> + '_ {
    paths.iter().flat_map(|root| walk(root))
}

fn walk(root: &Path) -> Box<dyn Iterator<Item = Result<Discovered, ItemError>> + '_> {
    match std::fs::metadata(root) {
        Err(e) => Box::new(std::iter::once(Err(ItemError::new(
            root.display().to_string(),
            format!("cannot read: {e}"),
        )))),
        Ok(meta) if meta.is_file() => Box::new(std::iter::once(match Format::from_path(root) {
            Some(format) => Ok(Discovered {
                path: root.to_path_buf(),
                format,
            }),
            None => Err(ItemError::new(
                root.display().to_string(),
                "unsupported file type (expected .txt, .md, .html, .htm or .jsonl)",
            )),
        })),
        Ok(_) => Box::new(
            walkdir::WalkDir::new(root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
                .filter_map(|entry| match entry {
                    Err(e) => {
                        let item = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| root.display().to_string());
                        Some(Err(ItemError::new(item, format!("cannot read: {e}"))))
                    }
                    Ok(entry) if entry.file_type().is_file() => Format::from_path(entry.path())
                        .map(|format| {
                            Ok(Discovered {
                                path: entry.into_path(),
                                format,
                            })
                        }),
                    Ok(_) => None,
                }),
        ),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}
