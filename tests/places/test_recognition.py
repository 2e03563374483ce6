"""Recognition: every base name, inflected/diacritic-free/misspelt phrases, false positives.

Expected MAS ids in CASES are copied from sources/mas_obce.csv / mas_none.csv (not from our output).
"""

from __future__ import annotations

import pytest

from bot.places import Places
from bot.places.czech import declensions

DUPLICATES = {"Blatno", "Liběšice", "Malé Březno", "Staňkovice", "Vilémov"}

A, N, U, AMB = "assigned", "no_mas", "unknown", "ambiguous"

# (phrase, status, obec, okres, mas id)
CASES: list[tuple[str, str, str | None, str | None, str | None]] = [
    # --- Děčín
    ("Bydlím ve Varnsdorfu.", A, "Varnsdorf", "Děčín", "cesky_sever"),
    ("jsem z varnsdorfu", A, "Varnsdorf", "Děčín", "cesky_sever"),
    ("bydlim ve varnsdrofu a mam dotaz", A, "Varnsdorf", "Děčín", "cesky_sever"),
    ("Jsem z Rumburka", A, "Rumburk", "Děčín", "cesky_sever"),
    ("spolek v Rumburku", A, "Rumburk", "Děčín", "cesky_sever"),
    ("Bydlím ve Šluknově", A, "Šluknov", "Děčín", "cesky_sever"),
    ("jsem ze sluknova", A, "Šluknov", "Děčín", "cesky_sever"),
    ("Žiju v Krásné Lípě", A, "Krásná Lípa", "Děčín", "cesky_sever"),
    ("Jsem z České Kamenice", A, "Česká Kamenice", "Děčín", "cesky_sever"),
    ("firma v ceske kamenici", A, "Česká Kamenice", "Děčín", "cesky_sever"),
    ("Máme chalupu v Hřensku", A, "Hřensko", "Děčín", "cesky_sever"),
    ("Jiříkov", A, "Jiříkov", "Děčín", "cesky_sever"),
    ("škola v Jiříkově", A, "Jiříkov", "Děčín", "cesky_sever"),
    ("spolek z Jetřichovic", A, "Jetřichovice", "Děčín", "cesky_sever"),
    ("obec Chřibská", A, "Chřibská", "Děčín", "cesky_sever"),
    ("Bydlím v Benešově nad Ploučnicí", A, "Benešov nad Ploučnicí", "Děčín", "labske_skaly"),
    ("jsem z benesova nad ploucnici", A, "Benešov nad Ploučnicí", "Děčín", "labske_skaly"),
    ("Jsem z Jílového", A, "Jílové", "Děčín", "labske_skaly"),
    ("v Dobkovicích máme školu", A, "Dobkovice", "Děčín", "labske_skaly"),
    ("obec Merboltice", A, "Merboltice", "Děčín", "labske_skaly"),
    ("Jsem z Děčína.", N, "Děčín", "Děčín", None),
    ("Úřad v Děčíně", N, "Děčín", "Děčín", None),
    ("decin", N, "Děčín", "Děčín", None),
    ("žijeme v Ludvíkovicích", U, "Ludvíkovice", "Děčín", None),
    ("ve Velkém Šenově", U, "Velký Šenov", "Děčín", None),
    ("v Arnolticích", A, "Arnoltice", "Děčín", "cesky_sever"),
    ("Vilémov, okres Děčín", U, "Vilémov", "Děčín", None),
    ("v Dolní Poustevně", A, "Dolní Poustevna", "Děčín", "cesky_sever"),
    ("v Mikulášovicích", A, "Mikulášovice", "Děčín", "cesky_sever"),
    ("bydlím v Horním Podluží", A, "Horní Podluží", "Děčín", "cesky_sever"),
    ("jsem z Dolního Podluží", A, "Dolní Podluží", "Děčín", "cesky_sever"),
    ("v Rybništi", A, "Rybniště", "Děčín", "cesky_sever"),
    ("obec Kámen", U, "Kámen", "Děčín", None),
    ("ve Starých Křečanech", A, "Staré Křečany", "Děčín", "cesky_sever"),
    ("ze Srbské Kamenice", A, "Srbská Kamenice", "Děčín", "cesky_sever"),
    ("z Malé Veleně", A, "Malá Veleň", "Děčín", "labske_skaly"),
    ("V Janově opravujeme školu", A, "Janov", "Děčín", "cesky_sever"),
    ("z Kytlic", A, "Kytlice", "Děčín", "cesky_sever"),
    # --- Ústí nad Labem
    ("bydlím v Libouchci", U, "Libouchec", "Ústí nad Labem", None),
    ("jsem z Libouchce", U, "Libouchec", "Ústí nad Labem", None),
    ("Pracuju na Ústí", N, "Ústí nad Labem", "Ústí nad Labem", None),
    ("Bydlím v Ústí nad Labem", N, "Ústí nad Labem", "Ústí nad Labem", None),
    ("usti nad labem", N, "Ústí nad Labem", "Ústí nad Labem", None),
    ("Ústí n. L.", N, "Ústí nad Labem", "Ústí nad Labem", None),
    ("Jsem z Trmic", A, "Trmice", "Ústí nad Labem", "labske_skaly"),
    ("Kancelář MAS je v Chabařovicích", A, "Chabařovice", "Ústí nad Labem", "labske_skaly"),
    ("bydlim v chabarovicich", A, "Chabařovice", "Ústí nad Labem", "labske_skaly"),
    ("ve Stebně", A, "Stebno", "Ústí nad Labem", "labske_skaly"),
    ("obec Tašov", A, "Tašov", "Ústí nad Labem", "labske_skaly"),
    ("v Řehlovicích", A, "Řehlovice", "Ústí nad Labem", "labske_skaly"),
    ("v Dolních Zálezlech", A, "Dolní Zálezly", "Ústí nad Labem", "labske_skaly"),
    ("v Habrovanech", A, "Habrovany", "Ústí nad Labem", "labske_skaly"),
    ("v Přestanově", A, "Přestanov", "Ústí nad Labem", "labske_skaly"),
    ("starostka z Chlumce", U, "Chlumec", "Ústí nad Labem", None),
    ("ve Velkém Březně", U, "Velké Březno", "Ústí nad Labem", None),
    ("Malé Březno, okres Ústí nad Labem", U, "Malé Březno", "Ústí nad Labem", None),
    ("Malé Březno, okres Most", A, "Malé Březno", "Most", "nadeje"),
    ("v Povrlech", U, "Povrly", "Ústí nad Labem", None),
    ("Petrovice", U, "Petrovice", "Ústí nad Labem", None),
    ("v Telnici", U, "Telnice", "Ústí nad Labem", None),
    # --- Most
    ("Jedu k Mostu", N, "Most", "Most", None),
    ("Bydlím v Mostě", N, "Most", "Most", None),
    ("bydlím v mostě", N, "Most", "Most", None),
    ("/obec most", N, "Most", "Most", None),
    ("město Most", N, "Most", "Most", None),
    ("MOST", N, "Most", "Most", None),
    ("Bydlím v Litvínově", A, "Litvínov", "Most", "nadeje"),
    ("jsem z litvinova", A, "Litvínov", "Most", "nadeje"),
    ("starosta z Horního Jiřetína se ptá", A, "Horní Jiřetín", "Most", "nadeje"),
    ("v Horním Jiřetíně", A, "Horní Jiřetín", "Most", "nadeje"),
    ("z horniho jiretina", A, "Horní Jiřetín", "Most", "nadeje"),
    ("Žiju v Meziboří", A, "Meziboří", "Most", "nadeje"),
    ("Bydlím v Lomu", A, "Lom", "Most", "nadeje"),
    ("z Českého Jiřetína", A, "Český Jiřetín", "Most", "nadeje"),
    ("v Louce u Litvínova", A, "Louka u Litvínova", "Most", "nadeje"),
    ("v Bečově", A, "Bečov", "Most", "nadeje"),
    ("v Obrnicích", A, "Obrnice", "Most", "nadeje"),
    ("z Mariánských Radčic", A, "Mariánské Radčice", "Most", "nadeje"),
    ("Bydlím v Hoře Svaté Kateřiny", A, "Hora Svaté Kateřiny", "Most", "zapadni_krusnohori"),
    ("Jsem z Nové Vsi v Horách", A, "Nová Ves v Horách", "Most", "zapadni_krusnohori"),
    ("Patokryje", U, "Patokryje", "Most", None),
    ("v Brandově", U, "Brandov", "Most", None),
    ("v Lišnici", A, "Lišnice", "Most", "nadeje"),
    ("v Korozlukách", A, "Korozluky", "Most", "nadeje"),
    ("ve Skršíně", A, "Skršín", "Most", "nadeje"),
    ("v Želenicích", A, "Želenice", "Most", "nadeje"),
    ("z Volevčic", A, "Volevčice", "Most", "nadeje"),
    # --- Teplice
    ("Bydlím v Teplicích", N, "Teplice", "Teplice", None),
    ("jsme z Teplic", N, "Teplice", "Teplice", None),
    ("teplice", N, "Teplice", "Teplice", None),
    ("Jsem z Duchcova", A, "Duchcov", "Teplice", "nadeje"),
    ("v duchcove", A, "Duchcov", "Teplice", "nadeje"),
    ("Bydlím v Oseku u Duchcova", A, "Osek", "Teplice", "nadeje"),
    ("v Jeníkově", A, "Jeníkov", "Teplice", "nadeje"),
    ("v Lahošti", A, "Lahošť", "Teplice", "nadeje"),
    ("Žiju v Dubí", A, "Dubí", "Teplice", "cinovecko"),
    ("Jsem z Hrobu", A, "Hrob", "Teplice", "cinovecko"),
    ("obec Hrob", A, "Hrob", "Teplice", "cinovecko"),
    ("v Proboštově", A, "Proboštov", "Teplice", "cinovecko"),
    ("v Novosedlicích", A, "Novosedlice", "Teplice", "cinovecko"),
    ("v Košťanech", A, "Košťany", "Teplice", "cinovecko"),
    ("chata na Moldavě", A, "Moldava", "Teplice", "cinovecko"),
    ("v Mikulově", A, "Mikulov", "Teplice", "cinovecko"),
    ("v Háji u Duchcova", A, "Háj u Duchcova", "Teplice", "cinovecko"),
    ("Jsem z Bíliny", U, "Bílina", "Teplice", None),
    ("Bydlím v Krupce", U, "Krupka", "Teplice", None),
    ("v Ledvicích", U, "Ledvice", "Teplice", None),
    ("v Hostomicích", U, "Hostomice", "Teplice", None),
    # --- Chomutov
    ("Jezdím z Kadaně do Žatce", A, "Kadaň", "Chomutov", "vladar"),
    ("v Kadani", A, "Kadaň", "Chomutov", "vladar"),
    ("kadan", A, "Kadaň", "Chomutov", "vladar"),
    ("Bydlím v Chomutově", N, "Chomutov", "Chomutov", None),
    ("Jedu do Chomutova", N, "Chomutov", "Chomutov", None),
    ("Žiju v Jirkově", A, "Jirkov", "Chomutov", "zapadni_krusnohori"),
    ("Jsem z Klášterce nad Ohří", A, "Klášterec nad Ohří", "Chomutov", "zapadni_krusnohori"),
    ("Jsem z Klášterce", A, "Klášterec nad Ohří", "Chomutov", "zapadni_krusnohori"),
    ("v Hrušovanech", A, "Hrušovany", "Chomutov", "zapadni_krusnohori"),
    ("v Okounově", A, "Okounov", "Chomutov", "zapadni_krusnohori"),
    ("ve Vrskmani", A, "Vrskmaň", "Chomutov", "zapadni_krusnohori"),
    ("Bydlím ve Vejprtech", U, "Vejprty", "Chomutov", None),
    ("v Kryštofových Hamrech", U, "Kryštofovy Hamry", "Chomutov", None),
    ("Blatno u Chomutova", U, "Blatno", "Chomutov", None),
    ("v Perštejně", U, "Perštejn", "Chomutov", None),
    ("ve Vysoké Peci", U, "Vysoká Pec", "Chomutov", None),
    ("v Loučné pod Klínovcem", U, "Loučná pod Klínovcem", "Chomutov", None),
    ("obec Místo", U, "Místo", "Chomutov", None),
    ("Vilémov u Kadaně", A, "Vilémov", "Chomutov", "vladar"),
    ("ve Spořicích", U, "Spořice", "Chomutov", None),
    # --- Louny
    ("Pracuju v Žatci", A, "Žatec", "Louny", "vladar"),
    ("ve Žatci", A, "Žatec", "Louny", "vladar"),
    ("ze Žatce", A, "Žatec", "Louny", "vladar"),
    ("zatec", A, "Žatec", "Louny", "vladar"),
    ("v Kryrech", A, "Kryry", "Louny", "vladar"),
    ("Bydlím v Lounech", U, "Louny", "Louny", None),
    ("blízko Loun", U, "Louny", "Louny", None),
    ("Bydlím na Podbořansku, v Podbořanech.", A, "Podbořany", "Louny", "vladar"),
    ("Podbořany", A, "Podbořany", "Louny", "vladar"),
    ("Jsem z Postoloprt", A, "Postoloprty", "Louny", "vladar"),
    ("obec Raná", U, "Raná", "Louny", None),
    ("Bydlím v Rané", U, "Raná", "Louny", None),
    ("obec Obora", U, "Obora", "Louny", None),
    ("v Lipně", U, "Lipno", "Louny", None),
    ("Staňkovice na Lounsku", U, "Staňkovice", "Louny", None),
    ("Liběšice, okres Litoměřice", A, "Liběšice", "Litoměřice", "ceske_stredohori"),
    ("Liběšice u Žatce", U, "Liběšice", "Louny", None),
    ("v Peruci", U, "Peruc", "Louny", None),
    ("v Lenešicích", U, "Lenešice", "Louny", None),
    ("Blatno, okres Louny", U, "Blatno", "Louny", None),
    ("z Podbořanského Rohozce", U, "Podbořanský Rohozec", "Louny", None),
    ("v Panenském Týnci", U, "Panenský Týnec", "Louny", None),
    ("v Krásném Dvoře", A, "Krásný Dvůr", "Louny", "vladar"),
    # --- Litoměřice
    ("Obec u Litoměřic", A, "Litoměřice", "Litoměřice", "ceske_stredohori"),
    ("bydlim v litomericich", A, "Litoměřice", "Litoměřice", "ceske_stredohori"),
    ("s Roudnicí nad Labem", U, "Roudnice nad Labem", "Litoměřice", None),
    ("Bydlím v Roudnici, na Podřipsku.", U, "Roudnice nad Labem", "Litoměřice", None),
    ("Pracuju v Lovosicích", N, "Lovosice", "Litoměřice", None),
    ("z lovosic", N, "Lovosice", "Litoměřice", None),
    ("v Budyni nad Ohří", N, "Budyně nad Ohří", "Litoměřice", None),
    ("v Brňanech", N, "Brňany", "Litoměřice", None),
    ("Martiněves", N, "Martiněves", "Litoměřice", None),
    ("Jsem ze Štětí", A, "Štětí", "Litoměřice", "podripsko"),
    ("ze steti", A, "Štětí", "Litoměřice", "podripsko"),
    ("v Bohušovicích nad Ohří", A, "Bohušovice nad Ohří", "Litoměřice", "podripsko"),
    ("v Terezíně", A, "Terezín", "Litoměřice", "ceske_stredohori"),
    ("Bydlím v Úštěku", A, "Úštěk", "Litoměřice", "ceske_stredohori"),
    ("Kancelář je v Třebívlicích", A, "Třebívlice", "Litoměřice", "serviso"),
    ("v Třebenicích", A, "Třebenice", "Litoměřice", "serviso"),
    ("ve Velemíně", A, "Velemín", "Litoměřice", "serviso"),
    ("v Mšeném-lázních", A, "Mšené-lázně", "Litoměřice", "serviso"),
    ("v Ploskovicích", A, "Ploskovice", "Litoměřice", "ceske_stredohori"),
    ("v Libochovicích", U, "Libochovice", "Litoměřice", None),
    ("ve Straškově-Vodochodech", U, "Straškov-Vodochody", "Litoměřice", None),
    ("v Prackovicích", A, "Prackovice nad Labem", "Litoměřice", "ceske_stredohori"),
    ("v Malých Žernosekách", A, "Malé Žernoseky", "Litoměřice", "ceske_stredohori"),
    ("ve Vražkově", A, "Vražkov", "Litoměřice", "podripsko"),
    ("z Evaně", A, "Evaň", "Litoměřice", "serviso"),
    ("v Křešicích", A, "Křešice", "Litoměřice", "ceske_stredohori"),
    # --- typos (small edit distance)
    ("Litvinv", A, "Litvínov", "Most", "nadeje"),
    ("Duchocv", A, "Duchcov", "Teplice", "nadeje"),
    ("Roudnce nad Labem", U, "Roudnice nad Labem", "Litoměřice", None),
    ("Rumbruk", A, "Rumburk", "Děčín", "cesky_sever"),
    ("Teplcie", N, "Teplice", "Teplice", None),
    ("Jirkvo", A, "Jirkov", "Chomutov", "zapadni_krusnohori"),
    ("bydlim v litomericch", A, "Litoměřice", "Litoměřice", "ceske_stredohori"),
    ("obec Tereizn", A, "Terezín", "Litoměřice", "ceske_stredohori"),
    ("Chabarovcie", A, "Chabařovice", "Ústí nad Labem", "labske_skaly"),
    ("Mikulasovce", A, "Mikulášovice", "Děčín", "cesky_sever"),
]

