"""The questions of each lesson, one function each, written from the rows of the tables; and how to ask for them.

:func:`lesson_questions` gives a lesson's questions, :func:`all_questions` every lesson's,
:func:`review_markdown` the fact review's list of them (the model is :mod:`lems_viz.questions`).

Every number comes from a table or :func:`lems_viz.derived.named_numbers`; every word a
table holds comes through it in the language in use; the rest is ours, through the
message catalog. :attr:`~lems_viz.questions.Question.rule` says, in English for the fact
review, how each question's wrong options were chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from lems_viz.i18n import _, join
from lems_viz.needs import CURE_ROW, VERSUS_ROWS
from lems_viz.questions import (
    Facts,
    Option,
    Question,
    _choice,
    _true_false,
    listed,
    mid_sentence,
    n,
    right,
    sentence_start,
)


def _in_100(value: float) -> str:
    return _("About {number} in 100").format(number=n(value))


# --- 01 LEMS at a glance --------------------------------------------------------------------------------


def _overview_cancer_share(facts: Facts) -> Question:
    share, rest = facts.numbers["cancer_share"], facts.numbers["no_cancer_share"]
    why = _("About {share} in 100 people with LEMS have an underlying cancer, most often small-cell lung cancer; "
            "in the other {rest}, none is found.").format(share=n(share), rest=n(rest))  # fmt: skip
    return Question(
        "01-cancer-share", "01", "number",
        _("Out of 100 people with LEMS, about how many have an underlying cancer?"),
        "cancer_association", facts.title("cancer_association"), answer=share, tolerance=5, unit=_("in 100"),
        explanation=f"{why} {facts.see('cancer_association')}",
        rests_on=("cancer_association: group = cancer → percent",),
        rule="Typed in; right within 5 of the table's share.",
    )  # fmt: skip


def _overview_antibody_share(facts: Facts) -> Question:
    share, without = facts.numbers["antibody_share"], facts.numbers["antibody_negative"]
    cancer, see = facts.numbers["cancer_share"], facts.see("antibody_test")
    why = _("About {share} in 100 have the antibodies, so most but not all. {see}").format(share=n(share), see=see)
    options = [
        Option(_in_100(share), True, right(why)),
        Option(
            _in_100(without),
            False,
            _(
                "That is the share without the antibodies: about {without} in 100 "
                "people with LEMS have none found. {see}"
            ).format(without=n(without), see=see),
        ),  # fmt: skip
        Option(
            _("All of them"),
            False,
            _(
                "Not all: about {without} in 100 people with LEMS have no antibodies "
                "found, so a negative test does not rule LEMS out. {see}"
            ).format(without=n(without), see=see),
        ),  # fmt: skip
        Option(
            _in_100(cancer),
            False,
            _("That is the share with an underlying cancer, another of the headline numbers. {see}").format(see=see),
        ),  # fmt: skip
    ]
    return _choice(
        facts, "01-antibody-share", "01", "antibody_test",
        _("Out of 100 people with LEMS, about how many have calcium-channel antibodies in their blood?"), options,
        explanation=why,
        rests_on=("diagnostic_tests: test = Calcium-channel antibody blood test → percent_positive",
                  "cancer_association: group = cancer → percent"),
        rule="The share without (100 minus the share, share_without), 'all of them' (reading 'most' as 'all'), "
             "and the share with a cancer (another headline number).",
    )  # fmt: skip


def _overview_us_people(facts: Facts) -> Question:
    us = facts.numbers["us_people"]
    statement = _("The article puts the number of people with LEMS in the United States at about {us}.").format(
        us=n(us)
    )
    why = _(
        "The article says about {us}; lesson {lesson} sets this beside published rates, which suggest more."
    ).format(us=n(us), lesson=facts.lesson_of("fact_check"))
    return _true_false(
        facts, "01-us-people", "01", "prevalence", statement, True, f"{why} {facts.see('prevalence')}",
        rests_on=("prevalence: population = United States → people",), rule="True: the table's own figure.",
    )  # fmt: skip


# --- 02 Who gets LEMS? ------------------------------------------------------------------------------------


def _who_cancer_share(facts: Facts) -> Question:
    share, rest = facts.numbers["cancer_share"], facts.numbers["no_cancer_share"]
    see = facts.see("cancer_association")
    why = _("About {share} in 100 people with LEMS have an underlying cancer, most often small-cell lung cancer; "
            "in the other {rest}, none is found.").format(share=n(share), rest=n(rest)) + f" {see}"  # fmt: skip
    options = [
        Option(
            _in_100(share),
            True,
            right(why),
        ),  # fmt: skip
        Option(
            _in_100(rest),
            False,
            _("That is the other group: in about {rest} in 100, no cancer is found. {see}").format(
                rest=n(rest), see=see
            ),
        ),  # fmt: skip
        Option(
            _("All of them"),
            False,
            _("Not all: in about {rest} in 100 people with LEMS, no cancer is found. {see}").format(
                rest=n(rest), see=see
            ),
        ),  # fmt: skip
    ]
    return _choice(
        facts, "02-cancer-share", "02", "cancer_association",
        _("About how many in 100 people with LEMS have an underlying cancer?"), options,
        explanation=why, rests_on=("cancer_association: group = cancer, no_cancer → percent",),
        rule="The table's other row (no cancer found), and 'all of them' (reading 'many' as 'all').",
    )  # fmt: skip


def _who_most_common_cancer(facts: Facts) -> Question:
    cancers = facts.table("associated_cancers")
    most = cancers.loc[cancers.most_common.fillna(False).astype(bool), "cancer"].iloc[0]
    see = facts.see("associated_cancers")
    why = _("The cancer most often linked with LEMS is {cancer}. {see}").format(cancer=mid_sentence(most), see=see)
    options = [
        Option(row.cancer, bool(row.most_common),
               right(why) if row.most_common else
               _("{cancer}: also linked with LEMS, but less often than {most}. {see}").format(
                   cancer=row.cancer, most=mid_sentence(most), see=see))
        for row in cancers.itertuples()
    ]  # fmt: skip
    return _choice(
        facts, "02-most-common-cancer", "02", "associated_cancers",
        _("Which cancer is most often linked with LEMS?"), options, explanation=why,
        rests_on=("associated_cancers: every row → cancer, most_common",),
        rule="The table's other cancers, each linked with LEMS but less often.",
    )  # fmt: skip


def _who_age_with_cancer(facts: Facts) -> Question:
    age = facts.numbers["age_cancer"]
    why = _("With an underlying cancer, LEMS is usually diagnosed around the age of {age}.").format(age=n(age))
    return Question(
        "02-age-with-cancer", "02", "number",
        _("With an underlying cancer, around what age is LEMS usually diagnosed?"),
        "age_at_diagnosis", facts.title("age_at_diagnosis"), answer=age, tolerance=5, unit=_("years"),
        explanation=f"{why} {facts.see('age_at_diagnosis')}",
        rests_on=("age_at_diagnosis: group = cancer → peak_age",), rule="Typed in; right within 5 years.",
    )  # fmt: skip


def _who_two_peaks(facts: Facts) -> Question:
    ages = facts.table("age_at_diagnosis")
    peaks = sorted(ages.loc[ages.group == "no_cancer", "peak_age"])
    why = _("When no cancer is found, diagnoses peak around {ages}.").format(ages=join(n(a) for a in peaks))
    return _true_false(
        facts, "02-two-peaks", "02", "age_at_diagnosis",
        _("When no cancer is found, diagnoses of LEMS tend to peak at two different ages."), len(peaks) == 2,
        f"{why} {facts.see('age_at_diagnosis')}",
        rests_on=("age_at_diagnosis: group = no_cancer → peak, peak_age",),
        rule="True when the table has two peaks for the group with no cancer found.",
    )  # fmt: skip


# --- 03 How LEMS works -------------------------------------------------------------------------------------


def _chain(facts: Facts) -> list[str]:
    return list(facts.table("mechanism").sort_values("step").event)


def _how_chain_order(facts: Facts) -> Question:
    chain = _chain(facts)
    why = _("The chain runs: {steps}.").format(steps=", ".join(mid_sentence(e) for e in chain))
    return Question(
        "03-chain-order", "03", "order", _("Put the steps from the antibodies to weak muscles in order."),
        "mechanism", facts.title("mechanism"), order=tuple(chain), explanation=f"{why} {facts.see('mechanism')}",
        rests_on=("mechanism: every row → step, event",), rule="Shown in alphabetical order (scrambled).",
    )  # fmt: skip


def _how_after_first(facts: Facts) -> Question:
    chain = _chain(facts)
    details = list(facts.table("mechanism").sort_values("step").detail)
    see = facts.see("mechanism")
    options = [
        Option(event, i == 1,
               right(f"{details[1]} {see}") if i == 1
               else _("That comes later: it is step {step} of {steps}. {see}").format(
                   step=i + 1, steps=len(chain), see=see))
        for i, event in enumerate(chain) if i > 0
    ]  # fmt: skip
    return _choice(
        facts, "03-after-first", "03", "mechanism",
        _("In the chain of events, what comes straight after “{first}”?").format(first=chain[0]), options,
        explanation=f"{details[1]} {see}", rests_on=("mechanism: every row → step, event",),
        rule="The later steps of the same chain; the right one's feedback is its row's detail.",
    )  # fmt: skip


def _how_order_statement(facts: Facts) -> Question:
    chain = _chain(facts)
    statement = _("“{later}” comes before “{earlier}”.").format(later=chain[2], earlier=chain[1])
    why = _("The chain runs: {steps}.").format(steps=", ".join(mid_sentence(e) for e in chain))
    return _true_false(
        facts, "03-order-statement", "03", "mechanism", statement, False, f"{why} {facts.see('mechanism')}",
        rests_on=("mechanism: step = 2, 3 → event",), rule="False: steps 2 and 3 swapped.",
    )  # fmt: skip


# --- 04 Symptoms ---------------------------------------------------------------------------------------------


def _regions(facts: Facts) -> list[str]:
    return list(facts.table("symptom_progression").sort_values("order").region)


def _symptoms_order(facts: Facts) -> Question:
    regions = _regions(facts)
    why = _("Weakness usually reaches them in this order: {regions}.").format(
        regions=", ".join(mid_sentence(r) for r in regions)
    )
    return Question(
        "04-progression-order", "04", "order", _("Put these in the order weakness usually reaches them in LEMS."),
        "symptom_progression", facts.title("symptom_progression"), order=tuple(regions),
        explanation=f"{why} {facts.see('symptom_progression')}",
        rests_on=("symptom_progression: every row → order, region",), rule="Shown in alphabetical order (scrambled).",
    )  # fmt: skip


def _symptoms_first_region(facts: Facts) -> Question:
    regions = _regions(facts)
    see = facts.see("symptom_progression")
    why = (
        _("Weakness in LEMS usually starts in this part of the body: {region}.").format(region=mid_sentence(regions[0]))
        + f" {see}"
    )
    options = [
        Option(region, i == 0,
               right(why) if i == 0 else
               _("Weakness usually reaches this later: it is number {place} of {places}. {see}").format(
                   place=i + 1, places=len(regions), see=see))
        for i, region in enumerate(regions)
    ]  # fmt: skip
    return _choice(
        facts, "04-first-region", "04", "symptom_progression",
        _("Where does weakness in LEMS usually start?"), options, explanation=why,
        rests_on=("symptom_progression: every row → order, region",),
        rule="The table's other places, which weakness usually reaches later.",
    )  # fmt: skip


def _symptoms_starts_last(facts: Facts) -> Question:
    regions = _regions(facts)
    statement = _("Weakness in LEMS usually starts in this part of the body: {region}.").format(
        region=mid_sentence(regions[-1])
    )
    why = _("It usually starts in this part of the body: {first}. This one usually comes last: {last}.").format(
        first=mid_sentence(regions[0]), last=mid_sentence(regions[-1])
    )
    return _true_false(
        facts, "04-starts-last", "04", "symptom_progression", statement, False,
        f"{why} {facts.see('symptom_progression')}",
        rests_on=("symptom_progression: order = first, last → region",),
        rule="False: the last place named as the first.",
    )  # fmt: skip


def _symptoms_autonomic_count(facts: Facts) -> Question:
    symptoms = list(facts.table("autonomic_symptoms").symptom)
    why = _("The article lists {count}: {symptoms}.").format(count=n(len(symptoms)), symptoms=listed(symptoms))
    return Question(
        "04-autonomic-count", "04", "number",
        _("How many symptoms beyond the muscles (of the automatic nervous system) does the article list?"),
        "autonomic_symptoms", facts.title("autonomic_symptoms"), answer=float(len(symptoms)), tolerance=0,
        explanation=f"{why} {facts.see('autonomic_symptoms')}",
        rests_on=("autonomic_symptoms: every row → symptom (counted)",), rule="Typed in; right when exact.",
    )  # fmt: skip


# --- 05 Diagnosis and screening ----------------------------------------------------------------------------


def _diagnosis_antibody_share(facts: Facts) -> Question:
    share, without = facts.numbers["antibody_share"], facts.numbers["antibody_negative"]
    why = _("About {share} in 100 people with LEMS have the antibodies; about {without} in 100 do not.").format(
        share=n(share), without=n(without)
    )
    return Question(
        "05-antibody-share", "05", "number",
        _("Out of 100 people with LEMS, about how many have calcium-channel antibodies in their blood?"),
        "antibody_test", facts.title("antibody_test"), answer=share, tolerance=5, unit=_("in 100"),
        explanation=f"{why} {facts.see('antibody_test')}",
        rests_on=("diagnostic_tests: test = Calcium-channel antibody blood test → percent_positive",),
        rule="Typed in; right within 5.",
    )  # fmt: skip


def _diagnosis_negative_test(facts: Facts) -> Question:
    without = facts.numbers["antibody_negative"]
    why = _("About {without} in 100 people with LEMS have no antibodies found, so a negative test alone does not "
            "rule LEMS out.").format(without=n(without))  # fmt: skip
    return _true_false(
        facts, "05-negative-test", "05", "antibody_test", _("A negative antibody blood test rules LEMS out."),
        without == 0, f"{why} {facts.see('antibody_test')}",
        rests_on=("diagnostic_tests: test = Calcium-channel antibody blood test → percent_positive",),
        rule="False while the share without antibodies (share_without) is above 0.",
    )  # fmt: skip


def _screening(facts: Facts) -> dict[str, tuple[float, float]]:
    rows = facts.table("cancer_screening").set_index("measure")
    return {m: (rows.at[m, "min_months"], rows.at[m, "max_months"]) for m in rows.index}


def _diagnosis_screening_interval(facts: Facts) -> Question:
    plan = _screening(facts)
    low, high = plan["screening_interval"]
    duration, lead = plan["screening_duration"][0], plan["lems_lead"][1]
    see = facts.see("cancer_screening")
    every = _("Every {low} to {high} months").format(low=n(low), high=n(high))
    why = _("A typical plan scans every {low} to {high} months while no cancer has been found; each person's "
            "clinician sets their own plan. {see}").format(low=n(low), high=n(high), see=see)  # fmt: skip
    options = [
        Option(
            every,
            True,
            right(why),
        ),  # fmt: skip
        Option(
            _("Every {months} months").format(months=n(duration)),
            False,
            _(
                "{months} months is how long screening usually goes on at least, not the time between scans. {see}"
            ).format(months=n(duration), see=see),
        ),  # fmt: skip
        Option(
            _("Every {months} months").format(months=n(lead)),
            False,
            _("{months} months is how long LEMS can come before its cancer, not the time between scans. {see}").format(
                months=n(lead), see=see
            ),
        ),  # fmt: skip
    ]
    return _choice(
        facts, "05-screening-interval", "05", "cancer_screening",
        _("While no cancer has been found, how often does a typical plan scan for lung cancer?"), options,
        explanation=why,
        rests_on=("cancer_screening: measure = screening_interval → min_months, max_months",
                  "cancer_screening: measure = screening_duration → min_months",
                  "cancer_screening: measure = lems_lead → max_months"),
        rule="The table's other spans (how long screening lasts, how long LEMS can come first) "
             "read as the time between scans.",
    )  # fmt: skip


def _diagnosis_screening_duration(facts: Facts) -> Question:
    months = _screening(facts)["screening_duration"][0]
    why = _("While no cancer has been found, screening usually goes on for at least {months} months after the "
            "diagnosis.").format(months=n(months))  # fmt: skip
    return Question(
        "05-screening-duration", "05", "number",
        _("While no cancer has been found, for at least how many months after the diagnosis does screening "
          "usually go on?"),
        "cancer_screening", facts.title("cancer_screening"), answer=float(months), tolerance=0, unit=_("months"),
        explanation=f"{why} {facts.see('cancer_screening')}",
        rests_on=("cancer_screening: measure = screening_duration → min_months",), rule="Typed in; right when exact.",
    )  # fmt: skip


# --- 06 Treatment --------------------------------------------------------------------------------------------


def _treatment_off_label(facts: Facts) -> Question:
    table = facts.table("treatments")
    medicines = table[table.category == "symptomatic"]
    see = facts.see("treatments")
    options = []
    for row in medicines.itertuples():
        known = not pd.isna(row.off_label)
        off = known and bool(row.off_label)
        if off:
            why = _("The article says that using {name} for LEMS is off-label in the U.S. {see}").format(
                name=mid_sentence(row.treatment), see=see
            )
            options.append(Option(row.treatment, True, right(why)))
            continue
        if known:
            feedback = _("Not this one: {name} is approved for LEMS. {see}")
        else:
            feedback = _("Not this one: the article does not say that {name} is used off-label. {see}")
        options.append(Option(row.treatment, False, feedback.format(name=mid_sentence(row.treatment), see=see)))
    return _choice(
        facts, "06-unapproved-use", "06", "treatments",
        _("Which of these medicines is used for LEMS off-label in the U.S., as the article says?"), options,
        explanation=why,
        rests_on=("treatments: category = symptomatic → treatment, off_label",),
        rule="The other medicines of the same family (they strengthen nerve-to-muscle signals).",
    )  # fmt: skip


def _treatment_cancer_first(facts: Facts) -> Question:
    table = facts.table("treatments")
    first = table.groupby("category", sort=False).head(1)
    see = facts.see("treatments")
    cancer = first[first.category == "cancer treatment"].iloc[0]
    why = _("With {name}, the cancer itself is treated. {how}. {see}").format(
        name=mid_sentence(cancer.treatment), how=cancer.how_it_helps.rstrip("."), see=see
    )
    options = [
        Option(row.treatment, row.category == "cancer treatment",
               right(why) if row.category == "cancer treatment" else
               _("{name} helps another way: {how}. {see}").format(
                   name=row.treatment, how=mid_sentence(row.how_it_helps), see=see))
        for row in first.itertuples()
    ]  # fmt: skip
    return _choice(
        facts, "06-cancer-treatment", "06", "treatments",
        _("Which of these treats an underlying cancer, which can help ease LEMS?"), options, explanation=why,
        rests_on=("treatments: the first row of each category → treatment, how_it_helps",),
        rule="The first treatment of each other family in the same table.",
    )  # fmt: skip


def _treatment_cure(facts: Facts) -> Question:
    from lems_viz.dataset import load

    english = list(load("outlook", facts.data_dir, lang="en").situation)
    cure = facts.table("outlook").outlook.iloc[english.index(CURE_ROW)]
    why = _("The article's outlook: {cure}.").format(cure=mid_sentence(cure))
    return _true_false(
        facts, "06-cure", "06", "treatments", _("A cure for LEMS is known."), False,
        f"{why} {_('Treatment can ease LEMS.')} {facts.see('treatments')}",
        rests_on=("outlook: situation = Cure → outlook",), rule="False: the outlook table's Cure row.",
    )  # fmt: skip


# --- 07 LEMS or myasthenia gravis? -------------------------------------------------------------------------


def _side_by_side(row: Any, see: str) -> str:
    """A row of the LEMS and myasthenia gravis table as a sentence: the feature, then each condition's cell."""
    return _("{feature}, in LEMS: {lems}; in myasthenia gravis: {mg}. {see}").format(
        feature=row.feature, lems=mid_sentence(row.lems), mg=mid_sentence(row.mg), see=see
    )


