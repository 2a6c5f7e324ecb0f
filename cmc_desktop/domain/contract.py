"""The contrat d'engagement et de confidentialité signed in the lancement phase of a BPP (guide 001, 1.3).

Guide 001 says what the contract covers — « engagements réciproques, régime de confidentialité, des étapes et
livrables entre l'agent et le conseiller mobilité-carrière » — and, for most of it, in its own words: those
words are quoted as they are (QUOTES, checked against a copy of the guide in the tests); the rest is ours.
"""

from dataclasses import dataclass

from .bpp import Phase

# Guide 001, copied verbatim (the emphasis marks of the source dropped).
FRAME = "Le bilan de parcours professionnel collectif est réalisé en présentiel ou à distance, sur le temps de " \
        "service de l'agent."
MISSION = "Pendant le bilan de parcours professionnel collectif l'agent est en mission. Il n'y a pas d'incidence " \
          "sur sa rémunération."
PROFESSIONAL_SECRECY = "Le professionnel chargé de la mise en œuvre du bilan est tenu au secret et à la discrétion " \
                       "professionnels. Il doit garantir aux agents la confidentialité des informations et des " \
                       "échanges."
SHARED_SECRECY = "L'agent comme le professionnel sont tenus au secret professionnel qui les oblige à ne pas " \
                 "révéler des informations à caractère secret telles que :"
SECRET_EXAMPLES = (
    "Des informations nominatives comme des noms, une adresse physique ou électronique, un numéro de téléphone, "
    "une date de naissance.",
    "Des informations identificatrices portant sur la vie privée comme par exemple le récit d'une expérience "
    "personnelle.",
)
DISCRETION = "Ils sont également tenus à la discrétion professionnelle, ils ne pourront pas divulguer des " \
             "informations ou des documents dont ils ont eu connaissance dans le cadre du bilan de parcours " \
             "professionnel."
DELIVERABLE = "Livrable : document de synthèse co-élaboré"
PROPERTY = "Document de synthèse = propriété de l'agent"
THIRD_PARTIES = "Ce document d'appui au projet d'évolution professionnelle n'est communiqué à des tierces " \
                "personnes qu'avec l'accord de l'agent bénéficiaire."
KEPT = "Le document de synthèse élaboré est conservé par l'agent et par le professionnel qualifié en matière " \
       "d'accompagnement des évolutions professionnelles. Il permet un suivi du projet de l'agent. Toutefois, la " \
       "possibilité est laissée à son bénéficiaire d'en demander la destruction auprès du professionnel qualifié."
RULES = "Des règles d'engagement des acteurs : engagements réciproques, régime de confidentialité, des étapes et " \
        "livrables entre l'agent et le conseiller mobilité-carrière."
QUOTES = (FRAME, MISSION, PROFESSIONAL_SECRECY, SHARED_SECRECY, *SECRET_EXAMPLES, DISCRETION, DELIVERABLE,
          PROPERTY, THIRD_PARTIES, KEPT, RULES)


@dataclass(frozen=True)
class Article:
    """One article: a title, paragraphs, and an optional bulleted list after them."""

    title: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()


PHASE_CONTENT = {
    Phase.LANCEMENT: "présentation du déroulement, des objectifs et des règles d'engagement ; signature du présent "
                     "contrat",
    Phase.ANALYSE: "analyse du parcours professionnel (expériences, compétences, aptitudes, motivations, valeurs de "
                   "travail), d'abord en séances collectives",
    Phase.PLAN_ACTION: "élaboration des objectifs et des étapes d'un plan d'action, puis retour au groupe",
    Phase.CONCLUSION: "entretien final individuel, qui aboutit au document de synthèse",
}


def articles(confidential_points: list[str]) -> list[Article]:
    """The contract's articles; the points the group has agreed to keep confidential are listed in article 3."""
    points = tuple(confidential_points)
    return [
        Article("Article 1 — Objet et cadre", (
            "Le présent contrat fixe, pour le bilan de parcours professionnel collectif auquel l'agent participe, "
            "ce que la phase de lancement présente selon le guide du bilan\u00a0: « " + RULES + "\u00a0»",
            FRAME, MISSION)),
        Article("Article 2 — Étapes", (
            "Le bilan se déroule en quatre phases successives :",),
            tuple(f"{phase.label} : {PHASE_CONTENT[phase]}." for phase in Phase)),
        Article("Article 3 — Confidentialité", (
            PROFESSIONAL_SECRECY, SHARED_SECRECY, *SECRET_EXAMPLES, DISCRETION,
            *(("Le groupe a en outre convenu de garder confidentiels les points suivants :",) if points else ())),
            points),
        Article("Article 4 — Engagements réciproques", (
            "Le conseiller mobilité-carrière s'engage à accompagner l'agent tout au long du bilan, avec neutralité, "
            "à l'aider à formaliser son document de synthèse et à respecter le régime de confidentialité ci-dessus.",
            "L'agent s'engage à participer aux séances collectives et aux entretiens individuels prévus, à réaliser "
            "les exercices proposés entre les séances, et à respecter la confidentialité des échanges du groupe.",
            "En cas d'empêchement, chacun prévient l'autre dans les meilleurs délais.")),
        Article("Article 5 — Livrable", (DELIVERABLE + ".", PROPERTY + ".", THIRD_PARTIES, KEPT)),
    ]