AREAS = [
    ("jsme obec z Lounska", "Louny"),
    ("na Lounsku", "Louny"),
    ("z Mostecka", "Most"),
    ("Žiju na Mostecku", "Most"),
    ("Děčínsko", "Děčín"),
    ("Šluknovsko", "Děčín"),
    ("ve Šluknovském výběžku", "Děčín"),
    ("Žatecko", "Louny"),
    ("na Žatecku", "Louny"),
    ("na Teplicku", "Teplice"),
    ("na Duchcovsku", "Teplice"),
    ("na Podřipsku", "Litoměřice"),
    ("na Litoměřicku", "Litoměřice"),
    ("na Kadaňsku", "Chomutov"),
    ("na Ústecku", "Ústí nad Labem"),
    ("okres Louny", "Louny"),
    ("jsme z okresu Děčín", "Děčín"),
]

FALSE_POSITIVES = [
    "Jdu přes most k řece",
    "přes most",
    "u hrobu babičky",
    "obora pro zvěř",
    "raná péče",
    "Raná péče pomáhá rodinám s dětmi",
    "cesta byla blatno a mokro",
    "most přes potok potřebuje opravu",
    "Most přes řeku je v havarijním stavu",
    "V obci potřebujeme nový most",
    "jak získat dotaci na opravu mostu",
    "na místě samém",
    "Místo konání bude upřesněno",
    "kámen úrazu je financování",
    "veselé Vánoce",
    "růžová barva",
    "louka plná květin",
    "Hrob je na hřbitově",
    "obora a lipno",
    "Kdy bude další výzva OPST?",
    "Jaké jsou běžné ceny?",
    "Stejně to nevím",
    "zeptejte se ze zadání",
    "hledám dotace na fotovoltaiku pro rodinný dům",
    "vysoká pec v železárnách",
    "nová ves a staré město",
    "",
    "   ",
    "1234 5678",
    "😀😀😀",
]


