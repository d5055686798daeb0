"""Figures: numbers with scale and currency, qualifiers, units, indicators and periods.

``indicator`` comes from ``INDICATORS``: a documented, extensible vocabulary keyed on the
noun that follows the number and on cue words in the sentence. Years, calendar dates,
ordinals in names ("42nd ASEAN Summit"), anniversaries and durations are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diplograph.models import Evidence, Figure
from diplograph.vocabulary import NUMBER_WORDS

FIGURE_RULES_VERSION = "diplograph.figure_rules.v1"

_NUM_WORDS = NUMBER_WORDS
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "bil": 1e9,  # Malaysian press: "RM1.2bil", "RM500mil"
    "mil": 1e6,
    "trn": 1e12,
    "trln": 1e12,
    # South Asian scales: "Rs 4,000 crore", "₹1.5 lakh crore"
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
}
_CUR_PREFIX = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "u.s.$": "USD",
    "vnd": "VND",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "rmb": "CNY",
    "cny": "CNY",
    "a$": "AUD",
    "aud": "AUD",
    "s$": "SGD",
    "nz$": "NZD",
    "c$": "CAD",
    "hk$": "HKD",
    "ksh": "KES",
    "inr": "INR",
    "rs": "INR",
    "krw": "KRW",
    "sgd": "SGD",
    "rub": "RUB",
    "thb": "THB",
    "myr": "MYR",
    "idr": "IDR",
    "php": "PHP",
    "nzd": "NZD",
    "cad": "CAD",
    "chf": "CHF",
    "lkr": "LKR",
    "zar": "ZAR",
    "r": "ZAR",
    "ngn": "NGN",
    "kes": "KES",
    "pkr": "PKR",
    "bdt": "BDT",
    "twd": "TWD",
    "hkd": "HKD",
    "aed": "AED",
    "sar": "SAR",
    "try": "TRY",
    "brl": "BRL",
    "mxn": "MXN",
    "egp": "EGP",
    "₹": "INR",
    "₩": "KRW",
    "₱": "PHP",
    "₫": "VND",
    "rm": "MYR",
    "fj$": "FJD",
    "nt$": "TWD",
    "r$": "BRL",
    "gh¢": "GHS",
    "gh₵": "GHS",
    "n": "NGN",
    "bt": "THB",
    "p": "PHP",
    "rp": "IDR",
    "tk": "BDT",
    "₦": "NGN",
    "₺": "TRY",
    "₽": "RUB",
    "₴": "UAH",
    "₪": "ILS",
    "฿": "THB",
    "₭": "LAK",
}
# more ISO codes, in capitals only, before or after an amount ("QAR 50 million", "5 billion KZT"),
# and the Gulf press's own short forms ("QR50 million", "KD 3 million", "Dh1 billion"); no COP
# (Colombian pesos are named): "COP 28" is the climate conference
_ISO_EXTRA = (
    "QAR KWD OMR BHD JOD IQD ILS UAH KZT CZK PLN HUF RON NOK SEK DKK ARS CLP PEN KHR LAK MMK "
    "NPR MVR BND GHS ETB UGX TZS XOF XAF MAD DZD TND LBP IRR UZS MNT AZN GEL AMD BYN KPW MUR FJD "
    "PGK BWP ZMW AOA MZN RWF CDF SDG SYP YER AFN"
).split()
_GULF_SHORT = {"QR": "QAR", "KD": "KWD", "Dh": "AED", "Dhs": "AED", "BD": "BHD", "RO": "OMR",
               "SR": "SAR"}  # fmt: skip
_CUR_PREFIX.update({c.lower(): c for c in _ISO_EXTRA})
_CUR_PREFIX.update({k.lower(): v for k, v in _GULF_SHORT.items()})
_CUR_SUFFIX = [
    # a currency named with its state's adjective first ("Egyptian pounds", "Qatari riyals",
    # "Mexican pesos"), so that the bare name's default (GBP, SAR, PHP …) does not take it
    (r"north\s+korean\s+won", "KPW"),
    (r"(?:south\s+)?korean\s+won", "KRW"),
    (r"thai\s+baht", "THB"),
    (r"indian\s+rupees?", "INR"),
    (r"mauritian\s+rupees?", "MUR"),
    (r"indonesian\s+rupiah", "IDR"),
    (r"malaysian\s+ringgit", "MYR"),
    (r"vietnamese\s+dong", "VND"),
    (r"russian\s+(?:roubles?|rubles?)", "RUB"),
    (r"belarusian\s+(?:roubles?|rubles?)", "BYN"),
    (r"mexican\s+pesos?", "MXN"),
    (r"argentin(?:e|ian)\s+pesos?", "ARS"),
    (r"chilean\s+pesos?", "CLP"),
    (r"colombian\s+pesos?", "COP"),
    (r"cuban\s+pesos?", "CUP"),
    (r"egyptian\s+pounds?", "EGP"),
    (r"lebanese\s+pounds?", "LBP"),
    (r"syrian\s+pounds?", "SYP"),
    (r"sudanese\s+pounds?", "SDG"),
    (r"qatari\s+riyals?", "QAR"),
    (r"omani\s+rials?", "OMR"),
    (r"(?:iranian\s+)?rials?", "IRR"),
    (r"kuwaiti\s+dinars?", "KWD"),
    (r"iraqi\s+dinars?", "IQD"),
    (r"jordanian\s+dinars?", "JOD"),
    (r"bahraini\s+dinars?", "BHD"),
    (r"libyan\s+dinars?", "LYD"),
    (r"algerian\s+dinars?", "DZD"),
    (r"tunisian\s+dinars?", "TND"),
    (r"serbian\s+dinars?", "RSD"),
    (r"moroccan\s+dirhams?", "MAD"),
    (r"(?:uae\s+|emirati\s+)dirhams?", "AED"),
    (r"ugandan\s+shillings?", "UGX"),
    (r"tanzanian\s+shillings?", "TZS"),
    (r"congolese\s+francs?", "CDF"),
    (r"rwandan\s+francs?", "RWF"),
    (r"brunei\s+dollars?", "BND"),
    (r"fiji(?:an)?\s+dollars?", "FJD"),
    (r"jamaican\s+dollars?", "JMD"),
    (r"trinidad\s+and\s+tobago\s+dollars?", "TTD"),
    (r"east\s+caribbean\s+dollars?", "XCD"),
    (r"(?:chinese\s+)?renminbi", "CNY"),
    (r"(?:israeli\s+)?(?:new\s+)?shekels?", "ILS"),
    (r"(?:ukrainian\s+)?hryvnias?", "UAH"),
    (r"(?:ghanaian\s+)?cedis?", "GHS"),
    (r"(?:ethiopian\s+)?birr", "ETB"),
    (r"(?:cambodian\s+)?riels?", "KHR"),
    (r"(?:myanmar\s+)?kyats?", "MMK"),
    (r"(?:kazakh(?:stani)?\s+)?tenge", "KZT"),
    (r"(?:czech\s+)?korun[ay]", "CZK"),
    (r"(?:mongolian\s+)?tugriks?", "MNT"),
    (r"(?:uzbek\s+)?so['’]?ums?", "UZS"),
    (r"(?:georgian\s+)?lari", "GEL"),
    (r"(?:armenian\s+)?drams?", "AMD"),
    (r"(?:azerbaijani\s+)?manats?", "AZN"),
    (r"(?:romanian\s+)?lei", "RON"),
    (r"(?:zambian\s+)?kwacha", "ZMW"),
    (r"(?:angolan\s+)?kwanzas?", "AOA"),
    (r"(?:maldivian\s+)?rufiyaa", "MVR"),
    (r"(?:afghan\s+)?afghanis", "AFN"),
    (r"(?:peruvian\s+)?soles", "PEN"),
    (r"(?:polish\s+)?zlotys?", "PLN"),
    # a named dollar or franc first, so that a bare "dollars" stays USD
    (r"(?:australian|aussie)\s+dollars?", "AUD"),
    (r"new\s+zealand\s+dollars?", "NZD"),
    (r"canadian\s+dollars?", "CAD"),
    (r"singapore(?:an)?\s+dollars?", "SGD"),
    (r"hong\s+kong\s+dollars?", "HKD"),
    (r"(?:new\s+)?taiwan(?:ese)?\s+dollars?", "TWD"),
    (r"cfa\s+francs?", "XOF"),
    (r"(?:swiss\s+)?francs?", "CHF"),
    (r"forints?", "HUF"),
    (r"(?:saudi\s+)?riyals?", "SAR"),
    (r"dirhams?", "AED"),
    (r"(?:philippine\s+)?pesos?", "PHP"),
    (r"kip", "LAK"),
    (r"rupiah", "IDR"),
    (r"(?:turkish\s+)?lira", "TRY"),
    (r"(?:kenyan\s+)?shillings?", "KES"),
    (r"rand", "ZAR"),
    (r"naira", "NGN"),
    (r"taka", "BDT"),
    (r"nepal(?:i|ese)\s+rupees?", "NPR"),
    (r"pakistani\s+rupees?", "PKR"),
    (r"sri\s+lankan\s+rupees?", "LKR"),
    (r"norwegian\s+kron(?:er|e)", "NOK"),
    (r"swedish\s+kron(?:or|a)", "SEK"),
    (r"danish\s+kron(?:er|e)", "DKK"),
    (r"aud", "AUD"),
    (r"nzd", "NZD"),
    (r"cad", "CAD"),
    (r"sgd", "SGD"),
    (r"hkd", "HKD"),
    (r"chf", "CHF"),
    (r"fjd", "FJD"),
    (r"us\s+dollars?|u\.s\.\s+dollars?|usd|dollars?", "USD"),
    (r"vnd|dong", "VND"),
    (r"euros?|eur", "EUR"),
    (r"(?:chinese\s+)?yuan|rmb|cny", "CNY"),
    (r"(?:japanese\s+)?yen|jpy", "JPY"),
    (r"pounds?(?:\s+sterling)?|sterling|gbp", "GBP"),
    (r"won(?!\s+(?:by|the|an?|seats?|votes?|over)\b)|krw", "KRW"),  # not "160 won by"
    (r"rupees?", "INR"),
    (r"roubles?|rubles?", "RUB"),
    (r"baht", "THB"),
    (r"(?:brazilian\s+)?reais", "BRL"),
    (r"ringgit", "MYR"),
    *((rf"(?-i:{code})", code) for code in _ISO_EXTRA),
]
_NUMBER = re.compile(
    r"(?:(?<![\w$])(?P<cur>US\s?\$\s?|U\.S\.\s?\$\s?|(?:USD|VND|EUR|AUD|SGD|JPY|CNY|GBP|INR|KRW|RUB|"
    r"THB|MYR|IDR|PHP|NZD|CAD|CHF|LKR|ZAR|NGN|KES|PKR|BDT|TWD|HKD|AED|SAR|TRY|BRL|MXN|EGP)\s?|"
    r"(?-i:" + "|".join(_ISO_EXTRA) + r")\s(?=\d)|"  # "QAR 50 million", not "COP28"
    r"(?-i:"
    + "|".join(_GULF_SHORT)
    + r")(?=\d[\d,.]*\s?(?:million|billion|trillion|bn|mn|tn|m)\b|\s\d[\d,.]*\s?"
    r"(?:million|billion|trillion|bn|mn|tn|m)\b)\s?|"
    r"€|£|¥|₹|₩|₱|₫|₦|₺|₽|₴|₪|฿|₭|\$(?:\s(?=\d))?|A\$\s?|S\$\s?|NZ\$\s?|C\$\s?|HK\$\s?|FJ\$\s?|KSh\s?|RMB\s?|"
    r"NT\$\s?|R\$\s?|GH[¢₵]\s?|"  # Taiwan dollars, Brazilian reais, Ghanaian cedis
    # Thai baht and Philippine pesos as their own press writes them: "Bt1.2 billion",
    # "P1.5 billion" (a lone "P" only before a scaled amount: not "P5")
    r"(?-i:Bt)\.?\s?(?=\d)|(?-i:P)(?=\d[\d,.]*\s?(?:million|billion|trillion|bn|bil|mil|m)\b)|"
    # rupees, Indonesian rupiah and Bangladeshi taka before the amount: "Rs. 500 crore",
    # "Rp 2.5 trillion", "Tk 3,000 crore"
    r"Rs\.?\s?|(?-i:Rp|Tk)\.?\s?(?=\d)|"
    # Malaysian ringgit written before the amount: "RM170 billion", "RM 1.2 million"
    r"(?-i:RM)(?=\s?\d)\s?|"
    # South African rand written before the amount: "R600 billion", "R400 million"
    r"(?-i:R)(?=\d[\d,.]*\s?(?:million|billion|trillion|bn|m)\b)|"
    # Nigerian naira the same way: "N1.2 billion"
    r"(?-i:N)(?=\d[\d,.]*\s?(?:million|billion|trillion|bn|m)\b))|(?<![\w.,/$-]))"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    # a decimal comma before a scale word: "1,5 billion euros"
    r"\d{1,3},\d{1,2}(?=\s?(?:million|billion|trillion|bn|mn)\b)|"
    # thousands set off by a (no-break or thin) space: "2 500 people", "1\u00a0200 tonnes"
    r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,]|[ \u00a0]\d)|\d+(?:\.\d+)?)"
    # "a 100-billion-yen loan", "a $5-billion deal": a scale joined by a hyphen
    r"(?:(?:\s*|-(?=(?:thousand|million|billion|trillion)\b))"
    r"(?P<scale>thousand|million|billion|trillion|lakh\s+crore|crores?|lakhs?|"
    r"bn|mn|mln|bln|trln|trn|tn|bil|mil|[mkb])\b)?"
    # "6.5pc" (British and Indian press), "40 pct" (wires), "2.1 percentage points"
    r"(?P<pct>[\s-]*(?:%|percent(?:age\s+points?)?\b|per\s+cent\b|pct\b)|pc\b)?",
    re.I,
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "Thirty-five fishermen", "seventy-six rescuers": a compound reads as one number
_WORD_NUMBER = re.compile(
    r"(?<!-)\b(?P<word>(?:"
    + "|".join(_TENS)
    + r")-(?:"
    + "|".join(_UNITS)
    + r")|"
    + "|".join(_NUM_WORDS)
    + r"|twice)\b(?!-)",
    re.I,
)
# the number words that may multiply a following "hundred" or "dozen" ("two dozen villages")
_WORD_ALT = "|".join(w for w in _NUM_WORDS if w not in ("hundred", "dozen"))
# "several hundred people", "a few dozen protesters": no number is stated
_VAGUE = re.compile(r"\b(?:several|a\s+few|few|many|some|dozens\s+of|hundreds\s+of)\s+$", re.I)


def _word_value(word: str) -> float:
    """The value of a spelled-out number ("seven" → 7, "thirty-five" → 35)."""
    w = word.lower()
    if "-" in w:
        tens, unit = w.split("-")
        return float(_NUM_WORDS[tens] + _UNITS.index(unit) + 1)
    return float(_NUM_WORDS[w])


_ORD = r"(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
# "third-largest trading partner", "its largest investor", "among its ten largest investors"
_RANK = re.compile(
    r"(?:\b(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[\s-]+|"
    r"\b(?:among|one\s+of)\s+(?:(?:\w+\s+){0,2}\w+['’]s?\s+|the\s+|its\s+|their\s+)?(?P<among>"
    + "|".join(_NUM_WORDS)
    + r"|\d{1,2})\s+|(?:\bthe|\bits|\btheir|['’]s?)\s+|"
    r"\b(?:No\.?\s?|number\s+)(?P<no>[1-9]|one|two|three)\s+)"  # "its No. 1 trading partner"
    r"(?:(?:single\s+)?(?P<adj>largest|biggest|main|leading|top|principal)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:trading\s+partner|partner|investor|(?:export\s+|import\s+)?market|provider|supplier|"
    r"source|donor|destination|importer|exporter|buyer|creditor|lender|backer|customer|funder)|"
    # French-style "its second trading partner", "Spain's first investor": an ordinal alone
    r"(?:trad(?:e|ing)\s+partner|(?:foreign\s+)?investor|supplier))s?\b",
    re.I,
)
# a rank stated by a verb: "ranking third among foreign investors", "finished sixth in the race"
_RANK_VERB = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|finish(?:es|ed|ing)?|plac(?:es|ed|ing)\s+(?:it|them|him|her)|came)"
    r"\s+(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\b(?![\s-]+(?:time|round))",
    re.I,
)
# a rank whose noun is left out: "seventh-largest trading partner globally and third-largest
# within ASEAN", "a surplus of 123 billion dollars, the third largest after China and Mexico"
_RANK_ELIDED = re.compile(
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[\s-](?:largest|biggest)\b"
    r"(?=\s*(?:[,.;]|$)|\s+(?:within|in|among|after|behind|globally|worldwide)\b)",
    re.I,
)
_RANK_CUE = re.compile(
    r"partner|investor|trade|surplus|deficit|export|import|donor|market|supplier|buyer", re.I
)
# "her fifth visit", "the eighth aid flight", "the eleventh member"; the number of a meeting in
# its series ("the 42nd ASEAN Summit", "the bloc's 37th summit") is a name, not a count (real
# news labels neither; session 16 measured the lower-case ones); nor is the number of an aid
# delivery ("a second consignment", "a second convoy": not labelled)
_ORDINAL_COUNT = re.compile(
    r"\b" + _ORD + r"\s+(?:(?!(?:of|to|in|on|day|days|week|year)\b)[\w-]+\s+|"
    r"of\s+(?=(?:its|their)\s+kind\b)){0,3}?"  # "the fifth retreat of its kind", not "… day of"
    r"(?P<what>visit|trip|tour|round|protest|note|flight|batch|package|time|term|member|"
    r"country|state(?!\s+visit)|partner|incident|seizure|violation|"
    r"incursion|intrusion|turn|kind|aircraft|plane|collision|extradition|consulate|launch|"
    r"crossing|patrol)s?\b",
    re.I,
)
# "a two-day visit, her fourth to Indonesia": the visit's number in the visitor's series;
# "the 11th such crossing this year": the number of a repeated act
_ORDINAL_AFTER = re.compile(
    r"\b(?P<what>visit|trip)\b[^.;:]{0,60}?,\s+(?:his|her|its|their)\s+"
    + _ORD
    + r"(?=\s+(?:to|in|since|this|abroad|overseas|as)\b|\s*[,.;])"
    r"|\b(?:the|its|his|her|their)\s+"
    + _ORD.replace("ord", "ord2")
    + r"\s+such\s+(?P<such>[a-z]+)",
    re.I,
)
# an ordinal that ranks or dates is no count: "the 16th largest partner", "80th anniversary"
_NOT_A_COUNT = re.compile(
    r"\b(?:largest|biggest|main|leading|top|anniversary|trad(?:e|ing)\s+partner)\b", re.I
)
# "one of its largest investors", "among the biggest donors": a rank with no number
_ONE_OF = re.compile(r"\b(?:one\s+of|among)\s+(?:\S+\s+){0,2}\S*$", re.I)
_ORDINAL_FACT = re.compile(
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\s+"
    r"(?P<what>time\b|term\s+(?:on|in|as)\b|(?:round|package|batch)\s+of\b|(?:comprehensive\s+strategic|strategic|comprehensive)\s+partner\b|"
    r"(?:biggest|largest)\s+(?:\w+\s+){0,2}partner\b)",
    re.I,
)
_QUALIFIERS = [
    (r"more\s+than|upwards\s+of|in\s+excess\s+of", "more_than"),
    (r"over|exceed(?:ed|s|ing)?|above|at\s+least|surpass(?:ed)?", "over"),
    (r"about|around|approximately|roughly|some|nearly\s+about|an\s+estimated|approx\.?", "about"),
    (r"nearly|almost|close\s+to|just\s+under|up\s+to", "nearly"),
]
_QUAL_RE = [
    (re.compile(rf"\b(?:{p})\s*(?:(?:US)?\$|USD|VND)?\s*$", re.I), q) for p, q in _QUALIFIERS
]

UNIT_NOUNS: list[tuple[str, str]] = [
    # "three cargo planes" with aid, "four planeloads of supplies": flights
    (r"flights?|(?:air)?planes?|planeloads?", "flights"),
    (
        r"(?:\w+-)?person\b|people|persons|citizens|nationals|residents|workers|migrants|"
        r"students|tourists|visitors|experts|diplomats|staff|personnel|troops|soldiers|"
        r"peacekeepers|officers|doctors|volunteers|refugees|victims|celebrities|rescuers|"
        r"lives|deaths|dead|children|individuals|employees|crew|passengers|delegates|"
        r"Vietnamese|Filipinos|Indonesians|Japanese|Chinese|Americans|Koreans|Thais|"
        r"Indians|Saudis|Pakistanis|Britons|Germans|Russians|Ukrainians|Australians|"
        r"officials|evacuees|fishermen|sailors|fighters|participants|specialists|"
        r"lawmakers|legislators|journalists|nurses|medics|observers|prisoners|detainees|"
        r"hostages|pilgrims|seafarers|arrivals|foreigners|survivors|casualties|scholars|athletes|"
        r"engineers|missing|injured|wounded|killed|displaced|executives|activists|agents|judges|"
        r"villagers|dependents|bodies|civilians|protesters|demonstrators|militants|"
        r"servicemen|marines|guards|commandos|mercenaries|inmates|patients|leaders|heads|"
        r"suspects|gendarmes|commanders|speakers|teachers|professionals|voters|critics|"
        r"teenagers|compatriots|returnees|ministers|Rohingyas?|fugitives|passengers|"
        r"expatriates|expats|Sikhs|Hindus|Muslims|Christians|Buddhists|Catholics|ambassadors|"
        r"envoys|women|men|police|policemen|policewomen|CEOs|businessmen|businesspeople|"
        r"entrepreneurs",
        "people",
    ),
    (
        r"countries|nations|nationalities|territories|member\s+states|states|partners|"
        r"governments|jurisdictions|members|allies|neighbou?rs",
        "countries",
    ),
    (r"votes?|ballots?", "votes"),
    (r"doses?", "doses"),
    (r"tons?|tonnes?", "tons"),
]
_EXCLUDE_AFTER = re.compile(
    r"^\s*(?:-?\s*)?(?:(?:years?|months?|days?|weeks?|hours?|minutes?|decades?)\b|centur(?:y|ies)|"
    r"(?:st|nd|rd|th)\b|['’]?s\b|-year|-month|-day|-week|year-old|[ap]\.?m\b\.?|o'clock|km\b|"
    r"kilomet|miles?|nautical|meters?|metres?|square|nights?)",
    re.I,
)
_EXCLUDE_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Decree|Directive|Resolution|Article|Section|Summit|COP|Flight|"
    r"Chapter|Law|Decision|Circular|Clause|Point|Item|Room|Code|Form|Session|Conference|"
    r"Games|Covid|COVID|level|Level|Phase|phase|Route|Highway|page|Plenum|term|Term|"
    r"Conclusion|Regulation|Programme|Program|magnitude|magnitude of|Storm|Typhoon|VN|"
    r"under|below|Boeing|Airbus|Embraer|Antonov|Ilyushin|Sukhoi|Tupolev)"
    r"\.?\s*|[A-Za-z]-?|#)$"
)
_YEAR = re.compile(r"^(?:19[4-9]\d|20[0-4]\d)$")
# a code of letters before a number makes it an identifier: "QNg 91247 TS", "CSB 8002"
_CODE_BEFORE = re.compile(r"(?<![\w$])(?=[a-z]*[A-Z][a-z]*[A-Z])[A-Za-z]{2,4}\s$")

INDICATORS: list[tuple[str, str, str]] = [
    # (unit, cue regex on the sentence, indicator) — first match wins; extend freely.
    ("USD", r"\bfdi\b|foreign\s+(?:direct\s+)?invest|invested\s+capital", "fdi_value"),
    ("USD", r"\bexport", "export_value"),
    ("USD", r"\bimport(?!-export)", "import_value"),
    ("USD", r"\btrade|turnover|import-export|two-way", "trade_value"),
    ("USD", r"\baid\b|assistance|relief|donat|grant|pledg|support", "aid_value"),
    ("percent", r"\bgrowth|grew|rose|increase|rise|up\b|surg|jump|climb", "growth_rate"),
    ("flights", r"", "flights"),
    (
        "people",
        r"evacuat|repatriat|bring\w*\s+home|brought\s+home|return\w*\s+(?:\w+\s+)?home|"
        r"back\s+home|citizen",
        "citizens_repatriated",
    ),
    ("people", r"dead|killed|death", "deaths"),
    ("people", r"injur", "injured"),
    ("people", r"touris", "tourists"),
    ("people", r"rescue", "rescue_personnel"),
    ("people", r"diplomat", "diplomats"),
    ("countries", r"diplomatic\s+relations", "countries_with_diplomatic_relations"),
    (
        "countries",
        r"comprehensive\s+strategic\s+partner|global\s+strategic",
        "comprehensive_strategic_partners",
    ),
    ("countries", r"strategic\s+partner", "strategic_partners"),
    ("countries", r"comprehensive\s+partner", "comprehensive_partners"),
    ("countries", r"co-?sponsor", "resolution_cosponsors"),
    ("countries", r"elected|seats?\b", "members_elected"),
    ("countries", r"", "countries_count"),
    ("votes", r"", "votes"),
    ("doses", r"vaccin|doses", "vaccine_doses"),
    ("count", r"phone\s+calls|\bcalls\b|phone\s+talks", "phone_calls"),
    (
        "count",
        r"visits?\b.{0,40}\breceived|received\s+\d+\s+visits|visits\s+to\s+vietnam",
        "visits_received",
    ),
    ("count", r"overseas\s+visits|visits?\s+abroad|foreign\s+visits|visits", "visits_abroad"),
    ("count", r"agreements?|documents?|memorand|mous?", "agreements_signed"),
    ("count", r"meetings|conferences", "meetings"),
    ("count", r"sanction", "sanction_rounds"),
    ("count", r"projects", "investment_projects"),
    ("count", r"initiatives", "initiatives"),
]
_NOUN_INDICATOR = [
    (r"calls?", "phone_calls"),
    (r"visits?", "visits"),
    (r"agreements?|documents?|mous?", "agreements_signed"),
    (r"meetings?|conferences?|summits?", "meetings"),
    (r"projects?", "investment_projects"),
    (r"initiatives?", "initiatives"),
    (r"rounds?|packages?", "sanction_rounds"),
    (r"seats?", "seats"),
    (r"teams?", "teams"),
    (r"activities", "activities"),
    (r"delegations?", "delegations"),
]


_WORD_KEYS = (*_NUM_WORDS, "twice")


def _total_noun(rest: str) -> str:
    """The counted noun of "the number of such partnerships …": the first plural noun after
    "of" ("" when the phrase names none: "the number brought out by New Delhi")."""
    m = re.match(r"\s+of\s+(.*)", rest, re.I)
    if not m:
        return ""
    for w in m.group(1).split():
        low = w.lower()
        if low.endswith(("'s", "’s")):
            continue  # "the number of the country's partners": the owner, not the noun
        if w in _people_demonyms():
            return w
        if any(rx.fullmatch(low) for rx, _ in _UNIT_RX) or (
            low.endswith("s") and not low.endswith("ss") and low not in _NOT_NOUNS
        ):
            return low
    return ""


_TOTAL_TO = re.compile(
    r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|rais\w+|lift\w*)\s+"
    r"(?:the|its|their)\s+(?:total|tally|number)(?P<rest>(?:\s+[\w'’-]+){0,9}?)\s+to\s+"
    r"(?:more\s+than\s+|over\s+|about\s+|nearly\s+)?(?P<n>\d{1,3}(?:,\d{3})*|"
    + "|".join(_NUM_WORDS)
    + r")\b(?!\s*(?:%|percent|billion|million|trillion))",
    re.I,
)
# the number first: "brings to 106 the total number of Ghanaians brought home"
_TOTAL_FIRST = re.compile(
    r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|rais\w+|lift\w*)\s+to\s+"
    r"(?:more\s+than\s+|over\s+|about\s+|nearly\s+)?(?P<n>\d{1,3}(?:,\d{3})*|"
    + "|".join(_NUM_WORDS)
    + r")\s+the\s+(?:total\s+)?(?:total|tally|number)(?P<rest>(?:\s+[\w'’-]+){0,9})",
    re.I,
)
# plural nouns a spelled-out number counts that are no diplomatic quantity
_ABSTRACT = frozenset(
    """issues contents pillars priorities goals tasks areas fields aspects points principles ways
    things sides parts phases stages pillars topics themes objectives orientations directions
    lessons factors elements groups kinds types levels quakes earthquakes storms typhoons waves
    words days weeks months years decades hours minutes""".split()
)
# a plural noun of persons by its ending: "contractors", "researchers", "technicians"
_PERSON_NOUN = re.compile(r"(?:er|or|ist|ant|ent|ian)s$")
# land and water features a number counts as background, not as a figure
_GEOGRAPHY = frozenset(
    "islands islets rocks reefs atolls rivers dams lakes mountains peaks".split()
)
# a measure that is no quantity GUIDELINES counts ("1.5 degrees"; power traded in megawatts
# is), and
# demography ("54 ethnic groups")
_MEASURES = frozenset(["degrees"])
_ETHNIC = re.compile(r"^\s+ethnic\s+(?:groups|minorities|communities)\b", re.I)
_DIGIT = re.compile(r"\d")
_FIGURE_HINT = re.compile(
    r"\d|\b(?:"
    + "|".join(
        [
            *_NUM_WORDS,
            *_ORDINALS,
            "twice",
            "largest",
            "biggest",
            "one",
            "main",
            "leading",
            "million",
            "billion",
            "half",
            "thousand",
            "quarters?",
            "thirds",
        ]
    )
    + r"|top|principal)\b",
    re.I,
)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: float
    unit: str | None
    text: str


def _qualifier(before: str) -> str | None:
    for pat, q in _QUAL_RE:
        if pat.search(before):
            return q
    return None


_NOT_NOUNS = {
    "was",
    "is",
    "has",
    "does",
    "its",
    "his",
    "this",
    "as",
    "us",
    "thus",
    "plus",
    "less",
    "across",
    "various",
    "previous",
    "numerous",
    "serious",
    "famous",
    "gas",
    "yes",
    "overseas",  # "138 overseas Filipino workers"
    "forces",  # "1,500 special forces troops"
}


_UNIT_RX = [(re.compile(f"(?:{pat})", re.I), unit) for pat, unit in UNIT_NOUNS]


# things counted that are not people, even after a nationality ("76 Chinese military aircraft")
_THING = re.compile(r"aircraft|jets?|drones?|missiles?|ships?|vessels?|boats?|tanks?", re.I)
_FLOWN = re.compile(r"(?:air)?planes|flights", re.I)


@lru_cache(maxsize=1)
def _people_demonyms() -> frozenset[str]:
    """Plural demonyms ("Italians", "Poles", "Japanese"): a number before one counts people."""
    from diplograph.extract.gazetteer import load_gazetteer

    out: set[str] = set()
    for p in load_gazetteer().patterns:
        if p["label"] != "DEMONYM" or not isinstance(p["pattern"], str):
            continue
        last = p["pattern"].split()[-1]  # "Sri Lankans" → "Lankans"
        if re.fullmatch(r"[A-Z][\w’'-]*(?:s|ese|Swiss)", last):
            out.add(last)
        elif re.fullmatch(r"[A-Z][\w’'-]*(?:i|an)", last):
            out.add(last + "s")  # "Nepali" → "Nepalis", "Sri Lankan" → "Lankans"
    return frozenset(out)


def _ordinal_unit(what: str, after: str, phrase: str) -> tuple[str, str]:
    """Unit and indicator of an ordinal count ("fifth visit" → count, "eighth flight" → flights)."""
    if what in ("flight", "aircraft", "plane"):
        return "flights", "flights"
    if what in ("member", "country", "state", "partner"):
        tier = re.search(r"(comprehensive\s+strategic|strategic|comprehensive)\s+partner", phrase)
        if tier:
            return "countries", tier.group(1).replace(" ", "_") + "_partners"
        return "countries", "countries_count"
    if what in ("round", "package", "batch") and "sanction" in after:
        return "count", "sanction_rounds"
    if what in ("visit", "trip", "tour"):
        return "count", "visits"
    return "count", "count"


def _head_after_demonym(rest: list[str]) -> tuple[str | None, str] | None:
    """What a nationality qualifies ("two Chinese regional banks", "five Russian warplanes",
    "100 million Chinese yuan"): the unit of the noun it modifies, None when it is the noun
    itself ("83 Italians were evacuated")."""
    joined = False
    for w in rest:
        if w in ("and", "or") or w in _people_demonyms() or _WORD_NUMBER.fullmatch(w):
            joined = joined or w in ("and", "or")
            continue  # "five Chinese and six Russian warplanes"
        if joined and re.fullmatch(r"[A-Z][a-z]+", w):
            continue
        if not re.fullmatch(r"[a-z][a-z’'-]*", w):
            return None  # a name, a number or punctuation: the demonym is the noun
        for unit_rx, unit in _UNIT_RX:
            if unit_rx.fullmatch(w):
                return unit, w
        if w in ("yuan", "renminbi", "yen", "won", "rupees", "pesos", "roubles", "rubles"):
            return None, w  # a currency the number's own pattern reads
        if re.search(r"(?:er|or|ist|ant|ent|ian)s$", w):
            return "people", w  # "researchers", "officials": people of that nationality
        if w.endswith("s") and not w.endswith(("ss", "us")) and w not in _NOT_NOUNS:
            return "count", w  # "banks", "warplanes", "prefectures"
    return None


# members of a body of people, not of a body of states
_MEMBERS_OF_PEOPLE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?members\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|\w+['’]s\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:guards?|police|crew|forces?|army|military|navy|militia|family|"
    r"families|delegation|team|staff|parliament|congress|community|diaspora|gang|network)\b",
    re.I,
)
# a number followed straight by one of these has no noun of its own
_PREPOSITIONS = frozenset("for from in on at by with to against since during into".split())


def _unit_after(after: str) -> tuple[str | None, str]:
    """Unit from the noun after a number: the first unit noun or plural noun within 4 words."""
    if re.match(r"^-person\b", after) or re.match(
        r"^-(?:member|strong)\s+(?:[\w-]+\s+){0,3}?(?:team|delegation|crew|contingent|force|"
        r"squad|unit|mission)\b",
        after,
    ):
        return "people", "person"  # "an 82-person team", "a 26-member rescue team"
    if re.match(r"^-[a-z]", after):
        return None, ""  # "22-liter", "3-month": a measure inside a compound
    listed = re.match(
        r"^\s+(?:individuals|people|persons)(?:,\s+[a-z]+)*,?\s+and\s+[a-z]+",
        after,
        re.I,
    )
    if listed and re.search(
        r"\b(?:entit(?:y|ies)|companies|firms|organi[sz]ations|businesses|ships|vessels|aircraft)$",
        listed.group(0),
        re.I,
    ):
        return "count", "entities"  # "adds 116 individuals and entities to the list": listings
    if re.match(r"^\s+(?:[A-Za-z]+\s+)?heads\s+of\s+(?:state|government)", after, re.I):
        return "count", "heads"  # "60 heads of state and government": states represented
    if _MEMBERS_OF_PEOPLE.match(after):
        return "people", "members"  # "seven members of the Revolutionary Guards"
    if re.match(r"^\s+(?:[\w-]+\s+){0,2}?present\s+and\s+voting\b", after):
        return "votes", "voting"  # "188 member states present and voting": the votes cast
    words = re.findall(r"[A-Za-z’'-]+|[^\sA-Za-z]", after[:70])
    demonyms = _people_demonyms()
    for i, w in enumerate(words[:4]):
        if not re.fullmatch(r"[A-Za-z’'-]+", w) or (i == 0 and w.lower() in _PREPOSITIONS):
            return None, ""  # "over 400 from Israel", "44 for the other candidate": no noun
        if _THING.fullmatch(w):
            return None, w
        if w in demonyms:
            flown = not w.endswith("s") and any(_FLOWN.fullmatch(x) for x in words[i + 1 : i + 5])
            if flown or any(_THING.fullmatch(x) for x in words[i + 1 : i + 6]):
                continue  # "31 Chinese military aircraft", "three Chinese Eastern Airlines planes"
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if _OWNED.fullmatch(nxt):
                return "count", nxt  # "four Vietnamese firms", "134 Taiwanese products"
            # "Chinese", "Japanese", "Swiss" are adjectives too; "Australians" is a noun
            head = None if w.endswith("s") else _head_after_demonym(words[i + 1 : i + 5])
            if head is not None:  # "100 million Chinese yuan", "two Canadian exporters' …"
                return head
            return "people", w
        if w.lower() == "family" and i + 1 < len(words) and words[i + 1].lower() == "members":
            return "people", "members"  # "6 family members"
        for unit_rx, unit in _UNIT_RX:
            if unit_rx.fullmatch(w):
                return unit, w
        if w.lower() in ("member",):
            continue
        low = w.lower()
        follow = words[i + 1] if i + 1 < len(words) else ""
        if low.endswith(("'s", "’s")) and re.fullmatch(r"[a-z]+", follow):
            continue  # a possessive before its noun: "six of each other's diplomats"
        if (
            i
            and re.fullmatch(r"[A-Z][a-z]+s", w)
            and (_FLOWN.fullmatch(follow) or _THING.fullmatch(follow))
        ):
            continue  # a name before its noun: "two Vietnam Airlines flights"
        if low in ("memoranda", "criteria", "aircraft", "mous") or (
            low.endswith("s") and not low.endswith(("ss", "us")) and low not in _NOT_NOUNS
        ):
            return None, w
    return _unit_after_names(words[:7])


def _unit_after_names(words: list[str]) -> tuple[str | None, str]:
    """The noun past a run of names and nationalities that the four-word window misses:
    "12 Algerian consular and diplomatic officials", "four Armenian and three Azerbaijani
    soldiers", "two Indonesian Air Force Hercules aircraft"."""
    if words and words[0] + "s" in _people_demonyms():
        head = _head_after_demonym(words[1:])
        if head is not None and head[0] == "people":
            return head
    for w in words:
        if re.fullmatch(r"[A-Z][\w-]*", w) and w.lower() not in _PREPOSITIONS | {"and"}:
            continue
        if _FLOWN.fullmatch(w):
            return "flights", w
        if _THING.fullmatch(w):
            return None, w
        break
    return None, ""