#: The start of the autonomic row's feature ("Autonomic symptoms (dry mouth and eyes, …)").
AUTONOMIC_ROW = "Autonomic symptoms"


def _versus(facts: Facts) -> dict[str, Any]:
    """The rows of ``lems_vs_mg`` the questions use, in the language in use, found by their English feature."""
    from lems_viz.dataset import load

    rows = list(facts.table("lems_vs_mg").itertuples())
    english = list(load("lems_vs_mg", facts.data_dir, lang="en").feature)
    found = {name: rows[english.index(feature)] for name, feature in VERSUS_ROWS.items()}
    found["autonomic"] = rows[next(i for i, f in enumerate(english) if f.startswith(AUTONOMIC_ROW))]
    return found


def _versus_where_starts(facts: Facts) -> Question:
    rows = _versus(facts)
    starts, spreads = rows["starts"], rows["spreads"]
    see = facts.see("lems_vs_mg")
    why = _side_by_side(starts, see)
    options = [
        Option(starts.lems, True, right(why)),
        Option(starts.mg, False, _("That is how myasthenia gravis commonly starts, not LEMS. {see}").format(see=see)),
        Option(spreads.lems, False,
               _("That is where weakness in LEMS goes next, not where it starts. {see}").format(see=see)),
    ]  # fmt: skip
    return _choice(
        facts, "07-where-starts", "07", "lems_vs_mg", _("Where does weakness usually start in LEMS?"), options,
        explanation=why, rests_on=("lems_vs_mg: feature = Where weakness starts, Where it spreads next → lems, mg",),
        rule="MG's cell of the same row, and LEMS's cell of the row 'Where it spreads next'.",
    )  # fmt: skip


