from django.urls import URLPattern, path

from ct05.records.views import compliance, documents, hub, meetings, registers, standards

app_name = "records"

REGISTER_SLUGS = {
    "good_deed": "nguoi-tot-viec-tot",
    "exemplary_model": "mo-hinh",
    "commendation": "khen-thuong",
    "criticism": "phe-binh",
    "activity": "tuyen-truyen",
    "document": "van-ban",
}


def _register_urls(key: str, slug: str) -> list[URLPattern]:
    urls = [
        path(f"{slug}/", registers.register_list, {"key": key}, name=f"{key}_list"),
        path(f"{slug}/xuat/", registers.register_export, {"key": key}, name=f"{key}_export"),
        path(f"{slug}/<int:pk>/", registers.register_detail, {"key": key}, name=f"{key}_detail"),
        path(f"{slug}/<int:pk>/xoa/", registers.register_delete, {"key": key}, name=f"{key}_delete"),
    ]
    if key == "document":
        urls += [
            path(f"{slug}/them/", documents.document_create, name="document_create"),
            path(f"{slug}/<int:pk>/sua/", documents.document_edit, name="document_edit"),
            path(f"{slug}/<int:pk>/tai-ve/", documents.document_download, name="document_download"),
        ]
    else:
        urls += [
            path(f"{slug}/them/", registers.register_create, {"key": key}, name=f"{key}_create"),
            path(f"{slug}/<int:pk>/sua/", registers.register_edit, {"key": key}, name=f"{key}_edit"),
        ]
    return urls


urlpatterns: list[URLPattern] = [
    path("so-sach/", hub.records_home, name="records_home"),
    path("sinh-hoat/", meetings.meeting_list, name="meeting_list"),
    path("sinh-hoat/xuat/", meetings.meeting_export, name="meeting_export"),
    path("sinh-hoat/them/", meetings.meeting_create, name="meeting_create"),
    path("sinh-hoat/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("sinh-hoat/<int:pk>/sua/", meetings.meeting_edit, name="meeting_edit"),
    path("sinh-hoat/<int:pk>/diem-danh/", meetings.meeting_attendance, name="meeting_attendance"),
    path("sinh-hoat/<int:pk>/y-kien/", meetings.meeting_contributions, name="meeting_contributions"),
    path("sinh-hoat/<int:pk>/nghi-quyet/", meetings.meeting_resolution, name="meeting_resolution"),
    path("sinh-hoat/<int:pk>/bien-ban.docx", meetings.meeting_minutes, name="meeting_minutes"),
    path("sinh-hoat/<int:pk>/xoa/", meetings.meeting_delete, name="meeting_delete"),
    path("nghi-quyet/", meetings.item_list, name="item_list"),
    path("nghi-quyet/xuat/", meetings.item_export, name="item_export"),
    path("nghi-quyet/<int:pk>/", meetings.item_detail, name="item_detail"),
    path("tuan-thu/<int:pk>/", compliance.calendar_page, name="compliance_calendar"),
    path("tuan-thu/<int:pk>/xuat/", compliance.calendar_export, name="compliance_export"),
    path("chuan-muc/", standards.standard_list, name="standard_list"),
    path("chuan-muc/xuat/", standards.standard_export, name="standard_export"),
    path("chuan-muc/<int:pk>/", standards.standard_detail, name="standard_detail"),
    path("chuan-muc/<int:pk>/sua/", standards.standard_edit, name="standard_edit"),
    path("chuan-muc/<int:pk>/kiem-tra/", standards.standard_check, name="standard_check"),
    path("chuan-muc/<int:pk>/ra-soat/", standards.standard_review, name="standard_review"),
    path("mo-hinh/<int:pk>/nhan-rong/", registers.replication_add, name="replication_add"),
]
for _key, _slug in REGISTER_SLUGS.items():
    urlpatterns += _register_urls(_key, _slug)
