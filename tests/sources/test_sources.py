"""Which reader a file goes to: by its suffix, or a .txt file by what it holds."""

from __future__ import annotations

import pytest

from ankigen.sources import kind_of
from tests.conftest import page


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("#separator:tab\n#html:true\nq\ta\n", "table"),
        ("tags:vocab\nq\ta\n", "table"),
        (page([("q", "a")]), "page"),
        ("Hund\tdog\nKatze\tcat\nMaus\tmouse\n", "table"),
        ("propose|I ___ Tom\nproposal|His ___\nsurprise|It wouldn't ___ me\n", "table"),
        ("frog,rana,0,0,\nto try,intentar;probar,0,0,\nisolation,aislamento,0,0,\n", "table"),
        ("Hund - dog;Katze - cat;Maus - mouse;", "table"),
        ("Mitochondria\nWhere respiration happens\n\nRibosome\nMakes proteins\n", "page copy"),
    ],
)
def test_a_txt_file_is_told_by_its_content(text: str, kind: str) -> None:
    assert kind_of(text) == kind