# singular things a "one" in a list counts: "12 individuals and 1 entity", "one agreement"
_ONE_THING = re.compile(r"entity|agreement|memorandum|company|firm|bank|vessel|ship|boat", re.I)
# where a lone "one" is a figure: an item of a list of counts, or a casualty
_ONE = re.compile(r"(?<![\w$.,-])(?:one|1)\b(?![.,]?\d|-)", re.I)
_ONE_NOT = re.compile(r"\b(?:no|any|each|every|the|this|that|which|at)\s+$", re.I)
_ONE_LISTED = re.compile(r"(?:\band|,)\s+$")
_ONE_HURT = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|injur(?:ed|ing|ies)|wound(?:ed|ing)|died|dead)\b", re.I
)


# the participants of a meeting, not a number it reports: "the three ministers", "the ten leaders"
_OFFICE = re.compile(
    r"(?:ministers|leaders|envoys|ambassadors|men|women|heads|officials|counterparts|"
    r"presidents|delegates|lawmakers|governments)",
    re.I,
)
# an amount given to each of two recipients: "1 billion dollars each", "100,000 USD in aid each"
_EACH = re.compile(
    r"(?:\s+(?!each\b)[\w-]+){0,4}?\s+each\b(?=\s*(?:[,.;]|$|(?:to|for|from|in|and)\b))"
    r"(?!\s+(?:for|to)\s+(?:each|every)\b)",
    re.I,
)
_ABSTAINED = re.compile(
    r"\s+(?:abstain(?:ed|ing)|voted\s+(?:in\s+favou?r|for|against|yes|no)\b)", re.I
)  # "11 abstained", "141 voted in favour"
_FOR_AGAINST = re.compile(
    r"\s+(?:in\s+favou?r|against)\b(?!\s+(?:of|the|a|an|his|her|its)\b)", re.I
)
_VOTED = re.compile(r"\bvot(?:e|es|ed|ing)\b|\bresolution\b|\bballots?\b", re.I)
# a tally: "the council voted 13-0", "passed 120-14-35" (for, against, abstentions), "the
# Senate voted 68 to 30": each number is votes
_TALLY = re.compile(
    r"\b(?:vot(?:e|ed)|vote\s+of|passed|adopted|approved|rejected|defeated)\s+(?:by\s+)?"
    r"(?:a\s+(?:vote|margin)\s+of\s+)?(?P<a>\d{1,3})(?:[-–]|\s+to\s+)(?P<b>\d{1,3})"
    r"(?:[-–](?P<c>\d{1,3}))?\b(?![-–.,]?\d)",
    re.I,
)
# a vote with no one against: "124 in favour, none against", "by 52 votes to none"
_NONE_AGAINST = re.compile(r"\b(?:none|no\s+one|nobody)\s+against\b|\bvotes?\s+to\s+none\b", re.I)
_SINCE_TAIL = re.compile(r"\s+(?:since|so\s+far|in\s+(?:all|total))\b", re.I)
_OF_THEM = re.compile(r"\s+of\s+them\b", re.I)
# a bare earlier level of a count: "1,200 vessels were seen this year, up from some 800 in 2023"
_UP_FROM = re.compile(
    r"\b(?:up|down)\s+from\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|just\s+)?$",
    re.I,
)


