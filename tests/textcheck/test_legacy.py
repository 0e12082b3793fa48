"""Legacy encodings (issue 16, item 7): TCVN3, VNI, VIQR and UTF-8 read as Windows-1252 are repaired;
unreadable text is refused with a message and never judged."""

from __future__ import annotations

import json
import subprocess
import sys

from ct05.textcheck import assess, repair
from ct05.textcheck.legacy import is_syllable


def test_it_repairs_tcvn3_abc_vntime_mojibake() -> None:
    r = repair("Céng hoµ x· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc")
    assert r.text == "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"
    assert (r.repaired, r.encoding, r.readable) == (True, "tcvn3", True)


def test_it_keeps_capitals_typed_in_the_vntimeh_font() -> None:
    assert repair("CéNG HOµ X· HéI").text == "CỘNG HOÀ XÃ HỘI"


def test_it_repairs_vni_mojibake() -> None:
    r = repair("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc")
    assert r.text == "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
    assert r.encoding == "vni"


def test_it_repairs_viqr_and_keeps_sentence_punctuation() -> None:
    r = repair("Ta la` ngu+o+`i Vie^.t Nam. Ba.n co' khoe? kho^ng?")
    assert r.text == "Ta là người Việt Nam. Bạn có khoẻ không?"
    assert r.encoding == "viqr"


def test_it_repairs_utf8_read_as_windows_1252() -> None:
    broken = "Việt Nam độc lập".encode().decode("cp1252")
    assert repair(broken).text == "Việt Nam độc lập"


def test_it_leaves_unicode_vietnamese_and_acronyms_alone() -> None:
    for text in ["Trồng 50 cây xanh ở khuôn viên nhà văn hoá", "Họp UBND xã, THCS, Zalo", "Lò Văn Páo"]:
        r = repair(text)
        assert (r.text, r.repaired, r.readable) == (text, False, True)


def test_it_refuses_unreadable_text_with_a_message() -> None:
    for text in ["xyzzy qwrtp fghjk blorf", "日本語のテキストです本当に"]:
        r = repair(text)
        assert not r.readable
        assert "Không đọc được nội dung" in r.message


def test_unreadable_text_is_not_judged() -> None:
    a = assess("xyzzy qwrtp fghjk blorf 12 zzz")
    assert not a.readable
    assert [r.code for r in a.reasons] == ["unreadable"]
    assert a.verdict == "generic" and a.score == 0


def test_a_syllable_has_at_most_one_tone_and_a_vietnamese_shape() -> None:
    assert is_syllable("nghiêng") and is_syllable("Quyết") and is_syllable("gì")
    assert not is_syllable("zalo") and not is_syllable("ộộ") and not is_syllable("hoáà")


def test_the_command_line_repairs_json_lines() -> None:
    lines = "".join(
        json.dumps(o) + "\n" for o in [{"id": 1, "text": "ViÖt Nam"}, {"id": "b", "text": "qwrtp xyzzy fghjk"}]
    )
    done = subprocess.run(
        [sys.executable, "-m", "ct05.textcheck", "normalize"], input=lines.encode(), capture_output=True, check=True
    )
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert out[0] == {"id": 1, "text": "Việt Nam", "repaired": True, "encoding": "tcvn3", "readable": True}
    assert out[1]["readable"] is False and out[1]["repaired"] is False and "message" in out[1]
