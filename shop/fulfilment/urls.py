from django.urls import path

from shop.fulfilment import views

app_name = "fulfilment"

urlpatterns = [
    path("certificates/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("cancellations/", views.cancellation_history, name="cancellation_history"),
    path("cancellations/csv/", views.cancellation_history_csv, name="cancellation_history_csv"),
]