def _versus_autonomic(facts: Facts) -> Question:
    symptoms = list(facts.table("autonomic_symptoms").symptom)[:2]
    rows = _versus(facts)
    lems, mg = rows["autonomic"].lems, rows["autonomic"].mg
    statement = _("Symptoms such as {symptoms} are more common in LEMS than in myasthenia gravis.").format(
        symptoms=listed(symptoms)
    )
    why = _("In LEMS: {lems}. In myasthenia gravis: {mg}.").format(lems=mid_sentence(lems), mg=mid_sentence(mg))
    return _true_false(
        facts, "07-autonomic", "07", "autonomic_symptoms", statement, True, f"{why} {facts.see('autonomic_symptoms')}",
        rests_on=("autonomic_symptoms: rows 1-2 → symptom", "lems_vs_mg: feature = Autonomic symptoms (…) → lems, mg"),
        rule="True: the LEMS and MG cells of the autonomic row.",
    )  # fmt: skip


def _versus_breathing(facts: Facts) -> Question:
    rows = _versus(facts)
    breathing, eyes = rows["breathing"], rows["eyes"]
    see = facts.see("lems_vs_mg")
    why = _side_by_side(breathing, see)
    options = [
        Option(breathing.lems, True, right(why)),
        Option(breathing.mg, False, _("That is myasthenia gravis. {see}").format(see=see)),
        Option(eyes.lems, False,
               _("That is what the chart says of eye muscle weakness in LEMS. {see}").format(see=see)),
    ]  # fmt: skip
    return _choice(
        facts, "07-breathing", "07", "lems_vs_mg",
        _("How does the article describe severe weakness of the breathing muscles in LEMS?"), options,
        explanation=why,
        rests_on=("lems_vs_mg: feature = Eye muscle weakness, Severe breathing-muscle weakness → lems, mg",),
        rule="MG's cell of the same row, and LEMS's cell of the eye-muscle row.",
    )  # fmt: skip


