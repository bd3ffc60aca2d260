//! The workbench's working copy in the browser's `localStorage`, so that nothing is lost on a
//! reload: one entry per municipality, in a versioned format.
//!
//! The entry's key is `verschilmaker:werkkopie:v1:` followed by the CBS code (or, without one,
//! the name) of the municipality whose published file the widget shows. Its value is one header line, `v1 dirty` or `v1 clean` (whether
//! there are changes that were not exported since), then the dataset as published JSON.
//! A value under that key that this widget cannot read (another version, or damaged) is never
//! dropped: the workbench shows it, offers its text as a download, and asks before replacing it.
//!
//! Why not share the drafts' storage module? It is written in parallel for issue 6; this one
//! stays inside the workbench until the two are unified.

use verschilmaker::Dataset;

use super::io::{browser, describe};

/// The version in keys and headers; a stored copy of another version is ignored.
const VERSION: &str = "v1";

/// The storage key of a dataset's working copy.
pub fn key(dataset: &Dataset) -> String {
    let municipality = &dataset.municipality;
    let name = municipality.code.as_deref().unwrap_or(municipality.name.as_str());
    let mut key = String::from("verschilmaker:werkkopie:");
    key.push_str(VERSION);
    key.push(':');
    key.push_str(name.trim());
    key
}

/// The stored value for a dataset's JSON and whether it has unexported changes.
pub fn encode(json: &str, dirty: bool) -> String {
    let mut value = String::with_capacity(json.len() + 9);
    value.push_str(VERSION);
    value.push_str(if dirty { " dirty\n" } else { " clean\n" });
    value.push_str(json);
    value
}

/// The JSON and the dirty flag of a stored value, or `None` when it is of another version.
pub fn decode(value: &str) -> Option<(&str, bool)> {
    let (header, json) = value.split_once('\n')?;
    let (version, state) = header.split_once(' ')?;
    if version != VERSION {
        return None;
    }
    match state {
        "dirty" => Some((json, true)),
        "clean" => Some((json, false)),
        _ => None,
    }
}

fn storage() -> Result<web_sys::Storage, String> {
    let window = browser().ok_or("no window")?;
    window.local_storage().map_err(|e| describe(&e))?.ok_or_else(|| "localStorage is not available".to_owned())
}

/// Saves the working copy; the error (such as a full storage) is for the facilitator to see.
pub fn save(key: &str, json: &str, dirty: bool) -> Result<(), String> {
    storage()?.set_item(key, &encode(json, dirty)).map_err(|e| describe(&e))
}

/// What the browser holds under a working copy's key.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing (or no storage at all).
    Nothing,
    /// A working copy of this version: its JSON and whether it has unexported changes.
    Copy(String, bool),
    /// Something this widget cannot read: another version's copy, or a damaged one. It is
    /// shown to the facilitator, never silently replaced.
    Unreadable(String),
}

/// Classifies a stored value: a readable header gives the copy, anything else is kept whole.
pub fn classify(value: String) -> Stored {
    match decode(&value) {
        Some((json, dirty)) => Stored::Copy(json.to_owned(), dirty),
        None => Stored::Unreadable(value),
    }
}

/// The stored working copy under `key`.
pub fn restore(key: &str) -> Stored {
    let value = storage().ok().and_then(|storage| storage.get_item(key).ok().flatten());
    value.map_or(Stored::Nothing, classify)
}

/// Removes the stored working copy.
pub fn discard(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| describe(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_other_versions_are_ignored() {
        let json = "{\"schema\": \"verschilmaker/1\"}\n";
        assert_eq!(decode(&encode(json, true)), Some((json, true)));
        assert_eq!(decode(&encode(json, false)), Some((json, false)));
        for other in ["v2 dirty\n{}", "{}", "v1 maybe\n{}", ""] {
            assert_eq!(decode(other), None, "{other:?}");
        }
    }

    #[test]
    fn a_value_that_is_not_a_working_copy_of_this_version_is_kept_whole() {
        let json = "{}";
        assert_eq!(classify(encode(json, false)), Stored::Copy(json.to_owned(), false));
        for other in ["v2 dirty\n{}", "v1 maybe\n{}", "{\"schema\": \"verschilmaker/1\"}", "", "v1 clean"] {
            assert_eq!(classify(other.to_owned()), Stored::Unreadable(other.to_owned()), "{other:?}");
        }
    }

    #[test]
    fn keys_are_per_municipality() {
        let dataset = |code: &str| {
            let code = if code.is_empty() { String::new() } else { format!(", \"code\": \"{code}\"") };
            Dataset::from_json_strict(&format!(
                "{{\"schema\": \"verschilmaker/1\", \"municipality\": {{\"name\": \"Gemeente X\", \"languages\": [\"nl\"]{code}}}}}"
            ))
            .unwrap()
        };
        assert_eq!(key(&dataset("GM0796")), "verschilmaker:werkkopie:v1:GM0796");
        assert_eq!(key(&dataset("")), "verschilmaker:werkkopie:v1:Gemeente X");
    }
}