@pytest.mark.parametrize("muni_index", range(354))
def test_every_base_name_resolves_to_itself(places: Places, muni_index: int) -> None:
    muni = places.municipalities[muni_index]
    match = places.resolve(muni.name)
    if muni.name in DUPLICATES:
        assert match.status == "ambiguous"
        assert muni in match.candidates
        assert len(match.candidates) == 2
    else:
        assert match.obec == muni, (muni.name, match.status, match.obec)
        assert match.status == muni.mas_status
    assert places.by_name(muni.name, okres=muni.okres).obec == muni


def test_declension_rules_on_every_municipality(places: Places) -> None:
    """Every generated case form, inside a sentence, finds its municipality."""
    failures = []
    total = 0
    for muni in places.municipalities:
        for case in ("gen", "dat", "loc", "ins"):
            for form in declensions(muni.name)[case]:
                total += 1
                match = places.resolve(f"Dobrý den, jsem z obce {form} a mám dotaz.")
                ok = match.obec == muni or (match.status == "ambiguous" and muni in match.candidates)
                if not ok:
                    failures.append((muni.name, form, match.status))
    assert total > 354 * 8
    assert failures == []


@pytest.mark.parametrize(
    ("name", "case", "form"),
    [
        ("Libouchec", "loc", "Libouchci"),
        ("Libouchec", "gen", "Libouchce"),
        ("Kadaň", "gen", "Kadaně"),
        ("Kadaň", "loc", "Kadani"),
        ("Most", "gen", "Mostu"),
        ("Most", "loc", "Mostě"),
        ("Horní Jiřetín", "loc", "Horním Jiřetíně"),
        ("Horní Jiřetín", "gen", "Horního Jiřetína"),
        ("Roudnice nad Labem", "ins", "Roudnicí nad Labem"),
        ("Varnsdorf", "loc", "Varnsdorfu"),
        ("Teplice", "loc", "Teplicích"),
        ("Teplice", "gen", "Teplic"),
        ("Louny", "loc", "Lounech"),
        ("Louny", "gen", "Loun"),
        ("Krupka", "loc", "Krupce"),
        ("Hora Svaté Kateřiny", "loc", "Hoře Svaté Kateřiny"),
        ("Nová Ves v Horách", "gen", "Nové Vsi v Horách"),
        ("Jílové", "loc", "Jílovém"),
        ("Raná", "ins", "Ranou"),
        ("Ústí nad Labem", "ins", "Ústím nad Labem"),
        ("Chomutov", "ins", "Chomutovem"),
        ("Žatec", "loc", "Žatci"),
        ("Krásný Dvůr", "loc", "Krásném Dvoře"),
        ("Kryštofovy Hamry", "gen", "Kryštofových Hamrů"),
        ("Straškov-Vodochody", "loc", "Straškově-Vodochodech"),
        ("Česká Kamenice", "loc", "České Kamenici"),
        ("Bílina", "gen", "Bíliny"),
        ("Hřensko", "loc", "Hřensku"),
        ("Rtyně nad Bílinou", "loc", "Rtyni nad Bílinou"),
    ],
)
def test_declension_examples(name: str, case: str, form: str) -> None:
    assert form in declensions(name)[case]


