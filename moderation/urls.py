from django.urls import path

from . import views

urlpatterns = [
    path("posts/<id:post_id>/report/", views.report, name="post_report"),
    path("help/", views.help_now, name="help_now"),
    path("account/posts/", views.my_posts, name="my_posts"),
]