def _antecedent_unit(before: str) -> str | None:
    """The unit of the last people or countries noun of the clause before "N of them"
    ("Poland expelled dozens of Russian diplomats, 45 of them in March" → people)."""
    clause = re.split(r"[;:]|\.\s", before)[-1]
    for w in reversed(re.findall(r"[A-Za-z’'-]+", clause)):
        unit = next((u for rx, u in _UNIT_RX if rx.fullmatch(w)), None)
        if unit in ("people", "countries"):
            return unit
        if w in _people_demonyms():
            return "people"
    return None


def _singular_unit(after: str) -> str | None:
    """Unit of the singular noun after "one" or "1": "1 entity" → count, "one Canadian",
    "one Cambodian soldier", "one member of the crew" → people; None when there is none."""
    if _MEMBERS_OF_PEOPLE.match(re.sub(r"^\s+member\b", " members", after)):
        return "people"
    words = re.findall(r"[A-Za-z’'-]+|[^\sA-Za-z]", after[:60])[:3]
    for i, w in enumerate(words):
        low = w.lower()
        plurals = (low + "s", low[:-1] + "ies", low + "es")
        if any(rx.fullmatch(p) for rx, unit in _UNIT_RX if unit == "people" for p in plurals):
            return "people"  # "one soldier", "one Maldivian student"
        if _ONE_THING.fullmatch(low):
            return "count"
        if w + "s" in _people_demonyms():  # "one Canadian", unless it qualifies a thing
            rest = words[i + 1 : i + 2]
            if not rest or not re.fullmatch(r"[a-z]+", rest[0]):
                return "people"
            continue
        if i or not re.fullmatch(r"[a-z-]+", w) or low in ("of", "another", "other", "more"):
            return None
    return None