@pytest.mark.parametrize(("phrase", "status", "obec", "okres", "mas_id"), CASES)
def test_phrases(
    places: Places, phrase: str, status: str, obec: str | None, okres: str | None, mas_id: str | None
) -> None:
    match = places.resolve(phrase)
    assert (match.status, match.obec.name if match.obec else None, match.okres) == (status, obec, okres)
    assert (match.mas.id if match.mas else None) == mas_id
    assert places.find(phrase) is not None


def test_case_table_covers_all_okresy() -> None:
    assert len(CASES) >= 150
    assert {c[3] for c in CASES} >= {"Děčín", "Chomutov", "Litoměřice", "Louny", "Most", "Teplice", "Ústí nad Labem"}


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_duplicates_are_ambiguous(places: Places, name: str) -> None:
    match = places.resolve(f"Bydlím v obci {name}")
    assert match.status == "ambiguous"
    assert sorted(c.okres for c in match.candidates) == sorted(m.okres for m in places.municipalities if m.name == name)
    assert "okres" in match.message and "Kterou myslíte" in match.message
    assert match.ask_json() is None and match.mas_line() is None


@pytest.mark.parametrize(("phrase", "okres"), AREAS)
def test_regional_forms(places: Places, phrase: str, okres: str) -> None:
    match = places.resolve(phrase)
    assert match.status == "unknown"
    assert match.obec is None
    assert match.okres == okres
    assert {m.id for m in match.candidates} == {m.id for m in places.mas.values() if okres in m.okresy}
    assert places.fallback.web in match.message


