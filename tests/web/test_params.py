import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from web.params import (
    Filters, QueryError, parse_bbox, parse_codes, parse_filters, parse_lang, parse_bounded_int,
    parse_offset, parse_point, parse_years,
)
from geo.vocab import CATEGORIES, STATUSES


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("2023", (2023, 2023)), (" 2022-2024 ", (2022, 2024)),
    ("2023-2023", (2023, 2023)),
])
def test_years(value, expected):
    assert parse_years(value) == expected


@pytest.mark.parametrize("value", ["2024-2022", "23", "1999", "2101", "2023-", "２０２３", "2023,2024", "nan"])
def test_bad_years(value):
    with pytest.raises(QueryError) as caught:
        parse_years(value)
    assert caught.value.param == "year"


def test_reversed_range_is_named():
    with pytest.raises(QueryError, match="reversed"):
        parse_years("2024-2022")


def test_codes_are_sorted_and_deduplicated():
    assert parse_codes("category", "water, roads,water", CATEGORIES) == ("roads", "water")
    assert parse_codes("status", ",", STATUSES) is None
    with pytest.raises(QueryError, match="unknown value 'finished'"):
        parse_codes("status", "done,finished", STATUSES)


def test_filters_from_args_with_repeated_parameters():
    args = MultiDict([("year", "2023"), ("category", "roads"), ("category", "water"),
                      ("status", "done"), ("district", "zashchita"), ("lang", "kk")])
    assert parse_filters(args) == Filters(
        years=(2023, 2023), categories=("roads", "water"), statuses=("done",),
        district="zashchita", bbox=None, lang="kk")
    assert parse_filters(MultiDict()) == Filters()


@pytest.mark.parametrize("value, expected", [
    ("82.5,49.9,82.7,50.0", (82.5, 49.9, 82.7, 50.0)),
    ("179,-10,-179,10", (179.0, -10.0, -179.0, 10.0)),  # crosses the antimeridian
])
def test_bbox(value, expected):
    assert parse_bbox(value) == expected


@pytest.mark.parametrize("value", [
    "1,2,3", "1,2,3,4,5", "a,b,c,d", "nan,0,1,1", "inf,0,1,1", "0,0,1e999,1",
    "0,50,1,40", "-181,0,0,1", "0,-91,1,0", "0x10,0,1,1",
])
def test_bad_bbox(value):
    with pytest.raises(QueryError):
        parse_bbox(value)


def test_lang():
    assert parse_lang(None) == "ru"
    assert parse_lang("en") == "en"
    with pytest.raises(QueryError):
        parse_lang("de")


def test_point_and_radius():
    assert parse_point({"lat": "49.95", "lon": "82.61"}) == (82.61, 49.95, 1000)
    assert parse_point({"lat": "49.95", "lon": "82.61", "radius": "250"}) == (82.61, 49.95, 250)
    for args in ({"lat": "49.95"}, {"lat": "91", "lon": "0"}, {"lat": "0", "lon": "0", "radius": "10001"},
                 {"lat": "0", "lon": "0", "radius": "0"}, {"lat": "0", "lon": "0", "radius": "-5"}):
        with pytest.raises(QueryError):
            parse_point(args)


def parse_limit(value):
    """The API's ``limit`` as it was checked before ``parse_bounded_int`` replaced ``parse_limit``."""
    return parse_bounded_int("limit", value, minimum=1, maximum=1000, default=100,
                             message="must be between 1 and %(max)s")


def test_limit_and_offset():
    assert parse_limit(None) == 100
    assert parse_limit("5") == 5
    assert parse_offset("") == 0
    for bad in ("0", "1001", "-1", "1.5", "x"):
        with pytest.raises(QueryError):
            parse_limit(bad)
    with pytest.raises(QueryError):
        parse_offset("-3")


def test_error_describes_param_and_value():
    with pytest.raises(QueryError) as caught:
        parse_years("20x3")
    assert caught.value.description == "year: expected a year like 2023 or a range like 2022-2024, got '20x3'"
    assert caught.value.translated(lambda s: s.upper().replace("%(VALUE)S", "%(value)s")).startswith("year: EXPECTED")


def test_long_values_are_shortened_in_messages():
    with pytest.raises(QueryError) as caught:
        parse_years("9" * 5000)
    assert len(caught.value.description) < 150


PARSERS = [parse_years, parse_bbox, parse_lang, parse_limit, parse_offset,
           lambda v: parse_codes("category", v, CATEGORIES)]
ARG_NAMES = ["year", "category", "status", "district", "bbox", "lang", "lat", "lon", "radius"]


@given(st.sampled_from(PARSERS), st.text())
def test_parsers_raise_only_query_error(parser, value):
    try:
        parser(value)
    except QueryError:
        pass


@given(st.dictionaries(st.sampled_from(ARG_NAMES), st.text(max_size=30)))
def test_filters_and_point_raise_only_query_error(args):
    for parse in (lambda: parse_filters(MultiDict(args)), lambda: parse_point(args)):
        try:
            result = parse()
        except QueryError:
            continue
        if isinstance(result, tuple):  # a point: all finite
            assert all(math.isfinite(v) for v in result)


