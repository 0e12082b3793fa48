from tests.conftest import World


def test_it_serves_the_org_tree_to_the_province_admin(world: World) -> None:
    response = world.client_for(world.admin).get("/to-chuc/")
    assert response.status_code == 200
    assert "Tỉnh ủy Điện Biên" in response.content.decode()
