"""Word lists for synthetic Danish names: people, streets, companies and organisations.

Every name the demo data shows is assembled from these lists, so none of them belongs
to a real person. Company and organisation names are templates whose placeholders are
filled in by :func:`fill_name`.
"""

from __future__ import annotations

import random

FEMALE_FIRST_NAMES = (
    "Emma", "Ida", "Clara", "Freja", "Sofia", "Anna", "Laura", "Alma", "Ella", "Maja",
    "Karla", "Josefine", "Mathilde", "Olivia", "Nora", "Agnes", "Sara", "Emilie",
    "Caroline", "Cecilie", "Julie", "Amalie", "Signe", "Louise", "Nanna", "Sofie", "Asta",
    "Liva", "Lærke", "Marie", "Frida", "Johanne", "Victoria", "Aya", "Yasmin", "Fatima",
    "Amira", "Hiba", "Maria", "Natalia", "Mia", "Rikke", "Sidsel", "Tilde", "Esther",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "William", "Noah", "Oscar", "Lucas", "Carl", "Victor", "Malthe", "Alfred", "Emil",
    "Aksel", "Valdemar", "Oliver", "Magnus", "Frederik", "Elias", "Johan", "Mads",
    "Mikkel", "Rasmus", "Jonas", "Christian", "Mathias", "Sebastian", "Tobias", "Anton",
    "Marcus", "Nikolaj", "Kasper", "Jakob", "Andreas", "Ali", "Omar", "Mohammad", "Yusuf",
    "Ahmed", "Hamza", "Adam", "Ibrahim", "Daniel", "Patrick", "Kevin", "Jannik", "Bjørn",
    "Søren", "Troels",
)  # fmt: skip

LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
    "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen",
    "Jakobsen", "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund",
    "Schmidt", "Eriksen", "Holm", "Kristiansen", "Clausen", "Simonsen", "Svendsen",
    "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard", "Nissen",
    "Lauridsen", "Kjær", "Jespersen", "Mogensen", "Skov", "Dam", "Bach", "Søndergaard",
    "Friis", "Winther", "Lindberg", "Ali", "Hussein", "Yilmaz", "Nguyen", "Kowalski",
    "Hassan", "Ahmadi", "Novak",
)  # fmt: skip

STREET_NAMES = (
    "Havnegade", "Industrivej", "Nørregade", "Østergade", "Vestergade", "Søndergade",
    "Skovvej", "Møllevej", "Stationsvej", "Kirkevej", "Engvej", "Fabriksvej", "Erhvervsvej",
    "Håndværkervej", "Banegårdsgade", "Strandvejen", "Bygaden", "Lærkevej", "Birkevej",
    "Ahornvej", "Egevej", "Grønnegade", "Jernbanegade", "Markedsgade", "Teglværksvej",
    "Smedevej", "Tømrervej", "Transportvej", "Centervej", "Hovedgaden", "Parkvej",
    "Mejerivej", "Savværksvej", "Lagervej", "Kornvej", "Fiskerivej",
)  # fmt: skip

# "Café Havnen", "Plejecentret Engen" ...
PLACE_WORDS = (
    "Havnen", "Torvet", "Hjørnet", "Åen", "Stationen", "Bakken", "Engen", "Parken",
    "Møllen", "Stranden", "Fyret", "Broen", "Kajen", "Lyngen", "Kilden", "Lunden",
)  # fmt: skip

# "Fjordens Rengøring", "Byens Kro" ...
GENITIVES = (
    "Fjordens", "Byens", "Havnens", "Egnens", "Dalens", "Skovens", "Kystens", "Åens",
    "Øens", "Bakkens", "Hedens", "Engens",
)  # fmt: skip

# "Nordvest Byg", "Solvang Transport" ...
AREA_WORDS = (
    "Nordvest", "Sydvest", "Nordhavn", "Sydhavn", "Vestby", "Østby", "Midtby", "Nordkyst",
    "Søndermark", "Skovlund", "Solvang", "Lindholm", "Engbo", "Havbo", "Bakkegård",
    "Vestkyst", "Østkyst", "Højmark",
)  # fmt: skip

# (legal form, weight); an empty form is a sole proprietorship.
COMPANY_SUFFIXES = (("ApS", 45), ("A/S", 15), ("I/S", 10), ("", 30))

