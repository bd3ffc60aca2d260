//! The widget's state: loading, the view shown, what was searched for, and the actions that
//! move it. Searching itself happens in core, called from the views with these criteria.

use std::rc::Rc;

use verschilmaker::{Kind, Stage};
use yew::Reducible;

use crate::data::Loaded;
use crate::fetch::LoadFailure;
use crate::route::{Criteria, Route, SortKey, toggle};

/// Where loading the data file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// The data file is being fetched and parsed.
    Loading,
    /// It could not be fetched or is unusable.
    Failed(LoadFailure),
    /// It is shown.
    Loaded(Rc<Loaded>),
}

/// The state of one widget instance.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Where loading stands.
    pub load: Load,
    /// How many times the visitor asked to try again; a change starts a new load.
    pub attempt: u32,
    /// The view shown.
    pub route: Route,
    /// What the visitor searched for; kept while they look at an initiative.
    pub criteria: Criteria,
    /// The initiative the visitor last opened from the results, to put the focus back on it.
    pub came_from: Option<String>,
    /// Area ids that the criteria named (the `area` attribute, an old link) but the dataset does
    /// not have: taken out of the filters, so that the visitor sees every area, and named in a
    /// notice until the visitor chooses areas or clears the filters.
    pub unknown_areas: Vec<String>,
}

impl State {
    /// The state at mount: loading, with the route and criteria from the fragment or attributes.
    pub fn new(route: Route, criteria: Criteria) -> State {
        State { load: Load::Loading, attempt: 0, route, criteria, came_from: None, unknown_areas: Vec::new() }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new(Route::Discover, Criteria { pages: 1, ..Criteria::default() })
    }
}

