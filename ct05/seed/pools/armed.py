"""Party cells of the armed forces: police, military and border guard."""

from __future__ import annotations

from ct05.seed.pools.posts import Post, Profile

POLICE = Profile(
    heads=(
        Post(
            "Trưởng Công an",
            (
                "Chỉ đạo bảo đảm an ninh chính trị, trật tự an toàn xã hội trên địa bàn {unit}",
                "Chủ trì đấu tranh phòng chống tội phạm ma túy trên địa bàn {unit}",
            ),
            ages=(35, 52),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Phó Trưởng Công an",
            (
                "Phụ trách công tác quản lý cư trú, căn cước trên địa bàn {unit}",
                "Phụ trách công tác phòng cháy chữa cháy và cứu nạn cứu hộ",
            ),
            ages=(30, 50),
            key_leader=True,
        ),
    ),
    staff=(
        Post(
            "Cán bộ Cảnh sát khu vực",
            (
                "Phụ trách địa bàn {n} tổ dân phố, nắm tình hình an ninh trật tự hằng ngày",
                "Kiểm tra cư trú, tạm trú tại {n} cơ sở lưu trú",
            ),
            ages=(24, 50),
            weight=3,
        ),
        Post("Cán bộ điều tra", ("Điều tra, xác minh các vụ việc trên địa bàn {unit}",), ages=(25, 48)),
        Post(
            "Cán bộ cảnh sát giao thông",
            (
                "Tuần tra, kiểm soát giao thông tuyến Quốc lộ 279 đoạn qua {unit}",
                "Xử lý vi phạm nồng độ cồn theo kế hoạch cao điểm",
            ),
            ages=(24, 48),
        ),
    ),
    female_share=0.12,
)

MILITARY = Profile(
    heads=(
        Post(
            "Chính trị viên",
            (
                "Phụ trách công tác đảng, công tác chính trị của đơn vị",
                "Giáo dục chính trị cho {n}0 chiến sĩ mới",
            ),
            ages=(30, 50),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Chỉ huy trưởng",
            (
                "Chỉ huy huấn luyện, sẵn sàng chiến đấu của đơn vị",
                "Chỉ đạo công tác tuyển quân năm {year} của {unit}",
            ),
            ages=(30, 50),
            key_leader=True,
            gender="M",
        ),
    ),
    staff=(
        Post(
            "Trung đội trưởng",
            (
                "Huấn luyện trung đội đạt yêu cầu giỏi",
                "Tham gia giúp nhân dân {unit} khắc phục hậu quả mưa lũ",
            ),
            ages=(24, 40),
            gender="M",
            weight=2,
        ),
        Post("Nhân viên hậu cần", ("Quản lý quân trang, quân lương, tăng gia sản xuất của đơn vị",), ages=(24, 45)),
        Post(
            "Quân nhân chuyên nghiệp",
            (
                "Bảo quản, sửa chữa vũ khí, trang bị kỹ thuật",
                "Trực sẵn sàng chiến đấu theo lịch của đơn vị",
            ),
            ages=(24, 45),
            weight=2,
        ),
        Post("Dân quân thường trực", ("Tuần tra bảo vệ mục tiêu trên địa bàn {unit}",), ages=(20, 30), gender="M"),
    ),
    female_share=0.05,
)

BORDER = Profile(
    heads=(
        Post(
            "Chính trị viên Đồn",
            ("Phụ trách công tác đảng, công tác chính trị và vận động quần chúng của Đồn",),
            ages=(32, 50),
            key_leader=True,
            gender="M",
        ),
        Post(
            "Đồn trưởng",
            ("Chỉ huy quản lý, bảo vệ đoạn biên giới do Đồn phụ trách",),
            ages=(32, 50),
            key_leader=True,
            gender="M",
        ),
    ),
    staff=(
        Post(
            "Đội trưởng Đội Vận động quần chúng",
            (
                "Giúp đỡ {n} hộ nghèo bản {place} trong chương trình Nâng bước em tới trường",
                "Phụ trách cán bộ đồn biên phòng tăng cường về bản {place}",
            ),
            ages=(28, 45),
            gender="M",
        ),
        Post(
            "Cán bộ trinh sát",
            ("Nắm tình hình tuyến biên giới, phòng chống buôn bán ma túy, mua bán người",),
            ages=(25, 45),
            gender="M",
            weight=2,
        ),
        Post(
            "Nhân viên tuần tra",
            (
                "Tuần tra song phương, bảo vệ mốc quốc giới số {n}{m}",
                "Kiểm soát xuất nhập cảnh tại cửa khẩu phụ",
            ),
            ages=(22, 40),
            gender="M",
            weight=3,
        ),
        Post("Y sĩ quân y", ("Khám chữa bệnh miễn phí cho nhân dân các bản biên giới",), ages=(25, 45)),
    ),
    female_share=0.03,
)
