from django.urls import path

from . import views

app_name = "paypal"
urlpatterns = [
    path("webhook/", views.webhook, name="webhook"),
    path("pay/", views.pay, name="pay"),
    path("return/", views.paypal_return, name="return"),
    path("cancel/", views.paypal_cancel, name="cancel"),
]
