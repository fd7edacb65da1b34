"""Danish texts for the demo records other than job openings: companies, organisations,
offers, initiatives, plans, follow-up contacts and referral answers."""

from __future__ import annotations

COMPANY_DESCRIPTIONS = (
    "Vi er en lokal virksomhed med faste kunder og et godt kollegialt miljø.",
    "Vi har tradition for at tage unge i praktik og læreplads.",
    "Vi er en familieejet virksomhed, hvor alle kender hinanden.",
    "Vi vokser og har brug for flere hænder – også nogle, der er nye på arbejdsmarkedet.",
    "Hos os får du faste opgaver, en fast kontaktperson og tid til at lære.",
    "Vi har gode erfaringer med at ansætte unge gennem jobcentret.",
)

REJECTION_REASONS = (
    "CVR-nummeret kunne ikke bekræftes.",
    "Virksomheden er ophørt ifølge CVR-registeret.",
    "Virksomheden er oprettet to gange; den anden oprettelse er bekræftet.",
    "Kontaktpersonen kunne ikke bekræfte, at virksomheden ønsker at deltage.",
)

PLEDGE_NOTES = (
    "",
    "",
    "Vi vil gerne tage unge i praktik og læreplads.",
    "Vi tilbyder primært småjob og fleksjob.",
    "Tilsagnet gælder for vores to afdelinger.",
    "Vi har en fast mentor, der tager imod de unge.",
)

ORGANISATION_DESCRIPTIONS = (
    "Vi er frivillige, der hjælper unge videre mod uddannelse og job.",
    "Vi skaber fællesskaber, hvor unge kan komme som de er.",
    "Vi matcher unge med en voksen mentor, der har tid til at lytte.",
    "Vi driver et værksted, hvor unge får erfaring og kolleger.",
    "Vi samarbejder med kommunen, FGU og lokale virksomheder.",
)

# offer_kind key -> (title, description) pairs.
OFFERS: dict[str, tuple[tuple[str, str], ...]] = {
    "mentoring": (
        ("Frivillig mentor til unge", "En frivillig voksen, du mødes med hver uge i et år."),
        ("Job-mentor", "En mentor fra erhvervslivet hjælper dig med at finde og holde et job."),
    ),
    "social_community": (
        ("Fællesspisning om torsdagen", "Vi laver mad sammen og spiser kl. 18. Alle er velkomne."),
        ("Ungecafé", "Brætspil, kaffe og snak – kom når du vil."),
    ),
    "job_club": (
        ("Jobklub: CV, ansøgning og jobsamtale", "Vi øver jobsamtaler og skriver CV sammen."),
        ("Jobcafé hver tirsdag", "Få hjælp til at søge job og læreplads."),
    ),
    "counselling": (
        ("Gratis rådgivning om uddannelse og job", "Anonym samtale med en erfaren rådgiver."),
        ("Styr på økonomien", "Hjælp til budget, gæld og breve fra det offentlige."),
    ),
    "leisure_sport": (
        ("Fodbold for alle", "Træning to gange om ugen – ingen krav til niveau."),
        ("Klatring for begyndere", "Lær at klatre sammen med andre unge."),
        ("Morgentræning og gåtur", "Kom godt i gang med dagen sammen med andre."),
    ),
    "homework_help": (
        ("Lektiehjælp til FGU og EUD", "Frivillige hjælper med matematik, dansk og projekter."),
        ("Læse- og skriveværksted", "Støtte til læsning og skrivning i dit eget tempo."),
    ),
    "volunteering": (
        ("Bliv frivillig i genbrugsbutikken", "Få erfaring med kunder, kasse og varer."),
        ("Frivillig ved events", "Hjælp til ved koncerter, løb og byfester."),
    ),
}

# organisation_kind key -> the offer kinds it typically runs.
OFFER_KINDS_FOR_ORGANISATION: dict[str, tuple[str, ...]] = {
    "association": ("mentoring", "social_community", "job_club", "counselling"),
    "volunteer_organisation": ("mentoring", "homework_help", "volunteering", "social_community"),
    "social_enterprise": ("job_club", "volunteering", "social_community"),
    "foundation": ("mentoring", "counselling"),
    "sports_club": ("leisure_sport", "social_community", "volunteering"),
    "youth_organisation": ("social_community", "leisure_sport", "counselling", "homework_help"),
}

INITIATIVE_TITLES = (
    "Job med støtte i {city}",
    "Fra FGU til læreplads",
    "IPS for unge i {city}",
    "Fritidsjob som trædesten",
    "Mentorkorps {city}",
    "Virksomhedspraktik for unge uden uddannelse",
    "Unge i Gang {city}",
    "Brobygning til erhvervsuddannelse",
    "Sammen om første job",
    "Virksomhedsnetværk for unge i {city}",
    "Den gode overgang",
    "Ungeguiden {city}",
)

