"""The facts of the seed documents (/work/shared/seeds, Stockholm 2015–2017) as demo data.

Everything here is data, in Swedish as in the seeds. Where the seeds do not give a fact the
register needs, the value is a clearly marked placeholder (registry numbers "DEMO-…", board
decisions "§ DEMO-…") or left empty (Bris's organisation number).

Statuses, chosen to match how far each case had come in its seed document:
- Bris (000/001): the agreement text is final and its period began 2017-01-01 → "active".
  The board's decision date is not in the seeds: 2016-12-13, § DEMO-1 (placeholder).
- EU citizens (002): the agreement is final but the signature lines are blank
  ("Stockholm den / 2017") → "decided", waiting for the six signatures.
  Decision date not in the seed: 2017-04-25, § DEMO-2 (placeholder).
- Unaccompanied minors (004): a decision memo to the board (prepared 2017-08-16) → "proposed".
"""

import datetime
from decimal import Decimal

from organisations.constants import LegalForm
from partnerships.constants import Criterion, ResourceKind, Status

DEMO_PASSWORD = "iop-demo-2017"

PUBLIC_BODY = {
    "name": "Socialförvaltningen, Stockholms stad",
    "org_number": "2120000142",
    "legal_form": LegalForm.MUNICIPALITY,
    "city": "Stockholm",
}

SIGNATORIES = [{"name": "Gillis Hammar", "title": "Förvaltningschef"}]
# The body's own settings (its settings page): the seeds' memos go to Socialnämnden.
BODY_SETTINGS = {"deciding_body": "Socialnämnden", "head_title": "Förvaltningschef"}

# key: short name used for usernames and references below.
ORGANISATIONS = {
    # Bris's organisation number is not in the seeds: left empty on purpose.
    "bris": ("Bris – Barnens rätt i samhället", None, LegalForm.NON_PROFIT_ASSOCIATION),
    "convictus": ("Convictus", "8020121581", LegalForm.NON_PROFIT_ASSOCIATION),
    "filadelfia": ("Filadelfiaförsamlingen", "8020008713", LegalForm.RELIGIOUS_COMMUNITY),
    "fralsningsarmen": ("Frälsningsarmén", "8020061688", LegalForm.RELIGIOUS_COMMUNITY),
    "nygemenskap": ("Ny Gemenskap", "8020061019", LegalForm.NON_PROFIT_ASSOCIATION),
    "stadsmission": ("Stockholms stadsmission", "8020031954", LegalForm.NON_PROFIT_ASSOCIATION),
    "barnrattsbyran": ("Barnrättsbyrån", "8024906771", LegalForm.NON_PROFIT_ASSOCIATION),
    "raddabarnen": ("Rädda Barnen", "8020028638", LegalForm.NON_PROFIT_ASSOCIATION),
    "rodakorset": ("Svenska Röda Korset", "8020028711", LegalForm.NON_PROFIT_ASSOCIATION),
}

STAFF_USERS = [
    # username, first name, last name, role (None: superuser)
    ("administrator", "Anna", "Administratör", "administrator"),
    ("handlaggare", "Hugo", "Handläggare", "official"),
    ("superuser", "Sara", "Systemförvaltare", None),
]

_FORUM = {
    Criterion.INITIATIVE: "Verksamheten sker på initiativ av den idéburna organisationen.",
    Criterion.POLITICAL_PROGRAMME: "Verksamheten är ett led i att förverkliga ett politiskt "
    "program/plan.",
    Criterion.NOT_GRANT: "Verksamheten kan inte ses som en del av det normerande "
    "föreningsbidraget.",
    Criterion.NO_MARKET: "Det finns inte en marknad eller konkurrenssituation att vårda.",
    Criterion.BOTH_FINANCE: "Bägge parter bidrar till verksamheten.",
    Criterion.NOT_REGULATED: "Verksamheten detaljregleras inte från kommunen.",
}


def _criteria(**specific: str) -> list[tuple[str, bool, str]]:
    return [(criterion, True, specific.get(criterion, text)) for criterion, text in _FORUM.items()]