# --- 08 Fact check -------------------------------------------------------------------------------------------


def _fact_worldwide_verdict(facts: Facts) -> Question:
    from lems_viz.derived import VERDICTS, fact_checks

    checks = fact_checks(facts.data_dir).set_index("fact")
    english = facts_english_verdicts(facts)
    correct = english["worldwide_people"]
    see = facts.see("fact_check")
    why = _("No study counts people with LEMS worldwide, and our extrapolation from published rates puts the number "
            "far lower, at about {low} to {high}. {see}").format(
        low=n(facts.numbers["world_low"]), high=n(facts.numbers["world_high"]), see=see)  # fmt: skip
    options = []
    for verdict in dict.fromkeys(english.values()):
        labels = join(checks.at[f, "label"] for f, v in english.items() if v == verdict)
        feedback = (
            right(why)
            if verdict == correct
            else _("That verdict went to: {labels}. {see}").format(labels=labels, see=see)
        )
        options.append(Option(sentence_start(_(VERDICTS[verdict])), verdict == correct, feedback))
    return _choice(
        facts, "08-worldwide-verdict", "08", "fact_check",
        _("What did the fact check find about the article's worldwide count of people with LEMS?"), options,
        explanation=why,
        rests_on=("fact_checks: every row → verdict", "fact_checks: fact = worldwide_people → reference_low, "
                  "reference_high (extrapolated_range)"),
        rule="The other verdicts the fact check gave, each to the figures named in its feedback.",
    )  # fmt: skip


