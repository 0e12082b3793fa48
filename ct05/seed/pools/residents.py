"""Residential cells: tổ dân phố in towns and bản in the countryside (retirees, veterans, workers, traders)."""

from __future__ import annotations

from ct05.seed.pools.posts import Post, Profile

_RETIREE = Post(
    "Cán bộ hưu trí",
    (
        "Tham gia tổ hòa giải ở cơ sở của {place}",
        "Vận động {n} hộ gia đình ở ngõ {m} giữ gìn vệ sinh môi trường, phân loại rác tại nguồn",
        "Tham gia Ban công tác Mặt trận {place}",
        "Sinh hoạt Hội Người cao tuổi, duy trì câu lạc bộ dưỡng sinh của {place}",
        "Kèm cặp, giúp đỡ {n} thanh niên trong {place} tránh xa ma túy, tệ nạn xã hội",
        "Phụ trách tủ sách pháp luật của {place}",
        "Tham gia tổ an ninh trật tự và phòng cháy chữa cháy của {place}",
        "Theo dõi, bồi dưỡng quần chúng ưu tú để giới thiệu kết nạp Đảng",
        "Tham gia giám sát của Ban Thanh tra nhân dân {unit}",
    ),
    ages=(60, 89),
    weight=6,
)
_VETERAN = Post(
    "Cựu chiến binh",
    (
        "Giáo dục truyền thống cách mạng cho thanh thiếu niên {place}",
        "Tham gia tuần tra an ninh trật tự ban đêm cùng tổ dân phòng {place}",
        "Vận động hội viên Cựu chiến binh {place} phát triển kinh tế gia đình",
    ),
    ages=(58, 86),
    gender="M",
    weight=2,
)
_WORKER_RESIDENT = Post(
    "Viên chức, người lao động đang công tác",
    (
        "Sinh hoạt hai chiều, thực hiện nhiệm vụ đảng viên đang công tác nơi cư trú tại {place}",
        "Tham gia các phong trào của {place}; đóng góp ý kiến xây dựng tổ dân phố văn minh",
    ),
    ages=(28, 58),
    weight=2,
)
_TRADER = Post(
    "Kinh doanh, dịch vụ",
    (
        "Thực hiện đăng ký kinh doanh, kê khai thuế đúng quy định; vận động các hộ kinh doanh {place} làm theo",
        "Bảo đảm an toàn vệ sinh thực phẩm tại cơ sở kinh doanh gia đình",
    ),
    ages=(30, 62),
)

RESIDENTIAL = Profile(
    heads=(
        Post(
            "Tổ trưởng tổ dân phố",
            (
                "Điều hành hoạt động của {place}; tổ chức họp tổ dân phố hằng tháng",
                "Theo dõi biến động nhân khẩu của {n}0 hộ gia đình {place}, báo cáo Công an phường",
                "Vận động nhân dân {place} đóng góp làm đường, rãnh thoát nước ngõ {m}",
            ),
            ages=(50, 72),
            key_leader=True,
        ),
        Post(
            "Trưởng ban công tác Mặt trận tổ dân phố",
            (
                "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở {place}",
                "Tập hợp ý kiến, kiến nghị của nhân dân {place} gửi Ủy ban Mặt trận Tổ quốc {unit}",
                "Vận động quỹ Vì người nghèo, hỗ trợ {n} hộ khó khăn của {place}",
            ),
            ages=(55, 75),
        ),
        Post(
            "Chi hội trưởng Chi hội Phụ nữ",
            (
                "Vận động hội viên phụ nữ {place} thực hiện phong trào xây dựng gia đình 5 không 3 sạch",
                "Quản lý tổ tiết kiệm, vay vốn của {n}0 hội viên",
            ),
            ages=(40, 65),
            gender="F",
        ),
        Post(
            "Chi hội trưởng Chi hội Cựu chiến binh",
            (
                "Tổ chức sinh hoạt chi hội Cựu chiến binh {place} hằng quý",
                "Tham gia giải quyết mâu thuẫn, hòa giải ở cơ sở tại {place}",
            ),
            ages=(58, 80),
            gender="M",
        ),
        Post(
            "Tổ trưởng tổ an ninh trật tự",
            (
                "Phối hợp Công an phường nắm tình hình an ninh trật tự {place}",
                "Kiểm tra phòng cháy chữa cháy ở các hộ kinh doanh {place}",
            ),
            ages=(35, 60),
            gender="M",
        ),
    ),
    staff=(_RETIREE, _VETERAN, _WORKER_RESIDENT, _TRADER),
    female_share=0.42,
)