BRIS = {
    "key": "bris",
    "fields": {
        "title": "Stödgrupper för barn placerade i familjehem",
        "registry_number": "DEMO-1/2016",
        "purpose": "Att erbjuda och göra stödgruppsverksamhet tillgänglig för "
        "familjehemsplacerade barn i stadens stadsdelar.",
        "goal": "Att genom stödgruppsverksamhet främja och stärka barnets psykiska hälsa på "
        "lång sikt.",
        "target_group": "Barn i åldrarna 7–18 år som är familjehemsplacerade av Stockholms stad.",
        "shared_values": "Barnkonventionens huvudprinciper: alla barns lika värde, barnets "
        "bästa, rätt till liv och utveckling och rätt att uttrycka sina åsikter.",
        "background": "Under tre år drev Farsta och Skarpnäcks stadsdelsnämnder projektet "
        "”Mina båda världar” tillsammans med Bris och utvecklade en modell för stödgrupper "
        "för familjehemsplacerade barn. Projektet avslutades den 31 december 2016; "
        "partnerskapet för modellen vidare i hela staden.",
        "activities": "Veckovisa stödgrupper med åtta träffar om två timmar\n"
        "Stödhelger under minst tre heldagar och en uppföljande lördag\n"
        "Frukostmöten för informationsspridning tre gånger per år\n"
        "Effektutvärdering av stödgruppsinsatsen",
        "start_date": datetime.date(2017, 1, 1),
        "end_date": datetime.date(2018, 12, 31),
        "latest_end_date": None,
    },
    "parties": ["bris"],
    "appendices": [
        (
            "bris",
            "Bris åtaganden",
            "Tillhandahålla övergripande verksamhetsansvarig.\n"
            "Tillhandahålla metod och metodutveckling.\n"
            "Tillhandahålla professionell stödgruppsverksamhet med utbildade "
            "stödgruppsledare.\n"
            "Sprida information genom frukostmöten tre gånger per år och mejl enligt "
            "kontaktlista.\n"
            "Ansvara för intresseanmälningar och rekrytering av deltagande barn och unga.\n"
            "Se till att socialtjänsten alltid är informerad om anmälan innan ett deltagande "
            "påbörjas.\n"
            "Genomföra stödhelger och veckovisa stödgrupper inklusive för- och efterarbete.\n"
            "Tillhandahålla anpassad lokal.\n"
            "Erbjuda minst fyra grupper per år och deltagande för ca 40 barn per år "
            "(5–8 barn per grupp).\n"
            "Följa upp och kvalitetssäkra insatsen genom effektutvärdering.",
            [
                (ResourceKind.PREMISES, "Befintliga lokaler hos Bris", None),
                (ResourceKind.MANAGEMENT, "Personalledning", None),
                (ResourceKind.OTHER, "Metodutveckling", None),
                (ResourceKind.OTHER, "Tillgång till andra stödinsatser", None),
                (ResourceKind.OTHER, "Erfarenhet av stödgruppsverksamhet", None),
            ],
        ),
        (
            "public",
            "Socialförvaltningens åtaganden",
            "Ansvara för informationsmaterial på stadens intranät och trycksaksportal.\n"
            "Ansvara för informationsspridning inom Stockholms stad genom bland annat "
            "befintliga chefsnätverk.\n"
            "Informera stadsdelsförvaltningarna om vikten av att sprida erbjudandet direkt "
            "till barn, familjehem och vårdnadshavare.\n"
            "Distribuera aktuella kontaktlistor till Bris.\n"
            "Finansiera överenskomna kostnader för Bris kopplat till verksamheten.",
            [
                (
                    ResourceKind.MONEY,
                    "Ekonomiska medel per år (Personal 678 833, Material 8 000, Mat och "
                    "dryck 15 000, Resekostnader 10 000)",
                    Decimal("711833.00"),
                ),
                (
                    ResourceKind.OTHER,
                    "Distribution av information och kontakt till chefsnätverk",
                    None,
                ),
                (ResourceKind.OTHER, "Visst framtagande av informationsmaterial", None),
            ],
        ),
    ],
    "criteria": _criteria(
        **{
            Criterion.INITIATIVE: "Modellen utvecklades av Bris i projektet ”Mina båda världar”.",
            Criterion.POLITICAL_PROGRAMME: "Socialnämndens budget 2016 och 2017 samt stadens "
            "arbete med barnkonventionen.",
            Criterion.BOTH_FINANCE: "Bris bidrar med lokal, personalledning och metod; "
            "förvaltningen med 711 833 kr per år och information.",
        }
    ),
    "status": Status.ACTIVE,
    "decided_on": datetime.date(2016, 12, 13),
    "decision_paragraph": "§ DEMO-1",
}

# The organisations' own appendices are not in seed 002: their text follows the agreement's
# 1.7 and 3.1. Said here, never in the text that prints.
_EU_ORG_COMMITMENTS = (
    "Bidra med egna ekonomiska medel, övergripande arbetsledning och administration, "
    "volontärinsatser samt egna ideella service- och stödinsatser riktade till målgruppen.\n"
    "Ge humanitärt stöd i form av basbehov och viss rådgivning.\n"
    "Dokumentera och följa upp verksamheten och redovisa till samverkansgruppen.\n"
    "Redovisa de ekonomiska resurserna årligen innan nytt avtalsår påbörjas."
)
_EU_ORG_RESOURCES = [
    (ResourceKind.OTHER, "Egna ekonomiska medel", None),
    (ResourceKind.MANAGEMENT, "Övergripande arbetsledning och administration", None),
    (ResourceKind.VOLUNTEERS, "Volontärinsatser", None),
    (ResourceKind.OTHER, "Egna ideella service- och stödinsatser", None),
]

