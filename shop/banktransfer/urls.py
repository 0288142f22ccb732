from django.urls import path

from . import views

app_name = "banktransfer"
urlpatterns = [
    path("choose/", views.choose, name="choose"),
    path("parts/", views.part_list, name="part_list"),
    path("parts/<int:pk>/", views.part_detail, name="part_detail"),
    path("parts/<int:pk>/in-progress/", views.part_mark_in_progress, name="part_mark_in_progress"),
    path("parts/<int:pk>/paid/", views.part_mark_paid, name="part_mark_paid"),
    path("parts/<int:pk>/notes/", views.part_note_add, name="part_note_add"),
    path("parts/<int:pk>/lines/<int:line_id>/refunded/", views.part_line_refund, name="part_line_refund"),
]
