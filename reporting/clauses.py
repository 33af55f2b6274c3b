"""The agreement's standard texts (the clause library): which clauses there are, the
installation's default wording (from the seed agreements 001 and 002), the placeholders a text
may hold, and how a text is filled from the register.

A clause text is plain text. It is never evaluated as a template: the only substitution is a
placeholder from `PLACEHOLDERS` written as `{name}`; anything else (`{{ x }}`, `<b>`, an
unknown `{name}`) is printed as written, and the PDF template escapes it like any other value.
Blank lines separate paragraphs.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClauseKey(models.TextChoices):
    FORM_SCOPE = "form_scope", _("Form: what the partnership covers")
    FORM_APPENDICES = "form_appendices", _("Form: the appendices")
    FORM_BASIS = "form_basis", _("Form: political decisions it rests on")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality")
    COOPERATION = "cooperation", _("Organisation and cooperation: introduction")
    STEERING_GROUP = "steering_group", _("The steering group's mandate")
    COOPERATION_GROUP = "cooperation_group", _("The cooperation group's mandate")
    CHAIR_BY_LOT = "chair_by_lot", _("A chair drawn by lot")
    GROUP_REPORT = "group_report", _("The cooperation group's written report")
    COMPILATION = "compilation", _("The administration's yearly compilation")
    INFORMATION = "information", _("Spreading information")
    OTHER_INCOME = "other_income", _("Participants from other municipalities")
    FOLLOW_UP = "follow_up", _("Follow-up")
    ANNUAL_ACCOUNT = "annual_account", _("The annual financial account")
    PERIOD = "period", _("The period")
    COPYRIGHT = "copyright", _("Copyright")
    RENEGOTIATION = "renegotiation", _("Renegotiation")
    BREACH_STEERING = "breach_steering", _("Breach, decided by the steering group")
    BREACH_DIALOGUE = "breach_dialogue", _("Breach, by dialogue between the parties")
    TERMINATION_NOTICE = "termination_notice", _("Termination: compensation for a notice period")
    TERMINATION_REFUND = "termination_refund", _("Termination: refund less the work done")
    DISPUTE_DIALOGUE = "dispute_dialogue", _("Dispute: resolved by dialogue")
    DISPUTE_ENDS = "dispute_ends", _("Dispute: an unresolved dispute ends the partnership")
    AMENDMENTS = "amendments", _("Amendments")


# The placeholders a clause text may hold; the documents fill them from the register.
PLACEHOLDERS = {
    "public_party": _("the public party, e.g. Socialförvaltningen, Stockholms stad"),
    "organisations": _("the idea-based organisations, e.g. Convictus, Ny Gemenskap och Bris"),
    "deciding_body": _("the body's deciding body, e.g. Socialnämnden"),
    "group": _("the group the clause is about, e.g. Styrgruppen"),
    "chair_term": _("the chair's term in words, e.g. tre månader"),
    "notice_period": _("the notice period in words, e.g. tre månader"),
    "forum": _("where disputes are discussed, e.g. i styrgruppen"),
    "fee": _("the fee per participant from another municipality, e.g. 5 000 kr"),
    "account_due": _("when the annual account is due, e.g. 30 dagar"),
    "start_date": _("the first day of the period, e.g. 1 januari 2017"),
    "end_date": _("the last day of the period, e.g. 31 december 2018"),
    "extension": _("the extension rule, or nothing when the period cannot be extended"),
}

# A `{name}` that is not part of `{{ … }}`.
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_]+)\}(?!\})")

# The installation's defaults: the wording of the seed agreements (001 Bris, 002 the EU
# citizens' partnership), with the register's facts as placeholders.
DEFAULT_TEXTS: dict[str, str] = {
    ClauseKey.FORM_SCOPE: (
        "Partnerskapet avser samverkan mellan {public_party} och de organisationer inom "
        "idéburen sektor som skriver under partnerskapet. Partnerskapet reglerar syfte, "
        "åtaganden och värdegrund för arbetet med målgruppen."
    ),
    ClauseKey.FORM_APPENDICES: (
        "Till partnerskapet knyts specifika åtaganden för varje organisation som formuleras i "
        "separata bilagor. Åtagandena kan vid behov och över tid förändras, bytas ut eller "
        "helt utgå utan att partnerskapet behöver omförhandlas. På detta sätt förändras inte "
        "partnerskapets syfte och värdegrund för arbetet med målgruppen. Bilagorna utgör en "
        "del av partnerskapet."
    ),
    ClauseKey.FORM_BASIS: (
        "Partnerskapet utgår från politiska beslut som kommunfullmäktiges årliga budget, mål- "
        "och inriktningsdokument samt den lagstiftning som berör målgruppen."
    ),
    ClauseKey.CONFIDENTIALITY: (
        "Uppgifter om den enskilde hanteras enligt gällande sekretesslagstiftning. Parterna "
        "utbyter inte information om enskilda personer; rapporter inom partnerskapet "
        "innehåller endast sammanställda uppgifter."
    ),
    ClauseKey.COOPERATION: (
        "{public_party} och {organisations} bär enskilt ansvaret för sin del i partnerskapet. "
        "God samverkan krävs för att nå syftet och åtagandena i partnerskapet. Med god "
        "samverkan avses kontinuerlig information och kommunikation mellan aktörerna i "
        "partnerskapet."
    ),
    ClauseKey.STEERING_GROUP: (
        "Styrgruppen ansvarar för att syftet med partnerskapet följs. Fördelning av "
        "ekonomiska medel beslutas av {deciding_body}. Beslut kring förändringar av "
        "åtaganden diskuteras i styrgruppen."
    ),
    ClauseKey.COOPERATION_GROUP: (
        "Samverkansgruppen har beslutsmandat för de operativa frågorna inom partnerskapet "
        "utifrån målgruppens behov, säkerställer att åtagandena utförs enligt partnerskapet "
        "och ansvarar för den dokumentation som uppkommer."
    ),
    ClauseKey.CHAIR_BY_LOT: (
        "{group} ska ha en ordförande som vid första sammanträdet lottas ut och sitter i en "
        "period om {chair_term}. Därefter lottas en ny ordförande ut vid utgången av perioden. "
        "Ordföranden leder arbetet i gruppen och ansvarar för kallelse och dokumentation av "
        "arbetet under sin period."
    ),
    ClauseKey.GROUP_REPORT: (
        "Rapporten ska sammanfatta åtaganden som gjorts för målgruppen och information om "
        "ålder, kön och ursprungsland samt eventuella brukaruppföljningar och synpunkts- och "
        "klagomålshantering. Även annan, för partnerskapet, relevant information om "
        "verksamheten ska ingå i rapporten."
    ),
    ClauseKey.COMPILATION: (
        "{public_party} ska årligen, innan nytt avtalsår påbörjas, göra en sammanställning av "
        "de verksamhetsrapporter som samverkansgruppen har upprättat under året."
    ),
    ClauseKey.INFORMATION: (
        "Vid eventuella politiska uttalanden ska det tydligt framgå att det är den enskilda "
        "organisationen som uttalar sig.\n\n"
        "Frågor om antal personer i målgruppen hänvisas till {public_party}."
    ),
    ClauseKey.OTHER_INCOME: (
        "Deltagare från andra kommuner kan erbjudas plats i mån av plats. En ersättning tas då "
        "ut från ansvarig kommun om {fee} per deltagare. Ersättningen är utöver ersättningen i "
        "partnerskapet och ska redovisas och återinvesteras i partnerskapet."
    ),
    ClauseKey.FOLLOW_UP: (
        "Avsikten med uppföljning är att säkra att syftet med partnerskapet uppnås."
    ),
    ClauseKey.ANNUAL_ACCOUNT: (
        "Varje organisation ska årligen, senast {account_due} innan nytt avtalsår påbörjas, "
        "redovisa de ekonomiska resurserna till {public_party}. Redovisningen ska redogöra för "
        "hur resurserna har använts. Rapporter innehåller endast sammanställda uppgifter, "
        "aldrig uppgifter om enskilda personer."
    ),
    ClauseKey.PERIOD: (
        "Partnerskapet gäller från den {start_date} till och med den {end_date}{extension}, "
        "förutsatt att medel för partnerskapet finns."
    ),
    ClauseKey.COPYRIGHT: (
        "Metoder och material som tas fram inom partnerskapet får fritt nyttjas, användas och "
        "utvecklas av samtliga parter. Det som en part har tagit fram före partnerskapet "
        "förblir partens egendom."
    ),
    ClauseKey.RENEGOTIATION: (
        "Alla aktörer kan påkalla omförhandling av en bestämmelse i partnerskapet."
    ),
    ClauseKey.BREACH_STEERING: (
        "Om någon av aktörerna inte uppfyller villkoren för partnerskapet eller visar "
        "väsentliga brister i sina åtaganden ska dialog föras i styrgruppen. Styrgruppen kan "
        "besluta att aktören ska komma in med en plan för hur bristerna ska åtgärdas. Om "
        "aktören, efter åtgärdsplan, fortfarande inte uppfyller villkoren kan styrgruppen "
        "besluta att säga upp aktören från partnerskapet.\n\n"
        "Om det råder väsentligt förändrade omständigheter för genomförandet av partnerskapet "
        "ska styrgruppen föra en dialog om partnerskapet kan fortsätta. Är omständigheterna av "
        "sådan art att partnerskapets mål och syfte väsentligen förändras bör partnerskapet "
        "sägas upp."
    ),
    ClauseKey.BREACH_DIALOGUE: (
        "Om någon av parterna inte uppfyller villkoren för partnerskapet, brister väsentligt i "
        "sina åtaganden eller om det råder väsentligt förändrade omständigheter ska en dialog "
        "föras om partnerskapet kan fortsätta. Om parterna kommer fram till att partnerskapet "
        "inte kan fortsätta har vardera parten rätt att säga upp avtalet."
    ),
    ClauseKey.TERMINATION_NOTICE: (
        "Den som sägs upp behåller ersättning för en uppsägningstid på {notice_period} från det "
        "att uppsägningen skett, och verksamheten ska fortgå under den period utbetald "
        "ersättning avser. Ingen ny betalning går ut."
    ),
    ClauseKey.TERMINATION_REFUND: (
        "Partnerskapet kan sägas upp under pågående insats men avslutas först när samtliga "
        "pågående insatser har genomförts. Ersättning som {public_party} har betalat ut till "
        "{organisations} ska återbetalas om partnerskapet sägs upp, avräkning görs för de "
        "insatser som har genomförts."
    ),
    ClauseKey.DISPUTE_DIALOGUE: (
        "Om tvister uppstår ska dessa i första hand lösas genom dialog {forum}."
    ),
    ClauseKey.DISPUTE_ENDS: (
        "Om tvister uppstår ska dessa i första hand lösas genom dialog {forum}. Om tvisten "
        "inte går att lösa får {organisations} ersättning för pågående och avslutade insatser, "
        "såsom överenskommit i detta partnerskap. Resterande medel som inte har använts på "
        "grund av tvisten ska återföras till {public_party}. Vid tvist som inte går att lösa "
        "mellan parterna upphör partnerskapet automatiskt."
    ),
    ClauseKey.AMENDMENTS: (
        "Ändringar och tillägg till partnerskapet inklusive bilagor ska vara skriftliga och "
        "undertecknade av behörig firmatecknare från samtliga aktörer för att vara giltiga."
    ),
}

# What each clause is called in the amendment's list of changes (the documents are Swedish).
TITLES_SV: dict[str, str] = {
    ClauseKey.FORM_SCOPE: "Partnerskapets form och utgångspunkt (omfattning)",
    ClauseKey.FORM_APPENDICES: "Partnerskapets form och utgångspunkt (bilagorna)",
    ClauseKey.FORM_BASIS: "Partnerskapets form och utgångspunkt (politiska beslut)",
    ClauseKey.CONFIDENTIALITY: "Sekretess",
    ClauseKey.COOPERATION: "Organisation och samverkan",
    ClauseKey.STEERING_GROUP: "Styrgruppens uppdrag",
    ClauseKey.COOPERATION_GROUP: "Samverkansgruppens uppdrag",
    ClauseKey.CHAIR_BY_LOT: "Ordförande som lottas ut",
    ClauseKey.GROUP_REPORT: "Samverkansgruppens skriftliga rapport",
    ClauseKey.COMPILATION: "Årlig sammanställning",
    ClauseKey.INFORMATION: "Informationsspridning",
    ClauseKey.OTHER_INCOME: "Deltagare från andra kommuner",
    ClauseKey.FOLLOW_UP: "Uppföljning",
    ClauseKey.ANNUAL_ACCOUNT: "Ekonomisk redovisning",
    ClauseKey.PERIOD: "Period för partnerskapet",
    ClauseKey.COPYRIGHT: "Upphovsrätt",
    ClauseKey.RENEGOTIATION: "Omförhandling",
    ClauseKey.BREACH_STEERING: "Brister i åtagandena",
    ClauseKey.BREACH_DIALOGUE: "Brister i åtagandena",
    ClauseKey.TERMINATION_NOTICE: "Uppsägning",
    ClauseKey.TERMINATION_REFUND: "Uppsägning",
    ClauseKey.DISPUTE_DIALOGUE: "Tvist",
    ClauseKey.DISPUTE_ENDS: "Tvist",
    ClauseKey.AMENDMENTS: "Ändringar och tillägg",
}


def placeholders_in(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text or "")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in placeholders_in(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known placeholder replaced by its value; nothing else changes."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in PLACEHOLDERS and name in values:
            return values[name]
        return match.group(0)

    return _PLACEHOLDER.sub(replace, text or "")


def default_entry(key: str) -> dict:
    return {"text": DEFAULT_TEXTS[key], "source": "installation", "version": 0}