EU_CITIZENS = {
    "key": "eu",
    "fields": {
        "title": "Humanitärt stöd för utsatta EU-medborgare",
        "registry_number": "156-139/2015",
        "purpose": "Att tillhandahålla stöd till utsatta EU-medborgare genom ett partnerskap "
        "mellan socialförvaltningen och organisationer inom idéburen sektor som har "
        "verksamhet för målgruppen.",
        "goal": "Att tillsammans verka för att utsatta EU-medborgare ges ett humanitärt stöd i "
        "form av basbehov, viss rådgivning samt att utveckla samverkan och "
        "kunskapsinhämtning mellan parterna.",
        "target_group": "EU-medborgare utan försörjning eller bostad i Sverige, som är socialt "
        "och ekonomiskt utsatta och som vistas tillfälligt i Stockholms stad med begränsade "
        "lagliga rättigheter till socialt stöd, samt tredjelandsmedborgare med "
        "uppehållstillstånd i ett EU-land.",
        "shared_values": "Ett medmänskligt synsätt som utgår från alla människors lika, "
        "obestridliga värde och ett jämställdhetsperspektiv, för ett respektfullt och "
        "värdigt bemötande. Verksamheten ska utföras med god kvalitet.",
        "background": "Kommunstyrelsen beslutade den 28 januari 2015 om åtgärder för att "
        "utveckla stödet till utsatta EU-medborgare (dnr 156-139/2015). Partnerskapet bygger "
        "på Överenskommelsen mellan Stockholms stad och den idéburna sektorn.",
        "activities": "Humanitärt stöd i form av basbehov\n"
        "Viss rådgivning\n"
        "Samverkan och kunskapsinhämtning mellan parterna\n"
        "Uppsökande arbete genom socialförvaltningens EU-team",
        "start_date": datetime.date(2017, 5, 1),
        "end_date": datetime.date(2019, 4, 30),
        "latest_end_date": None,
    },
    "parties": ["convictus", "filadelfia", "fralsningsarmen", "nygemenskap", "stadsmission"],
    "appendices": [
        *[
            (key, f"Avtal {ORGANISATIONS[key][0]}", _EU_ORG_COMMITMENTS, _EU_ORG_RESOURCES)
            for key in ("convictus", "filadelfia", "fralsningsarmen", "nygemenskap", "stadsmission")
        ],
        (
            "public",
            "Socialförvaltningens åtaganden",
            "Skapa förutsättningar för god samverkan med relevanta verksamheter inom kommunen, "
            "till exempel socialjour och uppsökarverksamhet.\n"
            "Arbeta uppsökande genom EU-teamet och föra statistik över antalet utsatta "
            "EU-medborgare i staden.\n"
            "Sammanställa samverkansgruppens verksamhetsrapporter årligen innan nytt avtalsår.\n"
            "Betala ut ersättning enligt respektive organisations bilaga, kvartalsvis i förskott.",
            [
                (ResourceKind.STAFF, "EU-teamet: uppsökande arbete", None),
                (
                    ResourceKind.OTHER,
                    "Socialjouren, vid behov tomma platser i nattverksamheterna",
                    None,
                ),
            ],
        ),
    ],
    "criteria": _criteria(
        **{
            Criterion.POLITICAL_PROGRAMME: "Kommunstyrelsens beslut den 28 januari 2015 "
            "(dnr 156-139/2015).",
            Criterion.BOTH_FINANCE: "Organisationerna bidrar med ekonomiska medel, "
            "arbetsledning och volontärer; förvaltningen med ersättning och EU-teamet.",
        }
    ),
    "status": Status.DECIDED,
    "decided_on": datetime.date(2017, 4, 25),
    "decision_paragraph": "§ DEMO-2",
}

# Seed 004 gives the organisations' co-financing together (about 1 000 000 kr, then
# 1 728 000 kr a year), not per organisation: the finance demo records an equal share each.
_UAM_ORG_RESOURCES = [
    (ResourceKind.PREMISES, "Lokaler", None),
    (ResourceKind.MANAGEMENT, "Övergripande arbetsledning och administration", None),
    (ResourceKind.VOLUNTEERS, "Volontärer", None),
]
_UAM_ORG_COMMITMENTS = (
    "Genomföra organisationens insatser inom partnerskapet enligt avtalet med "
    "socialförvaltningen.\n"
    "Rikta information till flickor i målgruppen, bland annat via sociala medier och nätverk.\n"
    "Delta i styrgruppen med en representant."
)

