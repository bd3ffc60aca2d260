//! The state behind both forms: the drafts and outbox items of this municipality, which one is
//! being edited, whether it is saved, and what another tab did to it. Every change that should
//! last goes through [`Desk::reduce`], which writes it to storage at once.

use std::rc::Rc;

use yew::Reducible;

use crate::draft::Form;
use crate::storage::{self, Item, SaveError, Sent};

/// Whether the current draft is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saving {
    /// Nothing typed yet in this draft.
    Idle,
    /// Saved in this browser.
    Saved,
    /// Not saved: the browser gives no storage.
    Unavailable,
    /// Not saved: the storage is full.
    Full,
    /// Not saved: another tab changed this draft (see [`Desk::conflict`]).
    Conflict,
}

/// The drafts and outbox of one widget instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Desk {
    /// The storage namespace (the municipality).
    pub ns: String,
    /// This tab's id, written with every save.
    pub tab: String,
    /// Every known item, the current one included.
    pub items: Vec<Item>,
    /// The id of the item shown in the form.
    pub current: String,
    /// The revision of the current item that this tab last read or wrote.
    pub base: u64,
    /// Whether the current item is saved.
    pub saving: Saving,
    /// Another tab's newer version of the current item.
    pub conflict: Option<Item>,
    /// Items being posted right now.
    pub sending: Vec<String>,
    /// Values in storage this widget cannot read (newer format or damaged), left alone.
    pub kept: usize,
    /// Submissions whose last save failed: they live only in this page until the visitor
    /// downloads or hands them over, and the outbox says so.
    pub unkept: Vec<String>,
    /// Whether the visitor just deleted everything.
    pub cleared: bool,
    /// Whether the inline checks of the current step are shown (after "next" or "send").
    pub show_errors: bool,
}

/// What can happen to the desk.
#[derive(Debug)]
pub enum DeskAction {
    /// The visitor typed: the current form changed.
    Edit(Form),
    /// Continue another draft.
    Open(String),
    /// Begin a new draft with this form.
    New(Form),
    /// Delete one item.
    Delete(String),
    /// The current item was submitted as this document at this time.
    Submit(String, String),
    /// A POST of an item started.
    Posting(String),
    /// A POST (or the host page's event handler) answered: `Ok` confirms the hand-over.
    Posted(String, Result<(), String>),
    /// Another tab changed storage: the key and the new value (`None`: removed; a `None` key:
    /// everything was cleared).
    External(Option<String>, Option<String>),
    /// Load the other tab's version of the current draft.
    TakeTheirs,
    /// Keep this tab's version as a new draft.
    KeepMine,
    /// Delete everything stored.
    ClearAll,
    /// Show or hide the inline checks.
    ShowErrors(bool),
}

impl Desk {
    /// The desk at mount: everything stored, and `fresh` as the current item unless `pick`
    /// chooses a stored one.
    pub fn new(ns: String, tab: String, fresh: Item, pick: impl Fn(&Item) -> bool) -> Desk {
        let (mut items, saving, kept) = match storage::load(&ns) {
            Ok(found) => (found.items, Saving::Idle, found.kept),
            Err(SaveError::Full) => (Vec::new(), Saving::Full, 0),
            Err(_) => (Vec::new(), Saving::Unavailable, 0),
        };
        let chosen = items.iter().find(|i| i.sent.is_none() && pick(i)).map(|i| (i.id.clone(), i.rev));
        let restored = chosen.is_some();
        let (current, base) = match chosen {
            Some(found) => found,
            None => {
                let id = fresh.id.clone();
                items.insert(0, fresh);
                (id, 0)
            }
        };
        let saving = if restored && saving == Saving::Idle { Saving::Saved } else { saving };
        Desk {
            ns,
            tab,
            items,
            current,
            base,
            saving,
            conflict: None,
            sending: Vec::new(),
            kept,
            unkept: Vec::new(),
            cleared: false,
            show_errors: false,
        }
    }

    /// The item in the form.
    pub fn current(&self) -> Option<&Item> {
        self.items.iter().find(|i| i.id == self.current)
    }

    fn current_mut(&mut self) -> Option<&mut Item> {
        let id = self.current.clone();
        self.items.iter_mut().find(|i| i.id == id)
    }

