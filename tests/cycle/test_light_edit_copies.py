"""A registration copied from a colleague's with light edits (issue 16, item 6) is found by the analysis: its
matched commitments are stored as pairs, marked, counted and shown; members writing their own commitments
in the cell's wording are not."""

from __future__ import annotations

from ct05.cycle.models import Commitment, SimilarPair
from ct05.cycle.selectors import matches as msel
from ct05.cycle.services.analysis import analyze
from ct05.textcheck.copies import COPIES_VERSION
from tests.conftest import World, make_member
from tests.cycle.helpers import GENERIC, YEAR, registration, topic

ORIGINAL = (
    "Hướng dẫn 12 hộ ở bản Nà Mòn làm chuồng bò cách nhà ở trước tháng 6, có sổ theo dõi",
    "Vận động 8 gia đình cho con đến lớp đúng độ tuổi trong tháng 8, báo cáo chi bộ hằng quý",
    "Trồng 300 cây quế trên đồi Pá Khoang vào vụ xuân năm nay, lưu ảnh minh chứng",
    "Mỗi tháng họp bản một lần, ghi biên bản và đọc cho bà con nghe",
    GENERIC,
)
# About one word in ten changed, dropped or added; the items reordered.
COPY = (
    "Trồng 300 cây quế trên đồi Pá Khoang trong vụ xuân năm nay, lưu ảnh minh chứng",
    "Mỗi tháng họp bản một lần, ghi biên bản rồi đọc cho bà con nghe",
    GENERIC,
    "Hướng dẫn 12 hộ ở bản Nà Mòn làm chuồng trâu cách nhà ở trước tháng 6, có sổ theo dõi",
    "Vận động 8 gia đình đưa con đến lớp đúng độ tuổi trong tháng 8, báo cáo chi bộ hằng quý",
)
# A colleague in the same cell, same place and wording, own figures and deeds.
OWN = (
    "Hướng dẫn 5 hộ ở bản Nà Mòn làm nhà tiêu hợp vệ sinh trước tháng 9, có sổ theo dõi",
    "Vận động 3 gia đình tham gia bảo hiểm y tế trong tháng 4, báo cáo chi bộ hằng quý",
    "Trồng 40 cây mắc ca ở đầu bản Nà Mòn trong tháng 2, lưu ảnh minh chứng",
    GENERIC,
)


def test_a_light_edit_copy_is_stored_pair_by_pair_and_shown(world: World) -> None:
    topic()
    original = registration(world, texts=ORIGINAL)
    copier = make_member(world.cell1, "Lò Thị Pết", "DV0010")
    copy = registration(world, actor=world.secretary, member=copier, texts=COPY)
    colleague = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    own = registration(world, actor=world.secretary, member=colleague, texts=OWN)

    summary = analyze(year=YEAR, workers=1)

    assert summary["copied_registrations"] == 1
    assert summary["copies_version"] == COPIES_VERSION
    mine = list(original.commitments.order_by("position"))
    theirs = {c.content: c for c in copy.commitments.all()}
    for k, other in ((0, COPY[3]), (1, COPY[4]), (2, COPY[0]), (3, COPY[1])):
        a, b = sorted((mine[k].pk, theirs[other].pk))
        pair = SimilarPair.objects.get(a_id=a, b_id=b)
        assert 0.4 <= pair.similarity < 1.0
    own_ids = list(own.commitments.values_list("pk", flat=True))
    assert not SimilarPair.objects.filter(a_id__in=own_ids).exists()
    assert not SimilarPair.objects.filter(b_id__in=own_ids).exists()
    # (The stock line all three wrote word for word is marked as identical texts are, through its digest.)
    assert not Commitment.objects.filter(pk__in=own_ids, max_similarity__isnull=False).exclude(content=GENERIC)
    first = Commitment.objects.get(pk=mine[0].pk)
    assert first.max_similarity is not None

    # The cell's secretary sees the copied commitment with its match in the other registration.
    shown = msel.stored_matches(user=world.secretary, commitment=first)
    assert ["".join(text for text, _hit in m.other) for m in shown] == [COPY[3]]
    assert shown[0].same_cell and any(hit for _text, hit in shown[0].other)