_CUR_SUFFIX_RX = [(re.compile(rf"^\s*(?:{pat})\b", re.I), code) for pat, code in _CUR_SUFFIX]
_INDICATOR_RX = [(u, re.compile(cue) if cue else None, ind) for u, cue, ind in INDICATORS]
_NOUN_INDICATOR_RX = [(re.compile(pat), ind) for pat, ind in _NOUN_INDICATOR]


# the union of the suffixes: a number most often names none, and one match rules all out
_ANY_CUR_SUFFIX = re.compile(
    r"^\s*(?:" + "|".join(f"(?:{pat})" for pat, _ in _CUR_SUFFIX) + r")\b", re.I
)


def _currency_after(after: str) -> str | None:
    """The currency named right after a number: that of the first suffix that matches."""
    if not _ANY_CUR_SUFFIX.match(after):
        return None
    for rx, code in _CUR_SUFFIX_RX:
        if rx.match(after):
            return code
    return None


def _indicator(unit: str, noun: str, text: str) -> str:
    low = text.lower()
    if unit == "count":
        for noun_rx, ind in _NOUN_INDICATOR_RX:
            if noun_rx.fullmatch(noun.lower()):
                if ind == "visits":
                    return (
                        "visits_received"
                        if re.search(
                            r"\breceiv\w*\s+(?:\w+\s+){0,2}$",
                            low.split(noun.lower())[0][-40:] + " ",
                        )
                        else "visits_abroad"
                    )
                return ind
        return f"{noun.lower()}_count" if noun and noun.isalpha() else "count"
    money = "USD" if unit in _CURRENCIES else unit  # trade in rand is trade too
    for u, cue_rx, ind in _INDICATOR_RX:
        if u == money and (cue_rx is None or cue_rx.search(low)):
            return ind
    if unit not in ("USD", "percent", "people", "countries", "flights", "votes", "doses"):
        return f"value_{unit.lower()}"
    return f"{unit}_count"


_ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_RANGE_NEXT = re.compile(r"[-–]\d")
_SLASH = re.compile(r"\s*/\s*(\d+)")
# "145 out of 189 votes", "40 of the 53 votes cast": two records, both with the denominator's
# unit (GUIDELINES: "145 out of 189 votes" gives 145 votes and 189 votes)
_OUT_OF = re.compile(
    r"\s+(?:out\s+of|of)\s+(?:the\s+|its\s+|their\s+|(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s\s+)?"
    r"(?:(?:top|remaining|roughly|about|around|some|estimated|nearly)\s+)?"
    r"(?P<den>\d{1,3}(?:,\d{3})*)\b(?![.,]\d)"
)  # "1,021 of the roughly 1,500 Pakistanis", "18 of its top 20 markets", "15 of the Council's 47"
# "by 93 votes to 24": the second number is votes too
_VOTES_TO = re.compile(r"\s+votes?\s+to\s+(?P<den>\d{1,3}(?:,\d{3})*)\b(?!\s*(?:%|percent))")
_VOTE_CUE = re.compile(r"vote|ballot|member|elect|won", re.I)
# the second half of a money range whose currency follows it: " and 50 billion", " to 2 billion"
_MONEY_RANGE = re.compile(
    r"\s*(?:to|and|or|[-–])\s*\d[\d,]*(?:\.\d+)?\s*(?P<scale>thousand|million|billion|trillion)?",
    re.I,
)
_PCT_RANGE = re.compile(
    r"(?:\s+(?:to|and|or)\s+|\s+[-–]\s*)\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b|pct\b)", re.I
)
_ANNIVERSARY = re.compile(r"\s*(?:th|st|nd|rd)?\s*anniversary", re.I)


def _plain(raw: str) -> float:
    """The value of a written number: "1,250", "2 500" → 1250.0, 2500.0."""
    if re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        return float(raw.replace(",", "."))  # a decimal comma: "1,5 billion"
    return float(re.sub(r"[,\s]", "", raw))


def _hyphen_range(text: str, m: re.Match[str], e: int) -> list[NumberMatch]:
    """Both ends of a hyphenated range whose second end carries the scale, currency, percent
    or counted noun: "$5-6 billion", "2-3 billion euros", "3,000-5,000 troops" (nothing for a
    bare pair: "10-12 March", a tally "13-0")."""
    rest = text[e + 1 :]
    m2, tail = _NUMBER.match(rest), find_numbers(rest, [])
    if m2 is None or m2.group("cur") or not tail or tail[0].start != 0:
        return []
    second, end2 = tail[0], e + 1 + tail[0].end
    unit = second.unit
    if m.group("cur"):
        unit = _CUR_PREFIX.get(m.group("cur").strip().lower().replace(" ", "").rstrip("."), "USD")
    scale_key = " ".join((m.group("scale") or m2.group("scale") or "").lower().split())
    first = _plain(m.group("num")) * _SCALE.get(scale_key, 1.0)
    if unit is None and not m.group("cur"):
        if _unit_after(text[end2:])[0] is None:
            return []
        # "3,000-5,000 troops": both ends read the noun after the range
        return [
            NumberMatch(m.start(), end2, round(first, 6), None, m.group(0)),
            NumberMatch(e + 1, end2, second.value, None, second.text),
        ]
    return [
        NumberMatch(m.start(), e, round(first, 6), unit, m.group(0)),
        NumberMatch(e + 1, end2, second.value, unit, second.text),
    ]


# the words of _FIGURE_HINT: each must be a whole run of word characters
_FIGURE_WORDS = frozenset(
    [*_NUM_WORDS, *_ORDINALS, "twice", "largest", "biggest", "one", "main", "leading", "million"]
    + ["billion", "half", "thousand", "quarter", "quarters", "thirds", "top", "principal"]
)
_WORD_RUN = re.compile(r"\w+")


def _figure_hint(text: str) -> bool:
    """``_FIGURE_HINT.search(text)``, read from the text's words where it is ASCII."""
    if not text.isascii():
        return bool(_FIGURE_HINT.search(text))
    return bool(_DIGIT.search(text)) or not _FIGURE_WORDS.isdisjoint(
        _WORD_RUN.findall(text.lower())
    )


def _may_hold(text: str, low: str, words: tuple[str, ...]) -> bool:
    """Whether a case-blind pattern that needs one of ``words`` may match ``text``.

    ``low`` is ``text`` lower-cased. Only a pre-check that skips a scan: a text that is not
    ASCII always may (an IGNORECASE pattern also reads "ı", "ſ" and "K" as i, s and k).
    """
    return not text.isascii() or any(w in low for w in words)


_ORD_DIGITS = re.compile(r"\d(?:st|nd|rd|th)")  # an ordinal in digits, in lower-cased text
_RANK_NOUNS = (
    *"partner investor market provider supplier source donor destination importer".split(),
    *"exporter buyer creditor lender backer customer funder".split(),
)  # every _RANK match ends with one


def find_numbers(text: str, skip: list[tuple[int, int]]) -> list[NumberMatch]:
    """Numbers with scale, currency and percent; years, codes and dates are left out."""
    out: list[NumberMatch] = []
    if not _DIGIT.search(text):
        return out  # every number of _NUMBER has a digit
    taken = 0  # end of a ratio already read ("out of 192")
    for m in _NUMBER.finditer(text):
        s, e = m.start("num"), m.end()
        if s < taken or any(a <= s < b for a, b in skip):
            continue
        raw, cur_raw, scale_raw, pct = m.group("num", "cur", "scale", "pct")
        if _YEAR.match(raw) and not (cur_raw or scale_raw or pct):
            continue
        after = text[e : e + 80]
        if not cur_raw and _EXCLUDE_BEFORE.search(text[max(0, s - 12) : s]):
            continue
        if (
            not (cur_raw or scale_raw or pct)
            and raw.isdigit()
            and len(raw) >= 3
            and (_CODE_BEFORE.search(text[max(0, s - 8) : s]))
        ):
            continue  # a hull or registration number: "the ship CSB 8002", "QNg 91247 TS"
        if not (cur_raw or pct or scale_raw) and _PCT_RANGE.match(after):
            # "between 6 and 6.5 percent", "3-4%": the range's first end is a percentage too
            out.append(NumberMatch(m.start(), e, _plain(raw), "percent", raw))
            continue
        if _RANGE_NEXT.match(after) and not pct and not _ORD_SUFFIX.match(after):
            both = _hyphen_range(text, m, e)
            out.extend(both)
            if both:
                taken = both[-1].end
            continue
        if _ORD_SUFFIX.match(after):
            continue
        slash = _SLASH.match(after)
        if slash:
            if _VOTE_CUE.search(text):
                value = _plain(raw)
                out.append(
                    NumberMatch(
                        m.start(), e + slash.end(), value, "votes", m.group(0) + slash.group(0)
                    )
                )
            continue
        ratio = _OUT_OF.match(after)
        if ratio and not (cur_raw or pct or scale_raw):
            taken = e + ratio.end()
            den = ratio.group("den")
            out.append(NumberMatch(m.start(), taken, _plain(raw), None, raw))
            out.append(NumberMatch(e + ratio.start("den"), taken, float(den.replace(",", "")),
                                   None, den))  # fmt: skip
            continue
        to = _VOTES_TO.match(after)
        if to and not (cur_raw or pct or scale_raw):
            taken = e + to.end()
            den = to.group("den")
            out.append(NumberMatch(m.start(), e, _plain(raw), "votes", raw))
            out.append(NumberMatch(e + to.start("den"), taken, float(den.replace(",", "")),
                                   "votes", den))  # fmt: skip
            continue
        if not cur_raw and not pct and _EXCLUDE_AFTER.match(after):  # "5% year-on-year" stays
            continue
        if _ANNIVERSARY.match(after):
            continue
        scale_key = " ".join((scale_raw or "").lower().split())
        if scale_key in ("m", "k", "b", "mil", "bil") and not (
            cur_raw or _currency_after(after) or _unit_after(after)[0] in ("people", "tons")
        ):
            continue  # "1.5m people", "2m tonnes"; not "a 400m race"
        value = _plain(raw) * _SCALE.get(scale_key, 1.0)
        cur = (cur_raw or "").strip().lower().replace(" ", "").rstrip(".")  # "Rs. 500"
        if pct:
            unit: str | None = "percent"
        elif cur:
            unit = _CUR_PREFIX.get(cur, "USD")
        else:
            # "5 billion yen", "a 17-billion-dollar project" (not "the 500-riel banknote")
            unit = _currency_after(after[1:] if scale_key and after[:1] == "-" else after)
            span = _MONEY_RANGE.match(after)
            if unit is None and span and _currency_after(after[span.end() :]):
                # "between 30 and 50 billion euros", "from 1.5 billion to 2 billion euros"
                unit = _currency_after(after[span.end() :])
                if not scale_key:
                    value *= _SCALE.get((span.group("scale") or "").lower(), 1.0)
        out.append(NumberMatch(m.start(), e, round(value, 6), unit, m.group(0)))
    return out


