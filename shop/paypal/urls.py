from django.urls import path

from . import views

app_name = "paypal"
urlpatterns = [
    path("webhook/", views.webhook, name="webhook"),
]
