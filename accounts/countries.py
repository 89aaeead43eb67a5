"""African countries offered at onboarding, with each one's usual time zone.

Values are ISO 3166-1 alpha-2 codes (what `Company.country` and phone
parsing expect); labels are French names, translated like every string.
Cameroon comes first because most of our first customers are there.
"""

import unicodedata
import zoneinfo

from django.utils.translation import gettext_lazy as _

DEFAULT_COUNTRY = "CM"

# ISO2 -> (French name, time zone of the capital or the main business city).
COUNTRIES = {
    "CM": (_("Cameroun"), "Africa/Douala"),
    "ZA": (_("Afrique du Sud"), "Africa/Johannesburg"),
    "DZ": (_("Algérie"), "Africa/Algiers"),
    "AO": (_("Angola"), "Africa/Luanda"),
    "BJ": (_("Bénin"), "Africa/Porto-Novo"),
    "BW": (_("Botswana"), "Africa/Gaborone"),
    "BF": (_("Burkina Faso"), "Africa/Ouagadougou"),
    "BI": (_("Burundi"), "Africa/Bujumbura"),
    "CV": (_("Cap-Vert"), "Atlantic/Cape_Verde"),
    "KM": (_("Comores"), "Indian/Comoro"),
    "CG": (_("Congo-Brazzaville"), "Africa/Brazzaville"),
    "CD": (_("Congo-Kinshasa (RDC)"), "Africa/Kinshasa"),
    "CI": (_("Côte d'Ivoire"), "Africa/Abidjan"),
    "DJ": (_("Djibouti"), "Africa/Djibouti"),
    "EG": (_("Égypte"), "Africa/Cairo"),
    "ER": (_("Érythrée"), "Africa/Asmara"),
    "SZ": (_("Eswatini"), "Africa/Mbabane"),
    "ET": (_("Éthiopie"), "Africa/Addis_Ababa"),
    "GA": (_("Gabon"), "Africa/Libreville"),
    "GM": (_("Gambie"), "Africa/Banjul"),
    "GH": (_("Ghana"), "Africa/Accra"),
    "GN": (_("Guinée"), "Africa/Conakry"),
    "GQ": (_("Guinée équatoriale"), "Africa/Malabo"),
    "GW": (_("Guinée-Bissau"), "Africa/Bissau"),
    "KE": (_("Kenya"), "Africa/Nairobi"),
    "LS": (_("Lesotho"), "Africa/Maseru"),
    "LR": (_("Liberia"), "Africa/Monrovia"),
    "LY": (_("Libye"), "Africa/Tripoli"),
    "MG": (_("Madagascar"), "Indian/Antananarivo"),
    "MW": (_("Malawi"), "Africa/Blantyre"),
    "ML": (_("Mali"), "Africa/Bamako"),
    "MA": (_("Maroc"), "Africa/Casablanca"),
    "MU": (_("Maurice"), "Indian/Mauritius"),
    "MR": (_("Mauritanie"), "Africa/Nouakchott"),
    "MZ": (_("Mozambique"), "Africa/Maputo"),
    "NA": (_("Namibie"), "Africa/Windhoek"),
    "NE": (_("Niger"), "Africa/Niamey"),
    "NG": (_("Nigeria"), "Africa/Lagos"),
    "UG": (_("Ouganda"), "Africa/Kampala"),
    "CF": (_("République centrafricaine"), "Africa/Bangui"),
    "RW": (_("Rwanda"), "Africa/Kigali"),
    "ST": (_("Sao Tomé-et-Principe"), "Africa/Sao_Tome"),
    "SN": (_("Sénégal"), "Africa/Dakar"),
    "SC": (_("Seychelles"), "Indian/Mahe"),
    "SL": (_("Sierra Leone"), "Africa/Freetown"),
    "SO": (_("Somalie"), "Africa/Mogadishu"),
    "SD": (_("Soudan"), "Africa/Khartoum"),
    "SS": (_("Soudan du Sud"), "Africa/Juba"),
    "TZ": (_("Tanzanie"), "Africa/Dar_es_Salaam"),
    "TD": (_("Tchad"), "Africa/Ndjamena"),
    "TG": (_("Togo"), "Africa/Lome"),
    "TN": (_("Tunisie"), "Africa/Tunis"),
    "ZM": (_("Zambie"), "Africa/Lusaka"),
    "ZW": (_("Zimbabwe"), "Africa/Harare"),
}


def _sort_key(name):
    plain = unicodedata.normalize("NFKD", str(name))
    return plain.encode("ascii", "ignore").decode().casefold()


def country_choices():
    """Cameroon first, then the others by name in the active language."""
    first = [(DEFAULT_COUNTRY, COUNTRIES[DEFAULT_COUNTRY][0])]
    others = [(code, name) for code, (name, _tz) in COUNTRIES.items()]
    others = [c for c in others if c[0] != DEFAULT_COUNTRY]
    return first + sorted(others, key=lambda c: _sort_key(c[1]))


def country_name(code):
    entry = COUNTRIES.get(code)
    return entry[0] if entry else code


def default_timezone(code):
    return COUNTRIES.get(code, COUNTRIES[DEFAULT_COUNTRY])[1]


def timezone_choices():
    """Every Africa/* zone, plus the island zones some countries use."""
    zones = {z for z in zoneinfo.available_timezones() if z.startswith("Africa/")}
    zones |= {tz for _name, tz in COUNTRIES.values()}
    return [(zone, zone.replace("_", " ")) for zone in sorted(zones)]