# every currency code the number pattern and the suffixes know ("USD", "GBP", "NZD" …)
_CURRENCIES = frozenset(_CUR_PREFIX.values()) | {code for _, code in _CUR_SUFFIX}
_VOTES_STATED = re.compile(r"\d\s+votes\b", re.I)
# what may follow a bare number that takes an earlier count's unit: a preposition, "others",
# "of them" or a verb of its clause (not the clause's end: "… and Peru 118." stays out)
_BARE_TAIL = re.compile(
    r"\s+(?:from|in|at|on|to|for|against|during|since|each|others?|more|"
    r"of\s+them|were|was|have|has|had|are|is|remain\w*|live\w*|work\w*)\b",
    re.I,
)
# between a count and a bare number, a new quantity: "… while the number of talks exceeded 120"
_NEW_TOTAL = re.compile(r"\bnumber\s+of\b|\btotal\b|\btoll\b|\bpopulation\b", re.I)
_TEAM_OF = re.compile(
    r"\b(?:team|delegation|crew|contingent|unit|mission)\b[^.;]{0,40}\b(?:of|with|comprising|"
    r"numbering)\s+(?:more\s+than\s+|over\s+|about\s+|some\s+|around\s+|nearly\s+)?$",
    re.I,
)
# a bare number after these is a group of people: "a further group of 41 crossed"
_GROUP_OF = re.compile(
    r"\b(?:group|batch)\s+of\s+(?:more\s+than\s+|over\s+|about\s+|some\s+|around\s+)?$"
)  # not "the Group of 20"
# GUIDELINES: population is background, not a figure
_POPULATION_OF = re.compile(
    r"\b(?:country|nation|city|state|island|archipelago|region|province|town|capital|"
    r"(?<!refugee\s)(?<!migrant\s)population)\s+of\s+"
    r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
_HAS_PEOPLE = re.compile(
    r"\b(?:with|has|have|had|of|home\s+to)\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|"
    r"almost\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
# a bare number a clause about arrivals states: "arrivals from Asia reached an estimated 1.4
# million", "visitors from China led with around 460,000", "the number of evacuees rose to 800"
_ARRIVALS_REACH = re.compile(
    r"\b(?:arrivals|visitors|tourists|travell?ers|evacuees|returnees|pilgrims)\b[^.;:]{0,50}?\b"
    r"(?:reach(?:ed|es)?|st(?:ood|ands?)\s+at|total(?:l?ed|s)?|numbered|came\s+to|hit|"
    r"(?:rose|grew|jumped|climbed|increased|fell|dropped|declined)\s+(?:\S+\s+)?to|"
    r"led\s+with|followed\s+with|exceeded|topped|surpassed)\s+"
    r"(?:an?\s+estimated\s+|about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|just\s+over\s+|close\s+to\s+)?$",
    re.I,
)
# a bare number a flight schedule states: "increase direct flights to 50 a week"
_FLIGHTS_TO = re.compile(
    r"\bflights\b[^.;:]{0,50}?\b(?:from|to)\s+(?:about\s+|around\s+)?"
    r"(?:\d{1,3}\s+to\s+(?:about\s+|around\s+)?)?$",
    re.I,
)
_PER_WEEK = re.compile(r"\s+(?:(?:a|per|each)\s+(?:week|day)\b|weekly\b|daily\b|to\s+\d)", re.I)
_DESCENT = re.compile(r"^\s+(?:\w+\s+)?people\s+of\s+\w+\s+(?:descent|heritage)\b", re.I)
# the rest of an ordinal flight's clause when the flight is only planned or possible
_NOT_YET = re.compile(
    r"[^.;]*?\b(?:will|would|could|may|might|if|whether|consider\w*|planned|scheduled|"
    r"ruled\s+out)\b",
    re.I,
)
_PER_PERIOD = re.compile(r"\s+(?:times\s+)?(?:a|per|each)\s+(?:year|month|week|day)\b", re.I)
_WORD_SCALE = re.compile(r"\s+(?P<s>thousand|million|billion|trillion)\b(?!-)", re.I)
_WORD_PERCENT = re.compile(r"\s*(?:percent|per\s+cent|pct)\b", re.I)
_FRACTIONS = {"two thirds": 66.7, "three quarters": 75.0, "third": 33.3, "quarter": 25.0,
              "fifth": 20.0, "half": 50.0}  # fmt: skip
_FRAC = r"(?P<f>(?:a|one)[\s-](?:third|quarter|fifth)|two[\s-]thirds|three[\s-]quarters|half)"
# "about a quarter of global output", "a third of its exports": a share of an economic whole,
# in percent (not "half of the world's population", "a two-thirds majority")
_FRACTION = re.compile(
    r"(?<!\bthe\s)(?<!first\s)(?<!second\s)(?<!latter\s)\b" + _FRAC + r"\s+of\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:trade|output|gdp|econom\w*|exports?|imports?|investments?|budget|"
    r"revenues?|shipping|seafarers|supplies|production|funding|market)\b",
    re.I,
)
_ONE_SCALED = re.compile(
    r"\b(?P<one>one|a|half\s+a)\s+(?P<scale>thousand|million|billion|trillion)\b(?![\w-])", re.I
)
_SCALED = re.compile(r"\d\s*(?:thousand|million|billion|trillion|bn|mn)\b", re.I)


# "the first visit … in eight years", "after a gap of 12 years": the time since, in years
# (GUIDELINES: "eight years" is 8 years; a term's length is not labelled, so only these frames)
_YEARS_SINCE = re.compile(
    r"(?:\b(?:first|last)\b[^.;]{0,120}?\bin|\bafter\s+(?:a\s+)?(?:gap|hiatus|break|absence|"
    r"pause|freeze)\s+of)\s+(?P<q>more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|"
    r"around\s+|some\s+)?(?P<n>\d{1,3}|a|" + "|".join(_NUM_WORDS) + r")\s+(?P<u>years?|decades?)\b",
    re.I,
)


# how long a state of relations lasted: "for 20 consecutive years", "a rupture of almost six
# years", "a 12-year suspension", "after five years of negotiations" (GUIDELINES: "eight years"
# is 8 years; the training split labels every "after N years of negotiations/talks")
_YEARS_LONG = re.compile(
    r"\bfor\s+(?P<q>more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+)?"
    r"(?P<n>\d{1,3}|" + "|".join(_NUM_WORDS) + r")\s+(?:consecutive|straight)\s+(?P<u>years)\b"
    r"|\b(?:rupture|suspension|freeze|estrangement|hiatus)\s+of\s+"
    r"(?P<q3>more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+)?"
    r"(?P<n3>\d{1,3}|" + "|".join(_NUM_WORDS) + r")\s+(?P<u3>years)\b"
    r"|\b(?:an?|the)\s+(?P<n2>\d{1,3})-(?P<u2>year)\s+"
    r"(?:suspension|rupture|hiatus|gap|freeze|break|absence|estrangement|war|conflict|rift|closure)\b"
    # "after five years of negotiations", "concluding 12 years of talks": how long a deal took
    r"|\b(?:after|concluding|ending|following|capping)\s+(?P<q4>more\s+than\s+|over\s+|nearly\s+|"
    r"almost\s+|about\s+|some\s+)?(?P<n4>\d{1,2}|" + "|".join(_NUM_WORDS) + r")\s+(?P<u4>years)\s+"
    r"of\s+(?:[\w-]+\s+){0,2}?(?:negotiations?|talks)\b",
    re.I,
)


def _years_long(m: re.Match[str], ev: Evidence, period: str | None, subject: str | None) -> Figure:
    k = next(k for k in ("", "2", "3", "4") if m.group("n" + k))  # which of the four frames
    n = m.group("n" + k).lower()
    value = float(_NUM_WORDS.get(n) or n)
    qual = _qualifier(m.group("q" + k) or "") if k != "2" else None
    a, b = m.start("n" + k), m.end("u" + k)
    return Figure("duration_years", value, "years", ev, qual, period, subject, m.string[a:b])


def _years_since(m: re.Match[str], ev: Evidence, period: str | None, subject: str | None) -> Figure:
    n = m.group("n").lower()
    value = 1.0 if n == "a" else float(_NUM_WORDS.get(n) or n)
    if m.group("u").lower().startswith("decade"):
        value *= 10
    qual = _qualifier(m.group("q") or "")
    expr = m.string[m.start("n") : m.end("u")]  # "eight years"
    return Figure("years_since_last", value, "years", ev, qual, period, subject, expr)


_RANGE_TO = re.compile(
    r"\s+(?:to|and|or)\s+(?:about\s+)?\d[\d,.]*(?:\s+(?:million|billion))?", re.I
)
# "the number of phone and online talks at the top level exceeded 120"
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?P<noun>[a-z][\w\s-]{1,80}?)\s+(?:exceeded|reached|"
    r"rose\s+to|stood\s+at|hit|topped|totalled|totaled|climbed\s+to)\s+(?P<q>(?:more\s+than|over|"
    r"about|around|nearly|almost|some)\s+)?(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s+(?P<scale>thousand|million|billion))?\b(?!\s*(?:%|percent|[-–]))",
    re.I,
)
# "raise the number of scholarships from 150 to 200 a year": both ends count the noun
_NUMBER_FROM = re.compile(
    r"\bnumber\s+of\s+(?P<noun>[a-z][\w\s-]{1,80}?)\s+from\s+(?P<q>(?:about|around|some)\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?P<scale>thousand|million))?"
    r"\s+to\s+(?P<n2>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s+(?P<scale2>thousand|million))?\b"
    r"(?!\s*(?:%|percent|[-–]))",
    re.I,
)
# "the death toll from the floods climbed to 113": a toll stated at the end of its clause
_TOLL_TO = re.compile(
    r"\bdeath\s+toll\b[^.;:]{0,120}?\b(?:to|at|reached|passed|exceeded|topped|above|"
    r"surpassed)\s+(?:more\s+than\s+|over\s+|about\s+|nearly\s+|almost\s+)?$",
    re.I,
)
_CREW_OF = re.compile(r"\bcrew\s+of\s+(?:about\s+|some\s+|around\s+)?$", re.I)
# things a nationality qualifies that are not its people
_OWNED = re.compile(
    r"firms|companies|entities|products|goods|banks|vessels|projects|enterprises|brands", re.I
)
# states or delegations counted as they vote: "124 countries voted in favour"
_VOTING = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:voted(?!\s+(?:onto|into|on\s+to|to))|cast|casting|abstained|"
    r"backed|in\s+favou?r|against)\b",
    re.I,
)
_DISEASE = re.compile(
    r"covid|coronavirus|virus|infect|disease|outbreak|cholera|dengue|measles|mpox|ebola|flu\b",
    re.I,
)
# an aircraft model between a number and its noun: "two C-130 aircraft", "three Il-76 planes"
_MODEL_PLANES = re.compile(
    r"^\s+(?:Boeing\s+|Airbus\s+)?[A-Z][A-Za-z]{0,2}-?\d{2,4}[A-Z]{0,3}\s+(?:[a-z]+\s+){0,2}?"
    r"(?:aircraft|(?:air)?planes|jets|helicopters)\b"
)
_AIRLIFT = re.compile(
    r"carr(?:y|ied|ying)|loaded|aboard|deliver|relief|\baid\b|evacuat|citizens|nationals|"
    r"supplies|humanitarian|landed|flown",
    re.I,
)
# states whose own dollar a bare "$" or "dollars" means in their own releases
_DOLLAR_STATES = {"AUS": "AUD", "CAN": "CAD", "NZL": "NZD", "SGP": "SGD", "HKG": "HKD",
                  "TWN": "TWD", "FJI": "FJD"}  # fmt: skip
_NAMED_DOLLAR = re.compile(
    r"\b(?:(?P<AUD>australian)|(?P<NZD>new\s+zealand)|(?P<CAD>canadian)|(?P<SGD>singapore)|"
    r"(?P<HKD>hong\s+kong))\s+dollars?\b|(?<![A-Za-z])(?P<pre>A|NZ|C|S|HK)\$",  # not "US$"
    re.I,
)
_PREFIX_CODE = {"a": "AUD", "nz": "NZD", "c": "CAD", "s": "SGD", "hk": "HKD"}


# states whose own rupee a bare "rupees" or "Rs" means, when the sentence or the release is theirs
_RUPEE_STATES = {"NPL": "NPR", "PAK": "PKR", "LKA": "LKR", "MUS": "MUR", "SYC": "SCR"}
_RUPEE_NAMED = re.compile(
    r"\b(?:(?P<NPR>Nepal)|(?P<PKR>Pakistan)|(?P<LKR>Sri\s+Lanka)|(?P<MUR>Mauritius)|"
    r"(?P<SCR>Seychelles)|(?P<INR>India|New\s+Delhi))",
)


def _local_rupee(text: str, home: str | None) -> str | None:
    """The rupee a bare "rupees" or "Rs" means: the one state the sentence names among those
    using a rupee ("Nepal's deficit widened to 200 billion rupees" → NPR), else the speaking
    home's; None (Indian rupees) when the sentence names India or another rupee's states."""
    named = {m.lastgroup for m in _RUPEE_NAMED.finditer(text)}
    if len(named) == 1:
        return None if "INR" in named else named.pop()
    return _RUPEE_STATES.get(home or "") if not named else None


def _local_dollar(text: str, home: str | None) -> tuple[str | None, int]:
    """The dollar a bare "$" means here, and where it starts to: one the sentence names, from
    where it names it ("300 million dollars, and 80 million Canadian dollars": the first is
    USD), else the speaking home's, from the start."""
    if "$" not in text and "USD" not in text and not _may_hold(text, text.lower(), ("dollar",)):
        return _DOLLAR_STATES.get(home or ""), 0  # no dollar named: the patterns below need one
    named = _NAMED_DOLLAR.search(text)
    if named:
        pre = named.group("pre")
        return (_PREFIX_CODE[pre.lower()] if pre else named.lastgroup), named.start()
    if re.search(r"\bU\.?S\.?\s*\$|\bUS\s+dollars?\b|\bUSD\b", text):
        return None, 0  # the sentence names the US dollar: a bare one is the same
    return _DOLLAR_STATES.get(home or ""), 0  # not the subject's: "$5bn from Singapore" is USD


def _bare_dollar(n: NumberMatch, text: str) -> bool:
    """ "$5 million" or "5 million dollars", not "US$5 million" or "5 million US dollars"."""
    if n.text.startswith("$"):
        return n.start == 0 or not text[n.start - 1].isalpha()
    return bool(re.match(r"\s*dollars?\b", text[n.end :], re.I))


