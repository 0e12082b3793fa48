"""Every records export opens, whatever characters its title has."""

import io

from openpyxl import load_workbook

from tests.conftest import World


def test_the_resolution_book_export_opens_although_its_title_has_a_colon(world: World) -> None:
    response = world.client_for(world.officer).get("/nghi-quyet/xuat/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body))
    assert ":" not in workbook.sheetnames[0]
