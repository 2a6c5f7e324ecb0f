"""Activity and quality indicators of a period (strategy, outils E and F), computed from plain records
(indicator_facts.py) into figures that know how they are published (published_figures.py).

When the bars of a partition add up to a published total, a lone masked bar takes the smallest other bar with
it: the total minus the others would otherwise give the small count back.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .accompaniment import Level, ProjectKind, Result
from .agent import PRIORITY_PUBLICS, PriorityGround
from .bpp import BppForm
from .demande import Decision, implicit_rejection_date
from .indicator_facts import (
    AccompanimentFacts,
    BppFacts,
    DemandeFacts,
    IndicatorInputs,
    PromotionFacts,
)
from .interview import InterviewType
from .published_figures import Bar, Count, Period, Share, Statistic
from .satisfaction import SATISFIED_FROM, Commitment
from .synthesis import SynthesisStatus

# Upper bounds (days, inclusive) of the delay buckets; the two-month silence rule sits at about 60 days.
DELAY_BOUNDS = (30, 60, 90)
# Upper bounds (days, inclusive) of the buckets of the delay from a request for an accompaniment to its taking
# charge: a lead time promised to the agent is counted in days or weeks.
TAKE_CHARGE_BOUNDS = (7, 15, 30)
# Wording of outil E, critère 2, word for word.
ACCESS_RATE_TEXT = "Taux d’accès des demandeurs à un accompagnement personnalisé (avec cible de 100%)"
TAKE_CHARGE_DELAY_TEXT = "Délai entre l’expression de la demande et sa prise en charge effective"
SATISFACTION_BANDS = ((0, 6, "0 à 6"), (7, 8, "7 ou 8"), (9, 10, "9 ou 10"))
_GROUND_LABELS = {  # (under a bar, in a table): the three priority publics of art. L. 422-3 CGFP
    PriorityGround.CAT_C_SANS_DIPLOME: ("Cat. C", "cat. C sans diplôme de niveau 4"),
    PriorityGround.L5212_13: ("Handicap", "obligation d'emploi (L. 5212-13)"),
    PriorityGround.USURE_PROFESSIONNELLE: ("Usure", "usure professionnelle"),
}


# --- The report ---

@dataclass(frozen=True)
class ReportLine:
    """One published figure: what the CSV and PDF exports print."""

    section: str
    label: str
    value: str
    unit: str


@dataclass(frozen=True)
class ReportFigure:
    """One figure with its exact value (the CMC's own screen); `line` is how it is published."""

    section: str
    label: str
    figure: Count | Share | Statistic
    unit: str

    @property
    def line(self) -> ReportLine:
        return ReportLine(self.section, self.label, self.figure.text, self.unit)


_NONE = Count(0)


@dataclass(frozen=True)
class AccessFigures:
    """The figures of the demandes d'accompagnement: access, delay of taking charge, outcomes, questionnaire."""

    requests_received: Count = _NONE
    requests_by_level: tuple[Bar, ...] = ()
    requesters_taken_in_charge: Share = Share(_NONE, _NONE)
    take_charge_median: Statistic = Statistic(None, _NONE)
    take_charge_buckets: tuple[Bar, ...] = ()
    promise_kept: Share = Share(_NONE, _NONE)
    accompaniments_closed: Count = _NONE
    outcomes_by_kind: tuple[Bar, ...] = ()
    outcomes_by_result: tuple[Bar, ...] = ()
    questionnaire_proposed: Share = Share(_NONE, _NONE)
    questionnaire_answered: Share = Share(_NONE, _NONE)


@dataclass(frozen=True)
class IndicatorReport:
    """The indicators of a period, as of `computed_on` (implicit rejections and accompaniment depend on it)."""

    period: Period
    computed_on: date
    interviews_by_type: tuple[Bar, ...]
    bpp_individual: Count
    bpp_collective: Count
    promotions: Count
    promotion_participants: Count
    delay_median: Statistic
    delay_buckets: tuple[Bar, ...]
    demandes_received: Count
    accords: Count
    refusals: Count
    reports: Count
    implicit_rejections: Count
    requesters_accompanied: Share
    priority_participants: Share
    priority_by_ground: tuple[Bar, ...]
    bpp_of_right: Count
    """Entries in BPP de droit (restructuration): a right, counted apart from the priority publics."""
    handicap_in_time_share: Share
    handicap_referent: tuple[Bar, ...]
    syntheses_finalised: Count
    synthesis_destructions: Count
    satisfaction_responses: Count
    satisfaction_declined: Count
    satisfaction_mean: Statistic
    satisfaction_satisfied: Share
    satisfaction_bands: tuple[Bar, ...]
    satisfaction_items: tuple[tuple[Commitment, Statistic], ...]
    access: "AccessFigures"

    def lines(self) -> list[ReportLine]:
        """Every published figure in reading order; masked values already replaced by their text."""
        return [figure.line for figure in self.figures()]

    def figures(self) -> list[ReportFigure]:
        """Every figure in reading order, with its exact value."""
        n, pct, days, score = "nombre", "%", "jours", "sur 10"
        out: list[ReportFigure] = []

        def add(section: str, label: str, figure: Count | Share | Statistic, unit: str) -> None:
            out.append(ReportFigure(section, label, figure, unit))

        for bar in self.interviews_by_type:
            add("Entretiens", bar.caption, bar.count, n)
        acc = self.access
        requests = "Demandes d'accompagnement (prise en charge)"
        add(requests, "Demandes d'accompagnement reçues", acc.requests_received, n)
        for bar in acc.requests_by_level:
            add(requests, bar.caption, bar.count, n)
        add(requests, ACCESS_RATE_TEXT, acc.requesters_taken_in_charge, pct)
        add(requests, f"{TAKE_CHARGE_DELAY_TEXT} (médiane)", acc.take_charge_median, days)
        for bar in acc.take_charge_buckets:
            add(requests, f"Prises en charge, délai : {bar.caption}", bar.count, n)
        add(requests, "Délai de prise en charge communiqué à l'agent respecté", acc.promise_kept, pct)
        outcomes = "Issue des accompagnements"
        add(outcomes, "Accompagnements clos", acc.accompaniments_closed, n)
        for bar in acc.outcomes_by_kind:
            add(outcomes, f"Projet : {bar.caption}", bar.count, n)
        for bar in acc.outcomes_by_result:
            add(outcomes, f"Résultat : {bar.caption}", bar.count, n)
        activity = "Bilans de parcours professionnel"
        add(activity, "BPP individuels commencés", self.bpp_individual, n)
        add(activity, "BPP collectifs commencés", self.bpp_collective, n)
        add(activity, "Promotions en cours sur la période", self.promotions, n)
        add(activity, "Participants de ces promotions", self.promotion_participants, n)
        access = "Accès à l'accompagnement"
        add(access, "Délai médian entre la demande de BPP et l'entrée en BPP", self.delay_median, days)
        for bar in self.delay_buckets:
            add(access, f"Entrées en BPP, délai : {bar.caption}", bar.count, n)
        add(access, "Demandeurs de BPP ayant commencé un BPP", self.requesters_accompanied, pct)
        add(access, "Publics prioritaires parmi les entrées en BPP", self.priority_participants, pct)
        for bar in self.priority_by_ground:
            add(access, f"Priorité : {bar.caption}", bar.count, n)
        add(access, "BPP de droit (restructuration), à part des publics prioritaires", self.bpp_of_right, n)
        add(access, "Agents L. 5212-13 en BPP : référent handicap informé à temps", self.handicap_in_time_share, pct)
        for bar in self.handicap_referent:
            add(access, f"Référent handicap {bar.caption}", bar.count, n)
        demandes = "Demandes de BPP"
        add(demandes, "Demandes reçues", self.demandes_received, n)
        add(demandes, "Accords", self.accords, n)
        add(demandes, "Refus motivés", self.refusals, n)
        add(demandes, "Reports", self.reports, n)
        add(demandes, "Rejets implicites (silence de deux mois)", self.implicit_rejections, n)
        documents = "Documents de synthèse"
        add(documents, "Synthèses finalisées", self.syntheses_finalised, n)
        add(documents, "Destructions effectuées", self.synthesis_destructions, n)
        quality = "Satisfaction"
        add(quality, "Accompagnements clos : questionnaire proposé", acc.questionnaire_proposed, pct)
        add(quality, "Accompagnements clos : questionnaire rempli", acc.questionnaire_answered, pct)
        add(quality, "Questionnaires remplis", self.satisfaction_responses, n)
        add(quality, "Questionnaires déclinés", self.satisfaction_declined, n)
        add(quality, "Note globale moyenne", self.satisfaction_mean, score)
        add(quality, f"Agents ayant noté {SATISFIED_FROM}/10 ou plus", self.satisfaction_satisfied, pct)
        for bar in self.satisfaction_bands:
            add(quality, f"Note globale {bar.label}", bar.count, n)
        commitments = "Satisfaction par engagement « Mon accompagnement en + » (moyenne)"
        for item, mean in self.satisfaction_items:
            add(commitments, f"{item.number}. {item.short_label}", mean, score)
        return out


def compute(inputs: IndicatorInputs, period: Period, today: date) -> IndicatorReport:
    """The indicators of `period` as known on `today`.

    A BPP counts for the period when its phase de lancement starts in it (phase1_on); the delay of access is
    measured for those BPPs, so that requests of the period still waiting do not bias it downwards.
    """
    agents = {agent.id: agent for agent in inputs.agents}
    demandes_by_id = {d.id: d for d in inputs.demandes if d.id is not None}
    started = [(b, b.phase1_on) for b in inputs.bpps if b.phase1_on is not None and b.phase1_on in period]
    first_start: dict[int, date] = {}
    for bpp, on in started:
        first_start[bpp.agent_id] = min(on, first_start.get(bpp.agent_id, on))

    delays = [(on - demandes_by_id[b.demande_id].request_date).days
              for b, on in started if b.demande_id in demandes_by_id]
    running = [p for p in inputs.promotions if _overlaps(p, period)]
    running_ids = {p.id for p in running}
    participants = {b.agent_id for b in inputs.bpps if b.promotion_id in running_ids}

    received = [d for d in inputs.demandes if d.request_date in period]
    decided = [d for d in inputs.demandes if d.decision_date in period]
    silent = [d for d in inputs.demandes if d.decision is Decision.EN_ATTENTE
              and implicit_rejection_date(d.request_date) in period
              and implicit_rejection_date(d.request_date) <= today]

    priority_agents = [a for a in first_start if a in agents and agents[a].priority_grounds & PRIORITY_PUBLICS]
    # A BPP de droit: the demande said so, or the agent's file records the restructuring operation.
    of_right = {b.agent_id for b, _ in started
                if (b.demande_id in demandes_by_id and demandes_by_id[b.demande_id].of_right)
                or (b.agent_id in agents and PriorityGround.RESTRUCTURATION in agents[b.agent_id].priority_grounds)}
    handicap = [(agents[a].referent_handicap_informed_on, start) for a, start in first_start.items()
                if a in agents and PriorityGround.L5212_13 in agents[a].priority_grounds]
    in_time = sum(1 for informed, start in handicap if informed is not None and informed <= start)
    never = sum(1 for informed, _ in handicap if informed is None)
    # A published share and a published count give back the whole: the three groups then add up to it.
    handicap_share = Share(Count(in_time), Count(len(handicap)))

    answers = [s for s in inputs.satisfactions if s.recorded_on in period]
    responses = [s for s in answers if not s.declined and s.overall is not None]
    overall = [s.overall for s in responses if s.overall is not None]

    return IndicatorReport(
        period=period,
        computed_on=today,
        interviews_by_type=tuple(
            Bar(kind.value, Count(sum(1 for t, day in inputs.interviews if t is kind and day in period)), kind.label)
            for kind in InterviewType),
        bpp_individual=Count(sum(1 for b, _ in started if b.form is BppForm.INDIVIDUEL)),
        bpp_collective=Count(sum(1 for b, _ in started if b.form is BppForm.COLLECTIF)),
        promotions=Count(len(running)),
        promotion_participants=Count(len(participants)),
        delay_median=Statistic(statistics.median(delays) if delays else None, Count(len(delays))),
        delay_buckets=_delay_buckets(delays),
        demandes_received=Count(len(received)),
        accords=Count(sum(1 for d in decided if d.decision is Decision.ACCORD)),
        refusals=Count(sum(1 for d in decided if d.decision is Decision.REFUS)),
        reports=Count(sum(1 for d in decided if d.decision is Decision.REPORT)),
        implicit_rejections=Count(len(silent)),
        requesters_accompanied=_requesters_accompanied(received, inputs.bpps),
        priority_participants=Share(Count(len(priority_agents)), Count(len(first_start))),
        priority_by_ground=tuple(
            Bar(_GROUND_LABELS[g][0], Count(sum(1 for a in priority_agents if g in agents[a].priority_grounds)),
                _GROUND_LABELS[g][1])
            for g in _GROUND_LABELS),
        bpp_of_right=Count(len(of_right)),
        handicap_in_time_share=handicap_share,
        handicap_referent=_protect_partition((
            Bar("À temps", Count(in_time), "informé au plus tard au début du BPP"),
            Bar("Après", Count(len(handicap) - in_time - never), "informé après le début du BPP"),
            Bar("Jamais", Count(never), "jamais informé"),
        ), total_published=not handicap_share.suppressed),
        syntheses_finalised=Count(sum(1 for status, on in inputs.syntheses
                                      if status is SynthesisStatus.FINALISE and on in period)),
        synthesis_destructions=Count(sum(1 for day in inputs.synthesis_destructions if day in period)),
        satisfaction_responses=Count(len(responses)),
        satisfaction_declined=Count(sum(1 for s in answers if s.declined)),
        satisfaction_mean=Statistic(statistics.fmean(overall) if overall else None, Count(len(overall))),
        satisfaction_satisfied=Share(Count(sum(1 for v in overall if v >= SATISFIED_FROM)), Count(len(overall))),
        satisfaction_bands=_protect_partition(
            tuple(Bar(label, Count(sum(1 for v in overall if low <= v <= high)))
                  for low, high, label in SATISFACTION_BANDS),
            total_published=not Count(len(overall)).suppressed),
        satisfaction_items=tuple((item, _mean([v for s in responses for i, v in s.scores if i is item]))
                                 for item in Commitment),
        access=_access_figures(inputs.accompaniments, period),
    )


def _access_figures(accompaniments: Sequence[AccompanimentFacts], period: Period) -> AccessFigures:
    """Access and outcome figures of the demandes d'accompagnement.

    The access rate is that of the requests made in the period (taken in charge by today); the delay is measured
    for the requests taken in charge in the period, so that requests still waiting do not bias it downwards.
    """
    received = [a for a in accompaniments if a.requested_on in period]
    taken = [a for a in accompaniments if a.taken_on is not None and a.taken_on in period]
    delays = [(a.taken_on - a.requested_on).days for a in taken if a.taken_on is not None]
    promised = [a for a in taken if a.promised_on is not None]
    closed = [a for a in accompaniments if a.closed_on is not None and a.closed_on in period]
    closed_total = Count(len(closed))
    return AccessFigures(
        requests_received=Count(len(received)),
        requests_by_level=_protect_partition(
            tuple(Bar(f"Niveau {level.value}", Count(sum(1 for a in received if a.level is level)), level.label)
                  for level in Level), total_published=not Count(len(received)).suppressed),
        requesters_taken_in_charge=Share(Count(sum(1 for a in received if a.taken_on is not None)),
                                         Count(len(received))),
        take_charge_median=Statistic(statistics.median(delays) if delays else None, Count(len(delays))),
        take_charge_buckets=_buckets(delays, TAKE_CHARGE_BOUNDS),
        promise_kept=Share(Count(sum(1 for a in promised if a.taken_on is not None and a.promised_on is not None
                                     and a.taken_on <= a.promised_on)), Count(len(promised))),
        accompaniments_closed=closed_total,
        outcomes_by_kind=_protect_partition(
            tuple(Bar(kind.label, Count(sum(1 for a in closed if a.project_kind is kind))) for kind in ProjectKind),
            total_published=not closed_total.suppressed),
        outcomes_by_result=_protect_partition(
            tuple(Bar(result.label, Count(sum(1 for a in closed if a.result is result))) for result in Result),
            total_published=not closed_total.suppressed),
        questionnaire_proposed=Share(Count(sum(1 for a in closed if a.questionnaire_proposed)), closed_total),
        questionnaire_answered=Share(Count(sum(1 for a in closed if a.questionnaire_answered)), closed_total),
    )


def _protect_partition(bars: tuple[Bar, ...], *, total_published: bool) -> tuple[Bar, ...]:
    """Bars adding up to a published total: a lone masked bar would be the total minus the others, so the
    smallest other bar is masked with it."""
    hidden = [bar for bar in bars if bar.count.suppressed]
    shown = [bar for bar in bars if not bar.count.suppressed]
    if not total_published or len(hidden) != 1 or not shown:
        return bars
    smallest = min(shown, key=lambda bar: bar.count.value)
    return tuple(replace(bar, count=replace(bar.count, masked=True)) if bar is smallest else bar for bar in bars)


def _overlaps(promotion: PromotionFacts, period: Period) -> bool:
    """A promotion runs from its start to its closing (or planned end); without a start it has not begun."""
    if promotion.start_date is None or promotion.start_date > period.end:
        return False
    finish = promotion.closed_on or promotion.end_date
    return finish is None or finish >= period.start


def _delay_buckets(delays: Sequence[int]) -> tuple[Bar, ...]:
    return _buckets(delays, DELAY_BOUNDS)


def _buckets(delays: Sequence[int], bounds: tuple[int, ...]) -> tuple[Bar, ...]:
    bars, low = [], None
    for high in bounds:
        count = Count(sum(1 for d in delays if (low is None or d >= low) and d <= high))
        if low is None:
            bars.append(Bar(f"≤ {high} j", count, f"{high} jours ou moins"))
        else:
            bars.append(Bar(f"{low}–{high} j", count, f"de {low} à {high} jours"))
        low = high + 1
    last = bounds[-1]
    bars.append(Bar(f"> {last} j", Count(sum(1 for d in delays if d > last)), f"plus de {last} jours"))
    return tuple(bars)


def _requesters_accompanied(received: Sequence[DemandeFacts], bpps: Sequence[BppFacts]) -> Share:
    """Agents who asked in the period, and among them those whose BPP started on or after their request."""
    first_request: dict[int, date] = {}
    for demande in received:
        first_request[demande.agent_id] = min(demande.request_date,
                                              first_request.get(demande.agent_id, demande.request_date))
    accompanied = {b.agent_id for b in bpps
                   if b.phase1_on and b.agent_id in first_request and b.phase1_on >= first_request[b.agent_id]}
    return Share(Count(len(accompanied)), Count(len(first_request)))


def _mean(values: Sequence[int]) -> Statistic:
    return Statistic(statistics.fmean(values) if values else None, Count(len(values)))
