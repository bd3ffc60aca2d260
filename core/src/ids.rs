//! Newtype identifiers, one per collection, so that an area id can never be passed where a partner id is meant.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(String);

        impl $name {
            /// Makes an id, or returns `None` when `id` is empty or has white space around it.
            pub fn new(id: &str) -> Option<$name> {
                let valid = !id.is_empty() && id.trim() == id;
                valid.then(|| $name(id.to_owned()))
            }

            /// Makes an id from any text, never failing: `text` without the white space around it,
            /// or `_` when nothing is left. For ids a program makes or reads back from its own
            /// storage, where a bad one must not stop it; a dataset's ids go through [`Self::new`].
            ///
            /// ```
            #[doc = concat!("use verschilmaker::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new_lossy(\" a \").as_str(), \"a\");")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new_lossy(\" \").as_str(), \"_\");")]
            #[doc = concat!("assert!(", stringify!($name), "::new(&", stringify!($name), "::new_lossy(\"\\t\").to_string()).is_some());")]
            /// ```
            pub fn new_lossy(text: &str) -> $name {
                let trimmed = text.trim();
                $name(if trimmed.is_empty() { "_".to_owned() } else { trimmed.to_owned() })
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::ParseError;

            fn from_str(id: &str) -> Result<$name, crate::ParseError> {
                $name::new(id).ok_or(crate::ParseError::new("an id: not empty, without white space around it"))
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The id of an area (a district or neighbourhood).
    AreaId
);
id_type!(
    /// The id of a theme in the dataset's `themes` vocabulary.
    ThemeId
);
id_type!(
    /// The id of a skill in the dataset's `skills` vocabulary, or a free lowercase tag.
    SkillId
);
id_type!(
    /// The id of an initiative.
    InitiativeId
);
id_type!(
    /// The id of a need, unique within its initiative.
    NeedId
);
id_type!(
    /// The id of a partner.
    PartnerId
);
id_type!(
    /// The id of an offer, unique within its partner.
    OfferId
);
id_type!(
    /// The id of a commitment (afspraak).
    CommitmentId
);
id_type!(
    /// The id of a pitch event edition.
    EditionId
);
id_type!(
    /// The id of a policy rule.
    RuleId
);