def _elided_unit(n: NumberMatch, text: str, currency: str | None, votes: bool) -> str | None:
    """The unit a list leaves out after its first item (GUIDELINES: every numeric mention).

    "4.2 billion dollars, the World Bank 2 billion" → USD; "Morocco received 121 votes,
    Indonesia 117" → votes. Only a bare number (no noun of its own) inherits.
    """
    unit, noun = _unit_after(text[n.end :])
    if unit is not None or noun or text[n.end : n.end + 1] == "-":
        return None  # a noun of its own, or a size inside a noun ("the 193-member Assembly")
    if currency is not None and _SCALED.search(n.text):
        return currency
    if votes and "." not in n.text and n.value >= 2:
        return "votes"
    return None


def _number_of_matches(text: str) -> list[tuple[re.Match[str], str, str]]:
    """Numbers a "number of" phrase states: "the number of talks exceeded 120"; both ends of
    "the number of scholarships from 150 to 200" (group and scale group names with the match)."""
    out = [(m, "n", "scale") for m in _NUMBER_OF.finditer(text)]
    for m in _NUMBER_FROM.finditer(text):
        out += [(m, "n", "scale"), (m, "n2", "scale2")]
    return out


def extract_figures(
    doc_id: str,
    sent_idx: int,
    start: int,
    text: str,
    skip: list[tuple[int, int]],
    period: str | None,
    subject: str | None,
    home: str | None = None,
) -> list[Figure]:
    """Figures stated in one unit; ``skip`` holds spans already used by dates.

    ``home`` is the state whose release or media the document is, when it speaks.
    """
    if not _figure_hint(text):
        return []
    ev = Evidence(doc_id, sent_idx, start, start + len(text), text)
    figs: list[Figure] = []

    low = text.rstrip().lower()
    if low.endswith((":", "as follows")):
        return figs  # a count that only introduces a list

    def add(s: int, e: int, value: float, unit: str | None, expr: str, noun_unit: bool) -> None:
        after = text[e:]
        before = text[:s]
        noun = ""
        if re.search(r"\bearning\s+(?:more\s+than|over|above)\s*$", before[-40:]):
            return  # a threshold inside a noun phrase ("30 exports earning over $1bn each"); a
            # deal "worth more than 4 billion pounds" states its own value
        if re.search(r"\b(?:one\s+of|among)\b", before[-40:]) and any(
            r.start() <= s < r.end() for r in _RANK.finditer(text)
        ):
            return  # "one of its 10 largest partners": a rank (read by _RANK), not ten countries
        if re.search(r"\b(?:one\s+of|among|group\s+of|top)\s+(?:the\s+)?$", before[-20:]) and (
            re.search(r"\b\w+est\b|\blargest\b|\bbiggest\b", after[:60])
        ):
            figs.append(Figure("rank_top", value, "rank", ev, None, period, subject, expr))
            return
        if unit is None:
            unit, noun = _unit_after(after)
            span = _RANGE_TO.match(after)
            if unit is None and not noun and span:  # "3,000 to 4,000 troops": both are troops
                unit, noun = _unit_after(after[span.end() :])
            if noun.lower() in ("countries", "states", "delegations") and (
                _VOTING.match(after[after.lower().find(noun.lower()) + len(noun) :])
                or re.search(r"\b(?:backed|supported|elected)\s+by\s+(?:\w+\s+)?$", before[-30:])
            ):
                unit = "votes"  # "124 countries voted in favour", "backed by 174 delegations"
            if noun.lower() == "abstentions" or (
                not noun and (_ABSTAINED.match(after) or (_FOR_AGAINST.match(after) and voted))
            ):
                unit = "votes"  # "35 abstentions", "11 abstained", "99 in favour, 9 against"
            if noun.lower() == "members" and _TEAM_OF.search(before):
                unit = "people"  # "a medical team of 32 members", "a delegation with 110 members"
            if unit is None and noun.lower() == "aircraft" and _AIRLIFT.search(text):
                unit = "flights"  # "two aircraft carrying relief goods": flights (GUIDELINES)
            if unit is None and noun.lower() == "cases" and _DISEASE.search(text):
                unit = "people"  # "255 cases of COVID-19": people infected
            if (
                unit is None
                and not noun
                and (_FLIGHTS_TO.search(before[-80:]) and _PER_WEEK.match(after))
            ):
                unit = "flights"  # "raise direct flights to 50 a week", "from 14 to 21 weekly"
            if unit is None and not noun and _ARRIVALS_REACH.search(before[-110:]):
                unit = "people"  # "arrivals from Asia reached an estimated 1.42 million"
            if unit is None and not noun and _AIRLIFT.search(text) and _MODEL_PLANES.match(after):
                unit = "flights"  # "two C-130 transport aircraft carrying aid"
            if (
                unit is None
                and (
                    (  # "left 47 dead and damaged 100,000 houses": the houses are no toll
                        (not noun[:1].islower() or _PERSON_NOUN.search(noun))
                        and re.search(r"\b(?:death\s+toll|toll|killed|dead)\b", before[-40:], re.I)
                    )
                    or (  # "injured about 3,900 others", "wounded nearly 1,000 in the past week"
                        noun.lower() in ("", "others", "more")
                        and re.search(
                            r"\b(?:killing|injur(?:ed|ing)|wound(?:ed|ing)|displac(?:ed|ing)|"
                            r"affect(?:ed|ing))\s+"
                            r"(?:\w+\s+){0,2}$",
                            before,
                        )
                    )
                    or _TOLL_TO.search(before)
                    or _CREW_OF.search(before)
                )
            ):
                unit = "people"  # "the death toll … climbed to 113", "its crew of 12"
            grouped = _GROUP_OF.search(before) and not (
                noun[:1].islower() or _THING.fullmatch(noun)
            )
            if unit is None and (noun.lower() == "others" or grouped):
                # "seven others", "about 100 others are waiting", "a first group of 385 landed":
                # people, unless the sentence has counted something else before
                units_before = [u for a, u in counted if a < s]
                unit, noun = (units_before[-1] if units_before else "people"), ""
            if unit is None and not noun and _BARE_TAIL.match(after):
                # "3,500 citizens from Iran and over 400 from Israel", "14 countries, up from
                # nine": a bare number after people or countries counts the same
                earlier = [(a, u) for a, u in counted if a < s]
                unit = next(
                    (u for a, u in earlier[::-1] if not _NEW_TOTAL.search(text, a, s)), None
                )
                if unit is None and not retried:
                    # a count spelled out before it is read later: "Sixteen member states were
                    # represented, 12 of them at head of state level"
                    deferred.append((s, e, value, expr))
                    return
                if unit is None and _OF_THEM.match(after):
                    unit = _antecedent_unit(before)  # "dozens of diplomats, 45 of them in March"
                since = _SINCE_TAIL.match(after) or _UP_FROM.search(before)
                if unit is None and retried and since:
                    # "21 diplomatic protests so far this year, and more than 190 since 2022",
                    # "1,200 vessels this year, up from some 800 in 2023"
                    thing = next((nn for a, nn in things[::-1] if a < s), "")
                    unit, noun = ("count", thing) if thing else (None, noun)
            if unit is None:
                if (
                    not noun
                    or not noun_unit
                    or noun.lower() in _GEOGRAPHY | _MEASURES
                    or _ETHNIC.match(after)
                ):
                    return  # GUIDELINES: geography is background ("five islets", "54 rivers")
                unit = "count"
        if unit == "people" and (
            _POPULATION_OF.search(before)
            or _DESCENT.match(after)
            or re.search(r"\bpopulous\b[^.;]*$", before[-60:], re.I)
            or (noun.lower() in ("residents", "inhabitants") and _HAS_PEOPLE.search(before))
        ):
            return  # demography: "a country of 1.4 million people", "people of Indian descent",
            # "the most populous nation, with 120 million people", "with about 12,500 residents"
        qual = _qualifier(text[:s][-25:])
        if unit in ("people", "countries"):
            counted.append((s, unit))
        elif unit == "count" and noun:
            things.append((s, noun))
        figs.append(
            Figure(
                indicator=_indicator(unit, noun, text),
                value=value,
                unit=unit,
                evidence=ev,
                qualifier=qual,
                period=period,
                subject=subject,
                text=expr,
            )
        )

    counted: list[tuple[int, str]] = []  # where people or countries were counted, for a bare number
    deferred: list[tuple[int, int, float, str]] = []  # bare numbers to read again at the end
    things: list[tuple[int, str]] = []  # where things were counted, for "… and 190 since 2022"
    retried = False
    currency: str | None = None  # the sentence's last currency, for "…, the World Bank 2 billion"
    votes = _may_hold(text, low, ("votes",)) and bool(_VOTES_STATED.search(text))
    voted = _may_hold(text, low, ("vot", "resolution", "ballot")) and bool(_VOTED.search(text))
    dollar, dollar_from = _local_dollar(text, home)
    for n in find_numbers(text, skip):
        if n.text == "1":
            continue  # a lone one is read below, with its singular noun
        unit = n.unit or _elided_unit(n, text, currency, votes)
        if unit == "USD" and dollar and n.start >= dollar_from and _bare_dollar(n, text):
            unit = dollar
        if unit == "INR" and (n.text.startswith("Rs") or re.match(r"\s*rupees?\b", text[n.end :])):
            unit = _local_rupee(text, home) or unit  # "Rs 500 billion" in Pakistan's news
        add(n.start, n.end, n.value, unit, n.text, True)
        if unit in _CURRENCIES:
            currency = unit
            if figs and figs[-1].text == n.text and _EACH.match(text, n.end):
                # "100,000 USD each to Türkiye and Syria": one record per recipient
                figs.append(figs[-1])
    # "one billion euros", "more than a million people", "half a million": a spelled-out one
    for m in _ONE_SCALED.finditer(text) if ("illion" in low or "thousand" in low) else ():
        thousand = m.group("scale").lower() == "thousand"
        if thousand and _unit_after(text[m.end() :])[0] not in ("people", "tons"):
            continue  # "a thousand people", not "a thousand thanks"
        if not any(a <= m.start() < b for a, b in skip):
            value = _SCALE[m.group("scale").lower()]
            value *= 0.5 if m.group("one").lower().startswith("half") else 1
            add(m.start(), m.end(), value, _currency_after(text[m.end() :]), m.group(0), True)
    # "bringing the number of FTAs in force to 17", "taking the total to seven"
    totals = _may_hold(text, low, ("total", "tally", "number"))
    for m in (*_TOTAL_TO.finditer(text), *_TOTAL_FIRST.finditer(text)) if totals else ():
        raw = m.group("n").lower()
        value = float(_NUM_WORDS.get(raw) or raw.replace(",", ""))
        noun = _total_noun(m.group("rest"))
        unit = next((u for rx, u in _UNIT_RX if noun and rx.fullmatch(noun)), None)
        if unit is None and noun in _people_demonyms():
            unit = "people"  # "the number of Indonesians evacuated … to 97"
        if unit is None and noun in ("partnerships", "partners"):
            unit = "countries"  # "bringing the number of such partnerships to eight"
        if (
            unit is None
            and not noun
            and re.search(r"repatriat|evacuat|brought\s+(?:home|out)|flown\s+out|airlifted", low)
        ):
            unit = "people"  # "bringing the total number repatriated to 55"
        unit = unit or ("countries" if re.search(r"partner|countr|member|state", low) and
                        not noun else "count")  # fmt: skip
        if any(f.value == value and f.text == m.group("n") for f in figs):
            continue
        qual = _qualifier(text[: m.start("n")][-25:])
        figs.append(Figure(f"{noun or 'total'}_count" if unit == "count" else f"{unit}_count",
                           value, unit, ev, qual, period, subject, m.group("n")))  # fmt: skip
    for m, grp, scale in _number_of_matches(text) if "number of" in low else ():
        value = float(m.group(grp).replace(",", ""))  # "topped 8.8 million": 8,800,000
        value *= _SCALE.get((m.group(scale) or "").lower(), 1)
        if any(f.value == value for f in figs):
            continue  # already read with its own noun
        named = m.group("noun").split()
        nouns = [w.lower() for w in named]
        noun = next((w for w in nouns if w.endswith("s") and w not in _NOT_NOUNS), nouns[-1])
        unit = next((u for rx, u in _UNIT_RX if rx.fullmatch(noun)), "count")
        if named[0] in _people_demonyms():
            unit, noun = "people", nouns[0]  # "the number of Vietnamese in Japan exceeded …"
        indicator = f"{noun}_count" if unit == "count" else f"{unit}_count"
        qual = _qualifier(m.group("q") or "")
        figs.append(Figure(indicator, value, unit, ev, qual, period, subject, m.group(grp)))
    has_words = any(w in low for w in _WORD_KEYS)
    for m in _WORD_NUMBER.finditer(text) if has_words else ():
        w = m.group("word").lower()
        if any(a <= m.start() < b for a, b in skip):
            continue
        # "the three pillars" is no figure, "all nine people on board" is (read at its noun)
        determined = w != "twice" and re.search(
            r"\b(?:the|these|those|both|all|its|their|our)\s+$", text[: m.start()], re.I
        )
        if determined and w == "two":
            continue  # "the two sides", "both two countries"
        if re.search(r"\bGroup\s+of\s+$", text[: m.start()]):
            continue  # "the Group of Seven" is a name
        if _PER_PERIOD.match(text, m.end()):
            continue  # "meets twice a year", "three times a year": a rate, no count
        if w == "twice":
            figs.append(Figure("count", 2, "count", ev, None, period, subject, m.group(0)))
            continue
        before = text[: m.start()]
        value, end = _word_value(w), m.end()
        if w in ("hundred", "dozen"):
            if _VAGUE.search(before) or re.search(rf"\b(?:{_WORD_ALT})\s+$", before, re.I):
                continue  # "several hundred people"; "two dozen" is read at "two"
            if w == "dozen" and re.search(r"\bhalf\s+an?\s+$", before, re.I):
                value = 6.0  # "half a dozen"
        else:
            scaled = re.match(r"\s+(?P<s>hundred|dozen)\b", text[end:], re.I)
            if scaled:  # "two dozen villages", "three hundred troops"
                value *= 100 if scaled.group("s").lower() == "hundred" else 12
                end += scaled.end()
        big = _WORD_SCALE.match(text, end)
        if big:  # "three million people", "two billion dollars"
            value *= _SCALE[big.group("s").lower()]
            end = big.end()
        after = text[end:]
        word_money, word_pct = _currency_after(after) if big else None, _WORD_PERCENT.match(after)
        if word_money or word_pct:
            # "two billion dollars", "five per cent": the amount's own unit
            end += word_pct.end() if word_pct and not word_money else 0
            add(m.start(), end, value, word_money or "percent", text[m.start() : end], True)
            continue
        if re.match(r"\s+of\s+them\b", after, re.I):
            # "18 soldiers were injured, six of them losing limbs": a part of an earlier count
            earlier = [u for a, u in counted if a < m.start()]
            if earlier and not re.match(r"\s+of\s+them\s+(?:is|was|has|had)\b", after, re.I):
                add(m.start(), end, value, earlier[-1], text[m.start() : end], True)
            continue
        ratio = _OUT_OF.match(after)
        if ratio and _unit_after(after[ratio.end() :]) != (None, ""):
            # "the final two of 12 guard boats", "two of the 15 seats": the denominator's noun
            add(m.start(), end + ratio.end(), value, None, text[m.start() : end], True)
            continue
        if _EXCLUDE_AFTER.match(after) or re.match(
            r"^\s*(?:sides?|parties|leaders|largest|biggest)\b", after, re.I
        ):
            continue
        unit, noun = _unit_after(after)
        if determined and (unit != "people" or _OFFICE.fullmatch(noun)):
            continue  # "the three pillars", "the four ministers"; "the four Filipino sailors"
        if re.match(r"\s*of\s+(?:the|its|their|his|her)\b", after, re.I) and unit not in (
            "people",
            "countries",
        ):
            continue  # "two of the three", "four of the agreements"; "four of the fishermen" counts
        if unit is None and noun.lower() in _ABSTRACT:
            continue  # "two very important issues", "three pillars": not a measured count
        bare = unit is None and not noun and _BARE_TAIL.match(after)
        # "at least 97 votes in the Assembly and eight in the council"; "with 14 countries, up
        # from nine" (a spelled-out number takes an earlier unit only in these two frames)
        elided = bare and (votes or re.search(r"\b(?:up|down)\s+from\s+$", text[: m.start()]))
        if (
            unit is None
            and not noun
            and not elided
            and not _CREW_OF.search(text[: m.start()])
            and not re.match(
                r"^\s*(?:new\s+|more\s+|other\s+)?(?:[\w-]+\s+){0,3}?(?:flights|calls|visits|"
                r"agreements|documents|teams|rounds|packages|seats|sites|projects|initiatives|"
                r"meetings|summits|conferences|resolutions|titles|delegations|ships|planes|"
                r"aircraft)\b",
                after,
                re.I,
            )
        ):
            continue
        word_unit = "votes" if elided and votes else None
        add(m.start(), end, value, word_unit, text[m.start() : end], True)
    # "four individuals and one entity", "killing one soldier": a lone one counts in a list of
    # counts or a casualty report (elsewhere "one" is mostly no figure: "one of", "one official")
    for m in _ONE.finditer(text) if ("one" in low or "1" in text) else ():
        start, before = m.start(), text[: m.start()]
        if any(a <= start < b for a, b in skip) or _ONE_NOT.search(before):
            continue
        listed = (
            _ONE_LISTED.search(before)
            and (_DIGIT.search(before) or re.search(rf"\b(?:{_WORD_ALT})\b", before, re.I))
        ) or re.match(rf"\s+(?:[\w-]+\s+){{1,2}}?and\s+(?:\d|(?:{_WORD_ALT})\b)", text[m.end() :])
        hurt = _ONE_HURT.search(text[max(0, start - 25) : m.end() + 60])
        unit = _singular_unit(text[m.end() :])
        if unit and (listed or hurt):
            add(start, m.end(), 1.0, unit, m.group(0), False)
    for m in _FRACTION.finditer(text) if " of " in low else ():
        # "about a quarter of global output": a share, in percent
        f = " ".join(m.group("f").lower().replace("-", " ").split())
        value = next(v for k, v in _FRACTIONS.items() if f.endswith(k))
        qual = _qualifier(text[: m.start("f")][-25:])
        figs.append(Figure("share", value, "percent", ev, qual, period, subject, m.group("f")))
    retried = True
    for m in _TALLY.finditer(text) if voted else ():
        for g in ("a", "b", "c"):
            if m.group(g) and not any(f.unit == "votes" and f.text == m.group(g) for f in figs):
                figs.append(Figure("votes", float(m.group(g)), "votes", ev, None, period, subject,
                                   m.group(g)))  # fmt: skip
    for m in _NONE_AGAINST.finditer(text) if "none" in low or "no one" in low else ():
        figs.append(Figure("votes_against", 0.0, "votes", ev, None, period, subject, m.group(0)))
    for at, end_at, bare_value, bare_expr in deferred:
        add(at, end_at, bare_value, None, bare_expr, True)
    for m in _YEARS_SINCE.finditer(text) if ("year" in low or "decade" in low) else ():
        figs.append(_years_since(m, ev, period, subject))
    for m in _YEARS_LONG.finditer(text) if "year" in low else ():
        long = _years_long(m, ev, period, subject)
        if not any(f.unit == "years" and f.value == long.value for f in figs):
            # "for 20 consecutive years" is a duration, not a count of years
            figs = [f for f in figs if not (f.unit == "count" and f.value == long.value)]
            figs.append(long)
    for m in _RANK.finditer(text) if _may_hold(text, low, _RANK_NOUNS) else ():
        o = (m.group("ord") or m.group("among") or "").lower()
        if not o and _ONE_OF.search(text[: m.start()]):
            continue  # "one of Cambodia's largest partners" states no rank
        if (
            m.group("adj")
            and m.group("adj").lower() not in ("largest", "biggest")
            and (o or m.group(0).lower().endswith("s"))
        ):
            continue  # "its main trading partners", "the fifth leading investor" rank nothing
        if not m.group("adj") and not m.group("ord") and not m.group("no"):
            continue  # "the trading partner": no rank word
        o = o or (m.group("no") or "").lower().replace("one", "1")
        value = _ORDINALS.get(o) or _NUM_WORDS.get(o) or (int(re.sub(r"\D", "", o)) if o else 1)
        figs.append(Figure("partner_rank", value, "rank", ev, None, period, subject, m.group(0)))
    # _RANK_ELIDED needs "largest" or "biggest", _RANK_VERB one of its verbs
    ranked = _may_hold(text, low, ("largest", "biggest")) and _RANK_CUE.search(text)
    verbs = _may_hold(text, low, ("rank", "finish", "plac", "came"))
    for m in (
        *(_RANK_VERB.finditer(text) if verbs else ()),
        *(_RANK_ELIDED.finditer(text) if ranked else ()),
    ):
        o = m.group("ord").lower()
        value = _ORDINALS.get(o) or int(re.sub(r"\D", "", o))
        if not any(f.unit == "rank" and f.value == value for f in figs):
            figs.append(Figure("rank", value, "rank", ev, None, period, subject, m.group(0)))
    ordinal = not text.isascii() or any(w in low for w in _ORDINALS) or _ORD_DIGITS.search(low)
    for m in _ORDINAL_COUNT.finditer(text) if ordinal else ():
        o = m.group("ord").lower()
        value = _ORDINALS.get(o) or int(re.sub(r"\D", "", o))
        what = m.group("what").lower()
        if value < 2:
            continue  # "for the first time", "his first visit abroad": no count (see _ONE_OF)
        if _NOT_A_COUNT.search(m.group(0)):
            continue  # "16th largest trading partner" is a rank, "80th anniversary" a date
        if what in ("aircraft", "plane") and not _AIRLIFT.search(text):
            continue  # only an airlift's planes are flights ("the tenth aircraft carrying aid")
        if what in ("flight", "aircraft", "plane") and _NOT_YET.match(text, m.end()):
            continue  # "a third flight is being considered": not flown yet
        if what == "round" and _VOTE_CUE.search(text) and not re.match(r"\s+of\b", text[m.end() :]):
            continue  # "won in the third round": a ballot's round is no count
        if (
            what == "country"
            and re.match(r"third\b", o)
            and (
                text[: m.start()].lower().endswith(("a ", "to "))
                or m.group(0).lower().endswith("s")
            )
        ):
            continue  # "relocated to a third country", "re-export to third countries"
        unit, indicator = _ordinal_unit(what, text[m.end() :][:30], m.group(0).lower())
        figs.append(Figure(indicator, value, unit, ev, None, period, subject, m.group(0)))
    for m in _ORDINAL_AFTER.finditer(text) if (" such " in low or "visit" in low) else ():
        o = (m.group("ord") or m.group("ord2")).lower()
        value = _ORDINALS.get(o) or int(re.sub(r"\D", "", o))
        what = (m.group("what") or m.group("such")).lower()
        if value < 2 or any(f.value == value and f.unit in ("count", "flights") for f in figs):
            continue
        unit, indicator = _ordinal_unit(what.rstrip("s"), text[m.end() :][:30], what)
        indicator = indicator if indicator != "count" else f"{what}_count"
        figs.append(Figure(indicator, value, unit, ev, None, period, subject, m.group(0)))
    return figs
