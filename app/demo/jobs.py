"""What demo job openings are made of: Danish titles and tasks per DISCO-08 sub-major
group, which groups each DB07 industry hires, and the sentences of a description."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OccupationProfile:
    """Entry-level work within one DISCO-08 sub-major group (level 2)."""

    code: str
    titles: tuple[str, ...]
    apprentice_titles: tuple[str, ...]
    tasks: tuple[str, ...]
    requirements: tuple[str, ...] = ()  # requirement keys the work often asks for
    min_age: int | None = None  # the legal or usual minimum age, when there is one


OCCUPATIONS: tuple[OccupationProfile, ...] = (
    OccupationProfile(
        "31",
        ("Laboratoriemedhjælper", "Teknisk assistent"),
        ("Laborantelev",),
        (
            "Du hjælper med prøver, opmålinger og registrering i laboratoriet.",
            "Du holder udstyr og arbejdsborde rene og klar til brug.",
            "Du følger faste procedurer og skriver resultater ind i systemet.",
        ),
    ),
    OccupationProfile(
        "32",
        ("Tandklinikassistent", "Apoteksmedhjælper"),
        ("Tandklinikassistentelev",),
        (
            "Du tager imod patienter og gør behandlingsrummet klar.",
            "Du hjælper med rengøring og sterilisering af instrumenter.",
            "Du svarer telefonen og booker tider.",
        ),
    ),
    OccupationProfile(
        "33",
        ("Salgsassistent", "Indkøbsassistent"),
        ("Handelselev",),
        (
            "Du hjælper med tilbud, ordrer og opfølgning på kunder.",
            "Du holder styr på priser og leverancer i vores system.",
            "Du er med på møder med kunder og leverandører.",
        ),
        ("spoken_danish",),
    ),
    OccupationProfile(
        "34",
        ("Pædagogmedhjælper", "Aktivitetsmedarbejder"),
        ("Pædagogisk assistent-elev",),
        (
            "Du er med i hverdagen og sætter aktiviteter i gang sammen med børn og unge.",
            "Du hjælper til ved måltider, leg og udflugter.",
            "Du arbejder tæt sammen med faste kolleger, der viser dig til rette.",
        ),
        ("child_certificate", "spoken_danish"),
        18,
    ),
    OccupationProfile(
        "35",
        ("IT-supporter", "IT-medhjælper"),
        ("IT-supporterelev",),
        (
            "Du hjælper kolleger med computere, telefoner og printere.",
            "Du opsætter nyt udstyr og holder styr på licenser.",
            "Du svarer på henvendelser i vores supportsystem.",
        ),
    ),
    OccupationProfile(
        "41",
        ("Kontormedhjælper", "Kontorassistent"),
        ("Kontorelev",),
        (
            "Du scanner, arkiverer og sorterer post.",
            "Du hjælper med at opdatere lister og registre.",
            "Du tager telefonen og hjælper kunder videre.",
        ),
    ),
    OccupationProfile(
        "42",
        ("Receptionist", "Kundeservicemedarbejder"),
        ("Receptionistelev",),
        (
            "Du tager imod gæster og kunder og viser vej.",
            "Du besvarer telefon, mails og chat.",
            "Du holder styr på bookinger og nøgler.",
        ),
        ("spoken_danish",),
    ),
    OccupationProfile(
        "43",
        ("Lagerassistent", "Lagermedarbejder"),
        ("Lagerelev",),
        (
            "Du tager imod varer og registrerer dem på lageret.",
            "Du plukker og pakker ordrer med håndscanner.",
            "Du holder orden på reoler og gange.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "51",
        ("Kok", "Tjener", "Frisørassistent"),
        ("Kokkeelev", "Tjenerelev", "Frisørelev"),
        (
            "Du tager imod gæster og sørger for, at de får en god oplevelse.",
            "Du forbereder råvarer og hjælper med retterne.",
            "Du er med til at holde arbejdspladsen ren og ryddelig.",
        ),
    ),
    OccupationProfile(
        "52",
        ("Butiksassistent", "Ekspedient", "Kassemedarbejder"),
        ("Detailelev", "Butikselev"),
        (
            "Du fylder varer op og holder butikken pæn.",
            "Du hjælper kunderne og sidder ved kassen.",
            "Du tager imod varer og sætter priser på.",
        ),
        (),
        15,
    ),
    OccupationProfile(
        "53",
        ("Plejemedhjælper", "Hjemmehjælper (afløser)"),
        ("SOSU-elev",),
        (
            "Du hjælper beboerne i hverdagen, fx ved måltider og gåture.",
            "Du er med til aktiviteter og snak med beboerne.",
            "Du arbejder sammen med erfarne social- og sundhedsassistenter.",
        ),
        ("clean_criminal_record", "spoken_danish"),
        18,
    ),
    OccupationProfile(
        "54",
        ("Vagtmedarbejder", "Parkeringsvagt"),
        ("Sikkerhedsvagtelev",),
        (
            "Du går runderne og holder øje med bygninger og områder.",
            "Du hjælper besøgende og skriver rapporter.",
            "Du følger faste instrukser og samarbejder med kolleger på vagt.",
        ),
        ("clean_criminal_record",),
        18,
    ),
    OccupationProfile(
        "61",
        ("Landbrugsmedhjælper", "Gartneriassistent"),
        ("Landbrugselev", "Gartnerelev"),
        (
            "Du passer dyr eller planter og hjælper i marken.",
            "Du kører små maskiner og holder værkstedet ryddeligt.",
            "Du arbejder udendørs i alt slags vejr.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "71",
        ("Byggemedhjælper", "Malermedhjælper", "Murerarbejdsmand"),
        ("Tømrerlærling", "Murerlærling", "Malerlærling"),
        (
            "Du hjælper på byggepladsen med materialer og oprydning.",
            "Du lærer at bruge værktøj sikkert sammen med en erfaren svend.",
            "Du er med fra start til slut på små og store opgaver.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "72",
        ("Smedehjælper", "Mekanikermedhjælper", "Klargører"),
        ("Smedelærling", "Mekanikerlærling"),
        (
            "Du hjælper med at skære, slibe og samle emner i værkstedet.",
            "Du klargør biler og maskiner og holder værkstedet rent.",
            "Du lærer at læse tegninger og bruge værktøj sikkert.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "73",
        ("Trykkerimedhjælper", "Grafisk assistent"),
        ("Mediegrafikerelev",),
        (
            "Du hjælper med at klargøre tryksager og pakke ordrer.",
            "Du betjener skære- og foldemaskiner efter instruktion.",
            "Du tjekker kvaliteten af det færdige arbejde.",
        ),
    ),
    OccupationProfile(
        "74",
        ("Elektrikerhjælper", "Montørassistent"),
        ("Elektrikerlærling",),
        (
            "Du trækker kabler og monterer stikkontakter sammen med en elektriker.",
            "Du holder styr på materialer i bilen og på pladsen.",
            "Du lærer sikkerhedsreglerne for el-arbejde fra første dag.",
        ),
        ("drivers_licence",),
    ),
    OccupationProfile(
        "75",
        ("Bagerimedhjælper", "Snedkerhjælper", "Slagterimedhjælper"),
        ("Bagerlærling", "Snedkerlærling", "Slagterlærling"),
        (
            "Du hjælper med at forberede råvarer og materialer.",
            "Du betjener maskiner efter faste instrukser.",
            "Du pakker, sorterer og holder produktionen ren.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "81",
        ("Maskinoperatør", "Produktionsmedarbejder"),
        ("Procesoperatørelev",),
        (
            "Du passer maskiner i produktionen og holder øje med kvaliteten.",
            "Du fylder materialer på og skifter værktøj efter instruktion.",
            "Du registrerer produktionen og melder fejl videre.",
        ),
        ("physical_work",),
        18,
    ),
    OccupationProfile(
        "82",
        ("Montør", "Produktionsmedarbejder i montage"),
        ("Industrioperatørelev",),
        (
            "Du samler dele efter tegning og tjekliste.",
            "Du kontrollerer og pakker færdige produkter.",
            "Du arbejder i et fast team med faste opgaver.",
        ),
    ),
    OccupationProfile(
        "83",
        ("Chauffør", "Truckfører", "Budchauffør"),
        ("Chaufførelev",),
        (
            "Du kører varer ud til kunder i området.",
            "Du læsser og sikrer varerne på bilen.",
            "Du planlægger ruten sammen med disponenten.",
        ),
        ("drivers_licence",),
        18,
    ),
    OccupationProfile(
        "91",
        ("Rengøringsassistent", "Rengøringsmedhjælper", "Serviceassistent"),
        ("Serviceassistentelev",),
        (
            "Du gør rent på kontorer, gange og toiletter efter en fast plan.",
            "Du fylder papir og sæbe op og tømmer skraldespande.",
            "Du arbejder selvstændigt eller sammen med en fast kollega.",
        ),
    ),
    OccupationProfile(
        "92",
        ("Gartnermedhjælper", "Havearbejder", "Medhjælper i skovbrug"),
        ("Anlægsgartnerelev",),
        (
            "Du slår græs, klipper hække og luger bede.",
            "Du hjælper med at plante og vedligeholde grønne områder.",
            "Du arbejder udendørs i et lille sjak.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "93",
        ("Lagermedhjælper", "Pakkerimedarbejder", "Flyttemedhjælper"),
        ("Lager- og logistikelev",),
        (
            "Du pakker varer og gør forsendelser klar.",
            "Du læsser og losser biler med palleløfter.",
            "Du holder lageret ryddeligt og sikkert.",
        ),
        ("physical_work",),
    ),
    OccupationProfile(
        "94",
        ("Køkkenhjælp i kantine", "Opvasker", "Køkkenmedhjælper"),
        ("Ernæringsassistentelev",),
        (
            "Du hjælper med at skære grøntsager og anrette salatbaren.",
            "Du tager opvasken og holder køkkenet rent.",
            "Du fylder buffeten op i frokosttiden.",
        ),
    ),
    OccupationProfile(
        "96",
        ("Renovationsmedhjælper", "Genbrugspladsmedarbejder", "Pedelmedhjælper"),
        (),
        (
            "Du hjælper borgerne med at sortere affald rigtigt.",
            "Du holder pladsen og containerne ryddelige.",
            "Du klarer små praktiske opgaver og reparationer.",
        ),
        ("physical_work",),
    ),
)

OCCUPATION_BY_CODE = {profile.code: profile for profile in OCCUPATIONS}

# DB07 section -> (DISCO-08 sub-major group, weight): who the industry typically hires.
INDUSTRY_OCCUPATIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("92", 3), ("61", 3), ("83", 1), ("93", 1)),
    "B": (("81", 2), ("83", 2), ("93", 2)),
    "C": (("82", 2), ("81", 2), ("72", 2), ("75", 2), ("93", 2), ("31", 1), ("43", 1)),
    "D": (("74", 2), ("31", 1), ("41", 1)),
    "E": (("96", 3), ("83", 2), ("93", 1)),
    "F": (("71", 4), ("74", 2), ("93", 2), ("72", 1), ("83", 1)),
    "G": (("52", 5), ("43", 2), ("93", 1), ("72", 1), ("42", 1)),
    "H": (("83", 3), ("93", 3), ("43", 2), ("41", 1)),
    "I": (("51", 3), ("94", 4), ("91", 1), ("42", 1)),
    "J": (("35", 2), ("73", 1), ("41", 1)),
    "L": (("91", 2), ("71", 1), ("96", 1), ("41", 1)),
    "M": (("41", 2), ("31", 1), ("33", 1)),
    "N": (("91", 5), ("92", 1), ("41", 1), ("54", 1)),
    "P": (("34", 1), ("41", 1), ("91", 1)),
    "Q": (("53", 4), ("32", 2), ("91", 1), ("94", 1)),
    "R": (("51", 2), ("52", 1), ("34", 1), ("42", 1)),
    "S": (("51", 3), ("91", 1), ("75", 1)),
}

# How common each industry is among demo companies.
INDUSTRY_WEIGHTS: dict[str, int] = {
    "G": 16, "I": 14, "F": 14, "C": 12, "N": 10, "H": 9, "Q": 7, "A": 4, "E": 3, "S": 3,
    "R": 3, "J": 2, "M": 2, "L": 2, "P": 1, "D": 1, "B": 1,
}  # fmt: skip

# opening_kind key -> how common it is, and the sentence a description gives it.
KIND_WEIGHTS: dict[str, int] = {
    "ordinary": 30,
    "flex_job": 12,
    "wage_subsidy": 12,
    "internship": 18,
    "apprenticeship": 13,
    "small_job": 15,
}

KIND_SENTENCES: dict[str, str] = {
    "ordinary": "Stillingen er et ordinært job med løn efter overenskomst.",
    "flex_job": "Stillingen er et fleksjob, og vi tilrettelægger timer og opgaver efter dine muligheder.",
    "wage_subsidy": (
        "Ansættelsen er med løntilskud i op til seks måneder, med mulighed for fast job bagefter."
    ),
    "internship": (
        "Det er en virksomhedspraktik på 4-13 uger, hvor du kan prøve faget af og vise, hvad du kan."
    ),
    "apprenticeship": (
        "Du får en læreplads med uddannelsesaftale, og vi samarbejder med erhvervsskolen om dit forløb."
    ),
    "small_job": "Det er et småjob på få timer om ugen – en god måde at komme i gang på.",
}

# support key -> the sentence a description gives it.
SUPPORT_SENTENCES: dict[str, str] = {
    "mentor": "Du får en fast mentor på arbejdspladsen.",
    "flexible_hours": "Vi kan aftale fleksible arbejdstider.",
    "adjusted_tasks": "Opgaverne kan tilpasses, så de passer til dig.",
    "accessible_workplace": "Arbejdspladsen er fysisk tilgængelig.",
    "ips": "Vi samarbejder gerne med din IPS-konsulent.",
    "trial_period": "Vi starter med en prøveperiode, så vi sammen kan se, om det passer.",
}

# support_need key -> the support key that meets it (needs without one are left out).
SUPPORT_FOR_NEED: dict[str, str] = {
    "mentor": "mentor",
    "clear_instructions": "mentor",
    "flexible_hours": "flexible_hours",
    "short_days": "flexible_hours",
    "adjusted_tasks": "adjusted_tasks",
    "quiet_workplace": "adjusted_tasks",
    "reading_writing_support": "adjusted_tasks",
    "accessible_workplace": "accessible_workplace",
}

CLOSING_SENTENCES = (
    "Send en kort ansøgning, eller tal med din jobkonsulent om jobbet.",
    "Ring gerne og hør mere, før du søger.",
    "Du behøver ikke erfaring – vi lærer dig op.",
    "Kig forbi til en uforpligtende snak.",
)


def lower_first(text: str) -> str:
    """'Kok' -> 'kok', but 'IT-supporter' and 'SOSU-elev' stay as they are."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def opening_title(kind: str, base: str, apprentice: str | None) -> str:
    """The title of an opening of ``kind`` for the job ``base``."""
    if kind == "apprenticeship" and apprentice:
        return apprentice
    if kind == "flex_job":
        return f"{base} (fleksjob)"
    if kind == "wage_subsidy":
        return f"{base} i løntilskud"
    if kind == "internship":
        return f"Praktik som {lower_first(base)}"
    if kind == "small_job":
        return f"Småjob som {lower_first(base)}"
    return base