def facts_english_verdicts(facts: Facts) -> dict[str, str]:
    """Each fact's verdict code (the English the table keys on), computed as the fact check computes it."""
    from lems_viz.derived import fact_checks
    from lems_viz.i18n import language

    with language("en"):
        checks = fact_checks(facts.data_dir)
    return dict(zip(checks.fact, checks.verdict, strict=True))


def _fact_rate_low(facts: Facts) -> Question:
    low, high = facts.numbers["rate_low"], facts.numbers["rate_high"]
    why = _("Published rates run from about {low} to {high} people with LEMS in every million.").format(
        low=n(low), high=n(high)
    )
    return Question(
        "08-rate-low", "08", "number",
        _("Published rates of LEMS start at about how many people in every million?"),
        "fact_check", facts.title("fact_check"), answer=low, tolerance=0.1, unit=_("in every million"),
        explanation=f"{why} {facts.see('fact_check')}",
        rests_on=("fact_checks: fact = prevalence_rate → reference_low, reference_high",),
        rule="Typed in; right within 0.1.",
    )  # fmt: skip


def _fact_antibody_within(facts: Facts) -> Question:
    share, low, high = (facts.numbers[k] for k in ("antibody_share", "antibody_low", "antibody_high"))
    statement = _("The article's share with antibodies, about {share} in 100, lies within the range published "
                  "studies give.").format(share=n(share))  # fmt: skip
    why = _("Published studies give {low} to {high} in 100.").format(low=n(low), high=n(high))
    return _true_false(
        facts, "08-antibody-within", "08", "fact_check", statement, facts_english_verdicts(facts)["antibody_positive"]
        == "within range", f"{why} {facts.see('fact_check')}",
        rests_on=("fact_checks: fact = antibody_positive → article_value, reference_low, reference_high, verdict",),
        rule="True when the fact check's verdict is 'within range'.",
    )  # fmt: skip


