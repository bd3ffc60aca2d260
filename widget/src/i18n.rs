//! The widget's own texts in Dutch and English, every key in both: one table for the residents'
//! views and a second for the texts only the facilitator's workbench shows.

use verschilmaker::{Kind, Sector, Stage};

/// The language the widget's own texts are shown in.
///
/// Why only two? The dataset can carry any language, and its texts are resolved separately
/// (visitor's language, then the municipality's first, then any); the widget's own chrome is
/// translated into Dutch and English, and Dutch is the default for every other language because
/// the widget is made for Dutch municipalities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiLang {
    /// Dutch, the default.
    Nl,
    /// English.
    En,
}

impl UiLang {
    /// Chooses the widget language for a BCP 47 tag such as `en-GB` or `nl`.
    pub fn from_tag(tag: &str) -> UiLang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
        if primary.eq_ignore_ascii_case("en") { UiLang::En } else { UiLang::Nl }
    }

    /// The texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            UiLang::Nl => &NL,
            UiLang::En => &EN,
        }
    }

    /// The language code for `lang` attributes and for resolving dataset texts.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Nl => "nl",
            UiLang::En => "en",
        }
    }
}

/// Every key of a table with its text, for the test that both languages are complete.
#[cfg(test)]
type KeyedTexts = Vec<(&'static str, &'static str)>;