@given(st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90))
def test_bbox_round_trips_valid_boxes(minlon, lat1, maxlon, lat2):
    minlat, maxlat = sorted((lat1, lat2))
    text = ",".join(repr(v) for v in (minlon, minlat, maxlon, maxlat))
    assert parse_bbox(text) == (minlon, minlat, maxlon, maxlat)


@given(st.from_regex(r"\A[0-9]{1,60}\Z"), st.integers(1, 10_000))
def test_a_page_size_of_any_length_is_capped_or_refused(digits, cap):
    from web.params import parse_page_size

    if int(digits) == 0:
        with pytest.raises(QueryError):
            parse_page_size(digits, default=10, cap=cap)
    else:
        assert parse_page_size(digits, default=10, cap=cap) == min(int(digits), cap)


@given(st.from_regex(r"\A[0-9]{7,60}\Z"))
def test_offsets_beyond_the_maximum_are_refused_whatever_their_length(digits):
    from web.params import MAX_OFFSET

    if int(digits) > MAX_OFFSET:
        with pytest.raises(QueryError):
            parse_offset(digits)
    else:
        assert parse_offset(digits) == int(digits)


@given(st.integers(2000, 2100), st.integers(2000, 2100))
def test_year_ranges_are_accepted_in_order_and_refused_reversed(first, last):
    if first <= last:
        assert parse_years(f"{first}-{last}") == (first, last)
    else:
        with pytest.raises(QueryError, match="reversed"):
            parse_years(f"{first}-{last}")


@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True),
       st.floats(allow_nan=True, allow_infinity=True))
def test_a_point_is_in_range_and_finite_or_refused(lat, lon, radius):
    try:
        lon_out, lat_out, radius_m = parse_point({"lat": repr(lat), "lon": repr(lon), "radius": repr(radius)})
    except QueryError:
        return
    assert -90 <= lat_out <= 90 and -180 <= lon_out <= 180 and 0 < radius_m <= 10_000


def test_need_filters_read_the_needs_statuses_and_status_type():
    from web.params import parse_need_filters

    args = MultiDict([("status", "met"), ("status", "declined"), ("status_type", "open,met"),
                      ("year", "2023"), ("lang", "kk")])
    assert parse_need_filters(args) == Filters(
        years=(2023, 2023), statuses=("declined", "met"), status_types=("met", "open"), lang="kk")
    assert parse_need_filters(MultiDict()) == Filters()
    for bad in ({"status": "done"}, {"status_type": "waiting"}):
        with pytest.raises(QueryError) as caught:
            parse_need_filters(MultiDict(bad))
        assert caught.value.param == next(iter(bad))
    with pytest.raises(QueryError):  # works keep their own vocabulary
        parse_filters(MultiDict({"status": "met"}))


# Issue 17 item 4: what a ru/kk keyboard types is accepted, garbage is still refused.

@pytest.mark.parametrize("value", [
    "2023 - 2024", "2023–2024", "2023 – 2024", "2023—2024", "2023 —2024", "2023\u22122024",
    "2023\u00a0-\u00a02024", " 2023-2024 ",
])
def test_year_ranges_as_keyboards_type_them(value):
    assert parse_years(value) == (2023, 2024)


@pytest.mark.parametrize("value", [
    "2023 2024", "2023--2024", "2023 - ", "– 2024", "2023–2024–2025", "2023~2024", "2023 -- 2024",
    "2024 – 2023",
])
def test_year_garbage_with_dashes_is_still_refused(value):
    with pytest.raises(QueryError) as caught:
        parse_years(value)
    assert caught.value.param == "year"


def test_a_decimal_comma_is_a_decimal_point():
    assert parse_point({"lat": "49,9525", "lon": " 82,65446 "}) == (82.65446, 49.9525, 1000)
    assert parse_point({"lat": "49.9525", "lon": "82,65446", "radius": "500,5"}) == (82.65446, 49.9525, 500.5)


@pytest.mark.parametrize("lat", ["49,95,25", "49,9.5", ",", "49 , 95", "49,95e", "1,5,"])
def test_numbers_with_more_than_a_decimal_comma_are_refused(lat):
    with pytest.raises(QueryError) as caught:
        parse_point({"lat": lat, "lon": "82.6"})
    assert caught.value.param == "lat"


def test_a_bbox_is_still_four_numbers_split_on_commas():
    assert parse_bbox("82.5,49.9,82.7,50.0") == (82.5, 49.9, 82.7, 50.0)
    with pytest.raises(QueryError, match="4 numbers"):
        parse_bbox("82,5,49,9,82,7,50,0")


def test_typed_text_is_collapsed_bounded_and_printable():
    from web.params import parse_text
    assert parse_text("q", "  ул.\tГорького \n", max_chars=20) == "ул. Горького"
    assert parse_text("q", " ", max_chars=20) is None and parse_text("q", None, max_chars=20) is None
    for value, required, message in [("", True, "type what"), ("x" * 21, False, "at most 20"),
                                      ("a\x00b", False, "is not text")]:
        with pytest.raises(QueryError, match=message) as caught:
            parse_text("q", value, max_chars=20, required=required)
        assert caught.value.param == "q"