# DB07 section -> name templates. Placeholders: {place} {gen} {area} {surname} {city}
# {suffix}; the suffix is the legal form and may be empty.
COMPANY_NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "A": (
        "{gen} Gartneri {suffix}",
        "{surname}s Maskinstation {suffix}",
        "{area} Planteskole {suffix}",
        "{city} Økologiske Grøntsager {suffix}",
    ),
    "B": ("{area} Grus & Sten {suffix}", "{city} Sandgrav {suffix}"),
    "C": (
        "{area} Maskinfabrik {suffix}",
        "{surname} Stål & Smedie {suffix}",
        "{city} Plastindustri {suffix}",
        "{gen} Bryghus {suffix}",
        "{area} Emballage {suffix}",
        "{surname}s Snedkeri {suffix}",
        "{surname}s Bageri {suffix}",
    ),
    "D": ("{area} Energi {suffix}", "{city} Fjernvarme {suffix}"),
    "E": ("{area} Genbrug & Miljø {suffix}", "{city} Renovation {suffix}"),
    "F": (
        "{area} Byg {suffix}",
        "{surname} & Søn Tømrer og Snedker {suffix}",
        "{city} El-service {suffix}",
        "{gen} VVS {suffix}",
        "{area} Murer & Anlæg {suffix}",
        "{surname}s Malerfirma {suffix}",
    ),
    "G": (
        "Købmand {surname}",
        "{city} Cykler {suffix}",
        "{area} Byggemarked {suffix}",
        "{gen} Supermarked {suffix}",
        "{surname}s Auto {suffix}",
        "Butik {place}",
    ),
    "H": (
        "{area} Transport {suffix}",
        "{city} Logistik {suffix}",
        "Vognmand {surname} {suffix}",
        "{gen} Lager & Distribution {suffix}",
        "{area} Flytteforretning {suffix}",
    ),
    "I": (
        "Café {place}",
        "Restaurant {place}",
        "{gen} Kro",
        "Hotel {city} {suffix}",
        "{area} Kantineservice {suffix}",
        "Pizzeria {place}",
    ),
    "J": ("{area} Media {suffix}", "{city} IT-service {suffix}", "{gen} Trykkeri {suffix}"),
    "L": ("{city} Ejendomsservice {suffix}", "{area} Boligservice {suffix}"),
    "M": (
        "{surname} Rådgivning {suffix}",
        "{area} Tegnestue {suffix}",
        "{city} Laboratorium {suffix}",
    ),
    "N": (
        "{gen} Rengøring {suffix}",
        "{area} Facility Service {suffix}",
        "{city} Vinduespolering {suffix}",
        "{area} Vikarservice {suffix}",
        "{gen} Havepleje {suffix}",
    ),
    "P": ("{city} Kursuscenter {suffix}", "Køreskolen {place}"),
    "Q": (
        "Plejecentret {place}",
        "{city} Tandklinik {suffix}",
        "{area} Hjemmepleje {suffix}",
        "Bostedet {place}",
    ),
    "R": ("{city} Fitness {suffix}", "Biografen {place}", "{area} Bowling & Event {suffix}"),
    "S": ("Frisør {place}", "{city} Vaskeri {suffix}", "{surname}s Skomager"),
}

# organisation_kind key -> name templates (placeholders as for companies, without suffix).
ORGANISATION_NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "association": (
        "Foreningen Ny Start {city}",
        "Foreningen Næste Skridt {city}",
        "Netværket Unge i Gang {city}",
        "Foreningen Fælles Fodfæste {city}",
    ),
    "volunteer_organisation": (
        "Frivilligcenter {city}",
        "Mentornetværket {city}",
        "Lektiecaféen {city}",
        "Den Røde Tråd {city}",
    ),
    "social_enterprise": (
        "Værkstedet {place} {city}",
        "Café Fællesskab {city}",
        "Genbrugsværkstedet {city}",
        "Cykelværkstedet {place}",
    ),
    "foundation": (
        "Fonden for Unges Fremtid {city}",
        "{surname}-Fonden",
        "Fonden Første Job {city}",
    ),
    "sports_club": (
        "Idrætsforeningen Fremad {city}",
        "{city} Boldklub",
        "Klatreklubben {place}",
        "{city} Bokseklub",
    ),
    "youth_organisation": (
        "Ungdomshuset {city}",
        "Unge for Unge {city}",
        "UngeKraft {city}",
        "Spejdergruppen {place}",
    ),
}

_ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe"})


def ascii_slug(text: str, separator: str = "") -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and web names."""
    folded = text.lower().translate(_ASCII_FOLD)
    words = ["".join(ch for ch in word if ch.isascii() and ch.isalnum()) for word in folded.split()]
    return separator.join(word for word in words if word)


def fill_name(rng: random.Random, template: str, city: str, suffix: str = "") -> str:
    """Fill a name template; placeholders a template does not use cost nothing."""
    name = template.format(
        place=rng.choice(PLACE_WORDS),
        gen=rng.choice(GENITIVES),
        area=rng.choice(AREA_WORDS),
        surname=rng.choice(LAST_NAMES),
        city=city,
        suffix=suffix,
    )
    return " ".join(name.split())