@pytest.mark.parametrize("phrase", FALSE_POSITIVES)
def test_false_positives(places: Places, phrase: str) -> None:
    assert places.find(phrase) is None
    assert places.resolve(phrase).status == "not_found"


def test_messages_per_status(places: Places) -> None:
    assigned = places.resolve("ve Varnsdorfu")
    assert "MAS Český sever" in assigned.message and "info@masceskysever.cz" in assigned.message
    assert "https://www.masceskysever.cz/cerpani-dotaci-obce/" not in assigned.message  # evidence is for staff
    assert "Telefon" in assigned.message  # says the phone is unknown instead of inventing one
    no_mas = places.resolve("v Mostě")
    assert "nepatří do území žádné" in no_mas.message
    assert "epodatelna@kr-ustecky.cz" in no_mas.message and "rskuk.cz" in no_mas.message
    unknown = places.resolve("v Libouchci")
    assert "nemá ověřenou" in unknown.message and "MAS Labské skály" in unknown.message
    assert "nsmascr.cz" in unknown.message
    missing = places.resolve("Libouchex")
    assert missing.status in ("assigned", "unknown")  # one typo is still recognised
    nf = places.resolve("Libuchoecx Horní Dolní")
    assert nf.status == "not_found" and "napsaný správně" in nf.message


