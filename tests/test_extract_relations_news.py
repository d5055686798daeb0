"""Relations on invented sentences in the style of wire copy, state media and ministry releases.

Each row gives the relations GUIDELINES (Relations) asks for, as (a, b, level) with the pair in
either order: other states' named frameworks in lower case and in full, the home's (Vietnam's)
variants normalised to the tier, establishments, cuts and anniversaries of ties as diplomatic
relations, and nothing for intentions, counts, company deals and unnamed tiers.
"""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.extract.relations import framework_level
from diplograph.models import Document

CSP = "comprehensive strategic partnership"
SP = "strategic partnership"
CP = "comprehensive partnership"
DR = "diplomatic relations"
SR = "special relationship"

Key = tuple[str, str, str]


def _keys(text: str) -> set[Key]:
    """The (pair, level) keys the scorer compares, with the level worded as on output."""
    doc = Document(id="t", text=text, published="2024-03-07", title=None)
    out: set[Key] = set()
    for r in extract(doc).relations:
        level = framework_level(r.evidence.text, r.level, r.a, r.b)
        lo, hi = sorted((r.a, r.b))
        out.add((lo, hi, level))
    return out


def _norm(keys: set[Key]) -> set[Key]:
    return {(*sorted((a, b)), level) for a, b, level in keys}  # type: ignore[misc]