VILLAGE = Profile(
    heads=(
        Post(
            "Trưởng bản",
            (
                "Điều hành hoạt động của {place}; tổ chức họp bản hằng tháng",
                "Vận động nhân dân {place} không tảo hôn, không kết hôn cận huyết thống",
                "Vận động nhân dân {place} hiến đất làm đường bê tông nội bản",
            ),
            ages=(32, 60),
            key_leader=True,
        ),
        Post(
            "Tổ trưởng tổ bảo vệ an ninh, trật tự ở cơ sở",
            (
                "Nắm tình hình di cư tự do, xuất nhập cảnh trái phép ở {place}",
                "Tuyên truyền phòng chống ma túy, mua bán người cho nhân dân {place}",
            ),
            ages=(25, 50),
            gender="M",
        ),
        Post(
            "Chi hội trưởng Chi hội Nông dân",
            (
                "Hướng dẫn {n} hộ ở {place} trồng cà phê, mắc ca theo quy trình kỹ thuật",
                "Vận động hội viên {place} tiêm phòng cho đàn gia súc, gia cầm",
            ),
            ages=(30, 58),
        ),
        Post(
            "Chi hội trưởng Chi hội Phụ nữ",
            (
                "Vận động phụ nữ {place} sinh con tại trạm y tế, tiêm chủng đầy đủ cho trẻ",
                "Duy trì tổ dệt thổ cẩm của {n} hội viên {place}",
            ),
            ages=(25, 55),
            gender="F",
        ),
        Post(
            "Bí thư Chi đoàn thanh niên",
            (
                "Tổ chức thanh niên {place} làm vệ sinh đường bản, trồng cây xanh",
                "Vận động thanh niên {place} tham gia nghĩa vụ quân sự",
            ),
            ages=(22, 32),
        ),
        Post(
            "Nhân viên y tế thôn, bản",
            (
                "Theo dõi sức khỏe phụ nữ có thai và trẻ dưới 5 tuổi ở {place}",
                "Phát hiện, báo cáo sớm ca bệnh truyền nhiễm ở {place}",
            ),
            ages=(25, 50),
        ),
    ),
    staff=(
        Post(
            "Làm nông nghiệp",
            (
                "Trồng và chăm sóc {n} ha lúa, ngô của gia đình theo đúng lịch thời vụ",
                "Nhận khoán bảo vệ {n}0 ha rừng cộng đồng {place}",
                "Giúp đỡ {n} hộ nghèo ở {place} về giống, kỹ thuật chăn nuôi",
                "Vận động {n} hộ gia đình ở {place} đưa trẻ đến trường đúng độ tuổi",
            ),
            ages=(24, 65),
            weight=8,
        ),
        Post(
            "Người có uy tín trong cộng đồng",
            (
                "Vận động đồng bào {place} bỏ hủ tục trong ma chay, cưới hỏi",
                "Tham gia hòa giải mâu thuẫn trong cộng đồng {place}",
            ),
            ages=(55, 80),
            gender="M",
            weight=2,
        ),
        Post(
            "Giáo viên cắm bản",
            (
                "Dạy lớp ghép điểm trường {place}",
                "Vận động học sinh {place} bỏ học trở lại lớp",
            ),
            ages=(24, 50),
            weight=2,
        ),
        _RETIREE,
    ),
    female_share=0.3,
)
