from django.urls import URLPattern, path

from ct05.supervision.views import missions, warnings, work

app_name = "supervision"

urlpatterns: list[URLPattern] = [
    path("giam-sat/", warnings.hub, name="hub"),
    path("giam-sat/canh-bao/", warnings.warning_list, name="warning_list"),
    path("giam-sat/canh-bao/xuat/", warnings.warning_export, name="warning_export"),
    path("giam-sat/canh-bao/danh-gia/", warnings.warning_evaluate, name="warning_evaluate"),
    path("giam-sat/ke-hoach/", warnings.plan_list, name="plan_list"),
    path("giam-sat/ke-hoach/xuat/", warnings.plan_export, name="plan_export"),
    path("giam-sat/ke-hoach/them/", warnings.plan_create, name="plan_create"),
    path("giam-sat/tu-kiem-tra/", warnings.self_inspection_list, name="self_inspection_list"),
    path("giam-sat/tu-kiem-tra/xuat/", warnings.self_inspection_export, name="self_inspection_export"),
    path("giam-sat/tu-kiem-tra/them/", warnings.self_inspection_create, name="self_inspection_create"),
    path("giam-sat/doan/", missions.mission_list, name="mission_list"),
    path("giam-sat/doan/xuat/", missions.mission_export, name="mission_export"),
    path("giam-sat/doan/them/", missions.mission_create, name="mission_create"),
    path("giam-sat/doan/<int:pk>/", missions.mission_detail, name="mission_detail"),
    path("giam-sat/doan/<int:pk>/sua/", missions.mission_edit, name="mission_edit"),
    path("giam-sat/doan/<int:pk>/thanh-vien/", missions.member_add, name="member_add"),
    path("giam-sat/doan/<int:pk>/thanh-vien/<int:member_pk>/bo/", missions.member_remove, name="member_remove"),
    path("giam-sat/doan/<int:pk>/don-vi/", missions.unit_add, name="unit_add"),
    path("giam-sat/doan/<int:pk>/don-vi/<int:unit_pk>/bo/", missions.unit_remove, name="unit_remove"),
    path("giam-sat/doan/<int:pk>/de-xuat/", missions.sample, name="sample"),
    path("giam-sat/doan/<int:pk>/bat-dau/", missions.mission_start, name="mission_start"),
    path("giam-sat/doan/<int:pk>/ket-thuc/", missions.mission_complete, name="mission_complete"),
    path("giam-sat/doan/<int:pk>/bao-cao.docx", missions.mission_report, name="mission_report"),
    path("giam-sat/doan/<int:pk>/yeu-cau/", work.request_create, name="request_create"),
    path("giam-sat/doan/<int:pk>/goi-y/", work.findings_prefill, name="findings_prefill"),
    path("giam-sat/doan/<int:pk>/ket-qua/<int:org_pk>/", work.unit_findings, name="unit_findings"),
    path("giam-sat/doan/<int:pk>/ket-qua/xet/<int:finding_pk>/", work.finding_decide, name="finding_decide"),
    path("giam-sat/doan/<int:pk>/ket-luan/", work.conclusion, name="conclusion"),
    path("giam-sat/doan/<int:pk>/nhiem-vu/them/", work.task_create, name="task_create"),
    path("giam-sat/yeu-cau/", work.request_list, name="request_list"),
    path("giam-sat/yeu-cau/xuat/", work.request_export, name="request_export"),
    path("giam-sat/yeu-cau/<int:pk>/", work.request_detail, name="request_detail"),
    path("giam-sat/tep/<int:pk>/", work.attachment_download, name="attachment_download"),
    path("giam-sat/nhiem-vu/", work.task_list, name="task_list"),
    path("giam-sat/nhiem-vu/xuat/", work.task_export, name="task_export"),
    path("giam-sat/nhiem-vu/<int:pk>/", work.task_detail, name="task_detail"),
]
