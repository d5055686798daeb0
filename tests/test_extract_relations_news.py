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
    # -- real-news families (written anew from the pages in corpus/sources/rules-relations.txt):
    # the pair across sentences or clauses, "X, a partner of Y", passive and participial
    # set-ups, "to Y from X" and skipped rungs, frameworks' tails, ASEAN as a side, switches of
    # recognition, and proposals that are not upgrades
    (
        "Vietnamese Prime Minister Pham Minh Chinh hosted his Thai counterpart in Hanoi on "
        "Friday. The two sides lifted their ties to the comprehensive strategic partnership "
        "level.",
        {("THA", "VNM", CSP)},
    ),
    (
        "Kazakhstan's president arrived in Beijing on Monday for a state visit. During the "
        "talks, the two heads of state lifted bilateral ties to a comprehensive strategic "
        "partnership.",
        {("CHN", "KAZ", CSP)},
    ),
    (
        "Pakistan and China set up diplomatic relations in May 1951. Over the decades, the "
        "relationship has grown into an all-weather strategic cooperative partnership.",
        {("CHN", "PAK", "all-weather strategic cooperative partnership"), ("CHN", "PAK", DR)},
    ),
    (
        "Trade with Japan, a comprehensive strategic partner of Vietnam since 2023, rose 5% "
        "last year.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "India, a special and privileged strategic partner of Russia, bought more oil in May.",
        {("IND", "RUS", "special and privileged strategic partnership")},
    ),
    (
        "Ties between Hanoi and Canberra were lifted to a comprehensive strategic partnership"
        " in March 2024.",
        {("AUS", "VNM", CSP)},
    ),
    (
        "Vietnam and Italy celebrate 50 years of diplomatic relations this year.",
        {("ITA", "VNM", DR)},
    ),
    (
        "Greece this week marked 50 years since diplomatic relations with Albania were restored.",
        {("ALB", "GRC", DR)},
    ),
    (
        "Romania's foreign ministry hailed the 60th anniversary of the establishment of "
        "diplomatic relations between Romania and Tunisia.",
        {("ROU", "TUN", DR)},
    ),
    (
        "Russia & Guinea-Bissau marked half a century of diplomatic ties on Friday.",
        {("GNB", "RUS", DR)},
    ),
    (
        "The 30th anniversary of Vietnam-RoK diplomatic relations falls in December.",
        {("KOR", "VNM", DR)},
    ),
    (
        "Cyprus and Australia issued stamps to mark 50 years since establishing diplomatic "
        "relations.",
        {("AUS", "CYP", DR)},
    ),
    (
        "Since the establishment of diplomatic relations in 1973, Vietnam and Japan have "
        "grown close.",
        {("JPN", "VNM", DR)},
    ),
    (
        "Diplomatic relations between Nepal and Japan were established in 1956.",
        {("JPN", "NPL", DR)},
    ),
    (
        "China and Tajikistan on Friday lifted their ties to a comprehensive strategic "
        "cooperative partnership in the new era.",
        {("CHN", "TJK", "comprehensive strategic cooperative partnership in the new era")},
    ),
    (
        "Manila and Tokyo elevated relations from a strengthened strategic partnership to a "
        "comprehensive strategic partnership on Thursday.",
        {("JPN", "PHL", CSP), ("JPN", "PHL", "strengthened strategic partnership")},
    ),
    (
        "The Philippines and Japan also mark 10 years of their strengthened strategic partnership.",
        {("JPN", "PHL", "strengthened strategic partnership")},
    ),
    (
        "Jakarta and Canberra signed the pact under their CSP, agreed in 2018.",
        {("AUS", "IDN", CSP)},
    ),
    (
        "India and the US established a comprehensive strategic partnership with ASEAN in "
        "November 2022.",
        {("ASEAN", "IND", CSP), ("ASEAN", "USA", CSP)},
    ),
    (
        "China was the first dialogue partner to forge a strategic partnership with ASEAN, in"
        " 2003.",
        {("ASEAN", "CHN", SP)},
    ),
    (
        "The US and ASEAN raised their relationship to a strategic partnership in 2015.",
        {("ASEAN", "USA", SP)},
    ),
    (
        "Leaders marked the 15th anniversary of the China-ASEAN strategic partnership.",
        {("ASEAN", "CHN", SP)},
    ),
    (
        "Vietnam's party chief and the US president announced that the two nations had raised"
        " their ties from a comprehensive partnership to a comprehensive strategic "
        "partnership.",
        {("USA", "VNM", CP), ("USA", "VNM", CSP)},
    ),
    (
        "Vietnam and the United States upgraded ties to a comprehensive strategic partnership"
        " from a comprehensive partnership, skipping the strategic partnership stage.",
        {("USA", "VNM", CP), ("USA", "VNM", CSP)},
    ),
    (
        "Vietnam and South Korea set up diplomatic ties in 1992, lifting them to a "
        "comprehensive partnership in 2001 and then to a strategic partnership in 2009.",
        {("KOR", "VNM", CP), ("KOR", "VNM", DR), ("KOR", "VNM", SP)},
    ),
    (
        "Viet Nam and the US normalised relations in 1995 and raised them to a comprehensive "
        "partnership in 2013.",
        {("USA", "VNM", CP), ("USA", "VNM", DR)},
    ),
    (
        "Xi Jinping met Ecuadorian President Rafael Correa in Quito, where the two leaders "
        "upgraded relations between the two countries to a comprehensive strategic "
        "partnership.",
        {("CHN", "ECU", CSP)},
    ),
    (
        "Thailand's prime minister visited Hanoi on Friday, the first trip since relations "
        "between the two countries were elevated to a comprehensive strategic partnership.",
        {("THA", "VNM", CSP)},
    ),
    (
        "Vietnam always gives top priority to its special relationship with Laos, the party "
        "chief said.",
        {("LAO", "VNM", SR)},
    ),
    (
        "Vietnam and Laos pledged to nurture their great friendship, special solidarity and "
        "comprehensive cooperation.",
        set(),
    ),
    (
        "The 60th anniversary of Vietnam-Laos diplomatic ties was celebrated in Vientiane.",
        {("LAO", "VNM", DR)},
    ),
    (
        "The upgrade of Vietnam-Australia relations to a comprehensive strategic partnership "
        "is a natural step, the spokeswoman said.",
        {("AUS", "VNM", CSP)},
    ),
    (
        "The U.S. thus becomes Vietnam's fifth comprehensive strategic partner.",
        {("USA", "VNM", CSP)},
    ),
    (
        "Thailand was also the first ASEAN member to set up a strategic partnership with "
        "Vietnam, in 2013.",
        {("THA", "VNM", SP)},
    ),
    (
        "Thailand was one of the first ASEAN countries to establish diplomatic ties with Vietnam.",
        {("THA", "VNM", DR)},
    ),
    (
        "Relations between Russia and India rest on a special and privileged strategic "
        "partnership, the Indian diplomat said.",
        {("IND", "RUS", "special and privileged strategic partnership")},
    ),
    (
        "China and Azerbaijan established diplomatic relations on April 2, 1992, and upgraded"
        " ties to a strategic partnership last week.",
        {("AZE", "CHN", DR), ("AZE", "CHN", SP)},
    ),
    (
        "Pakistan and Tajikistan decided to upgrade bilateral relations to the level of a "
        "strategic partnership.",
        {("PAK", "TJK", SP)},
    ),
    (
        "Hanoi and Seoul raised their bilateral relation to a comprehensive strategic "
        "partnership late last year.",
        {("KOR", "VNM", CSP)},
    ),
    (
        "At talks in Hanoi, the two sides agreed to lift ties to a comprehensive strategic "
        "partnership, Vietnam and Japan said in a joint statement.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "Chinese President Xi Jinping and his Kyrgyz counterpart announced that they had "
        "lifted ties to a strategic partnership.",
        {("CHN", "KGZ", SP)},
    ),
    (
        "Diplomatic ties between Greece and Albania were restored in May 1971.",
        {("ALB", "GRC", DR)},
    ),
    (
        "Diplomatic relations between the two countries were set up in 1992, Seoul and Hanoi said.",
        {("KOR", "VNM", DR)},
    ),
    (
        "Both nations are poised to lift bilateral ties to a comprehensive strategic "
        "partnership this year.",
        set(),
    ),
    (
        "Beijing uses defined levels of partnerships to signal its foreign policy priorities.",
        set(),
    ),
    (
        "A comprehensive strategic partnership is the highest level in Vietnam's diplomatic "
        "ladder.",
        set(),
    ),
    (
        "The visit formalised a comprehensive strategic partnership, the highest level of "
        "relations China has with any country, Correa said.",
        set(),
    ),
    (
        "Seoul regards Vietnam as a key partner in its Indo-Pacific strategy.",
        set(),
    ),
    (
        "Nigeria is Brazil's largest trading partner in Africa.",
        set(),
    ),
    (
        "Tokyo and Manila want to take the relationship to a higher level.",
        set(),
    ),
    (
        "The Philippines and Japan elevated their relations from a strengthened strategic "
        "partnership to a comprehensive strategic partnership.",
        {("JPN", "PHL", CSP), ("JPN", "PHL", "strengthened strategic partnership")},
    ),
    (
        "The two leaders reviewed preparations for the 50th anniversary of Viet Nam-Japan "
        "diplomatic relations (1973-2023).",
        {("JPN", "VNM", DR)},
    ),
    (
        "Việt Nam and Indonesia lifted their ties to a comprehensive strategic partnership in"
        " March.",
        {("IDN", "VNM", CSP)},
    ),
    (
        "Over the past 50 years, Viet Nam-Australia relations have grown strongly, and were "
        "raised to a comprehensive strategic partnership in March 2024.",
        {("AUS", "VNM", CSP)},
    ),
    (
        "He congratulated the Republic of Korea on the 30th founding anniversary of Viet "
        "Nam-RoK diplomatic ties.",
        {("KOR", "VNM", DR)},
    ),
    (
        "Viet Nam always treasures the Viet Nam-China comprehensive strategic cooperative "
        "partnership, the Party chief told the Chinese envoy.",
        {("CHN", "VNM", CSP)},
    ),
    (
        "Viet Nam and Japan set up their Extensive Strategic Partnership for Peace and "
        "Prosperity in Asia in 2014.",
        {("JPN", "VNM", SP)},
    ),
    (
        "PM Chinh welcomed the Cuban delegation, saying Viet Nam always values the special "
        "relationship with Cuba.",
        {("CUB", "VNM", SR)},
    ),
    (
        "The Laos-Viet Nam special relationship is a priceless asset, the Lao leader said.",
        {("LAO", "VNM", SR)},
    ),
    (
        "Russian President Vladimir Putin will pay a state visit to Viet Nam, the first since"
        " the two countries upgraded ties to a comprehensive strategic partnership in 2012.",
        {("RUS", "VNM", CSP)},
    ),
    (
        "Egypt was the first Arab country to establish full ties with Israel, in 1979.",
        {("EGY", "ISR", DR)},
    ),
    (
        "Relations between Riyadh and Tehran were restored in March 2023 after a seven-year rift.",
        {("IRN", "SAU", DR)},
    ),
    (
        "Hanoi set up diplomatic relations with Tehran in 1973, while ties with Israel were "
        "established in 1993.",
        {("IRN", "VNM", DR), ("ISR", "VNM", DR)},
    ),
    (
        "Relations between Japan and China were strained over the dispute.",
        set(),
    ),
    (
        "Ties between the two neighbours have been tense since 2019, Kenya and Uganda said.",
        set(),
    ),
    (
        "Vietnam's comprehensive strategic partners include China, Russia, India and South Korea.",
        {("CHN", "VNM", CSP), ("IND", "VNM", CSP), ("KOR", "VNM", CSP), ("RUS", "VNM", CSP)},
    ),
    (
        "Vietnam now has comprehensive strategic partnerships with China, Russia, India and Japan.",
        {("CHN", "VNM", CSP), ("IND", "VNM", CSP), ("JPN", "VNM", CSP), ("RUS", "VNM", CSP)},
    ),
    (
        "Vietnam and Italy signed four deals in Rome on Monday. The ties, set up in 1973, "
        "were lifted to a strategic partnership in 2013.",
        {("ITA", "VNM", DR), ("ITA", "VNM", SP)},
    ),
    (
        "Vietnam and the Philippines marked 45 years of diplomatic ties and five years of "
        "strategic partnership in 2021.",
        {("PHL", "VNM", DR), ("PHL", "VNM", SP)},
    ),
    (
        "The Russian Federation and the Republic of Korea set up diplomatic relations in 1990.",
        {("KOR", "RUS", DR)},
    ),
    (
        "Ties between the Republic of Korea and Viet Nam were upgraded to a comprehensive "
        "strategic partnership in 2022.",
        {("KOR", "VNM", CSP)},
    ),
    (
        "Viet Nam and the EU signed the Framework Agreement on Comprehensive Partnership and "
        "Cooperation in 2012.",
        set(),
    ),
    (
        "Both Viet Nam and Japan are members of the Comprehensive and Progressive Agreement "
        "for Trans-Pacific Partnership.",
        set(),
    ),
    (
        "Vietnam and South Korea are both parties to the Regional Comprehensive Economic "
        "Partnership.",
        set(),
    ),
    (
        "India and the UAE signed a Comprehensive Economic Partnership Agreement in 2022.",
        set(),
    ),
    (
        "The Comprehensive Partnership between Viet Nam and Canada was established in 2017.",
        {("CAN", "VNM", CP)},
    ),
    (
        "Vietnam and the EU celebrate 35 years of diplomatic relations this year.",
        {("EU", "VNM", DR)},
    ),
    (
        "Kiribati is the latest nation to break off diplomatic relations with Taiwan and "
        "recognise China.",
        {("KIR", "TWN", DR)},
    ),
    (
        "The government of the Dominican Republic said it was establishing diplomatic ties "
        "with China and cutting diplomatic ties with Taiwan.",
        {("CHN", "DOM", DR), ("DOM", "TWN", DR)},
    ),
    (
        "China and Nauru have established diplomatic relations, state media said on Sunday.",
        {("CHN", "NRU", DR)},
    ),
    (
        "Beijing formally re-established diplomatic ties with the Pacific island nation of "
        "Nauru on Wednesday.",
        {("CHN", "NRU", DR)},
    ),
    (
        "Panama switched diplomatic relations from Taiwan to China on Monday.",
        {("CHN", "PAN", DR), ("PAN", "TWN", DR)},
    ),
    (
        "Nicaragua said on Thursday it would sever its long-standing diplomatic ties with Taiwan.",
        {("NIC", "TWN", DR)},
    ),
    (
        "Saudi Arabia and arch-rival Iran agreed to resume diplomatic relations and reopen "
        "embassies within two months.",
        {("IRN", "SAU", DR)},
    ),
    (
        "Saudi Arabia severed diplomatic relations with regional rival Iran in 2016.",
        {("IRN", "SAU", DR)},
    ),
    (
        "Qatar and Bahrain announced an agreement to restore relations after years of "
        "estrangement.",
        {("BHR", "QAT", DR)},
    ),
    (
        "Egypt and Turkey restored full diplomatic relations and named ambassadors for the "
        "first time since 2013.",
        {("EGY", "TUR", DR)},
    ),
    (
        "Niger's junta announced that it was cutting diplomatic ties with neighbouring Ukraine.",
        {("NER", "UKR", DR)},
    ),
    (
        "Chinh affirmed that Viet Nam always treasures its comprehensive strategic "
        "partnership with Japan.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "The ambassador said Kazakhstan regards Viet Nam as its strategic partner in "
        "Southeast Asia.",
        {("KAZ", "VNM", SP)},
    ),
    (
        "Chinh suggested the two countries soon upgrade their relations to a strategic "
        "partnership, Vietnam and Brazil said.",
        set(),
    ),
    (
        "The Prime Minister proposed that Viet Nam and Chile lift their ties to a "
        "comprehensive partnership.",
        set(),
    ),
    (
        "The Czech minister expressed his hope that Czechia and Viet Nam would soon elevate "
        "relations to a strategic partnership.",
        set(),
    ),
    (
        "Son called on Viet Nam and Spain to work towards upgrading ties to a comprehensive "
        "strategic partnership.",
        set(),
    ),
    (
        "Lam wished for the Viet Nam-Netherlands comprehensive partnership to be raised to a "
        "new height.",
        {("NLD", "VNM", CP)},
    ),
    (
        "Both sides agreed to study upgrading Viet Nam-Kenya relations to a comprehensive "
        "partnership.",
        set(),
    ),
    (
        "Viet Nam is ready to elevate ties with Mongolia to a strategic partnership when "
        "conditions allow.",
        set(),
    ),
    (
        "Viet Nam and Thailand, which upgraded ties to an enhanced strategic partnership in "
        "2019, vowed to boost trade.",
        {("THA", "VNM", SP)},
    ),
    (
        "Viet Nam is the only ASEAN country with comprehensive strategic partnerships with "
        "all five permanent members of the UN Security Council.",
        set(),
    ),
    (
        "Vietnam and the US marked 30 years of normalised relations in July.",
        {("USA", "VNM", DR)},
    ),
    (
        "Viet Nam and Japan marked the 50th founding anniversary of their diplomatic ties "
        "(1973-2023) with a gala in Tokyo.",
        {("JPN", "VNM", DR)},
    ),
    (
        "The ambassador hailed the special ties between Viet Nam and Laos.",
        {("LAO", "VNM", SR)},
    ),
    (
        "Viet Nam and Cambodia pledged to build on their good neighbourliness, traditional "
        "friendship and comprehensive cooperation.",
        set(),
    ),
    (
        "Since ties were normalised in 1995, Vietnam and the United States have become major "
        "trading partners.",
        {("USA", "VNM", DR)},
    ),
    (
        "Manila has also deepened defence links with Australia, with which it has had a "
        "strategic partnership since 2023.",
        {("AUS", "PHL", SP)},
    ),
    (
        "Lam said the U.S.-Vietnam relationship, normalized in 1995, had never been stronger.",
        {("USA", "VNM", DR)},
    ),
    (
        "Vietnam and Malaysia signed three deals on Friday. The Vietnamese leader said bilateral "
        "ties, which were set up in 1973, were lifted to a strategic partnership in 2015.",
        {("MYS", "VNM", DR), ("MYS", "VNM", SP)},
    ),
    (
        "Honduras went further and announced it was breaking off its own diplomatic ties with "
        "Managua in support of Panama.",
        {("HND", "NIC", DR)},
    ),
    (
        "Russia and North Korea signed a mutual defence treaty on Wednesday. The pact raised "
        "relations to a comprehensive strategic partnership and obliges each side to help the "
        "other.",
        {("PRK", "RUS", CSP)},
    ),
    (
        "Azerbaijan's president visited Beijing in April. There, Aliyev and Chinese President Xi "
        "Jinping upgraded their countries' ties to a comprehensive strategic partnership.",
        {("AZE", "CHN", CSP)},
    ),
    ("Vietnam and South Korea established ties in 1992.", {("KOR", "VNM", DR)}),
    ("Honduras cut formal ties with Taiwan in March.", {("HND", "TWN", DR)}),
    ("Saudi Arabia and Israel have never established relations.", set()),
    (
        "The two countries forged ties in 1975, Vietnam and the Philippines said.",
        {("PHL", "VNM", DR)},
    ),
    (
        "Saudi Arabia would establish relations with Israel only if a Palestinian state is "
        "created, the minister said.",
        set(),
    ),
    ("Kiribati said it would establish diplomatic ties with China.", set()),
    # -- the tier fronted before the pair it describes: "As <tier> partners, A and B …"
    (
        "As comprehensive strategic partners, Vietnam and India should step up defence "
        "cooperation, Modi said.",
        {("IND", "VNM", CSP)},
    ),
    (
        "As strategic partners of each other, Vietnam and Australia have much to gain.",
        {("AUS", "VNM", SP)},
    ),
    (
        "Being strategic partners, Vietnam and the Philippines share many interests.",
        {("PHL", "VNM", SP)},
    ),
    (
        "The minister said that as comprehensive partners, Vietnam and Brazil should expand trade.",
        {("BRA", "VNM", CP)},
    ),
    (
        "Vietnam and India, being comprehensive strategic partners, should coordinate closely.",
        {("IND", "VNM", CSP)},
    ),
    ("As partners in ASEAN, Vietnam and Thailand coordinate closely.", set()),
    # -- one state among another's partners: "A is one of B's <tier> partners"
    ("Vietnam is one of Japan's comprehensive strategic partners.", {("JPN", "VNM", CSP)}),
    ("Vietnam is one of Japan's 14 strategic partners.", {("JPN", "VNM", SP)}),
    ("Chile is one of the Philippines' strategic partners.", {("CHL", "PHL", SP)}),
    (  # a proposal to raise a number is no upgrade still to come
        "The two sides hoped to raise the number of flights between Chile and Peru and welcomed "
        "their strategic partnership, established in 2023.",
        {("CHL", "PER", SP)},
    ),
    (
        "Indonesia, one of Australia's comprehensive strategic partners, hosted the talks.",
        {("AUS", "IDN", CSP)},
    ),
    ("Vietnam is one of the strategic partners of India.", {("IND", "VNM", SP)}),
    ("Japan counts Vietnam among its comprehensive strategic partners.", {("JPN", "VNM", CSP)}),
    (
        "As one of Vietnam's comprehensive strategic partners, Singapore supports its bid.",
        {("SGP", "VNM", CSP)},
    ),
    (
        "Malaysia became the first comprehensive strategic partner of Vietnam in the region.",
        {("MYS", "VNM", CSP)},
    ),  # fmt: skip
    ("Vietnam became Japan's third strategic partner in 2009.", {("JPN", "VNM", SP)}),
    (
        "Among Vietnam's comprehensive strategic partners, Japan is the largest investor.",
        {("JPN", "VNM", CSP)},
    ),
    (
        "Japan counts Vietnam and Indonesia among its comprehensive strategic partners.",
        {("JPN", "VNM", CSP), ("IDN", "JPN", CSP)},
    ),
    ("Japan is one of the bloc's strategic partners.", set()),
    ("As one of the bloc's strategic partners, Japan backs the plan.", set()),
    ("Vietnam is one of the strategic partnerships the bloc values most.", set()),
    # -- "the two countries": the sentence's own two states, one named through a person
    (
        "In 2022, the two countries upgraded their ties to a comprehensive strategic "
        "partnership, said President Yoon Suk Yeol, who was hosting Vietnam's president.",
        {("KOR", "VNM", CSP)},
    ),
    (
        "The two nations lifted ties to a comprehensive strategic partnership last year, the "
        "Vietnamese leader told Japan's prime minister.",
        {("JPN", "VNM", CSP)},
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


@pytest.mark.parametrize(
    "second",
    [
        "Tran said the Comprehensive Strategic Partnership has grown in every field.",
        "The leaders reviewed progress in the Comprehensive Strategic Partnership.",
    ],
)
def test_relations_news_definite_tier_takes_the_pair_named_before(second: str) -> None:
    """ "the Comprehensive Strategic Partnership" with no pair named: the two states just met."""
    text = "Deputy Minister Tran Van Hai received Australian envoy Ruth Black in Hanoi. " + second
    doc = Document(id="t", text=text, published="2024-03-07", title=None)
    rels = extract(doc).relations
    assert [(sorted((r.a, r.b)), r.level, r.evidence.text) for r in rels] == [
        (["AUS", "VNM"], CSP, second)
    ]


def test_relations_news_state_organ_heads_a_later_clause() -> None:
    """ "…; the government of Chile … and raised ties with Bolivia": Chile heads its clause."""
    text = (
        "Trade between them had slumped for almost a decade; the government of Chile cut ties "
        "with Peru in 2019 and raised ties with Bolivia to a strategic partnership in 2021."
    )
    assert ("BOL", "CHL", SP) in _keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya raised its ties with Ghana to a strategic partnership in April, followed by "
        "Senegal and Togo in June.",
        "The bloc lifted its relations with Chile to a comprehensive strategic partnership, "
        "followed by Peru and Ecuador a year later.",
    ],
)
def test_relations_news_followers_are_no_pair(text: str) -> None:
    """ "…, followed by A and B": both join the subject's tier; A and B are no pair."""
    pairs = {frozenset(k[:2]) for k in _keys(text)}
    assert frozenset(("SEN", "TGO")) not in pairs
    assert frozenset(("PER", "ECU")) not in pairs