#: Each lesson's questions, in the order asked.
BANK: dict[str, list[Callable[[Facts], Question]]] = {
    "01": [_overview_cancer_share, _overview_antibody_share, _overview_us_people],
    "02": [_who_cancer_share, _who_most_common_cancer, _who_age_with_cancer, _who_two_peaks],
    "03": [_how_chain_order, _how_after_first, _how_order_statement],
    "04": [_symptoms_order, _symptoms_first_region, _symptoms_starts_last, _symptoms_autonomic_count],
    "05": [
        _diagnosis_antibody_share,
        _diagnosis_negative_test,
        _diagnosis_screening_interval,
        _diagnosis_screening_duration,
    ],
    "06": [_treatment_off_label, _treatment_cancer_first, _treatment_cure],
    "07": [_versus_where_starts, _versus_autonomic, _versus_breathing],
    "08": [_fact_worldwide_verdict, _fact_rate_low, _fact_antibody_within],
}


def lesson_questions(
    lesson: str | int, *, data_dir: Path | str | None = None, facts: Facts | None = None
) -> list[Question]:
    """The questions that close a lesson, in the language in use.

    Parameters
    ----------
    lesson : str or int
        The lesson's number: ``2`` or ``"02"``.
    data_dir : path-like, optional
        Data folder to write them from.
    facts : Facts, optional
        The tables already read (of ``data_dir``, in the language in use), to share between lessons.

    Returns
    -------
    list of Question

    Raises
    ------
    KeyError
        For a lesson with no questions.
    """
    key = f"{int(lesson):02d}"
    if key not in BANK:
        raise KeyError(f"no questions for lesson {lesson!r}; the lessons are {', '.join(BANK)}")
    facts = facts or Facts(data_dir)
    return [build(facts) for build in BANK[key]]


