//! The widget's state: loading, failed or showing an overview, and the actions that move it.

use std::rc::Rc;

use yew::Reducible;

use crate::fetch::LoadFailure;
use crate::view_model::Overview;

/// Where loading the data file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// The data file is being fetched and parsed.
    Loading,
    /// It could not be fetched or is unusable.
    Failed(LoadFailure),
    /// It is shown.
    Loaded(Rc<Overview>),
}

/// The state of one widget instance.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Where loading stands.
    pub load: Load,
    /// How many times the visitor asked to try again; a change starts a new load.
    pub attempt: u32,
}

impl Default for State {
    fn default() -> Self {
        State { load: Load::Loading, attempt: 0 }
    }
}

/// What can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// A new load started (the source or language changed, or the visitor retried).
    Started,
    /// A load finished.
    Finished(Result<Overview, LoadFailure>),
    /// The visitor asked to try again.
    Retry,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Started => next.load = Load::Loading,
            Action::Finished(Ok(overview)) => next.load = Load::Loaded(Rc::new(overview)),
            Action::Finished(Err(failure)) => next.load = Load::Failed(failure),
            Action::Retry => {
                next.load = Load::Loading;
                next.attempt = next.attempt.wrapping_add(1);
            }
        }
        Rc::new(next)
    }
}