INITIATIVE_SUMMARIES = (
    "Unge får en fast kontaktperson, der følger dem fra første samtale til de er godt i gang.",
    "Lokale virksomheder åbner dørene for korte praktikker, der kan blive til job eller læreplads.",
    "En jobkonsulent arbejder efter IPS-metoden og følger den unge og arbejdsgiveren tæt.",
    "Unge starter med få timer om ugen og øger timetallet, når de er klar.",
    "Frivillige mentorer støtter unge i overgangen fra FGU til erhvervsuddannelse.",
    "Kommune, FGU og foreninger samarbejder om en samlet plan for hver ung.",
)

INITIATIVE_TARGET_GROUPS = (
    "Unge 15-17 år, der ikke er i gang efter grundskolen",
    "Unge 18-29 år uden uddannelse og job",
    "Unge, der er faldet fra en erhvervsuddannelse",
    "Unge med behov for støtte på arbejdspladsen",
    "Unge i FGU, der er klar til praktik",
)

INITIATIVE_TAGS = (
    "mentor", "ips", "fgu", "læreplads", "praktik", "fritidsjob", "fællesskab", "småjob",
    "fleksjob", "brobygning", "virksomhedssamarbejde",
)  # fmt: skip

# plan kind -> goal titles.
PLAN_GOALS: dict[str, tuple[str, ...]] = {
    "education_plan": (
        "Starte på FGU",
        "Finde en læreplads",
        "Starte på en erhvervsuddannelse",
        "Gennemføre brobygning",
        "Blive afklaret om uddannelsesvalg",
    ),
    "pathway_plan": (
        "Komme i job med støtte",
        "Gennemføre en virksomhedspraktik",
        "Få et fritidsjob",
        "Få en fast struktur i hverdagen",
        "Tage kørekort",
    ),
}

PLAN_ACTIONS = (
    "Samtale med jobkonsulent",
    "Besøg på FGU",
    "Skrive CV",
    "Møde med mentor",
    "Jobsamtale",
    "Søge tre læresteder",
    "Tilmelde sig jobklub",
    "Besøg hos virksomhed",
    "Opstartsmøde på arbejdspladsen",
    "Lave en ugeplan",
)

ACTION_RESPONSIBLE = ("Den unge", "Jobkonsulent", "Mentor", "UU-vejleder")

# pathway_status key -> notes a consultant writes when recording it.
STATUS_NOTES: dict[str, tuple[str, ...]] = {
    "neet": ("", "Første samtale holdt."),
    "in_fgu": ("Startet på FGU.", ""),
    "in_vocational_education": ("Startet på erhvervsuddannelse.", "Har fået uddannelsesaftale."),
    "in_upper_secondary": ("Startet på HF.", ""),
    "in_job": ("Ansat.", "Har fået fast job."),
    "in_job_with_support": ("Ansat med mentorstøtte.", "Ansat i fleksjob."),
    "dropped_out": ("Stoppet på uddannelsen.", ""),
    "moved_away": ("Flyttet til anden kommune.",),
}

ASSESSMENT_NOTES = (
    "",
    "Vurderet ved første samtale.",
    "Vurderingen tages op igen om tre måneder.",
)

CONTACT_NOTES_YOUNG_PERSON = (
    "Opfølgning på første arbejdsuge – det går godt.",
    "Snak om transport til arbejdet.",
    "Planlagt næste skridt i planen.",
    "Den unge er glad for kollegerne.",
    "Aftalt at øge timetallet fra næste måned.",
    "Talt om mødetider og søvn.",
)

CONTACT_NOTES_EMPLOYER = (
    "Kort status med nærmeste leder.",
    "Besøg på arbejdspladsen: opgaverne er tilpasset.",
    "Aftalt mentorordning med arbejdsgiveren.",
    "Drøftet timetal og mødetider.",
    "Arbejdsgiveren er tilfreds og vil gerne forlænge.",
)

# referral status -> what the organisation answered.
REFERRAL_NOTES: dict[str, tuple[str, ...]] = {
    "accepted": (
        "Velkommen! Vi ringer og aftaler et første møde.",
        "Vi har fundet en mentor – første møde er aftalt.",
    ),
    "declined": (
        "Holdet er fyldt op – prøv igen efter sommerferien.",
        "Vores tilbud passer ikke til alderen.",
    ),
    "completed": ("Forløbet er gennemført.", "Den unge har gennemført og fortsætter på egen hånd."),
}