/// What can happen to the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// A new load started (the source or language changed, or the visitor retried).
    Started,
    /// A load finished.
    Finished(Result<Rc<Loaded>, LoadFailure>),
    /// The visitor asked to try again.
    Retry,
    /// The search words changed.
    Text(String),
    /// A theme filter was switched (by id).
    Theme(String),
    /// An area filter was switched (by id), from the list or the map.
    Area(String),
    /// A stage filter was switched.
    Stage(Stage),
    /// A kind-of-need filter was switched.
    Kind(Kind),
    /// "Still needs help" was switched.
    StillNeedsHelp(bool),
    /// The postcode changed.
    Postcode(String),
    /// The order changed.
    Sort(SortKey),
    /// Every filter and the search words were cleared.
    ClearFilters,
    /// One more page of results.
    More,
    /// The visitor opened an initiative from the results.
    OpenInitiative(String),
    /// The route changed (the fragment, or back to the results); criteria from a fragment
    /// replace the current ones.
    Navigate(Route, Option<Criteria>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let criteria = &mut next.criteria;
        // Any change to what is searched for starts again at the first page.
        let refilter = !matches!(
            action,
            Action::More
                | Action::Started
                | Action::Finished(_)
                | Action::Retry
                | Action::OpenInitiative(_)
                | Action::Navigate(..)
        );
        // A new dataset or new criteria from the fragment may name areas the dataset lacks.
        let check_areas = matches!(action, Action::Finished(Ok(_)) | Action::Navigate(_, Some(_)));
        if matches!(action, Action::Area(_) | Action::ClearFilters) {
            next.unknown_areas.clear();
        }
        match action {
            Action::Started => next.load = Load::Loading,
            Action::Finished(Ok(loaded)) => next.load = Load::Loaded(loaded),
            Action::Finished(Err(failure)) => next.load = Load::Failed(failure),
            Action::Retry => {
                next.load = Load::Loading;
                next.attempt = next.attempt.wrapping_add(1);
            }
            Action::Text(text) => criteria.text = text,
            Action::Theme(id) => toggle(&mut criteria.themes, id),
            Action::Area(id) => toggle(&mut criteria.areas, id),
            Action::Stage(stage) => toggle(&mut criteria.stages, stage),
            Action::Kind(kind) => toggle(&mut criteria.kinds, kind),
            Action::StillNeedsHelp(open) => criteria.open = open,
            Action::Postcode(postcode) => criteria.postcode = postcode,
            Action::Sort(sort) => criteria.sort = sort,
            Action::ClearFilters => {
                *criteria = Criteria { sort: criteria.sort, pages: 1, ..Criteria::default() };
            }
            Action::More => criteria.pages = criteria.pages.max(1) + 1,
            Action::OpenInitiative(id) => {
                next.came_from = Some(id.clone());
                next.route = Route::Initiative(id);
            }
            Action::Navigate(route, from_fragment) => {
                if let Some(mut fresh) = from_fragment {
                    // Paging is not in the fragment; keep what the visitor had.
                    fresh.pages = criteria.pages.max(1);
                    *criteria = fresh;
                }
                next.route = route;
            }
        }
        if refilter {
            next.criteria.pages = 1;
        }
        if check_areas && let Load::Loaded(loaded) = &next.load {
            let areas = &loaded.dataset.areas;
            let mut unknown = Vec::new();
            next.criteria.areas.retain(|id| {
                areas.iter().any(|a| a.id.as_str() == id) || {
                    unknown.push(id.clone());
                    false
                }
            });
            next.unknown_areas = unknown;
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn filters_toggle_and_reset_paging() {
        let mut state = reduce(State::default(), Action::More);
        assert_eq!(state.criteria.pages, 2);
        state = reduce(state, Action::Theme("groen".into()));
        assert_eq!((state.criteria.themes.as_slice(), state.criteria.pages), (&["groen".to_owned()][..], 1));
        state = reduce(state, Action::Theme("groen".into()));
        assert!(state.criteria.themes.is_empty());
        state = reduce(state, Action::Sort(SortKey::Newest));
        state = reduce(state, Action::Text("tuin".into()));
        state = reduce(state, Action::ClearFilters);
        assert_eq!(state.criteria, Criteria { sort: SortKey::Newest, pages: 1, ..Criteria::default() });
    }

    #[test]
    fn an_area_the_dataset_lacks_leaves_the_filters_and_is_named_until_areas_are_chosen() {
        let json = r#"{"schema": "verschilmaker/1", "municipality": {"code": "GM0001", "name": "Proef", "languages": ["nl"]},
            "areas": [{"id": "zuid", "name": "Zuid"}], "initiatives": []}"#;
        let dataset = verschilmaker::Dataset::from_json_strict(json).expect("a valid dataset");
        let loaded = Rc::new(Loaded::new(dataset, Vec::new(), "nl"));
        let criteria = Criteria { areas: vec!["nergens".into(), "zuid".into()], pages: 1, ..Criteria::default() };
        let mut state = reduce(State::new(Route::Discover, criteria), Action::Finished(Ok(Rc::clone(&loaded))));
        assert_eq!(state.criteria.areas, ["zuid"], "the known area stays a filter");
        assert_eq!(state.unknown_areas, ["nergens"]);
        // A link with another unknown area, after the load.
        let linked = Criteria { areas: vec!["oost".into()], pages: 1, ..Criteria::default() };
        state = reduce(state, Action::Navigate(Route::Discover, Some(linked)));
        assert!(state.criteria.areas.is_empty());
        assert_eq!(state.unknown_areas, ["oost"]);
        // Typing keeps the notice; choosing an area ends it.
        state = reduce(state, Action::Text("tuin".into()));
        assert_eq!(state.unknown_areas, ["oost"]);
        state = reduce(state, Action::Area("zuid".into()));
        assert!(state.unknown_areas.is_empty());
        assert_eq!(state.criteria.areas, ["zuid"]);
    }

    #[test]
    fn opening_and_going_back_keep_the_criteria() {
        let mut state = reduce(State::default(), Action::Text("tuin".into()));
        state = reduce(state, Action::OpenInitiative("a".into()));
        assert_eq!((state.route.clone(), state.came_from.as_deref()), (Route::Initiative("a".into()), Some("a")));
        state = reduce(state, Action::Navigate(Route::Discover, None));
        assert_eq!((state.route, state.criteria.text.as_str()), (Route::Discover, "tuin"));
    }
}