    /// Saves the current item, and records how that went.
    fn save_current(&mut self) {
        let (ns, base, tab) = (self.ns.clone(), self.base, self.tab.clone());
        let Some(item) = self.current_mut() else { return };
        // A draft restored from another tab is this tab's once it saves it.
        item.tab = tab;
        let result = storage::save(&ns, item, base);
        let rev = item.rev;
        self.saving = match result {
            Ok(()) => {
                self.base = rev;
                Saving::Saved
            }
            Err(SaveError::Unavailable) => Saving::Unavailable,
            Err(SaveError::Full) => Saving::Full,
            Err(SaveError::Conflict(theirs)) => {
                self.conflict = Some(*theirs);
                Saving::Conflict
            }
        };
    }

    /// Saves an item other than the current one (outbox changes), and records whether it is kept.
    fn save_other(&mut self, id: &str) {
        let ns = self.ns.clone();
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            let base = item.rev;
            let result = storage::save(&ns, item, base);
            self.record_kept(id, &result);
        }
    }

    /// Notes whether a submission's save worked. A conflict means another tab stored a newer
    /// revision of it, so it is kept there; a full or missing storage means it is not kept.
    fn record_kept(&mut self, id: &str, result: &Result<(), SaveError>) {
        let kept = matches!(result, Ok(()) | Err(SaveError::Conflict(_)));
        self.unkept.retain(|u| u != id);
        if !kept {
            self.unkept.push(id.to_owned());
        }
    }

    /// Whether this item waits for its hand-over without being kept in the browser.
    pub fn is_unkept(&self, id: &str) -> bool {
        self.unkept.iter().any(|u| u == id)
    }
}

/// The time now, RFC 3339 in UTC (a fixed time natively, for tests).
pub fn now() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let iso = String::from(js_sys::Date::new_0().to_iso_string());
        // "2026-05-01T10:00:00.123Z" → whole seconds, which every reader takes.
        match iso.get(..19) {
            Some(seconds) => String::from(seconds) + "Z",
            None => iso,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::from("2026-05-01T10:00:00Z")
    }
}

/// A short id that is new in this browser: the time in base 36 and a random part.
pub fn fresh_id() -> String {
    #[cfg(target_arch = "wasm32")]
    let (time, random) = (js_sys::Date::now() as u64, (js_sys::Math::random() * 1_679_616.0) as u64);
    #[cfg(not(target_arch = "wasm32"))]
    let (time, random) = {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        (1_777_000_000_000u64, NEXT.fetch_add(1, Ordering::Relaxed))
    };
    let mut out = base36(time);
    out.push_str(&base36(random));
    out
}