UNACCOMPANIED_MINORS = {
    "key": "uam",
    "fields": {
        "title": "Verksamhet för ensamkommande barn och unga som helt eller delvis står, eller "
        "riskerar att hamna, utanför samhällets insatser",
        "registry_number": "DEMO-2/2017",
        "purpose": "Att förbättra målgruppens livssituation i Stockholms stad tills ungdomen "
        "erhåller uppehållstillstånd eller återvänder, och att stärka samverkan för en trygg "
        "länkning mellan idéburna organisationer och myndigheter.",
        "goal": "Att lindra akut nöd, främja psykisk och fysisk hälsa och få barn och ungdomar "
        "att stanna inom, eller återvända till, välfärdssystemet för att nå långsiktiga "
        "lösningar.",
        "target_group": "Ensamkommande barn och ungdomar till och med 20 år som helt eller "
        "delvis står, eller riskerar att hamna, utanför samhällets insatser: i asylprocessen, "
        "med avslag på sin asylansökan eller utan kontakt med svenska myndigheter.",
        "shared_values": "Organisationerna är icke vinstdrivande, politiskt obundna och "
        "arbetar utifrån alla människors lika värde.",
        "background": "Socialnämnden har i stadens budget för 2017 ett uppdrag att stärka "
        "samarbetet med organisationer som driver verksamhet för bland annat ensamkommande "
        "barn och ungdomar. Förvaltningsgruppen behandlade ärendet den 16 augusti 2017.",
        "activities": "Socialt uppsökande arbete i stadens riskmiljöer\n"
        "Basbehov\n"
        "Trygga mötesplatser och gemensamma sociala aktiviteter\n"
        "Stödjande samtal\n"
        "Länkning till myndigheter\n"
        "Juridisk och social rådgivning och information\n"
        "Råd och stöd kopplat till familjeåterförening och återvändande\n"
        "Vårdförmedling och viss bassjukvård samt ungdomsmottagning",
        "start_date": datetime.date(2017, 9, 1),
        "end_date": datetime.date(2019, 8, 31),
        "latest_end_date": datetime.date(2021, 8, 31),
    },
    "parties": ["barnrattsbyran", "raddabarnen", "stadsmission", "rodakorset"],
    # In the order of the seed's appendices 2.1–2.5.
    "appendices": [
        *[
            (
                key,
                f"Avtal {name}",
                _UAM_ORG_COMMITMENTS,
                _UAM_ORG_RESOURCES,
            )
            for key, name in (
                ("barnrattsbyran", "Barnrättsbyrån"),
                ("raddabarnen", "Rädda Barnen"),
                ("stadsmission", "Stockholms Stadsmission"),
                ("rodakorset", "Svenska Röda Korset"),
            )
        ],
        (
            "public",
            "Socialnämndens verksamheter",
            "Bedriva socialt uppsökande arbete i stadens riskmiljöer.\n"
            "Driva gruppboenden för asylsökande ensamkommande barn och ungdomar i nämndens "
            "egen regi.\n"
            "Finansiera partnerskapet med ekonomiska medel.",
            [
                (
                    ResourceKind.MONEY,
                    "Ekonomiska medel för perioden 1 september – 31 december 2017",
                    Decimal("1540640.00"),
                ),
                (ResourceKind.MONEY, "Ekonomiska medel per år därefter", Decimal("5888920.00")),
                (ResourceKind.STAFF, "Personal för uppsökande arbete och gruppboenden", None),
                (ResourceKind.PREMISES, "Lokaler för gruppboenden", None),
                (ResourceKind.MANAGEMENT, "Övergripande arbetsledning och administration", None),
            ],
        ),
    ],
    "criteria": _criteria(
        **{
            Criterion.POLITICAL_PROGRAMME: "Stadens budget för 2017: uppdrag att stärka "
            "samarbetet med organisationer för ensamkommande barn och ungdomar.",
            Criterion.BOTH_FINANCE: "Förvaltningen bidrar med 1 540 640 kr och därefter "
            "5 888 920 kr per år; organisationerna med ca 1 000 000 kr och därefter "
            "1 728 000 kr per år.",
        }
    ),
    "status": Status.PROPOSED,
    "decided_on": None,
    "decision_paragraph": "",
}

PARTNERSHIPS = [BRIS, EU_CITIZENS, UNACCOMPANIED_MINORS]

# Registry numbers other apps' demo loaders can find the seed partnerships by.
REGISTRY_NUMBERS = {spec["key"]: spec["fields"]["registry_number"] for spec in PARTNERSHIPS}