/// Defines a table struct and its Dutch and English instances from one list of
/// `key: "Dutch", "English";` lines, so a key cannot exist in one language only. Fields before
/// the list (`{ name: Type = dutch_value, english_value; }`) are set per language too but are
/// not texts.
macro_rules! texts {
    (
        $(#[$doc:meta])* $name:ident, $nl:ident, $en:ident, $every_key:ident;
        { $($field:ident: $field_ty:ty = $field_nl:expr, $field_en:expr;)* }
        $($key:ident: $nl_text:expr, $en_text:expr;)*
    ) => {
        $(#[$doc])*
        #[derive(Debug)]
        #[allow(missing_docs)] // The key names say what each text is; the table below is the doc.
        pub struct $name {
            $(pub $field: $field_ty,)*
            $(pub $key: &'static str,)*
        }
        pub(crate) static $nl: $name = $name { $($field: $field_nl,)* $($key: $nl_text,)* };
        pub(crate) static $en: $name = $name { $($field: $field_en,)* $($key: $en_text,)* };
        /// Every key with its text, for the test that both languages are complete.
        #[cfg(test)]
        fn $every_key(texts: &$name) -> crate::i18n::KeyedTexts {
            vec![$((stringify!($key), texts.$key),)*]
        }
    };
}

texts! {
    /// Every text the widget shows that does not come from the dataset, except the workbench's
    /// own (see [`WorkbenchTexts`]).
    Texts, NL, EN, every_key;
    {}
    loading: "Laden…", "Loading…";
    initiatives_in: "Initiatieven in", "Initiatives in";
    initiative_one: "initiatief", "initiative";
    initiative_many: "initiatieven", "initiatives";
    found: "gevonden", "found";
    themes: "Thema’s", "Themes";
    area: "Gebied", "Area";
    areas: "Gebieden", "Areas";
    stage: "Fase", "Stage";
    stages: "Fases", "Stages";
    need_kinds: "Soort hulp", "Kind of help";
    whole_municipality: "Hele gemeente", "Whole municipality";
    skipped_title: "Niet alles kon worden getoond", "Not everything could be shown";
    skipped_text: "Een deel van de gegevens bevat fouten en is overgeslagen. Aantal overgeslagen onderdelen:",
        "Part of the data contains errors and was skipped. Number of skipped items:";
    details: "Technische details", "Technical details";
    error_title: "Het overzicht kan niet worden getoond", "The overview cannot be shown";
    error_network: "De gegevens konden niet worden opgehaald. Controleer uw internetverbinding en probeer het later opnieuw.",
        "The data could not be fetched. Check your internet connection and try again later.";
    error_http: "De gegevens zijn op dit moment niet beschikbaar. Probeer het later opnieuw.",
        "The data is not available at the moment. Please try again later.";
    error_invalid: "Het gegevensbestand bevat fouten; opnieuw proberen helpt niet. De gemeente kan het verbeteren (zie de details).",
        "The data file has errors; trying again will not help. The municipality can correct it (see the details).";
    error_no_src: "Er is geen gegevensbestand ingesteld: het attribuut src ontbreekt.",
        "No data file is configured: the src attribute is missing.";
    retry: "Opnieuw proberen", "Try again";
    error_part: "Dit deel van de pagina kon niet worden geladen. Controleer uw internetverbinding en probeer het opnieuw.",
        "This part of the page could not be loaded. Check your internet connection and try again.";
    stage_idea: "Idee", "Idea";
    stage_pitched: "Gepitcht", "Pitched";
    stage_starting: "In de startfase", "Starting";
    stage_running: "Loopt", "Running";
    stage_completed: "Afgerond", "Completed";
    stage_paused: "Gepauzeerd", "Paused";
    kind_space: "Ruimte", "Space";
    kind_funding: "Geld", "Funding";
    kind_volunteers: "Vrijwilligers", "Volunteers";
    kind_expertise: "Kennis", "Expertise";
    kind_materials: "Materiaal", "Materials";
    kind_permit: "Vergunning en regels", "Permits and rules";
    kind_promotion: "Bekendheid", "Promotion";
    kind_network: "Netwerk", "Network";
    kind_coaching: "Procesbegeleiding", "Coaching";
    sector_resident: "bewoners", "residents";
    sector_youth: "jongeren", "young people";
    sector_business: "bedrijven", "businesses";
    sector_institution: "instellingen", "institutions";
    sector_government: "overheid", "government";
    sector_foundation: "fondsen", "foundations";
    unit_hours: "uur", "hours";
    unit_eur: "euro", "euros";
    unit_m2: "m²", "m²";
    unit_items: "stuks", "items";
    unit_requests: "verzoeken", "requests";
    search_label: "Zoek een initiatief", "Search for an initiative";
    search_hint: "Bijvoorbeeld moestuin, repair café of een wijk", "For example garden, repair café or a neighbourhood";
    filters: "Filters", "Filters";
    filters_and_map: "Kaart en filters", "Map and filters";
    filters_active: "actief", "active";
    skip_to_results: "Naar de resultaten", "To the results";
    area_unknown: "Dit gebied komt niet voor in de gegevens:", "This area is not in the data:";
    area_unknown_all: "U ziet alle gebieden.", "You see all areas.";
    still_needs_help: "Zoekt nog hulp", "Still needs help";
    postcode_label: "Uw postcode", "Your postcode";
    postcode_hint: "Bijvoorbeeld 5211 AB: toont de initiatieven in uw buurt", "For example 5211 AB: shows the initiatives in your neighbourhood";
    postcode_in: "Deze postcode ligt in", "This postcode is in";
    postcode_unknown: "Deze postcode hoort bij geen gebied van de gemeente.", "This postcode is not in any area of the municipality.";
    sort_label: "Sorteren op", "Sort by";
    sort_relevance: "Best passend", "Best match";
    sort_newest: "Nieuwste eerst", "Newest first";
    sort_open_needs: "Meeste open hulpvragen", "Most open needs";
    no_results: "Geen initiatieven gevonden.", "No initiatives found.";
    no_results_help: "Probeer een ander zoekwoord of minder filters.", "Try another search word or fewer filters.";
    clear_filters: "Alle filters wissen", "Clear all filters";
    more: "Meer tonen", "Show more";
    shown_of: "getoond van de", "shown of";
    needs_covered: "hulpvragen gedekt", "needs covered";
    of: "van", "of";
    no_needs: "Geen hulpvragen", "No needs";
    map_title: "Kaart van de gebieden", "Map of the areas";
    map_hint: "Kies een gebied om op te filteren.", "Choose an area to filter on.";
    shade_by: "Kleur op", "Shade by";
    shade_initiatives: "aantal gevonden initiatieven", "number of initiatives found";
    shade_open_needs: "aantal open hulpvragen (alle initiatieven)", "number of open needs (all initiatives)";
    legend_low: "weinig", "few";
    legend_high: "veel", "many";
    map_table: "De cijfers van de kaart als tabel", "The map’s figures as a table";
    col_initiatives: "Initiatieven", "Initiatives";
    col_open_needs: "Open hulpvragen", "Open needs";
    initiatives_lower: "initiatieven", "initiatives";
    open_needs_lower: "open hulpvragen", "open needs";
    open_need_lower: "open hulpvraag", "open need";
    back: "Terug naar de resultaten", "Back to the results";
    links: "Links", "Links";
    needs: "Wat er nodig is", "What is needed";
    open: "nog open", "still open";
    way_in: "Hebt u een idee, of wilt u helpen?", "Do you have an idea, or do you want to help?";
    nav_start: "Start een initiatief", "Start an initiative";
    nav_offer: "Bied hulp aan", "Offer help";
    next: "Volgende stap", "Next step";
    // ---
}

/// The texts that only the views of the second module show (the initiative page, the forms and
/// the agenda), in a table of their own: the first module never refers to it, so `www build`
/// moves these texts with those views into the module fetched on first use (see
/// docs/bundle-size.md). It dereferences to the common [`Texts`], so those views read both
/// through one value.
mod later_texts {
    use super::{EN, NL, Texts, UiLang};

    texts! {
        /// The texts of the initiative page, the forms and the agenda that the first view does not show.
        LaterTexts, LATER_NL, LATER_EN, every_later_key;
        { common: &'static Texts = &NL, &EN; ui: UiLang = UiLang::Nl, UiLang::En; }
        no_initiatives: "Er zijn nog geen initiatieven.", "There are no initiatives yet.";
        story: "Het verhaal", "The story";
        initiators: "Initiatiefnemers", "Initiators";
        period: "Periode", "Period";
        since: "vanaf", "from";
        until: "tot en met", "until";
        covered: "gedekt", "covered";
        fully_covered: "Helemaal gedekt", "Fully covered";
        not_quantified: "Hoeveelheid niet opgegeven", "Amount not given";
        has_commitment: "er is een afspraak", "there is a commitment";
        no_commitment: "nog geen afspraak", "no commitment yet";
        optional: "niet vereist", "optional";
        rules: "Regels en wie u belt", "Rules and who to call";
        no_rules: "Er gelden geen bijzondere regels voor dit initiatief.", "No particular rules apply to this initiative.";
        contact: "Contact", "Contact";
        phone: "Telefoon", "Phone";
        email: "E-mail", "Email";
        website: "Website", "Website";
        edition: "Pitch", "Pitch";
        suggested: "Wie kan helpen", "Who could help";
        suggested_hint: "Partners die passen bij wat nodig is, met de redenen.", "Partners who fit what is needed, with the reasons.";
        no_suggestions: "Er zijn nog geen passende partners gevonden.", "No fitting partners have been found yet.";
        all_covered: "Alle hulpvragen zijn gedekt: er zijn geen partners meer nodig.",
            "Every need is covered: no more partners are needed.";
        covered_left_out: "Al gedekt, daarvoor worden geen partners meer voorgesteld:",
            "Already covered, so no partners are suggested for:";
        ended_left_out: "De periode is voorbij, daarvoor worden geen partners meer voorgesteld:",
            "Their period is over, so no partners are suggested for:";
        completed_no_suggestions: "Dit initiatief is afgerond, dus er worden geen partners meer voorgesteld.",
            "This initiative is completed, so no partners are suggested any more.";
        paused_no_suggestions: "Dit initiatief staat stil, dus er worden nu geen partners voorgesteld.",
            "This initiative is paused, so no partners are suggested for now.";
        match_score: "match", "match";
        helps_with: "Kan helpen met:", "Can help with:";
        coalition: "Beste combinatie van partners", "Best coalition of partners";
        coalition_complete: "Samen dekken zij alle vereiste hulpvragen.", "Together they cover all required needs.";
        coalition_partial: "Samen dekken zij een deel van de vereiste hulpvragen.", "Together they cover part of the required needs.";
        coalition_none: "Er is nog geen combinatie die helpt.", "There is no coalition that helps yet.";
        coalition_fewest: "Niet elke partner in deze combinatie staat hierboven: de combinatie dekt de vereiste hulpvragen met zo weinig mogelijk partners.",
            "Not every partner in this coalition is listed above: it covers the required needs with the fewest partners.";
        help: "Ik wil helpen", "I want to help";
        help_hint: "U komt bij het loket van de gemeente, dat u in contact brengt met de initiatiefnemers.",
            "You reach the municipality’s counter, which puts you in touch with the initiators.";
        not_found: "Dit initiatief bestaat niet (meer).", "This initiative does not exist (any more).";
        r_same_area: "zelfde buurt", "same neighbourhood";
        r_serves_all_of: "helpt in heel", "serves all of";
        r_serves: "helpt in", "serves";
        r_next_to: "naast", "next to";
        r_km_away: "km weg", "km away";
        r_whole_municipality: "helpt in de hele gemeente", "serves the whole municipality";
        r_offers: "biedt", "offers";
        r_of_the: "van de", "of the";
        r_enough_for: "genoeg voor de", "enough for the";
        r_also_works_on: "werkt ook aan projecten rond", "also works on";
        r_projects: "", "projects";
        r_brings: "kan:", "brings:";
        r_says: "biedt:", "offers:";
        r_new_sector: "nieuw bij dit initiatief:", "new to this initiative:";
        r_available: "beschikbaar op", "available on";
        r_days: "dagen", "days";

        // Start an initiative, offer help, drafts, outbox and hand-over (issue 6) go below this line.
        to_overview: "Terug naar het overzicht", "Back to the overview";
        step: "Stap", "Step";
        step_what: "Wat en waarom", "What and why";
        step_where: "Waar en wanneer", "Where and when";
        step_needs: "Wat u nodig hebt", "What you need";
        step_who: "Wie en contact", "Who and contact";
        step_check: "Controleren en versturen", "Check and send";
        f_title: "Naam van uw initiatief", "Name of your initiative";
        f_summary: "Wat wilt u doen, en waarom?", "What do you want to do, and why?";
        f_summary_hint: "Een of twee zinnen.", "One or two sentences.";
        f_description: "Meer vertellen (niet verplicht)", "Tell more (optional)";
        f_area: "In welke buurt?", "In which neighbourhood?";
        f_area_none: "Hele gemeente, of weet ik nog niet", "Whole municipality, or not sure yet";
        f_postcode: "Of uw postcode (niet verplicht)", "Or your postcode (optional)";
        f_postcode_hint: "Bijvoorbeeld 5231 AB; de buurt wordt er dan bij gezocht.", "For example 5231 AB; the neighbourhood is then looked up.";
        f_start: "Begindatum (niet verplicht)", "Start date (optional)";
        f_end: "Einddatum (niet verplicht)", "End date (optional)";
        f_amount: "Hoeveel (niet verplicht), in", "How much (optional), in";
        f_skills: "Welke vaardigheden zijn nodig?", "Which skills are needed?";
        f_need_description: "Toelichting (niet verplicht)", "Details (optional)";
        need_n: "Hulpvraag", "Need";
        add_need: "Hulpvraag toevoegen", "Add a need";
        remove_need: "Deze hulpvraag verwijderen", "Remove this need";
        f_initiator: "Wie staat erachter?", "Who is behind it?";
        f_initiator_hint: "Uw naam, of de naam van uw groep.", "Your name, or the name of your group.";
        f_sector: "Wie bent u?", "Who are you?";
        f_contact_name: "Contactpersoon (niet verplicht)", "Contact person (optional)";
        f_contact_hint: "Een e-mailadres of telefoonnummer is genoeg. De gemeente gebruikt het alleen om contact met u op te nemen; het wordt niet gepubliceerd.",
            "An email address or phone number is enough. The municipality only uses it to contact you; it is not published.";
        previous: "Vorige stap", "Previous step";
        submit: "Versturen", "Send";
        errors_title: "Verbeter eerst het volgende:", "Please correct the following first:";
        e_required: "Vul dit in.", "Please fill this in.";
        e_postcode: "Dit is geen postcode. Gebruik vier cijfers en eventueel twee letters, zoals 5231 AB.",
            "This is not a postcode. Use four digits and optionally two letters, such as 5231 AB.";
        e_postcode_outside: "Deze postcode ligt niet in de gemeente.", "This postcode is not in the municipality.";
        e_date: "Dit is geen datum.", "This is not a date.";
        e_end_before_start: "De einddatum ligt vóór de begindatum.", "The end date is before the start date.";
        e_amount: "Vul een getal van 0 of meer in, zoals 40 of 12,5.", "Enter a number of 0 or more, such as 40 or 12.5.";
        e_email: "Dit e-mailadres is niet compleet, zoals naam@voorbeeld.nl.", "This email address is not complete, such as name@example.org.";
        e_contact: "Vul een e-mailadres of een telefoonnummer in.", "Enter an email address or a phone number.";
        e_no_needs: "Voeg minstens één hulpvraag toe.", "Add at least one need.";
        live_hint: "Dit verandert terwijl u typt, op basis van wat u tot nu toe hebt ingevuld.", "This changes as you type, based on what you have entered so far.";
        live_no_needs: "Voeg een hulpvraag toe om te zien wie kan helpen.", "Add a need to see who could help.";
        check_hint: "Kijk alles na. Er wordt niets verstuurd tot u op Versturen klikt.", "Check everything. Nothing is sent until you press Send.";
        change: "Wijzigen", "Change";
        not_given: "niet ingevuld", "not given";
        saved: "Concept bewaard in deze browser.", "Draft kept in this browser.";
        not_saved_unavailable: "Let op: uw concept wordt niet bewaard, omdat deze browser geen opslag toestaat. Het formulier werkt wel. Download uw concept als u het wilt bewaren.",
            "Please note: your draft is not saved, because this browser does not allow storage. The form still works. Download your draft if you want to keep it.";
        not_saved_full: "Let op: uw concept wordt niet bewaard, omdat de opslag van deze browser vol is. Het formulier werkt wel. Download uw concept als u het wilt bewaren.",
            "Please note: your draft is not saved, because this browser’s storage is full. The form still works. Download your draft if you want to keep it.";
        download_draft: "Concept downloaden", "Download the draft";
        conflict: "Dit concept is in een ander tabblad of venster gewijzigd. Wat u hier typt, wordt pas weer bewaard als u kiest.",
            "This draft was changed in another tab or window. What you type here is only saved again once you choose.";
        conflict_theirs: "De andere versie laden", "Load the other version";
        conflict_mine: "Mijn versie als nieuw concept bewaren", "Keep my version as a new draft";
        drafts: "Uw concepten", "Your drafts";
        untitled: "Concept zonder naam", "Untitled draft";
        continue_with: "Verder met", "Continue with";
        draft_open_now: "(nu geopend)", "(open now)";
        unit_hour: "uur", "hour";
        unit_item: "stuk", "item";
        unit_request: "verzoek", "request";
        new_draft: "Nieuw concept beginnen", "Begin a new draft";
        delete: "Verwijderen", "Delete";
        outbox: "Uw inzendingen", "Your submissions";
        outbox_hint: "Een inzending blijft in deze browser bewaard tot de gemeente heeft bevestigd dat hij is ontvangen.",
            "A submission is kept in this browser until the municipality has confirmed that it was received.";
        status_waiting: "Nog niet bevestigd door de gemeente.", "Not yet confirmed by the municipality.";
        status_sending: "Bezig met versturen…", "Sending…";
        status_failed: "Versturen is niet gelukt. Uw inzending is bewaard; probeer het opnieuw of kies een andere manier. Reden:",
            "Sending did not work. Your submission is kept; try again or choose another way. Reason:";
        status_received: "Ontvangen door de gemeente. Dank u wel!", "Received by the municipality. Thank you!";
        status_failed_unkept: "Versturen is niet gelukt. Reden:", "Sending did not work. Reason:";
        not_kept: "Let op: deze inzending is niet bewaard in deze browser, omdat de opslag vol of geblokkeerd is. Download het bestand of verstuur het per e-mail voordat u de pagina sluit; anders gaat uw inzending verloren.",
            "Note: this submission is not kept in this browser, because its storage is full or blocked. Download the file or send it by email before you close the page; otherwise your submission is lost.";
        set_aside_one: "1 item in de opslag van deze browser kon niet worden gelezen (beschadigd, of van een nieuwere versie van deze website). Het is niet gewijzigd of verwijderd.",
            "1 item in this browser's storage could not be read (damaged, or from a newer version of this website). It has not been changed or deleted.";
        set_aside_many: "items in de opslag van deze browser konden niet worden gelezen (beschadigd, of van een nieuwere versie van deze website). Ze zijn niet gewijzigd of verwijderd.",
            "items in this browser's storage could not be read (damaged, or from a newer version of this website). They have not been changed or deleted.";
        retry_send: "Opnieuw versturen", "Send again";
        by_email: "Versturen per e-mail", "Send by email";
        download_file: "Downloaden als bestand", "Download as a file";
        print: "Afdrukken", "Print";
        remove_item: "Uit deze browser verwijderen", "Remove from this browser";
        handover_hint: "U kunt uw inzending ook zelf doorgeven:", "You can also hand over your submission yourself:";
        mail_subject: "Inzending via Verschilmaker:", "Submission via Verschilmaker:";
        stored_title: "Wat bewaart deze website in uw browser?", "What does this website keep in your browser?";
        stored_text: "Alleen wat u in deze formulieren typt, en wat u hebt verstuurd zolang de gemeente het nog niet heeft ontvangen. Het staat alleen in deze browser op dit apparaat, zodat u niets kwijtraakt als de pagina sluit. Er gaat niets naar de gemeente tot u zelf op Versturen klikt. Geen cookies, geen tracking.",
            "Only what you type into these forms, and what you have sent for as long as the municipality has not received it. It is kept only in this browser on this device, so that you lose nothing when the page closes. Nothing goes to the municipality until you press Send yourself. No cookies, no tracking.";
        stored_now: "Nu bewaard:", "Kept now:";
        stored_items: "concept(en) en inzending(en)", "draft(s) and submission(s)";
        delete_all: "Alles verwijderen", "Delete everything";
        deleted_all: "Alles wat deze website in uw browser bewaarde, is verwijderd.", "Everything this website kept in your browser has been deleted.";
        offer_intro: "Vertel wat u kunt doen. U ziet meteen waar u het beste past. Er wordt niets verstuurd tot u zelf op Versturen klikt.",
            "Tell us what you can do. You see at once where you fit best. Nothing is sent until you press Send yourself.";
        o_name: "Uw naam, of de naam van uw organisatie", "Your name, or the name of your organisation";
        o_kind: "Wat kunt u bieden?", "What can you offer?";
        o_hours: "Hoeveel uur per maand? (niet verplicht)", "How many hours a month? (optional)";
        o_skills: "Wat kunt u goed?", "What are you good at?";
        o_areas: "Waar kunt u helpen?", "Where can you help?";
        o_areas_hint: "Niets aangevinkt: in de hele gemeente.", "Nothing ticked: in the whole municipality.";
        o_themes: "Waar gaat uw hart naar uit?", "What do you care about?";
        o_interest: "U wilt helpen bij:", "You want to help with:";
        fits: "Waar u het beste past", "Where you fit best";
        fits_hint: "Hulpvragen van initiatieven die passen bij wat u biedt, met de redenen.", "Needs of initiatives that fit what you offer, with the reasons.";
        no_fits: "Er is nog geen hulpvraag die past. Probeer een andere soort hulp of meer gebieden.", "No need fits yet. Try another kind of help or more areas.";
        help_offer_hint: "Vertel wat u kunt doen; u ziet waar u past en kiest zelf wanneer u het verstuurt.", "Say what you can do; you see where you fit and choose when to send it.";
        mail_counter: "Of mail het loket", "Or email the counter";
        choose: "Kies…", "Choose…";
        your_submission: "Uw inzending", "Your submission";
        // The pitch agenda (residents see it too; the workbench shows its tab).
        f_tab_agenda: "Pitchagenda", "Pitch agenda";
        f_download_failed: "Downloaden is mislukt", "The download failed";
        f_ics: "In mijn agenda zetten (.ics)", "Add to my calendar (.ics)";
        f_ics_all: "Hele pitchagenda downloaden (.ics)", "Download the whole pitch agenda (.ics)";
        f_upcoming: "Komende pitchavonden", "Upcoming pitch events";
        f_past: "Eerdere pitchavonden", "Past pitch events";
        f_no_upcoming: "Er staat nog geen nieuwe pitchavond gepland.", "No new pitch event has been planned yet.";
        f_no_editions: "Er zijn nog geen pitchavonden.", "There are no pitch events yet.";
        f_no_pitches: "De initiatieven worden later bekendgemaakt.", "The initiatives will be announced later.";
        f_pitched: "Deze initiatieven pitchen:", "These initiatives pitch:";
        f_pitched_past: "Gepitcht, en wat ervan werd:", "Pitched, and what became of them:";
        f_now: "nu", "now";
        f_more_about: "Meer over deze avond", "More about this event";
    }

    impl LaterTexts {
        /// A unit token as people say it of `count`: "1 uur", "1 hour", "2 hours", "1 verzoek".
        pub fn unit_for<'a>(&self, unit: &'a str, count: f64) -> &'a str {
            match unit {
                "hours" if count == 1.0 => self.unit_hour,
                "items" if count == 1.0 => self.unit_item,
                "requests" if count == 1.0 => self.unit_request,
                other => self.unit_label(other),
            }
        }
    }

    impl std::ops::Deref for LaterTexts {
        type Target = Texts;

        fn deref(&self) -> &Texts {
            self.common
        }
    }

    impl super::UiLang {
        /// The texts of the initiative page, the forms and the agenda (with the common ones
        /// behind them).
        pub fn later_texts(self) -> &'static LaterTexts {
            match self {
                super::UiLang::Nl => &LATER_NL,
                super::UiLang::En => &LATER_EN,
            }
        }
    }

    #[cfg(test)]
    pub(super) fn every_key_nl_en() -> (super::KeyedTexts, super::KeyedTexts) {
        (every_later_key(&LATER_NL), every_later_key(&LATER_EN))
    }
}

pub use later_texts::LaterTexts;

/// The workbench's texts, in a table of their own so that the residents' bundle, which is built
/// without the feature `workbench`, does not carry them (118 texts, 3.6 KB gzipped in both
/// languages; see docs/bundle-size.md). It dereferences to the common [`Texts`], so workbench
/// code reads all three through one value.
#[cfg(feature = "workbench")]
mod workbench_texts {
    use super::LaterTexts;
    use super::later_texts::{LATER_EN, LATER_NL};

    texts! {
        /// The texts of the facilitator's workbench (`view="facilitate"`) that no other view shows.
        WorkbenchTexts, WORKBENCH_NL, WORKBENCH_EN, every_workbench_key;
        { common: &'static LaterTexts = &LATER_NL, &LATER_EN; }
        f_workbench: "Werkplaats", "Workbench";
        f_intro: "Zie waar hulp ontbreekt, breng partners en initiatieven samen, houd afspraken bij en beheer het gegevensbestand. Alles blijft in deze browser.",
            "See where help is missing, bring partners and initiatives together, keep track of commitments and keep the data file. Everything stays in this browser.";
        f_tab_dashboard: "Overzicht", "Dashboard";
        f_tab_round: "Verdelingsronde", "Allocation round";
        f_tab_commitments: "Afspraken", "Commitments";
        f_tab_data: "Gegevens", "Data";
        f_unsaved: "Niet-geëxporteerde wijzigingen: exporteer het JSON-bestand om ze te publiceren.", "Unsaved changes: export the JSON file to publish them.";
        f_saved: "Geen niet-geëxporteerde wijzigingen.", "No unsaved changes.";
        f_storage_failed: "De werkkopie kon niet in deze browser worden bewaard; exporteer uw wijzigingen om ze niet kwijt te raken.",
            "The working copy could not be kept in this browser; export your changes so as not to lose them.";
        f_discarded: "De werkkopie is weggegooid; u werkt weer met het gepubliceerde bestand.", "The working copy was discarded; you are working with the published file again.";
        f_unreadable: "De werkkopie die in deze browser bewaard is, kan niet worden gelezen. U ziet nu het gepubliceerde bestand; de bewaarde werkkopie is niet weggegooid.",
            "The working copy kept in this browser cannot be read. You now see the published file; the kept working copy has not been thrown away.";
        f_unreadable_format: "onbekende of beschadigde opmaak", "unknown or damaged format";
        f_unreadable_hint: "Download haar om niets kwijt te raken. Wijzigingen worden pas in deze browser bewaard als u kiest om haar te vervangen.",
            "Download it so as to lose nothing. Changes are kept in this browser only once you choose to replace it.";
        f_unreadable_download: "Onleesbare werkkopie downloaden", "Download the unreadable working copy";
        f_unreadable_replace: "Vervangen door wat ik nu zie", "Replace it with what I see now";
        f_unreadable_replaced: "De onleesbare werkkopie is vervangen door de werkkopie die u ziet.", "The unreadable working copy was replaced by the working copy you see.";
        f_covered: "Gedekt", "Covered";
        f_open: "Nog open", "Open";
        f_needs: "Hulpvragen", "Needs";
        f_needs_lower: "hulpvragen", "needs";
        f_need_one: "hulpvraag", "need";
        f_need_many: "hulpvragen", "needs";
        f_partners: "Waarmakers (partners)", "Partners";
        f_partners_lower: "waarmakers", "partners";
        f_offers: "Aanbod", "Offers";
        f_and_more: "en nog", "and more:";
        f_gaps_title: "Waar niemand kan helpen", "Where nobody can help";
        f_gaps_hint: "Open hulpvragen waarvoor geen enkele partner in het gebied het juiste aanbod heeft. Hier is kennis of een nieuwe partner nodig.",
            "Open needs for which no partner serving the area has the right offer. This is where knowledge or a new partner is needed.";
        f_no_gaps: "Voor elke open hulpvraag is er minstens één partner die kan helpen.", "Every open need has at least one partner who could help.";
        f_gaps_by_theme: "Dezelfde gaten per thema", "The same gaps per theme";
        f_chart_kind: "Open en gedekte hulpvragen per soort hulp", "Open and covered needs per kind of help";
        f_chart_theme: "Open en gedekte hulpvragen per thema", "Open and covered needs per theme";
        f_chart_area: "Open en gedekte hulpvragen per gebied", "Open and covered needs per area";
        f_chart_capacity: "Aanbod van partners: gebruikt en nog vrij", "Partner capacity: used and still free";
        f_chart_stage: "Initiatieven per fase", "Initiatives per stage";
        f_chart_sector: "Initiatieven waaraan elke sector meedoet", "Initiatives each sector takes part in";
        f_as_table: "Toon de cijfers als tabel", "Show the figures as a table";
        f_needed_amount: "Nodig", "Needed";
        f_covered_amount: "Gedekt (hoeveelheid)", "Covered (amount)";
        f_open_amount: "Open (hoeveelheid)", "Open (amount)";
        f_used: "Gebruikt", "Used";
        f_free: "Vrij", "Free";
        f_offered_amount: "Aangeboden", "Offered";
        f_used_amount: "Gebruikt (hoeveelheid)", "Used (amount)";
        f_sector_col: "Sector", "Sector of society";
        f_mixed: "Initiatieven waaraan twee of meer sectoren meedoen", "Initiatives in which two or more sectors take part";
        f_map_hint: "Donkerder betekent meer open hulpvragen. Kies een gebied voor zijn cijfers.", "Darker means more open needs. Choose an area for its figures.";
        f_round_intro: "De verdelingsronde verdeelt het vrije aanbod van partners zo goed mogelijk over alle open hulpvragen. U beslist per voorstel.",
            "The allocation round divides the partners' free capacity as well as possible over all open needs. You decide on each proposal.";
        f_fair: "Eerlijk over de wijken: eerst elke hulpvraag een deel", "Fair across neighbourhoods: first a share for every need";
        f_floor: "Minimaal deel per hulpvraag (%)", "Minimum share per need (%)";
        f_run_round: "Verdelingsronde uitvoeren", "Run the allocation round";
        f_round_busy: "Bezig met de verdelingsronde", "Running the allocation round";
        f_round_step_index: "het aanbod op een rij zetten", "indexing the offers";
        f_round_step_candidates: "kandidaten zoeken", "finding candidates";
        f_round_step_solving: "de beste verdeling berekenen", "computing the best allocation";
        f_round_failed: "De verdelingsronde is mislukt", "The allocation round failed";
        f_round_stale: "De gegevens zijn veranderd sinds de laatste ronde; voer de ronde opnieuw uit.", "The data changed since the last round; run the round again.";
        f_proposal_one: "voorstel", "proposal";
        f_proposals: "voorstellen", "proposals";
        f_unmet_after_one: "hulpvraag blijft (deels) open", "need stays (partly) open";
        f_unmet_after: "hulpvragen blijven (deels) open", "needs stay (partly) open";
        f_accept: "Accepteren", "Accept";
        f_reject: "Afwijzen", "Reject";
        f_accept_all: "Alles accepteren", "Accept all";
        f_reject_all: "Alles afwijzen", "Reject all";
        f_accepted: "Geaccepteerd", "Accepted";
        f_rejected: "Afgewezen", "Rejected";
        f_undecided: "Nog niet besloten", "Not decided";
        f_quantity: "Hoeveelheid", "Amount";
        f_make_commitments: "Geaccepteerde voorstellen als afspraak voorstellen", "Propose the accepted ones as commitments";
        f_commitments_made: "afspraken voorgesteld", "commitments proposed";
        f_round_note: "Voorgesteld in de verdelingsronde", "Proposed in the allocation round";
        f_see_commitments: "zie het tabblad Afspraken.", "see the Commitments tab.";
        f_commitments_lower: "afspraken", "commitments";
        f_overdue: "Te laat", "Overdue";
        f_overdue_lower: "te laat", "overdue";
        f_partner: "Waarmaker", "Partner";
        f_initiative: "Initiatief", "Initiative";
        f_status: "Stand van zaken", "Status";
        f_all: "Alle", "All";
        f_due: "Uiterlijk", "Due";
        f_status_proposed: "Voorgesteld", "Proposed";
        f_status_agreed: "Afgesproken", "Agreed";
        f_status_delivered: "Geleverd", "Delivered";
        f_status_withdrawn: "Ingetrokken", "Withdrawn";
        f_status_changed: "status gewijzigd", "status changed";
        f_due_changed: "datum gewijzigd", "due date changed";
        f_working_copy: "Werkkopie", "Working copy";
        f_editions_lower: "pitchedities", "pitch editions";
        f_storage_hint: "Uw werkkopie wordt bij elke wijziging in deze browser bewaard, per gemeente. Er gaat niets naar een server.",
            "Your working copy is kept in this browser at every change, per municipality. Nothing goes to a server.";
        f_restored: "Deze werkkopie komt uit de opslag van deze browser.", "This working copy comes from this browser's storage.";
        f_discard: "Werkkopie weggooien en het gepubliceerde bestand laden", "Discard the working copy and load the published file";
        f_import_title: "Openen en importeren", "Open and import";
        f_import_hint: "Een JSON-bestand vervangt de werkkopie. Een Excel-werkmap (één blad per verzameling, zoals initiatieven en behoeften; begin met het sjabloon onder Exporteren) of CSV-bestanden uit Excel (één per verzameling, zoals initiatieven.csv; met ; of , gescheiden, UTF-8 of Windows-1252) vervangen per blad hun verzameling. Alles wordt streng gecontroleerd.",
            "A JSON file replaces the working copy. An Excel workbook (one sheet per collection, such as initiatieven and behoeften; start from the template under Export) or CSV files from Excel (one per collection, such as initiatieven.csv; separated by ; or , in UTF-8 or Windows-1252) replace a collection per sheet. Everything is checked strictly.";
        f_open_json: "Gegevensbestand openen (JSON)", "Open a data file (JSON)";
        f_import_xlsx: "Excel-werkmap importeren (.xlsx, één blad per verzameling)", "Import an Excel workbook (.xlsx, one sheet per collection)";
        f_import_csv: "Spreadsheets importeren (CSV, meerdere tegelijk)", "Import spreadsheets (CSV, several at once)";
        f_add_outbox: "Aanmeldingen van inwoners toevoegen (JSON uit de outbox, meerdere tegelijk)", "Add residents' submissions (JSON from the outbox, several at once)";
        f_add_outbox_hint: "Elk bestand is een inzending uit het formulier: een initiatief (\"initiative\", het komt erbij als idee) of een aanbod van hulp (\"partner\"), in het formaat van het gegevensbestand.",
            "Each file is a submission from the forms: an initiative (\"initiative\", added as an idea) or an offer of help (\"partner\"), in the data file's format.";
        f_submissions_added: "nieuwe initiatieven en", "new initiatives and";
        f_partners_added: "nieuwe partners toegevoegd", "new partners added";
        f_busy: "Bezig", "Working";
        f_step_reading: "bestanden lezen", "reading the files";
        f_step_checking: "samenvoegen en controleren", "assembling and checking";
        f_step_sheet: "lezen:", "reading:";
        f_step_workbook: "werkmap lezen en controleren", "reading and checking the workbook";
        f_step_preparing: "overzicht bijwerken", "updating the overview";
        f_opened: "geopend", "opened";
        f_imported: "geïmporteerd", "imported";
        f_errors: "fouten", "errors";
        f_warnings: "waarschuwingen", "warnings";
        f_error: "Fout", "Error";
        f_warning: "Waarschuwing", "Warning";
        f_fix_hint: "Er is niets veranderd. Herstel deze punten in het bestand (bestand, rij en kolom of pad staan erbij) en probeer het opnieuw.",
            "Nothing was changed. Fix these points in the file (file, row and column or path are given) and try again.";
        f_edit_title: "Gegevens aanpassen", "Edit data";
        f_find_initiative: "Zoek een initiatief op titel of id", "Find an initiative by title or id";
        f_edit: "Aanpassen", "Edit";
        f_editing: "U past aan:", "You are editing:";
        f_field_title: "Titel", "Title";
        f_field_summary: "Korte omschrijving", "Summary";
        f_save: "Opslaan", "Save";
        f_cancel: "Annuleren", "Cancel";
        f_saved_edit: "aangepast", "edited";
        f_export_title: "Exporteren", "Export";
        f_export_hint: "Het JSON-bestand is klaar om te publiceren op uw website. De Excel-werkmap en de CSV-bestanden openen in Excel; het blad Uitleg in de werkmap beschrijft elke kolom.",
            "The JSON file is ready to publish on your website. The Excel workbook and the CSV files open in Excel; the workbook's Uitleg sheet describes every column.";
        f_export_json: "Gegevensbestand (JSON) downloaden", "Download the data file (JSON)";
        f_export_json_ld: "Initiatieven als schema.org JSON-LD", "Initiatives as schema.org JSON-LD";
        f_export_xlsx: "Alles als Excel-werkmap (.xlsx)", "Everything as an Excel workbook (.xlsx)";
        f_template_xlsx: "Leeg sjabloon (.xlsx, een voorbeeldregel per blad)", "Empty template (.xlsx, an example row per sheet)";
        f_export_csv: "Elke verzameling als CSV voor Excel:", "Each collection as CSV for Excel:";
        a_title: "Wijken en buurten importeren", "Import wijken and buurten";
        a_hint: "GeoJSON van de CBS wijk- en buurtkaart: van PDOK (wijken en buurten), uit een WFS of als export uit QGIS, in RD New of lengte- en breedtegraad. Gebieden met dezelfde code worden bijgewerkt en houden hun postcodes en alles wat ernaar verwijst; water blijft weg; ontbrekende wijken worden uit hun buurten gemaakt; de grenzen worden vereenvoudigd zonder dat buren uit elkaar gaan.",
            "GeoJSON of the CBS wijk- en buurtkaart: from PDOK (wijken en buurten), from a WFS or exported from QGIS, in RD New or longitude and latitude. Areas with the same code are updated and keep their postcodes and everything that refers to them; water is left out; missing wijken are made from their buurten; the outlines are simplified without neighbours drifting apart.";
        a_input: "GeoJSON-bestanden kiezen (meerdere tegelijk)", "Choose GeoJSON files (several at once)";
        a_areas_lower: "gebieden", "areas";
        a_not_utf8: "is geen UTF-8-tekst; GeoJSON is altijd UTF-8", "is not UTF-8 text; GeoJSON is always UTF-8";
        a_step_outlines: "grenzen lezen en vereenvoudigen", "reading and simplifying the outlines";
        a_step_merging: "gebieden in de werkkopie zetten en controleren", "merging the areas into the working copy and checking";
        a_failed: "er is niets geïmporteerd", "nothing was imported";
        a_features_read: "Objecten gelezen", "Features read";
        a_wijken: "wijken", "wijken";
        a_buurten: "buurten", "buurten";
        a_added: "nieuw", "added";
        a_updated: "bijgewerkt", "updated";
        a_water: "Water weggelaten", "Left out as water";
        a_created: "Wijken gemaakt uit hun buurten", "Wijken made from their buurten";
        a_rename: "Zonder naam, genoemd naar hun code: geef ze een naam", "Without a name, named by their code: rename them";
        a_tolerance: "Grenzen vereenvoudigd met een tolerantie van", "Outlines simplified with a tolerance of";
        a_positions: "punten", "positions";
        a_bytes: "bytes aan grenzen", "bytes of outlines";
        a_fewer: "minder", "fewer";
        a_largest_distance: "de grootste afstand tot de oorspronkelijke grens is", "the largest distance to the original outline is";
        a_report_lines: "Elke regel van het verslag van de import", "Every line of the import's report";
    }

    impl std::ops::Deref for WorkbenchTexts {
        type Target = LaterTexts;

        fn deref(&self) -> &LaterTexts {
            self.common
        }
    }

    impl super::UiLang {
        /// The workbench's texts in this language (with the common ones behind them).
        pub fn workbench_texts(self) -> &'static WorkbenchTexts {
            match self {
                super::UiLang::Nl => &WORKBENCH_NL,
                super::UiLang::En => &WORKBENCH_EN,
            }
        }
    }

    #[cfg(test)]
    pub(super) fn every_key_nl_en() -> (super::KeyedTexts, super::KeyedTexts) {
        (every_workbench_key(&WORKBENCH_NL), every_workbench_key(&WORKBENCH_EN))
    }
}

#[cfg(feature = "workbench")]
pub use workbench_texts::WorkbenchTexts;

impl Texts {
    /// The label of a stage.
    pub fn stage_label(&self, stage: Stage) -> &'static str {
        match stage {
            Stage::Idea => self.stage_idea,
            Stage::Pitched => self.stage_pitched,
            Stage::Starting => self.stage_starting,
            Stage::Running => self.stage_running,
            Stage::Completed => self.stage_completed,
            Stage::Paused => self.stage_paused,
            // A stage that core gained after this table: its format name until the table has words.
            _ => stage.as_str(),
        }
    }

    /// The label of a kind of need or offer.
    pub fn kind_label(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Space => self.kind_space,
            Kind::Funding => self.kind_funding,
            Kind::Volunteers => self.kind_volunteers,
            Kind::Expertise => self.kind_expertise,
            Kind::Materials => self.kind_materials,
            Kind::Permit => self.kind_permit,
            Kind::Promotion => self.kind_promotion,
            Kind::Network => self.kind_network,
            Kind::Coaching => self.kind_coaching,
            // A kind that core gained after this table: its format name until the table has words.
            _ => kind.as_str(),
        }
    }

    /// The name of a sector, in lower case ("bedrijven").
    pub fn sector_label(&self, sector: Sector) -> &'static str {
        match sector {
            Sector::Resident => self.sector_resident,
            Sector::Youth => self.sector_youth,
            Sector::Business => self.sector_business,
            Sector::Institution => self.sector_institution,
            Sector::Government => self.sector_government,
            Sector::Foundation => self.sector_foundation,
            // A sector that core gained after this table: its format name until the table has words.
            _ => sector.as_str(),
        }
    }

    /// A unit token as people say it; unknown tokens are shown as they are.
    pub fn unit_label<'a>(&self, unit: &'a str) -> &'a str {
        match unit {
            "hours" => self.unit_hours,
            "eur" => self.unit_eur,
            "m2" => self.unit_m2,
            "items" => self.unit_items,
            "requests" => self.unit_requests,
            other => other,
        }
    }

    /// "1 initiatief", "3 initiatieven".
    pub fn initiative_count(&self, count: usize) -> String {
        let noun = if count == 1 { self.initiative_one } else { self.initiative_many };
        let mut text = count.to_string();
        text.push(' ');
        text.push_str(noun);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        let (mut nl, mut en) = (every_key(&NL), every_key(&EN));
        let (later_nl, later_en) = later_texts::every_key_nl_en();
        nl.extend(later_nl);
        en.extend(later_en);
        #[cfg(feature = "workbench")]
        {
            let (workbench_nl, workbench_en) = workbench_texts::every_key_nl_en();
            nl.extend(workbench_nl);
            en.extend(workbench_en);
        }
        assert_eq!(nl.len(), en.len());
        for ((key, dutch), (_, english)) in nl.iter().zip(&en) {
            // `r_projects` is empty in Dutch on purpose: the noun comes before the theme there.
            if *key != "r_projects" {
                assert!(!dutch.trim().is_empty(), "{key} is empty in Dutch");
            }
            assert!(!english.trim().is_empty(), "{key} is empty in English");
        }
        // Most texts differ between the languages; a copy-paste slip would make them equal.
        let same = nl.iter().zip(&en).filter(|((_, a), (_, b))| a == b).count();
        assert!(same < 12, "{same} texts are the same in both languages");
    }

    #[test]
    fn tags_choose_english_only_for_english() {
        for (tag, expected) in [
            ("en", UiLang::En),
            ("EN-gb", UiLang::En),
            ("en_US", UiLang::En),
            ("nl", UiLang::Nl),
            ("nl-BE", UiLang::Nl),
            ("fy", UiLang::Nl),
            ("", UiLang::Nl),
            ("eng", UiLang::Nl),
        ] {
            assert_eq!(UiLang::from_tag(tag), expected, "{tag:?}");
        }
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(UiLang::Nl.texts().stage_label(Stage::Running), "Loopt");
        assert_eq!(UiLang::En.texts().stage_label(Stage::Running), "Running");
        assert_eq!(UiLang::Nl.texts().unit_label("hours"), "uur");
        assert_eq!(UiLang::En.texts().unit_label("kg"), "kg");
    }

    #[test]
    fn counts_use_singular_for_one() {
        assert_eq!(UiLang::Nl.texts().initiative_count(1), "1 initiatief");
        assert_eq!(UiLang::En.texts().initiative_count(3), "3 initiatives");
    }
}