fn base36(mut value: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

impl Reducible for Desk {
    type Action = DeskAction;

    fn reduce(self: Rc<Self>, action: DeskAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DeskAction::Edit(form) => {
                let stamp = now();
                if let Some(item) = next.current_mut() {
                    if item.form == form {
                        return self;
                    }
                    item.form = form;
                    item.updated = stamp;
                }
                if next.conflict.is_none() {
                    next.save_current();
                }
            }
            DeskAction::Open(id) => {
                if let Some(item) = next.items.iter().find(|i| i.id == id) {
                    next.base = item.rev;
                    next.current = id;
                    next.conflict = None;
                    next.show_errors = false;
                    if matches!(next.saving, Saving::Idle | Saving::Conflict) {
                        next.saving = Saving::Saved;
                    }
                }
            }
            DeskAction::New(form) => {
                // An untouched current draft is replaced rather than left behind empty.
                let untouched = next.current().is_some_and(|i| i.rev == 0 && i.sent.is_none());
                if untouched {
                    let current = next.current.clone();
                    next.items.retain(|i| i.id != current);
                }
                let item = Item::new(fresh_id(), next.tab.clone(), form, now());
                next.current = item.id.clone();
                next.items.insert(0, item);
                next.base = 0;
                next.conflict = None;
                next.show_errors = false;
                if matches!(next.saving, Saving::Saved | Saving::Conflict) {
                    next.saving = Saving::Idle;
                }
            }
            DeskAction::Delete(id) => {
                storage::remove(&next.ns, &id);
                next.items.retain(|i| i.id != id);
                next.unkept.retain(|u| *u != id);
                if next.current == id {
                    let form = next.current().map(|i| i.form.clone());
                    let blank = match form {
                        Some(Form::Offer(_)) => Form::Offer(Default::default()),
                        _ => Form::Start(Default::default()),
                    };
                    let item = Item::new(fresh_id(), next.tab.clone(), blank, now());
                    next.current = item.id.clone();
                    next.items.insert(0, item);
                    next.base = 0;
                }
            }
            DeskAction::Submit(document, at) => {
                if let Some(item) = next.current_mut() {
                    item.sent = Some(Sent { document, at, attempts: 0, error: None, confirmed: false });
                }
                // A submission is never lost: it is saved even over another tab's version.
                next.conflict = None;
                let id = next.current.clone();
                if next.saving == Saving::Conflict {
                    next.saving = Saving::Saved;
                }
                let ns = next.ns.clone();
                if let Some(item) = next.items.iter_mut().find(|i| i.id == id) {
                    let stored_rev = match storage::load(&ns) {
                        Ok(found) => found.items.iter().find(|i| i.id == id).map_or(0, |i| i.rev),
                        Err(_) => 0,
                    };
                    let base = stored_rev.max(item.rev);
                    let result = storage::save(&ns, item, base);
                    next.saving = match result {
                        Ok(()) => Saving::Saved,
                        Err(SaveError::Full) => Saving::Full,
                        Err(_) => Saving::Unavailable,
                    };
                    next.base = item.rev;
                    next.record_kept(&id, &result);
                }
            }
            DeskAction::Posting(id) => {
                if !next.sending.contains(&id) {
                    next.sending.push(id);
                }
            }
            DeskAction::Posted(id, result) => {
                next.sending.retain(|s| *s != id);
                let mut confirmed = false;
                if let Some(sent) = next.items.iter_mut().find(|i| i.id == id).and_then(|i| i.sent.as_mut()) {
                    // Read back from storage, where any number may stand.
                    sent.attempts = sent.attempts.saturating_add(1);
                    match result {
                        Ok(()) => {
                            sent.confirmed = true;
                            sent.error = None;
                            confirmed = true;
                        }
                        Err(why) => sent.error = Some(why),
                    }
                }
                if confirmed {
                    // Handed over: the municipality has it, so the browser need not keep it.
                    storage::remove(&next.ns, &id);
                    next.unkept.retain(|u| *u != id);
                    if id == next.current && next.saving == Saving::Saved {
                        next.saving = Saving::Idle;
                    }
                } else {
                    next.save_other(&id);
                }
            }
            DeskAction::External(key, value) => {
                let Some(key) = key else {
                    // Another tab cleared all storage: what this tab shows is no longer kept.
                    next.items.retain(|i| i.id == next.current);
                    next.base = 0;
                    if next.saving == Saving::Saved {
                        next.saving = Saving::Idle;
                    }
                    return Rc::new(next);
                };
                let prefix = storage::key(&next.ns, "");
                let Some(id) = key.strip_prefix(&prefix).map(str::to_owned) else { return self };
                match value.as_deref().map(storage::decode) {
                    None => {
                        if id != next.current {
                            next.items.retain(|i| i.id != id);
                        } else {
                            // Deleted elsewhere while open here: it is no longer kept.
                            next.base = 0;
                            next.saving = Saving::Idle;
                        }
                    }
                    Some(storage::Decoded::Item(theirs)) => {
                        if id == next.current {
                            if theirs.tab != next.tab && theirs.rev > next.base && next.current() != Some(&theirs) {
                                next.conflict = Some(*theirs);
                                next.saving = Saving::Conflict;
                            }
                        } else if let Some(known) = next.items.iter_mut().find(|i| i.id == id) {
                            *known = *theirs;
                        } else {
                            next.items.push(*theirs);
                        }
                    }
                    Some(_) => {}
                }
            }
            DeskAction::TakeTheirs => {
                if let Some(theirs) = next.conflict.take() {
                    next.base = theirs.rev;
                    if let Some(item) = next.current_mut() {
                        *item = theirs;
                    }
                    next.saving = Saving::Saved;
                }
            }
            DeskAction::KeepMine => {
                next.conflict = None;
                let id = fresh_id();
                let tab = next.tab.clone();
                if let Some(item) = next.current_mut() {
                    item.id = id.clone();
                    item.rev = 0;
                    item.tab = tab;
                }
                next.current = id;
                next.base = 0;
                next.save_current();
            }
            DeskAction::ClearAll => {
                storage::clear(&next.ns);
                let form = match next.current().map(|i| &i.form) {
                    Some(Form::Offer(_)) => Form::Offer(Default::default()),
                    _ => Form::Start(Default::default()),
                };
                let item = Item::new(fresh_id(), next.tab.clone(), form, now());
                next.current = item.id.clone();
                next.items = vec![item];
                next.base = 0;
                next.conflict = None;
                next.kept = 0;
                next.unkept.clear();
                next.cleared = true;
                next.show_errors = false;
                if next.saving != Saving::Unavailable && next.saving != Saving::Full {
                    next.saving = Saving::Idle;
                }
                return Rc::new(next);
            }
            DeskAction::ShowErrors(show) => next.show_errors = show,
        }
        next.cleared = false;
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::StartForm;

    fn desk() -> Desk {
        let fresh = Item::new("a".into(), "tab1".into(), Form::Start(StartForm::default()), now());
        Desk::new("gm9999".into(), "tab1".into(), fresh, |_| true)
    }

    fn reduce(desk: Desk, action: DeskAction) -> Desk {
        (*Rc::new(desk).reduce(action)).clone()
    }

    fn titled(title: &str) -> Form {
        Form::Start(StartForm { title: title.into(), ..StartForm::default() })
    }

    #[test]
    fn without_storage_the_form_still_works_and_says_it_is_not_saved() {
        let mut desk = desk();
        assert_eq!(desk.saving, Saving::Unavailable);
        desk = reduce(desk, DeskAction::Edit(titled("Feest")));
        assert_eq!((desk.saving.clone(), desk.current().unwrap().form.label()), (Saving::Unavailable, "Feest"));
        desk = reduce(desk, DeskAction::Submit("{}".into(), now()));
        assert!(desk.current().unwrap().in_outbox(), "kept in memory even when storage is not there");
        assert!(desk.is_unkept("a"), "the outbox must say this submission is not kept");
        desk = reduce(desk, DeskAction::Posted("a".into(), Err("HTTP 500".into())));
        let sent = desk.current().unwrap().sent.clone().unwrap();
        assert_eq!((sent.attempts, sent.error.as_deref(), sent.confirmed), (1, Some("HTTP 500"), false));
        assert!(desk.is_unkept("a"), "a failed save after a failed hand-over is still said");
        desk = reduce(desk, DeskAction::Posted("a".into(), Ok(())));
        assert!(!desk.current().unwrap().in_outbox());
        assert!(!desk.is_unkept("a"), "handed over: nothing left to keep");
        assert_eq!(desk.saving, Saving::Unavailable, "still said: the storage is not there");
    }

    #[test]
    fn another_tabs_newer_version_of_the_open_draft_is_a_conflict_not_an_overwrite() {
        let mut desk = desk();
        desk = reduce(desk, DeskAction::Edit(titled("Mijn versie")));
        let mut theirs = Item::new("a".into(), "tab2".into(), titled("Hun versie"), now());
        theirs.rev = 4;
        let key = storage::key("gm9999", "a");
        desk = reduce(desk, DeskAction::External(Some(key.clone()), Some(storage::encode(&theirs))));
        assert_eq!(desk.saving, Saving::Conflict);
        // Typing on does not save over it.
        desk = reduce(desk, DeskAction::Edit(titled("Mijn versie 2")));
        assert_eq!(desk.saving, Saving::Conflict);
        let mine = reduce(desk.clone(), DeskAction::KeepMine);
        assert_ne!(mine.current, "a");
        assert_eq!(mine.current().unwrap().form.label(), "Mijn versie 2");
        let taken = reduce(desk, DeskAction::TakeTheirs);
        assert_eq!((taken.current.as_str(), taken.current().unwrap().form.label()), ("a", "Hun versie"));
        assert_eq!(taken.base, 4);
        // Other keys and other municipalities are not ours.
        let other = reduce(taken.clone(), DeskAction::External(Some("verschilmaker/gm0001/a".into()), None));
        assert_eq!(other, taken);
    }

    #[test]
    fn ids_are_short_and_distinct() {
        let (a, b) = (fresh_id(), fresh_id());
        assert_ne!(a, b);
        assert!(a.len() < 14 && a.bytes().all(|c| c.is_ascii_alphanumeric()), "{a}");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
    }
}