CASES: list[tuple[str, set[Key]]] = [
    # -- other states' named frameworks: lower case, in full
    (
        "Chinese President Xi Jinping and Russian President Vladimir Putin on Thursday hailed "
        "the China-Russia comprehensive strategic partnership of coordination for a new era.",
        {("CHN", "RUS", "comprehensive strategic partnership of coordination for a new era")},
    ),
    (
        "China and Russia's comprehensive strategic partnership of coordination for a new era "
        "is at its best in history, Wang Yi said.",
        {("CHN", "RUS", "comprehensive strategic partnership of coordination for a new era")},
    ),
    (
        "Beijing and Islamabad reaffirmed their all-weather strategic cooperative partnership "
        "during talks in the Chinese capital.",
        {("CHN", "PAK", "all-weather strategic cooperative partnership")},
    ),
    (
        "The China-Pakistan All-Weather Strategic Cooperative Partnership is unbreakable, "
        "Sharif said.",
        {("CHN", "PAK", "all-weather strategic cooperative partnership")},
    ),
    (
        "Prime Minister Narendra Modi and Japanese Prime Minister Shigeru Ishiba reviewed the "
        "India-Japan Special Strategic and Global Partnership.",
        {("IND", "JPN", "special strategic and global partnership")},
    ),
    (
        "The India-US Comprehensive Global Strategic Partnership has grown stronger, the White "
        "House said.",
        {("IND", "USA", "comprehensive global strategic partnership")},
    ),
    (
        "India and Russia share a special and privileged strategic partnership, the Kremlin said.",
        {("IND", "RUS", "special and privileged strategic partnership")},
    ),
    (
        "Japan and Australia have been special strategic partners since 2014.",
        {("AUS", "JPN", "special strategic partnership")},
    ),
    (
        "The Japan-Australia Special Strategic Partnership underpins regional security, "
        "officials said.",
        {("AUS", "JPN", "special strategic partnership")},
    ),
    (
        "Malaysia and India upgraded their ties to an Enhanced Strategic Partnership in 2015.",
        {("IND", "MYS", "enhanced strategic partnership")},
    ),
    (
        "China and Nepal pledged to advance their Strategic Partnership of Cooperation "
        "Featuring Ever-lasting Friendship for Development and Prosperity.",
        {
            (
                "CHN",
                "NPL",
                "strategic partnership of cooperation featuring ever-lasting friendship for "
                "development and prosperity",
            )
        },
    ),
    (
        "Seoul and Beijing agreed to develop their strategic cooperative partnership in a "
        "healthy direction.",
        {("CHN", "KOR", "strategic cooperative partnership")},
    ),
    (
        "The United Kingdom and Japan launched a global strategic partnership in 2012.",
        {("GBR", "JPN", "global strategic partnership")},
    ),
    (
        "Ethiopia and China elevated their ties to an all-weather strategic partnership in 2023.",
        {("CHN", "ETH", "all-weather strategic partnership")},
    ),
    (
        "Russia and North Korea signed a treaty on comprehensive strategic partnership in June "
        "2024.",
        {("PRK", "RUS", CSP)},
    ),
    (
        "Tokyo and Jakarta marked a year of their Comprehensive Strategic Partnership for Peace "
        "and Prosperity.",
        {("IDN", "JPN", "comprehensive strategic partnership for peace and prosperity")},
    ),
    # -- the home's variants are normalised to the tier
    (
        "Vietnam and Japan elevated their relations to a Comprehensive Strategic Partnership for "
        "Peace and Prosperity in Asia and the World in November 2023.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "Viet Nam and China pledged to deepen their comprehensive strategic cooperative "
        "partnership.",
        {("CHN", "VNM", CSP)},
    ),
    # -- upgrades: active, passive, possessive, list
    (
        "Indonesia and Brazil elevated their relations to a strategic partnership in 2008.",
        {("BRA", "IDN", SP)},
    ),
    (
        "Ties between Saudi Arabia and India were elevated to a strategic partnership in 2010.",
        {("IND", "SAU", SP)},
    ),
    (
        "The relationship between Australia and Indonesia was upgraded to a comprehensive "
        "strategic partnership in 2018.",
        {("AUS", "IDN", CSP)},
    ),
    (
        "New Zealand's relationship with ASEAN was elevated to a comprehensive strategic "
        "partnership in 2024.",
        {("ASEAN", "NZL", CSP)},
    ),
    (
        "Vietnam upgraded ties with the United States to a comprehensive strategic partnership "
        "in September 2023.",
        {("USA", "VNM", CSP)},
    ),
    (
        "Indonesia raised its relations with Japan to a comprehensive strategic partnership in "
        "2023.",
        {("IDN", "JPN", CSP)},
    ),
    (
        "President Lula and Prime Minister Anwar agreed to elevate Brazil-Malaysia ties to a "
        "strategic partnership.",
        {("BRA", "MYS", SP)},
    ),
    (
        "KUALA LUMPUR - Malaysia and South Korea on Tuesday upgraded bilateral ties to a "
        "strategic partnership.",
        {("KOR", "MYS", SP)},
    ),
    (
        "Mexico and Canada agreed to upgrade their ties to a comprehensive strategic "
        "partnership, the two leaders said.",
        {("CAN", "MEX", CSP)},
    ),
    (
        "The European Union and Japan upgraded their relationship to a strategic partnership "
        "in 2019.",
        {("EU", "JPN", SP)},
    ),
    (
        "South Korea and Poland upgraded their relations from a strategic partnership to a "
        "comprehensive strategic partnership in 2022.",
        {("KOR", "POL", CSP), ("KOR", "POL", SP)},
    ),
    (
        "Angola and China established a strategic partnership in 2010 and raised it to a "
        "comprehensive strategic cooperative partnership in 2024.",
        {("AGO", "CHN", SP), ("AGO", "CHN", "comprehensive strategic cooperative partnership")},
    ),
    # -- ordinal counts
    (
        "Malaysia became Vietnam's ninth comprehensive strategic partner in November 2024.",
        {("MYS", "VNM", CSP)},
    ),
    (
        "Australia was the first country to upgrade its relations with ASEAN to a "
        "comprehensive strategic partnership.",
        {("ASEAN", "AUS", CSP)},
    ),
    # -- status in passing: possessives, appositives, hyphenated pairs, quotes
    (
        "Vietnam's comprehensive strategic partner Japan pledged new loans on Monday.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "Japan, Vietnam's comprehensive strategic partner, remains its largest aid donor.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "Chile, a strategic partner of Mexico since 2006, hosted the talks.",
        {("CHL", "MEX", SP)},
    ),
    (
        "Brazil and China, comprehensive strategic partners since 2012, signed 20 agreements.",
        {("BRA", "CHN", CSP)},
    ),
    (
        "Saudi Arabia and China have been comprehensive strategic partners since 2016.",
        {("CHN", "SAU", CSP)},
    ),
    (
        "Oman and India, strategic partners since 2008, held a joint commission in Muscat.",
        {("IND", "OMN", SP)},
    ),
    (
        "The Philippines and Vietnam, strategic partners since 2015, signed a rice deal.",
        {("PHL", "VNM", SP)},
    ),
    (
        "The two leaders reviewed the India-Australia Comprehensive Strategic Partnership.",
        {("AUS", "IND", CSP)},
    ),
    (
        "The Indonesia-Brazil strategic partnership turned 16 this year.",
        {("BRA", "IDN", SP)},
    ),
    (
        "The UAE and India, which share a comprehensive strategic partnership, signed a "
        "trade pact.",
        {("ARE", "IND", CSP)},
    ),
    (
        "Egypt and Saudi Arabia enjoy a strategic partnership, Cairo said.",
        {("EGY", "SAU", SP)},
    ),
    (
        "Argentina and Brazil have a strategic partnership that dates back to 1997.",
        {("ARG", "BRA", SP)},
    ),
    (
        '"Brazil is a strategic partner of Indonesia," Prabowo told reporters.',
        {("BRA", "IDN", SP)},
    ),
    (
        "JAKARTA, March 3 (Antara) - Indonesia and Japan on Monday agreed to strengthen their "
        "comprehensive strategic partnership.",
        {("IDN", "JPN", CSP)},
    ),
    (
        "Laos and Vietnam celebrated their special relationship at a ceremony on Tuesday.",
        {("LAO", "VNM", SR)},
    ),
    # -- lists
    (
        "Australia has comprehensive strategic partnerships with Indonesia, Malaysia and "
        "Singapore.",
        {("AUS", "IDN", CSP), ("AUS", "MYS", CSP), ("AUS", "SGP", CSP)},
    ),
    (
        "Vietnam has established comprehensive strategic partnerships with China, Russia, "
        "India and South Korea.",
        {("CHN", "VNM", CSP), ("RUS", "VNM", CSP), ("IND", "VNM", CSP), ("KOR", "VNM", CSP)},
    ),
    (
        "Ghana and Nigeria both maintain diplomatic relations with Cuba.",
        {("CUB", "GHA", DR), ("CUB", "NGA", DR)},
    ),
    # -- diplomatic relations: establishment, restoration, cuts, anniversaries
    (
        "Kenya and Ghana established diplomatic relations in 1960.",
        {("GHA", "KEN", DR)},
    ),
    (
        "Saudi Arabia and Iran agreed to restore diplomatic relations under a deal brokered "
        "by China.",
        {("IRN", "SAU", DR)},
    ),
    (
        "Honduras established diplomatic relations with China on Sunday, cutting ties with Taiwan.",
        {("CHN", "HND", DR), ("HND", "TWN", DR)},
    ),
    (
        "Since the two countries established diplomatic ties in 1992, China and South Korea "
        "have expanded trade sharply.",
        {("CHN", "KOR", DR)},
    ),
    (
        "Cuba was the first country in the Western Hemisphere to establish diplomatic "
        "relations with Vietnam, in 1960.",
        {("CUB", "VNM", DR)},
    ),
    (
        "Qatar and the United Arab Emirates restored diplomatic ties in 2023.",
        {("ARE", "QAT", DR)},
    ),
    (
        "Bahrain and Israel established full diplomatic relations in 2020.",
        {("BHR", "ISR", DR)},
    ),
    (
        "Nicaragua broke off diplomatic relations with the Netherlands on Sunday.",
        {("NIC", "NLD", DR)},
    ),
    (
        "Nigeria and South Africa have maintained diplomatic relations since 1994.",
        {("NGA", "ZAF", DR)},
    ),
    (
        "Vietnam and Thailand marked the 50th anniversary of diplomatic relations this year.",
        {("THA", "VNM", DR)},
    ),
    (
        "This year marks the 30th anniversary of diplomatic ties between South Korea and Vietnam.",
        {("KOR", "VNM", DR)},
    ),
    (
        "Kazakhstan and China celebrated 30 years of diplomatic relations in 2022.",
        {("CHN", "KAZ", DR)},
    ),
    # -- more real-news shapes: capitals, demonyms, relative clauses, the two sides
    (
        "Hanoi and Tokyo elevated their ties to a comprehensive strategic partnership in "
        "November 2023.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "The Vietnamese and Indonesian leaders agreed to upgrade bilateral ties to a "
        "comprehensive strategic partnership.",
        {("IDN", "VNM", CSP)},
    ),
    (
        "Malaysia and Vietnam, which elevated ties to a comprehensive strategic partnership in "
        "November, signed five deals on Friday.",
        {("MYS", "VNM", CSP)},
    ),
    (
        "The Comprehensive Strategic Partnership between Vietnam and Indonesia was established "
        "in March 2025.",
        {("IDN", "VNM", CSP)},
    ),
    (
        "The Viet Nam - Australia Comprehensive Strategic Partnership has developed strongly.",
        {("AUS", "VNM", CSP)},
    ),
    ("China is Vietnam's first comprehensive strategic partner.", {("CHN", "VNM", CSP)}),
    (
        "Prime Minister Pham Minh Chinh held talks with his Malaysian counterpart Anwar Ibrahim "
        "in Kuala Lumpur on Monday. The two sides agreed to elevate bilateral ties to a "
        "comprehensive strategic partnership.",
        {("MYS", "VNM", CSP)},
    ),
    (
        "Speaking at the ceremony, the ambassador said relations between Vietnam and France had "
        "been elevated to a comprehensive strategic partnership in October 2024.",
        {("FRA", "VNM", CSP)},
    ),
    (
        "Thailand and Cambodia marked the 10th anniversary of their strategic partnership on "
        "Sunday.",
        {("KHM", "THA", SP)},
    ),
    (
        "Indonesia's ties with Australia, a comprehensive strategic partner since 2018, have "
        "deepened.",
        {("AUS", "IDN", CSP)},
    ),
    (
        "Kenya and Uganda, which upgraded ties to a strategic partnership last year, agreed on "
        "Friday to build a pipeline.",
        {("KEN", "UGA", SP)},
    ),
    (
        "The EU and Japan, strategic partners, signed an economic partnership agreement.",
        {("EU", "JPN", SP)},
    ),
    (
        "India and the UAE elevated their ties to a comprehensive strategic partnership in 2017, "
        "two years after Modi's first visit to Abu Dhabi.",
        {("ARE", "IND", CSP)},
    ),
    (
        "France and India celebrated 25 years of their strategic partnership in 2023.",
        {("FRA", "IND", SP)},
    ),
    (
        "Vietnam and Singapore upgraded ties to a comprehensive strategic partnership in March, "
        "while Vietnam and Malaysia did so in November.",
        {("SGP", "VNM", CSP), ("MYS", "VNM", CSP)},
    ),
    (
        "Vietnam and Italy set up diplomatic ties in 1973 and upgraded them to a strategic "
        "partnership in 2013.",
        {("ITA", "VNM", DR), ("ITA", "VNM", SP)},
    ),
    (
        "Bangladesh and Bhutan, which forged diplomatic ties in 1971, signed a transit deal.",
        {("BGD", "BTN", DR)},
    ),
    (
        "Indian Prime Minister Narendra Modi and US President Donald Trump vowed to expand the "
        "India-US Comprehensive Global Strategic Partnership.",
        {("IND", "USA", "comprehensive global strategic partnership")},
    ),
    (
        "The Philippines and Japan, which upgraded ties to a strategic partnership in 2011, "
        "signed a reciprocal access agreement.",
        {("JPN", "PHL", SP)},
    ),
    (
        "Saudi Arabia severed diplomatic ties with Iran in 2016 before the two restored them "
        "in 2023.",
        {("IRN", "SAU", DR)},
    ),
    (
        "Chad and Israel restored diplomatic relations in 2019, 47 years after they were cut.",
        {("ISR", "TCD", DR)},
    ),
    (
        "South Africa and China will celebrate 25 years of diplomatic relations next year.",
        {("CHN", "ZAF", DR)},
    ),
    ("Vietnam has diplomatic relations with 194 countries.", set()),
    ("Brazil and Mexico do not have a strategic partnership.", set()),
    (
        "Japan's foreign minister said Tokyo hoped to lift ties with Canberra to a new level.",
        set(),
    ),
    # -- frameworks named as partners, owners and subjects further off, abbreviations
    (
        "Xi said China and Pakistan are all-weather strategic cooperative partners and ironclad "
        "friends.",
        {("CHN", "PAK", "all-weather strategic cooperative partnership")},
    ),
    (
        "India and Japan are special strategic and global partners, Modi said.",
        {("IND", "JPN", "special strategic and global partnership")},
    ),
    (
        "Egypt has a comprehensive strategic partnership with the EU, signed in March 2024, and "
        "strategic partnerships with Spain and Greece.",
        {("EGY", "EU", CSP), ("EGY", "ESP", SP), ("EGY", "GRC", SP)},
    ),
    (
        "The Philippines, a treaty ally of the United States, has been a strategic partner of "
        "Japan since 2011.",
        {("JPN", "PHL", SP)},
    ),
    (
        "Kenya had a busy year, raising ties with Ghana and Peru to a strategic partnership and "
        "adding comprehensive partnerships with Chile and Mexico.",
        {("GHA", "KEN", SP), ("KEN", "PER", SP), ("CHL", "KEN", CP), ("KEN", "MEX", CP)},
    ),
    (
        "They marked the first anniversary of the U.S.-Vietnam Comprehensive Strategic "
        "Partnership.",
        {("USA", "VNM", CSP)},
    ),
    (
        "Russian President Vladimir Putin and his Iranian counterpart Masoud Pezeshkian signed a "
        "treaty on comprehensive strategic partnership as the war in Ukraine went on.",
        {("IRN", "RUS", CSP)},
    ),
    # -- nothing: intentions, counts, companies, unnamed tiers, trading partners
    ("India and Cyprus plan to upgrade ties to a strategic partnership next year.", set()),
    (
        "Officials said Kenya and Ghana could consider a comprehensive partnership in future.",
        set(),
    ),
    ("Thailand has strategic partnerships with 12 countries.", set()),
    (
        "Egypt and Spain discussed a possible upgrade of ties to a comprehensive strategic "
        "partnership.",
        set(),
    ),
    (
        "The president is expected to elevate relations with Brazil to a strategic "
        "partnership during the visit.",
        set(),
    ),
    ("Greece and the UAE are set to sign a strategic partnership pact in March.", set()),
    ("Toyota and Samsung, the two firms, signed a strategic partnership.", set()),
    ("Vietnam values its great friendship and special solidarity with Cuba.", set()),
    (
        "Trade between China and Brazil, its largest trading partner in Latin America, rose 10%.",
        set(),
    ),
    ("Vietnam is a strategic partner for U.S. chipmakers seeking to diversify supply.", set()),
    (
        "Japan and Vietnam signed a memorandum on a strategic partnership in semiconductors.",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_relations_news_phrasing(text: str, expected: set[Key]) -> None:
    assert _keys(text) == _norm(expected)


def test_relations_news_establishment_beats_an_earlier_anniversary() -> None:
    text = (
        "China and Vietnam marked the 75th anniversary of the establishment of diplomatic "
        "relations on Saturday. The two countries established diplomatic ties on January 18, 1950."
    )
    doc = Document(id="t", text=text, published="2025-01-20", title=None)
    (r,) = extract(doc).relations
    assert r.evidence.text.startswith("The two countries established")