def test_ask_json_and_mas_line(places: Places) -> None:
    m = places.find("Jaké dotace můžeme čerpat v Litvínově?")
    assert m is not None
    assert m.ask_json() == {
        "obec": "Litvínov",
        "okres": "Most",
        "name": "MAS Naděje o.p.s.",
        "web": "http://www.masnadeje.cz",
        "email": None,
        "phone": "775 250 233",
    }
    assert m.mas_line() is not None and "MAS Naděje" in m.mas_line() and "\n" not in m.mas_line()
    u = places.find("bydlím v Libouchci")
    assert u.ask_json()["name"] == places.fallback.name
    assert "nsmascr.cz" in u.mas_line()
    n = places.find("Jsem z Teplic")
    assert n.ask_json()["name"] is None and "nepatří do žádné MAS" in n.mas_line()


@pytest.mark.parametrize(
    "text", ["", "x" * 20_000, "\x00\xff\ud800 binární", "😀 v Mostě 😀", "ő" * 5000, "v " * 10_000, "Most " * 3000]
)
def test_bad_input_never_crashes(places: Places, text: str) -> None:
    match = places.resolve(text)
    assert match.status in ("assigned", "no_mas", "unknown", "ambiguous", "not_found")
    assert isinstance(match.message, str) and match.message
    assert places.by_name(text).status in ("assigned", "no_mas", "unknown", "ambiguous", "not_found")


def test_by_name_and_code(places: Places) -> None:
    assert places.by_name("/obec most").obec.name == "Most"
    assert places.by_name("raná").obec.name == "Raná"
    assert places.by_name("Blatno").status == "ambiguous"
    assert places.by_name("Blatno", okres="Louny").obec.okres == "Louny"
    kadan = next(m for m in places.municipalities if m.name == "Kadaň")
    assert places.by_code(kadan.code).obec == kadan
    assert places.by_code("000000").status == "not_found"


@pytest.mark.parametrize(
    "phrase", ["kolik mas je v usteckem kraji", "Kolik obcí pokrývají MAS v Ústeckém kraji?", "v Karlovarském kraji"]
)
def test_a_kraj_named_by_its_adjective_is_no_region_or_municipality(places: Places, phrase: str) -> None:
    assert places.find(phrase) is None


def test_a_region_name_without_kraj_is_still_a_region(places: Places) -> None:
    match = places.find("kdo mi pomuze na Ustecku")
    assert match is not None and match.obec is None and match.okres == "Ústí nad Labem"
