"""The rules that compare the audit chain with its anchors, on hand-built chains."""

import pytest

from cmc_desktop.domain.journal_anchor import (
    GENESIS,
    UNREADABLE,
    Check,
    Finding,
    Inside,
    Outside,
    Point,
    check_anchor,
    verdict,
)

CHAIN = {n: f"{n:064x}" for n in range(1, 11)}  # ten entries; entry n's hash


def check(length: int, inside: Inside | None, outside, **kwargs) -> Finding:
    return check_anchor(length, CHAIN.get, inside, outside, **kwargs).finding


def at(n: int) -> Point:
    return Point(n, CHAIN[n] if n else GENESIS)


@pytest.mark.parametrize(("inside", "outside", "expected"), [
    (Inside(10, CHAIN[10], floor=9), Outside(at(10)), Finding.IN_SYNC),
    (Inside(10, CHAIN[10], floor=9), Outside(at(9)), Finding.LAGGING),  # crash after the last commit
    (Inside(10, CHAIN[10], floor=7), Outside(at(8)), Finding.LAGGING),  # a concurrent commit wrote before us
    (Inside(10, CHAIN[10], floor=9), Outside(at(7)), Finding.ROLLED_BACK),  # older than it was seen
    (Inside(10, CHAIN[10], floor=9), Outside(Point(12, "f" * 64)), Finding.TRUNCATED),
    (Inside(10, CHAIN[10], floor=9), Outside(Point(9, "e" * 64)), Finding.REWRITTEN),
    (Inside(10, CHAIN[10]), None, Finding.NOT_YET_WRITTEN),
    (Inside(10, CHAIN[10], floor=9), None, Finding.OUTSIDE_MISSING),
    (Inside(10, CHAIN[10], floor=9), UNREADABLE, Finding.OUTSIDE_FORGED),
    (Inside(10, CHAIN[10], floor=9), Outside(at(10), authenticated=False), Finding.OTHER_KEY),
    (Inside(10, CHAIN[10], floor=9), Outside(at(9), authenticated=False), Finding.OUTSIDE_FORGED),
    # a restore replaced a store whose journal was longer: accepted until the restored store's anchor is written
    (Inside(10, CHAIN[10], floor=9, replaced=Point(25, "c" * 64)), Outside(Point(25, "c" * 64)), Finding.LAGGING),
    (Inside(10, CHAIN[10], floor=9), Outside(Point(25, "c" * 64)), Finding.TRUNCATED),
    (None, Outside(at(10)), Finding.INSIDE_MISSING),
])
def test_outside_anchor_against_a_sound_chain(inside, outside, expected: Finding) -> None:
    assert check(10, inside, outside) is expected


def test_the_inside_anchor_must_be_where_the_chain_ends() -> None:
    outside = Outside(at(10))
    assert check(7, Inside(10, CHAIN[10]), outside) is Finding.TRUNCATED
    assert check(0, Inside(10, CHAIN[10]), outside) is Finding.TRUNCATED
    assert check(10, Inside(8, CHAIN[8]), outside) is Finding.REWRITTEN  # entries added behind the application
    assert check(10, Inside(10, "d" * 64), outside) is Finding.REWRITTEN
    assert check(10, Inside(10, CHAIN[10]), outside, chain_break=4) is Finding.BROKEN


def test_an_empty_journal_anchored_at_genesis() -> None:
    assert check(0, Inside(0, GENESIS), None) is Finding.NOT_YET_WRITTEN
    assert check(0, Inside(0, GENESIS), Outside(Point(0, GENESIS))) is Finding.IN_SYNC


def test_verdicts_are_french_sentences_without_plural_brackets() -> None:
    sound = check_anchor(1, CHAIN.get, Inside(1, CHAIN[1]), Outside(at(1)))
    assert verdict(sound) == "Journal d'audit intact : 1 entrée, chaîne de contrôle et ancre vérifiées."
    truncated = check_anchor(3, CHAIN.get, Inside(3, CHAIN[3]), Outside(at(5)))
    assert truncated.attested == 5 and not truncated.sound
    assert verdict(truncated).startswith("Journal d'audit altéré : il ne compte plus que 3 entrées alors que son "
                                         "ancre en atteste 5.")
    for finding in Finding:
        text = verdict(Check(finding, 2, attested=4, at=2))
        assert text.startswith("Journal d'audit ") and "(s)" not in text and text.endswith(".")