def all_questions(*, data_dir: Path | str | None = None) -> dict[str, list[Question]]:
    """Every lesson's questions, by lesson number, in the language in use."""
    facts = Facts(data_dir)
    return {lesson: lesson_questions(lesson, facts=facts) for lesson in BANK}


def review_markdown(*, data_dir: Path | str | None = None) -> str:
    """Every question as a row of the fact review (``docs/fact-review.md``): what it asks, its answer, what it rests on.

    In English, from the data as it is; a test keeps the review's copy equal to this, so a
    changed question or table cannot go unreviewed.

    Returns
    -------
    str
        A Markdown table.
    """
    from lems_viz.i18n import language

    rows = ["| id | kind | question | right answer | rests on | wrong options, or how it is marked |",
            "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    with language("en"):
        for questions in all_questions(data_dir=data_dir).values():
            for q in questions:
                if q.kind == "number":
                    answer = f"{n(q.answer)} (± {n(q.tolerance)}) {q.unit}".strip()
                elif q.kind == "order":
                    answer = " → ".join(q.order)
                else:
                    answer = next(o.text for o in q.options if o.correct)
                cells = [f"`{q.id}`", q.kind, q.prompt, answer, "; ".join(f"`{r}`" for r in q.rests_on), q.rule]
                rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"
