from django.urls import path

from ct05.cycle import views, views_exchange, views_followup, views_more

app_name = "cycle"

urlpatterns = [
    path("lam-theo/", views.registration_list, name="registration_list"),
    path("lam-theo/cua-toi/", views.my_registration, name="my_registration"),
    path("lam-theo/tao/", views.registration_new, name="registration_new"),
    path("lam-theo/kiem-tra/", views.live_check, name="live_check"),
    path("lam-theo/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("lam-theo/<int:pk>/sua/", views.registration_edit, name="registration_edit"),
    path("lam-theo/<int:pk>/nop/", views.registration_submit, name="registration_submit"),
    path("lam-theo/<int:pk>/thong-qua/", views.registration_accept, name="registration_accept"),
    path("lam-theo/<int:pk>/tra-lai/", views.registration_return, name="registration_return"),
    path("lam-theo/<int:pk>/tien-do/", views_followup.checkin, name="checkin"),
    path("lam-theo/<int:pk>/tu-danh-gia/", views_followup.self_assess, name="self_assess"),
    path("lam-theo/<int:pk>/xep-loai/", views.registration_assess, name="registration_assess"),
    path("lam-theo/<int:pk>/khoa-so/", views.registration_lock, name="registration_lock"),
    path("lam-theo/<int:pk>/phieu.docx", views_exchange.registration_docx, name="registration_docx"),
    path("lam-theo/phieu-trang/<int:member_pk>.docx", views_exchange.blank_form_docx, name="blank_form_docx"),
    path("lam-theo/so-dang-ky/<int:org_pk>.<str:fmt>", views_exchange.book, name="book"),
    path("lam-theo/xuat.xlsx", views_exchange.export, name="export"),
    path("lam-theo/nhap/", views_exchange.import_page, name="import"),
    path("lam-theo/nhap/mau.xlsx", views_exchange.import_template, name="import_template"),
    path("lam-theo/chi-so/", views_more.indicators, name="indicators"),
    path("lam-theo/chi-so/xuat.xlsx", views_more.indicators_export, name="indicators_export"),
    path("lam-theo/phan-tich/", views_more.analyze_start, name="analyze"),
    path("lam-theo/chua-dang-ky/", views_more.missing, name="missing"),
    path("lam-theo/chuyen-de/", views_more.topics, name="topics"),
    path("thong-bao/", views_more.notifications, name="notifications"),
]
