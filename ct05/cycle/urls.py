from django.urls import path

from ct05.cycle.views import exchange, followup, indicators, notices, registrations

app_name = "cycle"

urlpatterns = [
    path("lam-theo/", registrations.registration_list, name="registration_list"),
    path("lam-theo/cua-toi/", registrations.my_registration, name="my_registration"),
    path("lam-theo/tao/", registrations.registration_new, name="registration_new"),
    path("lam-theo/kiem-tra/", registrations.live_check, name="live_check"),
    path("lam-theo/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path("lam-theo/<int:pk>/sua/", registrations.registration_edit, name="registration_edit"),
    path("lam-theo/<int:pk>/nop/", registrations.registration_submit, name="registration_submit"),
    path("lam-theo/<int:pk>/thong-qua/", registrations.registration_accept, name="registration_accept"),
    path("lam-theo/<int:pk>/tra-lai/", registrations.registration_return, name="registration_return"),
    path("lam-theo/<int:pk>/tien-do/", followup.checkin, name="checkin"),
    path("lam-theo/<int:pk>/tu-danh-gia/", followup.self_assess, name="self_assess"),
    path("lam-theo/<int:pk>/xep-loai/", registrations.registration_assess, name="registration_assess"),
    path("lam-theo/<int:pk>/khoa-so/", registrations.registration_lock, name="registration_lock"),
    path("lam-theo/<int:pk>/phieu.docx", exchange.registration_docx, name="registration_docx"),
    path("lam-theo/phieu-trang/<int:member_pk>.docx", exchange.blank_form_docx, name="blank_form_docx"),
    path("lam-theo/so-dang-ky/<int:org_pk>.<str:fmt>", exchange.book, name="book"),
    path("lam-theo/xuat.xlsx", exchange.export, name="export"),
    path("lam-theo/nhap/", exchange.import_page, name="import"),
    path("lam-theo/nhap/mau.xlsx", exchange.import_template, name="import_template"),
    path("lam-theo/chi-so/", indicators.indicators, name="indicators"),
    path("lam-theo/chi-so/xuat.xlsx", indicators.indicators_export, name="indicators_export"),
    path("lam-theo/phan-tich/", indicators.analyze_start, name="analyze"),
    path("lam-theo/chua-dang-ky/", indicators.missing, name="missing"),
    path("lam-theo/chuyen-de/", notices.topics, name="topics"),
    path("thong-bao/", notices.notifications, name="notifications"),
]
