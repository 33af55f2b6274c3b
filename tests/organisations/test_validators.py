import pytest
from django.core.exceptions import ValidationError

from organisations.validators import (
    format_bankgiro,
    format_org_number,
    format_plusgiro,
    normalise_giro,
    normalise_org_number,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("802003-1954", "8020031954"),  # Stockholms stadsmission (seeds 002, 004)
        ("212000-0142", "2120000142"),  # Stockholms stad
        ("8020031954", "8020031954"),
        ("16802003-1954", "8020031954"),  # twelve-digit form with prefix 16
        ("168020031954", "8020031954"),
        (" 802003 1954 ", "8020031954"),
    ],
)
def test_valid_organisation_numbers_are_normalised(value, expected):
    assert normalise_org_number(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("802003-1955", "Kontrollsiffran i organisationsnumret är fel."),
        ("802003-195", "Ett organisationsnummer har tio siffror (NNNNNN-NNNN)."),
        ("802003-19544", "Ett organisationsnummer har tio siffror (NNNNNN-NNNN)."),
        ("19802003-1954", "Ett tolvsiffrigt organisationsnummer måste börja med 16."),
        ("80200A-1954", "Ett organisationsnummer får bara innehålla siffror och bindestreck"),
        ("abc", "Ett organisationsnummer får bara innehålla siffror och bindestreck"),
    ],
)
def test_invalid_organisation_numbers_are_refused_in_swedish(value, message):
    with pytest.raises(ValidationError) as exc:
        normalise_org_number(value)
    assert message in exc.value.messages[0]


def test_org_number_formatting():
    assert format_org_number("8020031954") == "802003-1954"
    assert format_org_number(None) == ""


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("5050-1055", "bankgiro", "50501055"),
        ("123-4566", "bankgiro", "1234566"),
        ("90 20 01-7", "plusgiro", "9020017"),
        ("18", "plusgiro", "18"),
    ],
)
def test_valid_giro_numbers(value, kind, expected):
    assert normalise_giro(value, kind=kind) == expected


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        ("5050-1056", "bankgiro", "Kontrollsiffran i gironumret är fel."),
        ("123-456", "bankgiro", "Ett bankgironummer har 7 eller 8 siffror."),
        ("123456789", "bankgiro", "Ett bankgironummer har 7 eller 8 siffror."),
        ("1", "plusgiro", "Ett plusgironummer har 2 till 8 siffror."),
        ("902001-8", "plusgiro", "Kontrollsiffran i gironumret är fel."),
        ("5050-105X", "bankgiro", "Ett gironummer får bara innehålla siffror och bindestreck."),
    ],
)
def test_invalid_giro_numbers(value, kind, message):
    with pytest.raises(ValidationError) as exc:
        normalise_giro(value, kind=kind)
    assert exc.value.messages == [message]


def test_giro_formatting():
    assert format_bankgiro("50501055") == "5050-1055"
    assert format_plusgiro("9020019") == "902001-9"
    assert format_bankgiro("") == ""
