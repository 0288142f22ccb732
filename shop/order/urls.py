from django.urls import path

from shop.order import views

urlpatterns = [
    path("<str:token>/", views.order_status, name="order-status"),
]
