from ct05.core.text import clean, escape_cell, fold, name_sort_key


def test_it_folds_diacritics_for_search() -> None:
    assert fold("Đảng bộ phường Mường Thanh") == "dang bo phuong muong thanh"


def test_it_cleans_nfd_and_legacy_letters() -> None:
    assert clean("  \u00d0i\u0323nh   Thi\u0323 ") == "Định Thị"


def test_it_sorts_by_given_then_middle_then_family_name() -> None:
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Đỗ Thị Ánh", "Hà Văn Ân", "Lò Thị Ăng"]
    assert sorted(names, key=name_sort_key) == [
        "Trần Thị An",
        "Lê Văn An",
        "Đỗ Thị Ánh",
        "Lò Thị Ăng",
        "Hà Văn Ân",
        "Nguyễn Văn Bình",
    ]


def test_it_puts_d_before_dd() -> None:
    assert sorted(["Lê Văn Đức", "Lê Văn Dũng"], key=name_sort_key) == ["Lê Văn Dũng", "Lê Văn Đức"]


def test_it_escapes_formula_cells() -> None:
    assert escape_cell("=SUM(A1)") == "'=SUM(A1)"
    assert escape_cell("+84 912") == "'+84 912"
    assert escape_cell("Bình thường") == "Bình thường"
    assert escape_cell(5) == 5


def test_a_given_name_without_tone_comes_before_the_same_name_with_a_tone() -> None:
    assert sorted(["Cà Thị Ánh", "Lăng Văn Anh"], key=name_sort_key) == ["Lăng Văn Anh", "Cà Thị Ánh"]


def test_it_repairs_names_typed_in_legacy_vietnamese_encodings() -> None:
    assert clean("NguyÔn ThÞ Hoµ") == "Nguyễn Thị Hoà"  # TCVN3 (.VnTime) read as Windows-1252
    assert clean("Nguyeãn Thò Hoøa") == "Nguyễn Thị Hòa"  # VNI-Times
    assert clean("Nguye^~n Thi. Ho`a") == "Nguyễn Thị Hòa"  # VIQR
    assert clean("Nguyễn Thị Hoà") == "Nguyễn Thị Hoà"
    assert clean("admin@ct05.vn (Mr. Smith)") == "admin@ct05.vn (Mr. Smith)"
