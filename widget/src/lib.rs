//! The Verschilmaker widget: a yew app mounted into a `verschil-maker` element.
