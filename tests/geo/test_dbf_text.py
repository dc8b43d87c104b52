import pytest

from geo.dbf_text import cpg_codec


@pytest.mark.parametrize("declared, codec", [
    ("UTF-8", "utf-8"), ("UTF8", "utf-8"), ("65001", "utf-8"), ("1251", "cp1251"),
    ("ANSI 1251", "cp1251"), ("CP1251", "cp1251"), ("866", "cp866"), ("ISO-8859-1", "iso8859-1"),
    ("", None), ("LDID/87", None), ("KOI-8-XYZ", None),
])
def test_cpg_names_map_to_python_codecs(declared, codec):
    assert cpg_codec(declared) == codec
